"""The signal rules on plain data, without the database."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kring.measures import signals
from kring.measures.signals import ClientFacts, Figures, MemberRef
from kring.support.review import review_due

DEFAULTS = signals.resolve_settings([])


def figures(**kw):
    values = dict(
        size=5,
        inner_circle=1,
        professional=1,
        emergency_contact=True,
        main_supporter_share=None,
        main_supporter_kinds=0,
        place_to_stay=False,
    )
    values.update(kw)
    return Figures(**values)


def keys(facts, settings=DEFAULTS):
    return [hit.key for hit in signals.evaluate(facts, settings)]


def test_every_rule_has_a_key_title_explanation_and_a_valid_default():
    assert signals.KEYS == (
        "no_inner_circle",
        "mostly_professional",
        "main_supporter",
        "load_high",
        "restore_without_action",
        "review_overdue",
        "no_emergency_contact",
        "place_to_stay",
    )
    for rule in signals.RULES:
        assert str(rule.title) and str(rule.why) and str(rule.what_to_do) and str(rule.rule_text)
        assert signals.threshold_is_valid(rule, rule.threshold)
    assert {k: s.threshold for k, s in DEFAULTS.items() if s.threshold is not None} == {
        "mostly_professional": 70,
        "main_supporter": 50,
        "load_high": 7,
    }
    assert all(setting.enabled for setting in DEFAULTS.values())


def test_settings_override_defaults_and_ignore_what_they_cannot_use():
    settings = signals.resolve_settings(
        [
            ("load_high", True, 5),
            ("place_to_stay", False, None),
            ("mostly_professional", True, 250),  # impossible: back to the default
            ("unknown_rule", False, 3),
        ]
    )
    assert list(settings) == list(signals.KEYS)
    assert settings["load_high"].threshold == 5
    assert settings["place_to_stay"].enabled is False
    assert settings["mostly_professional"].threshold == 70
    assert (
        settings["mostly_professional"].rule_text == "Minstens 70 % van de mensen op de netwerkkaart is hulpverlener."
    )


def test_a_network_that_is_not_mapped_gives_no_network_signals():
    assert keys(ClientFacts(figures=None)) == []
    assert keys(ClientFacts(figures=figures(size=0, inner_circle=0, professional=0, emergency_contact=False))) == []


def test_no_inner_circle_and_no_emergency_contact_need_a_mapped_network():
    facts = ClientFacts(figures=figures(inner_circle=0, emergency_contact=False))
    assert keys(facts) == ["no_inner_circle", "no_emergency_contact"]


def test_mostly_professional_is_a_share_of_the_whole_network_with_no_rounding():
    assert keys(ClientFacts(figures=figures(size=10, professional=7))) == ["mostly_professional"]
    assert keys(ClientFacts(figures=figures(size=10, professional=6))) == []
    # 2 of 3 is 66.7 %: below 70, at or above 66.
    assert keys(ClientFacts(figures=figures(size=3, professional=2))) == []
    settings = signals.resolve_settings([("mostly_professional", True, 66)])
    assert keys(ClientFacts(figures=figures(size=3, professional=2)), settings) == ["mostly_professional"]


def test_main_supporter_needs_the_share_and_three_kinds():
    assert keys(ClientFacts(figures=figures(main_supporter_share=0.5, main_supporter_kinds=3))) == ["main_supporter"]
    assert keys(ClientFacts(figures=figures(main_supporter_share=0.49, main_supporter_kinds=3))) == []
    assert keys(ClientFacts(figures=figures(main_supporter_share=1.0, main_supporter_kinds=2))) == []
    assert keys(ClientFacts(figures=figures(main_supporter_share=None, main_supporter_kinds=0))) == []
    # A stored 0.7 is "at least 70 %", whatever the float looks like.
    settings = signals.resolve_settings([("main_supporter", True, 70)])
    assert keys(ClientFacts(figures=figures(main_supporter_share=7 / 10, main_supporter_kinds=7)), settings) == [
        "main_supporter"
    ]


def test_load_high_names_the_heavy_naasten_heaviest_first():
    loads = (MemberRef(1, "Ali", 7), MemberRef(2, "Bo", 9), MemberRef(3, "Cas", 6))
    [hit] = signals.evaluate(ClientFacts(figures=None, naasten_loads=loads), DEFAULTS)
    assert hit.key == "load_high" and [m.name for m in hit.members] == ["Bo", "Ali"]
    assert keys(ClientFacts(figures=None, naasten_loads=loads), signals.resolve_settings([("load_high", 1, 10)])) == []


def test_restore_and_place_to_stay_name_the_members():
    facts = ClientFacts(
        figures=figures(place_to_stay=True),
        restore_without_action=(MemberRef(4, "Broer"),),
        hosts=(MemberRef(5, "Oom"),),
    )
    hits = signals.evaluate(facts, DEFAULTS)
    assert [(h.key, [m.name for m in h.members]) for h in hits] == [
        ("restore_without_action", ["Broer"]),
        ("place_to_stay", ["Oom"]),
    ]


def test_review_overdue_reads_the_review_rule():
    today = date(2026, 3, 10)
    late = review_due(today=today, interval_months=3, intake_date=date(2025, 1, 1), last_review_on=date(2025, 11, 1))
    on_time = review_due(today=today, interval_months=3, intake_date=date(2025, 1, 1), last_review_on=date(2026, 1, 1))
    assert keys(ClientFacts(figures=None, review=late)) == ["review_overdue"]
    assert keys(ClientFacts(figures=None, review=on_time)) == []


def test_a_rule_turned_off_never_shows():
    settings = signals.resolve_settings([(key, False, None) for key in signals.KEYS])
    facts = ClientFacts(figures=figures(size=4, inner_circle=0, professional=4, emergency_contact=False))
    assert keys(facts) == ["no_inner_circle", "mostly_professional", "no_emergency_contact"]
    assert keys(facts, settings) == []


def test_top_supporter_is_unique_or_none():
    assert signals.top_supporter(
        [(1, "Moeder", frozenset({"emotional", "practical"})), (2, "Vriend", frozenset())]
    ) == (MemberRef(1, "Moeder"))
    tie = [(1, "A", frozenset({"emotional"})), (2, "B", frozenset({"advice"}))]
    assert signals.top_supporter(tie) is None
    assert signals.top_supporter([(1, "A", frozenset({"not a kind"}))]) is None


@given(
    today=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    months=st.integers(min_value=1, max_value=24),
    back=st.integers(min_value=0, max_value=800),
)
def test_review_cutoff_matches_the_review_rule(today, months, back):
    last = today - timedelta(days=back)
    due = review_due(today=today, interval_months=months, intake_date=last, last_session_on=last)
    assert due.overdue == (last < signals.review_cutoff(today, months))


def test_review_cutoff_at_the_end_of_a_month():
    # Reviewed 30 November, interval 3 months: due 28 February (shortened), so late on 1 March.
    assert signals.review_cutoff(date(2026, 3, 1), 3) == date(2025, 12, 1)
    assert signals.review_cutoff(date(2026, 2, 28), 3) == date(2025, 11, 28)
