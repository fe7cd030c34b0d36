"""A synthetic, fictional population for benchmarks and load tests: ``kring seed --clients N --seed S``.

Everything is made up. The population is reproducible: the same ``--seed`` and ``--today`` give the same
rows, and client number *i* is the same person (with the same network, history and work) whatever the
number of clients, so a benchmark can compare one client at 1,000 and at 60,000 clients.

Shape (per 100 clients one team of five workers and a team lead; per 2,000 clients one organisation):

- networks skewed like real ego networks: most have 3 to 15 members, some 30 to 60, one in a hundred
  60 to 150; members with every attribute, links between them, and two years of history (members added
  in a first mapping session and later, moved between circles, gone quiet, limited, removed), and the key
  numbers of each network at the start and now (two ``NetworkFigures`` rows, as the dashboards read them);
- mapping sessions, lifeline events, interventions with elements and forms, "iets voor een ander",
  social-skills practices, actions, network reviews, meetings with participants, options, pros and cons
  and agreements, load checks, questionnaire answers (scored), consents, a few transfers;
- access-log rows for what happened and for what was looked at.

Rows go in through one bulk path per table (``COPY`` on PostgreSQL, ``executemany`` on SQLite) in
batches of clients, one transaction per batch, so memory stays bounded whatever ``N`` is. Ids are given
here, so related rows can point at each other without reading back; sequences are reset at the end.
"""

from __future__ import annotations

import json
import math
import random
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from simple_history.models import HistoricalRecords

from kring.accounts.models import Location, Membership, Organisation, Role, Team, User
from kring.audit.models import AccessLog
from kring.clients.models import Client, Consent, Transfer
from kring.lifeline.models import LifeEvent
from kring.measures import definitions
from kring.measures.ego import MemberFacts
from kring.measures.engine import score
from kring.measures.figures import INTAKE_WINDOW, figures_of
from kring.measures.models import NetworkFigures, QuestionnaireResponse
from kring.network.models import (
    SECTOR_OF_RELATION,
    Link,
    MappingSession,
    Member,
    Prompt,
    SessionLink,
    SessionPerson,
)
from kring.network.prompts import DEFAULT_PROMPTS
from kring.support.catalogue import DEFAULT_ELEMENTS, DEFAULT_MODES
from kring.support.models import (
    Action,
    Agreement,
    Contribution,
    Element,
    Intervention,
    InterventionMode,
    LoadCheck,
    Meeting,
    Option,
    OptionPoint,
    Participant,
    Review,
    SkillsPractice,
    SummaryShare,
)

SEED_PASSWORD = "kring-seed-2026"  # noqa: S105 - a published password for fictional benchmark accounts
EMAIL_DOMAIN = "seed.kring.test"
CLIENTS_PER_TEAM = 100
TEAMS_PER_ORGANISATION = 20
WORKERS_PER_TEAM = 5
DEFAULT_BATCH = 500
HISTORY_DAYS = 730

# --- Fictional names ---------------------------------------------------------------------------------

FIRST_NAMES = [
    "Aad",
    "Abdel",
    "Ahmed",
    "Aisha",
    "Ali",
    "Amal",
    "Amira",
    "Anouk",
    "Anton",
    "Arjen",
    "Astrid",
    "Aziz",
    "Bart",
    "Bas",
    "Bianca",
    "Bilal",
    "Bram",
    "Carla",
    "Chantal",
    "Cor",
    "Daan",
    "Dewi",
    "Dirk",
    "Edwin",
    "Els",
    "Emre",
    "Esra",
    "Eva",
    "Fatima",
    "Fatma",
    "Femke",
    "Frank",
    "Gerrit",
    "Gijs",
    "Grażyna",
    "Hamid",
    "Hanneke",
    "Hans",
    "Hatice",
    "Henk",
    "Ilse",
    "Imane",
    "Ingrid",
    "Jamal",
    "Jan",
    "Jasper",
    "Jeroen",
    "Joke",
    "Joost",
    "Jorge",
    "Karim",
    "Kees",
    "Khadija",
    "Kim",
    "Koen",
    "Lars",
    "Leila",
    "Lotte",
    "Luuk",
    "Marco",
    "Marieke",
    "Mark",
    "Marta",
    "Mehmet",
    "Mila",
    "Mohamed",
    "Nadia",
    "Naima",
    "Nick",
    "Noor",
    "Olga",
    "Oscar",
    "Patrick",
    "Petra",
    "Piotr",
    "Priscilla",
    "Rachid",
    "Rik",
    "Rob",
    "Roos",
    "Ruud",
    "Samira",
    "Sander",
    "Sanne",
    "Sevda",
    "Sjoerd",
    "Soufiane",
    "Stefan",
    "Tamara",
    "Thijs",
    "Tim",
    "Tom",
    "Tomasz",
    "Vera",
    "Wendy",
    "Willem",
    "Yasmina",
    "Youssef",
    "Yusuf",
    "Zeynep",
    "Zoë",
]
FAMILY_NAMES = """Aydın|Bakker|Bos|Boukhari|Brouwer|Çelik|de Boer|de Bruijn|de Graaf|de Groot|de Jong|de Vries|de Wit|
Dekker|Demir|Dijkstra|El Amrani|El Idrissi|Hendriks|Hoekstra|Jansen|Janssen|Kaya|Koç|Kok|Kowalski|Kramer|Kuipers|
Maas|Meijer|Mulder|Nowak|Ouali|Öztürk|Pattinama|Peters|Postma|Ramdin|Sahin|Smit|Smits|van Dam|van den Berg|
van der Linden|van der Meer|van Dijk|van Leeuwen|Verhoef|Vermeulen|Visser|Vos|Wiśniewski|Yılmaz|Zijlstra""".replace(
    "\n", ""
).split("|")
CITIES = ["Kringstad", "Elderveen", "Nieuwhaven", "Zandwijk", "Bergdal", "Lindenoord", "Weidebroek", "Vaartdijk"]
PROFESSIONAL_ORGS = [
    "Schuldhulp {city}",
    "Wijkteam {city}",
    "GGZ {city}",
    "Verslavingszorg {city}",
    "Reclassering {city}",
    "Huisartsenpraktijk {city}",
    "Werkplein {city}",
    "Dagbesteding De Werf",
]
COUNTRIES = ["Marokko", "Turkije", "Polen", "Suriname", "Curaçao", "Roemenië", "Eritrea", "Syrië", "België"]
OTHER_LANGUAGES = ["en", "ar", "tr", "pl", "ro", "ber", "pap", "ti", "so", "fa"]

# (relation, weight, label used in a member's name or "" for a first name only)
RELATIONS = [
    ("mother", 6, "Moeder"),
    ("father", 4, "Vader"),
    ("brother", 5, "Broer"),
    ("sister", 5, "Zus"),
    ("child", 4, ""),
    ("partner", 2, ""),
    ("ex_partner", 2, "Ex"),
    ("other_family", 5, "Tante"),
    ("friend", 14, ""),
    ("acquaintance", 8, ""),
    ("neighbour", 3, "Buurman"),
    ("colleague", 3, ""),
    ("peer", 5, ""),
    ("faith", 2, ""),
    ("club", 2, ""),
    ("professional", 14, "Hulpverlener"),
    ("gp", 3, "Huisarts"),
    ("other", 2, ""),
]
_RELATION_KEYS = [r for r, _w, _l in RELATIONS]
_RELATION_WEIGHTS = [w for _r, w, _l in RELATIONS]
_RELATION_LABEL = {r: label for r, _w, label in RELATIONS}
SUPPORT_KINDS = ["emotional", "practical", "advice", "company", "financial", "housing"]

EVENT_TITLES = {
    "housing": ["Op straat beland", "Eerste nacht in de nachtopvang", "Eigen kamer gekregen", "Huis uitgezet"],
    "relationships": ["Relatie begonnen", "Uit elkaar gegaan", "Kind geboren", "Weer contact met familie"],
    "loss": ["Vader overleden", "Moeder overleden", "Vriend verloren", "Hond overleden"],
    "health": ["Opgenomen in het ziekenhuis", "Gestopt met drinken", "Begonnen met behandeling"],
    "work": ["Eerste baan", "Ontslagen", "Diploma gehaald", "Begonnen bij de dagbesteding"],
    "justice": ["Vastgezeten", "Vrijgekomen", "Taakstraf afgerond"],
    "other": ["Verhuisd naar de stad", "Naar Nederland gekomen", "Op vakantie geweest"],
}
QUESTIONS = [
    "Hoe kan ik mijn dochter weer vaker zien?",
    "Wie kan me helpen als ik een eigen woning krijg?",
    "Hoe houden we contact nu ik verhuis?",
    "Wat doen we als het weer misgaat met drinken?",
    "Hoe kan ik mijn schulden samen aanpakken?",
]
OPTIONS = [
    "Samen een plan maken met de familie",
    "Eerst een gesprek met alleen de zus",
    "Hulp vragen aan het wijkteam",
    "Elke week samen koffie drinken",
    "Een maatje zoeken via de buurt",
]
ACTION_TEXTS = [
    "Moeder bellen over het weekend",
    "Samen naar de inloop van de kerk",
    "Broer een kaartje sturen",
    "Netwerkberaad plannen",
    "Navragen bij de huisarts",
    "Afspraak maken bij het wijkteam",
    "Samen de ecogram bijwerken",
]
CONTRIBUTIONS = [
    "Hielp een medebewoner met verhuizen",
    "Kookte voor de groep",
    "Paste op de hond van de buurman",
    "Deed boodschappen voor tante",
]
NOTES = [
    "Ging goed, afspraak staat.",
    "Cliënt twijfelde eerst, daarna wel gebeld.",
    "Naaste was blij met het contact.",
    "Volgende keer samen verder.",
    "",
    "",
]


# --- The bulk path ------------------------------------------------------------------------------------


def _db_converter(f: models.Field) -> Callable | None:
    """How a Python value becomes what the database driver takes, for the fields that need it.

    Written out instead of ``Field.get_db_prep_save``, which is ten times slower per value. Datetimes
    here are naive and mean UTC: SQLite gets Django's own text form of them, and PostgreSQL reads them in
    the connection's time zone, which Django sets to UTC.
    """
    if isinstance(f, models.JSONField):
        return lambda v: None if v is None else json.dumps(v)  # PostgreSQL's COPY parses jsonb from text
    if connection.vendor == "postgresql":
        return None  # psycopg takes dates, times and aware datetimes as they are
    if isinstance(f, models.DateTimeField):
        return lambda v: None if v is None else str(v)
    if isinstance(f, models.DateField | models.TimeField):
        return lambda v: None if v is None else v.isoformat()
    return None


class Table:
    """Rows for one model, written in bulk. Fields not given get the model's default."""

    def __init__(self, model):
        self.model = model
        self.name = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields]
        self.attnames = [f.attname for f in fields]
        self.columns = [f.column for f in fields]
        self.pk = model._meta.pk.attname
        self.defaults = {}
        for f in fields:
            if f.has_default() or not f.null:
                try:
                    self.defaults[f.attname] = f.get_default()
                except Exception:  # noqa: BLE001 - a field without a usable default must be given
                    self.defaults[f.attname] = None
            else:
                self.defaults[f.attname] = None
        self.converters = [(i, c) for i, f in enumerate(fields) if (c := _db_converter(f)) is not None]
        self.rows: list[list] = []
        self.next_id = 1
        self.count = 0

    def start_ids(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT MAX("{self.model._meta.pk.column}") FROM "{self.name}"')  # noqa: S608
            self.next_id = (cursor.fetchone()[0] or 0) + 1

    def add(self, **values) -> int:
        if self.pk not in values:
            values[self.pk] = self.next_id
            self.next_id += 1
        defaults = self.defaults
        row = [values[a] if a in values else defaults[a] for a in self.attnames]
        for i, convert in self.converters:
            row[i] = convert(row[i])
        self.rows.append(row)
        return values[self.pk]

    def flush(self) -> None:
        if not self.rows:
            return
        columns = ", ".join(f'"{c}"' for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f'COPY "{self.name}" ({columns}) FROM STDIN') as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["?"] * len(self.columns))
                sql = f'INSERT INTO "{self.name}" ({columns}) VALUES ({marks})'  # noqa: S608
                cursor.cursor.executemany(sql, self.rows)
        self.count += len(self.rows)
        self.rows = []


class Tables:
    """All tables the seed writes, in the order they are flushed (parents first)."""

    def __init__(self):
        self._tables: dict[type, Table] = {}
        self._history: dict[type, Table] = {}
        self._m2m: dict[tuple, Table] = {}

    def __getitem__(self, model) -> Table:
        table = self._tables.get(model)
        if table is None:
            table = self._tables[model] = Table(model)
            table.start_ids()
        return table

    def history(self, model) -> Table:
        table = self._history.get(model)
        if table is None:  # ``model.history`` builds a manager on every access: look it up once
            table = self._history[model] = self[model.history.model]
        return table

    def m2m(self, model, name: str) -> Table:
        return self[model._meta.get_field(name).remote_field.through]

    def m2m_history(self, model, name: str) -> Table:
        table = self._m2m.get((model, name))
        if table is None:
            # simple_history keeps its historical through-models in one registry keyed by the m2m field.
            table = self._m2m[(model, name)] = self[HistoricalRecords.m2m_models[model._meta.get_field(name)]]
        return table

    def flush(self) -> None:
        for table in self._tables.values():
            table.flush()

    def counts(self) -> dict[str, int]:
        return {t.name: t.count for t in self._tables.values()}

    def reset_sequences(self) -> None:
        if connection.vendor != "postgresql":
            return  # SQLite's AUTOINCREMENT follows the largest id written
        statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in self._tables.values()])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# --- Time helpers -------------------------------------------------------------------------------------


def _at(day: date, rng: random.Random) -> datetime:
    """A moment in working hours on ``day``: naive, meaning UTC (both backends take it so, see ``_db_converter``)."""
    return datetime(day.year, day.month, day.day, rng.randint(7, 16), rng.randint(0, 59), rng.randint(0, 59))


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


# --- The world around the clients --------------------------------------------------------------------


@dataclass
class OrgInfo:
    id: int
    name: str
    city: str
    element_ids: list[int]
    mode_ids: list[int]
    prompt_keys: list[str]
    admin_id: int
    admin_name: str
    location_ids: list[int]


@dataclass
class TeamInfo:
    id: int
    org: OrgInfo
    location_id: int | None
    worker_ids: list[int]
    worker_names: list[str]
    lead_id: int


@dataclass
class Context:
    seed: int
    today: date
    tables: Tables
    password_hash: str
    orgs: dict[int, OrgInfo] = field(default_factory=dict)
    teams: dict[int, TeamInfo] = field(default_factory=dict)


def worker_email(team_index: int, worker_index: int) -> str:
    """The login of worker ``worker_index`` (0-based) of team ``team_index`` (0-based, over all organisations)."""
    return f"t{team_index + 1}.w{worker_index + 1}@{EMAIL_DOMAIN}"


def lead_email(team_index: int) -> str:
    return f"t{team_index + 1}.lead@{EMAIL_DOMAIN}"


def admin_email(org_index: int) -> str:
    return f"o{org_index + 1}.admin@{EMAIL_DOMAIN}"


def _user(ctx: Context, org: OrgInfo | None, org_id: int, email: str, name: str) -> int:
    return ctx.tables[User].add(
        email=email,
        full_name=name,
        password=ctx.password_hash,
        organisation_id=org_id,
        language="nl",
        is_active=True,
        is_staff=False,
        is_superuser=False,
        date_joined=_at(ctx.today - timedelta(days=HISTORY_DAYS + 30), random.Random(email)),
        last_login=None,
    )


def _organisation(ctx: Context, o: int) -> OrgInfo:
    tables = ctx.tables
    rng = random.Random(f"{ctx.seed}:org:{o}")
    city = CITIES[o % len(CITIES)] + ("" if o < len(CITIES) else f" {o // len(CITIES) + 1}")
    name = f"Stichting Opvang {city} (fictief)"
    org_id = tables[Organisation].add(
        name=name,
        review_interval_months=rng.choice([3, 3, 4, 6]),
        retention_months=24,
        caregiver_support_name=f"Steunpunt Mantelzorg {city}",
        caregiver_support_url="https://mantelzorg.example.org/",
    )
    element_ids = [
        tables[Element].add(
            organisation_id=org_id, key=key, order=(i + 1) * 10, labels={"nl": nl, "en": en},
            descriptions={"nl": dn, "en": de}, active=True,
        )
        for i, (key, nl, en, dn, de) in enumerate(DEFAULT_ELEMENTS)
    ]  # fmt: skip
    mode_ids = [
        tables[InterventionMode].add(
            organisation_id=org_id, key=key, order=(i + 1) * 10, labels={"nl": nl, "en": en}, descriptions={},
            active=True,
        )
        for i, (key, nl, en) in enumerate(DEFAULT_MODES)
    ]  # fmt: skip
    for i, (key, effect, nl, en) in enumerate(DEFAULT_PROMPTS):
        tables[Prompt].add(
            organisation_id=org_id, key=key, order=(i + 1) * 10, active=True, effect=str(effect),
            texts={"nl": nl, "en": en},
        )  # fmt: skip
    admin_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"
    admin_id = _user(ctx, None, org_id, admin_email(o), admin_name)
    tables[Membership].add(user_id=admin_id, role=Role.ORG_ADMIN, team_id=None)
    research_id = _user(ctx, None, org_id, f"o{o + 1}.research@{EMAIL_DOMAIN}", f"Onderzoeker {city}")
    tables[Membership].add(user_id=research_id, role=Role.RESEARCHER, team_id=None)
    location_ids = [
        tables[Location].add(organisation_id=org_id, name=f"{kind} {city}", city=city)
        for kind in ("Nachtopvang", "Dagopvang", "Beschermd wonen")
    ]
    seed_places(ctx, org_id, city)
    prompt_keys = [p[0] for p in DEFAULT_PROMPTS]
    return OrgInfo(org_id, name, city, element_ids, mode_ids, prompt_keys, admin_id, admin_name, location_ids)


def seed_places(ctx: Context, org_id: int, city: str) -> None:
    """HOOK for the social map (``kring.places``): write the organisation's places here, through
    ``ctx.tables[Place].add(...)``, once ``kring/places/models.py`` has its model. Nothing yet."""


def _team(ctx: Context, t: int) -> TeamInfo:
    o = t // TEAMS_PER_ORGANISATION
    org = ctx.orgs.get(o)
    if org is None:
        org = ctx.orgs[o] = _organisation(ctx, o)
    rng = random.Random(f"{ctx.seed}:team:{t}")
    location_id = None if t % 4 == 3 else org.location_ids[t % 3]
    team_id = ctx.tables[Team].add(
        organisation_id=org.id, location_id=location_id, name=f"Team {t % TEAMS_PER_ORGANISATION + 1}"
    )
    worker_ids, worker_names = [], []
    for w in range(WORKERS_PER_TEAM):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"
        user_id = _user(ctx, org, org.id, worker_email(t, w), name)
        ctx.tables[Membership].add(user_id=user_id, role=Role.WORKER, team_id=team_id)
        worker_ids.append(user_id)
        worker_names.append(name)
    lead_id = _user(ctx, org, org.id, lead_email(t), f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}")
    ctx.tables[Membership].add(user_id=lead_id, role=Role.TEAM_LEAD, team_id=team_id)
    info = TeamInfo(team_id, org, location_id, worker_ids, worker_names, lead_id)
    _caseload_views(ctx, t, info)
    return info


def _caseload_views(ctx: Context, t: int, team: TeamInfo) -> None:
    """Each worker opens the caseload on many days: the access log fills up with list views."""
    rng = random.Random(f"{ctx.seed}:caseload:{t}")
    first = ctx.today - timedelta(days=HISTORY_DAYS)
    for user_id, name in zip(team.worker_ids, team.worker_names, strict=True):
        for _ in range(rng.randint(60, 140)):
            day = _day_between(rng, first, ctx.today)
            _log(ctx, team, user_id, name, "worker", None, "clients.caseload.view", "caseload", "", _at(day, rng))


def _log(ctx, team: TeamInfo, user_id, user_name, role, client_id, event, object_type, object_id, moment) -> None:
    ctx.tables[AccessLog].add(
        timestamp=moment,
        user_id=user_id,
        user_name=user_name,
        role=role,
        organisation_id=team.org.id,
        organisation_name=team.org.name,
        client_id=client_id,
        action=event.rsplit(".", 1)[-1],
        event=event,
        object_type=object_type,
        object_id=str(object_id),
        detail="",
        ip_address="10.0.0.1",
        request_id="seed",
    )


# --- One client ---------------------------------------------------------------------------------------


def network_size(rng: random.Random) -> int:
    """Many small networks, some large, a few up to 150 members."""
    u = rng.random()
    if u < 0.01:
        return rng.randint(60, 150)
    if u < 0.06:
        return rng.randint(30, 60)
    return max(1, min(30, round(rng.lognormvariate(math.log(8), 0.55))))


_SCORES: dict[tuple, tuple] = {}


def _scored(key: str, answers: dict) -> tuple:
    """Scores of a questionnaire response, cached by the answers (there are only a few hundred)."""
    cache_key = (key, tuple(sorted(answers.items())))
    cached = _SCORES.get(cache_key)
    if cached is None:
        definition = definitions.get(key)
        scores = score(definition, answers)
        cached = _SCORES[cache_key] = (definition.version, scores.to_json(), scores.total, scores.band or "")
    return cached


def _facts(member_id: int, state: dict) -> MemberFacts:
    """A member's state as the plain facts the network figures are computed from."""
    return MemberFacts(
        id=member_id,
        relation=state["relation"],
        sector=state["sector"],
        circle=state["circle"],
        contact_frequency=state["contact_frequency"],
        support_received=frozenset(state["support_received"]),
        support_given=frozenset(state["support_given"]),
        tie_quality=state["tie_quality"],
        status=state["status"],
        deceased=state["deceased"],
        emergency_contact=state["emergency_contact"],
    )


class ClientBuilder:
    """Writes one client with everything around them. ``i`` is the client's number (0-based)."""

    def __init__(self, ctx: Context, i: int):
        self.ctx = ctx
        self.t = ctx.tables
        self.i = i
        self.rng = random.Random(f"{ctx.seed}:client:{i}")
        team_index = i // CLIENTS_PER_TEAM
        team = ctx.teams.get(team_index)
        if team is None:
            team = ctx.teams[team_index] = _team(ctx, team_index)
        self.team = team
        self.org = team.org

    # Small helpers ------------------------------------------------------------------------------------
    def log(self, user_id, event, object_type, object_id, moment) -> None:
        name = self.worker_name.get(user_id, self.org.admin_name)
        _log(self.ctx, self.team, user_id, name, "worker", self.client_id, event, object_type, object_id, moment)

    def worker(self) -> int:
        return self.rng.choice(self.key_workers)

    def history(self, model, row: dict, moment: datetime, kind: str, user_id: int) -> int:
        return self.t.history(model).add(
            **row, history_date=moment, history_change_reason=None, history_type=kind, history_user_id=user_id
        )

    def day(self, first: date | None = None) -> date:
        return _day_between(self.rng, first or self.start, self.ctx.today)

    # The client ---------------------------------------------------------------------------------------
    def build(self) -> None:
        rng, today = self.rng, self.ctx.today
        self.worker_name = dict(zip(self.team.worker_ids, self.team.worker_names, strict=True))
        if rng.random() < 0.7:
            intake = today - timedelta(days=rng.randint(14, HISTORY_DAYS))
        else:
            intake = today - timedelta(days=rng.randint(HISTORY_DAYS, 5 * 365))
        self.intake = intake
        self.start = max(intake, today - timedelta(days=HISTORY_DAYS))
        self.days_in_care = max(1, (today - self.start).days)
        self.key_workers = rng.sample(self.team.worker_ids, 2 if rng.random() < 0.25 else 1)
        created = _at(intake, rng)
        languages = ["nl"] if rng.random() < 0.7 else rng.sample(OTHER_LANGUAGES, 1) + (["nl"] * (rng.random() < 0.6))
        status = rng.choices(["active", "left", "transferred"], [85, 12, 3])[0]
        row = dict(
            organisation_id=self.org.id,
            team_id=self.team.id,
            location_id=self.team.location_id,
            given_name=rng.choice(FIRST_NAMES),
            family_name="" if rng.random() < 0.08 else rng.choice(FAMILY_NAMES),
            birth_year=None if rng.random() < 0.05 else rng.randint(1957, 2006),
            gender=rng.choices(["man", "woman", "non_binary", "other", ""], [68, 28, 1, 1, 2])[0],
            languages=languages,
            status=status,
            intake_date=intake,
            version=1,
            created_at=created,
        )
        self.client_id = self.t[Client].add(**row, updated_at=created)
        history_id = self.history(Client, {"id": self.client_id, **row}, created, "+", self.key_workers[0])
        for user_id in self.key_workers:
            through_id = self.t.m2m(Client, "key_workers").add(client_id=self.client_id, user_id=user_id)
            self.t.m2m_history(Client, "key_workers").add(
                id=through_id, history_id=history_id, client_id=self.client_id, user_id=user_id
            )
        self.log(self.key_workers[0], "clients.client.create", "clients.client", self.client_id, created)
        self.members()
        self.links()
        self.network_figures()
        self.sessions()
        self.lifeline()
        self.interventions()
        self.contributions_and_skills()
        self.actions_and_reviews()
        self.meetings()
        self.load_checks()
        self.questionnaires()
        self.consents()
        self.transfer()
        self.views()

    # The network --------------------------------------------------------------------------------------
    def members(self) -> None:
        rng = self.rng
        size = network_size(rng)
        first_session = self.start + timedelta(days=rng.randint(0, min(21, self.days_in_care)))
        self.first_session = min(first_session, self.ctx.today)
        self.member_ids: list[int] = []
        self.current_ids: list[int] = []
        self.family_ids: list[int] = []
        self.session_members: list[tuple[int, str, str, int]] = []
        self.member_added: dict[int, datetime] = {}
        self.member_removed: dict[int, datetime] = {}
        # Each member as first written and as now (None once removed), for the network figures.
        self.facts_at_start: dict[int, MemberFacts] = {}
        self.facts_now: dict[int, MemberFacts] = {}
        self.network_changed = self.first_session
        for n in range(size):
            relation = rng.choices(_RELATION_KEYS, _RELATION_WEIGHTS)[0]
            sector = str(SECTOR_OF_RELATION[relation])
            first = rng.choice(FIRST_NAMES)
            label = _RELATION_LABEL[relation]
            name = f"{label} {first}" if label and relation not in ("professional", "gp") else first
            org_name = ""
            if sector == "professional":
                org_name = rng.choice(PROFESSIONAL_ORGS).format(city=self.org.city)
                name = f"{label} {first}" if rng.random() < 0.7 else label
            elif rng.random() < 0.3:
                name = f"{name} {rng.choice(FAMILY_NAMES)}"
            in_session = rng.random() < 0.6
            added_day = self.first_session if in_session else self.day(self.first_session)
            added = _at(added_day, rng)
            status = rng.choices(["active", "dormant", "restore", "limited"], [74, 12, 7, 7])[0]
            state = dict(
                client_id=self.client_id,
                name=name[:100],
                pseudonym="" if rng.random() < 0.9 else f"N{n + 1}",
                relation=relation,
                organisation_name=org_name,
                sector=sector,
                circle=rng.choices([1, 2, 3], [25, 40, 35])[0],
                contact_frequency=rng.choice(["daily", "weekly", "weekly", "monthly", "yearly", "none", ""]),
                support_received=rng.sample(SUPPORT_KINDS, rng.choice([0, 0, 1, 1, 2, 3])),
                support_given=rng.sample(SUPPORT_KINDS[:4], rng.choice([0, 0, 0, 1, 2])),
                tie_quality=rng.choices(["supportive", "mixed", "stressful"], [70, 20, 10])[0],
                status=status,
                limit_reason=rng.choice(["not_helpful", "intimidating", "unsafe"]) if status == "limited" else "",
                emergency_contact=sector == "family" and rng.random() < 0.25,
                abroad_country=rng.choice(COUNTRIES) if rng.random() < 0.05 else "",
                languages=[] if rng.random() < 0.8 else rng.sample(OTHER_LANGUAGES, 1),
                needs_interpreter=rng.random() < 0.04,
                prefers_video=rng.random() < 0.05,
                phone=f"06-{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.4 else "",
                email=f"naaste{n + 1}.c{self.i + 1}@voorbeeld.test" if rng.random() < 0.1 else "",
                deceased=rng.random() < 0.02,
                notes=rng.choice(NOTES) if rng.random() < 0.2 else "",
                removed_at=None,
                version=1,
                created_at=added,
                updated_at=added,
            )
            member_id = self.t[Member].next_id
            self.t[Member].next_id += 1
            self.facts_at_start[member_id] = _facts(member_id, state)
            by = self.worker()
            self.history(Member, {"id": member_id, **state}, added, "+", by)
            self.log(by, "network.member.create", "network.member", member_id, added)
            # Later changes: moved between circles, contact gone quiet or restored, removed.
            moment = added
            for _ in range(rng.choices([0, 1, 2], [68, 24, 8])[0]):
                moment = _at(self.day(moment.date() + timedelta(days=1)), rng)
                if moment.date() >= self.ctx.today:
                    break
                change = rng.choice(["circle", "status", "tie", "contact"])
                if change == "circle":
                    state["circle"] = rng.choice([c for c in (1, 2, 3) if c != state["circle"]])
                elif change == "status" and state["status"] != "limited":
                    state["status"] = rng.choice(["active", "dormant", "restore"])
                elif change == "tie":
                    state["tie_quality"] = rng.choice(["supportive", "mixed", "stressful"])
                else:
                    state["contact_frequency"] = rng.choice(["daily", "weekly", "monthly", "none"])
                state["version"] += 1
                state["updated_at"] = moment
                self.history(Member, {"id": member_id, **state}, moment, "~", by)
                self.log(by, "network.member.update", "network.member", member_id, moment)
            if rng.random() < 0.07 and moment.date() < self.ctx.today - timedelta(days=1):
                moment = _at(self.day(moment.date() + timedelta(days=1)), rng)
                state["removed_at"] = moment
                state["version"] += 1
                state["updated_at"] = moment
                self.history(Member, {"id": member_id, **state}, moment, "~", by)
                self.log(by, "network.member.delete", "network.member", member_id, moment)
            self.t[Member].add(id=member_id, **state)
            self.member_ids.append(member_id)
            self.member_added[member_id] = added
            self.network_changed = max(self.network_changed, moment.date())
            if state["removed_at"] is None:
                self.facts_now[member_id] = _facts(member_id, state)
            if state["removed_at"] is not None:
                self.member_removed[member_id] = state["removed_at"]
            else:
                self.current_ids.append(member_id)
                if sector == "family":
                    self.family_ids.append(member_id)
            if in_session:
                self.session_members.append((member_id, name[:100], sector, state["circle"]))

    def links(self) -> None:
        rng, ids = self.rng, self.member_ids
        self.link_days: list[tuple[int, int, date, bool]] = []  # (a, b, added, still there)
        if len(ids) < 2:
            return
        pairs = set()
        for _ in range(int(len(ids) * rng.uniform(0.2, 0.8))):
            a, b = rng.sample(ids, 2)
            pairs.add((min(a, b), max(a, b)))
        for a, b in sorted(pairs):
            moment = max(self.member_added[a], self.member_added[b]) + timedelta(minutes=rng.randint(1, 600))
            removed = min((r for r in (self.member_removed.get(a), self.member_removed.get(b)) if r), default=None)
            if removed is not None and moment >= removed:
                continue
            row = dict(
                client_id=self.client_id,
                member_a_id=a,
                member_b_id=b,
                kind="conflict" if rng.random() < 0.1 else "knows",
                created_at=moment,
            )
            by = self.worker()
            self.link_days.append((a, b, moment.date(), removed is None))
            self.network_changed = max(self.network_changed, moment.date())
            if removed is None:
                link_id = self.t[Link].add(**row)
            else:  # removing a member deletes their links (kring.network.services.member_remove)
                link_id = self.t[Link].next_id
                self.t[Link].next_id += 1
                self.history(Link, {"id": link_id, **row}, removed, "-", by)
            self.history(Link, {"id": link_id, **row}, moment, "+", by)

    def network_figures(self) -> None:
        """The network's key numbers at the start and now, as :mod:`kring.measures.figures` would have written
        them day by day: the start is the network at the end of its first four weeks (members as first written),
        now is the network as it stands. One row when nothing changed after the first four weeks."""
        if not self.member_added:
            return
        first_day = min(moment.date() for moment in self.member_added.values())
        cutoff = first_day + INTAKE_WINDOW
        today = self.ctx.today
        latest_day = min(self.network_changed, today)
        now = figures_of(
            list(self.facts_now.values()),
            [(a, b) for a, b, _day, present in self.link_days if present],
        )
        if latest_day <= cutoff:
            self._figures_row(latest_day, now, intake=True, latest=True)
            return
        at_start = [
            self.facts_at_start[m]
            for m, added in self.member_added.items()
            if added.date() <= cutoff and (m not in self.member_removed or self.member_removed[m].date() > cutoff)
        ]
        present = {m.id for m in at_start}
        start_day = max((self.member_added[m].date() for m in present), default=first_day)
        start = figures_of(
            at_start, [(a, b) for a, b, day, _p in self.link_days if day <= cutoff and a in present and b in present]
        )
        self._figures_row(start_day, start, intake=True, latest=False)
        self._figures_row(latest_day, now, intake=False, latest=True)

    def _figures_row(self, day: date, values: dict, *, intake: bool, latest: bool) -> None:
        self.t[NetworkFigures].add(
            client_id=self.client_id, day=day, is_intake=intake, is_latest=latest,
            updated_at=datetime(day.year, day.month, day.day, 22), **values,
        )  # fmt: skip

    def sessions(self) -> None:
        rng = self.rng
        started = _at(self.first_session, rng)
        finished = started + timedelta(minutes=rng.randint(20, 70))
        session_id = self.t[MappingSession].add(
            client_id=self.client_id, started_by_id=self.key_workers[0], language="nl", step="review",
            prompt_key="", started_at=started, updated_at=finished, finished_at=finished, abandoned_at=None,
        )  # fmt: skip
        self.log(self.key_workers[0], "network.session.create", "network.mappingsession", session_id, started)
        people = []
        for member_id, name, sector, circle in self.session_members:
            people.append(
                self.t[SessionPerson].add(
                    session_id=session_id, name=name, member_id=member_id,
                    prompt_keys=rng.sample(self.org.prompt_keys, rng.randint(1, 3)), sector=sector, circle=circle,
                    left_out=False, request_key="", created_at=started + timedelta(minutes=rng.randint(1, 20)),
                )
            )  # fmt: skip
        if len(people) >= 2:
            pairs = {tuple(sorted(rng.sample(people, 2))) for _ in range(len(people) // 3)}
            for a, b in sorted(pairs):
                self.t[SessionLink].add(session_id=session_id, person_a_id=a, person_b_id=b)
        # Reviews of the network in a later session; now and then one left open or abandoned.
        for _ in range(rng.choices([0, 1, 2], [50, 35, 15])[0]):
            day = self.day(self.first_session + timedelta(days=30))
            start = _at(day, rng)
            open_now = day >= self.ctx.today - timedelta(days=3) and rng.random() < 0.5
            abandoned = not open_now and rng.random() < 0.1
            self.t[MappingSession].add(
                client_id=self.client_id, started_by_id=self.worker(), language="nl",
                step="prompts" if open_now else "review", prompt_key="fall_back" if open_now else "",
                started_at=start, updated_at=start + timedelta(minutes=30),
                finished_at=None if open_now or abandoned else start + timedelta(minutes=30),
                abandoned_at=start + timedelta(minutes=10) if abandoned else None,
            )  # fmt: skip
            if open_now:
                break

    # The lifeline and the work ------------------------------------------------------------------------
    def _m2m(self, model, name: str, record_id: int, history_id: int, target_ids, target_attname: str) -> None:
        owner = model._meta.model_name + "_id"
        for target_id in target_ids:
            through_id = self.t.m2m(model, name).add(**{owner: record_id, target_attname: target_id})
            self.t.m2m_history(model, name).add(
                id=through_id, history_id=history_id, **{owner: record_id, target_attname: target_id}
            )

    def _some_members(self, k_max: int) -> list[int]:
        pool = self.current_ids
        if not pool:
            return []
        return self.rng.sample(pool, min(len(pool), self.rng.randint(0, k_max)))

    def _record(self, model, row: dict, moment: datetime, by: int) -> tuple[int, int]:
        row = dict(client_id=self.client_id, created_by_id=by, removed_at=None, version=1, created_at=moment,
                   updated_at=moment, **row)  # fmt: skip
        record_id = self.t[model].add(**row)
        history_id = self.history(model, {"id": record_id, **row}, moment, "+", by)
        return record_id, history_id

    def lifeline(self) -> None:
        rng = self.rng
        birth = 1960 + self.i % 40
        for _ in range(rng.choices(range(9), [20, 10, 15, 15, 12, 10, 8, 5, 5])[0]):
            kind = rng.choice(list(EVENT_TITLES))
            moment = _at(self.day(), rng)
            by = self.worker()
            row = dict(
                client_id=self.client_id, title=rng.choice(EVENT_TITLES[kind]), kind=kind,
                tone=rng.choice(["good", "hard", "hard", "mixed"]), year=rng.randint(birth + 5, self.ctx.today.year),
                month=rng.choice([None, rng.randint(1, 12)]), approximate=rng.random() < 0.3,
                note=rng.choice(NOTES), created_by_id=by, removed_at=None, version=1, created_at=moment,
                updated_at=moment,
            )  # fmt: skip
            event_id = self.t[LifeEvent].add(**row)
            history_id = self.history(LifeEvent, {"id": event_id, **row}, moment, "+", by)
            self._m2m(LifeEvent, "members", event_id, history_id, self._some_members(2), "member_id")
            self.log(by, "lifeline.event.create", "lifeline.lifeevent", event_id, moment)

    def interventions(self) -> None:
        rng = self.rng
        count = min(60, int(rng.expovariate(1 / 6) * self.days_in_care / 365))
        for _ in range(count):
            day = self.day()
            moment = _at(day, rng)
            by = self.worker()
            record_id, history_id = self._record(
                Intervention,
                dict(date=day, mode_id=rng.choice(self.org.mode_ids), note=rng.choice(NOTES),
                     outcome=rng.choice(["went_well", "mixed", "difficult", "not_yet", ""])),
                moment, by,
            )  # fmt: skip
            elements = rng.sample(self.org.element_ids, rng.choice([1, 1, 2, 3]))
            self._m2m(Intervention, "elements", record_id, history_id, elements, "element_id")
            self._m2m(Intervention, "members", record_id, history_id, self._some_members(2), "member_id")
            self.log(by, "support.intervention.create", "support.intervention", record_id, moment)

    def contributions_and_skills(self) -> None:
        rng = self.rng
        for _ in range(rng.choices([0, 1, 2, 3], [50, 30, 15, 5])[0]):
            day = self.day()
            record_id, history_id = self._record(
                Contribution,
                dict(date=day, description=rng.choice(CONTRIBUTIONS), support_kinds=rng.sample(SUPPORT_KINDS[:4], 1),
                     note=""),
                _at(day, rng), self.worker(),
            )  # fmt: skip
            self._m2m(Contribution, "members", record_id, history_id, self._some_members(1), "member_id")
        for _ in range(rng.choices([0, 1, 2], [60, 30, 10])[0]):
            day = self.day()
            record_id, history_id = self._record(
                SkillsPractice,
                dict(date=day, situation="Boos geworden aan de balie", what_happened="Weggelopen",
                     consequence="Afspraak gemist", alternative="Eerst even pauze vragen", next_time="Pauze vragen"),
                _at(day, rng), self.worker(),
            )  # fmt: skip
            self._m2m(SkillsPractice, "members", record_id, history_id, self._some_members(1), "member_id")

    def _action(self, moment: datetime, by: int, *, owner_kind: str | None = None, owner_member: int | None = None):
        rng = self.rng
        owner_kind = owner_kind or rng.choices(["worker", "client", "member"], [45, 35, 20])[0]
        if owner_kind == "member" and owner_member is None:
            if not self.current_ids:
                owner_kind = "client"
            else:
                owner_member = rng.choice(self.current_ids)
        status = "open" if moment.date() > self.ctx.today - timedelta(days=45) or rng.random() < 0.2 else (
            rng.choices(["done", "not_done", "not_needed"], [70, 15, 15])[0]
        )  # fmt: skip
        due = moment.date() + timedelta(days=rng.randint(3, 40)) if rng.random() < 0.8 else None
        record_id, history_id = self._record(
            Action,
            dict(description=rng.choice(ACTION_TEXTS), owner_kind=owner_kind,
                 owner_user_id=by if owner_kind == "worker" else None,
                 owner_member_id=owner_member if owner_kind == "member" else None, due_date=due, status=status,
                 closed_at=None if status == "open" else moment + timedelta(days=rng.randint(1, 30)),
                 note=""),
            moment, by,
        )  # fmt: skip
        self._m2m(Action, "members", record_id, history_id, self._some_members(1), "member_id")
        self.log(by, "support.action.create", "support.action", record_id, moment)
        return record_id

    def actions_and_reviews(self) -> None:
        rng = self.rng
        for _ in range(rng.choices(range(8), [15, 20, 20, 15, 10, 10, 5, 5])[0]):
            self._action(_at(self.day(), rng), self.worker())
        day = self.first_session
        while True:
            day = day + timedelta(days=rng.randint(70, 150))
            if day >= self.ctx.today:
                break
            by = self.worker()
            record_id, _history = self._record(
                Review,
                dict(date=day, note=rng.choice(NOTES), next_review_on=day + timedelta(days=91)),
                _at(day, rng), by,
            )  # fmt: skip
            self.log(by, "support.review.create", "support.review", record_id, _at(day, rng))

    def meetings(self) -> None:
        rng = self.rng
        for _ in range(rng.choices([0, 1, 2], [75, 20, 5])[0]):
            day = self.day()
            past = day < self.ctx.today
            status = ("held" if rng.random() < 0.85 else "cancelled") if past else "planned"
            decided = status == "held" and rng.random() < 0.7
            thinking = status == "held" and not decided and rng.random() < 0.5
            by = self.worker()
            moment = _at(day - timedelta(days=rng.randint(3, 14)), rng)
            meeting_row = dict(
                kind=rng.choice(["triadic", "network", "apart", "support_group"]), status=status, date=day,
                start_time=clock(rng.choice([10, 13, 15]), 0), place=f"Dagopvang {self.org.city}",
                video_link="", question=rng.choice(QUESTIONS), agenda="Voorstellen\nDe vraag\nMogelijkheden",
                notes="Iedereen kwam aan het woord." if status == "held" else "",
                confidential_notes="Zus vertelde apart over haar zorgen." if status == "held" and rng.random() < 0.3
                else "",
                decision_state="decided" if decided else ("thinking" if thinking else ""),
                decision=rng.choice(OPTIONS) if decided else "", decided_on=day if decided else None,
                think_until=day + timedelta(days=14) if thinking else None,
            )  # fmt: skip
            meeting_id, _history = self._record(Meeting, meeting_row, moment, by)
            self.log(by, "support.meeting.create", "support.meeting", meeting_id, moment)
            participants = []

            self._participant(meeting_id, moment, by, participants, role="client", what_matters="Dat ik zelf beslis.")
            self._participant(meeting_id, moment, by, participants, role="worker", user_id=by)
            for member_id in self._some_members(3):
                self._participant(
                    meeting_id,
                    moment,
                    by,
                    participants,
                    role="member",
                    member_id=member_id,
                    worries="Dat het weer misgaat." * (rng.random() < 0.5),
                )
            if rng.random() < 0.2:
                self._participant(
                    meeting_id,
                    moment,
                    by,
                    participants,
                    role="external",
                    name="Wijkagent",
                    organisation_name=f"Politie {self.org.city}",
                )
            if status != "held":
                continue
            for order, text in enumerate(rng.sample(OPTIONS, rng.randint(1, 3))):
                option_row = dict(meeting_id=meeting_id, description=text, order=order)
                option_id = self.t[Option].add(**option_row)
                self.history(Option, {"id": option_id, **option_row}, moment, "+", by)
                for _ in range(rng.randint(0, 3)):
                    point_row = dict(
                        option_id=option_id, participant_id=rng.choice(participants),
                        kind=rng.choice(["pro", "con"]), text="Dan weet iedereen waar hij aan toe is.",
                    )  # fmt: skip
                    point_id = self.t[OptionPoint].add(**point_row)
                    self.history(OptionPoint, {"id": point_id, **point_row}, moment, "+", by)
            if decided:
                for _ in range(rng.randint(1, 2)):
                    owner = rng.choice(self.current_ids) if self.current_ids and rng.random() < 0.6 else None
                    action_id = self._action(
                        _at(day, rng), by, owner_kind="member" if owner else "client", owner_member=owner
                    )
                    agreement_row = dict(
                        meeting_id=meeting_id, action_id=action_id,
                        support_promised=rng.sample(SUPPORT_KINDS[:4], 1) if owner else [],
                    )  # fmt: skip
                    agreement_id = self.t[Agreement].add(**agreement_row)
                    self.history(Agreement, {"id": agreement_id, **agreement_row}, _at(day, rng), "+", by)
                self.meeting_to_share = (meeting_id, day, by)

    def _participant(self, meeting_id: int, moment: datetime, by: int, participants: list[int], **values) -> None:
        row = {
            "meeting_id": meeting_id,
            "member_id": None,
            "user_id": None,
            "name": "",
            "organisation_name": "",
            "what_matters": "",
            "worries": "",
            "confidential": False,
        } | values
        participant_id = self.t[Participant].add(**row)
        self.history(Participant, {"id": participant_id, **row}, moment, "+", by)
        participants.append(participant_id)

    def load_checks(self) -> None:
        rng = self.rng
        candidates = [m for m in self.family_ids]
        if not candidates or rng.random() > 0.2:
            return
        for member_id in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
            for _ in range(rng.randint(1, 3)):
                day = self.day()
                by = self.worker()
                record_id, _history = self._record(
                    LoadCheck,
                    dict(member_id=member_id, date=day, what_they_do="Laat hem logeren in het weekend",
                         heaviness=rng.randint(0, 10), too_much="De telefoontjes 's nachts" * (rng.random() < 0.5),
                         would_help="Een vast moment in de week"),
                    _at(day, rng), by,
                )  # fmt: skip
                self.log(by, "support.load_check.create", "support.loadcheck", record_id, _at(day, rng))

    def questionnaires(self) -> None:
        rng = self.rng
        djg_options = ["yes", "more_or_less", "no"]
        for key, count in (("djg6", rng.choices(range(5), [30, 25, 20, 15, 10])[0]),
                           ("zrm_social", rng.choices(range(4), [40, 30, 20, 10])[0])):  # fmt: skip
            definition = definitions.get(key)
            for _ in range(count):
                if key == "djg6":
                    answers = {item.key: rng.choice(djg_options) for item in definition.items if rng.random() < 0.95}
                else:
                    answers = {"social_network": str(rng.randint(1, 5))}
                version, scores, total, band = _scored(key, answers)
                day = self.day()
                moment = _at(day, rng)
                by = self.worker()
                row = dict(
                    client_id=self.client_id, questionnaire=key, definition_version=version, language="nl", date=day,
                    answers=answers, scores=scores, total=total, band=band, note="", created_by_id=by,
                    removed_at=None, version=1, created_at=moment, updated_at=moment,
                )  # fmt: skip
                response_id = self.t[QuestionnaireResponse].add(**row)
                history_row = {k: v for k, v in row.items() if k != "updated_at"}
                self.history(QuestionnaireResponse, {"id": response_id, **history_row}, moment, "+", by)
                self.log(by, "measures.questionnaire.create", "measures.questionnaireresponse", response_id, moment)

    def _consent(self, purpose: str, decision: str, day: date, member_id: int | None = None) -> int:
        by = self.worker()
        moment = _at(day, self.rng)
        row = dict(
            client_id=self.client_id, purpose=purpose, member_id=member_id, decision=decision,
            method=self.rng.choice(["verbal", "written", "signed"]), decided_on=day, valid_until=None, note="",
            recorded_by_id=by, recorded_at=moment,
        )  # fmt: skip
        consent_id = self.t[Consent].add(**row)
        self.history(Consent, {"id": consent_id, **row}, moment, "+", by)
        self.log(by, "clients.consent.create", "clients.consent", consent_id, moment)
        return consent_id

    def consents(self) -> None:
        rng = self.rng
        if rng.random() < 0.6:
            self._consent("research", "given" if rng.random() < 0.7 else "refused", self.first_session)
        if rng.random() < 0.3:  # agreed that the network moves along if they move (and may be exported)
            self._consent("transfer", "given", self.day(self.first_session))
        for member_id in rng.sample(self.current_ids, min(len(self.current_ids), rng.randint(0, 3))):
            consent_day = self.day(self.first_session)
            self._consent("contact_member", "given", consent_day, member_id)
            if rng.random() < 0.1 and consent_day < self.ctx.today:
                self._consent("contact_member", "withdrawn", self.day(consent_day + timedelta(days=1)), member_id)
        shared = getattr(self, "meeting_to_share", None)
        if shared and rng.random() < 0.5:
            meeting_id, day, by = shared
            consent_id = self._consent("meeting_summary", "given", day)
            self.t[SummaryShare].add(
                meeting_id=meeting_id, audience=rng.choice(["participants", "team"]), language="nl",
                consent_id=consent_id, shared_by_id=by, shared_at=_at(day, rng),
            )  # fmt: skip

    def transfer(self) -> None:
        """One in a hundred clients came from another team of the organisation, with consent."""
        rng = self.rng
        if rng.random() >= 0.01 or self.i % CLIENTS_PER_TEAM == 0:
            return
        team_index = self.i // CLIENTS_PER_TEAM
        from_index = team_index - 1 if team_index % TEAMS_PER_ORGANISATION else team_index + 1
        from_team = self.ctx.teams.get(from_index)
        if from_team is None:
            return  # that team is not written (yet): no transfer
        day = self.day(self.first_session)
        consent_id = self._consent("transfer", "given", day)
        by = self.worker()
        moment = _at(day, rng)
        row = dict(
            client_id=self.client_id, from_team_id=from_team.id, to_team_id=self.team.id, to_location_id=None,
            status="completed", handover_note="Warme overdracht gedaan, netwerk besproken.", consent_id=consent_id,
            override_reason="", override_by_id=None, decline_reason="", proposed_by_id=from_team.worker_ids[0],
            proposed_at=moment, decided_by_id=by, decided_at=moment + timedelta(days=2),
            completed_at=moment + timedelta(days=5), version=3,
        )  # fmt: skip
        transfer_id = self.t[Transfer].add(**row)
        self.history(Transfer, {"id": transfer_id, **row}, moment, "+", by)

    def views(self) -> None:
        """Looking at the client's pages: most of the access log."""
        rng = self.rng
        pages = [
            ("clients.client.view", "clients.client"),
            ("network.network.view", "network.network"),
            ("lifeline.lifeline.view", "lifeline.lifeline"),
            ("support.action.view", "support.timeline"),
            ("measures.questionnaires.view", "measures.questionnaire"),
        ]
        for _ in range(min(120, int(rng.expovariate(1 / 20) * self.days_in_care / 365) + 2)):
            event, object_type = rng.choice(pages)
            self.log(self.worker(), event, object_type, self.client_id, _at(self.day(), rng))


# --- Entry point --------------------------------------------------------------------------------------


@dataclass
class SeedResult:
    clients: int
    seconds: float
    peak_memory_mb: float
    rows: dict[str, int]


def peak_memory_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fast_sqlite(on: bool) -> None:
    """A bulk load on SQLite need not wait for the disk after every batch: a crash means seeding again."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return  # inside a transaction (as in tests) SQLite refuses to change these
    with connection.cursor() as cursor:
        if on:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MB of page cache for the indexes
            cursor.execute("PRAGMA temp_store=MEMORY")
        else:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-2000")


def already_seeded() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def seed(
    *,
    clients: int,
    seed: int = 1,
    today: date | None = None,
    batch: int = DEFAULT_BATCH,
    progress: Callable[[str], None] | None = None,
) -> SeedResult:
    """Write ``clients`` fictional clients (and their world) into the default database."""
    from django.utils import timezone

    started = time.perf_counter()
    ctx = Context(
        seed=seed,
        today=today or timezone.localdate(),
        tables=Tables(),
        password_hash=make_password(SEED_PASSWORD),  # one hash for all: hashing 60,000 users would take minutes
    )
    _fast_sqlite(True)
    for first in range(0, clients, batch):
        with transaction.atomic():
            for i in range(first, min(clients, first + batch)):
                ClientBuilder(ctx, i).build()
            ctx.tables.flush()
        if progress:
            done = min(clients, first + batch)
            progress(
                f"{done:>8,} / {clients:,} clients  {time.perf_counter() - started:7.1f} s  "
                f"peak memory {peak_memory_mb():.0f} MB"
            )
    ctx.tables.reset_sequences()
    _fast_sqlite(False)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics for the query planner after a bulk load
    return SeedResult(
        clients=clients,
        seconds=time.perf_counter() - started,
        peak_memory_mb=peak_memory_mb(),
        rows=ctx.tables.counts(),
    )
