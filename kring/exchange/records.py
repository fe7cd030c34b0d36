"""Everything Kring holds about one client, found by following the database: the rows that point at the
client, the rows that point at those, and so on, with their history (django-simple-history) rows.

Both GDPR rights use it: inzage (art. 15) shows these rows, erasure (art. 17) deletes them. Following the
foreign keys, not a hand-kept list, means a model added later (meetings, the passport, …) is shown and
erased without anyone remembering to add it here. The access log is the one exception: it is append-only
and holds no names of the client or their network (only ids), so it stays, pseudonymous, as NEN 7513 asks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db import models

from kring.audit.models import AccessLog
from kring.clients.models import Client

# Django's own bookkeeping and the login machinery hold no client data.
SKIPPED_APPS = {"sessions", "axes", "contenttypes", "auth", "admin", "otp_totp", "otp_static", "django_otp"}
CHUNK = 500


@dataclass(frozen=True)
class Edge:
    """Rows of ``model`` whose ``attname`` is an id of ``target``'s rows belong to the client."""

    model: type[models.Model]
    attname: str
    target: type[models.Model]


def history_model(model) -> type[models.Model] | None:
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def is_history(model) -> bool:
    return hasattr(model, "instance_type") or model.__name__.startswith("Historical")


@cache
def edges() -> tuple[Edge, ...]:
    """The static map: every way a row can belong to a client, in an order where a target comes before the
    models that point at it (so one pass over it finds every row)."""
    candidates = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m is not AccessLog and m._meta.app_label not in SKIPPED_APPS and not m._meta.proxy
    ]
    reached: list[type[models.Model]] = [Client]
    found: list[Edge] = []
    changed = True
    while changed:
        changed = False
        for model in candidates:
            for f in model._meta.concrete_fields:
                if not f.is_relation or f.related_model not in reached or f.related_model is model:
                    continue
                edge = Edge(model, f.attname, f.related_model)
                if edge not in found:
                    found.append(edge)
                    changed = True
                if model not in reached:
                    reached.append(model)
        # A history row carries the original's id as a plain field, not as a foreign key.
        for model in list(reached):
            history = history_model(model)
            if history is not None:
                edge = Edge(history, model._meta.pk.attname, model)
                if edge not in found:
                    found.append(edge)
                    changed = True
                if history not in reached:
                    reached.append(history)
    order = {model: i for i, model in enumerate(reached)}
    return tuple(sorted(found, key=lambda e: (order[e.model], order[e.target])))


def _chunks(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


@dataclass
class Holdings:
    """The ids of the client's rows, per model (live and historical)."""

    client: Client
    ids: dict[type[models.Model], set] = field(default_factory=lambda: defaultdict(set))

    def models(self) -> list[type[models.Model]]:
        return [model for model, ids in self.ids.items() if ids]


def holdings(client: Client) -> Holdings:
    """Every row that belongs to the client. The number of queries depends on the models, not on the data."""
    held = Holdings(client=client)
    held.ids[Client].add(client.pk)
    for _round in range(10):
        grew = False
        for edge in edges():
            targets = held.ids.get(edge.target)
            if not targets:
                continue
            found = set()
            for chunk in _chunks(targets):
                found.update(
                    edge.model._base_manager.filter(**{f"{edge.attname}__in": chunk}).values_list("pk", flat=True)
                )
            if found - held.ids[edge.model]:
                held.ids[edge.model].update(found)
                grew = True
        if not grew:
            break
    return held


def delete_all(held: Holdings) -> dict[str, int]:
    """Delete every held row, children first. Raw deletes: no signals, so no new history rows are written
    about what is being erased. Call inside a transaction (foreign keys are checked at its end)."""
    counts = {}
    order = {model: i for i, model in enumerate(dict.fromkeys([Client, *(e.model for e in edges())]))}
    for model in sorted(held.models(), key=lambda m: order.get(m, -1), reverse=True):
        deleted = 0
        manager = model._base_manager
        for chunk in _chunks(held.ids[model]):
            deleted += manager.filter(pk__in=chunk)._raw_delete(manager.db)
        counts[model._meta.label] = deleted
    return counts
