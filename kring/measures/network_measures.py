"""The page "Het netwerk in maten", its pure parts: every measure of a client's network in plain words,
grouped, formatted ("—" when undefined), the key figures at the start and now, and the trend charts built
from the client's :class:`~kring.measures.models.NetworkFigures` rows.

No database here: the view passes an :class:`~kring.measures.ego.EgoMeasures` and the figure rows as
dicts (``.values()``). Texts are translated with gettext, so call these inside a request or
``translation.override``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date

from django.utils import formats
from django.utils.dateformat import format as format_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kring.measures.ego import CIRCLES, SECTORS, EgoMeasures
from kring.measures.results import axis_month
from kring.measures.trend_svg import TrendChart, TrendPoint, render_trend
from kring.network.models import Circle, Sector

DASH = "—"

# --- formatting -------------------------------------------------------------------------------------------


def count(value: int | None) -> str:
    return DASH if value is None else str(value)


def share(value: float | None) -> str:
    """A share as a whole percentage: 0.5 → "50%". A share that is there but rounds to 0% reads "< 1%" (50 pairs
    who know each other among 150 people are not "0%"), and one short of all that rounds to 100% "> 99%"."""
    if value is None or math.isnan(value):
        return DASH
    whole = round(value * 100)
    if whole == 0 and value > 0:
        return "< 1%"
    if whole == 100 and value < 1:
        return "> 99%"
    return f"{whole}%"


def decimal(value: float | None, places: int = 1) -> str:
    """A number with ``places`` decimals in the active language's notation: 2.5 → "2,5" in Dutch."""
    if value is None or math.isnan(value):
        return DASH
    return formats.number_format(round(value, places), places)


def yes_no(value: bool | None) -> str:
    if value is None:
        return DASH
    return _("Ja") if value else _("Nee")


def long_date(day: date) -> str:
    return format_date(day, "j F Y")


# --- every measure in plain words -----------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One number of a measure that has several: the members in one circle or one sector."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class MeasureLine:
    key: str  # the field of EgoMeasures
    label: str
    value: str  # formatted; "—" when undefined for this network
    explanation: str  # one line, B1: what the number means
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class MeasureGroup:
    key: str
    title: str
    lines: tuple[MeasureLine, ...]


# How each measure is shown: (field, label, how to format, explanation), in groups. The explanations say
# what a worker can tell a client, so they speak of "de cliënt" and avoid the words of network research.
_GROUPS = (
    (
        "size",
        gettext_lazy("Hoe groot is het netwerk?"),
        (
            (
                "size",
                gettext_lazy("Mensen op de kaart"),
                count,
                gettext_lazy("Iedereen op de netwerkkaart, ook hulpverleners en mensen met wie het contact weg is."),
            ),
            (
                "active_size",
                gettext_lazy("Met echt contact"),
                count,
                gettext_lazy("Mensen met wie echt contact is: niet verwaterd, niet begrensd en niet overleden."),
            ),
            (
                "per_circle",
                gettext_lazy("Per cirkel"),
                None,
                gettext_lazy("Hoeveel mensen heel dichtbij, dichtbij en wat verder weg staan."),
            ),
            (
                "per_sector",
                gettext_lazy("Per sector"),
                None,
                gettext_lazy("Hoeveel mensen er in elk deel van de kaart staan."),
            ),
        ),
    ),
    (
        "composition",
        gettext_lazy("Wie zijn het?"),
        (
            (
                "informal_share",
                gettext_lazy("Geen hulpverlener"),
                share,
                gettext_lazy("Deel van de mensen dat familie, vriend, buur, kennis of collega is."),
            ),
            (
                "professional_share",
                gettext_lazy("Hulpverleners"),
                share,
                gettext_lazy("Deel van de mensen die helpen vanuit hun werk, zoals een begeleider of de huisarts."),
            ),
            (
                "diversity",
                gettext_lazy("Soorten relaties"),
                count,
                gettext_lazy(
                    "Soorten relaties, zoals ouder, vriend of buur, met contact minstens eens per twee weken."
                ),
            ),
            (
                "blau_sector",
                gettext_lazy("Gemengd netwerk"),
                share,
                gettext_lazy("De kans dat twee mensen van de kaart uit een andere sector komen."),
            ),
            (
                "iqv_sector",
                gettext_lazy("Verdeling over de sectoren"),
                share,
                gettext_lazy("100% is even veel mensen in elke sector, 0% is iedereen in één sector."),
            ),
        ),
    ),
    (
        "support",
        gettext_lazy("Welke steun is er?"),
        (
            (
                "emotional_support_count",
                gettext_lazy("Emotionele steun"),
                count,
                gettext_lazy("Mensen met echt contact bij wie de cliënt terechtkan voor troost of een luisterend oor."),
            ),
            (
                "reciprocity",
                gettext_lazy("Steun over en weer"),
                share,
                gettext_lazy("Deel van de mensen bij wie steun twee kanten op gaat: zij helpen de cliënt en andersom."),
            ),
            (
                "multiplexity_mean",
                gettext_lazy("Soorten steun per persoon"),
                decimal,
                gettext_lazy("Hoeveel soorten steun (zoals hulp, troost of advies) er gemiddeld per persoon gaan."),
            ),
            (
                "multiplex_share",
                gettext_lazy("Meer dan één soort steun"),
                share,
                gettext_lazy("Deel van de mensen met wie het om twee of meer soorten steun gaat."),
            ),
            (
                "emergency_contact_present",
                gettext_lazy("Noodcontact"),
                yes_no,
                gettext_lazy("Is er iemand die we mogen bellen als er iets met de cliënt gebeurt?"),
            ),
        ),
    ),
    (
        "structure",
        gettext_lazy("Kennen de mensen elkaar?"),
        (
            (
                "density",
                gettext_lazy("Kennen elkaar"),
                share,
                gettext_lazy("Hoeveel van de mensen elkaar kennen: het deel van alle tweetallen dat elkaar kent."),
            ),
            (
                "components",
                gettext_lazy("Groepjes"),
                count,
                gettext_lazy("Aantal losse groepjes. In een groepje kent iedereen elkaar, direct of via via."),
            ),
            (
                "isolates",
                gettext_lazy("Kent verder niemand"),
                count,
                gettext_lazy("Mensen die niemand anders op de kaart kennen, alleen de cliënt."),
            ),
            (
                "degree_centralisation",
                gettext_lazy("Alles via één persoon"),
                share,
                gettext_lazy("Hoe sterk de contacten tussen de mensen via één persoon lopen."),
            ),
            (
                "effective_size",
                gettext_lazy("Contacten zonder overlap"),
                decimal,
                gettext_lazy("Het aantal mensen, maar wie elkaar kennen tellen samen minder mee (overlap)."),
            ),
            (
                "efficiency",
                gettext_lazy("Deel zonder overlap"),
                share,
                gettext_lazy("Deel van het netwerk zonder overlap: hoe hoger, hoe minder de mensen elkaar al kennen."),
            ),
            (
                "constraint",
                gettext_lazy("Afhankelijk van een paar"),
                lambda value: decimal(value, 2),
                gettext_lazy("Van 0 tot 1: hoe hoger, hoe meer alles afhangt van een paar mensen die elkaar kennen."),
            ),
        ),
    ),
    (
        "attention",
        gettext_lazy("Contact dat minder is"),
        (
            (
                "dormant",
                gettext_lazy("Verwaterd contact"),
                count,
                gettext_lazy("Mensen met wie het contact minder of weg is."),
            ),
            (
                "restore",
                gettext_lazy("Weer contact gewenst"),
                count,
                gettext_lazy("Mensen met wie de cliënt het contact graag wil herstellen."),
            ),
            (
                "limited",
                gettext_lazy("Begrensd"),
                count,
                gettext_lazy("Mensen die niet helpen of niet veilig zijn: geen contact zonder de cliënt."),
            ),
        ),
    ),
)

MEASURE_KEYS = tuple(key for _group, _title, lines in _GROUPS for key, *_rest in lines)


def measure_groups(measures: EgoMeasures) -> list[MeasureGroup]:
    """Every measure of ``measures`` in its group, formatted and explained."""
    circles, sectors = dict(Circle.choices), dict(Sector.choices)
    groups = []
    for group_key, title, lines in _GROUPS:
        shown = []
        for key, label, shape, explanation in lines:
            value = getattr(measures, key)
            parts: tuple[Part, ...] = ()
            if key == "per_circle":
                parts = tuple(Part(str(c), str(circles[c]), count(value.get(c, 0))) for c in CIRCLES)
                text = ""
            elif key == "per_sector":
                parts = tuple(Part(s, str(sectors[s]), count(value.get(s, 0))) for s in SECTORS)
                text = ""
            else:
                text = shape(value)
            shown.append(MeasureLine(key, str(label), text, str(explanation), parts))
        groups.append(MeasureGroup(group_key, str(title), tuple(shown)))
    return groups


def measure_fields() -> tuple[str, ...]:
    """Every field of EgoMeasures, for the test that none is left off the page."""
    return tuple(f.name for f in fields(EgoMeasures))


# --- at the start and now -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One key figure of :class:`~kring.measures.models.NetworkFigures`, shown and charted."""

    field: str
    label: str
    explanation: str
    is_share: bool = False
    is_yes_no: bool = False

    def text(self, value) -> str:
        if self.is_yes_no:
            return yes_no(value)
        return share(value) if self.is_share else count(value)


FIGURES = (
    Figure("size", gettext_lazy("Mensen op de kaart"), gettext_lazy("Iedereen op de netwerkkaart.")),
    Figure(
        "active_size",
        gettext_lazy("Met echt contact"),
        gettext_lazy("Niet verwaterd, niet begrensd en niet overleden."),
    ),
    Figure(
        "inner_circle",
        gettext_lazy("Heel dichtbij"),
        gettext_lazy("Mensen in de binnenste cirkel met wie echt contact is."),
    ),
    Figure(
        "informal_share",
        gettext_lazy("Geen hulpverlener"),
        gettext_lazy("Deel van de mensen dat familie, vriend, buur, kennis of collega is."),
        is_share=True,
    ),
    Figure(
        "emotional_support",
        gettext_lazy("Emotionele steun"),
        gettext_lazy("Mensen bij wie de cliënt terechtkan voor troost of een luisterend oor."),
    ),
    Figure(
        "diversity",
        gettext_lazy("Soorten relaties"),
        gettext_lazy("Soorten relaties met minstens eens per twee weken contact."),
    ),
    Figure(
        "reciprocity",
        gettext_lazy("Steun over en weer"),
        gettext_lazy("Deel van de mensen bij wie de steun twee kanten op gaat."),
        is_share=True,
    ),
    Figure(
        "density",
        gettext_lazy("Kennen elkaar"),
        gettext_lazy("Hoeveel van de mensen elkaar kennen."),
        is_share=True,
    ),
    Figure(
        "emergency_contact",
        gettext_lazy("Noodcontact"),
        gettext_lazy("Iemand die we mogen bellen als er iets gebeurt."),
        is_yes_no=True,
    ),
)
FIGURE_FIELDS = tuple(f.field for f in FIGURES)
# The figures drawn as a trend: everything but the yes/no of an emergency contact.
TREND_FIELDS = tuple(f.field for f in FIGURES if not f.is_yes_no)


@dataclass(frozen=True)
class Comparison:
    field: str
    label: str
    start: str
    now: str
    change: str  # "+2", "−10 procentpunt", "gelijk", or "" when either side is undefined


def start_and_now(intake: Mapping | None, latest: Mapping | None) -> list[Comparison]:
    """The key figures at the start (``intake`` row) and now (``latest`` row); [] before any row exists."""
    if intake is None or latest is None:
        return []
    out = []
    for figure in FIGURES:
        before, after = intake.get(figure.field), latest.get(figure.field)
        out.append(
            Comparison(
                figure.field,
                str(figure.label),
                figure.text(before),
                figure.text(after),
                _change(figure, before, after),
            )
        )
    return out


def _change(figure: Figure, before, after) -> str:
    if before is None or after is None or figure.is_yes_no:
        return ""
    if figure.is_share:
        difference = round(after * 100) - round(before * 100)
        if difference == 0:
            return _("gelijk")
        points = abs(difference)
        change = ngettext("%(sign)s%(n)s procentpunt", "%(sign)s%(n)s procentpunt", points)
        return change % {"sign": "+" if difference > 0 else "−", "n": points}
    difference = after - before
    if difference == 0:
        return _("gelijk")
    return f"{'+' if difference > 0 else '−'}{abs(difference)}"


# --- trends -------------------------------------------------------------------------------------------


PERIOD_YEAR = "12m"
PERIOD_ALL = "alles"
PERIODS = (PERIOD_YEAR, PERIOD_ALL)


def period_start(period: str, today: date) -> date | None:
    """The first day of the period: a year back for the last 12 months, None for everything."""
    if period != PERIOD_YEAR:
        return None
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


@dataclass(frozen=True)
class TrendRow:
    """The figures on one day of the chart; ``carried`` when they are the last ones from before the period."""

    day: date
    values: Mapping
    carried: bool = False


def rows_in_period(rows: Sequence[Mapping], start: date | None) -> list[TrendRow]:
    """The rows from ``start`` on, in date order. The network does not change between rows, so the last row
    before ``start`` is what it was at ``start``: it is shown on that day, marked as carried over."""
    ordered = sorted(rows, key=lambda r: r["day"])
    if start is None:
        return [TrendRow(r["day"], r) for r in ordered]
    before = [r for r in ordered if r["day"] < start]
    inside = [TrendRow(r["day"], r) for r in ordered if r["day"] >= start]
    if before and not (inside and inside[0].day == start):
        inside.insert(0, TrendRow(start, before[-1], carried=True))
    return inside


@dataclass(frozen=True)
class TrendLine:
    """One row of a chart's table: the date and the value in words."""

    day: date
    date_text: str
    value_text: str
    carried: bool


@dataclass(frozen=True)
class Trend:
    field: str
    title: str
    explanation: str
    chart: TrendChart
    ticks: tuple[int, ...]
    lines: tuple[TrendLine, ...]
    has_gap: bool
    unit: str = ""  # what the numbers on the axis are, when that is not plain counting

    def svgs(self) -> dict[str, str]:
        """The chart wide (tablet and laptop) and narrow (phone), for the page to pick by width."""
        wide = render_trend(
            self.chart,
            id_prefix=f"netm-{self.field}-wide",
            width=560,
            height=260,
            css_class="netm-chart netm-chart--wide",
        )
        narrow = render_trend(
            self.chart,
            id_prefix=f"netm-{self.field}-narrow",
            width=360,
            height=240,
            css_class="netm-chart netm-chart--narrow",
        )
        # render_trend escapes every text it draws.
        return {"wide": mark_safe(wide), "narrow": mark_safe(narrow)}  # noqa: S308


def nice_scale(values: Sequence[int]) -> tuple[int, tuple[int, ...]]:
    """The top of a count axis and its ticks: at most six ticks, at round steps (1, 2, 5, 10, ...)."""
    top = max([*values, 0])
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500):
        if math.ceil(top / step) <= 5:
            break
    y_max = max(step * max(math.ceil(top / step), 1), 4 if step == 1 else step)
    return y_max, tuple(range(0, y_max + 1, step))


SHARE_TICKS = (0, 25, 50, 75, 100)


def trends(rows: Sequence[Mapping], start: date | None) -> list[Trend]:
    """A trend per key figure from the client's figure rows (each a mapping with "day" and the fields)."""
    shown = rows_in_period(rows, start)
    out = []
    for figure in FIGURES:
        if figure.is_yes_no:
            continue
        values = [_chart_value(figure, r.values.get(figure.field)) for r in shown]
        if figure.is_share:
            y_max, ticks = 100, SHARE_TICKS
        else:
            y_max, ticks = nice_scale([v for v in values if v is not None])
        points, lines = [], []
        for row, value in zip(shown, values, strict=True):
            text = figure.text(row.values.get(figure.field)) if value is not None else _("niet te berekenen")
            when = long_date(row.day)
            label = (
                _("%(date)s (zo stond het sinds de vorige wijziging): %(value)s")
                if row.carried
                else _("%(date)s: %(value)s")
            ) % {"date": when, "value": text}
            points.append(TrendPoint(day=row.day, value=value, label=label, axis_label=axis_month(row.day)))
            lines.append(TrendLine(row.day, when, text, row.carried))
        out.append(
            Trend(
                field=figure.field,
                title=str(figure.label),
                explanation=str(figure.explanation),
                chart=TrendChart(
                    title=str(figure.label),
                    description=_describe(figure, lines),
                    y_min=0,
                    y_max=y_max,
                    points=tuple(points),
                    ticks=ticks,
                ),
                ticks=ticks,
                lines=tuple(lines),
                has_gap=any(v is None for v in values),
                unit=_("In procenten, van 0 tot 100.") if figure.is_share else "",
            )
        )
    return out


def _chart_value(figure: Figure, value) -> int | None:
    """The value on the chart's axis: a count as it is, a share as a whole percentage."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(value * 100) if figure.is_share else int(value)


def _describe(figure: Figure, lines: Sequence[TrendLine]) -> str:
    """The chart in one sentence for a screen reader; the table beside it has every number."""
    if not lines:
        return _("Nog geen getallen.")
    sentence = _("Van %(first)s tot %(last)s: van %(start)s naar %(end)s.") % {
        "first": lines[0].date_text,
        "last": lines[-1].date_text,
        "start": lines[0].value_text,
        "end": lines[-1].value_text,
    }
    if figure.is_share:
        return f"{sentence} {_('In procenten, van 0 tot 100.')}"
    return sentence
