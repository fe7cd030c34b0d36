"""Samen op zoek: save a place for a client, turn it into an action, record the visit, add who they met.

Client data: every page is 404 for another team and organisation, and every read and write is logged.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.network.models import Member
from kring.places.models import MetAt, PlaceSuggestion, PlaceVisit
from kring.places.selectors import member_place
from kring.support.models import Action
from tests.network.factories import make_member
from tests.places.factories import make_met, make_place, make_start_point, make_suggestion, make_visit


def url(name, client, *args):
    return reverse(f"client_places:{name}", args=[client.pk, *args])


def events(client, since=0):
    return list(AccessLog.objects.filter(client=client, pk__gt=since).order_by("pk").values_list("event", flat=True))


def last_log_pk():
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def place(world):
    return make_place(world.org, name="Buurthuis De Ketting", category="community_centre", lat=52.2005, lon=5.3005)


@pytest.fixture
def suggestion(world, place):
    return make_suggestion(world.client_a, place, by=world.worker)


def test_the_search_for_a_client_starts_at_the_clients_location_and_is_logged(world, login, place):
    make_start_point(world.org, name="Elders", lat=51.0, lon=4.0)
    make_start_point(world.org, name="Nachtopvang Test", location=world.location)
    body = login(world.worker).get(url("search", world.client_a)).content.decode()
    assert "Kring zoekt vanaf de locatie van Anna: Nachtopvang Test." in body
    assert "1 plek binnen 5 km van Nachtopvang Test" in body
    assert "Buurthuis De Ketting" in body
    log = AccessLog.objects.get(event="places.place.search")
    assert (log.client, log.action, log.detail) == (world.client_a, "search", "radius 5 km")


def test_a_worker_saves_a_place_for_the_client(world, login, place):
    browser = login(world.worker)
    search = url("search", world.client_a) + "?soort=community_centre"
    response = browser.post(url("suggest", world.client_a), {"place": place.pk, "next": search})
    assert response.status_code == 302 and response["Location"] == search
    item = PlaceSuggestion.objects.get()
    assert (item.client, item.place, item.status, item.created_by) == (world.client_a, place, "idea", world.worker)
    assert events(world.client_a) == ["places.suggestion.create"]
    body = browser.get(search).content.decode()
    assert "Buurthuis De Ketting staat nu bij de plekken van Anna." in body
    assert "place-badge--saved" in body
    # Twice: a message, not a second row.
    browser.post(url("suggest", world.client_a), {"place": place.pk})
    assert PlaceSuggestion.objects.count() == 1


def test_a_place_the_worker_may_not_see_cannot_be_saved(world, login):
    secret = make_place(world.other_org, name="Geheim", shared=False)
    response = login(world.worker).post(url("suggest", world.client_a), {"place": secret.pk}, follow=True)
    assert "Deze plek staat niet (meer) in de lijst." in response.content.decode()
    assert not PlaceSuggestion.objects.exists()
    response = login(world.worker).post(url("suggest", world.client_a), {"place": "abc"}, follow=True)
    assert "Deze plek staat niet (meer) in de lijst." in response.content.decode()


def test_a_shared_place_of_another_organisation_can_be_saved(world, login):
    shared = make_place(world.other_org, name="Gedeelde moskee", category="mosque", shared=True)
    login(world.worker).post(url("suggest", world.client_a), {"place": shared.pk})
    assert PlaceSuggestion.objects.get().place == shared


def test_the_clients_places_page_lists_the_suggestions_and_is_logged(world, login, suggestion):
    body = login(world.worker).get(url("index", world.client_a)).content.decode()
    assert "Buurthuis De Ketting" in body and "Idee" in body
    assert events(world.client_a) == ["places.suggestion.view"]


def test_the_whole_path_from_a_place_to_a_new_member(world, login, suggestion):
    browser = login(world.worker)
    start = last_log_pk()
    due = timezone.localdate() + timedelta(days=3)
    response = browser.post(
        url("plan", world.client_a, suggestion.pk),
        {
            "description": "Samen naar de koffie-inloop",
            "owner": f"worker:{world.worker.pk}",
            "due_date": due.isoformat(),
            "note": "",
            "version": suggestion.version,
        },
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    action = Action.objects.get()
    assert (suggestion.status, suggestion.action, action.due_date, action.client) == (
        "planned",
        action,
        due,
        world.client_a,
    )
    # The action shows up in Mijn acties and on the Werk tab.
    assert "Samen naar de koffie-inloop" in browser.get(reverse("worklist:mine")).content.decode()
    assert (
        "Samen naar de koffie-inloop"
        in browser.get(reverse("work:timeline", args=[world.client_a.pk])).content.decode()
    )

    assert events(world.client_a, start)[:2] == ["support.action.create", "places.suggestion.update"]

    start = last_log_pk()
    today = timezone.localdate()
    response = browser.post(
        url("visit_add", world.client_a, suggestion.pk),
        {
            "date": today.isoformat(),
            "outcome": "went_well",
            "go_again": "yes",
            "note": "Koffie gedronken",
            "close_action": "on",
            "met_someone": "on",
            "met_name": "Yusuf van de koffie",
            "met_relation": "acquaintance",
            "met_circle": "3",
            "met_notes": "",
        },
    )
    assert response.status_code == 302
    visit = PlaceVisit.objects.get()
    member = Member.objects.get(name="Yusuf van de koffie")
    suggestion.refresh_from_db()
    action.refresh_from_db()
    assert (visit.outcome, visit.go_again, visit.date) == ("went_well", "yes", today)
    assert (suggestion.status, action.status) == ("visited", "done")
    assert (member.client, member.relation, member.circle, member.sector) == (
        world.client_a,
        "acquaintance",
        3,
        "friends",
    )
    met = MetAt.objects.get()
    assert (met.member, met.place, met.visit) == (member, suggestion.place, visit)
    assert events(world.client_a, start) == [
        "places.visit.create",
        "places.suggestion.update",
        "support.action.update",
        "network.member.create",
        "places.met.create",
    ]
    body = browser.get(response["Location"]).content.decode()
    assert "Het bezoek is vastgelegd en Yusuf van de koffie staat nu in het netwerk." in body
    assert "Leren kennen:" in body and "Yusuf van de koffie" in body

    # Later: someone else from the same visit.
    response = browser.post(
        url("met_add", world.client_a, suggestion.pk, visit.pk),
        {"met_name": "Imam Bilal", "met_relation": "faith", "met_circle": "2", "met_notes": "Wil helpen met brieven"},
    )
    assert response.status_code == 302
    second = Member.objects.get(name="Imam Bilal")
    assert (second.sector, second.circle, second.notes) == ("community", 2, "Wil helpen met brieven")
    assert member_place(second).visit == visit


def test_the_member_remembers_where_they_met(world, suggestion):
    visit = make_visit(suggestion, by=world.worker, day=timezone.localdate())
    member = make_member(world.client_a, name="Yusuf", relation="acquaintance", circle=3)
    make_met(visit, member, by=world.worker)
    other = make_member(world.client_a, name="Moeder")
    html = render_to_string(
        "places/_member_place.html", {"member": member, "client": world.client_a, "member_place": member_place(member)}
    )
    assert "Leren kennen bij" in html and "Buurthuis De Ketting" in html
    assert f"#bezoek-{visit.pk}" in html
    assert member_place(other) is None
    assert render_to_string("places/_member_place.html", {"member": other, "client": world.client_a}).strip() == ""


def test_member_place_takes_one_query(world, suggestion, django_assert_num_queries):
    visit = make_visit(suggestion, by=world.worker, day=timezone.localdate())
    member = make_member(world.client_a, name="Yusuf")
    make_met(visit, member, by=world.worker)
    with django_assert_num_queries(1):
        found = member_place(member)
        assert (found.place.name, found.visit.suggestion.pk) == ("Buurthuis De Ketting", suggestion.pk)


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"date": ""}, "Vul de datum van het bezoek in."),
        ({"date": "2999-01-01"}, "Deze datum ligt in de toekomst."),
        ({"outcome": ""}, "Kies hoe het ging."),
        ({"go_again": "misschien"}, "Kies uit de lijst."),
        ({"met_someone": "on", "met_name": " "}, "Vul een naam of omschrijving in."),
        ({"met_someone": "on", "met_name": "Yusuf", "met_circle": "7"}, "Kies cirkel 1, 2 of 3."),
        ({"met_someone": "on", "met_name": "Yusuf", "met_relation": "mother"}, "Kies wie dit is voor de cliënt."),
    ],
)
def test_a_bad_visit_gets_a_message_by_the_field_keeps_the_input_and_saves_nothing(
    world, login, suggestion, data, field_message
):
    form = {
        "date": timezone.localdate().isoformat(),
        "outcome": "mixed",
        "note": "Het was druk",
        "met_name": "",
        "met_relation": "acquaintance",
        "met_circle": "3",
    }
    form.update(data)
    response = login(world.worker).post(url("visit_add", world.client_a, suggestion.pk), form)
    assert response.status_code == 422
    body = response.content.decode()
    assert field_message in body and "Het was druk" in body
    assert not PlaceVisit.objects.exists() and not Member.objects.exists() and not MetAt.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.status == "idea"


def test_a_plan_needs_a_day_that_is_not_over(world, login, suggestion):
    browser = login(world.worker)
    base = {"description": "Samen gaan", "owner": "client", "note": "", "version": 1}
    response = browser.post(url("plan", world.client_a, suggestion.pk), {**base, "due_date": ""})
    assert response.status_code == 422 and "Kies een dag om te gaan." in response.content.decode()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = browser.post(url("plan", world.client_a, suggestion.pk), {**base, "due_date": yesterday})
    assert "Deze dag is al voorbij." in response.content.decode()
    assert 'value="Samen gaan"' in response.content.decode()
    typo = (timezone.localdate() + timedelta(days=3 * 365)).isoformat()  # a year typed wrong
    response = browser.post(url("plan", world.client_a, suggestion.pk), {**base, "due_date": typo})
    assert response.status_code == 422
    assert "Deze datum ligt meer dan twee jaar vooruit. Kijk het jaartal na." in response.content.decode()
    assert not Action.objects.exists()
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.action, suggestion.version) == ("idea", None, 1)


def test_a_plan_page_suggests_the_words(world, login, suggestion):
    body = login(world.worker).get(url("plan", world.client_a, suggestion.pk)).content.decode()
    assert 'value="Samen naar Buurthuis De Ketting gaan"' in body
    assert events(world.client_a) == ["places.suggestion.view"]


def test_the_note_and_status_are_kept_with_locking(world, login, suggestion):
    browser = login(world.worker)
    assert browser.get(url("suggestion", world.client_a, suggestion.pk)).status_code == 200
    response = browser.post(
        url("suggestion", world.client_a, suggestion.pk), {"status": "not_for_me", "note": "Te druk", "version": 1}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.note, suggestion.version) == ("not_for_me", "Te druk", 2)
    response = browser.post(
        url("suggestion", world.client_a, suggestion.pk), {"status": "idea", "note": "Oud", "version": 1}
    )
    assert response.status_code == 409
    response = browser.post(
        url("suggestion", world.client_a, suggestion.pk), {"status": "kapot", "note": "", "version": 2}
    )
    assert response.status_code == 422 and "Kies hoe het ervoor staat." in response.content.decode()
    response = browser.post(url("suggestion", world.client_a, suggestion.pk), {"note": "", "version": 2})
    assert response.status_code == 422 and "Kies hoe het ervoor staat." in response.content.decode()
    # The form shown again (after the clash, and twice with its message) is logged as a reading; nothing more.
    shown_again = ["clients.client.view"] * 3
    assert events(world.client_a) == ["places.suggestion.view", "places.suggestion.update", *shown_again]


def test_removing_a_visit_and_a_suggestion(world, login, suggestion):
    visit = make_visit(suggestion, by=world.worker, day=timezone.localdate())
    browser = login(world.worker)
    browser.post(url("visit_remove", world.client_a, suggestion.pk, visit.pk), {"version": 1})
    visit.refresh_from_db()
    assert visit.removed_at is not None
    response = browser.post(url("suggestion_remove", world.client_a, suggestion.pk), {"version": 1})
    assert response["Location"] == url("index", world.client_a)
    suggestion.refresh_from_db()
    assert suggestion.removed_at is not None
    assert events(world.client_a) == ["places.visit.delete", "places.suggestion.delete"]
    assert browser.get(url("suggestion", world.client_a, suggestion.pk)).status_code == 404


def test_a_suggestion_of_another_client_is_404_even_under_a_visible_client(world, login, place):
    other_client = make_suggestion(world.client_b, place, by=world.other_team_worker)
    browser = login(world.org_admin)  # sees both clients
    assert browser.get(url("suggestion", world.client_a, other_client.pk)).status_code == 404
    assert browser.get(url("suggestion", world.client_b, other_client.pk)).status_code == 200


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_every_client_page_is_404_for_outsiders(world, login, suggestion, outsider):
    visit = make_visit(suggestion, by=world.worker, day=timezone.localdate())
    browser = login(getattr(world, outsider))
    pages = [
        url("index", world.client_a),
        url("search", world.client_a),
        url("suggest", world.client_a),
        url("suggestion", world.client_a, suggestion.pk),
        url("suggestion_remove", world.client_a, suggestion.pk),
        url("plan", world.client_a, suggestion.pk),
        url("visit_add", world.client_a, suggestion.pk),
        url("visit_remove", world.client_a, suggestion.pk, visit.pk),
        url("met_add", world.client_a, suggestion.pk, visit.pk),
    ]
    for page in pages:
        assert browser.get(page).status_code == 404
        assert browser.post(page, {"place": suggestion.place.pk, "version": 1}).status_code == 404
    assert not AccessLog.objects.filter(client=world.client_a).exists()
    suggestion.refresh_from_db()
    assert (suggestion.removed_at, suggestion.version) == (None, 1)


def test_the_index_query_count_does_not_grow_with_the_number_of_places(world, login, django_assert_max_num_queries):
    browser = login(world.worker)
    index = url("index", world.client_a)

    def fill(n, start):
        for i in range(start, start + n):
            item = make_suggestion(world.client_a, make_place(world.org, name=f"Plek {i:03}"), by=world.worker)
            make_visit(item, by=world.worker, day=timezone.localdate())

    fill(2, 0)
    browser.get(index)
    with django_assert_max_num_queries(14) as small:
        browser.get(index)
    fill(30, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Plek 031" in browser.get(index).content.decode()


def test_the_suggestion_page_query_count_does_not_grow_with_visits(
    world, login, suggestion, django_assert_max_num_queries
):
    browser = login(world.worker)
    page = url("suggestion", world.client_a, suggestion.pk)

    def fill(n, start):
        for i in range(start, start + n):
            visit = make_visit(suggestion, by=world.worker, day=timezone.localdate())
            make_met(visit, make_member(world.client_a, name=f"Kennis {i:03}"), by=world.worker)

    fill(2, 0)
    browser.get(page)
    with django_assert_max_num_queries(16) as small:
        browser.get(page)
    fill(30, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Kennis 031" in browser.get(page).content.decode()
