from datetime import date, timedelta

import pytest
from django.urls import reverse

from kring.audit.models import AccessLog
from kring.clients.models import Client
from tests import factories


def detail(client):
    return reverse("clients:detail", args=[client.pk])


def edit(client):
    return reverse("clients:edit", args=[client.pk])


def valid_form(world, **overrides):
    data = {
        "given_name": "Nieuwe",
        "family_name": "Cliënt",
        "birth_year": "1990",
        "gender": "",
        "languages": ["nl", "ar"],
        "team": world.team_a.pk,
        "location": world.location.pk,
        "key_workers": [world.worker.pk],
        "status": "active",
        "intake_date": "2026-01-05",
    }
    data.update(overrides)
    return data


def test_it_shows_the_client_overview_to_the_team(world, login):
    for user in (world.worker, world.colleague, world.team_lead, world.org_admin):
        response = login(user).get(detail(world.client_a))
        assert response.status_code == 200
        assert "Anna Aalders" in response.content.decode()


def test_it_never_lets_a_browser_store_a_client_page(world, login):
    response = login(world.worker).get(detail(world.client_a))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("count", [5, 50])
def test_it_uses_the_same_number_of_queries_on_the_overview_whatever_the_caseload(
    world, login, count, django_assert_num_queries
):
    for i in range(count):
        factories.make_client(team=world.team_a, given_name=f"Klant{i}", key_workers=[world.worker, world.colleague])
    browser = login(world.worker)
    browser.get(detail(world.client_a))
    # session, user, OTP device, memberships, the client, organisation + insert for the log row,
    # key workers, an unfinished mapping session, and the session save (savepoint, update, release);
    # the open actions (none here, so no members to fetch) and the review dates; the consent decisions,
    # the signal settings, the newest network figures, the members with their latest check and open
    # actions (for the signals), and an open transfer.
    with django_assert_num_queries(20):
        assert browser.get(detail(world.client_a)).status_code == 200


def test_it_registers_a_client_and_logs_it(world, login):
    response = login(world.worker).post(reverse("clients:create"), valid_form(world))
    client = Client.objects.get(given_name="Nieuwe")
    assert response.status_code == 302
    assert response["Location"] == detail(client)
    assert client.organisation == world.org
    assert client.languages == ["nl", "ar"]
    assert list(client.key_workers.all()) == [world.worker]
    assert [(r.event, r.client_id) for r in AccessLog.objects.all()] == [("clients.client.create", client.pk)]
    assert client.history.count() == 1
    assert client.history.first().history_user == world.worker


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "   ", "Vul de roepnaam in."),
        ("birth_year", "1850", "Vul een geboortejaar in tussen"),
        ("birth_year", "negentig", "Vul een jaartal in"),
        ("intake_date", (date.today() + timedelta(days=3)).isoformat(), "kan niet in de toekomst liggen"),
        ("intake_date", "31-31-2025", "Vul een geldige datum in."),
        ("team", "999999", "Kies een team waarin je werkt."),
        ("gender", "robot", "Kies uit de lijst."),
        ("languages", ["nl", "klingon"], "Kies een taal uit de lijst."),
    ],
)
def test_it_explains_bad_input_by_the_field_and_saves_nothing(world, login, field, value, message):
    before = Client.objects.count()
    response = login(world.worker).post(reverse("clients:create"), valid_form(world, **{field: value}))
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert Client.objects.count() == before
    assert AccessLog.objects.filter(event="clients.client.create").count() == 0
    # The input the user typed is kept.
    assert 'value="Cliënt"' in response.content.decode()


def test_it_refuses_a_team_of_another_team_or_organisation(world, login):
    browser = login(world.worker)
    for team in (world.team_b, world.other_team):
        response = browser.post(reverse("clients:create"), valid_form(world, team=team.pk))
        assert "team" in response.context["form"].errors
    assert not Client.objects.filter(given_name="Nieuwe").exists()


def test_it_refuses_a_key_worker_outside_the_clients_team(world, login):
    response = login(world.org_admin).post(
        reverse("clients:create"), valid_form(world, key_workers=[world.other_team_worker.pk])
    )
    assert "werken niet in team Team A: Bert Bteam" in " ".join(response.context["form"].errors["key_workers"])
    assert not Client.objects.filter(given_name="Nieuwe").exists()


def test_it_refuses_a_location_of_another_organisation(world, login):
    elsewhere = factories.make_location(world.other_org)
    response = login(world.worker).post(reverse("clients:create"), valid_form(world, location=elsewhere.pk))
    assert "location" in response.context["form"].errors


def test_it_updates_a_client_and_keeps_the_history(world, login):
    client = world.client_a
    browser = login(world.colleague)
    response = browser.post(edit(client), valid_form(world, given_name="Anneke", version=client.version))
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.given_name == "Anneke"
    assert client.version == 2
    history = browser.get(reverse("clients:history", args=[client.pk]))
    assert "Roepnaam" in history.content.decode()
    assert "Cora Collega" in history.content.decode()


def test_it_never_silently_overwrites_a_concurrent_edit(world, login):
    client = world.client_a
    first, second = login(world.worker), login(world.colleague)
    version = client.version
    assert first.post(edit(client), valid_form(world, given_name="Eerste", version=version)).status_code == 302
    response = second.post(edit(client), valid_form(world, given_name="Tweede", version=version))
    assert response.status_code == 409
    assert "Iemand anders heeft deze gegevens net gewijzigd" in response.content.decode()
    client.refresh_from_db()
    assert client.given_name == "Eerste"
    assert AccessLog.objects.filter(event="clients.client.update").count() == 1


@pytest.mark.parametrize(
    ("url_name", "method", "event", "action"),
    [
        ("clients:detail", "get", "clients.client.view", "view"),
        ("clients:history", "get", "clients.history.view", "view"),
        ("clients:edit", "get", "clients.client.view", "view"),
        ("clients:edit", "post", "clients.client.update", "update"),
    ],
)
def test_it_writes_exactly_one_complete_access_log_row_per_client_page(world, login, url_name, method, event, action):
    browser = login(world.worker)
    url = reverse(url_name, args=[world.client_a.pk])
    data = valid_form(world, version=world.client_a.version) if method == "post" else None
    response = getattr(browser, method)(url, data, REMOTE_ADDR="192.0.2.7", HTTP_X_REQUEST_ID="req-12345678")
    assert response.status_code in (200, 302)
    row = AccessLog.objects.get()
    assert row.user_id == world.worker.pk
    assert row.user_name == "Wim Werker"
    assert row.role == "worker"
    assert row.organisation_id == world.org.pk
    assert row.organisation_name == "Stichting Testopvang"
    assert row.client_id == world.client_a.pk
    assert (row.object_type, row.object_id) == ("clients.client", str(world.client_a.pk))
    assert (row.event, row.action) == (event, action)
    assert row.ip_address == "192.0.2.7"
    assert row.request_id == "req-12345678"
    assert row.timestamp is not None


def test_it_shows_an_unfinished_mapping_session_on_the_overview(world, login):
    from kring.audit.log import Actor
    from kring.network.session import session_start

    session = session_start(actor=Actor.system(world.worker), client=world.client_a, language="nl")
    body = login(world.colleague).get(detail(world.client_a)).content.decode()
    assert "Er is een netwerksessie die nog niet af is." in body
    assert reverse("session:step", args=[world.client_a.pk, session.pk]) in body


@pytest.mark.parametrize("status", ["", "weg"])
def test_it_asks_for_a_status_in_plain_words_on_edit(world, login, status):
    client = world.client_a
    response = login(world.worker).post(edit(client), valid_form(world, status=status, version=client.version))
    assert response.status_code == 422
    assert response.context["form"].errors["status"] == ["Kies een geldige status."]
    client.refresh_from_db()
    assert client.status == "active"
