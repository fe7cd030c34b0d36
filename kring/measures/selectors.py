"""Reads of questionnaire responses, always through a client the user may see."""

from __future__ import annotations

from django.http import Http404

from kring import policy
from kring.measures import definitions
from kring.measures.engine import Definition
from kring.measures.models import QuestionnaireResponse


def definition_or_404(key: str) -> Definition:
    definition = definitions.get(key)
    if definition is None:
        raise Http404
    return definition


def responses_of(client, key: str | None = None) -> list[QuestionnaireResponse]:
    """The client's current responses (all questionnaires, or one), oldest first. One query."""
    responses = QuestionnaireResponse.objects.current().filter(client=client)
    if key is not None:
        responses = responses.filter(questionnaire=key)
    return list(responses.select_related("created_by").order_by("date", "pk"))


def get_response_for_user(user, pk, response_pk, *, write: bool = False) -> QuestionnaireResponse:
    """A current response of a client the user may see (and, with ``write``, change); else 404."""
    client = policy.get_client_for_user(user, pk, write=write)
    response = (
        QuestionnaireResponse.objects.current()
        .filter(client=client, pk=policy.parse_id(response_pk))
        .select_related("created_by")
        .first()
    )
    if response is None or definitions.get(response.questionnaire, response.definition_version) is None:
        raise Http404
    response.client = client  # reuse the client loaded with its team and organisation
    return response
