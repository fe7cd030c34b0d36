"""Who may do what with places. Places are not client data; the samen-op-zoek pages are, and go through
``kring.policy.get_client_for_user`` like every client page.

- Workers, team leads and organisation admins use the social map: their organisation's places and the
  places other organisations share. Researchers do not (they work with pseudonymised exports only).
- Anyone who uses it may add a place for their own organisation and correct one (the map grows from the
  field). Only an organisation admin imports files, shares places with everyone, removes places and keeps
  the start points.
- A place of another organisation that is not shared does not exist for you: every page answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from kring import policy


def can_use_places(user) -> bool:
    return policy.can_see_caseload(user)


def can_manage_places(user) -> bool:
    return policy.is_org_admin(user)


def can_edit_place(user, place) -> bool:
    return can_use_places(user) and place.organisation_id == user.organisation_id


def places_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from kring.places.models import Place

    qs = Place.objects.current() if queryset is None else queryset.filter(removed_at__isnull=True)
    if not can_use_places(user):
        return qs.none()
    return qs.filter(Q(organisation_id=user.organisation_id) | Q(shared=True))


def require_use(user) -> None:
    if not can_use_places(user):
        raise Http404


def require_manage(user) -> None:
    if not can_manage_places(user):
        raise Http404


def get_place_for_user(user, pk, *, edit: bool = False):
    """The place with this id if the user may see it (with ``edit``: change it); else 404."""
    pk = policy.parse_id(pk)
    place = places_visible_to(user).select_related("organisation").filter(pk=pk).first()
    if place is None or (edit and not can_edit_place(user, place)):
        raise Http404
    return place
