"""Every page, at the size its story does not run at: at 768 px the pages whose stories run on a laptop, at
1280 px the pages whose stories run on a tablet. One browser window per size, logged in as one person after
another; each page through check_page (files load, no sideways scrolling, axe-core, a screenshot).

The stories (test_clients.py, test_meetings.py, …) click and type their way through these pages at one size,
because what they do does not change with the width; these two tests make sure that every page they pass
also works at the other size. Tests whose point is the width or touch (the network map, the session, the
lifeline, …) run at both sizes, or at a tablet's, themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.audit.log import Actor
from kring.clients.models import Consent
from kring.clients.transfer_services import TransferProposal, transfer_propose
from kring.insights import services as insights
from kring.measures.figures import rebuild
from kring.places.models import Place
from kring.support.models import Agreement, Option, OptionPoint, SummaryShare
from tests import factories
from tests.browser.conftest import LAPTOP, TABLET, PageChecker
from tests.browser.test_dashboard import populate
from tests.browser.test_places import _city
from tests.browser.test_signals import network_with_signals
from tests.insights.factories import make_assessment, make_consultation, make_training
from tests.network.factories import make_link, make_member
from tests.places.factories import make_met, make_suggestion, make_visit
from tests.support.access_ids_meetings import give_consent, make_meeting
from tests.support.factories import make_action


@dataclass
class Visit:
    who: str  # an attribute of the world ("worker", "org_admin", …), or "" for nobody logged in
    label: str
    path: str
    status: int = 200


def pages_of_laptop_stories(world) -> list[Visit]:
    """The pages test_clients, test_consent, test_dashboard, test_intervision, test_login, test_meetings,
    test_network (printing), test_network_measures, test_signals, test_transfer and test_work pass through
    on a laptop, with data like theirs."""
    client = world.client_a
    worker = Actor.system(world.worker, reason="test")
    network_with_signals(world)
    mother = make_member(client, name="Moeder Fatiha", relation="mother", circle=1, emergency_contact=True)
    brother = make_member(client, name="Broer Youssef", relation="brother")
    make_member(client, name="Ex Sandra", relation="ex_partner", status="limited", limit_reason="intimidating")
    make_link(mother, brother)
    rebuild(client.pk)
    empty = factories.make_client(team=world.team_a, given_name="Lotte", family_name="Leeg", key_workers=[world.worker])
    populate(world, count=9)

    Consent.objects.create(
        client=client, purpose="research", decision="refused", decided_on=timezone.localdate() - timedelta(days=40),
        recorded_by=world.colleague, note="Wil niet meedoen aan onderzoek.",
    )  # fmt: skip
    Consent.objects.create(
        client=client, purpose="transfer", decision="given", decided_on=timezone.localdate(), recorded_by=world.worker
    )
    team_c = factories.make_team(world.org, "Team C (ambulant)")
    world.receiver = factories.make_user(organisation=world.org, team=team_c, full_name="Roos Ontvanger")
    transfer = transfer_propose(
        actor=worker, client=client, proposal=TransferProposal(to_team=team_c, handover_note="Kennismaken op dinsdag.")
    )

    meeting = make_meeting(client, by=world.worker, members=[mother, brother], externals=[("Dokter Jansen", "")])
    option = Option.objects.create(meeting=meeting, description="Elke zondag samen eten bij moeder")
    OptionPoint.objects.create(option=option, kind="pro", text="Dan zien we elkaar allemaal")
    agreement = make_action(
        client, by=world.worker, description="Youssef haalt Anna op", owner_kind="member", owner=brother
    )
    Agreement.objects.create(meeting=meeting, action=agreement)
    share = SummaryShare.objects.create(
        meeting=meeting, audience="participants", consent=give_consent(client, by=world.worker), shared_by=world.worker
    )
    unconsented = make_meeting(empty, by=world.worker)  # Lotte gave no consent to share a summary
    make_action(client, by=world.worker, description="Te laat actie", due=timezone.localdate() - timedelta(3))

    assessment = make_assessment(world.team_a, world.team_lead, day=date(2026, 6, 1), levels={"purpose": 3})
    make_assessment(world.team_a, world.team_lead, day=date(2025, 12, 1), levels={"purpose": 2, "room": 1})
    make_training(world.worker, "part_1", recorded_by=world.team_lead)
    consultation = make_consultation(world.team_a, world.team_lead, topic="Contact herstellen met familie")
    insights.case_create(
        actor=worker, consultation=consultation, client=client, title="Weer contact met de familie?", question="Hoe?"
    )

    a, m, team = client.pk, meeting.pk, world.team_a.pk
    past = (timezone.localdate() - timedelta(days=200)).isoformat()
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    return [
        Visit("", "login", "/account/inloggen/"),
        Visit("worker", "caseload", "/clienten/"),
        Visit("worker", "client with signals", f"/clienten/{a}/"),
        Visit("worker", "other teams client", f"/clienten/{world.client_b.pk}/", status=404),
        Visit("worker", "new client", "/clienten/nieuw/"),
        Visit("worker", "consent", f"/clienten/{a}/toestemming/"),
        Visit("worker", "network print page", f"/clienten/{a}/netwerk/afdrukken/"),
        Visit("worker", "network measures", f"/clienten/{a}/netwerk/maten/"),
        Visit("worker", "network measures, everything", f"/clienten/{a}/netwerk/maten/?periode=alles"),
        Visit("worker", "network measures, 200 days ago", f"/clienten/{a}/netwerk/maten/?datum={past}"),
        Visit("worker", "network measures, a date in the future", f"/clienten/{a}/netwerk/maten/?datum={future}"),
        Visit("worker", "network measures, empty", f"/clienten/{empty.pk}/netwerk/maten/"),
        Visit("worker", "work tab", f"/clienten/{a}/werk/"),
        Visit("worker", "new action", f"/clienten/{a}/werk/acties/nieuw/"),
        Visit("worker", "worklist", "/acties/"),
        Visit("worker", "meetings", f"/clienten/{a}/gesprekken/"),
        *[
            Visit("worker", f"meeting {label}", f"/clienten/{a}/gesprekken/{path}")
            for label, path in [
                ("plan", "nieuw/"),
                ("page", f"{m}/"),
                ("record", f"{m}/verslag/"),
                ("options", f"{m}/mogelijkheden/"),
                ("decision", f"{m}/besluit/"),
                ("agreement", f"{m}/afspraken/nieuw/"),
                ("summary", f"{m}/samenvatting/"),
                ("summary print page", f"{m}/samenvatting/{share.pk}/"),
            ]
        ],
        Visit(
            "worker",
            "meeting summary without consent",
            f"/clienten/{empty.pk}/gesprekken/{unconsented.pk}/samenvatting/",
        ),
        Visit("worker", "signals", "/signalen/"),
        Visit("worker", "signals filtered", "/signalen/?signaal=place_to_stay"),
        Visit("worker", "client transfers", f"/clienten/{a}/overdracht/"),
        Visit("worker", "propose transfer", f"/clienten/{a}/overdracht/voorstellen/"),
        Visit("worker", "transfer (sender)", f"/overdrachten/{transfer.pk}/"),
        Visit("worker", "consultations", "/inzicht/intervisie/"),
        Visit("worker", "consultation with a case", f"/inzicht/intervisie/{consultation.pk}/"),
        Visit("worker", "case form", f"/inzicht/intervisie/{consultation.pk}/casus/"),
        Visit("receiver", "incoming transfers", "/overdrachten/"),
        Visit("receiver", "transfer (receiver)", f"/overdrachten/{transfer.pk}/"),
        Visit("team_lead", "team dashboard", "/inzicht/"),
        Visit("team_lead", "monitor", "/inzicht/randvoorwaarden/"),
        Visit("team_lead", "monitor form", f"/inzicht/randvoorwaarden/team/{team}/nieuw/"),
        Visit("team_lead", "assessment", f"/inzicht/randvoorwaarden/{assessment.pk}/"),
        Visit("team_lead", "training matrix", f"/inzicht/training/team/{team}/"),
        Visit("team_lead", "training form", f"/inzicht/training/team/{team}/vastleggen/"),
        Visit("org_admin", "organisation dashboard", "/inzicht/"),
        Visit("org_admin", "organisation dashboard, team B", f"/inzicht/organisatie/?team={world.team_b.pk}"),
        Visit("org_admin", "organisation dashboard, wrong month", "/inzicht/organisatie/?van=2026-13"),
        Visit("org_admin", "signal settings", "/beheer/signalen/"),
        Visit("org_admin", "export", f"/clienten/{a}/uitwisselen/"),
        Visit("org_admin", "import", "/uitwisselen/importeren/"),
        Visit("org_admin", "inzage", f"/clienten/{a}/inzage/"),
        Visit("org_admin", "erase", f"/clienten/{a}/wissen/"),
        Visit("researcher", "researcher dashboard", "/inzicht/"),
    ]


def pages_of_tablet_stories(world) -> list[Visit]:
    """The pages test_places (samen op zoek, every places page) and test_network (the member panel) pass
    through on a tablet, with data like theirs."""
    client = world.client_a
    _city(world)
    place = Place.objects.get(name="Buurthuis De Ketting")
    planned = make_suggestion(client, place, by=world.worker)
    visited = make_suggestion(client, Place.objects.get(name="Moskee An-Noer"), by=world.worker)
    member = make_member(client, name="Yusuf van de koffie", relation="acquaintance", circle=3)
    make_met(make_visit(visited, by=world.worker, day=timezone.localdate()), member, by=world.worker)
    limited = make_member(client, name="Oom Henk", relation="other_family", status="limited", limit_reason="unsafe")

    a, s = client.pk, planned.pk
    return [
        Visit("worker", "client places", f"/clienten/{a}/plekken/"),
        Visit("worker", "client search", f"/clienten/{a}/plekken/zoeken/"),
        Visit("worker", "suggestion", f"/clienten/{a}/plekken/{s}/"),
        Visit("worker", "plan", f"/clienten/{a}/plekken/{s}/afspreken/"),
        Visit("worker", "visit form", f"/clienten/{a}/plekken/{s}/bezoek/"),
        Visit("worker", "suggestion after visit", f"/clienten/{a}/plekken/{visited.pk}/"),
        Visit("worker", "member page with a place", f"/clienten/{a}/netwerk/leden/{member.pk}/"),
        Visit("worker", "member panel, limited", f"/clienten/{a}/netwerk/leden/{limited.pk}/"),
        Visit("org_admin", "places search", "/plekken/"),
        Visit("org_admin", "places search by name", "/plekken/?vanaf=&taal=nl"),
        Visit("org_admin", "places search by kind", "/plekken/?soort=mosque"),
        Visit("org_admin", "places search bad coordinates", "/plekken/?vanaf=coords&coordinaten=noord", status=422),
        Visit("org_admin", "place", f"/plekken/{place.pk}/"),
        Visit("org_admin", "place form", f"/plekken/{place.pk}/wijzigen/"),
        Visit("org_admin", "new place", "/plekken/nieuw/"),
        Visit("org_admin", "start points", "/plekken/startpunten/"),
        Visit("org_admin", "import places", "/plekken/importeren/"),
    ]


def visit_all(page, world, log_in, check_page: PageChecker, visits: list[Visit]) -> None:
    who = None
    for visit in visits:
        if visit.who != who:
            page.context.clear_cookies()
            if visit.who:
                log_in(page, getattr(world, visit.who))
            who = visit.who
        response = page.goto(visit.path)
        assert response.status == visit.status, f"{visit.label} ({visit.path}): {response.status}"
        check_page(page, f"{visit.who or 'anonymous'} {visit.label}")


def menu_rows(page) -> int:
    """On how many rows the main menu's items stand."""
    tops = page.locator(".site-nav li").evaluate_all("items => items.map(li => li.getBoundingClientRect().top)")
    return len({round(top) for top in tops})


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_the_pages_of_the_laptop_stories_at_768_px(page, world, log_in, check_page):
    visits = pages_of_laptop_stories(world)
    visit_all(page, world, log_in, check_page, visits)

    # On a tablet the whole menu stays on one row, so the page starts higher. (The organisation admin's menu,
    # with eight items, takes two.)
    for who in ("worker", "team_lead"):
        page.context.clear_cookies()
        log_in(page, getattr(world, who))
        page.goto("/account/")
        expect(page.locator(".site-nav")).to_be_visible()
        assert menu_rows(page) == 1, f"the menu of {who} takes {menu_rows(page)} rows at 768 px"


@pytest.mark.parametrize("viewport", [LAPTOP], ids=["1280x800"])
def test_the_pages_of_the_tablet_stories_at_1280_px(page, world, log_in, check_page):
    visit_all(page, world, log_in, check_page, pages_of_tablet_stories(world))


def test_check_page_sees_a_page_that_fails_it(page, check_page):
    """A quiet check_page means something only if it speaks up for a broken page: one that scrolls sideways, has
    a button without a name (axe-core, critical) and a stylesheet that does not load."""
    page.goto("/account/inloggen/")
    with page.expect_response(lambda response: response.url.endswith("/static/css/missing.css")):
        page.evaluate(
            """() => {
                const wide = document.createElement('div');
                wide.style.width = '3000px';
                wide.style.height = '1px';
                document.querySelector('main').append(wide, document.createElement('button'));
                document.head.append(Object.assign(document.createElement('link'),
                    {rel: 'stylesheet', href: '/static/css/missing.css'}));
            }"""
        )
    check_page(page, "broken on purpose")
    problems = "\n".join(check_page.problems)
    check_page.problems.clear()  # expected here: the test would fail on them otherwise
    assert "files did not load: 404 /static/css/missing.css" in problems
    assert "scrolls sideways: scrollWidth" in problems
    assert "button-name" in problems
