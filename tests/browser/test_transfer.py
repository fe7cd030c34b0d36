"""Transfers and the exchange pages in a real browser, on a laptop: propose a transfer, the receiving team
accepts and completes it; the FHIR export and import, inzage and erasure pages. test_pages_fit.py opens the
same pages at 768 px."""

import json
import re

from django.utils import timezone
from playwright.sync_api import expect

from kring.audit.log import Actor
from kring.clients.models import Client, Consent, Transfer
from kring.exchange import services
from tests import factories
from tests.network.factories import make_member


def give_consent(client, by):
    Consent.objects.create(
        client=client, purpose="transfer", decision="given", decided_on=timezone.localdate(), recorded_by=by
    )


def test_a_worker_proposes_a_transfer_and_the_receiving_team_accepts_it(page, world, check_page, log_in):
    team_c = factories.make_team(world.org, "Team C (ambulant)")
    receiver = factories.make_user(organisation=world.org, team=team_c, full_name="Roos Ontvanger")
    make_member(world.client_a, name="Moeder Fatiha", relation="mother", circle=1)
    give_consent(world.client_a, world.worker)

    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/overdracht/")
    check_page(page, "client transfers")
    with page.expect_navigation():
        page.get_by_role("link", name="Overdracht voorstellen").click()
    check_page(page, "propose")
    page.get_by_label("Naar welk team?").select_option(label=f"Team C (ambulant) · {world.org.name}")
    page.get_by_label("Warme overdracht").fill(
        "Anna houdt van rust en korte gesprekken. Haar moeder is belangrijk. Kennismaken op dinsdag om 10 uur."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Overdracht voorstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdracht van Anna Aalders")
    expect(page.get_by_text("Het voorstel staat klaar voor Team C (ambulant).", exact=False)).to_be_visible()
    check_page(page, "proposed (sender)")

    page.context.clear_cookies()
    log_in(page, receiver)
    page.goto("/overdrachten/")
    check_page(page, "incoming")
    page.get_by_role("link", name="Anna Aalders").click()
    expect(page.get_by_text("Kennismaken op dinsdag om 10 uur.", exact=False)).to_be_visible()
    expect(page.get_by_text("Moeder Fatiha")).to_have_count(0)
    check_page(page, "proposed (receiver)")
    with page.expect_navigation():
        page.get_by_role("button", name="Overdracht accepteren").click()
    expect(page.get_by_text("Je hebt de overdracht geaccepteerd.", exact=False)).to_be_visible()
    check_page(page, "accepted")
    with page.expect_navigation():
        page.get_by_role("button", name="Overdracht afronden").click()
    expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Aalders")
    check_page(page, "completed (receiver sees the client)")
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/")
    expect(page.get_by_role("rowheader", name="Moeder Fatiha")).to_be_visible()

    assert Client.objects.get(pk=world.client_a.pk).team == team_c
    assert Transfer.objects.get().status == "completed"


def test_the_exchange_pages_read_well(page, world, check_page, log_in, tmp_path):
    make_member(world.client_a, name="Moeder Fatiha", relation="mother", circle=1, emergency_contact=True)
    make_member(world.client_a, name="Ex Dennis", relation="ex_partner", status="limited", limit_reason="unsafe")
    give_consent(world.client_a, world.worker)
    bundle = services.export_network(actor=Actor.system(world.worker), client=world.client_a)
    upload = tmp_path / "netwerk.fhir.json"
    upload.write_text(json.dumps(bundle), encoding="utf-8")

    log_in(page, world.org_admin)
    page.goto(f"/clienten/{world.client_a.pk}/uitwisselen/")
    check_page(page, "export")
    page.goto("/uitwisselen/importeren/")
    check_page(page, "import")
    page.get_by_label("Bestand met het netwerk").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name="Bekijk wat er wordt ingelezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit komt er in Kring")
    check_page(page, "import preview")
    with page.expect_navigation():
        page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_text("staat nu in Kring, met 2 mensen in het netwerk", exact=False)).to_be_visible()

    page.goto(f"/clienten/{world.client_a.pk}/inzage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat Kring over Anna Aalders bewaart")
    check_page(page, "inzage")
    page.goto(f"/clienten/{world.client_a.pk}/wissen/")
    check_page(page, "erase")
