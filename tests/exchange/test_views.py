"""The FHIR pages and commands: export with consent (and refused without), import with a preview and one atomic
write, every bad file a clear Dutch message with nothing written and never a 500, and the CLI."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kring.audit.log import Actor
from kring.audit.models import AccessLog
from kring.clients.models import Client, Consent
from kring.exchange import fhir, services
from kring.exchange.models import ImportedDates
from kring.network.models import Link, Member
from tests.exchange.helpers import full_network, give_transfer_consent, normalised

IMPORT = "/uitwisselen/importeren/"


def body(response) -> str:
    return response.content.decode()


def counts():
    return (
        Client.objects.count(),
        Member.objects.count(),
        Link.objects.count(),
        Consent.objects.count(),
        ImportedDates.objects.count(),
    )


def exported(world) -> bytes:
    full_network(world.client_a, world.worker)
    bundle = services.export_network(actor=Actor.system(world.worker), client=world.client_a)
    return json.dumps(bundle).encode()


def upload(browser, raw: bytes, team, name="netwerk.json"):
    return browser.post(IMPORT, {"file": SimpleUploadedFile(name, raw, "application/json"), "team": team.pk})


# --- export -------------------------------------------------------------------------------------------------


def test_the_export_downloads_a_validated_bundle_and_logs_it(world, login):
    full_network(world.client_a, world.worker)
    browser = login(world.worker)
    page = browser.get(reverse("exchange:export", args=[world.client_a.pk]))
    assert page.status_code == 200 and "Bestand downloaden" in body(page)
    response = browser.get(reverse("exchange:export_download", args=[world.client_a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"].startswith("attachment;")
    bundle = json.loads(response.content)
    fhir.validate(bundle)
    assert AccessLog.objects.filter(event="exchange.fhir.export", client_id=world.client_a.pk).count() == 1


@pytest.mark.parametrize("decision", [None, "refused", "withdrawn"])
def test_nothing_leaves_without_valid_consent(world, login, decision):
    full_network(world.client_a, world.worker)
    Consent.objects.filter(purpose="transfer").delete()
    if decision:
        give_transfer_consent(world.client_a, world.worker)
        Consent.objects.create(
            client=world.client_a,
            purpose="transfer",
            decision=decision,
            decided_on=Consent.objects.get(purpose="transfer").decided_on,
            recorded_by=world.worker,
        )
    browser = login(world.worker)
    assert "Bestand downloaden" not in body(browser.get(reverse("exchange:export", args=[world.client_a.pk])))
    response = browser.get(reverse("exchange:export_download", args=[world.client_a.pk]))
    assert response.status_code == 409
    assert "Zonder die toestemming gaat het netwerk niet naar buiten." in body(response)
    assert not AccessLog.objects.filter(event="exchange.fhir.export").exists()
    with pytest.raises(CommandError, match="geen geldige toestemming"):
        call_command("export_fhir", "--client", world.client_a.pk, "--user", world.worker.email, "-o", "/dev/null")


@pytest.mark.parametrize("name", ["exchange:export", "exchange:export_download"])
def test_another_team_or_organisation_gets_404_for_the_export(world, login, name):
    give_transfer_consent(world.client_a, world.worker)
    for user in (world.other_team_worker, world.other_org_worker, world.researcher):
        assert login(user).get(reverse(name, args=[world.client_a.pk])).status_code == 404
    assert not AccessLog.objects.filter(event="exchange.fhir.export").exists()


# --- import -------------------------------------------------------------------------------------------------


def test_the_import_shows_a_preview_then_writes_everything_at_once(world, login):
    raw = exported(world)
    before = counts()
    browser = login(world.colleague)
    preview = upload(browser, raw, world.team_a)
    assert preview.status_code == 200
    page = body(preview)
    assert "Dit komt er in Kring" in page and "Moeder Fatiha" in page and "Ex Dennis" in page
    assert "In dit team staat al iemand met dezelfde naam." in page
    assert counts() == before  # the preview writes nothing
    payload = preview.context["form"]["payload"].value()
    response = browser.post(IMPORT, {"payload": payload, "team": world.team_a.pk})
    assert response.status_code == 302
    copy = Client.objects.exclude(pk__in=[world.client_a.pk, world.client_b.pk, world.other_org_client.pk]).get()
    assert response["Location"] == reverse("clients:detail", args=[copy.pk])
    assert copy.team == world.team_a and copy.given_name == "Anna"
    assert Member.objects.filter(client=copy).count() == 5
    assert Link.objects.filter(client=copy).count() == 2
    assert Consent.objects.filter(client=copy).count() == 4
    assert list(AccessLog.objects.filter(client_id=copy.pk).order_by("pk").values_list("event", flat=True)) == [
        "clients.client.create",
        "exchange.fhir.create",
    ]
    # And the copy exports to the same bundle.
    second = services.export_network(actor=Actor.system(world.colleague), client=copy)
    assert normalised(second) == normalised(json.loads(raw))


def test_a_changed_preview_is_refused(world, login):
    raw = exported(world)
    browser = login(world.worker)
    payload = upload(browser, raw, world.team_a).context["form"]["payload"].value()
    before = counts()
    response = browser.post(IMPORT, {"payload": payload[:-3] + "abc", "team": world.team_a.pk})
    assert response.status_code == 422
    assert "Het voorbeeld is verlopen of klopt niet meer." in body(response)
    # Another user cannot use someone else's preview either.
    response = login(world.colleague).post(IMPORT, {"payload": payload, "team": world.team_a.pk})
    assert response.status_code == 422
    assert counts() == before


def _bad_files(world):
    good = json.loads(exported(world))
    outside = json.loads(json.dumps(good))
    next(e for e in outside["entry"] if e["resource"]["resourceType"] == "RelatedPerson")["resource"]["patient"][
        "reference"
    ] = "Patient/elders"
    too_long = json.loads(json.dumps(good))
    next(e for e in too_long["entry"] if e["resource"]["resourceType"] == "RelatedPerson")["resource"]["name"] = [
        {"text": "x" * 300}
    ]
    bad_circle = json.loads(json.dumps(good))
    person = next(e for e in bad_circle["entry"] if e["resource"]["resourceType"] == "RelatedPerson")["resource"]
    next(x for x in person["extension"] if x["url"].endswith("/circle"))["extension"][0]["valueInteger"] = 7
    return {
        "malformed JSON": (b'{"resourceType": "Bundle", ', "geen geldig JSON-bestand"),
        "not FHIR": (b'{"naam": "Anna", "netwerk": []}', "Dit is geen FHIR-bestand"),
        "a picture": (b"\x89PNG\r\n\x1a\n\x00\x00", "geen geldig JSON-bestand"),
        "wrong Bundle type": (
            json.dumps({**good, "type": "searchset"}).encode(),
            "Kring leest alleen een netwerk dat als ‘transaction’ is gemaakt",
        ),
        "RelatedPerson pointing outside": (json.dumps(outside).encode(), "hoort bij iemand anders dan de cliënt"),
        "a name too long": (json.dumps(too_long).encode(), "Naaste ‘xxxx"),
        "circle 7": (json.dumps(bad_circle).encode(), "kan Kring niet opslaan"),
        "20 MB": (b"{" + b" " * (20 * 1024 * 1024) + b"}", "Het bestand is te groot."),
    }


def test_every_bad_file_gets_a_dutch_message_and_nothing_is_written(world, login):
    browser = login(world.worker)
    for label, (raw, message) in _bad_files(world).items():
        before, logged = counts(), AccessLog.objects.count()
        response = upload(browser, raw, world.team_a)
        if response.status_code == 200:  # read fine: the problem shows when it is written
            payload = response.context["form"]["payload"].value()
            response = browser.post(IMPORT, {"payload": payload, "team": world.team_a.pk})
        assert response.status_code == 422, label
        assert message in body(response), label
        assert counts() == before, label
        assert AccessLog.objects.count() == logged, label


def test_the_import_is_for_teams_the_user_works_in(world, login):
    raw = exported(world)
    before = counts()
    response = upload(login(world.worker), raw, world.team_b)
    assert response.status_code == 422
    assert "Kies een team waarin je werkt." in body(response)
    assert counts() == before
    assert login(world.researcher).get(IMPORT).status_code == 404


# --- commands -------------------------------------------------------------------------------------------------


def test_the_kring_command_knows_the_hyphenated_names(monkeypatch):
    from kring.cli import main

    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    main(["export-fhir", "--client", "7", "-o", "netwerk.json"])
    main(["import-fhir", "netwerk.json", "--team", "Team A"])
    main(["erase-expired", "--dry-run"])
    assert [argv[1] for argv in seen] == ["export_fhir", "import_fhir", "erase_expired"]
    assert seen[0] == ["kring", "export_fhir", "--client", "7", "-o", "netwerk.json"]


def test_the_commands_export_and_import(world, tmp_path, capsys):
    full_network(world.client_a, world.worker)
    target = tmp_path / "netwerk.json"
    call_command("export_fhir", "--client", world.client_a.pk, "-o", str(target), "--user", world.worker.email)
    bundle = json.loads(target.read_text(encoding="utf-8"))
    fhir.validate(bundle)
    assert AccessLog.objects.filter(event="exchange.fhir.export", user=world.worker).count() == 1
    before = counts()
    call_command("import_fhir", str(target), "--team", "Team A", "--user", world.worker.email, "--dry-run")
    out = capsys.readouterr().out
    assert "New client: Anna Aalders" in out and "Moeder Fatiha" in out and "Dry run: nothing written." in out
    assert counts() == before
    call_command("import_fhir", str(target), "--team", str(world.team_a.pk), "--user", world.worker.email)
    assert "Imported as client" in capsys.readouterr().out
    assert Client.objects.count() == before[0] + 1
    assert AccessLog.objects.filter(event="exchange.fhir.create").count() == 1


def test_the_import_command_refuses_bad_files_and_other_teams(world, tmp_path):
    bad = tmp_path / "kapot.json"
    bad.write_text('{"resourceType": "Bundle", "type": "batch"}', encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match="transaction"):
        call_command("import_fhir", str(bad), "--team", "Team A", "--user", world.worker.email)
    with pytest.raises(CommandError, match="cannot add clients to a team"):
        call_command("import_fhir", str(bad), "--team", "Team B", "--user", world.worker.email)
    with pytest.raises(CommandError, match="No client"):
        call_command("export_fhir", "--client", world.client_b.pk, "--user", world.worker.email, stdout=io.StringIO())
    assert counts() == before
