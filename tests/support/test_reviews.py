"""Network reviews and the review rhythm as the worker sees it: on the Werk tab and in the caseload."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.network.models import MappingSession
from kring.support.models import Review
from kring.support.review import add_months
from tests.support.factories import make_review


def url(name, client, *args):
    return reverse(f"work:{name}", args=[client.pk, *args])


def test_recording_a_review_sets_the_next_one_three_months_later_by_default(world, login):
    browser = login(world.worker)
    today = timezone.localdate()
    page = browser.get(url("review_add", world.client_a)).content.decode()
    assert add_months(today, 3).isoformat() in page
    response = browser.post(
        url("review_add", world.client_a),
        {"date": today.isoformat(), "next_review_on": add_months(today, 3).isoformat(), "note": "Zus dichterbij"},
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.note == "Zus dichterbij"
    assert AccessLog.objects.filter(event="support.review.create", client=world.client_a).exists()
    work = browser.get(url("timeline", world.client_a)).content.decode()
    assert "Volgende netwerkbespreking" in work
    assert "Samen naar het netwerk gekeken" in work


def test_the_interval_follows_the_organisation_setting(world, login):
    world.org.review_interval_months = 6
    world.org.save()
    today = timezone.localdate()
    page = login(world.worker).get(url("review_add", world.client_a)).content.decode()
    assert add_months(today, 6).isoformat() in page
    assert "Standaard over 6 maanden." in page


@pytest.mark.parametrize(
    ("day_offset", "next_offset", "field", "message"),
    [
        (3, 90, "date", "Deze datum ligt in de toekomst."),
        (0, 0, "next_review_on", "De volgende bespreking moet na deze bespreking liggen."),
    ],
)
def test_bad_dates_are_refused_by_the_field(world, login, day_offset, next_offset, field, message):
    today = timezone.localdate()
    response = login(world.worker).post(
        url("review_add", world.client_a),
        {
            "date": (today + timedelta(days=day_offset)).isoformat(),
            "next_review_on": (today + timedelta(days=next_offset)).isoformat(),
            "note": "bewaard",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body and message in body
    assert "bewaard" in body
    assert not Review.objects.exists()


def test_a_finished_mapping_session_counts_as_a_review(world, login):
    session = MappingSession.objects.create(client=world.client_a, started_by=world.worker)
    session.finished_at = timezone.now() - timedelta(days=100)
    session.save()
    body = login(world.worker).get(url("timeline", world.client_a)).content.decode()
    assert "De netwerkbespreking is te laat" in body


def test_the_caseload_shows_whose_review_is_due(world, login):
    today = timezone.localdate()
    make_review(world.client_a, by=world.worker, day=today - timedelta(days=120), next_on=today - timedelta(days=30))
    body = login(world.worker).get(reverse("clients:caseload")).content.decode()
    assert "Te laat" in body
    assert (today - timedelta(days=30)).strftime("%Y-%m-%d") in body


def test_removing_a_review_brings_the_rhythm_back_to_the_one_before(world, login):
    today = timezone.localdate()
    review = make_review(world.client_a, by=world.worker, day=today, next_on=today + timedelta(days=60))
    browser = login(world.worker)
    assert browser.post(url("review_remove", world.client_a, review.pk), {"version": 1}).status_code == 302
    review.refresh_from_db()
    assert review.removed_at is not None
    assert "Het netwerk is nog niet samen besproken." in browser.get(url("timeline", world.client_a)).content.decode()


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker"])
def test_outsiders_get_404_on_the_review_views(world, login, outsider):
    today = timezone.localdate()
    review = make_review(world.client_a, by=world.worker, day=today, next_on=today + timedelta(days=60))
    browser = login(getattr(world, outsider))
    assert browser.get(url("review_add", world.client_a)).status_code == 404
    assert browser.post(url("review_add", world.client_a), {"date": today.isoformat()}).status_code == 404
    assert browser.post(url("review_remove", world.client_a, review.pk)).status_code == 404
    review.refresh_from_db()
    assert review.removed_at is None
