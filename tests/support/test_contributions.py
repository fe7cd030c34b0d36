"""Iets voor een ander: what the client did for someone else, and how it feeds "support given" in the network."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.network.models import Member
from kring.network.selectors import network_now
from kring.support.models import Contribution
from tests.network.factories import make_member


def add_url(client):
    return reverse("interventions:contribution_add", args=[client.pk])


def edit_url(record):
    return reverse("interventions:contribution_edit", args=[record.client_id, record.pk])


def remove_url(record):
    return reverse("interventions:contribution_remove", args=[record.client_id, record.pk])


def form_data(*, members=(), **changes):
    data = {
        "date": "2026-03-02",
        "description": "Boodschappen gedaan voor de buurvrouw",
        "members": [m.pk for m in members],
        "support_kinds": ["practical"],
        "note": "Ze was er blij mee.",
    }
    data.update(changes)
    return data


def make_contribution(world, *, members=(), **fields):
    fields.setdefault("date", date(2026, 1, 5))
    fields.setdefault("description", "Moeder gebeld op haar verjaardag")
    record = Contribution.objects.create(client=world.client_a, created_by=world.worker, **fields)
    record.members.set(members)
    return record


def events(client):
    return list(AccessLog.objects.filter(client=client).order_by("pk").values_list("event", flat=True))


def test_it_records_what_the_client_did_and_adds_it_to_support_given(world, login):
    buurvrouw = make_member(world.client_a, name="Buurvrouw Els", relation="neighbour", support_given=["company"])
    mama = make_member(world.client_a, name="Mama", relation="mother")
    browser = login(world.worker)
    body = browser.get(add_url(world.client_a)).content.decode()
    assert "Wat deed de cliënt voor een ander?" in body and "Praktische hulp" in body
    response = browser.post(
        add_url(world.client_a), form_data(members=[buurvrouw, mama], support_kinds=["practical", "company"])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("work:timeline", args=[world.client_a.pk])
    record = Contribution.objects.get()
    assert (record.description, record.date, record.note) == (
        "Boodschappen gedaan voor de buurvrouw",
        date(2026, 3, 2),
        "Ze was er blij mee.",
    )
    assert record.support_kinds == ["practical", "company"]
    assert set(record.members.all()) == {buurvrouw, mama}
    buurvrouw.refresh_from_db()
    mama.refresh_from_db()
    assert (buurvrouw.support_given, buurvrouw.version) == (["company", "practical"], 2)
    assert (mama.support_given, mama.version) == (["company", "practical"], 2)
    # The network history knows who added it; the access log has the record and both member changes.
    assert mama.history.first().history_user == world.worker
    assert events(world.client_a) == [
        "support.contribution.view",
        "clients.consent.view",  # the chips say nobody may be contacted yet
        "support.contribution.create",
        "network.member.update",
        "network.member.update",
    ]
    # The network (ecogram arrows, measures) sees it: the client now gives support to both.
    network = network_now(world.client_a)
    assert {m.pk: m.support_direction for m in network.members} == {buurvrouw.pk: "given", mama.pk: "given"}


def test_it_leaves_a_member_alone_when_the_support_was_already_recorded(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother", support_given=["practical"])
    login(world.worker).post(add_url(world.client_a), form_data(members=[mama]))
    mama.refresh_from_db()
    assert mama.version == 1
    assert events(world.client_a) == ["support.contribution.create"]


def test_it_records_without_kinds_or_members(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    response = login(world.worker).post(add_url(world.client_a), form_data(support_kinds=[]))
    assert response.status_code == 302
    mama.refresh_from_db()
    assert (mama.support_given, mama.version) == ([], 1)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"description": "  "}, "description", "Schrijf kort op wat de cliënt deed."),
        ({"description": "x" * 301}, "description", "Houd het korter"),
        ({"support_kinds": ["drugs"]}, "support_kinds", "Kies een soort steun uit de lijst."),
        ({"date": ""}, "date", "Vul de datum in."),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(world, login, changes, field, message):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    response = login(world.worker).post(add_url(world.client_a), form_data(members=[mama], **changes))
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert Contribution.objects.count() == 0
    mama.refresh_from_db()
    assert (mama.support_given, mama.version) == ([], 1)
    assert "Ze was er blij mee." in response.content.decode()


def test_it_refuses_a_future_date(world, login):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login(world.worker).post(add_url(world.client_a), form_data(date=tomorrow))
    assert "Deze datum ligt in de toekomst." in response.context["form"].errors["date"][0]
    assert Contribution.objects.count() == 0


def test_it_refuses_a_member_of_another_client_and_changes_no_network(world, login):
    stranger = make_member(world.client_b, name="Iemand van Bas")
    response = login(world.worker).post(add_url(world.client_a), form_data(members=[stranger]))
    assert response.context["form"].errors["members"] == ["Kies mensen uit het netwerk van deze cliënt."]
    assert Contribution.objects.count() == 0
    stranger.refresh_from_db()
    assert (stranger.support_given, stranger.version) == ([], 1)


def test_it_edits_and_adds_new_kinds_to_new_members(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    broer = make_member(world.client_a, name="Broer", relation="brother")
    record = make_contribution(world, members=[mama], support_kinds=["emotional"])
    browser = login(world.worker)
    form = browser.get(edit_url(record)).context["form"]
    assert form["members"].value() == [mama.pk]
    assert form["support_kinds"].value() == ["emotional"]
    response = browser.post(
        edit_url(record), form_data(members=[broer], support_kinds=["emotional", "advice"], version=1)
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.version, list(record.members.all()), record.support_kinds) == (2, [broer], ["emotional", "advice"])
    broer.refresh_from_db()
    mama.refresh_from_db()
    assert broer.support_given == ["advice", "emotional"]
    # Taking someone off the record does not take back support the client gave earlier.
    assert mama.support_given == []
    assert events(world.client_a) == [
        "support.contribution.view",
        "clients.consent.view",
        "support.contribution.update",
        "network.member.update",
    ]


def test_it_refuses_a_stale_edit(world, login):
    record = make_contribution(world)
    Contribution.objects.filter(pk=record.pk).update(version=4, description="Door een collega gewijzigd")
    response = login(world.worker).post(edit_url(record), form_data(version=1))
    assert response.status_code == 409
    assert "Door een collega gewijzigd" in response.content.decode()
    record.refresh_from_db()
    assert record.description == "Door een collega gewijzigd"


def test_it_removes_softly_and_keeps_the_support_in_the_network(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother", support_given=["practical"])
    record = make_contribution(world, members=[mama], support_kinds=["practical"])
    response = login(world.worker).post(remove_url(record), {"version": 1})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.removed_at is not None
    assert Member.objects.get(pk=mama.pk).support_given == ["practical"]
    assert events(world.client_a) == ["support.contribution.delete"]


@pytest.mark.parametrize("who", ["other_team_worker", "other_org_worker", "researcher"])
def test_it_answers_404_to_outsiders_on_every_view(world, login, who):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    record = make_contribution(world, members=[mama])
    browser = login(getattr(world, who))
    for url in (add_url(world.client_a), edit_url(record)):
        assert browser.get(url).status_code == 404
        assert browser.post(url, form_data(members=[mama], version=1)).status_code == 404
    assert browser.post(remove_url(record), {"version": 1}).status_code == 404
    assert Contribution.objects.count() == 1
    record.refresh_from_db()
    mama.refresh_from_db()
    assert (record.version, record.removed_at, mama.support_given) == (1, None, [])
    assert events(world.client_a) == []


def test_nothing_is_saved_when_the_network_changed_in_between(world, login, monkeypatch):
    """The contribution and the support it adds land together, or neither does."""
    from kring.network import services as network_services

    mama = make_member(world.client_a, name="Mama", relation="mother")
    broer = make_member(world.client_a, name="Broer", relation="brother")
    real = network_services.add_support_given

    def second_one_changed_meanwhile(*, actor, member, kinds):
        if member.pk == broer.pk:
            raise network_services.ConcurrentEditError(member)
        return real(actor=actor, member=member, kinds=kinds)

    monkeypatch.setattr(network_services, "add_support_given", second_one_changed_meanwhile)
    response = login(world.worker).post(add_url(world.client_a), form_data(members=[mama, broer]))
    assert response.status_code == 422
    assert "Iemand anders wijzigde net het netwerk." in response.context["form"].errors["members"][0]
    assert Contribution.objects.count() == 0
    mama.refresh_from_db()
    assert (mama.support_given, mama.version) == ([], 1)
    assert events(world.client_a) == ["clients.consent.view"]  # the form shown again, nothing written
