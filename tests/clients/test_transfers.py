"""Transfers inside one installation, through the views: the state machine, consent and its override, who sees
what before and after completion, optimistic locking, logging and query counts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.clients.models import Client, Consent, Transfer
from tests import factories
from tests.network.factories import make_member

NO_CONSENT = "De cliënt heeft (nog) geen toestemming gegeven om het netwerk te delen"
WITHDRAWN = "De cliënt heeft de toestemming om het netwerk te delen ingetrokken"


@pytest.fixture
def team_c(world):
    return factories.make_team(world.org, "Team C")


@pytest.fixture
def receiver(world, team_c):
    return factories.make_user(
        organisation=world.org, team=team_c, email="ontvanger@test.nl", full_name="Roos Ontvanger"
    )


def give_consent(client, by, decision="given", **fields):
    fields.setdefault("decided_on", timezone.localdate())
    return Consent.objects.create(client=client, purpose="transfer", decision=decision, recorded_by=by, **fields)


def propose_url(client):
    return reverse("transfers:propose", args=[client.pk])


def url(name, transfer):
    return reverse(f"transfers:{name}", kwargs={"transfer_pk": transfer.pk})


def body(response) -> str:
    return response.content.decode()


def events(**filters) -> list[str]:
    return list(AccessLog.objects.filter(**filters).order_by("pk").values_list("event", flat=True))


def propose(browser, client, team, **extra):
    data = {"to_team": team.pk, "handover_note": "Anna houdt van rust. Kennismaken op dinsdag."}
    data.update(extra)
    return browser.post(propose_url(client), data)


@pytest.fixture
def proposed(world, team_c, login):
    give_consent(world.client_a, world.worker)
    response = propose(login(world.worker), world.client_a, team_c)
    assert response.status_code == 302
    return Transfer.objects.get(client=world.client_a)


# --- propose --------------------------------------------------------------------------------------------


def test_it_refuses_a_transfer_without_the_clients_consent_and_saves_nothing(world, team_c, login):
    browser = login(world.worker)
    page = browser.get(propose_url(world.client_a))
    assert "nog niets besloten over het delen" in body(page)
    response = propose(browser, world.client_a, team_c)
    assert response.status_code == 422
    assert NO_CONSENT in body(response)
    assert not Transfer.objects.exists()
    assert "clients.transfer.create" not in events()


def test_it_refuses_a_transfer_when_consent_was_refused_withdrawn_or_lapsed(world, team_c, login):
    browser = login(world.worker)
    for decision, extra in [
        ("refused", {}),
        ("withdrawn", {}),
        ("given", {"valid_until": timezone.localdate() - timedelta(days=1)}),
    ]:
        Consent.objects.all().delete()
        give_consent(world.client_a, world.worker, decision=decision, **extra)
        response = propose(browser, world.client_a, team_c)
        assert response.status_code == 422, decision
        assert NO_CONSENT in body(response)
    assert not Transfer.objects.exists()


def test_it_proposes_a_transfer_with_consent_and_logs_it(world, team_c, login):
    consent = give_consent(world.client_a, world.worker)
    browser = login(world.worker)
    response = propose(browser, world.client_a, team_c)
    transfer = Transfer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", transfer)
    assert (transfer.status, transfer.from_team, transfer.to_team) == ("proposed", world.team_a, team_c)
    assert transfer.consent == consent and transfer.override_reason == "" and transfer.override_by is None
    assert transfer.proposed_by == world.worker
    assert transfer.handover_note.startswith("Anna houdt van rust")
    assert events(event__startswith="clients.transfer.") == ["clients.transfer.create"]
    assert AccessLog.objects.get(event="clients.transfer.create").client_id == world.client_a.pk
    assert transfer.history.count() == 1 and transfer.history.get().history_user == world.worker
    world.client_a.refresh_from_db()
    assert world.client_a.team == world.team_a  # nothing moves before completion


def test_it_keeps_the_input_and_explains_a_missing_or_wrong_team(world, login):
    give_consent(world.client_a, world.worker)
    browser = login(world.worker)
    response = browser.post(propose_url(world.client_a), {"to_team": "", "handover_note": "Mijn notitie"})
    assert response.status_code == 422
    assert "Kies het team waar de cliënt naartoe gaat." in body(response)
    assert "Mijn notitie" in body(response)
    response = browser.post(propose_url(world.client_a), {"to_team": world.team_a.pk})
    assert "De cliënt zit al in dit team." in body(response)
    other_location = factories.make_location(world.other_org, "Elders")
    response = browser.post(propose_url(world.client_a), {"to_team": world.team_b.pk, "to_location": other_location.pk})
    assert "Kies een locatie van de organisatie van het nieuwe team." in body(response)
    response = browser.post(propose_url(world.client_a), {"to_team": 999999})
    assert "Kies een team uit de lijst." in body(response)
    assert not Transfer.objects.exists()


def test_it_allows_one_open_transfer_per_client(world, team_c, proposed, login):
    response = propose(login(world.worker), world.client_a, world.team_b)
    assert response.status_code == 422
    assert "Er loopt al een overdracht naar Team C." in body(response)
    assert Transfer.objects.count() == 1


def test_an_admin_may_override_missing_consent_with_a_reason(world, team_c, login):
    browser = login(world.org_admin)
    page = browser.get(propose_url(world.client_a))
    assert 'name="override_reason"' in body(page)
    response = propose(browser, world.client_a, team_c)
    assert response.status_code == 422
    assert "Schrijf op waarom het netwerk toch mee moet" in body(response)
    assert not Transfer.objects.exists()
    response = propose(browser, world.client_a, team_c, override_reason="Crisisopname, cliënt niet aanspreekbaar.")
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.override_reason == "Crisisopname, cliënt niet aanspreekbaar."
    assert transfer.override_by == world.org_admin and transfer.consent is None
    assert AccessLog.objects.get(event="clients.transfer.create").detail == "override"


def test_a_worker_cannot_override_missing_consent(world, team_c, login):
    browser = login(world.worker)
    page = browser.get(propose_url(world.client_a))
    assert 'name="override_reason"' not in body(page)
    assert "vraag dan de functioneel beheerder" in body(page)
    response = propose(browser, world.client_a, team_c, override_reason="Ik wil het gewoon.")
    assert response.status_code == 422
    assert NO_CONSENT in body(response)
    assert not Transfer.objects.exists()


def test_no_override_is_recorded_when_the_client_agreed(world, team_c, login):
    give_consent(world.client_a, world.worker)
    propose(login(world.org_admin), world.client_a, team_c, override_reason="Voor de zekerheid")
    transfer = Transfer.objects.get()
    assert transfer.override_reason == "" and transfer.override_by is None and transfer.consent is not None


# --- the receiving side before completion ----------------------------------------------------------------


def test_the_receiving_team_sees_the_proposal_but_not_the_network(world, receiver, proposed, login):
    make_member(world.client_a, name="Geheime Oom", relation="other_family")
    browser = login(receiver)
    listing = browser.get(reverse("transfers:incoming"))
    assert listing.status_code == 200
    assert "Anna Aalders" in body(listing)
    page = browser.get(url("detail", proposed))
    assert page.status_code == 200
    assert "Anna houdt van rust" in body(page)
    assert "Geheime Oom" not in body(page)
    assert "Overdracht accepteren" in body(page)
    assert "Overdracht intrekken" not in body(page)
    assert AccessLog.objects.filter(event="clients.transfer.view", user=receiver).get().client_id == world.client_a.pk
    for name in ("clients:detail", "network:map", "clients:history", "transfers:for_client"):
        assert browser.get(reverse(name, args=[world.client_a.pk])).status_code == 404, name


def test_the_admin_of_the_receiving_organisation_sees_the_proposal(world, receiver, proposed, login):
    assert login(world.org_admin).get(url("detail", proposed)).status_code == 200


def test_other_teams_and_organisations_get_404_for_every_transfer_page(world, receiver, proposed, login):
    for user in (world.other_team_worker, world.other_org_worker, world.researcher):
        browser = login(user)
        for name in ("detail", "accept", "decline", "withdraw", "complete"):
            assert browser.get(url(name, proposed)).status_code == 404, (user, name)
            assert browser.post(url(name, proposed), {"version": 1, "reason": "x"}).status_code == 404, (user, name)
        for name in ("for_client", "propose"):
            assert browser.get(reverse(f"transfers:{name}", args=[world.client_a.pk])).status_code == 404
    proposed.refresh_from_db()
    assert proposed.status == "proposed" and proposed.version == 1


def test_the_incoming_list_is_not_for_a_researcher(world, login):
    assert login(world.researcher).get(reverse("transfers:incoming")).status_code == 404


# --- accept, decline, withdraw ------------------------------------------------------------------------------


def test_the_receiving_team_accepts(world, receiver, proposed, login):
    response = login(receiver).post(url("accept", proposed), {"version": proposed.version})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "accepted" and proposed.decided_by == receiver and proposed.decided_at
    assert proposed.version == 2
    assert AccessLog.objects.get(event="clients.transfer.update").detail == "accepted"


def test_the_sending_team_cannot_accept_its_own_proposal(world, receiver, proposed, login):
    assert login(world.worker).post(url("accept", proposed), {"version": 1}).status_code == 404
    proposed.refresh_from_db()
    assert proposed.status == "proposed"


def test_declining_needs_a_reason_which_the_sender_then_reads(world, receiver, proposed, login):
    browser = login(receiver)
    response = browser.post(url("decline", proposed), {"version": 1, "reason": "  "})
    assert response.status_code == 422
    assert "Schrijf kort op waarom je de overdracht afwijst." in body(response)
    proposed.refresh_from_db()
    assert proposed.status == "proposed"
    response = browser.post(url("decline", proposed), {"version": 1, "reason": "Wij hebben geen plek."})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "declined" and proposed.decline_reason == "Wij hebben geen plek."
    assert "Wij hebben geen plek." in body(login(world.worker).get(url("detail", proposed)))
    # Declined: no longer open, so no longer the receiving side's business.
    assert browser.get(url("detail", proposed)).status_code == 404


def test_the_sender_withdraws_and_the_receiver_no_longer_sees_it(world, receiver, proposed, login):
    response = login(world.worker).post(url("withdraw", proposed), {"version": 1})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "withdrawn"
    assert login(receiver).get(url("detail", proposed)).status_code == 404
    assert "Anna" not in body(login(receiver).get(reverse("transfers:incoming")))
    # After a withdrawal a new proposal may be made.
    assert propose(login(world.worker), world.client_a, world.team_b).status_code == 302


def test_an_action_on_an_old_page_is_refused_with_409(world, receiver, proposed, login):
    browser = login(receiver)
    browser.post(url("accept", proposed), {"version": 1})
    response = login(world.worker).post(url("withdraw", proposed), {"version": 1})
    assert response.status_code == 409
    assert "Iemand anders heeft net iets met deze overdracht gedaan." in body(response)
    proposed.refresh_from_db()
    assert proposed.status == "accepted"


def test_accepting_twice_is_a_clear_409_not_an_error(world, receiver, proposed, login):
    browser = login(receiver)
    assert browser.post(url("accept", proposed), {"version": 1}).status_code == 302
    assert browser.post(url("accept", proposed), {"version": 2}).status_code == 409


# --- consent withdrawn while a transfer is under way -----------------------------------------------------


def test_a_withdrawn_consent_stops_accepting_and_completing_and_hides_the_note(world, receiver, proposed, login):
    give_consent(world.client_a, world.worker, decision="withdrawn")
    browser = login(receiver)
    page = browser.get(url("detail", proposed))
    assert "Anna houdt van rust" not in body(page)
    assert "Daarom zie je de warme overdracht niet." in body(page)
    response = browser.post(url("accept", proposed), {"version": 1})
    assert response.status_code == 422
    assert WITHDRAWN in body(response)
    proposed.refresh_from_db()
    assert proposed.status == "proposed"
    # Given again, accepted; withdrawn again: completion is refused.
    give_consent(world.client_a, world.worker)
    assert browser.post(url("accept", proposed), {"version": 1}).status_code == 302
    give_consent(world.client_a, world.worker, decision="withdrawn")
    response = browser.post(url("complete", proposed), {"version": 2})
    assert response.status_code == 422
    assert WITHDRAWN in body(response)
    world.client_a.refresh_from_db()
    assert world.client_a.team == world.team_a


def test_an_override_carries_on_without_consent(world, team_c, receiver, login):
    propose(login(world.org_admin), world.client_a, team_c, override_reason="Rechterlijke machtiging")
    transfer = Transfer.objects.get()
    browser = login(receiver)
    assert browser.post(url("accept", transfer), {"version": 1}).status_code == 302
    assert browser.post(url("complete", transfer), {"version": 2}).status_code == 302
    world.client_a.refresh_from_db()
    assert world.client_a.team == team_c


# --- completion: access moves with the client ---------------------------------------------------------------


def test_completion_moves_the_client_and_access_with_the_history(world, team_c, receiver, proposed, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother", circle=1)
    sender = login(world.worker)
    assert sender.get(reverse("network:map", args=[world.client_a.pk])).status_code == 200
    rows_before = AccessLog.objects.filter(client_id=world.client_a.pk).count()
    version_before = Client.objects.get(pk=world.client_a.pk).version

    browser = login(receiver)
    browser.post(url("accept", proposed), {"version": 1})
    response = browser.post(url("complete", proposed), {"version": 2})
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:detail", args=[world.client_a.pk])

    client = Client.objects.get(pk=world.client_a.pk)
    proposed.refresh_from_db()
    assert proposed.status == "completed" and proposed.completed_at
    assert (client.team, client.organisation, client.location) == (team_c, world.org, None)
    assert client.version == version_before + 1
    assert list(client.key_workers.all()) == []  # the key worker stays behind in team A
    assert client.history.first().history_user == receiver

    # The receiving team now sees everything, with its history.
    network = browser.get(reverse("network:map", args=[client.pk]))
    assert network.status_code == 200 and "Moeder Fatiha" in body(network)
    assert browser.get(reverse("clients:history", args=[client.pk])).status_code == 200
    assert browser.get(reverse("network:member", args=[client.pk, mother.pk])).status_code == 200
    assert browser.get(url("detail", proposed)).status_code == 200

    # The sending team lost access; its log rows stay.
    for name in ("clients:detail", "network:map", "clients:history", "transfers:for_client"):
        assert sender.get(reverse(name, args=[client.pk])).status_code == 404, name
    assert sender.get(url("detail", proposed)).status_code == 404
    assert AccessLog.objects.filter(client_id=client.pk).count() >= rows_before
    assert AccessLog.objects.filter(client_id=client.pk, user=world.worker, event="network.network.view").exists()
    assert events(event__in=["clients.transfer.update", "clients.client.update"]) == [
        "clients.transfer.update",
        "clients.transfer.update",
        "clients.client.update",
    ]


def test_the_sender_may_complete_and_is_sent_to_the_transfer_list(world, receiver, proposed, login):
    login(receiver).post(url("accept", proposed), {"version": 1})
    response = login(world.worker).post(url("complete", proposed), {"version": 2})
    assert response.status_code == 302
    assert response["Location"] == reverse("transfers:incoming")


def test_completion_keeps_key_workers_who_also_work_in_the_receiving_team(world, team_c, receiver, proposed, login):
    from kring.accounts.models import Membership

    Membership.objects.create(user=world.worker, role="worker", team=team_c)
    login(receiver).post(url("accept", proposed), {"version": 1})
    login(receiver).post(url("complete", proposed), {"version": 2})
    assert list(Client.objects.get(pk=world.client_a.pk).key_workers.all()) == [world.worker]


def test_a_transfer_to_another_organisation_moves_the_client_there(world, login):
    give_consent(world.client_a, world.worker)
    propose(login(world.worker), world.client_a, world.other_team)
    transfer = Transfer.objects.get()
    elders = login(world.other_org_worker)
    assert elders.get(url("detail", transfer)).status_code == 200
    assert elders.get(reverse("clients:detail", args=[world.client_a.pk])).status_code == 404
    elders.post(url("accept", transfer), {"version": 1})
    elders.post(url("complete", transfer), {"version": 2})
    client = Client.objects.get(pk=world.client_a.pk)
    assert (client.organisation, client.team, client.location) == (world.other_org, world.other_team, None)
    assert elders.get(reverse("clients:detail", args=[client.pk])).status_code == 200
    for user in (world.worker, world.org_admin, world.team_lead):
        assert login(user).get(reverse("clients:detail", args=[client.pk])).status_code == 404


def test_it_moves_to_the_chosen_location(world, team_c, login):
    give_consent(world.client_a, world.worker)
    elsewhere = factories.make_location(world.org, "Dagopvang")
    propose(login(world.worker), world.client_a, team_c, to_location=elsewhere.pk)
    transfer = Transfer.objects.get()
    login(world.org_admin).post(url("accept", transfer), {"version": 1})
    login(world.org_admin).post(url("complete", transfer), {"version": 2})
    assert Client.objects.get(pk=world.client_a.pk).location == elsewhere


# --- pages and query counts ----------------------------------------------------------------------------------


def test_the_client_transfer_page_shows_consent_and_past_transfers(world, team_c, receiver, proposed, login):
    browser = login(world.worker)
    browser.post(url("withdraw", proposed), {"version": 1})
    page = browser.get(reverse("transfers:for_client", args=[world.client_a.pk]))
    assert page.status_code == 200
    assert "De cliënt gaf op" in body(page)
    assert "Ingetrokken" in body(page)
    assert "Overdracht voorstellen" in body(page)


def _open_transfers(world, count):
    from tests.factories import make_client

    team = factories.make_team(world.org)
    for n in range(count):
        client = make_client(team=world.team_a, given_name=f"Cliënt {n}")
        Transfer.objects.create(client=client, from_team=world.team_a, to_team=team, proposed_by=world.worker)
    return factories.make_user(organisation=world.org, team=team)


@pytest.mark.parametrize("count", [2, 30])
def test_the_transfer_list_takes_a_fixed_number_of_queries(world, login, django_assert_max_num_queries, count):
    user = _open_transfers(world, count)
    browser = login(user)
    with django_assert_max_num_queries(12):
        response = browser.get(reverse("transfers:incoming"))
    assert len(re.findall(r'href="/overdrachten/\d', body(response))) == count


@pytest.mark.parametrize("count", [2, 30])
def test_the_clients_transfer_page_takes_a_fixed_number_of_queries(world, login, django_assert_max_num_queries, count):
    for n in range(count):
        Transfer.objects.create(
            client=world.client_a,
            from_team=world.team_a,
            to_team=factories.make_team(world.org, f"Team {n}"),
            proposed_by=world.worker,
            status="declined",
        )
    browser = login(world.worker)
    with django_assert_max_num_queries(14):
        response = browser.get(reverse("transfers:for_client", args=[world.client_a.pk]))
    assert len(re.findall(r'href="/overdrachten/\d', body(response))) == count


def test_the_includes_for_the_client_page_show_the_transfer_and_the_links(world, receiver, proposed):
    from django.template.loader import render_to_string

    html = render_to_string("clients/transfers/_client_transfer.html", {"client": world.client_a})
    assert "Overdracht naar Team C voorgesteld op" in html
    assert url("detail", proposed) in html
    html = render_to_string("clients/transfers/_client_transfer.html", {"client": world.client_b})
    assert reverse("transfers:for_client", args=[world.client_b.pk]) in html
    links = render_to_string("exchange/_client_links.html", {"client": world.client_a, "can_handle_data_request": True})
    assert reverse("exchange:inzage", args=[world.client_a.pk]) in links
    assert reverse("exchange:erase", args=[world.client_a.pk]) in links
    links = render_to_string("exchange/_client_links.html", {"client": world.client_a})
    assert reverse("exchange:erase", args=[world.client_a.pk]) not in links


def test_the_menu_count_is_the_proposals_waiting_for_the_users_side(world, receiver, proposed):
    from kring.exchange.templatetags.exchange_tags import incoming_transfer_count

    assert incoming_transfer_count(receiver) == 1
    assert incoming_transfer_count(world.org_admin) == 1
    assert incoming_transfer_count(world.worker) == 0
    assert incoming_transfer_count(world.other_org_worker) == 0
