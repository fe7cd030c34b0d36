"""The dashboards in the browser: the team lead's team dashboard, the admin's organisation dashboard with a
team filter and a wrong month, and the researcher's, on a laptop (axe-core clean, no sideways scroll;
screenshots in test-artifacts/screenshots/). test_pages_fit.py opens the same dashboards at 768 px."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from kring.measures.models import NetworkFigures, QuestionnaireResponse
from kring.support.catalogue import elements_for, modes_for
from kring.support.models import Intervention, Meeting
from tests.factories import make_client


def populate(world, count=24):
    """Clients of both teams with networks at the start and now, interventions, meetings and questionnaires."""
    today = timezone.localdate()
    elements, mode = elements_for(world.org), modes_for(world.org)[0]
    for i in range(count):
        team = world.team_a if i % 3 else world.team_b
        client = make_client(team=team, given_name=f"Voorbeeld{i}")
        for day, size, inner, share, intake, latest in (
            (today - timedelta(days=300 - i), 3 + i % 5, i % 2, 0.4 + (i % 4) / 10, True, False),
            (today - timedelta(days=i), 5 + i % 8, 1 + i % 3, 0.5 + (i % 5) / 10, False, True),
        ):
            NetworkFigures.objects.create(
                client=client, day=day, size=size, active_size=size, inner_circle=inner, informal=size,
                professional=0, informal_share=share, emotional_support=1, diversity=2, dormant=0, restore=0,
                limited=0, emergency_contact=bool(i % 2), is_intake=intake, is_latest=latest,
            )  # fmt: skip
        for k in range(1 + i % 4):
            record = Intervention.objects.create(
                client=client, created_by=world.worker, date=today - timedelta(days=20 + 37 * k), mode=mode
            )
            record.elements.set(elements[(i + k) % len(elements) : (i + k) % len(elements) + 1 + k % 2])
        if i % 2:
            Meeting.objects.create(
                client=client, created_by=world.worker, kind="network", status="held",
                date=today - timedelta(days=15 + 29 * i), question="Hoe verder?",
            )  # fmt: skip
        for k in range(2):
            QuestionnaireResponse.objects.create(
                client=client, questionnaire="djg6", definition_version=1, language="nl",
                date=today - timedelta(days=10 + 95 * k + i), answers={}, total=(i + k * 2) % 7,
                created_by=world.worker,
            )  # fmt: skip


def test_the_team_lead_opens_the_team_dashboard_from_the_menu(page, world, log_in, check_page):
    populate(world)
    log_in(page, world.team_lead)
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inzicht").click()
    expect(page.get_by_role("heading", name="Inzicht in Team A", level=1)).to_be_visible()
    expect(page.locator('[data-figure="active"] dd')).to_have_text("17")  # 16 and client A
    expect(page.locator("svg.bar-chart")).to_have_count(4)
    expect(page.locator("#table-elements tbody tr").first).to_be_visible()
    expect(page.get_by_role("link", name="Download de cijfers (CSV)")).to_be_visible()
    check_page(page, "team dashboard")


def test_the_admin_filters_the_organisation_dashboard(page, world, log_in, check_page):
    populate(world)
    log_in(page, world.org_admin)
    page.goto("/inzicht/")
    expect(page.get_by_role("heading", name="Inzicht in de organisatie", level=1)).to_be_visible()
    expect(page.locator('[data-figure="active"] dd')).to_have_text("26")
    check_page(page, "organisation dashboard")

    page.get_by_role("combobox", name="Team").select_option(label="Team B")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon").click()
    expect(page.locator('[data-figure="active"] dd')).to_have_text("9")  # 8 and client B
    expect(page.locator('[data-figure="inner-grew"] dd')).to_have_text("minder dan 5")  # 4 of 8
    check_page(page, "organisation dashboard, team B")

    page.goto("/inzicht/organisatie/?van=2026-13")  # Chromium's month field cannot send this: a typed address can
    expect(page.locator("#id_van_error")).to_have_text("Vul een maand in als jaar-maand, bijvoorbeeld 2026-01.")
    check_page(page, "organisation dashboard, wrong month")


def test_the_researcher_sees_the_organisation_only(page, world, log_in, check_page):
    populate(world)
    log_in(page, world.researcher)
    page.goto("/inzicht/")
    expect(page.get_by_role("heading", name="Inzicht in de organisatie", level=1)).to_be_visible()
    expect(page.get_by_text("Voorbeeld")).to_have_count(0)
    expect(page.locator(".dash-teams")).to_have_count(0)
    check_page(page, "researcher")
