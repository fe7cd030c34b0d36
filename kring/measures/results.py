"""Responses in plain words and as trends, for the pages: "Matig eenzaam: 3 van 6".

Texts of a questionnaire (items, answers, bands) come from its definition in the language asked for;
Kring's own words around them (gettext) follow the active language, so call these inside
``translation.override`` when the result is shown in the client's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.dateformat import format as format_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.dates import short_month
from kring.measures import definitions
from kring.measures.engine import Definition, Scores, band_label, score
from kring.measures.models import QuestionnaireResponse
from kring.measures.trend_svg import TrendBand, TrendChart, TrendPoint, render_sparkline, render_trend


@dataclass(frozen=True)
class SubscaleResult:
    key: str
    title: str
    value: int | None
    max: int
    phrase: str


@dataclass(frozen=True)
class AnswerLine:
    key: str
    text: str
    answer: str  # the option's label, or "Overgeslagen"
    skipped: bool


@dataclass(frozen=True)
class Result:
    response: QuestionnaireResponse
    definition: Definition
    language: str
    title: str
    total: int | None
    max_total: int
    band: str | None
    phrase: str  # "Matig eenzaam: 3 van 6", or why there is no score
    subscales: tuple[SubscaleResult, ...]
    answers: tuple[AnswerLine, ...]
    skipped: int


def score_phrase(label: str, value: int | None, maximum: int, *, skipped_too_many: str) -> str:
    if value is None:
        return skipped_too_many
    if label:
        return _("%(band)s: %(score)s van %(max)s") % {"band": label, "score": value, "max": maximum}
    return _("%(score)s van %(max)s") % {"score": value, "max": maximum}


def result_of(response: QuestionnaireResponse, definition: Definition, language: str | None = None) -> Result:
    language = language_for(definition, language)
    # Every response is scored when it is saved; one without scores (written outside the services) is
    # scored from its answers here rather than shown without them.
    scores = Scores.from_json(response.scores) if response.scores else score(definition, response.answers)
    phrase = score_phrase(
        band_label(definition.bands, scores.band, language),
        scores.total,
        scores.max_total,
        skipped_too_many=_("Geen totaalscore: er zijn te veel vragen overgeslagen."),
    )
    subscales = []
    for subscale in definition.subscales:
        part = scores.subscale(subscale.key)
        subscales.append(
            SubscaleResult(
                key=subscale.key,
                title=subscale.title[language],
                value=part.value,
                max=part.max,
                phrase=score_phrase(
                    band_label(subscale.bands, part.band, language),
                    part.value,
                    part.max,
                    skipped_too_many=_("Geen score: hier is een vraag overgeslagen."),
                ),
            )
        )
    answers = []
    for item in definition.items:
        labels = {o.value: o.label[language] for o in definition.options_for(item)}
        label = labels.get(response.answers.get(item.key), "")
        answers.append(AnswerLine(item.key, item.text[language], label or _("Overgeslagen"), skipped=not label))
    return Result(
        response=response,
        definition=definition,
        language=language,
        title=definition.title[language],
        total=scores.total,
        max_total=scores.max_total,
        band=scores.band,
        phrase=phrase,
        subscales=tuple(subscales),
        answers=tuple(answers),
        skipped=len(scores.missing),
    )


def _definition_of(response: QuestionnaireResponse, fallback: Definition) -> Definition:
    """The version the response was given with: its scores were computed by that one."""
    return definitions.get(response.questionnaire, response.definition_version) or fallback


# --- trends ---------------------------------------------------------------------------------------------


def _long_date(day: date) -> str:
    return format_date(day, "j F Y")


def axis_month(day: date) -> str:
    """A month under a chart's axis, as the active language writes it: "mrt 2026" in Dutch, "Mar 2026" in
    English."""
    return format_date(day, f"{short_month()} Y")


def language_for(definition: Definition, language: str | None) -> str:
    """``language`` if the definition has texts in it, else its first language."""
    return language if language in definition.languages else definition.languages[0]


def trend_chart(definition: Definition, responses: Sequence[QuestionnaireResponse], language: str) -> TrendChart:
    language = language_for(definition, language)
    points = []
    for response in sorted(responses, key=lambda r: (r.date, r.pk)):
        result = result_of(response, _definition_of(response, definition), language)
        points.append(
            TrendPoint(
                day=response.date,
                value=result.total,
                label=f"{_long_date(response.date)}: {result.phrase}",
                axis_label=axis_month(response.date),
            )
        )
    if points:
        description = ngettext(
            "%(count)s keer ingevuld, van %(first)s tot %(last)s. %(values)s %(higher)s",
            "%(count)s keer ingevuld, van %(first)s tot %(last)s. %(values)s %(higher)s",
            len(points),
        ) % {
            "count": len(points),
            "first": _long_date(points[0].day),
            "last": _long_date(points[-1].day),
            "values": " ".join(f"{p.label}." for p in points),
            "higher": definition.higher_means.get(language, ""),
        }
    else:
        description = _("Nog niet ingevuld.")
    return TrendChart(
        title=definition.title[language],
        description=description.strip(),
        y_min=definition.min_total,
        y_max=definition.max_total,
        points=tuple(points),
        bands=tuple(TrendBand(b.low, b.high, b.label[language]) for b in definition.bands),
    )


def trend_svgs(chart: TrendChart, id_prefix: str) -> dict[str, str]:
    """The chart wide (tablet and laptop, with band names) and narrow (phone), for the page to pick by width."""
    wide = render_trend(chart, id_prefix=f"{id_prefix}-wide", css_class="trend-chart trend-chart--wide")
    narrow = render_trend(
        chart,
        id_prefix=f"{id_prefix}-narrow",
        width=360,
        height=240,
        band_labels=False,
        css_class="trend-chart trend-chart--narrow",
    )
    # render_trend escapes every text it draws.
    return {"wide": mark_safe(wide), "narrow": mark_safe(narrow)}  # noqa: S308


def sparkline_svg(chart: TrendChart, id_prefix: str) -> str:
    return mark_safe(render_sparkline(chart, id_prefix=id_prefix))  # noqa: S308 - escaped in render_sparkline


@dataclass(frozen=True)
class Summary:
    """One questionnaire on the client's overview: the latest result, the one before, and the trend."""

    definition: Definition
    title: str
    responses: tuple[QuestionnaireResponse, ...]
    latest: Result | None
    change: str
    sparkline: str


def summaries(responses: Sequence[QuestionnaireResponse], language: str) -> list[Summary]:
    """Every current questionnaire, with the client's responses to it (in date order), for the overview."""
    by_key: dict[str, list[QuestionnaireResponse]] = {}
    for response in sorted(responses, key=lambda r: (r.date, r.pk)):
        by_key.setdefault(response.questionnaire, []).append(response)
    out = []
    for definition in definitions.current():
        own = by_key.get(definition.key, [])
        latest = result_of(own[-1], _definition_of(own[-1], definition), language) if own else None
        out.append(
            Summary(
                definition=definition,
                title=definition.title[language_for(definition, language)],
                responses=tuple(own),
                latest=latest,
                change=_change(own),
                sparkline=sparkline_svg(trend_chart(definition, own, language), f"spark-{definition.key}")
                if len(own) > 1
                else "",
            )
        )
    return out


def _change(responses: Sequence[QuestionnaireResponse]) -> str:
    """The latest total against the one before it, in words ("" when either is undefined)."""
    if len(responses) < 2:
        return ""
    before, now = responses[-2].total, responses[-1].total
    if before is None or now is None:
        return ""
    when = _long_date(responses[-2].date)
    if now == before:
        return _("Hetzelfde als op %(date)s.") % {"date": when}
    if now > before:
        return _("%(n)s hoger dan op %(date)s.") % {"n": now - before, "date": when}
    return _("%(n)s lager dan op %(date)s.") % {"n": before - now, "date": when}
