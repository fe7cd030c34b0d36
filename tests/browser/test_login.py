"""Logging in, in a real browser: the way into the caseload, the generic error, the MFA gate.

The other browser tests start logged in (``log_in``: a session made on the server); these go through the
login form, and the first one with Kring's own password hashing (Argon2) instead of the tests' fast hasher.
"""

import re

import pytest
from playwright.sync_api import expect

from kring import settings as kring_settings
from tests.factories import PASSWORD


def test_it_logs_in_and_shows_only_own_teams_clients(page, world, check_page, submit_login, settings):
    assert kring_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = kring_settings.PASSWORD_HASHERS
    world.worker.set_password(PASSWORD)
    world.worker.save()
    assert world.worker.password.startswith("argon2$")
    page.goto("/clienten/")
    expect(page).to_have_url(re.compile(r"/account/inloggen/"))
    check_page(page, "login")

    submit_login(page, world.worker.email, PASSWORD)

    expect(page).to_have_url(re.compile(r"/clienten/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn cliënten")
    results = page.locator("#caseload-results")
    expect(results.get_by_role("link", name="Anna Aalders")).to_be_visible()
    expect(results.get_by_text("Bas Bakker")).to_have_count(0)  # team B, same organisation
    expect(results.get_by_text("Olga Oost")).to_have_count(0)  # another organisation
    check_page(page, "caseload")


def test_it_shows_one_generic_message_for_a_wrong_login(page, world, check_page, submit_login):
    page.goto("/account/inloggen/")

    submit_login(page, world.worker.email, "niet-het-goede-wachtwoord")
    expect(page).to_have_url(re.compile(r"/account/inloggen/"))
    alert = page.get_by_role("alert")
    expect(alert).to_have_count(1)
    wrong_password_message = alert.inner_text().strip()
    expect(page.get_by_label("Wachtwoord", exact=True)).to_have_value("")
    check_page(page, "wrong password")

    submit_login(page, "niemand@test.nl", "niet-het-goede-wachtwoord")
    expect(alert).to_have_count(1)
    unknown_user_message = alert.inner_text().strip()
    check_page(page, "unknown user")

    # The same words whether or not the address has an account: the page must not tell which.
    assert wrong_password_message
    assert unknown_user_message == wrong_password_message
    expect(page.get_by_text(wrong_password_message, exact=True)).to_have_count(1)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}], ids=["1280x800"])
def test_it_asks_for_mfa_enrolment_when_required(page, world, settings, check_page, log_in_by_form):
    settings.KRING_REQUIRE_MFA = True

    log_in_by_form(page, world.worker)

    expect(page).to_have_url(re.compile(r"/account/tweestaps/instellen/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tweestapsverificatie")
    check_page(page, "mfa enrolment")
    page.goto("/clienten/")
    expect(page).to_have_url(re.compile(r"/account/tweestaps/instellen/$"))
