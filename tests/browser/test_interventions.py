"""Recording an intervention on a tablet, by touch: the acceptance of "under 30 seconds on a tablet".

1. A whole intervention from the add page at 768×1024 with a touch screen, every tap, key and swipe counted
   and timed; all targets at least 44 px.
2. Bad input on the tablet: no element, no form; the messages by the fields, what was tapped kept.
3. Every page of this part through check_page (axe, no sideways scrolling, screenshots) at 768 and 390 px.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest
from playwright.sync_api import expect

from kring.audit.log import Actor
from kring.support import interventions as services
from kring.support.catalogue import elements_for, modes_for
from kring.support.models import Contribution, Intervention
from tests.browser.conftest import TABLET
from tests.network.factories import make_member

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44  # px, WCAG 2.2 AA asks 24; Kring's own rule is 44
TARGETS = ", ".join(
    f".record-form {what}" for what in ("label.chip", ".button", "input[type=date]", "textarea", "summary")
)

# A plain estimate of a person's time for the same work (keystroke-level model, touch): a tap with finding
# the chip 1.5 s, a swipe 1.5 s, a key on an on-screen keyboard 0.4 s, and 3 s to take in the page.
SECONDS_PER_TAP, SECONDS_PER_SWIPE, SECONDS_PER_KEY, SECONDS_TO_READ = 1.5, 1.5, 0.4, 3.0
NOTE = "Youssef gebeld, zondag langs."


@pytest.fixture
def has_touch() -> bool:
    """A touch screen at every size: the quick record is made for a tablet."""
    return True


class Hands:
    """Every tap, key press and swipe goes through here and is counted."""

    def __init__(self, page):
        self.page = page
        self.counts = Counter()

    def tap(self, locator) -> None:
        if not in_view(locator):
            self.counts["swipes"] += 1  # a person scrolls the page first
        locator.tap()
        self.counts["taps"] += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.counts["keys"] += len(text)

    def estimate(self) -> float:
        c = self.counts
        return (
            SECONDS_TO_READ
            + c["taps"] * SECONDS_PER_TAP
            + c["swipes"] * SECONDS_PER_SWIPE
            + c["keys"] * SECONDS_PER_KEY
        )


def in_view(locator) -> bool:
    return locator.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )


def chip(page, field: str, text: str):
    return page.locator(f'[data-chips="{field}"] label.chip', has_text=text)


def small_targets(page) -> list[str]:
    """Chips, buttons and fields on the form smaller than 44 px in either direction."""
    return page.evaluate(
        """([selector, min]) => [...document.querySelectorAll(selector)]
            .map(el => [el, el.getBoundingClientRect()])
            .filter(([el, r]) => r.height < min || r.width < min)
            .map(([el, r]) => `${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${r.width}×${r.height}`)""",
        [TARGETS, MIN_TARGET],
    )


def network(world):
    return {
        "Mama": make_member(world.client_a, name="Mama", relation="mother", circle=1),
        "Broer Youssef": make_member(world.client_a, name="Broer Youssef", relation="brother", status="restore"),
        "Ex Sandra": make_member(
            world.client_a, name="Ex Sandra", relation="ex_partner", status="limited", limit_reason="intimidating"
        ),
        "Buurman Henk": make_member(world.client_a, name="Buurman Henk", relation="neighbour", circle=3),
    }


def add_url(world) -> str:
    return f"/clienten/{world.client_a.pk}/werk/interventies/nieuw/"


# --- 1. a whole intervention on the tablet ---------------------------------------------------------------


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_record_an_intervention_on_a_tablet_in_under_30_seconds(page, world, log_in, check_page):
    people = network(world)
    log_in(page, world.worker)
    page.goto(add_url(world))
    expect(page.get_by_role("heading", level=1)).to_have_text("Interventie vastleggen")
    assert small_targets(page) == []
    expect(chip(page, "members", "Ex Sandra")).to_contain_text("begrensd")

    hands = Hands(page)
    began = time.monotonic()
    hands.tap(chip(page, "elements", "Relaties herstellen of behouden"))
    hands.tap(chip(page, "elements", "Bewust worden van het netwerk"))
    hands.tap(chip(page, "mode", "Telefoon"))
    hands.tap(chip(page, "members", "Broer Youssef"))
    hands.tap(chip(page, "outcome", "Ging goed"))
    hands.tap(page.locator("#id_note"))
    hands.type(NOTE)
    check_page_at = time.monotonic()
    check_page(page, "add, filled in")
    paused = time.monotonic() - check_page_at  # the checks are not part of the interaction
    with page.expect_navigation():
        hands.tap(page.get_by_role("button", name="Interventie opslaan"))
    expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/werk/$"))
    expect(page.locator(".messages")).to_contain_text("De interventie is vastgelegd.")
    took = time.monotonic() - began - paused

    record = Intervention.objects.get()
    assert sorted(e.key for e in record.elements.all()) == ["awareness", "restore"]
    assert (record.mode.key, record.outcome, record.note) == ("phone", "went_well", NOTE)
    assert list(record.members.all()) == [people["Broer Youssef"]]
    assert record.date.isoformat() == page.evaluate("() => new Date().toLocaleDateString('sv')")

    c = hands.counts
    print(
        f"\n\nInterventie vastleggen op 768×1024 (touch): {c['taps']} tikken, {c['keys']} toetsen, "
        f"{c['swipes']} keer scrollen; gescript {took:.1f} s, geschat voor een mens {hands.estimate():.1f} s"
    )
    assert took < 30
    assert hands.estimate() < 30
    # Two scrolls since the people say who may not be contacted (a mark per chip and one line explaining
    # it): the time a person needs stays under 30 s, as the issue asks.
    assert c["taps"] <= 7 and c["swipes"] <= 2


# --- 2. bad input on the tablet --------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_bad_input_shows_messages_by_the_fields_and_keeps_the_taps(page, world, log_in, check_page):
    network(world)
    log_in(page, world.worker)
    page.goto(add_url(world))
    chip(page, "members", "Mama").tap()
    page.locator("#id_note").tap()
    page.keyboard.type("Kort gesprek")
    with page.expect_navigation():
        page.get_by_role("button", name="Interventie opslaan").tap()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#field-id_elements .field__error")).to_have_text("Kies minstens één werkzaam element.")
    expect(page.locator("#field-id_mode .field__error")).to_contain_text("Kies hoe het contact ging")
    expect(page.locator("#field-id_elements fieldset")).to_have_accessible_description(
        re.compile("Kies minstens één werkzaam element.")
    )
    expect(chip(page, "members", "Mama").locator("input")).to_be_checked()
    expect(page.locator("#id_note")).to_have_value("Kort gesprek")
    check_page(page, "add, with errors")
    # The error summary links to the chips: a tap puts the focus on the first one.
    page.locator("#form-errors a", has_text="Waar werkte je aan?").tap()
    expect(page.locator("#id_elements_0")).to_be_focused()
    assert Intervention.objects.count() == 0


# --- 3. every page at tablet and phone size --------------------------------------------------------------


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768x1024", "390x844"])
def test_every_page_looks_right(page, world, log_in, check_page):
    people = network(world)
    actor = Actor.system(world.worker, reason="test")
    intervention = services.intervention_create(
        actor=actor,
        client=world.client_a,
        data=services.InterventionData(
            date=world.client_a.intake_date,
            elements=elements_for(world.org)[3:5],
            mode=modes_for(world.org)[2],
            members=[people["Ex Sandra"], people["Mama"]],
            note="Besproken waarom contact met Sandra nu niet goed is.",
            outcome="mixed",
        ),
    )
    log_in(page, world.worker)
    base = f"/clienten/{world.client_a.pk}/werk"

    page.goto(add_url(world))
    chip(page, "elements", "Netwerk vergroten").tap()
    chip(page, "mode", "Samen ergens heen").tap()
    chip(page, "members", "Buurman Henk").tap()
    check_page(page, "intervention add")

    page.goto(f"{base}/interventies/{intervention.pk}/")
    expect(chip(page, "members", "Ex Sandra").locator("input")).to_be_checked()
    page.locator(".element-help > summary").tap()
    page.locator(".record-remove > summary").tap()
    check_page(page, "intervention edit")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, verwijderen").tap()
    expect(page.locator(".messages")).to_contain_text("De interventie is verwijderd.")

    page.goto(f"{base}/iets-voor-een-ander/nieuw/")
    page.locator("#id_description").fill("Boodschappen gedaan voor de buurman")
    chip(page, "members", "Buurman Henk").tap()
    chip(page, "support_kinds", "Praktische hulp").tap()
    check_page(page, "contribution add")
    with page.expect_navigation():
        page.get_by_role("button", name="Vastleggen").tap()
    expect(page.locator(".messages")).to_contain_text("Vastgelegd wat de cliënt voor een ander deed.")
    contribution = Contribution.objects.get()
    people["Buurman Henk"].refresh_from_db()
    assert people["Buurman Henk"].support_given == ["practical"]
    page.goto(f"{base}/iets-voor-een-ander/{contribution.pk}/")
    check_page(page, "contribution edit")

    page.goto(f"{base}/oefeningen/nieuw/")
    with page.expect_navigation():
        page.get_by_role("button", name="Oefening opslaan").tap()
    expect(page.locator("#field-id_situation .field__error")).to_have_text(
        "Schrijf kort op om welke situatie het ging."
    )
    check_page(page, "skills add with an error")


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768x1024", "390x844"])
def test_the_organisations_list_looks_right(page, world, log_in, check_page):
    log_in(page, world.org_admin)
    page.goto("/beheer/werkwijze/")
    expect(page.locator("#element-table tbody tr")).to_have_count(8)
    check_page(page, "catalogue list")
    page.locator("#mode-table tbody tr", has_text="Videobellen").get_by_role("button", name="Uitzetten").tap()
    expect(page.locator("#mode-table tbody tr", has_text="Videobellen")).to_have_attribute("data-active", "false")
    page.get_by_role("link", name="Nieuw element").tap()
    page.get_by_label("Naam in het Nederlands").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen").tap()
    check_page(page, "new element with an error")
    page.get_by_label("Naam in het Nederlands").fill("Samen koken")
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen").tap()
    expect(page.locator("#element-table tbody tr")).to_have_count(9)
