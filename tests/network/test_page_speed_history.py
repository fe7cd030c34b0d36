"""The network on a date (selectors.network_as_of) reads each member's and link's latest version in one ranked
query; it gives what reading every history row in order gives (the reference here), on a history with edits,
removals, deleted and re-made links and two versions at the same moment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kring.network.models import Link, Member
from kring.network.selectors import network_as_of


def _latest(model, client, moment):
    """Each object's last history row up to ``moment``, the plain way: every row in the order written."""
    latest = {}
    for row in model.history.filter(client_id=client.pk, history_date__lte=moment).order_by("history_date", "pk"):
        latest[row.id] = row
    return [row.instance for row in latest.values() if row.history_type != "-"]


def _reference(client, moment):
    """network_as_of written the plain way, row by row."""
    members = [m for m in _latest(Member, client, moment) if m.removed_at is None or m.removed_at > moment]
    members.sort(key=lambda m: (m.name.lower(), m.pk))
    present = {m.pk for m in members}
    links = [
        (link.member_a_id, link.member_b_id, link.kind)
        for link in _latest(Link, client, moment)
        if link.member_a_id in present and link.member_b_id in present
    ]
    return members, links


def _fields(member) -> dict:
    return {field.attname: getattr(member, field.attname) for field in Member._meta.concrete_fields}


def _save(obj, when, **changes):
    for field, value in changes.items():
        setattr(obj, field, value)
    obj._history_date = when
    obj.save()
    return obj


def _delete(link, when):
    link._history_date = when
    link.delete()


@pytest.fixture
def t0():
    return timezone.now() - timedelta(days=100)


@pytest.fixture
def history(world, t0):
    """A client's network over 100 days (day numbers in the comments); another client's beside it."""
    client = world.client_a
    day = lambda n: t0 + timedelta(days=n)  # noqa: E731
    mama = _save(Member(client=client, name="Mama", relation="mother", sector="family", circle=3), day(0))
    piet = _save(Member(client=client, name="piet", relation="friend", sector="friends", circle=2), day(0))
    zus = _save(Member(client=client, name="Zus", relation="sister", sector="family", circle=2), day(5))
    ahmed = _save(Member(client=client, name="Ahmed", relation="neighbour", sector="community", circle=3), day(5))
    _save(mama, day(10), circle=1, support_received=["emotional"], notes="<b>steun</b>")  # moves closer
    _save(piet, day(20), status="limited", limit_reason="unsafe")
    _save(piet, day(30), removed_at=day(30))  # taken off the map
    _save(zus, day(40), tie_quality="mixed")
    _save(zus, day(40), contact_frequency="weekly")  # two versions at the same moment
    _save(piet, day(50), removed_at=None)  # put back
    knows = _save(Link(client=client, member_a=mama, member_b=zus, kind="knows"), day(6))
    conflict = _save(Link(client=client, member_a=piet, member_b=ahmed, kind="knows"), day(6))
    _save(conflict, day(15), kind="conflict")
    _delete(knows, day(25))
    _save(Link(client=client, member_a=mama, member_b=zus, kind="conflict"), day(35))  # made again
    _save(Link(client=client, member_a=mama, member_b=ahmed, kind="knows"), day(45))
    other = _save(Member(client=world.client_b, name="Oom", relation="other_family", sector="family", circle=2), day(1))
    _save(other, day(12), circle=1)
    return client


@pytest.mark.parametrize("day", [-1, 0, 1, 5, 6, 10, 12, 15, 20, 25, 30, 35, 40, 45, 50, 99])
def test_it_rebuilds_the_network_on_a_date_as_django_simple_history_does(history, t0, day):
    moment = t0 + timedelta(days=day, hours=1)
    network = network_as_of(history, moment)
    members, links = _reference(history, moment)
    assert [_fields(m) for m in network.members] == [_fields(m) for m in members]
    assert sorted(network.links) == sorted(links)
    assert network.moment == moment


def test_two_versions_at_the_same_moment_show_the_person_once_as_last_saved(history, t0):
    """Two saves recorded at the same moment: Zus once on the map, as the later save left her (simple-history's
    ``latest_of_each`` kept both, and the map showed her twice)."""
    network = network_as_of(history, t0 + timedelta(days=41))
    zus = [m for m in network.members if m.name == "Zus"]
    assert len(zus) == 1
    assert (zus[0].tie_quality, zus[0].contact_frequency) == ("mixed", "weekly")


def test_it_reads_the_network_on_a_date_in_two_queries(history, t0, django_assert_num_queries):
    with django_assert_num_queries(2):
        network_as_of(history, t0 + timedelta(days=99))
