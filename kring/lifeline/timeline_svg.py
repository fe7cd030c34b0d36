"""The lifeline (levenslijn) as one SVG element: pure Python, no Django.

Events come in as :class:`TimelineEvent` (texts already translated and formatted by the caller); every
piece of text is XML-escaped here. Presentation attributes only (no ``style``), so the drawing looks the
same inline under a strict Content-Security-Policy, printed, and as a file.

How it reads, without relying on colour:

- time runs left to right along a line, in rows like the lines of a page; a row that goes on ends in an
  arrow, so 40 events make more rows (the page grows downwards), never a wider picture;
- a good time is a card ABOVE the line with an upward triangle (▲), a hard time a card BELOW the line with
  a downward triangle (▼); "both" is a diamond (◆) on whichever side has room first;
- an approximate date has a dashed card, a dashed stem and a hollow marker, and its date says so in words
  ("rond 2015");
- events are placed in date order, each at its own spot on the line; a card never overlaps another card,
  however many events share a year (positions follow the order of events, not a scale of years);
- the client's birth year, when known, is where the line starts.

Sizes are in px of a drawing ``WIDTH`` wide, which the page shows at its natural size on a tablet
(768 px), so the smallest text is ``FONT_SIZE`` (15 px) there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kring.network.layout import fit_text, text_width

TONES = ("good", "hard", "mixed")
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"

INK = "#1f2523"
MUTED = "#5a615d"
AXIS = "#5a615d"
TONE_COLOURS = {"good": "#237a4b", "hard": "#b42318", "mixed": "#8a5a00"}
CARD_FILLS = {"good": "#eef7f1", "hard": "#fcefed", "mixed": "#faf3e3"}

WIDTH = 680
MARGIN = 6
CARD_WIDTH = 180
CARD_PAD = 8
CARD_GAP = 10  # between two cards on the same side of the line
LEAD = 14  # a card starts this far left of its marker, so its stem sits near the card's left edge
MARKER_GAP = 34  # the least distance between two markers on the line
MARKER_SIZE = 9
STEM = 20  # from the line to the nearest edge of a card
AXIS_ROOM = 16  # above or below the line, in a row without cards on that side
ROW_GAP = 28
FONT_SIZE = 15
LINE_HEIGHT = 20
DATE_LINES = 2  # "rond september 2015" may need two lines; a date is never cut short
TITLE_LINES = 3
PEOPLE_LINES = 3
ICON_ROOM = 18  # the tone icon before the date on a card


@dataclass(frozen=True)
class TimelineEvent:
    id: int
    year: int
    month: int | None
    tone: str  # good | hard | mixed
    approximate: bool
    date_label: str  # "maart 2015", "rond 2015"
    title: str
    people: str = ""  # "met Moeder Fatiha en Broer Youssef"; empty: nobody named
    tooltip: str = ""  # the whole story in one line, shown on hover (the card may cut the title short)


@dataclass(frozen=True)
class TimelineText:
    title: str
    description: str
    legend: dict[str, str]  # good, hard, mixed, approximate -> text; a missing key is left out
    birth: str | None = None  # "geboren 1979" on the line; None when the birth year is unknown
    birth_year: int | None = None  # where the birth goes among the events (None: at the start)


@dataclass
class PlacedEvent:
    event: TimelineEvent
    x: float  # the marker on the line
    side: str  # above | below
    date_lines: list[str]
    lines: list[str]  # title lines
    people_lines: list[str]
    height: float
    row: int = 0


@dataclass
class Row:
    events: list[PlacedEvent] = field(default_factory=list)
    birth_x: float | None = None  # the left end of the birth label on this row's line
    top: float = 0.0
    axis_y: float = 0.0
    bottom: float = 0.0


# --- small helpers ------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _esc(text: object) -> str:
    """Text safe inside an XML element or a double-quoted attribute (characters XML forbids are dropped)."""
    value = _NOT_XML.sub("", str(text))
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _el(name: str, attrs: dict[str, object], content: str | None = None) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        parts.append(f' {key}="{_esc(_n(value) if isinstance(value, float) else value)}"')
    if content is None:
        return f"<{name}{''.join(parts)}/>"
    return f"<{name}{''.join(parts)}>{content}</{name}>"


def wrap(text: str, font_size: float, width: float, max_lines: int, *, bold: bool = False) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; what does not fit ends the last line in "…"."""
    lines: list[str] = []
    line = ""
    for word in str(text).split():
        trial = f"{line} {word}" if line else word
        if not line or text_width(trial, font_size, bold=bold) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    return [fit_text(one, font_size, width, bold=bold) for one in lines] or [""]


# --- layout -------------------------------------------------------------------------------------------

TEXT_WIDTH = CARD_WIDTH - 2 * CARD_PAD
ROW_START = MARGIN + LEAD
ROW_END = WIDTH - MARGIN - CARD_WIDTH + LEAD  # the last marker position where a card still fits


def _card(event: TimelineEvent) -> tuple[list[str], list[str], list[str], float]:
    """The lines of a card (date, title, people) and its height."""
    date = wrap(event.date_label, FONT_SIZE, TEXT_WIDTH - ICON_ROOM, DATE_LINES, bold=True)
    lines = wrap(event.title, FONT_SIZE, TEXT_WIDTH, TITLE_LINES)
    people = wrap(event.people, FONT_SIZE, TEXT_WIDTH, PEOPLE_LINES) if event.people else []
    height = 2 * CARD_PAD + LINE_HEIGHT * (len(date) + len(lines) + len(people)) + 2
    return date, lines, people, height


def _sides(tone: str) -> tuple[str, ...]:
    return {"good": ("above",), "hard": ("below",)}.get(tone, ("above", "below"))


def _birth_width(text: TimelineText) -> float:
    return text_width(text.birth, FONT_SIZE, bold=True) + 2 * CARD_PAD if text.birth else 0.0


def sort_key(event: TimelineEvent) -> tuple[int, int, int]:
    return event.year, event.month or 0, event.id


def layout_rows(events: Sequence[TimelineEvent], text: TimelineText) -> list[Row]:
    """Events in date order on rows; on each side of the line the cards of a row never overlap.

    The birth label sits on the line in date order too: at the start, unless the lifeline begins earlier
    (a parent who came to the Netherlands before the client was born).
    """
    rows = [Row()]
    last_x: float | None = None  # the last marker (or the birth label, as if it were one) on this row
    side_end = {"above": float("-inf"), "below": float("-inf")}

    def new_row() -> None:
        nonlocal last_x, side_end
        rows.append(Row())
        last_x, side_end = None, {"above": float("-inf"), "below": float("-inf")}

    def place_birth() -> None:
        nonlocal last_x
        width = _birth_width(text)
        left = MARGIN if last_x is None else last_x + MARKER_SIZE + CARD_GAP
        if left + width > WIDTH - MARGIN - 2 * MARKER_SIZE:
            new_row()
            left = MARGIN
        rows[-1].birth_x = left
        # The next marker keeps clear of the label's right end.
        last_x = left + width + MARKER_SIZE + CARD_GAP - MARKER_GAP

    birth_due = bool(text.birth)
    for event in sorted(events, key=sort_key):
        if birth_due and (text.birth_year is None or sort_key(event) >= (text.birth_year, 0, 0)):
            place_birth()
            birth_due = False
        date, lines, people, height = _card(event)
        for attempt in range(2):
            start = ROW_START if last_x is None else max(ROW_START, last_x + MARKER_GAP)
            options = [(max(start, side_end[side] + CARD_WIDTH + CARD_GAP), side) for side in _sides(event.tone)]
            x, side = min(options, key=lambda option: option[0])
            if x <= ROW_END or attempt == 1 or last_x is None:
                break
            new_row()
        rows[-1].events.append(PlacedEvent(event, x, side, date, lines, people, height, row=len(rows) - 1))
        last_x = x
        side_end[side] = x
    if birth_due:
        place_birth()
    return rows


def _place_rows(rows: list[Row], top: float) -> float:
    """Give each row its vertical place; returns the bottom of the last row."""
    y = top
    for row in rows:
        above = max((p.height for p in row.events if p.side == "above"), default=0.0)
        below = max((p.height for p in row.events if p.side == "below"), default=0.0)
        row.top = y
        row.axis_y = y + (above + STEM if above else AXIS_ROOM)
        row.bottom = row.axis_y + (STEM + below if below else AXIS_ROOM)
        y = row.bottom + ROW_GAP
    return rows[-1].bottom if rows else top


# --- drawing ------------------------------------------------------------------------------------------


def _shape(tone: str, x: float, y: float, size: float) -> str:
    """The tone's marker as an SVG path centred on (x, y): ▲ good, ▼ hard, ◆ both."""
    if tone == "good":
        points = [(x, y - size), (x + size, y + size * 0.75), (x - size, y + size * 0.75)]
    elif tone == "hard":
        points = [(x, y + size), (x + size, y - size * 0.75), (x - size, y - size * 0.75)]
    else:
        points = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    return "M" + " L".join(f"{_n(px)} {_n(py)}" for px, py in points) + " Z"


def _marker(tone: str, x: float, y: float, size: float, approximate: bool, cls: str) -> str:
    colour = TONE_COLOURS.get(tone, INK)
    return _el(
        "path",
        {
            "class": cls,
            "d": _shape(tone, x, y, size),
            "fill": "#ffffff" if approximate else colour,
            "stroke": colour,
            "stroke-width": 2.5 if approximate else 1.5,
            "stroke-dasharray": "3 2" if approximate else None,
            "stroke-linejoin": "round",
        },
    )


def _text(x: float, y: float, content: str, *, size: float = FONT_SIZE, bold: bool = False, fill: str = INK) -> str:
    return _el(
        "text",
        {"x": float(x), "y": float(y), "font-size": size, "font-weight": 650 if bold else None, "fill": fill},
        _esc(content),
    )


def _event_svg(placed: PlacedEvent, row: Row, prefix: str) -> str:
    event = placed.event
    tone = event.tone if event.tone in TONES else "mixed"
    x, axis_y = placed.x, row.axis_y
    left = max(MARGIN, x - LEAD)
    if placed.side == "above":
        card_y = axis_y - STEM - placed.height
        stem = (axis_y - MARKER_SIZE, axis_y - STEM)
    else:
        card_y = axis_y + STEM
        stem = (axis_y + MARKER_SIZE, axis_y + STEM)
    colour = TONE_COLOURS[tone]
    parts = []
    if event.tooltip:
        parts.append(_el("title", {}, _esc(event.tooltip)))
    parts.append(
        _el(
            "line",
            {
                "class": "life-event__stem",
                "x1": float(x),
                "y1": float(stem[0]),
                "x2": float(x),
                "y2": float(stem[1]),
                "stroke": colour,
                "stroke-width": 2,
                "stroke-dasharray": "4 3" if event.approximate else None,
            },
        )
    )
    parts.append(
        _el(
            "rect",
            {
                "class": "life-event__card",
                "x": float(left),
                "y": float(card_y),
                "width": CARD_WIDTH,
                "height": float(placed.height),
                "rx": 6,
                "fill": CARD_FILLS[tone],
                "stroke": colour,
                "stroke-width": 2,
                "stroke-dasharray": "7 4" if event.approximate else None,
            },
        )
    )
    parts.append(_marker(tone, x, axis_y, MARKER_SIZE, event.approximate, "life-event__marker"))
    text_x = left + CARD_PAD
    baseline = card_y + CARD_PAD + 15
    # The card's icon is always solid: the dashed card already says the date is approximate.
    parts.append(_marker(tone, text_x + 6, baseline - 5, 6, False, "life-event__icon"))
    for i, line in enumerate(placed.date_lines):
        baseline += LINE_HEIGHT if i else 0
        parts.append(_text(text_x + ICON_ROOM, baseline, line, bold=True))
    for line in placed.lines:
        baseline += LINE_HEIGHT
        parts.append(_text(text_x, baseline, line))
    for line in placed.people_lines:
        baseline += LINE_HEIGHT
        parts.append(_text(text_x, baseline, line, fill=MUTED))
    return _el(
        "g",
        {
            "class": f"life-event life-event--{tone}" + (" life-event--approximate" if event.approximate else ""),
            "id": f"{prefix}-event-{event.id}",
            "data-event-id": event.id,
            "data-tone": tone,
            "data-side": placed.side,
            "data-row": placed.row,
            "data-year": event.year,
            "data-month": event.month or "",
            "data-approximate": "true" if event.approximate else "false",
        },
        "".join(parts),
    )


def _axis_svg(row: Row, text: TimelineText) -> str:
    y = row.axis_y
    end = WIDTH - MARGIN
    parts = [
        _el(
            "line",
            {
                "class": "lifeline__axis",
                "x1": MARGIN,
                "y1": float(y),
                "x2": end - 8,
                "y2": float(y),
                "stroke": AXIS,
                "stroke-width": 3,
            },
        ),
        _el(
            "path",
            {
                "class": "lifeline__arrow",
                "d": f"M{end - 12} {_n(y - 7)} L{end} {_n(y)} L{end - 12} {_n(y + 7)} Z",
                "fill": AXIS,
            },
        ),
    ]
    if row.birth_x is not None and text.birth:
        width = _birth_width(text)
        left = row.birth_x
        parts.append(
            _el(
                "g",
                {"class": "lifeline__birth"},
                _el(
                    "rect",
                    {
                        "x": float(left),
                        "y": float(y - 13),
                        "width": float(width),
                        "height": 26,
                        "rx": 13,
                        "fill": "#ffffff",
                        "stroke": AXIS,
                        "stroke-width": 2,
                    },
                )
                + _text(left + CARD_PAD, y + 5, text.birth, bold=True),
            )
        )
    return "".join(parts)


def _legend_svg(text: TimelineText, used: set[str]) -> tuple[str, float]:
    """The legend as a line (or lines) of keys at the top; returns the SVG and its height."""
    keys = [
        k for k in ("good", "hard", "mixed", "approximate") if k in text.legend and (k in used or k in ("good", "hard"))
    ]
    parts = []
    x, y = MARGIN, MARGIN + 14
    for key in keys:
        label = text.legend[key]
        width = 22 + text_width(label, FONT_SIZE) + 18
        if x > MARGIN and x + width > WIDTH - MARGIN:
            x, y = MARGIN, y + LINE_HEIGHT + 6
        if key == "approximate":
            sample = _el(
                "rect",
                {
                    "x": float(x),
                    "y": float(y - 8),
                    "width": 16,
                    "height": 16,
                    "rx": 3,
                    "fill": "#ffffff",
                    "stroke": INK,
                    "stroke-width": 2,
                    "stroke-dasharray": "4 3",
                },
            )
        else:
            sample = _marker(key, x + 8, y, 8, False, "lifeline__legend-marker")
        parts.append(
            _el(
                "g",
                {"class": f"lifeline__legend-key lifeline__legend-key--{key}"},
                sample + _text(x + 22, y + 5, label),
            )
        )
        x += width
    height = (y - MARGIN + 14) if keys else 0
    return _el("g", {"class": "lifeline__legend"}, "".join(parts)), height


def render_timeline(events: Sequence[TimelineEvent], text: TimelineText, *, id_prefix: str = "lifeline") -> str:
    """The whole lifeline as one ``<svg>``, with a title and description for assistive technology."""
    rows = layout_rows(events, text)
    used = {e.tone for e in events} | ({"approximate"} if any(e.approximate for e in events) else set())
    legend, legend_height = _legend_svg(text, used)
    bottom = _place_rows(rows, MARGIN + legend_height + ROW_GAP)
    height = bottom + MARGIN + 4
    body = []
    for i, row in enumerate(rows):
        row_parts = [_axis_svg(row, text)]
        row_parts += [_event_svg(placed, row, id_prefix) for placed in row.events]
        body.append(_el("g", {"class": "lifeline__row", "data-row": i}, "".join(row_parts)))
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return _el(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "lifeline-svg",
            "id": f"{id_prefix}-svg",
            "viewBox": f"0 0 {WIDTH} {_n(height)}",
            "width": WIDTH,
            "height": _n(height),
            "role": "img",
            "aria-labelledby": f"{title_id} {desc_id}",
            "font-family": FONT_FAMILY,
            "data-events": len(events),
            "data-rows": len(rows),
        },
        _el("title", {"id": title_id}, _esc(text.title))
        + _el("desc", {"id": desc_id}, _esc(text.description))
        + _el("rect", {"x": 0, "y": 0, "width": WIDTH, "height": _n(height), "fill": "#ffffff"})
        + legend
        + "".join(body),
    )
