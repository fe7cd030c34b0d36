"""Reads of a client's network, always through the access policy: now, on a date, or compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from kring import policy
from kring.measures.ego import EgoMeasures, MemberFacts, ego_measures
from kring.network.compare import MemberState
from kring.network.models import Link, Member


@dataclass
class Network:
    """A network at one moment: its members (model instances, possibly historical) and links."""

    members: list[Member]
    links: list[tuple[int, int, str]]
    moment: datetime | None = None  # None: now
    link_ids: list[int] = field(default_factory=list)  # the ids of ``links``, in their order (network now only)

    def states(self) -> dict[int, MemberState]:
        return {m.pk: member_state(m) for m in self.members}

    def measures(self) -> EgoMeasures:
        """The ego-network measures of this network (no queries: computed from the loaded members)."""
        return ego_measures([member_facts(m) for m in self.members], [(a, b) for a, b, _kind in self.links])


def member_facts(member) -> MemberFacts:
    """A member (current or historical instance) as the plain facts the measures need. ``id``, not ``pk``: a
    historical row's pk is its history id, its ``id`` the member's."""
    return MemberFacts(
        id=member.id,
        relation=member.relation,
        sector=member.sector,
        circle=member.circle,
        contact_frequency=member.contact_frequency,
        support_received=frozenset(member.support_received),
        support_given=frozenset(member.support_given),
        tie_quality=member.tie_quality,
        status=member.status,
        deceased=member.deceased,
        emergency_contact=member.emergency_contact,
    )


def member_state(member: Member) -> MemberState:
    return MemberState(
        id=member.pk,
        name=member.name,
        relation=member.relation,
        sector=member.sector,
        circle=member.circle,
        tie_quality=member.tie_quality,
        status=member.status,
        emergency_contact=member.emergency_contact,
        deceased=member.deceased,
    )


def get_member_for_user(user, client_pk, member_pk, *, write: bool = False) -> Member:
    """A current member of a client the user may see (and, with ``write``, change); else 404."""
    client = policy.get_client_for_user(user, client_pk, write=write)
    member = Member.objects.current().filter(client=client, pk=policy.parse_id(member_pk)).first()
    if member is None:
        raise Http404
    member.client = client
    return member


def get_link_for_user(user, client_pk, link_pk) -> Link:
    client = policy.get_client_for_user(user, client_pk, write=True)
    link = Link.objects.filter(client=client, pk=policy.parse_id(link_pk)).first()
    if link is None:
        raise Http404
    link.client = client
    return link


def end_of_day(day: date) -> datetime:
    """The last moment of ``day`` in Kring's time zone: "the network on 3 March" includes that day."""
    tz = timezone.get_current_timezone()
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz) - timedelta(microseconds=1)


def network_now(client) -> Network:
    members = list(Member.objects.current().filter(client=client))
    rows = Link.objects.filter(client=client).values_list("member_a_id", "member_b_id", "kind", "pk")
    links, link_ids = [], []
    for a, b, kind, pk in rows:
        links.append((a, b, kind))
        link_ids.append(pk)
    return Network(members=members, links=links, link_ids=link_ids)


def network_as_of(client, moment: datetime) -> Network:
    """The network as it was at ``moment``, rebuilt from the history."""
    versions = _latest_versions(Member, client, moment, _MEMBER_ATTNAMES)
    members = [
        m
        for m in (Member.from_db(None, _MEMBER_ATTNAMES, row) for row in versions)
        if m.removed_at is None or m.removed_at > moment
    ]
    members.sort(key=lambda m: (m.name.lower(), m.pk))
    present = {m.pk for m in members}
    links = [
        (a, b, kind)
        for a, b, kind in _latest_versions(Link, client, moment, ["member_a_id", "member_b_id", "kind"])
        if a in present and b in present
    ]
    return Network(members=members, links=links, moment=moment)


_MEMBER_ATTNAMES = [field.attname for field in Member._meta.concrete_fields]  # the history keeps them all


def _latest_versions(model, client, moment: datetime, fields: list[str]) -> list[tuple]:
    """``fields`` of each member or link of ``client`` as its latest history row up to ``moment`` said,
    leaving out those whose latest row is their deletion (as django-simple-history's
    ``latest_of_each().as_instances()``). Two rows of one object with the same date (one save recorded
    twice) give one version: the later-written, by its history id.

    One query that ranks each object's rows by date. ``latest_of_each`` asks, for every row, whether the
    client has a later row of the same object: SQLite answers that through the client's index, so the time
    grows with the square of the client's history (66 ms for 150 members with 5 versions each; this: 7 ms).
    Plain values, not ``as_instances()``: that builds a historical record and then the object, row by row.
    The deletions are left out here, not in the query: filtered in the query they would be left out before
    the ranking, and an object's version before its deletion would count as its latest.
    """
    rows = (
        model.history.filter(client_id=client.pk, history_date__lte=moment)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("id")], order_by=[F("history_date").desc(), F("history_id").desc()]
            )
        )
        .filter(rank=1)
        .values_list("history_type", *fields)
    )
    return [row[1:] for row in rows if row[0] != "-"]


def network_on(client, day: date | None) -> Network:
    if day is None or day >= timezone.localdate():
        return network_now(client)
    return network_as_of(client, end_of_day(day))


def removed_members(client) -> list[Member]:
    """Members taken off the network, newest first, so a removal can be undone."""
    return list(Member.objects.filter(client=client, removed_at__isnull=False).order_by("-removed_at")[:20])
