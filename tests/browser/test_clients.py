"""A client's page and the client form, in a real browser: the page on a laptop (test_pages_fit.py opens it
at 768 px); the form's messages by their fields at laptop and tablet size, where the form's columns differ."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, TABLET


def test_it_opens_a_client_page_from_the_caseload(page, world, check_page, log_in):
    log_in(page, world.worker)
    page.goto("/clienten/")

    page.get_by_role("link", name="Anna Aalders").click()

    expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Aalders")
    check_page(page, "client")

    response = page.goto(f"/clienten/{world.client_b.pk}/")
    assert response.status == 404  # another team's client looks like no client at all
    expect(page.get_by_text("Bas Bakker")).to_have_count(0)
    check_page(page, "other teams client")


@pytest.mark.parametrize("viewport", [LAPTOP, TABLET], ids=["1280x800", "768x1024"])
def test_it_keeps_typed_input_and_shows_dutch_errors_on_the_client_form(page, world, check_page, log_in):
    log_in(page, world.worker)
    page.goto("/clienten/nieuw/")
    check_page(page, "new client")

    page.locator("#id_family_name").fill("Jansen")
    page.locator("#id_birth_year").fill("1975")
    page.locator("#id_intake_date").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Cliënt toevoegen").click()

    expect(page).to_have_url(re.compile(r"/clienten/nieuw/$"))
    check_page(page, "new client with errors")
    expect(page.locator("#id_family_name")).to_have_value("Jansen")
    expect(page.locator("#id_birth_year")).to_have_value("1975")
    assert_error_next_to(page, "#id_given_name", "Vul de roepnaam in.")
    assert_error_next_to(page, "#id_intake_date", "Vul de intakedatum in.")


def assert_error_next_to(page, field_selector: str, message: str) -> None:
    """The message is shown right by the field and is read out with it by a screen reader."""
    field = page.locator(field_selector)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(re.escape(message)))
    errors = page.locator("main").get_by_text(message, exact=True)
    expect(errors).to_have_count(1)
    # Both boxes in one frame: the page may still be scrolling smoothly to the error summary.
    gap, overlaps = errors.evaluate(
        """(error, field) => {
            const e = error.getBoundingClientRect(), f = field.getBoundingClientRect();
            return [Math.max(e.top - f.bottom, f.top - e.bottom), e.left < f.right && f.left < e.right];
        }""",
        field.element_handle(),
    )
    assert overlaps and gap < 80, f"{message!r} is not next to {field_selector} (gap {gap}px, same column: {overlaps})"
