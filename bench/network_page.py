"""Benchmark of the network page (ecogram + table) through the whole Django stack.

Builds a throw-away SQLite database in a temporary folder, gives one client networks of 10, 50 and 150
members with links and a month of history (every member edited ``EDITS`` times), and requests the
network page, a member's page and side panel, the as-of view, the compare view and the print view
repeatedly as a logged-in worker, with the settings of production (``KRING_DEBUG=0``: the cached template
loader). Prints the median and p95 of the process's CPU time per request (the wall clock is noisy on a
shared machine), the median wall time, the number of SQL queries and the size of the page;
asserts nothing.

``python -m bench.network_page --profile map`` prints a cProfile of the 150-member network page instead
(the layout is remembered: the page is requested once before), ``--json`` one JSON line per row (to
compare two runs).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import json
import os
import pstats
import statistics
import sys
import tempfile
import time

SIZES = (10, 50, 150)
REPETITIONS = 15
EDITS = 4  # later versions of each member in the history (moves, contact), for the as-of and compare views


def _setup_django(folder: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "kring.settings",
            "KRING_DEBUG": "0",  # as in production: the cached template loader, no debug toolbar of queries
            "KRING_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
            "KRING_SSL_REDIRECT": "0",
            "KRING_SECURE_COOKIES": "0",
            "KRING_STATIC_MANIFEST": "0",
            "KRING_REQUIRE_MFA": "0",
            "KRING_VAR_DIR": folder,
            "KRING_ALLOWED_HOSTS": "testserver",
        }
    )
    os.environ.pop("KRING_DATABASE_URL", None)
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
    # Edits on days 6, 12, 18, 24 of the month: the as-of view (day 16) picks each member's version of day 12.
    for edit in range(1, EDITS + 1):
        for member in members:
            member.circle = rng.randint(1, 3)
            member.contact_frequency = rng.choice(["daily", "weekly", "monthly", ""])
            member._history_date = month_ago + timedelta(days=6 * edit)
            member.save()
    pairs = {tuple(sorted(rng.sample(range(size), 2), key=int)) for _ in range(size)} if size > 1 else set()
    for a, b in sorted(pairs):
        low, high = sorted((members[a], members[b]), key=lambda m: m.pk)
        link = Link(client=client, member_a=low, member_b=high)
        link._history_date = month_ago
        link.save()
    client.key_workers.add(worker)
    return client


def _measure(browser, url: str) -> dict:
    """CPU ms (median, p95) and wall ms (median) of one request, its SQL queries and its size in bytes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url, headers = url if isinstance(url, tuple) else (url, {})
    browser.get(url, **headers)  # warm up: templates, the remembered layout
    wall, cpu = [], []
    for _ in range(REPETITIONS):
        start, cpu_start = time.perf_counter(), time.process_time()
        response = browser.get(url, **headers)
        cpu.append((time.process_time() - cpu_start) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url, **headers)
    cpu.sort()
    return {
        "cpu": statistics.median(cpu),
        "cpu_p95": cpu[min(len(cpu) - 1, round(0.95 * (len(cpu) - 1)))],
        "wall": statistics.median(wall),
        "queries": len(queries),
        "bytes": len(response.content),
    }


def _profile(browser, url: str, out: str | None) -> None:
    url, headers = url if isinstance(url, tuple) else (url, {})
    browser.get(url, **headers)  # the layout is remembered from here on
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        browser.get(url, **headers)
    profiler.disable()
    if out:
        profiler.dump_stats(out)
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    stats.print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def _pages(client) -> dict[str, str | tuple[str, dict]]:
    """The pages to measure: a URL, or a URL with request headers."""
    from django.urls import reverse

    two_weeks_ago = (datetime.date.today() - datetime.timedelta(days=14)).isoformat()
    member = client.members.order_by("pk").first()
    member_url = reverse("network:member", args=[client.pk, member.pk])
    return {
        "map": reverse("network:map", args=[client.pk]),
        "member": member_url,
        # A tap on a member in the ecogram: their details in the side panel, through htmx.
        "panel": (member_url + "?panel=1", {"HTTP_HX_REQUEST": "true"}),
        "as-of": reverse("network:map", args=[client.pk]) + f"?datum={two_weeks_ago}",
        "compare": reverse("network:compare", args=[client.pk]),
        "print": reverse("network:print", args=[client.pk]),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.network_page")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile this page of the largest network instead")
    parser.add_argument("--profile-out", metavar="FILE", help="also write the profile to this file (pstats)")
    parser.add_argument("--json", action="store_true", help="one JSON line per row")
    args = parser.parse_args(argv or [])
    with tempfile.TemporaryDirectory() as folder:
        _setup_django(folder)
        from django.test import Client as Browser

        from kring.accounts.models import Membership, Organisation, Role, Team, User

        org = Organisation.objects.create(name="Bench")
        team = Team.objects.create(organisation=org, name="Bench team")
        worker = User.objects.create_user(
            "bench@kring.test", "bench-password-2026", full_name="Bench", organisation=org
        )
        Membership.objects.create(user=worker, role=Role.WORKER, team=team)
        browser = Browser()
        browser.force_login(worker)
        if args.profile:
            _profile(browser, _pages(_client_with_network(SIZES[-1], worker, team))[args.profile], args.profile_out)
            return
        if not args.json:
            print()
            print("Network pages through Django (SQLite, KRING_DEBUG=0): CPU ms per request, wall ms, queries, KB")
            print(f"{'page':<10}{'members':>8}{'cpu':>8}{'cpu p95':>9}{'wall':>8}{'queries':>9}{'KB':>8}")
        rows = {}
        for size in SIZES:
            client = _client_with_network(size, worker, team)
            for name, url in _pages(client).items():
                row = rows[(name, size)] = _measure(browser, url)
                if args.json:
                    print(json.dumps({"page": name, "members": size, **row}), flush=True)
                else:
                    print(
                        f"{name:<10}{size:>8}{row['cpu']:>8.1f}{row['cpu_p95']:>9.1f}{row['wall']:>8.1f}"
                        f"{row['queries']:>9}{row['bytes'] / 1024:>8.1f}",
                        flush=True,
                    )
        if not args.json:
            for name in ("map", "member", "panel", "as-of", "compare", "print"):
                ratio = rows[(name, SIZES[-1])]["cpu"] / rows[(name, SIZES[0])]["cpu"]
                print(f"ratio {name} {SIZES[-1]}/{SIZES[0]} members (cpu): {ratio:.1f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
