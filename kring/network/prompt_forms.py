"""The organisation admin's prompt cards: the form, and the services that write a card.

The services live here, beside the one form that feeds them, so that the prompt admin stays three files
(forms and services, views, urls). Prompt cards are the organisation's settings, not client data: no
access-log rows are written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation
from kring.network.models import Prompt, PromptEffect
from kring.network.prompts import ensure_prompts

QUESTION_MAX_LENGTH = 200
KEY_MAX_LENGTH = Prompt._meta.get_field("key").max_length
ORDER_STEP = 10


@dataclass(frozen=True)
class PromptData:
    texts: dict[str, str]  # the question per language code; the source language (Dutch) is always there
    effect: str
    active: bool

    @property
    def question_nl(self) -> str:
        return self.texts[settings.LANGUAGE_CODE]


def question_field_name(code: str) -> str:
    return f"question_{code}"


def _question_field(code: str) -> forms.CharField:
    """The question in one of the languages Kring speaks (settings.LANGUAGES): adding a language there
    adds its field here. The source language (Dutch) is required; a missing translation shows the Dutch."""
    source = code == settings.LANGUAGE_CODE
    language = get_language_info(code)["name_translated"]
    max_length_message = _("Houd de vraag korter: hoogstens %(limit_value)d tekens (nu %(show_value)d).")
    if source:
        return forms.CharField(
            label=_("Vraag in het Nederlands"),
            max_length=QUESTION_MAX_LENGTH,
            widget=forms.TextInput(attrs={"lang": code}),
            help_text=_("Kort en in gewone taal, met ‘je’. Bijvoorbeeld: ‘Met wie ga je weleens wandelen?’"),
            error_messages={"required": _("Vul de vraag in het Nederlands in."), "max_length": max_length_message},
        )
    return forms.CharField(
        label=_("Vraag in het %(language)s") % {"language": language},
        max_length=QUESTION_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"lang": code}),
        help_text=_("Leeg gelaten? Dan ziet een cliënt die deze taal kiest de Nederlandse vraag."),
        error_messages={"max_length": max_length_message},
    )


class PromptForm(forms.Form):
    effect = forms.ChoiceField(
        label=_("Wat zegt het over iemand?"),
        choices=PromptEffect.choices,
        initial=PromptEffect.NONE,
        help_text=_("Wat Kring bij een persoon vastlegt als de cliënt hem of haar bij deze vraag noemt."),
        error_messages={
            "required": _("Kies wat de vraag over iemand zegt."),
            "invalid_choice": _("Kies uit de lijst."),
        },
    )
    active = forms.BooleanField(label=_("In gebruik in de netwerksessie"), required=False, initial=True)

    def __init__(self, *args, prompt: Prompt | None = None, **kwargs):
        if prompt is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{question_field_name(code): prompt.texts.get(code, "") for code, _name in settings.LANGUAGES},
                "effect": prompt.effect,
                "active": prompt.active,
            }
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            self.fields[question_field_name(code)] = _question_field(code)
        self.order_fields([question_field_name(code) for code, _name in settings.LANGUAGES])

    @property
    def question_fields(self):
        return [self[question_field_name(code)] for code, _name in settings.LANGUAGES]

    def prompt_data(self) -> PromptData:
        data = self.cleaned_data
        return PromptData(
            texts={code: data[question_field_name(code)].strip() for code, _name in settings.LANGUAGES},
            effect=data["effect"],
            active=data["active"],
        )


# Services ----------------------------------------------------------------------------------------


def _lock(organisation_id: int) -> None:
    """Serialise writes to one organisation's cards, so two admins never compute the same key or order."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()


def _texts(current: dict, data: PromptData) -> dict:
    """The question per language; an empty translation is dropped, so the Dutch one shows."""
    texts = {**current, **data.texts}
    return {code: text for code, text in texts.items() if text}


def _unique_key(organisation_id: int, question: str) -> str:
    """A slug of the question, unique in the organisation: ``wie_kent_jou``, then ``wie_kent_jou_2``..."""
    base = slugify(question).replace("-", "_") or "vraag"
    taken = set(Prompt.objects.filter(organisation_id=organisation_id).values_list("key", flat=True))
    number = 1
    while True:
        suffix = "" if number == 1 else f"_{number}"
        key = base[: KEY_MAX_LENGTH - len(suffix)].rstrip("_") + suffix
        if key not in taken:
            return key
        number += 1


def prompt_create(*, organisation: Organisation, data: PromptData) -> Prompt:
    """A new card at the end of the organisation's list, with a key made from its Dutch question."""
    with transaction.atomic():
        _lock(organisation.pk)
        # Seed the defaults first: a first card of its own would otherwise stop them from ever being copied.
        ensure_prompts(organisation)
        last = Prompt.objects.filter(organisation=organisation).order_by("-order").values_list("order", flat=True)
        prompt = Prompt(
            organisation=organisation,
            key=_unique_key(organisation.pk, data.question_nl),
            order=(last.first() or 0) + ORDER_STEP,
            effect=data.effect,
            active=data.active,
            texts=_texts({}, data),
        )
        prompt.full_clean()
        prompt.save()
    return prompt


def prompt_update(*, prompt: Prompt, data: PromptData) -> Prompt:
    """New wording, effect or state. The key stays: sessions remember answers by it."""
    with transaction.atomic():
        prompt.texts = _texts(prompt.texts, data)
        prompt.effect = data.effect
        prompt.active = data.active
        prompt.full_clean()
        prompt.save(update_fields=["texts", "effect", "active"])
    return prompt


def prompt_set_active(*, prompt: Prompt, active: bool) -> Prompt:
    """Switch a card on or off; doing it twice is harmless."""
    with transaction.atomic():
        if prompt.active != active:
            prompt.active = active
            prompt.save(update_fields=["active"])
    return prompt


def prompt_move(*, prompt: Prompt, step: int) -> None:
    """Swap the card with its neighbour above (``step=-1``) or below (``step=1``); at either end, nothing.

    The whole list is numbered again in steps of ten, so equal or missing order numbers sort themselves out.
    """
    with transaction.atomic():
        _lock(prompt.organisation_id)
        cards = list(Prompt.objects.filter(organisation_id=prompt.organisation_id).order_by("order", "pk"))
        here = next(i for i, card in enumerate(cards) if card.pk == prompt.pk)
        there = here + step
        if not 0 <= there < len(cards):
            return
        cards[here], cards[there] = cards[there], cards[here]
        changed = []
        for i, card in enumerate(cards):
            if card.order != (i + 1) * ORDER_STEP:
                card.order = (i + 1) * ORDER_STEP
                changed.append(card)
        Prompt.objects.bulk_update(changed, ["order"])
