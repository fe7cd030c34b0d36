"""Reading the date of a life event as a person types it: pure Python, no Django.

People remember their lives in years, sometimes in months, often roughly. The form has ONE text field for
the date and this module reads it. What it accepts (Dutch first; the English words work too):

==============================  =========================================  ==============================
typed                           read as                                    why
==============================  =========================================  ==============================
``2015``                        2015                                       a year
``maart 2015``, ``mrt 2015``    March 2015                                 a month name or abbreviation
``3-2015``, ``03/2015``,        March 2015                                 month and year in figures
``3.2015``, ``2015-03``
``12 maart 2015``,              March 2015                                 a whole date: the day is
``12-3-2015``, ``2015-03-12``                                              dropped (a lifeline has no days)
``ongeveer 2015``, ``rond``,    2015, approximate                          words for "about", before the
``rondom``, ``omstreeks``,                                                 date; also ``2015?``
``circa``, ``ca.``, ``± 2015``,
``+/- 2015``, ``~2015``,
``ong. 2015``, ``zo'n``
``rond maart 2015``             March 2015, approximate
``zomer 2015``, ``begin 2015``,  2015                                      a season or part of the year
``eind 2015``, ``in 2015``                                                 keeps the year (the year is
                                                                           known; a month would be made up)
==============================  =========================================  ==============================

Refused: anything else (``jaren 90``, ``'15``, ``maart``, ``13-2015``), a year before 1900, and a date
after ``today`` (a life event has happened). The caller turns the :class:`DateProblem` into a message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum

EARLIEST_YEAR = 1900


@dataclass(frozen=True)
class LifeDate:
    year: int
    month: int | None = None
    approximate: bool = False

    def key(self) -> tuple[int, int]:
        """For sorting and comparing: a year without a month sorts before its months."""
        return self.year, self.month or 0


class DateProblem(Enum):
    UNREADABLE = "unreadable"
    FUTURE = "future"
    TOO_EARLY = "too_early"


class LifeDateError(ValueError):
    def __init__(self, problem: DateProblem):
        super().__init__(problem.value)
        self.problem = problem


MONTHS = {
    1: ("januari", "jan", "january"),
    2: ("februari", "feb", "febr", "february"),
    3: ("maart", "mrt", "maa", "mar", "march"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "jun", "june"),
    7: ("juli", "jul", "july"),
    8: ("augustus", "aug", "august"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "okt", "oct", "october"),
    11: ("november", "nov"),
    12: ("december", "dec"),
}
MONTH_OF = {name: number for number, names in MONTHS.items() for name in names}

APPROXIMATE_WORDS = {
    "±",
    "ongeveer",
    "ong",
    "rond",
    "rondom",
    "omstreeks",
    "circa",
    "ca",
    "c",
    "plusminus",
    "zo'n",
    "zon",
    "pakweg",
    "ergens",
    "around",
    "about",
    "approximately",
    "approx",
}
# Words that place the date within a year or just read naturally; they add nothing a lifeline can draw.
FILLER_WORDS = {
    "in",
    "de",
    "het",
    "van",
    "'t",
    "begin",
    "eind",
    "einde",
    "midden",
    "half",
    "halverwege",
    "zomer",
    "winter",
    "lente",
    "voorjaar",
    "herfst",
    "najaar",
    "early",
    "late",
    "mid",
    "summer",
    "spring",
    "autumn",
    "fall",
    "the",
    "of",
}

_YEAR = r"(\d{4})"
_NUMERIC = [
    # (pattern, groups as (day, month, year) indexes; None where absent)
    (re.compile(rf"^{_YEAR}$"), (None, None, 1)),
    (re.compile(rf"^(\d{{1,2}})[-/.]{_YEAR}$"), (None, 1, 2)),
    (re.compile(rf"^{_YEAR}[-/.](\d{{1,2}})$"), (None, 2, 1)),
    (re.compile(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.]{_YEAR}$"), (1, 2, 3)),
    (re.compile(rf"^{_YEAR}[-/.](\d{{1,2}})[-/.](\d{{1,2}})$"), (3, 2, 1)),
]
_APPROXIMATE_SIGNS = re.compile(r"\+\s*/\s*-|\+\s*-|[~≈±]")


def parse_life_date(text: str, *, today: date) -> LifeDate:
    """The date in ``text``, or :class:`LifeDateError` saying what is wrong with it."""
    approximate, tokens = _tokens(text)
    words: list[str] = []
    for token in tokens:
        if token in APPROXIMATE_WORDS:
            approximate = True
        elif token not in FILLER_WORDS:
            words.append(token)
    found = _read(words)
    if found is None:
        raise LifeDateError(DateProblem.UNREADABLE)
    year, month = found
    if year < EARLIEST_YEAR:
        raise LifeDateError(DateProblem.TOO_EARLY)
    result = LifeDate(year=year, month=month, approximate=approximate)
    if is_future(result, today=today):
        raise LifeDateError(DateProblem.FUTURE)
    return result


def is_future(value: LifeDate, *, today: date) -> bool:
    return value.key() > (today.year, today.month if value.month else 0)


def _tokens(text: str) -> tuple[bool, list[str]]:
    """(a sign for "about" was present, the lower-case words with their punctuation taken off)."""
    value = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    value = value.replace("’", "'").replace("‘", "'")
    approximate = False
    if _APPROXIMATE_SIGNS.search(value):
        approximate = True
        value = _APPROXIMATE_SIGNS.sub(" ", value)
    if value.endswith("?"):
        approximate = True
    value = re.sub(r"[?,()]", " ", value)
    value = re.sub(r"([a-z])\.?(\d)", r"\1 \2", value)  # "ca.2015", "mrt2015"
    tokens = []
    for token in value.split():
        # "ca." and "mrt." lose their full stop; a date in figures like "3.2015" keeps it.
        stripped = token.rstrip(".")
        tokens.append(stripped if not re.fullmatch(r"[\d./-]+", token) else token.strip("."))
    return approximate, [t for t in tokens if t]


def _read(words: list[str]) -> tuple[int, int | None] | None:
    """(year, month) from the remaining words, or None when they are not a date we can read."""
    if len(words) == 1:
        return _numeric(words[0])
    if len(words) in (2, 3) and words[-1].isdigit() and len(words[-1]) == 4:
        month = MONTH_OF.get(words[-2])
        if month is None:
            return None
        if len(words) == 3 and not _is_day(words[0]):
            return None
        return int(words[-1]), month
    return None


def _numeric(word: str) -> tuple[int, int | None] | None:
    for pattern, (day_at, month_at, year_at) in _NUMERIC:
        match = pattern.match(word)
        if match is None:
            continue
        year = int(match.group(year_at))
        month = int(match.group(month_at)) if month_at else None
        if month is not None and not 1 <= month <= 12:
            return None
        if day_at and not _is_day(match.group(day_at)):
            return None
        return year, month
    return None


def _is_day(text: str) -> bool:
    return text.isdigit() and 1 <= int(text) <= 31


def format_life_date(value: LifeDate, *, month_names: dict[int, str], around: Callable[[str], str]) -> str:
    """The date as people say it: "2015", "maart 2015", wrapped in ``around`` ("rond …") when approximate.

    What this returns, :func:`parse_life_date` reads back as the same date (in Dutch and in English).
    """
    text = f"{month_names[value.month]} {value.year}" if value.month else str(value.year)
    return around(text) if value.approximate else text
