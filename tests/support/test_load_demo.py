"""The demo's load checks: for the two story naasten, over time, one of them heavy; loaded once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kring.clients.models import Client
from kring.demo import load as demo
from kring.demo import world
from kring.support.load import client_load_signals
from kring.support.models import LoadCheck


def registrar_for(client):
    return client.key_workers.first() or world.User.objects.get(email="beheer@kring.test")


@pytest.mark.django_db
def test_it_adds_checks_over_time_once_and_bianca_gets_a_signal():
    world.load()
    LoadCheck.objects.all().delete()  # whatever the world loader already wired in, start from none
    added = demo.load(registrar_for)
    assert added == sum(map(len, demo.CHECKS.values())) == LoadCheck.objects.count()
    assert demo.load(registrar_for) == 0
    assert LoadCheck.objects.count() == added

    ahmed = Client.objects.get(given_name="Ahmed", family_name="El Idrissi")
    bianca = Client.objects.get(given_name="Bianca", family_name="Hoekstra")
    fatiha = LoadCheck.objects.filter(client=ahmed, member__name="Moeder Fatiha")
    joke = LoadCheck.objects.filter(client=bianca, member__name="Tante Joke")
    assert fatiha.count() == 3 and joke.count() == 3
    assert joke.first().heaviness == 8  # newest first: the latest is heavy
    for check in LoadCheck.objects.all():
        assert check.date <= timezone.localdate()
        assert check.member.client_id == check.client_id
        [row] = check.history.all()
        assert row.history_user == check.created_by

    assert [s.kind for s in client_load_signals(bianca)] == ["high_load"]
    assert [s.kind for s in client_load_signals(ahmed) if s.kind == "high_load"] == []
