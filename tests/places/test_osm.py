"""OpenStreetMap tags → Kring's categories, audiences, languages and details (pure functions)."""

import pytest

from kring.clients.models import LANGUAGE_CODES
from kring.places import osm
from kring.places.models import Audience, Category


@pytest.mark.parametrize(
    ("tags", "category"),
    [
        ({"amenity": "place_of_worship", "religion": "muslim"}, "mosque"),
        ({"amenity": "place_of_worship", "religion": "christian"}, "church"),
        ({"amenity": "place_of_worship", "religion": "buddhist"}, "other_worship"),
        ({"amenity": "place_of_worship"}, "other_worship"),
        ({"amenity": "community_centre"}, "community_centre"),
        ({"amenity": "social_facility", "social_facility": "outreach"}, "walk_in"),
        ({"amenity": "social_facility", "social_facility:for": "homeless", "social_facility": "group_home"}, "walk_in"),
        ({"amenity": "social_facility", "social_facility": "soup_kitchen"}, "meal"),
        ({"amenity": "social_facility", "social_facility": "day_care"}, "day_activity"),
        ({"amenity": "social_facility", "social_facility": "group_home"}, "other"),
        ({"amenity": "library"}, "library"),
        ({"leisure": "sports_centre"}, "sports"),
        ({"leisure": "pitch", "sport": "soccer"}, "sports"),
        ({"leisure": "park"}, "park"),
        ({"leisure": "garden", "garden:type": "community"}, "volunteering"),
        ({"shop": "charity"}, "volunteering"),
        ({"club": "self_help"}, "self_help"),
        ({"club": "ethnic"}, "cultural"),
        ({"amenity": "arts_centre"}, "cultural"),
        ({"amenity": "cafe"}, "other"),
        ({}, "other"),
    ],
)
def test_it_maps_osm_tags_to_a_category(tags, category):
    assert osm.category_of(tags) == category


def test_every_category_it_returns_exists_in_kring():
    returned = {osm.category_of(tags) for tags in _every_known_tag_set()}
    assert returned <= set(Category.values)
    assert returned == set(Category.values)  # and every category can come from OpenStreetMap


def _every_known_tag_set():
    for amenity in osm._AMENITY:
        yield {"amenity": amenity}
    for leisure in osm._LEISURE:
        yield {"leisure": leisure}
    for club in osm._CLUB:
        yield {"club": club}
    for kind in osm._SOCIAL_FACILITY:
        yield {"amenity": "social_facility", "social_facility": kind}
    for religion in ("muslim", "christian", "jewish"):
        yield {"amenity": "place_of_worship", "religion": religion}
    yield {"amenity": "social_facility", "social_facility": "outreach"}
    yield {"amenity": "community_centre"}
    yield {"amenity": "cafe"}


def test_it_reads_who_a_place_is_for_from_social_facility_for():
    assert osm.audiences_of({"social_facility:for": "women;lgbtq"}) == ["women", "lgbti"]
    assert osm.audiences_of({"social_facility:for": "juvenile", "community_centre:for": "senior"}) == [
        "young_adults",
        "seniors",
    ]
    assert set(osm._FOR.values()) <= set(Audience.values)


def test_it_reads_languages_kring_knows():
    tags = {"language:ar": "yes", "language:xx": "yes", "language:nl": "no", "language:tr": "main"}
    assert osm.languages_of(tags, LANGUAGE_CODES) == ["ar", "tr"]


def test_it_takes_address_contact_and_access_from_the_tags():
    fields = osm.fields_from_tags(
        {
            "name": " Buurthuis Het Anker ",
            "amenity": "community_centre",
            "addr:street": "Ankerweg",
            "addr:housenumber": "7",
            "addr:postcode": "9999 AA",
            "addr:city": "Kringstad",
            "contact:phone": "010-1234567;010-7654321",
            "website": "anker.test",
            "wheelchair": "limited",
            "fee": "no",
            "check_date": "2025-11-02",
            "opening_hours": "Mo-Fr 09:00-17:00",
        },
        languages=LANGUAGE_CODES,
    )
    assert fields["name"] == "Buurthuis Het Anker"
    assert fields["street_address"] == "Ankerweg 7"
    assert (fields["postcode"], fields["city"]) == ("9999 AA", "Kringstad")
    assert fields["phone"] == "010-1234567"
    assert fields["website"] == "https://anker.test"
    assert (fields["wheelchair"], fields["cost"]) == ("limited", "free")
    assert fields["checked_on"].isoformat() == "2025-11-02"
    assert "description" not in fields  # nothing invented
