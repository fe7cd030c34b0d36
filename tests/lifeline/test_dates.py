"""Reading the one date field of a life event (pure: no database)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kring.lifeline.dates import DateProblem, LifeDate, LifeDateError, format_life_date, parse_life_date

TODAY = date(2026, 6, 15)


def read(text: str) -> LifeDate:
    return parse_life_date(text, today=TODAY)


def problem(text: str) -> DateProblem:
    with pytest.raises(LifeDateError) as caught:
        read(text)
    return caught.value.problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015", LifeDate(2015)),
        (" 2015 ", LifeDate(2015)),
        ("in 2015", LifeDate(2015)),
        ("maart 2015", LifeDate(2015, 3)),
        ("Maart 2015", LifeDate(2015, 3)),
        ("mrt 2015", LifeDate(2015, 3)),
        ("mrt. 2015", LifeDate(2015, 3)),
        ("sept 1999", LifeDate(1999, 9)),
        ("March 2015", LifeDate(2015, 3)),
        ("3-2015", LifeDate(2015, 3)),
        ("03/2015", LifeDate(2015, 3)),
        ("3.2015", LifeDate(2015, 3)),
        ("2015-03", LifeDate(2015, 3)),
        ("12-3-2015", LifeDate(2015, 3)),
        ("12/03/2015", LifeDate(2015, 3)),
        ("2015-03-12", LifeDate(2015, 3)),
        ("12 maart 2015", LifeDate(2015, 3)),
        ("zomer 2015", LifeDate(2015)),
        ("begin 2015", LifeDate(2015)),
        ("eind 2015", LifeDate(2015)),
        ("in de zomer van 2015", LifeDate(2015)),
    ],
)
def test_it_reads_years_months_and_whole_dates(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ongeveer 2015",
        "Ongeveer 2015",
        "rond 2015",
        "rondom 2015",
        "omstreeks 2015",
        "circa 2015",
        "ca. 2015",
        "ca 2015",
        "ca.2015",
        "c. 2015",
        "± 2015",
        "±2015",
        "+/- 2015",
        "+- 2015",
        "~2015",
        "ong. 2015",
        "zo'n 2015",
        "zo’n 2015",
        "2015?",
        "(ongeveer) 2015",
        "around 2015",
    ],
)
def test_it_reads_an_approximate_year(text):
    assert read(text) == LifeDate(2015, approximate=True)


def test_it_reads_an_approximate_month():
    assert read("rond maart 2015") == LifeDate(2015, 3, approximate=True)
    assert read("ongeveer 3-2015") == LifeDate(2015, 3, approximate=True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "vroeger",
        "jaren 90",
        "'15",
        "15",
        "maart",
        "13-2015",
        "0-2015",
        "32-3-2015",
        "maart 15",
        "2015 2016",
        "toen ik 20 was",
        "blauw 2015",
        "20155",
        "<script>2015</script>",
    ],
)
def test_it_refuses_what_it_cannot_read(text):
    assert problem(text) == DateProblem.UNREADABLE


def test_it_refuses_a_date_in_the_future():
    assert problem("2027") == DateProblem.FUTURE
    assert problem("juli 2026") == DateProblem.FUTURE
    assert problem("rond 2030") == DateProblem.FUTURE


def test_it_accepts_this_year_and_this_month():
    assert read("2026") == LifeDate(2026)
    assert read("juni 2026") == LifeDate(2026, 6)


def test_it_refuses_a_year_before_1900():
    assert problem("1899") == DateProblem.TOO_EARLY
    assert problem("ongeveer 1066") == DateProblem.TOO_EARLY


NL_MONTHS = {
    1: "januari",
    2: "februari",
    3: "maart",
    4: "april",
    5: "mei",
    6: "juni",
    7: "juli",
    8: "augustus",
    9: "september",
    10: "oktober",
    11: "november",
    12: "december",
}
EN_MONTHS = dict(
    enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
)


def test_it_formats_dates_as_people_say_them():
    around = "rond {}".format
    assert format_life_date(LifeDate(2015), month_names=NL_MONTHS, around=around) == "2015"
    assert format_life_date(LifeDate(2015, 3), month_names=NL_MONTHS, around=around) == "maart 2015"
    assert format_life_date(LifeDate(2015, approximate=True), month_names=NL_MONTHS, around=around) == "rond 2015"


@given(
    year=st.integers(1900, 2026),
    month=st.one_of(st.none(), st.integers(1, 12)),
    approximate=st.booleans(),
    english=st.booleans(),
)
def test_what_it_writes_it_reads_back(year, month, approximate, english):
    value = LifeDate(year, month, approximate)
    if value.key() > (TODAY.year, TODAY.month if month else 0):
        return
    names, around = (EN_MONTHS, "around {}".format) if english else (NL_MONTHS, "rond {}".format)
    assert read(format_life_date(value, month_names=names, around=around)) == value


@pytest.mark.parametrize(("language", "label"), [("nl", "rond maart 2015"), ("en", "around March 2015")])
def test_an_event_date_is_written_as_each_language_writes_months_and_reads_back(db, language, label):
    from django.utils import translation

    from kring.lifeline.drawing import date_label
    from kring.lifeline.models import LifeEvent

    event = LifeEvent(year=2015, month=3, approximate=True)
    with translation.override(language):
        assert date_label(event) == label
    assert parse_life_date(label, today=date(2026, 1, 1)) == LifeDate(2015, 3, approximate=True)
