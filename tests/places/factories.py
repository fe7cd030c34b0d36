"""Test factories for places, start points and samen op zoek, written straight to the database."""

from __future__ import annotations

import itertools
from pathlib import Path

from kring.places.models import MetAt, Place, PlaceSuggestion, PlaceVisit, StartPoint

FIXTURES = Path(__file__).parent / "fixtures"
KRINGSTAD = (52.2000, 5.3000)  # the fictional city centre of the test fixtures

_seq = itertools.count(1)


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def make_place(organisation, *, name=None, category="community_centre", lat=52.2, lon=5.3, **fields) -> Place:
    return Place.objects.create(
        organisation=organisation,
        name=name or f"Plek {next(_seq)}",
        category=category,
        latitude=lat,
        longitude=lon,
        **fields,
    )


def make_start_point(organisation, *, name="Nachtopvang Test", lat=KRINGSTAD[0], lon=KRINGSTAD[1], location=None):
    return StartPoint.objects.create(
        organisation=organisation, name=name, latitude=lat, longitude=lon, location=location
    )


def make_suggestion(client, place, *, by, **fields) -> PlaceSuggestion:
    return PlaceSuggestion.objects.create(client=client, place=place, created_by=by, **fields)


def make_visit(suggestion, *, by, day, outcome="went_well", **fields) -> PlaceVisit:
    return PlaceVisit.objects.create(
        client=suggestion.client, suggestion=suggestion, created_by=by, date=day, outcome=outcome, **fields
    )


def make_met(visit, member, *, by) -> MetAt:
    return MetAt.objects.create(
        client=visit.client, member=member, place=visit.suggestion.place, visit=visit, created_by=by
    )
