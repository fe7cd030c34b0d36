"""The key numbers of each client's network per day (:class:`~kring.measures.models.NetworkFigures`): how
they are computed, written when the network changes, and rebuilt from the network's history.

- :func:`figures_of` is pure: members and links in, the row's values out (the measures of
  :mod:`kring.measures.ego` plus what the signals need).
- :func:`record` writes today's row of one client from the network as it is now.
- :func:`touch` asks for :func:`record` once the current transaction commits, once per client however many
  members changed. It is connected to every save of a member or link and every delete of a link, so
  every way of changing a network (the forms, the mapping session, a meeting's promised support, an
  import) keeps the figures up to date without remembering to.
- :func:`rebuild` recomputes every row of one client by replaying the history of its members and links;
  the demo loader and ``kring refresh-figures`` use it.

Derived data only: no access-log rows (nobody reads client data here), and a failure to record figures
never undoes the change that caused it (it is logged and the next change or a rebuild repairs it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from kring.clients.models import Client
from kring.measures.ego import PROFESSIONAL_SECTOR, MemberFacts, ego_measures
from kring.measures.models import NetworkFigures
from kring.network.models import Link, Member, Support
from kring.network.selectors import member_facts as facts_of

logger = logging.getLogger(__name__)

# "At the start" is the network at the end of its first four weeks on the map.
INTAKE_WINDOW = timedelta(days=28)

FIGURE_FIELDS = (
    "size",
    "active_size",
    "inner_circle",
    "informal",
    "professional",
    "informal_share",
    "emotional_support",
    "diversity",
    "reciprocity",
    "density",
    "effective_size",
    "dormant",
    "restore",
    "limited",
    "emergency_contact",
    "main_supporter_share",
    "main_supporter_kinds",
    "place_to_stay",
)


def figures_of(members: Sequence[MemberFacts], links: Iterable[tuple[int, int]]) -> dict:
    """The values of one :class:`NetworkFigures` row for a network of ``members`` with ``links``."""
    measures = ego_measures(members, list(links))
    living = [m for m in members if not m.deceased]
    valid = set(Support.values)
    carried = sorted(
        (len(m.support_received & valid) for m in living if m.sector != PROFESSIONAL_SECTOR and m.support_received),
        reverse=True,
    )
    carried = [n for n in carried if n]
    total = sum(carried)
    unique_top = bool(carried) and (len(carried) == 1 or carried[0] > carried[1])
    return {
        "size": measures.size,
        "active_size": measures.active_size,
        "inner_circle": sum(m.is_active and m.circle == 1 for m in members),
        "informal": measures.size - measures.per_sector[PROFESSIONAL_SECTOR],
        "professional": measures.per_sector[PROFESSIONAL_SECTOR],
        "informal_share": measures.informal_share,
        "emotional_support": measures.emotional_support_count,
        "diversity": measures.diversity,
        "reciprocity": measures.reciprocity,
        "density": measures.density,
        "effective_size": measures.effective_size,
        "dormant": measures.dormant,
        "restore": measures.restore,
        "limited": measures.limited,
        "emergency_contact": measures.emergency_contact_present,
        "main_supporter_share": carried[0] / total if unique_top else None,
        "main_supporter_kinds": carried[0] if unique_top else 0,
        "place_to_stay": any(Support.HOUSING in m.support_received for m in living if m.status != "limited"),
    }


def record(client_id: int, day: date | None = None) -> NetworkFigures:
    """Write the figures of the client's network as it is now, as the row of ``day`` (default: today)."""
    day = day or timezone.localdate()
    members = [facts_of(m) for m in Member.objects.current().filter(client_id=client_id)]
    links = Link.objects.filter(client_id=client_id).values_list("member_a_id", "member_b_id")
    values = figures_of(members, links)
    with transaction.atomic():
        first_day = (
            NetworkFigures.objects.filter(client_id=client_id).order_by("day").values_list("day", flat=True).first()
        )
        row, _created = NetworkFigures.objects.update_or_create(client_id=client_id, day=day, defaults=values)
        _mark(client_id, day if first_day is None else min(first_day, day))
    return row


def _mark(client_id: int, first_day: date) -> None:
    """Set ``is_latest`` on the newest row and ``is_intake`` on the last row of the first four weeks."""
    rows = NetworkFigures.objects.filter(client_id=client_id)
    latest = rows.order_by("-day").values_list("pk", flat=True).first()
    intake = rows.filter(day__lte=first_day + INTAKE_WINDOW).order_by("-day").values_list("pk", flat=True).first()
    rows.filter(is_latest=True).exclude(pk=latest).update(is_latest=False)
    rows.filter(is_intake=True).exclude(pk=intake).update(is_intake=False)
    rows.filter(pk=latest, is_latest=False).update(is_latest=True)
    rows.filter(pk=intake, is_intake=False).update(is_intake=True)


def rebuild(client_id: int) -> int:
    """Recompute every row of one client from the history of its members and links; returns the row count.

    Replays the history in order and takes the state at the end of every day on which something changed.
    """
    member_rows = Member.history.filter(client_id=client_id).order_by("history_date", "history_id")
    link_rows = Link.history.filter(client_id=client_id).order_by("history_date", "history_id")
    events = sorted(
        [(h.history_date, 0, h) for h in member_rows] + [(h.history_date, 1, h) for h in link_rows],
        key=lambda e: (e[0], e[1]),
    )
    members: dict[int, MemberFacts] = {}
    links: dict[int, tuple[int, int]] = {}
    days: dict[date, dict] = {}
    for index, (when, kind, h) in enumerate(events):
        store = members if kind == 0 else links
        if h.history_type == "-" or (kind == 0 and h.removed_at is not None):
            store.pop(h.id, None)
        elif kind == 0:
            members[h.id] = facts_of(h)
        else:
            links[h.id] = (h.member_a_id, h.member_b_id)
        day = timezone.localdate(when)
        following = events[index + 1][0] if index + 1 < len(events) else None
        if following is None or timezone.localdate(following) != day:
            present = set(members)
            days[day] = figures_of(
                list(members.values()), [pair for pair in links.values() if pair[0] in present and pair[1] in present]
            )
    with transaction.atomic():
        NetworkFigures.objects.filter(client_id=client_id).delete()
        NetworkFigures.objects.bulk_create(
            [NetworkFigures(client_id=client_id, day=day, **values) for day, values in days.items()]
        )
        if days:
            _mark(client_id, min(days))
    return len(days)


# --- Keeping the figures up to date -----------------------------------------------------------------


def touch(client_id: int) -> None:
    """Record the client's figures when the current transaction commits (at once outside a transaction).

    Several changes to one client in one transaction record once.
    """
    pending = [
        getattr(func, "kring_figures_client", None)
        for _sids, func, _robust in connection.run_on_commit
        if not getattr(func, "kring_figures_done", False)
    ]
    if client_id in pending:
        return

    def later():
        later.kring_figures_done = True
        try:
            if Client.objects.filter(pk=client_id).exists():  # not when the client was just erased
                record(client_id)
        except Exception:  # noqa: BLE001 - derived data must never undo or fail the change that caused it
            logger.exception("Could not record the network figures of client %s", client_id)

    later.kring_figures_client = client_id
    transaction.on_commit(later)


@receiver(post_save, sender=Member, dispatch_uid="kring.figures.member_saved")
@receiver(post_save, sender=Link, dispatch_uid="kring.figures.link_saved")
@receiver(post_delete, sender=Link, dispatch_uid="kring.figures.link_deleted")
def _network_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch(instance.client_id)
