"""Where each member goes on the ecogram (netwerkkaart).

The ecogram puts the client in the centre, three closeness circles around them (1 = inner, "so close it is
hard to imagine life without them") and five sectors (pie slices) for the kind of relation. Every member
is a small node with its name underneath, inside its sector × circle cell.

This module is the pure geometry: plain Python and dataclasses, no Django. ``layout_ecogram`` is
deterministic and does not depend on the order of its input. It guarantees, for any network:

- every node circle lies inside its cell, clear of the ring edges and the sector dividers;
- no two labels overlap, no label covers another node (or its badges), no two nodes touch;
- every label stays inside the outer ring (so inside the viewBox) and out of the client's disc.

It also keeps every tie (the straight line from the client's disc to a node) out of other nodes and other
members' labels where it can: a preference, not a guarantee, since a crowded sector may leave no way
through. A label that a tie runs through reads as if that member were the one with the tie.

How: each cell gets a set of target points spread over it; nodes are placed greedily, inner circle first,
each on the free candidate position (a fine polar lattice over the cell) nearest to its target, checked
against the boxes already placed through a small spatial grid. In a sector of few members a spot a little
further from the target wins when its tie runs through no node or label and no tie runs through its node
or label; a label also leaves room for the ties of the cells further out ("corridors"). A cell of a small
network that does not fit, or leaves a tie through a label, is filled again in other ways (packed towards
a point); a last pass moves nodes whose tie still crosses a label to a spot with fewer crossings. If a
cell cannot hold its nodes, that ring band is widened (the outer rings move out and the picture grows)
and placement goes on from that circle, or starts again where the inner circles might then come out
differently. Small networks start from compact bands, so that their names show large; bigger ones from
bands estimated by area, which usually hold them first time.
"""

from __future__ import annotations

import bisect
import copy
import functools
import heapq
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SECTORS = ("family", "friends", "community", "work", "professional")
CIRCLES = (1, 2, 3)

SECTOR_SPAN = 2 * math.pi / len(SECTORS)
# Family is centred at the top; the others follow clockwise (SVG angles grow clockwise, y points down).
FIRST_SECTOR_START = -math.pi / 2 - SECTOR_SPAN / 2

# Proportions, in multiples of the font size, so the whole picture scales with it.
NODE_RADIUS = 0.8
NODE_CLEARANCE = 0.35  # room around the node circle for badges and the "added" highlight ring
LABEL_GAP = 0.2  # between the node circle and the top of its label
LABEL_HEIGHT = 1.25  # plus 2 px for the white halo around the text
LABEL_ASCENT = 0.93  # baseline below the top of the label box (DejaVu Sans ascent is 0.928 em)
BOX_GAP = 0.15  # minimum distance between any two boxes
CENTRE_RADIUS = 3.4  # the client's disc
# Width of each ring band (inner to outer) before it grows to hold its cells. The inner cells are the
# smallest, so their band starts wider. A network of a dozen members usually fits in these: about 53 font
# sizes across, so the names show at 13 px or more when the picture is drawn 750 px wide at font size 16.
BASE_BANDS = (8.0, 6.5, 6.5)
SECTOR_LABEL_SCALE = 1.15  # sector names are drawn this much larger (and semi-bold) outside the rings
SECTOR_LABEL_GAP = 0.3
OUTER_PAD = 0.35
CIRCLE_LABEL_SCALE = 0.85  # the circle names, written along the bottom of each ring
CIRCLE_LABEL_WIDTH = 9.0  # room reserved for a circle name
LATTICE_STEP = 0.5  # spacing of candidate positions
PACKING = 0.85  # share of a cell's area that greedy placement fills before it runs out of room
# In a small network, a cell of fewer than FEW nodes is not sized by area: it tries other ways to fill it
# before its band grows, and then by small steps. That keeps small networks compact; a bigger network is
# sized by area throughout, which takes fewer tries.
SMALL_NETWORK = 24
FEW = 8
GROWTH = 0.1  # a band that is too narrow grows by at least this share of its width
FEW_GROWTH_STEP = 0.5  # a band too narrow for a cell of a few nodes grows by at least this (in font sizes)
FEW_GROWTH_SHARE = 0.25  # and this share of what the nodes that did not fit need by area
TIE_CLEARANCE = 0.35  # a tie passes at least this far (beyond the node's box) from other nodes
TIE_LABEL_CLEARANCE = 0.25  # and at least this far from other members' labels
TIE_DETOUR = 8.0  # how far from its target a node may go to keep ties clear of other nodes and labels
TIE_PREFERENCE_LIMIT = 24  # in a sector with more members the ties cannot all be kept clear anyway
LABEL_PREFERENCE_LIMIT = 8  # nor, with more than this, clear of labels (and trying would take long)

# Advance widths in em, rounded up, taken as the larger of DejaVu Sans (Chromium's system-ui and the
# usual Linux sans) and Liberation Sans (Arial metrics, Chromium's default sans-serif) at weight 400.
# The fonts on tablets and Windows (San Francisco, Roboto, Segoe UI) are narrower, so this never
# underestimates. Semi-bold text is at most ~13 % wider: see ``text_width(bold=True)``.
_WIDTH_GROUPS = {
    0.30: "'Iijlíìïîłıİ",
    0.35: " ,./:;\\|’‘·",
    0.40: "()-[]ft",
    0.45: "!r",
    0.50: '"*J`',
    0.55: "cszç“”šžş",
    0.60: "?L_kvxyĳ–Ł",
    0.65: "0123456789$FTabdeghnopqu{}éèëêáàäâóòöôúùüûñßøåõãğ",
    0.70: "ABEKPSVXYZÉÈËÄÀÁÂÃÅŠŽŞ",
    0.75: "CNRUÜ",
    0.80: "&DGHOQÖØĞ",
    0.85: "#+<=>^w~",
    0.90: "M",
    1.00: "%Wm…—Ææ",
    1.05: "@",
}
_CHAR_WIDTH = {ch: width for width, chars in _WIDTH_GROUPS.items() for ch in chars}
_UNKNOWN_WIDTH = 1.0  # any other letter (Cyrillic, Greek, Arabic, …): as wide as an "m"
_WIDE_WIDTH = 1.3  # CJK and emoji
_BOLD_FACTOR = 1.15


# --- data ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeIn:
    id: int
    label: str
    sector: str
    circle: int  # 1 (inner) .. 3 (outer)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0) -> bool:
        """True if the boxes overlap or come closer than ``gap``."""
        return (
            self.x0 < other.x1 + gap
            and other.x0 < self.x1 + gap
            and self.y0 < other.y1 + gap
            and other.y0 < self.y1 + gap
        )

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class PlacedNode:
    id: int
    x: float
    y: float
    radius: float
    label: str  # shortened with "…" when longer than max_label_chars
    label_x: float  # text-anchor middle
    label_y: float  # baseline
    label_box: Box
    sector: str
    circle: int


@dataclass(frozen=True)
class Layout:
    size: float  # side of the square viewBox (0 0 size size) that holds the rings and sector names
    cx: float
    cy: float
    ring_radii: tuple[float, float, float]  # outer edge of circle 1, 2, 3
    centre_radius: float  # the client's disc
    sector_angles: dict[str, tuple[float, float]]  # start, end in radians, clockwise, start < end
    nodes: dict[int, PlacedNode]
    font_size: float
    node_clearance: float = 0.0  # badges may reach this far beyond a node's radius
    sector_label_band: tuple[float, float] = (0.0, 0.0)  # radii between which sector names go
    circle_label_boxes: dict[int, Box] = field(default_factory=dict)  # kept free for the circle names


# --- text ---------------------------------------------------------------------------------------------


def _char_em(ch: str) -> float:
    width = _CHAR_WIDTH.get(ch)
    if width is not None:
        return width
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE_WIDTH
    return _UNKNOWN_WIDTH


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """A generous estimate of the rendered width of ``text`` in a sans-serif font."""
    width = sum(_char_em(ch) for ch in text) * font_size
    return width * _BOLD_FACTOR if bold else width


def clean_label(label: str) -> str:
    """One line, single spaces."""
    return " ".join(label.split())


def shorten(text: str, max_chars: int) -> str:
    """Cut ``text`` to at most ``max_chars`` characters, ending in "…" when cut."""
    if len(text) <= max_chars:
        return text
    if max_chars <= 1:
        return "…"[:max_chars]
    return text[: max_chars - 1].rstrip() + "…"


def fit_text(text: str, font_size: float, max_width: float, *, bold: bool = False) -> str:
    """The longest prefix of ``text`` (with "…" when cut) whose estimated width is at most ``max_width``."""
    if text_width(text, font_size, bold=bold) <= max_width:
        return text
    for n in range(len(text) - 1, 0, -1):
        candidate = shorten(text, n)
        if text_width(candidate, font_size, bold=bold) <= max_width:
            return candidate
    return ""


# --- geometry helpers ---------------------------------------------------------------------------------


def sector_angles() -> dict[str, tuple[float, float]]:
    return {
        sector: (FIRST_SECTOR_START + i * SECTOR_SPAN, FIRST_SECTOR_START + (i + 1) * SECTOR_SPAN)
        for i, sector in enumerate(SECTORS)
    }


def ring_band(layout: Layout, circle: int) -> tuple[float, float]:
    """Inner and outer radius of a circle's band."""
    inner = layout.centre_radius if circle == 1 else layout.ring_radii[circle - 2]
    return inner, layout.ring_radii[circle - 1]


def cell_centre(layout: Layout, sector: str, circle: int) -> tuple[float, float]:
    """The middle of a cell (mid angle, mid radius): where a "moved" trail starts."""
    start, end = layout.sector_angles[sector]
    inner, outer = ring_band(layout, circle)
    angle, radius = (start + end) / 2, (inner + outer) / 2
    return layout.cx + radius * math.cos(angle), layout.cy + radius * math.sin(angle)


def cell_of(layout: Layout, x: float, y: float) -> tuple[str, int] | None:
    """The (sector, circle) a point in viewBox coordinates lies in; None in the centre or outside the rings.

    Used to turn a drag-and-drop position into a move.
    """
    dx, dy = x - layout.cx, y - layout.cy
    radius = math.hypot(dx, dy)
    if radius <= layout.centre_radius or radius > layout.ring_radii[-1]:
        return None
    circle = next(i + 1 for i, outer in enumerate(layout.ring_radii) if radius <= outer)
    first_start = min(start for start, _ in layout.sector_angles.values())
    angle = math.atan2(dy, dx)
    angle = first_start + (angle - first_start) % (2 * math.pi)
    for sector, (start, end) in layout.sector_angles.items():
        if start <= angle < end:
            return sector, circle
    return None  # only reachable with custom sector angles that leave a gap


# --- placement ----------------------------------------------------------------------------------------


class _Grid:
    """Boxes (x0, y0, x1, y1) bucketed by position, for fast overlap tests.

    The room kept for a circle's name is a box with the circle after it: (x0, y0, x1, y1, circle). A search
    that finds one in its way notes the circle in ``reserved_hits``: placement then depended on it.
    """

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        self.reserved_hits: set[int] = set()

    def add(self, box: tuple[float, float, float, float]) -> None:
        c = self.cell
        for gx in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for gy in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                self.buckets.setdefault((gx, gy), []).append(box)

    def remove(self, box: tuple[float, float, float, float]) -> None:
        c = self.cell
        for gx in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for gy in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                self.buckets[(gx, gy)].remove(box)

    def hits(self, box: tuple[float, float, float, float], gap: float) -> bool:
        """True if a stored box overlaps ``box`` or comes closer than ``gap``."""
        return self.hit(box, gap) is not None

    def hit(
        self, box: tuple[float, float, float, float], gap: float, seen: list | None = None
    ) -> tuple[float, float, float, float] | None:
        """A stored box that overlaps ``box`` or comes closer than ``gap``, or None. The boxes in ``seen``
        (stored boxes found before) are tried first, and a box found is added to it."""
        x0, y0, x1, y1 = box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap
        if seen:
            for b in seen:
                if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                    return b
        c = self.cell
        buckets = self.buckets
        for gx in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for gy in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                bucket = buckets.get((gx, gy))
                if bucket:
                    for b in bucket:
                        if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                            if seen is not None:
                                seen.append(b)
                            return b
        return None


@dataclass
class _Metrics:
    font_size: float
    node_radius: float
    node_half: float  # half side of the node's box, badges included
    label_top: float  # label box top, relative to the node centre
    label_height: float
    gap: float

    @classmethod
    def for_font(cls, fs: float) -> _Metrics:
        return cls(
            font_size=fs,
            node_radius=NODE_RADIUS * fs,
            node_half=(NODE_RADIUS + NODE_CLEARANCE) * fs,
            label_top=(NODE_RADIUS + LABEL_GAP) * fs,
            label_height=LABEL_HEIGHT * fs + 2,
            gap=BOX_GAP * fs,
        )

    def label_width(self, label: str) -> float:
        return max(text_width(label, self.font_size) + 4, 2 * self.node_half)

    def footprint(self, label_width: float) -> tuple[float, float]:
        return label_width + self.gap, 2 * self.node_half + self.label_height + 2 * self.gap


@dataclass
class _Cell:
    sector: str
    circle: int
    nodes: list[tuple[NodeIn, str, float]]  # node, shown label, label width


class _CellFull(Exception):
    def __init__(self, circle: int, missing_area: float, few: bool) -> None:
        self.circle = circle
        self.missing_area = missing_area  # footprint of the nodes that did not fit
        self.few = few  # a cell of a few nodes (not sized by area), that every strategy was tried for


LAYOUT_CACHE_SIZE = 512  # networks per process; a layout of 150 members is about 100 kB


def layout_ecogram(
    nodes: Sequence[NodeIn],
    *,
    font_size: float = 13,
    max_label_chars: int = 18,
    circle_label_width: float | None = None,
) -> Layout:
    """Place every member of a network on the ecogram. See the module docstring for the guarantees.

    ``circle_label_width`` is the room kept free for each circle's name along the bottom of its ring
    (default: 9 × font size, about 16 characters at the smaller size the renderer uses).

    The layout is a pure function of its arguments and does not depend on the order of the nodes, so it
    is remembered (per process, the last ``LAYOUT_CACHE_SIZE`` networks): opening the same network again,
    its SVG or its print view, costs nothing until a member is added, moved, renamed or removed. The
    returned ``Layout`` is shared: treat it as read-only.
    """
    key = tuple(sorted(nodes, key=lambda node: node.id))
    return _layout_cached(key, float(font_size), max_label_chars, circle_label_width)


@functools.lru_cache(maxsize=LAYOUT_CACHE_SIZE)
def _layout_cached(
    nodes: tuple[NodeIn, ...], font_size: float, max_label_chars: int, circle_label_width: float | None
) -> Layout:
    return _layout(nodes, font_size=font_size, max_label_chars=max_label_chars, circle_label_width=circle_label_width)


def _layout(
    nodes: Sequence[NodeIn],
    *,
    font_size: float,
    max_label_chars: int,
    circle_label_width: float | None,
) -> Layout:
    if font_size <= 0:
        raise ValueError("font_size must be positive")
    ids = [node.id for node in nodes]
    if len(set(ids)) != len(ids):
        raise ValueError("node ids must be unique")
    for node in nodes:
        if node.sector not in SECTORS or node.circle not in CIRCLES:
            raise ValueError(f"node {node.id}: unknown cell {node.sector!r}/{node.circle!r}")

    fs = float(font_size)
    m = _Metrics.for_font(fs)
    reserved_width = CIRCLE_LABEL_WIDTH * fs if circle_label_width is None else circle_label_width
    angles = sector_angles()

    cells: dict[tuple[str, int], _Cell] = {}
    for node in sorted(nodes, key=lambda n: (n.sector, n.circle, clean_label(n.label).casefold(), n.label, n.id)):
        label = shorten(clean_label(node.label), max_label_chars)
        cell = cells.setdefault((node.sector, node.circle), _Cell(node.sector, node.circle, []))
        cell.nodes.append((node, label, m.label_width(label)))

    few = {key for key, cell in cells.items() if len(nodes) <= SMALL_NETWORK and len(cell.nodes) < FEW}
    bands = _estimate_bands(cells, m, few)
    for _attempt in range(MAX_TRIES):
        try:
            return _place(cells, bands, angles, m, reserved_width, few)
        except _CellFull as full:
            bands[:] = _widened(bands, full, fs)
    raise RuntimeError("ecogram layout did not converge")  # pragma: no cover - bands grow without bound


MAX_TRIES = 200


def _widened(bands: list[float], full: _CellFull, fs: float) -> list[float]:
    """The bands with the one that did not hold a cell widened by (a bit more than) the area the nodes that
    did not fit need; for a cell of a few nodes by a small step: they may well fit in less, since labels
    reach over the edges."""
    bands = list(bands)
    i = full.circle - 1
    inner = CENTRE_RADIUS * fs + sum(bands[:i])
    outer = inner + bands[i]
    wider = math.sqrt(outer * outer + 2 * full.missing_area / (PACKING * SECTOR_SPAN))
    if full.few:
        bands[i] += max(FEW_GROWTH_STEP * fs, FEW_GROWTH_SHARE * (wider - outer))
    else:
        bands[i] += max(fs, GROWTH * bands[i], 1.1 * (wider - outer))
    return bands


def _estimate_bands(cells: dict[tuple[str, int], _Cell], m: _Metrics, few: set[tuple[str, int]]) -> list[float]:
    """Band widths that, by area, should hold every cell: usually right first time for a crowded cell.

    A cell of a few nodes is left out: their labels reach out of the cell, so the area would overestimate
    what they need (and trying the base band first costs little).

    Labels hang below their nodes and stay inside the outer ring: in the lower sectors of the outer circle
    that leaves a strip along the ring where no node fits, as wide as a label hangs down (times how much
    "down" points outwards there). Counting it makes the first try fit far more often (a bigger network
    then needs one try instead of two or three, and the picture grows by less than a retry would add).
    """
    fs = m.font_size
    angles = sector_angles()
    bands = []
    inner = CENTRE_RADIUS * fs
    for circle in CIRCLES:
        need = BASE_BANDS[circle - 1] * fs
        for sector in SECTORS:
            cell = cells.get((sector, circle))
            if not cell or (sector, circle) in few:
                continue
            area = 0.0
            for _node, _label, width in cell.nodes:
                w, h = m.footprint(width)
                area += w * h
            area /= PACKING
            strip = 0.0
            if circle == CIRCLES[-1]:
                strip = (m.label_top + m.label_height) * _mean_downward(*angles[sector])
            # The cell holds the area and the strip: SECTOR_SPAN / 2 * (outer² - inner²) = area + strip * arc.
            outer = strip + math.sqrt(strip * strip + inner * inner + 2 * area / SECTOR_SPAN) + m.node_half
            # Room along the arc for the margins by the dividers as well.
            outer += 2 * m.node_half / SECTOR_SPAN
            need = max(need, outer - inner)
        bands.append(need)
        inner += need
    return bands


def _mean_downward(a0: float, a1: float) -> float:
    """How much "down" (the way labels hang) points away from the centre, on average between two angles."""
    total = 0.0
    for turn in (-_TWO_PI, 0.0, _TWO_PI):  # where the sine is positive: from 0 to pi, a full turn either way
        lo, hi = max(a0, turn), min(a1, turn + math.pi)
        if lo < hi:
            total += math.cos(lo) - math.cos(hi)
    return total / (a1 - a0)


def _place(
    cells: dict[tuple[str, int], _Cell],
    bands: list[float],
    angles: dict[str, tuple[float, float]],
    m: _Metrics,
    reserved_width: float,
    few: set[tuple[str, int]],
) -> Layout:
    """Place every node with these band widths (widened here as needed), or raise ``_CellFull``.

    When a cell of circle k does not fit, the nodes of the circles inside it are kept, its band widens, and
    placement goes on from circle k, when that is sure to end as placing everything again with the wider
    band would: the inner circles met nothing that moves when the band widens (the outer ring, the room for
    the names of circle k and beyond), nothing there now stands in the way of a node kept, and no corridors
    are kept free (they are laid out over all circles). Otherwise ``_CellFull`` goes up to try again.
    """
    fs = m.font_size
    centre_radius = CENTRE_RADIUS * fs
    radii = _radii(bands, centre_radius)
    # Nodes are placed around the centre at (0, 0), and moved into the picture at the end.
    cx = cy = 0.0

    grid = _Grid(4 * fs)
    reserved = _reserved_boxes(radii, reserved_width, fs)
    for box in reserved.values():
        grid.add(box)
    limits = _Limits(cx, cy, centre_radius + m.gap, radii[-1] - 1)
    start = min(a0 for a0, _a1 in angles.values())
    sector_sizes = {sector: sum(len(c.nodes) for c in cells.values() if c.sector == sector) for sector in SECTORS}
    # In a sector with few enough members, ties are kept clear of other nodes where possible ("tidy");
    # in a sector with fewer still, of other members' labels as well ("tidier").
    tidy = {sector for sector, count in sector_sizes.items() if count <= TIE_PREFERENCE_LIMIT}
    tidier = {sector for sector, count in sector_sizes.items() if count <= LABEL_PREFERENCE_LIMIT}
    ties = _Ties(
        cx,
        cy,
        m.node_half + TIE_CLEARANCE * fs,
        centre_radius,
        TIE_LABEL_CLEARANCE * fs,
        start,
        m.node_radius,
        labels=bool(tidier),  # only "tidier" placement and untangling (of tidier sectors) ask about labels
    )
    corridors = _Corridors(cx, cy, TIE_CLEARANCE * fs, start)
    for (sector, circle), cell in sorted(cells.items()):
        if sector in tidier:
            r_in = centre_radius if circle == 1 else radii[circle - 2]
            a0, a1 = angles[sector]
            shell = _Lattice(cx, cy, r_in, radii[circle - 1], a0, a1, m, candidates=False)
            corridors.add_cell((sector, circle), shell, len(cell.nodes))
    corridors.ready()

    spots: list[_Spot] = []
    lattices: dict[tuple[str, int], _Lattice] = {}
    circle, tries = CIRCLES[0], 0
    while circle <= CIRCLES[-1]:
        hits, refusals = set(grid.reserved_hits), limits.outer_refusals  # before this circle
        r_in = centre_radius if circle == 1 else radii[circle - 2]
        r_out = radii[circle - 1]
        done: list[_Spot] = []
        try:
            for sector in SECTORS:
                cell = cells.get((sector, circle))
                if not cell:
                    continue
                a0, a1 = angles[sector]
                lattice = lattices[(sector, circle)] = _Lattice(cx, cy, r_in, r_out, a0, a1, m)
                done += _fill_cell(
                    cell,
                    lattice,
                    grid,
                    limits,
                    ties,
                    corridors,
                    (sector, circle) in few,
                    sector in tidy,
                    sector in tidier,
                )
        except _CellFull as full:
            tries += 1
            if tidier or refusals or any(hit >= circle for hit in hits) or tries >= MAX_TRIES:
                raise
            wider = _widened(bands, full, fs)
            wider_radii = _radii(wider, centre_radius)
            moved = {c: box for c, box in _reserved_boxes(wider_radii, reserved_width, fs).items() if c >= circle}
            if any(_overlaps(kept, box, m.gap) for box in moved.values() for spot in spots for kept in spot.boxes()):
                raise
            for spot in done:
                spot.remove(grid, ties)
            for c, box in moved.items():
                grid.remove(reserved[c])
                grid.add(box)
                reserved[c] = box
            bands[:], radii = wider, wider_radii  # the caller goes on from these bands
            limits.outer = radii[-1] - 1
            grid.reserved_hits, limits.outer_refusals = hits, refusals
            continue
        spots += done
        circle += 1
    outer = radii[-1]
    if len(spots) <= UNTANGLE_LIMIT:
        _untangle([spot for spot in spots if spot.sector in tidier], grid, limits, ties, lattices)

    band_in = outer + SECTOR_LABEL_GAP * fs
    band_out = band_in + 1.3 * SECTOR_LABEL_SCALE * fs
    size = 2 * (band_out + OUTER_PAD * fs)
    cx = cy = size / 2
    placed: dict[int, PlacedNode] = {}
    for spot in spots:
        node, label, width = spot.item
        # As the lattice would have put it around the centre of the picture: cx + rho * cos(angle), …
        x, y = spot.x + cx, spot.y + cy
        label_box = Box(x - width / 2, y + m.label_top, x + width / 2, y + m.label_top + m.label_height)
        placed[node.id] = PlacedNode(
            id=node.id,
            x=x,
            y=y,
            radius=m.node_radius,
            label=label,
            label_x=x,
            label_y=label_box.y0 + 1 + LABEL_ASCENT * fs,
            label_box=label_box,
            sector=spot.sector,
            circle=spot.circle,
        )

    return Layout(
        size=size,
        cx=cx,
        cy=cy,
        ring_radii=(radii[0], radii[1], radii[2]),
        centre_radius=centre_radius,
        sector_angles=angles,
        nodes={node_id: placed[node_id] for node_id in sorted(placed)},
        font_size=fs,
        node_clearance=NODE_CLEARANCE * fs,
        sector_label_band=(band_in, band_out),
        circle_label_boxes=_circle_label_boxes(cx, cy, radii, reserved_width, fs),
    )


def _radii(bands: list[float], centre_radius: float) -> list[float]:
    """The outer edge of every circle."""
    radii = []
    edge = centre_radius
    for band in bands:
        edge += band
        radii.append(edge)
    return radii


def _reserved_boxes(radii: list[float], width: float, fs: float) -> dict[int, tuple[float, float, float, float, int]]:
    """The room for the circle names around the centre at (0, 0), as grid boxes (see ``_Grid``)."""
    return {
        circle: (box.x0, box.y0, box.x1, box.y1, circle)
        for circle, box in _circle_label_boxes(0.0, 0.0, radii, width, fs).items()
    }


def _overlaps(a: tuple[float, ...], b: tuple[float, ...], gap: float) -> bool:
    """True if boxes a and b overlap or come closer than ``gap`` (as ``_Grid.hit``)."""
    return a[0] - gap < b[2] and b[0] < a[2] + gap and a[1] - gap < b[3] and b[1] < a[3] + gap


def _circle_label_boxes(cx: float, cy: float, radii: list[float], width: float, fs: float) -> dict[int, Box]:
    """Bounding boxes of the circle names, written along the inside of each ring at the bottom."""
    boxes = {}
    height = 1.3 * CIRCLE_LABEL_SCALE * fs
    for circle, radius in zip(CIRCLES, radii, strict=True):
        top_radius = radius - 2 - height
        half_angle = min(math.pi / 2, (width / 2) / top_radius)
        boxes[circle] = Box(
            cx - radius * math.sin(half_angle) - 1,
            cy + top_radius * math.cos(half_angle) - 1,
            cx + radius * math.sin(half_angle) + 1,
            cy + radius,
        )
    return boxes


@dataclass
class _Limits:
    """Where labels may go: outside the client's disc and inside the outer ring."""

    cx: float
    cy: float
    inner: float
    outer: float
    outer_refusals: int = 0  # boxes refused for reaching past the outer ring

    def allows(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box[0] - self.cx, box[1] - self.cy, box[2] - self.cx, box[3] - self.cy
        far_x = max(abs(x0), abs(x1))
        far_y = max(abs(y0), abs(y1))
        if far_x * far_x + far_y * far_y > self.outer * self.outer:
            self.outer_refusals += 1
            return False
        near_x = 0.0 if x0 <= 0 <= x1 else min(abs(x0), abs(x1))
        near_y = 0.0 if y0 <= 0 <= y1 else min(abs(y0), abs(y1))
        return near_x * near_x + near_y * near_y >= self.inner * self.inner


# --- ties: straight lines from the centre -------------------------------------------------------------

_TWO_PI = 2 * math.pi
_ANGLE_BUCKETS = 180


_Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


def _entry(ux: float, uy: float, rel: _Rect) -> float:
    """How far along the ray from the centre in direction (ux, uy) it enters ``rel`` (a box relative to the
    centre); inf if it never does."""
    # The slab test, one axis after the other (written out: this is called very often).
    if -1e-12 < ux < 1e-12:
        if not rel[0] <= 0 <= rel[2]:
            return math.inf
        t_in, t_out = 0.0, math.inf
    else:
        t_in, t_out = rel[0] / ux, rel[2] / ux
        if t_in > t_out:
            t_in, t_out = t_out, t_in
        if not t_in > 0.0:
            t_in = 0.0
    if -1e-12 < uy < 1e-12:
        if not rel[1] <= 0 <= rel[3]:
            return math.inf
    else:
        t0, t1 = rel[1] / uy, rel[3] / uy
        if t0 > t1:
            t0, t1 = t1, t0
        if t0 > t_in:
            t_in = t0
        if t1 < t_out:
            t_out = t1
    return t_in if t_in <= t_out else math.inf


def _nearest(rel: _Rect) -> float:
    """How far the (relative) box comes to the centre."""
    dx = max(rel[0], 0.0, -rel[2])
    dy = max(rel[1], 0.0, -rel[3])
    return math.hypot(dx, dy)


class _Angles:
    """Angles seen from the centre, from ``start`` over one full turn (as the sector angles run)."""

    def __init__(self, cx: float, cy: float, grow: float, start: float) -> None:
        self.cx, self.cy, self.grow, self.start = cx, cy, grow, start

    def relative(self, box: _Rect) -> _Rect:
        """The box relative to the centre, grown on every side."""
        g = self.grow
        return box[0] - self.cx - g, box[1] - self.cy - g, box[2] - self.cx + g, box[3] - self.cy + g

    def span(self, rel: _Rect) -> tuple[float, float]:
        """The angles between which a relative box lies (from ``start``; the end may pass a full turn)."""
        x0, y0, x1, y1 = rel
        if x0 <= 0 <= x1 and y0 <= 0 <= y1:
            return self.start, self.start + _TWO_PI
        mid = self.start + (math.atan2((y0 + y1) / 2, (x0 + x1) / 2) - self.start) % _TWO_PI
        offsets = [
            (math.atan2(y, x) - mid + math.pi) % _TWO_PI - math.pi for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))
        ]
        return mid + min(offsets), mid + max(offsets)

    @staticmethod
    def ranges(angles: list[float], lo: float, hi: float) -> Iterable[int]:
        """Indices into the sorted ``angles`` that lie between ``lo`` and ``hi``, a full turn either way too."""
        for shift in (0.0, -_TWO_PI, _TWO_PI):
            yield from range(bisect.bisect_left(angles, lo + shift), bisect.bisect_right(angles, hi + shift))


class _Ties(_Angles):
    """The ties and labels of the nodes placed so far, to keep new ties clear of them.

    A tie runs through a node when the node, closer to the centre, sits within ``clearance`` of the ray to
    a node further out (ties stay inside their sector's wedge, so only nodes of the same sector count). A
    tie crosses a label when it enters the label's box, grown by ``label_clearance``, before it reaches its
    node: that covers labels of any sector (labels reach over the dividers), and zigzags and thick lines.
    Placement prefers spots where the new tie runs through no node and no label, and the new node and its
    label sit on no tie. Without ``labels`` only the nodes are kept (where no sector keeps ties clear of
    labels, nothing asks about them).
    """

    def __init__(
        self,
        cx: float,
        cy: float,
        clearance: float,
        centre_radius: float,
        label_clearance: float,
        start: float,
        node_radius: float,
        *,
        labels: bool = True,
    ) -> None:
        super().__init__(cx, cy, label_clearance, start)
        self.labels = labels
        self.clearance = clearance
        self.node_radius = node_radius
        self.window = math.asin(min(1.0, clearance / centre_radius))
        self.angles: list[float] = []
        self.rays: list[tuple[float, float, float, float, str]] = []  # ux, uy, node distance, reach, sector
        self.boxes: list[list[_Rect]] = [[] for _ in range(_ANGLE_BUCKETS)]  # label boxes by angle
        self.bare_boxes: list[list[_Rect]] = [[] for _ in range(_ANGLE_BUCKETS)]  # the same, without the clearance
        self.bucket_angle = _TWO_PI / _ANGLE_BUCKETS
        self.by_sector: dict[str, tuple[list[float], list[float]]] = {}  # angles and node distances
        self.changes = 0  # ties added or removed so far

    def _buckets(self, rel: _Rect) -> Iterable[int]:
        lo, hi = self.span(rel)
        first = math.floor((lo - self.start) / self.bucket_angle)
        last = math.floor((hi - self.start) / self.bucket_angle)
        for k in range(first, min(last, first + _ANGLE_BUCKETS - 1) + 1):
            yield k % _ANGLE_BUCKETS

    def add(self, sector: str, angle: float, rho: float, reach: float, label_box: _Rect) -> None:
        self.changes += 1
        angles, radii = self.by_sector.setdefault(sector, ([], []))
        i = bisect.bisect(angles, angle)
        angles.insert(i, angle)
        radii.insert(i, rho)
        if not self.labels:
            return
        i = bisect.bisect(self.angles, angle)
        self.angles.insert(i, angle)
        self.rays.insert(i, (math.cos(angle), math.sin(angle), rho, reach, sector))
        rel = self.relative(label_box)
        bare = self._bare(rel)
        for k in self._buckets(rel):
            self.boxes[k].append(rel)
            self.bare_boxes[k].append(bare)

    def remove(self, sector: str, angle: float, rho: float, label_box: _Rect) -> None:
        self.changes += 1
        angles, radii = self.by_sector[sector]
        i = bisect.bisect_left(angles, angle)
        while radii[i] != rho:
            i += 1
        del angles[i]
        del radii[i]
        if not self.labels:
            return
        i = bisect.bisect_left(self.angles, angle)
        while self.rays[i][2] != rho:
            i += 1
        del self.angles[i]
        del self.rays[i]
        rel = self.relative(label_box)
        for k in self._buckets(rel):
            i = self.boxes[k].index(rel)
            del self.boxes[k][i]
            del self.bare_boxes[k][i]

    def clear_of_nodes(self, sector: str, angle: float, rho: float) -> bool:
        """Neither the tie to this spot runs through a node of the sector, nor a tie through a node here."""
        angles, radii = self.by_sector.get(sector, ((), ()))
        lo = bisect.bisect_left(angles, angle - self.window)
        hi = bisect.bisect_right(angles, angle + self.window)
        clearance, sin = self.clearance, math.sin
        return all(min(rho, radii[i]) * sin(abs(angle - angles[i])) >= clearance for i in range(lo, hi))

    def shadows(self, sector: str, rho_max: float) -> tuple[list[float], list[float]]:
        """Where no spot up to ``rho_max`` from the centre is ``clear_of_nodes``: the angles (starts and ends
        of disjoint open ranges, in order) in which a node of the sector sits too close to the tie, or its
        tie too close to the node. Narrowed by a hair, so that rounding can only leave a spot out."""
        angles, radii = self.by_sector.get(sector, ((), ()))
        clearance = self.clearance
        ranges = []
        for angle, rho in zip(angles, radii, strict=True):
            # The tie from further out passes the node (or the node the tie) at min(rho, rho_max) * sin(angle).
            half = min(math.asin(min(1.0, clearance / min(rho, rho_max))), self.window) - 1e-9
            if half > 0:
                ranges.append((angle - half, angle + half))
        starts: list[float] = []
        ends: list[float] = []
        for start, end in sorted(ranges):
            if ends and start < ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        return starts, ends

    def clear_of_labels(self, angle: float, reach: float) -> bool:
        """True if a tie at ``angle``, reaching ``reach`` from the centre, crosses no placed label."""
        ux, uy = math.cos(angle), math.sin(angle)
        k = math.floor((angle - self.start) / self.bucket_angle) % _ANGLE_BUCKETS
        return all(_entry(ux, uy, rel) >= reach for rel in self.boxes[k])

    def tangles(self, sector: str, angle: float, rho: float, label_box: _Rect, most: float = math.inf) -> int:
        """How tangled a node here would be: its tie through nodes (one for all), its tie through labels and
        ties through its label (one each), labels taken without the clearance; counting stops at ``most``."""
        count = 0 if self.clear_of_nodes(sector, angle, rho) else 1
        ux, uy = math.cos(angle), math.sin(angle)
        reach = rho - self.node_radius
        k = math.floor((angle - self.start) / self.bucket_angle) % _ANGLE_BUCKETS
        for bare in self.bare_boxes[k]:
            if count >= most:
                return count
            if _entry(ux, uy, bare) < reach:
                count += 1
        rel = self.relative(label_box)
        bare = self._bare(rel)
        lo, hi = self.span(rel)
        for i in self.ranges(self.angles, lo, hi):
            if count >= most:
                return count
            ux, uy, _rho, reach, _sector = self.rays[i]
            if _entry(ux, uy, bare) < reach:
                count += 1
        return count

    def _bare(self, rel: _Rect) -> _Rect:
        """A relative box without the clearance it was grown by."""
        g = self.grow
        return rel[0] + g, rel[1] + g, rel[2] - g, rel[3] - g

    def tangled(self, spot: _Spot) -> int:
        """How many of: the spot's tie crosses another member's label; a tie crosses the spot's label."""
        crossed = self.crossing(spot.label_box, (spot.angle, spot.rho))
        return bool(self.labels_crossed(spot.angle, spot.reach, spot.label_box)) + crossed

    def labels_crossed(self, angle: float, reach: float, own: _Rect, bare: bool = False) -> list[_Rect]:
        """The (relative, grown) label boxes that a placed tie crosses, its own label left out; with ``bare``,
        only those it crosses without the clearance."""
        ux, uy = math.cos(angle), math.sin(angle)
        k = math.floor((angle - self.start) / self.bucket_angle) % _ANGLE_BUCKETS
        own_rel = self.relative(own)
        return [
            rel for rel in self.boxes[k] if rel != own_rel and _entry(ux, uy, self._bare(rel) if bare else rel) < reach
        ]

    def crossing(self, label_box: _Rect, own: tuple[float, float] | None = None) -> bool:
        """True if a placed tie (other than the one at ``own`` = (angle, rho)) crosses this label box."""
        rel = self.relative(label_box)
        lo, hi = self.span(rel)
        for i in self.ranges(self.angles, lo, hi):
            ux, uy, rho, reach, _sector = self.rays[i]
            if _entry(ux, uy, rel) < reach and (self.angles[i], rho) != own:
                return True
        return False


CORRIDOR_SLACK = 1  # free corridors kept beyond one for each node still to place in a cell


class _Corridors(_Angles):
    """Ways through for the ties still to come, so that a label placed early does not block them all.

    Every cell gets 2k + 3 corridors (rays from the centre to the cell's inner edge, spread over its width)
    for its k nodes. A placed node, with its label, blocks the corridors that run into it. A spot for a
    new node costs the corridors it would block beyond what a cell can spare: it must keep one free for
    each of its nodes still to place, and ``CORRIDOR_SLACK`` more.
    """

    def __init__(self, cx: float, cy: float, grow: float, start: float) -> None:
        super().__init__(cx, cy, grow, start)
        self.angles: list[float] = []
        self.rays: list[tuple[float, float, float, tuple[str, int]]] = []  # ux, uy, reach, cell
        self.blocks: list[int] = []  # how many placed nodes block each corridor
        self.need: dict[tuple[str, int], int] = {}  # nodes still to place
        self.free: dict[tuple[str, int], int] = {}  # corridors not blocked

    def add_cell(self, key: tuple[str, int], shell: _Lattice, count: int) -> None:
        rho = (shell.rho_min + shell.rho_max) / 2
        lo, hi = shell.angle_range(rho)
        if hi < lo:
            lo = hi = (shell.a0 + shell.a1) / 2
        total = 2 * count + 3
        reach = max(shell.rho_min - shell.m.node_radius, 0.0)
        for j in range(total):
            angle = lo + (hi - lo) * (j + 0.5) / total
            self.angles.append(angle)
            self.rays.append((math.cos(angle), math.sin(angle), reach, key))
        self.need[key] = count
        self.free[key] = total

    def ready(self) -> None:
        """Sort the corridors by angle, once all cells are in."""
        order = sorted(range(len(self.angles)), key=lambda i: (self.angles[i], i))
        self.angles = [self.angles[i] for i in order]
        self.rays = [self.rays[i] for i in order]
        self.blocks = [0] * len(order)

    def _hit(self, box: _Rect) -> list[int]:
        """The corridors (indices) that run into ``box``."""
        if not self.angles:
            return []
        rel = self.relative(box)
        lo, hi = self.span(rel)
        rays = self.rays
        return [i for i in self.ranges(self.angles, lo, hi) if _entry(rays[i][0], rays[i][1], rel) < rays[i][2]]

    def shortage(self) -> int:
        """How many corridors the cells still to fill are short of, all together."""
        return sum(max(0, need + CORRIDOR_SLACK - self.free[key]) for key, need in self.need.items() if need)

    def cost(self, box: _Rect, most: float = math.inf) -> float:
        """How many corridors beyond the spare ones a node (and label) covering ``box`` would block; counting
        stops at ``most``."""
        rel = self.relative(box)
        lo, hi = self.span(rel)
        near = _nearest(rel)
        rays, blocks, need, free = self.rays, self.blocks, self.need, self.free
        newly: dict[tuple[str, int], int] = {}
        cost = 0
        for i in self.ranges(self.angles, lo, hi):
            if blocks[i]:
                continue
            ux, uy, reach, key = rays[i]
            if reach <= near or _entry(ux, uy, rel) >= reach:
                continue
            count = newly[key] = newly.get(key, 0) + 1
            if need[key] and free[key] - count < need[key] + CORRIDOR_SLACK:
                cost += 1  # this corridor was one the cell could not spare
                if cost >= most:
                    return cost
        return cost

    def block(self, box: _Rect) -> list[int]:
        hit = self._hit(box)
        for i in hit:
            if self.blocks[i] == 0:
                self.free[self.rays[i][3]] -= 1
            self.blocks[i] += 1
        return hit

    def unblock(self, hit: list[int]) -> None:
        for i in hit:
            self.blocks[i] -= 1
            if self.blocks[i] == 0:
                self.free[self.rays[i][3]] += 1


# --- placement of one cell ----------------------------------------------------------------------------

# How a cell is filled: "spread" aims every node at its own point of an even spread over the cell (in label
# order); the "pack" strategies put the widest labels first and pack every node as close as it can to one
# point: the inner or the outer middle of the cell, or one of its outer corners (where labels reach over
# the divider and leave the rest of the sector free for ties).
_STRATEGIES = ("spread", "pack-inner", "pack-outer", "pack-start", "pack-end")


def _fill_cell(
    cell: _Cell,
    lattice: _Lattice,
    grid: _Grid,
    limits: _Limits,
    ties: _Ties,
    corridors: _Corridors,
    few: bool,
    tidy: bool,
    tidier: bool,
) -> list[_Spot]:
    """Place the nodes of a cell, trying the strategies in turn (only "spread" unless the cell is ``few``).

    Where ties are kept out of labels (``tidier``), the first strategy that keeps them all out wins;
    failing that, the one with the fewest crossings, then the fewest corridors short. Elsewhere the first
    strategy that fits wins. Raises ``_CellFull`` when none fits.
    """
    strategies = _STRATEGIES if few else _STRATEGIES[:1]
    missing = math.inf
    best: tuple[tuple[int, int], str] | None = None
    for i, strategy in enumerate(strategies):
        # Candidates learn what does not fit them: every try after the first needs a fresh lattice.
        filler = _CellFiller(lattice.fresh() if i else lattice, grid, limits, ties, corridors, tidy, tidier)
        filled = filler.fill(cell, strategy)
        if filled is None:
            missing = min(missing, filler.missing)
            continue
        if not tidier or len(strategies) == 1:
            return filled
        score = (sum(ties.tangled(spot) for spot in filled), corridors.shortage())
        if score[0] == 0:
            return filled
        filler.undo()
        if best is None or score < best[0]:
            best = (score, strategy)
    if best is None:
        raise _CellFull(cell.circle, missing, len(strategies) > 1)
    filled = _CellFiller(lattice.fresh(), grid, limits, ties, corridors, tidy, tidier).fill(cell, best[1])
    assert filled is not None  # the same strategy on the same state
    return filled


class _CellFiller:
    """Places the nodes of one cell, or takes them all out again when one does not fit."""

    def __init__(
        self,
        lattice: _Lattice,
        grid: _Grid,
        limits: _Limits,
        ties: _Ties,
        corridors: _Corridors,
        tidy: bool,
        tidier: bool,
    ) -> None:
        self.lattice, self.grid, self.limits = lattice, grid, limits
        self.ties, self.corridors, self.tidy, self.tidier = ties, corridors, tidy, tidier
        self.missing = 0.0  # footprint of the nodes that did not fit

    def fill(self, cell: _Cell, strategy: str) -> list[_Spot] | None:
        lattice, m = self.lattice, self.lattice.m
        key = (cell.sector, cell.circle)
        if strategy == "spread":
            order = list(cell.nodes)
            targets = _targets(len(order), lattice)
        else:
            order = sorted(cell.nodes, key=lambda item: -item[2])  # stable: equal widths keep label order
            rho = lattice.rho_min if strategy == "pack-inner" else lattice.rho_max
            fraction = {"pack-start": 0.0, "pack-end": 1.0}.get(strategy, 0.5)
            targets = [lattice.point(rho, fraction)] * len(order)
        counted = key in self.corridors.need  # the cell has corridors
        done: list[tuple[_Spot, list[int]]] = []
        for index, (item, target) in enumerate(zip(order, targets, strict=True)):
            _node, _label, width = item
            if counted:
                self.corridors.need[key] -= 1  # the node itself needs no corridor: its own tie is checked
            spot = lattice.nearest_free(
                target,
                width,
                self.grid,
                self.limits,
                self.ties,
                cell.sector if self.tidy else None,
                self.tidier,
                self.corridors if self.tidier else None,
            )
            if spot is None:
                if counted:
                    self.corridors.need[key] += 1
                self.missing = sum(math.prod(m.footprint(w)) for _n, _l, w in order[index:])
                self._undo(done, key if counted else None)
                return None
            placed = _Spot(item, cell.sector, cell.circle, *spot, m)
            placed.add(self.grid, self.ties)
            done.append((placed, self.corridors.block(_union(placed.node_box, placed.label_box))))
        self.done, self.key = done, key if counted else None
        return [placed for placed, _blocked in done]

    def undo(self) -> None:
        """Take out again the nodes of the last ``fill``."""
        self._undo(self.done, self.key)

    def _undo(self, done: list[tuple[_Spot, list[int]]], key: tuple[str, int] | None) -> None:
        for placed, blocked in reversed(done):
            placed.remove(self.grid, self.ties)
            self.corridors.unblock(blocked)
            if key is not None:
                self.corridors.need[key] += 1


class _Spot:
    """Where a node went: its position, its box (badges included) and its label box."""

    def __init__(
        self,
        item: tuple[NodeIn, str, float],
        sector: str,
        circle: int,
        x: float,
        y: float,
        angle: float,
        rho: float,
        m: _Metrics,
    ) -> None:
        self.item, self.sector, self.circle, self.m = item, sector, circle, m
        self.move(x, y, angle, rho)

    def move(self, x: float, y: float, angle: float, rho: float) -> None:
        m, width = self.m, self.item[2]
        self.x, self.y, self.angle, self.rho = x, y, angle, rho
        self.node_box = (x - m.node_half, y - m.node_half, x + m.node_half, y + m.node_half)
        self.label_box = (x - width / 2, y + m.label_top, x + width / 2, y + m.label_top + m.label_height)

    @property
    def reach(self) -> float:
        """How far from the centre its tie runs: to the edge of the node."""
        return self.rho - self.m.node_radius

    def boxes(self) -> tuple[_Rect, _Rect]:
        return self.node_box, self.label_box

    def add(self, grid: _Grid, ties: _Ties) -> None:
        grid.add(self.node_box)
        grid.add(self.label_box)
        ties.add(self.sector, self.angle, self.rho, self.reach, self.label_box)

    def remove(self, grid: _Grid, ties: _Ties) -> None:
        grid.remove(self.node_box)
        grid.remove(self.label_box)
        ties.remove(self.sector, self.angle, self.rho, self.label_box)


UNTANGLE_ROUNDS = 3
UNTANGLE_LIMIT = 24  # a bigger network is not untangled: it would take too long, and could rarely be


def _untangle(
    spots: list[_Spot], grid: _Grid, limits: _Limits, ties: _Ties, lattices: dict[tuple[str, int], _Lattice]
) -> None:
    """Where a tie still crosses another member's label, move the node with the tie, or else one with a
    label it crosses, to the nearest spot in its cell with fewer crossings. Placement kept ties a clearance
    away from labels where it could; here only real crossings count, so a tie may pass closer. Every move
    takes away more crossings than it adds, so this ends; a few rounds are plenty.
    """
    for _round in range(UNTANGLE_ROUNDS):
        moved = False
        for spot in spots:
            crossed = ties.labels_crossed(spot.angle, spot.reach, spot.label_box, bare=True)
            if not crossed:
                continue
            if _move_better(spot, grid, limits, ties, lattices[(spot.sector, spot.circle)]):
                moved = True
                continue
            for other in spots:
                if ties.relative(other.label_box) in crossed and _move_better(
                    other, grid, limits, ties, lattices[(other.sector, other.circle)]
                ):
                    moved = True
        if not moved:
            return


def _move_better(spot: _Spot, grid: _Grid, limits: _Limits, ties: _Ties, lattice: _Lattice) -> bool:
    """Move a node to the nearest spot in its cell with the fewest crossings, if that is fewer than now."""
    m = lattice.m
    spot.remove(grid, ties)
    best = ties.tangles(spot.sector, spot.angle, spot.rho, spot.label_box)
    sx, sy = spot.x, spot.y
    # Nearest first (then by radius and angle, should two be as near).
    candidates = sorted([((x - sx) ** 2 + (y - sy) ** 2, rho, angle, x, y) for x, y, angle, rho in lattice.points()])
    width = spot.item[2]
    half, top, height, gap = m.node_half, m.label_top, m.label_height, m.gap
    found = None
    for _d2, rho, angle, x, y in candidates:
        if best == 0:
            break
        label_box = (x - width / 2, y + top, x + width / 2, y + top + height)
        tangles = ties.tangles(spot.sector, angle, rho, label_box, best)
        if tangles >= best:
            continue
        if grid.hits((x - half, y - half, x + half, y + half), gap):
            continue
        if not limits.allows(label_box) or grid.hits(label_box, gap):
            continue
        best, found = tangles, (x, y, angle, rho)
    if found is not None:
        spot.move(*found)
    spot.add(grid, ties)
    return found is not None


def _union(a: _Rect, b: _Rect) -> _Rect:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


class _Lattice:
    """Candidate node centres in one cell: tracks of constant radius, evenly spaced along each arc.

    Every candidate keeps the node's box (badges included) clear of the ring edges and the dividers. A
    candidate is made only when a search reaches it: a search walks the candidates in order of distance
    from its target and usually stops after a few, so most of a big cell's lattice is never built.
    """

    def __init__(
        self,
        cx: float,
        cy: float,
        r_in: float,
        r_out: float,
        a0: float,
        a1: float,
        m: _Metrics,
        *,
        candidates: bool = True,
    ) -> None:
        self.cx, self.cy, self.m = cx, cy, m
        self.r_in, self.r_out, self.a0, self.a1 = r_in, r_out, a0, a1
        # The box's corner, not just its side, stays clear of the ring edges, the dividers and the disc.
        clearance = m.node_half * math.sqrt(2) + m.gap + 0.5
        self.clearance = clearance
        self.rho_min = r_in + clearance
        self.rho_max = r_out - clearance
        self.tracks: tuple[tuple[float, float, float, int], ...] = ()  # rho, first angle, last angle, count
        if self.rho_max >= self.rho_min and candidates:
            self.tracks = _lattice_tracks(r_in, r_out, a0, a1, clearance, LATTICE_STEP * m.font_size)
        # Each candidate is [x, y, width, angle, rho, tie through a node, tie through a label, crossed width]:
        # labels at least ``width`` wide are known not to fit there (boxes are only ever added while a lattice
        # lives, and a wider label box contains a narrower one); 0 once the node itself does not fit. This
        # makes a full cell fail fast. Likewise a label at least ``crossed width`` wide is crossed by a tie.
        # Made on first use: ``known[track][index]``.
        self.known: list[list[list | None]] = [[None] * track[3] for track in self.tracks]
        self.shadows: tuple[int, list[float], list[float]] | None = None  # ties.changes, _Ties.shadows
        self.every: list[tuple[float, float, float, float]] | None = None  # see ``points``

    def fresh(self) -> _Lattice:
        """A copy of this lattice with nothing known yet about its candidates."""
        lattice = copy.copy(self)
        lattice.known = [[None] * track[3] for track in self.tracks]
        lattice.shadows = None
        return lattice

    def angle_range(self, rho: float) -> tuple[float, float]:
        margin = math.asin(min(1.0, self.clearance / rho))
        return self.a0 + margin, self.a1 - margin

    def point(self, rho: float, fraction: float) -> tuple[float, float]:
        lo, hi = self.angle_range(rho)
        angle = lo + (hi - lo) * fraction if hi >= lo else (self.a0 + self.a1) / 2
        return self.cx + rho * math.cos(angle), self.cy + rho * math.sin(angle)

    def points(self) -> list[tuple[float, float, float, float]]:
        """Every candidate as (x, y, angle, rho), without what is known about it (made once)."""
        if self.every is None:
            self.every = []
            for rho, lo, hi, count in self.tracks:
                for index in range(count):
                    angle = lo + (hi - lo) * (index / (count - 1) if count > 1 else 0.5)
                    self.every.append((self.cx + rho * math.cos(angle), self.cy + rho * math.sin(angle), angle, rho))
        return self.every

    def nearest_free(
        self,
        target: tuple[float, float],
        label_width: float,
        grid: _Grid,
        limits: _Limits,
        ties: _Ties,
        sector: str | None,
        labels: bool = False,
        corridors: _Corridors | None = None,
    ) -> tuple[float, float, float, float] | None:
        """The free candidate nearest to ``target``: (x, y, angle, rho), or None when the cell is full.

        With a ``sector`` (tidy ties), a candidate within ``TIE_DETOUR`` of the target whose tie is clear of
        other nodes (the new tie through none, no placed tie through the new node) wins over a nearer one
        whose tie is not. With ``labels`` too, the best is also clear of other labels both ways (the new tie
        through none, no placed tie through the new label) and blocks no corridor another cell needs; then
        one as clear that blocks the fewest; then one clear of nodes only. Candidates are searched nearest
        first, so the search stops at the first one that is clear, or once past the detour.

        How: along a track the distance grows with the angle away from the target's, so each track is two
        sorted runs out from its candidate nearest in angle; a heap merges the runs, and a track joins the
        heap only once its radius is near enough to matter. A run steps over the candidates it knows cannot
        be chosen without going through the heap: those known not to fit, and those blocked by the same box
        as the one before. This is the hot loop of the layout, hence written out in one piece.
        """
        tracks = self.tracks
        if not tracks:
            return None
        m = self.m
        tx, ty = target
        half, top, height, gap, radius = m.node_half, m.label_top, m.label_height, m.gap, m.node_radius
        half_width = label_width / 2
        reach = math.hypot(half_width, top + height)  # no point of the label box is further from the node
        detour2 = (TIE_DETOUR * m.font_size) ** 2 if sector is not None else -1.0
        any_best, any_d2 = None, math.inf  # nearest free candidate
        node_best, node_d2 = None, math.inf  # nearest whose tie is clear of nodes, within the detour
        clear_best = None  # nearest clear of nodes and labels, blocking no corridor needed
        cheap_best, cheap_cost = None, math.inf  # clear of nodes and labels, blocking the fewest corridors
        # Neighbouring candidates are mostly blocked by the same few boxes: try those first. Nothing is placed
        # during a search, so a box found once is still there.
        seen: list[tuple[float, float, float, float]] = []
        buckets, size = grid.buckets, grid.cell
        floor, ceil, cos, sin, bisect_right, inf = (
            math.floor,
            math.ceil,
            math.cos,
            math.sin,
            bisect.bisect_right,
            math.inf,
        )
        push, pop, pushpop = heapq.heappush, heapq.heappop, heapq.heappushpop
        limit_outer, limit_inner = limits.outer, limits.inner
        cx, cy, known = self.cx, self.cy, self.known
        heap: list[tuple] = []

        def candidate(track: int, index: int) -> list:
            c = known[track][index]
            if c is None:
                rho, lo, hi, count = tracks[track]
                angle = lo + (hi - lo) * (index / (count - 1) if count > 1 else 0.5)
                c = known[track][index] = [
                    cx + rho * cos(angle),
                    cy + rho * sin(angle),
                    inf,
                    angle,
                    rho,
                    False,
                    False,
                    inf,
                ]
            return c

        # Once a free candidate is found, a tidy search only wants candidates whose tie is clear of nodes:
        # the angles in the shadow of a node (sorted starts and ends) are stepped over.
        shade_starts: list[float] | None = None
        shade_ends: list[float] = []

        # Tracks join the heap nearest in radius first: none of a track's candidates is nearer to the target
        # than the difference in radius (less a hair, for rounding).
        target_rho = math.hypot(tx - cx, ty - cy)
        outward = bisect.bisect_left(tracks, (target_rho,))
        inward = outward - 1

        def bound(track: int) -> float:
            if track < 0 or track >= len(tracks):
                return math.inf
            gap_rho = abs(tracks[track][0] - target_rho) - 1e-6
            return gap_rho * gap_rho if gap_rho > 0 else 0.0

        bound_in, bound_out = bound(inward), bound(outward)
        middle = (self.a0 + self.a1) / 2
        aim = math.atan2(ty - cy, tx - cx)
        aim = middle + (aim - middle + math.pi) % _TWO_PI - math.pi

        def add_tracks(first: float) -> None:
            """Let the tracks that may hold a candidate as near as ``first`` join the heap."""
            nonlocal inward, outward, bound_in, bound_out
            while min(bound_in, bound_out) <= first and (bound_in < math.inf or bound_out < math.inf):
                if bound_in <= bound_out:
                    track, inward = inward, inward - 1
                    bound_in = bound(inward)
                else:
                    track, outward = outward, outward + 1
                    bound_out = bound(outward)
                _rho, lo, hi, count = tracks[track]
                index = min(count - 1, max(0, round((aim - lo) / (hi - lo) * (count - 1)))) if count > 1 else 0
                c = candidate(track, index)
                d2 = (c[0] - tx) ** 2 + (c[1] - ty) ** 2
                push(heap, (d2, track, index, 0, c))
                if d2 < first:
                    first = d2

        add_tracks(math.inf)
        item = pop(heap) if heap else None
        while item is not None:
            d2, track, index, direction, c = item
            box, node = None, False  # what blocks this candidate, to step over the next ones it blocks
            finished = False
            while True:  # once through: ``break`` goes on to the next candidate
                if any_best is not None and d2 >= detour2:
                    finished = True  # every later one is further away than the nearest free one and beyond the
                    break  # detour
                if label_width >= c[2]:
                    break
                if d2 >= any_d2 and (c[5] or d2 > detour2 or ((c[6] or label_width >= c[7]) and d2 >= node_d2)):
                    break  # could only be a worse choice
                if shade_starts is not None:
                    j = bisect_right(shade_starts, c[3]) - 1
                    if j >= 0 and shade_starts[j] < c[3] < shade_ends[j]:
                        c[5] = True  # its tie runs through a node, or a tie through it
                        break
                x, y, rho = c[0], c[1], c[4]
                # Is the node's box (the lattice keeps it within the limits) clear of every box placed? As
                # ``_Grid.hit``, written out.
                x0, y0, x1, y1 = x - half - gap, y - half - gap, x + half + gap, y + half + gap
                for b in seen:
                    if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                        box = b
                        break
                else:
                    for gx in range(floor(x0 / size), floor(x1 / size) + 1):
                        for gy in range(floor(y0 / size), floor(y1 / size) + 1):
                            for b in buckets.get((gx, gy), ()):
                                if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                                    seen.append(b)
                                    box = b
                                    break
                            if box is not None:
                                break
                        if box is not None:
                            break
                if box is not None:
                    if len(box) > 4:
                        grid.reserved_hits.add(box[4])
                    c[2], node = 0.0, True
                    break
                label_box = (x - half_width, y + top, x + half_width, y + top + height)
                if (rho + reach > limit_outer or rho - reach < limit_inner) and not limits.allows(label_box):
                    c[2] = label_width
                    break
                x0, y0, x1, y1 = label_box[0] - gap, label_box[1] - gap, label_box[2] + gap, label_box[3] + gap
                for b in seen:
                    if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                        box = b
                        break
                else:
                    for gx in range(floor(x0 / size), floor(x1 / size) + 1):
                        for gy in range(floor(y0 / size), floor(y1 / size) + 1):
                            for b in buckets.get((gx, gy), ()):
                                if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                                    seen.append(b)
                                    box = b
                                    break
                            if box is not None:
                                break
                        if box is not None:
                            break
                if box is not None:
                    if len(box) > 4:
                        grid.reserved_hits.add(box[4])
                    c[2] = label_width
                    break
                if d2 < any_d2:
                    any_best, any_d2 = c, d2
                    if sector is not None and d2 <= detour2:
                        if self.shadows is None or self.shadows[0] != ties.changes:
                            self.shadows = (ties.changes, *ties.shadows(sector, self.rho_max))
                        _changes, shade_starts, shade_ends = self.shadows
                if sector is None or c[5] or d2 > detour2:
                    break
                # Nodes and ties are only ever added while a lattice lives: once blocked, blocked for good.
                if not ties.clear_of_nodes(sector, c[3], rho):
                    c[5] = True
                    break
                if not labels:
                    clear_best, finished = c, True
                    break
                if d2 < node_d2:
                    node_best, node_d2 = c, d2
                if c[6]:
                    break
                if not ties.clear_of_labels(c[3], rho - radius):
                    c[6] = True
                    break
                if label_width >= c[7]:
                    break
                if ties.crossing(label_box):
                    c[7] = label_width  # a wider label would be crossed too
                    break
                node_box = (x - half, y - half, x + half, y + half)
                cost = corridors.cost(_union(node_box, label_box), cheap_cost) if corridors is not None else 0
                if cost == 0:
                    clear_best, finished = c, True
                    break
                if cost < cheap_cost:
                    cheap_best, cheap_cost = c, cost
                break
            if finished:
                break
            # The run goes on (both ways from a track's first candidate): to its next candidate that may be
            # chosen, stepping over those known not to fit, those that ``box`` blocks (the node's box or,
            # with ``node`` false, the label's) as it blocked this one, and, once there is a free candidate,
            # those in the shadow of a node and those beyond the detour. It stops stepping once past the
            # nearest candidate in the heap: the search may end before it gets there.
            entry = None
            row = known[track]
            _rho, lo, hi, count = tracks[track]
            for side in (direction,) if direction else (-1, 1):
                k = index + side
                while 0 <= k < count:
                    n = row[k]
                    if shade_starts is not None:
                        angle = n[3] if n is not None else lo + (hi - lo) * (k / (count - 1) if count > 1 else 0.5)
                        j = bisect_right(shade_starts, angle) - 1
                        if j >= 0 and shade_starts[j] < angle < shade_ends[j]:
                            # Jump to (about) the end of the shadow; the one landed on is checked again.
                            if count < 2:
                                break
                            if side > 0:
                                k = max(k + 1, floor((shade_ends[j] - lo) / (hi - lo) * (count - 1)))
                            else:
                                k = min(k - 1, ceil((shade_starts[j] - lo) / (hi - lo) * (count - 1)))
                            continue
                    if n is None:
                        n = candidate(track, k)
                    e2 = (n[0] - tx) ** 2 + (n[1] - ty) ** 2
                    if shade_starts is not None and e2 >= detour2:
                        break  # the search ends at any candidate this far
                    if heap and e2 > heap[0][0]:
                        entry = (e2, track, k, side, n)
                        break
                    if label_width >= n[2]:
                        k += side
                        continue
                    if box is not None:
                        x, y = n[0], n[1]
                        if node and (
                            x - half - gap < box[2]
                            and box[0] < x + half + gap
                            and y - half - gap < box[3]
                            and box[1] < y + half + gap
                        ):
                            n[2] = 0.0
                            k += side
                            continue
                        if not node and (
                            x - half_width - gap < box[2]
                            and box[0] < x + half_width + gap
                            and y + top - gap < box[3]
                            and box[1] < y + top + height + gap
                        ):
                            n[2] = label_width
                            k += side
                            continue
                    entry = (e2, track, k, side, n)
                    break
                if not direction and entry is not None:
                    push(heap, entry)
                    entry = None
            # The next candidate in order of distance: the run's next one, or one in the heap.
            first = entry[0] if entry is not None else math.inf
            if heap and heap[0][0] < first:
                first = heap[0][0]
            if bound_in <= first or bound_out <= first:
                add_tracks(first)
            item = pushpop(heap, entry) if entry is not None else pop(heap) if heap else None
        for best in (clear_best, cheap_best, node_best, any_best):
            if best is not None:
                return best[0], best[1], best[3], best[4]
        return None


@functools.lru_cache(maxsize=256)
def _lattice_tracks(
    r_in: float, r_out: float, a0: float, a1: float, clearance: float, step: float
) -> tuple[tuple[float, float, float, int], ...]:
    """The tracks of a cell's lattice: (rho, first angle, last angle, number of candidates), inner first."""
    rho_min, rho_max = r_in + clearance, r_out - clearance
    tracks = []
    count = int((rho_max - rho_min) / step) + 1
    for i in range(count):
        rho = rho_min + (rho_max - rho_min) * (i / (count - 1) if count > 1 else 0.5)
        margin = math.asin(min(1.0, clearance / rho))
        lo, hi = a0 + margin, a1 - margin
        if hi >= lo:
            tracks.append((rho, lo, hi, int((hi - lo) * rho / step) + 1))
    return tuple(tracks)


def _targets(count: int, lattice: _Lattice) -> list[tuple[float, float]]:
    """``count`` points spread evenly over a cell: rows along the arc, more on the longer outer rows."""
    if count == 0:
        return []
    lo, hi = lattice.rho_min, lattice.rho_max
    if hi <= lo:
        return [lattice.point((lo + hi) / 2, 0.5)] * count
    m = lattice.m
    row_height = 2 * m.node_half + m.label_height + 2 * m.gap
    area = SECTOR_SPAN / 2 * (hi * hi - lo * lo)
    spacing = math.sqrt(area / count)
    max_rows = max(1, int((hi - lo) / (0.8 * row_height)) + 1)
    rows = max(1, min(max_rows, round((hi - lo) / spacing), count))
    radii = [lo + (hi - lo) * (i + 0.5) / rows for i in range(rows)]
    # Share the nodes out in proportion to each row's usable arc (largest remainder, deterministic).
    arcs = [max(1e-9, (lattice.angle_range(r)[1] - lattice.angle_range(r)[0]) * r) for r in radii]
    total = sum(arcs)
    quotas = [count * a / total for a in arcs]
    per_row = [int(q) for q in quotas]
    for i in sorted(range(rows), key=lambda i: (per_row[i] - quotas[i], i))[: count - sum(per_row)]:
        per_row[i] += 1
    # Aim to centre the node with its label (which hangs below it), not the node alone.
    lift = (m.label_top + m.label_height - m.node_half) / 2
    targets = []
    for i, (rho, n) in enumerate(zip(radii, per_row, strict=True)):
        shift = 0.25 if i % 2 else -0.25  # stagger neighbouring rows so labels do not line up under nodes
        for j in range(n):
            fraction = (j + 0.5 + (shift if n > 1 else 0)) / n
            x, y = lattice.point(rho, min(1.0, max(0.0, fraction)))
            targets.append((x, y - lift))
    return targets
