"""The lifeline pages through the views: add, change, remove, bad input, access, logging, query counts."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.lifeline.models import LifeEvent
from tests.lifeline.factories import make_event
from tests.network.factories import make_member

SVG = "{http://www.w3.org/2000/svg}"
UNREADABLE = "Schrijf een jaar, zoals 2015, of een maand en jaar, zoals maart 2015."
FUTURE = "Deze datum ligt in de toekomst."
OTHER_CLIENT = "Kies alleen mensen uit het netwerk van deze cliënt."


def url(name, client, *args):
    return reverse(f"lifeline:{name}", args=[client.pk, *args])


def form(**changes):
    data = {"title": "Verhuisd naar Kringstad", "when": "2015", "kind": "housing", "tone": "good", "note": ""}
    data.update(changes)
    return data


def svg_of(response) -> ET.Element:
    match = re.search(r'<figure class="lifeline-figure[^>]*>\s*(<svg.*?</svg>)', response.content.decode(), re.S)
    assert match, "no lifeline drawing on the page"
    return ET.fromstring(match.group(1))


def drawn_events(response) -> dict[int, ET.Element]:
    return {int(g.get("data-event-id")): g for g in svg_of(response).iter(f"{SVG}g") if g.get("data-event-id")}


def body(response) -> str:
    return response.content.decode()


def events_logged(**filters) -> list[str]:
    return list(AccessLog.objects.filter(**filters).order_by("pk").values_list("event", flat=True))


# --- the page -------------------------------------------------------------------------------------------


def test_it_shows_an_empty_lifeline_with_a_first_question_and_the_form(world, login):
    response = login(world.worker).get(url("timeline", world.client_a))
    assert response.status_code == 200
    assert "Er staat nog niets op de levenslijn." in body(response)
    assert 'id="nieuw"' in body(response)
    assert "<svg" not in body(response).split('class="page-header"')[1].split('id="nieuw"')[0]
    assert events_logged() == ["lifeline.lifeline.view"]


def test_it_draws_every_event_and_lists_it_with_links_to_change_and_remove(world, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    good = make_event(world.client_a, title="Diploma mbo", year=2001, tone="good", members=[mother])
    hard = make_event(world.client_a, title="Huis kwijt", year=2015, month=3, tone="hard")
    rough = make_event(world.client_a, title="Naar Kringstad", year=2018, tone="mixed", approximate=True)
    world.client_a.birth_year = 1979
    world.client_a.save()
    response = login(world.worker).get(url("timeline", world.client_a))
    drawn = drawn_events(response)
    assert set(drawn) == {good.pk, hard.pk, rough.pk}
    assert drawn[good.pk].get("data-side") == "above"
    assert drawn[hard.pk].get("data-side") == "below"
    assert drawn[rough.pk].get("data-approximate") == "true"
    svg = svg_of(response)
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "geboren 1979" in texts
    assert "maart 2015" in texts and "rond 2018" in texts
    assert "met Moeder Fatiha" in texts
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "lifeline-title lifeline-desc"
    page = body(response)
    for event in (good, hard, rough):
        assert url("event_edit", world.client_a, event.pk) in page
        assert url("event_remove", world.client_a, event.pk) in page
    assert page.index("Diploma mbo") < page.index("Huis kwijt") < page.index("Naar Kringstad")


def test_it_escapes_what_people_type(world, login):
    member = make_member(world.client_a, name="<b>Oom</b> & co")
    make_event(world.client_a, title='<script>alert("x")</script>', members=[member])
    response = login(world.worker).get(url("timeline", world.client_a))
    assert "<script>alert" not in body(response)
    drawn_events(response)  # still well-formed XML


def test_it_leaves_removed_events_and_other_clients_events_off(world, login):
    make_event(world.client_a, title="Weggehaald", removed_at=timezone.now())
    make_event(world.client_b, title="Van een ander")
    kept = make_event(world.client_a, title="Blijft")
    response = login(world.worker).get(url("timeline", world.client_a))
    assert set(drawn_events(response)) == {kept.pk}
    assert "Weggehaald" not in body(response) and "Van een ander" not in body(response)


# --- adding -----------------------------------------------------------------------------------------------


def test_it_adds_an_event_with_members_and_logs_it(world, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    brother = make_member(world.client_a, name="Broer Youssef", relation="brother")
    browser = login(world.worker)
    response = browser.post(
        url("event_add", world.client_a),
        form(when="maart 2015", tone="hard", members=[mother.pk, brother.pk], note="Na de scheiding."),
    )
    assert response.status_code == 302
    assert response["Location"] == url("timeline", world.client_a)
    event = LifeEvent.objects.get()
    assert (event.year, event.month, event.approximate, event.tone) == (2015, 3, False, "hard")
    assert set(event.members.all()) == {mother, brother}
    assert event.created_by == world.worker
    assert event.note == "Na de scheiding."
    row = AccessLog.objects.get(event="lifeline.event.create")
    assert (row.client_id, row.object_id, row.user_id) == (world.client_a.pk, str(event.pk), world.worker.pk)
    page = browser.get(response["Location"])
    assert "‘Verhuisd naar Kringstad’ staat op de levenslijn." in body(page)
    assert event.pk in drawn_events(page)


def test_it_reads_ongeveer_2015_as_approximately_2015(world, login):
    login(world.worker).post(url("event_add", world.client_a), form(when="ongeveer 2015"))
    event = LifeEvent.objects.get()
    assert (event.year, event.month, event.approximate) == (2015, None, True)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"when": "vroeger"}, "when", UNREADABLE),
        ({"when": "jaren 90"}, "when", UNREADABLE),
        ({"when": ""}, "when", UNREADABLE),
        ({"when": str(date.today().year + 1)}, "when", FUTURE),
        ({"when": "1850"}, "when", "Schrijf een jaar na 1900."),
        ({"title": "   "}, "title", "Schrijf in een paar woorden wat er gebeurde."),
        ({"title": "x" * 151}, "title", "hoogstens 150 tekens"),
        ({"tone": ""}, "tone", "Kies of het een goede of een moeilijke tijd was, of allebei."),
        ({"tone": "great"}, "tone", "Kies of het een goede of een moeilijke tijd was, of allebei."),
        ({"kind": ""}, "kind", "Kies waar de gebeurtenis over ging."),
        ({"members": ["abc"]}, "members", OTHER_CLIENT),
        ({"members": ["99999999999999999999"]}, "members", OTHER_CLIENT),
    ],
)
def test_it_refuses_bad_input_with_a_dutch_message_and_keeps_what_was_typed(world, login, changes, field, message):
    response = login(world.worker).post(url("event_add", world.client_a), form(**changes))
    assert response.status_code == 200
    page = body(response)
    assert message in page
    assert re.search(rf'class="field field--invalid[^"]*" id="field-id_{field}"', page), "the field is not marked"
    assert 'id="form-errors"' in page
    assert not LifeEvent.objects.exists()
    if "title" not in changes:
        assert 'value="Verhuisd naar Kringstad"' in page


def test_it_refuses_a_future_month_of_this_year(world, login):
    today = timezone.localdate()
    if today.month == 12:
        pytest.skip("no later month this year")
    response = login(world.worker).post(url("event_add", world.client_a), form(when=f"{today.month + 1}-{today.year}"))
    assert FUTURE in body(response)
    assert not LifeEvent.objects.exists()


def test_it_refuses_a_member_of_another_client_and_saves_nothing(world, login):
    own = make_member(world.client_a, name="Moeder")
    stranger = make_member(world.client_b, name="Iemand van Bas")
    response = login(world.worker).post(url("event_add", world.client_a), form(members=[own.pk, stranger.pk]))
    assert response.status_code == 200
    assert OTHER_CLIENT in body(response)
    assert "Iemand van Bas" not in body(response)
    assert not LifeEvent.objects.exists()
    assert not AccessLog.objects.filter(event="lifeline.event.create").exists()


def test_it_refuses_a_member_who_left_the_network(world, login):
    gone = make_member(world.client_a, name="Oud-buurman", removed_at=timezone.now())
    response = login(world.worker).post(url("event_add", world.client_a), form(members=[gone.pk]))
    assert OTHER_CLIENT in body(response)
    assert not LifeEvent.objects.exists()


def test_it_offers_only_this_clients_current_members_as_checkboxes(world, login):
    make_member(world.client_a, name="Zus Ama")
    make_member(world.client_a, name="Weg", removed_at=timezone.now())
    make_member(world.client_b, name="Van Bas")
    page = body(login(world.worker).get(url("timeline", world.client_a)))
    assert "Zus Ama" in page
    assert "Weg" not in page and "Van Bas" not in page


# --- changing -----------------------------------------------------------------------------------------------


def test_it_shows_the_event_in_the_edit_form_as_it_was_typed(world, login):
    event = make_event(world.client_a, title="Huis kwijt", year=2015, month=3, approximate=True)
    response = login(world.worker).get(url("event_edit", world.client_a, event.pk))
    assert response.status_code == 200
    assert 'value="rond maart 2015"' in body(response)
    assert events_logged() == ["lifeline.event.view"]


def test_it_changes_an_event_and_logs_it(world, login):
    mother = make_member(world.client_a, name="Moeder")
    event = make_event(world.client_a, title="Huis kwijt", year=2015)
    response = login(world.worker).post(
        url("event_edit", world.client_a, event.pk),
        form(title="Huis kwijt na de scheiding", when="rond 2014", members=[mother.pk], version=event.version),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.year, event.approximate, event.version) == ("Huis kwijt na de scheiding", 2014, True, 2)
    assert list(event.members.all()) == [mother]
    assert events_logged() == ["lifeline.event.update"]


def test_it_keeps_a_member_who_left_the_network_on_an_event_that_named_them(world, login):
    gone = make_member(world.client_a, name="Oud-buurman", removed_at=timezone.now())
    event = make_event(world.client_a, members=[gone])
    browser = login(world.worker)
    page = body(browser.get(url("event_edit", world.client_a, event.pk)))
    assert "Oud-buurman (niet meer in het netwerk)" in page
    response = browser.post(url("event_edit", world.client_a, event.pk), form(members=[gone.pk], version=1))
    assert response.status_code == 302
    assert list(event.members.all()) == [gone]


def test_it_refuses_a_change_made_meanwhile_and_shows_the_new_values(world, login):
    event = make_event(world.client_a, title="Eerst")
    LifeEvent.objects.filter(pk=event.pk).update(title="Door een collega", version=2)
    response = login(world.worker).post(url("event_edit", world.client_a, event.pk), form(title="Van mij", version=1))
    assert response.status_code == 409
    assert "Iemand anders heeft deze gebeurtenis net gewijzigd." in body(response)
    assert 'value="Door een collega"' in body(response)
    event.refresh_from_db()
    assert (event.title, event.version) == ("Door een collega", 2)


def test_it_refuses_bad_input_on_edit_and_changes_nothing(world, login):
    event = make_event(world.client_a, title="Eerst", year=2015)
    stranger = make_member(world.client_b)
    response = login(world.worker).post(
        url("event_edit", world.client_a, event.pk), form(when="morgen", members=[stranger.pk], version=1)
    )
    assert UNREADABLE in body(response) and OTHER_CLIENT in body(response)
    event.refresh_from_db()
    assert (event.title, event.year, event.version) == ("Eerst", 2015, 1)


# --- removing -----------------------------------------------------------------------------------------------


def test_it_asks_before_removing_and_then_removes_softly(world, login):
    event = make_event(world.client_a, title="Huis kwijt")
    browser = login(world.worker)
    confirm = browser.get(url("event_remove", world.client_a, event.pk))
    assert "‘Huis kwijt’ van de levenslijn halen?" in body(confirm)
    response = browser.post(url("event_remove", world.client_a, event.pk), {"version": "1"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.removed_at is not None
    assert LifeEvent.objects.filter(pk=event.pk).exists()
    assert events_logged() == ["lifeline.event.view", "lifeline.event.delete"]
    assert browser.get(url("event_edit", world.client_a, event.pk)).status_code == 404
    assert event.history.count() == 2


def test_it_does_not_remove_an_event_changed_meanwhile(world, login):
    event = make_event(world.client_a, title="Eerst")
    LifeEvent.objects.filter(pk=event.pk).update(version=3)
    response = login(world.worker).post(url("event_remove", world.client_a, event.pk), {"version": "1"})
    assert response.status_code == 409
    event.refresh_from_db()
    assert event.removed_at is None


# --- print -------------------------------------------------------------------------------------------------


def test_it_prints_the_lifeline_with_names_and_logs_it(world, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother", pseudonym="Mama M.")
    make_event(world.client_a, title="Diploma", members=[mother], note="Geheime notitie")
    response = login(world.worker).get(url("print", world.client_a))
    page = body(response)
    assert "Levenslijn van Anna Aalders" in page
    assert "Moeder Fatiha" in page and "Geheime notitie" in page
    assert 'class="tabs"' not in page
    row = AccessLog.objects.get()
    assert (row.event, row.action, row.detail) == ("lifeline.lifeline.print", "print", "")


def test_it_prints_with_pseudonyms_for_case_consultation(world, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother", pseudonym="Mama M.")
    brother = make_member(world.client_a, name="Broer Youssef", relation="brother")
    make_event(world.client_a, title="Diploma", members=[mother, brother], note="Geheime notitie")
    response = login(world.worker).get(url("print", world.client_a), {"schuilnamen": "1"})
    page = body(response)
    assert "Moeder Fatiha" not in page and "Broer Youssef" not in page
    assert "Anna" not in page and "Aalders" not in page
    assert "Geheime notitie" not in page
    assert "Mama M." in page and "Broer" in page
    assert AccessLog.objects.get().detail == "pseudonyms"


# --- access -------------------------------------------------------------------------------------------------


def _urls(world):
    event = make_event(world.client_a, title="Van Anna")
    return [
        url("timeline", world.client_a),
        url("print", world.client_a),
        url("event_add", world.client_a),
        url("event_edit", world.client_a, event.pk),
        url("event_remove", world.client_a, event.pk),
    ]


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_every_view_answers_404_to_someone_from_another_team(world, login, outsider):
    urls = _urls(world)
    browser = login(getattr(world, outsider))
    for address in urls:
        assert browser.get(address).status_code == 404, address
        assert browser.post(address, form(version=1)).status_code == 404, address
    assert LifeEvent.objects.get().title == "Van Anna"
    assert LifeEvent.objects.get().removed_at is None
    assert not AccessLog.objects.exists()


def test_an_event_of_another_client_is_404_under_this_client(world, login):
    theirs = make_event(world.client_b, title="Van Bas")
    browser = login(world.worker)
    assert browser.get(url("event_edit", world.client_a, theirs.pk)).status_code == 404
    assert browser.post(url("event_remove", world.client_a, theirs.pk), {"version": 1}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.removed_at is None


def test_a_colleague_and_the_team_lead_may_work_on_the_lifeline(world, login):
    for user in (world.colleague, world.team_lead, world.org_admin):
        response = login(user).post(url("event_add", world.client_a), form(title=f"Door {user.full_name}"))
        assert response.status_code == 302
    assert LifeEvent.objects.count() == 3


@pytest.mark.parametrize(
    ("name", "method", "event"),
    [
        ("timeline", "get", "lifeline.lifeline.view"),
        ("event_add", "get", "lifeline.lifeline.view"),
        ("print", "get", "lifeline.lifeline.print"),
        ("event_edit", "get", "lifeline.event.view"),
        ("event_remove", "get", "lifeline.event.view"),
    ],
)
def test_every_read_leaves_an_access_log_row(world, login, name, method, event):
    target = make_event(world.client_a)
    args = [target.pk] if name.startswith("event_") and name != "event_add" else []
    assert getattr(login(world.worker), method)(url(name, world.client_a, *args)).status_code == 200
    row = AccessLog.objects.get()
    assert (row.event, row.client_id, row.user_id) == (event, world.client_a.pk, world.worker.pk)


def test_a_refused_add_still_logs_that_the_page_was_shown(world, login):
    login(world.worker).post(url("event_add", world.client_a), form(when="vroeger"))
    assert events_logged() == ["lifeline.lifeline.view"]


# --- query counts ---------------------------------------------------------------------------------------------


def _fill(client, count):
    members = [make_member(client, name=f"Naaste {i:02}") for i in range(count)]
    for i in range(count):
        make_event(
            client,
            title=f"Gebeurtenis {i}",
            year=1990 + i,
            tone=("good", "hard", "mixed")[i % 3],
            members=members[max(0, i - 2) : i + 1],
        )


@pytest.mark.parametrize("name", ["timeline", "print"])
def test_the_query_count_does_not_grow_with_events_and_members(world, login, name, django_assert_max_num_queries):
    _fill(world.client_a, 2)
    browser = login(world.worker)
    browser.get(url(name, world.client_a))
    with django_assert_max_num_queries(15) as small:
        assert browser.get(url(name, world.client_a)).status_code == 200
    _fill(world.client_b, 1)  # another client's data changes nothing either
    LifeEvent.objects.filter(client=world.client_a).delete()
    _fill(world.client_a, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = browser.get(url(name, world.client_a))
    assert len(drawn_events(response)) == 30


def test_the_drawing_describes_itself_in_words(world, login):
    make_event(world.client_a, title="Diploma", year=2001, tone="good")
    make_event(world.client_a, title="Huis kwijt", year=2015, tone="hard")
    make_event(world.client_a, title="Ontslag", year=2016, tone="hard")
    desc = svg_of(login(world.worker).get(url("timeline", world.client_a))).find(f"{SVG}desc").text
    assert desc.startswith("3 gebeurtenissen, van 2001 tot 2016: 1 goede tijd en 2 moeilijke tijden.")
