"""A client's places records go with the client when the client is erased (GDPR art. 17); the places stay."""

from django.utils import timezone

from kring.audit.log import Actor
from kring.exchange.services import erase_client
from kring.places.models import MetAt, Place, PlaceSuggestion, PlaceVisit
from tests.network.factories import make_member
from tests.places.factories import make_met, make_place, make_suggestion, make_visit


def test_erasing_a_client_removes_their_suggestions_visits_and_met_records_but_not_the_place(world):
    place = make_place(world.org, name="Buurthuis")
    suggestion = make_suggestion(world.client_a, place, by=world.worker)
    visit = make_visit(suggestion, by=world.worker, day=timezone.localdate())
    make_met(visit, make_member(world.client_a, name="Yusuf"), by=world.worker)
    other = make_suggestion(world.client_b, place, by=world.other_team_worker)
    erase_client(actor=Actor(user=world.org_admin), client=world.client_a)
    assert list(PlaceSuggestion.objects.all()) == [other]
    assert not PlaceVisit.objects.exists() and not MetAt.objects.exists()
    assert not PlaceSuggestion.history.filter(client_id=world.client_a.pk).exists()
    assert Place.objects.filter(pk=place.pk).exists()
