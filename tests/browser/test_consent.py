"""The consent page in a real browser: read the state, record a decision, a mistake shown by its field,
withdraw in one step. On a laptop, with the axe-core scan and screenshots (test_pages_fit.py opens the page
at 768 px)."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from kring.clients.models import Consent
from tests.network.factories import make_member


def test_it_records_and_withdraws_consent(page, world, check_page, log_in):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother", circle=1)
    make_member(
        world.client_a, name="Ex-partner Sandra", relation="ex_partner", status="limited", limit_reason="unsafe"
    )
    Consent.objects.create(
        client=world.client_a,
        purpose="research",
        decision="refused",
        decided_on=timezone.localdate() - timedelta(days=40),
        recorded_by=world.colleague,
        note="Wil niet meedoen aan onderzoek.",
    )
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/toestemming/")
    expect(page.locator('#consent-now tr[data-consent-purpose="research"]')).to_contain_text("Nee: de cliënt wil")
    check_page(page, "consent page")

    # A mistake: contact, but with whom? The message stands by the field, what was typed stays.
    page.get_by_role("radio", name="Contact opnemen met een naaste").check()
    page.get_by_role("radio", name="Toestemming gegeven").check()
    page.get_by_label("Notitie").fill("Mag haar moeder bellen over de verhuizing.")
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.locator("#field-id_member .field__error")).to_have_text(
        re.compile("Kies met wie de cliënt wel of geen contact wil.")
    )
    expect(page.get_by_label("Notitie")).to_have_value("Mag haar moeder bellen over de verhuizing.")
    check_page(page, "form with a mistake")

    page.get_by_label("Met wie?").select_option(label="Moeder Fatiha")
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Het besluit is opgeslagen.")).to_be_visible()
    row = page.locator(f'#consent-contacts tr[data-member-id="{mother.pk}"]')
    expect(row).to_contain_text("Ja")

    with page.expect_navigation():
        row.get_by_role("button", name="Intrekken (contact met Moeder Fatiha)").click()
    expect(page.get_by_text("De toestemming om contact op te nemen met Moeder Fatiha is ingetrokken.")).to_be_visible()
    expect(row).to_contain_text("Nee: ingetrokken op")
    expect(page.locator(".consent-history")).to_have_count(2)
    check_page(page, "after withdrawal")
    assert list(Consent.objects.filter(member=mother).order_by("pk").values_list("decision", flat=True)) == [
        "given",
        "withdrawn",
    ]
