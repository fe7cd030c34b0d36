"""Fictional questionnaire responses over time for the demo clients with a story network.

The loneliness scores follow the stories in ``networks.py``: Ahmed's network grows and his loneliness
goes down, with one conversation where he skipped two statements (a gap in the trend, not a zero);
Bianca's stays about the same; Cor, with one acquaintance at the drop-in, stays lonely; Kofi fills the
scale in English. Written through the service, so every response is scored and audited as from the page.
Loaded only for clients without any questionnaire yet; dates after today are left out.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kring.audit.log import Actor
from kring.clients.models import Client
from kring.measures import definitions, services
from kring.measures.definitions import MORE_OR_LESS, NO, YES
from kring.measures.models import QuestionnaireResponse

EMOTIONAL = ("emptiness", "miss_people", "rejected")
SOCIAL = ("rely_on", "trust", "close")


def loneliness(emotional: int, social: int, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Answers scoring ``emotional`` and ``social`` points (0–3 each), with some "min of meer" in between."""
    answers = {}
    for index, key in enumerate(EMOTIONAL):
        answers[key] = (YES if index == 0 else MORE_OR_LESS) if index < emotional else NO
    for index, key in enumerate(SOCIAL):
        answers[key] = (NO if index == 0 else MORE_OR_LESS) if index < social else YES
    return {key: value for key, value in answers.items() if key not in skip}


def zrm(level: int) -> dict[str, str]:
    return {"social_network": str(level)}


# (given name, family name) → [(days after intake, questionnaire, answers, language, note)]
STORIES = {
    ("Ahmed", "El Idrissi"): [
        (7, "djg6", loneliness(3, 2), "nl", "Mist zijn moeder en broer. Wil weer contact met Youssef."),
        (7, "zrm_social", zrm(2), "nl", ""),
        (100, "djg6", loneliness(2, 2), "nl", "Buurman Henk helpt; broer belt soms."),
        (
            160,
            "djg6",
            loneliness(2, 1, skip=("rejected", "trust")),
            "nl",
            "Wilde twee uitspraken liever niet beantwoorden.",
        ),
        (190, "zrm_social", zrm(3), "nl", ""),
        (310, "djg6", loneliness(1, 1), "nl", "Fietsenwerkplaats geeft ritme en collega's."),
        (310, "zrm_social", zrm(4), "nl", ""),
    ],
    ("Bianca", "Hoekstra"): [
        (10, "djg6", loneliness(2, 2), "nl", "Denkt veel aan haar dochter."),
        (10, "zrm_social", zrm(2), "nl", ""),
        (120, "djg6", loneliness(2, 1), "nl", "Tante Joke is een steun."),
        (120, "zrm_social", zrm(3), "nl", ""),
    ],
    ("Cor", ""): [
        (14, "djg6", loneliness(3, 3), "nl", "Zegt dat hij niemand meer heeft behalve zijn maatje van de inloop."),
        (14, "zrm_social", zrm(1), "nl", ""),
        (200, "djg6", loneliness(3, 2), "nl", ""),
        (200, "zrm_social", zrm(2), "nl", ""),
    ],
    ("Kofi", "Mensah"): [
        (5, "djg6", loneliness(2, 1), "en", "Filled in in English. Misses his sister in Ghana."),
        (5, "zrm_social", zrm(3), "nl", ""),
        (90, "djg6", loneliness(1, 0), "en", "Football team on Saturdays."),
    ],
}


def load(registrar_for) -> int:
    """Add the responses to the story clients that have none yet; return how many were added."""
    added = 0
    today = timezone.localdate()
    for (given, family), steps in STORIES.items():
        client = Client.objects.filter(given_name=given, family_name=family).first()
        if client is None or QuestionnaireResponse.objects.filter(client=client).exists():
            continue
        actor = Actor.system(registrar_for(client), reason="demo")
        for days, key, answers, language, note in steps:
            day = client.intake_date + timedelta(days=days)
            if day > today:
                continue
            services.response_create(
                actor=actor,
                client=client,
                definition=definitions.get(key),
                data=services.ResponseData(date=day, answers=answers, note=note, language=language),
            )
            added += 1
    return added
