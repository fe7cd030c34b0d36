"""The ecogram SVG: structure, line conventions, accessibility, escaping and the compare view."""

from __future__ import annotations

import dataclasses
import math
import random
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kring.network import ecogram_svg
from kring.network.ecogram_svg import (
    DASHES,
    LEGEND_KEYS,
    THICK,
    THIN,
    EcogramLink,
    EcogramMember,
    EcogramText,
    render_ecogram,
)
from kring.network.layout import SECTORS, NodeIn, cell_of, layout_ecogram

NS = "{http://www.w3.org/2000/svg}"

SECTOR_NAMES = {
    "family": "Familie",
    "friends": "Vrienden en kennissen",
    "community": "Buurt en gemeenschap",
    "work": "Werk, school en dagbesteding",
    "professional": "Hulpverleners",
}
LEGEND = {key: f"Uitleg {key}" for key in LEGEND_KEYS}


def aria(member: EcogramMember) -> str:
    return f"{member.label}, cirkel {member.circle}"


TEXT = EcogramText(
    title="Netwerkkaart van Priya",
    description="Priya in het midden, met haar netwerk in drie cirkels.",
    client_label="Priya",
    sector_labels=SECTOR_NAMES,
    circle_labels={1: "Heel dichtbij", 2: "Dichtbij", 3: "Wat verder weg"},
    legend=LEGEND,
    member_aria=aria,
)


def member(member_id: int, **changes) -> EcogramMember:
    values = {
        "id": member_id,
        "label": f"Persoon {member_id}",
        "sector": "family",
        "circle": 2,
        "tie_quality": "supportive",
        "status": "active",
        "strong": False,
        "support_received": frozenset(),
        "support_given": frozenset(),
        "emergency_contact": False,
        "abroad": False,
        "deceased": False,
    }
    values.update(changes)
    return EcogramMember(**values)


def render(members, links=(), **kwargs) -> tuple[str, ET.Element]:
    svg = render_ecogram(members, list(links), kwargs.pop("text", TEXT), **kwargs)
    return svg, ET.fromstring(svg)


def groups(root: ET.Element) -> dict[int, ET.Element]:
    return {int(g.get("data-member-id")): g for g in root.iter(f"{NS}g") if "member" in (g.get("class") or "").split()}


def tie(root: ET.Element, member_id: int) -> ET.Element:
    (found,) = [g for g in root.iter(f"{NS}g") if g.get("id") == f"tie-{member_id}"]
    return found


def tie_line(root: ET.Element, member_id: int) -> ET.Element:
    return tie(root, member_id).find(f"{NS}path")


def node_circle(group: ET.Element) -> ET.Element:
    (circle,) = [c for c in group.iter(f"{NS}circle") if c.get("class") == "node"]
    return circle


def path_points(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def network(size: int, seed: int) -> list[EcogramMember]:
    rng = random.Random(seed)
    return [
        member(
            i,
            label=rng.choice(["Mama", "Ome Kees", "Mohammed El Amrani", "Buurvrouw Els", "Dr. Jansen (huisarts)"]),
            sector=rng.choice(SECTORS),
            circle=rng.randint(1, 3),
            tie_quality=rng.choice(["supportive", "mixed", "stressful"]),
            status=rng.choice(["active", "dormant", "restore", "limited"]),
            strong=rng.random() < 0.3,
            support_received=frozenset({"practical"}) if rng.random() < 0.5 else frozenset(),
            support_given=frozenset({"emotional"}) if rng.random() < 0.3 else frozenset(),
            emergency_contact=rng.random() < 0.1,
            abroad=rng.random() < 0.1,
            deceased=rng.random() < 0.05,
        )
        for i in range(1, size + 1)
    ]


def test_it_draws_one_group_per_member_with_its_data_attributes():
    members = network(30, 1)
    _svg, root = render(members)
    found = groups(root)
    assert sorted(found) == [m.id for m in members]
    for m in members:
        g = found[m.id]
        assert g.get("id") == f"member-{m.id}"
        assert g.get("data-sector") == m.sector
        assert g.get("data-circle") == str(m.circle)
        assert g.get("data-tie") == m.tie_quality
        assert g.get("data-status") == m.status
        assert f"member--{m.tie_quality}" in g.get("class").split()


@pytest.mark.parametrize("size", [1, 12, 150])
def test_it_puts_every_node_inside_its_circle_and_sector(size):
    members = network(size, 2)
    layout = layout_ecogram([NodeIn(m.id, m.label, m.sector, m.circle) for m in members])
    _svg, root = render(members, layout=layout)
    for m in members:
        circle = node_circle(groups(root)[m.id])
        assert cell_of(layout, float(circle.get("cx")), float(circle.get("cy"))) == (m.sector, m.circle)


def test_it_lays_out_by_itself_when_no_layout_is_given():
    members = network(12, 3)
    assert (
        render(members)[0]
        == render(members, layout=layout_ecogram([NodeIn(m.id, m.label, m.sector, m.circle) for m in members]))[0]
    )


def test_it_refuses_a_layout_without_the_member():
    layout = layout_ecogram([NodeIn(1, "A", "family", 1)])
    with pytest.raises(ValueError):
        render([member(2)], layout=layout)


def test_it_draws_strong_ties_thick_and_weaker_ones_thin():
    _svg, root = render([member(1, strong=True), member(2)])
    assert float(tie_line(root, 1).get("stroke-width")) == THICK
    assert float(tie_line(root, 2).get("stroke-width")) == THIN
    assert tie_line(root, 1).get("stroke-dasharray") is None
    assert len(path_points(tie_line(root, 2).get("d"))) == 2  # a straight line


def test_it_draws_dormant_ties_dashed_and_restore_ties_dash_dotted_in_another_colour():
    _svg, root = render([member(1, status="dormant"), member(2, status="restore"), member(3)])
    dormant, restore, active = tie_line(root, 1), tie_line(root, 2), tie_line(root, 3)
    assert dormant.get("stroke-dasharray") == DASHES["dormant"]
    assert restore.get("stroke-dasharray") == DASHES["restore"]
    assert active.get("stroke-dasharray") is None
    assert len({dormant.get("stroke"), restore.get("stroke"), active.get("stroke")}) == 3
    assert "tie--dormant" in tie(root, 1).get("class").split()


def test_it_draws_stressful_ties_as_a_zigzag_and_mixed_ties_half_zigzag():
    _svg, root = render([member(1, tie_quality="stressful"), member(2, tie_quality="mixed", circle=3)])
    stressful = path_points(tie_line(root, 1).get("d"))
    mixed = path_points(tie_line(root, 2).get("d"))
    assert len(stressful) > 6
    assert len(mixed) > 4
    # The zigzag leaves the straight line; the mixed tie only in its outer half.
    (x0, y0), (x1, y1) = stressful[0], stressful[-1]
    length = math.hypot(x1 - x0, y1 - y0)

    def off_line(points, x0, y0, x1, y1):
        length = math.hypot(x1 - x0, y1 - y0)
        return [abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length for x, y in points]

    assert max(off_line(stressful, x0, y0, x1, y1)) > 2
    (mx0, my0), (mx1, my1) = mixed[0], mixed[-1]
    mixed_length = math.hypot(mx1 - mx0, my1 - my0)
    for (x, y), distance in zip(mixed, off_line(mixed, mx0, my0, mx1, my1), strict=True):
        if math.hypot(x - mx0, y - my0) < mixed_length * 0.45:
            assert distance < 0.1
    assert length > 0


def test_it_draws_a_limited_tie_stopping_short_at_a_bar_without_arrows():
    m = member(1, status="limited", support_received=frozenset({"practical"}))
    _svg, root = render([m])
    group = tie(root, 1)
    line = tie_line(root, 1)
    stop = [p for p in group.iter(f"{NS}path") if p.get("class") == "tie-stop"]
    assert len(stop) == 1
    assert line.get("marker-start") is None and line.get("marker-end") is None
    node = node_circle(groups(root)[1])
    (_x0, _y0), (x1, y1) = path_points(line.get("d"))
    gap = math.hypot(float(node.get("cx")) - x1, float(node.get("cy")) - y1)
    assert gap > 3 * float(node.get("r"))
    assert any(p.get("class") == "mark mark--limited" for p in groups(root)[1].iter(f"{NS}path"))


@pytest.mark.parametrize(
    ("received", "given", "start", "end"),
    [(True, False, True, False), (False, True, False, True), (True, True, True, True), (False, False, False, False)],
)
def test_it_shows_the_direction_of_support_with_arrow_markers(received, given, start, end):
    m = member(
        1,
        support_received=frozenset({"emotional"}) if received else frozenset(),
        support_given=frozenset({"practical"}) if given else frozenset(),
    )
    _svg, root = render([m])
    line = tie_line(root, 1)
    assert (line.get("marker-start") is not None) == start
    assert (line.get("marker-end") is not None) == end
    marker_ids = {marker.get("id") for marker in root.iter(f"{NS}marker")}
    for attribute in ("marker-start", "marker-end"):
        if line.get(attribute):
            assert re.fullmatch(r"url\(#(.+)\)", line.get(attribute)).group(1) in marker_ids
    if start:
        assert "start" in line.get("marker-start")
    assert (
        tie(root, 1).get("data-direction")
        == {
            (True, False): "received",
            (False, True): "given",
            (True, True): "both",
            (False, False): "none",
        }[(received, given)]
    )


def test_it_draws_links_between_the_right_nodes():
    members = [member(1, circle=1), member(2, sector="friends"), member(3, sector="work", circle=3)]
    links = [EcogramLink(1, 2, "knows"), EcogramLink(3, 1, "conflict"), EcogramLink(1, 99, "knows")]
    _svg, root = render(members, links)
    drawn = [g for g in root.iter(f"{NS}g") if "link" in (g.get("class") or "").split()]
    assert [(g.get("data-a"), g.get("data-b"), g.get("data-kind")) for g in drawn] == [
        ("1", "2", "knows"),
        ("1", "3", "conflict"),
    ]
    nodes = {m.id: node_circle(groups(root)[m.id]) for m in members}
    for g in drawn:
        curve = g.find(f"{NS}path")
        points = path_points(curve.get("d"))
        for (x, y), member_id in ((points[0], int(g.get("data-a"))), (points[-1], int(g.get("data-b")))):
            node = nodes[member_id]
            distance = math.hypot(x - float(node.get("cx")), y - float(node.get("cy")))
            assert distance <= float(node.get("r")) + 4
    conflict = drawn[1]
    assert conflict.find(f"{NS}path").get("stroke-dasharray")
    assert len(list(conflict.iter(f"{NS}path"))) == 2  # the curve and its cross


def test_it_escapes_every_piece_of_text():
    nasty = '<b>&"Ome Kees"'
    text = EcogramText(
        title="Kaart van <script>",
        description='A & B "quoted"',
        client_label="<i>Jo</i>",
        sector_labels={**SECTOR_NAMES, "family": "Familie & <co>"},
        circle_labels={1: "<1>", 2: "&2", 3: '"3"'},
        legend={**LEGEND, "weak": "<weak & thin>"},
        member_aria=lambda m: f"{m.label} & co",
    )
    svg, root = render([member(1, label=nasty)], href=lambda i: f"/m/{i}/?a=1&b=<2>", text=text)
    assert "<b>" not in svg and "<script>" not in svg
    g = groups(root)[1]
    (label,) = [t for t in g.iter(f"{NS}text") if t.get("class") == "member-label"]
    assert label.text == nasty
    assert g.find(f".//{NS}title").text == f"{nasty} & co"
    assert g.find(f"{NS}a").get("href") == "/m/1/?a=1&b=<2>"
    assert root.find(f"{NS}title").text == "Kaart van <script>"
    assert root.find(f"{NS}desc").text == 'A & B "quoted"'


def test_it_drops_characters_xml_cannot_hold():
    svg, root = render([member(1, label="Ome\x00 Kees\x1b")])
    (label,) = [t for t in root.iter(f"{NS}text") if t.get("class") == "member-label"]
    assert label.text == "Ome Kees"
    assert "\x00" not in svg


def test_it_uses_no_style_attributes_or_elements_unless_standalone():
    svg, root = render(network(40, 4), [EcogramLink(1, 2, "knows"), EcogramLink(3, 4, "conflict")])
    assert not any(el.get("style") is not None for el in root.iter())
    assert root.find(f".//{NS}style") is None
    assert "style=" not in svg
    assert root.get("width") is None and root.get("height") is None


def test_it_makes_a_standalone_file_with_size_and_font():
    svg, root = render(network(5, 5), standalone=True)
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    assert float(root.get("width")) == width and float(root.get("height")) == height
    assert "sans-serif" in root.get("font-family")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_it_has_a_title_and_description_the_svg_refers_to():
    _svg, root = render(network(3, 6), id_prefix="kaart")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title.text == TEXT.title and desc.text == TEXT.description
    assert root.get("aria-labelledby") == title.get("id") == "kaart-title"
    assert root.get("aria-describedby") == desc.get("id") == "kaart-desc"
    assert root.get("role") != "img"  # it holds focusable nodes


def test_it_gives_each_member_an_accessible_name_and_makes_it_focusable():
    members = network(5, 7)
    _svg, root = render(members, href=lambda i: f"/leden/{i}/")
    for m in members:
        g = groups(root)[m.id]
        link = g.find(f"{NS}a")
        assert link.get("href") == f"/leden/{m.id}/"
        assert link.find(f"{NS}title").text == aria(m)
    _svg, root = render(members)
    for m in members:
        g = groups(root)[m.id]
        assert g.get("tabindex") == "0"
        assert g.find(f"{NS}title").text == aria(m)


def test_it_draws_rings_sectors_and_their_names():
    _svg, root = render(network(5, 8))
    rings = [c for c in root.iter(f"{NS}circle") if (c.get("class") or "").startswith("ring ")]
    assert sorted(c.get("data-circle") for c in rings) == ["1", "2", "3"]
    assert {c.get("class") for c in rings} == {"ring ring--1", "ring ring--2", "ring ring--3"}
    labels = {t.get("data-sector"): t for t in root.iter(f"{NS}text") if t.get("class") == "sector-label"}
    assert sorted(labels) == sorted(SECTORS)
    assert labels["family"].find(f"{NS}textPath").text == "Familie"
    circle_labels = [t for t in root.iter(f"{NS}text") if t.get("class") == "circle-label"]
    assert [t.find(f"{NS}textPath").text for t in circle_labels] == ["Heel dichtbij", "Dichtbij", "Wat verder weg"]
    path_ids = {p.get("id") for p in root.iter(f"{NS}path") if p.get("id")}
    for text_path in root.iter(f"{NS}textPath"):
        assert text_path.get("href")[1:] in path_ids


def test_it_draws_the_client_in_the_centre():
    _svg, root = render([], text=TEXT)
    (client,) = [g for g in root.iter(f"{NS}g") if g.get("class") == "client"]
    assert client.find(f"{NS}text").text == "Priya"


def test_it_marks_emergency_contacts_people_abroad_the_deceased():
    _svg, root = render([member(1, emergency_contact=True), member(2, abroad=True), member(3, deceased=True)])
    found = groups(root)

    def badges(g):
        return {el.get("class") for el in g.iter() if el.get("class")}

    assert "icon icon--emergency" in badges(found[1])
    assert "icon icon--abroad" in badges(found[2])
    assert "deceased-ring" in badges(found[3])
    assert "member--deceased" in found[3].get("class").split()


def test_it_ghosts_removed_members():
    _svg, root = render([member(1, change="removed"), member(2)])
    g = groups(root)[1]
    assert "member--removed" in g.get("class").split()
    node = node_circle(g)
    assert node.get("stroke-dasharray") and float(node.get("opacity")) < 1
    assert float(tie(root, 1).get("opacity")) < 1
    assert node_circle(groups(root)[2]).get("opacity") is None


def test_it_highlights_added_members():
    _svg, root = render([member(1, change="added"), member(2)])
    highlights = [c for c in groups(root)[1].iter(f"{NS}circle") if c.get("class") == "highlight"]
    assert len(highlights) == 1
    assert float(highlights[0].get("r")) > float(node_circle(groups(root)[1]).get("r"))
    assert not [c for c in groups(root)[2].iter(f"{NS}circle") if "highlight" in (c.get("class") or "")]


def test_it_draws_a_trail_from_the_previous_cell_of_a_moved_member():
    members = [member(1, sector="family", circle=1, change="moved", previous=("work", 3)), member(2)]
    layout = layout_ecogram([NodeIn(m.id, m.label, m.sector, m.circle) for m in members])
    _svg, root = render(members, layout=layout)
    (trail,) = [g for g in root.iter(f"{NS}g") if g.get("class") == "trail"]
    assert trail.get("data-member-id") == "1"
    start = trail.find(f"{NS}circle")
    assert cell_of(layout, float(start.get("cx")), float(start.get("cy"))) == ("work", 3)
    (_sx, _sy), (ex, ey) = path_points(trail.find(f"{NS}path").get("d"))
    node = layout.nodes[1]
    assert math.hypot(ex - node.x, ey - node.y) < node.radius + 6


def test_it_lists_in_the_legend_only_what_the_picture_shows():
    members = [member(1, strong=True), member(2, status="dormant", support_received=frozenset({"x"}))]
    _svg, root = render(members, [EcogramLink(1, 2, "knows")])
    (legend,) = [g for g in root.iter(f"{NS}g") if g.get("class") == "legend"]
    keys = [g.get("data-key") for g in legend.iter(f"{NS}g") if g.get("data-key")]
    assert keys == ["supportive", "dormant", "direction", "link_knows"]
    # The legend sits inside the viewBox, below the rings.
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    assert height > width
    for text in legend.iter(f"{NS}text"):
        assert float(text.get("y")) < height


def test_it_leaves_out_legend_entries_without_text_and_the_whole_legend_on_request():
    text = EcogramText(**{**TEXT.__dict__, "legend": {"supportive": "Sterk"}})
    _svg, root = render([member(1, strong=True), member(2, status="dormant")], text=text)
    keys = [g.get("data-key") for g in root.iter(f"{NS}g") if g.get("data-key")]
    assert keys == ["supportive"]
    _svg, root = render([member(1, strong=True)], legend=False)
    assert not [g for g in root.iter(f"{NS}g") if g.get("class") == "legend"]
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    assert width == height


def test_it_renders_deterministically_in_id_order():
    members = network(60, 9)
    links = [EcogramLink(1, 2, "knows"), EcogramLink(5, 3, "conflict"), EcogramLink(7, 8, "knows")]
    first = render_ecogram(members, links, TEXT)
    shuffled = list(members)
    random.Random(1).shuffle(shuffled)
    assert render_ecogram(shuffled, list(reversed(links)), TEXT) == first
    root = ET.fromstring(first)
    assert list(groups(root)) == sorted(m.id for m in members)


def test_it_renders_an_empty_network():
    _svg, root = render([])
    assert groups(root) == {}
    assert root.find(f"{NS}title").text == TEXT.title


any_label = st.text(max_size=40)
any_members = st.lists(
    st.builds(
        lambda label, sector, circle, quality, status, strong, received, given, flags: member(
            0,
            label=label,
            sector=sector,
            circle=circle,
            tie_quality=quality,
            status=status,
            strong=strong,
            support_received=frozenset({"x"}) if received else frozenset(),
            support_given=frozenset({"x"}) if given else frozenset(),
            emergency_contact=flags[0],
            abroad=flags[1],
            deceased=flags[2],
        ),
        any_label,
        st.sampled_from(SECTORS),
        st.integers(1, 3),
        st.sampled_from(["supportive", "mixed", "stressful"]),
        st.sampled_from(["active", "dormant", "restore", "limited"]),
        st.booleans(),
        st.booleans(),
        st.booleans(),
        st.tuples(st.booleans(), st.booleans(), st.booleans()),
    ),
    max_size=40,
).map(lambda members: [dataclasses.replace(m, id=i + 1) for i, m in enumerate(members)])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(any_members, any_label)
def test_it_renders_any_network_as_well_formed_svg(members, client_label):
    text = dataclasses.replace(TEXT, client_label=client_label, title=client_label)
    layout = layout_ecogram([NodeIn(m.id, m.label, m.sector, m.circle) for m in members])
    svg = render_ecogram(members, [EcogramLink(1, len(members), "knows")], text, layout=layout)
    root = ET.fromstring(svg)
    found = groups(root)
    assert sorted(found) == [m.id for m in members]
    for m in members:
        circle = node_circle(found[m.id])
        assert cell_of(layout, float(circle.get("cx")), float(circle.get("cy"))) == (m.sector, m.circle)
    assert "style=" not in svg


def test_it_keeps_the_stop_bar_of_a_limited_tie_away_from_other_members():
    # A real screen: the bar of Oom Henk's tie ended beside Zus Fatima's node, as if she were the limited one.
    members = [member(1, label="Oom Henk", circle=3, status="limited"), member(2, label="Zus Fatima", circle=1)]
    layout = layout_ecogram([NodeIn(m.id, m.label, m.sector, m.circle) for m in members], font_size=16)

    def bar(layout):
        _svg, root = render(members, layout=layout)
        (stop,) = [p for p in tie(root, 1).iter(f"{NS}path") if p.get("class") == "tie-stop"]
        (ax, ay), (bx, by) = path_points(stop.get("d"))
        (x0, y0), (x1, y1) = path_points(tie_line(root, 1).get("d"))
        return ((ax + bx) / 2, (ay + by) / 2), (ax, ay), (bx, by), (x0, y0)

    (mx, my), *_ = bar(layout)
    # Put Zus Fatima's node just beside the middle of the tie, where the bar goes by default.
    henk = layout.nodes[1]
    length = math.hypot(henk.x - layout.cx, henk.y - layout.cy)
    nx, ny = -(henk.y - layout.cy) / length, (henk.x - layout.cx) / length
    beside = layout.nodes[2]
    offset = beside.radius + layout.node_clearance + 4
    beside = dataclasses.replace(beside, x=mx + nx * offset, y=my + ny * offset)
    crowded = dataclasses.replace(layout, nodes={**layout.nodes, 2: beside})

    (cx, cy), end_a, end_b, (x0, y0) = bar(crowded)
    edge = beside.radius + layout.node_clearance
    for x, y in (end_a, end_b):
        assert math.hypot(x - beside.x, y - beside.y) - edge >= 0.75 * layout.font_size
    # Still on the tie, and still roughly halfway.
    tie_length = math.hypot(henk.x - x0, henk.y - y0)
    along = math.hypot(cx - x0, cy - y0) / tie_length
    assert 0.3 < along < 0.75
    assert abs((henk.x - x0) * (cy - y0) - (henk.y - y0) * (cx - x0)) / tie_length < 0.5


# --- numbers ------------------------------------------------------------------------------------------


def plain_number(value: float) -> str:
    """A coordinate as the SVG writes it: at most two decimals, no trailing zeros, no minus before a zero."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


coordinates = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e7, max_value=1e7),
    st.integers(min_value=-100_000, max_value=100_000).map(lambda n: n / 100),  # two decimals, trailing zeros
    st.sampled_from([0.0, -0.0, -0.001, 0.005, -0.005, 2.675, 1.005, 10.0, -10.0, 100.1, 0.995]),
)


@given(st.lists(st.tuples(coordinates, coordinates), max_size=40))
def test_it_writes_every_number_of_a_path_as_a_single_coordinate(points):
    # Paths are formatted in one go (a zigzag has hundreds of numbers); every number as on its own.
    expected = "M" + " L".join(f"{plain_number(x)} {plain_number(y)}" for x, y in points) if points else ""
    assert ecogram_svg._points(points) == expected
    for x, y in points:
        assert ecogram_svg._n(x) == plain_number(x)
        assert ecogram_svg._n(y) == plain_number(y)
