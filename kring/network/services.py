"""Writes to a client's network. Each runs in one transaction with its access-log row."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients.models import Client
from kring.network.models import SECTOR_OF_RELATION, Link, LinkKind, Member, MemberStatus
from kring.versioning import ConcurrentEditError as ConcurrentEditError  # views catch it from here
from kring.versioning import claim_version


@dataclass
class MemberData:
    name: str
    relation: str
    circle: int
    sector: str = ""  # empty: follows from the relation
    pseudonym: str = ""
    organisation_name: str = ""
    contact_frequency: str = ""
    support_received: list[str] = field(default_factory=list)
    support_given: list[str] = field(default_factory=list)
    tie_quality: str = "supportive"
    status: str = MemberStatus.ACTIVE
    limit_reason: str = ""
    emergency_contact: bool = False
    abroad_country: str = ""
    languages: list[str] = field(default_factory=list)
    needs_interpreter: bool = False
    prefers_video: bool = False
    phone: str = ""
    email: str = ""
    deceased: bool = False
    notes: str = ""


def _apply(member: Member, data: MemberData) -> None:
    for f in fields(MemberData):
        setattr(member, f.name, getattr(data, f.name))
    member.name = member.name.strip()
    member.sector = data.sector or SECTOR_OF_RELATION.get(data.relation, "")
    if member.status != MemberStatus.LIMITED:
        member.limit_reason = ""
    member.support_received = sorted(set(member.support_received))
    member.support_given = sorted(set(member.support_given))


def _save(member: Member, actor: Actor) -> None:
    member._history_user = actor.user
    member.save()


def member_create(*, actor: Actor, client: Client, data: MemberData) -> Member:
    policy.require_edit_client(actor.user, client)
    member = Member(client=client)
    _apply(member, data)
    member.full_clean()
    with transaction.atomic():
        _save(member, actor)
        log(actor, "network.member.create", client=client, obj=member)
    return member


def member_update(*, actor: Actor, member: Member, data: MemberData, expected_version: int | None) -> Member:
    policy.require_edit_client(actor.user, member.client)
    _apply(member, data)
    member.full_clean()
    with transaction.atomic():
        claim_version(member, expected_version)
        _save(member, actor)
        log(actor, "network.member.update", client=member.client, obj=member)
    return member


def member_move(*, actor: Actor, member: Member, circle: int, sector: str, expected_version: int | None) -> Member:
    """Move a member to another circle and/or sector (drag on the ecogram, or the move form)."""
    policy.require_edit_client(actor.user, member.client)
    member.circle, member.sector = circle, sector
    member.full_clean()
    with transaction.atomic():
        claim_version(member, expected_version)
        _save(member, actor)
        log(actor, "network.member.update", client=member.client, obj=member, detail=f"move {sector}/{circle}")
    return member


def member_remove(*, actor: Actor, member: Member, expected_version: int | None) -> Member:
    """Take a member off the network. Kept in the history, so the network on an earlier date still shows them."""
    policy.require_edit_client(actor.user, member.client)
    with transaction.atomic():
        claim_version(member, expected_version)
        for link in Link.objects.filter(Q(member_a=member) | Q(member_b=member)):
            link._history_user = actor.user
            link.delete()
        member.removed_at = timezone.now()
        _save(member, actor)
        log(actor, "network.member.delete", client=member.client, obj=member)
    return member


def member_restore(*, actor: Actor, member: Member) -> Member:
    """Put a removed member back (undo)."""
    policy.require_edit_client(actor.user, member.client)
    if member.removed_at is None:
        return member
    with transaction.atomic():
        member.removed_at = None
        member.version += 1
        _save(member, actor)
        log(actor, "network.member.update", client=member.client, obj=member, detail="restore")
    return member


def link_create(*, actor: Actor, client: Client, member_a: Member, member_b: Member, kind: str) -> Link:
    policy.require_edit_client(actor.user, client)
    if member_a.client_id != client.pk or member_b.client_id != client.pk:
        raise ValidationError({"member_b": _("Kies twee mensen uit het netwerk van deze cliënt.")})
    if member_a.removed_at or member_b.removed_at:
        raise ValidationError({"member_b": _("Deze persoon staat niet meer in het netwerk.")})
    if member_a.pk == member_b.pk:
        raise ValidationError({"member_b": _("Kies twee verschillende mensen.")})
    if kind not in LinkKind.values:
        raise ValidationError({"kind": _("Kies wat voor verbinding het is.")})
    low, high = sorted((member_a, member_b), key=lambda m: m.pk)
    try:
        with transaction.atomic():
            link = Link(client=client, member_a=low, member_b=high, kind=kind)
            link._history_user = actor.user
            link.save()
            log(actor, "network.link.create", client=client, obj=link)
    except IntegrityError:
        raise ValidationError({"member_b": _("Deze twee mensen zijn al met elkaar verbonden.")}) from None
    return link


def link_remove(*, actor: Actor, link: Link) -> None:
    policy.require_edit_client(actor.user, link.client)
    with transaction.atomic():
        log(actor, "network.link.delete", client=link.client, obj=link)
        link._history_user = actor.user
        link.delete()


def add_support_given(*, actor: Actor, member: Member, kinds) -> Member:
    """Record that the client gives this member these kinds of support (from "Iets voor een ander").

    Only adds: what was recorded before stays. Runs inside the caller's transaction when there is one, so a
    contribution and the support it adds to the network land together. Nothing new: no write, no log row.
    """
    from kring.network.models import Support  # one addition to this file, its imports left as they were

    policy.require_edit_client(actor.user, member.client)
    unknown = set(kinds) - set(Support.values)
    if unknown:
        raise ValidationError({"support_kinds": _("Kies een soort steun uit de lijst.")})
    with transaction.atomic():
        # Read the member again under a lock: the caller's copy may be older than what is stored now.
        current = Member.objects.select_for_update().filter(pk=member.pk, removed_at__isnull=True).first()
        if current is None or set(kinds) <= set(current.support_given):
            return current or member
        current.support_given = sorted(set(current.support_given) | set(kinds))
        claim_version(current, None)
        _save(current, actor)
        log(actor, "network.member.update", client=member.client, obj=current, detail="support given")
    member.support_given, member.version = current.support_given, current.version
    return current


def add_support_received(*, actor: Actor, member: Member, kinds) -> Member:
    """Record that this member gives the client these kinds of support (promised in a meeting's agreement).

    Only adds, like :func:`add_support_given`: runs inside the caller's transaction when there is one, so an
    agreement and the support it adds to the network land together. Nothing new: no write, no log row.
    """
    from kring.network.models import Support

    policy.require_edit_client(actor.user, member.client)
    unknown = set(kinds) - set(Support.values)
    if unknown:
        raise ValidationError({"support_promised": _("Kies een soort steun uit de lijst.")})
    with transaction.atomic():
        current = Member.objects.select_for_update().filter(pk=member.pk, removed_at__isnull=True).first()
        if current is None or set(kinds) <= set(current.support_received):
            return current or member
        current.support_received = sorted(set(current.support_received) | set(kinds))
        claim_version(current, None)
        _save(current, actor)
        log(actor, "network.member.update", client=member.client, obj=current, detail="support received")
    member.support_received, member.version = current.support_received, current.version
    return current
