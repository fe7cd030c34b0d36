"""Transfers inside one installation: the client moves to another team, location or organisation, and the
whole network with its history moves along (meeverhuizen).

The states: proposed → accepted → completed, or proposed → declined, or proposed/accepted → withdrawn.
A proposal needs the client's consent to share the network (purpose "transfer"), or an override with a
reason recorded by an admin of the client's organisation. The consent is asked again when the receiving
side accepts and when the transfer is completed: a withdrawal stops a transfer that is under way.

Until completion the receiving side sees only the proposal (name, handover note); the completion moves
the client record, and with it everything that hangs off it. From then on the sending team no longer
sees the client (404); the access-log rows of both sides stay as they were.

Each write runs in one transaction with its access-log row and claims the transfer's ``version``
(optimistic locking): of two people pressing a button at the same time, one wins and the other is told.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.accounts.models import Location, Role, Team, User
from kring.audit.log import Actor, log
from kring.clients import consent as consent_rules
from kring.clients.models import Client, ConsentPurpose, Transfer, TransferStatus, client_history

OPEN = (TransferStatus.PROPOSED, TransferStatus.ACCEPTED)


class ConcurrentTransferError(Exception):
    """Someone else acted on the transfer after this page was opened; nothing was written."""


@dataclass
class TransferProposal:
    to_team: Team
    to_location: Location | None = None
    handover_note: str = ""
    override_reason: str = ""


def consent_holds(transfer: Transfer) -> bool:
    """Whether the transfer may go on: the client's consent is valid today, or an admin recorded an override."""
    return bool(transfer.override_reason) or consent_rules.has_consent(transfer.client, ConsentPurpose.TRANSFER)


def _no_consent_error() -> ValidationError:
    return ValidationError(
        _(
            "De cliënt heeft (nog) geen toestemming gegeven om het netwerk te delen met een ander team of een "
            "andere organisatie, of die toestemming is ingetrokken of verlopen. Leg eerst de toestemming vast."
        )
    )


def _withdrawn_consent_error() -> ValidationError:
    return ValidationError(
        _(
            "De cliënt heeft de toestemming om het netwerk te delen ingetrokken, of die is verlopen. De overdracht "
            "kan daarom niet verder. Bespreek het met het team dat de overdracht voorstelde."
        )
    )


def transfer_propose(*, actor: Actor, client: Client, proposal: TransferProposal) -> Transfer:
    if not policy.can_propose_transfer(actor.user, client):
        raise PermissionError("This user may not transfer this client.")
    to_team, location = proposal.to_team, proposal.to_location
    errors = {}
    if to_team is None:
        errors["to_team"] = _("Kies het team waar de cliënt naartoe gaat.")
    elif location is not None and location.organisation_id != to_team.organisation_id:
        errors["to_location"] = _("Kies een locatie van de organisatie van het nieuwe team.")
    elif to_team.pk == client.team_id and (location is None or location.pk == client.location_id):
        errors["to_team"] = _("De cliënt zit al in dit team. Kies een ander team of een andere locatie.")
    if errors:
        raise ValidationError(errors)

    consent = consent_rules.latest(client, ConsentPurpose.TRANSFER)
    override = proposal.override_reason.strip()
    if consent_rules.is_valid(consent):
        override = ""  # the client agreed: no override needed, none recorded
    else:
        consent = None
        if not policy.can_override_transfer_consent(actor.user, client):
            raise _no_consent_error()
        if not override:
            raise ValidationError(
                {
                    "override_reason": _(
                        "Er is geen geldige toestemming van de cliënt. Schrijf op waarom het netwerk toch mee moet, "
                        "of leg eerst de toestemming vast."
                    )
                }
            )
    if Transfer.objects.filter(client=client, status__in=OPEN).exists():
        raise ValidationError(_("Er loopt al een overdracht voor deze cliënt. Rond die eerst af of trek hem in."))

    transfer = Transfer(
        client=client,
        from_team=client.team,
        to_team=to_team,
        to_location=location,
        handover_note=proposal.handover_note.strip(),
        consent=consent,
        override_reason=override,
        override_by=actor.user if override else None,
        proposed_by=actor.user,
    )
    transfer.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            transfer._history_user = actor.user
            transfer.save()
            log(actor, "clients.transfer.create", client=client, obj=transfer, detail="override" if override else "")
    except IntegrityError:
        # The other of two proposals sent at the same moment won (one open transfer per client).
        raise ValidationError(
            _("Er loopt al een overdracht voor deze cliënt. Rond die eerst af of trek hem in.")
        ) from None
    return transfer


def _claim(transfer: Transfer, expected_version: int | None) -> None:
    """Take the next version in the database if nobody acted in between; else raise."""
    expected = transfer.version if expected_version is None else expected_version
    claimed = Transfer.objects.filter(pk=transfer.pk, version=expected, status=transfer.status).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ConcurrentTransferError
    transfer.version = expected + 1


def _save(transfer: Transfer, actor: Actor, detail: str) -> None:
    transfer._history_user = actor.user
    transfer.save()
    log(actor, "clients.transfer.update", client=transfer.client, obj=transfer, detail=detail)


def transfer_accept(*, actor: Actor, transfer: Transfer, expected_version: int | None) -> Transfer:
    if not policy.can_decide_transfer(actor.user, transfer):
        raise PermissionError("This user may not accept this transfer.")
    if not consent_holds(transfer):
        raise _withdrawn_consent_error()
    with transaction.atomic():
        _claim(transfer, expected_version)
        transfer.status = TransferStatus.ACCEPTED
        transfer.decided_by, transfer.decided_at = actor.user, timezone.now()
        _save(transfer, actor, "accepted")
    return transfer


def transfer_decline(*, actor: Actor, transfer: Transfer, reason: str, expected_version: int | None) -> Transfer:
    if not policy.can_decide_transfer(actor.user, transfer):
        raise PermissionError("This user may not decline this transfer.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf kort op waarom je de overdracht afwijst.")})
    with transaction.atomic():
        _claim(transfer, expected_version)
        transfer.status = TransferStatus.DECLINED
        transfer.decline_reason = reason
        transfer.decided_by, transfer.decided_at = actor.user, timezone.now()
        transfer.full_clean(validate_constraints=False)
        _save(transfer, actor, "declined")
    return transfer


def transfer_withdraw(*, actor: Actor, transfer: Transfer, expected_version: int | None) -> Transfer:
    if not policy.can_withdraw_transfer(actor.user, transfer):
        raise PermissionError("This user may not withdraw this transfer.")
    with transaction.atomic():
        _claim(transfer, expected_version)
        transfer.status = TransferStatus.WITHDRAWN
        _save(transfer, actor, "withdrawn")
    return transfer


def transfer_complete(*, actor: Actor, transfer: Transfer, expected_version: int | None) -> Transfer:
    """The client moves: team, organisation and location change; the network and its history come along.

    Key workers who do not work in the receiving team are let go (the receiving team names its own). The
    client's record version goes up, so an edit form opened before the move cannot undo it.
    """
    if not policy.can_complete_transfer(actor.user, transfer):
        raise PermissionError("This user may not complete this transfer.")
    if not consent_holds(transfer):
        raise _withdrawn_consent_error()
    to_team = transfer.to_team
    with transaction.atomic():
        _claim(transfer, expected_version)
        client = Client.objects.select_for_update().get(pk=transfer.client_id)
        client.team = to_team
        client.organisation_id = to_team.organisation_id
        client.location = transfer.to_location or to_team.location
        client.version += 1
        client.full_clean()
        staying = list(
            User.objects.filter(
                key_clients=client, memberships__team=to_team, memberships__role__in=[Role.WORKER, Role.TEAM_LEAD]
            ).distinct()
        )
        # One history record for the move, as the client services do for a save with its key workers.
        client.skip_history_when_saving = True
        try:
            client.save()
            client.key_workers.set(staying)
        finally:
            del client.skip_history_when_saving
        client._history_user = actor.user
        client_history.create_historical_record(client, "~")
        transfer.client = client
        transfer.status = TransferStatus.COMPLETED
        transfer.completed_at = timezone.now()
        _save(transfer, actor, "completed")
        log(actor, "clients.client.update", client=client, detail=f"transfer {transfer.pk} to team {to_team.pk}")
    return transfer
