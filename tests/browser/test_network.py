"""The network map (netwerkkaart) in a real browser: the acceptance of the ecogram page.

Dragging a member runs twice: on a laptop (1280×800) with a mouse, and on a tablet (768×1024) with a touch
screen, with drags made of pointer events with pointerType "touch". Adding members and the side panel run on
the tablet, by taps (the way the map is used beside a client); printing runs on the laptop (test_pages_fit.py
opens the member panel on a laptop and the print page at 768 px). One more test drags with real touch input
through Chromium's input pipeline, where the browser itself decides between dragging and scrolling. The last
four tests each pin down a bug found here (and fixed): finger drags, duplicate field ids in the member panel,
the move form after a refused drop, and the map sliding over the member table (at both sizes).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from kring.network.models import Member
from tests.browser.conftest import LAPTOP, TABLET
from tests.browser.gestures import touch_drag
from tests.network.factories import make_member

DROP_HINT = "Sleep de persoon naar een plek binnen de cirkels."
LIMITED_WARNING = "Neem geen contact op zonder overleg met de cliënt"


@pytest.fixture
def has_touch(viewport) -> bool:
    """A touch screen at tablet size (the way the map is used beside a client), a mouse on the laptop."""
    return viewport == TABLET


# --- helpers -------------------------------------------------------------------------------------------


def touch(page) -> bool:
    return page.viewport_size == TABLET


def press(page, locator) -> None:
    """Tap on the tablet, click on the laptop."""
    if touch(page):
        locator.tap()
    else:
        locator.click()


def open_network(page, client) -> None:
    page.goto(f"/clienten/{client.pk}/netwerk/")
    expect(page.locator("figure#ecogram svg")).to_be_visible()
    # Survives htmx swaps, not a full page load.
    page.evaluate("() => { window.__kringNoReload = 'still here'; }")


def assert_not_reloaded(page) -> None:
    assert page.evaluate("() => window.__kringNoReload") == "still here", "the page reloaded"


def node(page, member_id: int):
    return page.locator(f"figure#ecogram svg g.member#member-{member_id}")


def table_cell(page, member_id: int, label: str):
    return page.locator(f'#members-table tr[data-member-id="{member_id}"] td[data-label="{label}"]')


def screen_point(page, where: str) -> dict:
    """A point on the ecogram in viewport (client) coordinates, read from the drawing itself.

    ``family-inner``: the middle of the family sector's inner circle (straight above the client's disc);
    ``corner``: just inside the SVG's top left corner, outside every ring.
    """
    return page.evaluate(
        """where => {
            const svg = document.querySelector('figure#ecogram svg');
            svg.scrollIntoView({block: where === 'corner' ? 'start' : 'center'});
            const ring = svg.querySelector('circle.ring--1');
            const disc = svg.querySelector('g.client circle');
            const cx = ring.cx.baseVal.value, cy = ring.cy.baseVal.value;
            const p = svg.createSVGPoint();
            if (where === 'family-inner') {
                p.x = cx;
                p.y = cy - (disc.r.baseVal.value + ring.r.baseVal.value) / 2;
            } else {
                p.x = 8;
                p.y = 8;
            }
            const q = p.matrixTransform(svg.getScreenCTM());
            return {x: q.x, y: q.y};
        }""",
        where,
    )


def node_centre(page, member_id: int) -> dict:
    return (
        node(page, member_id)
        .locator("circle.node")
        .evaluate(
            """circle => {
            const box = circle.getBoundingClientRect();
            return {x: box.left + box.width / 2, y: box.top + box.height / 2};
        }"""
        )
    )


def drag(page, member_id: int, where: str):
    """Drag a member's node to a point on the ecogram; returns the answer to the move it sends.

    Laptop: the mouse. Tablet: pointer events with pointerType "touch", dispatched on the node the finger
    went down on (a touch pointer is implicitly captured by that element).
    """
    start, path = drag_path(page, member_id, where)
    with page.expect_response(re.compile(rf"/leden/{member_id}/verplaatsen/$")) as answer:
        if touch(page):
            touch_drag(node(page, member_id).locator("circle.node"), start, path)
        else:
            page.mouse.move(*start)
            page.mouse.down()
            for x, y in path:
                page.mouse.move(x, y)
            page.mouse.up()
    return answer.value


def drag_path(page, member_id: int, where: str, steps: int = 8):
    """From the node's centre to the drop point, in viewport coordinates: (start, [points after it])."""
    target = screen_point(page, where)  # scrolls the map into view first
    start = node_centre(page, member_id)
    assert 0 <= target["y"] <= page.viewport_size["height"], f"drop point {target} is off screen"
    path = [
        [start["x"] + (target["x"] - start["x"]) * i / steps, start["y"] + (target["y"] - start["y"]) * i / steps]
        for i in range(1, steps + 1)
    ]
    return [start["x"], start["y"]], path


def finger_drag(page, start, path) -> None:
    """Real touch input through Chromium's input pipeline (not DOM events made up by the page): the
    browser itself decides whether the finger drags or scrolls, and turns it into pointer events."""
    cdp = page.context.new_cdp_session(page)
    try:
        moves = [("touchStart", [start])] + [("touchMove", [point]) for point in path] + [("touchEnd", [])]
        for kind, points in moves:
            touch_points = [{"x": x, "y": y, "id": 1, "radiusX": 5, "radiusY": 5, "force": 1} for x, y in points]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch_points})
    finally:
        cdp.detach()


# --- tests ---------------------------------------------------------------------------------------------


BOTH = pytest.mark.parametrize("viewport", [LAPTOP, TABLET], ids=["1280x800", "768x1024"])
ON_A_TABLET = pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])


@ON_A_TABLET
def test_it_adds_five_members_from_the_side_panel_without_reloading(page, world, check_page, log_in):
    log_in(page, world.worker)
    open_network(page, world.client_a)
    nodes = page.locator("figure#ecogram svg g.member")
    rows = page.locator("#members-table tbody tr")
    expect(nodes).to_have_count(0)

    people = [
        ("Moeder Aziza", "Moeder", 1),
        ("Vriend Ruben", "Vriend(in)", 2),
        ("Buurvrouw Els", "Buur", 3),
        ("Collega Sem", "Collega, dagbesteding of school", 2),
        ("Huisarts Jansen", "Huisarts", 3),
    ]
    for count, (name, relation, circle) in enumerate(people, start=1):
        panel = page.locator("#member-panel")
        expect(panel.get_by_role("heading", name="Iemand toevoegen")).to_be_visible()
        panel.locator("#id_name").fill(name)
        panel.locator("#id_relation").select_option(label=relation)
        press(page, panel.locator(f'input[name="circle"][value="{circle}"]'))
        press(page, panel.get_by_role("button", name="Op de kaart zetten"))

        expect(page.locator("#workspace .messages")).to_contain_text(f"{name} staat nu op de kaart.")
        expect(nodes).to_have_count(count)
        expect(rows).to_have_count(count)
        member = Member.objects.get(client=world.client_a, name=name)
        expect(node(page, member.pk)).to_have_attribute("data-circle", str(circle))
        expect(table_cell(page, member.pk, "Relatie")).to_have_text(relation)
        expect(page.locator("#member-panel #id_name")).to_have_value("")  # a fresh form for the next one
        assert_not_reloaded(page)

    expect(page.locator("#members-heading")).to_have_text("5 mensen in het netwerk")
    check_page(page, "network with members")


@BOTH
def test_it_moves_a_member_by_dragging_and_with_the_move_form(page, world, log_in):
    dragged = make_member(world.client_a, name="Vriend Karim", relation="friend", circle=3)
    by_form = make_member(world.client_a, name="Buurman Piet", relation="neighbour", circle=3)
    make_member(world.client_a, name="Moeder Aziza", relation="mother", circle=2)
    log_in(page, world.worker)
    open_network(page, world.client_a)
    expect(node(page, dragged.pk)).to_have_attribute("data-circle", "3")
    expect(node(page, dragged.pk)).to_have_attribute("data-sector", "friends")

    drag(page, dragged.pk, "family-inner")

    expect(node(page, dragged.pk)).to_have_attribute("data-circle", "1")
    expect(node(page, dragged.pk)).to_have_attribute("data-sector", "family")
    expect(table_cell(page, dragged.pk, "Cirkel")).to_have_text("1 · Heel dichtbij")
    expect(page.locator("#workspace .messages")).to_contain_text("Vriend Karim is verplaatst.")
    assert_not_reloaded(page)
    dragged.refresh_from_db()
    assert (dragged.sector, dragged.circle) == ("family", 1)

    # The way without a mouse or finger on the map: the member's link in the table, then the move form.
    page.locator("#members-table").get_by_role("link", name="Buurman Piet").focus()
    page.keyboard.press("Enter")
    panel = page.locator("#member-panel")
    expect(panel.get_by_role("heading", name="Buurman Piet", level=2)).to_be_visible()
    move = panel.locator("form.move-form")
    expect(move.get_by_role("group", name="Verplaatsen op de kaart")).to_be_visible()
    move.get_by_label("Cirkel").select_option(label="Heel dichtbij")
    move.get_by_label("Sector").select_option(label="Familie")
    move.get_by_role("button", name="Verplaats").focus()
    page.keyboard.press("Enter")

    expect(node(page, by_form.pk)).to_have_attribute("data-circle", "1")
    expect(node(page, by_form.pk)).to_have_attribute("data-sector", "family")
    expect(table_cell(page, by_form.pk, "Cirkel")).to_have_text("1 · Heel dichtbij")
    expect(table_cell(page, by_form.pk, "Sector")).to_have_text("Familie")
    by_form.refresh_from_db()
    assert (by_form.sector, by_form.circle) == ("family", 1)


@BOTH
def test_it_refuses_a_drop_outside_the_circles(page, world, check_page, log_in):
    member = make_member(world.client_a, name="Tante Noor", relation="other_family", circle=2)
    log_in(page, world.worker)
    open_network(page, world.client_a)

    answer = drag(page, member.pk, "corner")

    assert answer.status == 422
    # The refusal is the expected answer, not a file that failed to load (which check_page looks for).
    page.failed_assets.remove(f"422 {urlsplit(answer.url).path}")
    expect(page.locator("#member-panel")).to_contain_text(DROP_HINT)
    expect(node(page, member.pk)).to_have_attribute("data-circle", "2")
    expect(node(page, member.pk)).to_have_attribute("data-sector", "family")
    expect(node(page, member.pk)).not_to_have_attribute("transform", re.compile("."))
    expect(table_cell(page, member.pk, "Cirkel")).to_have_text("2 · Dichtbij")
    assert_not_reloaded(page)
    before = member.version
    member.refresh_from_db()
    assert (member.sector, member.circle, member.version) == ("family", 2, before)
    check_page(page, "drop outside the circles")


@ON_A_TABLET
def test_it_marks_a_member_limited_from_the_side_panel(page, world, check_page, log_in):
    member = make_member(world.client_a, name="Oom Henk", relation="other_family", circle=2)
    make_member(world.client_a, name="Zus Fatima", relation="sister", circle=1)
    log_in(page, world.worker)
    open_network(page, world.client_a)

    press(page, node(page, member.pk).locator("circle.node"))

    panel = page.locator("#member-panel")
    heading = panel.get_by_role("heading", level=2)
    expect(heading).to_have_text("Oom Henk")
    expect(heading).to_be_focused()
    assert_not_reloaded(page)
    check_page(page, "member panel")

    press(page, panel.locator("summary", has_text="Status en grenzen"))
    panel.get_by_label("Status", exact=False).select_option(label="Begrensd")
    panel.get_by_label("Waarom begrensd?").select_option(label="Onveilig")
    press(page, panel.get_by_role("button", name="Opslaan"))

    expect(node(page, member.pk)).to_have_attribute("data-status", "limited")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Oom Henk")
    expect(panel.locator(".alert--warning")).to_contain_text(LIMITED_WARNING)
    expect(panel.locator(".alert--warning")).to_contain_text("onveilig")
    expect(table_cell(page, member.pk, "Status")).to_have_text("Begrensd: onveilig")
    assert_not_reloaded(page)
    member.refresh_from_db()
    assert (member.status, member.limit_reason) == ("limited", "unsafe")
    check_page(page, "member limited")


def test_it_prints_the_map_with_the_table(page, world, check_page, log_in):
    for name, relation, circle in [
        ("Moeder Aziza", "mother", 1),
        ("Vriend Ruben", "friend", 2),
        ("Huisarts Jansen", "gp", 3),
    ]:
        make_member(world.client_a, name=name, relation=relation, circle=circle)
    log_in(page, world.worker)
    open_network(page, world.client_a)

    with page.expect_navigation():
        press(page, page.get_by_role("link", name="Afdrukken"))

    expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/netwerk/afdrukken/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Netwerkkaart van Anna Aalders")
    expect(page.locator("figure.ecogram svg g.member")).to_have_count(3)
    expect(page.locator("#members-table tbody tr")).to_have_count(3)
    expect(page.locator("#members-table a")).to_have_count(0)  # names, not links, on paper
    check_page(page, "print page")

    page.emulate_media(media="print")
    check_page.screenshot(page, "print media")
    for hidden in (".site-header", ".site-nav", ".site-footer", ".print-actions", ".skip-link"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("figure.ecogram svg")).to_be_visible()
    expect(page.locator("#members-table")).to_be_visible()


@ON_A_TABLET
def test_a_finger_drag_on_a_touch_screen_moves_a_member(page, world, log_in):
    member = make_member(world.client_a, name="Vriend Karim", relation="friend", circle=3)
    log_in(page, world.worker)
    open_network(page, world.client_a)
    page.evaluate(
        "() => { window.__cancelled = 0; document.addEventListener('pointercancel', () => window.__cancelled++); }"
    )

    start, path = drag_path(page, member.pk, "family-inner")
    with page.expect_response(re.compile(rf"/leden/{member.pk}/verplaatsen/$"), timeout=3_000):
        finger_drag(page, start, path)
        assert page.evaluate("() => window.__cancelled") == 0, (
            "the browser took the finger for a scroll (pointercancel): the drag was dropped"
        )

    expect(node(page, member.pk)).to_have_attribute("data-circle", "1")
    expect(node(page, member.pk)).to_have_attribute("data-sector", "family")


@pytest.mark.parametrize("viewport", [LAPTOP], ids=["1280x800"])
def test_the_member_panel_labels_every_field_once(page, world, log_in):
    member = make_member(world.client_a, name="Oom Henk", relation="other_family", circle=2)
    log_in(page, world.worker)
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/leden/{member.pk}/")
    expect(page.locator("#panel-heading")).to_have_text("Oom Henk")

    duplicates = page.evaluate(
        """() => {
            const seen = {};
            document.querySelectorAll('[id]').forEach(el => { seen[el.id] = (seen[el.id] || 0) + 1; });
            return Object.keys(seen).filter(id => seen[id] > 1).sort();
        }"""
    )
    assert duplicates == [], f"ids used more than once on the member panel: {duplicates}"
    details = page.locator("#member-panel form:not(.move-form)")
    details.locator("summary", has_text="Praktisch").click()  # the sector override lives there
    expect(details.locator("select[name=sector]")).to_have_accessible_name(re.compile(r"^Sector op de kaart"))
    expect(page.locator("form.move-form select[name=sector]")).to_have_accessible_name("Sector")


@pytest.mark.parametrize("viewport", [LAPTOP], ids=["1280x800"])
def test_a_refused_drop_leaves_the_move_form_on_the_members_place(page, world, log_in):
    member = make_member(world.client_a, name="Vriend Ruben", relation="friend", circle=2)
    log_in(page, world.worker)
    open_network(page, world.client_a)

    answer = drag(page, member.pk, "corner")

    assert answer.status == 422
    page.failed_assets.clear()  # the refusal is the expected answer (see above)
    move = page.locator("#member-panel form.move-form")
    expect(move.locator("#form-errors")).to_contain_text(DROP_HINT)
    # Pressing "Verplaats" now must not move Ruben: the form still shows where he is, and blames no field.
    # The answer is on the page already (the hint above): read it as it is, no waiting for it to change.
    assert move.locator(".field__error").all_inner_texts() == []
    assert move.locator("select[name=circle]").input_value() == "2"
    assert move.locator("select[name=sector]").input_value() == "friends"


@BOTH
def test_the_map_leaves_the_member_table_readable_when_scrolled_to_it(page, world, log_in):
    for name, relation, circle in [
        ("Moeder Aziza", "mother", 1),
        ("Vriend Ruben", "friend", 2),
        ("Buurvrouw Els", "neighbour", 3),
        ("Collega Sem", "colleague", 2),
        ("Huisarts Jansen", "gp", 3),
    ]:
        make_member(world.client_a, name=name, relation=relation, circle=circle)
    log_in(page, world.worker)
    open_network(page, world.client_a)

    # Each name scrolled to the middle of the window, as someone reading the table down would see it.
    covered = page.evaluate(
        """() => [...document.querySelectorAll('#members-heading, #members-table th a')].filter(el => {
            el.scrollIntoView({block: 'center'});
            const box = el.getBoundingClientRect();
            const top = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
            return !(top && el.contains(top));
        }).map(el => el.textContent.trim())"""
    )
    assert covered == [], f"covered by the map when scrolled to the table: {covered}"
