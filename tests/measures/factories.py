"""Questionnaire responses for tests, written through the service (scored, audited) or straight."""

from __future__ import annotations

from datetime import date

from kring.audit.log import Actor
from kring.measures import definitions, services


def make_response(client, *, by, key="djg6", day=None, answers=None, language="nl", note=""):
    """A response through the service, so its scores are computed as they would be from a page."""
    return services.response_create(
        actor=Actor.system(by, reason="test"),
        client=client,
        definition=definitions.get(key),
        data=services.ResponseData(
            date=day or date(2026, 1, 5),
            answers=dict(answers if answers is not None else MODERATE),
            note=note,
            language=language,
        ),
    )


# Hand-scored: emptiness ja (1), rely_on nee (1), trust ja (0), miss_people min of meer (1), close ja (0),
# rejected nee (0) → total 3 (matig eenzaam); emotional 2 of 3, social 1 of 3.
MODERATE = {
    "emptiness": "yes",
    "rely_on": "no",
    "trust": "yes",
    "miss_people": "more_or_less",
    "close": "yes",
    "rejected": "no",
}
