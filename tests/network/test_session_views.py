"""The guided mapping session on a tablet: start, prompt cards, placing, who knows whom, review, finish."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.audit.models import AccessLog
from kring.network import session_views
from kring.network.layout import cell_centre
from kring.network.models import Link, MappingSession, Member, MemberStatus, Prompt, SessionLink, SessionPerson
from tests.accounts.conftest import current_code, post_login
from tests.network.factories import make_member

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, client, session=None, person=None):
    args = [client.pk] + ([session.pk] if session is not None else []) + ([person.pk] if person is not None else [])
    return reverse(f"session:{name}", args=args)


def begin(world, login, language="nl"):
    browser = login(world.worker)
    browser.post(url("start", world.client_a), {"language": language})
    return browser, MappingSession.objects.get(client=world.client_a)


def name(browser, world, session, text, *, key="", prompt="", **extra):
    data = {"name": text, "request_key": key, "prompt": prompt, **extra}
    return browser.post(url("name", world.client_a, session), data)


def go_to(browser, world, session, step, prompt=""):
    return browser.post(url("go_to", world.client_a, session), {"step": step, "prompt": prompt})


def body(response) -> str:
    return response.content.decode()


def person(session, text) -> SessionPerson:
    return session.people.get(name=text)


def place(session, text, sector, circle):
    SessionPerson.objects.filter(session=session, name=text).update(sector=sector, circle=circle)


# --- start and resume --------------------------------------------------------------------------------


def test_it_offers_the_language_choice_on_the_start_page(world, login):
    response = login(world.worker).get(url("start", world.client_a))
    assert response.status_code == 200
    html = body(response)
    assert 'name="language" value="nl"' in html
    assert 'name="language" value="en"' in html
    assert "site-nav" not in html  # its own full-screen page: no site menu
    assert "Stoppen" in html


def test_it_starts_a_session_and_shows_the_first_prompt_card(world, login):
    browser = login(world.worker)
    response = browser.post(url("start", world.client_a), {"language": "nl"})
    session = MappingSession.objects.get(client=world.client_a)
    assert response.status_code == 302
    assert response["Location"] == url("step", world.client_a, session)
    assert (session.language, session.step, session.prompt_key) == ("nl", "prompts", "")
    html = body(browser.get(response["Location"]))
    assert "Als er iets met je gebeurt: op wie kunnen we dan terugvallen?" in html
    assert "Vraag 1 van 10" in html


def test_it_resumes_the_open_session_on_a_second_start(world, login):
    browser, session = begin(world, login)
    go_to(browser, world, session, "prompts", "daytime")
    response = browser.post(url("start", world.client_a), {"language": "en"})
    assert response["Location"] == url("step", world.client_a, session)
    assert MappingSession.objects.filter(client=world.client_a).count() == 1
    session.refresh_from_db()
    assert (session.language, session.prompt_key) == ("nl", "daytime")
    page = body(browser.get(url("start", world.client_a)))
    assert "Verder waar je was" in page
    assert "Met wie ben je in het weekend?" not in page  # the start page, not the card
    assert "Met wie ben je in het weekend?" not in body(browser.get(url("step", world.client_a, session)))
    assert "Wie zie je overdag?" in body(browser.get(url("step", world.client_a, session)))


def test_it_sends_the_network_page_button_to_the_language_choice(world, login):
    browser = login(world.worker)
    response = browser.post(url("start", world.client_a))
    assert response["Location"] == url("start", world.client_a)
    assert not MappingSession.objects.exists()


def test_it_shows_a_half_finished_session_on_the_network_page(world, login):
    browser, session = begin(world, login)
    html = body(browser.get(reverse("network:map", args=[world.client_a.pk])))
    assert "Verder met de sessie van" in html
    assert url("step", world.client_a, session) in html
    assert url("start", world.client_a) in html  # the "Start netwerksessie" button


def test_it_stops_an_open_session_to_begin_again_without_changing_the_network(world, login):
    make_member(world.client_a, name="Mama", relation="mother", circle=1)
    browser, session = begin(world, login)
    response = browser.post(url("abandon", world.client_a, session))
    assert response["Location"] == url("start", world.client_a)
    session.refresh_from_db()
    assert session.abandoned_at is not None
    assert "Verder waar je was" not in body(browser.get(url("start", world.client_a)))
    assert Member.objects.get().version == 1


# --- naming people on the prompt cards ---------------------------------------------------------------


def test_it_names_someone_once_when_the_same_request_comes_twice(world, login):
    browser, session = begin(world, login)
    for _attempt in range(2):
        response = name(browser, world, session, "Tante Ria", key="k-123")
        assert response.status_code == 302
    assert list(session.people.values_list("name", "prompt_keys")) == [("Tante Ria", ["fall_back"])]


def test_it_says_who_was_added_after_naming_without_javascript(world, login):
    browser, session = begin(world, login)
    response = name(browser, world, session, "Tante Ria", key="k")
    ria = person(session, "Tante Ria")
    assert response["Location"] == url("step", world.client_a, session) + f"?erbij={ria.pk}"
    html = body(browser.get(response["Location"]))
    assert "Tante Ria staat erbij." in html
    assert re.search(r'<input type="text" id="session-name"[^>]*autofocus', html)


def test_it_answers_htmx_with_the_step_and_an_empty_focused_name_field(world, login):
    browser, session = begin(world, login)
    response = browser.post(url("name", world.client_a, session), {"name": "Tante Ria", "request_key": "a"}, **HTMX)
    html = body(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="session-step"')
    field = re.search(r'<input type="text" id="session-name"[^>]*>', html).group(0)
    assert 'value=""' in field and "autofocus" in field
    assert re.search(r'aria-pressed="true"><span class="session-chip__check" aria-hidden="true"></span>Tante Ria', html)


def test_it_asks_whether_the_same_name_is_the_same_person(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Mama", key="1")
    go_to(browser, world, session, "prompts", "whatsapp")
    response = name(browser, world, session, "mama", key="2", prompt="whatsapp")
    assert response.status_code == 200
    assert "Is dit dezelfde Mama?" in body(response)
    assert session.people.count() == 1
    # "Ja, dezelfde": the person already named answers this card too.
    browser.post(
        url("prompt_toggle", world.client_a, session, person(session, "Mama")), {"prompt": "whatsapp", "on": 1}
    )
    assert person(session, "Mama").prompt_keys == ["fall_back", "whatsapp"]


def test_it_adds_a_second_person_of_the_same_name_for_iemand_anders(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Mo", key="1")
    asked = body(name(browser, world, session, "Mo", key="2"))
    assert "Is dit dezelfde Mo?" in asked
    assert "Iemand anders komt erbij als <strong>Mo (2)</strong>." in asked
    response = name(browser, world, session, "Mo", key="2", another="1")
    assert response.status_code == 302
    name(browser, world, session, "Mo", key="2", another="1")  # the same answer again: no third Mo
    assert sorted(session.people.values_list("name", flat=True)) == ["Mo", "Mo (2)"]
    assert "Mo (2) staat erbij." in body(browser.get(response["Location"]))


def test_it_asks_which_one_when_two_people_share_the_name(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Mo", key="1")
    name(browser, world, session, "Mo", key="2", another="1")
    mo, mo2 = person(session, "Mo"), person(session, "Mo (2)")
    go_to(browser, world, session, "prompts", "whatsapp")
    html = body(name(browser, world, session, "mo", key="3", prompt="whatsapp"))
    assert "Welke Mo bedoel je?" in html
    assert re.search(rf'id="same-{mo.pk}"[^>]*>Mo</button>', html)
    assert re.search(rf'id="same-{mo2.pk}"[^>]*>Mo \(2\)</button>', html)
    assert "Iemand anders komt erbij als <strong>Mo (3)</strong>." in html
    # "Mo (2)": that one answers this card too.
    browser.post(url("prompt_toggle", world.client_a, session, mo2), {"prompt": "whatsapp", "on": 1})
    mo2.refresh_from_db()
    assert mo2.prompt_keys == ["fall_back", "whatsapp"]
    assert session.people.count() == 2


def test_it_adds_a_word_to_tell_two_of_the_same_name_apart(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Mo", key="1")
    html = body(name(browser, world, session, "Mo", key="2"))
    assert re.search(r'<input type="text" id="session-name-word" name="name" value="Mo "', html)
    assert "Of typ er een woord bij, zoals: Mo van werk" in html
    name(browser, world, session, "Mo van werk", key="3")
    assert sorted(session.people.values_list("name", flat=True)) == ["Mo", "Mo van werk"]


def test_it_keeps_two_people_of_the_same_name_apart_up_to_the_network(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Mo", key="1")
    name(browser, world, session, "Mo", key="2", another="1")
    go_to(browser, world, session, "placing")
    placing = body(browser.get(url("step", world.client_a, session)))
    assert re.search(r"data-drag-person=\"\d+\"[^>]*>Mo</button>", placing)
    assert re.search(r"data-drag-person=\"\d+\"[^>]*>Mo \(2\)</button>", placing)
    place(session, "Mo", "family", 1)
    place(session, "Mo (2)", "friends", 2)
    go_to(browser, world, session, "review")
    browser.post(url("finish", world.client_a, session))
    members = Member.objects.filter(client=world.client_a)
    assert sorted(members.values_list("name", "sector", "circle")) == [("Mo", "family", 1), ("Mo (2)", "friends", 2)]


@pytest.mark.parametrize(
    ("typed", "message"),
    [("   ", "Typ een naam, of een paar woorden over wie het is."), ("x" * 500, "Die naam is te lang.")],
)
def test_it_keeps_a_wrong_name_with_a_message_by_the_field(world, login, typed, message):
    browser, session = begin(world, login)
    response = name(browser, world, session, typed, key="k")
    html = body(response)
    assert response.status_code == 200
    assert re.search(r'<p class="field__error" id="session-name-error">[^<]*' + re.escape(message), html)
    assert f'value="{typed}"' in html
    assert 'aria-invalid="true"' in html
    assert not session.people.exists()
    assert browser.post(url("name", world.client_a, session), {"name": typed}, **HTMX).status_code == 422


def test_it_toggles_whether_a_person_answers_a_card(world, login):
    make_member(world.client_a, name="Buurman Piet", relation="neighbour", circle=3)
    browser, session = begin(world, login)
    piet = person(session, "Buurman Piet")
    toggle = url("prompt_toggle", world.client_a, session, piet)
    response = browser.post(toggle, {"prompt": "fall_back", "on": "1"}, **HTMX)
    assert f'id="chip-{piet.pk}" aria-pressed="true"' in body(response)
    piet.refresh_from_db()
    assert piet.prompt_keys == ["fall_back"]
    response = browser.post(toggle, {"prompt": "fall_back", "on": "0"}, **HTMX)
    assert f'id="chip-{piet.pk}" aria-pressed="false"' in body(response)
    piet.refresh_from_db()
    assert piet.prompt_keys == []


def test_it_goes_to_the_next_card_and_on_to_the_map(world, login):
    browser, session = begin(world, login)
    go_to(browser, world, session, "prompts", "hard_time")
    html = body(browser.get(url("step", world.client_a, session)))
    assert "Met wie heb je het moeilijk?" in html
    assert "Naar de kaart" in html
    go_to(browser, world, session, "placing")
    session.refresh_from_db()
    assert session.step == "placing"
    assert "Wie staat waar?" in body(browser.get(url("step", world.client_a, session)))


def card(world, key) -> Prompt:
    return Prompt.objects.get(organisation=world.org, key=key)


def test_it_stays_on_its_card_when_an_admin_reorders_and_switches_off_cards_meanwhile(world, login):
    browser, session = begin(world, login)
    go_to(browser, world, session, "prompts", "weekend")  # card 3 of 10
    admin = login(world.org_admin)
    admin.post(reverse("prompts:switch_off", args=[card(world, "fall_back").pk]))
    for _step in range(2):
        admin.post(reverse("prompts:move_up", args=[card(world, "weekend").pk]))  # now the first card
    html = body(browser.get(url("step", world.client_a, session)))
    assert "Met wie ben je in het weekend?" in html
    assert "Vraag 1 van 9" in html
    # The name given goes with the card shown, and "Volgende vraag" goes to the card after it now.
    name(browser, world, session, "Buurvrouw Els", key="1", prompt="weekend")
    assert person(session, "Buurvrouw Els").prompt_keys == ["weekend"]
    assert 'name="prompt" value="whatsapp"' in html
    go_to(browser, world, session, "prompts", "whatsapp")
    assert "Vraag 2 van 9" in body(browser.get(url("step", world.client_a, session)))


def test_it_goes_on_to_the_next_card_when_its_own_card_is_switched_off(world, login):
    browser, session = begin(world, login)
    go_to(browser, world, session, "prompts", "weekend")
    name(browser, world, session, "Vriend Karim", key="1", prompt="weekend")
    login(world.org_admin).post(reverse("prompts:switch_off", args=[card(world, "weekend").pk]))
    html = body(browser.get(url("step", world.client_a, session)))
    assert "Wie zie je overdag?" in html
    assert "Vraag 3 van 9" in html
    # An answer given on the card before it was switched off still tells what it told.
    place(session, "Vriend Karim", "friends", 1)
    browser.post(url("finish", world.client_a, session))
    assert Member.objects.get(client=world.client_a).support_received == ["company"]


def test_it_returns_from_the_map_to_the_card_where_the_questions_stopped(world, login):
    browser, session = begin(world, login)
    go_to(browser, world, session, "prompts", "weekend")
    go_to(browser, world, session, "placing")
    html = body(browser.get(url("step", world.client_a, session)))
    assert "Terug naar de vragen" in html
    go_to(browser, world, session, "prompts")
    assert "Met wie ben je in het weekend?" in body(browser.get(url("step", world.client_a, session)))


# --- placing -----------------------------------------------------------------------------------------


def drop_point(session, sector, circle):
    layout = session_views._layout(session_views._on_map(session.people.all()))
    return cell_centre(layout, sector, circle)


def test_it_places_a_dropped_name_in_the_cell_under_it(world, login):
    make_member(world.client_a, name="Mama", relation="mother", circle=1)
    browser, session = begin(world, login)
    name(browser, world, session, "Ruben", key="1")
    go_to(browser, world, session, "placing")
    ruben = person(session, "Ruben")
    assert f'data-drag-person="{ruben.pk}"' in body(browser.get(url("step", world.client_a, session)))
    x, y = drop_point(session, "friends", 2)
    response = browser.post(url("place", world.client_a, session, ruben), {"x": x, "y": y}, **HTMX)
    assert response.status_code == 200
    ruben.refresh_from_db()
    assert (ruben.sector, ruben.circle) == ("friends", 2)
    assert f'id="member-{ruben.pk}"' in body(response)
    # A name on the map can be dragged again.
    x, y = drop_point(session, "community", 3)
    browser.post(url("place", world.client_a, session, ruben), {"x": x, "y": y})
    ruben.refresh_from_db()
    assert (ruben.sector, ruben.circle) == ("community", 3)


@pytest.mark.parametrize(("x", "y"), [("0", "0"), ("99999", "5"), ("nan", "1"), ("", "")])
def test_it_refuses_a_drop_outside_the_circles(world, login, x, y):
    browser, session = begin(world, login)
    name(browser, world, session, "Ruben", key="1")
    go_to(browser, world, session, "placing")
    ruben = person(session, "Ruben")
    response = browser.post(url("place", world.client_a, session, ruben), {"x": x, "y": y}, **HTMX)
    assert response.status_code == 422
    assert "Sleep de naam naar een plek binnen de cirkels." in body(response)
    ruben.refresh_from_db()
    assert (ruben.sector, ruben.circle) == ("", None)


def test_it_places_one_person_at_a_time_with_the_big_buttons(world, login):
    browser, session = begin(world, login)
    for key, text in enumerate(["Ruben", "Ria", "Sem"]):
        name(browser, world, session, text, key=str(key))
    go_to(browser, world, session, "placing")
    ruben, ria, sem = person(session, "Ruben"), person(session, "Ria"), person(session, "Sem")
    step = url("step", world.client_a, session)
    html = body(browser.get(step))
    assert "Waar hoort <strong>Ruben</strong>?" in html
    assert html.count('name="cell"') == 15  # five groups, three circles each
    assert re.search(r'value="friends:2"[^>]*>\s*<svg[^>]*aria-hidden="true"', html)
    assert f'action="{url("place", world.client_a, session, ruben)}"' in html

    response = browser.post(url("place", world.client_a, session, ruben), {"cell": "friends:2"})
    assert response.url == step
    ruben.refresh_from_db()
    assert (ruben.sector, ruben.circle) == ("friends", 2)
    html = body(browser.get(step))
    assert "Waar hoort <strong>Ria</strong>?" in html  # the next one
    assert re.search(r"Ruben</span>\s*<span class=\"session-person__where\">Dichtbij · Vrienden en kennissen", html)

    # "Eerst iemand anders?": Sem before Ria.
    assert f'href="{step}?plaats={sem.pk}#session-pick"' in html
    html = body(browser.get(f"{step}?plaats={sem.pk}"))
    assert "Waar hoort <strong>Sem</strong>?" in html
    browser.post(url("place", world.client_a, session, sem), {"cell": "work:3"}, **HTMX)
    # "Verplaats" someone on the map: the button where they are now is marked.
    html = body(browser.get(f"{step}?plaats={ruben.pk}"))
    assert "Waar hoort <strong>Ruben</strong>?" in html
    here = r'value="friends:2" class="session-pick__cell is-current"[^>]*aria-label="Dichtbij, Vrienden en kennissen'
    assert re.search(here + r' \(staat hier nu\)"', html)
    picker = html.split('id="session-pick"')[1].split("</section>")[0]
    assert "Laat maar</button>" not in picker
    assert re.search(rf'href="{step}"[^>]*>Niet verplaatsen</a>', picker)
    browser.post(url("place", world.client_a, session, ruben), {"cell": "family:1"})
    ruben.refresh_from_db()
    ria.refresh_from_db()
    assert (ruben.sector, ruben.circle, ria.circle) == ("family", 1, None)


@pytest.mark.parametrize("cell", ["", "friends", "friends:4", "nowhere:1", ":1", "friends:x", "9" * 30])
def test_it_explains_a_wrong_place_and_changes_nothing(world, login, cell):
    browser, session = begin(world, login)
    name(browser, world, session, "Ruben", key="1")
    go_to(browser, world, session, "placing")
    ruben = person(session, "Ruben")
    response = browser.post(url("place", world.client_a, session, ruben), {"cell": cell})
    assert response.status_code == 200
    html = body(response)
    assert re.search(r'<p class="alert alert--error" id="pick-error" role="alert">Kies', html)
    assert "Waar hoort <strong>Ruben</strong>?" in html
    assert browser.post(url("place", world.client_a, session, ruben), {"cell": cell}, **HTMX).status_code == 422
    ruben.refresh_from_db()
    assert (ruben.sector, ruben.circle) == ("", None)


def test_it_says_who_is_where_in_words_and_offers_to_move_them(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother", circle=1)
    browser, session = begin(world, login)
    go_to(browser, world, session, "placing")
    html = body(browser.get(url("step", world.client_a, session)))
    assert "Iedereen staat op de kaart." in html
    assert 'id="session-pick"' not in html  # nobody to place: no buttons until "Verplaats"
    sp = session.people.get(member=mama)
    assert re.search(rf'href="[^"]*\?plaats={sp.pk}#session-pick"[^>]*>Verplaats', html)


def test_it_leaves_someone_out_and_takes_it_back(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Ex", key="1")
    go_to(browser, world, session, "placing")
    ex = person(session, "Ex")
    response = browser.post(url("leave_out", world.client_a, session, ex), {"left_out": "1"}, **HTMX)
    assert "Ex staat niet op de kaart." in body(response)
    assert "Toch erbij" in body(response)
    ex.refresh_from_db()
    assert ex.left_out
    browser.post(url("leave_out", world.client_a, session, ex), {"left_out": "0"})
    ex.refresh_from_db()
    assert not ex.left_out


# --- who knows whom ----------------------------------------------------------------------------------


def test_it_links_two_people_tapped_one_after_the_other(world, login):
    browser, session = begin(world, login)
    for key, text in enumerate(["Mama", "Oom Ali"]):
        name(browser, world, session, text, key=str(key))
    place(session, "Mama", "family", 1)
    place(session, "Oom Ali", "family", 2)
    go_to(browser, world, session, "links")
    mama, ali = person(session, "Mama"), person(session, "Oom Ali")
    first = browser.post(url("link", world.client_a, session), {"b": mama.pk})
    assert first.status_code == 302
    page = body(browser.get(first["Location"]))
    assert f'id="chip-{mama.pk}" aria-pressed="true"' in page
    assert f'name="a" value="{mama.pk}"' in page
    response = browser.post(url("link", world.client_a, session), {"a": mama.pk, "b": ali.pk}, **HTMX)
    assert SessionLink.objects.filter(session=session).count() == 1
    assert "Mama en Oom Ali" in body(response)
    browser.post(url("link", world.client_a, session), {"a": ali.pk, "b": mama.pk})  # "weghalen"
    assert not SessionLink.objects.exists()


def test_it_links_once_when_a_tap_is_sent_again_after_a_lost_answer(world, login):
    browser, session = begin(world, login)
    for key, text in enumerate(["Mama", "Oom Ali", "Zus"]):
        name(browser, world, session, text, key=str(key))
    place(session, "Mama", "family", 1)
    place(session, "Oom Ali", "family", 2)
    place(session, "Zus", "family", 2)
    go_to(browser, world, session, "links")
    mama, ali, zus = person(session, "Mama"), person(session, "Oom Ali"), person(session, "Zus")
    link = url("link", world.client_a, session)
    browser.post(link, {"a": mama.pk, "b": zus.pk})
    # Mama chosen: the form says she knows Zus, so a tap on Oom Ali links and one on Zus unlinks.
    page = body(browser.get(url("step", world.client_a, session) + f"?kies={mama.pk}"))
    assert f'name="known" value="{zus.pk}"' in page
    for _attempt in range(2):  # the tablet sends the tap again: still linked
        browser.post(link, {"a": mama.pk, "b": ali.pk, "known": str(zus.pk)}, **HTMX)
    assert SessionLink.objects.filter(session=session).count() == 2
    # "weghalen", twice: gone, and not back.
    assert 'name="on" value="0"' in body(browser.get(url("step", world.client_a, session)))
    for _attempt in range(2):
        browser.post(link, {"a": zus.pk, "b": mama.pk, "on": "0"})
    assert list(SessionLink.objects.values_list("person_a", "person_b")) == [(mama.pk, ali.pk)]


# --- review and finish -------------------------------------------------------------------------------


def test_it_sums_up_in_plain_words(world, login):
    make_member(world.client_a, name="Buurman Piet", relation="neighbour", circle=3)
    browser, session = begin(world, login)
    for key, text in enumerate(["Mama", "Zus", "Ex"]):
        name(browser, world, session, text, key=str(key))
    go_to(browser, world, session, "prompts", "used_to_see")
    browser.post(
        url("prompt_toggle", world.client_a, session, person(session, "Ex")), {"prompt": "used_to_see", "on": 1}
    )
    place(session, "Mama", "family", 1)
    place(session, "Zus", "family", 1)
    place(session, "Ex", "friends", 3)
    go_to(browser, world, session, "review")
    html = body(browser.get(url("step", world.client_a, session)))
    assert "Je hebt 3 mensen genoemd." in html
    assert "4 mensen staan op de kaart." in html
    assert "2 staan heel dichtbij." in html
    assert "Op 3 mensen kun je terugvallen als er iets is." in html
    assert "1 persoon zie je niet meer." in html
    assert "staat nog niet op de kaart" not in html
    # Who is where, in words.
    by_circle = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html)
    assert by_circle == [("Heel dichtbij", "Mama, Zus"), ("Wat verder weg", "Buurman Piet, Ex")]


def test_it_warns_in_the_review_about_names_not_on_the_map(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Kees", key="1")
    go_to(browser, world, session, "review")
    html = body(browser.get(url("step", world.client_a, session)))
    assert "1 persoon staat nog niet op de kaart:" in html
    assert "<strong>Kees</strong>" in html


def test_it_writes_the_session_into_the_network_when_klaar_is_tapped(world, login):
    existing = make_member(world.client_a, name="Buurman Piet", relation="neighbour", circle=3)
    browser, session = begin(world, login)
    name(browser, world, session, "Tante Ria", key="1")  # card 1: fall_back → emergency contact
    go_to(browser, world, session, "prompts", "used_to_see")
    name(browser, world, session, "Oude vriend", key="2", prompt="used_to_see")  # → dormant
    name(browser, world, session, "Laat maar", key="3")
    place(session, "Tante Ria", "family", 1)
    place(session, "Oude vriend", "friends", 3)
    browser.post(url("leave_out", world.client_a, session, person(session, "Laat maar")))
    ria, piet = person(session, "Tante Ria"), person(session, "Buurman Piet")
    browser.post(url("link", world.client_a, session), {"a": ria.pk, "b": piet.pk})
    go_to(browser, world, session, "review")

    response = browser.post(url("finish", world.client_a, session))

    assert response["Location"] == reverse("network:map", args=[world.client_a.pk])
    assert "De netwerkkaart is bijgewerkt" in body(browser.get(response["Location"]))
    members = {m.name: m for m in Member.objects.filter(client=world.client_a)}
    assert set(members) == {"Buurman Piet", "Tante Ria", "Oude vriend"}
    assert (members["Tante Ria"].sector, members["Tante Ria"].circle) == ("family", 1)
    assert members["Tante Ria"].emergency_contact is True
    assert members["Oude vriend"].status == MemberStatus.DORMANT
    assert Link.objects.filter(client=world.client_a, member_a=existing, member_b=members["Tante Ria"]).exists()
    session.refresh_from_db()
    assert session.finished_at is not None


def test_it_finishes_once_when_klaar_is_tapped_twice(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Tante Ria", key="1")
    place(session, "Tante Ria", "family", 1)
    browser.post(url("finish", world.client_a, session))
    again = browser.post(url("finish", world.client_a, session))
    assert again["Location"] == reverse("network:map", args=[world.client_a.pk])
    assert "Deze sessie is al afgerond." in body(browser.get(again["Location"]))
    assert Member.objects.filter(client=world.client_a).count() == 1
    # Any other tap on a finished session lands calmly on the network page too, also with htmx.
    late = browser.post(url("name", world.client_a, session), {"name": "Nog iemand"}, **HTMX)
    assert late.status_code == 200
    assert late["HX-Redirect"] == reverse("network:map", args=[world.client_a.pk])
    assert browser.get(url("step", world.client_a, session)).status_code == 302
    assert session.people.count() == 1


# --- an expired login ---------------------------------------------------------------------------------


def expire_login(browser) -> None:
    """The tablet slept past the login's time limit: the stored session has expired."""
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))


def log_in_again(browser, user, response):
    """Follow a redirect to the login page and log in there (password, then the app's code) as a person
    would; returns the answer after the last step, which sends back to ``next``."""
    login_url = reverse("accounts:login")
    assert response.status_code == 302 and response.url.startswith(login_url + "?next=")
    next_url = parse_qs(urlsplit(response.url).query)["next"][0]
    assert browser.get(response.url).status_code == 200
    verify = post_login(browser, user.email, next=next_url)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return browser.post(verify.url, {"code": current_code(device)})


def test_it_brings_a_name_typed_after_the_login_expired_back_to_the_same_card(world, login):
    browser, session = begin(world, login)
    go_to(browser, world, session, "prompts", "weekend")
    name(browser, world, session, "Mama", key="1", prompt="weekend")
    expire_login(browser)

    response = name(browser, world, session, "Oom Henk", key="2", prompt="weekend")

    step = url("step", world.client_a, session)
    assert response.url == f"{reverse('accounts:login')}?next={quote(step, safe='')}"
    assert list(session.people.values_list("name", flat=True)) == ["Mama"]  # nothing saved before login
    back = log_in_again(browser, world.worker, response)
    assert back.url == step
    html = body(browser.get(back.url))
    assert "Met wie ben je in het weekend?" in html  # the same card of the same session
    assert re.search(r'<input type="text" id="session-name" name="name" value="Oom Henk"[^>]*autofocus', html)
    assert "Je was even uitgelogd. Deze naam is nog niet bewaard." in html
    # Shown once: a reload shows an empty field, and adding it names Oom Henk once.
    assert 'value="Oom Henk"' not in body(browser.get(step))
    name(browser, world, session, "Oom Henk", key="3", prompt="weekend")
    name(browser, world, session, "Oom Henk", key="3", prompt="weekend")
    assert list(session.people.values_list("name", "prompt_keys")) == [
        ("Mama", ["weekend"]),
        ("Oom Henk", ["weekend"]),
    ]
    assert MappingSession.objects.filter(client=world.client_a).count() == 1


def test_it_sends_an_htmx_request_after_the_login_expired_to_the_login_page(world, login):
    browser, session = begin(world, login)
    expire_login(browser)
    response = browser.post(url("name", world.client_a, session), {"name": "Oom Henk", "request_key": "k"}, **HTMX)
    step = url("step", world.client_a, session)
    assert response["HX-Redirect"] == f"{reverse('accounts:login')}?next={quote(step, safe='')}"
    assert not session.people.exists()


def test_it_goes_on_at_the_same_step_after_a_tap_with_an_expired_login(world, login):
    browser, session = begin(world, login)
    name(browser, world, session, "Ruben", key="1")
    go_to(browser, world, session, "placing")
    ruben = person(session, "Ruben")
    expire_login(browser)

    response = browser.post(url("place", world.client_a, session, ruben), {"circle": "1", "sector": "friends"})

    back = log_in_again(browser, world.worker, response)
    assert back.url == url("place", world.client_a, session, ruben)  # where the form was sent
    again = browser.get(back.url)
    assert again.status_code == 302 and again.url == url("step", world.client_a, session)
    assert "Wie staat waar?" in body(browser.get(again.url))
    ruben.refresh_from_db()
    assert (ruben.sector, ruben.circle) == ("", None)  # the tap before the login did nothing
    browser.post(url("place", world.client_a, session, ruben), {"circle": "1", "sector": "friends"})
    ruben.refresh_from_db()
    assert (ruben.sector, ruben.circle) == ("friends", 1)
    assert session.people.count() == 1


@pytest.mark.parametrize("view", ["name", "go_to", "link", "finish", "abandon"])
def test_it_answers_a_get_on_a_session_form_with_the_step(world, login, view):
    browser, session = begin(world, login)
    response = browser.get(url(view, world.client_a, session))
    assert response.status_code == 302 and response.url == url("step", world.client_a, session)
    assert browser.put(url(view, world.client_a, session)).status_code == 404
    session.refresh_from_db()
    assert session.is_open and not session.people.exists()


# --- language, access, audit -------------------------------------------------------------------------


def test_it_speaks_the_clients_language_whatever_the_workers_language(world, login):
    assert world.worker.language == "nl"
    browser, session = begin(world, login, language="en")
    html = body(browser.get(url("step", world.client_a, session)))
    assert "If something happens to you: who can we fall back on?" in html
    assert "op wie kunnen we dan terugvallen" not in html
    assert '<html lang="en">' in html
    # The worker's own pages stay in the worker's language.
    assert '<html lang="nl">' in body(browser.get(reverse("network:map", args=[world.client_a.pk])))


SESSION_URLS = [
    ("step", "get"),
    ("name", "post"),
    ("go_to", "post"),
    ("link", "post"),
    ("finish", "post"),
    ("abandon", "post"),
    ("prompt_toggle", "post"),
    ("place", "post"),
    ("leave_out", "post"),
]


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_it_answers_404_to_outsiders_on_every_session_url(world, login, outsider):
    browser, session = begin(world, login)
    name(browser, world, session, "Tante Ria", key="1")
    ria = person(session, "Tante Ria")
    stranger = login(getattr(world, outsider))
    assert stranger.get(url("start", world.client_a)).status_code == 404
    assert stranger.post(url("start", world.client_a), {"language": "nl"}).status_code == 404
    for view, _method in SESSION_URLS:
        target = url(view, world.client_a, session, ria if view in ("prompt_toggle", "place", "leave_out") else None)
        assert stranger.get(target).status_code == 404, view
        assert stranger.post(target, {"name": "X", "x": 1, "y": 1, "circle": 1, "sector": "family"}).status_code == 404
    session.refresh_from_db()
    assert session.is_open and session.people.count() == 1


def test_it_answers_404_for_a_session_or_person_of_another_client(world, login):
    browser, session = begin(world, login)
    other = MappingSession.objects.create(client=world.client_b, started_by=world.other_team_worker)
    stranger_person = SessionPerson.objects.create(session=other, name="Vreemde")
    assert browser.get(url("step", world.client_a, other)).status_code == 404
    assert browser.post(url("place", world.client_a, session, stranger_person), {"x": 1, "y": 1}).status_code == 404
    assert browser.put(url("name", world.client_a, session)).status_code == 404  # wrong method


def test_it_never_fails_on_odd_numbers_in_a_form_or_address(world, login):
    browser, session = begin(world, login)
    huge = "9" * 30
    assert browser.get(url("step", world.client_a, session) + f"?erbij={huge}").status_code == 200
    assert browser.post(url("go_to", world.client_a, session), {"step": "prompts", "prompt": huge}).status_code == 302
    assert browser.get(url("step", world.client_a, session) + f"?kies={huge}").status_code == 200
    assert browser.post(url("link", world.client_a, session), {"a": huge, "b": "x"}).status_code == 200
    assert browser.post(url("go_to", world.client_a, session), {"step": "nowhere"}).status_code == 404


def test_it_writes_one_access_log_row_for_a_session_view(world, login):
    browser, session = begin(world, login)
    before = AccessLog.objects.count()
    browser.get(url("step", world.client_a, session))
    rows = list(AccessLog.objects.order_by("pk")[before:])
    assert [(r.event, r.client_id, r.object_id) for r in rows] == [
        ("network.session.view", world.client_a.pk, str(session.pk))
    ]


def test_it_logs_each_change_in_the_session(world, login):
    browser, session = begin(world, login)
    before = AccessLog.objects.count()
    name(browser, world, session, "Tante Ria", key="1")
    name(browser, world, session, "Tante Ria", key="1")  # the retry changes nothing and logs nothing
    go_to(browser, world, session, "placing")
    events = list(AccessLog.objects.order_by("pk")[before:].values_list("event", "detail"))
    assert events == [("network.session.update", "named"), ("network.session.update", "step placing")]


def queries_for_step(world, login, client, *, people, step):
    for i in range(people):
        make_member(client, name=f"Naaste {i:02}", circle=1 + i % 3)
    browser = login(world.worker)
    browser.post(url("start", client), {"language": "nl"})
    session = MappingSession.objects.get(client=client)
    first, second = session.people.order_by("pk")[:2]
    browser.post(url("link", client, session), {"a": first.pk, "b": second.pk})
    browser.post(url("go_to", client, session), {"step": step})
    browser.get(url("step", client, session))
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url("step", client, session)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("step", ["prompts", "placing", "links", "review"])
def test_it_uses_the_same_number_of_queries_for_3_and_30_people(world, login, step):
    world.client_b.team = world.team_a  # a second client of the worker, for the bigger network
    world.client_b.save()
    small = queries_for_step(world, login, world.client_a, people=3, step=step)
    assert queries_for_step(world, login, world.client_b, people=30, step=step) == small


def test_it_offers_every_language_kring_speaks_at_the_start(world, login, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("pl", "Polski")]
    body = login(world.worker).get(reverse("session:start", args=[world.client_a.pk])).content.decode()
    for code, name in [("nl", "Nederlands"), ("en", "English"), ("pl", "Polski")]:
        assert f'value="{code}" lang="{code}"' in body
        assert name in body


# --- a large network: the names fold away behind "Zoek een naam" -------------------------------------------


def many_members(client, count, *, names=()):
    """``count`` members of the client: the ``names`` given, then "Persoon 1", "Persoon 2", ..."""
    given = list(names) + [f"Persoon {n}" for n in range(1, count - len(names) + 1)]
    return [make_member(client, name=text, relation="friend", circle=2) for text in given]


def shown_and_folded(html) -> tuple[list[str], list[str]]:
    """The other names on a card (or in the list of the map step): those shown, those folded away."""
    items = re.findall(r'<li[^>]* data-find-item data-name="([^"]*)"( hidden)?', html)
    return [n for n, hidden in items if not hidden], [n for n, hidden in items if hidden]


def test_it_shows_every_name_on_a_card_up_to_twenty_people(world, login):
    many_members(world.client_a, 20)
    browser, _session = begin(world, login)
    html = body(browser.get(url("step", world.client_a, MappingSession.objects.get())))
    assert html.count('class="session-chip"') == 20
    assert 'id="session-find"' not in html
    assert "data-find-item" not in html


def test_it_folds_the_other_names_behind_a_search_above_twenty_people(world, login):
    many_members(world.client_a, 25, names=["Zus Zoë", "Mama"])
    browser, session = begin(world, login)
    mama = session.people.get(name="Mama")
    browser.post(url("prompt_toggle", world.client_a, session, mama), {"prompt": "fall_back", "on": "1"})
    html = body(browser.get(url("step", world.client_a, session)))
    # The question and the name field first, then who answers this card, then the others behind a search.
    assert html.index('id="session-heading"') < html.index('id="session-name"') < html.index(f'id="chip-{mama.pk}"')
    assert html.index(f'id="chip-{mama.pk}" aria-pressed="true"') < html.index('id="session-find"')
    assert '<label class="session-field__label" for="session-find">Zoek een naam</label>' in html
    assert "Er staan al 24 andere namen in de lijst." in html
    assert "Toon alle 24 namen" in html
    shown, folded = shown_and_folded(html)
    assert shown == []
    assert len(folded) == 24 and "Mama" not in folded
    assert folded[:3] == ["Persoon 1", "Persoon 10", "Persoon 11"]  # alphabetical
    assert 'id="nav-next"' in html


def test_it_finds_a_name_and_shows_them_all_without_javascript(world, login):
    many_members(world.client_a, 25, names=["Zus Zoë", "Zoe van de buren"])
    browser, session = begin(world, login)
    step_url = url("step", world.client_a, session)
    html = body(browser.get(step_url + "?zoek=+ZOE+"))
    shown, _folded = shown_and_folded(html)
    assert shown == ["Zoe van de buren", "Zus Zoë"]  # no case, no accents
    assert 'name="zoek" value="ZOE"' in html
    assert "2 namen gevonden." in html
    html = body(browser.get(step_url + "?zoek=Xavier"))
    assert shown_and_folded(html)[0] == []
    assert "Geen naam gevonden. Is het iemand nieuw? Typ de naam dan bij ‘Typ een naam’." in html
    html = body(browser.get(step_url + "?alle=1"))
    shown, folded = shown_and_folded(html)
    assert (len(shown), folded) == (25, [])
    assert 'aria-expanded="true"' in html and "Verberg de lijst" in html


def test_it_keeps_the_search_after_a_tap_on_a_name_found(world, login):
    many_members(world.client_a, 25, names=["Zus Zoë"])
    browser, session = begin(world, login)
    zoe = session.people.get(name="Zus Zoë")
    toggle = url("prompt_toggle", world.client_a, session, zoe)
    response = browser.post(toggle, {"prompt": "fall_back", "on": "1", "zoek": "zoe"})
    assert response["Location"] == url("step", world.client_a, session) + "?zoek=zoe"
    zoe.refresh_from_db()
    assert zoe.prompt_keys == ["fall_back"]
    html = body(browser.get(response["Location"]))
    # Marked for this card: at the top with the others of this card, and the search is still there.
    assert f'id="chip-{zoe.pk}" aria-pressed="true"' in html
    assert html.index(f'id="chip-{zoe.pk}"') < html.index('id="session-find"')
    assert 'name="zoek" value="zoe"' in html
    html = body(browser.post(toggle, {"prompt": "fall_back", "on": "0", "zoek": "zoe"}, **HTMX))
    assert shown_and_folded(html)[0] == ["Zus Zoë"]
    zoe.refresh_from_db()
    assert zoe.prompt_keys == []


def test_it_still_asks_whether_a_name_typed_is_the_same_person_in_a_large_network(world, login):
    many_members(world.client_a, 25, names=["Zus Zoë"])
    browser, session = begin(world, login)
    html = body(name(browser, world, session, "zus zoë", key="k1", **HTMX))
    assert "Is dit dezelfde Zus Zoë?" in html
    assert session.people.count() == 25


def test_it_folds_the_list_of_people_on_the_map_above_twenty(world, login):
    many_members(world.client_a, 25, names=["Zus Zoë"])
    browser, session = begin(world, login)
    go_to(browser, world, session, "placing")
    step_url = url("step", world.client_a, session)
    html = body(browser.get(step_url))
    assert re.search(r'<details class="session-fold" id="session-where-list"[^>]*>', html).group(0).endswith('"all">')
    assert "Op de kaart: 25 mensen" in html and "Toon de lijst" in html
    assert len(shown_and_folded(html)[0]) == 25  # opened, it lists everyone
    html = body(browser.get(step_url + "?zoek=zoe"))
    assert re.search(r'id="session-where-list"[^>]*\bopen>', html)
    assert shown_and_folded(html)[0] == ["Zus Zoë"]
    assert "Eén naam gevonden." in html


def test_it_lists_the_people_on_the_map_as_before_up_to_twenty(world, login):
    many_members(world.client_a, 20)
    browser, session = begin(world, login)
    go_to(browser, world, session, "placing")
    html = body(browser.get(url("step", world.client_a, session)))
    assert '<h2 id="where-heading" class="session-subtitle">Op de kaart</h2>' in html
    assert "<details" not in html
    assert html.count("Verplaats<span") == 20


def test_it_finds_the_names_for_who_knows_whom_in_a_large_network(world, login):
    many_members(world.client_a, 25, names=["Zus Zoë", "Karim"])
    browser, session = begin(world, login)
    go_to(browser, world, session, "links")
    step_url = url("step", world.client_a, session)
    html = body(browser.get(step_url))
    assert 'id="session-find"' in html and "Er staan 25 mensen op de kaart." in html
    assert shown_and_folded(html)[0] == []
    zoe = session.people.get(name="Zus Zoë")
    html = body(browser.get(step_url + f"?kies={zoe.pk}&zoek=kar"))
    assert "Je koos Zus Zoë." in html
    assert sorted(shown_and_folded(html)[0]) == ["Karim", "Zus Zoë"]  # the one found, and the one chosen
    assert f'<input type="hidden" name="kies" value="{zoe.pk}">' in html


def test_it_folds_the_names_still_to_place_and_those_left_out_above_twenty(world, login):
    browser, session = begin(world, login)
    for n in range(1, 24):
        name(browser, world, session, f"Nieuw {n}", key=f"k{n}")
    go_to(browser, world, session, "placing")
    html = body(browser.get(url("step", world.client_a, session)))
    assert "Waar hoort <strong>Nieuw 1</strong>?" in html
    assert re.search(r'<details class="session-fold session-fold--others" id="session-pick-others"[^>]*>', html)
    assert "Toon de 22 andere namen" in html
    assert html.count('class="session-pick__other"') == 22  # all there, to choose from once opened
    for person_ in session.people.all()[:21]:
        browser.post(url("leave_out", world.client_a, session, person_), {"left_out": "1"})
    html = body(browser.get(url("step", world.client_a, session)))
    assert "Niet op de kaart: 21 mensen" in html and 'id="session-left-out-list"' in html
    assert "session-pick-others" not in html  # two left to place: the names as before
