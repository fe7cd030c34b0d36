"""Round trip: export a network, import it as a new client, export again: the same bundle apart from ids and
timestamps. On a generated network with every attribute set and on every demo client."""

import pytest

from kring.audit.log import Actor
from kring.clients.models import Client
from kring.exchange import fhir, services
from kring.network.models import Member
from tests.exchange.helpers import full_network, give_transfer_consent, normalised


def roundtrip(client, user, team):
    actor = Actor.system(user, reason="test")
    first = services.export_network(actor=actor, client=client)
    network = fhir.parse(__import__("json").dumps(first).encode())
    copy = services.import_network(actor=actor, team=team, network=network)
    second = services.export_network(actor=actor, client=copy)
    return first, copy, second


def test_a_network_with_every_attribute_comes_back_the_same(world):
    full_network(world.client_a, world.worker)
    world.client_a.gender = "non_binary"
    world.client_a.save()
    first, copy, second = roundtrip(world.client_a, world.worker, world.team_a)
    assert copy.pk != world.client_a.pk
    assert normalised(second) == normalised(first)
    assert Member.objects.filter(client=copy).count() == 5
    # Nothing important was lost on the way: spot checks on the new client's rows.
    mother = Member.objects.get(client=copy, name="Moeder Fatiha")
    assert mother.languages == ["ar", "ber", "other"] and mother.phone == "+31 6 12345678"
    assert mother.support_received == ["emotional", "practical"] and mother.emergency_contact
    ex = Member.objects.get(client=copy, name="Ex Dennis")
    assert (ex.status, ex.limit_reason) == ("limited", "unsafe")
    assert copy.gender == "non_binary" and copy.birth_year == world.client_a.birth_year


def test_every_exported_bundle_validates_and_resolves_inside(world):
    full_network(world.client_a, world.worker)
    bundle = services.export_network(actor=Actor.system(world.worker), client=world.client_a)
    fhir.validate(bundle)
    urls = {entry["fullUrl"] for entry in bundle["entry"]}
    people = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "RelatedPerson"]
    assert len(people) == 5
    assert all(person["patient"]["reference"] in urls for person in people)
    assert bundle["type"] == "transaction"
    assert [e["resource"]["resourceType"] for e in bundle["entry"]].count("Patient") == 1
    assert [e["resource"]["resourceType"] for e in bundle["entry"]].count("Consent") == 4


@pytest.mark.django_db
def test_every_demo_client_comes_back_the_same():
    from kring.accounts.models import User
    from kring.demo import world as demo

    demo.load()
    admin = User.objects.get(email="beheer@kring.test")
    checked = 0
    for client in Client.objects.filter(organisation=admin.organisation).select_related("team"):
        give_transfer_consent(client, admin)
        first, copy, second = roundtrip(client, admin, client.team)
        assert normalised(second) == normalised(first), client.display_name
        checked += 1
    assert checked >= 5
