"""A pseudonymised case for case consultation (intervisie): pure Python, no Django.

A team discusses a real client's network without exposing anyone. :func:`pseudonymise` takes the client's
network and lifeline as recorded and returns plain JSON data that is safe to keep and to show:

- every person is a role: "zus", "vriend 1", "vriend 2", "hulpverlener 1"; the client is "de cliënt".
  Stored as the relation code and a number (numbered only when two or more share a role), so the page
  can say it in the reader's language;
- no dates finer than a month (year and month only, never a day);
- no places: no location, no country, no organisation, no address;
- no free text at all: no names, pseudonyms, notes, event titles, phone numbers or e-mail addresses.
  Free text may hold a name, so none of it goes in, whatever it says;
- no exact age: an age band of ten years at most;
- fresh ids: the case's people and events are numbered 1, 2, 3 …, never the record ids.

It works by copying only what is allowed (codes from fixed lists, numbers, yes/no), never by deleting what
is not: a field added to the records later stays out until someone adds it here on purpose. A code that
is not on its list is replaced by a neutral one, so even a damaged record cannot carry text into a case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

FORMAT = 1

# The codes a case may hold. They mirror the choices of the records (kring.network.models and
# kring.lifeline.models); tests/insights/test_pseudonymise.py checks they stay in step.
RELATIONS = (
    "mother",
    "father",
    "brother",
    "sister",
    "child",
    "partner",
    "ex_partner",
    "other_family",
    "friend",
    "acquaintance",
    "neighbour",
    "colleague",
    "peer",
    "faith",
    "club",
    "professional",
    "gp",
    "other",
)
SECTORS = ("family", "friends", "community", "work", "professional")
CIRCLES = (1, 2, 3)
TIE_QUALITIES = ("supportive", "mixed", "stressful")
STATUSES = ("active", "dormant", "restore", "limited")
LIMIT_REASONS = ("not_helpful", "intimidating", "unsafe")
FREQUENCIES = ("daily", "weekly", "monthly", "yearly", "none")
SUPPORTS = ("emotional", "practical", "advice", "company", "financial", "housing")
LINK_KINDS = ("knows", "conflict")
EVENT_KINDS = ("housing", "relationships", "loss", "health", "work", "justice", "other")
TONES = ("good", "hard", "mixed")

AGE_BAND = 10


@dataclass(frozen=True)
class ClientIn:
    """The client as recorded. Names and places come in so that it is plain they do not go out."""

    given_name: str
    family_name: str = ""
    birth_year: int | None = None
    intake_date: date | None = None
    location_name: str = ""


@dataclass(frozen=True)
class PersonIn:
    """A member of the client's network as recorded (current members only)."""

    id: int
    relation: str
    sector: str
    circle: int
    name: str = ""
    pseudonym: str = ""
    tie_quality: str = "supportive"
    status: str = "active"
    limit_reason: str = ""
    contact_frequency: str = ""
    support_received: Sequence[str] = ()
    support_given: Sequence[str] = ()
    emergency_contact: bool = False
    abroad_country: str = ""
    deceased: bool = False
    organisation_name: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class LinkIn:
    a: int
    b: int
    kind: str = "knows"


@dataclass(frozen=True)
class EventIn:
    """A life event as recorded: its title and note are the client's story in their own words."""

    id: int
    year: int
    kind: str
    tone: str
    month: int | None = None
    approximate: bool = False
    title: str = ""
    note: str = ""
    people: Sequence[int] = field(default_factory=tuple)  # ids of PersonIn


def _code(value: str, allowed: Sequence[str], fallback: str) -> str:
    return value if value in allowed else fallback


def _codes(values: Iterable[str], allowed: Sequence[str]) -> list[str]:
    """The allowed codes among ``values``, each once, in the order of ``allowed``."""
    given = set(values or ())
    return [code for code in allowed if code in given]


def age_band(birth_year: int | None, *, year: int) -> list[int] | None:
    """[30, 39] for someone who is (about) 30 to 39 in ``year``; None when unknown or implausible."""
    if not birth_year or birth_year > year:
        return None
    low = (year - birth_year) // AGE_BAND * AGE_BAND
    return [low, low + AGE_BAND - 1]


def _month(day: date | None) -> dict[str, int] | None:
    return {"year": day.year, "month": day.month} if day is not None else None


def _order(person: PersonIn) -> tuple:
    """Numbering order: closest first, then by sector, never by name (a number says nothing about it)."""
    return (
        _code(person.circle, CIRCLES, 3),
        SECTORS.index(_code(person.sector, SECTORS, "friends")),
        person.id,
    )


def pseudonymise(
    client: ClientIn,
    people: Sequence[PersonIn],
    links: Sequence[LinkIn],
    events: Sequence[EventIn],
    *,
    today: date,
) -> dict:
    """The case as JSON-ready data (see the module's docstring for what it holds and what it never does)."""
    ordered = sorted(people, key=_order)
    relation_of = {p.id: _code(p.relation, RELATIONS, "other") for p in ordered}
    role_counts: dict[str, int] = {}
    for relation in relation_of.values():
        role_counts[relation] = role_counts.get(relation, 0) + 1
    seen: dict[str, int] = {}
    case_id: dict[int, int] = {}
    members = []
    for number, person in enumerate(ordered, start=1):
        relation = relation_of[person.id]
        seen[relation] = seen.get(relation, 0) + 1
        case_id[person.id] = number
        status = _code(person.status, STATUSES, "active")
        members.append(
            {
                "id": number,
                "relation": relation,
                "number": seen[relation] if role_counts[relation] > 1 else None,
                "sector": _code(person.sector, SECTORS, "friends"),
                "circle": _code(person.circle, CIRCLES, 3),
                "tie_quality": _code(person.tie_quality, TIE_QUALITIES, "supportive"),
                "status": status,
                "limit_reason": _code(person.limit_reason, LIMIT_REASONS, "") if status == "limited" else "",
                "contact_frequency": _code(person.contact_frequency, FREQUENCIES, ""),
                "support_received": _codes(person.support_received, SUPPORTS),
                "support_given": _codes(person.support_given, SUPPORTS),
                "emergency_contact": bool(person.emergency_contact),
                "abroad": bool(person.abroad_country),
                "deceased": bool(person.deceased),
            }
        )
    case_links = sorted(
        {
            (min(case_id[link.a], case_id[link.b]), max(case_id[link.a], case_id[link.b]), link.kind)
            for link in links
            if link.a in case_id and link.b in case_id and link.a != link.b and link.kind in LINK_KINDS
        }
    )
    dated = sorted(
        (e for e in events if isinstance(e.year, int) and 1900 <= e.year <= today.year),
        key=lambda e: (e.year, e.month or 0, e.id),
    )
    case_events = []
    for number, event in enumerate(dated, start=1):
        month = event.month if isinstance(event.month, int) and 1 <= event.month <= 12 else None
        case_events.append(
            {
                "id": number,
                "year": event.year,
                "month": month,
                "approximate": bool(event.approximate),
                "kind": _code(event.kind, EVENT_KINDS, "other"),
                "tone": _code(event.tone, TONES, "mixed"),
                "people": sorted({case_id[p] for p in event.people if p in case_id}),
            }
        )
    return {
        "format": FORMAT,
        "made": _month(today),
        "client": {
            "age_band": age_band(client.birth_year, year=today.year),
            "in_care_since": _month(client.intake_date),
        },
        "members": members,
        "links": [{"a": a, "b": b, "kind": kind} for a, b, kind in case_links],
        "events": case_events,
    }
