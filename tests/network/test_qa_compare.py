"""The compare page ("Vergelijk twee datums") with dates that cannot be compared."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone


def errors_of(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_a_start_date_in_the_future_is_refused_at_the_start_date(world, login):
    """It was let through, and the end date (today) got 'Deze datum ligt vóór de begindatum.'."""
    today = timezone.localdate()
    url = reverse("network:compare", args=[world.client_a.pk])
    response = login(world.worker).get(
        url, {"van": (today + timedelta(days=400)).isoformat(), "tot": today.isoformat()}
    )
    assert response.status_code == 200
    assert errors_of(response) == {"van": ["Kies een datum van vandaag of eerder."]}
    assert "changes" not in response.context


def test_an_end_date_before_the_start_date_is_refused_at_the_end_date(world, login):
    today = timezone.localdate()
    url = reverse("network:compare", args=[world.client_a.pk])
    response = login(world.worker).get(url, {"van": today.isoformat(), "tot": (today - timedelta(days=3)).isoformat()})
    assert errors_of(response) == {"tot": ["Deze datum ligt vóór de begindatum."]}
