"""Factories for the implementation monitor, training records and case consultations."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from kring.insights.models import (
    Condition,
    ConditionScore,
    Consultation,
    ConsultationCase,
    SelfAssessment,
    TrainingRecord,
)


def make_assessment(team, user, *, day: date, levels=None, note: str = "") -> SelfAssessment:
    """``levels``: condition value → level; every condition not named gets 2."""
    assessment = SelfAssessment.objects.create(
        organisation=team.organisation, team=team, assessed_on=day, note=note, created_by=user
    )
    levels = levels or {}
    ConditionScore.objects.bulk_create(
        ConditionScore(assessment=assessment, condition=c.value, level=levels.get(c.value, 2)) for c in Condition
    )
    return assessment


def make_training(user, part: str = "part_1", *, day: date = date(2026, 3, 3), recorded_by=None) -> TrainingRecord:
    return TrainingRecord.objects.create(
        organisation=user.organisation, user=user, part=part, followed_on=day, recorded_by=recorded_by or user
    )


def make_consultation(team, user, *, when: datetime | None = None, topic: str = "Contact met familie", **fields):
    when = when or timezone.make_aware(datetime(2026, 12, 10, 14, 0))
    return Consultation.objects.create(
        organisation=team.organisation, team=team, planned_for=when, topic=topic, created_by=user, **fields
    )


def make_case(consultation, user, *, title: str = "Weer contact?", case=None) -> ConsultationCase:
    return ConsultationCase.objects.create(
        consultation=consultation,
        title=title,
        case=case or {"format": 1, "members": [], "links": [], "events": []},
        created_by=user,
    )
