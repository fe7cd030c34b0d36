"""The access log counts at most a limit of rows, so a national log of millions stays fast to open."""

import pytest
from django.urls import reverse

from kring.audit import views
from kring.audit.log import Actor, log

pytestmark = pytest.mark.django_db


def test_it_says_more_than_the_limit_instead_of_counting_every_row(world, login, monkeypatch):
    monkeypatch.setattr(views, "COUNT_LIMIT", 3)
    for _ in range(5):
        log(Actor(user=world.worker), "clients.client.view", client=world.client_a)

    response = login(world.org_admin).get(reverse("audit:access_log"))

    assert response.status_code == 200
    assert "Meer dan 3 regels" in response.content.decode()
    assert response.context["page"].paginator.capped


def test_it_counts_exactly_below_the_limit(world, login):
    log(Actor(user=world.worker), "clients.client.view", client=world.client_a)

    response = login(world.org_admin).get(reverse("audit:access_log"))

    assert response.context["page"].paginator.count == 1
    assert not response.context["page"].paginator.capped
