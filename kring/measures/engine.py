"""A small questionnaire engine. Pure: plain dataclasses in, plain dataclasses out, no Django.

A :class:`Definition` says what is asked (items with their text per language), which answers may be
given, how each answer scores, which items form a subscale, how many items may be missing before a score
is undefined, and which band (plain-words range) a score falls in. :func:`score` turns the answers given
(item key → option value; a skipped item is simply absent) into :class:`Scores`.

Missing data: an item counts as missing when it has no answer. A subscale (or the total) is computed when
at most ``max_missing`` of its items are missing; the missing ones then add nothing (no prorating, as in
the De Jong Gierveld scoring syntax). Otherwise its score is ``None``: undefined, never 0.

Adding a questionnaire is a matter of writing a :class:`Definition` (see ``definitions.py``); a change to
a published one is a new ``version``, so old answers keep being scored the way they were given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Text per language code ("nl", "en"). Every text of a definition has the same languages.
Text = Mapping[str, str]


@dataclass(frozen=True, eq=False)
class Option:
    """One answer that may be given, stored as ``value``."""

    value: str
    label: Text


@dataclass(frozen=True, eq=False)
class Item:
    """One question or statement. ``points`` scores each option value; an option not in it scores 0."""

    key: str
    text: Text
    points: Mapping[str, int]
    options: Sequence[Option] | None = None  # None: the definition's options


@dataclass(frozen=True, eq=False)
class Band:
    """A range of scores with a name in plain words, both ends included."""

    key: str
    low: int
    high: int
    label: Text

    def holds(self, value: int) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True, eq=False)
class Subscale:
    key: str
    title: Text
    items: Sequence[str]
    bands: Sequence[Band] = ()
    max_missing: int = 0


@dataclass(frozen=True, eq=False)
class Definition:
    key: str
    version: int
    title: Text
    intro: Text
    items: Sequence[Item]
    options: Sequence[Option]
    bands: Sequence[Band] = ()
    subscales: Sequence[Subscale] = ()
    max_missing: int = 0  # items that may be missing with the total still computed
    higher_means: Text = field(default_factory=dict)  # "Hoger is eenzamer": how to read the trend
    source: str = ""  # citation, shown with the questionnaire
    notice: Text = field(default_factory=dict)  # conditions of use, in plain words

    def __post_init__(self):
        keys = [item.key for item in self.items]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{self.key}: item keys must be unique")
        for subscale in self.subscales:
            if unknown := set(subscale.items) - set(keys):
                raise ValueError(f"{self.key}/{subscale.key}: unknown items {sorted(unknown)}")
        for item in self.items:
            values = {option.value for option in self.options_for(item)}
            if unknown := set(item.points) - values:
                raise ValueError(f"{self.key}/{item.key}: points for unknown options {sorted(unknown)}")
        for text in self._texts():
            if set(text) != set(self.languages):
                raise ValueError(f"{self.key}: every text needs {self.languages}, got {sorted(text)}")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.title)

    def options_for(self, item: Item) -> Sequence[Option]:
        return item.options if item.options is not None else self.options

    def item(self, key: str) -> Item:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    @property
    def min_total(self) -> int:
        return sum(min(_item_points(self, item)) for item in self.items)

    @property
    def max_total(self) -> int:
        return sum(max(_item_points(self, item)) for item in self.items)

    def subscale_max(self, subscale: Subscale) -> int:
        return sum(max(_item_points(self, self.item(key))) for key in subscale.items)

    def _texts(self):
        yield self.title
        yield self.intro
        for item in self.items:
            yield item.text
            for option in self.options_for(item):
                yield option.label
        for band in self.bands:
            yield band.label
        for subscale in self.subscales:
            yield subscale.title
            for band in subscale.bands:
                yield band.label
        if self.higher_means:
            yield self.higher_means
        if self.notice:
            yield self.notice


def _item_points(definition: Definition, item: Item) -> list[int]:
    return [item.points.get(option.value, 0) for option in definition.options_for(item)]


class InvalidAnswer(ValueError):
    """An answer names an item or an option the definition does not have."""

    def __init__(self, item_key: str, value):
        super().__init__(f"Not an answer to {item_key!r}: {value!r}")
        self.item_key = item_key
        self.value = value


@dataclass(frozen=True)
class SubscaleScore:
    key: str
    value: int | None
    max: int
    band: str | None  # band key, None when the value is undefined or falls in no band
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    total: int | None
    max_total: int
    band: str | None
    subscales: tuple[SubscaleScore, ...]
    missing: tuple[str, ...]  # item keys without an answer, in the definition's order

    def subscale(self, key: str) -> SubscaleScore:
        for subscale in self.subscales:
            if subscale.key == key:
                return subscale
        raise KeyError(key)

    def to_json(self) -> dict:
        """A plain dict for a JSON field; :meth:`from_json` reads it back."""
        return {
            "total": self.total,
            "max_total": self.max_total,
            "band": self.band,
            "missing": list(self.missing),
            "subscales": {
                s.key: {"value": s.value, "max": s.max, "band": s.band, "missing": list(s.missing)}
                for s in self.subscales
            },
        }

    @classmethod
    def from_json(cls, data: Mapping) -> Scores:
        return cls(
            total=data.get("total"),
            max_total=data.get("max_total", 0),
            band=data.get("band"),
            missing=tuple(data.get("missing", ())),
            subscales=tuple(
                SubscaleScore(
                    key=key,
                    value=value.get("value"),
                    max=value.get("max", 0),
                    band=value.get("band"),
                    missing=tuple(value.get("missing", ())),
                )
                for key, value in data.get("subscales", {}).items()
            ),
        )


def clean_answers(definition: Definition, answers: Mapping[str, str | None]) -> dict[str, str]:
    """The answers kept: empty ones dropped (skipped), every other one checked against the definition.

    Raises :class:`InvalidAnswer` for an unknown item or an option the item does not have.
    """
    items = {item.key: item for item in definition.items}
    cleaned = {}
    for key, value in answers.items():
        if key not in items:
            raise InvalidAnswer(key, value)
        if value is None or value == "":
            continue
        if value not in {option.value for option in definition.options_for(items[key])}:
            raise InvalidAnswer(key, value)
        cleaned[key] = value
    return cleaned


def score(definition: Definition, answers: Mapping[str, str | None]) -> Scores:
    """Score ``answers`` (item key → option value; absent, None or "" = missing) by ``definition``."""
    given = clean_answers(definition, answers)
    points = {key: definition.item(key).points.get(value, 0) for key, value in given.items()}
    missing = tuple(item.key for item in definition.items if item.key not in given)

    def total_of(keys: Sequence[str], max_missing: int) -> int | None:
        if sum(1 for key in keys if key not in given) > max_missing:
            return None
        return sum(points.get(key, 0) for key in keys)

    total = total_of([item.key for item in definition.items], definition.max_missing)
    subscales = tuple(
        SubscaleScore(
            key=subscale.key,
            value=(value := total_of(subscale.items, subscale.max_missing)),
            max=definition.subscale_max(subscale),
            band=band_for(subscale.bands, value),
            missing=tuple(key for key in subscale.items if key not in given),
        )
        for subscale in definition.subscales
    )
    return Scores(
        total=total,
        max_total=definition.max_total,
        band=band_for(definition.bands, total),
        subscales=subscales,
        missing=missing,
    )


def band_for(bands: Sequence[Band], value: int | None) -> str | None:
    if value is None:
        return None
    return next((band.key for band in bands if band.holds(value)), None)


def band_label(bands: Sequence[Band], key: str | None, language: str) -> str:
    """The band's name in ``language`` ("" for no band)."""
    for band in bands:
        if band.key == key:
            return band.label[language]
    return ""
