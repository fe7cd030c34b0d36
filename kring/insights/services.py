"""Writes of the implementation monitor, the training records and case consultation (intervisie).

Each write checks who may make it, validates, writes and logs in one transaction. The records here are a
team's, not a client's, so their log rows name no client; the one exception is making a pseudonymised
case, which reads a client's network and lifeline and is logged as an export of that client.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.insights import pseudonymise as pseudo
from kring.insights.models import (
    Condition,
    ConditionLevel,
    ConditionScore,
    Consultation,
    ConsultationCase,
    ConsultationStatus,
    SelfAssessment,
    TrainingPart,
    TrainingRecord,
)
from kring.versioning import ConcurrentEditError as ConcurrentEditError  # views catch it from here
from kring.versioning import claim_version

EARLIEST = date(2000, 1, 1)


def _require_manager(user, team) -> None:
    if not policy.can_manage_team_insights(user, team):
        raise PermissionError("Only the team lead or an admin may change this team's insights.")


def _check_day(day: date | None, errors: dict, key: str) -> None:
    if day is None:
        errors[key] = _("Vul de datum in.")
    elif day > timezone.localdate():
        errors[key] = _("Deze datum ligt in de toekomst. Vul een datum in van vandaag of eerder.")
    elif day < EARLIEST:
        errors[key] = _("Deze datum ligt te ver terug. Vul een datum in na 1 januari 2000.")


# --- the implementation monitor ----------------------------------------------------------------------


@dataclass
class AssessmentData:
    assessed_on: date | None
    note: str = ""
    levels: dict[str, int] = field(default_factory=dict)  # condition → level 1..4
    notes: dict[str, str] = field(default_factory=dict)  # condition → short note


def _validate_assessment(data: AssessmentData) -> None:
    errors: dict[str, str] = {}
    _check_day(data.assessed_on, errors, "assessed_on")
    for condition in Condition:
        if data.levels.get(condition.value) not in ConditionLevel.values:
            errors[f"level_{condition.value}"] = _("Kies hoe ver jullie hiermee zijn.")
    if errors:
        raise ValidationError(errors)


def _save_scores(assessment: SelfAssessment, data: AssessmentData, actor: Actor) -> None:
    existing = {s.condition: s for s in assessment.scores.all()} if assessment.pk else {}
    for condition in Condition:
        score = existing.get(condition.value) or ConditionScore(assessment=assessment, condition=condition.value)
        level, note = data.levels[condition.value], data.notes.get(condition.value, "").strip()
        if score.pk and score.level == level and score.note == note:
            continue
        score.level, score.note = level, note
        score._history_user = actor.user
        score.full_clean()
        score.save()


def assessment_create(*, actor: Actor, team, data: AssessmentData) -> SelfAssessment:
    _require_manager(actor.user, team)
    _validate_assessment(data)
    assessment = SelfAssessment(
        organisation_id=team.organisation_id,
        team=team,
        assessed_on=data.assessed_on,
        note=data.note.strip(),
        created_by=actor.user,
    )
    assessment.full_clean()
    with transaction.atomic():
        assessment._history_user = actor.user
        assessment.save()
        _save_scores(assessment, data, actor)
        log(actor, "insights.assessment.create", obj=assessment)
    return assessment


def assessment_update(
    *, actor: Actor, assessment: SelfAssessment, data: AssessmentData, expected_version: int | None
) -> SelfAssessment:
    _require_manager(actor.user, assessment.team)
    _validate_assessment(data)
    assessment.assessed_on = data.assessed_on
    assessment.note = data.note.strip()
    assessment.full_clean()
    with transaction.atomic():
        claim_version(assessment, expected_version)
        assessment._history_user = actor.user
        assessment.save()
        _save_scores(assessment, data, actor)
        log(actor, "insights.assessment.update", obj=assessment)
    return assessment


def assessment_remove(*, actor: Actor, assessment: SelfAssessment, expected_version: int | None) -> SelfAssessment:
    """Take an assessment out of the overview and the trend; it stays in the history."""
    _require_manager(actor.user, assessment.team)
    with transaction.atomic():
        claim_version(assessment, expected_version)
        assessment.removed_at = timezone.now()
        assessment._history_user = actor.user
        assessment.save()
        log(actor, "insights.assessment.delete", obj=assessment)
    return assessment


# --- training ----------------------------------------------------------------------------------------


@dataclass
class TrainingData:
    users: list = field(default_factory=list)  # users of the team
    part: str = ""
    followed_on: date | None = None
    note: str = ""


def training_record_add(*, actor: Actor, team, data: TrainingData) -> list[TrainingRecord]:
    """Record that these workers of ``team`` followed a part of the training on a day."""
    _require_manager(actor.user, team)
    errors: dict[str, str] = {}
    member_ids = set(team_worker_ids(team))
    if not data.users:
        errors["users"] = _("Kies wie dit dagdeel gevolgd heeft.")
    elif any(u.pk not in member_ids for u in data.users):
        errors["users"] = _("Kies alleen mensen uit dit team.")
    if data.part not in TrainingPart.values:
        errors["part"] = _("Kies een dagdeel.")
    _check_day(data.followed_on, errors, "followed_on")
    if not errors:
        already = TrainingRecord.objects.filter(
            organisation_id=team.organisation_id,
            user__in=data.users,
            part=data.part,
            followed_on=data.followed_on,
            removed_at__isnull=True,
        ).select_related("user")
        names = sorted({r.user.full_name for r in already})
        if names:
            errors["users"] = _("Dit staat al vastgelegd voor: %(names)s.") % {"names": ", ".join(names)}
    if errors:
        raise ValidationError(errors)
    records = []
    with transaction.atomic():
        for user in data.users:
            record = TrainingRecord(
                organisation_id=team.organisation_id,
                user=user,
                part=data.part,
                followed_on=data.followed_on,
                note=data.note.strip(),
                recorded_by=actor.user,
            )
            record.full_clean()
            record._history_user = actor.user
            record.save()
            log(actor, "insights.training.create", obj=record)
            records.append(record)
    return records


def training_record_remove(*, actor: Actor, team, record: TrainingRecord) -> TrainingRecord:
    _require_manager(actor.user, team)
    if record.user_id not in set(team_worker_ids(team)) or record.removed_at is not None:
        raise PermissionError("This record is not one of this team's.")
    with transaction.atomic():
        record.removed_at = timezone.now()
        record._history_user = actor.user
        record.save()
        log(actor, "insights.training.delete", obj=record)
    return record


def team_worker_ids(team) -> list[int]:
    """The active workers and team leads of a team."""
    from kring.accounts.models import Role, User

    return list(
        User.objects.filter(
            is_active=True,
            organisation_id=team.organisation_id,
            memberships__team=team,
            memberships__role__in=[Role.WORKER, Role.TEAM_LEAD],
        )
        .values_list("pk", flat=True)
        .distinct()
    )


# --- case consultation -------------------------------------------------------------------------------


@dataclass
class ConsultationData:
    planned_for: datetime | None
    topic: str = ""
    status: str = ConsultationStatus.PLANNED
    notes: str = ""
    attendees: list = field(default_factory=list)


def _validate_consultation(team, data: ConsultationData) -> None:
    errors: dict[str, str] = {}
    if data.planned_for is None:
        errors["planned_for"] = _("Vul in wanneer de bespreking is.")
    elif data.planned_for.date() < EARLIEST:
        errors["planned_for"] = _("Deze datum ligt te ver terug. Vul een datum in na 1 januari 2000.")
    if not data.topic.strip():
        errors["topic"] = _("Schrijf kort waar de bespreking over gaat.")
    if data.status not in ConsultationStatus.values:
        errors["status"] = _("Kies of de bespreking gepland is, gehouden is of niet doorgaat.")
    elif data.status == ConsultationStatus.HELD and data.planned_for and data.planned_for > timezone.now():
        errors["status"] = _("Deze bespreking is nog niet geweest. Zet hem op gehouden als hij voorbij is.")
    member_ids = set(team_worker_ids(team))
    if any(u.pk not in member_ids for u in data.attendees):
        errors["attendees"] = _("Kies alleen mensen uit dit team.")
    if errors:
        raise ValidationError(errors)


def consultation_plan(*, actor: Actor, team, data: ConsultationData) -> Consultation:
    _require_manager(actor.user, team)
    _validate_consultation(team, data)
    consultation = Consultation(
        organisation_id=team.organisation_id,
        team=team,
        planned_for=data.planned_for,
        topic=data.topic.strip(),
        status=data.status,
        notes=data.notes.strip(),
        created_by=actor.user,
    )
    consultation.full_clean()
    with transaction.atomic():
        consultation._history_user = actor.user
        consultation.save()
        consultation.attendees.set(data.attendees)
        log(actor, "insights.consultation.create", obj=consultation)
    return consultation


def consultation_update(
    *, actor: Actor, consultation: Consultation, data: ConsultationData, expected_version: int | None
) -> Consultation:
    _require_manager(actor.user, consultation.team)
    _validate_consultation(consultation.team, data)
    consultation.planned_for = data.planned_for
    consultation.topic = data.topic.strip()
    consultation.status = data.status
    consultation.notes = data.notes.strip()
    consultation.full_clean()
    with transaction.atomic():
        claim_version(consultation, expected_version)
        consultation._history_user = actor.user
        consultation.save()
        consultation.attendees.set(data.attendees)
        log(actor, "insights.consultation.update", obj=consultation)
    return consultation


def can_bring_case(user, consultation: Consultation) -> bool:
    """A worker or team lead of the consultation's team, while the session is not cancelled."""
    return consultation.team_id in policy.client_team_ids(user) and consultation.status != ConsultationStatus.CANCELLED


def case_clients(user, consultation: Consultation):
    """The clients a user may bring to this consultation: their own clients in its team."""
    from kring.clients.models import Client

    return policy.clients_visible_to(user, Client.objects.filter(team_id=consultation.team_id))


_PHONE = re.compile(r"(?:\+|\b0)\d[\d\s-]{7,}\d")


def _check_own_words(title: str, question: str, client) -> dict[str, str]:
    """The title and question are the worker's own words: refuse the client's name and phone numbers."""
    names = [n for n in (client.given_name, *client.family_name.split()) if len(n) >= 2]
    names = [n for n in names if n.lower() not in {"van", "de", "der", "den", "het", "ter", "te", "la", "le", "el"}]
    errors = {}
    for key, text in (("title", title), ("question", question)):
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE) for n in names):
            errors[key] = _("Hier staat de naam van de cliënt in. Schrijf 'de cliënt' of een rol, zoals 'zus'.")
        elif _PHONE.search(text):
            errors[key] = _("Hier staat een telefoonnummer in. Laat het weg: de casus is zonder gegevens.")
    return errors


def case_input(client):
    """The client's current network and lifeline as plain data for :func:`pseudonymise.pseudonymise`."""
    from kring.lifeline.models import LifeEvent
    from kring.network.models import Link, Member

    members = list(Member.objects.current().filter(client=client))
    people = [
        pseudo.PersonIn(
            id=m.pk,
            relation=m.relation,
            sector=m.sector,
            circle=m.circle,
            name=m.name,
            pseudonym=m.pseudonym,
            tie_quality=m.tie_quality,
            status=m.status,
            limit_reason=m.limit_reason,
            contact_frequency=m.contact_frequency,
            support_received=tuple(m.support_received or ()),
            support_given=tuple(m.support_given or ()),
            emergency_contact=m.emergency_contact,
            abroad_country=m.abroad_country,
            deceased=m.deceased,
            organisation_name=m.organisation_name,
            phone=m.phone,
            email=m.email,
            notes=m.notes,
        )
        for m in members
    ]
    links = [
        pseudo.LinkIn(a, b, kind)
        for a, b, kind in Link.objects.filter(client=client).values_list("member_a_id", "member_b_id", "kind")
    ]
    events = [
        pseudo.EventIn(
            id=e.pk,
            year=e.year,
            month=e.month,
            approximate=e.approximate,
            kind=e.kind,
            tone=e.tone,
            title=e.title,
            note=e.note,
            people=tuple(m.pk for m in e.members.all()),
        )
        for e in LifeEvent.objects.current().filter(client=client).prefetch_related("members")
    ]
    who = pseudo.ClientIn(
        given_name=client.given_name,
        family_name=client.family_name,
        birth_year=client.birth_year,
        intake_date=client.intake_date,
        location_name=client.location.name if client.location_id else "",
    )
    return who, people, links, events


def case_create(
    *, actor: Actor, consultation: Consultation, client, title: str, question: str = ""
) -> ConsultationCase:
    """Freeze a pseudonymised case of ``client`` for the consultation. The case keeps no link to the
    client; the access log records who made it from which client."""
    user = actor.user
    if not can_bring_case(user, consultation):
        raise PermissionError("This user cannot bring a case to this consultation.")
    policy.require_edit_client(user, client)
    if client.team_id != consultation.team_id:
        raise PermissionError("The client is not of the consultation's team.")
    title, question = title.strip(), question.strip()
    errors = {} if title else {"title": _("Geef de casus een korte titel, zonder namen.")}
    errors = {**_check_own_words(title, question, client), **errors}
    if errors:
        raise ValidationError(errors)
    who, people, links, events = case_input(client)
    case = ConsultationCase(
        consultation=consultation,
        title=title,
        question=question,
        case=pseudo.pseudonymise(who, people, links, events, today=timezone.localdate()),
        created_by=user,
    )
    case.full_clean()
    with transaction.atomic():
        case.save()
        log(actor, "insights.case.export", client=client, obj=case, detail=f"consultation {consultation.pk}")
    return case


def case_remove(*, actor: Actor, case: ConsultationCase) -> None:
    """Take a case off a consultation: who brought it, or the team lead or an admin."""
    user = actor.user
    if case.created_by_id != user.pk and not policy.can_manage_team_insights(user, case.consultation.team):
        raise PermissionError("Only who brought the case, the team lead or an admin may remove it.")
    with transaction.atomic():
        log(actor, "insights.case.delete", obj=case)
        case.delete()
