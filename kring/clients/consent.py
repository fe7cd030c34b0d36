"""Whether the client has given consent for a purpose, today. Fail-closed: no decision means no.

A decision is a ``Consent`` row; the latest per purpose (and member, for contact) counts. Consent given
with an end date lapses after it. Withdrawal is a new row and takes effect at once, everywhere that
asks here.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from kring.clients.models import Consent, ConsentDecision


def latest(client, purpose: str, *, member=None) -> Consent | None:
    rows = Consent.objects.filter(client=client, purpose=purpose)
    rows = rows.filter(member=member) if member is not None else rows.filter(member__isnull=True)
    return rows.order_by("-decided_on", "-recorded_at", "-pk").first()


def is_valid(consent: Consent | None, *, today: date | None = None) -> bool:
    """True only for consent given and not past its end date."""
    if consent is None or consent.decision != ConsentDecision.GIVEN:
        return False
    today = today or timezone.localdate()
    return consent.valid_until is None or consent.valid_until >= today


def has_consent(client, purpose: str, *, member=None, today: date | None = None) -> bool:
    return is_valid(latest(client, purpose, member=member), today=today)
