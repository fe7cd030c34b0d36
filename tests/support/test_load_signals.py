"""The signals for the client's page and the member's page, from the database: who counts, one query, and the
two includes the client overview and the member page show."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kring.accounts.models import User
from kring.support.load import client_load_signals, member_load
from kring.support.models import LoadCheck
from tests.network.factories import make_member


def check(member, heaviness, day=date(2026, 1, 5), **fields):
    author = member.client.key_workers.first() or User.objects.filter(organisation=member.client.organisation).first()
    return LoadCheck.objects.create(
        client=member.client, member=member, created_by=author, date=day, heaviness=heaviness, **fields
    )


def test_it_signals_a_heavy_latest_check_and_not_an_older_one(world):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    broer = make_member(world.client_a, name="Broer", relation="brother")
    check(mama, 9, day=date(2025, 12, 1))
    check(mama, 4, day=date(2026, 1, 5))  # better now: no signal
    check(broer, 7, day=date(2026, 1, 2))
    signals = client_load_signals(world.client_a)
    assert [(s.kind, s.name, s.heaviness, s.day) for s in signals] == [("high_load", "Broer", 7, date(2026, 1, 2))]


def test_it_takes_the_newest_of_two_checks_on_the_same_day_by_when_they_were_written(world):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    check(mama, 3)
    check(mama, 8)
    assert [s.heaviness for s in client_load_signals(world.client_a)] == [8]


def test_it_ignores_removed_checks_removed_members_professionals_and_other_clients(world):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    check(mama, 9, removed_at=timezone.now())
    gone = make_member(world.client_a, name="Weg", relation="friend", removed_at=timezone.now())
    check(gone, 10)
    gp = make_member(
        world.client_a, name="Huisarts", relation="gp", support_received=["advice", "practical", "emotional"]
    )
    check(gp, 10)
    bas_member = make_member(world.client_b, name="Van Bas", support_received=["advice", "practical", "emotional"])
    check(bas_member, 10)
    assert client_load_signals(world.client_a) == []


def test_it_signals_the_member_who_carries_most_of_the_support(world):
    joke = make_member(
        world.client_a,
        name="Tante Joke",
        relation="other_family",
        support_received=["housing", "practical", "emotional"],
    )
    make_member(world.client_a, name="Vriendin", relation="friend", support_received=["company"])
    make_member(world.client_a, name="Huisarts", relation="gp", support_received=["advice", "practical", "emotional"])
    make_member(
        world.client_a, name="Overleden opa", relation="other_family", deceased=True, support_received=["advice"]
    )
    [signal] = client_load_signals(world.client_a)
    assert (signal.kind, signal.member_id, signal.kinds, signal.total, signal.latest_heaviness) == (
        "main_carrier",
        joke.pk,
        3,
        4,
        None,
    )
    check(joke, 8)
    high, carrier = client_load_signals(world.client_a)
    assert (high.kind, carrier.kind, carrier.latest_heaviness) == ("high_load", "main_carrier", 8)


def test_it_finds_the_signals_in_one_query_however_many_members_and_checks(world, django_assert_num_queries):
    for i in range(12):
        member = make_member(world.client_a, name=f"Naaste {i}", support_received=["company"])
        for day in range(1, 4):
            check(member, (i + day) % 11, day=date(2026, 1, day))
    with django_assert_num_queries(1):
        client_load_signals(world.client_a)


# --- the include for the client's overview page ----------------------------------------------------------


def render_signals(world, signals):
    return render_to_string("support/load/_signals.html", {"load_signals": signals, "client": world.client_a})


def test_the_client_page_include_says_who_how_heavy_and_links_to_act(world):
    joke = make_member(
        world.client_a,
        name="Tante Joke",
        relation="other_family",
        support_received=["housing", "practical", "emotional"],
    )
    mama = make_member(world.client_a, name="Mama", relation="mother")
    check(mama, 8, day=date(2026, 3, 3))
    html = render_signals(world, client_load_signals(world.client_a))
    assert 'data-load-signals="2"' in html
    assert "Voor Mama voelt het zwaar: 8 van 10 op 3 maart 2026." in html
    assert reverse("load:history", args=[world.client_a.pk, mama.pk]) in html
    assert "Tante Joke geeft de meeste steun: 3 van de 3 soorten steun die in het netwerk staan." in html
    assert "Er is nog niet gevraagd hoe zwaar dat voor Tante Joke is." in html
    assert reverse("load:add", args=[world.client_a.pk, joke.pk]) in html
    assert reverse("sheets:sheet") in html
    assert reverse("load:overview", args=[world.client_a.pk]) in html


def test_the_client_page_include_is_quiet_without_signals(world):
    html = render_signals(world, [])
    assert 'data-load-signals="0"' in html
    assert "Geen signalen van overbelasting bij naasten." in html
    assert reverse("load:overview", args=[world.client_a.pk]) in html


def test_the_client_page_include_escapes_names(world):
    mama = make_member(world.client_a, name="<img src=x onerror=alert(1)>", relation="mother")
    check(mama, 9)
    html = render_signals(world, client_load_signals(world.client_a))
    assert "<img src=x" not in html and "&lt;img src=x" in html


# --- the include for the member's page -------------------------------------------------------------------


def render_member(world, member):
    return render_to_string(
        "support/load/_member_load.html",
        {"member": member, "client": world.client_a, "member_load": member_load(member)},
    )


def test_the_member_include_shows_the_latest_check_and_links(world, django_assert_max_num_queries):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    check(mama, 4, day=date(2025, 12, 1))
    check(mama, 8, day=date(2026, 1, 5), too_much="Elke nacht gebeld worden", would_help="Een avond vrij")
    with django_assert_max_num_queries(2):
        load = member_load(mama)
    assert (load.latest.heaviness, load.count, load.high) == (8, 2, True)
    html = render_member(world, mama)
    assert "8 van 10 op 5 januari 2026" in html and "Zwaar" in html
    assert "Elke nacht gebeld worden" in html and "Een avond vrij" in html
    assert "Verloop (2 checks)" in html
    assert reverse("load:history", args=[world.client_a.pk, mama.pk]) in html
    assert reverse("load:add", args=[world.client_a.pk, mama.pk]) in html


def test_the_member_include_invites_a_first_check(world):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    html = render_member(world, mama)
    assert "Nog niet gevraagd hoe zwaar het voor Mama is." in html
    assert reverse("load:add", args=[world.client_a.pk, mama.pk]) in html


def test_the_member_include_is_empty_for_a_professional_never_checked(world):
    gp = make_member(world.client_a, name="Huisarts", relation="gp")
    assert render_member(world, gp).strip() == ""


# --- as wired into the pages -----------------------------------------------------------------------------


def test_the_client_page_shows_the_signals(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    check(mama, 9, day=date(2026, 2, 2))
    body = login(world.worker).get(reverse("clients:detail", args=[world.client_a.pk])).content.decode()
    assert 'data-signal="load_high"' in body
    assert "Voor Mama voelt het zwaar: 9 van 10 op 2 februari 2026." in body


def test_the_member_page_shows_the_latest_check(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    check(mama, 6, day=date(2026, 2, 2))
    body = login(world.worker).get(reverse("network:member", args=[world.client_a.pk, mama.pk])).content.decode()
    assert f'data-member-load="{mama.pk}"' in body
    assert "6 van 10 op 2 februari 2026" in body
