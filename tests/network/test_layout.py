"""The ecogram layout: every node in its cell, no label over another label or node, all inside the picture."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kring.network.layout import (
    SECTORS,
    Box,
    Layout,
    NodeIn,
    cell_centre,
    cell_of,
    layout_ecogram,
    ring_band,
    text_width,
)

FIRST_NAMES = ["Ahmed", "Anouk", "Bram", "Esra", "Femke", "Gerrit", "Mohamed", "Noor", "Willemijn", "Zoë", "Ömer"]
LAST_NAMES = ["de Vries", "El Amrani", "van den Berg", "Kowalski", "Yılmaz", "Wijnberg-Mulder"]
LONG_NAMES = ["Mohammed El Amrani", "MMMMWWWWMMMMWWWWMM", "Maximiliaan de Wit", "Wendy van den Berg"]


def make_network(
    size: int,
    seed: int,
    *,
    cell: tuple[str, int] | None = None,
    long_names: bool = False,
) -> list[NodeIn]:
    rng = random.Random(seed)
    nodes = []
    for i in range(size):
        if long_names:
            label = rng.choice(LONG_NAMES) + " " + rng.choice(LONG_NAMES)  # over 18 characters: shortened
        else:
            label = rng.choice(FIRST_NAMES) + ("" if rng.random() < 0.4 else " " + rng.choice(LAST_NAMES))
        sector, circle = cell or (rng.choice(SECTORS), rng.randint(1, 3))
        nodes.append(NodeIn(id=1000 + i * 7, label=label, sector=sector, circle=circle))
    return nodes


def circle_hits_box(x: float, y: float, radius: float, box: Box) -> bool:
    near_x = min(max(x, box.x0), box.x1)
    near_y = min(max(y, box.y0), box.y1)
    return (near_x - x) ** 2 + (near_y - y) ** 2 < radius * radius


def assert_valid(layout: Layout, nodes: list[NodeIn]) -> None:
    assert sorted(layout.nodes) == sorted(node.id for node in nodes)
    placed = list(layout.nodes.values())
    for node in nodes:
        p = layout.nodes[node.id]
        assert (p.sector, p.circle) == (node.sector, node.circle)
        # The centre lies in its cell...
        assert cell_of(layout, p.x, p.y) == (node.sector, node.circle)
        # ...and the whole node circle too, by the geometry itself.
        inner, outer = ring_band(layout, node.circle)
        rho = math.hypot(p.x - layout.cx, p.y - layout.cy)
        assert inner + p.radius < rho < outer - p.radius
        start, end = layout.sector_angles[node.sector]
        angle = start + (math.atan2(p.y - layout.cy, p.x - layout.cx) - start) % (2 * math.pi)
        assert start < angle < end
        assert rho * math.sin(angle - start) > p.radius
        assert rho * math.sin(end - angle) > p.radius
        # The label stays in the picture: inside the viewBox, inside the outer ring, out of the client's disc.
        box = p.label_box
        assert 0 <= box.x0 < box.x1 <= layout.size
        assert 0 <= box.y0 < box.y1 <= layout.size
        for x, y in ((box.x0, box.y0), (box.x1, box.y0), (box.x0, box.y1), (box.x1, box.y1)):
            assert math.hypot(x - layout.cx, y - layout.cy) <= layout.ring_radii[-1]
        assert not circle_hits_box(layout.cx, layout.cy, layout.centre_radius, box)
        # The label is centred under its node and at least as wide as its text.
        assert p.label_x == pytest.approx(p.x)
        assert box.y0 > p.y + p.radius
        assert box.x0 < p.label_x < box.x1 and box.y0 < p.label_y < box.y1
        assert box.width >= text_width(p.label, layout.font_size)
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert not a.label_box.overlaps(b.label_box), (a, b)
            assert math.hypot(a.x - b.x, a.y - b.y) > a.radius + b.radius
        for b in placed:
            if b is not a:
                assert not circle_hits_box(b.x, b.y, b.radius + layout.node_clearance, a.label_box), (a, b)


@pytest.mark.parametrize("size", [0, 1, 10, 50, 150])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_places_random_networks_without_overlap(size, seed):
    nodes = make_network(size, seed)
    assert_valid(layout_ecogram(nodes), nodes)


@pytest.mark.parametrize("size", [10, 50, 150])
def test_it_places_networks_of_long_names_without_overlap(size):
    nodes = make_network(size, 11, long_names=True)
    layout = layout_ecogram(nodes)
    assert_valid(layout, nodes)
    assert all(len(node.label) == 18 and node.label.endswith("…") for node in layout.nodes.values())


@pytest.mark.parametrize("cell", [("family", 1), ("professional", 1), ("community", 3), ("work", 2)])
def test_it_places_150_members_in_a_single_cell(cell):
    nodes = make_network(150, 5, cell=cell)
    assert_valid(layout_ecogram(nodes), nodes)


def test_it_places_60_long_names_in_one_inner_cell():
    nodes = make_network(60, 6, cell=("friends", 1), long_names=True)
    assert_valid(layout_ecogram(nodes), nodes)


def test_it_places_at_a_larger_font_size():
    nodes = make_network(40, 8)
    layout = layout_ecogram(nodes, font_size=20, max_label_chars=12)
    assert_valid(layout, nodes)
    assert all(len(node.label) <= 12 for node in layout.nodes.values())


label_text = st.text(
    alphabet=st.sampled_from("aeimnrstwAMW .-'éöçŞ李Ж"),
    min_size=0,
    max_size=30,
)
networks = st.lists(
    st.tuples(label_text, st.sampled_from(SECTORS), st.integers(1, 3)),
    max_size=150,
).map(lambda rows: [NodeIn(i, label, sector, circle) for i, (label, sector, circle) in enumerate(rows)])


crowded_networks = st.tuples(
    st.lists(st.tuples(st.sampled_from(SECTORS), st.integers(1, 3)), min_size=1, max_size=2),
    st.lists(st.tuples(label_text, st.integers(0, 1)), min_size=80, max_size=150),
).map(lambda pair: [NodeIn(i, label, *pair[0][which % len(pair[0])]) for i, (label, which) in enumerate(pair[1])])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(networks)
def test_it_places_any_network_up_to_150_members(nodes):
    assert_valid(layout_ecogram(nodes), nodes)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(crowded_networks)
def test_it_places_large_networks_crowded_into_one_or_two_cells(nodes):
    assert_valid(layout_ecogram(nodes), nodes)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(networks, st.randoms(use_true_random=False))
def test_it_does_not_depend_on_the_input_order(nodes, rnd):
    shuffled = list(nodes)
    rnd.shuffle(shuffled)
    assert layout_ecogram(shuffled) == layout_ecogram(nodes)


def test_it_is_deterministic():
    nodes = make_network(80, 9)
    assert layout_ecogram(nodes) == layout_ecogram(list(nodes))
    assert layout_ecogram(nodes) == layout_ecogram(list(reversed(nodes)))


def test_it_keeps_a_small_network_compact():
    layout = layout_ecogram(make_network(5, 1))
    assert layout.size <= 850
    assert layout_ecogram([]).size <= 820


def test_it_grows_the_picture_for_a_crowded_cell():
    small = layout_ecogram(make_network(5, 1))
    crowded = layout_ecogram(make_network(150, 1, cell=("family", 1)))
    assert crowded.size > small.size
    # Only the crowded inner band widens; the outer bands keep their width.
    bands = [b - a for a, b in zip((crowded.centre_radius, *crowded.ring_radii), crowded.ring_radii, strict=False)]
    assert bands[0] > 2 * bands[1]


def test_it_shortens_long_labels_with_an_ellipsis():
    layout = layout_ecogram([NodeIn(1, "Maximiliaan   van den\tBerg-Wijnberg", "family", 2)], max_label_chars=18)
    assert layout.nodes[1].label == "Maximiliaan van d…"
    assert layout.nodes[1].label == layout.nodes[1].label.strip()


def test_it_refuses_duplicate_ids_and_unknown_cells():
    with pytest.raises(ValueError):
        layout_ecogram([NodeIn(1, "A", "family", 1), NodeIn(1, "B", "family", 2)])
    with pytest.raises(ValueError):
        layout_ecogram([NodeIn(1, "A", "school", 1)])
    with pytest.raises(ValueError):
        layout_ecogram([NodeIn(1, "A", "family", 4)])


def test_it_lays_five_sectors_around_the_full_circle():
    layout = layout_ecogram([])
    spans = [end - start for start, end in layout.sector_angles.values()]
    assert list(layout.sector_angles) == list(SECTORS)
    assert sum(spans) == pytest.approx(2 * math.pi)
    assert all(span == pytest.approx(2 * math.pi / 5) for span in spans)
    # Family sits at the top.
    assert cell_of(layout, layout.cx, layout.cy - layout.ring_radii[0] + 1) == ("family", 1)


def test_it_finds_the_cell_of_every_cell_centre():
    layout = layout_ecogram(make_network(10, 1))
    for sector in SECTORS:
        for circle in (1, 2, 3):
            assert cell_of(layout, *cell_centre(layout, sector, circle)) == (sector, circle)


def test_it_finds_no_cell_in_the_centre_or_outside_the_rings():
    layout = layout_ecogram(make_network(10, 1))
    cx, cy = layout.cx, layout.cy
    assert cell_of(layout, cx, cy) is None
    assert cell_of(layout, cx + layout.centre_radius - 0.5, cy) is None
    assert cell_of(layout, cx + layout.ring_radii[-1] + 0.5, cy) is None
    assert cell_of(layout, 0, 0) is None
    assert cell_of(layout, -1000, layout.size * 3) is None
    assert cell_of(layout, cx + layout.ring_radii[-1] - 0.5, cy) is not None


@given(st.floats(0, 2 * math.pi, allow_nan=False), st.floats(0, 1, allow_nan=False))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_it_finds_the_cell_by_angle_and_radius(angle, fraction):
    layout = _EMPTY
    inner, outer = layout.centre_radius, layout.ring_radii[-1]
    radius = inner + 1 + (outer - inner - 2) * fraction
    found = cell_of(layout, layout.cx + radius * math.cos(angle), layout.cy + radius * math.sin(angle))
    assert found is not None
    sector, circle = found
    start, end = layout.sector_angles[sector]
    assert start - 1e-9 <= start + (angle - start) % (2 * math.pi) <= end + 1e-9
    low, high = ring_band(layout, circle)
    assert low - 1e-9 <= radius <= high + 1e-9


_EMPTY = layout_ecogram([])


def test_it_reserves_room_for_the_circle_names():
    layout = layout_ecogram(make_network(150, 3))
    for box in layout.circle_label_boxes.values():
        for node in layout.nodes.values():
            assert not box.overlaps(node.label_box)
            assert not circle_hits_box(node.x, node.y, node.radius, box)


def test_it_boxes_overlap_only_when_they_share_area_or_come_within_the_gap():
    a = Box(0, 0, 10, 10)
    assert a.overlaps(Box(5, 5, 15, 15))
    assert not a.overlaps(Box(10, 0, 20, 10))
    assert not a.overlaps(Box(12, 0, 20, 10), gap=1)
    assert a.overlaps(Box(12, 0, 20, 10), gap=3)
    assert a.width == 10 and a.height == 10


@given(st.text(max_size=40), st.text(min_size=1, max_size=5))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_it_measures_text_monotonically(text, more):
    assert text_width(text + more, 13) >= text_width(text, 13)
    assert text_width(more + text, 13) >= text_width(text, 13)
    assert text_width(text, 20) >= text_width(text, 13)
    assert text_width(text, 13, bold=True) >= text_width(text, 13)


def test_it_measures_wide_letters_wider():
    assert text_width("mmmm", 13) > text_width("nnnn", 13) > text_width("iiii", 13)
    assert text_width("WWWW", 13) > text_width("AAAA", 13)
    assert text_width("", 13) == 0


# Widths in Chromium at 13 px (getComputedTextLength), DejaVu Sans (Chromium's system-ui here, the
# widest of the usual sans fonts) and Liberation Sans (Arial metrics, Chromium's sans-serif).
MEASURED = {
    "Mohammed El Amrani": (143.77, 127.89),
    "MMMMWWWWMMMMWWWWMM": (215.00, 206.45),
    "Willemijn Kowalski": (119.62, 106.92),
    "Dr. Jansen (huisarts)": (131.80, 119.94),
    "iiiiiiiiiiiiiiiiii": (65.02, 52.00),
    "Zoë Ölçer-Ğündüz": (117.53, 106.94),
    "mmmmmmmmmmmmmmmmmm": (227.95, 194.94),
    "Werk, school en dagbesteding": (196.36, 174.66),
    "Вадим Шевченко": (117.81, 103.02),
}
MEASURED_SEMIBOLD = {"Werk, school en dagbesteding": 221.95, "Mohammed El Amrani": 160.00, "mmmmmmmmmmmmmmmmmm": 243.83}


@pytest.mark.parametrize("text", sorted(MEASURED))
def test_it_never_underestimates_chromium(text):
    assert text_width(text, 13) >= max(MEASURED[text])


@pytest.mark.parametrize("text", sorted(MEASURED_SEMIBOLD))
def test_it_never_underestimates_semibold_text(text):
    assert text_width(text, 13, bold=True) >= MEASURED_SEMIBOLD[text]


# --- ties and labels ----------------------------------------------------------------------------------

# Names as people are often entered on the map: a relation and a first name, or a first name alone.
RELATIONS = ["Mama", "Papa", "Oma", "Opa", "Oom Henk", "Tante Els", "Zus Fatima", "Broer Karim", "Sanne", "Joost",
             "Juf Anna", "Buurman Jan", "Noor", "Esra", "Bram", "Willemijn"]  # fmt: skip


def segment_hits_box(x0: float, y0: float, x1: float, y1: float, box: Box) -> bool:
    """True if the segment from (x0, y0) to (x1, y1) runs through the box (Liang–Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    return t0 < t1


def tie_crossings(layout: Layout) -> list[tuple[str, str]]:
    """(a, b) for every member a whose tie runs through the label of another member b.

    A tie is the straight line from the edge of the client's disc to the edge of the member's node.
    """
    found = []
    for a in layout.nodes.values():
        dx, dy = a.x - layout.cx, a.y - layout.cy
        distance = math.hypot(dx, dy)
        ux, uy = dx / distance, dy / distance
        start, end = layout.centre_radius, distance - a.radius
        x0, y0, x1, y1 = layout.cx + ux * start, layout.cy + uy * start, layout.cx + ux * end, layout.cy + uy * end
        found.extend(
            (a.label, b.label)
            for b in layout.nodes.values()
            if b is not a and segment_hits_box(x0, y0, x1, y1, b.label_box)
        )
    return found


def spread_network(size: int, seed: int, *, per_cell: int, per_sector: int) -> list[NodeIn]:
    """A network with at most ``per_cell`` members in a cell and ``per_sector`` in a sector."""
    rng = random.Random(seed)
    cells = [(sector, circle) for sector in SECTORS for circle in (1, 2, 3)]
    in_cell = dict.fromkeys(cells, 0)
    in_sector = dict.fromkeys(SECTORS, 0)
    nodes = []
    for i in range(size):
        sector, circle = rng.choice([c for c in cells if in_cell[c] < per_cell and in_sector[c[0]] < per_sector])
        in_cell[(sector, circle)] += 1
        in_sector[sector] += 1
        nodes.append(NodeIn(id=2000 + i * 3, label=rng.choice(RELATIONS), sector=sector, circle=circle))
    return nodes


# Where ties can be kept out of every other label: no cell shared (so at most three members a sector), or
# at most two members a sector. A sector of more members, with several in the inner circle, can leave no
# way out for the ties of the outer circles: the inner labels hang between their nodes and the client.
@pytest.mark.parametrize("size", range(1, 13))
@pytest.mark.parametrize("seed", range(10))
def test_it_keeps_ties_out_of_other_labels_when_every_member_has_a_cell_of_their_own(size, seed):
    nodes = spread_network(size, seed, per_cell=1, per_sector=3)
    layout = layout_ecogram(nodes, font_size=16)
    assert_valid(layout, nodes)
    assert tie_crossings(layout) == []


@pytest.mark.parametrize("size", range(2, 11, 2))
@pytest.mark.parametrize("seed", range(10))
def test_it_keeps_ties_out_of_other_labels_with_two_members_a_sector(size, seed):
    nodes = spread_network(size, seed, per_cell=2, per_sector=2)
    layout = layout_ecogram(nodes, font_size=16)
    assert_valid(layout, nodes)
    assert tie_crossings(layout) == []


def oom_henk_network() -> list[NodeIn]:
    """A real screen: Oom Henk's tie ran straight through "Zus" of Zus Fatima, just beside her node."""
    return [
        NodeIn(1, "Oom Henk", "family", 2),
        NodeIn(2, "Zus Fatima", "family", 1),
        NodeIn(3, "Mama", "family", 1),
        NodeIn(6, "Sanne", "friends", 1),
        NodeIn(7, "Mohammed El Amrani", "friends", 2),
        NodeIn(8, "Buurvrouw Els", "community", 2),
        NodeIn(9, "Moskee", "community", 3),
        NodeIn(10, "Collega Joost", "work", 2),
        NodeIn(11, "Dr. Jansen (huisarts)", "professional", 1),
        NodeIn(12, "Wijkteam", "professional", 2),
        NodeIn(13, "Buurman Jan", "community", 1),
        NodeIn(14, "Tante Els", "friends", 3),
    ]


@pytest.mark.parametrize("font_size", [13, 16])
def test_it_keeps_oom_henks_tie_out_of_zus_fatimas_label(font_size):
    nodes = oom_henk_network()
    layout = layout_ecogram(nodes, font_size=font_size)
    assert_valid(layout, nodes)
    assert tie_crossings(layout) == []
    assert tie_crossings(layout_ecogram(nodes[:2], font_size=font_size)) == []


# Crossings of these networks with the layout before ties were kept out of labels (at font size 16).
CROSSINGS_BEFORE = {15: 37, 20: 52, 30: 115}


@pytest.mark.parametrize("size", sorted(CROSSINGS_BEFORE))
def test_it_crosses_fewer_labels_in_bigger_networks_than_before(size):
    crossings = 0
    for seed in range(1, 6):
        nodes = make_network(size, seed)
        layout = layout_ecogram(nodes, font_size=16)
        assert_valid(layout, nodes)
        crossings += len(tie_crossings(layout))
    assert crossings <= CROSSINGS_BEFORE[size]


# --- size on screen -----------------------------------------------------------------------------------

SCREEN_WIDTH = 750  # the ecogram as shown beside its side panel
MIN_LABEL_PX = 13


def shown_label_px(layout: Layout) -> float:
    return layout.font_size / layout.size * SCREEN_WIDTH


@pytest.mark.parametrize("size", range(0, 13))
def test_it_shows_the_names_of_a_small_network_large_enough(size):
    for seed in range(10):
        for nodes in (make_network(size, seed), spread_network(size, seed, per_cell=2, per_sector=12)):
            layout = layout_ecogram(nodes, font_size=16)
            assert shown_label_px(layout) >= MIN_LABEL_PX, (size, seed, layout.size)


def test_it_still_grows_a_big_network_as_needed():
    small = layout_ecogram(make_network(12, 1), font_size=16)
    big = layout_ecogram(make_network(150, 1), font_size=16)
    assert big.size > 1.5 * small.size
