"""The implementation monitor: what each condition means, a team's score and its trend, and the reads.

A self-assessment gives every condition a level from 1 (nog niet) to 4 (helemaal). The score of an
assessment is the mean level, "2,6 van 4"; the trend is that score over the assessments, and per condition
its level over time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring import policy
from kring.insights.models import Condition, ConditionLevel, ConditionScore, SelfAssessment
from kring.measures.trend_svg import TrendBand, TrendChart, TrendPoint, render_sparkline, render_trend

# One plain line per condition, from the factsheets of Social Network First? (1, 2 and 4).
EXPLANATIONS = {
    Condition.PURPOSE: gettext_lazy(
        "Iedereen in het team weet waarom en met welk doel jullie met het netwerk van cliënten werken."
    ),
    Condition.TRAINING: gettext_lazy(
        "Werken met het netwerk past bij je vak, maar vraagt extra training, zoals de training van vier dagdelen."
    ),
    Condition.CONSULTATION: gettext_lazy(
        "Jullie bespreken geregeld samen casussen (intervisie), zodat je blijft leren en elkaar helpt."
    ),
    Condition.ROOM: gettext_lazy("In of bij de opvang is een fijne plek om naasten te ontvangen."),
    Condition.PROCESSES: gettext_lazy(
        "De manier van werken, het systeem en de ruimtes geven aandacht en plek aan het netwerk."
    ),
    Condition.FUNDING: gettext_lazy(
        "Netwerkondersteuning is geen losse pilot: er is vast geld en tijd voor, ook op de lange termijn."
    ),
    Condition.KNOWLEDGE: gettext_lazy(
        "Het werk staat in functies en afspraken, zodat de kennis blijft als iemand weggaat."
    ),
}

MAX_LEVEL = 4


@dataclass(frozen=True)
class Summary:
    """One assessment with its levels per condition and its score."""

    assessment: SelfAssessment
    levels: dict[str, int]
    notes: dict[str, str]

    @property
    def score(self) -> float | None:
        return mean_level(self.levels.values())

    @property
    def in_place(self) -> int:
        return sum(1 for level in self.levels.values() if level == ConditionLevel.IN_PLACE)


def mean_level(levels) -> float | None:
    """The mean level, rounded to one decimal; None without any level."""
    values = [int(v) for v in levels]
    return round(sum(values) / len(values), 1) if values else None


def summarise(assessments: Sequence[SelfAssessment]) -> list[Summary]:
    """Needs ``scores`` prefetched."""
    return [
        Summary(
            assessment=a,
            levels={s.condition: s.level for s in a.scores.all()},
            notes={s.condition: s.note for s in a.scores.all()},
        )
        for a in assessments
    ]


@dataclass(frozen=True)
class ConditionRow:
    condition: Condition
    explanation: str
    level: int | None
    level_label: str
    note: str
    previous: int | None  # the level at the assessment before, for "was: Begonnen"
    sparkline: str


def condition_rows(summaries: Sequence[Summary]) -> list[ConditionRow]:
    """The latest level of each condition with its explanation, the one before, and a small trend.
    ``summaries`` newest first."""
    latest = summaries[0] if summaries else None
    before = summaries[1] if len(summaries) > 1 else None
    rows = []
    for condition in Condition:
        level = latest.levels.get(condition.value) if latest else None
        points = [
            TrendPoint(
                day=s.assessment.assessed_on,
                value=s.levels.get(condition.value),
                label=f"{_day(s.assessment.assessed_on)}: {_level_label(s.levels.get(condition.value))}",
                axis_label=_month(s.assessment.assessed_on),
            )
            for s in reversed(summaries)
        ]
        spark = ""
        if len(points) > 1:
            spark = render_sparkline(
                TrendChart(
                    title=str(condition.label),
                    description=", ".join(p.label for p in points),
                    y_min=1,
                    y_max=MAX_LEVEL,
                    points=points,
                ),
                id_prefix=f"spark-{condition.value}",
            )
        rows.append(
            ConditionRow(
                condition=condition,
                explanation=str(EXPLANATIONS[condition]),
                level=level,
                level_label=_level_label(level),
                note=latest.notes.get(condition.value, "") if latest else "",
                previous=before.levels.get(condition.value) if before else None,
                sparkline=spark,
            )
        )
    return rows


def trend_svg(summaries: Sequence[Summary], *, id_prefix: str = "monitor-trend") -> str:
    """The score over time, on the scale of the levels, each level a band. ``summaries`` newest first."""
    points = [
        TrendPoint(
            day=s.assessment.assessed_on,
            value=s.score,
            label=_("%(day)s: %(score)s van 4") % {"day": _day(s.assessment.assessed_on), "score": _num(s.score)},
            axis_label=_month(s.assessment.assessed_on),
        )
        for s in reversed(summaries)
    ]
    chart = TrendChart(
        title=_("Score van het team door de tijd"),
        description=_("Gemiddelde van alle voorwaarden, van 1 (nog niet) tot 4 (helemaal): %(points)s.")
        % {"points": "; ".join(p.label for p in points)},
        y_min=1,
        y_max=MAX_LEVEL,
        points=points,
        bands=[TrendBand(low=v, high=v, label=str(label)) for v, label in ConditionLevel.choices],
    )
    return render_trend(chart, id_prefix=id_prefix, css_class="trend-chart monitor-trend")


def _level_label(level: int | None) -> str:
    return str(ConditionLevel(level).label) if level in ConditionLevel.values else "—"


def _num(value: float | None) -> str:
    return "—" if value is None else number_format(value, 1)


def _day(day) -> str:
    return format_date(day, "j F Y")


def _month(day) -> str:
    return format_date(day, "M Y")


# --- reads, scoped to the user -----------------------------------------------------------------------


def get_team_for_user(user, pk):
    team = policy.insight_teams(user).filter(pk=policy.parse_id(pk)).first()
    if team is None:
        raise Http404
    return team


def assessments_of(team) -> list[SelfAssessment]:
    """Every current assessment of the team, newest first, with their scores (two queries)."""
    return list(
        SelfAssessment.objects.filter(team=team, removed_at__isnull=True)
        .select_related("created_by")
        .prefetch_related(Prefetch("scores", queryset=ConditionScore.objects.order_by("condition")))
    )


def get_assessment_for_user(user, pk, *, write: bool = False) -> SelfAssessment:
    assessment = (
        SelfAssessment.objects.filter(
            pk=policy.parse_id(pk), removed_at__isnull=True, team__in=policy.insight_teams(user)
        )
        .select_related("team", "created_by")
        .prefetch_related("scores")
        .first()
    )
    if assessment is None or (write and not policy.can_manage_team_insights(user, assessment.team)):
        raise Http404
    return assessment


def latest_by_team(teams) -> dict[int, Summary]:
    """The newest current assessment of each team (two queries, whatever the number of teams)."""
    from django.db.models import OuterRef, Subquery

    newest = (
        SelfAssessment.objects.filter(team=OuterRef("team"), removed_at__isnull=True)
        .order_by("-assessed_on", "-pk")
        .values("pk")[:1]
    )
    latest = (
        SelfAssessment.objects.filter(team__in=teams, removed_at__isnull=True)
        .filter(pk=Subquery(newest))
        .prefetch_related("scores")
    )
    return {s.assessment.team_id: s for s in summarise(list(latest))}
