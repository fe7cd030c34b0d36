"""A member's page shows the life events, interventions, contributions, practices and actions they are part of."""

from django.urls import reverse
from django.utils import timezone

from kring.lifeline.models import LifeEvent
from kring.support.models import Contribution
from tests.network.factories import make_member
from tests.support.factories import make_action
from tests.support.test_timeline import make_intervention


def member_url(member):
    return reverse("network:member", args=[member.client_id, member.pk])


def test_a_members_page_shows_their_events_interventions_and_actions_and_not_anyone_elses(world, login):
    today = timezone.localdate()
    sister, friend = make_member(world.client_a, name="Fatima"), make_member(world.client_a, name="Youssef")
    make_intervention(world.client_a, by=world.worker, day=today, members=[sister])
    LifeEvent.objects.create(
        client=world.client_a,
        title="Samen naar Marokko",
        kind="relationships",
        tone="good",
        year=2012,
        created_by=world.worker,
    ).members.add(sister)
    LifeEvent.objects.create(
        client=world.client_a,
        title="Ruzie met Youssef",
        kind="relationships",
        tone="hard",
        year=2019,
        created_by=world.worker,
    ).members.add(friend)
    make_action(world.client_a, by=world.worker, description="Fatima uitnodigen").members.add(sister)
    make_action(
        world.client_a,
        by=world.worker,
        description="Fatima belt de woningcorporatie",
        owner_kind="member",
        owner=sister,
    )
    make_action(world.client_a, by=world.worker, description="Youssef bellen").members.add(friend)
    Contribution.objects.create(
        client=world.client_a, created_by=world.worker, date=today, description="Boodschappen voor Fatima gedaan"
    ).members.add(sister)
    body = login(world.worker).get(member_url(sister)).content.decode()
    assert "Werk met Fatima" in body
    assert "Telefoon: Relaties herstellen of behouden" in body
    assert "Samen naar Marokko" in body
    assert "Fatima uitnodigen" in body and "Fatima belt de woningcorporatie" in body
    assert "Boodschappen voor Fatima gedaan" in body
    assert "Ruzie met Youssef" not in body and "Youssef bellen" not in body


def test_a_member_with_nothing_recorded_says_so(world, login):
    member = make_member(world.client_a, name="Buurman Piet")
    body = login(world.worker).get(member_url(member)).content.decode()
    assert "Er is nog niets vastgelegd over Buurman Piet." in body
    assert "Deze persoon staat nog bij geen gebeurtenis op de levenslijn." in body


def test_a_member_met_at_a_place_shows_where(world, login):
    from kring.places.models import MetAt
    from tests.places.factories import make_place

    member = make_member(world.client_a, name="Karim")
    place = make_place(world.org, name="Buurthuis De Ketting")
    MetAt.objects.create(client=world.client_a, member=member, place=place, created_by=world.worker)
    body = login(world.worker).get(member_url(member)).content.decode()
    assert "Leren kennen bij" in body and "Buurthuis De Ketting" in body
