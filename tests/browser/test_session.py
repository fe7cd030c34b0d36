"""The guided mapping session ("Wie is belangrijk voor jou?") on a tablet: the acceptance of the issue.

Every context here has a touch screen: taps are taps, and a name is dragged onto the map with pointer
events of pointerType "touch" (and, in the reload test, with real touch input through Chromium's input
pipeline). Drop points are read from the drawing itself: the middle of a sector's ring band.

1. A whole session at 768×1024, counting every tap, key and drag per name.
2. A reload in the middle of placing.
3. Bad input on a prompt card, and a double tap on "Toevoegen" (the person is named once, and on a quick
   connection the second tap, which finds the field already emptied, shows no error).
4. Every step through check_page (axe, no sideways scrolling, screenshots) at 768×1024 and 390×844.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from kring.audit.log import Actor
from kring.network import session as services
from kring.network.models import Link, MappingSession, Member, SessionLink, SessionPerson, SessionStep
from tests.browser.conftest import TABLET, PageChecker
from tests.browser.gestures import touch_drag
from tests.factories import PASSWORD
from tests.network.factories import make_member

PHONE = {"width": 390, "height": 844}
LANDSCAPE = {"width": 1024, "height": 768}
NAVIGATION = "(navigatie)"  # taps that belong to no name: start, language, next card, next step, Klaar

EMPTY_NAME = "Typ een naam, of een paar woorden over wie het is."
LONG_NAME = "Die naam is te lang. Gebruik hoogstens 100 tekens."


@pytest.fixture
def has_touch() -> bool:
    """A touch screen at every size: the session is made for a tablet."""
    return True


# --- counted hands ------------------------------------------------------------------------------------


class Hands:
    """Every tap, key press and drag on the tablet goes through here and is counted for a name.

    A tap = 1, a key press = 1 (typing "Mama" and Enter = 5), a drag = 1.
    """

    def __init__(self, page):
        self.page = page
        self.counts: dict[str, Counter] = {}

    def count(self, who: str, kind: str, n: int = 1) -> None:
        self.counts.setdefault(who, Counter())[kind] += n

    def tap(self, locator, who: str = NAVIGATION, kind: str = "taps") -> None:
        tap(locator)
        self.count(who, kind)

    def type(self, text: str, who: str) -> None:
        self.page.keyboard.type(text)
        self.count(who, "keys", len(text))

    def press(self, key: str, who: str) -> None:
        self.page.keyboard.press(key)
        self.count(who, "keys")

    def drag(self, who: str, sector: str, circle: int, *, finger: bool = False) -> None:
        """Drag a name from the tray onto the middle of its cell; waits until it is on the map there."""
        page = self.page
        chip = tray_chip(page, who)
        pk = chip.get_attribute("data-drag-person")
        start, drop, scrolled = reach(page, chip, sector, circle)
        if scrolled:  # the page had to be scrolled first: a swipe, counted too
            self.count(who, "scrolls")
        path = line(start, drop)
        with page.expect_response(re.compile(rf"/mensen/{pk}/plaats/$")) as answer:
            if finger:
                finger_drag(page, start, path)
            else:
                touch_drag(chip, start, path)
        assert answer.value.status == 200, f"dropping {who} on {sector} {circle}: {answer.value.status}"
        self.count(who, "drags")
        expect(map_node(page, pk)).to_have_attribute("data-sector", sector)
        expect(map_node(page, pk)).to_have_attribute("data-circle", str(circle))
        expect(tray_chip(page, who)).to_have_count(0)

    def table(self, names) -> str:
        head = ("naam", "tekens+1", "toetsen", "tikken", "slepen", "scrollen", "tik+sleep", "wie-kent-wie")
        rows = ["{:<16} {:>8} {:>7} {:>6} {:>6} {:>8} {:>9} {:>12}".format(*head)]
        for name in [*names, NAVIGATION]:
            c = self.counts.get(name, Counter())
            budget = len(name) + 1 if name != NAVIGATION else ""
            rows.append(
                f"{name:<16} {budget:>8} {c['keys']:>7} {c['taps']:>6} {c['drags']:>6} {c['scrolls']:>8} "
                f"{self.beyond_typing(name):>9} {c['link taps']:>12}"
            )
        n = len(names)
        keys = sum(self.counts[name]["keys"] for name in names) / n
        budget = sum(len(name) + 1 for name in names) / n
        beyond = sum(self.beyond_typing(name) for name in names) / n
        rows.append(f"{'gemiddeld':<16} {budget:>8.2f} {keys:>7.2f} {'':>6} {'':>6} {'':>8} {beyond:>9.2f}")
        return "\n".join(rows)

    def beyond_typing(self, who: str) -> int:
        """Taps, drags and scrolls for a name (not its keys, not the optional who-knows-whom taps)."""
        c = self.counts.get(who, Counter())
        return c["taps"] + c["drags"] + c["scrolls"]


# A person taps the same spot again only after this; quicker is a double tap, which session.js takes as one
# (a second tap on a button within 500 ms and 24 px of the first). Taps on other spots follow at once.
HUMAN_PAUSE_MS = 550
SAME_SPOT_PX = 24


def tap(locator) -> None:
    """A deliberate tap: on what the screen shows once it stands still (no htmx request, swap or settle under
    way: an answer that Playwright has seen may not be in place yet, and a field about to be replaced is gone
    from the page between finding and scrolling to it), and on the spot of an earlier tap not sooner than a
    person would tap there again."""
    page = locator.page
    wait_for_htmx(page)
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    spot = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pause_if_same_spot(page, spot)
    locator.tap()
    note_tap(page, spot)


def wait_for_htmx(page) -> None:
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def note_tap(page, spot) -> None:
    page.recent_taps = [*getattr(page, "recent_taps", []), (spot, time.monotonic())]


def pause_if_same_spot(page, spot) -> None:
    """Wait until a tap on ``spot`` (viewport px) can no longer be taken for a double tap with an earlier one
    (not only the last: typing a name between two taps on "Volgende vraag" takes the script no time)."""
    now = time.monotonic()
    page.recent_taps = [(at, when) for at, when in getattr(page, "recent_taps", []) if now - when < 1]
    waits = [
        HUMAN_PAUSE_MS - (now - when) * 1000
        for (x, y), when in page.recent_taps
        if abs(spot[0] - x) < SAME_SPOT_PX and abs(spot[1] - y) < SAME_SPOT_PX
    ]
    if waits and max(waits) > 0:
        page.wait_for_timeout(max(waits))


def focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def name_someone(hands: Hands, name: str) -> None:
    """Quick add on the card shown: tap the field if the cursor is not there, type the name, Enter."""
    page = hands.page
    field = page.locator("#session-name")
    if not focused(field):
        hands.tap(field, who=name)
    hands.type(name, who=name)
    hands.press("Enter", who=name)
    expect(page.locator(".session-added")).to_contain_text(f"{name} staat erbij.")
    expect(page.locator("#session-name")).to_have_value("")


def card_chip(page, name: str):
    return page.locator("ul.session-chips").get_by_role("button", name=name, exact=True)


def next_card(hands: Hands, number: int) -> None:
    hands.tap(hands.page.locator("#nav-next"))
    expect(hands.page.locator(".session-card__count")).to_have_text(re.compile(rf"^Vraag {number} van \d+$"))


def to_the_map(hands: Hands) -> None:
    """From a card before the last: "Genoeg vragen: naar de kaart"."""
    hands.tap(hands.page.get_by_role("button", name="Genoeg vragen: naar de kaart"))
    expect(hands.page.locator("#session-heading")).to_have_text("Wie staat waar?")


def tray_chip(page, name: str):
    return page.locator(".session-tray__chips").get_by_role("button", name=name, exact=True)


def map_node(page, pk):
    return page.locator(f'#session-map svg g.member[data-member-id="{pk}"]')


def tray_names(page) -> list[str]:
    return [t.strip() for t in page.locator(".session-tray__chips [data-drag-person]").all_inner_texts()]


def map_places(page) -> dict[str, tuple[str, str]]:
    """Who is on the placing map, and where: {name: (sector, circle)} read from the drawing."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#session-map svg g.member')].map(g => [
            g.querySelector('text') ? g.querySelector('text').textContent.trim() : g.id,
            [g.dataset.sector, g.dataset.circle]]))"""
    )


def map_sizes(page) -> str:
    """How big the placing map draws its text and nodes on screen (CSS px), for the report."""
    sizes = page.evaluate(
        """() => {
            const svg = document.querySelector('#session-map svg');
            const px = el => el ? el.getBoundingClientRect().height : 0;
            const scale = svg.getScreenCTM().a;
            const size = sel => { const el = svg.querySelector(sel);
                return el ? parseFloat(getComputedStyle(el).fontSize) * scale : 0; };
            return {map: svg.getBoundingClientRect().width, name: size('text.member-label'),
                    node: px(svg.querySelector('circle.node')), circle: size('text.circle-label'),
                    sector: size('text.sector-label')};
        }"""
    )
    return (
        f"map {sizes['map']:.0f} px wide; names {sizes['name']:.1f} px, node circles {sizes['node']:.1f} px, "
        f"circle names {sizes['circle']:.1f} px, sector names {sizes['sector']:.1f} px"
    )


def cells_below_the_fold(page) -> list[str]:
    """The cells whose middle is below the bottom of the screen when the page is scrolled to the top."""
    return page.evaluate(
        """() => {
            window.scrollTo({top: 0, behavior: 'instant'});
            const svg = document.querySelector('#session-map svg');
            const ring = c => svg.querySelector(`circle.ring--${c}`);
            const cx = ring(1).cx.baseVal.value, cy = ring(1).cy.baseVal.value;
            const radii = [svg.querySelector('g.client circle').r.baseVal.value,
                           ...[1, 2, 3].map(c => ring(c).r.baseVal.value)];
            const dividers = [...svg.querySelectorAll('line.sector-divider')];
            const angle = l => Math.atan2(l.y2.baseVal.value - cy, l.x2.baseVal.value - cx);
            const below = [];
            dividers.forEach((l, i) => {
                const start = angle(l), end = angle(dividers[(i + 1) % dividers.length]);
                const mid = start + ((end - start) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) / 2;
                for (const circle of [1, 2, 3]) {
                    const p = svg.createSVGPoint(), r = (radii[circle - 1] + radii[circle]) / 2;
                    p.x = cx + Math.cos(mid) * r; p.y = cy + Math.sin(mid) * r;
                    const y = p.matrixTransform(svg.getScreenCTM()).y;
                    if (y > window.innerHeight) below.push(`${l.dataset.sector} ${circle}`);
                }
            });
            return below;
        }"""
    )


def reach(page, chip, sector: str, circle: int):
    """Scroll so that the chip and the middle of the cell are both on screen (a finger that drags a name
    cannot scroll the page), and return both in viewport coordinates: (start, drop)."""
    found = chip.evaluate(
        """(chip, [sector, circle]) => {
            const svg = document.querySelector('#session-map svg');
            const drop = () => {
                const ring = c => svg.querySelector(`circle.ring--${c}`);
                const cx = ring(1).cx.baseVal.value, cy = ring(1).cy.baseVal.value;
                const inner = circle === 1 ? svg.querySelector('g.client circle').r.baseVal.value
                                           : ring(circle - 1).r.baseVal.value;
                const outer = ring(circle).r.baseVal.value;
                const dividers = [...svg.querySelectorAll('line.sector-divider')];
                const angle = l => Math.atan2(l.y2.baseVal.value - cy, l.x2.baseVal.value - cx);
                const i = dividers.findIndex(l => l.dataset.sector === sector);
                const start = angle(dividers[i]);
                const end = angle(dividers[(i + 1) % dividers.length]);
                const span = ((end - start) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI);
                const p = svg.createSVGPoint();
                p.x = cx + Math.cos(start + span / 2) * (inner + outer) / 2;
                p.y = cy + Math.sin(start + span / 2) * (inner + outer) / 2;
                const q = p.matrixTransform(svg.getScreenCTM());
                return {x: q.x, y: q.y};
            };
            const centre = () => {
                const box = chip.getBoundingClientRect();
                return {x: box.left + box.width / 2, y: box.top + box.height / 2, top: box.top, bottom: box.bottom};
            };
            const margin = 12, height = window.innerHeight;
            let c = centre(), d = drop();
            const top = Math.min(c.top, d.y - margin), bottom = Math.max(c.bottom, d.y + margin);
            let shift = 0;
            if (bottom > height) shift = bottom - height;
            if (top - shift < 0) shift = top;
            window.scrollBy({top: shift, behavior: 'instant'});
            c = centre(); d = drop();
            return {start: c, drop: d, height, shift};
        }""",
        [sector, circle],
    )
    start, drop, height = found["start"], found["drop"], found["height"]
    on_screen = start["top"] >= 0 and start["bottom"] <= height and 0 <= drop["y"] <= height
    assert on_screen, (
        f"the name and its place ({sector}, circle {circle}) do not fit on one screen: name at "
        f"{start['top']:.0f}–{start['bottom']:.0f}px, place at {drop['y']:.0f}px, screen {height}px high"
    )
    return [start["x"], start["y"]], [drop["x"], drop["y"]], abs(found["shift"]) >= 1


def line(start, end, steps: int = 8):
    return [
        [start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps]
        for i in range(1, steps + 1)
    ]


def finger_drag(page, start, path) -> None:
    """Real touch input through Chromium's input pipeline: the browser decides between drag and scroll."""
    cdp = page.context.new_cdp_session(page)
    try:
        moves = [("touchStart", [start])] + [("touchMove", [point]) for point in path] + [("touchEnd", [])]
        for kind, points in moves:
            touch_points = [{"x": x, "y": y, "id": 1, "radiusX": 5, "radiusY": 5, "force": 1} for x, y in points]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch_points})
    finally:
        cdp.detach()


SECTOR_LABEL = {
    "family": "Familie",
    "friends": "Vrienden en kennissen",
    "community": "Buurt en gemeenschap",
    "work": "Werk, school en dagbesteding",
    "professional": "Hulpverleners",
}
CIRCLE_LABEL = {1: "Heel dichtbij", 2: "Dichtbij", 3: "Wat verder weg"}


def pick_button(page, sector: str, circle: str):
    """The big button for a circle of a group ("Dichtbij" under "Familie") for the person asked about."""
    return page.locator("#session-pick").get_by_role("button", name=re.compile(rf"^{circle}, {sector}"))


def link(hands: Hands, a: str, b: str) -> None:
    """Wie kent wie: tap one name, then the other."""
    page = hands.page
    chips = page.locator("form.session-link-form")
    hands.tap(chips.get_by_role("button", name=a, exact=True), who=a, kind="link taps")
    expect(page.locator(".session-chosen")).to_contain_text(f"Je koos {a}.")
    hands.tap(chips.get_by_role("button", name=b, exact=True), who=b, kind="link taps")
    expect(page.locator(".session-pairs__list")).to_contain_text(re.compile(rf"{a} en {b}|{b} en {a}"))


def start_in_browser(hands: Hands, client) -> None:
    """From the client's network page: "Start netwerksessie", then the client chooses Nederlands."""
    page = hands.page
    page.goto(f"/clienten/{client.pk}/netwerk/")
    with page.expect_navigation():
        hands.tap(page.get_by_role("button", name="Start netwerksessie"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie is belangrijk voor jou?")
    with page.expect_navigation():
        hands.tap(page.get_by_role("button", name="Nederlands"))
    expect(page.locator(".session-card__count")).to_have_text(re.compile(r"^Vraag 1 van \d+$"))


def started_session(world, step=SessionStep.PROMPTS, names=()):
    """A session made straight in the database (for the tests that are about one step)."""
    actor = Actor.system(world.worker, reason="test")
    session = services.session_start(actor=actor, client=world.client_a, language="nl")
    for name in names:
        services.person_name(actor=actor, session=session, prompt_key="fall_back", name=name, request_key="")
    if step != SessionStep.PROMPTS:
        services.session_go_to(actor=actor, session=session, step=step)
    return session


def step_url(world, session) -> str:
    return f"/clienten/{world.client_a.pk}/netwerk/sessie/{session.pk}/"


def people(session) -> list[tuple[str, list[str]]]:
    return [(p.name, p.prompt_keys) for p in SessionPerson.objects.filter(session=session).order_by("pk")]


# --- 1. a whole session -------------------------------------------------------------------------------

# name: the card it is typed on (1, 2 or 3), where it goes on the map
FULL = {
    "Mama": (1, "family", 1),
    "Broer Youssef": (1, "family", 2),
    "Buurvrouw Els": (1, "community", 2),
    "Vriend Karim": (2, "friends", 1),
    "Collega Sem": (2, "work", 3),
    "Vriendin Noor": (3, "friends", 2),
    "Coach Lisa": (3, "professional", 2),
    "Oom Henk": (3, "family", 3),
}
RELATION_OF_SECTOR = {
    "family": "other_family",
    "friends": "friend",
    "community": "acquaintance",
    "work": "colleague",
    "professional": "professional",
}


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_whole_session_on_a_tablet_by_touch(page, world, log_in, check_page):
    log_in(page, world.worker)
    hands = Hands(page)
    began = time.monotonic()
    start_in_browser(hands, world.client_a)
    session = MappingSession.objects.get(client=world.client_a)
    assert session.language == "nl"

    # Card 1, "Als er iets met je gebeurt…" (emergency contact); card 2, WhatsApp (frequent contact);
    # card 3, the weekend (company), where Mama comes back: a tap on her name, not typing it again.
    expect(page.locator("#session-heading")).to_have_text(
        "Als er iets met je gebeurt: op wie kunnen we dan terugvallen?"
    )
    for card in (1, 2, 3):
        if card > 1:
            next_card(hands, card)
        for name, (on_card, _sector, _circle) in FULL.items():
            if on_card == card:
                name_someone(hands, name)
    expect(page.locator("#session-heading")).to_have_text("Met wie ben je in het weekend?")
    hands.tap(card_chip(page, "Mama"), who="Mama")
    expect(card_chip(page, "Mama")).to_have_attribute("aria-pressed", "true")
    expect(card_chip(page, "Oom Henk")).to_have_attribute("aria-pressed", "true")
    expect(card_chip(page, "Vriend Karim")).to_have_attribute("aria-pressed", "false")
    assert SessionPerson.objects.filter(session=session).count() == 8

    to_the_map(hands)
    assert sorted(tray_names(page)) == sorted(FULL)
    check_page(page, "placing, eight names in the tray")
    below = cells_below_the_fold(page)
    for name, (_card, sector, circle) in FULL.items():
        hands.drag(name, sector, circle)
    expect(page.locator(".session-done")).to_have_text("Iedereen staat op de kaart.")
    check_page(page, "placing, everyone on the map")
    assert map_places(page) == {name: [sector, str(circle)] for name, (_c, sector, circle) in FULL.items()}

    hands.tap(page.locator("#nav-next"))
    expect(page.locator("#session-heading")).to_have_text("Wie kent wie?")
    link(hands, "Mama", "Broer Youssef")
    link(hands, "Vriend Karim", "Vriendin Noor")
    expect(page.locator(".session-pairs__list li")).to_have_count(2)
    expect(page.locator("figure.session-map svg g.links [data-a]")).to_have_count(2)

    hands.tap(page.locator("#nav-next"))
    expect(page.locator("#session-heading")).to_have_text("Kijk nog even samen")
    expect(page.locator(".session-summary li")).to_have_text(
        [
            "Je hebt 8 mensen genoemd.",
            "8 mensen staan op de kaart.",
            "2 staan heel dichtbij.",
            "Op 3 mensen kun je terugvallen als er iets is.",
        ]
    )
    expect(page.locator(".session-unplaced")).to_have_count(0)
    with page.expect_navigation():
        hands.tap(page.locator("#session-finish"))
    expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/netwerk/$"))
    expect(page.locator(".messages, .alert").first).to_contain_text(
        "De netwerkkaart is bijgewerkt met wat Anna vertelde."
    )
    expect(page.locator("figure#ecogram svg g.member")).to_have_count(8)
    took = time.monotonic() - began

    # The network now holds exactly these people, where they were put, with what the cards told.
    session.refresh_from_db()
    assert session.finished_at is not None
    members = {m.name: m for m in Member.objects.filter(client=world.client_a)}
    assert sorted(members) == sorted(FULL)
    for name, (card, sector, circle) in FULL.items():
        m = members[name]
        told = {"emergency": m.emergency_contact, "frequency": m.contact_frequency, "received": m.support_received}
        expected = {
            "emergency": card == 1,
            "frequency": "weekly" if card == 2 else "",
            "received": ["company"] if card == 3 or name == "Mama" else [],
        }
        assert (m.sector, m.circle, m.relation) == (sector, circle, RELATION_OF_SECTOR[sector]), name
        assert told == expected, name
        assert (m.status, m.tie_quality, m.support_given) == ("active", "supportive", []), name
    links = {
        frozenset((link.member_a.name, link.member_b.name)): link.kind
        for link in Link.objects.filter(client=world.client_a).select_related("member_a", "member_b")
    }
    assert links == {
        frozenset(("Mama", "Broer Youssef")): "knows",
        frozenset(("Vriend Karim", "Vriendin Noor")): "knows",
    }

    # The effort: one typed name plus Enter, and one drag, per name.
    print(f"\n\nTikken, toetsen en slepen per naam (768×1024, touch; hele sessie {took:.1f} s):")
    print(hands.table(list(FULL)))
    print(f"With all eight names in the tray, cells below the fold at the top of the page: {below or 'none'}")
    for name in FULL:
        assert hands.counts[name]["keys"] <= len(name) + 1, name
        assert hands.counts[name]["drags"] == 1, name
    n = len(FULL)
    assert sum(hands.counts[name]["keys"] for name in FULL) / n <= sum(len(name) + 1 for name in FULL) / n
    assert sum(hands.beyond_typing(name) for name in FULL) / n <= 2


# --- 2. a reload while placing ------------------------------------------------------------------------

PLACES = {
    "Moeder Aziza": ("family", 1),
    "Vriend Ruben": ("friends", 2),
    "Buurman Piet": ("community", 3),
    "Collega Sem": ("work", 2),
    "Huisarts Jansen": ("professional", 3),
}


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_reload_while_placing_keeps_the_step_and_the_places(page, world, log_in):
    session = started_session(world, SessionStep.PLACING, names=PLACES)
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    expect(page.locator("#session-heading")).to_have_text("Wie staat waar?")
    hands = Hands(page)
    first, later = list(PLACES)[:3], list(PLACES)[3:]
    for name in first[:2]:
        hands.drag(name, *PLACES[name])
    # The other way: tap the name, then the place on the map.
    chip = tray_chip(page, first[2])
    pk = chip.get_attribute("data-drag-person")
    reach(page, chip, *PLACES[first[2]])
    hands.tap(chip, who=first[2])
    expect(page.locator("#place-hint")).to_contain_text(f"waar hoort {first[2]}?")
    _start, drop, _scrolled = reach(page, tray_chip(page, first[2]), *PLACES[first[2]])
    with page.expect_response(re.compile(rf"/mensen/{pk}/plaats/$")):
        page.touchscreen.tap(*drop)
    expect(map_node(page, pk)).to_have_attribute("data-circle", str(PLACES[first[2]][1]))

    page.reload()

    expect(page.locator("#session-step")).to_have_attribute("data-step", "placing")
    expect(page.locator("#session-heading")).to_have_text("Wie staat waar?")
    expect(page.locator(".session-progress__count")).to_have_text("Stap 2 van 4")
    assert map_places(page) == {name: [PLACES[name][0], str(PLACES[name][1])] for name in first}
    assert sorted(tray_names(page)) == sorted(later)
    session.refresh_from_db()
    assert session.step == SessionStep.PLACING

    # Go on after the reload, now with real touch input (Chromium's own touch pipeline).
    for name in later:
        hands.drag(name, *PLACES[name], finger=True)
    expect(page.locator(".session-done")).to_have_text("Iedereen staat op de kaart.")
    tap(page.locator("#nav-next"))
    expect(page.locator("#session-heading")).to_have_text("Wie kent wie?")
    expect(page.locator("#nav-next")).to_have_text("Overslaan")
    tap(page.locator("#nav-next"))
    expect(page.locator(".session-summary li").nth(1)).to_have_text("5 mensen staan op de kaart.")
    with page.expect_navigation():
        tap(page.locator("#session-finish"))
    places = {m.name: (m.sector, m.circle) for m in Member.objects.filter(client=world.client_a)}
    assert places == PLACES
    assert Link.objects.filter(client=world.client_a).count() == 0


# --- 2b. placing on a phone ---------------------------------------------------------------------------

PHONE_PLACES = {
    "Moeder Aziza": ("family", 1),
    "Vriend Ruben": ("friends", 2),
    "Buurman Piet": ("community", 3),
    "Collega Sem": ("work", 2),
    "Huisarts Jansen": ("professional", 3),
}


def smallest_text_and_targets(page) -> dict:
    """The smallest text and the smallest tap targets a person reads or taps in the session (the map is a
    picture here; everything on it is also said in words), in CSS px, with what they are."""
    return page.evaluate(
        """() => {
            const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.visually-hidden'); };
            const where = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' +
                (el.textContent || '').trim().slice(0, 30) + '"';
            const root = document.body;
            const texts = [];
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode, el = node.parentElement;
                if (!node.textContent.trim() || el.closest('svg') || !visible(el)) continue;
                texts.push([parseFloat(getComputedStyle(el).fontSize), where(el)]);
            }
            const targets = [...root.querySelectorAll('button, a[href], input, select, summary')]
                .filter(el => !el.closest('svg') && visible(el))
                .map(el => { const r = el.getBoundingClientRect(); return [Math.min(r.width, r.height), where(el)]; });
            const least = list => list.reduce((a, b) => (b[0] < a[0] ? b : a));
            return {text: least(texts), target: least(targets)};
        }"""
    )


def in_view(locator) -> bool:
    return locator.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )


@pytest.mark.parametrize("viewport", [PHONE], ids=["390x844"])
def test_placing_on_a_phone_with_big_buttons(page, world, log_in, check_page):
    make_member(world.client_a, name="Zus Fatima", relation="sister", circle=2)
    session = started_session(world, SessionStep.PLACING, names=[*PHONE_PLACES, "Ex"])
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    hands = Hands(page)
    heading = page.locator("#pick-heading")

    # No names to drag on a phone: one person at a time, asked at the top of the screen.
    expect(page.locator(".session-tray")).to_be_hidden()
    expect(heading).to_have_text("Waar hoort Moeder Aziza?")
    assert in_view(heading)
    sizes = smallest_text_and_targets(page)
    check_page(page, "placing on a phone, first name")
    print(f"\n390×844, placing: smallest text {sizes['text']}, smallest target {sizes['target']}")
    assert sizes["text"][0] >= 14, sizes
    assert sizes["target"][0] >= 44, sizes

    for who, (sector, circle) in PHONE_PLACES.items():
        expect(heading).to_have_text(f"Waar hoort {who}?")
        button = pick_button(page, SECTOR_LABEL[sector], CIRCLE_LABEL[circle])
        if not in_view(button):
            hands.count(who, "scrolls")
        with page.expect_response(re.compile(r"/plaats/$")) as answer:
            hands.tap(button, who=who)
        assert answer.value.status == 200
        # The next question comes back at the top of the screen, with the focus on it.
        if who != "Huisarts Jansen":
            expect(heading).to_be_focused()
            assert in_view(heading)
    expect(heading).to_have_text("Waar hoort Ex?")
    tap(page.locator("#session-pick").get_by_role("button", name="Laat maar"))
    expect(page.locator("#session-heading")).to_be_focused()
    expect(page.locator(".session-left-out")).to_contain_text("Ex")
    expect(page.locator(".session-done")).to_have_text("Iedereen staat op de kaart.")

    # Who is where, in words (the map's names are too small to read on a phone); moving someone.
    where = page.locator(".session-where .session-person")
    expect(where.filter(has_text="Vriend Ruben").locator(".session-person__where")).to_have_text(
        "Dichtbij · Vrienden en kennissen"
    )
    check_page(page, "placing on a phone, everyone placed")
    tap(where.filter(has_text="Zus Fatima").get_by_role("link", name=re.compile("^Verplaats")))
    expect(heading).to_have_text("Waar hoort Zus Fatima?")
    expect(pick_button(page, "Familie", "Dichtbij")).to_have_class(re.compile("is-current"))
    check_page(page, "placing on a phone, moving someone")
    tap(pick_button(page, "Familie", "Heel dichtbij"))
    expect(where.filter(has_text="Zus Fatima").locator(".session-person__where")).to_have_text(
        "Heel dichtbij · Familie"
    )

    print("Tikken per naam bij plaatsen op een telefoon (390×844):")
    for who in PHONE_PLACES:
        print(f"  {who:<16} tikken {hands.counts[who]['taps']}, scrollen {hands.counts[who]['scrolls']}")
        assert hands.beyond_typing(who) == 1, who
    places = {p.name: (p.sector, p.circle) for p in SessionPerson.objects.filter(session=session, left_out=False)}
    assert places == {**PHONE_PLACES, "Zus Fatima": ("family", 1)}


def test_a_whole_session_works_without_javascript_on_a_phone(browser, live_server, world, log_in):
    """Every tap is a form: the session goes from start to finish with JavaScript switched off."""
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, locale="nl-NL", java_script_enabled=False, has_touch=True
    )
    try:
        page = context.new_page()
        log_in(page, world.worker)
        page.goto(f"/clienten/{world.client_a.pk}/netwerk/sessie/start/")
        with page.expect_navigation():
            page.get_by_role("button", name="Nederlands").click()
        for who in ("Mama", "Oom Henk", "Mama"):
            page.locator("#session-name").fill(who)
            with page.expect_navigation():
                page.get_by_role("button", name="Toevoegen", exact=True).click()
        expect(page.locator(".session-ask__question")).to_have_text("Is dit dezelfde Mama?")
        with page.expect_navigation():
            page.locator("#same-yes").click()
        with page.expect_navigation():
            page.locator("#nav-next").click()
        expect(page.locator(".session-card__count")).to_have_text(re.compile(r"^Vraag 2 van"))
        with page.expect_navigation():
            card_chip(page, "Mama").click()
        expect(card_chip(page, "Mama")).to_have_attribute("aria-pressed", "true")
        with page.expect_navigation():
            page.get_by_role("button", name="Genoeg vragen: naar de kaart").click()
        for sector, circle in (("Familie", "Heel dichtbij"), ("Familie", "Wat verder weg")):
            with page.expect_navigation():
                pick_button(page, sector, circle).click()
        with page.expect_navigation():
            page.locator(".session-where .session-person", has_text="Oom Henk").get_by_role("link").click()
        expect(page.locator("#pick-heading")).to_have_text("Waar hoort Oom Henk?")
        with page.expect_navigation():
            pick_button(page, "Familie", "Dichtbij").click()
        with page.expect_navigation():
            page.locator("#nav-next").click()
        chips = page.locator("form.session-link-form")
        for who in ("Mama", "Oom Henk"):
            with page.expect_navigation():
                chips.get_by_role("button", name=who, exact=True).click()
        expect(page.locator(".session-pairs__list li")).to_have_count(1)
        with page.expect_navigation():
            page.locator("#nav-next").click()
        expect(page.locator(".session-summary li").first).to_have_text("Je hebt 2 mensen genoemd.")
        with page.expect_navigation():
            page.locator("#session-finish").click()
        expect(page).to_have_url(re.compile(rf"/clienten/{world.client_a.pk}/netwerk/$"))
    finally:
        context.close()
    members = Member.objects.filter(client=world.client_a)
    assert sorted(members.values_list("name", "sector", "circle", "contact_frequency", "emergency_contact")) == [
        ("Mama", "family", 1, "weekly", True),
        ("Oom Henk", "family", 2, "", True),
    ]
    assert Link.objects.filter(client=world.client_a).count() == 1


# --- 3. bad input -------------------------------------------------------------------------------------


def send_name(page, name: str, *, fill: bool = False, status: int = 200):
    """Type (or, for long text, fill) the name field and press Enter; returns the answer to the POST."""
    field = page.locator("#session-name")
    tap(field)
    if fill:
        field.fill(name)
    else:
        field.press("Control+a")
        page.keyboard.type(name)
    with page.expect_response(re.compile(r"/naam/$")) as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == status, f"{name[:20]!r}: {answer.value.status}"
    return answer.value


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_bad_input_on_a_prompt_card(page, world, log_in, check_page):
    session = started_session(world)
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    field = page.locator("#session-name")
    error = page.locator(".session-field #session-name-error")

    # An empty name, and one of spaces only: a Dutch message by the field, nobody added.
    for empty in ("", "   "):
        send_name(page, empty, status=422)
        expect(error).to_have_text(EMPTY_NAME)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_attribute("aria-describedby", "session-name-error")
        expect(field).to_be_focused()
        assert people(session) == []

    # 500 characters: a message, and what was typed is still there to shorten.
    long = "Tante Noor " + "a" * 489
    assert len(long) == 500
    send_name(page, long, fill=True, status=422)
    expect(error).to_have_text(LONG_NAME)
    expect(field).to_have_value(long)
    assert people(session) == []
    page.failed_assets.clear()  # the 422 answers are the expected refusals, not files that failed to load
    check_page(page, "name too long")

    send_name(page, "Mama")
    expect(page.locator(".session-added")).to_contain_text("Mama staat erbij.")
    expect(error).to_have_count(0)
    expect(field).not_to_have_attribute("aria-invalid", "true")

    # The same name twice on one card: "Is dit dezelfde Mama?" — yes: still one Mama.
    send_name(page, "mama")
    ask = page.locator(".session-ask")
    expect(ask.locator(".session-ask__question")).to_have_text("Is dit dezelfde Mama?")
    expect(page.locator("#same-yes")).to_be_focused()
    assert people(session) == [("Mama", ["fall_back"])]
    tap(page.locator("#same-yes"))
    expect(ask).to_have_count(0)
    expect(field).to_have_value("")
    expect(field).to_be_focused()
    expect(card_chip(page, "Mama")).to_have_attribute("aria-pressed", "true")
    assert people(session) == [("Mama", ["fall_back"])]

    # … and no: someone else with the same name.
    send_name(page, "Mama")
    expect(ask.locator(".session-ask__question")).to_have_text("Is dit dezelfde Mama?")
    expect(ask).to_contain_text("Iemand anders komt erbij als Mama (2).")
    tap(page.locator("#same-no"))
    expect(ask).to_have_count(0)
    expect(page.locator(".session-added")).to_contain_text("Mama (2) staat erbij.")
    expect(field).to_be_focused()
    assert people(session) == [("Mama", ["fall_back"]), ("Mama (2)", ["fall_back"])]
    expect(page.locator("ul.session-chips .session-chip")).to_have_text(["Mama", "Mama (2)"])

    # A third: "Welke Mama bedoel je?", with both to choose from; or a word to tell them apart.
    send_name(page, "Mama")
    expect(ask.locator(".session-ask__question")).to_have_text("Welke Mama bedoel je?")
    expect(ask.get_by_role("button", name="Mama", exact=True)).to_be_focused()
    expect(ask.get_by_role("button", name="Mama (2)", exact=True)).to_be_visible()
    check_page(page, "which of two of the same name")
    word = page.locator("#session-name-word")
    tap(word)
    page.keyboard.press("End")
    page.keyboard.type("van de overkant")
    with page.expect_response(re.compile(r"/naam/$")):
        page.keyboard.press("Enter")
    expect(page.locator(".session-added")).to_contain_text("Mama van de overkant staat erbij.")
    assert people(session)[-1] == ("Mama van de overkant", ["fall_back"])

    # On another card, "yes" says that the Mama already there answers this card too.
    tap(page.locator("#nav-next"))
    expect(page.locator(".session-card__count")).to_have_text(re.compile(r"^Vraag 2 van"))
    send_name(page, "Broer Youssef")
    send_name(page, "broer youssef")
    expect(ask.locator(".session-ask__question")).to_have_text("Is dit dezelfde Broer Youssef?")
    tap(page.locator("#same-yes"))
    expect(ask).to_have_count(0)
    assert people(session)[-1] == ("Broer Youssef", ["whatsapp"])
    assert len(people(session)) == 4


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_double_tap_on_toevoegen_names_the_person_once(page, world, log_in):
    session = started_session(world)
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" and r.url.endswith("/naam/") else None)
    # A slow connection (400 ms each way), so both taps land before the first answer is back.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    slow = {"offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1}
    cdp.send("Network.emulateNetworkConditions", slow)
    field = page.locator("#session-name")
    add = page.get_by_role("button", name="Toevoegen")

    tap(field)
    page.keyboard.type("Vriend Karim")
    add.tap()
    add.tap()
    expect(page.locator(".session-added")).to_contain_text("Vriend Karim staat erbij.", timeout=5_000)
    page.wait_for_timeout(1_000)  # room for a second answer, if one was sent
    expect(page.locator(".session-field .field__error")).to_have_count(0)
    assert [name for name, _keys in people(session)] == ["Vriend Karim"]

    # Enter twice, quickly.
    tap(field)
    page.keyboard.type("Buurvrouw Els")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator(".session-added")).to_contain_text("Buurvrouw Els staat erbij.", timeout=5_000)
    page.wait_for_timeout(1_000)
    expect(page.locator(".session-field .field__error")).to_have_count(0)
    assert [name for name, _keys in people(session)] == ["Vriend Karim", "Buurvrouw Els"]
    cdp.send("Network.emulateNetworkConditions", {**slow, "latency": 0})
    cdp.detach()
    print(f"\nPOSTs to /naam/ for two names, each tapped or entered twice: {len(sent)}")

    # A tablet that lost its connection sends the same request again (same request key): still once.
    statuses = page.locator("form[data-name-form]").evaluate(
        """async form => {
            const data = new FormData(form);
            data.set('name', 'Oom Henk');
            data.set('request_key', 'retry-0123456789');
            const send = () => fetch(form.action, {method: 'POST', body: data, headers: {'HX-Request': 'true'}});
            const first = await send();
            const second = await send();
            return [first.status, second.status];
        }"""
    )
    assert statuses == [200, 200]
    assert [name for name, _keys in people(session)] == ["Vriend Karim", "Buurvrouw Els", "Oom Henk"]


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_quick_double_tap_on_toevoegen_shows_no_error(page, world, log_in):
    session = started_session(world)
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    add = page.get_by_role("button", name="Toevoegen")
    tap(page.locator("#session-name"))
    page.keyboard.type("Vriend Karim")
    add.tap()
    page.wait_for_timeout(120)  # a double tap, as a hand makes it
    add.tap()
    page.wait_for_timeout(500)
    assert [name for name, _keys in people(session)] == ["Vriend Karim"]
    expect(page.locator(".session-field .field__error")).to_have_count(0, timeout=1_000)
    expect(page.locator(".session-added")).to_contain_text("Vriend Karim staat erbij.", timeout=1_000)


def expire_logins() -> None:
    """The tablet slept past the login's time limit: every stored login has expired."""
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_an_expired_login_comes_back_to_the_same_step_with_nothing_lost(page, world, log_in, submit_login):
    session = started_session(world, names=["Mama"])
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    next_card(Hands(page), 2)

    # A name typed after the login expired: the login page, then the same card with the name kept.
    expire_logins()
    field = page.locator("#session-name")
    tap(field)
    page.keyboard.type("Oom Henk")
    with page.expect_navigation(url=re.compile(r"/account/inloggen/")):
        page.keyboard.press("Enter")
    assert people(session) == [("Mama", ["fall_back"])]
    submit_login(page, world.worker.email, PASSWORD)
    expect(page).to_have_url(re.compile(rf"{step_url(world, session)}$"))
    expect(page.locator(".session-card__count")).to_have_text(re.compile(r"^Vraag 2 van"))
    expect(field).to_have_value("Oom Henk")
    expect(field).to_be_focused()
    expect(page.locator(".session-after-login")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".session-added")).to_contain_text("Oom Henk staat erbij.")
    assert people(session) == [("Mama", ["fall_back"]), ("Oom Henk", ["whatsapp"])]

    # A drag after the login expired: the login page, then the map again, with nothing placed twice.
    to_the_map(Hands(page))
    Hands(page).drag("Mama", "family", 1)
    expire_logins()
    chip = tray_chip(page, "Oom Henk")
    start, drop, _scrolled = reach(page, chip, "family", 2)
    with page.expect_navigation(url=re.compile(r"/account/inloggen/")):
        touch_drag(chip, start, line(start, drop))
    submit_login(page, world.worker.email, PASSWORD)
    expect(page).to_have_url(re.compile(rf"{step_url(world, session)}$"))
    expect(page.locator("#session-heading")).to_have_text("Wie staat waar?")
    assert map_places(page) == {"Mama": ["family", "1"]}
    assert tray_names(page) == ["Oom Henk"]
    Hands(page).drag("Oom Henk", "family", 2)
    places = [(p.name, p.sector, p.circle) for p in SessionPerson.objects.filter(session=session).order_by("pk")]
    assert places == [("Mama", "family", 1), ("Oom Henk", "family", 2)]
    assert MappingSession.objects.count() == 1


def double_tap(locator) -> None:
    """Two taps on one spot, 120 ms apart, as a hand makes them; whatever is under the finger the second time."""
    page = locator.page
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    pause_if_same_spot(page, (x, y))  # the double tap before it on the same spot is over
    page.touchscreen.tap(x, y)
    page.wait_for_timeout(120)
    page.touchscreen.tap(x, y)
    note_tap(page, (x, y))


def double_tap_a_form(locator, url: re.Pattern) -> None:
    """A double tap on the button of a form without htmx (start, Klaar), whose first tap leaves the page.

    The form's request is held until the second tap is in: it lands while the first is on its way, the
    moment session.js guards against, and not on a page the browser is leaving (Playwright then waits for
    the touch to be handled, forever: it hung the test 2 times in 10)."""
    page = locator.page
    held = []

    def hold(route) -> None:
        held.append(route)

    page.route(url, hold)
    try:
        with page.expect_navigation(url=re.compile(r"/(sessie/\d+|netwerk)/$")):
            double_tap(locator)
            deadline = time.monotonic() + 10
            while not held:
                assert time.monotonic() < deadline, "the form was not sent"
                page.wait_for_timeout(10)
            page.wait_for_timeout(100)  # a second request, if the second tap sent one, is held too
            for route in held:
                route.continue_()
    finally:
        page.unroute(url)


@pytest.mark.parametrize("latency", [0, 400], ids=["quick-connection", "slow-connection"])
@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_double_taps_count_once_everywhere_in_the_session(page, world, log_in, latency):
    log_in(page, world.worker)
    posts = []
    page.on("request", lambda r: posts.append(r.url.split("/sessie/")[-1]) if r.method == "POST" else None)
    in_flight = []  # the URLs of the requests sent and not yet answered (or failed)

    def answered(request):
        if request.url in in_flight:
            in_flight.remove(request.url)

    page.on("request", lambda r: in_flight.append(r.url))
    page.on("requestfinished", answered)
    page.on("requestfailed", answered)
    if latency:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        slow = {"offline": False, "latency": latency, "downloadThroughput": -1, "uploadThroughput": -1}
        cdp.send("Network.emulateNetworkConditions", slow)
    page.goto(f"/clienten/{world.client_a.pk}/netwerk/sessie/start/")
    double_tap_a_form(page.get_by_role("button", name="Nederlands"), re.compile(r"/sessie/start/$"))
    expect(page).to_have_url(re.compile(r"/sessie/\d+/$"))
    expect(page.locator(".session-card__count")).to_have_text(re.compile(r"^Vraag 1 van"))
    session = MappingSession.objects.get(client=world.client_a)
    name_someone(Hands(page), "Mama")

    def settle():
        """Every request the taps sent has been answered and put in place (double_tap itself waits before
        tapping the spot of the double tap before it)."""
        deadline = time.monotonic() + 10
        while in_flight:
            assert time.monotonic() < deadline, f"no answer after 10 s to {in_flight}"
            page.wait_for_timeout(20)
        wait_for_htmx(page)

    settle()
    double_tap(page.locator("#nav-next"))  # "Volgende vraag": one card on, not two
    settle()
    expect(page.locator(".session-card__count")).to_have_text(re.compile(r"^Vraag 2 van"))
    double_tap(card_chip(page, "Mama"))  # Mama answers this card too, not on and off again
    settle()
    expect(card_chip(page, "Mama")).to_have_attribute("aria-pressed", "true")
    name_someone(Hands(page), "Oom Henk")
    settle()
    double_tap(page.locator("#nav-skip"))  # "Genoeg vragen: naar de kaart"
    settle()
    expect(page.locator("#session-heading")).to_have_text("Wie staat waar?")

    double_tap(pick_button(page, "Familie", "Heel dichtbij"))  # Mama there, and not Oom Henk after her
    settle()
    expect(page.locator("#pick-heading")).to_have_text("Waar hoort Oom Henk?")
    double_tap(page.locator("#session-pick").get_by_role("button", name="Laat maar"))
    settle()
    double_tap(page.locator(".session-left-out").get_by_role("button", name=re.compile("^Toch erbij")))
    settle()
    expect(page.locator(".session-left-out")).to_have_count(0)
    tap(pick_button(page, "Familie", "Dichtbij"))
    settle()
    double_tap(page.locator("#nav-next"))  # to "Wie kent wie", not past it
    settle()
    expect(page.locator("#session-heading")).to_have_text("Wie kent wie?")
    chips = page.locator("form.session-link-form")
    double_tap(chips.get_by_role("button", name="Mama", exact=True))  # chosen, not chosen and let go
    settle()
    expect(page.locator(".session-chosen")).to_contain_text("Je koos Mama.")
    tap(chips.get_by_role("button", name="Oom Henk", exact=True))
    settle()
    double_tap(page.locator("#nav-next"))  # to the review, and not on to "Klaar" under the finger
    settle()
    expect(page.locator("#session-heading")).to_have_text("Kijk nog even samen")
    session.refresh_from_db()
    assert session.finished_at is None
    double_tap_a_form(page.locator("#session-finish"), re.compile(r"/klaar/$"))
    expect(page).to_have_url(re.compile(r"/netwerk/$"))
    settle()

    assert MappingSession.objects.count() == 1
    members = {m.name: (m.sector, m.circle) for m in Member.objects.filter(client=world.client_a)}
    assert members == {"Mama": ("family", 1), "Oom Henk": ("family", 2)}
    assert Member.objects.get(name="Mama").contact_frequency == "weekly"  # card 2, once
    assert Link.objects.filter(client=world.client_a).count() == 1
    sent = Counter(posts)
    print(f"\nPOSTs with double taps ({'quick' if not latency else 'slow'} connection): {dict(sent)}")
    assert all(count == 1 for path, count in sent.items() if path.endswith(("klaar/", "start/"))), sent


class FlakyConnection:
    """Requests to the session that fail on their way: "drop" never reaches Kring, "lose" reaches it but its
    answer is lost on the way back. ``plan[path_end]`` lists what happens to the next requests there."""

    def __init__(self, page):
        self.plan: dict[str, list[str]] = {}
        self.seen: Counter = Counter()
        page.route(re.compile(r"/sessie/\d+/"), self.handle)

    def handle(self, route) -> None:
        path = route.request.url.split("?")[0]
        for end, actions in self.plan.items():
            if path.endswith(end):
                self.seen[end] += 1
                if actions:
                    if actions.pop(0) == "lose":
                        route.fetch()
                    route.abort("internetdisconnected")
                    return
        route.continue_()


@pytest.mark.parametrize("viewport", [TABLET], ids=["768x1024"])
def test_a_tap_is_sent_again_when_the_connection_drops(page, world, log_in):
    session = started_session(world)
    log_in(page, world.worker)
    page.goto(step_url(world, session))
    connection = FlakyConnection(page)

    # A name that did not get through, twice: "Geen verbinding", and then it is there, once.
    connection.plan["/naam/"] = ["drop", "drop"]
    page.locator("#session-name").tap()
    page.keyboard.type("Mama")
    page.keyboard.press("Enter")
    expect(page.locator("#kring-update-failed")).to_have_text("Geen verbinding. Kring probeert het zo nog een keer.")
    expect(page.locator(".session-added")).to_contain_text("Mama staat erbij.", timeout=8_000)
    expect(page.locator("#kring-update-failed")).to_have_count(0)
    expect(page.locator("#session-name")).to_be_focused()
    assert connection.seen["/naam/"] == 3
    # A name that got through, but whose answer was lost: sent again, still once.
    connection.plan["/naam/"] = ["lose"]
    page.keyboard.type("Oom Henk")
    page.keyboard.press("Enter")
    expect(page.locator(".session-added")).to_contain_text("Oom Henk staat erbij.", timeout=5_000)
    assert [name for name, _keys in people(session)] == ["Mama", "Oom Henk"]

    # Placing with a lost answer: Mama placed once, and Oom Henk not in her place.
    tap(page.get_by_role("button", name="Genoeg vragen: naar de kaart"))
    expect(page.locator("#pick-heading")).to_have_text("Waar hoort Mama?")
    connection.plan["/plaats/"] = ["lose"]
    tap(pick_button(page, "Familie", "Heel dichtbij"))
    expect(page.locator("#pick-heading")).to_have_text("Waar hoort Oom Henk?", timeout=5_000)
    tap(pick_button(page, "Familie", "Dichtbij"))
    expect(page.locator(".session-done")).to_be_visible()

    # Who knows whom, with a lost answer: the pair stays linked (a second toggle would undo it).
    tap(page.locator("#nav-next"))
    chips = page.locator("form.session-link-form")
    tap(chips.get_by_role("button", name="Mama", exact=True))
    expect(page.locator(".session-chosen")).to_contain_text("Je koos Mama.")
    connection.plan["/wie-kent-wie/"] = ["lose"]
    tap(chips.get_by_role("button", name="Oom Henk", exact=True))
    expect(page.locator(".session-pairs__list li")).to_have_count(1, timeout=5_000)
    page.wait_for_timeout(500)
    assert connection.seen["/wie-kent-wie/"] == 2  # the tap, and the same tap again
    assert SessionLink.objects.filter(session=session).count() == 1
    places = [(p.name, p.sector, p.circle) for p in SessionPerson.objects.filter(session=session).order_by("pk")]
    assert places == [("Mama", "family", 1), ("Oom Henk", "family", 2)]


# --- 4. every step, at tablet and phone size ----------------------------------------------------------


@pytest.mark.parametrize("viewport", [TABLET, LANDSCAPE, PHONE], ids=["768x1024", "1024x768", "390x844"])
def test_every_step_of_the_session_looks_right(page, world, log_in, check_page: PageChecker):
    check = check_page
    log_in(page, world.worker)
    hands = Hands(page)
    smallest = {}

    def check_page(page, label):  # and: text of 14 px or more, tap targets of 44 px or more (not the map)
        check(page, label)
        smallest[label] = smallest_text_and_targets(page)

    page.goto(f"/clienten/{world.client_a.pk}/netwerk/")
    with page.expect_navigation():
        tap(page.get_by_role("button", name="Start netwerksessie"))
    check_page(page, "start")

    with page.expect_navigation():
        tap(page.get_by_role("button", name="Nederlands"))
    name_someone(hands, "Mama")
    name_someone(hands, "Broer Youssef")
    next_card(hands, 2)
    tap(card_chip(page, "Mama"))
    expect(card_chip(page, "Mama")).to_have_attribute("aria-pressed", "true")
    check_page(page, "prompt card with chips")

    tap(page.locator("#session-name"))
    page.keyboard.type("broer youssef")
    page.keyboard.press("Enter")
    expect(page.locator(".session-ask__question")).to_have_text("Is dit dezelfde Broer Youssef?")
    check_page(page, "same name question")
    tap(page.locator("#same-yes"))
    expect(page.locator(".session-ask")).to_have_count(0)

    to_the_map(hands)
    if page.viewport_size["width"] >= 640:
        hands.drag("Mama", "family", 1)
    else:  # a phone: no names to drag, one person at a time with big buttons
        expect(page.locator(".session-tray")).to_be_hidden()
        tap(pick_button(page, "Familie", "Heel dichtbij"))
        expect(page.locator("#pick-heading")).to_be_focused()
    check_page(page, "placing with a tray")
    print(f"\n{page.viewport_size['width']}×{page.viewport_size['height']}, placing: {map_sizes(page)}")

    # Without dragging: the big buttons for one person at a time.
    expect(page.locator("#pick-heading")).to_have_text("Waar hoort Broer Youssef?")
    tap(pick_button(page, "Familie", "Dichtbij"))
    expect(page.locator(".session-done")).to_have_text("Iedereen staat op de kaart.")
    expect(page.locator("#session-heading")).to_be_focused()
    check_page(page, "placing, everyone on the map")

    tap(page.locator("#nav-next"))
    expect(page.locator("#session-heading")).to_have_text("Wie kent wie?")
    chips = page.locator("form.session-link-form")
    tap(chips.get_by_role("button", name="Mama", exact=True))
    expect(page.locator(".session-chosen")).to_contain_text("Je koos Mama.")
    check_page(page, "links, one chosen")
    tap(chips.get_by_role("button", name="Broer Youssef", exact=True))
    expect(page.locator(".session-pairs__list li")).to_have_count(1)
    check_page(page, "links")

    tap(page.locator("#nav-next"))
    expect(page.locator("#session-heading")).to_have_text("Kijk nog even samen")
    check_page(page, "review")

    width = page.viewport_size["width"]
    for label, sizes in smallest.items():
        print(f"{width} px, {label}: smallest text {sizes['text']}, smallest target {sizes['target']}")
    assert all(sizes["text"][0] >= 14 for sizes in smallest.values()), smallest
    assert all(sizes["target"][0] >= 44 for sizes in smallest.values()), smallest
