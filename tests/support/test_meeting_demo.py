"""The demo's meetings: one held for Ahmed, one planned for Bianca; linked by name, loaded once, and the
meeting pages and summaries render them (without the confidential parts in a summary)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.clients.models import Client
from kring.demo import meetings as demo
from kring.demo import world
from kring.network.models import Member
from kring.support import meetings, summary
from kring.support.models import Action, Agreement, Meeting
from tests.factories import login


def registrar_for(client):
    return client.key_workers.first() or world.User.objects.get(email="beheer@kring.test")


@pytest.mark.django_db
def test_it_adds_one_held_and_one_planned_meeting_once():
    world.load()
    Agreement.objects.all().delete()
    Meeting.objects.all().delete()  # whatever the world loader already wired in, start from none
    assert demo.load(registrar_for) == 2
    assert demo.load(registrar_for) == 0
    ahmed = Client.objects.get(given_name="Ahmed", family_name="El Idrissi")
    bianca = Client.objects.get(given_name="Bianca", family_name="Hoekstra")
    held = Meeting.objects.get(client=ahmed)
    planned = Meeting.objects.get(client=bianca)
    today = timezone.localdate()
    assert (held.status, held.decision_state) == ("held", "decided") and held.date <= today
    assert planned.status == "planned" and planned.date > today
    # Every person named in the story is a member of Ahmed's network and took part.
    names = {p.member.name for p in held.participants.filter(role="member").select_related("member")}
    assert names == {"Moeder Fatiha", "Broer Youssef", "Mo van de moskee"}
    assert held.participants.filter(role="client").count() == 1
    assert held.agreements.count() == len(demo.HELD["agreements"])
    assert Action.objects.filter(agreement__meeting=held, client=ahmed).count() == 4
    mo = Member.objects.get(client=ahmed, name="Mo van de moskee")
    assert "practical" in mo.support_received
    assert mo.history.first().history_date.date() == held.date
    assert [p.member.name for p in planned.participants.filter(role="member")] == ["Tante Joke"]

    page = meetings.meeting_page(held)
    for audience in summary.AUDIENCES:
        for language in summary.LANGUAGES:
            text = summary.build(meetings.summary_facts(page), audience=audience, language=language).as_text()
            assert "borg" not in text and "niet genoeg kan helpen" not in text
            assert "Kringstad-Oost" in text

    worker = registrar_for(ahmed)
    browser = login(worker)
    for meeting in (held, planned):
        for name in ("detail", "summary"):
            url = reverse(f"meetings:{name}", args=[meeting.client_id, meeting.pk])
            assert browser.get(url).status_code == 200
        assert browser.get(reverse("meetings:list", args=[meeting.client_id])).status_code == 200
