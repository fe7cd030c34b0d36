"""Reads: the search (near a point, sorted by distance, with filters), start points, a client's places,
and where a member was met.

The radius search never loads every place: the database keeps only the places inside the box around the
circle (an index on latitude and longitude), and only their id, coordinates and opening hours come to
Python for the exact distance. The full rows are fetched for the page that is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet

from kring.places import geo, hours
from kring.places.access import places_visible_to
from kring.places.models import MetAt, Place, PlaceSuggestion, PlaceVisit, StartPoint

PAGE_SIZE = 25
RADIUS_CHOICES_KM = (1, 2, 5, 10, 25, 50)
DEFAULT_RADIUS_KM = 5


@dataclass(frozen=True)
class Origin:
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Filters:
    text: str = ""
    category: str = ""
    language: str = ""
    audience: str = ""
    open_now: bool = False

    @property
    def any(self) -> bool:
        return bool(self.text or self.category or self.language or self.audience or self.open_now)


@dataclass
class Hit:
    place: Place
    distance_km: float | None = None
    walking_minutes: int | None = None
    open_now: bool | None = None


def filtered(user, filters: Filters) -> QuerySet:
    """The places the user may see, narrowed by the filters the database can answer."""
    qs = places_visible_to(user)
    if filters.category:
        qs = qs.filter(category=filters.category)
    # The codes come from fixed lists (no quotes in them), so matching the JSON text is exact on every database.
    if filters.language:
        qs = qs.filter(languages__icontains=f'"{filters.language}"')
    if filters.audience:
        qs = qs.filter(audiences__icontains=f'"{filters.audience}"')
    if filters.text:
        text = filters.text
        qs = qs.filter(
            Q(name__icontains=text)
            | Q(description__icontains=text)
            | Q(community__icontains=text)
            | Q(street_address__icontains=text)
            | Q(city__icontains=text)
        )
    return qs


def search(
    user,
    *,
    filters: Filters,
    now: datetime,
    origin: Origin | None = None,
    radius_km: float | None = None,
    page_number=1,
    per_page: int = PAGE_SIZE,
) -> Page:
    """A page of :class:`Hit`: by distance from ``origin`` within ``radius_km``, else by name.

    ``now`` is the clock for "open now" (the caller passes the local time; tests pass a fixed one).
    """
    qs = filtered(user, filters)
    if origin is not None and radius_km:
        box = geo.bounding_box(origin.latitude, origin.longitude, radius_km)
        rows = (
            qs.filter(
                latitude__gte=box.min_lat,
                latitude__lte=box.max_lat,
                longitude__gte=box.min_lon,
                longitude__lte=box.max_lon,
            )
            .order_by()  # sorted by distance below; no sort in the database
            .values_list("pk", "latitude", "longitude", "opening_hours", "name")
        )
        found = []
        for pk, lat, lon, spec, name in rows:
            distance = geo.haversine_km(origin.latitude, origin.longitude, lat, lon)
            if distance > radius_km:
                continue
            if filters.open_now and hours.is_open(spec, now) is not True:
                continue
            found.append((distance, name.casefold(), pk))
        found.sort()
        page = Paginator(found, per_page).get_page(page_number)
        distances = {pk: distance for distance, _name, pk in page.object_list}
        page.object_list = _hits([pk for _d, _n, pk in page.object_list], now, distances)
        return page
    if filters.open_now:
        pks = [
            pk for pk, spec in qs.order_by("name", "pk").values_list("pk", "opening_hours") if hours.is_open(spec, now)
        ]
        page = Paginator(pks, per_page).get_page(page_number)
        page.object_list = _hits(list(page.object_list), now, {})
        return page
    page = Paginator(qs.order_by("name", "pk").values_list("pk", flat=True), per_page).get_page(page_number)
    page.object_list = _hits(list(page.object_list), now, {})
    return page


def _hits(pks: list[int], now: datetime, distances: dict[int, float]) -> list[Hit]:
    places = Place.objects.select_related("organisation").in_bulk(pks)
    hits = []
    for pk in pks:
        place = places[pk]
        distance = distances.get(pk)
        hits.append(
            Hit(
                place=place,
                distance_km=distance,
                walking_minutes=geo.walking_minutes(distance) if distance is not None else None,
                open_now=hours.is_open(place.opening_hours, now),
            )
        )
    return hits


def start_points_for(user) -> list[StartPoint]:
    return list(StartPoint.objects.filter(organisation_id=user.organisation_id).select_related("location"))


def start_point_for_client(client, points: list[StartPoint]) -> StartPoint | None:
    """The start point at the client's location (where they sleep or come during the day), if there is one."""
    if client.location_id is None:
        return None
    return next((p for p in points if p.location_id == client.location_id), None)


# --- A client's places -----------------------------------------------------------------------------


def suggestions_for(client) -> list[PlaceSuggestion]:
    visits = PlaceVisit.objects.current().order_by("-date", "-pk")
    return list(
        PlaceSuggestion.objects.current()
        .filter(client=client)
        .select_related("place", "action")
        .prefetch_related(Prefetch("visits", queryset=visits, to_attr="current_visits"))
        .order_by("-updated_at", "-pk")
    )


def suggestion_place_ids(client) -> set[int]:
    return set(PlaceSuggestion.objects.current().filter(client=client).values_list("place_id", flat=True))


def visits_of(suggestion) -> list[PlaceVisit]:
    met = MetAt.objects.select_related("member").filter(member__removed_at__isnull=True)
    return list(
        PlaceVisit.objects.current()
        .filter(suggestion=suggestion, client_id=suggestion.client_id)
        .prefetch_related(Prefetch("met", queryset=met, to_attr="met_members"))
        .order_by("-date", "-pk")
    )


def member_place(member) -> MetAt | None:
    """Where this member was met, for the member's page (``places/_member_place.html``). One query."""
    return (
        MetAt.objects.select_related("place", "visit__suggestion")
        .filter(member=member, client_id=member.client_id)
        .first()
    )
