"""Writes and reads of the worker's records about the network: interventions, "iets voor een ander"
(what the client does for others) and social-skills practice.

Each write is one function that checks the actor may change the client, validates, and writes the record,
its history and its access-log row in one transaction. Updates name the version the form started from
(optimistic locking); removal is soft (``removed_at``), so the history keeps what was there.

The selectors at the bottom give the current records of a client or of one member, with everything a list
shows prefetched: the number of queries does not grow with the number of records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients.models import Client
from kring.network import services as network_services
from kring.network.models import Member, Support
from kring.support.models import Contribution, Element, Intervention, InterventionMode, Outcome, SkillsPractice
from kring.versioning import ConcurrentEditError as ConcurrentEditError  # views catch it from here
from kring.versioning import claim_version


@dataclass
class InterventionData:
    date: date
    elements: list[Element]
    mode: InterventionMode | None
    members: list[Member] = field(default_factory=list)
    note: str = ""
    outcome: str = ""


@dataclass
class ContributionData:
    date: date
    description: str
    support_kinds: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    note: str = ""


@dataclass
class SkillsPracticeData:
    date: date
    situation: str
    what_happened: str = ""
    consequence: str = ""
    alternative: str = ""
    next_time: str = ""
    members: list[Member] = field(default_factory=list)


# --- shared steps ----------------------------------------------------------------------------------------


def _check_date(day: date | None) -> None:
    if day is None:
        raise ValidationError({"date": _("Vul de datum in.")})
    if day > timezone.localdate():
        raise ValidationError({"date": _("Deze datum ligt in de toekomst. Vul de dag in waarop het gebeurde.")})


def _check_members(client: Client, members: list[Member], already: set[int]) -> None:
    """Members of this client's current network; one already on the record may stay after leaving it."""
    for member in members:
        if member.client_id != client.pk or (member.removed_at is not None and member.pk not in already):
            raise ValidationError({"members": _("Kies mensen uit het netwerk van deze cliënt.")})


def _linked_ids(record, name: str) -> set[int]:
    if record.pk is None:
        return set()
    return set(getattr(record, name).values_list("pk", flat=True))


def _save(record, actor: Actor, *, created: bool, m2m: dict | None = None) -> None:
    """Save the record and its many-to-many fields as one change in its history (not one per field)."""
    record._history_user = actor.user
    record.skip_history_when_saving = True
    try:
        record.save()
        for name, values in (m2m or {}).items():
            getattr(record, name).set(values)
    finally:
        del record.skip_history_when_saving
    # simple-history writes its row (with the many-to-many values as they are now) on post_save. Its
    # HistoricalRecords object is not reachable from the model, so tell it the way it listens.
    models.signals.post_save.send(
        sender=type(record), instance=record, created=created, raw=False, using=record._state.db, update_fields=None
    )


def _remove(record, actor: Actor, expected_version: int | None, event: str):
    policy.require_edit_client(actor.user, record.client)
    with transaction.atomic():
        claim_version(record, expected_version)
        record.removed_at = timezone.now()
        _save(record, actor, created=False)
        log(actor, event, client=record.client, obj=record)
    return record


# --- interventions ---------------------------------------------------------------------------------------


def _check_catalogue(client: Client, data: InterventionData, intervention: Intervention) -> None:
    """Elements and form from the client's organisation, switched on (or already on this record)."""
    errors = {}
    already = _linked_ids(intervention, "elements")
    if not data.elements:
        errors["elements"] = _("Kies minstens één werkzaam element.")
    elif any(e.organisation_id != client.organisation_id or not (e.active or e.pk in already) for e in data.elements):
        errors["elements"] = _("Kies werkzame elementen uit de lijst.")
    mode = data.mode
    if mode is None:
        errors["mode"] = _("Kies hoe het contact ging: een gesprek, telefoon, huisbezoek…")
    elif mode.organisation_id != client.organisation_id or not (mode.active or mode.pk == intervention.mode_id):
        errors["mode"] = _("Kies een vorm uit de lijst.")
    if data.outcome and data.outcome not in Outcome.values:
        errors["outcome"] = _("Kies een uitkomst uit de lijst.")
    if errors:
        raise ValidationError(errors)


def _apply_intervention(intervention: Intervention, data: InterventionData) -> None:
    client = intervention.client
    _check_date(data.date)
    _check_catalogue(client, data, intervention)
    _check_members(client, data.members, _linked_ids(intervention, "members"))
    intervention.date = data.date
    intervention.mode = data.mode
    intervention.note = data.note.strip()
    intervention.outcome = data.outcome
    intervention.full_clean()


def _intervention_m2m(data: InterventionData) -> dict:
    return {"elements": list(data.elements), "members": list(data.members)}


def intervention_create(*, actor: Actor, client: Client, data: InterventionData) -> Intervention:
    policy.require_edit_client(actor.user, client)
    intervention = Intervention(client=client, created_by=actor.user)
    _apply_intervention(intervention, data)
    with transaction.atomic():
        _save(intervention, actor, created=True, m2m=_intervention_m2m(data))
        log(actor, "support.intervention.create", client=client, obj=intervention)
    return intervention


def intervention_update(
    *, actor: Actor, intervention: Intervention, data: InterventionData, expected_version: int | None
) -> Intervention:
    policy.require_edit_client(actor.user, intervention.client)
    _apply_intervention(intervention, data)
    with transaction.atomic():
        claim_version(intervention, expected_version)
        _save(intervention, actor, created=False, m2m=_intervention_m2m(data))
        log(actor, "support.intervention.update", client=intervention.client, obj=intervention)
    return intervention


def intervention_remove(*, actor: Actor, intervention: Intervention, expected_version: int | None) -> Intervention:
    return _remove(intervention, actor, expected_version, "support.intervention.delete")


# --- iets voor een ander (contributions) -------------------------------------------------------------


def _apply_contribution(contribution: Contribution, data: ContributionData) -> None:
    _check_date(data.date)
    description = data.description.strip()
    if not description:
        raise ValidationError({"description": _("Schrijf kort op wat de cliënt deed.")})
    if set(data.support_kinds) - set(Support.values):
        raise ValidationError({"support_kinds": _("Kies een soort steun uit de lijst.")})
    _check_members(contribution.client, data.members, _linked_ids(contribution, "members"))
    contribution.date = data.date
    contribution.description = description
    contribution.support_kinds = [kind for kind in Support.values if kind in set(data.support_kinds)]
    contribution.note = data.note.strip()
    contribution.full_clean()


def _add_support_to_members(actor: Actor, contribution: Contribution, members: list[Member]) -> None:
    """What the client did shows in the network: each person helped gets these kinds under "support given"."""
    if not contribution.support_kinds:
        return
    for member in members:
        if member.removed_at is None:
            member.client = contribution.client
            try:
                network_services.add_support_given(actor=actor, member=member, kinds=contribution.support_kinds)
            except network_services.ConcurrentEditError:
                # Raised inside the caller's transaction: the contribution is not saved either.
                raise ValidationError(
                    {
                        "members": _(
                            "Iemand anders wijzigde net het netwerk. Er is niets opgeslagen; probeer het nog eens."
                        )
                    }
                ) from None


def contribution_create(*, actor: Actor, client: Client, data: ContributionData) -> Contribution:
    policy.require_edit_client(actor.user, client)
    contribution = Contribution(client=client, created_by=actor.user)
    _apply_contribution(contribution, data)
    with transaction.atomic():
        _save(contribution, actor, created=True, m2m={"members": list(data.members)})
        log(actor, "support.contribution.create", client=client, obj=contribution)
        _add_support_to_members(actor, contribution, data.members)
    return contribution


def contribution_update(
    *, actor: Actor, contribution: Contribution, data: ContributionData, expected_version: int | None
) -> Contribution:
    """Save the new values. Support added to the network earlier stays there: the client did give it."""
    policy.require_edit_client(actor.user, contribution.client)
    _apply_contribution(contribution, data)
    with transaction.atomic():
        claim_version(contribution, expected_version)
        _save(contribution, actor, created=False, m2m={"members": list(data.members)})
        log(actor, "support.contribution.update", client=contribution.client, obj=contribution)
        _add_support_to_members(actor, contribution, data.members)
    return contribution


def contribution_remove(*, actor: Actor, contribution: Contribution, expected_version: int | None) -> Contribution:
    return _remove(contribution, actor, expected_version, "support.contribution.delete")


# --- social-skills practice ------------------------------------------------------------------------------

SKILLS_TEXT_FIELDS = ("situation", "what_happened", "consequence", "alternative", "next_time")


def _apply_skills(practice: SkillsPractice, data: SkillsPracticeData) -> None:
    _check_date(data.date)
    if not data.situation.strip():
        raise ValidationError({"situation": _("Schrijf kort op om welke situatie het ging.")})
    _check_members(practice.client, data.members, _linked_ids(practice, "members"))
    practice.date = data.date
    for name in SKILLS_TEXT_FIELDS:
        setattr(practice, name, getattr(data, name).strip())
    practice.full_clean()


def skills_practice_create(*, actor: Actor, client: Client, data: SkillsPracticeData) -> SkillsPractice:
    policy.require_edit_client(actor.user, client)
    practice = SkillsPractice(client=client, created_by=actor.user)
    _apply_skills(practice, data)
    with transaction.atomic():
        _save(practice, actor, created=True, m2m={"members": list(data.members)})
        log(actor, "support.skills.create", client=client, obj=practice)
    return practice


def skills_practice_update(
    *, actor: Actor, practice: SkillsPractice, data: SkillsPracticeData, expected_version: int | None
) -> SkillsPractice:
    policy.require_edit_client(actor.user, practice.client)
    _apply_skills(practice, data)
    with transaction.atomic():
        claim_version(practice, expected_version)
        _save(practice, actor, created=False, m2m={"members": list(data.members)})
        log(actor, "support.skills.update", client=practice.client, obj=practice)
    return practice


def skills_practice_remove(*, actor: Actor, practice: SkillsPractice, expected_version: int | None) -> SkillsPractice:
    return _remove(practice, actor, expected_version, "support.skills.delete")


# --- selectors -------------------------------------------------------------------------------------------
# Current records, newest first, with what a list or timeline shows prefetched: a constant number of
# queries (one for the records with their mode, one per many-to-many field) whatever the number of records.
# The caller has loaded the client or member through the access policy.


def _interventions() -> models.QuerySet[Intervention]:
    return Intervention.objects.current().select_related("mode", "created_by").prefetch_related("elements", "members")


def _contributions() -> models.QuerySet[Contribution]:
    return Contribution.objects.current().select_related("created_by").prefetch_related("members")


def _skills() -> models.QuerySet[SkillsPractice]:
    return SkillsPractice.objects.current().select_related("created_by").prefetch_related("members")


def interventions_for_client(client: Client) -> models.QuerySet[Intervention]:
    return _interventions().filter(client=client)


def contributions_for_client(client: Client) -> models.QuerySet[Contribution]:
    return _contributions().filter(client=client)


def skills_for_client(client: Client) -> models.QuerySet[SkillsPractice]:
    return _skills().filter(client=client)


def interventions_for_member(member: Member) -> models.QuerySet[Intervention]:
    return _interventions().filter(client_id=member.client_id, members=member)


def contributions_for_member(member: Member) -> models.QuerySet[Contribution]:
    return _contributions().filter(client_id=member.client_id, members=member)


def skills_for_member(member: Member) -> models.QuerySet[SkillsPractice]:
    return _skills().filter(client_id=member.client_id, members=member)
