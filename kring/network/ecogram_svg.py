"""The ecogram (netwerkkaart) as one SVG element: pure Python, no Django.

Every translated string comes in through ``EcogramText`` (the caller runs gettext); every piece of text is
XML-escaped here. The SVG uses presentation attributes only (no ``style`` attribute, no ``<style>``
element), so it looks the same inline under a strict Content-Security-Policy, printed, and as a file; a
page stylesheet can still override any of it (CSS beats presentation attributes).

Line conventions follow Hartman's ecomap, and never rely on colour alone:

============  ==================================================================  =====================
tie           drawn as                                                            legend key
============  ==================================================================  =====================
strong        thick solid line (supportive, frequent contact)                     ``supportive``
weaker        thin solid line                                                     ``weak``
mixed         half straight, half zigzag (brown)                                  ``mixed``
stressful     zigzag (red)                                                        ``stressful``
dormant       dashed (grey)                                                       ``dormant``
restore       dash-dot (blue): the client wants to restore the contact            ``restore``
limited       stops halfway with a perpendicular bar (purple), no arrows          ``limited``
direction     arrowheads: to the client = support received, to the member =      ``direction``
              support given, both = both ways
============  ==================================================================  =====================

Other legend keys: ``emergency`` (red badge with a cross, top right of the node), ``abroad`` (globe
badge, top left), ``deceased`` (grey node with a double outline), ``link_knows`` (thin grey curve
between members), ``link_conflict`` (red dashed curve with a cross), and for the compare view
``added`` (green ring), ``removed`` (ghosted node with a dashed outline, struck-through name),
``moved`` (dotted trail from the centre of the previous cell) and ``changed`` (dotted blue ring).
The legend only lists what the picture shows, and skips any key missing from ``EcogramText.legend``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kring.network.layout import (
    SECTORS,
    Box,
    Layout,
    NodeIn,
    PlacedNode,
    cell_centre,
    fit_text,
    layout_ecogram,
    ring_band,
    text_width,
)

TIE_QUALITIES = ("supportive", "mixed", "stressful")
STATUSES = ("active", "dormant", "restore", "limited")
CHANGES = ("added", "moved", "changed", "removed")
LEGEND_KEYS = (
    "supportive",
    "weak",
    "mixed",
    "stressful",
    "dormant",
    "restore",
    "limited",
    "direction",
    "emergency",
    "abroad",
    "deceased",
    "link_knows",
    "link_conflict",
    "added",
    "removed",
    "moved",
    "changed",
)

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"

# Colours: Kring's palette, every one at least 4.5:1 on white (text may sit on them or they on white).
INK = "#1f2523"
MUTED = "#5a615d"
TEAL = "#0a5c5a"
BROWN = "#8a5a00"
RED = "#b42318"
BLUE = "#2b5c9e"
PURPLE = "#6b3fa0"
GREEN = "#237a4b"
LINK_GREY = "#6e7672"
RING_FILLS = ("#dcece7", "#e8f2ef", "#f3f8f6")  # circle 1 (inner) .. 3: closer is deeper
RING_STROKE = "#8fb1a8"
DIVIDER = "#a9c3bc"
NODE_FILLS = {"supportive": "#d4ebe6", "mixed": "#f5e7c9", "stressful": "#f9dcd8"}
STATUS_COLOURS = {"dormant": MUTED, "restore": BLUE, "limited": PURPLE}
QUALITY_COLOURS = {"supportive": TEAL, "mixed": BROWN, "stressful": RED}
COLOUR_NAMES = {TEAL: "teal", BROWN: "brown", RED: "red", MUTED: "grey", BLUE: "blue", PURPLE: "purple"}

THICK = 3.5
THIN = 1.6
CROWDED = 40  # from this many members on, ties are drawn thinner (the ratio stays) so the centre stays legible
CROWDED_SCALE = 0.7
DASHES = {"dormant": "6 5", "restore": "10 4 2 4"}
ZIGZAG_WAVE = 8.0
ZIGZAG_AMPLITUDE = 3.5
STOP_AT = 0.55  # a limited tie stops this far (a fraction of the way to the member) at a bar,
STOP_RANGE = (0.4, 0.7)  # or anywhere in this range where the bar is further from other members
STOP_HALF = 7.0  # half the length of the bar


@dataclass(frozen=True)
class EcogramMember:
    id: int
    label: str
    sector: str
    circle: int
    tie_quality: str  # supportive | mixed | stressful
    status: str  # active | dormant | restore | limited
    strong: bool  # frequent contact: the tie line is thick
    support_received: frozenset[str]
    support_given: frozenset[str]
    emergency_contact: bool
    abroad: bool
    deceased: bool
    change: str | None = None  # added | moved | changed | removed (compare view)
    previous: tuple[str, int] | None = None  # (sector, circle) before, for "moved"


@dataclass(frozen=True)
class EcogramLink:
    a: int
    b: int
    kind: str  # knows | conflict


@dataclass(frozen=True)
class EcogramText:
    title: str
    description: str
    client_label: str
    sector_labels: dict[str, str]
    circle_labels: dict[int, str]
    legend: dict[str, str]  # LEGEND_KEYS -> text; missing keys are left out of the legend
    member_aria: Callable[[EcogramMember], str]  # the accessible name of a member's node


# --- small helpers ------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


_NEEDS_ESCAPE = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def _esc(text: object) -> str:
    """Text safe inside an XML element or a double-quoted attribute (characters XML forbids are dropped)."""
    value = str(text)
    if not _NEEDS_ESCAPE.search(value):  # most texts: one search instead of five passes
        return value
    if _NOT_XML.search(value):
        value = _NOT_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}"
    if text[-1] != "0":
        return text
    text = text[:-3] if text[-2] == "0" else text[:-1]
    return "0" if text == "-0" else text


def _v(value: object) -> str:
    """An attribute value as ``_attrs`` writes it (for a value that is not None, False or True)."""
    kind = type(value)
    if kind is str:
        return _esc(value)
    if kind is float or isinstance(value, float):
        return _n(value)  # type: ignore[arg-type]
    if kind is int or isinstance(value, int):
        return str(value)
    return _esc(value)


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for name, value in attrs.items():
        kind = type(value)  # the common exact types first; the rest (bools, subclasses) below
        if kind is str:
            parts.append(f' {name}="{_esc(value)}"')
            continue
        if kind is float:
            parts.append(f' {name}="{_n(value)}"')
            continue
        if kind is int:
            parts.append(f' {name}="{value}"')
            continue
        if value is None or value is False:
            continue
        if value is True:
            value = name
        elif isinstance(value, float):
            parts.append(f' {name}="{_n(value)}"')  # a number needs no escaping
            continue
        elif isinstance(value, int):
            parts.append(f' {name}="{value}"')
            continue
        parts.append(f' {name}="{_esc(value)}"')
    return "".join(parts)


def _el(name: str, attrs: dict[str, object], content: str | None = None) -> str:
    if content is None:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{content}</{name}>"


_PATH_FORMATS: dict[int, str] = {}


def _points(points: Iterable[tuple[float, float]]) -> str:
    """A path through the points, every number as ``_n`` writes it."""
    return _path([value for point in points for value in point])


def _path(flat: list[float]) -> str:
    """A path through the points x, y, x, y, … A zigzag has a hundred points or more: they are formatted in
    one go, then the trailing zeros go where a number ends in "0 "."""
    count = len(flat) // 2
    if not count:
        return ""
    template = _PATH_FORMATS.get(count)
    if template is None:
        template = _PATH_FORMATS[count] = "L".join(["%.2f %.2f "] * count)
    # Every number has two decimals and a space after it: one that ends in a zero loses it, and the point
    # too when the other decimal is a zero as well.
    pieces = (template % tuple(flat)).split("0 ")
    text = pieces.pop()
    if pieces:
        text = " ".join([piece[:-2] if piece[-2:] == ".0" else piece for piece in pieces]) + " " + text
    if "-0 " in text:  # only "-0.00" became "-0": every other number has a digit before its last zero
        text = text.replace("-0 ", "0 ")
    return "M" + text[:-1]


def _along(x0: float, y0: float, x1: float, y1: float, t: float) -> tuple[float, float]:
    return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def _zigzag(x0: float, y0: float, x1: float, y1: float, start: float = 0.0) -> list[float]:
    """Points of a zigzag from (x0, y0) to (x1, y1) as x, y, x, y, …: straight for the first and last few
    pixels (so arrow markers sit straight) and, with ``start`` > 0, straight up to that fraction of the way
    (a mixed tie).
    """
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 1e-9:
        return [x0, y0, x1, y1]
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    ax, ay = -uy * ZIGZAG_AMPLITUDE, ux * ZIGZAG_AMPLITUDE  # a peak to one side, across the line
    lead = min(10.0, length / 4)
    begin = max(lead, start * length)
    end = length - lead
    flat = [x0, y0, x0 + ux * begin, y0 + uy * begin]
    waves = max(1, int((end - begin) / ZIGZAG_WAVE))
    step = (end - begin) / waves
    for i in range(waves):
        d, e = begin + step * (i + 0.25), begin + step * (i + 0.75)
        flat += (x0 + ux * d + ax, y0 + uy * d + ay, x0 + ux * e - ax, y0 + uy * e - ay)
    flat += (x0 + ux * end, y0 + uy * end, x1, y1)
    return flat


def _wrap(text: str, font_size: float, width: float) -> list[str]:
    """Greedy word wrap on the estimated text width; a single over-long word is shortened."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if text_width(trial, font_size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return [fit_text(line, font_size, width) for line in lines] or [""]


# --- tie styles ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _TieStyle:
    colour: str
    width: float
    dash: str | None
    shape: str  # straight | zigzag | mixed
    limited: bool
    legend_keys: tuple[str, ...]


_STYLES: dict[tuple[str, str, bool, bool], _TieStyle] = {}


def _tie_style(member: EcogramMember, crowded: bool = False) -> _TieStyle:
    key = (member.tie_quality, member.status, bool(member.strong), bool(crowded))
    style = _STYLES.get(key)
    if style is None:
        style = _make_tie_style(member, crowded)
        if member.tie_quality in TIE_QUALITIES and member.status in STATUSES:  # so that there are at most 48
            _STYLES[key] = style
    return style


def _make_tie_style(member: EcogramMember, crowded: bool) -> _TieStyle:
    quality = member.tie_quality if member.tie_quality in TIE_QUALITIES else "supportive"
    status = member.status if member.status in STATUSES else "active"
    colour = STATUS_COLOURS.get(status, QUALITY_COLOURS[quality])
    shape = {"stressful": "zigzag", "mixed": "mixed"}.get(quality, "straight")
    keys: list[str] = []
    if quality == "supportive" and status == "active":
        keys.append("supportive" if member.strong else "weak")
    elif quality != "supportive":
        keys.append(quality)
    if status != "active":
        keys.append(status)
    return _TieStyle(
        colour=colour,
        width=(THICK if member.strong else THIN) * (CROWDED_SCALE if crowded else 1.0),
        dash=DASHES.get(status),
        shape=shape,
        limited=status == "limited",
        legend_keys=tuple(keys),
    )


def _direction(member: EcogramMember) -> str:
    if member.support_received:
        return "both" if member.support_given else "received"
    return "given" if member.support_given else "none"


def _tie_elements(
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    style: _TieStyle,
    direction: str,
    prefix: str,
    attrs: dict[str, object],
    stop: float = STOP_AT,
) -> str:
    """The tie line from (x0, y0) (client side) to (x1, y1) (member side), with arrows and the stop bar
    (at ``stop``, a fraction of the way, for a limited tie)."""
    if style.limited:
        # Begrensd: the line stops about halfway at a bar, the member is kept at a distance. No arrows.
        ex, ey = _along(x0, y0, x1, y1, stop)
    else:
        ex, ey = x1, y1
    if style.shape == "zigzag":
        d = _path(_zigzag(x0, y0, ex, ey))
    elif style.shape == "mixed":
        d = _path(_zigzag(x0, y0, ex, ey, start=0.5))
    else:
        d = _path([x0, y0, ex, ey])
    markers = ""
    if not style.limited:
        colour_name = COLOUR_NAMES[style.colour]
        if direction in ("received", "both"):
            markers = f' marker-start="{_esc(f"url(#{prefix}-arrow-start-{colour_name})")}"'
        if direction in ("given", "both"):
            markers += f' marker-end="{_esc(f"url(#{prefix}-arrow-end-{colour_name})")}"'
    line = f'<path{_attrs(attrs)} d="{d}"{_paint(style)}{markers}/>'
    if not style.limited:
        return line
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    bar = _el(
        "path",
        {
            "class": "tie-stop",
            "d": _points([(ex + nx * STOP_HALF, ey + ny * STOP_HALF), (ex - nx * STOP_HALF, ey - ny * STOP_HALF)]),
            "stroke": style.colour,
            "stroke-width": 3,
            "stroke-linecap": "round",
        },
    )
    return line + bar


_PAINTS: dict[_TieStyle, str] = {}


def _paint(style: _TieStyle) -> str:
    """The attributes of a tie line that follow from its style (there are only a few styles)."""
    paint = _PAINTS.get(style)
    if paint is None:
        dash = "" if style.dash is None else f' stroke-dasharray="{_esc(style.dash)}"'
        paint = _PAINTS[style] = (
            f' fill="none" stroke="{_esc(style.colour)}" stroke-width="{_v(style.width)}"{dash}'
            f' stroke-linecap="{"round" if style.dash is None else "butt"}" stroke-linejoin="round"'
        )
    return paint


# --- the renderer -------------------------------------------------------------------------------------


def render_ecogram(
    members: Sequence[EcogramMember],
    links: Sequence[EcogramLink],
    text: EcogramText,
    *,
    href: Callable[[int], str] | None = None,
    layout: Layout | None = None,
    standalone: bool = False,
    legend: bool = True,
    id_prefix: str = "ecogram",
) -> str:
    """The ecogram as one ``<svg>`` element (a string).

    ``layout`` defaults to ``layout_ecogram`` of the members; pass the one you computed to reuse it (and
    to map drop positions with ``cell_of``). ``href(member_id)`` makes every node a link. ``id_prefix``
    keeps the ids of title, desc and markers unique when a page shows more than one ecogram; member
    groups are always ``member-<id>``.
    """
    members = sorted(members, key=lambda m: m.id)
    if layout is None:
        layout = layout_ecogram([NodeIn(m.id, m.label, m.sector, m.circle) for m in members])
    missing = [m.id for m in members if m.id not in layout.nodes]
    if missing:
        raise ValueError(f"members missing from the layout: {missing}")

    fs = layout.font_size
    p = id_prefix
    by_id = {m.id: m for m in members}
    crowded = len(members) >= CROWDED
    styles = {m.id: _tie_style(m, crowded) for m in members}
    drawn_links = sorted(
        {
            (min(link.a, link.b), max(link.a, link.b), link.kind)
            for link in links
            if link.a in by_id and link.b in by_id and link.a != link.b
        }
    )

    used = _used_legend_keys(members, styles, drawn_links)
    legend_svg, legend_height = ("", 0.0)
    if legend:
        legend_svg, legend_height = _legend(layout, text, [k for k in LEGEND_KEYS if k in used], p, crowded)
    width = layout.size
    height = layout.size + legend_height

    root = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {_n(width)} {_n(height)}",
        "width": _n(width) if standalone else None,
        "height": _n(height) if standalone else None,
        "class": "ecogram",
        "role": "group",
        "aria-labelledby": f"{p}-title",
        "aria-describedby": f"{p}-desc",
        "font-family": FONT_FAMILY,
        "font-size": fs,
        "fill": INK,
    }
    out = [f"<svg{_attrs(root)}>"]
    out.append(_el("title", {"id": f"{p}-title"}, _esc(text.title)))
    out.append(_el("desc", {"id": f"{p}-desc"}, _esc(text.description)))
    out.append(_defs(members, styles, p, fs * (0.85 if crowded else 1.0), legend_keys=used))
    out.append(_el("rect", {"class": "ecogram-bg", "x": 0, "y": 0, "width": width, "height": height, "fill": "#fff"}))
    out.append(_background(layout, text, p))
    out.append(_links_svg(layout, drawn_links, by_id))
    out.append(_ties_svg(layout, members, styles, p))
    out.append(_trails_svg(layout, members))
    out.append(_client_svg(layout, text))
    out.append('<g class="members">')
    for member in members:
        out.append(_member_svg(member, layout.nodes[member.id], text, href, styles[member.id], fs))
    out.append("</g>")
    out.append(legend_svg)
    out.append("</svg>")
    return "".join(out)


def _used_legend_keys(
    members: Sequence[EcogramMember], styles: dict[int, _TieStyle], links: list[tuple[int, int, str]]
) -> set[str]:
    used: set[str] = set()
    for member in members:
        style = styles[member.id]
        used.update(style.legend_keys)
        if not style.limited and _direction(member) != "none":
            used.add("direction")
        if member.emergency_contact:
            used.add("emergency")
        if member.abroad:
            used.add("abroad")
        if member.deceased:
            used.add("deceased")
        if member.change in CHANGES:
            used.add(member.change)
    for _a, _b, kind in links:
        used.add("link_conflict" if kind == "conflict" else "link_knows")
    return used


def _defs(
    members: Sequence[EcogramMember], styles: dict[int, _TieStyle], p: str, fs: float, legend_keys: set[str]
) -> str:
    """Arrowhead markers, one pair per line colour in use (markers cannot take the line's colour in SVG 1.1)."""
    colours = {styles[m.id].colour for m in members if not styles[m.id].limited and _direction(m) != "none"}
    if "direction" in legend_keys:
        colours.add(MUTED)
    parts = ["<defs>"]
    for colour in sorted(colours, key=lambda c: COLOUR_NAMES[c]):
        name = COLOUR_NAMES[colour]
        for end, d, ref_x in (("end", "M0 0L10 5L0 10z", 10), ("start", "M10 0L0 5L10 10z", 0)):
            parts.append(
                _el(
                    "marker",
                    {
                        "id": f"{p}-arrow-{end}-{name}",
                        "viewBox": "0 0 10 10",
                        "refX": ref_x,
                        "refY": 5,
                        "markerWidth": round(fs * 0.8, 2),
                        "markerHeight": round(fs * 0.8, 2),
                        "markerUnits": "userSpaceOnUse",
                        "orient": "auto",
                    },
                    _el("path", {"d": d, "fill": colour}),
                )
            )
    parts.append("</defs>")
    return "".join(parts)


def _background(layout: Layout, text: EcogramText, p: str) -> str:
    """Rings, sector dividers, sector names around the outside and circle names along the bottom."""
    cx, cy = layout.cx, layout.cy
    out = ['<g class="rings" aria-hidden="true">']
    for circle in (3, 2, 1):
        out.append(
            _el(
                "circle",
                {
                    "class": f"ring ring--{circle}",
                    "data-circle": circle,
                    "cx": cx,
                    "cy": cy,
                    "r": layout.ring_radii[circle - 1],
                    "fill": RING_FILLS[circle - 1],
                    "stroke": RING_STROKE,
                    "stroke-width": 1.5,
                },
            )
        )
    outer = layout.ring_radii[-1]
    for sector in SECTORS:
        start, _end = layout.sector_angles[sector]
        c, s = math.cos(start), math.sin(start)
        out.append(
            _el(
                "line",
                {
                    "class": "sector-divider",
                    "data-sector": sector,
                    "x1": cx + layout.centre_radius * c,
                    "y1": cy + layout.centre_radius * s,
                    "x2": cx + outer * c,
                    "y2": cy + outer * s,
                    "stroke": DIVIDER,
                    "stroke-width": 1.5,
                },
            )
        )
    out.append(_circle_labels(layout, text, p))
    out.append("</g>")
    out.append(_sector_labels(layout, text, p))
    return "".join(out)


def _arc(cx: float, cy: float, radius: float, a0: float, a1: float) -> str:
    """An SVG arc path from angle a0 to a1 (clockwise when a1 > a0)."""
    large = 1 if abs(a1 - a0) > math.pi else 0
    sweep = 1 if a1 > a0 else 0
    x0, y0 = cx + radius * math.cos(a0), cy + radius * math.sin(a0)
    x1, y1 = cx + radius * math.cos(a1), cy + radius * math.sin(a1)
    return f"M{_n(x0)} {_n(y0)}A{_n(radius)} {_n(radius)} 0 {large} {sweep} {_n(x1)} {_n(y1)}"


def _sector_labels(layout: Layout, text: EcogramText, p: str) -> str:
    """Sector names along arcs just outside the outer ring, always reading left to right."""
    cx, cy = layout.cx, layout.cy
    size = layout.font_size * 1.15
    band_in = layout.sector_label_band[0] or layout.ring_radii[-1] + layout.font_size * 0.5
    out = ['<g class="sector-labels">']
    for sector in SECTORS:
        label = text.sector_labels.get(sector, "")
        start, end = layout.sector_angles[sector]
        mid = (start + end) / 2
        if math.sin(mid) > 0.05:  # bottom half: run the arc right to left on screen, glyphs hang inwards
            radius = band_in + 0.93 * size
            path = _arc(cx, cy, radius, end, start)
        else:
            radius = band_in + 0.24 * size
            path = _arc(cx, cy, radius, start, end)
        room = (end - start) * radius * 0.92
        shown = fit_text(label, size, room, bold=True)
        path_id = f"{p}-sector-path-{sector}"
        out.append(_el("path", {"id": path_id, "d": path, "fill": "none"}))
        text_path = _el("textPath", {"href": f"#{path_id}", "startOffset": "50%"}, _esc(shown))
        out.append(
            _el(
                "text",
                {
                    "class": "sector-label",
                    "data-sector": sector,
                    "font-size": size,
                    "font-weight": 600,
                    "fill": INK,
                    "text-anchor": "middle",
                },
                text_path,
            )
        )
    out.append("</g>")
    return "".join(out)


def _circle_labels(layout: Layout, text: EcogramText, p: str) -> str:
    """Circle names along the inside of each ring at the bottom, in the room the layout kept free."""
    cx, cy = layout.cx, layout.cy
    size = layout.font_size * 0.85
    out = []
    for circle in (1, 2, 3):
        label = text.circle_labels.get(circle, "")
        box = layout.circle_label_boxes.get(circle)
        if not label or box is None:
            continue
        shown = fit_text(label, size, box.width - 6)
        radius = layout.ring_radii[circle - 1] - 2 - 0.24 * size
        half = (box.width / 2) / radius
        path_id = f"{p}-circle-path-{circle}"
        out.append(
            _el(
                "path",
                {"id": path_id, "d": _arc(cx, cy, radius, math.pi / 2 + half, math.pi / 2 - half), "fill": "none"},
            )
        )
        text_path = _el("textPath", {"href": f"#{path_id}", "startOffset": "50%"}, _esc(shown))
        out.append(
            _el(
                "text",
                {
                    "class": "circle-label",
                    "data-circle": circle,
                    "font-size": size,
                    "fill": MUTED,
                    "text-anchor": "middle",
                    "stroke": RING_FILLS[circle - 1],
                    "stroke-width": 4,
                    "stroke-linejoin": "round",
                    "paint-order": "stroke",
                },
                text_path,
            )
        )
    return "".join(out)


def _client_svg(layout: Layout, text: EcogramText) -> str:
    """The client's disc with their name, made smaller (down to 80 %) before it is shortened."""
    fs = layout.font_size
    radius = layout.centre_radius
    room = 2 * radius - 0.8 * fs
    size = fs * 1.1
    while size > fs * 0.8 and text_width(text.client_label, size, bold=True) > room:
        size -= fs * 0.05
    shown = fit_text(text.client_label, size, room, bold=True)
    return (
        '<g class="client" aria-hidden="true">'
        + _el(
            "circle", {"cx": layout.cx, "cy": layout.cy, "r": radius, "fill": TEAL, "stroke": "#fff", "stroke-width": 2}
        )
        + _el(
            "text",
            {
                "x": layout.cx,
                "y": layout.cy + 0.35 * size,
                "font-size": size,
                "font-weight": 600,
                "fill": "#fff",
                "text-anchor": "middle",
            },
            _esc(shown),
        )
        + "</g>"
    )


def _tie_ends(layout: Layout, node: PlacedNode) -> tuple[float, float, float, float]:
    """Where a tie starts (the client's disc) and ends: at the node, or at its label when the line would
    otherwise run up through the label (nodes above the client), so the arrowhead stays visible."""
    dx, dy = node.x - layout.cx, node.y - layout.cy
    distance = math.hypot(dx, dy) or 1.0
    ux, uy = dx / distance, dy / distance
    start = layout.centre_radius + 2
    end = distance - node.radius - 2.5
    box = node.label_box
    below = box.y1 + 2
    crossing = _ray_crossing(layout.cx, layout.cy, ux, uy, box.x0 - 2, box.y0 - 2, box.x1 + 2, below)
    if crossing is not None:
        entry, leave = crossing
        # Only when the line comes up through the middle of the label's bottom and runs through it, not when
        # it clips a corner or comes in from the side (the label box is a little wider than its text).
        from_below = (
            abs(layout.cy + uy * entry - below) < 0.5 and abs(layout.cx + ux * entry - node.label_x) <= 0.35 * box.width
        )
        if from_below and start + 8 < entry < end and min(leave, end) - entry >= 0.6 * box.height:
            end = entry
    return layout.cx + ux * start, layout.cy + uy * start, layout.cx + ux * end, layout.cy + uy * end


def _ray_crossing(
    x: float, y: float, ux: float, uy: float, x0: float, y0: float, x1: float, y1: float
) -> tuple[float, float] | None:
    """Distances along the ray from (x, y) in direction (ux, uy) at which it enters and leaves the box."""
    t_in, t_out = 0.0, math.inf
    for origin, direction, lo, hi in ((x, ux, x0, x1), (y, uy, y0, y1)):
        if abs(direction) < 1e-12:
            if not lo <= origin <= hi:
                return None
            continue
        t0, t1 = (lo - origin) / direction, (hi - origin) / direction
        t_in, t_out = max(t_in, min(t0, t1)), min(t_out, max(t0, t1))
    return (t_in, t_out) if t_in <= t_out else None


_Extent = tuple[float, float, float, float, float, float, float, int]


def _extents(layout: Layout) -> list[_Extent]:
    """Every node's label box, centre and reach (badges included): x0, y0, x1, y1, x, y, reach, id."""
    clearance = layout.node_clearance
    return [
        (node.label_box.x0, node.label_box.y0, node.label_box.x1, node.label_box.y1, node.x, node.y,
         node.radius + clearance, node_id)
        for node_id, node in layout.nodes.items()
    ]  # fmt: skip


# Where a stop bar may go, nearest to STOP_AT first: STOP_AT and seven steps over STOP_RANGE.
_STOP_SPOTS = sorted(
    [STOP_AT, *(STOP_RANGE[0] + (STOP_RANGE[1] - STOP_RANGE[0]) * i / 6 for i in range(7))],
    key=lambda t: (abs(t - STOP_AT), t),
)


def _stop_at(
    layout: Layout,
    member_id: int,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    extents: list[_Extent] | None = None,
) -> float:
    """Where along a limited tie its stop bar goes: about halfway, but not beside another member's node or
    label, where it would read as that member's bar. The spot in ``STOP_RANGE`` nearest ``STOP_AT`` that is
    clear enough of them; failing that, the clearest (with a slight pull towards ``STOP_AT``). ``extents``:
    those of the layout (``_extents``), when a picture has more than one limited tie."""
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 1e-9:
        return STOP_AT
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    enough = 0.75 * layout.font_size
    # Only members near the stretch of the tie the bar may go on matter.
    ax, ay = _along(x0, y0, x1, y1, STOP_RANGE[0])
    bx, by = _along(x0, y0, x1, y1, STOP_RANGE[1])
    reach = STOP_HALF + enough
    left, top = min(ax, bx) - reach, min(ay, by) - reach
    right, bottom = max(ax, bx) + reach, max(ay, by) + reach
    others = [
        extent
        for extent in (extents or _extents(layout))
        if (
            (extent[0] < right and left < extent[2] and extent[1] < bottom and top < extent[3])
            or (
                extent[4] - extent[6] < right
                and left < extent[4] + extent[6]
                and extent[5] - extent[6] < bottom
                and top < extent[5] + extent[6]
            )
        )
        and extent[7] != member_id
    ]
    hypot = math.hypot

    def clearance(t: float) -> float:
        if not others:
            return math.inf
        ex, ey = _along(x0, y0, x1, y1, t)
        nearest = math.inf
        for k in (-1, 0, 1):  # the ends and the middle of the bar
            px, py = ex + nx * STOP_HALF * k, ey + ny * STOP_HALF * k
            for bx0, by0, bx1, by1, x, y, edge, _node_id in others:
                # From the node's edge, and from its label box (as ``_box_distance``).
                box = hypot(max(bx0 - px, 0.0, px - bx1), max(by0 - py, 0.0, py - by1))
                nearest = min(nearest, hypot(px - x, py - y) - edge, box)
        return nearest

    best, best_score = STOP_AT, -math.inf
    for t in _STOP_SPOTS:
        room = clearance(t)
        if room >= enough:
            return t
        score = room - abs(t - STOP_AT) * layout.font_size
        if score > best_score:
            best, best_score = t, score
    return best


def _box_distance(x: float, y: float, box: Box) -> float:
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return math.hypot(dx, dy)


def _ties_svg(layout: Layout, members: Sequence[EcogramMember], styles: dict[int, _TieStyle], p: str) -> str:
    out = ['<g class="ties" aria-hidden="true">']
    line = {"class": "tie-line"}
    extents = None
    for member in members:
        node = layout.nodes[member.id]
        style = styles[member.id]
        direction = _direction(member)
        classes = f"tie tie--{member.tie_quality} tie--{member.status}"
        if member.strong:
            classes += " tie--strong"
        if member.change:
            classes += f" tie--{member.change}"
        ends = _tie_ends(layout, node)
        stop = STOP_AT
        if style.limited:
            if extents is None:
                extents = _extents(layout)
            stop = _stop_at(layout, member.id, *ends, extents)
        content = _tie_elements(*ends, style, direction, p, line, stop)
        out.append(
            f'<g class="{_esc(classes)}" id="{_esc(f"tie-{member.id}")}" data-member-id="{_v(member.id)}"'
            f' data-tie="{_esc(member.tie_quality)}" data-status="{_esc(member.status)}"'
            f' data-direction="{direction}"{_REMOVED_OPACITY if member.change == "removed" else ""}>{content}</g>'
        )
    out.append("</g>")
    return "".join(out)


_REMOVED_OPACITY = ' opacity="0.35"'


def _links_svg(layout: Layout, links: list[tuple[int, int, str]], by_id: dict[int, EcogramMember]) -> str:
    """Member–member links as gentle curves (bowing away from the centre), so they never read as ties."""
    out = ['<g class="links" aria-hidden="true">']
    for a, b, kind in links:
        na, nb = layout.nodes[a], layout.nodes[b]
        mx, my = (na.x + nb.x) / 2, (na.y + nb.y) / 2
        length = math.hypot(nb.x - na.x, nb.y - na.y) or 1.0
        nx, ny = -(nb.y - na.y) / length, (nb.x - na.x) / length
        if (mx + nx - layout.cx) ** 2 + (my + ny - layout.cy) ** 2 < (mx - layout.cx) ** 2 + (my - layout.cy) ** 2:
            nx, ny = -nx, -ny
        bow = 0.2 * length
        qx, qy = mx + nx * bow, my + ny * bow
        x0, y0 = _towards(na.x, na.y, qx, qy, na.radius + 3)
        x1, y1 = _towards(nb.x, nb.y, qx, qy, nb.radius + 3)
        conflict = kind == "conflict"
        attrs: dict[str, object] = {
            "class": f"link link--{'conflict' if conflict else 'knows'}",
            "data-a": a,
            "data-b": b,
            "data-kind": kind,
        }
        if by_id[a].change == "removed" or by_id[b].change == "removed":
            attrs["opacity"] = 0.35
        curve = _el(
            "path",
            {
                "d": f"M{_n(x0)} {_n(y0)}Q{_n(qx)} {_n(qy)} {_n(x1)} {_n(y1)}",
                "fill": "none",
                "stroke": RED if conflict else LINK_GREY,
                "stroke-width": 1.4 if conflict else 1.2,
                "stroke-dasharray": "5 3" if conflict else None,
            },
        )
        if conflict:
            # The midpoint of the quadratic curve carries a cross: conflict does not rely on colour.
            px, py = 0.25 * x0 + 0.5 * qx + 0.25 * x1, 0.25 * y0 + 0.5 * qy + 0.25 * y1
            curve += _cross(px, py, 4.5, RED, 2)
        out.append(_el("g", attrs, curve))
    out.append("</g>")
    return "".join(out)


def _towards(x: float, y: float, tx: float, ty: float, distance: float) -> tuple[float, float]:
    length = math.hypot(tx - x, ty - y) or 1.0
    return x + (tx - x) / length * distance, y + (ty - y) / length * distance


def _cross(x: float, y: float, half: float, colour: str, width: float) -> str:
    d = (
        f"M{_n(x - half)} {_n(y - half)}L{_n(x + half)} {_n(y + half)}"
        f"M{_n(x - half)} {_n(y + half)}L{_n(x + half)} {_n(y - half)}"
    )
    return _el("path", {"d": d, "stroke": colour, "stroke-width": width, "stroke-linecap": "round"})


def _trails_svg(layout: Layout, members: Sequence[EcogramMember]) -> str:
    """Compare view: a dotted trail from a moved member's previous cell to its node."""
    out = ['<g class="trails" aria-hidden="true">']
    for member in members:
        if member.change != "moved" or member.previous is None:
            continue
        sector, circle = member.previous
        if sector not in layout.sector_angles or circle not in (1, 2, 3):
            continue
        node = layout.nodes[member.id]
        sx, sy = _trail_start(layout, sector, circle)
        out.append(_trail(sx, sy, node.x, node.y, node.radius, {"class": "trail", "data-member-id": member.id}))
    out.append("</g>")
    return "".join(out)


def _trail_start(layout: Layout, sector: str, circle: int) -> tuple[float, float]:
    """The centre of the cell, or the first of a few spots around it that no node or label covers."""
    start, end = layout.sector_angles[sector]
    inner, outer = ring_band(layout, circle)
    spots = [cell_centre(layout, sector, circle)]
    for radial in (0.5, 0.3, 0.7):
        for angular in (0.5, 0.3, 0.7, 0.15, 0.85):
            angle = start + (end - start) * angular
            radius = inner + (outer - inner) * radial
            spots.append((layout.cx + radius * math.cos(angle), layout.cy + radius * math.sin(angle)))
    reach = layout.font_size * 0.6
    for x, y in spots:
        probe = Box(x - reach, y - reach, x + reach, y + reach)
        if not any(
            probe.overlaps(node.label_box)
            or probe.overlaps(
                Box(node.x - node.radius, node.y - node.radius, node.x + node.radius, node.y + node.radius)
            )
            for node in layout.nodes.values()
        ):
            return x, y
    return spots[0]


def _trail(sx: float, sy: float, x: float, y: float, radius: float, attrs: dict[str, object]) -> str:
    ex, ey = _towards(x, y, sx, sy, radius + 4)
    return _el(
        "g",
        attrs,
        _el("circle", {"cx": sx, "cy": sy, "r": 3.5, "fill": "#fff", "stroke": MUTED, "stroke-width": 1.5})
        + _el(
            "path",
            {
                "d": _points([_towards(sx, sy, x, y, 3.5), (ex, ey)]),
                "fill": "none",
                "stroke": MUTED,
                "stroke-width": 2,
                "stroke-dasharray": "0.1 5",
                "stroke-linecap": "round",
            },
        ),
    )


def _node_shape(x: float, y: float, radius: float, member: EcogramMember, style: _TieStyle, fs: float) -> str:
    """Node circle, status marks and badges for one member (also used for the legend samples)."""
    out = []
    stroke = style.colour
    fill = NODE_FILLS.get(member.tie_quality, "#fff") if member.status == "active" else "#fff"
    if member.change == "added":
        out.append(
            _el(
                "circle",
                {
                    "class": "highlight",
                    "cx": x,
                    "cy": y,
                    "r": radius + 3,
                    "fill": "none",
                    "stroke": GREEN,
                    "stroke-width": 2.5,
                },
            )
        )
    elif member.change == "changed":
        out.append(
            _el(
                "circle",
                {
                    "class": "highlight highlight--changed",
                    "cx": x,
                    "cy": y,
                    "r": radius + 3,
                    "fill": "none",
                    "stroke": BLUE,
                    "stroke-width": 2,
                    "stroke-dasharray": "2 2",
                },
            )
        )
    if member.deceased:
        stroke, fill = MUTED, "#e8e5df"
        out.append(
            _el(
                "circle",
                {
                    "class": "deceased-ring",
                    "cx": x,
                    "cy": y,
                    "r": radius + 2.5,
                    "fill": "none",
                    "stroke": MUTED,
                    "stroke-width": 1,
                },
            )
        )
    removed = ' stroke-dasharray="3 2" opacity="0.5"' if member.change == "removed" else ""
    out.append(
        f'<circle class="node" cx="{_v(x)}" cy="{_v(y)}" r="{_v(radius)}" fill="{_esc(fill)}" stroke="{_esc(stroke)}"'
        f' stroke-width="2"{removed}/>'
    )
    if member.status == "limited":
        # A no-entry bar across the node: "begrensd".
        out.append(
            _el(
                "path",
                {
                    "class": "mark mark--limited",
                    "d": _points([(x - radius * 0.55, y), (x + radius * 0.55, y)]),
                    "stroke": PURPLE,
                    "stroke-width": 2.5,
                    "stroke-linecap": "round",
                },
            )
        )
    badge = 0.38 * fs
    offset = radius * 0.75
    if member.emergency_contact:
        bx, by = x + offset, y - offset
        out.append(
            _el(
                "g",
                {"class": "icon icon--emergency"},
                _el("circle", {"cx": bx, "cy": by, "r": badge, "fill": RED, "stroke": "#fff", "stroke-width": 1})
                + _el(
                    "path",
                    {
                        "d": f"M{_n(bx - badge * 0.55)} {_n(by)}H{_n(bx + badge * 0.55)}"
                        f"M{_n(bx)} {_n(by - badge * 0.55)}V{_n(by + badge * 0.55)}",
                        "stroke": "#fff",
                        "stroke-width": 1.6,
                    },
                ),
            )
        )
    if member.abroad:
        bx, by = x - offset, y - offset
        out.append(
            _el(
                "g",
                {"class": "icon icon--abroad", "fill": "none", "stroke": BLUE, "stroke-width": 1},
                _el("circle", {"cx": bx, "cy": by, "r": badge, "fill": "#fff", "stroke-width": 1.3})
                + _el("ellipse", {"cx": bx, "cy": by, "rx": badge * 0.42, "ry": badge})
                + _el("path", {"d": f"M{_n(bx - badge)} {_n(by)}H{_n(bx + badge)}"}),
            )
        )
    return "".join(out)


def _member_svg(
    member: EcogramMember,
    node: PlacedNode,
    text: EcogramText,
    href: Callable[[int], str] | None,
    style: _TieStyle,
    fs: float,
) -> str:
    classes = f"member member--{member.tie_quality} member--{member.status}"
    if member.strong:
        classes += " member--strong"
    if member.emergency_contact:
        classes += " member--emergency"
    if member.abroad:
        classes += " member--abroad"
    if member.deceased:
        classes += " member--deceased"
    if member.change:
        classes += f" member--{member.change}"
    removed = member.change == "removed"
    label = (
        f'<text class="member-label" x="{_v(node.label_x)}" y="{_v(node.label_y)}" text-anchor="middle"'
        f' fill="{MUTED if removed or member.deceased else INK}" stroke="#fff" stroke-width="3" stroke-opacity="0.85"'
        f' stroke-linejoin="round" paint-order="stroke"{_STRUCK if removed else ""}>{_esc(node.label)}</text>'
    )
    inner = (
        f"<title>{_esc(text.member_aria(member))}</title>"
        + _node_shape(node.x, node.y, node.radius, member, style, fs)
        + label
    )
    change = "" if member.change is None or member.change is False else f' data-change="{_v(member.change)}"'
    group = (
        f'<g class="{_esc(classes)}" id="{_esc(f"member-{member.id}")}" data-member-id="{_v(member.id)}"'
        f' data-sector="{_esc(member.sector)}" data-circle="{_v(member.circle)}" data-tie="{_esc(member.tie_quality)}"'
        f' data-status="{_esc(member.status)}" data-strong="{"true" if member.strong else "false"}"{change}'
    )
    if href is not None:
        return f'{group}><a href="{_esc(href(member.id))}" class="member-link">{inner}</a></g>'
    return f'{group} tabindex="0" role="img">{inner}</g>'


_STRUCK = ' text-decoration="line-through"'


# --- legend -------------------------------------------------------------------------------------------

_SAMPLE = 56.0  # width of the symbol column in a legend entry


def _legend(layout: Layout, text: EcogramText, keys: list[str], p: str, crowded: bool) -> tuple[str, float]:
    """The legend below the rings: only what the picture shows, in columns that fit the width."""
    keys = [key for key in keys if text.legend.get(key)]
    if not keys:
        return "", 0.0
    fs = layout.font_size
    pad = fs * 1.2
    width = layout.size - 2 * pad
    gap = fs * 1.5
    # As many columns as fit without wrapping; failing that, with at most two lines an entry; else one.
    columns = 1
    for most_lines in (1, 2):
        for candidate in range(min(len(keys), 4), 1, -1):
            room = (width + gap) / candidate - gap - _SAMPLE - fs * 0.6
            if room >= 12 * fs and all(len(_wrap(text.legend[key], fs, room)) <= most_lines for key in keys):
                columns = candidate
                break
        if columns > 1:
            break
    column = (width + gap) / columns - gap
    text_room = column - _SAMPLE - fs * 0.6
    line_height = fs * 1.3
    rows: list[list[tuple[str, list[str]]]] = []
    for i, key in enumerate(keys):
        if i % columns == 0:
            rows.append([])
        rows[-1].append((key, _wrap(text.legend[key], fs, text_room)))
    top = layout.size
    out = [_el("line", {"x1": pad, "y1": top, "x2": layout.size - pad, "y2": top, "stroke": "#d6d0c4"})]
    y = top + fs * 1.2
    for row in rows:
        height = max(max(len(lines), 1) * line_height for _key, lines in row)
        height = max(height, fs * 1.6)
        for i, (key, lines) in enumerate(row):
            x = pad + i * (column + gap)
            sample_y = y + min(height, line_height * 1.0) / 2 + 1
            tspans = "".join(
                _el("tspan", {"x": x + _SAMPLE + fs * 0.6, "dy": 0 if j == 0 else line_height}, _esc(line))
                for j, line in enumerate(lines)
            )
            out.append(
                _el(
                    "g",
                    {"class": f"legend-item legend-item--{key}", "data-key": key},
                    _legend_sample(key, x, sample_y, fs, p, crowded)
                    + _el("text", {"x": x + _SAMPLE + fs * 0.6, "y": sample_y + 0.35 * fs, "fill": INK}, tspans),
                )
            )
        y += height + fs * 0.7
    height = y - top + fs * 0.5
    return _el("g", {"class": "legend"}, "".join(out)), height


def _sample_member(**changes: object) -> EcogramMember:
    base = {
        "id": 0,
        "label": "",
        "sector": "family",
        "circle": 1,
        "tie_quality": "supportive",
        "status": "active",
        "strong": False,
        "support_received": frozenset(),
        "support_given": frozenset(),
        "emergency_contact": False,
        "abroad": False,
        "deceased": False,
    }
    base.update(changes)
    return EcogramMember(**base)  # type: ignore[arg-type]


_LINE_SAMPLES = {
    "supportive": {"strong": True},
    "weak": {},
    "mixed": {"tie_quality": "mixed"},
    "stressful": {"tie_quality": "stressful"},
    "dormant": {"status": "dormant"},
    "restore": {"status": "restore"},
    "limited": {"status": "limited"},
}
_NODE_SAMPLES = {
    "emergency": {"emergency_contact": True},
    "abroad": {"abroad": True},
    "deceased": {"deceased": True},
    "added": {"change": "added"},
    "removed": {"change": "removed"},
    "changed": {"change": "changed"},
}


def _legend_sample(key: str, x: float, y: float, fs: float, p: str, crowded: bool) -> str:
    radius = fs * 0.7
    x1 = x + _SAMPLE - 2
    if key in _LINE_SAMPLES:
        member = _sample_member(**_LINE_SAMPLES[key])
        return _tie_elements(x + 2, y, x1, y, _tie_style(member, crowded), "none", p, {"class": "legend-line"})
    if key == "direction":
        style = _TieStyle(MUTED, THIN * (CROWDED_SCALE if crowded else 1.0), None, "straight", False, ())
        return _tie_elements(x + 2, y, x1, y, style, "given", p, {"class": "legend-line"})
    if key in _NODE_SAMPLES:
        member = _sample_member(**_NODE_SAMPLES[key])
        return _node_shape(x + _SAMPLE / 2, y, radius, member, _tie_style(member), fs)
    if key in ("link_knows", "link_conflict"):
        conflict = key == "link_conflict"
        d = f"M{_n(x + 2)} {_n(y + 4)}Q{_n(x + _SAMPLE / 2)} {_n(y - 8)} {_n(x1)} {_n(y + 4)}"
        sample = _el(
            "path",
            {
                "d": d,
                "fill": "none",
                "stroke": RED if conflict else LINK_GREY,
                "stroke-width": 1.4 if conflict else 1.2,
                "stroke-dasharray": "5 3" if conflict else None,
            },
        )
        return sample + (_cross(x + _SAMPLE / 2, y - 2, 4.5, RED, 2) if conflict else "")
    if key == "moved":
        member = _sample_member()
        node = _node_shape(x1 - radius, y, radius, member, _tie_style(member), fs)
        return _trail(x + 5, y, x1 - radius, y, radius, {"class": "legend-trail"}) + node
    return ""
