"""Importing through the pages: upload, preview (nothing changed yet), go-ahead, report; and the command."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from kring.places.models import Place, PlaceImport
from tests.places.factories import fixture_text
from tests.places.test_import import _csv_rows

IMPORT = "/plekken/importeren/"


def upload(name, text, **fields):
    return {"file": SimpleUploadedFile(name, text.encode("utf-8")), **fields}


def test_the_admin_sees_a_preview_then_imports_and_gets_a_report(world, login):
    browser = login(world.org_admin)
    response = browser.post(IMPORT, upload("plekken.csv", fixture_text("places.csv")))
    place_import = PlaceImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("places:import_preview", args=[place_import.pk])
    assert not Place.objects.exists()  # a preview changes nothing

    body = browser.get(response["Location"]).content.decode()
    assert "Er is nog niets veranderd." in body
    assert "Inloophuis De Open Deur" in body and "Regel 2" in body
    assert body.count(">Nieuw<") == 14

    response = browser.post(response["Location"])
    assert response.status_code == 302
    assert Place.objects.filter(organisation=world.org).count() == 14
    place_import.refresh_from_db()
    assert place_import.applied_at is not None and place_import.content == ""
    assert place_import.report["new"] == 14
    body = browser.get(response["Location"]).content.decode()
    assert "Klaar: de plekken zijn ingelezen." in body and "Ingelezen op" in body

    # Pressing the button again does nothing twice.
    browser.post(reverse("places:import_preview", args=[place_import.pk]))
    assert Place.objects.count() == 14


def test_an_osm_preview_shows_the_attribution_and_what_is_skipped(world, login):
    browser = login(world.org_admin)
    response = browser.post(IMPORT, upload("export.json", fixture_text("overpass.json")), follow=True)
    body = response.content.decode()
    assert "OpenStreetMap (Overpass JSON)" in body
    assert "© OpenStreetMap-bijdragers, ODbL 1.0" in body
    assert "1 overgeslagen" in body and "geen naam" in body


def test_a_broken_row_at_line_500_is_named_on_the_upload_page_and_nothing_is_kept(world, login):
    response = login(world.org_admin).post(IMPORT, upload("groot.csv", _csv_rows(600, broken_line=500)))
    assert response.status_code == 422
    body = response.content.decode()
    assert "Dit bestand is niet ingelezen." in body
    assert "Regel 500: de categorie ‘Kerkje’ kennen we niet." in body
    assert "Er is niets ingelezen. Verbeter het bestand en kies het opnieuw." in body
    assert not Place.objects.exists() and not PlaceImport.objects.exists()


def test_an_upload_without_a_file_or_with_the_wrong_characters_gets_a_message(world, login):
    browser = login(world.org_admin)
    response = browser.post(IMPORT, {})
    assert response.status_code == 422 and "Kies een bestand." in response.content.decode()
    cp1252 = {"file": SimpleUploadedFile("excel.csv", "naam;categorie\nCafé;Buurthuis\n".encode("cp1252"))}
    response = browser.post(IMPORT, cp1252)
    assert "Sla het op als UTF-8" in response.content.decode()
    assert not PlaceImport.objects.exists()


def test_shared_on_import_shares_the_new_places(world, login):
    login(world.org_admin).post(IMPORT, upload("p.geojson", fixture_text("places.geojson"), share="on"), follow=True)
    place_import = PlaceImport.objects.get()
    login(world.org_admin).post(reverse("places:import_preview", args=[place_import.pk]))
    assert Place.objects.filter(shared=True).count() == 14


def test_only_the_admin_of_the_organisation_imports(world, login):
    from tests import factories

    place_import = PlaceImport.objects.create(
        organisation=world.org,
        created_by=world.org_admin,
        filename="x.csv",
        kind="csv",
        content="naam;categorie\nA;Kerk\n",
    )
    preview = reverse("places:import_preview", args=[place_import.pk])
    for user in (world.worker, world.team_lead):
        browser = login(user)
        assert browser.get(IMPORT).status_code == 404
        assert browser.get(preview).status_code == 404
    other_admin = factories.make_user(organisation=world.other_org, role="org_admin")
    browser = login(other_admin)
    assert browser.get(preview).status_code == 404
    assert browser.post(preview).status_code == 404
    assert not Place.objects.exists()


def test_everyone_who_uses_places_can_download_the_template(world, login):
    response = login(world.worker).get(reverse("places:csv_template"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().startswith("naam;categorie;omschrijving")


def test_the_command_imports_all_or_nothing(world, tmp_path):
    path = tmp_path / "plekken.json"
    path.write_text(fixture_text("overpass.json"), encoding="utf-8")
    out = io.StringIO()
    call_command("import_places", str(path), "--organisation", world.org.name, stdout=out)
    assert "14 nieuw" in out.getvalue()
    assert Place.objects.filter(organisation=world.org, source="osm").count() == 14

    out = io.StringIO()
    call_command("import_places", str(path), "--organisation", str(world.org.pk), stdout=out)
    assert "0 nieuw, 0 bijgewerkt, 14 al gelijk" in out.getvalue()

    broken = tmp_path / "kapot.csv"
    broken.write_text(_csv_rows(600, broken_line=500), encoding="utf-8")
    with pytest.raises(CommandError, match="Regel 500: de categorie ‘Kerkje’ kennen we niet"):
        call_command("import_places", str(broken), "--organisation", world.org.name)
    assert Place.objects.count() == 14


def test_the_command_can_look_first_and_share(world, tmp_path):
    path = tmp_path / "plekken.csv"
    path.write_text(fixture_text("places.csv"), encoding="utf-8")
    out = io.StringIO()
    call_command("import_places", str(path), "--organisation", world.org.name, "--dry-run", stdout=out)
    assert "14 nieuw" in out.getvalue() and "niets ingelezen" in out.getvalue()
    assert not Place.objects.exists()
    call_command("import_places", str(path), "--organisation", world.org.name, "--share", stdout=io.StringIO())
    assert Place.objects.filter(shared=True).count() == 14


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["geen-bestand.csv", "--organisation", "Stichting Testopvang"], "bestaat niet"),
        (["{fixture}", "--organisation", "Onbekend"], "Geen organisatie"),
        (["{fixture}", "--organisation", "Stichting Testopvang", "--format", "xml"], "invalid choice"),
    ],
)
def test_the_command_says_what_is_wrong(world, args, message, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(fixture_text("places.csv"), encoding="utf-8")
    args = [str(path) if a == "{fixture}" else a for a in args]
    with pytest.raises(CommandError, match=message):
        call_command("import_places", *args)


def test_kring_import_places_is_the_hyphenated_name_of_the_command(world, tmp_path, capsys):
    from kring.cli import main

    path = tmp_path / "plekken.csv"
    path.write_text(fixture_text("places.csv"), encoding="utf-8")
    assert main(["import-places", str(path), "--organisation", world.org.name]) == 0
    assert "14 nieuw" in capsys.readouterr().out
