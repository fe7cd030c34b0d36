import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.network.models import Link, Member
from tests.network.factories import make_link, make_member

SVG = "{http://www.w3.org/2000/svg}"


def url(name, client, *args):
    return reverse(f"network:{name}", args=[client.pk, *args])


def svg_of(response) -> ET.Element:
    body = response.content.decode()
    match = re.search(r'<figure class="ecogram[^>]*>\s*(<svg.*?</svg>)', body, re.S)
    assert match, "no ecogram on the page"
    return ET.fromstring(match.group(1))


def member_groups(svg):
    return {int(g.get("data-member-id")): g for g in svg.iter() if g.get("data-member-id")}


def test_it_draws_one_node_per_member_and_lists_them_in_a_table(world, login):
    for name, circle in [("Mama", 1), ("Buurman Piet", 3), ("Ome Kees", 2)]:
        make_member(world.client_a, name=name, circle=circle)
    response = login(world.worker).get(url("map", world.client_a))
    assert response.status_code == 200
    groups = member_groups(svg_of(response))
    assert len(groups) == 3
    assert {g.get("data-circle") for g in groups.values()} == {"1", "2", "3"}
    body = response.content.decode()
    assert 'id="members-table"' in body
    assert "Ome Kees" in body


def test_it_shows_an_empty_map_with_a_first_question(world, login):
    response = login(world.worker).get(url("map", world.client_a))
    assert "op wie kun je terugvallen" in response.content.decode()
    assert member_groups(svg_of(response)) == {}
    body = response.content.decode()
    assert 'id="members-table"' not in body
    assert "Nog niemand in het netwerk. Voeg iemand toe met het formulier, of start een netwerksessie" in body


def test_it_adds_a_member_without_javascript_and_redirects(world, login):
    response = login(world.worker).post(
        url("member_add", world.client_a), {"name": "Zus Fatima", "relation": "sister", "circle": "1"}
    )
    assert response.status_code == 302
    member = Member.objects.get()
    assert (member.name, member.sector, member.circle) == ("Zus Fatima", "family", 1)


def test_it_adds_a_member_with_htmx_and_answers_the_redrawn_workspace(world, login):
    response = login(world.worker).post(
        url("member_add", world.client_a),
        {"name": "Vriend Ruben", "relation": "friend", "circle": "2"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="workspace"')
    assert "Vriend Ruben staat nu op de kaart." in body
    assert len(member_groups(svg_of(response))) == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "  ", "relation": "friend", "circle": "2"}, "name", "Vul een naam of omschrijving in."),
        ({"name": "X", "relation": "friend", "circle": "7"}, "circle", "Kies cirkel 1, 2 of 3."),
        ({"name": "X", "relation": "", "circle": "1"}, "relation", "Kies wie dit is voor de cliënt."),
        (
            {"name": "X", "relation": "friend", "circle": "1", "status": "limited"},
            "limit_reason",
            "Kies waarom het contact begrensd is.",
        ),
        ({"name": "X", "relation": "friend", "circle": "1", "phone": "bel me"}, "phone", "telefoonnummer"),
    ],
)
def test_it_explains_bad_member_input_and_saves_nothing(world, login, data, field, message):
    response = login(world.worker).post(url("member_add", world.client_a), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert not Member.objects.exists()


def test_it_marks_a_limited_member_and_warns_in_the_panel(world, login):
    member = make_member(world.client_a, name="Ex Dennis", relation="ex_partner")
    browser = login(world.worker)
    data = {
        "name": "Ex Dennis",
        "relation": "ex_partner",
        "circle": "3",
        "tie_quality": "stressful",
        "status": "limited",
        "limit_reason": "unsafe",
        "version": member.version,
    }
    assert browser.post(url("member", world.client_a, member.pk), data).status_code == 302
    member.refresh_from_db()
    assert (member.status, member.limit_reason) == ("limited", "unsafe")
    page = browser.get(url("member", world.client_a, member.pk))
    assert "Neem geen contact op zonder overleg met de cliënt" in page.content.decode()
    assert member_groups(svg_of(page))[member.pk].get("data-status") == "limited"


def test_it_moves_a_member_into_the_inner_circle_by_the_form(world, login):
    member = make_member(world.client_a, circle=3)
    response = login(world.worker).post(
        url("member_move", world.client_a, member.pk), {"circle": "1", "sector": "family", "version": member.version}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.circle, member.sector) == (1, "family")


def test_it_moves_a_member_by_a_drop_on_the_ecogram(world, login):
    from kring.network import ecogram

    member = make_member(world.client_a, circle=3, relation="friend")
    layout = ecogram.layout_for([member])
    start, end = layout.sector_angles["family"]
    import math

    angle = (start + end) / 2
    radius = (layout.centre_radius + layout.ring_radii[0]) / 2
    x, y = layout.cx + radius * math.cos(angle), layout.cy + radius * math.sin(angle)
    response = login(world.worker).post(
        url("member_move", world.client_a, member.pk),
        {"x": x, "y": y, "version": member.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.circle, member.sector) == (1, "family")


def test_it_refuses_a_drop_outside_the_circles(world, login):
    member = make_member(world.client_a, circle=3)
    response = login(world.worker).post(
        url("member_move", world.client_a, member.pk),
        {"x": -50, "y": -50, "version": member.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "Sleep de persoon naar een plek binnen de cirkels." in response.content.decode()
    member.refresh_from_db()
    assert member.circle == 3


def test_it_tells_the_second_of_two_workers_moving_the_same_member(world, login):
    member = make_member(world.client_a, circle=3)
    version = member.version
    first, second = login(world.worker), login(world.colleague)
    first.post(url("member_move", world.client_a, member.pk), {"circle": "1", "sector": "friends", "version": version})
    response = second.post(
        url("member_move", world.client_a, member.pk), {"circle": "2", "sector": "family", "version": version}
    )
    assert response.status_code == 409
    assert "Iemand anders heeft" in response.content.decode()
    member.refresh_from_db()
    assert (member.circle, member.sector) == (1, "friends")


def test_it_links_two_members_and_refuses_a_member_of_another_client(world, login):
    a, b = make_member(world.client_a, name="A"), make_member(world.client_a, name="B")
    stranger = make_member(world.client_b, name="Vreemde")
    browser = login(world.worker)
    refused = browser.post(
        url("link_add", world.client_a), {"member_a": a.pk, "member_b": stranger.pk, "kind": "knows"}
    )
    assert "member_b" in refused.context["link_form"].errors
    assert not Link.objects.exists()
    browser.post(url("link_add", world.client_a), {"member_a": a.pk, "member_b": b.pk, "kind": "conflict"})
    assert Link.objects.get().kind == "conflict"


def test_it_prints_an_a4_page_and_logs_the_print(world, login):
    make_member(world.client_a, name="Mama", relation="mother", circle=1)
    response = login(world.worker).get(url("print", world.client_a))
    body = response.content.decode()
    assert "Netwerkkaart van Anna Aalders" in body
    assert "Mama" in body
    assert AccessLog.objects.get().event == "network.network.print"


def test_it_downloads_the_ecogram_as_an_svg_file(world, login):
    make_member(world.client_a, name="Mama", relation="mother", circle=1)
    response = login(world.worker).get(url("svg", world.client_a))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert AccessLog.objects.get().action == "export"


def _at(member, when, **changes):
    for field, value in changes.items():
        setattr(member, field, value)
    member._history_date = when
    member.save()


def test_it_shows_the_network_as_it_was_on_a_date(world, login):
    t0 = timezone.now() - timedelta(days=60)
    mama = Member(client=world.client_a, name="Mama", relation="mother", sector="family", circle=3)
    _at(mama, t0)
    piet = Member(client=world.client_a, name="Piet", relation="friend", sector="friends", circle=2)
    _at(piet, t0 + timedelta(days=20))
    _at(mama, t0 + timedelta(days=30), circle=1)
    _at(piet, t0 + timedelta(days=40), removed_at=t0 + timedelta(days=40))
    browser = login(world.worker)

    def network_on(when):
        response = browser.get(url("map", world.client_a), {"datum": when.date().isoformat()})
        return {
            g.get("data-member-id"): g.get("data-circle") for g in member_groups(svg_of(response)).values()
        }, response

    assert network_on(t0 + timedelta(days=1))[0] == {str(mama.pk): "3"}
    assert network_on(t0 + timedelta(days=25))[0] == {str(mama.pk): "3", str(piet.pk): "2"}
    assert network_on(t0 + timedelta(days=35))[0] == {str(mama.pk): "1", str(piet.pk): "2"}
    later, response = network_on(t0 + timedelta(days=45))
    assert later == {str(mama.pk): "1"}
    assert "hier kun je niets wijzigen" in response.content.decode()


def test_it_compares_two_dates_in_plain_words_and_on_the_ecogram(world, login):
    t0 = timezone.now() - timedelta(days=90)
    mama = Member(client=world.client_a, name="Mama", relation="mother", sector="family", circle=3)
    _at(mama, t0)
    piet = Member(client=world.client_a, name="Piet", relation="friend", sector="friends", circle=2)
    _at(piet, t0)
    _at(mama, t0 + timedelta(days=10), circle=1)
    _at(piet, t0 + timedelta(days=20), removed_at=t0 + timedelta(days=20))
    buurvrouw = Member(client=world.client_a, name="Buurvrouw", relation="neighbour", sector="community", circle=2)
    _at(buurvrouw, t0 + timedelta(days=30))
    response = login(world.worker).get(
        url("compare", world.client_a),
        {"van": (t0 + timedelta(days=1)).date().isoformat(), "tot": timezone.localdate().isoformat()},
    )
    body = response.content.decode()
    assert "Buurvrouw is erbij gekomen." in body
    assert "Piet staat niet meer in het netwerk." in body
    assert "Mama staat nu dichterbij (van cirkel 3 naar 1)." in body
    groups = member_groups(svg_of(response))
    assert "removed" in groups[piet.pk].get("class")
    assert "added" in groups[buurvrouw.pk].get("class")
    assert "moved" in groups[mama.pk].get("class")


def test_it_explains_a_compare_period_that_ends_before_it_starts(world, login):
    response = login(world.worker).get(url("compare", world.client_a), {"van": "2026-05-01", "tot": "2026-01-01"})
    assert "Deze datum ligt vóór de begindatum." in response.content.decode()


def test_it_refuses_a_date_in_the_future(world, login):
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = login(world.worker).get(url("map", world.client_a), {"datum": future})
    assert "Kies een datum van vandaag of eerder." in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_it_uses_the_same_number_of_queries_for_5_and_50_members(world, login, count, django_assert_num_queries):
    members = [make_member(world.client_a, name=f"Naaste {i:02}", circle=1 + i % 3) for i in range(count)]
    for a, b in zip(members, members[1:], strict=False):
        make_link(a, b)
    browser = login(world.worker)
    browser.get(url("map", world.client_a))
    with django_assert_num_queries(NETWORK_PAGE_QUERIES):
        assert browser.get(url("map", world.client_a)).status_code == 200


# session, user, OTP device, memberships, client, organisation + insert for the log row, members, links
# (with their ids: one query serves the map and the list), removed members, the open mapping session, and the
# session save (savepoint, update, release). (15 before the links were read once.)
NETWORK_PAGE_QUERIES = 14


@pytest.mark.parametrize(
    ("name", "method", "event"),
    [
        ("map", "get", "network.network.view"),
        ("compare", "get", "network.network.view"),
        ("print", "get", "network.network.print"),
        ("svg", "get", "network.network.export"),
        ("member", "get", "network.member.view"),
    ],
)
def test_it_writes_one_access_log_row_per_network_page(world, login, name, method, event):
    member = make_member(world.client_a)
    args = [member.pk] if name == "member" else []
    response = getattr(login(world.worker), method)(url(name, world.client_a, *args))
    assert response.status_code == 200
    # The member page also notes that a contact warning was shown (no consent to contact recorded).
    row = AccessLog.objects.exclude(event="clients.consent.view").get()
    assert (row.event, row.client_id, row.user_id) == (event, world.client_a.pk, world.worker.pk)
    warnings = AccessLog.objects.filter(event="clients.consent.view")
    assert warnings.count() == (1 if name == "member" else 0)


def test_it_never_shows_another_clients_member_under_this_client(world, login):
    theirs = make_member(world.client_b)
    # A member id of team B's client, under the URL of team A's own client: still 404.
    assert login(world.worker).get(url("member", world.client_a, theirs.pk)).status_code == 404


def test_it_shows_the_network_at_a_glance_under_the_map(world, login):
    mama = make_member(
        world.client_a,
        name="Mama",
        relation="mother",
        circle=1,
        emergency_contact=True,
        support_received=["emotional"],
        support_given=["company"],
        contact_frequency="weekly",
    )
    broer = make_member(world.client_a, name="Broer", relation="brother", circle=2, status="restore")
    make_member(world.client_a, name="Huisarts", relation="gp", circle=3)
    make_link(mama, broer)
    body = login(world.worker).get(url("map", world.client_a)).content.decode()

    def value(measure):
        match = re.search(rf'data-measure="{measure}">.*?measures__value">([^<]*)<', body, re.S)
        return match.group(1).strip()

    # 3 members, 2 with real contact now (the brother is a tie to restore); 2 of 3 are not professionals;
    # 1 of 3 with support both ways; 1 of the 3 possible pairs know each other; family with weekly contact.
    assert [value(m) for m in ("size", "inner", "informal_share", "emergency", "reciprocity", "density")] == [
        "3",
        "1",
        "67%",
        "Ja",
        "33%",
        "33%",
    ]
    assert value("diversity") == "1"
    assert value("restore") == "1"


def test_it_prints_with_pseudonyms_for_case_consultation(world, login):
    make_member(world.client_a, name="Fatima El Amrani", relation="sister", circle=1, pseudonym="Zus")
    make_member(world.client_a, name="Dr. Jansen", relation="gp", circle=3, organisation_name="Praktijk De Linde")
    response = login(world.worker).get(url("print", world.client_a), {"schuilnamen": "1"})
    body = response.content.decode()
    for real in ("Fatima", "El Amrani", "Jansen", "De Linde", "Anna", "Aalders"):
        assert real not in body, real
    assert "Zus" in body
    assert "Netwerkkaart met schuilnamen" in body
    assert AccessLog.objects.get().detail == "pseudonyms"


def _member_with_work(client, worker, count):
    """A member in ``count`` actions, interventions, contributions, skills practices and life events."""
    from kring.lifeline.models import LifeEvent
    from kring.support.models import Contribution, SkillsPractice
    from tests.support.factories import make_action
    from tests.support.test_timeline import make_intervention

    today = timezone.localdate()
    member = make_member(client, name="Fatima", relation="sister")
    others = [make_member(client, name=f"Naaste {i}") for i in range(3)]
    for i in range(count):
        people = [member, *others]
        make_intervention(client, by=worker, day=today - timedelta(days=i), members=people)
        make_action(client, by=worker, description=f"Actie {i}", owner_kind="member", owner=member).members.add(*people)
        Contribution.objects.create(
            client=client, created_by=worker, date=today, description=f"Boodschappen {i}"
        ).members.add(*people)
        practice = SkillsPractice.objects.create(client=client, created_by=worker, date=today, situation=f"Oefenen {i}")
        practice.members.add(*people)
        LifeEvent.objects.create(
            client=client, title=f"Gebeurtenis {i}", kind="other", tone="good", year=2000 + i, created_by=worker
        ).members.add(*people)
    return member


@pytest.mark.parametrize("count", [1, 12])
def test_the_member_page_uses_the_same_number_of_queries_for_little_and_much_work(
    world, login, count, django_assert_num_queries
):
    member = _member_with_work(world.client_a, world.worker, count)
    browser = login(world.worker)
    browser.get(url("member", world.client_a, member.pk))
    with django_assert_num_queries(MEMBER_PAGE_QUERIES):
        response = browser.get(url("member", world.client_a, member.pk))
    assert response.status_code == 200
    assert "Boodschappen 0" in response.content.decode()


# The network page's queries (above) and the member's own: the member, events with their people, actions,
# interventions with their elements, contributions, skills practices, load checks, where they met, consents.
# (31 before the member's work stopped fetching the people of every record, which the page does not show;
# 27 before the links were read once.)
MEMBER_PAGE_QUERIES = 26


@pytest.mark.parametrize("count", [1, 12])
def test_the_member_panel_shows_the_member_without_reading_the_network(world, login, count, django_assert_num_queries):
    member = _member_with_work(world.client_a, world.worker, count)
    browser = login(world.worker)
    panel = url("member", world.client_a, member.pk) + "?panel=1"
    browser.get(panel, HTTP_HX_REQUEST="true")
    before = AccessLog.objects.count()
    with django_assert_num_queries(MEMBER_PANEL_QUERIES):
        response = browser.get(panel, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section class="card panel"')
    assert "Boodschappen 0" in body
    assert [(row.event, row.object_id) for row in AccessLog.objects.order_by("pk")[before:]] == [
        ("network.member.view", str(member.pk)),
        ("clients.consent.view", str(member.pk)),
    ]


# The member page's queries without the network's (members, links, removed members) and the open mapping
# session: the panel shows the member's details, forms and work only. (25 before, when it was drawn from the
# whole workspace.)
MEMBER_PANEL_QUERIES = 22


def test_it_shows_the_form_to_add_someone_in_each_workers_own_language(world, login):
    # The empty form is rendered once per language and kept: a second language gets its own.
    world.colleague.language = "en"
    world.colleague.save()
    for user, label in [
        (world.worker, "Hoe dichtbij?"),
        (world.colleague, "How close?"),
        (world.worker, "Hoe dichtbij?"),
    ]:
        body = login(user).get(url("map", world.client_a)).content.decode()
        panel = body[body.index('id="member-panel"') :]
        assert label in panel


def test_it_shows_the_same_form_to_add_someone_when_debugging(world, login, settings):
    # Kept after the first page outside DEBUG; rendered on every page in DEBUG, so template edits show at once.
    browser = login(world.worker)

    def panel():
        body = browser.get(url("map", world.client_a)).content.decode()
        return re.sub(r'value="[^"]{20,}"', "", body[body.index('id="member-panel"') :])  # CSRF tokens

    kept = panel()
    settings.DEBUG = True
    assert panel() == kept


def test_it_offers_to_enlarge_the_map_only_when_someone_is_on_it_and_never_on_paper(world, login):
    """The button is drawn hidden: ecogram.js shows it when the names are drawn too small to read."""
    browser = login(world.worker)
    empty = browser.get(url("map", world.client_a)).content.decode()
    assert 'id="ecogram-tools"' not in empty

    make_member(world.client_a, name="Tante Mies")
    page = browser.get(url("map", world.client_a)).content.decode()
    tools = re.search(r'<div class="ecogram-tools" id="ecogram-tools" hidden>(.*?)</div>', page, re.S)
    assert tools, "no hidden zoom button on the map"
    assert 'aria-pressed="false"' in tools.group(1)
    assert 'aria-controls="ecogram"' in tools.group(1)
    assert "Kaart vergroten" in tools.group(1)
    assert "Kaart vergroten" not in browser.get(url("print", world.client_a)).content.decode()
