"""What exploratory QA on a tablet found in the worker's and team lead's pages: things only a browser shows."""

import pytest

from tests.browser.conftest import TABLET, horizontal_overflow
from tests.factories import make_client
from tests.insights.factories import make_consultation, make_training
from tests.network.factories import make_member
from tests.support.access_ids_meetings import make_meeting

TARGET = 44  # px: Kring's smallest touch target (--kring-target-size)


@pytest.fixture
def has_touch() -> bool:
    return True


def _heights(page, selector: str) -> list[float]:
    return [round(box["height"], 1) for box in (el.bounding_box() for el in page.locator(selector).all()) if box]


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_links_a_team_lead_taps_on_a_tablet_are_44px_targets(page, world, check_page, log_in, viewport):
    make_training(world.worker, "part_1")
    make_training(world.worker, "part_2")
    make_consultation(world.team_a, world.team_lead, topic="Weer contact met familie")
    log_in(page, world.team_lead)

    page.goto(f"/inzicht/training/team/{world.team_a.pk}/")
    check_page(page, "training matrix on a tablet")
    remove = _heights(page, "a.training-cell__remove")
    assert len(remove) == 2 and min(remove) >= TARGET, remove

    page.goto("/inzicht/intervisie/")
    check_page(page, "consultations on a tablet")
    topics = _heights(page, "a.consultation-item__topic")
    assert topics and min(topics) >= TARGET, topics


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_the_way_back_from_the_passport_is_a_44px_target(page, world, check_page, log_in, viewport):
    make_member(world.client_a, name="Zus Fatima", relation="sister")
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/paspoort/")
    check_page(page, "passport choices on a tablet")
    back = page.get_by_role("link", name="Terug naar het netwerk")
    assert back.bounding_box()["height"] >= TARGET


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_caseload_of_several_teams_fits_a_tablet(page, world, check_page, log_in, viewport):
    # Seven columns: with clients of two teams the caseload shows the team as well.
    for team in (world.team_a, world.team_b):
        make_client(
            team=team,
            given_name="Alexandra",
            family_name="Wijnbergen-Oosterhuis",
            key_workers=[world.worker, world.colleague],
        )
    log_in(page, world.org_admin)
    page.goto("/clienten/")
    assert page.locator("table.caseload thead th", has_text="Team").count() == 1
    assert horizontal_overflow(page) == ""
    check_page(page, "caseload of two teams on a tablet")


LONG_NAME = "Onafgebrokenlangewoordnaam" * 4  # 104 characters without a space: a typo, or a long compound


def _sticking_out(page, selector: str) -> list[str]:
    width = page.viewport_size["width"]
    return [
        el.inner_text()[:30]
        for el in page.locator(selector).all()
        if (box := el.bounding_box()) and box["x"] + box["width"] > width + 1
    ]


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_name_without_spaces_breaks_in_a_meeting_and_in_samen_op_zoek(page, world, log_in, viewport):
    client = world.client_a
    client.given_name = LONG_NAME
    client.save()
    zus = make_member(client, name=LONG_NAME + " zus", relation="sister")
    meeting = make_meeting(client, by=world.worker, members=[zus], workers=[world.worker])
    log_in(page, world.worker)

    page.goto(f"/clienten/{client.pk}/gesprekken/{meeting.pk}/")
    assert _sticking_out(page, ".participant-list > li") == []
    assert _sticking_out(page, ".meeting-section__head h2") == []

    page.goto(f"/clienten/{client.pk}/plekken/")
    assert _sticking_out(page, ".place-subnav a") == []


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_client_name_without_spaces_breaks_in_the_page_header_on_every_client_page(page, world, log_in, viewport):
    client = world.client_a
    client.given_name = LONG_NAME
    client.save()
    log_in(page, world.worker)
    for path in ("", "werk/", "netwerk/", "gesprekken/", "levenslijn/"):
        page.goto(f"/clienten/{client.pk}/{path}")
        assert _sticking_out(page, ".page-header h1, .breadcrumb, .page-header__meta > *") == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 768, path
