"""Opening hours in OpenStreetMap's ``opening_hours`` syntax: read them, say whether a place is open, and
describe them in plain Dutch.

Pure functions, no Django (the caller translates the day names). The common part of the syntax is read:

    24/7
    Mo-Fr 09:00-17:00; Sa 10:00-14:00
    Mo,We,Fr 09:00-12:00,13:00-17:00
    Fr 22:00-02:00                      (past midnight: open until 02:00 on Saturday)
    Su[1] 14:00-17:00                   (the first Sunday of the month; Su[-1] is the last)
    Mo-Fr 09:00-17:00; We off           (a later rule replaces an earlier one for its days)
    PH off                              (public holidays are skipped: Kring does not know them)

Anything else (months, weeks, sunrise, comments) makes the whole text "not structured": it is shown as it
was written and "open now" says nothing rather than something wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
_DAY_INDEX = {name: i for i, name in enumerate(DAYS)}
MINUTES_PER_DAY = 24 * 60


class HoursError(ValueError):
    """The text is not in the part of the syntax Kring reads."""


@dataclass(frozen=True)
class Rule:
    days: frozenset[int]  # 0 = Monday
    spans: tuple[tuple[int, int], ...]  # minutes since midnight; an end past 1440 runs into the next day
    nth: frozenset[int] = field(default_factory=frozenset)  # weeks of the month (1..5, -1 = last); empty = every


@dataclass(frozen=True)
class Schedule:
    rules: tuple[Rule, ...]
    always: bool = False

    def spans_on(self, day: date) -> tuple[tuple[int, int], ...]:
        """The opening spans that start on ``day``: the last rule that covers the day wins."""
        if self.always:
            return ((0, MINUTES_PER_DAY),)
        spans: tuple[tuple[int, int], ...] = ()
        for rule in self.rules:
            if _rule_covers(rule, day):
                spans = rule.spans
        return spans

    def is_open(self, at: datetime) -> bool:
        minute = at.hour * 60 + at.minute
        today, yesterday = at.date(), at.date() - timedelta(days=1)
        if any(start <= minute < end for start, end in self.spans_on(today)):
            return True
        # A span of yesterday that runs past midnight.
        return any(start <= minute + MINUTES_PER_DAY < end for start, end in self.spans_on(yesterday))


def _rule_covers(rule: Rule, day: date) -> bool:
    if day.weekday() not in rule.days:
        return False
    if not rule.nth:
        return True
    week = (day.day - 1) // 7 + 1
    is_last = (day + timedelta(days=7)).month != day.month
    return week in rule.nth or (-1 in rule.nth and is_last)


_TIME = r"(\d{1,2}):(\d{2})"
_SPAN = re.compile(rf"^{_TIME}\s*-\s*{_TIME}\+?$")
_DAY_PART = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:\s*-\s*(Mo|Tu|We|Th|Fr|Sa|Su))?(?:\[([-\d,\s]+)\])?$")


def parse(text: str) -> Schedule:
    """Read an ``opening_hours`` text; raise :class:`HoursError` for anything outside the supported part."""
    text = (text or "").strip()
    if not text:
        raise HoursError("empty")
    if text == "24/7":
        return Schedule(rules=(), always=True)
    rules = []
    for raw in re.split(r";|\|\|", text):
        raw = raw.strip()
        if not raw:
            continue
        rule = _parse_rule(raw)
        if rule is not None:
            rules.append(rule)
    if not rules:
        raise HoursError(text)
    return Schedule(rules=tuple(rules))


def _parse_rule(raw: str) -> Rule | None:
    selector, _sep, rest = raw.partition(" ")
    if selector.startswith("PH") or selector.startswith("SH"):
        return None  # holidays: unknown to Kring, leave them out
    if re.match(r"^\d", selector) or selector in ("off", "closed"):
        # No day selector: the rule is for every day.
        days, nth, times = frozenset(range(7)), frozenset(), raw
    else:
        # A day list may hold spaces after its commas ("Mo, We"): take everything up to the first digit or "off".
        match = re.match(r"^([A-Za-z\[\]\-\d,\s]*?)\s+(\d.*|off|closed)$", raw)
        if match is None:
            raise HoursError(raw)
        selector, times = match.groups()
        days, nth = _parse_days(selector)
    times = times.strip()
    if times in ("off", "closed"):
        return Rule(days=days, spans=(), nth=nth)
    spans = []
    for part in times.split(","):
        spans.append(_parse_span(part.strip()))
    return Rule(days=days, spans=tuple(sorted(spans)), nth=nth)


def _parse_days(selector: str) -> tuple[frozenset[int], frozenset[int]]:
    days: set[int] = set()
    nth: set[int] = set()
    # Commas inside [..] belong to the week list, not to the day list.
    for part in re.split(r",(?![^\[]*\])", selector):
        part = part.strip()
        match = _DAY_PART.match(part)
        if match is None:
            raise HoursError(selector)
        first, last, weeks = match.groups()
        start = _DAY_INDEX[first]
        end = _DAY_INDEX[last] if last else start
        index = start
        while True:  # Fr-Mo wraps around the week
            days.add(index)
            if index == end:
                break
            index = (index + 1) % 7
        if weeks:
            for week in weeks.split(","):
                week = week.strip()
                if not re.fullmatch(r"-1|[1-5]", week):
                    raise HoursError(selector)
                nth.add(int(week))
    return frozenset(days), frozenset(nth)


def _parse_span(text: str) -> tuple[int, int]:
    match = _SPAN.match(text)
    if match is None:
        raise HoursError(text)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 24 or h2 > 48 or m1 > 59 or m2 > 59:
        raise HoursError(text)
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if start >= MINUTES_PER_DAY:
        raise HoursError(text)
    if end <= start:
        end += MINUTES_PER_DAY  # 22:00-02:00 runs into the next day
    return start, end


@lru_cache(maxsize=2048)
def _parsed(text: str) -> Schedule | None:
    """A search reads the same few texts for many places: read each once (a Schedule never changes)."""
    try:
        return parse(text)
    except HoursError:
        return None


def is_open(text: str, at: datetime) -> bool | None:
    """True or False for a text Kring can read; None when it cannot say (empty or not structured)."""
    schedule = _parsed(text or "")
    return None if schedule is None else schedule.is_open(at)


def is_structured(text: str) -> bool:
    return _parsed(text or "") is not None


# --- Describing a schedule ------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a description: the days (as index ranges), the weeks of the month, the spans."""

    day_ranges: tuple[tuple[int, int], ...]
    nth: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    always: bool = False


def describe(text: str) -> list[Line] | None:
    """The schedule as lines to render (see the template tag), or None when the text is not structured."""
    try:
        schedule = parse(text)
    except HoursError:
        return None
    if schedule.always:
        return [Line(day_ranges=(), nth=(), spans=(), always=True)]
    return [
        Line(day_ranges=_ranges(rule.days), nth=tuple(sorted(rule.nth)), spans=rule.spans) for rule in schedule.rules
    ]


def _ranges(days: frozenset[int]) -> tuple[tuple[int, int], ...]:
    """{0,1,2,3,4,6} → ((0, 4), (6, 6)): consecutive days joined."""
    ranges: list[list[int]] = []
    for day in sorted(days):
        if ranges and ranges[-1][1] == day - 1:
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return tuple((a, b) for a, b in ranges)


def format_time(minutes: int) -> str:
    minutes %= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
