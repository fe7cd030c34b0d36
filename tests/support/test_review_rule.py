"""The review rhythm rule, without a database."""

from datetime import date

import pytest

from kring.support.review import add_months, review_due

TODAY = date(2026, 11, 28)
INTAKE = date(2026, 1, 10)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 12, 1), 12, date(2027, 12, 1)),
    ],
)
def test_it_adds_months_and_keeps_the_day_inside_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_a_client_never_reviewed_nor_mapped_is_due_since_intake():
    due = review_due(today=TODAY, interval_months=3, intake_date=INTAKE)
    assert due.state == "never"
    assert due.due_on == INTAKE


def test_the_next_review_is_three_months_after_the_last_session():
    due = review_due(today=TODAY, interval_months=3, intake_date=INTAKE, last_session_on=date(2026, 10, 1))
    assert due.due_on == date(2027, 1, 1)
    assert due.state == "later"


def test_a_review_with_its_own_next_date_wins_until_a_later_session():
    due = review_due(
        today=TODAY,
        interval_months=3,
        intake_date=INTAKE,
        last_review_on=date(2026, 11, 1),
        planned_next_on=date(2026, 12, 5),
        last_session_on=date(2026, 9, 1),
    )
    assert due.due_on == date(2026, 12, 5)
    assert due.state == "soon"
    later_session = review_due(
        today=TODAY,
        interval_months=3,
        intake_date=INTAKE,
        last_review_on=date(2026, 11, 1),
        planned_next_on=date(2026, 12, 5),
        last_session_on=date(2026, 11, 20),
    )
    assert later_session.due_on == date(2027, 2, 20)


def test_the_organisation_interval_counts():
    due = review_due(today=TODAY, interval_months=6, intake_date=INTAKE, last_session_on=date(2026, 3, 1))
    assert due.due_on == date(2026, 9, 1)
    assert due.state == "overdue"
