"""Defects found by exploratory QA of the network map, the mapping session and the lifeline, each pinned
down here in a real browser (what needs layout, focus or htmx swaps); the rest is in the Django test-client
tests of each app."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kring.audit.log import Actor
from kring.network import session as sessions
from kring.network.models import SessionStep
from tests.browser.conftest import TABLET, horizontal_overflow
from tests.network.factories import make_member

ON_A_TABLET = pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])

# A name without a space, as long as the form takes: a pasted e-mail address, a long compound word.
LONG_NAME = "Buurvrouw" + "x" * 91


@pytest.fixture
def has_touch(viewport) -> bool:
    return viewport == TABLET


@ON_A_TABLET
def test_a_long_name_without_spaces_does_not_widen_the_lifeline_form(page, world, log_in):
    make_member(world.client_a, name=LONG_NAME, relation="neighbour")
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/levenslijn/")
    expect(page.locator("#field-id_members")).to_contain_text(LONG_NAME)
    assert horizontal_overflow(page) == ""


@ON_A_TABLET
def test_a_long_name_without_spaces_does_not_widen_the_placing_step(page, world, log_in):
    actor = Actor.system(world.worker, reason="test")
    session = sessions.session_start(actor=actor, client=world.client_a, language="nl")
    sessions.person_name(actor=actor, session=session, prompt_key="fall_back", name=LONG_NAME, request_key="")
    sessions.session_go_to(actor=actor, session=session, step=SessionStep.PLACING)
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/sessie/{session.pk}/")
    expect(page.locator(".session-pick__out-help")).to_contain_text(LONG_NAME)
    assert horizontal_overflow(page) == ""


@ON_A_TABLET
def test_a_refused_add_puts_focus_on_the_list_of_errors(page, world, log_in):
    """The workspace is swapped whole: the button tapped was gone and focus fell back to the page's start."""
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/")
    page.locator("#member-panel").get_by_role("button", name="Op de kaart zetten").tap()
    errors = page.locator("#workspace #form-errors")
    expect(errors).to_contain_text("Vul een naam of omschrijving in.")
    expect(errors).to_be_focused()
    expect(errors).to_be_in_viewport()


@ON_A_TABLET
def test_after_a_removal_the_message_and_its_undo_are_in_sight(page, world, log_in):
    member = make_member(world.client_a, name="Tante Mies")
    for number in range(12):
        make_member(world.client_a, name=f"Naaste {number}")
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/leden/{member.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#member-panel").get_by_role("button", name="Van de kaart halen").tap()
    message = page.locator("#workspace-messages")
    expect(message).to_contain_text("Tante Mies staat niet meer op de kaart.")
    expect(message).to_be_focused()
    undo = message.get_by_role("button", name="Ongedaan maken")
    expect(undo).to_be_in_viewport()
    undo.tap()
    expect(page.locator("#workspace-messages")).to_contain_text("Tante Mies staat weer op de kaart.")
    expect(page.locator("#workspace-messages")).to_be_focused()


@ON_A_TABLET
def test_the_links_of_the_summary_and_the_member_panel_are_a_fingers_target(page, world, log_in):
    from tests.lifeline.factories import make_event

    member = make_member(world.client_a, name="Tante Mies")
    make_event(world.client_a, members=[member])
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/leden/{member.pk}/")
    links = page.locator(".network-measures__more a, #member-panel .member-work a, #member-panel .lifeline-member a")
    expect(links.first).to_be_visible()
    heights = links.evaluate_all(
        "links => links.map(a => [a.textContent.trim(), Math.round(a.getBoundingClientRect().height)])"
    )
    assert len(heights) >= 3
    assert [(text, height) for text, height in heights if height < 44] == []
