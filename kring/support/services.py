"""Writes for actions (next steps) and network reviews. Each runs in one transaction with its access-log row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients.models import Client
from kring.network.models import Member
from kring.support.models import Action, ActionOwner, ActionStatus, ClientRecord, Review
from kring.versioning import ConcurrentEditError as ConcurrentEditError  # views catch it from here
from kring.versioning import claim_version


def _check_members(client: Client, members, field_name: str = "members") -> None:
    if any(m.client_id != client.pk or m.removed_at is not None for m in members):
        raise ValidationError({field_name: _("Kies alleen mensen uit het netwerk van deze cliënt.")})


def _save(record: ClientRecord, actor: Actor, members=None) -> None:
    record._history_user = actor.user
    record.save()
    if members is not None:
        record.members.set(members)


# --- Actions ----------------------------------------------------------------------------------------


@dataclass
class ActionData:
    description: str
    owner_kind: str
    owner_user: object = None
    owner_member: Member | None = None
    due_date: date | None = None
    members: list[Member] = field(default_factory=list)
    note: str = ""


# A due date further ahead than this is a typo in the year (2062 for 2026), as for a planned meeting.
DUE_DAYS_AHEAD = 2 * 365


def _apply_action(action: Action, data: ActionData) -> None:
    client = action.client
    action.description = data.description.strip()
    action.owner_kind = data.owner_kind
    action.owner_user = data.owner_user if data.owner_kind == ActionOwner.WORKER else None
    action.owner_member = data.owner_member if data.owner_kind == ActionOwner.MEMBER else None
    action.due_date = data.due_date
    action.note = data.note.strip()
    errors = {}
    if data.owner_kind not in ActionOwner.values:
        errors["owner"] = _("Kies wie dit gaat doen.")
    elif data.owner_kind == ActionOwner.WORKER and (
        action.owner_user is None or not policy.can_edit_client(action.owner_user, client)
    ):
        errors["owner"] = _("Kies een begeleider die met deze cliënt werkt.")
    elif data.owner_kind == ActionOwner.MEMBER and (
        action.owner_member is None
        or action.owner_member.client_id != client.pk
        or action.owner_member.removed_at is not None
    ):
        errors["owner"] = _("Kies iemand uit het netwerk van deze cliënt.")
    if data.due_date is not None and data.due_date > timezone.localdate() + timedelta(days=DUE_DAYS_AHEAD):
        errors["due_date"] = _("Deze datum ligt meer dan twee jaar vooruit. Kijk het jaartal na.")
    if errors:
        raise ValidationError(errors)
    _check_members(client, data.members)


def action_create(*, actor: Actor, client: Client, data: ActionData) -> Action:
    policy.require_edit_client(actor.user, client)
    action = Action(client=client, created_by=actor.user)
    _apply_action(action, data)
    action.full_clean()
    with transaction.atomic():
        _save(action, actor, data.members)
        log(actor, "support.action.create", client=client, obj=action)
    return action


def action_update(*, actor: Actor, action: Action, data: ActionData, expected_version: int | None) -> Action:
    policy.require_edit_client(actor.user, action.client)
    _apply_action(action, data)
    action.full_clean()
    with transaction.atomic():
        claim_version(action, expected_version)
        _save(action, actor, data.members)
        log(actor, "support.action.update", client=action.client, obj=action)
    return action


def action_set_status(*, actor: Actor, action: Action, status: str, expected_version: int | None) -> Action:
    """Mark an action done, not done or no longer needed, or open it again."""
    policy.require_edit_client(actor.user, action.client)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    action.status = status
    action.closed_at = None if status == ActionStatus.OPEN else timezone.now()
    with transaction.atomic():
        claim_version(action, expected_version)
        _save(action, actor)
        log(actor, "support.action.update", client=action.client, obj=action, detail=f"status {status}")
    return action


def action_remove(*, actor: Actor, action: Action, expected_version: int | None) -> Action:
    """Take an action off the list (entered by mistake). Kept in the history."""
    policy.require_edit_client(actor.user, action.client)
    action.removed_at = timezone.now()
    with transaction.atomic():
        claim_version(action, expected_version)
        _save(action, actor)
        log(actor, "support.action.delete", client=action.client, obj=action)
    return action


# --- Network reviews --------------------------------------------------------------------------------


@dataclass
class ReviewData:
    date: date
    next_review_on: date
    note: str = ""


def _apply_review(review: Review, data: ReviewData) -> None:
    today = timezone.localdate()
    errors = {}
    if data.date > today:
        errors["date"] = _("Deze datum ligt in de toekomst. Leg een bespreking vast als die is geweest.")
    if data.next_review_on <= data.date:
        errors["next_review_on"] = _("De volgende bespreking moet na deze bespreking liggen.")
    if errors:
        raise ValidationError(errors)
    review.date, review.next_review_on, review.note = data.date, data.next_review_on, data.note.strip()


def review_create(*, actor: Actor, client: Client, data: ReviewData) -> Review:
    policy.require_edit_client(actor.user, client)
    review = Review(client=client, created_by=actor.user)
    _apply_review(review, data)
    review.full_clean()
    with transaction.atomic():
        _save(review, actor)
        log(actor, "support.review.create", client=client, obj=review)
    return review


def review_remove(*, actor: Actor, review: Review, expected_version: int | None) -> Review:
    policy.require_edit_client(actor.user, review.client)
    review.removed_at = timezone.now()
    with transaction.atomic():
        claim_version(review, expected_version)
        _save(review, actor)
        log(actor, "support.review.delete", client=review.client, obj=review)
    return review
