"""The guided mapping session: writes, each saved as it happens, and the finish that updates the network.

A session collects people (``SessionPerson``): the members already in the network, and the names the client
gives on the prompt cards. They are placed on the circles, linked, and only at the finish become members
(or update the existing ones) in one transaction, so the network changes at one moment in the history.
Every write is idempotent: a tablet that retries a request after losing its connection changes nothing
twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.network.models import (
    Link,
    MappingSession,
    Member,
    MemberStatus,
    Prompt,
    PromptEffect,
    Relation,
    SessionLink,
    SessionPerson,
    SessionStep,
    TieQuality,
)
from kring.network.prompts import ensure_prompts

MAX_NAME = 100


class SessionClosed(Exception):
    """The session was finished or stopped; nothing more can be written to it."""


@dataclass(frozen=True)
class NameResult:
    person: SessionPerson | None
    created: bool
    # People of the same name already in the session: ask "same person, or someone else?"
    same_names: tuple[SessionPerson, ...] = ()


# "Mo (2)", "Jan (Broer)": the word in brackets that tells two people of the same name apart.
_TELLER = re.compile(r"^(?P<base>.*?\S)\s*\((?P<teller>[^()]*)\)$")


def base_name(name: str) -> str:
    """The name without what tells it apart: "Mo (2)" → "Mo"."""
    match = _TELLER.match(name)
    return match.group("base") if match else name


def _with_teller(name: str, teller: str) -> str:
    suffix = f" ({teller})"
    return name[: MAX_NAME - len(suffix)].rstrip() + suffix


def numbered_name(name: str, namesakes: list[SessionPerson]) -> str:
    """The name for one more person called ``name``: "Mo (2)" after "Mo", "Mo (3)" after "Mo (2)"."""
    numbers = [1]
    for person in namesakes:
        match = _TELLER.match(person.name)
        if match and match.group("teller").isdigit():
            numbers.append(int(match.group("teller")))
    taken = {p.name.casefold() for p in namesakes}
    number = max(numbers) + 1
    while _with_teller(name, str(number)).casefold() in taken:
        number += 1
    return _with_teller(name, str(number))


def namesakes_of(session: MappingSession, name: str) -> list[SessionPerson]:
    """Everyone in the session called ``name`` (with or without a word in brackets), left out or not."""
    wanted = base_name(name).casefold()
    return [p for p in session.people.all() if base_name(p.name).casefold() == wanted]


def _check(actor: Actor, session: MappingSession) -> None:
    if not policy.can_edit_client(actor.user, session.client):
        raise PermissionError("This user may not change this client's network.")
    if not session.is_open:
        raise SessionClosed


def session_start(*, actor: Actor, client, language: str) -> MappingSession:
    """Start a session for the client, or resume the open one. Existing members come along to review."""
    if not policy.can_edit_client(actor.user, client):
        raise PermissionError("This user may not change this client's network.")
    open_session = MappingSession.objects.filter(client=client, finished_at=None, abandoned_at=None).first()
    if open_session is not None:
        return open_session
    try:
        with transaction.atomic():
            session = MappingSession.objects.create(client=client, started_by=actor.user, language=language)
            members = list(Member.objects.current().filter(client=client))
            names = _told_apart(members, language)
            SessionPerson.objects.bulk_create(
                SessionPerson(session=session, name=names[m.pk], member=m, sector=m.sector, circle=m.circle)
                for m in members
            )
            log(actor, "network.session.create", client=client, obj=session)
    except IntegrityError:  # two taps on "start" at once: the other one made it
        return MappingSession.objects.get(client=client, finished_at=None, abandoned_at=None)
    return session


def _told_apart(members: list[Member], language: str) -> dict[int, str]:
    """The members' names in the session, where two share a name with what tells them apart:
    "Mo (Broer)" and "Mo (Vriendin)"; numbered when that is the same too."""
    by_name: dict[str, list[Member]] = {}
    for member in members:
        by_name.setdefault(member.name.casefold(), []).append(member)
    names = {m.pk: m.name for m in members}
    with translation.override(language):
        for namesakes in by_name.values():
            if len(namesakes) < 2:
                continue
            relations = [str(Relation(m.relation).label).replace("(", "").replace(")", "") for m in namesakes]
            for number, (member, relation) in enumerate(zip(namesakes, relations, strict=True), start=1):
                teller = relation if relations.count(relation) == 1 else str(number)
                names[member.pk] = _with_teller(member.name, teller)
    return names


def clean_name(raw: str) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise ValidationError({"name": _("Typ een naam, of een paar woorden over wie het is.")})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": _("Die naam is te lang. Gebruik hoogstens 100 tekens.")})
    return name


def person_name(
    *, actor: Actor, session: MappingSession, prompt_key: str, name: str, request_key: str, another: bool = False
) -> NameResult:
    """Name someone on a prompt card. A retried request (same ``request_key``) names no one twice.

    A name already in the session is not added again: the result asks whether it is the same person
    (then :func:`person_toggle_prompt`) or someone else (then call again with ``another=True``, and the
    new person is numbered: "Mo (2)").
    """
    _check(actor, session)
    name = clean_name(name)
    if request_key:
        earlier = session.people.filter(request_key=request_key).first()
        if earlier is not None:
            return NameResult(earlier, created=False)
    namesakes = namesakes_of(session, name)
    present = [p for p in namesakes if not p.left_out]
    if present and not another:
        return NameResult(None, created=False, same_names=tuple(present))
    if present or any(p.name.casefold() == name.casefold() for p in namesakes):
        # Someone else of the same name: numbered, so the two can be told apart on the cards, the map and
        # in the network afterwards ("Mo" and "Mo (2)"); a number no one in the session has, left out or not.
        name = numbered_name(base_name(namesakes[0].name), namesakes)  # written as the first one was
    try:
        with transaction.atomic():
            person = SessionPerson.objects.create(
                session=session, name=name, prompt_keys=[prompt_key] if prompt_key else [], request_key=request_key
            )
    except IntegrityError:  # the same request, twice at once
        return NameResult(session.people.get(request_key=request_key), created=False)
    return NameResult(person, created=True)


def person_toggle_prompt(*, actor: Actor, session: MappingSession, person: SessionPerson, prompt_key: str, on: bool):
    """Say (or take back) that ``person`` answers this prompt card. Setting a state twice is harmless."""
    _check(actor, session)
    keys = [k for k in person.prompt_keys if k != prompt_key] + ([prompt_key] if on else [])
    if keys != person.prompt_keys:
        person.prompt_keys = keys
        person.save(update_fields=["prompt_keys"])
    return person


def person_place(
    *, actor: Actor, session: MappingSession, person: SessionPerson, sector: str | None, circle: int | None
):
    """Put a person in a circle and sector, or (``None``) back beside the circles. Leaving out is undone."""
    _check(actor, session)
    if circle is not None and circle not in (1, 2, 3):
        raise ValidationError({"circle": _("Kies cirkel 1, 2 of 3.")})
    person.sector, person.circle, person.left_out = sector or "", circle, False
    person.save(update_fields=["sector", "circle", "left_out"])
    return person


def person_leave_out(*, actor: Actor, session: MappingSession, person: SessionPerson, left_out: bool = True):
    """ "Niet belangrijk / laat maar": the person does not go on the map (an existing member stays)."""
    _check(actor, session)
    person.left_out = left_out
    if left_out:
        person.sector, person.circle = "", None
    person.save(update_fields=["left_out", "sector", "circle"])
    return person


def link_toggle(
    *, actor: Actor, session: MappingSession, a: SessionPerson, b: SessionPerson, on: bool | None = None
) -> bool:
    """Link two people who know each other (``on=True``), unlink them (``on=False``), or turn it around
    (``on=None``); returns whether they are linked now. With ``on`` a retried request changes nothing twice.
    """
    _check(actor, session)
    if a.pk == b.pk:
        raise ValidationError({"person": _("Kies twee verschillende mensen.")})
    if a.session_id != session.pk or b.session_id != session.pk:
        raise ValidationError({"person": _("Kies twee mensen uit deze sessie.")})
    low, high = sorted((a, b), key=lambda p: p.pk)
    pair = SessionLink.objects.filter(person_a=low, person_b=high)
    if on is None:
        on = not pair.exists()
    if on:
        SessionLink.objects.get_or_create(session=session, person_a=low, person_b=high)
    else:
        pair.delete()
    return on


def prompt_cards(organisation) -> list[Prompt]:
    """All of the organisation's prompt cards in order, those switched off too (they may hold answers)."""
    ensure_prompts(organisation)
    return list(Prompt.objects.filter(organisation=organisation).order_by("order", "pk"))


def resolve_prompt(cards: list[Prompt], key: str) -> Prompt | None:
    """The active card for ``key``: that card, or, if it was switched off meanwhile, the active card that
    follows it (else the last one); the first card for no key. None when no card is active."""
    active = [card for card in cards if card.active]
    if not active:
        return None
    keys = [card.key for card in cards]
    if key not in keys:
        return active[0]
    position = keys.index(key)
    return next((card for card in cards[position:] if card.active), active[-1])


def session_go_to(*, actor: Actor, session: MappingSession, step: str, prompt_key: str = "") -> MappingSession:
    """Remember where the session is, so a reload or a tablet that slept resumes there.

    ``prompt_key`` is the card to show on the prompts step; without it the session stays at its card.
    """
    _check(actor, session)
    if step not in SessionStep.values:
        raise ValidationError({"step": "unknown step"})
    if step == SessionStep.PROMPTS:
        card = resolve_prompt(prompt_cards(session.client.organisation), prompt_key or session.prompt_key)
        session.prompt_key = card.key if card is not None else ""
    session.step = step
    session.save(update_fields=["step", "prompt_key", "updated_at"])
    return session


def session_abandon(*, actor: Actor, session: MappingSession) -> None:
    """Stop without changing the network (the names given are kept with the session, not in the network)."""
    _check(actor, session)
    session.abandoned_at = timezone.now()
    session.save(update_fields=["abandoned_at"])
    log(actor, "network.session.update", client=session.client, obj=session, detail="stopped")


def _apply_effects(member: Member, effects: set[str]) -> None:
    received = set(member.support_received)
    if PromptEffect.EMERGENCY_CONTACT in effects:
        member.emergency_contact = True
    if PromptEffect.FREQUENT_CONTACT in effects and member.contact_frequency in ("", "monthly", "yearly", "none"):
        member.contact_frequency = "weekly"
    for effect, support in ((PromptEffect.COMPANY, "company"), (PromptEffect.EMOTIONAL, "emotional"),
                            (PromptEffect.PRACTICAL, "practical")):  # fmt: skip
        if effect in effects:
            received.add(support)
    member.support_received = sorted(received)
    if PromptEffect.GIVES_SUPPORT in effects:
        member.support_given = sorted(set(member.support_given) | {"practical"})
    if PromptEffect.DORMANT in effects and member.status == MemberStatus.ACTIVE:
        member.status = MemberStatus.DORMANT
    if PromptEffect.STRESSFUL in effects:
        member.tie_quality = TieQuality.STRESSFUL


def session_finish(*, actor: Actor, session: MappingSession) -> MappingSession:
    """Write the session into the network: new members, moved members, what the prompts told, and links.

    One transaction and one moment in the history. Finishing twice changes nothing the second time.
    """
    if session.finished_at is not None:
        return session
    _check(actor, session)
    effects_by_key = {p.key: p.effect for p in prompt_cards(session.client.organisation)}
    now = timezone.now()
    with transaction.atomic():
        locked = MappingSession.objects.select_for_update().get(pk=session.pk)
        if locked.finished_at is not None:
            return locked
        people = list(session.people.select_related("member"))
        for person in people:
            if person.left_out or not person.placed:
                continue
            member = person.member or Member(
                client=session.client, name=person.name, relation=_relation_for(person.sector)
            )
            before = (member.sector, member.circle, member.emergency_contact, member.status, member.tie_quality,
                      list(member.support_received), list(member.support_given), member.contact_frequency)  # fmt: skip
            member.sector, member.circle = person.sector, person.circle
            _apply_effects(member, {effects_by_key.get(key) for key in person.prompt_keys})
            after = (member.sector, member.circle, member.emergency_contact, member.status, member.tie_quality,
                     list(member.support_received), list(member.support_given), member.contact_frequency)  # fmt: skip
            if member.pk and before == after:
                continue
            if member.pk:
                member.version += 1
            member._history_date, member._history_user = now, actor.user
            member.full_clean()
            member.save()
            person.member = member
            person.save(update_fields=["member"])
        for link in session.links.select_related("person_a__member", "person_b__member"):
            a, b = link.person_a.member, link.person_b.member
            if a is None or b is None or link.person_a.left_out or link.person_b.left_out:
                continue
            low, high = sorted((a, b), key=lambda m: m.pk)
            if not Link.objects.filter(member_a=low, member_b=high).exists():
                new_link = Link(client=session.client, member_a=low, member_b=high)
                new_link._history_date, new_link._history_user = now, actor.user
                new_link.save()
        locked.finished_at = session.finished_at = now
        locked.save(update_fields=["finished_at"])
        log(actor, "network.session.update", client=session.client, obj=locked, detail="finished")
    return locked


def _relation_for(sector: str) -> str:
    """A new person's relation when only their sector is known; the worker can make it precise later."""
    return {
        "family": Relation.OTHER_FAMILY,
        "friends": Relation.FRIEND,
        "community": Relation.ACQUAINTANCE,
        "work": Relation.COLLEAGUE,
        "professional": Relation.PROFESSIONAL,
    }.get(sector, Relation.OTHER)


def summary(session: MappingSession) -> dict[str, int]:
    """Numbers for the review ("Je hebt 9 mensen genoemd. 3 staan heel dichtbij. 2 wil je weer zien.")."""
    people = [p for p in session.people.all() if not p.left_out]
    named = [p for p in people if p.member_id is None or p.prompt_keys]
    effects = {p.key: p.effect for p in prompt_cards(session.client.organisation)}
    return {
        "named": len(named),
        "placed": sum(1 for p in people if p.placed),
        "inner": sum(1 for p in people if p.circle == 1),
        "not_any_more": sum(1 for p in people if any(effects.get(k) == PromptEffect.DORMANT for k in p.prompt_keys)),
        "emergency": sum(
            1 for p in people if any(effects.get(k) == PromptEffect.EMERGENCY_CONTACT for k in p.prompt_keys)
        ),
    }
