"""Distances, the box around a circle, walking time and typed coordinates (pure functions)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kring.places import geo


def test_it_measures_one_degree_of_longitude_on_the_equator():
    assert geo.haversine_km(0, 0, 0, 1) == pytest.approx(2 * math.pi * geo.EARTH_RADIUS_KM / 360, rel=1e-9)


def test_it_measures_known_distances_between_cities():
    # Paris – London and Amsterdam Centraal – Utrecht Centraal (great-circle distances).
    assert geo.haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=0.5)
    assert geo.haversine_km(52.3791, 4.9003, 52.0894, 5.1100) == pytest.approx(35.3, abs=0.3)


def test_the_distance_is_the_same_both_ways_and_zero_to_itself():
    assert geo.haversine_km(52.2, 5.3, 52.21, 5.31) == geo.haversine_km(52.21, 5.31, 52.2, 5.3)
    assert geo.haversine_km(52.2, 5.3, 52.2, 5.3) == 0


@given(
    lat=st.floats(-80, 80),
    lon=st.floats(-170, 170),
    radius=st.floats(0.05, 50),
    bearing=st.floats(0, 2 * math.pi),
    fraction=st.floats(0, 0.999),
)
def test_every_point_within_the_radius_lies_inside_the_box(lat, lon, radius, bearing, fraction):
    # A point at distance fraction*radius in any direction (spherical destination formula).
    d = fraction * radius / geo.EARTH_RADIUS_KM
    phi1, lambda1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(math.sin(phi1) * math.cos(d) + math.cos(phi1) * math.sin(d) * math.cos(bearing))
    lambda2 = lambda1 + math.atan2(
        math.sin(bearing) * math.sin(d) * math.cos(phi1), math.cos(d) - math.sin(phi1) * math.sin(phi2)
    )
    point = (math.degrees(phi2), math.degrees(lambda2))
    box = geo.bounding_box(lat, lon, radius)
    assert box.contains(*point)


def test_the_box_is_wider_in_degrees_than_tall_in_the_netherlands():
    box = geo.bounding_box(52.0, 5.0, 10)
    assert (box.max_lon - box.min_lon) > (box.max_lat - box.min_lat) * 1.5


def test_it_estimates_walking_minutes_with_a_detour():
    assert geo.walking_minutes(1.0) == 17  # 1 km * 1.3 / 4.5 km/h
    assert geo.walking_minutes(0.01) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("52.3702, 4.8952", (52.3702, 4.8952)),
        ("52.3702 4.8952", (52.3702, 4.8952)),
        ("52,3702; 4,8952", (52.3702, 4.8952)),
        ("52,3702, 4,8952", (52.3702, 4.8952)),
        ("geo:52.37,4.89", (52.37, 4.89)),
        (" -33.9, 18.4 ", (-33.9, 18.4)),
    ],
)
def test_it_reads_coordinates_as_people_type_them(text, expected):
    assert geo.parse_coordinates(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "Kringstad", "52.37", "91, 5", "52, 181", "52.3 4.8 1", "abc, def"])
def test_it_refuses_what_are_not_coordinates(text):
    with pytest.raises(geo.CoordinateError):
        geo.parse_coordinates(text)
