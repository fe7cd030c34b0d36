"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's ``live_server``.

One browser for the browser tests and a fresh context (cookies, storage) per test. A test runs at one size,
a laptop (1280×800) unless it parametrizes ``viewport`` itself: a tablet's 768×1024 where touch or the
width is what it is about, or both where what it checks depends on the width; test_pages_fit.py opens the
pages of the one-size tests at the other size. ``check_page(page, label)`` is what "done" means for a page
in DESIGN.md: its stylesheet and scripts load, it does not scroll sideways, and axe-core finds nothing
serious or critical (WCAG 2.2 AA). It also saves a screenshot to test-artifacts/screenshots/. Page
problems do not stop the test: they are collected and reported together when it ends, so one run shows
everything that is wrong.

``log_in`` gives the browser a session made on the server, as Django's test client does, for the tests
about what lies behind the login; test_login.py (and a few tests where logging in is part of the story)
go through the login form with ``log_in_by_form``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import Client as DjangoClient
from playwright.sync_api import expect

from tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    # Chromium starts an on-device model service a few minutes into a run; twice today a test stalled in
    # page.evaluate right when it started. The tests need no on-device model.
    "--disable-features=OptimizationGuideOnDeviceModel,OnDeviceModelService,OptimizationHints",
]
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
AXE_STATIC_PREFIX = "kring-browser-tests"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_BLOCKING_IMPACTS = {"serious", "critical"}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

LAPTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}

_BROWSER_DIR = Path(__file__).parent.resolve()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    checker = item.funcargs.get("check_page") if hasattr(item, "funcargs") else None
    try:
        result = yield
    except BaseException:
        # The test's own failure comes first; page problems seen before it go along in the report.
        if checker is not None and checker.problems:
            item.add_report_section("call", "page checks", checker.report())
        raise
    if checker is not None and checker.problems:
        pytest.fail(checker.report(), pytrace=False)
    return result


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all browser tests, stopped when they are done (package scope, not session scope:
    while Playwright runs, its event loop makes Django's ORM refuse to run in tests that come after)."""
    if not CHROMIUM.exists():
        reason = "Debian's chromium is not installed: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: the browser tests must run, not skip)", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        # Playwright's sync API runs an event loop in this thread; without this Django's ORM refuses to run
        # in it. Set for the browser tests only: leaked into the whole session it would, among other things,
        # reach the `check --deploy` subprocess of tests/test_security.py and fail it (async.E001).
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _axe_on_the_live_server(settings):
    """The live server serves axe-core (tests/browser/vendor/) among the static files: a page loads it from
    there, and after the first check of a test from the browser's cache, instead of each check sending the
    half-megabyte script through Playwright (0.05 instead of 0.2 s a check)."""
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, (AXE_STATIC_PREFIX, str(AXE.parent))]


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    # MFA has its own unit tests; the one browser test that needs it switches it back on.
    settings.KRING_REQUIRE_MFA = False


@pytest.fixture
def viewport():
    """A laptop, unless a test parametrizes ``viewport`` itself (a tablet where touch or the width matters)."""
    return LAPTOP


@pytest.fixture
def has_touch(viewport) -> bool:
    """Whether the browser has a touch screen; a test module overrides this fixture to say when."""
    return False


@pytest.fixture
def context(browser, viewport, live_server, has_touch):
    # axe-core is injected as an inline <script>, which Kring's Content-Security-Policy (script-src 'self'
    # + nonce) rightly blocks. These contexts bypass the CSP for that reason only; test_csp.py browses
    # without the bypass and fails on any violation.
    # Reduced motion: no smooth scrolling or transitions, so measurements and screenshots are stable.
    context = browser.new_context(
        viewport=viewport,
        base_url=live_server.url,
        locale="nl-NL",
        reduced_motion="reduce",
        bypass_csp=True,
        has_touch=has_touch,
        is_mobile=False,
    )
    context.set_default_timeout(10_000)
    # Assertions wait as long as actions: a busy 2-core CI machine can take more than Playwright's 5 s.
    expect.set_options(timeout=10_000)
    yield context
    context.close()


@pytest.fixture
def page(context, live_server):
    page = context.new_page()
    page.failed_assets = []
    own_host = urlsplit(live_server.url).netloc

    def note_failure(response):
        # Kring's own files only: a page whose stylesheet or script is missing is broken, however good its HTML.
        url = urlsplit(response.url)
        if response.status >= 400 and response.request.resource_type != "document" and url.netloc == own_host:
            page.failed_assets.append(f"{response.status} {url.path}")

    page.on("response", note_failure)
    return page


@pytest.fixture
def log_in(live_server):
    """Log ``user`` in without the login form: Django's test client makes the session on the server (as
    ``force_login`` does) and the browser gets its cookie, and the language cookie the login page would
    set. The page stays where it is; the next page the test opens is behind the login."""

    def log_in(page, user) -> None:
        client = DjangoClient()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies = [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url, "httpOnly": True}]
        if user.language in dict(settings.LANGUAGES):
            cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": user.language, "url": live_server.url})
        page.context.add_cookies(cookies)

    return log_in


@pytest.fixture
def log_in_by_form():
    """Log in through the login page, as a person would; returns once the page behind it has loaded."""

    def log_in_by_form(page, user, password: str = PASSWORD) -> None:
        page.goto("/account/inloggen/")
        _submit_login(page, user.email, password)
        page.wait_for_url(lambda url: "/account/inloggen/" not in url)

    return log_in_by_form


@pytest.fixture
def submit_login():
    """Fill in and send the login form on the current page; returns once the answer has loaded."""
    return _submit_login


def _submit_login(page, email: str, password: str) -> None:
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen", exact=True).click()


@dataclass
class PageChecker:
    test_name: str
    width: int
    problems: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)

    def __call__(self, page, label: str) -> None:
        page.wait_for_load_state("load")
        where = f"{label} ({urlsplit(page.url).path}) at {self.width}px"
        self.screenshot(page, label)
        failed_assets = getattr(page, "failed_assets", [])
        if failed_assets:
            self.problems.append(f"{where}: files did not load: {', '.join(dict.fromkeys(failed_assets))}")
            failed_assets.clear()
        if overflow := horizontal_overflow(page):
            self.problems.append(f"{where}: scrolls sideways: {overflow}")
        if violations := serious_axe_violations(page):
            self.problems.append(f"{where}: axe-core:\n{format_violations(violations)}")

    def screenshot(self, page, label: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        path = SCREENSHOTS / f"{self.test_name}-{len(self.screenshots) + 1:02d}-{slug}-{self.width}.jpg"
        # JPEG: a full page takes Chromium a quarter less time than PNG, and reads as well for looking at.
        page.screenshot(path=str(path), full_page=True, type="jpeg", quality=80)
        self.screenshots.append(path)
        return path

    def report(self) -> str:
        return "Page checks failed:\n" + "\n".join(f"- {problem}" for problem in self.problems)


@pytest.fixture
def check_page(request, viewport) -> PageChecker:
    return PageChecker(test_name=request.node.originalname, width=viewport["width"])


def horizontal_overflow(page) -> str:
    """'' when the page fits its window; otherwise the widths and the first elements that stick out."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            if (root.scrollWidth <= window.innerWidth) return '';
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (typeof el.className === 'string' && el.className.trim()
                   ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
            const wide = [...document.body.querySelectorAll('*')]
                .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(name);
            return `scrollWidth ${root.scrollWidth} > innerWidth ${window.innerWidth}; too wide: ${wide.join(', ')}`;
        }"""
    )


# page.evaluate has no timeout of its own: a script that never loads or an axe run that never ends would
# hold the test (and CI) for ever. Both are raced against a deadline in the page, so they fail instead.
AXE_SECONDS = 30


def serious_axe_violations(page) -> list[dict]:
    # Only the violations: axe's passes and inapplicable rules, with their nodes, are most of its work and of
    # what would come back over the wire.
    violations = page.evaluate(
        """async ([src, tags, seconds]) => {
            const deadline = what => new Promise((_, reject) => setTimeout(
                () => reject(new Error(`axe-core: ${what} took longer than ${seconds} s`)), seconds * 1000));
            if (typeof window.axe === 'undefined') {
                const loaded = new Promise((resolve, reject) => {
                    const script = document.createElement('script');
                    script.src = src;
                    script.onload = resolve;
                    script.onerror = () => reject(new Error(`axe-core did not load from ${src}`));
                    document.head.appendChild(script);
                });
                await Promise.race([loaded, deadline('loading')]);
            }
            const run = axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return (await Promise.race([run, deadline('a check')])).violations;
        }""",
        [static(f"{AXE_STATIC_PREFIX}/{AXE.name}"), AXE_TAGS, AXE_SECONDS],
    )
    return [v for v in violations if v.get("impact") in AXE_BLOCKING_IMPACTS]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = "; ".join(json.dumps(node["target"]) for node in nodes[:3])
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(f"    [{violation['impact']}] {violation['id']}: {violation['help']} — {targets}{more}")
    return "\n".join(lines)
