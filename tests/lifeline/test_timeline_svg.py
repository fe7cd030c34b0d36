"""The lifeline drawing (pure: no database)."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kring.lifeline.timeline_svg import (
    CARD_WIDTH,
    FONT_SIZE,
    LEAD,
    MARGIN,
    MARKER_SIZE,
    WIDTH,
    TimelineEvent,
    TimelineText,
    layout_rows,
    render_timeline,
    wrap,
)
from kring.network.layout import text_width

SVG = "{http://www.w3.org/2000/svg}"
TEXT = TimelineText(
    title="Levenslijn van Anna",
    description="Drie gebeurtenissen.",
    legend={"good": "Goede tijd", "hard": "Moeilijke tijd", "mixed": "Allebei", "approximate": "Datum ongeveer"},
    birth="geboren 1979",
)


def event(id, year=2015, tone="good", month=None, approximate=False, title="Verhuisd", people="") -> TimelineEvent:
    label = f"{'rond ' if approximate else ''}{year}"
    return TimelineEvent(id, year, month, tone, approximate, label, title, people, tooltip=f"{label}: {title}")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def groups(root) -> dict[int, ET.Element]:
    return {int(g.get("data-event-id")): g for g in root.iter(f"{SVG}g") if g.get("data-event-id")}


def card(group) -> tuple[float, float, float, float]:
    rect = group.find(f"{SVG}rect")
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_it_puts_good_times_above_the_line_and_hard_times_below():
    root = parse(render_timeline([event(1, tone="good"), event(2, tone="hard")], TEXT))
    drawn = groups(root)
    axis_y = float(root.find(f".//{SVG}line[@class='lifeline__axis']").get("y1"))
    assert drawn[1].get("data-side") == "above" and card(drawn[1])[3] < axis_y
    assert drawn[2].get("data-side") == "below" and card(drawn[2])[1] > axis_y


def test_it_marks_tones_by_shape_not_only_by_colour():
    root = parse(render_timeline([event(1, tone="good"), event(2, tone="hard"), event(3, tone="mixed")], TEXT))
    shapes = {
        g.get("data-tone"): g.find(f"{SVG}path[@class='life-event__marker']").get("d").count("L")
        for g in groups(root).values()
    }
    assert shapes == {"good": 2, "hard": 2, "mixed": 3}  # triangles and a diamond
    good, hard = (groups(root)[i].find(f"{SVG}path").get("d") for i in (1, 2))
    assert good != hard


def test_it_shows_an_approximate_date_in_words_and_with_dashes():
    root = parse(render_timeline([event(1, approximate=True), event(2, year=2016)], TEXT))
    rough, exact = groups(root)[1], groups(root)[2]
    assert rough.get("data-approximate") == "true"
    assert rough.find(f"{SVG}rect").get("stroke-dasharray")
    assert exact.find(f"{SVG}rect").get("stroke-dasharray") is None
    assert "rond 2015" in ["".join(t.itertext()) for t in rough.iter(f"{SVG}text")]


def test_it_starts_the_line_at_the_birth_year_and_keeps_events_after_it():
    root = parse(render_timeline([event(1)], TEXT))
    birth = root.find(f".//{SVG}g[@class='lifeline__birth']")
    assert "".join(birth.itertext()) == "geboren 1979"
    pill = birth.find(f"{SVG}rect")
    marker_x = float(groups(root)[1].find(f"{SVG}line").get("x1"))
    assert marker_x > float(pill.get("x")) + float(pill.get("width"))


def test_the_birth_goes_in_date_order_when_the_lifeline_begins_earlier():
    text = TimelineText("t", "d", TEXT.legend, birth="geboren 1979", birth_year=1979)
    events = [event(1, year=1970, title="Vader naar Nederland"), event(2, year=1979, tone="hard"), event(3, year=1990)]
    root = parse(render_timeline(events, text))
    pill = root.find(f".//{SVG}g[@class='lifeline__birth']/{SVG}rect")
    left, right = float(pill.get("x")), float(pill.get("x")) + float(pill.get("width"))
    markers = {i: float(g.find(f"{SVG}line").get("x1")) for i, g in groups(root).items()}
    assert markers[1] < left
    assert right < markers[2] < markers[3]  # an event in the birth year comes after the birth


def test_the_birth_comes_last_when_every_event_is_earlier():
    text = TimelineText("t", "d", TEXT.legend, birth="geboren 1979", birth_year=1979)
    root = parse(render_timeline([event(1, year=1970)], text))
    pill = root.find(f".//{SVG}g[@class='lifeline__birth']/{SVG}rect")
    assert float(pill.get("x")) > float(groups(root)[1].find(f"{SVG}line").get("x1"))


def test_it_has_no_birth_label_when_the_birth_year_is_unknown():
    root = parse(render_timeline([event(1)], TimelineText("t", "d", TEXT.legend)))
    assert root.find(f".//{SVG}g[@class='lifeline__birth']") is None


def test_it_names_the_drawing_for_assistive_technology():
    root = parse(render_timeline([event(1)], TEXT, id_prefix="print"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "print-title print-desc"
    assert root.find(f"{SVG}title").get("id") == "print-title"
    assert root.find(f"{SVG}title").text == "Levenslijn van Anna"
    assert root.find(f"{SVG}desc").text == "Drie gebeurtenissen."


def test_it_escapes_all_text():
    nasty = '<script>alert("x")</script> & "quotes"'
    svg = render_timeline(
        [event(1, title=nasty, people=nasty)], TimelineText(nasty, nasty, {"good": nasty}, birth=nasty)
    )
    assert "<script>" not in svg
    root = parse(svg)  # well-formed
    assert root.find(f"{SVG}title").text == nasty


def test_it_shows_the_names_of_the_people():
    root = parse(render_timeline([event(1, people="met Moeder Fatiha en Broer Youssef")], TEXT))
    text = " ".join("".join(t.itertext()) for t in groups(root)[1].iter(f"{SVG}text"))
    assert "Moeder Fatiha" in text and "Youssef" in text


def test_it_keeps_events_of_the_same_year_apart():
    same_year = [event(i, year=2015, tone=("good", "hard", "mixed")[i % 3]) for i in range(1, 13)]
    root = parse(render_timeline(same_year, TEXT))
    cards = [card(g) for g in groups(root).values()]
    assert len(cards) == 12
    for i, a in enumerate(cards):
        for b in cards[i + 1 :]:
            assert not overlap(a, b)


def test_it_places_events_in_date_order_whatever_order_they_come_in():
    events = [event(3, year=2020), event(1, year=2001, tone="hard"), event(2, year=2001, month=5)]
    rows = layout_rows(events, TEXT)
    placed = [p.event.id for row in rows for p in row.events]
    assert placed == [1, 2, 3]
    xs = [p.x for p in rows[0].events]
    assert xs == sorted(xs)


def test_forty_events_wrap_into_rows_and_never_get_wider():
    events = [event(i, year=1980 + i, tone=("good", "hard", "mixed")[i % 3], people="met Iemand") for i in range(40)]
    root = parse(render_timeline(events, TEXT))
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")
    assert int(root.get("data-rows")) > 4
    cards = [card(g) for g in groups(root).values()]
    assert all(c[0] >= MARGIN and c[2] <= WIDTH - MARGIN for c in cards)
    for i, a in enumerate(cards):
        for b in cards[i + 1 :]:
            assert not overlap(a, b)


def test_no_text_is_smaller_than_the_readable_size():
    root = parse(render_timeline([event(1, people="met Moeder"), event(2, approximate=True)], TEXT))
    sizes = {float(t.get("font-size")) for t in root.iter(f"{SVG}text")}
    assert min(sizes) >= FONT_SIZE >= 15


def test_it_wraps_long_titles_and_cuts_them_with_an_ellipsis():
    lines = wrap("Een heel lange titel die nooit op drie regels van een kaartje past, wat je ook doet", 15, 140, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(text_width(line, 15) <= 140 for line in lines)
    assert wrap("Kort", 15, 140, 3) == ["Kort"]


def test_a_long_date_wraps_instead_of_being_cut():
    long = TimelineEvent(1, 2015, 9, "good", True, "rond september 2015", "Verhuisd")
    root = parse(render_timeline([long], TEXT))
    text = " ".join("".join(t.itertext()) for t in groups(root)[1].iter(f"{SVG}text"))
    assert "…" not in text
    assert "september" in text and "2015" in text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1950, 2025),
            st.sampled_from(["good", "hard", "mixed"]),
            st.booleans(),
            st.text(min_size=1, max_size=150),
            st.text(max_size=80),
        ),
        max_size=45,
    ),
    st.one_of(st.none(), st.integers(1950, 2025)),
)
def test_cards_never_overlap_and_stay_inside_for_any_lifeline(items, birth_year):
    events = [
        TimelineEvent(i + 1, year, None, tone, rough, f"{year}", title, people)
        for i, (year, tone, rough, title, people) in enumerate(items)
    ]
    text = TimelineText(
        "t", "d", TEXT.legend, birth=f"geboren {birth_year}" if birth_year else None, birth_year=birth_year
    )
    root = parse(render_timeline(events, text))
    cards = [card(g) for g in groups(root).values()]
    assert len(cards) == len(events)
    height = float(root.get("height"))
    for i, a in enumerate(cards):
        assert a[0] >= MARGIN and a[2] <= WIDTH - MARGIN and a[1] >= 0 and a[3] <= height
        for b in cards[i + 1 :]:
            assert not overlap(a, b)
    for row in root.iter(f"{SVG}g"):
        pill = row.find(f"{SVG}g[@class='lifeline__birth']/{SVG}rect")
        if row.get("class") != "lifeline__row" or pill is None:
            continue
        left, right = float(pill.get("x")), float(pill.get("x")) + float(pill.get("width"))
        assert right <= WIDTH - MARGIN
        for marker in row.iter(f"{SVG}line"):
            if marker.get("class") == "life-event__stem":
                x = float(marker.get("x1"))
                assert x + MARKER_SIZE < left or x - MARKER_SIZE > right


def test_a_card_starts_just_left_of_its_marker():
    root = parse(render_timeline([event(1)], TEXT))
    group = groups(root)[1]
    x = float(group.find(f"{SVG}line").get("x1"))
    assert card(group)[0] == pytest.approx(x - LEAD)
    assert card(group)[2] - card(group)[0] == pytest.approx(CARD_WIDTH)
