"""Shared fixtures: one small world with the named users every permission test repeats.

- ``worker`` and ``colleague`` work in team A; ``team_lead`` leads team A;
- ``other_team_worker`` works in team B of the same organisation;
- ``org_admin`` and ``researcher`` hold organisation-wide roles;
- ``other_org_worker`` works in another organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kring.accounts.models import Role
from tests import factories


@dataclass
class World:
    org: object
    other_org: object
    location: object
    team_a: object
    team_b: object
    other_team: object
    worker: object
    colleague: object
    team_lead: object
    other_team_worker: object
    org_admin: object
    researcher: object
    other_org_worker: object
    client_a: object
    client_b: object
    other_org_client: object


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    org = factories.make_organisation("Stichting Testopvang")
    other_org = factories.make_organisation("Andere Opvang")
    location = factories.make_location(org, "Nachtopvang Test")
    team_a = factories.make_team(org, "Team A", location)
    team_b = factories.make_team(org, "Team B", location)
    other_team = factories.make_team(other_org, "Team Elders")
    worker = factories.make_user(organisation=org, team=team_a, email="werker@test.nl", full_name="Wim Werker")
    colleague = factories.make_user(organisation=org, team=team_a, email="collega@test.nl", full_name="Cora Collega")
    team_lead = factories.make_user(
        organisation=org, team=team_a, role=Role.TEAM_LEAD, email="lead@test.nl", full_name="Tess Teamleider"
    )
    other_team_worker = factories.make_user(
        organisation=org, team=team_b, email="werker.b@test.nl", full_name="Bert Bteam"
    )
    org_admin = factories.make_user(
        organisation=org, role=Role.ORG_ADMIN, email="beheer@test.nl", full_name="Bea Beheer"
    )
    researcher = factories.make_user(
        organisation=org, role=Role.RESEARCHER, email="onderzoek@test.nl", full_name="Olaf Onderzoek"
    )
    other_org_worker = factories.make_user(
        organisation=other_org, team=other_team, email="werker@elders.nl", full_name="Eva Elders"
    )
    return World(
        org=org,
        other_org=other_org,
        location=location,
        team_a=team_a,
        team_b=team_b,
        other_team=other_team,
        worker=worker,
        colleague=colleague,
        team_lead=team_lead,
        other_team_worker=other_team_worker,
        org_admin=org_admin,
        researcher=researcher,
        other_org_worker=other_org_worker,
        client_a=factories.make_client(team=team_a, given_name="Anna", family_name="Aalders", key_workers=[worker]),
        client_b=factories.make_client(team=team_b, given_name="Bas", family_name="Bakker"),
        other_org_client=factories.make_client(team=other_team, given_name="Olga", family_name="Oost"),
    )


@pytest.fixture
def login():
    return factories.login
