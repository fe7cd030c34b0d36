"""Opening hours in OpenStreetMap's syntax: reading them and "open now" against a fixed clock."""

from datetime import datetime

import pytest

from kring.places import hours
from kring.places.templatetags.places_tags import opening_lines as describe

# A fixed week: Monday 2 March 2026 … Sunday 8 March 2026.
MON, TUE, WED, THU, FRI, SAT, SUN = (datetime(2026, 3, day) for day in range(2, 9))


def at(day: datetime, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return day.replace(hour=h, minute=m)


@pytest.mark.parametrize(
    ("spec", "moment", "expected"),
    [
        ("Mo-Fr 09:00-17:00", at(MON, "09:00"), True),
        ("Mo-Fr 09:00-17:00", at(FRI, "16:59"), True),
        ("Mo-Fr 09:00-17:00", at(FRI, "17:00"), False),
        ("Mo-Fr 09:00-17:00", at(SAT, "12:00"), False),
        ("Mo-Fr 09:00-12:00,13:00-17:00", at(TUE, "12:30"), False),
        ("Mo-Fr 09:00-12:00, 13:00-17:00", at(TUE, "13:30"), True),
        ("Mo,We,Fr 10:00-12:00", at(WED, "11:00"), True),
        ("Mo,We,Fr 10:00-12:00", at(THU, "11:00"), False),
        ("Fr 22:00-02:00", at(SAT, "01:30"), True),  # past midnight: still Friday's evening
        ("Fr 22:00-02:00", at(SAT, "02:30"), False),
        ("Fr 22:00-02:00", at(FRI, "01:30"), False),
        ("Mo-Fr 09:00-17:00; We off", at(WED, "10:00"), False),  # a later rule replaces an earlier one
        ("Mo-Fr 09:00-17:00; We 13:00-15:00", at(WED, "10:00"), False),
        ("Mo-Fr 09:00-17:00; We 13:00-15:00", at(WED, "14:00"), True),
        ("Mo-Fr 09:00-17:00; PH off", at(MON, "10:00"), True),  # holidays are left out
        ("24/7", at(SUN, "03:00"), True),
        ("10:00-16:00", at(SUN, "12:00"), True),  # no day selector: every day
        ("Su[1] 14:00-17:00", datetime(2026, 3, 1, 15, 0), True),  # the first Sunday of March
        ("Su[1] 14:00-17:00", at(SUN, "15:00"), False),  # the second
        ("Su[-1] 14:00-17:00", datetime(2026, 3, 29, 15, 0), True),  # the last
        ("Sa-Mo 10:00-12:00", at(SUN, "11:00"), True),  # a range that wraps around the week
        ("Mo-Fr 08:00-24:00", at(MON, "23:59"), True),
    ],
)
def test_it_says_whether_a_place_is_open_at_a_fixed_time(spec, moment, expected):
    assert hours.is_open(spec, moment) is expected


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "elke dinsdag",
        "Mo-Fr sunrise-sunset",
        "Jan-Mar Mo 10:00-12:00",
        'Mo 10:00-12:00 "op afspraak"',
        "Mo 25:00-26:00",
    ],
)
def test_it_says_nothing_about_text_it_cannot_read(spec):
    assert hours.is_open(spec, at(MON, "10:00")) is None
    assert not hours.is_structured(spec)


def test_it_describes_the_hours_in_plain_dutch():
    def opening_lines(text):
        lines = describe(text)
        return None if lines is None else [str(line) for line in lines]

    assert opening_lines("Mo-Fr 09:00-17:00; Sa 10:00-14:00; Su off") == [
        "Maandag t/m vrijdag: 09:00–17:00",
        "Zaterdag: 10:00–14:00",
        "Zondag: dicht",
    ]
    assert opening_lines("Su[1] 14:00-17:00") == ["De eerste zondag van de maand: 14:00–17:00"]
    assert opening_lines("Mo,Tu,Th 09:00-12:00") == ["Maandag en dinsdag, donderdag: 09:00–12:00"]
    assert opening_lines("24/7") == ["Dag en nacht open"]
    assert opening_lines("alleen op afspraak") is None
