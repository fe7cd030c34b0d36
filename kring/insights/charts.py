"""A horizontal bar chart as one SVG element, for the dashboards. Pure: dataclasses in, SVG text out.

Each bar has its label on a line of its own above it (long Dutch names of the what-works elements fit at
any width) and its value written after it. A bar without a value (suppressed, or nothing to show) draws no
bar, only its value text, such as "minder dan 5" or "—". The caller passes every text already translated
and formatted; all text is XML-escaped here. Presentation attributes only (no ``style``), for a strict
Content-Security-Policy and for print; the page's stylesheet may override colours through the classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from kring.measures.trend_svg import FONT_FAMILY, GRID, INK, MUTED, TEAL

TONES = {"": TEAL, "start": "#8a6d1f", "now": TEAL}  # "start" a dark ochre: 4.5:1 on white, apart from teal


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: no bar (suppressed or unknown)
    value_label: str  # written after the bar: "12", "75%", "minder dan 5", "—"
    tone: str = ""  # "" / "now" teal, "start" ochre


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: Sequence[Bar]
    max_value: float | None = None  # the value of a full-width bar; default the largest value


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the width of ``text`` in a sans-serif font (no font metrics on the server)."""
    return len(text) * size * 0.58


def render_bars(chart: BarChart, *, id_prefix: str = "bars", width: int = 640, font_size: int = 16) -> str:
    """The chart as an ``<svg role="img">`` with a title and a description."""
    bar_height, label_gap, row_gap, top = 20, 6, 14, 4
    row_height = font_size + label_gap + bar_height + row_gap
    height = top + max(1, len(chart.bars)) * row_height
    values = [b.value for b in chart.bars if b.value is not None]
    largest = chart.max_value if chart.max_value is not None else max(values, default=0)
    value_room = max((_text_width(b.value_label, font_size) for b in chart.bars), default=0) + 12
    plot_w = width - value_room - 2
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family={quoteattr(FONT_FAMILY)} font-size="{font_size}" '
        f'data-bars="{len(chart.bars)}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    for index, bar in enumerate(chart.bars):
        y = top + index * row_height
        bar_y = y + font_size + label_gap
        out.append(f'<text x="0" y="{y + font_size - 3}" fill="{INK}">{escape(bar.label)}</text>')
        out.append(
            f'<line x1="0" x2="0" y1="{bar_y - 2}" y2="{bar_y + bar_height + 2}" stroke="{GRID}" stroke-width="2"/>'
        )
        length = 0.0
        if bar.value is not None and bar.value > 0 and largest > 0:
            length = max(2.0, bar.value / largest * plot_w)
            tone = bar.tone if bar.tone in TONES else ""
            out.append(
                f'<rect class="bar-chart__bar bar-chart__bar--{tone or "now"}" x="0" y="{bar_y}" '
                f'width="{_num(length)}" height="{bar_height}" rx="3" fill="{TONES[tone]}" data-value="{bar.value}">'
                f"<title>{escape(bar.label)}: {escape(bar.value_label)}</title></rect>"
            )
        fill = INK if bar.value is not None else MUTED
        out.append(
            f'<text x="{_num(length + 8)}" y="{bar_y + bar_height / 2}" dominant-baseline="middle" fill="{fill}">'
            f"{escape(bar.value_label)}</text>"
        )
    out.append("</svg>")
    return "".join(out)
