"""The fictional demo places: valid, idempotent, every category, sharing shown as in real life."""

import pytest

from kring.demo import places as demo_places
from kring.places.access import places_visible_to
from kring.places.models import Category, Place, StartPoint
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_orgs():
    main = factories.make_organisation(demo_places.MAIN_ORG)
    other = factories.make_organisation(demo_places.OTHER_ORG)
    factories.make_location(main, "Nachtopvang De Haven")
    factories.make_location(main, "Dagopvang Het Plein")
    return main, other


def test_the_demo_places_load_once_and_are_valid(demo_orgs):
    main, _other = demo_orgs
    created = demo_places.load()
    assert created == len(demo_places.PLACES) + len(demo_places.START_POINTS)
    assert demo_places.load() == 0
    for place in Place.objects.all():
        place.full_clean()
        assert place.attribution == "Verzonnen demo-plek"
    assert set(Place.objects.filter(organisation=main).values_list("category", flat=True)) == set(Category.values)
    haven = StartPoint.objects.get(name="Nachtopvang De Haven")
    assert haven.location.name == "Nachtopvang De Haven"


def test_the_main_organisation_sees_the_shared_demo_place_and_not_the_other(demo_orgs):
    main, _other = demo_orgs
    demo_places.load()
    worker = factories.make_user(organisation=main, team=factories.make_team(main))
    names = set(places_visible_to(worker).values_list("name", flat=True))
    assert "Taalmaatjes Kringstad" in names
    assert "Huiskamer Elderveen" not in names


def test_without_the_demo_organisations_nothing_is_loaded(db):
    assert demo_places.load() == 0
