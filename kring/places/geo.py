"""Distances on the earth, the box around a circle, walking time, and coordinates typed by a person.

Pure functions, no Django: the search uses :func:`bounding_box` to let the database drop everything that
cannot be near, then :func:`haversine_km` for the exact distance of what is left.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)

# Walking: about 4.5 km an hour, and streets are never a straight line (a detour of about a third).
WALKING_KM_PER_HOUR = 4.5
DETOUR_FACTOR = 1.3


@dataclass(frozen=True)
class Box:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> Box:
    """The smallest latitude/longitude box that holds every point within ``radius_km`` of (lat, lon).

    Longitude degrees shrink towards the poles, so the box is wider in degrees than it is tall. Near a pole
    the box takes every longitude. (Kring is used in the Netherlands; the date line is not handled.)
    """
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    min_lat, max_lat = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    if min_lat <= -90.0 or max_lat >= 90.0:
        return Box(min_lat, max_lat, -180.0, 180.0)
    # The widest point of the circle in longitude (not at the centre's latitude, but close to it).
    ratio = math.sin(radius_km / EARTH_RADIUS_KM) / math.cos(math.radians(lat))
    dlon = 180.0 if ratio >= 1 else math.degrees(math.asin(ratio))
    return Box(min_lat, max_lat, max(-180.0, lon - dlon), min(180.0, lon + dlon))


def walking_minutes(distance_km: float) -> int:
    """A rough walking time for a straight-line distance: at least one minute."""
    return max(1, round(distance_km * DETOUR_FACTOR / WALKING_KM_PER_HOUR * 60))


class CoordinateError(ValueError):
    """Coordinates that cannot be read; the message says why, in Dutch (translated by the caller)."""


_NUMBER = r"[-+]?\d{1,3}(?:[.,]\d+)?"
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*[,;\s]\s*({_NUMBER})\s*$")


def parse_number(text: str) -> float:
    """A decimal number as people type it: ``52.37``, ``52,37`` (a Dutch comma), with spaces around."""
    cleaned = text.strip().replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", cleaned):
        raise CoordinateError(text)
    return float(cleaned)


def parse_coordinates(text: str) -> tuple[float, float]:
    """``"52.3702, 4.8952"`` (as copied from a map) → (52.3702, 4.8952). Latitude first.

    Accepts a comma, semicolon or space between the two, and a decimal comma when the two are separated
    by a semicolon or a space (``52,37 4,89``).
    """
    text = (text or "").strip()
    if text.lower().startswith("geo:"):
        text = text[4:].split(";")[0]
    match = _PAIR.match(text)
    if match is None:
        # "52,3702, 4,8952": decimal commas with a comma between; split on the comma followed by a space.
        parts = re.split(r",\s+|;\s*|\s+", text)
        if len(parts) != 2:
            raise CoordinateError(text)
        first, second = parts
    else:
        first, second = match.groups()
    lat, lon = parse_number(first), parse_number(second)
    check_range(lat, lon)
    return lat, lon


def check_range(lat: float, lon: float) -> None:
    if not (-90 <= lat <= 90) or not (-180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        raise CoordinateError(f"{lat}, {lon}")
