"""Consent is fail-closed: no decision, a refusal, a withdrawal or a lapsed end date all mean no."""

from datetime import date, timedelta

from kring.clients.consent import has_consent
from kring.clients.models import Consent
from tests.network.factories import make_member

TODAY = date(2026, 11, 28)


def decide(client, by, decision, *, day, purpose="meeting_summary", member=None, until=None):
    return Consent.objects.create(
        client=client,
        purpose=purpose,
        member=member,
        decision=decision,
        decided_on=day,
        valid_until=until,
        recorded_by=by,
    )


def test_no_decision_means_no_consent(world):
    assert not has_consent(world.client_a, "meeting_summary", today=TODAY)


def test_the_latest_decision_counts_and_a_withdrawal_takes_effect_at_once(world):
    decide(world.client_a, world.worker, "given", day=TODAY - timedelta(days=30))
    assert has_consent(world.client_a, "meeting_summary", today=TODAY)
    decide(world.client_a, world.worker, "withdrawn", day=TODAY)
    assert not has_consent(world.client_a, "meeting_summary", today=TODAY)


def test_consent_lapses_after_its_end_date(world):
    decide(world.client_a, world.worker, "given", day=TODAY - timedelta(days=60), until=TODAY - timedelta(days=1))
    assert not has_consent(world.client_a, "meeting_summary", today=TODAY)


def test_consent_to_contact_is_per_member_and_per_client(world):
    mother, brother = make_member(world.client_a, name="Moeder"), make_member(world.client_a, name="Broer")
    decide(world.client_a, world.worker, "given", day=TODAY, purpose="contact_member", member=mother)
    assert has_consent(world.client_a, "contact_member", member=mother, today=TODAY)
    assert not has_consent(world.client_a, "contact_member", member=brother, today=TODAY)
    assert not has_consent(world.client_b, "meeting_summary", today=TODAY)
