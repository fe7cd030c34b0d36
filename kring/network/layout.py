"""Where each member goes on the ecogram (netwerkkaart).

The ecogram puts the client in the centre, three closeness circles around them (1 = inner, "so close it is
hard to imagine life without them") and five sectors (pie slices) for the kind of relation. Every member
is a small node with its name underneath, inside its sector × circle cell.

This module is the pure geometry: plain Python and dataclasses, no Django. ``layout_ecogram`` is
deterministic and does not depend on the order of its input. It guarantees, for any network:

- every node circle lies inside its cell, clear of the ring edges and the sector dividers;
- no two labels overlap, no label covers another node (or its badges), no two nodes touch;
- every label stays inside the outer ring (so inside the viewBox) and out of the client's disc.

How: each cell gets a set of target points spread over it; nodes are placed greedily, each on the free
candidate position (a fine polar lattice over the cell) nearest to its target, checked against the boxes
already placed through a small spatial grid. If a cell cannot hold its nodes, that ring band is widened
(the outer rings move out and the picture grows) and the layout starts again.
"""

from __future__ import annotations

import bisect
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
CENTRE_RADIUS = 3.8
BASE_BAND = 8.25  # width of a ring band for a small network: about 800 wide at font size 13
SECTOR_LABEL_SCALE = 1.15  # sector names are drawn this much larger (and semi-bold) outside the rings
SECTOR_LABEL_GAP = 0.5
OUTER_PAD = 0.6
CIRCLE_LABEL_SCALE = 0.85  # the circle names, written along the bottom of each ring
CIRCLE_LABEL_WIDTH = 9.0  # room reserved for a circle name
LATTICE_STEP = 0.5  # spacing of candidate positions
PACKING = 0.85  # share of a cell's area that greedy placement fills before it runs out of room
GROWTH = 0.1  # a band that is too narrow grows by at least this share of its width
TIE_CLEARANCE = 0.35  # a tie passes at least this far (beyond the node's box) from other nodes
TIE_DETOUR = 8.0  # how far from its target a node may go to keep ties clear of other nodes
TIE_PREFERENCE_LIMIT = 24  # in a sector with more members the ties cannot all be kept clear anyway

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
    """Boxes (x0, y0, x1, y1) bucketed by position, for fast overlap tests."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def add(self, box: tuple[float, float, float, float]) -> None:
        c = self.cell
        for gx in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for gy in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                self.buckets.setdefault((gx, gy), []).append(box)

    def hits(self, box: tuple[float, float, float, float], gap: float) -> bool:
        """True if a stored box overlaps ``box`` or comes closer than ``gap``."""
        x0, y0, x1, y1 = box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap
        c = self.cell
        buckets = self.buckets
        for gx in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for gy in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                bucket = buckets.get((gx, gy))
                if bucket:
                    for b in bucket:
                        if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                            return True
        return False


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
    def __init__(self, circle: int, missing_area: float) -> None:
        self.circle = circle
        self.missing_area = missing_area  # footprint of the nodes that did not fit


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
    """
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

    bands = _estimate_bands(cells, m)
    for _attempt in range(200):
        try:
            return _place(cells, bands, angles, m, reserved_width)
        except _CellFull as full:
            # Widen the band by (a bit more than) the area the nodes that did not fit need.
            i = full.circle - 1
            inner = CENTRE_RADIUS * fs + sum(bands[:i])
            outer = inner + bands[i]
            wider = math.sqrt(outer * outer + 2 * full.missing_area / (PACKING * SECTOR_SPAN))
            bands[i] += max(fs, GROWTH * bands[i], 1.1 * (wider - outer))
    raise RuntimeError("ecogram layout did not converge")  # pragma: no cover - bands grow without bound


def _estimate_bands(cells: dict[tuple[str, int], _Cell], m: _Metrics) -> list[float]:
    """Band widths that, by area, should hold every cell: usually right first time."""
    fs = m.font_size
    bands = []
    inner = CENTRE_RADIUS * fs
    for circle in CIRCLES:
        need = BASE_BAND * fs
        for sector in SECTORS:
            cell = cells.get((sector, circle))
            if not cell:
                continue
            area = 0.0
            for _node, _label, width in cell.nodes:
                w, h = m.footprint(width)
                area += w * h
            area /= PACKING
            outer = math.sqrt(inner * inner + 2 * area / SECTOR_SPAN) + m.node_half
            # Room along the arc for the margins by the dividers as well.
            outer += 2 * m.node_half / SECTOR_SPAN
            need = max(need, outer - inner)
        bands.append(need)
        inner += need
    return bands


def _place(
    cells: dict[tuple[str, int], _Cell],
    bands: list[float],
    angles: dict[str, tuple[float, float]],
    m: _Metrics,
    reserved_width: float,
) -> Layout:
    fs = m.font_size
    centre_radius = CENTRE_RADIUS * fs
    radii: list[float] = []
    edge = centre_radius
    for band in bands:
        edge += band
        radii.append(edge)
    outer = radii[-1]
    band_in = outer + SECTOR_LABEL_GAP * fs
    band_out = band_in + 1.3 * SECTOR_LABEL_SCALE * fs
    size = 2 * (band_out + OUTER_PAD * fs)
    cx = cy = size / 2

    grid = _Grid(4 * fs)
    tie_index: dict[str, _Ties] = {}  # ties stay inside their sector's wedge: one index per sector
    sector_sizes = {sector: sum(len(c.nodes) for c in cells.values() if c.sector == sector) for sector in SECTORS}
    circle_boxes = _circle_label_boxes(cx, cy, radii, reserved_width, fs)
    for box in circle_boxes.values():
        grid.add((box.x0, box.y0, box.x1, box.y1))

    placed: dict[int, PlacedNode] = {}
    limits = _Limits(cx, cy, centre_radius + m.gap, outer - 1)
    for circle in CIRCLES:
        r_in = centre_radius if circle == 1 else radii[circle - 2]
        r_out = radii[circle - 1]
        for sector in SECTORS:
            cell = cells.get((sector, circle))
            if not cell:
                continue
            a0, a1 = angles[sector]
            lattice = _Lattice(cx, cy, r_in, r_out, a0, a1, m)
            targets = _targets(len(cell.nodes), lattice)
            ties = tie_index.setdefault(sector, _Ties(m.node_half + TIE_CLEARANCE * fs, centre_radius))
            keep_ties_clear = sector_sizes[sector] <= TIE_PREFERENCE_LIMIT
            for index, ((node, label, width), target) in enumerate(zip(cell.nodes, targets, strict=True)):
                spot = lattice.nearest_free(target, width, grid, limits, ties if keep_ties_clear else None)
                if spot is None:
                    missing = sum(math.prod(m.footprint(w)) for _n, _l, w in cell.nodes[index:])
                    raise _CellFull(circle, missing)
                x, y, angle, rho = spot
                node_box = (x - m.node_half, y - m.node_half, x + m.node_half, y + m.node_half)
                label_box = (x - width / 2, y + m.label_top, x + width / 2, y + m.label_top + m.label_height)
                grid.add(node_box)
                grid.add(label_box)
                ties.add(angle, rho)
                placed[node.id] = PlacedNode(
                    id=node.id,
                    x=x,
                    y=y,
                    radius=m.node_radius,
                    label=label,
                    label_x=x,
                    label_y=label_box[1] + 1 + LABEL_ASCENT * fs,
                    label_box=Box(*label_box),
                    sector=sector,
                    circle=circle,
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
        circle_label_boxes=circle_boxes,
    )


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

    def allows(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box[0] - self.cx, box[1] - self.cy, box[2] - self.cx, box[3] - self.cy
        far_x = max(abs(x0), abs(x1))
        far_y = max(abs(y0), abs(y1))
        if far_x * far_x + far_y * far_y > self.outer * self.outer:
            return False
        near_x = 0.0 if x0 <= 0 <= x1 else min(abs(x0), abs(x1))
        near_y = 0.0 if y0 <= 0 <= y1 else min(abs(y0), abs(y1))
        return near_x * near_x + near_y * near_y >= self.inner * self.inner


class _Ties:
    """The ties (straight lines from the centre) of the nodes placed in one sector, sorted by angle.

    A tie runs through a node when the node, closer to the centre, sits within ``clearance`` of the ray
    to a node further out. Placement prefers spots where neither the new tie runs through a placed node
    nor the new node sits on a placed tie.
    """

    def __init__(self, clearance: float, centre_radius: float) -> None:
        self.clearance = clearance
        self.window = math.asin(min(1.0, clearance / centre_radius))
        self.angles: list[float] = []
        self.radii: list[float] = []

    def add(self, angle: float, rho: float) -> None:
        i = bisect.bisect(self.angles, angle)
        self.angles.insert(i, angle)
        self.radii.insert(i, rho)

    def clear(self, angle: float, rho: float) -> bool:
        lo = bisect.bisect_left(self.angles, angle - self.window)
        hi = bisect.bisect_right(self.angles, angle + self.window)
        for i in range(lo, hi):
            inner = min(rho, self.radii[i])
            if inner * math.sin(abs(angle - self.angles[i])) < self.clearance:
                return False
        return True


class _Lattice:
    """Candidate node centres in one cell: tracks of constant radius, evenly spaced along each arc.

    Every candidate keeps the node's box (badges included) clear of the ring edges and the dividers.
    """

    def __init__(self, cx: float, cy: float, r_in: float, r_out: float, a0: float, a1: float, m: _Metrics):
        self.cx, self.cy, self.m = cx, cy, m
        self.r_in, self.r_out, self.a0, self.a1 = r_in, r_out, a0, a1
        # The box's corner, not just its side, stays clear of the ring edges, the dividers and the disc.
        clearance = m.node_half * math.sqrt(2) + m.gap + 0.5
        self.clearance = clearance
        self.rho_min = r_in + clearance
        self.rho_max = r_out - clearance
        step = LATTICE_STEP * m.font_size
        self.bucket = 6 * step
        # Each candidate is [x, y, width, angle, rho, tie-blocked]: labels at least ``width`` wide are known
        # not to fit there (boxes are only ever added, and a wider label box contains a narrower one);
        # 0 once the node itself does not fit. This makes a full cell fail fast.
        self.buckets: dict[tuple[int, int], list[list]] = {}
        self.bounds = (0, 0, 0, 0)
        if self.rho_max < self.rho_min:
            return
        tracks = int((self.rho_max - self.rho_min) / step) + 1
        for i in range(tracks):
            rho = self.rho_min + (self.rho_max - self.rho_min) * (i / (tracks - 1) if tracks > 1 else 0.5)
            lo, hi = self.angle_range(rho)
            if hi < lo:
                continue
            count = int((hi - lo) * rho / step) + 1
            for j in range(count):
                angle = lo + (hi - lo) * (j / (count - 1) if count > 1 else 0.5)
                x, y = cx + rho * math.cos(angle), cy + rho * math.sin(angle)
                key = (math.floor(x / self.bucket), math.floor(y / self.bucket))
                self.buckets.setdefault(key, []).append([x, y, math.inf, angle, rho, False])
        if self.buckets:
            keys = self.buckets.keys()
            self.bounds = (
                min(k[0] for k in keys),
                min(k[1] for k in keys),
                max(k[0] for k in keys),
                max(k[1] for k in keys),
            )

    def angle_range(self, rho: float) -> tuple[float, float]:
        margin = math.asin(min(1.0, self.clearance / rho))
        return self.a0 + margin, self.a1 - margin

    def point(self, rho: float, fraction: float) -> tuple[float, float]:
        lo, hi = self.angle_range(rho)
        angle = lo + (hi - lo) * fraction if hi >= lo else (self.a0 + self.a1) / 2
        return self.cx + rho * math.cos(angle), self.cy + rho * math.sin(angle)

    def nearest_free(
        self, target: tuple[float, float], label_width: float, grid: _Grid, limits: _Limits, ties: _Ties | None
    ) -> tuple[float, float, float, float] | None:
        """The free candidate nearest to ``target``: (x, y, angle, rho), or None when the cell is full.

        A candidate whose tie is clear of other nodes wins over a nearer one whose tie is not, within
        ``TIE_DETOUR`` of the target. Buckets are searched ring by ring outwards from the target.
        """
        if not self.buckets:
            return None
        m = self.m
        tx, ty = target
        size = self.bucket
        bx, by = math.floor(tx / size), math.floor(ty / size)
        x_lo, y_lo, x_hi, y_hi = self.bounds
        max_ring = max(bx - x_lo, x_hi - bx, by - y_lo, y_hi - by, 0)
        half, top, height, gap = m.node_half, m.label_top, m.label_height, m.gap
        half_width = label_width / 2
        reach = math.hypot(half_width, top + height)  # no point of the label box is further from the node
        detour2 = (TIE_DETOUR * m.font_size) ** 2 if ties is not None else -1.0
        any_best, any_d2 = None, math.inf  # nearest free candidate
        clear_best, clear_d2 = None, math.inf  # nearest free candidate with a clear tie, within the detour
        for ring in range(max_ring + 1):
            lower = max(0, ring - 1) * size
            lower2 = lower * lower
            if clear_best is not None and lower2 >= clear_d2:
                break
            if any_best is not None and lower2 >= max(any_d2, detour2):
                break
            bound = clear_d2 if clear_best is not None else max(any_d2, detour2) if any_best is not None else math.inf
            found = []
            for key in _ring_keys(bx, by, ring):
                for candidate in self.buckets.get(key, ()):
                    if label_width >= candidate[2]:
                        continue
                    d2 = (candidate[0] - tx) ** 2 + (candidate[1] - ty) ** 2
                    if d2 < bound:
                        found.append((d2, candidate))
            found.sort(key=lambda item: item[0])
            for d2, candidate in found:
                if d2 >= any_d2 and (candidate[5] or d2 > detour2):
                    continue  # could only be a worse choice
                x, y, rho = candidate[0], candidate[1], candidate[4]
                # The lattice keeps the node's own box within the limits.
                node_box = (x - half, y - half, x + half, y + half)
                if grid.hits(node_box, gap):
                    candidate[2] = 0.0
                    continue
                label_box = (x - half_width, y + top, x + half_width, y + top + height)
                near_limits = rho + reach > limits.outer or rho - reach < limits.inner
                if (near_limits and not limits.allows(label_box)) or grid.hits(label_box, gap):
                    candidate[2] = label_width
                    continue
                if d2 < any_d2:
                    any_best, any_d2 = candidate, d2
                if not candidate[5] and d2 <= detour2:
                    if ties is not None and ties.clear(candidate[3], candidate[4]):
                        clear_best, clear_d2 = candidate, d2
                        break
                    candidate[5] = True  # ties are only ever added: blocked for good
        best = clear_best if clear_best is not None else any_best
        if best is None:
            return None
        return best[0], best[1], best[3], best[4]


def _ring_keys(bx: int, by: int, ring: int) -> Iterable[tuple[int, int]]:
    if ring == 0:
        yield bx, by
        return
    for dx in range(-ring, ring + 1):
        yield bx + dx, by - ring
        yield bx + dx, by + ring
    for dy in range(-ring + 1, ring):
        yield bx - ring, by + dy
        yield bx + ring, by + dy


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
