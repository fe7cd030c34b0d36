"""Helpers for the account tests: log in through the real login page, and read codes from a device."""

from __future__ import annotations

import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django_otp.oath import totp

from tests.factories import PASSWORD


def post_login(browser: HttpClient, email: str, password: str = PASSWORD, *, ip: str = "127.0.0.1", **data):
    return browser.post(reverse("accounts:login"), {"username": email, "password": password, **data}, REMOTE_ADDR=ip)


def current_code(device) -> str:
    """The code the authenticator app shows right now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return str(code).zfill(device.digits)


def page_without(response, *typed: str) -> str:
    """The page without what differs between two requests anyway: the CSRF token and what the user typed."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    for text in typed:
        html = html.replace(text, "X")
    return html


@pytest.fixture(autouse=True)
def require_mfa(settings):
    """Account tests assume Kring's default, whatever the developer's environment says."""
    settings.KRING_REQUIRE_MFA = True
    return settings


@pytest.fixture
def no_mfa(settings):
    """An installation that does not require a second factor (like the demo)."""
    settings.KRING_REQUIRE_MFA = False
    return settings
