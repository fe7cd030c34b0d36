"""Mijn acties: open actions across the caseload, overdue first, and whose network review is due."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from tests.network.factories import make_member
from tests.support.factories import make_action

WORKLIST = "/acties/"


def test_overdue_actions_come_first_then_by_date_and_undated_last(world, login):
    today = timezone.localdate()
    make_action(world.client_a, by=world.worker, description="Zonder datum")
    make_action(world.client_a, by=world.worker, description="Volgende maand", due=today + timedelta(days=30))
    make_action(world.client_a, by=world.worker, description="Lang te laat", due=today - timedelta(days=20))
    make_action(world.client_a, by=world.worker, description="Morgen", due=today + timedelta(days=1))
    make_action(world.client_a, by=world.worker, description="Gisteren", due=today - timedelta(days=1))
    body = login(world.worker).get(WORKLIST).content.decode()
    order = ["Lang te laat", "Gisteren", "Morgen", "Volgende maand", "Zonder datum"]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)
    assert body.index("Te laat") < body.index("Lang te laat")
    assert body.index("Deze week") < body.index("Morgen") < body.index("Later") < body.index("Volgende maand")
    assert AccessLog.objects.filter(event="support.worklist.view", user=world.worker).count() == 1


def test_mine_holds_my_actions_and_those_of_my_clients_and_their_members_not_a_colleagues(world, login):
    mother = make_member(world.client_a, name="Moeder")
    world.client_a.key_workers.add(world.worker)
    make_action(world.client_a, by=world.worker, description="Ik bel de woningcorporatie")
    make_action(
        world.client_a, by=world.worker, description="Moeder zoekt foto's op", owner_kind="member", owner=mother
    )
    make_action(world.client_a, by=world.worker, description="Anna gaat naar de buurtkamer", owner_kind="client")
    make_action(world.client_a, by=world.colleague, description="Cora regelt een tolk", owner=world.colleague)
    browser = login(world.worker)
    mine = browser.get(WORKLIST).content.decode()
    assert "Ik bel de woningcorporatie" in mine
    assert "Moeder zoekt foto" in mine
    assert "Anna gaat naar de buurtkamer" in mine
    assert "Cora regelt een tolk" not in mine
    team = browser.get(WORKLIST + "?van=team").content.decode()
    assert "Cora regelt een tolk" in team


def test_closed_removed_and_other_teams_actions_are_not_on_the_list(world, login):
    make_action(world.client_a, by=world.worker, description="Al gedaan", status="done")
    make_action(world.client_a, by=world.worker, description="Weggehaald", removed_at=timezone.now())
    make_action(world.client_b, by=world.other_team_worker, description="Van team B", owner=world.worker)
    body = login(world.worker).get(WORKLIST + "?van=team").content.decode()
    for text in ("Al gedaan", "Weggehaald", "Van team B"):
        assert text not in body
    assert "Het team heeft geen open acties." in body


def test_the_worklist_lists_key_clients_whose_review_is_due(world, login):
    world.client_a.key_workers.add(world.worker)
    body = login(world.worker).get(WORKLIST).content.decode()
    assert "Netwerkbespreking aan de beurt" in body
    assert "nog nooit besproken" in body
    assert reverse("work:timeline", args=[world.client_a.pk]) in body


def test_the_worklist_query_count_does_not_grow_with_the_number_of_actions(world, login, django_assert_max_num_queries):
    browser = login(world.worker)
    world.client_a.key_workers.add(world.worker)
    member = make_member(world.client_a, name="Zus")

    def fill(n):
        for i in range(n):
            action = make_action(world.client_a, by=world.worker, description=f"Actie {i}")
            action.members.add(member)

    fill(2)
    browser.get(WORKLIST)
    with django_assert_max_num_queries(14) as small:
        browser.get(WORKLIST)
    fill(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Actie 29" in browser.get(WORKLIST).content.decode()


def test_a_researcher_has_no_worklist(world, login):
    assert login(world.researcher).get(WORKLIST).status_code == 404
