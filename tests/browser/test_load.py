"""Support for naasten in the browser.

1. A load check on a 768×1024 touch tablet, by taps only (and typing): from the overview of the naasten to the
   form, a tap on "8" of the 0–10 scale, saved; the member's history shows it, as a number and on the line.
   Every scale button is at least 44 px and the eleven fit on one row.
2. Bad input on the tablet: no number tapped; the message by the scale, what was typed kept.
3. The information sheet for naasten: Dutch (on a tablet) and English (on a laptop), the print page under
   print media without any navigation, and one A4 page as a PDF.
4. The pages at phone width (390 px): the scale in two rows, the line in its narrow version.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kring.audit.models import AccessLog
from kring.support.models import LoadCheck
from tests.browser.conftest import LAPTOP, SCREENSHOTS, TABLET
from tests.network.factories import make_member

PHONE = {"width": 390, "height": 844}
A4_AT_96_DPI = {"width": 794, "height": 1123}
MIN_TARGET = 44


@pytest.fixture
def has_touch() -> bool:
    """A touch screen: the load check is made for a tablet beside the naaste."""
    return True


def naasten(world):
    mama = make_member(world.client_a, name="Moeder Fatiha", relation="mother", circle=1)
    joke = make_member(
        world.client_a,
        name="Tante Joke",
        relation="other_family",
        support_received=["housing", "practical", "emotional"],
    )
    make_member(world.client_a, name="Huisarts", relation="gp")
    return mama, joke


def scale_button(page, number: int):
    return page.locator(f'[data-scale="heaviness"] label[for="id_heaviness_{number}"]')


def scale_boxes(page) -> list[dict]:
    return page.locator('[data-scale="heaviness"] label').evaluate_all(
        "els => els.map(el => { const r = el.getBoundingClientRect();"
        " return {width: r.width, height: r.height, top: Math.round(r.top)}; })"
    )


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


# --- 1. a load check on the tablet -----------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_load_check_on_a_tablet_by_taps_shows_in_the_history(page, world, log_in, check_page):
    mama, joke = naasten(world)
    LoadCheck.objects.create(
        client=world.client_a, member=mama, created_by=world.worker, date=date(2025, 11, 3), heaviness=4
    )
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/naasten/")
    expect(page.get_by_role("heading", name="Belasting van naasten")).to_be_visible()
    expect(page.locator("#load-table tbody tr")).to_have_count(2)  # the GP is not a naaste here
    expect(page.locator('[data-signal="main_carrier"]')).to_contain_text("Tante Joke geeft de meeste steun")
    check_page(page, "overview")

    row = page.locator(f'#load-table tr[data-member-id="{mama.pk}"]')
    with page.expect_navigation():
        row.get_by_role("link", name=re.compile("Nieuwe check")).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe zwaar is het voor Moeder Fatiha?")

    boxes = scale_boxes(page)
    assert len(boxes) == 11
    assert all(b["width"] >= MIN_TARGET and b["height"] >= MIN_TARGET for b in boxes), boxes
    assert len({b["top"] for b in boxes}) == 1, "the eleven numbers fit on one row on a tablet"

    page.locator("#id_what_they_do").tap()
    page.keyboard.type("Videobelt elke zondag")
    scale_button(page, 8).tap()
    expect(page.locator("#id_heaviness_8")).to_be_checked()
    page.locator("#id_too_much").tap()
    page.keyboard.type("Zorgen 's nachts")
    page.locator("#id_would_help").tap()
    page.keyboard.type("Eens per maand bijpraten met de begeleider")
    check_page(page, "check filled in")
    with page.expect_navigation():
        page.get_by_role("button", name="Check opslaan").tap()

    expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/naasten/{mama.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("De check voor Moeder Fatiha is opgeslagen.")
    newest = page.locator("#load-checks > li").first
    expect(newest).to_contain_text("8 van 10")
    expect(newest).to_contain_text("Zwaar")
    expect(newest).to_contain_text("Zorgen 's nachts")
    chart = page.locator("#load-chart svg.load-chart--wide")
    expect(chart).to_be_visible()
    expect(chart.locator("circle.trend-chart__point")).to_have_count(2)
    expect(chart.locator("circle.trend-chart__point").last).to_have_attribute("data-value", "8")
    check_page(page, "history")

    check = LoadCheck.objects.get(heaviness=8)
    assert (check.member, check.what_they_do, check.created_by) == (mama, "Videobelt elke zondag", world.worker)
    assert check.date.isoformat() == page.evaluate("() => new Date().toLocaleDateString('sv')")

    # Back on the overview: the heavy check is a signal now.
    page.goto(f"/clienten/{world.client_a.pk}/naasten/")
    expect(page.locator('[data-signal="high_load"]')).to_contain_text("Voor Moeder Fatiha voelt het zwaar")
    check_page(page, "overview with a signal")


# --- 2. bad input on the tablet --------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_no_number_tapped_shows_the_message_by_the_scale_and_keeps_the_text(page, world, log_in, check_page):
    mama, _joke = naasten(world)
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/naasten/{mama.pk}/nieuw/")
    page.locator("#id_too_much").tap()
    page.keyboard.type("Te veel telefoontjes")
    with page.expect_navigation():
        page.get_by_role("button", name="Check opslaan").tap()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#field-id_heaviness .field__error")).to_have_text(
        "Kies hoe zwaar het voelt: een getal van 0 tot 10."
    )
    expect(page.locator("#field-id_heaviness fieldset")).to_have_accessible_description(
        re.compile("Kies hoe zwaar het voelt")
    )
    expect(page.locator("#id_too_much")).to_have_value("Te veel telefoontjes")
    check_page(page, "check with an error")
    assert not LoadCheck.objects.exists()


# --- 3. the information sheet ----------------------------------------------------------------------------


# Each language at one size: the pages at 768 and 1280 px, the sheet in both languages, printed in both.
@pytest.mark.parametrize(("language", "viewport"), [("nl", TABLET), ("en", LAPTOP)], ids=["nl-768x1024", "en-1280x800"])
def test_it_prints_the_information_sheet_for_naasten(page, world, log_in, check_page, viewport, language):
    world.org.caregiver_support_name = "Steunpunt Mantelzorg Kringstad"
    world.org.caregiver_support_url = "https://www.mantelzorgkringstad.nl/"
    world.org.save()
    log_in(page, world.worker)
    page.goto("/naasten/informatie/")
    if language == "en":
        page.get_by_role("link", name="English").click()
    sheet = page.locator("article.sheet")
    expect(sheet).to_have_attribute("lang", language)
    heading = {"nl": "Je mag grenzen aangeven", "en": "You may set limits"}[language]
    expect(sheet.get_by_role("heading", name=heading)).to_be_visible()
    expect(sheet.get_by_role("link", name="www.mantelzorgkringstad.nl")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()  # the screen stays Dutch
    check_page(page, f"sheet {language}")

    with page.expect_navigation():
        page.get_by_role("link", name="Afdrukken").click()
    assert AccessLog.objects.filter(event="support.sheet.print", object_type="sheet", object_id=language).exists()
    expect(page.locator("article.sheet")).to_have_attribute("lang", language)
    check_page(page, f"print page {language}")

    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".sheet-tools", ".skip-link"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("article.sheet h1")).to_be_visible()
    check_page.screenshot(page, f"print media {language}")
    if viewport == TABLET:
        page.set_viewport_size(A4_AT_96_DPI)
        check_page.screenshot(page, f"print media at A4 width {language}")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / f"test_it_prints_the_information_sheet_for_naasten-{language}-{viewport['width']}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf_pages(pdf) == 1, f"{pdf_pages(pdf)} A4 pages"


# --- 4. the pages on a phone -----------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE], ids=["390x844"])
def test_the_pages_fit_a_phone(page, world, log_in, check_page):
    mama, _joke = naasten(world)
    for day, heaviness in ((date(2025, 9, 1), 3), (date(2025, 11, 1), 6), (date(2026, 1, 5), 8)):
        LoadCheck.objects.create(
            client=world.client_a, member=mama, created_by=world.worker, date=day, heaviness=heaviness
        )
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/naasten/")
    check_page(page, "overview")
    page.goto(f"/clienten/{world.client_a.pk}/naasten/{mama.pk}/")
    expect(page.locator("svg.load-chart--narrow")).to_be_visible()
    expect(page.locator("svg.load-chart--wide")).to_be_hidden()
    check_page(page, "history")
    page.goto(f"/clienten/{world.client_a.pk}/naasten/{mama.pk}/nieuw/")
    boxes = scale_boxes(page)
    assert all(b["width"] >= MIN_TARGET and b["height"] >= MIN_TARGET for b in boxes), boxes
    assert len({b["top"] for b in boxes}) == 2, "two rows on a phone"
    scale_button(page, 10).tap()
    expect(page.locator("#id_heaviness_10")).to_be_checked()
    check_page(page, "check form")
    page.goto("/naasten/informatie/")
    check_page(page, "sheet")
