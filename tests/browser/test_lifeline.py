"""The lifeline (levenslijn) in a real browser: add events through the form on a tablet and look at the drawing.

Screenshots at 768×1024 (the tablet beside the client) and 390×844 (a phone, where the list replaces the
drawing) go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kring.lifeline.models import LifeEvent
from tests.browser.conftest import LAPTOP, TABLET
from tests.lifeline.factories import make_event
from tests.network.factories import make_member

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def has_touch(viewport) -> bool:
    return viewport != LAPTOP


def press(page, locator) -> None:
    if page.viewport_size != LAPTOP:
        locator.tap()
    else:
        locator.click()


def open_lifeline(page, client) -> None:
    page.goto(f"/clienten/{client.pk}/levenslijn/")
    expect(page.get_by_role("heading", name="Gebeurtenis toevoegen")).to_be_visible()


def add_event(page, *, title: str, when: str, tone: str, kind: str, people=(), note: str = "") -> None:
    form = page.locator("#nieuw form")
    form.get_by_label("Wat gebeurde er?").fill(title)
    form.get_by_label("Wanneer?").fill(when)
    press(page, form.get_by_role("radio", name=tone, exact=True))
    press(page, form.get_by_role("radio", name=kind, exact=True))
    for name in people:
        press(page, form.get_by_role("checkbox", name=name, exact=True))
    if note:
        form.get_by_label("Notitie").fill(note)
    with page.expect_navigation():
        press(page, form.get_by_role("button", name="Op de levenslijn zetten"))


def smallest_text_px(page) -> float:
    """The smallest font size in the drawing as shown on screen (its size in the SVG times the scale)."""
    return page.evaluate(
        """() => {
            const svg = document.querySelector('figure.lifeline-figure svg');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')));
            return Math.min(...sizes) * scale;
        }"""
    )


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_it_adds_three_events_on_a_tablet_and_draws_them(page, world, check_page, log_in):
    world.client_a.birth_year = 1979
    world.client_a.save()
    make_member(world.client_a, name="Moeder Fatiha", relation="mother", circle=1)
    make_member(world.client_a, name="Broer Youssef", relation="brother", circle=2)
    log_in(page, world.worker)
    open_lifeline(page, world.client_a)
    check_page(page, "empty lifeline")

    add_event(
        page,
        title="Diploma van de mts",
        when="juni 1997",
        tone="Een goede tijd",
        kind="Werk en school",
        people=["Moeder Fatiha"],
    )
    expect(page.get_by_text("‘Diploma van de mts’ staat op de levenslijn.")).to_be_visible()
    add_event(
        page,
        title="Huis kwijtgeraakt na de scheiding",
        when="ongeveer 2015",
        tone="Een moeilijke tijd",
        kind="Wonen en dakloosheid",
        note="Sliep daarna een jaar bij vrienden.",
    )
    add_event(
        page,
        title="Weer contact met Youssef",
        when="3-2024",
        tone="Allebei",
        kind="Relaties",
        people=["Broer Youssef", "Moeder Fatiha"],
    )

    events = {e.title: e for e in LifeEvent.objects.filter(client=world.client_a)}
    assert len(events) == 3
    assert (
        events["Huis kwijtgeraakt na de scheiding"].year,
        events["Huis kwijtgeraakt na de scheiding"].approximate,
    ) == (
        2015,
        True,
    )
    svg = page.locator("figure.lifeline-figure svg")
    expect(svg).to_be_visible()
    expect(svg.locator("g.life-event")).to_have_count(3)
    good = svg.locator(f"g.life-event[data-event-id='{events['Diploma van de mts'].pk}']")
    hard = svg.locator(f"g.life-event[data-event-id='{events['Huis kwijtgeraakt na de scheiding'].pk}']")
    mixed = svg.locator(f"g.life-event[data-event-id='{events['Weer contact met Youssef'].pk}']")
    expect(good).to_have_attribute("data-side", "above")
    expect(hard).to_have_attribute("data-side", "below")
    expect(hard).to_have_attribute("data-approximate", "true")
    expect(good).to_contain_text("juni 1997")
    expect(good).to_contain_text("met Moeder Fatiha")
    expect(hard).to_contain_text("rond 2015")
    expect(mixed).to_contain_text("maart 2024")
    expect(svg).to_contain_text("geboren 1979")
    # Good above the line, hard below it: on screen, not only in an attribute.
    axis_y = svg.locator("line.lifeline__axis").first.bounding_box()["y"]
    assert good.locator("rect").bounding_box()["y"] + good.locator("rect").bounding_box()["height"] < axis_y
    assert hard.locator("rect").bounding_box()["y"] > axis_y
    assert smallest_text_px(page) >= 14, "text in the drawing is too small to read on a tablet"
    expect(page.locator("#lifeline-list > li")).to_have_count(3)
    check_page(page, "three events")


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_it_shows_a_clear_message_for_a_date_it_cannot_read_and_keeps_the_input(page, world, check_page, log_in):
    log_in(page, world.worker)
    open_lifeline(page, world.client_a)
    add_event(
        page, title="Naar Kringstad", when="toen ik klein was", tone="Een goede tijd", kind="Wonen en dakloosheid"
    )
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#field-id_when .field__error")).to_have_text(
        "Schrijf een jaar, zoals 2015, of een maand en jaar, zoals maart 2015."
    )
    expect(page.get_by_label("Wat gebeurde er?")).to_have_value("Naar Kringstad")
    expect(page.get_by_label("Wanneer?")).to_have_value("toen ik klein was")
    check_page(page, "unreadable date")
    assert not LifeEvent.objects.exists()


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768x1024", "390x844"])
def test_a_long_lifeline_grows_downwards_and_becomes_a_list_on_a_phone(page, world, check_page, log_in):
    world.client_a.birth_year = 1975
    world.client_a.save()
    people = [
        make_member(world.client_a, name=name, relation=relation)
        for name, relation in [("Moeder Fatiha", "mother"), ("Broer Youssef", "brother"), ("Buurman Henk", "neighbour")]
    ]
    titles = [
        "Verhuisd naar Kringstad",
        "Vader overleden",
        "Begonnen bij de fietsenwerkplaats",
        "Huis kwijtgeraakt na de scheiding",
        "Opgenomen in de kliniek",
        "Eigen kamer via Housing First",
    ]
    for i in range(40):
        make_event(
            world.client_a,
            title=titles[i % len(titles)],
            year=1985 + i // 2,
            month=(i % 12) + 1 if i % 3 == 0 else None,
            approximate=i % 4 == 0,
            tone=("good", "hard", "mixed", "hard")[i % 4],
            members=people[: i % 4],
        )
    log_in(page, world.worker)
    open_lifeline(page, world.client_a)
    svg = page.locator("figure.lifeline-figure svg")
    if page.viewport_size == PHONE:
        expect(svg).to_be_hidden()
        expect(page.locator("#lifeline-list > li")).to_have_count(40)
        expect(page.locator("#lifeline-list > li").first).to_be_visible()
    else:
        expect(svg.locator("g.life-event")).to_have_count(40)
        assert smallest_text_px(page) >= 14
        assert int(svg.get_attribute("data-rows")) > 5
    check_page(page, "forty events")


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768x1024", "390x844"])
def test_it_edits_and_removes_an_event(page, world, check_page, log_in):
    event = make_event(world.client_a, title="Huis kwijt", year=2015, tone="hard")
    log_in(page, world.worker)
    open_lifeline(page, world.client_a)
    with page.expect_navigation():
        press(page, page.get_by_role("link", name=re.compile(r"^Wijzigen\s*: Huis kwijt$")))
    check_page(page, "edit form")
    page.get_by_label("Wanneer?").fill("rond 2014")
    with page.expect_navigation():
        press(page, page.get_by_role("button", name="Opslaan"))
    event.refresh_from_db()
    assert (event.year, event.approximate) == (2014, True)
    expect(page.locator("#lifeline-list")).to_contain_text("rond 2014")

    with page.expect_navigation():
        press(page, page.get_by_role("link", name=re.compile(r"^Verwijderen\s*: Huis kwijt$")))
    check_page(page, "remove question")
    with page.expect_navigation():
        press(page, page.get_by_role("button", name="Ja, verwijderen"))
    expect(page.get_by_text("‘Huis kwijt’ staat niet meer op de levenslijn.")).to_be_visible()
    event.refresh_from_db()
    assert event.removed_at is not None


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_it_prints_the_lifeline_with_pseudonyms(page, world, check_page, log_in):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother", pseudonym="Mama M.")
    make_event(world.client_a, title="Diploma", year=1997, tone="good", members=[mother])
    make_event(world.client_a, title="Huis kwijt", year=2015, tone="hard", approximate=True)
    log_in(page, world.worker)
    open_lifeline(page, world.client_a)
    with page.expect_navigation():
        press(page, page.get_by_role("link", name="Afdrukken"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Levenslijn van Anna Aalders")
    check_page(page, "print page")
    with page.expect_navigation():
        press(page, page.get_by_role("link", name="Met schuilnamen (voor intervisie)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Levenslijn met schuilnamen")
    expect(page.locator("main")).not_to_contain_text("Moeder Fatiha")
    expect(page.locator("figure.lifeline-figure svg")).to_contain_text("met Mama M.")
    page.emulate_media(media="print")
    check_page.screenshot(page, "print media with pseudonyms")
    for hidden in (".site-header", ".site-footer", ".print-actions"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("figure.lifeline-figure svg")).to_be_visible()


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_the_lifeline_pages_keep_to_the_content_security_policy(browser, live_server, viewport, world, log_in):
    """The other tests bypass the CSP (for axe-core); this one browses the lifeline under the real policy."""
    event = make_event(world.client_a, title="Huis kwijt", year=2015, tone="hard", approximate=True)
    context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="nl-NL")
    try:
        page = context.new_page()
        violations = []
        page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(f"{page.url}: {m.text}"))
        log_in(page, world.worker)
        base = f"/clienten/{world.client_a.pk}/levenslijn/"
        for path in ["", "afdrukken/", "afdrukken/?schuilnamen=1", f"gebeurtenissen/{event.pk}/"]:
            page.goto(base + path)
            page.wait_for_load_state("load")
        assert violations == [], "CSP violations:\n" + "\n".join(violations)
    finally:
        context.close()
