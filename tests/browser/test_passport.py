"""The network passport in a real browser: the client chooses, the sheet is printed on A4.

The sheet is printed twice: as print media in the window (screenshots to look at) and through Chromium's
own PDF printer at A4, which must give at most two pages without the site's header, menu or buttons.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, SCREENSHOTS, TABLET
from tests.network.factories import make_link, make_member
from tests.support.factories import make_action

OWN_WORDS = (
    "Als het slecht gaat, trek ik me terug. Bel dan eerst mijn moeder, niet de politie.\n"
    "Ik praat liever buiten, tijdens een wandeling."
)
A4_AT_96_DPI = {"width": 794, "height": 1123}


def story(world):
    client = world.client_a
    mother = make_member(
        client,
        name="Moeder Fatiha",
        relation="mother",
        circle=1,
        emergency_contact=True,
        phone="06 1234 5678",
        support_received=["emotional"],
        abroad_country="Marokko",
    )
    brother = make_member(
        client, name="Broer Youssef", relation="brother", circle=1, support_received=["emotional", "practical"]
    )
    make_member(
        client, name="Ex-partner Sandra", relation="ex_partner", circle=3, status="limited", limit_reason="unsafe"
    )
    henk = make_member(
        client,
        name="Buurman Henk",
        relation="neighbour",
        circle=3,
        emergency_contact=True,
        phone="020 555 0101",
        support_received=["company"],
    )
    make_member(
        client,
        name="Schuldhulpverlener",
        relation="professional",
        circle=2,
        organisation_name="Kringstad Schuldhulp",
        support_received=["practical", "advice"],
    )
    make_member(client, name="Mo van de moskee", relation="faith", circle=2, support_received=["company"])
    make_link(mother, brother)
    make_action(client, by=world.worker, description="Samen naar de woningcorporatie", due=date(2099, 5, 1))
    make_action(client, by=world.worker, description="Youssef belt elke zondag", owner_kind="member", owner=brother)
    make_action(client, by=world.worker, description="Zelf de huur op tijd betalen", owner_kind="client")
    return mother, henk


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


# Each language at one size: the pages at 768 and 1280 px, the sheet in both languages, printed in both.
@pytest.mark.parametrize(("language", "viewport"), [("nl", TABLET), ("en", LAPTOP)], ids=["nl-768x1024", "en-1280x800"])
def test_it_prints_the_passport_the_client_chose(page, world, check_page, log_in, viewport, language):
    mother, henk = story(world)
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/paspoort/")
    expect(page.get_by_role("heading", name="Netwerkpaspoort")).to_be_visible()
    check_page(page, f"choose {language}")

    # Sandra is limited: off. The client wants her mother's number on it, not Henk's.
    expect(page.get_by_role("checkbox", name="Erop (Ex-partner Sandra)")).not_to_be_checked()
    page.get_by_role("checkbox", name="Nummer erbij (Moeder Fatiha)").check()
    if language == "en":
        page.get_by_role("radio", name="English").check()
    page.get_by_role("textbox", name=re.compile("^Wat ik wil dat je weet: in de woorden")).fill(OWN_WORDS)
    with page.expect_navigation():
        page.get_by_role("button", name="Paspoort maken").click()

    sheet = page.locator("article.passport")
    expect(sheet).to_have_attribute("lang", language)
    expect(sheet.get_by_role("heading", level=1)).to_have_text("Anna")
    expect(sheet.locator("figure.ecogram svg g.member")).to_have_count(5)
    expect(sheet).not_to_contain_text("Sandra")
    expect(sheet.locator("#passport-emergency")).to_contain_text("06 1234 5678")
    expect(sheet).not_to_contain_text("020 555 0101")
    expect(sheet.locator("#passport-words")).to_contain_text("niet de politie")
    if language == "en":
        expect(sheet.locator("#passport-help")).to_contain_text("emotional support")
    check_page(page, f"sheet {language}")

    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".passport-actions", ".skip-link"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(sheet.locator("figure.ecogram svg")).to_be_visible()
    check_page.screenshot(page, f"print media {language}")
    if viewport == TABLET:
        page.set_viewport_size(A4_AT_96_DPI)
        check_page.screenshot(page, f"print media at A4 width {language}")

    pdf = SCREENSHOTS / f"test_it_prints_the_passport_the_client_chose-{language}-{viewport['width']}.pdf"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    assert 1 <= pdf_pages(pdf) <= 2, f"{pdf_pages(pdf)} A4 pages"


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_changing_the_choices_keeps_what_was_typed(page, world, log_in):
    story(world)
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/paspoort/")
    page.get_by_role("textbox", name=re.compile("^Wat ik wil dat je weet: in de woorden")).fill(OWN_WORDS)
    page.get_by_role("checkbox", name="Erop (Mo van de moskee)").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Paspoort maken").click()
    expect(page.locator("article.passport")).not_to_contain_text("Mo van de moskee")
    with page.expect_navigation():
        page.get_by_role("button", name="Aanpassen").click()
    expect(page.get_by_role("textbox", name=re.compile("^Wat ik wil dat je weet: in de woorden"))).to_have_value(
        OWN_WORDS
    )
    expect(page.get_by_role("checkbox", name="Erop (Mo van de moskee)")).not_to_be_checked()


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_the_passport_keeps_to_the_content_security_policy(browser, live_server, viewport, world, log_in):
    """The other tests bypass the CSP (for axe-core); this one makes a passport under the real policy."""
    story(world)
    context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="nl-NL")
    try:
        page = context.new_page()
        violations = []
        page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(f"{page.url}: {m.text}"))
        log_in(page, world.worker)
        page.goto(f"/clienten/{world.client_a.pk}/paspoort/")
        with page.expect_navigation():
            page.get_by_role("button", name="Paspoort maken").click()
        page.wait_for_load_state("load")
        expect(page.locator("article.passport")).to_be_visible()
        assert violations == [], "CSP violations:\n" + "\n".join(violations)
    finally:
        context.close()
