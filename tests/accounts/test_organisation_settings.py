"""The organisation admin sets the review interval; everyone else gets 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.network.models import MappingSession
from kring.support.review import add_months

URL = "/beheer/organisatie/"


def test_the_admin_changes_the_interval_and_the_review_rhythm_follows(world, login):
    session = MappingSession.objects.create(client=world.client_a, started_by=world.worker)
    finished = timezone.localdate() - timedelta(days=10)
    MappingSession.objects.filter(pk=session.pk).update(finished_at=timezone.now() - timedelta(days=10))
    admin = login(world.org_admin)
    assert admin.get(URL).status_code == 200
    response = admin.post(URL, {"review_interval_months": "6", "retention_months": "36"})
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert (world.org.review_interval_months, world.org.retention_months) == (6, 36)
    assert AccessLog.objects.filter(event="accounts.organisation.update", user=world.org_admin).count() == 1
    work = login(world.worker).get(reverse("work:timeline", args=[world.client_a.pk])).content.decode()
    due = add_months(finished, 6)
    assert f"Volgende netwerkbespreking: {due.day} " in work


@pytest.mark.parametrize(("value", "message"), [("0", "Kies minstens 1 maand."), ("drie", "Vul een heel getal in")])
def test_a_wrong_interval_gets_a_message_and_changes_nothing(world, login, value, message):
    response = login(world.org_admin).post(URL, {"review_interval_months": value, "retention_months": "24"})
    assert response.status_code == 422
    assert message in response.content.decode()
    world.org.refresh_from_db()
    assert world.org.review_interval_months == 3


@pytest.mark.parametrize("who", ["worker", "team_lead", "researcher", "other_org_worker"])
def test_only_the_admin_may_see_or_change_the_settings(world, login, who):
    browser = login(getattr(world, who))
    assert browser.get(URL).status_code == 404
    assert browser.post(URL, {"review_interval_months": "12"}).status_code == 404
    world.org.refresh_from_db()
    assert world.org.review_interval_months == 3


def test_the_naasten_support_point_is_saved_and_a_bad_address_refused(world, login):
    admin = login(world.org_admin)
    base = {"review_interval_months": "3", "retention_months": "24", "caregiver_support_name": "Steunpunt Kringstad"}
    bad = admin.post(URL, {**base, "caregiver_support_url": "niet een adres"})
    assert bad.status_code == 422
    assert "Vul een webadres in" in bad.content.decode()
    assert "Steunpunt Kringstad" in bad.content.decode()
    assert admin.post(URL, {**base, "caregiver_support_url": "mantelzorg.example"}).status_code == 302
    world.org.refresh_from_db()
    assert (world.org.caregiver_support_name, world.org.caregiver_support_url) == (
        "Steunpunt Kringstad",
        "https://mantelzorg.example",
    )


@pytest.mark.parametrize(
    ("name", "item"),
    [
        ("organisation:settings", "Instellingen"),
        ("signals:settings", "Instellingen"),
        ("signals:list", "Mijn cliënten"),
    ],
)
def test_the_menu_marks_the_part_of_kring_a_page_belongs_to(world, login, name, item):
    body = login(world.org_admin).get(reverse(name)).content.decode()
    assert body.count('aria-current="page"') == 1
    assert f'aria-current="page">{item}</a>' in body
