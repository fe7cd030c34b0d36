"""Inzage (GDPR art. 15): everything Kring holds about a client, readable for a person and for a machine.

Built on :mod:`kring.exchange.records`, so every kind of record about the client is in it, including kinds
added after this was written. Per kind of record: the rows as they are now, their history (who changed
what, when), and the access log of the client's record (NEN 7513 §9: who looked, in which role, for which
organisation, what they did). The number of queries depends on the kinds of records, not on how many.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kring.audit.models import AccessLog
from kring.clients.models import Client
from kring.exchange import records

# Shown first, in this order; any other kind of record follows by name.
ORDER = [
    "clients.client",
    "network.member",
    "network.link",
    "lifeline.lifeevent",
    "support.intervention",
    "support.contribution",
    "support.skillspractice",
    "support.action",
    "support.review",
    "support.meeting",
    "measures.questionnaireresponse",
    "clients.consent",
    "clients.transfer",
    "network.mappingsession",
    "network.sessionperson",
]


def _titles() -> dict[str, str]:
    """Section titles in the client's own words, for the records every client has."""
    return {
        "clients.client": _("Je gegevens"),
        "network.member": _("Je netwerk"),
        "network.link": _("Wie kent wie"),
        "lifeline.lifeevent": _("Je levenslijn"),
        "clients.consent": _("Je toestemmingen"),
        "clients.transfer": _("Overdrachten naar een ander team"),
        "network.mappingsession": _("Netwerksessies"),
        "network.sessionperson": _("Genoemd in een netwerksessie"),
    }


def _labels() -> dict[str, str]:
    """Labels for fields whose model gives none of its own."""
    return {
        "organisation": _("Organisatie"),
        "location": _("Locatie"),
        "team": _("Team"),
        "created_at": _("Vastgelegd op"),
        "recorded_at": _("Vastgelegd op"),
        "proposed_by": _("Voorgesteld door"),
        "proposed_at": _("Voorgesteld op"),
        "decided_by": _("Besloten door"),
        "decided_at": _("Besloten op"),
        "completed_at": _("Afgerond op"),
        "override_by": _("Zonder toestemming, door"),
        "started_at": _("Begonnen op"),
        "finished_at": _("Klaar op"),
        "abandoned_at": _("Gestopt op"),
        "member": _("Naaste"),
        "session": _("Netwerksessie"),
        "member_a": _("Naaste"),
        "member_b": _("Naaste"),
        "imported_at": _("Ingelezen op"),
        "created_by": _("Vastgelegd door"),
        "user": _("Medewerker"),
        "action": _("Actie"),
        "meeting": _("Gesprek"),
        "option": _("Mogelijkheid"),
        "participant": _("Deelnemer"),
        "order": _("Volgorde"),
        "person_a": _("Persoon"),
        "person_b": _("Persoon"),
        "prompt_key": _("Vraag"),
        "prompt_keys": _("Genoemd bij de vragen"),
        "left_out": _("Niet op de kaart gezet"),
        "circle": _("Cirkel"),
        "place": _("Plek"),
        "visit": _("Bezoek"),
        "suggestion": _("Plek om samen te bekijken"),
        "intervention": _("Interventie"),
        "element": _("Werkzaam element"),
        "contribution": _("Iets voor een ander"),
        "skillspractice": _("Oefening"),
        "lifeevent": _("Gebeurtenis"),
        "link": _("Verbinding"),
        "scores": _("Uitkomst"),
    }


def _label(f, labels) -> str:
    own = str(f.verbose_name)
    if own == f.name.replace("_", " ") and f.name in labels:
        return str(labels[f.name])
    return own.capitalize()


# Bookkeeping a reader has no use for; the JSON keeps every field.
HIDDEN = {
    "id",
    "version",
    "updated_at",
    "client",
    "history_id",
    "history_change_reason",
    "history_type",
    "request_key",  # a tablet's retry guard
    "is_intake",  # the measures' own markers of which day's figures are which
    "is_latest",
}
NOT_COMPARED = {"version", "updated_at", "created_at", "history_id", "history_date", "history_user"}


@dataclass
class Row:
    title: str
    facts: list[tuple[str, str]]
    data: dict


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    subject: str
    kind: str
    changes: list[tuple[str, str]]
    data: dict


@dataclass
class Inzage:
    client: Client
    created_at: datetime
    sections: list[Section]
    history: list[Change]
    access_log: list[AccessLog]
    retention_months: int

    def as_json(self) -> str:
        return json.dumps(
            {
                "kring_inzage": 1,
                "created_at": self.created_at.isoformat(),
                "client_id": self.client.pk,
                "organisation": self.client.organisation.name,
                "retention_months_after_leaving": self.retention_months,
                "records": {section.key: [row.data for row in section.rows] for section in self.sections},
                "history": [change.data for change in self.history],
                "access_log": [
                    {
                        "timestamp": row.timestamp.isoformat(),
                        "user": row.user_name,
                        "role": row.role,
                        "organisation": row.organisation_name,
                        "action": row.action,
                        "event": row.event,
                        "object_type": row.object_type,
                        "object_id": row.object_id,
                        "detail": row.detail,
                        "ip_address": row.ip_address,
                    }
                    for row in self.access_log
                ],
            },
            ensure_ascii=False,
            indent=2,
            default=_json_value,
        )


def _json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


class _Names:
    """Labels for rows other rows point at (a member's name, a worker's name, a team): one query per kind."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.names: dict[type[models.Model], dict] = {}

    def want(self, model, pk):
        if pk is not None:
            self.wanted[model].add(pk)

    def load(self):
        for model, pks in self.wanted.items():
            fields = {f.name for f in model._meta.concrete_fields}
            if model is Client:
                rows = model._base_manager.filter(pk__in=pks).values_list("pk", "given_name", "family_name")
                self.names[model] = {pk: f"{g} {f}".strip() for pk, g, f in rows}
                continue
            name = next((n for n in ("full_name", "name", "title", "description") if n in fields), None)
            if name is None:
                self.names[model] = {}
                continue
            self.names[model] = dict(model._base_manager.filter(pk__in=pks).values_list("pk", name))

    def of(self, model, pk) -> str:
        if pk is None:
            return "—"
        return str(self.names.get(model, {}).get(pk) or f"{model._meta.verbose_name} {pk}")


def _display(field_, value, names: _Names) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if field_.is_relation:
        return names.of(field_.related_model, value)
    if field_.choices:
        return str(dict(field_.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, list):
        choices = _list_choices(field_)
        return ", ".join(str(choices.get(item, item)) for item in value)
    if isinstance(value, dict):
        readable = _READABLE_JSON.get((field_.model._meta.label, field_.name))
        return readable(value) if readable else json.dumps(value, ensure_ascii=False)
    return str(value)


def _summary_text(content: dict) -> str:
    from kring.support.summary import Summary

    return Summary.from_dict(content).as_text()


# JSON fields that have a readable form: shown so on the page (the download keeps the data as it is).
_READABLE_JSON = {("support.SummaryShare", "content"): _summary_text}


def _list_choices(field_) -> dict:
    """Labels for JSON list fields that hold choice codes (support kinds, languages)."""
    from kring.clients.models import LANGUAGE_CHOICES
    from kring.network.models import Support

    if field_.name in ("support_received", "support_given", "support_kinds"):
        return dict(Support.choices)
    if field_.name == "languages":
        return dict(LANGUAGE_CHOICES)
    return {}


def _fields(model):
    return [f for f in model._meta.concrete_fields if not (f.primary_key and f.name == "history_id")]


def _subject(model, row: dict) -> str:
    for name in ("name", "title", "description", "given_name", "questionnaire", "situation"):
        if row.get(name):
            text = str(row[name])
            if name == "given_name":
                text = f"{text} {row.get('family_name', '')}".strip()
            return text[:80]
    day = row.get("date") or row.get("decided_on")
    if day:
        return formats.date_format(day, "j F Y")
    return f"{model._meta.verbose_name} {row.get('id', '')}".strip()


def collect(client: Client) -> Inzage:
    held = records.holdings(client, rows=True)
    names = _Names()
    live, history, through = {}, {}, {}
    for model in held.models():
        rows = list(held.rows[model].values())
        if records.is_history(model):
            if model._meta.pk.name == "history_id":
                history[model] = rows
            continue  # the history of many-to-many links: in the parent's history
        if model._meta.auto_created:
            through[model] = rows
            continue
        live[model] = rows
    for model, rows in [*live.items(), *history.items(), *through.items()]:
        for f in _fields(model):
            if f.is_relation:
                for row in rows:
                    names.want(f.related_model, row.get(f.attname))
    names.load()

    # Many-to-many fields (the people at a life event, …) on the row that holds them.
    related: dict[tuple[type, str], dict] = {}
    for model in live:
        for m2m in model._meta.many_to_many:
            through_model = m2m.remote_field.through
            if through_model not in through:
                continue
            source = m2m.m2m_column_name()
            target = m2m.m2m_reverse_name()
            by_row = defaultdict(list)
            for row in through[through_model]:
                by_row[row[source]].append(names.of(m2m.related_model, row[target]))
            related[(model, m2m.name)] = by_row

    def rank(model):
        label = model._meta.label_lower
        return (ORDER.index(label) if label in ORDER else len(ORDER), str(model._meta.verbose_name_plural))

    titles, labels = _titles(), _labels()
    sections = []
    for model in sorted(live, key=rank):
        key = model._meta.label_lower
        section = Section(key=key, title=str(titles.get(key) or model._meta.verbose_name_plural).capitalize())
        for row in sorted(live[model], key=lambda r: r["id"]):
            facts, data = [], {}
            for f in _fields(model):
                value = row.get(f.attname)
                data[f.name] = {"id": value, "label": names.of(f.related_model, value)} if f.is_relation else value
                if f.name not in HIDDEN and value not in (None, "", [], {}):
                    facts.append((_label(f, labels), _display(f, value, names)))
            for m2m in model._meta.many_to_many:
                people = related.get((model, m2m.name), {}).get(row["id"])
                if (model, m2m.name) in related:
                    data[m2m.name] = people or []
                    if people:
                        facts.append((str(m2m.verbose_name).capitalize(), ", ".join(people)))
            section.rows.append(Row(title=_subject(model, row), facts=facts, data=data))
        sections.append(section)

    changes = []
    for model, rows in history.items():
        original = model.instance_type
        compared = [f for f in _fields(original) if f.name not in NOT_COMPARED]
        previous: dict = {}
        pk_name = original._meta.pk.attname
        for row in sorted(rows, key=lambda r: (r[pk_name], r["history_date"], r["history_id"])):
            before = previous.get(row[pk_name])
            changed = [f for f in compared if before is not None and row.get(f.attname) != before.get(f.attname)]
            previous[row[pk_name]] = row
            if before is not None and row["history_type"] == "~" and not changed:
                continue
            changes.append(
                Change(
                    when=row["history_date"],
                    who=names.of(model._meta.get_field("history_user").related_model, row.get("history_user_id"))
                    if row.get("history_user_id")
                    else "—",
                    what=str(original._meta.verbose_name).capitalize(),
                    subject=_subject(original, row),
                    kind=row["history_type"],
                    changes=[(_label(f, labels), _display(f, row.get(f.attname), names)) for f in changed],
                    data={
                        "when": row["history_date"],
                        "kind": row["history_type"],
                        "record": original._meta.label_lower,
                        "record_id": row[pk_name],
                        "by": row.get("history_user_id"),
                        "changed": {f.name: [before.get(f.attname), row.get(f.attname)] for f in changed}
                        if before is not None
                        else {f.name: row.get(f.attname) for f in compared},
                    },
                )
            )
    changes.sort(key=lambda c: c.when)

    from kring.accounts.models import Role

    roles = dict(Role.choices)
    access_log = list(AccessLog.objects.filter(client_id=client.pk).order_by("timestamp", "pk"))
    for row in access_log:
        row.role_label = roles.get(row.role, row.role)
    return Inzage(
        client=client,
        created_at=timezone.now(),
        sections=sections,
        history=changes,
        access_log=access_log,
        retention_months=client.organisation.retention_months,
    )
