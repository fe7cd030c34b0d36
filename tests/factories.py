"""Small factory functions for tests: plain functions with keyword arguments and sensible defaults."""

from __future__ import annotations

import itertools
from datetime import date

from django.test import Client as HttpClient
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.models import Location, Membership, Organisation, Role, Team, User
from kring.clients.models import Client

PASSWORD = "een-lang-testwachtwoord-2026"
_seq = itertools.count(1)


def make_organisation(name: str | None = None) -> Organisation:
    return Organisation.objects.create(name=name or f"Organisatie {next(_seq)}")


def make_location(organisation: Organisation, name: str | None = None) -> Location:
    return Location.objects.create(organisation=organisation, name=name or f"Locatie {next(_seq)}", city="Kringstad")


def make_team(organisation: Organisation, name: str | None = None, location: Location | None = None) -> Team:
    return Team.objects.create(organisation=organisation, name=name or f"Team {next(_seq)}", location=location)


def make_user(
    *,
    organisation: Organisation,
    role: str = Role.WORKER,
    team: Team | None = None,
    email: str | None = None,
    full_name: str | None = None,
    password: str = PASSWORD,
) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        email or f"gebruiker{n}@kring.test",
        password,
        full_name=full_name or f"Gebruiker {n}",
        organisation=organisation,
    )
    Membership.objects.create(user=user, role=role, team=team if role in (Role.WORKER, Role.TEAM_LEAD) else None)
    return user


def make_client(
    *,
    team: Team,
    given_name: str | None = None,
    family_name: str = "",
    key_workers=(),
    **fields,
) -> Client:
    fields.setdefault("intake_date", date(2025, 1, 15))
    fields.setdefault("birth_year", 1980)
    client = Client.objects.create(
        organisation=team.organisation,
        team=team,
        location=team.location,
        given_name=given_name or f"Cliënt{next(_seq)}",
        family_name=family_name,
        **fields,
    )
    client.key_workers.set(key_workers)
    return client


def login(user: User | None) -> HttpClient:
    """A test browser logged in as ``user`` with a verified second factor (anonymous for None)."""
    browser = HttpClient()
    if user is None:
        return browser
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    browser.force_login(user)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser
