"""The demo history of the monitor, training and intervision: believable, through the services, repeatable."""

from __future__ import annotations

import json

import pytest

from kring.accounts.models import Organisation, Team, User
from kring.audit.models import AccessLog
from kring.demo import world as demo_world
from kring.demo.insights_demo import load_insights
from kring.insights.models import Consultation, ConsultationCase, SelfAssessment, TrainingRecord


@pytest.fixture
def demo(db):
    demo_world.load()
    org = Organisation.objects.get(name=demo_world.MAIN_ORG)
    teams = {t.name: t for t in Team.objects.all()}
    users = {u.email: u for u in User.objects.all()}
    return org, teams, users


def test_it_adds_a_year_of_history_once(demo):
    org, teams, users = demo  # the demo world loads the insights history itself
    assert SelfAssessment.objects.filter(team__name="Team A").count() == 3
    assert set(SelfAssessment.objects.values_list("team__name", flat=True)) == {"Team A", "Team B", "Team C (ambulant)"}
    assert TrainingRecord.objects.filter(user__email="werker@kring.test").exists()
    assert Consultation.objects.filter(status="held").count() == 2
    assert load_insights(org, teams, users) == 0  # nothing twice
    assert not SelfAssessment.objects.filter(organisation__name=demo_world.OTHER_ORG).exists()


def test_its_case_is_pseudonymised_and_logged_as_an_export(demo):
    org, teams, users = demo
    load_insights(org, teams, users)
    case = ConsultationCase.objects.get()
    text = json.dumps(case.case, ensure_ascii=False)
    for name in ("Ahmed", "El Idrissi", "Fatiha", "Youssef", "Sandra", "Kringstad", "De Haven"):
        assert name not in text
    assert case.case["members"] and case.case["events"]
    export = AccessLog.objects.get(event="insights.case.export")
    assert export.client.given_name == "Ahmed"
