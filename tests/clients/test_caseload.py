from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kring.audit.models import AccessLog
from tests import factories
from tests.support.factories import make_review

CASELOAD = reverse("clients:caseload")


def names(response):
    return [client.display_name for client in response.context["page"].object_list]


def test_it_shows_a_worker_only_the_clients_of_their_team(world, login):
    response = login(world.worker).get(CASELOAD)
    assert response.status_code == 200
    assert names(response) == ["Anna Aalders"]
    assert "Bas Bakker" not in response.content.decode()
    assert "Olga Oost" not in response.content.decode()


def test_it_shows_a_team_lead_the_teams_they_lead(world, login):
    assert names(login(world.team_lead).get(CASELOAD)) == ["Anna Aalders"]


def test_it_shows_an_org_admin_every_client_of_the_organisation_only(world, login):
    assert names(login(world.org_admin).get(CASELOAD)) == ["Anna Aalders", "Bas Bakker"]


def test_it_shows_a_researcher_no_caseload(world, login):
    assert login(world.researcher).get(CASELOAD).status_code == 404


def test_it_sends_a_researcher_home_to_an_explanation(world, login):
    response = login(world.researcher).get(reverse("home"))
    assert response.status_code == 200
    assert "gepseudonimiseerd" in response.content.decode()


def test_it_searches_by_any_part_of_the_name(world, login):
    factories.make_client(team=world.team_a, given_name="Mohammed", family_name="El Amrani")
    browser = login(world.worker)
    assert names(browser.get(CASELOAD, {"q": "amra"})) == ["Mohammed El Amrani"]
    assert names(browser.get(CASELOAD, {"q": "moh el"})) == ["Mohammed El Amrani"]
    empty = browser.get(CASELOAD, {"q": "xyz"})
    assert names(empty) == []
    assert "Geen cliënten gevonden" in empty.content.decode()


def test_it_lists_active_clients_unless_asked_for_all(world, login):
    factories.make_client(team=world.team_a, given_name="Vertrokken", status="left")
    browser = login(world.worker)
    assert names(browser.get(CASELOAD)) == ["Anna Aalders"]
    assert names(browser.get(CASELOAD, {"status": ""})) == ["Anna Aalders", "Vertrokken"]
    assert names(browser.get(CASELOAD, {"status": "left"})) == ["Vertrokken"]


def test_it_ignores_a_team_filter_for_a_team_the_user_cannot_see(world, login):
    response = login(world.worker).get(CASELOAD, {"team": world.team_b.pk})
    assert "Bas Bakker" not in response.content.decode()


def test_it_answers_htmx_with_only_the_results(world, login):
    response = login(world.worker).get(CASELOAD, {"q": "anna"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Anna Aalders" in body
    assert "<html" not in body


def test_it_logs_one_search_row_without_the_typed_name(world, login):
    login(world.worker).get(CASELOAD, {"q": "anna"})
    row = AccessLog.objects.get()
    assert (row.action, row.event, row.user_id) == ("search", "clients.caseload.search", world.worker.pk)
    assert "anna" not in row.detail.lower()  # the log outlives an erased client: no names in it
    assert "q=(4 tekens)" in row.detail


def _fill_team(team, count, worker):
    for i in range(count):
        factories.make_client(team=team, given_name=f"Klant{i:03}", key_workers=[worker])


@pytest.mark.parametrize("count", [5, 50])
def test_it_uses_the_same_number_of_queries_for_5_and_50_clients(world, login, count, django_assert_num_queries):
    _fill_team(world.team_a, count, world.worker)
    browser = login(world.worker)
    browser.get(CASELOAD)  # warm up the session
    with django_assert_num_queries(EXPECTED_CASELOAD_QUERIES):
        assert browser.get(CASELOAD).status_code == 200


# session, user, OTP device, memberships, count, organisation + insert for the log row, team count,
# the page of clients, their key workers, and the session save (savepoint, update, release).
EXPECTED_CASELOAD_QUERIES = 13


@pytest.mark.parametrize(("language", "due"), [("nl", "3 mrt 2027"), ("en", "3 Mar 2027")])
def test_it_writes_the_next_review_as_the_language_writes_a_short_month(world, login, language, due):
    make_review(world.client_a, by=world.worker, day=date(2026, 9, 3), next_on=date(2027, 3, 3))
    world.worker.language = language
    world.worker.save()
    with translation.override("nl"):  # the request switches language; the tests after it stay in Dutch
        html = login(world.worker).get(CASELOAD).content.decode()
    assert f'<time datetime="2027-03-03">{due}</time>' in html
