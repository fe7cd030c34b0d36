"""Imports: Overpass JSON, GeoJSON and CSV with every category, all or nothing, re-import without duplicates."""

from __future__ import annotations

import json

import pytest

from kring.places import importers, services
from kring.places.models import Category, Place, Source
from tests import factories
from tests.places.factories import fixture_text, make_place

pytestmark = pytest.mark.django_db

CSV_HEADER = "naam;categorie;breedtegraad;lengtegraad;bron_id"


def import_text(organisation, kind, text, **kwargs):
    return services.import_apply(organisation=organisation, parsed=importers.parse(kind, text), **kwargs)


@pytest.fixture
def org():
    return factories.make_organisation("Stichting Import")


# --- Every format, every category -------------------------------------------------------------------


def test_an_overpass_file_brings_in_every_category_with_its_osm_id_and_attribution(org):
    report = import_text(org, "overpass", fixture_text("overpass.json"))
    assert report["new"] == 14
    assert report["skipped"] == 1  # the bench without a name; the bare node is not a place at all
    places = Place.objects.filter(organisation=org)
    assert set(places.values_list("category", flat=True)) == set(Category.values)
    inloop = places.get(source_id="node/9000000001")
    assert (inloop.source, inloop.category, inloop.audiences) == (Source.OSM, "walk_in", ["homeless"])
    assert inloop.attribution == "© OpenStreetMap-bijdragers, ODbL 1.0"
    assert (inloop.street_address, inloop.postcode, inloop.city) == ("Zeefstraat 1", "9999 AA", "Kringstad")
    assert (inloop.wheelchair, inloop.cost, inloop.checked_on.isoformat()) == ("yes", "free", "2025-11-02")
    assert places.get(name="Buurthuis Het Anker").languages == ["ar", "tr"]
    assert places.get(name="Buurthuis Het Anker").latitude == pytest.approx(52.2030)  # a way's center
    assert places.get(name="Mandir Kringstad").longitude == pytest.approx(5.3200)  # a relation's bounds
    assert places.get(name="Kringpark").latitude == pytest.approx(52.20833, abs=1e-4)  # a way's geometry


def test_a_geojson_file_brings_in_every_category(org):
    report = import_text(org, "geojson", fixture_text("places.geojson"))
    assert report["new"] == 14
    places = Place.objects.filter(organisation=org)
    assert set(places.values_list("category", flat=True)) == set(Category.values)
    assert all(p.source == Source.OSM and p.attribution for p in places)
    eritrean = places.get(source_id="node/9000000012")  # tags one level down (osmtogeojson)
    assert (eritrean.category, eritrean.languages) == ("cultural", ["ti"])
    anchor = places.get(source_id="way/9000000002")  # the middle of a polygon
    assert (anchor.latitude, anchor.longitude) == (pytest.approx(52.2030), pytest.approx(5.2980))


def test_a_csv_file_brings_in_every_category_with_its_details(org):
    report = import_text(org, "csv", fixture_text("places.csv"))
    assert report["new"] == 14
    places = Place.objects.filter(organisation=org)
    assert set(places.values_list("category", flat=True)) == set(Category.values)
    door = places.get(source_id="csv-1")
    assert (door.latitude, door.longitude) == (52.2011, 5.3011)  # decimal commas
    assert door.languages == ["nl", "en"]
    assert door.audiences == ["homeless"]
    assert (door.website, door.wheelchair, door.cost) == ("https://open-deur.test", "yes", "free")
    assert door.checked_on.isoformat() == "2026-01-10"
    assert places.get(source_id="csv-2").checked_on.isoformat() == "2026-01-15"  # 15-1-2026
    mosque = places.get(source_id="csv-3")
    assert mosque.audiences == ["men", "women", "community"]
    assert mosque.community == "Marokkaanse gemeenschap"
    aa = places.get(source_id="csv-11")
    assert (aa.latitude, aa.longitude) == (None, None)  # a place without coordinates is kept, off the radius search


def test_the_csv_template_can_be_imported_as_it_is(org):
    report = import_text(org, "csv", importers.csv_template())
    assert report["new"] == 1
    assert Place.objects.get(organisation=org).name == "Buurthuis De Voorbeeldhoek"


@pytest.mark.parametrize(
    ("name", "kind"), [("overpass.json", "overpass"), ("places.geojson", "geojson"), ("places.csv", "csv")]
)
def test_it_recognises_the_kind_of_file(name, kind):
    assert importers.detect_kind(name, fixture_text(name)) == kind


# --- All or nothing ---------------------------------------------------------------------------------


def _csv_rows(count, *, broken_line=None, reason_cell="Buurthuis"):
    lines = [CSV_HEADER]
    for line in range(2, count + 2):
        category = "Kerkje" if line == broken_line else reason_cell
        lines.append(f"Plek {line};{category};52,2;5,3;id-{line}")
    return "\n".join(lines) + "\n"


def test_a_broken_csv_row_at_line_500_rejects_the_whole_file_with_its_line_and_reason(org):
    text = _csv_rows(600, broken_line=500)
    with pytest.raises(importers.ImportFileError) as caught:
        import_text(org, "csv", text)
    assert caught.value.where == "Regel 500"
    assert "de categorie ‘Kerkje’ kennen we niet" in caught.value.reason
    assert not Place.objects.exists()


def test_a_broken_value_the_model_refuses_names_its_line_too(org):
    long_name = "x" * 201
    text = CSV_HEADER + "\n" + "Goed;Buurthuis;52,2;5,3;a\n" * 1 + f"{long_name};Buurthuis;52,2;5,3;b\n"
    with pytest.raises(importers.ImportFileError) as caught:
        import_text(org, "csv", text)
    assert caught.value.where == "Regel 3"
    assert "naam" in caught.value.reason
    assert not Place.objects.exists()


def test_a_broken_overpass_element_500_rejects_the_whole_file_with_its_line(org):
    elements = [
        {"type": "node", "id": n, "lat": 52.2, "lon": 5.3, "tags": {"name": f"Plek {n}", "amenity": "library"}}
        for n in range(1, 601)
    ]
    elements[499] = {"type": "way", "id": 500, "tags": {"name": "Zonder midden", "amenity": "library"}}
    text = json.dumps({"elements": elements}, indent=1)
    with pytest.raises(importers.ImportFileError) as caught:
        import_text(org, "overpass", text)
    expected_line = _line_of_item(text, 499)
    assert caught.value.where == f"Regel {expected_line} (element 500, way/500)"
    assert "out center" in caught.value.reason
    assert not Place.objects.exists()


def _line_of_item(text: str, index: int) -> int:
    """Independently: the line of the index-th '{' that opens an element (indent=1 puts each on its own line)."""
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line == "  {"]
    return starts[index]


def test_a_broken_geojson_feature_is_named_by_its_line(org):
    data = json.loads(fixture_text("places.geojson"))
    data["features"][3]["geometry"] = {"type": "Point", "coordinates": ["vijf", 52]}
    text = json.dumps(data, indent=2)
    with pytest.raises(importers.ImportFileError) as caught:
        import_text(org, "geojson", text)
    assert caught.value.where.startswith("Regel ")
    assert "(element 4, node/9000000004)" in caught.value.where
    assert "coördinaten" in caught.value.reason
    assert not Place.objects.exists()


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("", "", "Het bestand is leeg."),
        ("naam;adres\nA;B\n", "Regel 1", "de kolom ‘categorie’ ontbreekt"),
        (CSV_HEADER + "\n", "", "Er staan geen plekken in het bestand"),
        (CSV_HEADER + "\n;Buurthuis;;;\n", "Regel 2", "de naam is leeg"),
        (CSV_HEADER + "\nA;Buurthuis;52,2;;\n", "Regel 2", "vul de breedtegraad én de lengtegraad in"),
        (CSV_HEADER + "\nA;Buurthuis;95;5;\n", "Regel 2", "de coördinaten ‘95’ en ‘5’ kloppen niet"),
        ("naam;categorie;talen\nA;Buurthuis;Klingon\n", "Regel 2", "de taal ‘Klingon’ kennen we niet"),
        ("naam;categorie;voor_wie\nA;Buurthuis;Katten\n", "Regel 2", "‘Katten’ kennen we niet bij ‘voor wie’"),
        ("naam;categorie;email\nA;Buurthuis;geen-adres\n", "Regel 2", "het e-mailadres ‘geen-adres’ klopt niet"),
        ("naam;categorie;gecontroleerd_op\nA;Buurthuis;gisteren\n", "Regel 2", "de datum ‘gisteren’ klopt niet"),
        ("naam;categorie;rolstoel\nA;Buurthuis;soms\n", "Regel 2", "Gebruik ja, deels of nee"),
        ("naam;categorie;kosten\nA;Buurthuis;duur\n", "Regel 2", "Gebruik gratis, bijdrage of betaald"),
        ("naam;categorie\nA;Buurthuis;extra;kolom\n", "Regel 2", "meer kolommen"),
        (
            CSV_HEADER + "\nA;Buurthuis;52,2;5,3;x\nB;Kerk;52,2;5,3;x\n",
            "Regel 3",
            "deze plek staat ook bij regel 2",
        ),
    ],
)
def test_each_kind_of_broken_csv_says_where_and_why_and_saves_nothing(org, text, where, reason):
    with pytest.raises(importers.ImportFileError) as caught:
        import_text(org, "csv", text)
    assert caught.value.where == where
    assert reason in caught.value.reason
    assert not Place.objects.exists()


@pytest.mark.parametrize(
    ("kind", "text", "reason"),
    [
        ("overpass", "{not json", "dit is geen geldige Overpass-JSON"),
        ("overpass", '{"features": []}', "er staat geen lijst ‘elements’ in"),
        ("geojson", '{"type": "Feature"}', "dit is geen GeoJSON FeatureCollection"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused(org, kind, text, reason):
    with pytest.raises(importers.ImportFileError) as caught:
        import_text(org, kind, text)
    assert reason in caught.value.reason


def test_a_file_that_is_not_utf8_gets_a_clear_message():
    with pytest.raises(importers.ImportFileError) as caught:
        importers.decode("naam;categorie\nCafé;Buurthuis\n".encode("cp1252"))
    assert "UTF-8" in caught.value.reason


def test_identical_duplicates_are_left_out_once(org):
    text = CSV_HEADER + "\nA;Buurthuis;52,2;5,3;x\nA;Buurthuis;52,2;5,3;x\n"
    report = import_text(org, "csv", text)
    assert (report["new"], report["skipped"]) == (1, 1)


# --- Re-import --------------------------------------------------------------------------------------


def test_importing_the_same_overpass_file_twice_changes_nothing(org):
    import_text(org, "overpass", fixture_text("overpass.json"))
    report = import_text(org, "overpass", fixture_text("overpass.json"))
    assert (report["new"], report["changed"], report["unchanged"]) == (0, 0, 14)
    assert Place.objects.filter(organisation=org).count() == 14


def test_a_geojson_export_of_the_same_osm_places_updates_them_instead_of_duplicating(org):
    import_text(org, "overpass", fixture_text("overpass.json"))
    report = import_text(org, "geojson", fixture_text("places.geojson"))
    assert (report["new"], report["changed"]) == (0, 1)
    assert Place.objects.filter(organisation=org).count() == 14
    church = Place.objects.get(organisation=org, name="Kringkerk")
    assert (church.opening_hours, church.version) == ("Su 10:00-12:00", 2)


def test_a_csv_re_import_updates_by_source_id_and_keeps_what_an_empty_cell_leaves_out(org):
    import_text(org, "csv", CSV_HEADER + ";telefoon\nBuurthuis Oud;Buurthuis;52,2;5,3;b-1;010-1\n")
    place = Place.objects.get()
    place.description = "Door een begeleider aangevuld"
    place.save()
    report = import_text(org, "csv", CSV_HEADER + ";telefoon\nBuurthuis Nieuw;Buurthuis;52,2;5,3;b-1;\n")
    assert (report["new"], report["changed"]) == (0, 1)
    place.refresh_from_db()
    assert (place.name, place.phone, place.description) == ("Buurthuis Nieuw", "010-1", "Door een begeleider aangevuld")


def test_rows_without_a_source_id_are_found_again_by_name_and_address(org):
    text = "naam;categorie;adres\nBuurthuis Zonder Id;Buurthuis;Dorpsstraat 1\n"
    import_text(org, "csv", text)
    report = import_text(org, "csv", text)
    assert (report["new"], report["unchanged"]) == (0, 1)
    assert Place.objects.count() == 1


def test_a_place_an_admin_removed_stays_off_the_map_after_a_re_import(org):
    import_text(org, "overpass", fixture_text("overpass.json"))
    Place.objects.filter(source_id="node/9000000014").update(removed_at="2026-01-01T00:00:00Z")
    report = import_text(org, "overpass", fixture_text("overpass.json"))
    assert (report["new"], report["removed_before"]) == (0, 1)
    assert Place.objects.current().filter(organisation=org).count() == 13


def test_an_import_leaves_other_organisations_places_with_the_same_ids_alone(org):
    other = factories.make_organisation("Andere Import")
    import_text(other, "overpass", fixture_text("overpass.json"))
    report = import_text(org, "overpass", fixture_text("overpass.json"), share=True)
    assert report["new"] == 14
    assert Place.objects.filter(organisation=other, shared=True).count() == 0
    assert Place.objects.filter(organisation=org, shared=True).count() == 14


def test_a_manual_place_is_never_touched_by_an_import(org):
    manual = make_place(org, name="Kringkerk", category="church", source_id="")
    import_text(org, "overpass", fixture_text("overpass.json"))
    manual.refresh_from_db()
    assert (manual.source, manual.version) == ("manual", 1)
