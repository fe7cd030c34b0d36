"""Writes of the client's consent decisions. A decision is never edited: each is a new row, with its
access-log row in the same transaction. Withdrawal is a decision too, dated today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import consent
from kring.clients.models import Client, Consent, ConsentDecision, ConsentMethod, ConsentPurpose


class ConcurrentDecisionError(Exception):
    """Someone recorded a decision about the same purpose (and member) after the form was opened."""

    def __init__(self, newer: Consent):
        super().__init__(f"Consent {newer.pk} was recorded meanwhile.")
        self.newer = newer


@dataclass
class ConsentData:
    purpose: str
    decision: str
    decided_on: date
    method: str = ConsentMethod.VERBAL
    member: object | None = None  # a network.Member, for contact only
    valid_until: date | None = None
    note: str = ""


def _problems(client: Client, data: ConsentData, today: date) -> dict[str, str]:
    """Every rule a decision must meet, by the form field it belongs to (Dutch, for next to the field)."""
    problems = {}
    if data.purpose == ConsentPurpose.CONTACT_MEMBER:
        if data.member is None:
            problems["member"] = _("Kies met wie de cliënt wel of geen contact wil.")
        elif data.member.client_id != client.pk or data.member.removed_at is not None:
            problems["member"] = _("Kies iemand uit het netwerk van deze cliënt.")
    elif data.member is not None:
        problems["member"] = _("Een naaste hoort alleen bij ‘contact opnemen met een naaste’. Laat dit leeg.")
    if data.decided_on > today:
        problems["decided_on"] = _("Deze datum ligt in de toekomst. Kies de dag waarop de cliënt besloot.")
    if data.valid_until is not None:
        if data.decision != ConsentDecision.GIVEN:
            problems["valid_until"] = _("Een einddatum hoort alleen bij toestemming die gegeven is. Laat dit leeg.")
        elif data.valid_until < data.decided_on:
            problems["valid_until"] = _("De einddatum ligt vóór de datum van het besluit. Kies een latere dag.")
    return problems


def consent_record(
    *, actor: Actor, client: Client, data: ConsentData, seen_up_to: int | None = None, today: date | None = None
) -> Consent:
    """Record a decision of the client. ``seen_up_to`` is the newest decision the form showed: a decision
    about the same purpose (and member) recorded after it makes this one wait (ConcurrentDecisionError),
    so a form opened before a withdrawal cannot quietly give consent again."""
    policy.require_edit_client(actor.user, client)
    today = today or timezone.localdate()
    problems = _problems(client, data, today)
    if problems:
        raise ValidationError(problems)
    row = Consent(
        client=client,
        purpose=data.purpose,
        member=data.member if data.purpose == ConsentPurpose.CONTACT_MEMBER else None,
        decision=data.decision,
        method=data.method,
        decided_on=data.decided_on,
        valid_until=data.valid_until,
        note=data.note.strip(),
        recorded_by=actor.user,
    )
    row.full_clean()
    with transaction.atomic():
        if seen_up_to is not None:
            newer = (
                Consent.objects.select_for_update()
                .filter(client=client, purpose=row.purpose, member=row.member, pk__gt=seen_up_to)
                .order_by("-pk")
                .first()
            )
            if newer is not None:
                raise ConcurrentDecisionError(newer)
        _save(row, actor)
        log(actor, "clients.consent.create", client=client, obj=row, detail=_detail(row))
    return row


def consent_withdraw(*, actor: Actor, client: Client, purpose: str, member=None, today: date | None = None) -> Consent:
    """The client takes back consent they gave: a new 'withdrawn' decision dated today, in effect at once."""
    policy.require_edit_client(actor.user, client)
    today = today or timezone.localdate()
    if purpose == ConsentPurpose.CONTACT_MEMBER and (member is None or member.client_id != client.pk):
        raise ValidationError({"member": _("Kies iemand uit het netwerk van deze cliënt.")})
    if purpose != ConsentPurpose.CONTACT_MEMBER:
        member = None
    with transaction.atomic():
        if not consent.is_valid(consent.latest(client, purpose, member=member), today=today):
            raise ValidationError(_("Er is geen geldige toestemming meer om in te trekken."))
        row = Consent(
            client=client,
            purpose=purpose,
            member=member,
            decision=ConsentDecision.WITHDRAWN,
            method=ConsentMethod.VERBAL,
            decided_on=today,
            recorded_by=actor.user,
        )
        row.full_clean()
        _save(row, actor)
        log(actor, "clients.consent.create", client=client, obj=row, detail=_detail(row))
    return row


def _save(row: Consent, actor: Actor) -> None:
    row._history_user = actor.user
    row.save()


def _detail(row: Consent) -> str:
    who = f" member {row.member_id}" if row.member_id else ""
    return f"{row.purpose}{who}: {row.decision}"
