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


def require_edit_client(user, client) -> None:
    """For services: refuse a write to this client's records by someone who may not make it."""
    if not can_edit_client(user, client):
        raise PermissionError("This user may not change this client's records.")


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


# --- Transfers: the network moves along (meeverhuizen) ---------------------------------------------

OPEN_TRANSFER_STATUSES = ("proposed", "accepted")


def transfers_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The transfers the user may see.

    - Every transfer of a client the user sees: the sending side while the client is theirs, and after
      completion the receiving side (the transfers come along with the client's history).
    - An open transfer (proposed or accepted) to a team the user works in or leads, or, for an organisation
      admin, to any team of their organisation: the receiving side sees the proposal (name, handover note)
      but not the client's record or network until the transfer is completed.
    """
    from django.db.models import Q

    from kring.clients.models import Transfer

    qs = Transfer.objects.all() if queryset is None else queryset
    if not memberships(user):
        return qs.none()
    incoming = Q(status__in=OPEN_TRANSFER_STATUSES, to_team__organisation_id=user.organisation_id)
    if not is_org_admin(user):
        incoming &= Q(to_team_id__in=client_team_ids(user))
    return qs.filter(Q(client__in=clients_visible_to(user).values("pk")) | incoming)


def is_transfer_receiver(user, transfer) -> bool:
    """Whether the user is on the receiving side: in the receiving team, or an admin of its organisation."""
    if not memberships(user) or transfer.to_team.organisation_id != user.organisation_id:
        return False
    return is_org_admin(user) or transfer.to_team_id in client_team_ids(user)


def can_propose_transfer(user, client) -> bool:
    return can_edit_client(user, client)


def can_override_transfer_consent(user, client) -> bool:
    """Only an admin of the client's organisation may transfer without the client's consent (with a reason)."""
    return is_org_admin(user) and client.organisation_id == user.organisation_id


def can_decide_transfer(user, transfer) -> bool:
    """Accept or decline: the receiving side, while the transfer is proposed."""
    return transfer.status == "proposed" and is_transfer_receiver(user, transfer)


def can_withdraw_transfer(user, transfer) -> bool:
    """Withdraw: the sending side, while the transfer is open."""
    return transfer.status in OPEN_TRANSFER_STATUSES and can_edit_client(user, transfer.client)


def can_complete_transfer(user, transfer) -> bool:
    """Complete (the client moves): either side, once the receiving side has accepted."""
    return transfer.status == "accepted" and (
        can_edit_client(user, transfer.client) or is_transfer_receiver(user, transfer)
    )


# --- The client's rights under the GDPR (inzage, erasure) and the FHIR exchange --------------------


def can_handle_data_request(user, client) -> bool:
    """Inzage (art. 15) and erasure (art. 17) are handled by an admin of the client's organisation."""
    return is_org_admin(user) and client.organisation_id == user.organisation_id


def can_export_network(user, client) -> bool:
    """Export the network for another installation (FHIR): whoever works with the client."""
    return can_edit_client(user, client)


def can_import_network(user) -> bool:
    """Import a network from another installation as a new client: whoever may register a client."""
    return can_create_client(user)


def get_transfer_for_user(user, pk):
    """The transfer with this id if the user may see it (either side, see :func:`transfers_visible_to`); else 404."""
    pk = parse_id(pk)
    transfer = (
        transfers_visible_to(user)
        .select_related(
            "client__team",
            "client__location",
            "client__organisation",
            "from_team__organisation",
            "to_team__organisation",
            "to_team__location",
            "to_location",
            "consent",
            "proposed_by",
            "decided_by",
            "override_by",
        )
        .filter(pk=pk)
        .first()
    )
    if transfer is None:
        raise Http404
    return transfer


# --- Insights: dashboards, implementation monitor, training and case consultation -------------------


def led_team_ids(user) -> set[int]:
    """Teams the user leads."""
    return {m.team_id for m in memberships(user) if m.role == Role.TEAM_LEAD}


def is_researcher(user) -> bool:
    return has_role(user, Role.RESEARCHER)


def can_see_insights(user) -> bool:
    """The Inzicht part of the menu: everyone with a role. Workers find their team's training, conditions and
    case consultations there; team leads, admins and researchers the dashboards too."""
    return bool(client_team_ids(user)) or is_org_admin(user) or is_researcher(user)


def can_see_a_dashboard(user) -> bool:
    """A team dashboard (team leads) or the organisation's (admins, researchers). Answered without a query."""
    return bool(led_team_ids(user)) or can_see_org_dashboard(user)


def can_see_team_insights(user) -> bool:
    """The conditions, training and case consultations of a team: whoever works in or leads one, or an admin.
    Mirrors :func:`insight_teams` without a query."""
    return bool(client_team_ids(user)) or is_org_admin(user)


def dashboard_teams(user) -> QuerySet:
    """Teams whose team dashboard the user may see: the teams they lead; every team of the organisation
    for an admin. A researcher sees no team dashboard (only the organisation's, aggregated)."""
    if not memberships(user):
        return Team.objects.none()
    teams = Team.objects.filter(organisation_id=user.organisation_id)
    return teams if is_org_admin(user) else teams.filter(pk__in=led_team_ids(user))


def can_see_org_dashboard(user) -> bool:
    """The organisation dashboard (aggregated, small counts suppressed): admins and researchers."""
    return is_org_admin(user) or is_researcher(user)


def get_dashboard_team_for_user(user, pk) -> Team:
    team = dashboard_teams(user).filter(pk=parse_id(pk)).first()
    if team is None:
        raise Http404
    return team


def insight_teams(user) -> QuerySet:
    """Teams whose self-assessments, training records and case consultations the user takes part in:
    the teams they work in or lead; every team of the organisation for an admin."""
    if not memberships(user):
        return Team.objects.none()
    teams = Team.objects.filter(organisation_id=user.organisation_id)
    return teams if is_org_admin(user) else teams.filter(pk__in=client_team_ids(user))


def can_manage_team_insights(user, team) -> bool:
    """Assess the conditions, plan case consultations and record training for a team: its team lead or an
    admin of its organisation. Workers of the team read them and bring cases."""
    if not memberships(user) or team.organisation_id != user.organisation_id:
        return False
    return is_org_admin(user) or team.pk in led_team_ids(user)
