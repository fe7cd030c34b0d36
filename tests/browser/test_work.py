"""The Werk tab and Mijn acties in a real browser: agree a next step, close it from the worklist (on a laptop;
test_pages_fit.py opens the pages at 768 px)."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from kring.support.models import Action
from tests.network.factories import make_member
from tests.support.factories import make_action


def test_a_worker_agrees_a_next_step_and_closes_it_from_mijn_acties(page, world, check_page, log_in):
    sister = make_member(world.client_a, name="Zus Fatima", relation="sister")
    make_action(world.client_a, by=world.worker, description="Te laat actie", due=timezone.localdate() - timedelta(3))
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/werk/")
    check_page(page, "work tab")

    page.get_by_role("link", name="Actie", exact=True).click()
    page.get_by_label("Wat gaat er gebeuren?").fill("Samen zus Fatima bellen")
    page.get_by_label("Wie doet het?").select_option(label="De cliënt zelf")
    page.get_by_label("Wanneer moet het klaar zijn?").fill((timezone.localdate() + timedelta(days=2)).isoformat())
    page.get_by_label("Zus Fatima").check()
    check_page(page, "new action")
    page.get_by_role("button", name="Actie toevoegen").click()

    expect(page.get_by_text("De actie is toegevoegd.")).to_be_visible()
    action = Action.objects.get(description="Samen zus Fatima bellen")
    assert (action.owner_kind, list(action.members.all())) == ("client", [sister])

    page.get_by_role("link", name="Mijn acties").click()
    expect(page).to_have_url(re.compile(r"/acties/"))
    check_page(page, "worklist")
    late, week = page.get_by_role("heading", name="Te laat"), page.get_by_role("heading", name="Deze week")
    assert late.bounding_box()["y"] < week.bounding_box()["y"]
    row = page.locator("li.action", has_text="Samen zus Fatima bellen")
    row.get_by_role("button", name="Gedaan").click()
    expect(page.get_by_text("De actie is afgesloten: gedaan.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/acties/"))
    expect(page.locator("li.action", has_text="Samen zus Fatima bellen")).to_have_count(0)
    action.refresh_from_db()
    assert action.status == "done"
