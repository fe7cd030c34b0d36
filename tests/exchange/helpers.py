"""Shared by the exchange tests: a network with every attribute set, consent, and bundle comparison."""

from __future__ import annotations

import re

from django.utils import timezone

from kring.clients.models import Consent
from kring.network.models import Link, Member
from tests.network.factories import make_member


def give_transfer_consent(client, by, **fields):
    fields.setdefault("decided_on", timezone.localdate())
    return Consent.objects.create(client=client, purpose="transfer", decision="given", recorded_by=by, **fields)


def full_network(client, by, *, prefix="") -> list[Member]:
    """Members with every attribute set (and a limited one), links of both kinds, consents of every purpose."""
    mother = make_member(
        client,
        name=f"{prefix}Moeder Fatiha",
        relation="mother",
        circle=1,
        pseudonym="M",
        contact_frequency="weekly",
        support_received=["emotional", "practical"],
        support_given=["company"],
        tie_quality="mixed",
        emergency_contact=True,
        abroad_country="Marokko",
        languages=["ar", "ber", "other"],
        needs_interpreter=True,
        prefers_video=True,
        phone="+31 6 12345678",
        email="fatiha@example.org",
    )
    brother = make_member(client, name=f"{prefix}Broer Karim", relation="brother", circle=2, status="dormant")
    ex = make_member(
        client,
        name=f"{prefix}Ex Dennis",
        relation="ex_partner",
        circle=3,
        status="limited",
        limit_reason="unsafe",
        tie_quality="stressful",
    )
    coach = make_member(
        client,
        name=f"{prefix}Coach Ineke",
        relation="professional",
        circle=2,
        organisation_name="Dagbesteding De Brug",
        contact_frequency="monthly",
        deceased=False,
    )
    late = make_member(client, name=f"{prefix}Opa Jan", relation="other_family", circle=3, deceased=True)
    # A change after creation gives the fact a later date than the member.
    brother.circle = 1
    brother.save()
    Link.objects.create(client=client, member_a=mother, member_b=brother, kind="knows")
    low, high = sorted((brother, ex), key=lambda m: m.pk)
    Link.objects.create(client=client, member_a=low, member_b=high, kind="conflict")
    give_transfer_consent(client, by, method="signed", valid_until=timezone.localdate().replace(year=2099))
    Consent.objects.create(
        client=client,
        purpose="contact_member",
        member=mother,
        decision="given",
        method="written",
        decided_on=timezone.localdate(),
        recorded_by=by,
    )
    Consent.objects.create(
        client=client,
        purpose="research",
        decision="refused",
        decided_on=timezone.localdate(),
        recorded_by=by,
    )
    Consent.objects.create(
        client=client,
        purpose="meeting_summary",
        decision="withdrawn",
        decided_on=timezone.localdate(),
        recorded_by=by,
    )
    return [mother, brother, ex, coach, late]


UUID = re.compile(r"urn:uuid:[0-9a-f-]{36}")


def normalised(bundle: dict) -> dict:
    """The bundle without what differs between two exports of the same network: ids and timestamps."""
    import json

    text = json.dumps(bundle, sort_keys=True)
    names = {}
    for found in UUID.findall(json.dumps(bundle)):  # in order of appearance, not sorted
        names.setdefault(found, f"urn:id:{len(names)}")
    text = UUID.sub(lambda m: names[m.group(0)], text)
    data = json.loads(text)
    data.pop("timestamp", None)
    data.pop("identifier", None)
    return data
