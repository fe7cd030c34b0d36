"""A questionnaire's scores over time as one SVG element. Pure: dataclasses in, SVG text out, no Django.

The caller passes every text already translated and dates already formatted; all text is XML-escaped
here. Presentation attributes only (no ``style``), so the chart works under a strict Content-Security-
Policy and in print; a page stylesheet can still override colours.

An undefined score (too many items skipped) is a gap: the line breaks there and a dashed guide marks the
date, never a point at 0. Points sit on a time axis, so the distance between two dots is the time between
two moments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"
INK = "#1f2523"
MUTED = "#5a615d"
TEAL = "#0a5c5a"
GRID = "#d6d0c4"
BAND_FILLS = ("#ffffff", "#f3f0ea")  # alternate, so each band reads as its own stripe
GAP = "#6e7672"


@dataclass(frozen=True)
class TrendPoint:
    day: date
    value: float | None  # None: undefined, drawn as a gap
    label: str  # the whole point in words, for its tooltip: "3 maart 2026: Matig eenzaam, 3 van 6"
    axis_label: str  # short date under the axis: "mrt 2026"


@dataclass(frozen=True)
class TrendBand:
    low: int
    high: int
    label: str


@dataclass(frozen=True)
class TrendChart:
    title: str
    description: str
    y_min: int
    y_max: int
    points: Sequence[TrendPoint]
    bands: Sequence[TrendBand] = ()
    # The values that get a grid line and a number; empty: every whole value from y_min to y_max (fine for a
    # questionnaire of 0 to 6, a wall of lines for 0 to 100 %).
    ticks: Sequence[int] = ()


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the width of ``text`` in a sans-serif font (no font metrics on the server)."""
    return len(text) * size * 0.58


def render_trend(
    chart: TrendChart,
    *,
    id_prefix: str = "trend",
    width: int = 640,
    height: int = 280,
    font_size: int = 16,
    band_labels: bool = True,
    css_class: str = "trend-chart",
) -> str:
    """The chart as an ``<svg role="img">`` with a title and a description."""
    small = font_size - 2
    band_gutter = 0
    if band_labels and chart.bands:
        band_gutter = int(max(_text_width(b.label, small) for b in chart.bands)) + 16
    ticks = chart.ticks or range(chart.y_min, chart.y_max + 1)
    widest = max((_text_width(str(value), font_size) for value in ticks), default=0)
    left, right, top, bottom = max(int(font_size * 2.2), int(widest) + 12), band_gutter + 8, 12, int(font_size * 2.4)
    plot_w, plot_h = width - left - right, height - top - bottom
    lo, hi = chart.y_min - 0.5, chart.y_max + 0.5

    def y_of(value: float) -> float:
        return top + (hi - value) / (hi - lo) * plot_h

    days = [p.day.toordinal() for p in chart.points]
    first, last = (min(days), max(days)) if days else (0, 0)
    inset = min(28, plot_w / 8)

    def x_of(day: date) -> float:
        if last == first:
            return left + plot_w / 2
        return left + inset + (day.toordinal() - first) / (last - first) * (plot_w - 2 * inset)

    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class={quoteattr(css_class)} viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" font-family={quoteattr(FONT_FAMILY)} '
        f'font-size="{font_size}" data-points="{len(chart.points)}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    # Bands: stripes behind the plot, each named beside it in the right-hand gutter.
    for index, band in enumerate(chart.bands):
        y1, y2 = y_of(min(band.high + 0.5, hi)), y_of(max(band.low - 0.5, lo))
        out.append(
            f'<rect class="trend-chart__band" x="{left}" y="{_num(y1)}" width="{plot_w}" height="{_num(y2 - y1)}" '
            f'fill="{BAND_FILLS[index % 2]}"/>'
        )
        if band_labels:
            out.append(
                f'<text x="{left + plot_w + 10}" y="{_num((y1 + y2) / 2)}" dominant-baseline="middle" '
                f'font-size="{small}" fill="{MUTED}">{escape(band.label)}</text>'
            )
    # Value grid and axis numbers.
    for value in ticks:
        y = _num(y_of(value))
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y}" y2="{y}" stroke="{GRID}" stroke-width="1"/>')
        out.append(
            f'<text x="{left - 8}" y="{y}" text-anchor="end" dominant-baseline="middle" fill="{MUTED}">{value}</text>'
        )
    out.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="{GRID}" stroke-width="1"/>'
    )
    # Dates under the axis: as many as fit without touching, always the first and the last.
    axis_y = top + plot_h + font_size * 1.4
    for point in _axis_points(chart.points, x_of, small):
        out.append(
            f'<text x="{_num(x_of(point.day))}" y="{_num(axis_y)}" text-anchor="middle" font-size="{small}" '
            f'fill="{MUTED}">{escape(point.axis_label)}</text>'
        )
    # Gaps: a dashed guide at the date of an undefined score.
    for point in chart.points:
        if point.value is None:
            x = _num(x_of(point.day))
            out.append(
                f'<line class="trend-chart__gap" x1="{x}" x2="{x}" y1="{top}" y2="{top + plot_h}" stroke="{GAP}" '
                f'stroke-width="1.5" stroke-dasharray="4 4" data-gap="{point.day.isoformat()}">'
                f"<title>{escape(point.label)}</title></line>"
            )
    # The line, broken at every undefined score, then the dots on top.
    for segment in _segments(chart.points):
        if len(segment) > 1:
            path = " ".join(f"{_num(x_of(p.day))},{_num(y_of(p.value))}" for p in segment)
            out.append(
                f'<polyline class="trend-chart__line" points="{path}" fill="none" stroke="{TEAL}" '
                'stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>'
            )
    for point in chart.points:
        if point.value is not None:
            out.append(
                f'<circle class="trend-chart__point" cx="{_num(x_of(point.day))}" cy="{_num(y_of(point.value))}" '
                f'r="6" fill="{TEAL}" stroke="#ffffff" stroke-width="2" data-value="{point.value}" '
                f'data-day="{point.day.isoformat()}"><title>{escape(point.label)}</title></circle>'
            )
    out.append("</svg>")
    return "".join(out)


def render_sparkline(chart: TrendChart, *, id_prefix: str = "spark", width: int = 160, height: int = 44) -> str:
    """A small trend without axes, for a list: the line, its dots and gaps; the title says it in words."""
    pad = 6
    lo, hi = chart.y_min, chart.y_max
    days = [p.day.toordinal() for p in chart.points]
    first, last = (min(days), max(days)) if days else (0, 0)

    def x_of(day: date) -> float:
        if last == first:
            return width / 2
        return pad + (day.toordinal() - first) / (last - first) * (width - 2 * pad)

    def y_of(value: float) -> float:
        return pad + (hi - value) / ((hi - lo) or 1) * (height - 2 * pad)

    title_id = f"{id_prefix}-title"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-spark" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{title_id}" data-points="{len(chart.points)}">',
        f'<title id="{title_id}">{escape(chart.title)}: {escape(chart.description)}</title>',
        f'<line x1="0" x2="{width}" y1="{height - 1}" y2="{height - 1}" stroke="{GRID}" stroke-width="1"/>',
    ]
    for point in chart.points:
        if point.value is None:
            x = _num(x_of(point.day))
            out.append(
                f'<line x1="{x}" x2="{x}" y1="{pad}" y2="{height - pad}" stroke="{GAP}" stroke-width="1.5" '
                f'stroke-dasharray="3 3" data-gap="{point.day.isoformat()}"/>'
            )
    for segment in _segments(chart.points):
        if len(segment) > 1:
            path = " ".join(f"{_num(x_of(p.day))},{_num(y_of(p.value))}" for p in segment)
            out.append(f'<polyline points="{path}" fill="none" stroke="{TEAL}" stroke-width="2.5"/>')
    for point in chart.points:
        if point.value is not None:
            out.append(
                f'<circle cx="{_num(x_of(point.day))}" cy="{_num(y_of(point.value))}" r="3.5" fill="{TEAL}" '
                f'data-value="{point.value}"/>'
            )
    out.append("</svg>")
    return "".join(out)


def _segments(points: Sequence[TrendPoint]) -> list[list[TrendPoint]]:
    """Runs of defined points in date order; an undefined point ends a run."""
    runs: list[list[TrendPoint]] = [[]]
    for point in sorted(points, key=lambda p: p.day):
        if point.value is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _axis_points(points: Sequence[TrendPoint], x_of, size: float) -> list[TrendPoint]:
    """The points whose date is written under the axis: first and last always, others where they fit."""
    ordered = sorted(points, key=lambda p: p.day)
    if not ordered:
        return []

    def half(point: TrendPoint) -> float:
        return _text_width(point.axis_label, size) / 2 + 6

    chosen = [ordered[0]]
    for point in ordered[1:]:
        previous = chosen[-1]
        if point.axis_label == previous.axis_label:
            continue
        if x_of(point.day) - half(point) >= x_of(previous.day) + half(previous):
            chosen.append(point)
    last = ordered[-1]
    if chosen[-1] is not last and last.axis_label != chosen[-1].axis_label:
        while len(chosen) > 1 and x_of(last.day) - half(last) < x_of(chosen[-1].day) + half(chosen[-1]):
            chosen.pop()
        if x_of(last.day) - half(last) >= x_of(chosen[-1].day) + half(chosen[-1]):
            chosen.append(last)
    return chosen
