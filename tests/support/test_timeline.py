"""The Werk tab: one timeline of the work with a client, filterable by kind and member, newest first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.lifeline.models import LifeEvent
from kring.network.models import MappingSession
from kring.support.catalogue import ensure_catalogue
from kring.support.models import Element, Intervention, InterventionMode
from tests.network.factories import make_member
from tests.support.factories import make_action, make_review


def url(client):
    return reverse("work:timeline", args=[client.pk])


def make_intervention(client, *, by, day, members=(), note="Gesprek over zijn zus"):
    ensure_catalogue(client.organisation)
    intervention = Intervention.objects.create(
        client=client,
        created_by=by,
        date=day,
        mode=InterventionMode.objects.get(organisation=client.organisation, key="phone"),
        note=note,
    )
    intervention.elements.add(Element.objects.get(organisation=client.organisation, key="restore"))
    intervention.members.add(*members)
    return intervention


def test_everything_done_appears_newest_first(world, login):
    today = timezone.localdate()
    sister = make_member(world.client_a, name="Fatima", relation="sister")
    make_intervention(world.client_a, by=world.worker, day=today - timedelta(days=10), members=[sister])
    make_review(world.client_a, by=world.worker, day=today - timedelta(days=3), next_on=today + timedelta(days=80))
    event = LifeEvent.objects.create(
        client=world.client_a,
        title="Verhuisd naar Utrecht",
        kind="housing",
        tone="hard",
        year=2015,
        approximate=True,
        created_by=world.worker,
    )
    event.members.add(sister)
    body = login(world.worker).get(url(world.client_a)).content.decode()
    assert "Telefoon: Relaties herstellen of behouden" in body
    assert "Met: Fatima" in body
    assert "Samen naar het netwerk gekeken" in body
    assert "Verhuisd naar Utrecht" in body
    assert "1 verandering in het netwerk" in body  # Fatima was added today
    assert body.index("Verhuisd naar Utrecht") < body.index("Samen naar het netwerk") < body.index("Telefoon:")
    assert AccessLog.objects.filter(event="support.work.view", client=world.client_a).count() == 1


def test_filter_by_kind_and_by_member(world, login):
    today = timezone.localdate()
    sister, friend = make_member(world.client_a, name="Fatima"), make_member(world.client_a, name="Youssef")
    make_intervention(world.client_a, by=world.worker, day=today, members=[sister], note="Over Fatima")
    make_intervention(world.client_a, by=world.worker, day=today, members=[friend], note="Over Youssef")
    action = make_action(world.client_a, by=world.worker, description="Youssef uitnodigen")
    action.members.add(friend)
    browser = login(world.worker)
    only_actions = browser.get(url(world.client_a), {"soort": "action"}).content.decode()
    assert "Youssef uitnodigen" in only_actions and "Over Fatima" not in only_actions
    about_friend = browser.get(url(world.client_a), {"naaste": friend.pk}).content.decode()
    assert "Over Youssef" in about_friend and "Youssef uitnodigen" in about_friend
    assert "Over Fatima" not in about_friend


def test_a_member_of_another_client_in_the_filter_shows_everything_not_their_data(world, login):
    stranger = make_member(world.client_b, name="Vreemde")
    response = login(world.worker).get(url(world.client_a), {"naaste": stranger.pk})
    assert response.status_code == 200
    assert "Vreemde" not in response.content.decode()


def test_an_empty_timeline_says_how_to_begin(world, login):
    body = login(world.worker).get(url(world.client_a)).content.decode()
    assert "Begin met een interventie of een netwerksessie." in body


def test_the_timeline_is_paginated(world, login):
    today = timezone.localdate()
    for i in range(30):
        make_intervention(world.client_a, by=world.worker, day=today - timedelta(days=i), note=f"Notitie {i:02d}")
    browser = login(world.worker)
    first = browser.get(url(world.client_a)).content.decode()
    assert "Notitie 00" in first and "Notitie 29" not in first
    second = browser.get(url(world.client_a), {"pagina": 2}).content.decode()
    assert "Notitie 29" in second


def test_sessions_show_on_the_timeline(world, login):
    MappingSession.objects.create(client=world.client_a, started_by=world.worker, finished_at=timezone.now())
    body = login(world.worker).get(url(world.client_a)).content.decode()
    assert "Netwerksessie gehouden" in body


def test_the_query_count_does_not_grow_with_the_amount_of_work(world, login, django_assert_max_num_queries):
    today = timezone.localdate()
    members = [make_member(world.client_a, name=f"Naaste {i}") for i in range(3)]
    browser = login(world.worker)

    def fill(n):
        for i in range(n):
            make_intervention(world.client_a, by=world.worker, day=today - timedelta(days=i), members=members)
            make_action(world.client_a, by=world.worker, description=f"Actie {i}").members.add(*members)
            make_review(world.client_a, by=world.worker, day=today - timedelta(days=i), next_on=today)
            LifeEvent.objects.create(
                client=world.client_a,
                title=f"Gebeurtenis {i}",
                kind="other",
                tone="good",
                year=2000 + i,
                created_by=world.worker,
            ).members.add(*members)

    fill(2)
    browser.get(url(world.client_a))
    with django_assert_max_num_queries(40) as small:
        browser.get(url(world.client_a))
    fill(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        browser.get(url(world.client_a))


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker"])
def test_outsiders_get_404(world, login, outsider):
    assert login(getattr(world, outsider)).get(url(world.client_a)).status_code == 404


def test_meetings_and_load_checks_show_on_the_timeline_and_follow_the_member_filter(world, login):
    from kring.support.models import LoadCheck, Meeting, Participant

    today = timezone.localdate()
    mother, friend = make_member(world.client_a, name="Moeder"), make_member(world.client_a, name="Vriend")
    meeting = Meeting.objects.create(
        client=world.client_a,
        created_by=world.worker,
        kind="network",
        status="held",
        date=today,
        question="Waar gaat Anna wonen?",
        decision_state="decided",
        decision="Anna kiest de kamer bij tante",
    )
    Participant.objects.create(meeting=meeting, role="member", member=mother)
    LoadCheck.objects.create(
        client=world.client_a,
        created_by=world.worker,
        member=friend,
        date=today,
        heaviness=8,
        would_help="Een avond per week vrij",
    )
    browser = login(world.worker)
    body = browser.get(url(world.client_a)).content.decode()
    assert "Waar gaat Anna wonen?" in body and "Anna kiest de kamer bij tante" in body
    assert "Vriend: 8 van 10" in body
    about_mother = browser.get(url(world.client_a), {"naaste": mother.pk}).content.decode()
    assert "Waar gaat Anna wonen?" in about_mother and "Vriend: 8 van 10" not in about_mother
