"""Support for naasten against overload: the load check (how heavy supporting the client is for a member),
its history, and the signals on the client's page.

Three layers, top to bottom:

- **Pure rules** on plain dataclasses, without the database: :func:`high_load_signals` (a member's latest
  check is heavy) and :func:`main_carrier_signal` (one member carries most of the support), and
  :func:`heaviness_svg`, the history as a line. Unit-tested without Django models.
- **Services** (writes): :func:`load_check_create`, :func:`load_check_update`, :func:`load_check_remove`. Each
  checks the actor may change the client, validates, and writes the check, its history row and its
  access-log row in one transaction. Updates name the version the form started from (optimistic locking);
  removal is soft (``removed_at``).
- **Selectors** (reads) for a client or member the caller loaded through the access policy:
  :func:`client_load_signals`, :func:`client_load_overview`, :func:`member_load`, :func:`load_checks_for_member`,
  each with a number of queries that does not grow with the number of members or checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients.models import Client
from kring.measures.trend_svg import TrendBand, TrendChart, TrendPoint, render_trend
from kring.network.models import Member, Sector, Support
from kring.support.models import LoadCheck
from kring.versioning import ConcurrentEditError, claim_version

__all__ = [
    "CARRIER_MIN_KINDS",
    "CARRIER_MIN_SHARE",
    "HIGH_LOAD",
    "ConcurrentEditError",
    "LoadCheckData",
    "LatestLoad",
    "MemberSupport",
    "Signal",
    "client_load_overview",
    "client_load_signals",
    "heaviness_svg",
    "high_load_signals",
    "load_check_create",
    "load_check_remove",
    "load_check_update",
    "load_checks_for_member",
    "main_carrier_signal",
    "member_load",
]

# A latest load check at or above this heaviness (0–10) is a signal. One number for every organisation for now;
# issue #8 makes it a setting per organisation.
HIGH_LOAD = 7
# "One member carries most of the support": at least this share of the support recorded, and at least this
# many kinds of support. See main_carrier_signal.
CARRIER_MIN_SHARE = 0.5
CARRIER_MIN_KINDS = 3

HIGH_LOAD_SIGNAL = "high_load"
MAIN_CARRIER_SIGNAL = "main_carrier"


# --- pure rules ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LatestLoad:
    """A member's most recent load check, as plain data."""

    member_id: int
    name: str
    day: date
    heaviness: int


@dataclass(frozen=True)
class MemberSupport:
    """What support the client receives from one member, as plain data."""

    member_id: int
    name: str
    kinds: frozenset[str]


@dataclass(frozen=True)
class Signal:
    """Something on the client's page that asks for attention to a naaste.

    ``kind`` is ``"high_load"`` (then ``heaviness`` and ``day`` say which check) or ``"main_carrier"``
    (then ``kinds`` of the ``total`` kinds of support recorded in the network come from this member).
    """

    kind: str
    member_id: int
    name: str
    heaviness: int | None = None
    day: date | None = None
    kinds: int = 0
    total: int = 0
    # For a main carrier: how heavy their latest check was, if they had one (the page says "ask them").
    latest_heaviness: int | None = None

    @property
    def is_high_load(self) -> bool:
        return self.kind == HIGH_LOAD_SIGNAL

    @property
    def is_main_carrier(self) -> bool:
        return self.kind == MAIN_CARRIER_SIGNAL


def is_high(heaviness: int | None, threshold: int = HIGH_LOAD) -> bool:
    return heaviness is not None and heaviness >= threshold


def high_load_signals(latest: Iterable[LatestLoad], *, threshold: int = HIGH_LOAD) -> list[Signal]:
    """A signal for every member whose latest check is at or above ``threshold``, heaviest first.

    Only the latest check counts: a member who felt it was too much in March and better in May gives no signal.
    """
    high = [load for load in latest if is_high(load.heaviness, threshold)]
    high.sort(key=lambda load: (-load.heaviness, load.day, load.name.lower(), load.member_id))
    return [
        Signal(HIGH_LOAD_SIGNAL, load.member_id, load.name, heaviness=load.heaviness, day=load.day) for load in high
    ]


def main_carrier_signal(
    supports: Sequence[MemberSupport],
    *,
    min_share: float = CARRIER_MIN_SHARE,
    min_kinds: int = CARRIER_MIN_KINDS,
) -> Signal | None:
    """The one member who carries most of the client's support, or ``None``.

    Precisely:

    - ``supports`` are the members who count: the caller passes the client's current members who are not
      professionals (and not deceased) and from whom the client receives support. Kinds that are not one of
      :class:`~kring.network.models.Support` are ignored, a kind named twice counts once.
    - The support recorded is the number of (member, kind) pairs: a mother who gives emotional and practical
      support counts 2, a friend who gives company counts 1; total 3.
    - A member carries most of the support when they give at least ``min_share`` (50 %) of that total **and**
      at least ``min_kinds`` (3) kinds. The second condition keeps small networks quiet: a friend who is the
      only one to give "company" gives 100 %, but that alone is no sign of overload.
    - One member only who gives ``min_kinds`` kinds or more is a signal: everything rests on them.
    - A tie is no signal: when two members each give exactly half, the support is shared between them, and
      no one member carries most of it. (With a share of 50 %, at most two members can reach it.)
    - No support recorded at all: no signal.
    """
    valid = set(Support.values)
    counts = [(support, len(set(support.kinds) & valid)) for support in supports]
    counts = [(support, n) for support, n in counts if n]
    total = sum(n for _support, n in counts)
    if not total:
        return None
    carriers = [(support, n) for support, n in counts if n >= min_kinds and n >= min_share * total]
    if len(carriers) != 1:
        return None
    [(support, n)] = carriers
    return Signal(MAIN_CARRIER_SIGNAL, support.member_id, support.name, kinds=n, total=total)


@dataclass(frozen=True)
class HeavinessPoint:
    day: date
    heaviness: int
    label: str  # the point in words for its tooltip: "3 maart 2026: 8 van 10"
    axis_label: str  # short date under the axis: "mrt 2026"


def heaviness_svg(
    points: Sequence[HeavinessPoint],
    *,
    title: str,
    description: str,
    light_label: str,
    heavy_label: str,
    id_prefix: str = "load",
    narrow: bool = False,
    threshold: int = HIGH_LOAD,
) -> str:
    """The heaviness of a member's checks over time as an ``<svg role="img">`` with a title and description.

    Pure: the caller passes every text already translated and every date already formatted; all text is
    escaped by :func:`kring.measures.trend_svg.render_trend`, which draws it. The heavy range (``threshold`` to
    10) is a band of its own, named in the margin, so "above the line" reads without colour.
    """
    chart = TrendChart(
        title=title,
        description=description,
        y_min=0,
        y_max=10,
        points=tuple(TrendPoint(p.day, p.heaviness, p.label, p.axis_label) for p in points),
        bands=(TrendBand(0, threshold - 1, light_label), TrendBand(threshold, 10, heavy_label)),
    )
    if narrow:
        return render_trend(
            chart,
            id_prefix=f"{id_prefix}-narrow",
            width=360,
            height=260,
            band_labels=False,
            css_class="load-chart load-chart--narrow",
        )
    return render_trend(
        chart, id_prefix=f"{id_prefix}-wide", width=640, height=300, css_class="load-chart load-chart--wide"
    )


# --- services --------------------------------------------------------------------------------------------


@dataclass
class LoadCheckData:
    date: date | None
    heaviness: int | None
    what_they_do: str = ""
    too_much: str = ""
    would_help: str = ""


TEXT_FIELDS = ("what_they_do", "too_much", "would_help")


def _apply(check: LoadCheck, data: LoadCheckData) -> None:
    errors = {}
    if data.date is None:
        errors["date"] = _("Vul de datum in.")
    elif data.date > timezone.localdate():
        errors["date"] = _("Deze datum ligt in de toekomst. Vul de dag in waarop je het vroeg.")
    if data.heaviness is None or isinstance(data.heaviness, bool) or not 0 <= int(data.heaviness) <= 10:
        errors["heaviness"] = _("Kies hoe zwaar het voelt: een getal van 0 tot 10.")
    if check.member.removed_at is not None or check.member.client_id != check.client_id:
        errors["member"] = _("Deze persoon staat niet (meer) in het netwerk van deze cliënt.")
    if errors:
        raise ValidationError(errors)
    check.date = data.date
    check.heaviness = int(data.heaviness)
    for name in TEXT_FIELDS:
        setattr(check, name, (getattr(data, name) or "").strip())
    check.full_clean()


def _save(check: LoadCheck, actor: Actor) -> None:
    check._history_user = actor.user
    check.save()


def load_check_create(*, actor: Actor, member: Member, data: LoadCheckData) -> LoadCheck:
    client = member.client
    policy.require_edit_client(actor.user, client)
    check = LoadCheck(client=client, member=member, created_by=actor.user)
    _apply(check, data)
    with transaction.atomic():
        _save(check, actor)
        log(actor, "support.load_check.create", client=client, obj=check)
    return check


def load_check_update(
    *, actor: Actor, check: LoadCheck, data: LoadCheckData, expected_version: int | None
) -> LoadCheck:
    policy.require_edit_client(actor.user, check.client)
    _apply(check, data)
    with transaction.atomic():
        claim_version(check, expected_version)
        _save(check, actor)
        log(actor, "support.load_check.update", client=check.client, obj=check)
    return check


def load_check_remove(*, actor: Actor, check: LoadCheck, expected_version: int | None) -> LoadCheck:
    policy.require_edit_client(actor.user, check.client)
    with transaction.atomic():
        claim_version(check, expected_version)
        check.removed_at = timezone.now()
        _save(check, actor)
        log(actor, "support.load_check.delete", client=check.client, obj=check)
    return check


# --- selectors -------------------------------------------------------------------------------------------
# The caller has loaded the client or member through the access policy.


def _counts_as_naaste() -> Q:
    """Members whose load is asked: not professionals, not deceased."""
    return ~Q(sector=Sector.PROFESSIONAL) & Q(deceased=False)


def _with_latest_check(members: models.QuerySet[Member]) -> models.QuerySet[Member]:
    latest = LoadCheck.objects.current().filter(member=OuterRef("pk")).order_by("-date", "-pk")
    return members.annotate(
        latest_check_id=Subquery(latest.values("pk")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
        latest_heaviness=Subquery(latest.values("heaviness")[:1]),
        check_count=Count("load_checks", filter=Q(load_checks__removed_at__isnull=True)),
    )


def _as_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value  # SQLite gives subquery dates as text


def client_load_signals(client: Client) -> list[Signal]:
    """The signals for the client's page: members whose latest check is heavy, then the main carrier.

    One query, however many members and checks. Removed members do not count; professionals and deceased
    members count for neither rule.
    """
    members = list(
        _with_latest_check(Member.objects.current().filter(client=client).filter(_counts_as_naaste())).order_by(
            Lower("name"), "pk"
        )
    )
    latest = [
        LatestLoad(m.pk, m.name, _as_date(m.latest_date), m.latest_heaviness)
        for m in members
        if m.latest_check_id is not None
    ]
    signals = high_load_signals(latest)
    carrier = main_carrier_signal(
        [MemberSupport(m.pk, m.name, frozenset(m.support_received or ())) for m in members if m.support_received]
    )
    if carrier is not None:
        heaviness = next((m.latest_heaviness for m in members if m.pk == carrier.member_id), None)
        signals.append(
            Signal(
                carrier.kind,
                carrier.member_id,
                carrier.name,
                kinds=carrier.kinds,
                total=carrier.total,
                latest_heaviness=heaviness,
            )
        )
    return signals


@dataclass
class MemberLoadRow:
    """One naaste on the client's load overview."""

    member: Member
    latest_check_id: int | None
    latest_date: date | None
    latest_heaviness: int | None
    check_count: int
    points: list[tuple[date, int]] = field(default_factory=list)
    sparkline: str = ""  # filled in by the view

    @property
    def high(self) -> bool:
        return is_high(self.latest_heaviness)


def client_load_overview(client: Client) -> list[MemberLoadRow]:
    """Every naaste of the client with their latest check (or none yet), and every check's date and heaviness
    for a small line. Two queries, however many members and checks.

    Naasten are the current members who are not professionals and not deceased; a professional or deceased
    member who was checked before shows too, so no check disappears from view.
    """
    members = _with_latest_check(Member.objects.current().filter(client=client)).order_by(Lower("name"), "pk")
    rows = {
        m.pk: MemberLoadRow(m, m.latest_check_id, _as_date(m.latest_date), m.latest_heaviness, m.check_count)
        for m in members
        if (not m.is_professional and not m.deceased) or m.check_count
    }
    checks = (
        LoadCheck.objects.current()
        .filter(client=client, member_id__in=list(rows))
        .order_by("date", "pk")
        .values_list("member_id", "date", "heaviness")
    )
    for member_id, day, heaviness in checks:
        rows[member_id].points.append((day, heaviness))
    return list(rows.values())


@dataclass
class MemberLoad:
    """What the member's page shows: the latest check and how many there are."""

    latest: LoadCheck | None
    count: int
    applies: bool  # a naaste (not a professional or deceased), or someone who was checked before

    @property
    def high(self) -> bool:
        return self.latest is not None and is_high(self.latest.heaviness)


def member_load(member: Member) -> MemberLoad:
    """The member's latest check and the number of checks. At most two queries."""
    checks = load_checks_for_member(member)
    latest = checks.first()
    if latest is None:
        return MemberLoad(latest=None, count=0, applies=not member.is_professional and not member.deceased)
    return MemberLoad(latest=latest, count=checks.count(), applies=True)


def load_checks_for_member(member: Member) -> models.QuerySet[LoadCheck]:
    """The member's current checks, newest first, with who wrote them."""
    return (
        LoadCheck.objects.current()
        .filter(client_id=member.client_id, member=member)
        .select_related("created_by")
        .order_by("-date", "-pk")
    )


def get_load_check(member: Member, check_pk) -> LoadCheck:
    """A current check of this member (loaded through the policy), else 404."""
    check = load_checks_for_member(member).filter(pk=policy.parse_id(check_pk)).first()
    if check is None:
        raise Http404
    check.member = member
    check.client = member.client
    return check
