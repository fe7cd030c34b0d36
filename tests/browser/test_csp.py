"""Kring's pages run under their real Content-Security-Policy without breaking it.

The other browser tests bypass the CSP so they can inject axe-core; this one does not, and fails on any
violation Chromium reports on the console while a worker logs in and opens a client.
"""

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}], ids=["1280x800"])
def test_it_reports_no_csp_violations(browser, live_server, viewport, world, log_in_by_form):
    context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="nl-NL")
    try:
        page = context.new_page()
        violations = []

        def note_violation(message):
            if "Content Security Policy" in message.text:
                violations.append(f"{page.url}: {message.text}")

        page.on("console", note_violation)
        response = page.goto("/account/inloggen/")
        assert "script-src" in response.headers.get("content-security-policy", "")

        log_in_by_form(page, world.worker)
        expect(page).to_have_url(re.compile(r"/clienten/$"))
        page.get_by_role("link", name="Anna Aalders").click()
        expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/$"))
        page.goto("/clienten/nieuw/")
        page.wait_for_load_state("load")

        assert violations == [], "CSP violations:\n" + "\n".join(violations)

        # Prove the listener hears a violation, so that the quiet console above means something.
        page.evaluate("() => document.head.append(Object.assign(document.createElement('script'), {text: '1'}))")
        for _ in range(20):
            if violations:
                break
            page.wait_for_timeout(50)
        assert violations, "the console listener missed a deliberate inline-script violation"
    finally:
        context.close()
