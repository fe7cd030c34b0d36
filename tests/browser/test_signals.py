"""Signals in the browser: the card on the client's overview, the team's list and the admin's settings, on a
laptop (axe-core clean, no sideways scroll; screenshots in test-artifacts/screenshots/); test_pages_fit.py
opens the same pages at 768 px."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from kring.support.models import LoadCheck
from tests.factories import make_client
from tests.network.factories import make_member


def network_with_signals(world):
    client = world.client_a
    sister = make_member(
        client, name="Zus Samira", relation="sister", circle=1, emergency_contact=True, support_received=["emotional"]
    )
    make_member(client, name="Broer Youssef", relation="brother", circle=2, status="restore")
    make_member(client, name="Oom Karim", relation="other_family", circle=2, support_received=["housing", "company"])
    LoadCheck.objects.create(client=client, member=sister, created_by=world.worker, date=date(2026, 2, 2), heaviness=8)
    return client


def test_the_signals_card_on_the_client_overview(page, world, log_in, check_page):
    client = network_with_signals(world)
    log_in(page, world.worker)
    page.goto(f"/clienten/{client.pk}/")
    card = page.locator("section.signals-card")
    expect(card.get_by_role("heading", name="Signalen")).to_be_visible()
    expect(card.locator('[data-signal="load_high"]')).to_contain_text("Voor Zus Samira voelt het zwaar: 8 van 10")
    expect(card.locator('[data-signal="restore_without_action"]')).to_contain_text("Broer Youssef")
    expect(card.locator('[data-signal="review_overdue"]')).to_be_visible()
    place = card.locator('[data-signal="place_to_stay"]')
    expect(place).to_contain_text("Oom Karim biedt de cliënt een plek om te slapen.")
    place.locator("summary").click()
    expect(place.get_by_role("link", name=re.compile("Rijksoverheid: bijstand"))).to_be_visible()
    check_page(page, "client overview with signals")

    # Where to act: the restore signal opens a new action with the brother chosen.
    with page.expect_navigation():
        card.get_by_role("link", name="Actie afspreken voor Broer Youssef").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "naaste=" in page.url


def test_the_team_list_of_signals(page, world, log_in, check_page):
    network_with_signals(world)
    for i in range(3):
        make_client(team=world.team_a, given_name=f"Klant{i}", family_name="Voorbeeld", key_workers=[world.worker])
    log_in(page, world.worker)
    page.goto("/clienten/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Signalen: bij wie")).click()
    expect(page.get_by_role("heading", name="Signalen", level=1)).to_be_visible()
    expect(page.locator("#signal-table tbody tr")).to_have_count(4)
    check_page(page, "team list")

    with page.expect_navigation():
        page.locator('[data-count="place_to_stay"] a').click()
    expect(page.locator("#signal-table tbody tr")).to_have_count(1)
    expect(page.locator("#signal-table")).to_contain_text("Anna Aalders")
    check_page(page, "team list filtered")


def test_the_admin_sets_a_threshold_with_a_clear_message(page, world, log_in, check_page):
    log_in(page, world.org_admin)
    page.goto("/beheer/organisatie/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Signalen: welke aan staan")).click()
    expect(page.get_by_role("heading", name="Signalen instellen")).to_be_visible()
    page.locator("#id_load_high_threshold").fill("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#field-id_load_high_threshold")).to_contain_text("Vul een heel getal in van 1 tot en met 10.")
    expect(page.locator("#id_load_high_threshold")).to_have_value("12")
    check_page(page, "settings with an error")
    page.locator("#id_load_high_threshold").fill("6")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De signalen zijn opgeslagen.")
