"""Writes of questionnaire responses. Each runs in one transaction with its access-log row.

A response is scored when it is saved, by the definition version it was given with, and the scores are
stored with it: a later version of a questionnaire never changes what an earlier conversation showed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients.models import Client
from kring.measures import definitions
from kring.measures.engine import Definition, InvalidAnswer, score
from kring.measures.models import QuestionnaireResponse
from kring.versioning import ConcurrentEditError as ConcurrentEditError  # views catch it from here
from kring.versioning import claim_version


@dataclass
class ResponseData:
    date: date
    answers: dict[str, str] = field(default_factory=dict)  # item key → option value; skipped items absent
    note: str = ""
    language: str = "nl"


def _apply(response: QuestionnaireResponse, definition: Definition, data: ResponseData) -> None:
    """Check ``data`` against the definition and put it, with its scores, on ``response``."""
    errors = {}
    if data.date > timezone.localdate():
        errors["date"] = _("De datum kan niet in de toekomst liggen.")
    if data.language not in definition.languages:
        errors["language"] = _("Kies een taal waarin deze vragenlijst er is.")
    try:
        scores = score(definition, data.answers)
    except InvalidAnswer:
        errors["answers"] = _("Een van de antwoorden hoort niet bij deze vragenlijst. Kies opnieuw.")
    else:
        if len(scores.missing) == len(definition.items):
            errors["answers"] = _("Er is nog geen enkele vraag beantwoord.")
    if errors:
        raise ValidationError(errors)
    response.date = data.date
    response.language = data.language
    response.note = data.note.strip()
    response.answers = {item.key: data.answers[item.key] for item in definition.items if data.answers.get(item.key)}
    response.scores = scores.to_json()
    response.total = scores.total
    response.band = scores.band or ""


def _save(response: QuestionnaireResponse, actor: Actor) -> None:
    response._history_user = actor.user
    response.save()


def definition_of(response: QuestionnaireResponse) -> Definition:
    definition = definitions.get(response.questionnaire, response.definition_version)
    if definition is None:  # a definition is never taken out of the code once it has been used
        raise LookupError(f"No definition {response.questionnaire} v{response.definition_version}")
    return definition


def response_create(
    *, actor: Actor, client: Client, definition: Definition, data: ResponseData
) -> QuestionnaireResponse:
    policy.require_edit_client(actor.user, client)
    response = QuestionnaireResponse(
        client=client,
        questionnaire=definition.key,
        definition_version=definition.version,
        created_by=actor.user,
    )
    _apply(response, definition, data)
    response.full_clean()
    with transaction.atomic():
        _save(response, actor)
        log(actor, "measures.questionnaire.create", client=client, obj=response, detail=definition.key)
    return response


def response_update(
    *, actor: Actor, response: QuestionnaireResponse, data: ResponseData, expected_version: int | None
) -> QuestionnaireResponse:
    policy.require_edit_client(actor.user, response.client)
    _apply(response, definition_of(response), data)
    response.full_clean()
    with transaction.atomic():
        claim_version(response, expected_version)
        _save(response, actor)
        log(actor, "measures.questionnaire.update", client=response.client, obj=response, detail=response.questionnaire)
    return response


def response_remove(
    *, actor: Actor, response: QuestionnaireResponse, expected_version: int | None
) -> QuestionnaireResponse:
    """Take a response out of the lists and the trend. It stays in the history."""
    policy.require_edit_client(actor.user, response.client)
    with transaction.atomic():
        claim_version(response, expected_version)
        response.removed_at = timezone.now()
        _save(response, actor)
        log(actor, "measures.questionnaire.delete", client=response.client, obj=response, detail=response.questionnaire)
    return response
