"""Questionnaires on a tablet: the De Jong Gierveld scale filled in together by touch, and every page looked at.

Every context here has a touch screen: the fill-in page is a conversation aid for a worker and a client
around a tablet. Screenshots at 768×1024 and 390×844 go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.measures.models import QuestionnaireResponse
from tests.browser.conftest import TABLET
from tests.measures.factories import MODERATE, make_response

PHONE = {"width": 390, "height": 844}

# The statements and the answer tapped for each, as on the screen: total 3 of 6 (see MODERATE).
TAPS = [
    ("emptiness", "Ja"),
    ("rely_on", "Nee"),
    ("trust", "Ja"),
    ("miss_people", "Min of meer"),
    ("close", "Ja"),
    ("rejected", "Nee"),
]


@pytest.fixture
def has_touch() -> bool:
    return True


def card(page, key):
    return page.locator(f'li.q-card[data-item="{key}"]')


def answer(page, key, label):
    return card(page, key).locator("label.q-answer", has_text=label).first


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_filling_in_the_loneliness_scale_together_by_touch(page, world, log_in, check_page):
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/")
    taps = 0
    page.get_by_role("link", name="Vragenlijsten").tap()
    taps += 1
    expect(page.get_by_role("heading", name="Eenzaamheid (De Jong Gierveld)")).to_be_visible()
    check_page(page, "overview empty")

    page.get_by_role("link", name=re.compile(r"^Invullen\W+Eenzaamheid")).tap()
    taps += 1
    expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
    check_page(page, "choose language")
    page.get_by_role("button", name="Nederlands").tap()
    taps += 1
    expect(page.get_by_text("Er zijn geen goede of foute antwoorden.", exact=False)).to_be_visible()
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)  # nothing chosen for the client
    check_page(page, "fill in")

    # Every answer is a big target: at least 44px high (56px by design), wide enough for a thumb.
    for box in (answer(page, "emptiness", label).bounding_box() for label in ("Ja", "Min of meer", "Nee")):
        assert box["height"] >= 44 and box["width"] >= 44
    assert answer(page, "emptiness", "Overslaan").bounding_box()["height"] >= 44

    # A change of mind: "Ja", then "Overslaan", then "Ja" again on the first statement.
    answer(page, "emptiness", "Ja").tap()
    answer(page, "emptiness", "Overslaan").tap()
    expect(card(page, "emptiness").get_by_role("radio", name="Overslaan")).to_be_checked()
    taps += 2
    for key, label in TAPS:
        answer(page, key, label).tap()
        taps += 1
        expect(card(page, key).get_by_role("radio", name=label, exact=True)).to_be_checked()
    expect(page.get_by_label("Datum")).to_have_value(timezone.localdate().isoformat())
    check_page(page, "fill in, answered")

    page.get_by_role("button", name="Klaar: laat de uitkomst zien").tap()
    taps += 1
    result = page.locator(".q-result__phrase")
    expect(result).to_have_text("Matig eenzaam: 3 van 6")
    expect(page.locator('[data-subscale="emotional"] dd')).to_have_text("Eenzaam: 2 van 3")
    expect(page.locator('[data-subscale="social"] dd')).to_have_text("Eenzaam: 1 van 3")
    check_page(page, "result")
    saved = QuestionnaireResponse.objects.get()
    assert saved.answers == MODERATE
    assert taps == 12  # tab, Invullen, language, 2 changes of mind, 6 answers, Klaar
    print(f"\nDe Jong Gierveld filled in with {taps} taps (of which 2 a change of mind)")


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_date_in_the_future_is_refused_with_the_answers_kept(page, world, log_in, check_page):
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/vragenlijsten/djg6/invullen/?taal=nl")
    for key, label in TAPS:
        answer(page, key, label).tap()
    page.get_by_label("Datum").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Klaar: laat de uitkomst zien").tap()
    expect(page.locator("#form-errors")).to_contain_text("De datum kan niet in de toekomst liggen.")
    expect(card(page, "miss_people").get_by_role("radio", name="Min of meer")).to_be_checked()
    check_page(page, "fill in with an error")
    assert not QuestionnaireResponse.objects.exists()


def _history(world):
    start = date(2025, 9, 1)
    vectors = [
        {**MODERATE, "trust": "no", "close": "no", "rejected": "yes"},  # 6
        {**MODERATE, "trust": "no", "close": "no"},  # 5
        {**MODERATE, "emptiness": "", "close": ""},  # no total: a gap
        dict(MODERATE),  # 3
        {**MODERATE, "rely_on": "yes"},  # 2
    ]
    for i, answers in enumerate(vectors):
        make_response(
            world.client_a, by=world.worker, day=start + timedelta(days=45 * i), answers=answers, note="Goed gesprek."
        )
    for i, level in enumerate("2334"):
        make_response(
            world.client_a,
            by=world.worker,
            key="zrm_social",
            day=start + timedelta(days=60 * i),
            answers={"social_network": level},
        )


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768x1024", "390x844"])
def test_every_questionnaire_page_looks_right(page, world, log_in, check_page):
    _history(world)
    latest = QuestionnaireResponse.objects.filter(questionnaire="djg6").order_by("-date").first()
    client = world.client_a.pk
    log_in(page, world.worker)

    page.goto(f"/clienten/{client}/vragenlijsten/")
    expect(page.locator('[data-questionnaire="djg6"] .q-summary__result')).to_have_text("Matig eenzaam: 2 van 6")
    expect(page.locator('[data-questionnaire="zrm_social"] .q-summary__result')).to_have_text(
        "Voldoende zelfredzaam: 4 van 5"
    )
    check_page(page, "overview")

    page.goto(f"/clienten/{client}/vragenlijsten/djg6/")
    chart = page.locator("svg.trend-chart:visible")
    expect(chart).to_have_count(1)
    assert chart.locator("circle").count() == 4
    assert chart.locator("line[data-gap]").count() == 1
    check_page(page, "trend")

    page.goto(f"/clienten/{client}/vragenlijsten/zrm_social/")
    expect(page.locator("svg.trend-chart:visible circle")).to_have_count(4)
    check_page(page, "trend zrm")

    page.goto(f"/clienten/{client}/vragenlijsten/antwoorden/{latest.pk}/")
    expect(page.locator(".q-result__phrase")).to_have_text("Matig eenzaam: 2 van 6")
    check_page(page, "result")

    page.goto(f"/clienten/{client}/vragenlijsten/antwoorden/{latest.pk}/wijzigen/")
    expect(card(page, "rely_on").get_by_role("radio", name="Ja", exact=True)).to_be_checked()
    check_page(page, "edit")

    page.goto(f"/clienten/{client}/vragenlijsten/djg6/invullen/?taal=en")
    expect(page.get_by_text("I experience a general sense of emptiness")).to_be_visible()
    check_page(page, "fill in english")

    page.goto(f"/clienten/{client}/vragenlijsten/zrm_social/invullen/?taal=nl")
    answer(page, "social_network", "Beperkt zelfredzaam").tap()
    check_page(page, "fill in zrm")
    page.get_by_role("button", name="Klaar: laat de uitkomst zien").tap()
    expect(page.locator(".q-result__phrase")).to_have_text("Beperkt zelfredzaam: 3 van 5")


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_editing_and_removing_a_response(page, world, log_in, check_page):
    saved = make_response(world.client_a, by=world.worker, day=date(2026, 1, 5))
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/vragenlijsten/antwoorden/{saved.pk}/")
    page.get_by_role("link", name="Antwoorden wijzigen").tap()
    answer(page, "trust", "Nee").tap()
    page.get_by_role("button", name="Wijzigingen opslaan").tap()
    expect(page.locator(".q-result__phrase")).to_have_text("Matig eenzaam: 4 van 6")
    page.get_by_text("Deze ingevulde vragenlijst verwijderen").tap()
    check_page(page, "remove open")
    page.get_by_role("button", name="Verwijderen").tap()
    expect(page.get_by_text("De vragenlijst van 5 januari 2026 is verwijderd.", exact=False)).to_be_visible()
    saved.refresh_from_db()
    assert saved.removed_at is not None and saved.version == 3


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_the_pages_keep_to_the_content_security_policy(browser, live_server, viewport, world, log_in):
    """The other tests bypass the CSP for axe; here the real policy holds: no inline style or script, the
    SVG charts drawn with presentation attributes only."""
    _history(world)
    latest = QuestionnaireResponse.objects.filter(questionnaire="djg6").order_by("-date").first()
    context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="nl-NL", has_touch=True)
    try:
        page = context.new_page()
        violations = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        log_in(page, world.worker)
        base = f"/clienten/{world.client_a.pk}/vragenlijsten/"
        for path in (
            base,
            f"{base}djg6/",
            f"{base}djg6/invullen/",
            f"{base}djg6/invullen/?taal=nl",
            f"{base}antwoorden/{latest.pk}/",
            f"{base}antwoorden/{latest.pk}/wijzigen/",
        ):
            page.goto(path)
            page.wait_for_load_state("load")
        assert violations == []
    finally:
        context.close()
