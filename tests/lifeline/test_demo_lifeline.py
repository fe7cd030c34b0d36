"""The demo lifelines: fictional, linked to the story networks by name, loaded once."""

import pytest

from kring.demo import lifeline, networks, world
from kring.lifeline.models import LifeEvent
from kring.network.models import Member


def test_every_story_has_6_to_10_events_naming_people_of_its_network():
    assert set(lifeline.STORIES) <= set(networks.STORIES)
    for client, events in lifeline.STORIES.items():
        assert 6 <= len(events) <= 10, client
        network_names = {name for _days, action, name, _fields in networks.STORIES[client] if action == "add"}
        for *_date, names in events:
            assert set(names) <= network_names, (client, names)


@pytest.mark.django_db
def test_it_loads_the_lifelines_once_and_links_the_people():
    world.load()
    LifeEvent.objects.all().delete()  # whatever the world loader already added: this test is about load()

    def registrar_for(client):
        return client.key_workers.first()

    added = lifeline.load(registrar_for)
    assert added == LifeEvent.objects.count() > 20
    assert lifeline.load(registrar_for) == 0
    assert LifeEvent.objects.count() == added

    ahmed = LifeEvent.objects.filter(client__given_name="Ahmed")
    assert 6 <= ahmed.count() <= 10
    youssef = Member.objects.get(client__given_name="Ahmed", name="Broer Youssef")
    assert youssef.life_events.filter(title="Weer contact met Youssef").exists()
    assert all(e.created_by_id for e in LifeEvent.objects.all())
    assert LifeEvent.objects.filter(approximate=True).exists()
    assert {e.tone for e in LifeEvent.objects.all()} == {"good", "hard", "mixed"}
