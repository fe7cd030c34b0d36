"""Reads for the work with the network: open actions, the worklist, the review rhythm, the work timeline.

Every function takes a client the caller loaded through ``kring.policy`` or a user whose clients it
scopes through the policy; nothing here reads a record by id alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kring import policy
from kring.clients.models import Client
from kring.network.models import MappingSession, Member
from kring.support.models import (
    Action,
    ActionOwner,
    Contribution,
    Intervention,
    LoadCheck,
    Meeting,
    Review,
    SkillsPractice,
)
from kring.support.review import ReviewDue, review_due

# --- Review rhythm --------------------------------------------------------------------------------


def with_review_dates(clients: QuerySet) -> QuerySet:
    """Annotate clients with what the review rule needs, in the same query as the list itself."""
    last_review = Review.objects.current().filter(client=OuterRef("pk")).order_by("-date", "-pk")
    last_session = MappingSession.objects.filter(client=OuterRef("pk"), finished_at__isnull=False).order_by(
        "-finished_at"
    )
    return clients.annotate(
        last_review_on=Subquery(last_review.values("date")[:1]),
        planned_next_on=Subquery(last_review.values("next_review_on")[:1]),
        last_session_at=Subquery(last_session.values("finished_at")[:1]),
    )


def review_due_of(client: Client, *, interval_months: int, today: date | None = None) -> ReviewDue:
    """The review rule for a client annotated by :func:`with_review_dates`."""
    session_at = client.last_session_at
    if isinstance(session_at, str):  # SQLite hands back a subquery's datetime as text
        session_at = datetime.fromisoformat(session_at)
    if session_at is not None and timezone.is_naive(session_at):
        session_at = timezone.make_aware(session_at, timezone.utc)
    return review_due(
        today=today or timezone.localdate(),
        interval_months=interval_months,
        intake_date=client.intake_date,
        last_review_on=_as_date(client.last_review_on),
        planned_next_on=_as_date(client.planned_next_on),
        last_session_on=timezone.localdate(session_at) if session_at is not None else None,
    )


def _as_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def review_due_for(client: Client, *, today: date | None = None) -> ReviewDue:
    annotated = with_review_dates(Client.objects.filter(pk=client.pk)).get()
    return review_due_of(annotated, interval_months=client.organisation.review_interval_months, today=today)


def reviews_of(client: Client, *, limit: int = 5) -> list[Review]:
    return list(Review.objects.current().filter(client=client).select_related("created_by")[:limit])


# --- Actions ----------------------------------------------------------------------------------------


def _with_action_relations(actions: QuerySet) -> QuerySet:
    return actions.select_related("owner_user", "owner_member", "client").prefetch_related("members")


def actions_of(client: Client, *, include_closed: bool = False) -> list[Action]:
    """The client's actions: open ones by due date (overdue first), then the closed ones, newest first."""
    actions = _with_action_relations(Action.objects.current().filter(client=client))
    open_actions = list(actions.filter(status="open"))
    if not include_closed:
        return open_actions
    return open_actions + list(actions.exclude(status="open").order_by("-closed_at", "-pk"))


def open_actions_of(client: Client) -> list[Action]:
    return actions_of(client)


def actions_for_member(member: Member) -> list[Action]:
    """Actions a member is part of or owns, open ones first."""
    actions = _with_action_relations(
        Action.objects.current().filter(Q(members=member) | Q(owner_member=member), client_id=member.client_id)
    ).distinct()
    return sorted(actions, key=lambda a: (not a.is_open, a.due_date or date.max, a.pk))


WORKLIST_SCOPES = ("mine", "team")


def worklist(user, *, scope: str = "mine") -> QuerySet:
    """Open actions across the user's caseload, ordered by due date: overdue first, no date last.

    "mine": what the user does, and what the clients they are key worker for (or their members) do.
    "team": every open action of the clients the user may see.
    """
    actions = Action.objects.open().filter(client__in=policy.clients_visible_to(user))
    if scope == "mine":
        actions = actions.filter(
            Q(owner_user=user) | (Q(client__key_workers=user) & ~Q(owner_kind=ActionOwner.WORKER))
        ).distinct()
    return _with_action_relations(actions).order_by(F("due_date").asc(nulls_last=True), "client__given_name", "pk")


def due_reviews(user, *, today: date | None = None) -> list[tuple[Client, ReviewDue]]:
    """The active clients the user is key worker for whose network review is due within two weeks."""
    today = today or timezone.localdate()
    clients = with_review_dates(
        policy.clients_visible_to(user).filter(key_workers=user, status="active").select_related("organisation")
    )
    due = [(c, review_due_of(c, interval_months=c.organisation.review_interval_months, today=today)) for c in clients]
    return sorted(((c, d) for c, d in due if d.state in {"never", "overdue", "soon"}), key=lambda cd: cd[1].due_on)


# --- The work timeline ------------------------------------------------------------------------------

TIMELINE_KINDS = (
    "intervention",
    "meeting",
    "contribution",
    "skills",
    "action",
    "load",
    "review",
    "lifeline",
    "network",
    "session",
)


@dataclass
class Entry:
    kind: str
    day: date
    at: datetime
    pk: int = 0
    obj: object = None
    history_ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def timeline(client: Client, *, kinds: set[str] | None = None, member: Member | None = None) -> list[Entry]:
    """Everything done in the work with the client, newest first, as light entries (no objects yet).

    One query per kind; :func:`fill` then loads the objects of one page only.
    """
    kinds = set(TIMELINE_KINDS) if not kinds else kinds & set(TIMELINE_KINDS)
    entries: list[Entry] = []

    def dated(model, kind, member_filter):
        rows = model.objects.current().filter(client=client)
        if member is not None:
            rows = rows.filter(member_filter).distinct()
        for pk, day, created in rows.values_list("pk", "date", "created_at"):
            entries.append(Entry(kind, day, created, pk))

    if "intervention" in kinds:
        dated(Intervention, "intervention", Q(members=member))
    if "contribution" in kinds:
        dated(Contribution, "contribution", Q(members=member))
    if "skills" in kinds:
        dated(SkillsPractice, "skills", Q(members=member))
    if "review" in kinds and member is None:
        dated(Review, "review", Q())
    if "meeting" in kinds:
        dated(Meeting, "meeting", Q(participants__member=member))
    if "load" in kinds:
        dated(LoadCheck, "load", Q(member=member))
    if "action" in kinds:
        actions = Action.objects.current().filter(client=client)
        if member is not None:
            actions = actions.filter(Q(members=member) | Q(owner_member=member)).distinct()
        for pk, created in actions.values_list("pk", "created_at"):
            entries.append(Entry("action", timezone.localdate(created), created, pk))
    if "lifeline" in kinds:
        from kring.lifeline.models import LifeEvent

        events = LifeEvent.objects.current().filter(client=client)
        if member is not None:
            events = events.filter(members=member).distinct()
        for pk, created in events.values_list("pk", "created_at"):
            entries.append(Entry("lifeline", timezone.localdate(created), created, pk))
    if "session" in kinds and member is None:
        sessions = MappingSession.objects.filter(client=client, abandoned_at__isnull=True)
        for pk, started, finished in sessions.values_list("pk", "started_at", "finished_at"):
            moment = finished or started
            entries.append(Entry("session", timezone.localdate(moment), moment, pk))
    if "network" in kinds:
        entries.extend(_network_days(client, member))
    entries.sort(key=lambda e: (e.day, e.at), reverse=True)
    return entries


def _network_days(client: Client, member: Member | None) -> list[Entry]:
    """Changes to the network, one entry per day (a session or a busy day changes many members at once)."""
    rows = Member.history.filter(client_id=client.pk)
    if member is not None:
        rows = rows.filter(id=member.pk)
    days: dict[date, Entry] = {}
    for history_id, moment in rows.values_list("history_id", "history_date").order_by("history_date"):
        day = timezone.localdate(moment)
        entry = days.setdefault(day, Entry("network", day, moment))
        entry.at = moment
        entry.history_ids.append(history_id)
    return list(days.values())


def fill(entries: list[Entry]) -> list[Entry]:
    """Load the objects behind one page of entries: a few queries per kind on the page, whatever its size."""
    by_kind: dict[str, list[Entry]] = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry)
    loaders = {
        "intervention": lambda pks: (
            Intervention.objects.filter(pk__in=pks)
            .select_related("mode", "created_by")
            .prefetch_related("elements", "members")
        ),
        "contribution": lambda pks: (
            Contribution.objects.filter(pk__in=pks).select_related("created_by").prefetch_related("members")
        ),
        "skills": lambda pks: (
            SkillsPractice.objects.filter(pk__in=pks).select_related("created_by").prefetch_related("members")
        ),
        "action": lambda pks: _with_action_relations(Action.objects.filter(pk__in=pks)).select_related("created_by"),
        "review": lambda pks: Review.objects.filter(pk__in=pks).select_related("created_by"),
        "meeting": lambda pks: Meeting.objects.filter(pk__in=pks).select_related("created_by"),
        "load": lambda pks: LoadCheck.objects.filter(pk__in=pks).select_related("created_by", "member"),
        "session": lambda pks: MappingSession.objects.filter(pk__in=pks).select_related("started_by"),
        "lifeline": _life_events,
    }
    for kind, group in by_kind.items():
        if kind == "network":
            _fill_network(group)
            continue
        objects = {obj.pk: obj for obj in loaders[kind]([e.pk for e in group])}
        for entry in group:
            entry.obj = objects.get(entry.pk)
    return entries


def _life_events(pks):
    from kring.lifeline.models import LifeEvent

    return LifeEvent.objects.filter(pk__in=pks).select_related("created_by").prefetch_related("members")


def _fill_network(group: list[Entry]) -> None:
    ids = [history_id for entry in group for history_id in entry.history_ids]
    names = dict(Member.history.filter(history_id__in=ids).values_list("history_id", "name"))
    for entry in group:
        entry.names = sorted({names[i] for i in entry.history_ids if i in names}, key=str.casefold)


def compare_range(day: date) -> tuple[date, date]:
    """The dates to compare to see what changed on ``day``."""
    return day - timedelta(days=1), day


def member_work(member: Member) -> dict[str, list]:
    """Everything recorded in the work with and around one member, for the member's page."""
    from kring.support import interventions

    # The member's page lists these by date and title only: the people of each record (one more query a
    # kind) and their authors are not shown there, so they are not fetched.
    actions = Action.objects.current().filter(Q(members=member) | Q(owner_member=member), client_id=member.client_id)
    return {
        "actions": sorted(actions.distinct(), key=lambda a: (not a.is_open, a.due_date or date.max, a.pk)),
        "interventions": list(
            interventions.interventions_for_member(member).prefetch_related(None).prefetch_related("elements")[:20]
        ),
        "contributions": list(
            interventions.contributions_for_member(member).select_related(None).prefetch_related(None)[:20]
        ),
        "skills": list(interventions.skills_for_member(member).select_related(None).prefetch_related(None)[:20]),
    }
