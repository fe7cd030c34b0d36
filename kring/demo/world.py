"""The fictional demo world. Every name, organisation and place here is made up.

Loading is idempotent: records are looked up by their natural keys, so running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from kring.accounts.models import Location, Membership, Organisation, Role, Team, User
from kring.audit.log import Actor
from kring.clients.models import Client
from kring.clients.services import ClientData, client_create
from kring.demo import (
    consent,
    insights_demo,
    interventions,
    lifeline,
    meetings,
    networks,
    places,
    questionnaires,
    work,
)
from kring.demo import load as load_checks
from kring.measures.figures import rebuild

DEMO_PASSWORD = "kring-demo-2026"  # noqa: S105 - a published demo password, documented in the README

MAIN_ORG = "Stichting Dak & Kring (demo)"
OTHER_ORG = "Opvang Elders (demo)"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    organisation: str
    role: str
    team: str | None
    description: str


LOGINS = [
    DemoLogin("werker@kring.test", "Sanne Verhoef", MAIN_ORG, Role.WORKER, "Team A", "begeleider, team A"),
    DemoLogin("collega@kring.test", "Joost Ramdin", MAIN_ORG, Role.WORKER, "Team A", "begeleider, team A"),
    DemoLogin("werker.b@kring.test", "Fatma Yildiz", MAIN_ORG, Role.WORKER, "Team B", "begeleider, team B"),
    DemoLogin("teamleider@kring.test", "Marieke Bosch", MAIN_ORG, Role.TEAM_LEAD, "Team A", "teamleider, team A"),
    DemoLogin("beheer@kring.test", "Ruud Kramer", MAIN_ORG, Role.ORG_ADMIN, None, "functioneel beheerder"),
    DemoLogin("onderzoek@kring.test", "Lotte Smeets", MAIN_ORG, Role.RESEARCHER, None, "onderzoeker"),
    DemoLogin(
        "werker@anders.test", "Kees Elderman", OTHER_ORG, Role.WORKER, "Team Elders", "begeleider, andere organisatie"
    ),
]

# (organisation, location name, city)
LOCATIONS = [
    (MAIN_ORG, "Nachtopvang De Haven", "Kringstad"),
    (MAIN_ORG, "Dagopvang Het Plein", "Kringstad"),
    (OTHER_ORG, "Huis aan de Vaart", "Elderveen"),
]

# (organisation, team, location)
TEAMS = [
    (MAIN_ORG, "Team A", "Nachtopvang De Haven"),
    (MAIN_ORG, "Team B", "Dagopvang Het Plein"),
    (MAIN_ORG, "Team C (ambulant)", None),
    (OTHER_ORG, "Team Elders", "Huis aan de Vaart"),
]

# (given, family, birth year, gender, languages, team, status, intake date, key worker e-mails)
CLIENTS = [
    ("Ahmed", "El Idrissi", 1979, "man", ["ar", "nl"], "Team A", "active", "2025-03-14", ["werker@kring.test"]),
    ("Bianca", "Hoekstra", 1991, "woman", ["nl"], "Team A", "active", "2025-09-02", ["werker@kring.test"]),
    ("Cor", "", 1958, "man", ["nl"], "Team A", "active", "2024-11-20", ["collega@kring.test"]),
    ("Dewi", "Pattinama", 1987, "woman", ["nl", "en"], "Team A", "active", "2026-01-08", ["werker@kring.test"]),
    ("Emre", "Kaya", 2001, "man", ["tr", "nl"], "Team A", "active", "2026-05-19", ["collega@kring.test"]),
    ("Frank", "de Wit", 1969, "man", ["nl"], "Team A", "left", "2023-06-30", ["werker@kring.test"]),
    (
        "Grażyna",
        "Nowak",
        1975,
        "woman",
        ["pl"],
        "Team A",
        "active",
        "2025-12-01",
        ["collega@kring.test", "werker@kring.test"],
    ),
    ("Hamid", "Rahimi", 1996, "man", ["fa", "prs", "en"], "Team A", "active", "2026-08-11", ["werker@kring.test"]),
    ("Ilse", "Vermeulen", 1983, "woman", ["nl"], "Team A", "transferred", "2024-02-15", ["collega@kring.test"]),
    ("Jamal", "Bakker", 1999, "non_binary", ["nl", "pap"], "Team A", "active", "2026-10-03", ["werker@kring.test"]),
    ("Kofi", "Mensah", 1985, "man", ["en", "nl"], "Team B", "active", "2025-07-22", ["werker.b@kring.test"]),
    ("Linda", "Zwart", 1972, "woman", ["nl"], "Team B", "active", "2025-04-09", ["werker.b@kring.test"]),
    ("Mirela", "Popescu", 1990, "woman", ["ro", "en"], "Team B", "active", "2026-02-27", ["werker.b@kring.test"]),
    ("Nico", "", 1964, "man", ["nl"], "Team B", "left", "2024-08-18", []),
    ("Olga", "Shevchenko", 1981, "woman", ["uk", "ru"], "Team B", "active", "2026-06-14", ["werker.b@kring.test"]),
    ("Peter", "van Dam", 1955, "man", ["nl", "de"], "Team B", "active", "2025-10-30", ["werker.b@kring.test"]),
    ("Rahel", "Tesfay", 1998, "woman", ["ti", "am"], "Team B", "active", "2026-09-05", ["werker.b@kring.test"]),
    ("Sem", "Jansen", 2004, "man", ["nl"], "Team C (ambulant)", "active", "2026-04-12", []),
    ("Tamara", "Koster", 1977, "woman", ["nl", "srn"], "Team C (ambulant)", "active", "2025-01-25", []),
    ("Umar", "Hassan", 1993, "man", ["so", "en"], "Team C (ambulant)", "active", "2026-07-07", []),
    ("Vera", "Mulder", 1966, "woman", ["nl"], "Team C (ambulant)", "transferred", "2023-12-12", []),
    ("Willem", "Brouwer", 1961, "man", ["nl"], "Team Elders", "active", "2025-05-16", ["werker@anders.test"]),
    (
        "Yasmina",
        "Ouali",
        1988,
        "woman",
        ["ar", "ber", "nl"],
        "Team Elders",
        "active",
        "2026-03-03",
        ["werker@anders.test"],
    ),
    ("Zeynep", "Arslan", 1995, "woman", ["tr"], "Team Elders", "active", "2026-08-21", ["werker@anders.test"]),
    ("Bram", "Visser", 1980, "man", ["nl", "en"], "Team Elders", "left", "2024-10-01", ["werker@anders.test"]),
]


@transaction.atomic
def load() -> dict[str, int]:
    """Create whatever of the demo world is missing; return how many of each were created."""
    created = {"organisations": 0, "users": 0, "clients": 0}
    orgs = {}
    for name in (MAIN_ORG, OTHER_ORG):
        orgs[name], new = Organisation.objects.get_or_create(name=name)
        created["organisations"] += new
    locations = {}
    for org, name, city in LOCATIONS:
        locations[name], _ = Location.objects.get_or_create(organisation=orgs[org], name=name, defaults={"city": city})
    teams = {}
    for org, name, location in TEAMS:
        teams[name], _ = Team.objects.get_or_create(
            organisation=orgs[org], name=name, defaults={"location": locations.get(location)}
        )
    users = {}
    for login in LOGINS:
        user = User.objects.filter(email=login.email).first()
        if user is None:
            user = User.objects.create_user(
                login.email, DEMO_PASSWORD, full_name=login.full_name, organisation=orgs[login.organisation]
            )
            created["users"] += 1
        Membership.objects.get_or_create(user=user, role=login.role, team=teams.get(login.team))
        users[login.email] = user
    for given, family, year, gender, languages, team, status, intake, workers in CLIENTS:
        team_obj = teams[team]
        if Client.objects.filter(organisation=team_obj.organisation, given_name=given, family_name=family).exists():
            continue
        registrar = users[workers[0]] if workers else _any_worker_of(team_obj, users)
        client_create(
            actor=Actor.system(registrar, reason="demo"),
            data=ClientData(
                given_name=given,
                family_name=family,
                birth_year=year,
                gender=gender,
                languages=languages,
                team=team_obj,
                location=team_obj.location,
                status=status,
                intake_date=date.fromisoformat(intake),
                key_workers=[users[email] for email in workers],
            ),
        )
        created["clients"] += 1

    def registrar_for(client):
        return client.key_workers.first() or _any_worker_of(client.team, users)

    created["members"] = networks.load(registrar_for)
    created["lifeline"] = lifeline.load(registrar_for)
    created["interventions"] = interventions.load(registrar_for)
    created["work"] = work.load(registrar_for)
    created["meetings"] = meetings.load(registrar_for)
    created["load_checks"] = load_checks.load(registrar_for)
    created["consent"] = consent.load(registrar_for)
    created["questionnaires"] = questionnaires.load(registrar_for)
    created["places"] = places.load()
    created["insights"] = insights_demo.load_insights(orgs[MAIN_ORG], teams, users)
    # The demo networks were written with their history back-dated: rebuild the figures per day from it,
    # so trends and dashboards have a past.
    created["network_figures"] = sum(rebuild(pk) for pk in Client.objects.values_list("pk", flat=True))
    return created


def _any_worker_of(team: Team, users: dict[str, User]) -> User:
    """Someone allowed to register a client in this team: the organisation admin of its organisation."""
    return next(
        u
        for u in users.values()
        if u.organisation_id == team.organisation_id and u.memberships.filter(role=Role.ORG_ADMIN).exists()
    )
