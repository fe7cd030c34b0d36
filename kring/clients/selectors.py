"""Reads of client data, always scoped to the user through the access policy."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kring import policy
from kring.clients.models import Client


def caseload(user, *, query: str = "", team_id: int | None = None, status: str | None = None) -> QuerySet:
    """The clients the user may see, filtered by name, team and status, ready to list."""
    clients = policy.clients_visible_to(user).select_related("team", "location").prefetch_related("key_workers")
    for word in query.split():
        clients = clients.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    if team_id is not None:
        clients = clients.filter(team_id=team_id)
    if status:
        clients = clients.filter(status=status)
    return clients


def teams_in_caseload(user):
    """The teams a user can filter the caseload on."""
    from kring.accounts.models import Team

    if policy.is_org_admin(user):
        return Team.objects.filter(organisation_id=user.organisation_id)
    return Team.objects.filter(pk__in=policy.client_team_ids(user))


def client_changes(client: Client, *, limit: int = 50) -> list[dict]:
    """The record's history, newest first, as plain rows: when, who, and which fields changed."""
    records = list(client.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(rows) == limit:
            break
        if older is None:
            changed = []
        else:
            delta = newer.diff_against(older, excluded_fields=["version"])
            changed = [Client._meta.get_field(change.field).verbose_name for change in delta.changes]
            if not changed and newer.history_type == "~":
                continue
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "kind": newer.history_type,
                "fields": changed,
            }
        )
    return rows
