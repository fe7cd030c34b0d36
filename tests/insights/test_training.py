"""Training records: the matrix per team, adding and removing records, and who may do what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kring.audit.models import AccessLog
from kring.insights import training
from kring.insights.models import TrainingRecord
from tests import factories
from tests.insights.factories import make_training


def test_the_matrix_shows_the_latest_date_per_part_and_what_is_missing(world):
    old = make_training(world.worker, "part_1", day=date(2025, 1, 1))
    new = make_training(world.worker, "part_1", day=date(2026, 1, 1))
    make_training(world.worker, "part_4", day=date(2026, 2, 1))
    rows = training.matrix([world.worker, world.colleague], [new, old, *TrainingRecord.objects.filter(part="part_4")])
    worker, colleague = rows
    assert worker.cells[0].record == new
    assert worker.missing_labels == ["Dagdeel 2", "Dagdeel 3"]  # part 4 is a choice, never missing
    assert colleague.missing_labels == ["Dagdeel 1", "Dagdeel 2", "Dagdeel 3"]
    assert [c.followed for c in training.part_counts(rows)] == [1, 0, 0, 1]


def test_a_worker_sees_the_matrix_of_their_team(world, login):
    make_training(world.colleague, "part_2", day=date(2026, 3, 3))
    make_training(world.other_team_worker, "part_3", day=date(2026, 3, 4))
    response = login(world.worker).get(reverse("training:team", args=[world.team_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cora Collega" in html and "Wim Werker" in html and "Tess Teamleider" in html
    assert "Bert Bteam" not in html
    assert '<time datetime="2026-03-03">' in html and "2026-03-04" not in html
    assert "Training vastleggen" not in html and "weghalen" not in html


def test_a_team_lead_records_a_part_for_several_workers_at_once(world, login):
    browser = login(world.team_lead)
    assert browser.get(reverse("training:add", args=[world.team_a.pk])).status_code == 200
    response = browser.post(
        reverse("training:add", args=[world.team_a.pk]),
        {"users": [world.worker.pk, world.colleague.pk], "part": "part_2", "followed_on": "2026-10-05"},
    )
    assert response["Location"] == reverse("training:team", args=[world.team_a.pk])
    records = TrainingRecord.objects.order_by("user__full_name")
    assert [(r.user, r.part, r.followed_on, r.recorded_by) for r in records] == [
        (world.colleague, "part_2", date(2026, 10, 5), world.team_lead),
        (world.worker, "part_2", date(2026, 10, 5), world.team_lead),
    ]
    assert list(AccessLog.objects.values_list("event", flat=True)) == ["insights.training.create"] * 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"followed_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "Deze datum ligt in de toekomst"),
        ({"followed_on": "2026-02-30"}, "Vul een echte datum in"),
        ({"followed_on": "gisteren"}, "Vul een echte datum in"),
        ({"followed_on": "1999-12-31"}, "Deze datum ligt te ver terug"),
        ({"followed_on": ""}, "Vul de datum in"),
        ({"part": ""}, "Kies een dagdeel"),
        ({"part": "part_9"}, "Kies een dagdeel"),
        ({"users": []}, "Kies wie dit dagdeel gevolgd heeft"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(world, login, data, message):
    post = {"users": [world.worker.pk], "part": "part_1", "followed_on": "2026-10-05", "note": "Mijn notitie", **data}
    response = login(world.team_lead).post(reverse("training:add", args=[world.team_a.pk]), post)
    html = response.content.decode()
    assert response.status_code == 422 and message in html and "Mijn notitie" in html
    assert not TrainingRecord.objects.exists() and not AccessLog.objects.exists()


def test_a_worker_of_another_team_cannot_be_recorded(world, login):
    response = login(world.team_lead).post(
        reverse("training:add", args=[world.team_a.pk]),
        {"users": [world.other_team_worker.pk], "part": "part_1", "followed_on": "2026-10-05"},
    )
    assert response.status_code == 422 and not TrainingRecord.objects.exists()


def test_the_same_record_twice_is_refused(world, login):
    make_training(world.worker, "part_1", day=date(2026, 10, 5))
    response = login(world.team_lead).post(
        reverse("training:add", args=[world.team_a.pk]),
        {"users": [world.worker.pk, world.colleague.pk], "part": "part_1", "followed_on": "2026-10-05"},
    )
    assert "Dit staat al vastgelegd voor: Wim Werker" in response.content.decode()
    assert TrainingRecord.objects.count() == 1


def test_a_team_lead_removes_a_record_after_confirming(world, login):
    record = make_training(world.worker, "part_1")
    browser = login(world.team_lead)
    url = reverse("training:remove", args=[world.team_a.pk, record.pk])
    assert "Weet je zeker" in browser.get(url).content.decode()
    assert browser.post(url).status_code == 302
    record.refresh_from_db()
    assert record.removed_at is not None
    assert browser.get(url).status_code == 404
    assert list(AccessLog.objects.values_list("event", flat=True)) == ["insights.training.delete"]


def test_the_matrix_takes_the_same_number_of_queries_however_many_workers_and_records(world, login):
    browser = login(world.team_lead)
    url = reverse("training:team", args=[world.team_a.pk])
    counts = []
    for extra in (0, 6):
        for _ in range(extra):
            user = factories.make_user(organisation=world.org, team=world.team_a)
            for part in ("part_1", "part_2", "part_3"):
                make_training(user, part)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_outsiders_get_404(world, login, outsider):
    record = make_training(world.worker, "part_1")
    browser = login(getattr(world, outsider))
    for url in [
        reverse("training:team", args=[world.team_a.pk]),
        reverse("training:add", args=[world.team_a.pk]),
        reverse("training:remove", args=[world.team_a.pk, record.pk]),
    ]:
        assert browser.get(url).status_code == 404, url
        assert (
            browser.post(url, {"users": [world.worker.pk], "part": "part_2", "followed_on": "2026-10-05"}).status_code
            == 404
        )
    record.refresh_from_db()
    assert record.removed_at is None and TrainingRecord.objects.count() == 1


def test_a_worker_cannot_add_or_remove(world, login):
    record = make_training(world.colleague, "part_1")
    browser = login(world.worker)
    assert browser.get(reverse("training:add", args=[world.team_a.pk])).status_code == 404
    assert browser.post(reverse("training:remove", args=[world.team_a.pk, record.pk])).status_code == 404


def test_a_record_of_someone_outside_the_team_cannot_be_removed_through_it(world, login):
    record = make_training(world.other_team_worker, "part_1")
    browser = login(world.org_admin)
    assert browser.post(reverse("training:remove", args=[world.team_a.pk, record.pk])).status_code == 404
    assert browser.post(reverse("training:remove", args=[world.team_b.pk, record.pk])).status_code == 302


@pytest.mark.parametrize(("language", "day"), [("nl", "3 mrt 2026"), ("en", "3 Mar 2026")])
def test_the_matrix_writes_a_short_month_as_the_language_does(world, login, language, day):
    make_training(world.colleague, "part_2", day=date(2026, 3, 3))
    world.worker.language = language
    world.worker.save()
    with translation.override("nl"):  # the request switches language; the tests after it stay in Dutch
        html = login(world.worker).get(reverse("training:team", args=[world.team_a.pk])).content.decode()
    assert f'<time datetime="2026-03-03">{day}</time>' in html
