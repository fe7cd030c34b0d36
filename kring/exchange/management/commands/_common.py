"""Shared by the exchange commands: who acts (NEN 7513 wants a person behind every access)."""

from django.core.management.base import CommandError

from kring.accounts.models import User
from kring.audit.log import Actor


def actor_for(email: str, *, reason: str) -> Actor:
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        raise CommandError(f"No active user with e-mail address {email!r} (--user).")
    return Actor.system(user, reason=reason)
