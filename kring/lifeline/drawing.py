"""Glue between the lifeline records and the pure drawing: translated texts and plain data."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.dates import MONTHS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.lifeline.dates import LifeDate, format_life_date
from kring.lifeline.models import EventTone, LifeEvent
from kring.lifeline.timeline_svg import TimelineEvent, TimelineText, render_timeline
from kring.network.models import Member


def member_label(member: Member, *, pseudonyms: bool = False) -> str:
    """The member's name, or with pseudonyms their pseudonym, else what they are to the client ("Moeder")."""
    if not pseudonyms:
        return member.name
    return member.pseudonym or member.get_relation_display()


def life_date(event: LifeEvent) -> LifeDate:
    return LifeDate(event.year, event.month, event.approximate)


def date_label(event: LifeEvent) -> str:
    """ "2015", "maart 2015", "rond 2015": as the worker would say it, and as the date field reads it back."""
    return life_date_label(life_date(event))


def life_date_label(when: LifeDate) -> str:
    """A life date in words, in the active language (see :func:`date_label`)."""
    return format_life_date(
        when,
        # Each language's own way: Dutch writes months in lower case ("maart"), English does not ("March").
        month_names={number: str(name) for number, name in MONTHS.items()},
        around=lambda text: _("rond %(date)s") % {"date": text},
    )


def people_text(names: Sequence[str]) -> str:
    if not names:
        return ""
    return _("met %(names)s") % {"names": get_text_list(list(names), _("en"))}


def to_timeline_event(event: LifeEvent, *, pseudonyms: bool = False) -> TimelineEvent:
    """Needs ``event.members`` prefetched (one query for all events)."""
    names = [member_label(m, pseudonyms=pseudonyms) for m in event.members.all()]
    date = date_label(event)
    people = people_text(names)
    tooltip = f"{date}: {event.title} ({event.get_kind_display()}, {event.get_tone_display().lower()})"
    return TimelineEvent(
        id=event.pk,
        year=event.year,
        month=event.month,
        tone=event.tone,
        approximate=event.approximate,
        date_label=date,
        title=event.title,
        people=people,
        tooltip=f"{tooltip} {people}".strip(),
    )


def texts(events: Sequence[LifeEvent], *, client_label: str | None, birth_year: int | None) -> TimelineText:
    count = len(events)
    tones = [e.tone for e in events]
    title = _("Levenslijn van %(name)s") % {"name": client_label} if client_label else _("Levenslijn")
    summary = ngettext("%(count)s gebeurtenis", "%(count)s gebeurtenissen", count) % {"count": count}
    if events:
        first, last = min(e.year for e in events), max(e.year for e in events)
        span = _("van %(first)s tot %(last)s") % {"first": first, "last": last} if first != last else str(first)
        counts = [
            ngettext("%(count)s goede tijd", "%(count)s goede tijden", n) % {"count": n}
            for n in [tones.count(EventTone.GOOD)]
            if n
        ]
        counts += [
            ngettext("%(count)s moeilijke tijd", "%(count)s moeilijke tijden", n) % {"count": n}
            for n in [tones.count(EventTone.HARD)]
            if n
        ]
        counts += [
            ngettext("%(count)s keer allebei", "%(count)s keer allebei", n) % {"count": n}
            for n in [tones.count(EventTone.MIXED)]
            if n
        ]
        summary = f"{summary}, {span}: {get_text_list(counts, _('en'))}."
    description = " ".join(
        [
            summary,
            _("Goede tijden staan boven de lijn, moeilijke tijden eronder."),
            _("De lijst onder de tekening noemt alle gebeurtenissen."),
        ]
    )
    return TimelineText(
        title=title,
        description=description,
        legend={
            "good": _("Goede tijd (boven de lijn)"),
            "hard": _("Moeilijke tijd (onder de lijn)"),
            "mixed": _("Allebei"),
            "approximate": _("Datum ongeveer"),
        },
        birth=_("geboren %(year)s") % {"year": birth_year} if birth_year else None,
        birth_year=birth_year,
    )


def draw(events: Sequence[LifeEvent], *, client, pseudonyms: bool = False, id_prefix: str = "lifeline") -> str:
    """The client's lifeline as an SVG string. ``events`` with their members prefetched."""
    return render_timeline(
        [to_timeline_event(e, pseudonyms=pseudonyms) for e in events],
        texts(events, client_label=None if pseudonyms else client.given_name, birth_year=client.birth_year),
        id_prefix=id_prefix,
    )
