"""Kring's default prompt cards for the mapping session, and each organisation's own copy of them.

The hooks come from factsheet 2 ("op wie kunnen wij terugvallen?", plans for the weekend, daily
activities, someone's first WhatsApp contact) and the network game "Wie is voor jou belangrijk?".
Each card says what naming someone on it tells about that person (its effect), so the answers fill the
network without extra typing.
"""

from __future__ import annotations

from django.db import transaction

from kring.network.models import Prompt, PromptEffect

# (key, effect, Dutch, English). The client reads these: short, plain, "je".
DEFAULT_PROMPTS = [
    ("fall_back", PromptEffect.EMERGENCY_CONTACT,
     "Als er iets met je gebeurt: op wie kunnen we dan terugvallen?",
     "If something happens to you: who can we fall back on?"),
    ("whatsapp", PromptEffect.FREQUENT_CONTACT,
     "Wie staat bovenaan in je WhatsApp?",
     "Who is at the top of your WhatsApp?"),
    ("weekend", PromptEffect.COMPANY,
     "Met wie ben je in het weekend?",
     "Who do you spend the weekend with?"),
    ("daytime", PromptEffect.COMPANY,
     "Wie zie je overdag?",
     "Who do you see during the day?"),
    ("listens", PromptEffect.EMOTIONAL,
     "Met wie praat je als je ergens mee zit?",
     "Who do you talk to when something is on your mind?"),
    ("helps", PromptEffect.PRACTICAL,
     "Wie helpt je met praktische dingen?",
     "Who helps you with practical things?"),
    ("you_help", PromptEffect.GIVES_SUPPORT,
     "Wie help jij weleens?",
     "Who do you help sometimes?"),
    ("used_to_see", PromptEffect.DORMANT,
     "Wie zag je vroeger vaak, maar nu niet meer?",
     "Who did you use to see a lot, but not any more?"),
    ("known_longest", PromptEffect.NONE,
     "Wie kent jou het langst?",
     "Who has known you the longest?"),
    ("hard_time", PromptEffect.STRESSFUL,
     "Met wie heb je het moeilijk?",
     "Who do you have a hard time with?"),
]  # fmt: skip


def prompts_for(organisation) -> list[Prompt]:
    """The organisation's active prompt cards in order; its first use copies Kring's defaults."""
    ensure_prompts(organisation)
    return list(Prompt.objects.filter(organisation=organisation, active=True).order_by("order", "pk"))


def ensure_prompts(organisation) -> None:
    if Prompt.objects.filter(organisation=organisation).exists():
        return
    with transaction.atomic():
        Prompt.objects.bulk_create(
            [
                Prompt(
                    organisation=organisation, key=key, order=(i + 1) * 10, effect=effect, texts={"nl": nl, "en": en}
                )
                for i, (key, effect, nl, en) in enumerate(DEFAULT_PROMPTS)
            ],
            ignore_conflicts=True,
        )
