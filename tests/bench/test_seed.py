"""``kring seed``: a small synthetic population has every kind of record, is valid, and is reproducible."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from simple_history.models import HistoricalRecords

from kring.accounts.models import Location, Membership, Organisation, Team, User
from kring.audit.models import AccessLog
from kring.clients.models import Client, Consent
from kring.demo import seed as population
from kring.lifeline.models import LifeEvent
from kring.measures.models import QuestionnaireResponse
from kring.network.models import Link, MappingSession, Member, Prompt, SessionLink, SessionPerson
from kring.support.models import (
    Action,
    Agreement,
    Contribution,
    Element,
    Intervention,
    InterventionMode,
    LoadCheck,
    Meeting,
    Option,
    OptionPoint,
    Participant,
    Review,
    SkillsPractice,
    SummaryShare,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
CLIENTS = 30

EVERY_KIND = [
    Organisation, Location, Team, User, Membership, Element, InterventionMode, Prompt, Client, Member, Link,
    MappingSession, SessionPerson, SessionLink, LifeEvent, Intervention, Contribution, SkillsPractice, Action,
    Review, Meeting, Participant, Option, OptionPoint, Agreement, SummaryShare, LoadCheck, QuestionnaireResponse,
    Consent, AccessLog,
]  # fmt: skip
WITH_HISTORY = [Client, Member, Link, LifeEvent, Intervention, Action, Review, Meeting, QuestionnaireResponse, Consent]


def _fingerprint() -> dict:
    return {
        "clients": list(Client.objects.order_by("pk").values_list("pk", "given_name", "family_name", "intake_date")),
        "members": list(Member.objects.order_by("pk").values_list("pk", "client_id", "name", "circle", "status")),
        "member history": list(Member.history.order_by("history_id").values_list("id", "history_type", "circle")),
        "links": list(Link.objects.order_by("pk").values_list("member_a_id", "member_b_id", "kind")),
        "interventions": list(Intervention.objects.order_by("pk").values_list("client_id", "date", "mode__key")),
        "access log": AccessLog.objects.count(),
    }


def _seed_and_roll_back(seed: int) -> dict:
    with transaction.atomic():
        population.seed(clients=CLIENTS, seed=seed, today=TODAY, batch=7)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


def test_it_writes_every_kind_of_record_through_the_command(capsys):
    call_command("seed", clients=CLIENTS, seed=3, today=TODAY, no_migrate=True)

    empty = [model.__name__ for model in EVERY_KIND if not model.objects.exists()]
    assert empty == []
    assert [m.__name__ for m in WITH_HISTORY if not m.history.exists()] == []
    assert Intervention.elements.through.objects.exists()
    assert HistoricalRecords.m2m_models[Intervention._meta.get_field("elements")].objects.exists()
    assert Client.objects.count() == CLIENTS
    assert Member.history.filter(history_type="~").exists(), "members move and change over time"
    out = capsys.readouterr().out
    assert "Peak memory" in out and f"Seeded {CLIENTS} clients" in out


def test_it_writes_valid_records_that_the_pages_show(login):
    population.seed(clients=CLIENTS, seed=3, today=TODAY)
    for model in (Client, Member, Intervention, Meeting, Action, LifeEvent, QuestionnaireResponse, LoadCheck):
        for record in model.objects.order_by("pk")[:15]:
            record.full_clean()

    worker = User.objects.get(email=population.worker_email(0, 0))
    assert worker.check_password(population.SEED_PASSWORD)
    client = Client.objects.filter(key_workers=worker).order_by("pk").first()
    browser = login(worker)
    for url in (
        reverse("clients:caseload") + "?q=" + client.given_name,
        reverse("clients:detail", args=[client.pk]),
        reverse("network:map", args=[client.pk]),
        reverse("work:timeline", args=[client.pk]),
    ):
        assert browser.get(url).status_code == 200, url


def test_it_is_the_same_population_for_the_same_seed():
    first, again, other = _seed_and_roll_back(5), _seed_and_roll_back(5), _seed_and_roll_back(6)

    assert first == again
    assert first["members"] != other["members"]


def test_network_sizes_are_skewed_like_real_ego_networks():
    import random

    rng = random.Random(1)
    sizes = sorted(population.network_size(rng) for _ in range(5000))
    median = sizes[len(sizes) // 2]
    assert 5 <= median <= 12
    assert sizes[-1] <= 150 and sum(s > 60 for s in sizes) >= 10
    assert sum(s <= 15 for s in sizes) > 0.8 * len(sizes)
