from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from kring import policy
from kring.audit.models import AccessLog


def access_log_for(
    user,
    *,
    client_id: int | None = None,
    user_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet:
    """The access log of the user's own organisation, for an organisation admin; nothing for others."""
    if not policy.can_view_access_log(user):
        return AccessLog.objects.none()
    rows = AccessLog.objects.filter(organisation_id=user.organisation_id)
    if client_id is not None:
        rows = rows.filter(client_id=client_id)
    if user_id is not None:
        rows = rows.filter(user_id=user_id)
    tz = timezone.get_current_timezone()
    if since is not None:
        rows = rows.filter(timestamp__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until is not None:
        rows = rows.filter(timestamp__lt=datetime.combine(until + timedelta(days=1), time.min, tzinfo=tz))
    return rows
