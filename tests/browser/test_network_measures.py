"""The network in measures on a laptop: from the network page to every measure, a date in the past, a wrong
date, the trends over everything and their numbers as a table. Screenshots go to
test-artifacts/screenshots/; test_pages_fit.py opens the page at 768 px."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from kring.measures.figures import rebuild
from tests.network.factories import make_link, make_member


def _at(days_ago: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))


def _grow_network(client):
    """A network mapped over a year and a half: a sister first, friends and a worker later, links last."""
    sister = make_member(
        client, name="Zus", relation="sister", circle=1, support_received=["emotional"], emergency_contact=True
    )
    sister.history.update(history_date=_at(500))
    friend = make_member(client, name="Piet", relation="friend", circle=2, support_given=["practical"])
    friend.history.update(history_date=_at(300))
    worker = make_member(client, name="Begeleider", relation="professional", circle=3)
    worker.history.update(history_date=_at(120))
    neighbour = make_member(client, name="Buurvrouw", relation="neighbour", circle=2, contact_frequency="weekly")
    neighbour.history.update(history_date=_at(40))
    make_link(sister, friend).history.update(history_date=_at(40))
    rebuild(client.pk)


def test_the_measures_of_a_network_now_then_and_over_time(page, world, log_in, check_page):
    _grow_network(world.client_a)
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/")
    page.get_by_role("link", name="Bekijk alle maten en het verloop").click()
    expect(page.get_by_role("heading", name="Het netwerk in maten")).to_be_visible()
    expect(page.get_by_role("heading", name="Zo is het netwerk nu")).to_be_visible()
    size = page.locator('[data-measure="size"] .netm-item__value')
    expect(size).to_have_text("4")
    expect(page.locator('[data-measure="density"] .netm-item__value')).to_have_text("17%")  # 1 link of 6 pairs
    expect(page.locator('[data-figure="size"] [data-when="start"]')).to_have_text("1")
    expect(page.locator('[data-figure="size"] [data-when="now"]')).to_have_text("4")
    check_page(page, "now")

    # The numbers behind a chart, for anyone who does not see it.
    page.get_by_text("De getallen van Mensen op de kaart").click()
    expect(page.locator('[data-trend="size"] table')).to_be_visible()
    page.get_by_role("link", name="Alles").click()
    expect(page.locator('[data-trend="size"] svg.netm-chart--wide circle')).to_have_count(4)  # four days of change
    check_page(page, "everything")

    # 200 days ago: only the sister and Piet, who did not know each other yet.
    page.get_by_label("Maten op datum").fill((timezone.localdate() - timedelta(days=200)).isoformat())
    page.get_by_role("button", name="Bekijk").click()
    expect(page.get_by_role("heading", name="Zo was het netwerk op", exact=False)).to_be_visible()
    expect(size).to_have_text("2")
    expect(page.locator('[data-measure="density"] .netm-item__value')).to_have_text("0%")
    check_page(page, "200 days ago")

    # A date in the future is refused by the field; the page still shows today.
    page.get_by_label("Maten op datum").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Bekijk").click()
    expect(page.locator("#id_datum_error")).to_contain_text("Kies een datum van vandaag of eerder.")
    expect(page.get_by_role("heading", name="Zo is het netwerk nu")).to_be_visible()
    check_page(page, "wrong date")


def test_an_empty_network_in_measures(page, world, log_in, check_page):
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/maten/")
    expect(page.get_by_text("Er staat nog niemand op de kaart.", exact=False)).to_be_visible()
    expect(page.locator('[data-measure="density"] .netm-item__value')).to_have_text("—")
    check_page(page, "empty")
