"""The implementation monitor: a team's self-assessments, score, trend, and who may see and change them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.insights import monitor
from kring.insights.models import Condition, SelfAssessment
from tests import factories
from tests.insights.factories import make_assessment


def _post_data(day="2026-10-01", level=3, **overrides):
    data = {"assessed_on": day, "note": "Elke maand een casus bespreken."}
    for condition in Condition:
        data[f"level_{condition.value}"] = str(level)
        data[f"note_{condition.value}"] = ""
    data.update(overrides)
    return data


# --- the pure parts ----------------------------------------------------------------------------------


def test_it_scores_the_mean_level_to_one_decimal():
    assert monitor.mean_level([1, 2, 4]) == 2.3
    assert monitor.mean_level([]) is None


def test_it_explains_every_condition_in_one_plain_line():
    assert set(monitor.EXPLANATIONS) == set(Condition)
    assert all(str(text).endswith(".") and "\n" not in str(text) for text in monitor.EXPLANATIONS.values())


# --- the overview ------------------------------------------------------------------------------------


def test_it_shows_the_latest_levels_the_score_and_the_trend(world, login):
    make_assessment(world.team_a, world.team_lead, day=date(2026, 1, 15), levels={"purpose": 1})
    make_assessment(world.team_a, world.team_lead, day=date(2026, 9, 15), levels={"purpose": 4}, note="Samen verder")
    response = login(world.worker).get(reverse("monitor:team", args=[world.team_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-condition="purpose" data-level="4"' in html
    assert "2,3 van 4" in html  # (4 + 6 × 2) / 7
    assert "Samen verder" in html
    assert html.count('class="trend-chart monitor-trend"') == 1
    assert "15 januari 2026" in html and "15 september 2026" in html  # the numbers as text too
    assert "vooruit" in html
    assert str(monitor.EXPLANATIONS[Condition.ROOM]) in html
    assert "Nieuwe zelfevaluatie" not in html  # a worker reads, the team lead assesses


def test_it_sends_a_user_with_one_team_straight_to_it_and_lists_teams_for_an_admin(world, login):
    assert login(world.worker).get(reverse("monitor:home"))["Location"] == reverse(
        "monitor:team", args=[world.team_a.pk]
    )
    make_assessment(world.team_b, world.org_admin, day=date(2026, 5, 1), levels={c.value: 4 for c in Condition})
    html = login(world.org_admin).get(reverse("monitor:home")).content.decode()
    assert "Team A" in html and "Team B" in html and "4,0 van 4" in html


def _queries(browser, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


def test_the_overview_takes_the_same_number_of_queries_however_many_assessments(world, login):
    browser = login(world.team_lead)
    url = reverse("monitor:team", args=[world.team_a.pk])
    counts = []
    for extra in (2, 8):
        for i in range(extra):
            make_assessment(
                world.team_a, world.team_lead, day=date(2020, 1, 1) + timedelta(days=40 * (i + len(counts) * 10))
            )
        counts.append(_queries(browser, url))
    assert counts[0] == counts[1]


def test_the_team_list_takes_the_same_number_of_queries_however_many_teams(world, login):
    browser = login(world.org_admin)
    make_assessment(world.team_a, world.org_admin, day=date(2026, 2, 2))
    counts = []
    for extra in (0, 6):
        for _ in range(extra):
            make_assessment(factories.make_team(world.org), world.org_admin, day=date(2026, 2, 2))
        counts.append(_queries(browser, reverse("monitor:home")))
    assert counts[0] == counts[1]


# --- filling in ---------------------------------------------------------------------------------------


def test_a_team_lead_fills_in_an_assessment_and_it_is_logged(world, login):
    browser = login(world.team_lead)
    form = browser.get(reverse("monitor:create", args=[world.team_a.pk]))
    assert form.status_code == 200 and "Iedereen weet waarom" in form.content.decode()
    response = browser.post(
        reverse("monitor:create", args=[world.team_a.pk]), _post_data(level_room="1", note_room="Geen ruimte")
    )
    assessment = SelfAssessment.objects.get()
    assert response["Location"] == reverse("monitor:assessment", args=[assessment.pk])
    levels = {s.condition: (s.level, s.note) for s in assessment.scores.all()}
    assert levels["room"] == (1, "Geen ruimte") and levels["purpose"] == (3, "")
    assert assessment.created_by == world.team_lead and assessment.organisation == world.org
    assert list(AccessLog.objects.values_list("event", "client")) == [("insights.assessment.create", None)]


def test_a_new_assessment_starts_from_the_levels_of_the_last_one(world, login):
    make_assessment(world.team_a, world.team_lead, day=date(2026, 1, 15), levels={"funding": 4})
    html = login(world.team_lead).get(reverse("monitor:create", args=[world.team_a.pk])).content.decode()
    assert re.search(r'name="level_funding" value="4"[^>]*checked', html)
    assert not re.search(r'name="level_funding" value="2"[^>]*checked', html)
    assert timezone.localdate().isoformat() in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"assessed_on": "2099-01-01"}, "Deze datum ligt in de toekomst"),
        ({"assessed_on": "31-02-2026"}, "Vul een echte datum in"),
        ({"assessed_on": ""}, "Vul de datum in"),
        ({"level_room": ""}, "Kies hoe ver jullie hiermee zijn"),
        ({"level_room": "9"}, "Kies hoe ver jullie hiermee zijn"),
    ],
)
def test_bad_input_gets_a_message_by_the_field_and_keeps_the_input(world, login, overrides, message):
    response = login(world.team_lead).post(
        reverse("monitor:create", args=[world.team_a.pk]), _post_data(**overrides, note_purpose="Mijn notitie")
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and "Mijn notitie" in html
    assert not SelfAssessment.objects.exists()
    assert not AccessLog.objects.exists()


def test_an_edit_keeps_the_version_and_refuses_a_stale_one(world, login):
    assessment = make_assessment(world.team_a, world.team_lead, day=date(2026, 1, 15))
    browser = login(world.team_lead)
    url = reverse("monitor:edit", args=[assessment.pk])
    assert browser.post(url, _post_data(day="2026-01-16", level=4, version=1)).status_code == 302
    assessment.refresh_from_db()
    assert assessment.version == 2 and assessment.assessed_on == date(2026, 1, 16)
    assert set(assessment.scores.values_list("level", flat=True)) == {4}
    stale = browser.post(url, _post_data(day="2026-01-17", level=1, version=1))
    assert stale.status_code == 409 and "Iemand anders" in stale.content.decode()
    assessment.refresh_from_db()
    assert assessment.assessed_on == date(2026, 1, 16)
    assert list(AccessLog.objects.values_list("event", flat=True)) == ["insights.assessment.update"]


def test_a_removed_assessment_leaves_the_overview(world, login):
    assessment = make_assessment(world.team_a, world.team_lead, day=date(2026, 1, 15))
    browser = login(world.team_lead)
    assert browser.post(reverse("monitor:remove", args=[assessment.pk]), {"version": 1}).status_code == 302
    assert browser.get(reverse("monitor:assessment", args=[assessment.pk])).status_code == 404
    assert "nog geen zelfevaluatie" in browser.get(reverse("monitor:team", args=[world.team_a.pk])).content.decode()


# --- who may -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_outsiders_get_404_on_every_page(world, login, outsider):
    assessment = make_assessment(world.team_a, world.team_lead, day=date(2026, 1, 15))
    browser = login(getattr(world, outsider))
    for url in [
        reverse("monitor:team", args=[world.team_a.pk]),
        reverse("monitor:create", args=[world.team_a.pk]),
        reverse("monitor:assessment", args=[assessment.pk]),
        reverse("monitor:edit", args=[assessment.pk]),
    ]:
        assert browser.get(url).status_code == 404, url
        assert browser.post(url, _post_data(version=1)).status_code == 404, url
    assert browser.post(reverse("monitor:remove", args=[assessment.pk]), {"version": 1}).status_code == 404
    assert SelfAssessment.objects.count() == 1 and SelfAssessment.objects.get().version == 1


def test_a_researcher_and_another_organisation_see_no_monitor_at_all(world, login):
    assert login(world.researcher).get(reverse("monitor:home")).status_code == 404
    assert login(world.other_org_worker).get(reverse("monitor:team", args=[world.team_a.pk])).status_code == 404


def test_a_worker_reads_but_does_not_assess(world, login):
    assessment = make_assessment(world.team_a, world.team_lead, day=date(2026, 1, 15))
    browser = login(world.worker)
    assert browser.get(reverse("monitor:assessment", args=[assessment.pk])).status_code == 200
    assert browser.get(reverse("monitor:create", args=[world.team_a.pk])).status_code == 404
    assert browser.post(reverse("monitor:edit", args=[assessment.pk]), _post_data(version=1)).status_code == 404
    assert browser.post(reverse("monitor:remove", args=[assessment.pk]), {"version": 1}).status_code == 404


def test_wrong_methods_get_404(world, login):
    browser = login(world.team_lead)
    assert browser.post(reverse("monitor:team", args=[world.team_a.pk])).status_code == 404
    assessment = make_assessment(world.team_a, world.team_lead, day=date(2026, 1, 15))
    assert browser.get(reverse("monitor:remove", args=[assessment.pk])).status_code == 404
