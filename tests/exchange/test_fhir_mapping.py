"""The pure FHIR mapping: codes where one fits, dates of facts, and reading bundles from elsewhere."""

import json
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from kring.audit.log import Actor
from kring.exchange import fhir, services
from kring.network.models import Member
from tests.exchange.helpers import full_network, give_transfer_consent
from tests.network.factories import make_member

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(120))


def related_people(bundle):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "RelatedPerson"]


def extension(resource, name):
    url = fhir.STRUCTURE_DEFINITION + name
    return next((e for e in resource.get("extension", []) if e["url"] == url), None)


def test_it_codes_relationships_in_v3_rolecode_and_the_zib_role_where_one_fits():
    network = fhir.NetworkData(
        client=fhir.ClientData(given_name="Anna"),
        members=[
            fhir.MemberData(key="1", name="Mama", relation="mother", emergency_contact=True),
            fhir.MemberData(key="2", name="Buurman", relation="neighbour"),
            fhir.MemberData(key="3", name="Lotgenoot", relation="peer"),
        ],
    )
    bundle = fhir.to_bundle(network, timestamp=NOW, relation_labels={"peer": "Lotgenoot of ervaringsdeskundige"})
    fhir.validate(bundle)
    mama, neighbour, peer = related_people(bundle)
    assert {"system": fhir.V3_ROLE_CODE, "code": "MTH", "display": "mother"} in mama["relationship"][0]["coding"]
    assert mama["relationship"][1]["coding"][0] == {"system": fhir.V2_0131, "code": "C", "display": "Emergency Contact"}
    codes = {(c["system"], c["code"]) for c in neighbour["relationship"][0]["coding"]}
    assert codes == {(fhir.V3_ROLE_CODE, "NBOR"), (fhir.ZIB_ROLE, "19")}
    assert peer["relationship"] == [{"text": "Lotgenoot of ervaringsdeskundige"}]


def test_the_patient_is_minimal():
    bundle = fhir.to_bundle(
        fhir.NetworkData(client=fhir.ClientData(given_name="Cor", gender="man", birth_year=1958)), timestamp=NOW
    )
    patient = bundle["entry"][0]["resource"]
    assert set(patient) == {"resourceType", "name", "gender", "birthDate", "extension"}
    assert (patient["gender"], patient["birthDate"]) == ("male", "1958")


def test_a_fact_carries_the_date_it_holds_since(world):
    give_transfer_consent(world.client_a, world.worker)
    member = make_member(world.client_a, name="Broer", relation="brother", circle=3)
    created = timezone.now() - timedelta(days=400)
    member.history.update(history_date=created)
    member.circle = 1
    member.save()
    changed = timezone.now() - timedelta(days=30)
    member.history.filter(circle=1).update(history_date=changed)
    bundle = services.export_network(actor=Actor.system(world.worker), client=world.client_a)
    (person,) = related_people(bundle)
    parts = {p["url"]: p for p in extension(person, "circle")["extension"]}
    assert parts["value"]["valueInteger"] == 1
    assert parts["since"]["valueDate"] == timezone.localtime(changed).date().isoformat()
    relation = {p["url"]: p for p in extension(person, "relation")["extension"]}
    assert relation["since"]["valueDate"] == timezone.localtime(created).date().isoformat()
    assert extension(person, "recorded")["valueDate"] == timezone.localtime(created).date().isoformat()


def test_imported_dates_survive_until_the_fact_changes(world):
    actor = Actor.system(world.worker)
    network = fhir.NetworkData(
        client=fhir.ClientData(given_name="Dewi"),
        members=[
            fhir.MemberData(
                key="a",
                name="Tante",
                relation="other_family",
                circle=2,
                recorded_on=date(2020, 1, 5),
                since={"circle": date(2021, 3, 1), "relation": date(2020, 1, 5)},
            )
        ],
    )
    copy = services.import_network(actor=actor, team=world.team_a, network=network)
    give_transfer_consent(copy, world.worker)
    (person,) = related_people(services.export_network(actor=actor, client=copy))
    assert {p["url"]: p for p in extension(person, "circle")["extension"]}["since"]["valueDate"] == "2021-03-01"
    member = Member.objects.get(client=copy)
    member.circle = 1
    member.save()
    (person,) = related_people(services.export_network(actor=actor, client=copy))
    since = {p["url"]: p for p in extension(person, "circle")["extension"]}["since"]["valueDate"]
    assert since == timezone.localdate().isoformat()
    assert extension(person, "recorded")["valueDate"] == "2020-01-05"


def test_it_reads_a_bundle_from_another_system_without_kring_extensions():
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": "urn:uuid:11111111-1111-1111-1111-111111111111",
                "resource": {
                    "resourceType": "Patient",
                    "name": [{"given": ["Emre"], "family": "Kaya"}],
                    "gender": "male",
                },
                "request": {"method": "POST", "url": "Patient"},
            },
            {
                "fullUrl": "urn:uuid:22222222-2222-2222-2222-222222222222",
                "resource": {
                    "resourceType": "RelatedPerson",
                    "patient": {"reference": "urn:uuid:11111111-1111-1111-1111-111111111111"},
                    "relationship": [
                        {"coding": [{"system": fhir.V3_ROLE_CODE, "code": "SIS"}]},
                        {"coding": [{"system": fhir.V2_0131, "code": "C"}]},
                    ],
                    "name": [{"given": ["Ayla"], "family": "Kaya"}],
                    "communication": [{"language": {"coding": [{"system": fhir.BCP47, "code": "tr-TR"}]}}],
                },
                "request": {"method": "POST", "url": "RelatedPerson"},
            },
            {
                "fullUrl": "urn:uuid:33333333-3333-3333-3333-333333333333",
                "resource": {"resourceType": "Observation", "status": "final", "code": {"text": "x"}},
                "request": {"method": "POST", "url": "Observation"},
            },
        ],
    }
    network = fhir.parse(json.dumps(bundle).encode())
    assert (network.client.given_name, network.client.family_name, network.client.gender) == ("Emre", "Kaya", "man")
    (member,) = network.members
    assert (member.name, member.relation, member.emergency_contact, member.circle) == ("Ayla Kaya", "sister", True, 2)
    assert member.languages == ["tr-TR"] and network.skipped == 1


def _bundle_of(world):
    full_network(world.client_a, world.worker)
    return services.export_network(actor=Actor.system(world.worker), client=world.client_a)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "geen geldig JSON-bestand"),
        (b"\xff\xfe\x00", "geen geldig JSON-bestand"),
        (b"[1, 2, 3]", "Dit is geen FHIR-bestand"),
        (b'{"name": "Anna"}', "Dit is geen FHIR-bestand"),
        (b'{"resourceType": "Patient"}', "geen Bundle"),
        (b'{"resourceType": "Bundle", "type": "searchset"}', "van het soort ‘searchset’"),
        (
            b'{"resourceType": "Bundle", "type": "transaction", "entry": [{"resource": {"resourceType": "Nope"}}]}',
            "volgt de FHIR-regels niet",
        ),
        (b'{"resourceType": "Bundle", "type": "transaction"}', "precies één cliënt"),
        (b"[" * 100_000 + b"]" * 100_000, "geen geldig JSON-bestand"),
        (b" " * (fhir.MAX_BYTES + 1), "te groot"),
    ],
)
def test_it_refuses_what_it_cannot_read_with_a_dutch_message(raw, message):
    with pytest.raises(fhir.BundleError) as refused:
        fhir.parse(raw)
    assert message in str(refused.value)


def test_it_refuses_a_related_person_pointing_outside_the_bundle(world):
    bundle = _bundle_of(world)
    related_people(bundle)[1]["patient"]["reference"] = "Patient/elders-123"
    with pytest.raises(fhir.BundleError, match="hoort bij iemand anders dan de cliënt"):
        fhir.parse(json.dumps(bundle).encode())


def test_it_refuses_a_link_pointing_outside_the_bundle(world):
    bundle = _bundle_of(world)
    for person in related_people(bundle):
        for ext in person["extension"]:
            if ext["url"].endswith("/link"):
                ext["extension"][0]["valueReference"]["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000"
    with pytest.raises(fhir.BundleError, match="verwijst naar iemand die niet in dit bestand staat"):
        fhir.parse(json.dumps(bundle).encode())
