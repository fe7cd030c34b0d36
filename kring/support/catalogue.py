"""Kring's default what-works elements and intervention forms, and each organisation's own copy of them.

The eight elements follow factsheet 2 ("Wat werkt in netwerkondersteuning"); "randvoorwaarden" (the
first) is about the organisation, not about a client, so it is not an element a worker codes an
intervention with. An organisation can rename, reorder, switch off and add entries; the keys of the
defaults stay, so reports can follow an element across organisations.
"""

from __future__ import annotations

from django.db import transaction

from kring.support.models import Element, InterventionMode

# (key, Dutch label, English label, Dutch explanation, English explanation)
DEFAULT_ELEMENTS = [
    ("basic_conditions", "Basisvoorwaarden en vertrouwen", "Basic conditions and trust",
     "Een vertrouwensband, bestaanszekerheid, en nagaan of naasten zelf steun nodig hebben.",
     "A bond of trust, a secure base, and checking whether members need support themselves."),
    ("awareness", "Bewust worden van het netwerk", "Awareness of the network",
     "Samen het netwerk in kaart brengen en erover praten: ecogram, levenslijn, haakjes.",
     "Mapping the network together and talking about it: ecogram, lifeline, hooks."),
    ("enlarge", "Netwerk vergroten", "Enlarging the network",
     "Oude contacten weer opzoeken, nieuwe mensen leren kennen via activiteiten of dagbesteding.",
     "Finding old contacts again, meeting new people through activities or day programmes."),
    ("limit", "Netwerk begrenzen", "Limiting the network",
     "Grenzen stellen aan contact dat niet helpt of onveilig is, en dat bespreekbaar maken.",
     "Setting limits to contact that does not help or is unsafe, and talking about it."),
    ("restore", "Relaties herstellen of behouden", "Restoring or keeping relations",
     "Schaamte, schuld of ruis bespreekbaar maken; contact vanuit gelijkwaardigheid.",
     "Talking about shame, guilt or friction; contact as equals."),
    ("shared_decisions", "Samen beslissen", "Shared decision-making",
     "Cliënt, naasten en hulpverlener bespreken samen de opties; de cliënt beslist.",
     "Client, members and professional discuss the options together; the client decides."),
    ("social_responsibility", "Iets doen voor een ander", "Social responsibility",
     "Niet alleen hulp vragen maar ook iets voor anderen doen, en rekening houden met anderen.",
     "Not only asking for help but also doing something for others, and being considerate."),
    ("social_skills", "Sociale vaardigheden", "Social skills",
     "Triggers en gevolgen van gedrag bespreken en samen alternatieven oefenen.",
     "Discussing triggers and consequences of behaviour and practising alternatives together."),
]  # fmt: skip

# (key, Dutch label, English label)
DEFAULT_MODES = [
    ("conversation", "Gesprek", "Conversation"),
    ("phone", "Telefoon", "Phone call"),
    ("home_visit", "Huisbezoek", "Home visit"),
    ("video", "Videobellen", "Video call"),
    ("message", "Brief of bericht", "Letter or message"),
    ("together", "Samen ergens heen", "Going somewhere together"),
    ("meeting", "Netwerkberaad of groepsgesprek", "Network meeting"),
    ("other", "Anders", "Other"),
]  # fmt: skip


def ensure_catalogue(organisation) -> None:
    """Give the organisation Kring's defaults on first use; never touch what it changed afterwards."""
    with transaction.atomic():
        if not Element.objects.filter(organisation=organisation).exists():
            Element.objects.bulk_create(
                [
                    Element(
                        organisation=organisation,
                        key=key,
                        order=(i + 1) * 10,
                        labels={"nl": nl, "en": en},
                        descriptions={"nl": nl_text, "en": en_text},
                    )
                    for i, (key, nl, en, nl_text, en_text) in enumerate(DEFAULT_ELEMENTS)
                ],
                ignore_conflicts=True,
            )
        if not InterventionMode.objects.filter(organisation=organisation).exists():
            InterventionMode.objects.bulk_create(
                [
                    InterventionMode(
                        organisation=organisation, key=key, order=(i + 1) * 10, labels={"nl": nl, "en": en}
                    )
                    for i, (key, nl, en) in enumerate(DEFAULT_MODES)
                ],
                ignore_conflicts=True,
            )


def elements_for(organisation, *, include_inactive: bool = False) -> list[Element]:
    ensure_catalogue(organisation)
    entries = Element.objects.filter(organisation=organisation)
    return list(entries if include_inactive else entries.filter(active=True))


def modes_for(organisation, *, include_inactive: bool = False) -> list[InterventionMode]:
    ensure_catalogue(organisation)
    entries = InterventionMode.objects.filter(organisation=organisation)
    return list(entries if include_inactive else entries.filter(active=True))
