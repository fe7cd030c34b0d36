"""The lifeline reads others use: a client's events, a member's events, and the member page fragment."""

from django.template.loader import render_to_string
from django.utils import timezone

from kring.lifeline.selectors import events_for_client, events_for_member
from tests.lifeline.factories import make_event
from tests.network.factories import make_member


def test_events_for_client_are_current_in_date_order_with_members(world, django_assert_num_queries):
    mother = make_member(world.client_a, name="Moeder")
    later = make_event(world.client_a, title="Later", year=2020, members=[mother])
    month = make_event(world.client_a, title="Maart", year=2015, month=3)
    year = make_event(world.client_a, title="Jaar", year=2015)
    make_event(world.client_a, title="Weg", removed_at=timezone.now())
    make_event(world.client_b, title="Van Bas")
    with django_assert_num_queries(2):
        events = events_for_client(world.client_a)
        assert [list(e.members.all()) for e in events] == [[], [], [mother]]
    assert events == [year, month, later]


def test_events_for_member_are_the_current_events_they_appear_in(world):
    mother = make_member(world.client_a, name="Moeder")
    brother = make_member(world.client_a, name="Broer")
    both = make_event(world.client_a, title="Samen", year=2010, members=[mother, brother])
    own = make_event(world.client_a, title="Alleen moeder", year=2005, members=[mother])
    make_event(world.client_a, title="Zonder moeder", members=[brother])
    make_event(world.client_a, title="Weg", members=[mother], removed_at=timezone.now())
    events = events_for_member(mother)
    assert events == [own, both]
    assert set(events[1].members.all()) == {mother, brother}
    assert events_for_member(make_member(world.client_a, name="Niemand")) == []


def test_the_member_page_fragment_lists_the_events_with_links(world):
    mother = make_member(world.client_a, name="Moeder")
    event = make_event(world.client_a, title="Diploma <mbo>", year=2015, month=3, approximate=True, members=[mother])
    html = render_to_string(
        "lifeline/_member_events.html", {"events": events_for_member(mother), "client": world.client_a}
    )
    assert "Op de levenslijn" in html
    assert "rond maart 2015" in html
    assert "Diploma &lt;mbo&gt;" in html
    assert f"/clienten/{world.client_a.pk}/levenslijn/gebeurtenissen/{event.pk}/" in html
    assert f"/clienten/{world.client_a.pk}/levenslijn/" in html


def test_the_member_page_fragment_says_when_there_is_nothing(world):
    html = render_to_string("lifeline/_member_events.html", {"events": [], "client": world.client_a})
    assert "Deze persoon staat nog bij geen gebeurtenis op de levenslijn." in html
