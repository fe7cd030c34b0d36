"""Kring's one access policy. Every permission question about client data is answered here.

- A worker sees the clients of the teams they work in.
- A team lead sees the clients of the teams they lead.
- An organisation admin sees every client of their organisation.
- A researcher sees no identifiable client at all (research data comes through the research export).
- Nobody ever sees another organisation's data.

Views never load client data with an unscoped ``get(pk=...)``: they call :func:`get_client_for_user`,
which answers "not yours" and "does not exist" with the same 404, so a URL never reveals that a record
exists.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kring.accounts.models import Membership, Role, Team

_CACHE_ATTR = "_kring_memberships"


def memberships(user) -> list[Membership]:
    """The user's memberships, fetched once per user object (so once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.organisation_id is None:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, user__organisation_id=user.organisation_id).select_related("team")
        )
        # A membership in a team of another organisation would be a data error; never let it open a door.
        cached = [m for m in cached if m.team_id is None or m.team.organisation_id == user.organisation_id]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user) -> None:
    """Drop the cached memberships, after they changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles(user) -> set[str]:
    return {m.role for m in memberships(user)}


def has_role(user, role: str) -> bool:
    return role in roles(user)


def is_org_admin(user) -> bool:
    return has_role(user, Role.ORG_ADMIN)


def primary_role(user) -> str:
    """The role that explains the user's access, for the access log (the widest one wins)."""
    for role in (Role.ORG_ADMIN, Role.TEAM_LEAD, Role.WORKER, Role.RESEARCHER):
        if role in roles(user):
            return role
    return ""


def client_team_ids(user) -> set[int]:
    """Teams whose clients the user works with as a worker or team lead."""
    return {m.team_id for m in memberships(user) if m.role in (Role.WORKER, Role.TEAM_LEAD)}


def clients_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from kring.clients.models import Client

    qs = Client.objects.all() if queryset is None else queryset
    if not memberships(user):
        return qs.none()
    qs = qs.filter(organisation_id=user.organisation_id)
    if is_org_admin(user):
        return qs
    team_ids = client_team_ids(user)
    if not team_ids:
        return qs.none()
    return qs.filter(team_id__in=team_ids)


MAX_ID = 2**63 - 1


def parse_id(value) -> int:
    """A database id from a URL, or 404 for anything that cannot be one (never a 500 on overflow)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number <= MAX_ID:
        raise Http404
    return number


def get_client_for_user(user, pk, *, write: bool = False):
    """The client with this id if the user may see it (and, with ``write``, change it); else 404."""
    from kring.clients.models import Client

    pk = parse_id(pk)
    client = (
        clients_visible_to(user, Client.objects.select_related("team", "location", "organisation"))
        .filter(pk=pk)
        .first()
    )
    if client is None or (write and not can_edit_client(user, client)):
        raise Http404
    return client


def can_edit_client(user, client) -> bool:
    """Everyone who may see a client may also edit the record (researchers see none).

    Answered from the memberships alone, without a query; mirrors :func:`clients_visible_to`.
    """
    if not memberships(user) or client.organisation_id != user.organisation_id:
        return False
    return is_org_admin(user) or client.team_id in client_team_ids(user)


def can_see_caseload(user) -> bool:
    return bool(roles(user) & {Role.WORKER, Role.TEAM_LEAD, Role.ORG_ADMIN})


def teams_for_new_client(user) -> QuerySet:
    """Teams in which the user may register a new client."""
    if is_org_admin(user):
        return Team.objects.filter(organisation_id=user.organisation_id)
    return Team.objects.filter(pk__in=client_team_ids(user), organisation_id=user.organisation_id)


def can_create_client(user) -> bool:
    return bool(is_org_admin(user) or client_team_ids(user))


def can_view_access_log(user) -> bool:
    return is_org_admin(user)


def key_worker_candidates(user, team: Team | None):
    """Colleagues who can be a client's key worker: workers and team leads of the client's team."""
    from kring.accounts.models import User

    if team is None or team.organisation_id != user.organisation_id:
        return User.objects.none()
    return User.objects.filter(
        is_active=True,
        organisation_id=user.organisation_id,
        memberships__team=team,
        memberships__role__in=[Role.WORKER, Role.TEAM_LEAD],
    ).distinct()
