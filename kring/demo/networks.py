"""Fictional networks for some demo clients, with a history: people added, moved and left over months.

Each story is a list of dated steps, written with the history date set, so "network on a date" and
"compare" have something true to show. Loaded only for clients whose network is still empty.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kring.clients.models import Client
from kring.network.models import SECTOR_OF_RELATION, Link, Member

# (days after intake, action, name, fields). Actions: add, change, remove, link.
STORIES = {
    ("Ahmed", "El Idrissi"): [
        (
            0,
            "add",
            "Moeder Fatiha",
            dict(
                relation="mother",
                circle=1,
                contact_frequency="weekly",
                support_received=["emotional"],
                abroad_country="Marokko",
                languages=["ar"],
                prefers_video=True,
                emergency_contact=True,
            ),
        ),
        (
            0,
            "add",
            "Broer Youssef",
            dict(relation="brother", circle=3, status="restore", tie_quality="mixed", contact_frequency="none"),
        ),
        (
            0,
            "add",
            "Ex-partner Sandra",
            dict(
                relation="ex_partner", circle=3, tie_quality="stressful", status="limited", limit_reason="intimidating"
            ),
        ),
        (
            0,
            "add",
            "Huisarts",
            dict(
                relation="gp",
                circle=3,
                organisation_name="Huisartsenpraktijk Kringstad",
                contact_frequency="yearly",
                support_received=["advice"],
            ),
        ),
        (
            0,
            "add",
            "Schuldhulpverlener",
            dict(
                relation="professional",
                circle=2,
                organisation_name="Kringstad Schuldhulp",
                contact_frequency="monthly",
                support_received=["practical", "advice"],
            ),
        ),
        (
            40,
            "add",
            "Buurman Henk",
            dict(
                relation="neighbour",
                circle=3,
                contact_frequency="weekly",
                support_received=["company"],
                support_given=["practical"],
            ),
        ),
        (95, "change", "Broer Youssef", dict(circle=2, status="active", contact_frequency="monthly")),
        (
            150,
            "add",
            "Mo van de moskee",
            dict(relation="faith", circle=2, contact_frequency="weekly", support_received=["company", "emotional"]),
        ),
        (150, "link", "Broer Youssef", dict(other="Moeder Fatiha", kind="knows")),
        (
            210,
            "change",
            "Broer Youssef",
            dict(
                circle=1,
                tie_quality="supportive",
                contact_frequency="weekly",
                support_received=["emotional", "practical"],
                support_given=["company"],
            ),
        ),
        (260, "remove", "Schuldhulpverlener", {}),
        (
            300,
            "add",
            "Collega fietsenwerkplaats",
            dict(relation="colleague", circle=2, contact_frequency="weekly", support_received=["company"]),
        ),
        (300, "link", "Broer Youssef", dict(other="Ex-partner Sandra", kind="conflict")),
    ],
    ("Bianca", "Hoekstra"): [
        (0, "add", "Dochter Lisa", dict(relation="child", circle=1, status="restore", contact_frequency="none")),
        (
            0,
            "add",
            "Vriendin Priscilla",
            dict(
                relation="friend",
                circle=2,
                contact_frequency="weekly",
                support_received=["emotional"],
                support_given=["emotional"],
            ),
        ),
        (
            0,
            "add",
            "Ervaringsdeskundige Rob",
            dict(relation="peer", circle=2, contact_frequency="weekly", support_received=["advice", "company"]),
        ),
        (
            30,
            "add",
            "Tante Joke",
            dict(
                relation="other_family",
                circle=2,
                support_received=["housing"],
                contact_frequency="monthly",
                emergency_contact=True,
            ),
        ),
        (60, "link", "Dochter Lisa", dict(other="Tante Joke", kind="knows")),
    ],
    ("Cor", ""): [
        (
            0,
            "add",
            "Maatje van de inloop",
            dict(relation="acquaintance", circle=2, contact_frequency="daily", support_received=["company"]),
        ),
    ],
    ("Kofi", "Mensah"): [
        (
            0,
            "add",
            "Zus Ama",
            dict(
                relation="sister",
                circle=1,
                abroad_country="Ghana",
                languages=["en"],
                prefers_video=True,
                contact_frequency="monthly",
                support_received=["emotional"],
            ),
        ),
        (
            0,
            "add",
            "Pastor Daniel",
            dict(relation="faith", circle=2, contact_frequency="weekly", support_received=["advice", "company"]),
        ),
        (
            20,
            "add",
            "Teamgenoot voetbal",
            dict(relation="club", circle=3, contact_frequency="weekly", support_received=["company"]),
        ),
    ],
}


def _person(relation: str, circle: int, frequency: str = "weekly", support=(), **fields) -> dict:
    return dict(relation=relation, circle=circle, contact_frequency=frequency, support_received=list(support), **fields)


# Shorter stories for more clients, so the team's and the organisation's overviews have something to count:
# most start with a few professionals and family, and over the months naasten come (back) into view.
STORIES.update(
    {
        ("Dewi", "Pattinama"): [
            (0, "add", "Zus Maya", _person("sister", 1, "daily", ["emotional", "practical", "housing"])),
            (0, "add", "Tante Wilhelmina", _person("other_family", 2, "monthly", ["emotional"])),
            (0, "add", "Jobcoach", _person("professional", 3, "weekly", ["advice"])),
            (14, "add", "Vriend Rudi", _person("friend", 2, "weekly", ["company"])),
            (14, "link", "Zus Maya", dict(other="Tante Wilhelmina", kind="knows")),
        ],
        ("Emre", "Kaya"): [
            (0, "add", "Ambulant begeleider", _person("professional", 2, "weekly", ["practical", "advice"])),
            (0, "add", "Vader Mehmet", _person("father", 3, "none", tie_quality="stressful", status="dormant")),
            (21, "add", "Neef Can", _person("other_family", 2, "weekly", ["company"])),
            (90, "add", "Collega bij de fietsenmaker", _person("colleague", 3, "weekly", ["company"])),
        ],
        ("Linda", "Zwart"): [
            (0, "add", "Dochter Kim", _person("child", 1, "weekly", ["emotional"], emergency_contact=True)),
            (0, "add", "Maatschappelijk werker", _person("professional", 2, "weekly", ["advice"])),
            (0, "add", "Budgetcoach", _person("professional", 3, "monthly", ["practical"])),
            (45, "add", "Ervaringsdeskundige", _person("peer", 2, "weekly", ["emotional", "advice"])),
            (100, "add", "Vriendin van vroeger", _person("friend", 2, "monthly", ["company"])),
            (100, "link", "Dochter Kim", dict(other="Vriendin van vroeger", kind="knows")),
        ],
        ("Mirela", "Popescu"): [
            (0, "add", "Broer Andrei", _person("brother", 1, "weekly", ["emotional"], abroad_country="Roemenië")),
            (0, "add", "Casemanager", _person("professional", 2, "weekly", ["advice", "practical"])),
            (30, "add", "Buurvrouw Greet", _person("neighbour", 3, "weekly", ["company"])),
        ],
        ("Olga", "Shevchenko"): [
            (0, "add", "Consulent", _person("professional", 2, "weekly", ["advice"])),
            (0, "add", "Taalcoach", _person("professional", 3, "weekly", ["advice"])),
            (0, "add", "Huisarts", _person("gp", 3, "yearly", ["advice"])),
            (50, "add", "Vriendin Oksana", _person("friend", 1, "daily", ["emotional", "company", "practical"])),
        ],
        ("Peter", "van Dam"): [
            (0, "add", "Zus Gerda", _person("sister", 1, "monthly", ["emotional"], emergency_contact=True)),
            (0, "add", "Wijkverpleegkundige", _person("professional", 2, "weekly", ["practical"])),
            (0, "add", "Buurman Kees", _person("neighbour", 2, "daily", ["company", "practical"])),
            (0, "add", "Kerkgenoot Jan", _person("faith", 3, "weekly", ["company"])),
            (0, "link", "Buurman Kees", dict(other="Kerkgenoot Jan", kind="knows")),
        ],
        ("Tamara", "Koster"): [
            (0, "add", "Moeder Ria", _person("mother", 1, "weekly", ["emotional", "practical", "financial"])),
            (0, "add", "Ex-partner", _person("ex_partner", 3, "none", status="limited", limit_reason="unsafe")),
            (0, "add", "Schuldhulp", _person("professional", 3, "monthly", ["advice"])),
            (60, "add", "Vriendin Naomi", _person("friend", 2, "weekly", ["company", "emotional"])),
            (60, "link", "Moeder Ria", dict(other="Vriendin Naomi", kind="knows")),
        ],
        ("Hamid", "Rahimi"): [
            (0, "add", "Broer Reza", _person("brother", 1, "monthly", ["emotional"], abroad_country="Iran")),
            (0, "add", "Maatje van VluchtelingenWerk", _person("peer", 2, "weekly", ["company", "advice"])),
        ],
    }
)


def _moment(intake: date, days: int) -> datetime:
    day = min(intake + timedelta(days=days), timezone.localdate())
    return datetime.combine(day, time(10, 0), tzinfo=timezone.get_current_timezone())


def load(registrar_for) -> int:
    """Add the story networks to demo clients whose network is empty; return how many members were added."""
    added = 0
    for (given, family), steps in STORIES.items():
        client = Client.objects.filter(given_name=given, family_name=family).first()
        if client is None or Member.objects.filter(client=client).exists():
            continue
        user = registrar_for(client)
        members: dict[str, Member] = {}
        for days, action, name, fields in steps:
            when = _moment(client.intake_date, days)
            if action == "add":
                fields = dict(fields)
                fields.setdefault("sector", SECTOR_OF_RELATION[fields["relation"]])
                member = Member(client=client, name=name, **fields)
                added += 1
            elif action == "link":
                a, b = sorted((members[name], members[fields["other"]]), key=lambda m: m.pk)
                link = Link(client=client, member_a=a, member_b=b, kind=fields["kind"])
                link._history_date, link._history_user = when, user
                link.save()
                continue
            else:
                member = members[name]
                for field, value in fields.items():
                    setattr(member, field, value)
                if action == "remove":
                    member.removed_at = when
                member.version += 1
            member._history_date, member._history_user = when, user
            member.save()
            members[name] = member
    return added
