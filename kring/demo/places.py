"""Fictional places in the fictional city of Kringstad, for the demo. Every name and address is made up.

The coordinates lie around an arbitrary point (52.2000, 5.3000) so the distances make sense; on a map with
real tiles the places would sit on streets that have nothing to do with them. Each place says it is a
fictional demo place. Loading is idempotent (places are looked up by their demo id).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kring.accounts.models import Location, Organisation
from kring.places.models import Place, StartPoint

MAIN_ORG = "Stichting Dak & Kring (demo)"
OTHER_ORG = "Opvang Elders (demo)"
DEMO_NOTE = "Verzonnen demo-plek"

# (organisation, start point, location name or None, lat, lon)
START_POINTS = [
    (MAIN_ORG, "Nachtopvang De Haven", "Nachtopvang De Haven", 52.2000, 5.3000),
    (MAIN_ORG, "Dagopvang Het Plein", "Dagopvang Het Plein", 52.2085, 5.2915),
    (MAIN_ORG, "Station Kringstad", None, 52.1962, 5.3068),
]

# (demo id, organisation, shared, fields)
PLACES = [
    (
        "inloop-open-deur",
        MAIN_ORG,
        False,
        dict(
            name="Inloophuis De Open Deur",
            category="walk_in",
            street_address="Deurstraat 2",
            postcode="9999 AB",
            latitude=52.2011,
            longitude=5.3011,
            languages=["nl", "en"],
            audiences=["homeless"],
            opening_hours="Mo-Fr 10:00-16:00",
            description="Koffie, een praatje en de krant. Je hoeft niets.",
            wheelchair="yes",
            cost="free",
            phone="010-555 0101",
            checked_on=date(2026, 9, 1),
        ),
    ),
    (
        "buurthuis-ketting",
        MAIN_ORG,
        False,
        dict(
            name="Buurthuis De Ketting",
            category="community_centre",
            street_address="Kettingweg 5",
            latitude=52.1970,
            longitude=5.3050,
            languages=["nl", "tr", "ar"],
            opening_hours="Mo-Th 09:00-21:00; Fr 09:00-17:00",
            description="Samen koken op donderdag, een moestuin en een klusgroep.",
            cost="contribution",
            cost_note="1 euro voor de maaltijd",
            wheelchair="limited",
            checked_on=date(2026, 6, 12),
        ),
    ),
    (
        "moskee-an-noer",
        MAIN_ORG,
        False,
        dict(
            name="Moskee An-Noer (demo)",
            category="mosque",
            street_address="Lichtlaan 1",
            latitude=52.2050,
            longitude=5.2990,
            languages=["ar", "ber", "nl"],
            audiences=["men", "women", "community"],
            community="Marokkaanse gemeenschap",
            opening_notes="Vrijdaggebed om 13:30; daarna thee in de zaal.",
        ),
    ),
    (
        "kerk-schakel",
        MAIN_ORG,
        False,
        dict(
            name="Kerk De Schakel (demo)",
            category="church",
            street_address="Schakelplein 3",
            latitude=52.2120,
            longitude=5.3020,
            languages=["nl"],
            opening_hours="Su 10:00-12:30",
            description="Na de dienst koffie; op woensdag een maaltijd voor wie wil aanschuiven.",
            cost="free",
        ),
    ),
    (
        "eritrese-kerk",
        MAIN_ORG,
        False,
        dict(
            name="Eritrese gemeenschap Kringstad",
            category="other_worship",
            street_address="Havenkade 12",
            latitude=52.1935,
            longitude=5.2960,
            languages=["ti", "am"],
            audiences=["community", "newcomers"],
            community="Eritrese gemeenschap",
            opening_hours="Su 09:00-14:00",
        ),
    ),
    (
        "bieb-bladzijde",
        MAIN_ORG,
        False,
        dict(
            name="Bibliotheek De Bladzijde",
            category="library",
            street_address="Boekenstraat 8",
            latitude=52.2001,
            longitude=5.2999,
            languages=["nl", "pl", "uk"],
            audiences=["newcomers"],
            opening_hours="Mo-Sa 10:00-17:00",
            description="Taalcafé op woensdagmiddag, gratis computers.",
            wheelchair="yes",
            cost="free",
        ),
    ),
    (
        "straatvoetbal",
        MAIN_ORG,
        False,
        dict(
            name="Straatvoetbal Kringstad",
            category="sports",
            street_address="Veldje Oostkant",
            latitude=52.1880,
            longitude=5.2900,
            audiences=["young_adults"],
            opening_hours="We 19:00-21:00",
            cost="free",
            description="Wie komt, speelt mee.",
        ),
    ),
    (
        "repair-cafe",
        MAIN_ORG,
        False,
        dict(
            name="Repair Café De Schroef",
            category="volunteering",
            street_address="Werkstraat 4",
            latitude=52.2075,
            longitude=5.3110,
            opening_hours="Sa[1] 10:00-13:00",
            opening_notes="Elke eerste zaterdag van de maand.",
            description="Samen spullen maken. Vrijwilligers welkom.",
        ),
    ),
    (
        "werkplaats-hout",
        MAIN_ORG,
        False,
        dict(
            name="Werkplaats Hout & Zo",
            category="day_activity",
            street_address="Zaagweg 9",
            latitude=52.2150,
            longitude=5.2850,
            audiences=["addiction"],
            opening_hours="Mo-Th 09:00-15:00",
            description="Houtbewerking met begeleiding, ook voor een paar ochtenden per week.",
        ),
    ),
    (
        "maaltijd-gracht",
        MAIN_ORG,
        False,
        dict(
            name="Maaltijd aan de Gracht",
            category="meal",
            street_address="Grachtje 21",
            latitude=52.1995,
            longitude=5.3025,
            opening_hours="Fr 18:00-20:00",
            cost="contribution",
            cost_note="Geef wat je kunt",
            description="Elke vrijdag samen eten aan lange tafels.",
        ),
    ),
    (
        "lotgenoten",
        MAIN_ORG,
        False,
        dict(
            name="Lotgenotengroep Nieuwe Start",
            category="self_help",
            city="Kringstad",
            opening_notes="Dinsdagavond; het adres krijg je als je belt.",
            phone="010-555 0111",
            languages=["nl"],
        ),
    ),
    (
        "poolse-vereniging",
        MAIN_ORG,
        False,
        dict(
            name="Poolse Vereniging Orzeł (demo)",
            category="cultural",
            street_address="Adelaarstraat 6",
            latitude=52.2090,
            longitude=5.2930,
            languages=["pl"],
            audiences=["community"],
            community="Poolse gemeenschap",
            opening_hours="Sa 14:00-18:00",
        ),
    ),
    (
        "stadspark",
        MAIN_ORG,
        False,
        dict(
            name="Stadspark Kringstad",
            category="park",
            latitude=52.2025,
            longitude=5.3075,
            opening_hours="24/7",
            description="Bankjes, een jeu-de-boulesbaan en op zondag een wandelgroep om 11:00.",
            cost="free",
        ),
    ),
    (
        "roze-koffie",
        MAIN_ORG,
        False,
        dict(
            name="Roze Koffie",
            category="other",
            street_address="Regenboogpad 1",
            latitude=52.2015,
            longitude=5.2970,
            languages=["nl", "en"],
            audiences=["lgbti"],
            opening_hours="Su[-1] 15:00-18:00",
            description="Maandelijkse ontmoeting voor LHBTI+ mensen en vrienden.",
        ),
    ),
    # Shared by the other organisation: the main organisation sees it, marked "Gedeeld door".
    (
        "taalmaatjes",
        OTHER_ORG,
        True,
        dict(
            name="Taalmaatjes Kringstad",
            category="volunteering",
            street_address="Praatstraat 3",
            latitude=52.2040,
            longitude=5.3040,
            languages=["nl", "ar", "ti", "uk"],
            audiences=["newcomers"],
            opening_hours="Tu,Th 13:00-16:00",
            description="Oefen Nederlands met een vrijwilliger; koppels voor een jaar.",
        ),
    ),
    # Not shared: the main organisation never sees it.
    (
        "alleen-elders",
        OTHER_ORG,
        False,
        dict(
            name="Huiskamer Elderveen",
            category="walk_in",
            city="Elderveen",
            latitude=52.3000,
            longitude=5.4000,
        ),
    ),
]


@transaction.atomic
def load() -> int:
    """Create the demo places and start points that are missing; return how many were created."""
    created = 0
    orgs = {org.name: org for org in Organisation.objects.filter(name__in=[MAIN_ORG, OTHER_ORG])}
    for org_name, name, location_name, lat, lon in START_POINTS:
        organisation = orgs.get(org_name)
        if organisation is None:
            continue
        location = (
            Location.objects.filter(organisation=organisation, name=location_name).first() if location_name else None
        )
        _point, new = StartPoint.objects.get_or_create(
            organisation=organisation, name=name, defaults={"latitude": lat, "longitude": lon, "location": location}
        )
        created += new
    for demo_id, org_name, shared, fields in PLACES:
        organisation = orgs.get(org_name)
        if organisation is None:
            continue
        _place, new = Place.objects.get_or_create(
            organisation=organisation,
            source="manual",
            source_id=f"demo:{demo_id}",
            defaults={"shared": shared, "attribution": DEMO_NOTE, "city": "Kringstad", **fields},
        )
        created += new
    return created
