"""The social map through the views: search by distance with filters, a place's page, adding and correcting
places, and what another organisation may (not) see."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.places import geo, selectors
from kring.places.models import Place
from kring.places.selectors import Filters, Origin
from tests.places.factories import KRINGSTAD, make_place, make_start_point

SEARCH = "/plekken/"
AMS = ZoneInfo("Europe/Amsterdam")


def km_north(km: float) -> float:
    """The latitude ``km`` north of Kringstad's centre (along a meridian: exact)."""
    return KRINGSTAD[0] + km / geo.EARTH_RADIUS_KM * 180 / 3.141592653589793


def test_a_worker_finds_places_sorted_by_distance_with_walking_time(world, login):
    make_start_point(world.org)
    far = make_place(world.org, name="Ver weg", lat=km_north(4.0), lon=KRINGSTAD[1])
    near = make_place(world.org, name="Dichtbij", lat=km_north(0.5), lon=KRINGSTAD[1])
    middle = make_place(world.org, name="Halverwege", lat=km_north(2.0), lon=KRINGSTAD[1])
    make_place(world.org, name="Buiten de straal", lat=km_north(6.0), lon=KRINGSTAD[1])
    body = login(world.worker).get(SEARCH).content.decode()
    assert body.index(near.name) < body.index(middle.name) < body.index(far.name)
    assert "Buiten de straal" not in body
    assert "3 plekken binnen 5 km van Nachtopvang Test" in body
    assert "500 m · ongeveer 9 minuten lopen" in body
    assert "2,0 km · ongeveer 35 minuten lopen" in body


def test_the_distance_order_matches_haversine_for_known_coordinates(world):
    # Four places around Amsterdam Centraal; the known great-circle distances decide the order.
    points = {
        "Dam": (52.3731, 4.8926),
        "Westerkerk": (52.3747, 4.8840),
        "Vondelpark": (52.3580, 4.8686),
        "Utrecht Centraal": (52.0894, 5.1100),
    }
    for name, (lat, lon) in points.items():
        make_place(world.org, name=name, lat=lat, lon=lon)
    origin = Origin("Amsterdam Centraal", 52.3791, 4.9003)
    page = selectors.search(
        world.worker, filters=Filters(), now=datetime(2026, 3, 2, 12, tzinfo=AMS), origin=origin, radius_km=50
    )
    found = [(hit.place.name, hit.distance_km) for hit in page]
    assert [name for name, _km in found] == ["Dam", "Westerkerk", "Vondelpark", "Utrecht Centraal"]
    for name, distance in found:
        assert distance == pytest.approx(geo.haversine_km(52.3791, 4.9003, *points[name]))
    assert found[-1][1] == pytest.approx(35.3, abs=0.3)


def test_the_radius_search_lets_the_database_drop_what_is_outside_the_box(world, monkeypatch):
    for i in range(30):  # far away: 50+ km south
        make_place(world.org, name=f"Elders {i}", lat=51.7 - i * 0.01, lon=5.3)
    make_place(world.org, name="Hier", lat=52.2001, lon=5.3001)
    calls = []
    real = geo.haversine_km
    monkeypatch.setattr(geo, "haversine_km", lambda *a: calls.append(a) or real(*a))
    with CaptureQueriesContext(connection) as queries:
        page = selectors.search(
            world.worker,
            filters=Filters(),
            now=datetime(2026, 3, 2, 12, tzinfo=AMS),
            origin=Origin("x", *KRINGSTAD),
            radius_km=5,
        )
    assert [hit.place.name for hit in page] == ["Hier"]
    assert len(calls) == 1  # only the place inside the box came to Python
    box_query = next(q["sql"] for q in queries.captured_queries if '"latitude" >=' in q["sql"])
    assert '"longitude" <=' in box_query


def test_places_of_another_organisation_show_up_only_when_shared(world, login):
    make_start_point(world.org)
    make_place(world.org, name="Eigen buurthuis")
    make_place(world.other_org, name="Gedeeld inloophuis", shared=True)
    secret = make_place(world.other_org, name="Geheime plek", shared=False)
    removed = make_place(world.org, name="Weggehaald", removed_at="2026-01-01T00:00:00Z")
    browser = login(world.worker)
    for query in ("", "?vanaf=", "?q=plek", "?q=Geheime", "?soort=community_centre"):
        body = browser.get(SEARCH + query).content.decode()
        assert "Geheime plek" not in body
        assert "Weggehaald" not in body
    body = browser.get(SEARCH).content.decode()
    assert "Eigen buurthuis" in body
    assert "Gedeeld inloophuis" in body
    assert "Gedeeld door Andere Opvang" in body
    assert browser.get(reverse("places:detail", args=[secret.pk])).status_code == 404
    assert browser.get(reverse("places:detail", args=[removed.pk])).status_code == 404


def test_the_filters_narrow_the_list(world, login):
    make_start_point(world.org)
    make_place(world.org, name="Moskee Noord", category="mosque", languages=["ar", "nl"], audiences=["men"])
    make_place(world.org, name="Kerk Zuid", category="church", languages=["nl"], audiences=["women", "community"])
    make_place(world.org, name="Taalcafé", category="library", languages=["pl"], description="koffie en Pools")
    browser = login(world.worker)

    def names(query):
        body = browser.get(SEARCH + query).content.decode()
        return [n for n in ("Moskee Noord", "Kerk Zuid", "Taalcafé") if n in body]

    assert names("?soort=mosque") == ["Moskee Noord"]
    assert names("?taal=nl") == ["Moskee Noord", "Kerk Zuid"]
    assert names("?taal=pl") == ["Taalcafé"]
    assert names("?voor_wie=women") == ["Kerk Zuid"]
    assert names("?q=pools") == ["Taalcafé"]
    assert names("?vanaf=&taal=ar") == ["Moskee Noord"]  # by name, without a start point


def test_open_now_uses_the_clock(world, login, monkeypatch):
    make_start_point(world.org)
    make_place(world.org, name="Ochtendkoffie", opening_hours="Mo-Fr 09:00-12:00")
    make_place(world.org, name="Avondeten", opening_hours="Mo-Fr 17:00-20:00")
    make_place(world.org, name="Onbekende tijden", opening_hours="op afspraak")
    browser = login(world.worker)
    monday_morning = datetime(2026, 3, 2, 10, 30, tzinfo=AMS)
    monkeypatch.setattr("kring.places.views.timezone.localtime", lambda *a: monday_morning)
    body = browser.get(SEARCH + "?nu_open=on").content.decode()
    assert "Ochtendkoffie" in body and "Avondeten" not in body and "Onbekende tijden" not in body
    body = browser.get(SEARCH + "?vanaf=&nu_open=on").content.decode()
    assert "Ochtendkoffie" in body and "Avondeten" not in body
    body = browser.get(SEARCH).content.decode()
    assert body.count("place-badge--open") == 1 and body.count("place-badge--closed") == 1


def test_open_now_in_the_selector_with_a_fixed_clock(world):
    make_place(world.org, name="Vrijdagavond", opening_hours="Fr 22:00-02:00")
    origin = Origin("x", *KRINGSTAD)
    saturday_night = datetime(2026, 3, 7, 1, 30, tzinfo=AMS)
    sunday_night = datetime(2026, 3, 8, 1, 30, tzinfo=AMS)
    open_only = Filters(open_now=True)
    assert len(selectors.search(world.worker, filters=open_only, now=saturday_night, origin=origin, radius_km=5)) == 1
    assert len(selectors.search(world.worker, filters=open_only, now=sunday_night, origin=origin, radius_km=5)) == 0


def test_searching_from_coordinates_and_bad_coordinates(world, login):
    make_place(world.org, name="Plek bij de coördinaten", lat=52.3702, lon=4.8952)
    browser = login(world.worker)
    body = browser.get(SEARCH + "?vanaf=coords&coordinaten=52.3702%2C+4.8952").content.decode()
    assert "Plek bij de coördinaten" in body
    response = browser.get(SEARCH + "?vanaf=coords&coordinaten=ergens+in+de+stad")
    assert response.status_code == 422
    body = response.content.decode()
    assert "Vul twee getallen in: eerst de breedtegraad, dan de lengtegraad" in body
    assert 'value="ergens in de stad"' in body
    response = browser.get(SEARCH + "?vanaf=coords")
    assert "Vul de coördinaten in, of kies een startpunt." in response.content.decode()
    assert browser.get(SEARCH + "?vanaf=p999999").status_code == 422
    assert browser.get(SEARCH + "?straal=7").status_code == 422


def test_without_start_points_the_page_explains_and_sorts_by_name(world, login):
    make_place(world.org, name="Bibliotheek")
    body = login(world.worker).get(SEARCH).content.decode()
    assert "Zoek vanaf coördinaten, of vraag de functioneel beheerder om startpunten" in body
    assert "1 plek, op naam" in body


def test_without_a_tile_server_there_is_no_map_at_all(world, login, monkeypatch):
    monkeypatch.delenv("KRING_MAP_TILES", raising=False)
    make_start_point(world.org)
    make_place(world.org, name="Buurthuis")
    response = login(world.worker).get(SEARCH)
    body = response.content.decode()
    assert "places-map" not in body and "leaflet" not in body
    assert "tile.example.org" not in response["Content-Security-Policy"]


def test_with_a_tile_server_the_list_gets_a_map_and_the_tiles_are_allowed(world, login, monkeypatch):
    monkeypatch.setenv("KRING_MAP_TILES", "https://{s}.tile.example.org/{z}/{x}/{y}.png")
    make_start_point(world.org)
    make_place(world.org, name="Buurthuis")
    response = login(world.worker).get(SEARCH)
    body = response.content.decode()
    assert 'id="places-map"' in body and "vendor/leaflet-1.9.4/leaflet.js" in body
    assert 'data-tiles="https://{s}.tile.example.org/{z}/{x}/{y}.png"' in body
    assert "img-src 'self' data: https://*.tile.example.org" in response["Content-Security-Policy"]


@pytest.mark.parametrize("value", ["https://tiles.example.org/map.png", "ftp://x/{z}/{x}/{y}", "https://{z}.x/{x}/{y}"])
def test_a_wrong_tile_setting_is_refused(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from kring.places.conf import map_config

    monkeypatch.setenv("KRING_MAP_TILES", value)
    with pytest.raises(ImproperlyConfigured):
        map_config()


@pytest.mark.parametrize("query", ["", "?vanaf=", "?nu_open=on&taal=nl"])
def test_the_search_query_count_does_not_grow_with_the_number_of_places(
    world, login, django_assert_max_num_queries, query
):
    make_start_point(world.org)
    browser = login(world.worker)

    def fill(n, start):
        for i in range(start, start + n):
            organisation = world.org if i % 2 else world.other_org
            make_place(
                organisation,
                name=f"Plek {i:03}",
                shared=True,
                lat=52.2 + i / 10000,
                languages=["nl"],
                opening_hours="24/7",
            )

    fill(2, 0)
    browser.get(SEARCH + query)
    with django_assert_max_num_queries(12) as small:
        browser.get(SEARCH + query)
    fill(30, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Plek 020" in browser.get(SEARCH + query).content.decode()
    print(f"search{query or ' (default)'}: {len(small.captured_queries)} queries for 2 and for 32 places")


def test_a_researcher_does_not_use_the_social_map(world, login):
    place = make_place(world.org)
    browser = login(world.researcher)
    for url in (SEARCH, reverse("places:add"), reverse("places:detail", args=[place.pk]), reverse("places:import")):
        assert browser.get(url).status_code == 404


# --- A place's page, adding and correcting ----------------------------------------------------------


def test_a_place_page_shows_everything_with_the_osm_attribution(world, login):
    place = make_place(
        world.org,
        name="Inloop De Zeef",
        category="walk_in",
        opening_hours="Mo-Fr 09:00-17:00",
        opening_notes="In de zomer korter",
        languages=["nl", "ar"],
        audiences=["homeless"],
        wheelchair="yes",
        cost="free",
        source="osm",
        source_id="node/9000000001",
        attribution="© OpenStreetMap-bijdragers, ODbL 1.0",
    )
    body = login(world.worker).get(reverse("places:detail", args=[place.pk])).content.decode()
    for text in (
        "Inloophuis",
        'Maandag t/m vrijdag: <span class="place-hours__times">09:00–17:00</span>',
        "In de zomer korter",
        "Nederlands, Arabisch",
        "Dak- en thuisloze mensen",
        "Toegankelijk met een rolstoel",
        "Gratis",
        "© OpenStreetMap-bijdragers, ODbL 1.0",
        "https://www.openstreetmap.org/node/9000000001",
        "https://www.openstreetmap.org/copyright",
    ):
        assert text in body


def _place_data(**overrides):
    data = {
        "name": "Buurthuis De Hoek",
        "category": "community_centre",
        "description": "",
        "street_address": "Hoekstraat 1",
        "postcode": "",
        "city": "Kringstad",
        "coordinates": "52,2010; 5,3010",
        "community": "",
        "opening_hours": "ma t/m vr 10.00-16.00",
        "opening_notes": "",
        "phone": "",
        "email": "",
        "website": "hoek.test",
        "wheelchair": "",
        "accessibility_note": "",
        "cost": "",
        "cost_note": "",
        "checked_on": "",
        "languages": ["nl", "ar"],
    }
    data.update(overrides)
    return data


def test_a_worker_adds_a_place_for_their_organisation(world, login):
    response = login(world.worker).post(reverse("places:add"), _place_data())
    place = Place.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("places:detail", args=[place.pk])
    assert (place.organisation, place.created_by, place.shared) == (world.org, world.worker, False)
    assert (place.latitude, place.longitude) == (52.201, 5.301)
    assert place.opening_hours == "Mo-Fr 10:00-16:00"  # Dutch day names made structured
    assert (place.website, place.languages) == ("https://hoek.test", ["nl", "ar"])


def test_the_shared_box_is_for_the_admin_only(world, login):
    assert "Delen met alle organisaties" not in login(world.worker).get(reverse("places:add")).content.decode()
    login(world.worker).post(reverse("places:add"), _place_data(shared="on"))
    assert Place.objects.get().shared is False
    login(world.org_admin).post(reverse("places:add"), _place_data(name="Gedeeld", shared="on"))
    assert Place.objects.get(name="Gedeeld").shared is True


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "  "}, "Vul de naam van de plek in."),
        ({"category": ""}, "Kies wat voor plek het is."),
        ({"category": "kroeg"}, "Kies wat voor plek het is."),
        ({"coordinates": "bij het station"}, "Vul twee getallen in"),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in."),
        ({"website": "http://"}, "Vul een geldig webadres in"),
        ({"checked_on": "2999-01-01"}, "Deze datum ligt in de toekomst."),
        ({"checked_on": "gisteren"}, "Vul een datum in, zoals 15-03-2027."),
        ({"languages": ["nl", "klingon"]}, "Kies een taal uit de lijst."),
        ({"audiences": ["marsmannetjes"]}, "Kies uit de lijst."),
        ({"wheelchair": "vliegend"}, "Kies uit de lijst."),
        ({"cost": "gratis?"}, "Kies uit de lijst."),
    ],
)
def test_bad_input_gets_a_message_by_the_field_keeps_the_input_and_saves_nothing(world, login, overrides, message):
    response = login(world.worker).post(reverse("places:add"), _place_data(**overrides))
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    assert 'value="Hoekstraat 1"' in body
    assert not Place.objects.exists()


def test_hours_kring_cannot_read_are_kept_with_a_warning(world, login):
    response = login(world.worker).post(
        reverse("places:add"), _place_data(opening_hours="als de bel gaat"), follow=True
    )
    assert "Kring kan de openingstijden niet lezen" in response.content.decode()
    assert Place.objects.get().opening_hours == "als de bel gaat"


def test_a_worker_corrects_a_place_and_a_stale_form_is_refused(world, login):
    place = make_place(world.org, name="Oud")
    browser = login(world.worker)
    assert browser.get(reverse("places:edit", args=[place.pk])).status_code == 200
    response = browser.post(reverse("places:edit", args=[place.pk]), _place_data(name="Nieuw", version=1))
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.name, place.version, place.updated_by) == ("Nieuw", 2, world.worker)
    response = browser.post(reverse("places:edit", args=[place.pk]), _place_data(name="Te laat", version=1))
    assert response.status_code == 409
    assert "Iemand anders heeft dit net gewijzigd" in response.content.decode()
    place.refresh_from_db()
    assert place.name == "Nieuw"


def test_a_shared_place_of_another_organisation_can_be_seen_but_not_changed(world, login):
    place = make_place(world.org, name="Gedeeld buurthuis", shared=True)
    browser = login(world.other_org_worker)
    body = browser.get(reverse("places:detail", args=[place.pk])).content.decode()
    assert "Gedeeld door Stichting Testopvang" in body and "Gegevens wijzigen" not in body
    assert browser.get(reverse("places:edit", args=[place.pk])).status_code == 404
    assert browser.post(reverse("places:edit", args=[place.pk]), _place_data(version=1)).status_code == 404
    place.refresh_from_db()
    assert place.name == "Gedeeld buurthuis"


def test_only_the_admin_removes_a_place(world, login):
    place = make_place(world.org)
    url = reverse("places:remove", args=[place.pk])
    assert login(world.worker).post(url, {"version": 1}).status_code == 404
    assert login(world.org_admin).post(url, {"version": 1}).status_code == 302
    place.refresh_from_db()
    assert place.removed_at is not None


# --- Start points -----------------------------------------------------------------------------------


def test_the_admin_keeps_the_start_points(world, login):
    browser = login(world.org_admin)
    url = reverse("places:start_points")
    response = browser.post(url, {"name": "Nachtopvang", "coordinates": "52.2, 5.3", "location": world.location.pk})
    assert response.status_code == 302
    point = world.org.start_points.get()
    assert (point.latitude, point.longitude, point.location) == (52.2, 5.3, world.location)
    response = browser.post(url, {"name": "Nachtopvang", "coordinates": "52.2, 5.3"})
    assert response.status_code == 422
    assert "Er is al een startpunt met deze naam." in response.content.decode()
    response = browser.post(url, {"name": "Station", "coordinates": "noord"})
    assert "Vul twee getallen in" in response.content.decode()
    response = browser.post(url, {"name": "Elders", "coordinates": "52, 5", "location": 999999})
    assert "Kies een locatie uit de lijst." in response.content.decode()
    assert browser.post(reverse("places:start_point_remove", args=[point.pk])).status_code == 302
    assert not world.org.start_points.exists()


def test_a_worker_does_not_keep_start_points(world, login):
    point = make_start_point(world.org)
    browser = login(world.worker)
    assert browser.get(reverse("places:start_points")).status_code == 404
    assert browser.post(reverse("places:start_point_remove", args=[point.pk])).status_code == 404
    assert login(world.other_org_worker).post(reverse("places:start_point_remove", args=[point.pk])).status_code == 404
