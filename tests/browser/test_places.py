"""Places in a real browser: samen op zoek from a search to a new member (on a tablet, by touch), every
places page looked at (tablet and phone), and the map when a tile server is set (under the real
Content-Security-Policy). test_pages_fit.py opens the same pages on a laptop.

Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kring.network.models import Member
from kring.places.models import MetAt, Place, PlaceImport
from kring.support.models import Action
from tests.browser.conftest import LAPTOP, TABLET
from tests.places.factories import fixture_text, make_place, make_start_point

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def has_touch(viewport) -> bool:
    """The tablet is used by touch, the laptop with a mouse."""
    return viewport == TABLET


def press(locator, touch: bool) -> None:
    if touch:
        locator.tap()
    else:
        locator.click()


def _city(world):
    make_start_point(world.org, name="Nachtopvang Test", location=world.location)
    make_place(
        world.org,
        name="Buurthuis De Ketting",
        category="community_centre",
        lat=52.2009,
        lon=5.3009,
        street_address="Kettingweg 5",
        description="Samen koken op donderdag en een moestuin.",
        opening_hours="Mo-Fr 09:00-21:00",
        languages=["nl", "tr"],
        audiences=["families"],
    )
    make_place(world.org, name="Moskee An-Noer", category="mosque", lat=52.2050, lon=5.2990, languages=["ar", "nl"])
    make_place(
        world.org,
        name="Bibliotheek De Bladzijde met een heel lange naam die op een tablet moet afbreken",
        category="library",
        lat=52.1990,
        lon=5.3020,
        opening_hours="Tu-Sa 10:00-18:00",
    )
    make_place(
        world.other_org, name="Taalmaatjes (gedeeld)", category="volunteering", lat=52.2040, lon=5.3040, shared=True
    )
    make_place(world.other_org, name="Niet gedeeld", category="walk_in", lat=52.2001, lon=5.3001)


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024-touch"])
def test_samen_op_zoek_from_a_search_to_a_new_member(page, world, log_in, check_page, has_touch):
    _city(world)
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/plekken/")
    check_page(page, "client places empty")

    press(page.get_by_role("link", name="Zoek een plek").last, has_touch)
    expect(page.get_by_text("Kring zoekt vanaf de locatie van Anna: Nachtopvang Test.")).to_be_visible()
    expect(page.get_by_text("4 plekken binnen 5 km van Nachtopvang Test")).to_be_visible()
    expect(page.get_by_text("Niet gedeeld")).to_have_count(0)
    check_page(page, "client search")

    page.get_by_label("Soort plek").select_option(label="Buurthuis")
    press(page.get_by_role("button", name="Zoeken"), has_touch)
    expect(page.get_by_text("1 plek binnen 5 km van Nachtopvang Test")).to_be_visible()
    press(page.get_by_role("button", name="Bewaar Buurthuis De Ketting"), has_touch)
    expect(page.get_by_text("Buurthuis De Ketting staat nu bij de plekken van Anna.")).to_be_visible()
    expect(page.locator(".place-badge--saved")).to_have_text("Bewaard")
    check_page(page, "client search saved")

    # A tap's click comes after the tap has returned: wait for the page it opens before checking it.
    with page.expect_navigation():
        press(page.get_by_role("link", name="Plekken van Anna"), has_touch)
    check_page(page, "client places")
    with page.expect_navigation():
        press(page.get_by_role("link", name="Buurthuis De Ketting"), has_touch)
    check_page(page, "suggestion")

    press(page.get_by_role("link", name="Afspreken om te gaan"), has_touch)
    day = timezone.localdate() + timedelta(days=2)
    page.get_by_label("Wanneer gaan jullie?").fill(day.isoformat())
    check_page(page, "plan")
    press(page.get_by_role("button", name="Afspreken"), has_touch)
    expect(page.get_by_text("Afgesproken. De actie staat op het Werk-tabblad en bij Mijn acties.")).to_be_visible()
    action = Action.objects.get()
    assert (action.description, action.due_date) == ("Samen naar Buurthuis De Ketting gaan", day)

    with page.expect_navigation():
        press(page.get_by_role("link", name="Bezoek vastleggen"), has_touch)
    check_page(page, "visit form")
    # A first try without a name for the person met: the message is by the field, the rest is kept.
    press(page.get_by_label("Ging goed"), has_touch)
    page.get_by_label("Wat viel op?").fill("Samen gekookt, Anna lachte veel.")
    press(page.get_by_label("De cliënt heeft iemand leren kennen"), has_touch)
    press(page.get_by_role("button", name="Bezoek vastleggen"), has_touch)
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.get_by_label("Wat viel op?")).to_have_value("Samen gekookt, Anna lachte veel.")
    check_page(page, "visit form errors")
    page.get_by_label(re.compile(r"^Naam")).fill("Yusuf van de koffie")
    press(page.get_by_role("button", name="Bezoek vastleggen"), has_touch)
    expect(page.get_by_text("Het bezoek is vastgelegd en Yusuf van de koffie staat nu in het netwerk.")).to_be_visible()
    check_page(page, "suggestion after visit")

    member = Member.objects.get(name="Yusuf van de koffie")
    assert (member.client, member.circle) == (world.client_a, 3)
    assert MetAt.objects.get(member=member).place.name == "Buurthuis De Ketting"
    action.refresh_from_db()
    assert action.status == "done"

    press(page.get_by_role("link", name="Yusuf van de koffie"), has_touch)
    expect(page).to_have_url(re.compile(re.escape(reverse("network:member", args=[world.client_a.pk, member.pk]))))
    # The member remembers where they met (the member page shows places/_member_place.html).
    remembered = page.locator(".member-place")
    expect(remembered).to_contain_text("Leren kennen bij")
    expect(remembered.get_by_role("link", name="Buurthuis De Ketting")).to_be_visible()
    check_page(page, "member page")


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768x1024", "390x844"])
def test_every_places_page_looks_right(page, world, log_in, check_page, viewport, tmp_path):
    _city(world)
    place = Place.objects.get(name="Buurthuis De Ketting")
    log_in(page, world.org_admin)
    page.goto("/plekken/")
    check_page(page, "search")
    page.goto("/plekken/?vanaf=&taal=nl")
    check_page(page, "search by name")
    page.goto("/plekken/?vanaf=coords&coordinaten=noord")
    expect(page.get_by_text("Vul twee getallen in")).to_have_count(2)
    check_page(page, "search bad coordinates")
    page.goto(f"/plekken/{place.pk}/")
    expect(page.get_by_text("Maandag t/m vrijdag: 09:00–21:00")).to_be_visible()
    check_page(page, "place")
    page.goto(f"/plekken/{place.pk}/wijzigen/")
    page.get_by_label("Naam", exact=True).fill("")
    page.get_by_label("Ligging op de kaart").fill("ergens")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#form-errors")).to_be_visible()
    check_page(page, "place form errors")
    page.goto("/plekken/nieuw/")
    check_page(page, "place form")
    page.goto("/plekken/startpunten/")
    check_page(page, "start points")

    page.goto("/plekken/importeren/")
    check_page(page, "import")
    broken = tmp_path / "kapot.csv"
    broken.write_text("naam;categorie\nGoed;Kerk\nFout;Kroeg\n", encoding="utf-8")
    page.get_by_label("Bestand", exact=True).set_input_files(str(broken))
    page.get_by_role("button", name="Bekijk wat er gebeurt").click()
    expect(page.get_by_text("Regel 3: de categorie ‘Kroeg’ kennen we niet.", exact=False)).to_be_visible()
    check_page(page, "import broken file")
    good = tmp_path / "export.json"
    good.write_text(fixture_text("overpass.json"), encoding="utf-8")
    page.get_by_label("Bestand", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Bekijk wat er gebeurt").click()
    expect(page.get_by_role("heading", name="Controleer de import")).to_be_visible()
    check_page(page, "import preview")
    page.get_by_role("button", name="Inlezen", exact=True).click()
    expect(page.get_by_text("Klaar: de plekken zijn ingelezen.")).to_be_visible()
    check_page(page, "import report")
    assert PlaceImport.objects.get().report["new"] == 14

    page.goto("/plekken/?soort=mosque")
    expect(page.get_by_text("OpenStreetMap-bijdragers")).to_be_visible()
    check_page(page, "search with osm places")


@pytest.mark.parametrize("viewport", [LAPTOP], ids=["1280x800"])
def test_with_a_tile_server_the_list_gets_a_map_under_the_real_csp(
    browser, live_server, viewport, world, log_in, check_page, monkeypatch
):
    # Tiles from Kring's own static files stand in for a tile server (the same picture for every tile).
    monkeypatch.setenv("KRING_MAP_TILES", "/static/vendor/leaflet-1.9.4/images/layers.png?z={z}&x={x}&y={y}")
    _city(world)
    context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="nl-NL", reduced_motion="reduce")
    try:
        page = context.new_page()
        violations = []
        page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
        log_in(page, world.worker)
        page.goto("/plekken/")
        expect(page.locator("#places-map.leaflet-container")).to_be_visible()
        expect(page.locator("#places-map path.leaflet-interactive")).to_have_count(5)  # 4 places and the start
        page.locator("#places-map path.leaflet-interactive").nth(1).click(force=True)
        expect(page.locator(".leaflet-popup-content a")).to_have_count(1)
        place = Place.objects.get(name="Moskee An-Noer")
        page.goto(f"/plekken/{place.pk}/")
        expect(page.locator("#places-map path.leaflet-interactive")).to_have_count(1)
        assert violations == [], violations
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_the_map_passes_axe(page, world, log_in, check_page, monkeypatch):
    monkeypatch.setenv("KRING_MAP_TILES", "/static/vendor/leaflet-1.9.4/images/layers.png?z={z}&x={x}&y={y}")
    _city(world)
    log_in(page, world.worker)
    page.goto("/plekken/")
    expect(page.locator("#places-map.places-map--ready")).to_be_visible()
    check_page(page, "search with map")


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_without_a_tile_server_the_list_is_the_whole_feature(page, world, log_in, monkeypatch):
    monkeypatch.delenv("KRING_MAP_TILES", raising=False)
    _city(world)
    log_in(page, world.worker)
    page.goto("/plekken/")
    expect(page.locator("li.place-card")).to_have_count(4)
    expect(page.locator("#places-map")).to_have_count(0)
    assert page.evaluate("typeof window.L") == "undefined"
