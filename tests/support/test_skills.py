"""Oefening sociale vaardigheden: situation, what happened, consequence, what was practised, next time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.support.models import SkillsPractice
from tests.network.factories import make_member


def add_url(client):
    return reverse("interventions:skills_add", args=[client.pk])


def edit_url(record):
    return reverse("interventions:skills_edit", args=[record.client_id, record.pk])


def remove_url(record):
    return reverse("interventions:skills_remove", args=[record.client_id, record.pk])


def form_data(*, members=(), **changes):
    data = {
        "date": "2026-03-02",
        "situation": "Buurman klaagde over harde muziek",
        "what_happened": "Ging schreeuwen in het trappenhuis",
        "consequence": "Buurman belde de beheerder",
        "alternative": "Rustig zeggen: ik zet hem zachter, maar klop dan eerst even aan",
        "next_time": "Eerst tot tien tellen, dan aanbellen",
        "members": [m.pk for m in members],
    }
    data.update(changes)
    return data


def make_practice(world, *, members=(), **fields):
    fields.setdefault("date", date(2026, 1, 5))
    fields.setdefault("situation", "Ruzie met de buurman")
    record = SkillsPractice.objects.create(client=world.client_a, created_by=world.worker, **fields)
    record.members.set(members)
    return record


def events(client):
    return list(AccessLog.objects.filter(client=client).order_by("pk").values_list("event", flat=True))


def test_it_records_a_practice(world, login):
    buurman = make_member(world.client_a, name="Buurman Henk", relation="neighbour")
    browser = login(world.worker)
    body = browser.get(add_url(world.client_a)).content.decode()
    assert "Welke situatie of aanleiding?" in body and "Buurman Henk" in body
    response = browser.post(add_url(world.client_a), form_data(members=[buurman]))
    assert response.status_code == 302
    assert response["Location"] == reverse("work:timeline", args=[world.client_a.pk])
    record = SkillsPractice.objects.get()
    assert record.situation == "Buurman klaagde over harde muziek"
    assert record.next_time == "Eerst tot tien tellen, dan aanbellen"
    assert list(record.members.all()) == [buurman]
    assert events(world.client_a) == ["support.skills.view", "clients.consent.view", "support.skills.create"]
    [history] = record.history.all()
    assert [m.member for m in history.members.all()] == [buurman]


def test_only_the_situation_is_needed(world, login):
    data = form_data(what_happened="", consequence="", alternative="", next_time="")
    assert login(world.worker).post(add_url(world.client_a), data).status_code == 302
    assert SkillsPractice.objects.get().alternative == ""


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"situation": ""}, "situation", "Schrijf kort op om welke situatie het ging."),
        ({"situation": "   "}, "situation", "Schrijf kort op om welke situatie het ging."),
        ({"alternative": "x" * 2001}, "alternative", "Houd het korter"),
        ({"date": "gisteren"}, "date", "Vul een geldige datum in"),
        (
            {"date": (timezone.localdate() + timedelta(days=3)).isoformat()},
            "date",
            "Deze datum ligt in de toekomst.",
        ),
        ({"members": ["999999"]}, "members", "Kies mensen uit het netwerk van deze cliënt."),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(world, login, changes, field, message):
    response = login(world.worker).post(add_url(world.client_a), {**form_data(), **changes})
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert SkillsPractice.objects.count() == 0
    if field != "what_happened":
        assert "Ging schreeuwen in het trappenhuis" in response.content.decode()


def test_it_refuses_a_member_of_another_client(world, login):
    stranger = make_member(world.client_b, name="Iemand van Bas")
    response = login(world.worker).post(add_url(world.client_a), form_data(members=[stranger]))
    assert response.context["form"].errors["members"] == ["Kies mensen uit het netwerk van deze cliënt."]
    assert SkillsPractice.objects.count() == 0


def test_it_edits(world, login):
    record = make_practice(world)
    browser = login(world.worker)
    assert browser.get(edit_url(record)).context["form"]["situation"].value() == "Ruzie met de buurman"
    response = browser.post(edit_url(record), form_data(situation="Ruzie met de buurman over muziek", version=1))
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.situation, record.version) == ("Ruzie met de buurman over muziek", 2)
    assert events(world.client_a) == ["support.skills.view", "support.skills.update"]


def test_it_refuses_a_stale_edit(world, login):
    record = make_practice(world)
    SkillsPractice.objects.filter(pk=record.pk).update(version=2)
    response = login(world.worker).post(edit_url(record), form_data(version=1))
    assert response.status_code == 409
    record.refresh_from_db()
    assert record.situation == "Ruzie met de buurman"


def test_it_removes_softly(world, login):
    record = make_practice(world)
    browser = login(world.worker)
    assert browser.post(remove_url(record), {"version": 1}).status_code == 302
    record.refresh_from_db()
    assert record.removed_at is not None
    assert browser.get(edit_url(record)).status_code == 404
    assert events(world.client_a) == ["support.skills.delete"]


@pytest.mark.parametrize("who", ["other_team_worker", "other_org_worker", "researcher"])
def test_it_answers_404_to_outsiders_on_every_view(world, login, who):
    record = make_practice(world)
    browser = login(getattr(world, who))
    for url in (add_url(world.client_a), edit_url(record)):
        assert browser.get(url).status_code == 404
        assert browser.post(url, form_data(version=1)).status_code == 404
    assert browser.post(remove_url(record), {"version": 1}).status_code == 404
    record.refresh_from_db()
    assert (SkillsPractice.objects.count(), record.version, record.removed_at) == (1, 1, None)
    assert events(world.client_a) == []
