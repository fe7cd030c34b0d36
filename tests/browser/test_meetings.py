"""A meeting with the network in a real browser, on a laptop (1280): plan it, record what each said, options
with pros and cons, the client's decision, agreements; then, with the client's consent (given in the
database), print the summary. Every page goes through check_page (axe, no sideways scrolling, a
screenshot); the summary is also shot as it prints. test_pages_fit.py opens every meeting page at 768 px."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.support.models import Agreement, Meeting, SummaryShare
from tests.browser.conftest import LAPTOP, SCREENSHOTS
from tests.network.factories import make_member
from tests.support.access_ids_meetings import give_consent, make_meeting

SECRET = "Fatiha vertelde apart over haar eigen zorgen om geld."


def network(world):
    return {
        "Moeder Fatiha": make_member(world.client_a, name="Moeder Fatiha", relation="mother", circle=1),
        "Broer Youssef": make_member(world.client_a, name="Broer Youssef", relation="brother"),
        "Ex Sandra": make_member(
            world.client_a, name="Ex Sandra", relation="ex_partner", status="limited", limit_reason="intimidating"
        ),
    }


def chip(page, field: str, text: str):
    return page.locator(f'[data-chips="{field}"] label.chip', has_text=text)


def test_plan_and_record_a_meeting_then_print_the_summary(page, world, log_in, check_page, viewport):
    people = network(world)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/gesprekken/")
    check_page(page, "list, empty")

    # Plan: afterwards, for a meeting held today.
    page.get_by_role("link", name="Gesprek plannen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek met het netwerk plannen")
    expect(chip(page, "members", "Ex Sandra")).to_contain_text("begrensd")
    chip(page, "kind", "Netwerkberaad").click()
    chip(page, "status", "Ja, ik leg het achteraf vast").click()
    page.get_by_label("Tijd").fill("14:30")
    page.get_by_label("Plek").fill("Huiskamer van de opvang")
    page.get_by_label("Welke vraag ligt er op tafel?").fill("Hoe kan ik weer vaker bij mijn familie zijn?")
    chip(page, "members", "Moeder Fatiha").click()
    chip(page, "members", "Broer Youssef").click()
    page.locator("#id_extern-0-name").fill("Dokter Jansen")
    page.locator("#id_extern-0-organisation_name").fill("Huisartsenpraktijk Kringstad")
    check_page(page, "plan, filled in")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_text("Het gesprek is vastgelegd.")).to_be_visible()
    meeting = Meeting.objects.get()
    assert meeting.status == "held"

    # What each said; the mother's worry in confidence.
    page.get_by_role("link", name="Verslag vastleggen").click()
    mother = meeting.participants.get(member=people["Moeder Fatiha"])
    client = meeting.participants.get(role="client")
    page.locator(f"#id_p{client.pk}-what_matters").fill("Dat ik mijn moeder vaker zie.")
    page.locator(f"#id_p{mother.pk}-worries").fill("Dat Anna het te druk krijgt.")
    page.locator(f"#id_p{mother.pk}-confidential").check()
    page.get_by_label("Wat is er besproken?").fill("We spraken over de zondagen en over de reis naar Kringstad.")
    page.get_by_label("Vertrouwelijk: wat apart gezegd is").fill(SECRET)
    check_page(page, "record, filled in")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het verslag van het gesprek is opgeslagen.")).to_be_visible()

    # Options with pros and cons.
    page.get_by_role("link", name="Mogelijkheden toevoegen").click()
    page.get_by_label("Nieuwe mogelijkheid").fill("Elke zondag samen eten bij moeder")
    page.get_by_role("button", name="Mogelijkheid toevoegen").click()
    option = page.locator(".option", has_text="Elke zondag samen eten bij moeder")
    option.locator("label.chip", has_text="Voordeel").click()
    option.get_by_label("Volgens wie?").select_option(label="Broer Youssef")
    option.get_by_label("Wat is het voor- of nadeel?").fill("Dan zien we elkaar allemaal")
    option.get_by_role("button", name=re.compile("^Toevoegen")).click()
    option = page.locator(".option", has_text="Elke zondag samen eten bij moeder")
    option.locator("label.chip", has_text="Nadeel").click()
    option.get_by_label("Wat is het voor- of nadeel?").fill("De reis kost geld")
    option.get_by_role("button", name=re.compile("^Toevoegen")).click()
    expect(page.locator(".point", has_text="De reis kost geld")).to_be_visible()
    check_page(page, "options")
    page.get_by_role("link", name="Klaar, terug naar het gesprek").click()

    # The client's decision: only the client is offered.
    with page.expect_navigation():
        page.get_by_role("link", name="Besluit vastleggen").first.click()
    check_page(page, "decision form")
    chip(page, "state", "Ja, Anna heeft besloten").click()
    page.get_by_label("Wat heeft Anna besloten?").fill("Ik ga om de week op zondag.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit van Anna is vastgelegd.")).to_be_visible()

    # An agreement by the brother, who promises practical help.
    page.get_by_role("link", name="Afspraak toevoegen").click()
    page.get_by_label("Wat is er afgesproken?").fill("Youssef haalt Anna op met de auto")
    page.get_by_label("Wie doet het?").select_option(label="Broer Youssef")
    chip(page, "support_promised", "Praktische hulp").click()
    check_page(page, "agreement form")
    page.get_by_role("button", name="Afspraak vastleggen", exact=True).click()
    expect(page.get_by_text("De afspraak is vastgelegd.")).to_be_visible()
    agreement = Agreement.objects.select_related("action").get()
    assert agreement.action.owner_member == people["Broer Youssef"]
    people["Broer Youssef"].refresh_from_db()
    assert people["Broer Youssef"].support_received == ["practical"]
    check_page(page, "meeting page")
    page.emulate_media(media="print")  # the page with what was said in confidence does not print
    expect(page.get_by_text(SECRET)).to_be_hidden()
    expect(page.locator(".print-only")).to_be_visible()
    page.emulate_media(media="screen")

    # Without consent: the summary explains and links to the consent page; the preview does not print.
    page.get_by_role("link", name="Verslag voor de deelnemers").click()
    expect(page.locator("#share-blocked")).to_contain_text("Delen en afdrukken kan nog niet.")
    expect(page.get_by_role("button", name="Delen en afdrukken")).to_have_count(0)
    check_page(page, "summary without consent")
    page.emulate_media(media="print")
    expect(page.locator(".summary-sheet")).to_be_hidden()
    check_page.screenshot(page, "summary preview as printed")
    page.emulate_media(media="screen")

    # With consent (recorded in the database here): share, and the print page.
    give_consent(world.client_a, by=world.worker)
    page.reload()
    check_page(page, "summary with consent")
    page.get_by_role("button", name="Delen en afdrukken").click()
    expect(page).to_have_url(re.compile(r"/samenvatting/\d+/$"))
    share = SummaryShare.objects.get()
    assert (share.audience, share.language) == ("participants", "nl")
    sheet = page.locator(".summary-sheet")
    expect(sheet).to_contain_text("Ik ga om de week op zondag.")
    expect(sheet).to_contain_text("Youssef haalt Anna op met de auto")
    expect(sheet).not_to_contain_text(SECRET)
    expect(sheet).not_to_contain_text("Dat Anna het te druk krijgt.")
    check_page(page, "print page")
    page.emulate_media(media="print")
    expect(page.locator(".print-actions")).to_be_hidden()
    expect(page.get_by_role("navigation")).to_have_count(0)
    check_page.screenshot(page, "summary as printed")
    page.set_viewport_size({"width": 794, "height": 1123})  # an A4 sheet at 96 dpi
    check_page.screenshot(page, "summary as printed on A4")
    page.set_viewport_size(viewport)
    pdf = SCREENSHOTS / f"test_plan_and_record_a_meeting_then_print_the_summary-{viewport['width']}.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 1000
    page.emulate_media(media="screen")

    # The list shows the meeting with its agreement.
    page.goto(f"/clienten/{world.client_a.pk}/gesprekken/")
    expect(page.locator(".meeting-card")).to_contain_text("1 afspraak")
    check_page(page, "list")
    assert timezone.localdate() == meeting.date
    assert errors == []  # no script errors on any page (the print button's script included)


@pytest.mark.parametrize("viewport", [LAPTOP], ids=["1280x800"])
def test_the_meeting_pages_keep_to_the_real_content_security_policy(browser, live_server, viewport, world, log_in):
    """The other tests bypass the CSP (to inject axe-core); here every meeting page runs under the real one."""
    from kring.support.models import Option, SummaryShare

    people = network(world)
    meeting = make_meeting(world.client_a, by=world.worker, members=[people["Broer Youssef"]])
    Option.objects.create(meeting=meeting, description="Eerst een brief")
    share = SummaryShare.objects.create(
        meeting=meeting, audience="team", consent=give_consent(world.client_a, by=world.worker), shared_by=world.worker
    )
    context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="nl-NL")
    try:
        page = context.new_page()
        problems = []
        page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        log_in(page, world.worker)
        base = f"/clienten/{world.client_a.pk}/gesprekken/"
        for path in ("", "nieuw/", "{m}/", "{m}/wijzigen/", "{m}/verslag/", "{m}/mogelijkheden/", "{m}/besluit/",
                     "{m}/afspraken/nieuw/", "{m}/samenvatting/", "{m}/samenvatting/{s}/"):  # fmt: skip
            response = page.goto(base + path.format(m=meeting.pk, s=share.pk))
            assert response.status == 200, path
            assert "script-src" in response.headers.get("content-security-policy", "")
            page.wait_for_load_state("load")
        assert problems == []
    finally:
        context.close()
