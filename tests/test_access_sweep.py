"""The automatic access sweep: every URL pattern, requested by people who must not get in.

New views are covered without anyone remembering: a URL that takes an id must either be listed in
``ID_FOR`` (how to find an object of the victim team for that id) or this test fails and says so.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kring.audit.models import AccessLog


def _patterns(resolver=None, namespace="", outer=()):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _patterns(entry, inner, (*outer, *entry.pattern.converters))
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, [*outer, *entry.pattern.converters]


ALL_PATTERNS = sorted(set((name, tuple(kwargs)) for name, kwargs in _patterns()))
PATTERNS_WITH_IDS = [(name, kwargs) for name, kwargs in ALL_PATTERNS if kwargs]


# How to find, in the world fixture, an object of team A for each (url name, kwarg). Add a line with
# every new view that takes an id.
def _member(w):
    from tests.network.factories import make_member

    return w.__dict__.setdefault("member_a", make_member(w.client_a, name="Mama", relation="mother", circle=1))


def _link(w):
    from tests.network.factories import make_link, make_member

    if "link_a" not in w.__dict__:
        w.link_a = make_link(_member(w), make_member(w.client_a, name="Oom", relation="other_family"))
    return w.link_a


def _prompt(w):
    from kring.network.models import Prompt
    from kring.network.prompts import ensure_prompts

    ensure_prompts(w.org)
    return Prompt.objects.filter(organisation=w.org).order_by("order", "pk")[1]


def _mapping_session(w):
    from kring.network.models import MappingSession

    if "mapping_session_a" not in w.__dict__:
        w.mapping_session_a = MappingSession.objects.create(client=w.client_a, started_by=w.worker)
    return w.mapping_session_a


def _session_person(w):
    from kring.network.models import SessionPerson

    if "session_person_a" not in w.__dict__:
        w.session_person_a = SessionPerson.objects.create(session=_mapping_session(w), name="Mama")
    return w.session_person_a


SESSION_URLS = ["step", "name", "go_to", "link", "finish", "abandon", "prompt_toggle", "place", "leave_out"]
SESSION_PERSON_URLS = ["prompt_toggle", "place", "leave_out"]

ID_FOR = {
    ("clients:detail", "pk"): lambda w: w.client_a.pk,
    ("clients:edit", "pk"): lambda w: w.client_a.pk,
    ("clients:history", "pk"): lambda w: w.client_a.pk,
    **{
        (name, "pk"): (lambda w: w.client_a.pk)
        for name in [
            "network:map",
            "network:print",
            "network:svg",
            "network:compare",
            "network:member_add",
            "network:link_add",
            "network:member",
            "network:member_move",
            "network:member_remove",
            "network:member_restore",
            "network:link_remove",
        ]
    },
    **{
        (name, "member_pk"): (lambda w: _member(w).pk)
        for name in [
            "network:member",
            "network:member_move",
            "network:member_remove",
            "network:member_restore",
        ]
    },
    ("network:link_remove", "link_pk"): lambda w: _link(w).pk,
    ("session:start", "pk"): lambda w: w.client_a.pk,
    **{(f"session:{name}", "pk"): (lambda w: w.client_a.pk) for name in SESSION_URLS},
    **{(f"session:{name}", "session_pk"): (lambda w: _mapping_session(w).pk) for name in SESSION_URLS},
    **{(f"session:{name}", "person_pk"): (lambda w: _session_person(w).pk) for name in SESSION_PERSON_URLS},
    **{
        (name, "pk"): (lambda w: _prompt(w).pk)
        for name in ["prompts:edit", "prompts:move_up", "prompts:move_down", "prompts:switch_on", "prompts:switch_off"]
    },
}

# Each app's tests may keep their own lines in ``tests/<app>/access_ids*.py`` (a dict named ``ID_FOR``).
for _module in sorted(Path(__file__).parent.glob("*/access_ids*.py")):
    ID_FOR.update(importlib.import_module(f"tests.{_module.parent.name}.{_module.stem}").ID_FOR)

# Pages an anonymous visitor may reach without being sent to the login page.
ANONYMOUS_ALLOWED = {"accounts:login", "accounts:logout", "accounts:language", "healthz", "javascript-catalog"}


def _url(name, kwargs, world):
    missing = [kw for kw in kwargs if (name, kw) not in ID_FOR]
    assert not missing, f"URL {name!r} takes {missing}: add it to ID_FOR in {__file__}"
    return reverse(name, kwargs={kw: ID_FOR[(name, kw)](world) for kw in kwargs})


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "axes"} and model is not AccessLog
    }


def _network_state(world):
    from kring.network.models import Link, Member

    return (
        list(Member.objects.values_list("pk", "circle", "sector", "version", "removed_at")),
        list(Link.objects.values_list("pk", "kind")),
    )


@pytest.mark.parametrize("outsider", ["other_org_worker", "other_team_worker", "researcher"])
@pytest.mark.parametrize(("name", "kwargs"), PATTERNS_WITH_IDS, ids=[n for n, _ in PATTERNS_WITH_IDS])
def test_it_answers_404_to_outsiders_for_every_url_with_an_id(world, login, outsider, name, kwargs):
    url = _url(name, kwargs, world)
    browser = login(getattr(world, outsider))
    before = _row_counts()
    states = _network_state(world)
    assert browser.get(url).status_code == 404
    assert browser.post(url, {"given_name": "Gekaapt", "version": 1}).status_code == 404
    assert _row_counts() == before
    assert _network_state(world) == states
    world.client_a.refresh_from_db()
    assert world.client_a.given_name == "Anna"


def test_it_knows_how_to_build_every_id_in_the_sweep(world):
    for name, kwargs in PATTERNS_WITH_IDS:
        _url(name, kwargs, world)


PATTERNS_FOR_MEMBERS_ONLY = [(name, kwargs) for name, kwargs in ALL_PATTERNS if name not in ANONYMOUS_ALLOWED]


@pytest.mark.parametrize(("name", "kwargs"), PATTERNS_FOR_MEMBERS_ONLY, ids=[n for n, _ in PATTERNS_FOR_MEMBERS_ONLY])
def test_it_sends_anonymous_visitors_to_the_login_page(world, client, name, kwargs):
    url = _url(name, kwargs, world) if kwargs else reverse(name)
    login_url = reverse("accounts:login")
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(login_url)


def test_it_keeps_the_anonymous_allow_list_small(world, client):
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200


@pytest.mark.parametrize("path", ["/clienten/abc/", "/clienten/0/", "/clienten/99999999999999999999/", "/clienten/-1/"])
def test_it_answers_404_never_500_for_malformed_ids(world, login, path):
    assert login(world.worker).get(path).status_code == 404


def _is_client_page(name, kwargs) -> bool:
    return reverse(name, kwargs={kw: 1 for kw in kwargs}).startswith("/clienten/1/")


CLIENT_PATTERNS = [(name, kwargs) for name, kwargs in PATTERNS_WITH_IDS if _is_client_page(name, kwargs)]


@pytest.mark.parametrize(("name", "kwargs"), CLIENT_PATTERNS, ids=[n for n, _ in CLIENT_PATTERNS])
def test_every_page_of_a_client_that_opens_leaves_a_row_in_the_access_log(world, login, name, kwargs):
    """What the team's own worker reads about a client is logged, for every page under the client's id
    (pages that only take a POST answer a GET with 404 and read nothing, as do pages the worker's role may
    not open; a GET that sends the worker on, such as a finished session, is logged by the page it sends
    them to; an export the client has not agreed to answers 409 and sends nothing)."""
    url = _url(name, kwargs, world)
    browser = login(world.worker)
    before = AccessLog.objects.count()
    response = browser.get(url)
    assert response.status_code in (200, 302, 404, 409), f"{url}: {response.status_code}"
    if response.status_code == 200:
        rows = AccessLog.objects.order_by("pk")[before:]
        assert [row for row in rows if row.client_id == world.client_a.pk], f"{url} was read without a log row"
        # ... by the view itself, saying what was read (the middleware's general row is a safety net).
        assert not [row for row in rows if row.detail.startswith("GET ")], f"{url}: the view logs nothing itself"


NONSENSE = {
    "version": "twee",
    "date": "31-02-2026",
    "day": "gisteren",
    "name": "x" * 5000,
    "given_name": "",
    "description": "\x00",
    "circle": "9",
    "sector": "nergens",
    "kind": "<script>",
    "members": ["abc", "-1", "99999999999999999999"],
    "member": "abc",
    "status": "klaar?",
    "audience": "iedereen",
    "request_key": "",
    "next": "https://elders.example/",
}


@pytest.mark.parametrize(("name", "kwargs"), CLIENT_PATTERNS, ids=[n for n, _ in CLIENT_PATTERNS])
def test_nonsense_sent_to_any_page_of_a_client_is_refused_politely(world, login, name, kwargs):
    """The team's own worker sends an empty form and one full of nonsense to every page of a client: a
    refusal or a page with messages, never a server error, and never a way off to another site. A form that
    comes back with its messages shows the client's data again, so that too leaves an access-log row."""
    url = _url(name, kwargs, world)
    browser = login(world.worker)
    for data in ({}, NONSENSE):
        before = AccessLog.objects.count()
        response = browser.post(url, data)
        sent = "nonsense" if data else "an empty form"
        assert response.status_code < 500, f"{url} {sent}: {response.status_code}"
        assert "elders.example" not in response.get("Location", "")
        if response.status_code in (200, 409, 422):  # a page about the client came back: its reading is logged
            rows = AccessLog.objects.order_by("pk")[before:]
            assert [row for row in rows if row.client_id == world.client_a.pk], f"{url} {sent}: shown, not logged"
