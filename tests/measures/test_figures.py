"""The key numbers per client and day: computed right, written whenever the network changes, rebuilt from
the history, with the newest and the "at the start" row marked."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from kring.measures.ego import MemberFacts
from kring.measures.figures import figures_of, rebuild, record
from kring.measures.models import NetworkFigures
from tests.factories import make_client, make_organisation, make_team
from tests.network.factories import make_link, make_member


def facts(id, *, sector="friends", relation="friend", circle=2, status="active", received=(), deceased=False, **kw):
    return MemberFacts(
        id=id,
        relation=relation,
        sector=sector,
        circle=circle,
        contact_frequency=kw.get("frequency", "weekly"),
        support_received=frozenset(received),
        support_given=frozenset(kw.get("given", ())),
        tie_quality="supportive",
        status=status,
        deceased=deceased,
        emergency_contact=kw.get("emergency", False),
    )


def test_figures_of_a_small_network_by_hand():
    members = [
        facts(1, sector="family", relation="sister", circle=1, received={"emotional", "practical", "housing"}),
        facts(2, circle=1, status="dormant", received={"company"}),
        facts(3, sector="professional", relation="professional", circle=3, received={"advice"}),
        facts(4, circle=2, status="restore"),
    ]
    values = figures_of(members, [(1, 2), (2, 3)])
    assert values["size"] == 4
    assert values["active_size"] == 2  # the sister and the professional
    assert values["inner_circle"] == 1  # the dormant friend in circle 1 is no contact now
    assert (values["informal"], values["professional"]) == (3, 1)
    assert values["informal_share"] == 0.75
    assert values["density"] == pytest.approx(2 / 6)  # 2 links of 4·3/2 pairs; never with the client counted
    assert values["effective_size"] == pytest.approx(4 - 2 * 2 / 4)
    assert (values["dormant"], values["restore"], values["limited"]) == (1, 1, 0)
    # Support from naasten only: sister 3 kinds, friend 1 → the sister carries 3 of 4.
    assert values["main_supporter_share"] == 0.75 and values["main_supporter_kinds"] == 3
    assert values["place_to_stay"] is True
    assert values["emergency_contact"] is False


def test_two_members_giving_the_most_means_no_one_carries_it():
    members = [facts(1, received={"emotional", "practical"}), facts(2, received={"company", "advice"})]
    values = figures_of(members, [])
    assert values["main_supporter_share"] is None and values["main_supporter_kinds"] == 0


def test_an_empty_network_has_no_shares():
    values = figures_of([], [])
    assert values["size"] == 0 and values["informal_share"] is None and values["density"] is None
    assert values["main_supporter_share"] is None and values["place_to_stay"] is False


def test_a_deceased_or_limited_member_offers_no_place_to_stay():
    assert figures_of([facts(1, received={"housing"}, deceased=True)], [])["place_to_stay"] is False
    assert figures_of([facts(1, received={"housing"}, status="limited")], [])["place_to_stay"] is False


@pytest.fixture
def client_(db):
    return make_client(team=make_team(make_organisation()))


def test_every_change_to_the_network_records_todays_row(client_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = make_member(client_, relation="sister", circle=1)
        b = make_member(client_)
    row = NetworkFigures.objects.get(client=client_)
    assert (row.size, row.inner_circle, row.is_latest, row.is_intake) == (2, 1, True, True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        link = make_link(a, b)
        make_member(client_, relation="professional", circle=3)
    assert len(callbacks) == 1  # two changes in one transaction record once
    row.refresh_from_db()
    assert (row.size, row.density) == (3, pytest.approx(1 / 3))
    with django_capture_on_commit_callbacks(execute=True):
        link.delete()
    row.refresh_from_db()
    assert row.density == 0


def test_rows_per_day_with_latest_and_intake_marked(client_):
    start = date(2026, 1, 5)
    for offset, size in ((0, 1), (10, 2), (27, 3), (40, 5)):
        for _ in range(size - client_.members.count()):
            make_member(client_)
        record(client_.pk, start + timedelta(days=offset))
    rows = list(NetworkFigures.objects.filter(client=client_).order_by("day"))
    assert [r.size for r in rows] == [1, 2, 3, 5]
    assert [r.is_latest for r in rows] == [False, False, False, True]
    # The network at the end of the first four weeks is "at the start": day 27, not day 40.
    assert [r.is_intake for r in rows] == [False, False, True, False]


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))


def test_rebuild_replays_the_history_day_by_day(client_):
    # History ids that differ from the members' ids, as in any database that has lived a while.
    someone_else = make_member(make_client(team=client_.team))
    someone_else.save()
    a = make_member(client_, relation="sister", circle=1)
    assert a.history.get().history_id != a.pk
    b = make_member(client_)
    for h in a.history.all() | b.history.all():
        h.history_date = at(date(2026, 3, 1))
        h.save()
    link = make_link(a, b)
    link.history.update(history_date=at(date(2026, 3, 3)))
    b.removed_at = at(date(2026, 5, 1))
    b._history_date = at(date(2026, 5, 1))
    b.save()
    NetworkFigures.objects.all().delete()
    assert rebuild(client_.pk) == 3
    rows = list(NetworkFigures.objects.filter(client=client_).order_by("day"))
    assert [(r.day, r.size, r.density) for r in rows] == [
        (date(2026, 3, 1), 2, 0),
        (date(2026, 3, 3), 2, 1),
        (date(2026, 5, 1), 1, None),
    ]
    assert [r.is_intake for r in rows] == [False, True, False] and rows[-1].is_latest


def test_refresh_figures_rebuilds_every_client(client_):
    from io import StringIO

    from django.core.management import call_command

    make_member(client_)
    other = make_client(team=client_.team)
    make_member(other)
    make_member(other)
    out = StringIO()
    call_command("refresh_figures", stdout=out)
    assert "for 2 clients" in out.getvalue()
    assert sorted(NetworkFigures.objects.latest().values_list("size", flat=True)) == [1, 2]
