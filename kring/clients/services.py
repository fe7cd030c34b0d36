"""Writes to the client record. Each runs in one transaction with its access-log row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients.models import Client, ClientStatus, client_history

EDITABLE_FIELDS = (
    "given_name",
    "family_name",
    "birth_year",
    "gender",
    "languages",
    "location",
    "team",
    "status",
    "intake_date",
)


class ConcurrentEditError(Exception):
    """Someone else saved the record after this edit began; nothing was written."""


@dataclass
class ClientData:
    given_name: str
    intake_date: date
    team: object
    family_name: str = ""
    birth_year: int | None = None
    gender: str = ""
    languages: list[str] | None = None
    location: object | None = None
    status: str = ClientStatus.ACTIVE
    key_workers: list | None = None


def _check_scope(actor: Actor, data: ClientData) -> None:
    user = actor.user
    if data.team is None or not policy.teams_for_new_client(user).filter(pk=data.team.pk).exists():
        raise ValidationError({"team": _("Kies een team waarin je werkt.")})
    if data.location is not None and data.location.organisation_id != user.organisation_id:
        raise ValidationError({"location": _("Kies een locatie van je organisatie.")})
    allowed = set(policy.key_worker_candidates(user, data.team).values_list("pk", flat=True))
    if any(worker.pk not in allowed for worker in data.key_workers or []):
        raise ValidationError({"key_workers": _("Een persoonlijk begeleider moet in het team van de cliënt werken.")})


def _save_with_key_workers(client: Client, key_workers, *, actor: Actor, created: bool) -> None:
    """Save the record and its key workers as one change in the history (not one per step)."""
    client.skip_history_when_saving = True
    try:
        client.save()
        client.key_workers.set(key_workers)
    finally:
        del client.skip_history_when_saving
    client._history_user = actor.user
    client_history.create_historical_record(client, "+" if created else "~")


def client_create(*, actor: Actor, data: ClientData) -> Client:
    _check_scope(actor, data)
    client = Client(
        organisation_id=actor.user.organisation_id,
        **{field: getattr(data, field) for field in EDITABLE_FIELDS if field != "languages"},
        languages=list(data.languages or []),
    )
    client.full_clean()
    with transaction.atomic():
        _save_with_key_workers(client, data.key_workers or [], actor=actor, created=True)
        log(actor, "clients.client.create", client=client)
    return client


def client_update(*, actor: Actor, client: Client, data: ClientData, expected_version: int) -> Client:
    """Save the new values if nobody saved in between; else raise :class:`ConcurrentEditError`."""
    if not policy.can_edit_client(actor.user, client):
        raise PermissionError("This user may not change this client.")
    _check_scope(actor, data)
    for field in EDITABLE_FIELDS:
        setattr(client, field, getattr(data, field) if field != "languages" else list(data.languages or []))
    client.full_clean()
    with transaction.atomic():
        # Claim the next version in the database: of two concurrent saves, only one can match.
        claimed = Client.objects.filter(pk=client.pk, version=expected_version).update(version=F("version") + 1)
        if not claimed:
            raise ConcurrentEditError
        client.version = expected_version + 1
        _save_with_key_workers(client, data.key_workers or [], actor=actor, created=False)
        log(actor, "clients.client.update", client=client)
    return client
