"""Benchmark of the network page (ecogram + table) through the whole Django stack.

Builds a throw-away SQLite database in a temporary folder, gives one client networks of 10, 50 and 150
members with links, and requests the network page, the as-of view and the compare view repeatedly as a
logged-in worker. Prints median and p95 times and the number of SQL queries; asserts nothing.
"""

from __future__ import annotations

import datetime
import os
import statistics
import tempfile
import time

SIZES = (10, 50, 150)
REPETITIONS = 15


def _setup_django(folder: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "kring.settings",
            "KRING_DEBUG": "1",
            "KRING_REQUIRE_MFA": "0",
            "KRING_VAR_DIR": folder,
            "KRING_ALLOWED_HOSTS": "testserver",
            "KRING_DATABASE_URL": "",
        }
    )
    os.environ.pop("KRING_DATABASE_URL")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _client_with_network(size: int, worker, team):
    import random
    from datetime import timedelta

    from django.utils import timezone

    from kring.clients.models import Client
    from kring.network.models import SECTOR_OF_RELATION, Link, Member, Relation

    rng = random.Random(size)
    month_ago = timezone.now() - timedelta(days=30)
    client = Client.objects.create(
        organisation=team.organisation, team=team, given_name=f"Bench{size}", intake_date="2025-01-01"
    )
    relations = list(Relation.values)
    members = []
    for i in range(size):
        relation = rng.choice(relations)
        member = Member(
            client=client,
            name=f"Naaste {i:03} {rng.choice(['de Vries', 'El Amrani', 'Jansen', ''])}".strip(),
            relation=relation,
            sector=SECTOR_OF_RELATION[relation],
            circle=rng.randint(1, 3),
            tie_quality=rng.choice(["supportive", "supportive", "mixed", "stressful"]),
            contact_frequency=rng.choice(["daily", "weekly", "monthly", ""]),
            support_received=rng.sample(["emotional", "practical", "advice", "company"], rng.randint(0, 2)),
        )
        member._history_date = month_ago  # so the as-of view two weeks back shows the whole network
        member.save()
        members.append(member)
    pairs = {tuple(sorted(rng.sample(range(size), 2), key=int)) for _ in range(size)} if size > 1 else set()
    for a, b in sorted(pairs):
        low, high = sorted((members[a], members[b]), key=lambda m: m.pk)
        Link.objects.create(client=client, member_a=low, member_b=high)
    client.key_workers.add(worker)
    return client


def _measure(browser, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser.get(url)  # warm up
    timings = []
    for _ in range(REPETITIONS):
        start = time.perf_counter()
        response = browser.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        browser.get(url)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _setup_django(folder)
        from django.test import Client as Browser
        from django.urls import reverse

        from kring.accounts.models import Membership, Organisation, Role, Team, User

        org = Organisation.objects.create(name="Bench")
        team = Team.objects.create(organisation=org, name="Bench team")
        worker = User.objects.create_user(
            "bench@kring.test", "bench-password-2026", full_name="Bench", organisation=org
        )
        Membership.objects.create(user=worker, role=Role.WORKER, team=team)
        browser = Browser()
        browser.force_login(worker)
        print()
        print("Network page through Django (SQLite, ms)")
        print(f"{'page':<12}{'members':>8}{'median':>10}{'p95':>10}{'queries':>9}")
        medians = {}
        two_weeks_ago = (datetime.date.today() - datetime.timedelta(days=14)).isoformat()
        for size in SIZES:
            client = _client_with_network(size, worker, team)
            pages = {
                "map": reverse("network:map", args=[client.pk]),
                "as-of": reverse("network:map", args=[client.pk]) + f"?datum={two_weeks_ago}",
                "compare": reverse("network:compare", args=[client.pk]),
            }
            for name, url in pages.items():
                median, p95, queries = _measure(browser, url)
                medians[(name, size)] = median
                print(f"{name:<12}{size:>8}{median:>10.1f}{p95:>10.1f}{queries:>9}")
        for name in ("map", "as-of", "compare"):
            ratio = medians[(name, SIZES[-1])] / medians[(name, SIZES[0])]
            print(f"ratio {name} {SIZES[-1]}/{SIZES[0]} members: {ratio:.1f}x")


if __name__ == "__main__":
    main()
