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
