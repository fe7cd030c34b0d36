"""Switching the interface language: it applies at once and stays on the next pages.

The English catalogue is written later, so this checks the language the page declares, not its words.
"""

import re

from playwright.sync_api import expect


def test_it_switches_to_english_and_keeps_it(page, world, check_page, log_in, log_in_by_form):
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "nl")

    with page.expect_navigation():
        page.get_by_role("button", name="English", exact=True).click()

    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/$"))  # back where the user was
    check_page(page, "client in english")

    page.goto("/clienten/")
    expect(html).to_have_attribute("lang", "en")
    check_page(page, "caseload in english")

    # Another device (no cookies): the choice belongs to the account and returns after logging in.
    page.context.clear_cookies()
    log_in_by_form(page, world.worker)
    expect(html).to_have_attribute("lang", "en")

    with page.expect_navigation():
        page.get_by_role("button", name="Nederlands", exact=True).click()
    expect(html).to_have_attribute("lang", "nl")
    page.goto("/clienten/nieuw/")
    expect(html).to_have_attribute("lang", "nl")
