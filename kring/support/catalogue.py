"""Kring's default what-works elements and intervention forms, and each organisation's own copy of them.

The eight elements follow factsheet 2 ("Wat werkt in netwerkondersteuning"); "randvoorwaarden" (the
first) is about the organisation, not about a client, so it is not an element a worker codes an
intervention with. An organisation can rename, reorder, switch off and add entries; the keys of the
defaults stay, so reports can follow an element across organisations.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from kring import policy
from kring.accounts.models import Organisation
from kring.audit.log import Actor, log
from kring.support.models import Element, InterventionMode

# (key, Dutch label, English label, Dutch explanation, English explanation)
DEFAULT_ELEMENTS = [
    ("basic_conditions", "Basisvoorwaarden en vertrouwen", "Basic conditions and trust",
     "Vertrouwen, een veilige basis (onderdak, inkomen, dagbesteding) en nagaan of naasten steun nodig hebben.",
     "Trust, a secure base (shelter, income, daytime activity) and checking whether members need support."),
    ("awareness", "Bewust worden van het netwerk", "Awareness of the network",
     "Samen het netwerk in kaart brengen (ecogram, levenslijn) en erover praten, bijvoorbeeld over het weekend.",
     "Mapping the network together (ecogram, lifeline) and talking about it, for example about the weekend."),
    ("enlarge", "Netwerk vergroten", "Enlarging the network",
     "Oude contacten weer opzoeken, nieuwe mensen leren kennen via activiteiten of dagbesteding.",
     "Finding old contacts again, meeting new people through activities or day programmes."),
    ("limit", "Netwerk begrenzen", "Limiting the network",
     "Grenzen stellen aan contact dat niet helpt of onveilig is, en dat samen met de cliënt bespreken.",
     "Setting limits to contact that does not help or is unsafe, and discussing it with the client."),
    ("restore", "Relaties herstellen of behouden", "Restoring or keeping relations",
     "Schaamte, schuld of ruis in een relatie bespreekbaar maken; contact als gelijken.",
     "Talking about shame, guilt or friction in a relationship; contact as equals."),
    ("shared_decisions", "Samen beslissen", "Shared decision-making",
     "Cliënt, naasten en hulpverlener bespreken samen de opties; de cliënt beslist.",
     "Client, members and professional discuss the options together; the client decides."),
    ("social_responsibility", "Iets doen voor een ander", "Social responsibility",
     "Niet alleen hulp krijgen maar ook iets voor een ander doen, en rekening houden met de mensen om je heen.",
     "Not only receiving help but also doing something for others, and being considerate of people around."),
    ("social_skills", "Sociale vaardigheden", "Social skills",
     "Bespreken wat gedrag uitlokt en wat het gevolg is, en samen iets anders oefenen.",
     "Discussing what sets off behaviour and what follows, and practising something else together."),
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


# --- the organisation admin's changes -------------------------------------------------------------------
# The list is the organisation's settings, not client data: each change writes an access-log row without a
# client ("support.element.update"), so an organisation can see who changed its way of working.

ORDER_STEP = 10
EVENTS = {Element: "support.element", InterventionMode: "support.mode"}


@dataclass(frozen=True)
class EntryData:
    labels: dict[str, str]  # per language code; Dutch (the source language) is always there
    descriptions: dict[str, str]
    active: bool


def _check_admin(actor: Actor, organisation_id: int) -> None:
    if not policy.is_org_admin(actor.user) or actor.user.organisation_id != organisation_id:
        raise PermissionError("Only an admin of this organisation may change its list.")


def _lock(organisation_id: int) -> None:
    """Serialise writes to one organisation's list, so two admins never compute the same key or order."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()


def _texts(current: dict, new: dict) -> dict:
    """Per language; an emptied translation is dropped, so the Dutch text shows in its place."""
    merged = {**current, **{code: text.strip() for code, text in new.items()}}
    return {code: text for code, text in merged.items() if text}


def _unique_key(model, organisation_id: int, label: str) -> str:
    """A slug of the Dutch label, unique in the organisation's list: ``wandelen``, then ``wandelen_2``..."""
    max_length = model._meta.get_field("key").max_length
    base = slugify(label).replace("-", "_") or "eigen"
    taken = set(model.objects.filter(organisation_id=organisation_id).values_list("key", flat=True))
    number = 1
    while True:
        suffix = "" if number == 1 else f"_{number}"
        key = base[: max_length - len(suffix)].rstrip("_") + suffix
        if key not in taken:
            return key
        number += 1


def entry_create(*, actor: Actor, model, data: EntryData):
    """A new element or form at the end of the organisation's list, with a key made from its Dutch name."""
    organisation = actor.user.organisation
    _check_admin(actor, organisation.pk)
    with transaction.atomic():
        _lock(organisation.pk)
        # Seed the defaults first: an entry of its own would otherwise stop them from ever being copied.
        ensure_catalogue(organisation)
        last = model.objects.filter(organisation=organisation).order_by("-order").values_list("order", flat=True)
        entry = model(
            organisation=organisation,
            key=_unique_key(model, organisation.pk, data.labels.get("nl", "")),
            order=(last.first() or 0) + ORDER_STEP,
            labels=_texts({}, data.labels),
            descriptions=_texts({}, data.descriptions),
            active=data.active,
        )
        entry.full_clean()
        entry.save()
        log(actor, f"{EVENTS[model]}.create", obj=entry)
    return entry


def entry_update(*, actor: Actor, entry, data: EntryData):
    """New wording or state. The key stays, so reports can follow an entry through its new name."""
    _check_admin(actor, entry.organisation_id)
    with transaction.atomic():
        entry.labels = _texts(entry.labels, data.labels)
        entry.descriptions = _texts(entry.descriptions, data.descriptions)
        entry.active = data.active
        entry.full_clean()
        entry.save(update_fields=["labels", "descriptions", "active"])
        log(actor, f"{EVENTS[type(entry)]}.update", obj=entry)
    return entry


def entry_set_active(*, actor: Actor, entry, active: bool):
    """Switch on or off. Off: no longer offered, but old records keep it. Twice is harmless."""
    _check_admin(actor, entry.organisation_id)
    if entry.active == active:
        return entry
    with transaction.atomic():
        entry.active = active
        entry.save(update_fields=["active"])
        log(actor, f"{EVENTS[type(entry)]}.update", obj=entry, detail="on" if active else "off")
    return entry


def entry_move(*, actor: Actor, entry, step: int) -> None:
    """Swap with the neighbour above (``step=-1``) or below (``step=1``); at either end, nothing.

    The whole list is numbered again in steps of ten, so equal or missing order numbers sort themselves out.
    """
    _check_admin(actor, entry.organisation_id)
    model = type(entry)
    with transaction.atomic():
        _lock(entry.organisation_id)
        entries = list(model.objects.filter(organisation_id=entry.organisation_id).order_by("order", "pk"))
        here = next(i for i, other in enumerate(entries) if other.pk == entry.pk)
        there = here + step
        if not 0 <= there < len(entries):
            return
        entries[here], entries[there] = entries[there], entries[here]
        changed = []
        for i, other in enumerate(entries):
            if other.order != (i + 1) * ORDER_STEP:
                other.order = (i + 1) * ORDER_STEP
                changed.append(other)
        model.objects.bulk_update(changed, ["order"])
        log(actor, f"{EVENTS[model]}.update", obj=entry, detail="move up" if step < 0 else "move down")
