"""Signals in the database: each rule on real rows, the one-client card and the many-clients query agree,
counts per rule in one aggregate, and the organisation's settings change what counts."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kring.clients.models import Client
from kring.measures import signals
from kring.measures.figures import record
from kring.measures.models import SignalSetting
from kring.network.models import MappingSession
from kring.support.models import LoadCheck, Review
from kring.support.selectors import review_due_for
from tests.factories import make_client
from tests.network.factories import make_member
from tests.support.factories import make_action, make_review

TODAY = date(2026, 3, 10)


def reviewed(client, by):
    """A review yesterday with the next one far ahead: the review rule stays quiet."""
    make_review(client, by=by, day=TODAY - timedelta(days=1), next_on=TODAY + timedelta(days=60))


def fine_network(client, by):
    """A mapped network that raises no signal at all."""
    make_member(client, name="Zus", relation="sister", circle=1, emergency_contact=True, support_received=["emotional"])
    make_member(client, name="Vriend", relation="friend", circle=2, support_received=["company"])
    make_member(client, name="Buurman", relation="neighbour", circle=3, support_received=["practical"])
    reviewed(client, by)
    record(client.pk, TODAY)


def keys_for_one(client):
    review = review_due_for(client, today=TODAY)
    return [hit.key for hit in signals.client_signals(client, review=review)]


def keys_for_many(client):
    row = signals.annotate_signals(Client.objects.filter(pk=client.pk), client.organisation, today=TODAY).get()
    return [key for key in signals.KEYS if getattr(row, f"signal_{key}", False)]


def both(client):
    one, many = keys_for_one(client), keys_for_many(client)
    assert one == many, (one, many)
    return one


@pytest.fixture
def team(world):
    return world.team_a


@pytest.fixture
def new_client(team):
    def make(**fields):
        return make_client(team=team, intake_date=TODAY - timedelta(days=30), **fields)

    return make


def test_it_is_quiet_for_a_healthy_reviewed_network(world, new_client):
    client = new_client()
    fine_network(client, world.worker)
    assert both(client) == []


def test_a_client_without_a_mapped_network_only_has_the_review_signal(world, new_client):
    client = new_client()
    assert both(client) == ["review_overdue"]  # intake a month ago, never looked at together
    reviewed(client, world.worker)
    assert both(client) == []


def test_nobody_in_the_inner_circle_and_no_emergency_contact(world, new_client):
    client = new_client()
    make_member(client, relation="friend", circle=2, support_received=["company"])
    make_member(client, relation="sister", circle=1, status="dormant")  # no real contact: does not count
    reviewed(client, world.worker)
    record(client.pk, TODAY)
    assert both(client) == ["no_inner_circle", "no_emergency_contact"]


def test_mostly_professionals_at_the_threshold(world, new_client):
    client = new_client()
    fine_network(client, world.worker)
    for _ in range(7):
        make_member(client, relation="professional", circle=3)
    record(client.pk, TODAY)
    assert both(client) == ["mostly_professional"]  # 7 of 10 = exactly 70 %
    SignalSetting.objects.create(organisation=client.organisation, key="mostly_professional", threshold=71)
    assert both(client) == []


def test_one_member_carrying_most_of_the_support(world, new_client):
    client = new_client()
    make_member(
        client,
        name="Moeder",
        relation="mother",
        circle=1,
        emergency_contact=True,
        support_received=["emotional", "practical", "advice"],
    )
    make_member(client, name="Vriend", relation="friend", support_received=["company", "advice", "practical"])
    reviewed(client, world.worker)
    record(client.pk, TODAY)
    assert both(client) == []  # a tie: shared, no one carries it
    make_member(client, name="Buur", relation="neighbour")  # no support: changes nothing
    mother = client.members.get(name="Moeder")
    mother.support_received = ["emotional", "practical", "advice", "financial"]
    mother.save()
    record(client.pk, TODAY)
    assert both(client) == ["main_supporter"]  # 4 of 7 ≥ 50 %
    hit = signals.client_signals(client, review=review_due_for(client, today=TODAY))[0]
    assert [m.name for m in hit.members] == ["Moeder"]
    assert hit.numbers == {"percent": 57, "kinds": 4}


def test_a_heavy_latest_load_check(world, new_client):
    client = new_client()
    fine_network(client, world.worker)
    sister = client.members.get(name="Zus")
    LoadCheck.objects.create(client=client, member=sister, created_by=world.worker, date=TODAY, heaviness=7)
    assert both(client) == ["load_high"]
    # Only the latest check counts.
    LoadCheck.objects.create(
        client=client, member=sister, created_by=world.worker, date=TODAY + timedelta(days=1), heaviness=3
    )
    assert both(client) == []
    SignalSetting.objects.create(organisation=client.organisation, key="load_high", threshold=3)
    assert both(client) == ["load_high"]


def test_the_latest_load_check_is_the_last_current_one_of_the_day(world, new_client):
    client = new_client()
    fine_network(client, world.worker)
    sister = client.members.get(name="Zus")
    LoadCheck.objects.create(client=client, member=sister, created_by=world.worker, date=TODAY, heaviness=8)
    assert both(client) == ["load_high"]
    light = LoadCheck.objects.create(client=client, member=sister, created_by=world.worker, date=TODAY, heaviness=2)
    assert both(client) == []  # the same day: the one written last
    LoadCheck.objects.filter(pk=light.pk).update(removed_at=timezone.now())
    assert both(client) == ["load_high"]  # a removed check does not count
    assert signals.open_signal_counts(Client.objects.filter(pk=client.pk), world.org, today=TODAY)["load_high"] == 1
    client.members.filter(pk=sister.pk).update(deceased=True)
    assert both(client) == []


def test_a_professional_or_removed_member_with_a_heavy_check_gives_no_signal(world, new_client):
    client = new_client()
    fine_network(client, world.worker)
    pro = make_member(client, relation="professional", circle=3)
    gone = make_member(client, relation="friend", removed_at=timezone.now())
    for member in (pro, gone):
        LoadCheck.objects.create(client=client, member=member, created_by=world.worker, date=TODAY, heaviness=9)
    record(client.pk, TODAY)
    assert both(client) == []


def test_restore_contact_without_an_open_action(world, new_client):
    client = new_client()
    fine_network(client, world.worker)
    brother = make_member(client, name="Broer", relation="brother", status="restore", circle=2)
    record(client.pk, TODAY)
    assert both(client) == ["restore_without_action"]
    action = make_action(client, by=world.worker, description="Broer een kaartje sturen")
    action.members.add(brother)
    assert both(client) == []
    action.status = "done"
    action.save()
    assert both(client) == ["restore_without_action"]
    make_action(client, by=world.worker, owner_kind="member", owner=brother, description="Broer belt terug")
    assert both(client) == []


def test_review_overdue_follows_the_review_rule(world, new_client):
    client = new_client()
    fine_network(client, world.worker)
    Review.objects.filter(client=client).delete()
    make_review(client, by=world.worker, day=TODAY - timedelta(days=100), next_on=TODAY - timedelta(days=1))
    assert both(client) == ["review_overdue"]
    # A mapping session after the review: due three months after the session.
    MappingSession.objects.create(
        client=client,
        started_by=world.worker,
        finished_at=timezone.make_aware(datetime(2026, 1, 5, 23, 30)),
    )
    assert both(client) == []  # due 5 April
    MappingSession.objects.filter(client=client).update(finished_at=timezone.make_aware(datetime(2025, 12, 9, 12)))
    assert both(client) == ["review_overdue"]  # due 9 March, today is the 10th
    MappingSession.objects.filter(client=client).update(finished_at=timezone.make_aware(datetime(2025, 12, 10, 12)))
    assert both(client) == []  # due today: not late yet


def test_a_place_to_stay(world, new_client):
    client = new_client()
    fine_network(client, world.worker)
    make_member(client, name="Oom", relation="other_family", support_received=["housing"])
    record(client.pk, TODAY)
    assert both(client) == ["place_to_stay"]
    hit = signals.client_signals(client, review=review_due_for(client, today=TODAY))[0]
    assert [m.name for m in hit.members] == ["Oom"]


def test_a_rule_turned_off_is_not_evaluated_nor_counted(world, new_client):
    client = new_client()
    assert both(client) == ["review_overdue"]
    SignalSetting.objects.create(organisation=client.organisation, key="review_overdue", enabled=False)
    assert both(client) == []
    counts = signals.open_signal_counts(Client.objects.filter(pk=client.pk), client.organisation, today=TODAY)
    assert "review_overdue" not in counts


def test_open_signal_counts_per_rule(world, new_client):
    quiet = new_client()
    fine_network(quiet, world.worker)
    unreviewed = [new_client() for _ in range(3)]
    host = new_client()
    fine_network(host, world.worker)
    make_member(host, relation="friend", support_received=["housing"])
    record(host.pk, TODAY)
    clients = Client.objects.filter(pk__in=[quiet.pk, host.pk, *(c.pk for c in unreviewed)])
    counts = signals.open_signal_counts(clients, world.org, today=TODAY)
    assert list(counts) == list(signals.KEYS)
    assert counts == {
        "no_inner_circle": 0,
        "mostly_professional": 0,
        "main_supporter": 0,
        "load_high": 0,
        "restore_without_action": 0,
        "review_overdue": 3,
        "no_emergency_contact": 0,
        "place_to_stay": 1,
    }


def test_open_signal_counts_take_one_query_however_many_clients(world, team):
    settings = signals.settings_for(world.org)

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            signals.open_signal_counts(Client.objects.filter(team=team), world.org, settings=settings, today=TODAY)
        return len(ctx.captured_queries)

    few = count_queries()
    for _ in range(20):
        client = make_client(team=team)
        make_member(client, relation="professional", circle=1, support_received=["housing"])
        record(client.pk, TODAY)
    assert count_queries() == few == 1


def test_counts_do_not_double_count_joined_clients(world, new_client):
    new_client(key_workers=[world.worker, world.colleague])
    clients = Client.objects.filter(key_workers__in=[world.worker, world.colleague])
    assert clients.count() == 3  # the new client twice (two key workers) and client A once
    assert signals.open_signal_counts(clients, world.org, today=TODAY)["review_overdue"] == 2


def test_the_review_rule_agrees_with_the_review_rhythm_client_by_client(world, team):
    """The rule in the database decides from the latest review and whether a session came after it, and
    from the sessions alone for a client never reviewed: every case of the review rhythm, the day
    boundaries (a session late in the evening, a review and a session on one day) and a removed review give
    the same answer, for the list and for the counts."""
    evening = timezone.make_aware(datetime(2025, 12, 9, 23, 30))  # an hour later it is the 10th here, not in UTC
    january = timezone.make_aware(datetime(2026, 1, 20, 12))
    cases = [
        {},  # never looked at: due from the intake date on
        {"intake_date": TODAY},  # due today: not late
        {"review": (TODAY - timedelta(days=100), TODAY - timedelta(days=1))},
        {"review": (TODAY - timedelta(days=100), TODAY)},
        {"sessions": [evening]},
        {"sessions": [evening + timedelta(hours=1)]},
        {"sessions": [january, evening]},  # the latest session counts
        {"review": (date(2025, 12, 9), TODAY - timedelta(days=1)), "sessions": [evening]},  # one day: the review
        {"review": (date(2025, 12, 9), TODAY + timedelta(days=9)), "sessions": [evening]},
        {"review": (date(2025, 12, 8), TODAY + timedelta(days=9)), "sessions": [evening]},  # the later session
        {"review": (date(2025, 12, 1), TODAY - timedelta(days=1)), "sessions": [january]},
        {"review": (date(2026, 1, 1), TODAY + timedelta(days=9)), "sessions": [evening], "removed": True},
    ]
    clients = []
    for case in cases:
        client = make_client(team=team, intake_date=case.get("intake_date", TODAY - timedelta(days=30)))
        if "review" in case:
            day, next_on = case["review"]
            review = make_review(client, by=world.worker, day=day, next_on=next_on)
            if case.get("removed"):
                Review.objects.filter(pk=review.pk).update(removed_at=timezone.now())
        for finished_at in case.get("sessions", ()):
            MappingSession.objects.create(client=client, started_by=world.worker, finished_at=finished_at)
        clients.append(client)
    overdue = [review_due_for(client, today=TODAY).overdue for client in clients]
    assert overdue == [True, False, True, False, True, False, False, True, False, True, False, True]
    for client, late in zip(clients, overdue, strict=True):
        assert ("review_overdue" in keys_for_many(client)) is late
        only = Client.objects.filter(pk=client.pk)
        assert signals.open_signal_counts(only, world.org, today=TODAY)["review_overdue"] == late
    together = Client.objects.filter(pk__in=[client.pk for client in clients])
    assert signals.open_signal_counts(together, world.org, today=TODAY)["review_overdue"] == sum(overdue)
