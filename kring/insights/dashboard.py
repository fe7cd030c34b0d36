"""The figures of the team and organisation dashboards: is network support taking root, and is the network
growing? The figures are counted in the database (aggregates, grouping), so the number of queries does not
grow with the number of clients. The one exception are the networks at the start and now: their medians
need the numbers themselves, so one query reads five numbers per mapped client (no name, no id) and the
medians are taken here, instead of an ordered query per median that each read the network figures again.

:func:`dashboard` takes the teams to look at (the caller decides which, through :mod:`kring.policy`) and
returns plain dataclasses. With ``aggregated`` (the organisation dashboard) a count from 1 to 4 is
suppressed, and so is every share, mean or median that rests on fewer than 5 clients: nobody can be
recognised from a small number.

What "now" means: coverage and the network figures are about the clients who are active now and their
networks as they stand now (the newest :class:`~kring.measures.models.NetworkFigures` row), compared with
the network at the start (the intake row). The period counts the work done in it: interventions, meetings,
questionnaires; "reviewed in the last three months" looks back from the end of the period (or today).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kring.clients.models import Client, ClientStatus
from kring.measures import signals
from kring.measures.models import NetworkFigures, QuestionnaireResponse
from kring.network.models import MappingSession
from kring.support.models import Element, Intervention, Meeting, MeetingStatus, Review

SMALL = 5  # counts below this are suppressed on the organisation dashboard
REVIEW_MONTHS = 3
MAX_MONTHS = 60
LONELINESS = "djg6"

COUNT, SHARE, NUMBER = "count", "share", "number"


# --- Plain values --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stat:
    """One figure: its value, or None when it is unknown (nothing to count) or suppressed (too few)."""

    value: float | None
    kind: str = COUNT
    suppressed: bool = False

    def __str__(self) -> str:
        if self.suppressed:
            return _("minder dan 5")
        if self.value is None:
            return "—"
        if self.kind == SHARE:
            return f"{number_format(round(self.value * 100))}%"
        if self.kind == NUMBER:
            return number_format(round(self.value, 1), decimal_pos=1 if self.value % 1 else 0)
        return number_format(int(self.value), force_grouping=True)


def count_stat(n: int, *, aggregated: bool) -> Stat:
    """A count; on the organisation dashboard 1 to 4 become "minder dan 5" (0 says nothing about anyone)."""
    if aggregated and 0 < n < SMALL:
        return Stat(None, COUNT, suppressed=True)
    return Stat(n, COUNT)


def based_on(value: float | None, clients: int, *, kind: str, aggregated: bool) -> Stat:
    """A share, mean or median over ``clients`` clients: suppressed on the organisation dashboard below 5."""
    if aggregated and clients < SMALL:
        return Stat(None, kind, suppressed=clients > 0)
    return Stat(value if clients else None, kind)


def share_stat(part: int, whole: int, *, aggregated: bool) -> Stat:
    """``part`` of ``whole`` clients; suppressed when either count would be, since the share reveals the part."""
    if aggregated and (whole < SMALL or 0 < part < SMALL):
        return Stat(None, SHARE, suppressed=whole > 0)
    return Stat(part / whole if whole else None, SHARE)


# --- The period ----------------------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the last day of that month when it is shorter)."""
    first = add_months(day, -months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def months_between(first: date, last: date) -> int:
    """How many months from the month of ``first`` to the month of ``last``, both counted."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


@dataclass(frozen=True)
class Period:
    first_month: date  # the first day of the first month
    last_month: date  # the first day of the last month

    @classmethod
    def last_twelve_months(cls, today: date) -> Period:
        return cls(add_months(today, -11), month_start(today))

    @property
    def start(self) -> date:
        return self.first_month

    @property
    def end(self) -> date:
        """The last day of the last month."""
        return self.last_month.replace(day=calendar.monthrange(self.last_month.year, self.last_month.month)[1])

    def quarters(self) -> list[date]:
        """The first day of every quarter the period touches, in order."""
        first = date(self.start.year, (self.start.month - 1) // 3 * 3 + 1, 1)
        out = []
        while first <= self.end:
            out.append(first)
            first = add_months(first, 3)
        return out


def quarter_label(quarter: date) -> str:
    return _("K%(number)s %(year)s") % {"number": (quarter.month - 1) // 3 + 1, "year": quarter.year}


# --- Medians and means, pure ------------------------------------------------------------------------------


def histogram_stats(histogram: Mapping[int, int]) -> tuple[int, float | None, float | None]:
    """(count, mean, median) of values given as value → how often. Loops over distinct values only."""
    n = sum(histogram.values())
    if not n:
        return 0, None, None
    mean = sum(value * times for value, times in histogram.items()) / n
    wanted = [(n - 1) // 2, n // 2]  # the middle one, or the two middle ones
    found, seen = [], 0
    for value in sorted(histogram):
        seen += histogram[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    return n, mean, sum(found) / 2


def median(values: Sequence[float]) -> float | None:
    """The middle value, or the mean of the two middle ones; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = ordered[(len(ordered) - 1) // 2 : len(ordered) // 2 + 1]
    return sum(middle) / len(middle)


# --- The dashboard ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    active: Stat
    mapped: Stat
    mapped_share: Stat
    reviewed: Stat
    reviewed_share: Stat
    review_since: date
    review_until: date


@dataclass(frozen=True)
class NetworkChange:
    """Networks at the start and now, of the active clients with a network on the map."""

    clients: Stat
    size_start: Stat
    size_now: Stat
    informal_start: Stat
    informal_now: Stat
    inner_change_median: Stat
    inner_grew: Stat
    inner_same: Stat
    inner_shrank: Stat


@dataclass(frozen=True)
class ElementCount:
    key: str
    label: str
    interventions: Stat
    clients: Stat


@dataclass(frozen=True)
class QuarterMeetings:
    quarter: date
    label: str
    meetings: Stat
    clients: Stat


@dataclass(frozen=True)
class QuarterLoneliness:
    quarter: date
    label: str
    responses: Stat
    clients: Stat
    mean: Stat
    median: Stat


@dataclass(frozen=True)
class SignalCount:
    key: str
    label: str
    clients: Stat


@dataclass(frozen=True)
class Dashboard:
    period: Period
    aggregated: bool
    coverage: Coverage
    network: NetworkChange
    interventions: Stat
    intervention_clients: Stat
    elements: list[ElementCount]
    meetings: Stat
    meeting_clients: Stat
    meetings_per_quarter: list[QuarterMeetings]
    loneliness: list[QuarterLoneliness]
    signals: list[SignalCount]


def clients_of_teams(team_ids: Iterable[int]):
    """Every client of these teams, whatever their status (work done in the period counts for all)."""
    return Client.objects.filter(team_id__in=list(team_ids)).order_by()


def dashboard(*, organisation, team_ids: Sequence[int], period: Period, today: date, aggregated: bool) -> Dashboard:
    """The figures of the clients of ``team_ids`` (teams of ``organisation``) for ``period``."""
    clients = clients_of_teams(team_ids)
    active = clients.filter(status=ClientStatus.ACTIVE)
    intervention_total, intervention_clients = _intervention_totals(clients, period, aggregated)
    meeting_total, meeting_clients, per_quarter = _meetings(clients, period, aggregated)
    return Dashboard(
        period=period,
        aggregated=aggregated,
        coverage=_coverage(active, period, today, aggregated),
        network=_network_change(active, aggregated),
        interventions=intervention_total,
        intervention_clients=intervention_clients,
        elements=_elements(organisation, clients, period, aggregated),
        meetings=meeting_total,
        meeting_clients=meeting_clients,
        meetings_per_quarter=per_quarter,
        loneliness=_loneliness(clients, period, aggregated),
        signals=_signals(active, organisation, today, aggregated),
    )


def _coverage(active, period: Period, today: date, aggregated: bool) -> Coverage:
    until = min(period.end, today)
    since = months_before(until, REVIEW_MONTHS)
    mapped = Exists(NetworkFigures.objects.filter(client_id=OuterRef("pk"), is_latest=True, size__gt=0))
    reviewed = Exists(
        Review.objects.filter(client_id=OuterRef("pk"), removed_at__isnull=True, date__gt=since, date__lte=until)
    ) | Exists(
        # Finished on a day after ``since`` up to ``until``, as moments: no time zone conversion per session.
        MappingSession.objects.filter(
            client_id=OuterRef("pk"),
            finished_at__gte=_start_of_day_after(since),
            finished_at__lt=_start_of_day_after(until),
        )
    )
    counts = active.aggregate(
        active=Count("pk"), mapped=Count("pk", filter=Q(mapped)), reviewed=Count("pk", filter=Q(reviewed))
    )
    n = counts["active"]
    return Coverage(
        active=count_stat(n, aggregated=aggregated),
        mapped=count_stat(counts["mapped"], aggregated=aggregated),
        mapped_share=share_stat(counts["mapped"], n, aggregated=aggregated),
        reviewed=count_stat(counts["reviewed"], aggregated=aggregated),
        reviewed_share=share_stat(counts["reviewed"], n, aggregated=aggregated),
        review_since=since,
        review_until=until,
    )


def _start_of_day_after(day: date) -> datetime:
    """The first moment of the day after ``day``, here (in the current time zone)."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _network_change(active, aggregated: bool) -> NetworkChange:
    """The networks now and at the start of the active clients with a network on the map: one query."""
    mapped = active.annotate(
        now=FilteredRelation("network_figures", condition=Q(network_figures__is_latest=True)),
        start=FilteredRelation("network_figures", condition=Q(network_figures__is_intake=True)),
    ).filter(now__size__gt=0)
    rows = list(
        mapped.values_list(
            "now__size", "now__informal_share", "now__inner_circle",
            "start__size", "start__informal_share", "start__inner_circle",
        )
    )  # fmt: skip
    with_start = [row for row in rows if row[3] is not None]
    informal_now = [row[1] for row in rows if row[1] is not None]
    informal_start = [row[4] for row in with_start if row[4] is not None]
    inner_changes = [now_inner - start_inner for _, _, now_inner, _, _, start_inner in with_start]

    def middle(values, kind=NUMBER):
        return based_on(median(values), len(values), kind=kind, aggregated=aggregated)

    return NetworkChange(
        clients=count_stat(len(rows), aggregated=aggregated),
        size_start=middle([row[3] for row in with_start]),
        size_now=middle([row[0] for row in rows]),
        informal_start=middle(informal_start, SHARE),
        informal_now=middle(informal_now, SHARE),
        inner_change_median=middle(inner_changes),
        inner_grew=count_stat(sum(change > 0 for change in inner_changes), aggregated=aggregated),
        inner_same=count_stat(sum(change == 0 for change in inner_changes), aggregated=aggregated),
        inner_shrank=count_stat(sum(change < 0 for change in inner_changes), aggregated=aggregated),
    )


def _interventions(clients, period: Period):
    return Intervention.objects.current().filter(client__in=clients, date__range=(period.start, period.end))


def _intervention_totals(clients, period: Period, aggregated: bool) -> tuple[Stat, Stat]:
    counts = _interventions(clients, period).aggregate(n=Count("pk"), clients=Count("client", distinct=True))
    return count_stat(counts["n"], aggregated=aggregated), count_stat(counts["clients"], aggregated=aggregated)


def _elements(organisation, clients, period: Period, aggregated: bool) -> list[ElementCount]:
    """Interventions per what-works element (an intervention with two elements counts for both).

    Counted from the interventions of these clients (found by client and date, both indexed), so the
    count does not read the other organisations' interventions of a shared installation.
    """
    counts = {
        row["elements"]: row
        for row in _interventions(clients, period)
        .values("elements")
        .annotate(n=Count("pk"), clients=Count("client", distinct=True))
        .order_by()
    }
    out = []
    for element in Element.objects.filter(organisation=organisation).order_by("order", "pk"):
        row = counts.get(element.pk, {"n": 0, "clients": 0})
        if not element.active and not row["n"]:
            continue
        interventions = count_stat(row["n"], aggregated=aggregated)
        if aggregated and 0 < row["clients"] < SMALL:  # many interventions with one client still point at them
            interventions = Stat(None, COUNT, suppressed=True)
        out.append(
            ElementCount(element.key, element.label, interventions, count_stat(row["clients"], aggregated=aggregated))
        )
    return out


def _meetings(clients, period: Period, aggregated: bool) -> tuple[Stat, Stat, list[QuarterMeetings]]:
    held = Meeting.objects.current().filter(
        client__in=clients, status=MeetingStatus.HELD, date__range=(period.start, period.end)
    )
    totals = held.aggregate(n=Count("pk"), clients=Count("client", distinct=True))
    rows = {
        row["quarter"]: row
        for row in held.annotate(quarter=TruncQuarter("date"))
        .values("quarter")
        .annotate(n=Count("pk"), clients=Count("client", distinct=True))
        .order_by("quarter")
    }
    quarters = []
    for quarter in period.quarters():
        row = rows.get(quarter, {"n": 0, "clients": 0})
        meetings = count_stat(row["n"], aggregated=aggregated)
        if aggregated and 0 < row["clients"] < SMALL:
            meetings = Stat(None, COUNT, suppressed=True)
        quarters.append(
            QuarterMeetings(
                quarter, quarter_label(quarter), meetings, count_stat(row["clients"], aggregated=aggregated)
            )
        )
    return (
        count_stat(totals["n"], aggregated=aggregated),
        count_stat(totals["clients"], aggregated=aggregated),
        quarters,
    )


def _loneliness(clients, period: Period, aggregated: bool) -> list[QuarterLoneliness]:
    """The De Jong Gierveld total (0–6) per quarter: mean and median over the questionnaires filled in."""
    responses = (
        QuestionnaireResponse.objects.current()
        .filter(client__in=clients, questionnaire=LONELINESS, total__isnull=False)
        .filter(date__range=(period.start, period.end))
        .annotate(quarter=TruncQuarter("date"))
    )
    histograms: dict[date, dict[int, int]] = {}
    for row in responses.values("quarter", "total").annotate(n=Count("pk")).order_by():
        histograms.setdefault(row["quarter"], {})[row["total"]] = row["n"]
    clients_per_quarter = {
        row["quarter"]: row["clients"]
        for row in responses.values("quarter").annotate(clients=Count("client", distinct=True)).order_by()
    }
    out = []
    for quarter in period.quarters():
        n, mean, median = histogram_stats(histograms.get(quarter, {}))
        people = clients_per_quarter.get(quarter, 0)
        responses_stat = count_stat(n, aggregated=aggregated)
        if aggregated and 0 < people < SMALL:
            responses_stat = Stat(None, COUNT, suppressed=True)
        out.append(
            QuarterLoneliness(
                quarter=quarter,
                label=quarter_label(quarter),
                responses=responses_stat,
                clients=count_stat(people, aggregated=aggregated),
                mean=based_on(mean, people, kind=NUMBER, aggregated=aggregated),
                median=based_on(median, people, kind=NUMBER, aggregated=aggregated),
            )
        )
    return out


def _signals(active, organisation, today: date, aggregated: bool) -> list[SignalCount]:
    """Active clients with an open signal, per rule the organisation has switched on."""
    titles = {rule.key: str(rule.title) for rule in signals.RULES}
    return [
        SignalCount(key, titles.get(key, key), count_stat(n, aggregated=aggregated))
        for key, n in signals.open_signal_counts(active, organisation, today=today).items()
    ]
