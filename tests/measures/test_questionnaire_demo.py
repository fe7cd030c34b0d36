"""The demo questionnaires: fictional responses over time for the story clients, loaded once."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.demo import questionnaires
from kring.measures.definitions import DE_JONG_GIERVELD_6
from kring.measures.engine import score
from kring.measures.models import QuestionnaireResponse
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_clients(world):
    return {
        name: factories.make_client(team=world.team_a, given_name=name[0], family_name=name[1], intake_date=intake)
        for name, intake in [
            (("Ahmed", "El Idrissi"), date(2025, 3, 14)),
            (("Bianca", "Hoekstra"), date(2025, 9, 2)),
            (("Cor", ""), date(2024, 11, 20)),
            (("Kofi", "Mensah"), date(2025, 7, 22)),
        ]
    }


def test_it_adds_scored_responses_over_time_once(world, story_clients):
    added = questionnaires.load(lambda client: world.worker)
    assert added == QuestionnaireResponse.objects.count() > 10
    assert questionnaires.load(lambda client: world.worker) == 0
    assert QuestionnaireResponse.objects.count() == added
    assert not QuestionnaireResponse.objects.filter(date__gt=timezone.localdate()).exists()
    assert AccessLog.objects.filter(event="measures.questionnaire.create").count() == added


def test_it_tells_ahmeds_story_with_a_gap(world, story_clients):
    questionnaires.load(lambda client: world.worker)
    ahmed = story_clients[("Ahmed", "El Idrissi")]
    totals = list(
        QuestionnaireResponse.objects.filter(client=ahmed, questionnaire="djg6")
        .order_by("date")
        .values_list("total", flat=True)
    )
    assert totals == [5, 4, None, 2]
    kofi = story_clients[("Kofi", "Mensah")]
    assert set(
        QuestionnaireResponse.objects.filter(client=kofi, questionnaire="djg6").values_list("language", flat=True)
    ) == {"en"}


@pytest.mark.parametrize(("emotional", "social"), [(e, s) for e in range(4) for s in range(4)])
def test_its_answer_vectors_score_what_they_say(emotional, social):
    scores = score(DE_JONG_GIERVELD_6, questionnaires.loneliness(emotional, social))
    assert (scores.subscale("emotional").value, scores.subscale("social").value) == (emotional, social)


def test_it_leaves_a_client_with_responses_alone(world, story_clients):
    ahmed = story_clients[("Ahmed", "El Idrissi")]
    QuestionnaireResponse.objects.create(
        client=ahmed,
        questionnaire="djg6",
        definition_version=1,
        language="nl",
        date=date(2025, 4, 1),
        created_by=world.worker,
    )
    questionnaires.load(lambda client: world.worker)
    assert QuestionnaireResponse.objects.filter(client=ahmed).count() == 1
