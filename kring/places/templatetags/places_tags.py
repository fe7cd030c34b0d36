"""Template helpers for places: opening hours in plain Dutch, distances and walking time."""

from dataclasses import dataclass

from django import template
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.places import hours

register = template.Library()


def _day_names():
    return [_("maandag"), _("dinsdag"), _("woensdag"), _("donderdag"), _("vrijdag"), _("zaterdag"), _("zondag")]


def _week_name(nth: int) -> str:
    if nth == -1:
        return _("laatste")
    return {1: _("eerste"), 2: _("tweede"), 3: _("derde"), 4: _("vierde"), 5: _("vijfde")}[nth]


@dataclass(frozen=True)
class HoursLine:
    """One line of opening hours: the days ("Maandag t/m vrijdag") and the times ("09:00–17:00" or "dicht")."""

    days: str
    times: str = ""

    def __str__(self) -> str:
        return f"{self.days}: {self.times}" if self.times else self.days


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _line(line: hours.Line) -> HoursLine:
    if line.always:
        return HoursLine(_("Dag en nacht open"))
    names = _day_names()
    if line.day_ranges == ((0, 6),):
        days = _("elke dag")
    else:
        parts = []
        for first, last in line.day_ranges:
            if first == last:
                parts.append(names[first])
            elif last == first + 1:
                parts.append(_("%(first)s en %(last)s") % {"first": names[first], "last": names[last]})
            else:
                parts.append(_("%(first)s t/m %(last)s") % {"first": names[first], "last": names[last]})
        days = ", ".join(parts)
    if line.nth:
        weeks = (" " + _("en") + " ").join(_week_name(n) for n in line.nth)
        days = _("de %(weeks)s %(days)s van de maand") % {"weeks": weeks, "days": days}
    if not line.spans:
        return HoursLine(_capital(days), _("dicht"))
    times = ", ".join(f"{hours.format_time(a)}–{hours.format_time(b)}" for a, b in line.spans)
    return HoursLine(_capital(days), times)


@register.simple_tag
def opening_lines(text: str) -> list[HoursLine] | None:
    """The opening hours as lines of plain Dutch, or None when Kring cannot read them (show the text then)."""
    lines = hours.describe(text or "")
    if lines is None:
        return None
    return [_line(line) for line in lines]


@register.filter
def distance(km) -> str:
    if km is None:
        return ""
    if km < 1:
        return _("%(metres)s m") % {"metres": max(10, round(km * 100) * 10)}
    return _("%(km)s km") % {"km": formats.number_format(km, 1)}


@register.filter
def walking(minutes) -> str:
    if minutes is None:
        return ""
    if minutes >= 90:
        hours_ = round(minutes / 60, 1)
        return _("ongeveer %(hours)s uur lopen") % {"hours": formats.number_format(hours_, 1)}
    return ngettext("ongeveer %(minutes)s minuut lopen", "ongeveer %(minutes)s minuten lopen", minutes) % {
        "minutes": minutes
    }
