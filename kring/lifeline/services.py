"""Writes to a client's lifeline. Each runs in one transaction with its access-log row."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients.models import Client
from kring.lifeline.dates import LifeDate, is_future
from kring.lifeline.models import LifeEvent
from kring.network.models import Member
from kring.versioning import ConcurrentEditError as ConcurrentEditError  # views catch it from here
from kring.versioning import claim_version


@dataclass
class EventData:
    title: str
    kind: str
    tone: str
    year: int
    month: int | None = None
    approximate: bool = False
    members: list[Member] = field(default_factory=list)
    note: str = ""


def future_message() -> str:
    return _("Deze datum ligt in de toekomst. Op de levenslijn komt wat al gebeurd is.")


def _check(client: Client, data: EventData, *, allowed_removed: Collection[int] = ()) -> None:
    """What the model cannot check by itself: the date is not in the future, and every member named
    is in this client's network (a member who left may stay on an event that already named them)."""
    if is_future(LifeDate(data.year, data.month, data.approximate), today=timezone.localdate()):
        raise ValidationError({"when": future_message()})
    for member in data.members:
        if member.client_id != client.pk or (member.removed_at is not None and member.pk not in allowed_removed):
            raise ValidationError({"members": _("Kies alleen mensen uit het netwerk van deze cliënt.")})


def _apply(event: LifeEvent, data: EventData) -> None:
    event.title = " ".join(data.title.split())
    event.kind = data.kind
    event.tone = data.tone
    event.year = data.year
    event.month = data.month
    event.approximate = data.approximate
    event.note = data.note.strip()


def _save(event: LifeEvent, actor: Actor, members: list[Member] | None = None) -> None:
    event._history_user = actor.user
    event.save()
    if members is not None:
        event.members.set(members)


def event_create(*, actor: Actor, client: Client, data: EventData) -> LifeEvent:
    policy.require_edit_client(actor.user, client)
    _check(client, data)
    event = LifeEvent(client=client, created_by=actor.user)
    _apply(event, data)
    event.full_clean()
    with transaction.atomic():
        _save(event, actor, data.members)
        log(actor, "lifeline.event.create", client=client, obj=event)
    return event


def event_update(*, actor: Actor, event: LifeEvent, data: EventData, expected_version: int | None) -> LifeEvent:
    client = event.client
    policy.require_edit_client(actor.user, client)
    _check(client, data, allowed_removed={m.pk for m in event.members.all()})
    _apply(event, data)
    event.full_clean()
    with transaction.atomic():
        claim_version(event, expected_version)
        _save(event, actor, data.members)
        log(actor, "lifeline.event.update", client=client, obj=event)
    return event


def event_remove(*, actor: Actor, event: LifeEvent, expected_version: int | None) -> LifeEvent:
    """Take an event off the lifeline. It stays in the database and its history (removed_at is set)."""
    policy.require_edit_client(actor.user, event.client)
    with transaction.atomic():
        claim_version(event, expected_version)
        event.removed_at = timezone.now()
        _save(event, actor)
        log(actor, "lifeline.event.delete", client=event.client, obj=event)
    return event
