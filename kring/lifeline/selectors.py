"""Reads of a client's lifeline. Callers have already checked access (``kring.policy``); these only scope."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from kring import policy
from kring.lifeline.models import LifeEvent
from kring.network.models import Member


def events_for_client(client) -> list[LifeEvent]:
    """The client's current life events in date order, each with its members (two queries in all)."""
    return list(LifeEvent.objects.current().filter(client=client).prefetch_related("members"))


def events_for_member(member: Member) -> list[LifeEvent]:
    """The current life events a member appears in, in date order, each with all its members."""
    return list(
        LifeEvent.objects.current().filter(client_id=member.client_id, members=member).prefetch_related("members")
    )


def get_event_for_user(user, client_pk, event_pk, *, write: bool = False) -> LifeEvent:
    """A current life event of a client the user may see (and, with ``write``, change); else 404."""
    client = policy.get_client_for_user(user, client_pk, write=write)
    event = LifeEvent.objects.current().filter(client=client, pk=policy.parse_id(event_pk)).first()
    if event is None:
        raise Http404
    event.client = client
    return event


def member_choices(client, event: LifeEvent | None = None):
    """Who can be named in an event: the client's current members, plus anyone the event already names
    (a member who has since left the network stays on the events they were part of)."""
    current = Q(removed_at__isnull=True)
    if event is not None and event.pk is not None:
        current |= Q(pk__in=event.members.values("pk"))
    return Member.objects.filter(current, client=client)
