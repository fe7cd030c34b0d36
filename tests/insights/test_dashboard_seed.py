"""``kring seed`` writes each client's network figures (at the start and now) in bulk, so the dashboards of a
seeded population have something to show; the rows agree with the network as it stands."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Count, Q
from django.urls import reverse

from kring.accounts.models import User
from kring.clients.models import Client
from kring.demo import seed as population
from kring.measures.figures import record
from kring.measures.models import NetworkFigures
from tests.factories import login

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


@pytest.fixture
def seeded():
    population.seed(clients=40, seed=3, today=TODAY)
    return Client.objects.order_by("pk")


def test_every_client_has_one_row_now_and_one_at_the_start(seeded):
    counts = NetworkFigures.objects.values("client").annotate(
        latest=Count("pk", filter=Q(is_latest=True)), intake=Count("pk", filter=Q(is_intake=True)), rows=Count("pk")
    )
    assert len(counts) == 40
    assert all(row["latest"] == 1 and row["intake"] == 1 and row["rows"] <= 2 for row in counts)
    for row in NetworkFigures.objects.filter(is_latest=True, is_intake=False).select_related("client"):
        intake = NetworkFigures.objects.get(client=row.client, is_intake=True)
        assert intake.day < row.day <= TODAY


def test_the_newest_row_is_what_the_network_gives_now(seeded):
    """Recording a client's figures from the members and links as they are gives the same numbers."""
    for client in seeded[:15]:
        seeded_row = NetworkFigures.objects.get(client=client, is_latest=True)
        fresh = record(client.pk, TODAY.replace(year=TODAY.year + 1))
        for field in ("size", "active_size", "inner_circle", "informal", "informal_share", "emergency_contact",
                      "main_supporter_share", "place_to_stay", "density", "dormant", "limited"):  # fmt: skip
            assert getattr(fresh, field) == getattr(seeded_row, field), (client.pk, field)


def test_the_seeded_networks_change_between_the_start_and_now(seeded):
    changed = (
        NetworkFigures.objects.filter(is_latest=True, is_intake=False).values_list("client", "size").order_by("client")
    )
    starts = dict(NetworkFigures.objects.filter(is_intake=True).values_list("client", "size"))
    assert sum(size != starts[client] for client, size in changed) >= 10


def test_the_organisation_dashboard_of_a_seeded_population_shows_figures(seeded):
    admin = User.objects.get(email=population.admin_email(0))
    page = login(admin).get(reverse("dashboards:organisation"))
    board = page.context["board"]
    assert board.coverage.active.value and board.network.size_now.value
    assert board.network.size_start.value is not None
