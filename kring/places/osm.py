"""OpenStreetMap tags → a place in Kring: the category, who it is for, languages, address and contact.

Pure functions on a dict of tags, no Django. The category codes are those of
``kring.places.models.Category`` (a test checks that every code returned here exists there).
"""

from __future__ import annotations

from datetime import date

OSM_ATTRIBUTION = "© OpenStreetMap-bijdragers, ODbL 1.0"
OSM_COPYRIGHT_URL = "https://www.openstreetmap.org/copyright"

_RELIGION = {"muslim": "mosque", "christian": "church"}

_SOCIAL_FACILITY = {
    "soup_kitchen": "meal",
    "food_bank": "meal",
    "outreach": "walk_in",
    "day_care": "day_activity",
    "workshop": "day_activity",
    "sheltered_workshop": "day_activity",
}

_AMENITY = {
    "community_centre": "community_centre",
    "social_centre": "community_centre",
    "library": "library",
    "public_bookcase": "library",
    "arts_centre": "cultural",
    "soup_kitchen": "meal",
    "food_sharing": "meal",
    "marketplace": "park",
}

_LEISURE = {
    "sports_centre": "sports",
    "sports_hall": "sports",
    "fitness_centre": "sports",
    "pitch": "sports",
    "swimming_pool": "sports",
    "park": "park",
    "common": "park",
    "picnic_site": "park",
}

_CLUB = {
    "sport": "sports",
    "culture": "cultural",
    "ethnic": "cultural",
    "music": "cultural",
    "art": "cultural",
    "religion": "other_worship",
    "charity": "volunteering",
    "self_help": "self_help",
}

# social_facility:for=* (and community_centre:for=*) → who the place is for.
_FOR = {
    "women": "women",
    "woman": "women",
    "girls": "women",
    "men": "men",
    "juvenile": "young_adults",
    "youth": "young_adults",
    "young_adult": "young_adults",
    "senior": "seniors",
    "seniors": "seniors",
    "lgbtq": "lgbti",
    "lgbt": "lgbti",
    "lgbti": "lgbti",
    "family": "families",
    "families": "families",
    "child;family": "families",
    "migrant": "newcomers",
    "refugee": "newcomers",
    "refugees": "newcomers",
    "homeless": "homeless",
    "drug_addicted": "addiction",
    "alcohol_addicted": "addiction",
}

_WHEELCHAIR = {"yes": "yes", "designated": "yes", "limited": "limited", "no": "no"}


def category_of(tags: dict[str, str]) -> str:
    """The Kring category for a set of OSM tags; ``other`` when nothing matches."""
    amenity = tags.get("amenity", "")
    if amenity == "place_of_worship" or tags.get("building") in ("mosque", "church", "chapel", "temple"):
        return _RELIGION.get(tags.get("religion", ""), "other_worship")
    if amenity == "social_facility":
        kind = tags.get("social_facility", "")
        if kind in _SOCIAL_FACILITY:
            return _SOCIAL_FACILITY[kind]
        if "homeless" in _split(tags.get("social_facility:for", "")):
            return "walk_in"
        return "walk_in" if kind in ("", "shelter", "drop_in") else "other"
    if amenity in _AMENITY:
        return _AMENITY[amenity]
    if tags.get("club") in _CLUB:
        return _CLUB[tags["club"]]
    if tags.get("leisure") == "garden" and tags.get("garden:type") == "community":
        return "volunteering"
    leisure = tags.get("leisure", "")
    if leisure in _LEISURE:
        return _LEISURE[leisure]
    if tags.get("sport") and leisure:
        return "sports"
    if tags.get("shop") in ("charity", "second_hand") or tags.get("office") in ("charity", "volunteer"):
        return "volunteering"
    if tags.get("repair") == "assisted_self_service" or tags.get("craft") == "repair_cafe":
        return "volunteering"
    if tags.get("healthcare") == "self_help" or tags.get("support_group"):
        return "self_help"
    if tags.get("place") == "square" or tags.get("highway") == "pedestrian":
        return "park"
    return "other"


def audiences_of(tags: dict[str, str]) -> list[str]:
    found = []
    for key in ("social_facility:for", "community_centre:for", "for"):
        for value in _split(tags.get(key, "")):
            audience = _FOR.get(value)
            if audience and audience not in found:
                found.append(audience)
    if tags.get("women") == "yes" and "women" not in found:
        found.append("women")
    return found


def languages_of(tags: dict[str, str], known: set[str]) -> list[str]:
    """``language:ar=yes`` (and ``language:ar=main``) → ``["ar"]``, only for language codes Kring knows."""
    found = []
    for key, value in tags.items():
        if key.startswith("language:") and value in ("yes", "main", "primary"):
            code = key.split(":", 1)[1].lower()
            if code in known and code not in found:
                found.append(code)
    return found


def fields_from_tags(tags: dict[str, str], *, languages: set[str]) -> dict:
    """The values for a Place from a set of OSM tags (only what the tags say; no defaults)."""
    street = " ".join(filter(None, [tags.get("addr:street", ""), tags.get("addr:housenumber", "")])).strip()
    fields = {
        "name": tags.get("name", "").strip(),
        "category": category_of(tags),
        "description": tags.get("description", "").strip(),
        "street_address": street,
        "postcode": tags.get("addr:postcode", "").strip(),
        "city": (tags.get("addr:city") or tags.get("addr:place") or "").strip(),
        "opening_hours": tags.get("opening_hours", "").strip(),
        "phone": (tags.get("phone") or tags.get("contact:phone") or "").strip(),
        "email": (tags.get("email") or tags.get("contact:email") or "").strip(),
        "website": (tags.get("website") or tags.get("contact:website") or tags.get("url") or "").strip(),
        "wheelchair": _WHEELCHAIR.get(tags.get("wheelchair", ""), ""),
        "audiences": audiences_of(tags),
        "languages": languages_of(tags, languages),
    }
    fee = tags.get("fee", "")
    if fee == "no":
        fields["cost"] = "free"
    elif fee == "donation":
        fields["cost"] = "contribution"
    elif fee == "yes":
        fields["cost"] = "paid"
    checked = tags.get("check_date") or tags.get("survey:date") or ""
    try:
        fields["checked_on"] = date.fromisoformat(checked[:10]) if checked else None
    except ValueError:
        fields["checked_on"] = None
    religion = tags.get("religion", "")
    denomination = tags.get("denomination", "")
    if fields["category"] == "other_worship" and religion and not fields["description"]:
        fields["description"] = religion.replace("_", " ")
    elif fields["category"] in ("mosque", "church") and denomination and not fields["description"]:
        fields["description"] = denomination.replace("_", " ")
    if fields["phone"]:
        fields["phone"] = fields["phone"].split(";")[0].strip()
    if fields["website"] and "://" not in fields["website"]:
        fields["website"] = "https://" + fields["website"]
    return {key: value for key, value in fields.items() if value not in ("", None, [])}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
