"""The mapping session of a client with a large network (a review of 120 people), on a tablet by touch.

Up to 20 people a card shows every name to tap, as before. Beyond that the names a card does not have yet fold
away behind "Zoek een naam", so the question and the name field stay on the screen and "Volgende vraag" is
in reach; the map step lists the people on the map only when asked for.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kring.network.models import SessionLink, SessionPerson, SessionStep
from tests.browser.conftest import TABLET
from tests.browser.test_session import (
    CIRCLE_LABEL,
    SECTOR_LABEL,
    card_chip,
    in_view,
    pick_button,
    started_session,
    step_url,
    tap,
    wait_for_htmx,
)
from tests.network.factories import make_member

MAX_HEIGHT = 2500  # px: a card or the map step of a large network, at 768×1024

FIRST = ["Anja", "Kees", "Lotte", "Sem", "Riet", "Els", "Gerrit", "Bram", "Karim", "Noor", "Dirk", "Ans"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Vos"]


@pytest.fixture
def has_touch() -> bool:
    return True


def large_network(client, count: int = 120) -> list[str]:
    """``count`` members: "Zus Zoë" and then first and last names, each once."""
    names = ["Zus Zoë"] + [f"{first} {last}" for last in LAST for first in FIRST][: count - 1]
    for n, name in enumerate(names):
        make_member(client, name=name, relation="friend", circle=1 + n % 3)
    return names


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def visible_chips(page) -> list[str]:
    return [t.strip() for t in page.locator("ul.session-chips .session-chip:visible").all_inner_texts()]


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_card_of_a_large_network_keeps_the_question_and_the_name_field_in_view(page, world, log_in, check_page):
    names = large_network(world.client_a)
    session = started_session(world)
    log_in(page, world.worker)
    page.goto(step_url(world, session))

    question, field = page.locator("#session-heading"), page.locator("#session-name")
    expect(question).to_have_text("Als er iets met je gebeurt: op wie kunnen we dan terugvallen?")
    expect(field).to_be_focused()
    assert in_view(question) and in_view(field)
    assert page_height(page) < MAX_HEIGHT, page_height(page)
    expect(page.locator("#session-find-help")).to_have_text(
        "Er staan al 120 andere namen in de lijst. Typ een paar letters van de naam."
    )
    assert visible_chips(page) == []
    assert in_view(page.locator("#nav-next"))
    check_page(page, "large network, a card")

    # "Zoek een naam": a few letters narrow the names as they are typed (no case, no accents).
    tap(page.locator("#session-find"))
    page.keyboard.type("zoe")
    expect(page.locator("#session-find-status")).to_have_text("Eén naam gevonden.")
    assert visible_chips(page) == ["Zus Zoë"]
    page.keyboard.press("Enter")  # nothing to send: the names are already found as they are typed
    expect(page.locator("#session-find")).to_be_focused()
    assert visible_chips(page) == ["Zus Zoë"]
    page.locator("#session-find").press("Control+a")
    page.keyboard.type("jans")
    expect(page.locator("#session-find-status")).to_have_text("12 namen gevonden.")
    assert sorted(visible_chips(page)) == sorted(n for n in names if "Jansen" in n)
    check_page(page, "large network, names found")

    # A tap marks the person for this card (on the server), and the search stays as it was.
    tap(card_chip(page, "Karim Jansen"))
    expect(card_chip(page, "Karim Jansen")).to_have_attribute("aria-pressed", "true")
    karim = SessionPerson.objects.get(session=session, name="Karim Jansen")
    assert karim.prompt_keys == ["fall_back"]
    expect(page.locator("#session-find")).to_have_value("jans")
    expect(page.locator("#session-find-status")).to_have_text("11 namen gevonden.")
    # Marked: among the names of this card, above the search.
    follows = page.evaluate(
        "id => document.getElementById(id).compareDocumentPosition(document.getElementById('session-find'))",
        f"chip-{karim.pk}",
    )
    assert follows & 4  # DOCUMENT_POSITION_FOLLOWING: the search comes after the chip
    tap(card_chip(page, "Bram Jansen"))
    expect(card_chip(page, "Bram Jansen")).to_have_attribute("aria-pressed", "true")
    assert SessionPerson.objects.get(session=session, name="Bram Jansen").prompt_keys == ["fall_back"]
    assert page_height(page) < MAX_HEIGHT, page_height(page)

    # "Toon alle … namen" shows every other name, and hides them again.
    toggle = page.locator("#session-find-all")
    expect(toggle).to_have_text("Toon alle 118 namen")
    tap(toggle)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_text("Verberg de lijst")
    assert len(visible_chips(page)) == 120
    tap(toggle)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert page_height(page) < MAX_HEIGHT

    # The next card starts with an empty search and only its own names.
    tap(page.locator("#nav-next"))
    expect(page.locator(".session-card__count")).to_have_text(re.compile(r"^Vraag 2 van"))
    expect(page.locator("#session-find")).to_have_value("")
    assert visible_chips(page) == []

    # A name typed in the name field that is already in the list: "Is dit dezelfde …?", as before.
    tap(field)
    page.keyboard.type("zus zoë")
    page.keyboard.press("Enter")
    expect(page.locator(".session-ask__question")).to_have_text("Is dit dezelfde Zus Zoë?")
    tap(page.locator("#same-yes"))
    expect(card_chip(page, "Zus Zoë")).to_have_attribute("aria-pressed", "true")
    expect(field).to_be_focused()
    assert SessionPerson.objects.get(session=session, name="Zus Zoë").prompt_keys == ["whatsapp"]
    assert SessionPerson.objects.filter(session=session).count() == 120


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_small_network_shows_every_name_on_a_card_as_before(page, world, log_in):
    small = ["Broer Youssef", "Buurvrouw Els", "Coach Lisa", "Mama", "Vriend Karim"]  # as the network lists them
    for name in small:
        make_member(world.client_a, name=name, relation="friend")
    session = started_session(world)
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    expect(page.locator("ul.session-chips .session-chip")).to_have_text(small)
    expect(page.locator("#session-find")).to_have_count(0)
    tap(card_chip(page, "Vriend Karim"))
    expect(card_chip(page, "Vriend Karim")).to_have_attribute("aria-pressed", "true")
    # The names stay where they are: a tap does not move them under the finger.
    expect(page.locator("ul.session-chips .session-chip")).to_have_text(small)


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_the_map_step_of_a_large_network_lists_the_people_only_when_asked(page, world, log_in, check_page):
    large_network(world.client_a)
    session = started_session(world, SessionStep.PLACING, names=["Nieuwe buurman"])
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    expect(page.locator("#session-heading")).to_have_text("Wie staat waar?")
    expect(page.locator("#pick-heading")).to_have_text("Waar hoort Nieuwe buurman?")
    assert page_height(page) < MAX_HEIGHT, page_height(page)
    where = page.locator("#session-where-list")
    expect(where.locator("summary")).to_contain_text("Op de kaart: 120 mensen")
    expect(where.locator(".session-person").first).to_be_hidden()
    check_page(page, "large network, the map step")

    # The newcomer is placed with a big button; the page stays short.
    tap(pick_button(page, SECTOR_LABEL["community"], CIRCLE_LABEL[2]))
    expect(page.locator(".session-done")).to_have_text("Iedereen staat op de kaart.")
    assert page_height(page) < MAX_HEIGHT, page_height(page)

    # The list when asked for, narrowed by a search; moving someone keeps it open with the search.
    tap(where.locator("summary"))
    expect(where.locator(".session-person:visible")).to_have_count(121)
    tap(page.locator("#session-find"))
    page.keyboard.type("zoë")
    expect(where.locator(".session-person:visible")).to_have_count(1)
    expect(page.locator("#session-find-status")).to_have_text("Eén naam gevonden.")
    tap(where.get_by_role("link", name="Verplaats (Zus Zoë)"))
    expect(page.locator("#pick-heading")).to_have_text("Waar hoort Zus Zoë?")
    tap(pick_button(page, SECTOR_LABEL["family"], CIRCLE_LABEL[1]))
    wait_for_htmx(page)
    zoe = SessionPerson.objects.get(session=session, name="Zus Zoë")
    assert (zoe.sector, zoe.circle) == ("family", 1)
    expect(where).to_have_attribute("open", "")
    expect(page.locator("#session-find")).to_have_value("zoë")
    expect(where.locator(".session-person:visible .session-person__where")).to_have_text("Heel dichtbij · Familie")


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_who_knows_whom_in_a_large_network_by_searching_the_two_names(page, world, log_in, check_page):
    large_network(world.client_a)
    session = started_session(world, SessionStep.LINKS)
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    expect(page.locator("#session-heading")).to_have_text("Wie kent wie?")
    assert page_height(page) < MAX_HEIGHT, page_height(page)
    assert visible_chips(page) == []
    check_page(page, "large network, who knows whom")

    chips = page.locator("form.session-link-form")
    tap(page.locator("#session-find"))
    page.keyboard.type("zoë")
    tap(chips.get_by_role("button", name="Zus Zoë", exact=True))
    expect(page.locator(".session-chosen")).to_contain_text("Je koos Zus Zoë.")
    # A new search for the second name, the cursor in it; the one chosen stays in view, to let go of it.
    expect(page.locator("#session-find")).to_have_value("")
    expect(page.locator("#session-find")).to_be_focused()
    assert visible_chips(page) == ["Zus Zoë"]
    page.keyboard.type("karim ja")
    expect(page.locator("#session-find-status")).to_have_text("Eén naam gevonden.")
    tap(chips.get_by_role("button", name="Karim Jansen", exact=True))
    expect(page.locator(".session-pairs__list li")).to_have_count(1)
    expect(page.locator(".session-pairs__list")).to_contain_text(
        re.compile("Zus Zoë en Karim Jansen|Karim Jansen en Zus Zoë")
    )
    expect(page.locator("#session-find")).to_be_focused()
    pair = SessionLink.objects.get(session=session)
    assert {pair.person_a.name, pair.person_b.name} == {"Zus Zoë", "Karim Jansen"}
