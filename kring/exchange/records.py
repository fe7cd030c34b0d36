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
    rows: dict[type[models.Model], dict] | None = None  # with ``holdings(rows=True)``: every row by id, as values

    def models(self) -> list[type[models.Model]]:
        return [model for model, ids in self.ids.items() if ids]


@cache
def _groups() -> dict[type[models.Model], list[Edge]]:
    """The edges by model, each model after every model it points at where there is no cycle (so one pass
    finds nearly everything), else in the order of ``edges()``."""
    groups: dict[type[models.Model], list[Edge]] = {}
    for edge in edges():
        groups.setdefault(edge.model, []).append(edge)
    waiting = {
        model: {e.target for e in group if e.target in groups and e.target is not model}
        for model, group in groups.items()
    }
    ordered: list[type[models.Model]] = []
    while waiting:
        ready = next((model for model, targets in waiting.items() if not targets), None)
        if ready is None:  # a cycle: take the first in the order of ``edges()``
            ready = next(iter(waiting))
        ordered.append(ready)
        del waiting[ready]
        for targets in waiting.values():
            targets.discard(ready)
    return {model: groups[model] for model in ordered}


def holdings(client: Client, *, rows: bool = False) -> Holdings:
    """Every row that belongs to the client. The number of queries depends on the models, not on the data.

    One query per model (all its ways to the client at once, in chunks), following the edges in order; a
    model is asked again only for the ids of its targets found after it was asked (a cycle through history
    rows), until nothing new turns up. With ``rows``, the same queries fetch the rows themselves (as
    ``values()``), for a caller that shows them.
    """
    held = Holdings(client=client, rows=defaultdict(dict) if rows else None)
    held.ids[Client].add(client.pk)
    if rows:
        held.rows[Client][client.pk] = Client._base_manager.filter(pk=client.pk).values()[0]
    groups = _groups()
    asked: dict[Edge, set] = defaultdict(set)  # target ids each edge was asked about
    for _round in range(10):
        grew = False
        for model, group in groups.items():
            wanted = []
            for edge in group:
                new = held.ids.get(edge.target, set()) - asked[edge]
                if new:
                    asked[edge].update(new)
                    wanted.extend((edge.attname, pk) for pk in sorted(new))
            if not wanted:
                continue
            found = set()
            for start in range(0, len(wanted), CHUNK):
                by_field = defaultdict(list)
                for attname, pk in wanted[start : start + CHUNK]:
                    by_field[attname].append(pk)
                condition = models.Q()
                for attname, pks in by_field.items():
                    condition |= models.Q(**{f"{attname}__in": pks})
                queryset = model._base_manager.filter(condition)
                if rows:
                    pk_name = model._meta.pk.attname
                    for row in queryset.values():
                        held.rows[model][row[pk_name]] = row
                        found.add(row[pk_name])
                else:
                    found.update(queryset.values_list("pk", flat=True))
            if found - held.ids[model]:
                held.ids[model].update(found)
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
