"""The implementation monitor, the training matrix and a case consultation with a pseudonymised case, on a
laptop: every page looked at (screenshots), axe-core clean, no sideways scrolling (test_pages_fit.py opens
the same pages at 768 px)."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from kring.insights.models import Condition
from kring.lifeline.models import LifeEvent
from tests.insights.factories import make_assessment, make_consultation, make_training
from tests.network.factories import make_link, make_member


def test_the_monitor_and_the_training_matrix(page, world, log_in, check_page):
    make_assessment(world.team_a, world.team_lead, day=date(2025, 12, 1), levels={"purpose": 2, "room": 1})
    make_assessment(
        world.team_a,
        world.team_lead,
        day=date(2026, 6, 1),
        levels={"purpose": 3, "training": 3, "room": 2, "consultation": 3},
    )
    make_assessment(
        world.team_a,
        world.team_lead,
        day=date(2026, 11, 2),
        levels={c.value: 3 for c in Condition} | {"purpose": 4, "funding": 1},
        note="Elke maand een casus bespreken. Marieke vraagt de ruimte naast de receptie aan.",
    )
    for user, parts in ((world.worker, ["part_1", "part_2"]), (world.colleague, ["part_1", "part_2", "part_3"])):
        for part in parts:
            make_training(user, part, day=date(2026, 3, 3), recorded_by=world.team_lead)

    log_in(page, world.team_lead)
    page.goto("/inzicht/randvoorwaarden/")
    expect(page.get_by_role("heading", name="Randvoorwaarden van Team A")).to_be_visible()
    expect(page.locator(".monitor-score__number")).to_have_text("2,9 van 4")
    expect(page.locator("svg.monitor-trend circle")).to_have_count(3)
    check_page(page, "monitor")

    page.get_by_role("link", name="Nieuwe zelfevaluatie").click()
    expect(page.get_by_role("group", name="Er is een fijne ruimte om naasten te ontvangen")).to_be_visible()
    page.get_by_role("group", name="De financiering is structureel").get_by_text("Begonnen").click()
    check_page(page, "monitor form")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De zelfevaluatie is opgeslagen.")).to_be_visible()
    check_page(page, "assessment")

    page.get_by_role("link", name="Training").first.click()
    expect(page.get_by_role("heading", name="Training van Team A")).to_be_visible()
    row = page.locator("tr", has_text="Wim Werker")
    expect(row.locator(".training-missing")).to_have_text("Dagdeel 3")
    check_page(page, "training matrix")
    with page.expect_navigation():
        page.get_by_role("link", name="Training vastleggen").click()
    check_page(page, "training form")


def test_a_case_consultation_with_a_pseudonymised_case(page, world, log_in, check_page):
    client = world.client_a
    sister = make_member(client, name="Zus Fatma", relation="sister", circle=1, support_received=["emotional"])
    friend = make_member(client, name="Vriend Youssef", relation="friend", circle=2, contact_frequency="weekly")
    make_member(client, name="Vriend Rob", relation="friend", circle=3, status="dormant")
    make_member(client, name="Huisarts Dekker", relation="gp", circle=2)
    make_member(client, name="Begeleider Tim", relation="professional", circle=1, emergency_contact=True)
    make_link(sister, friend)
    for year, month, kind, tone, people in [
        (2012, 4, "relationships", "good", [sister]),
        (2019, None, "housing", "hard", []),
        (2025, 3, "housing", "mixed", [friend, sister]),
    ]:
        event = LifeEvent.objects.create(
            client=client, title=f"Titel {year}", kind=kind, tone=tone, year=year, month=month, created_by=world.worker
        )
        event.members.set(people)
    consultation = make_consultation(world.team_a, world.team_lead, topic="Contact herstellen met familie")

    log_in(page, world.worker)
    page.goto("/inzicht/intervisie/")
    expect(page.get_by_role("heading", name="Komende besprekingen")).to_be_visible()
    check_page(page, "consultations")
    page.get_by_role("link", name="Contact herstellen met familie").click()
    page.get_by_role("link", name="Casus inbrengen").click()
    page.get_by_label("Welke cliënt?").select_option(label="Anna Aalders")
    page.get_by_label("Titel van de casus").fill("Weer contact met de familie?")
    page.get_by_label("Je vraag aan het team").fill("Hoe betrek ik de zus zonder de cliënt te overvragen?")
    check_page(page, "case form")
    page.get_by_role("button", name="Casus maken").click()
    case = page.locator("article.case")
    expect(case.get_by_role("heading", name="Weer contact met de familie?")).to_be_visible()
    expect(case.locator("svg.ecogram")).to_be_visible()
    expect(case.get_by_role("rowheader", name="Vriend 2")).to_be_visible()
    expect(case).not_to_contain_text("Fatma")
    expect(case).not_to_contain_text("Titel 2012")
    check_page(page, "consultation with a case")

    page.goto(f"/inzicht/intervisie/{consultation.pk}/")
    page.emulate_media(media="print")
    check_page(page, "consultation printed")
