"""Who followed which part of the training (factsheet 3): the matrix per team, and the reads.

Parts 1 to 3 are the training; part 4 (verdieping) is a choice. A worker who followed a part twice shows
the latest date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import Http404

from kring import policy
from kring.insights.models import TrainingPart, TrainingRecord
from kring.insights.services import team_worker_ids

REQUIRED_PARTS = (TrainingPart.PART_1, TrainingPart.PART_2, TrainingPart.PART_3)
OPTIONAL_PARTS = (TrainingPart.PART_4,)


@dataclass(frozen=True)
class Cell:
    part: TrainingPart
    record: TrainingRecord | None  # the latest time this worker followed this part

    @property
    def short(self) -> str:
        """ "Dagdeel 1": the part's name without its title."""
        return str(self.part.label).partition(": ")[0]


@dataclass(frozen=True)
class MatrixRow:
    user: object
    cells: list[Cell]

    @property
    def missing(self) -> list[TrainingPart]:
        """The required parts this worker has not followed yet."""
        return [c.part for c in self.cells if c.record is None and c.part in REQUIRED_PARTS]

    @property
    def missing_labels(self) -> list[str]:
        """ "Dagdeel 1", "Dagdeel 3": the short names of the missing parts."""
        return [c.short for c in self.cells if c.part in self.missing]


@dataclass(frozen=True)
class PartCount:
    part: TrainingPart
    followed: int
    total: int


def matrix(users: Sequence, records: Sequence[TrainingRecord]) -> list[MatrixRow]:
    """Workers × parts. ``records`` of these users, in any order."""
    latest: dict[tuple[int, str], TrainingRecord] = {}
    for record in records:
        key = (record.user_id, record.part)
        if key not in latest or (record.followed_on, record.pk) > (latest[key].followed_on, latest[key].pk):
            latest[key] = record
    return [MatrixRow(user=u, cells=[Cell(p, latest.get((u.pk, p.value))) for p in TrainingPart]) for u in users]


def part_heads() -> list[tuple[TrainingPart, str, str]]:
    """(part, "Dagdeel 1", "Iedereen is een naaste van iemand") for the matrix's column headings."""
    heads = []
    for part in TrainingPart:
        short, _sep, rest = str(part.label).partition(": ")
        heads.append((part, short, rest))
    return heads


def part_counts(rows: Sequence[MatrixRow]) -> list[PartCount]:
    return [
        PartCount(part=part, followed=sum(1 for r in rows if r.cells[i].record is not None), total=len(rows))
        for i, part in enumerate(TrainingPart)
    ]


def team_matrix(team) -> list[MatrixRow]:
    """The team's matrix in two queries, whatever the number of workers and records."""
    from kring.accounts.models import User

    users = list(User.objects.filter(pk__in=team_worker_ids(team)).order_by("full_name", "pk"))
    records = TrainingRecord.objects.filter(
        organisation_id=team.organisation_id, user__in=[u.pk for u in users], removed_at__isnull=True
    )
    return matrix(users, list(records))


def get_team_for_user(user, pk, *, write: bool = False):
    team = policy.insight_teams(user).filter(pk=policy.parse_id(pk)).first()
    if team is None or (write and not policy.can_manage_team_insights(user, team)):
        raise Http404
    return team


def get_record_for_team(team, pk) -> TrainingRecord:
    record = (
        TrainingRecord.objects.filter(
            pk=policy.parse_id(pk),
            organisation_id=team.organisation_id,
            removed_at__isnull=True,
            user__in=team_worker_ids(team),
        )
        .select_related("user")
        .first()
    )
    if record is None:
        raise Http404
    return record
