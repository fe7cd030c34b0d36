"""The pure rules behind the signals for naasten, and the heaviness line: plain data in, no database."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

import pytest

from kring.support.load import (
    CARRIER_MIN_KINDS,
    HIGH_LOAD,
    HeavinessPoint,
    LatestLoad,
    MemberSupport,
    heaviness_svg,
    high_load_signals,
    main_carrier_signal,
)

SVG = "{http://www.w3.org/2000/svg}"


def support(member_id, *kinds, name=None):
    return MemberSupport(member_id, name or f"Naaste {member_id}", frozenset(kinds))


# --- (a) a member's latest check is heavy ----------------------------------------------------------------


def test_it_sets_the_high_load_threshold_at_7():
    assert HIGH_LOAD == 7


@pytest.mark.parametrize(("heaviness", "signals"), [(0, 0), (6, 0), (7, 1), (10, 1)])
def test_it_signals_a_latest_check_at_or_above_the_threshold(heaviness, signals):
    latest = [LatestLoad(1, "Mama", date(2026, 3, 1), heaviness)]
    assert len(high_load_signals(latest)) == signals


def test_it_says_who_how_heavy_and_when():
    [signal] = high_load_signals([LatestLoad(4, "Tante Joke", date(2026, 3, 1), 8)])
    assert (signal.kind, signal.member_id, signal.name, signal.heaviness, signal.day) == (
        "high_load",
        4,
        "Tante Joke",
        8,
        date(2026, 3, 1),
    )
    assert signal.is_high_load and not signal.is_main_carrier


def test_it_lists_the_heaviest_first():
    latest = [
        LatestLoad(1, "Anna", date(2026, 3, 1), 7),
        LatestLoad(2, "Bram", date(2026, 3, 1), 2),
        LatestLoad(3, "Cas", date(2026, 3, 1), 9),
    ]
    assert [s.name for s in high_load_signals(latest)] == ["Cas", "Anna"]


def test_it_takes_a_threshold_for_when_organisations_set_their_own():
    latest = [LatestLoad(1, "Mama", date(2026, 3, 1), 5)]
    assert high_load_signals(latest) == []
    assert len(high_load_signals(latest, threshold=5)) == 1


def test_it_has_no_high_load_signal_without_checks():
    assert high_load_signals([]) == []


# --- (b) one member carries most of the support ----------------------------------------------------------


def test_it_has_no_carrier_without_support():
    assert main_carrier_signal([]) is None
    assert main_carrier_signal([support(1), support(2)]) is None


def test_it_signals_the_member_who_gives_half_or_more_and_at_least_three_kinds():
    signal = main_carrier_signal(
        [
            support(1, "emotional", "practical", "housing", name="Tante Joke"),
            support(2, "company"),
            support(3, "advice"),
        ]
    )
    assert signal is not None
    assert (signal.kind, signal.member_id, signal.name, signal.kinds, signal.total) == (
        "main_carrier",
        1,
        "Tante Joke",
        3,
        5,
    )
    assert signal.is_main_carrier


def test_it_counts_exactly_half_as_most():
    # 3 of 6: exactly 50 %, and the others are below.
    signal = main_carrier_signal(
        [support(1, "emotional", "practical", "housing"), support(2, "company", "advice"), support(3, "financial")]
    )
    assert signal is not None and (signal.kinds, signal.total) == (3, 6)


def test_it_is_quiet_just_under_half():
    # 3 of 7.
    assert (
        main_carrier_signal(
            [
                support(1, "emotional", "practical", "housing"),
                support(2, "company", "advice"),
                support(3, "financial", "emotional"),
            ]
        )
        is None
    )


def test_it_needs_at_least_three_kinds():
    assert CARRIER_MIN_KINDS == 3
    # 2 of 3 is most of the support, but two kinds alone are no sign of overload.
    assert main_carrier_signal([support(1, "emotional", "practical"), support(2, "company")]) is None


def test_one_member_only_who_gives_three_kinds_carries_it_all():
    signal = main_carrier_signal([support(1, "emotional", "practical", "housing")])
    assert signal is not None and (signal.kinds, signal.total) == (3, 3)


def test_one_member_only_with_fewer_kinds_is_quiet():
    assert main_carrier_signal([support(1, "company")]) is None
    assert main_carrier_signal([support(1, "company", "advice")]) is None


def test_a_tie_is_no_signal():
    # Two members each give exactly half: the support is shared.
    assert (
        main_carrier_signal(
            [support(1, "emotional", "practical", "housing"), support(2, "company", "advice", "financial")]
        )
        is None
    )


def test_it_ignores_kinds_it_does_not_know_and_counts_a_kind_once():
    supports = [
        MemberSupport(1, "Mama", frozenset({"emotional", "practical", "hugs", "magic"})),
        support(2, "company"),
    ]
    assert main_carrier_signal(supports) is None  # 2 known kinds only


def test_it_takes_the_share_and_the_minimum_as_parameters():
    supports = [support(1, "emotional", "practical"), support(2, "company")]
    assert main_carrier_signal(supports, min_kinds=2) is not None
    assert main_carrier_signal(supports, min_kinds=2, min_share=0.7) is None


# --- the heaviness line ----------------------------------------------------------------------------------


def points(*values):
    return [
        HeavinessPoint(date(2026, month, 1), value, f"1 maart: {value} van 10", f"{month}/2026")
        for month, value in enumerate(values, start=1)
    ]


def draw(pts, **kwargs):
    texts = dict(title="Hoe zwaar", description="Drie keer gevraagd", light_label="Te doen", heavy_label="Zwaar")
    texts.update(kwargs)
    return heaviness_svg(pts, **texts)


def test_it_draws_an_accessible_svg_with_a_title_and_description():
    svg = draw(points(3, 5, 8))
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").text == "Hoe zwaar" and root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").text == "Drie keer gevraagd" and root.find(f"{SVG}desc").get("id") == desc_id
    values = [c.get("data-value") for c in root.iter(f"{SVG}circle")]
    assert values == ["3", "5", "8"]
    assert root.get("data-points") == "3"
    assert "Zwaar" in svg and "Te doen" in svg


def test_it_escapes_every_text():
    svg = draw(points(4), title='<script>alert("x")</script>', heavy_label="Zwaar & meer")
    ElementTree.fromstring(svg)  # still well-formed
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "Zwaar &amp; meer" in svg


def test_it_draws_a_narrow_version_for_a_phone_and_draws_a_single_check():
    wide, narrow = draw(points(6)), draw(points(6), narrow=True)
    assert 'class="load-chart load-chart--wide"' in wide
    assert 'class="load-chart load-chart--narrow"' in narrow
    assert ElementTree.fromstring(narrow).get("viewBox") == "0 0 360 260"
    assert wide.count("<circle") == 1 and "<polyline" not in wide


def test_it_uses_distinct_ids_per_prefix():
    a, b = draw(points(2), id_prefix="load-1"), draw(points(2), id_prefix="load-2")
    assert 'id="load-1-wide-title"' in a and 'id="load-2-wide-title"' in b
