"""Fifty workers using Kring at once: a realistic mix of reading and recording (``make loadtest``).

Each simulated worker logs in as one of the seeded workers (``kring seed``: t<team>.w<n>@seed.kring.test,
teams 1 to 10, five workers each), opens the caseload and then, with a few seconds between clicks like a
person: opens the caseload again or searches it, opens a client, looks at the network, adds a member, or
records an intervention. Run headless by ``python -m loadtest``, which also starts and stops gunicorn.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from datetime import date

from locust import HttpUser, between, task

PASSWORD = "kring-seed-2026"  # noqa: S105 - kring.demo.seed.SEED_PASSWORD: published, fictional accounts
WORKERS_PER_TEAM = 5
_numbers = itertools.count()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CLIENT_LINK = re.compile(r'href="/clienten/(\d+)/"')
_CHOICE = {name: re.compile(rf'name="{name}" value="(\d+)"') for name in ("elements", "mode")}
SEARCHES = ["an", "de", "el", "mo", "sa", "jan", "ah", "ko"]
RELATIONS = ["friend", "neighbour", "peer", "acquaintance", "professional", "sister", "brother"]


_sessions_file = os.environ.get("LOADTEST_SESSIONS", "")
SESSIONS = json.loads(open(_sessions_file).read()) if _sessions_file else None  # noqa: SIM115


def _token(html: str) -> str:
    match = _CSRF.search(html)
    return match.group(1) if match else ""


# A worker reads a page, talks with the client, types: a click every 3 to 12 seconds at a busy moment.
# LOADTEST_WAIT="1,5" makes a harsher test.
_WAIT = [float(x) for x in os.environ.get("LOADTEST_WAIT", "3,12").split(",")]


class Worker(HttpUser):
    wait_time = between(*_WAIT)

    def on_start(self):
        number = next(_numbers)
        team, worker = divmod(number, WORKERS_PER_TEAM)
        self.email = f"t{team + 1}.w{worker + 1}@seed.kring.test"
        if SESSIONS:  # logged in ahead by python -m loadtest (loadtest/sessions.py)
            self.client.cookies.set(SESSIONS["cookie"], SESSIONS["sessions"][self.email])
        else:
            login = self.client.get("/account/inloggen/", name="login page")
            self.client.post(
                "/account/inloggen/",
                {"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": _token(login.text)},
                name="log in",
            )
        self.clients: list[str] = []
        self.open_caseload()

    @task(4)
    def open_caseload(self):
        with self.client.get("/clienten/", name="caseload", catch_response=True) as response:
            ids = _CLIENT_LINK.findall(response.text)
            if response.status_code != 200 or not ids:
                response.failure(f"no clients on the caseload ({response.status_code})")
                return
            self.clients = sorted(set(ids))

    @task(1)
    def search_caseload(self):
        self.client.get(f"/clienten/?q={random.choice(SEARCHES)}", name="caseload search")

    def _client(self) -> str | None:
        return random.choice(self.clients) if self.clients else None

    @task(4)
    def open_client(self):
        if pk := self._client():
            self.client.get(f"/clienten/{pk}/", name="client overview")

    @task(4)
    def view_network(self):
        if pk := self._client():
            self.client.get(f"/clienten/{pk}/netwerk/", name="network")

    @task(1)
    def add_member(self):
        pk = self._client()
        if not pk:
            return
        url = f"/clienten/{pk}/netwerk/leden/nieuw/"
        form = self.client.get(url, name="add member form")
        data = {
            "csrfmiddlewaretoken": _token(form.text),
            "name": f"Naaste {random.randint(1, 9999)}",
            "relation": random.choice(RELATIONS),
            "circle": random.choice(["1", "2", "3"]),
        }
        with self.client.post(url, data, name="add member", catch_response=True, allow_redirects=False) as response:
            if response.status_code != 302:
                response.failure(f"member not added ({response.status_code})")

    @task(1)
    def record_intervention(self):
        pk = self._client()
        if not pk:
            return
        url = f"/clienten/{pk}/werk/interventies/nieuw/"
        with self.client.get(url, name="intervention form", catch_response=True) as form:
            elements, modes = _CHOICE["elements"].findall(form.text), _CHOICE["mode"].findall(form.text)
            if not elements or not modes:
                form.failure("no elements or modes on the form")
                return
        data = {
            "csrfmiddlewaretoken": _token(form.text),
            "date": date.today().isoformat(),
            "elements": random.sample(elements, 1),
            "mode": random.choice(modes),
            "outcome": "went_well",
            "note": "Samen gebeld.",
        }
        with self.client.post(
            url, data, name="record intervention", catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 302:
                response.failure(f"intervention not recorded ({response.status_code})")
