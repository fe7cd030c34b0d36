"""Months under the axis of a trend chart, as each language writes them."""

from datetime import date

from django.urls import reverse
from django.utils import translation

from kring.measures.results import axis_month
from tests.measures.factories import make_response


def test_a_month_is_lower_case_in_dutch_and_capitalised_in_english():
    """Django's "M" made "Mrt 2026" and "Mei 2025" in Dutch, where months have no capital."""
    with translation.override("nl"):
        assert [axis_month(date(2026, m, 1)) for m in (1, 3, 5)] == ["jan 2026", "mrt 2026", "mei 2026"]
    with translation.override("en"):
        assert [axis_month(date(2026, m, 1)) for m in (1, 3, 5)] == ["Jan 2026", "Mar 2026", "May 2026"]


def test_the_questionnaire_trend_writes_dutch_months_in_lower_case(world, login):
    make_response(world.client_a, by=world.worker, day=date(2025, 5, 2))
    make_response(world.client_a, by=world.worker, day=date(2026, 3, 4))
    body = login(world.worker).get(reverse("questionnaires:questionnaire", args=[world.client_a.pk, "djg6"]))
    html = body.content.decode()
    assert ">mei 2025</text>" in html
    assert ">mrt 2026</text>" in html
    assert "Mrt 2026" not in html
