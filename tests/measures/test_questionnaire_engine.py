"""The questionnaire engine and the shipped definitions, without a database. Vectors computed by hand."""

from __future__ import annotations

import pytest

from kring.measures import definitions
from kring.measures.definitions import DE_JONG_GIERVELD_6 as DJG
from kring.measures.definitions import MORE_OR_LESS, NO, YES, ZRM_SOCIAL_NETWORK
from kring.measures.engine import Band, Definition, InvalidAnswer, Item, Option, Scores, Subscale, band_label, score

EMOTIONAL = ("emptiness", "miss_people", "rejected")
SOCIAL = ("rely_on", "trust", "close")


def answers(emotional=(), social=()):
    """Answers by subscale, in the order of EMOTIONAL and SOCIAL (None = skipped)."""
    given = dict(zip(EMOTIONAL, emotional, strict=False)) | dict(zip(SOCIAL, social, strict=False))
    return {key: value for key, value in given.items() if value is not None}


# --- De Jong Gierveld: the wording and the scoring of the reference ----------------------------------------


def test_it_uses_the_reference_wording_exactly():
    assert [item.text["nl"] for item in DJG.items] == [
        "Ik ervaar een leegte om me heen",
        "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen",
        "Ik heb veel mensen op wie ik volledig kan vertrouwen",
        "Ik mis mensen om me heen",
        "Er zijn voldoende mensen met wie ik me nauw verbonden voel",
        "Vaak voel ik me in de steek gelaten",
    ]
    assert [option.label["nl"] for option in DJG.options] == ["ja", "min of meer", "nee"]
    assert [option.label["en"] for option in DJG.options] == ["yes", "more or less", "no"]
    assert {s.key: tuple(s.items) for s in DJG.subscales} == {"emotional": EMOTIONAL, "social": SOCIAL}
    assert (DJG.min_total, DJG.max_total) == (0, 6)


@pytest.mark.parametrize(
    ("given", "total", "band", "emotional", "social"),
    [
        # Emotional items: 1 for ja or min of meer. Social items are reverse-scored: 1 for nee or min of meer.
        (answers([YES] * 3, [YES] * 3), 3, "moderate", 3, 0),
        (answers([NO] * 3, [NO] * 3), 3, "moderate", 0, 3),
        (answers([MORE_OR_LESS] * 3, [MORE_OR_LESS] * 3), 6, "severe", 3, 3),
        (answers([NO] * 3, [YES] * 3), 0, "not_lonely", 0, 0),
        (answers([YES] * 3, [NO] * 3), 6, "severe", 3, 3),
        # Band edges: 1 not lonely, 2 and 4 moderately, 5 severely lonely.
        (answers([YES, NO, NO], [YES] * 3), 1, "not_lonely", 1, 0),
        (answers([YES, NO, NO], [NO, YES, YES]), 2, "moderate", 1, 1),
        (answers([YES, YES, NO], [NO, MORE_OR_LESS, YES]), 4, "moderate", 2, 2),
        (answers([YES, YES, MORE_OR_LESS], [NO, MORE_OR_LESS, YES]), 5, "severe", 3, 2),
    ],
)
def test_it_scores_the_loneliness_scale_by_hand_computed_vectors(given, total, band, emotional, social):
    scores = score(DJG, given)
    assert (scores.total, scores.band, scores.max_total, scores.missing) == (total, band, 6, ())
    assert scores.subscale("emotional").value == emotional
    assert scores.subscale("social").value == social
    assert scores.subscale("emotional").band == ("lonely" if emotional else "not_lonely")
    assert scores.subscale("social").band == ("lonely" if social else "not_lonely")
    assert scores.subscale("emotional").max == scores.subscale("social").max == 3


def test_it_keeps_the_total_with_one_item_missing_and_drops_that_subscale():
    # emptiness skipped; miss_people ja (1), rejected nee (0); rely_on nee (1), trust min of meer (1), close ja (0).
    scores = score(DJG, answers([None, YES, NO], [NO, MORE_OR_LESS, YES]))
    assert scores.total == 3
    assert scores.band == "moderate"
    assert scores.missing == ("emptiness",)
    assert scores.subscale("emotional").value is None
    assert scores.subscale("emotional").band is None
    assert scores.subscale("emotional").missing == ("emptiness",)
    assert scores.subscale("social").value == 2
    assert scores.subscale("social").missing == ()


def test_it_leaves_the_total_undefined_with_two_items_missing():
    scores = score(DJG, answers([None, YES, YES], [None, NO, NO]))
    assert scores.total is None
    assert scores.band is None
    assert scores.missing == ("emptiness", "rely_on")  # in the order of the questionnaire
    assert scores.subscale("emotional").value is None
    assert scores.subscale("social").value is None


def test_it_leaves_everything_undefined_when_nothing_is_answered():
    scores = score(DJG, {})
    assert scores.total is None
    assert scores.band is None
    assert [s.value for s in scores.subscales] == [None, None]
    assert scores.missing == tuple(item.key for item in DJG.items)


def test_it_treats_an_empty_answer_as_skipped_not_as_zero():
    full = answers([YES, YES, YES], [NO, NO, NO])
    assert score(DJG, {**full, "emptiness": ""}).subscale("emotional").value is None
    assert score(DJG, {**full, "emptiness": None}).total == 5


@pytest.mark.parametrize(("key", "value"), [("emptiness", "maybe"), ("emptiness", "1"), ("unknown_item", YES)])
def test_it_refuses_an_answer_the_definition_does_not_have(key, value):
    with pytest.raises(InvalidAnswer) as raised:
        score(DJG, {key: value})
    assert raised.value.item_key == key


def test_it_reads_band_names_in_each_language():
    assert band_label(DJG.bands, "moderate", "nl") == "Matig eenzaam"
    assert band_label(DJG.bands, "severe", "en") == "Severely lonely"
    assert band_label(DJG.bands, None, "nl") == ""


# --- ZRM ---------------------------------------------------------------------------------------------------


def test_it_scores_the_zrm_domain_as_its_level():
    assert [o.label["nl"] for o in ZRM_SOCIAL_NETWORK.options] == [
        "Acute problematiek",
        "Niet zelfredzaam",
        "Beperkt zelfredzaam",
        "Voldoende zelfredzaam",
        "Volledig zelfredzaam",
    ]
    scores = score(ZRM_SOCIAL_NETWORK, {"social_network": "3"})
    assert (scores.total, scores.max_total, scores.band) == (3, 5, "level_3")
    assert band_label(ZRM_SOCIAL_NETWORK.bands, scores.band, "nl") == "Beperkt zelfredzaam"
    assert score(ZRM_SOCIAL_NETWORK, {}).total is None
    assert (ZRM_SOCIAL_NETWORK.min_total, ZRM_SOCIAL_NETWORK.max_total) == (1, 5)


# --- the engine in general -----------------------------------------------------------------------------------

LIKERT = (Option("0", {"nl": "nooit"}), Option("1", {"nl": "soms"}), Option("2", {"nl": "vaak"}))


def small(**overrides) -> Definition:
    fields = dict(
        key="small",
        version=1,
        title={"nl": "Klein"},
        intro={"nl": "Uitleg"},
        options=LIKERT,
        items=tuple(Item(k, {"nl": k}, {"0": 0, "1": 1, "2": 2}) for k in ("a", "b", "c", "d")),
        subscales=(Subscale("ab", {"nl": "AB"}, ("a", "b"), max_missing=1),),
        bands=(Band("low", 0, 4, {"nl": "laag"}), Band("high", 5, 8, {"nl": "hoog"})),
        max_missing=0,
    )
    return Definition(**(fields | overrides))


def test_it_applies_each_missing_data_rule_on_its_own():
    definition = small()
    scores = score(definition, {"a": "2", "c": "2", "d": "1"})
    assert scores.total is None  # the total allows no missing item here
    assert scores.subscale("ab").value == 2  # the subscale allows one
    assert score(definition, {"c": "2"}).subscale("ab").value is None
    assert score(definition, {"a": "2", "b": "2", "c": "2", "d": "0"}).band == "high"


def test_it_checks_a_definition_when_it_is_written():
    with pytest.raises(ValueError, match="unique"):
        small(items=(Item("a", {"nl": "a"}, {}), Item("a", {"nl": "b"}, {})), subscales=())
    with pytest.raises(ValueError, match="unknown items"):
        small(subscales=(Subscale("x", {"nl": "X"}, ("a", "z")),))
    with pytest.raises(ValueError, match="unknown options"):
        small(items=(Item("a", {"nl": "a"}, {"9": 1}),), subscales=())
    with pytest.raises(ValueError, match="every text"):
        small(intro={"nl": "Uitleg", "en": "Intro"})


def test_it_round_trips_scores_through_json():
    scores = score(DJG, answers([None, YES, NO], [NO, MORE_OR_LESS, YES]))
    assert Scores.from_json(scores.to_json()) == scores


def test_it_keeps_every_version_and_offers_the_newest():
    assert definitions.get("djg6") is DJG
    assert definitions.get("djg6", 1) is DJG
    assert definitions.get("djg6", 99) is None
    assert definitions.get("nope") is None
    assert [d.key for d in definitions.current()] == ["djg6", "zrm_social"]
    for definition in definitions.current():
        assert definition.languages == definitions.LANGUAGES
