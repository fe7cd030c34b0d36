"""Benchmark of the dashboards: 1,000 and 60,000 seeded clients (the databases of bench.pages), SQLite and PostgreSQL.

``python -m bench.dashboard`` seeds each database once through :mod:`bench.pages` (the same folder, markers
and ``kring seed --seed 1``; kept for the next run), then requests each dashboard through the whole Django
stack and prints one table: median and p95 in ms, the SQL query count, the CPU ms of the Django process (on
PostgreSQL also the server's, when it runs on this machine) and the ratio of the medians 60,000 / 1,000.
Target (issue #10): under 1 s at 50,000–60,000 clients. Asserts nothing.

A seeded organisation has 2,000 clients in 20 teams of 100, so the organisation dashboard covers 2,000
clients at every size; what grows is everything around it (other organisations' rows in every table), which
is what the ratio shows. ``--sizes 1000 60000`` reuses the databases of ``bench.pages``; ``--folder`` and
``--postgres-prefix`` point at other ones (``--folder /tmp/me --postgres-prefix kring_me --sizes 4000``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from bench import pages

SIZES = (1000, 60000)
REPETITIONS = 20


def _requests() -> list[tuple[str, str, str]]:
    """(name, user, url) for each dashboard request measured."""
    from django.urls import reverse

    from kring.accounts.models import Team, User
    from kring.demo import seed

    lead = User.objects.get(email=seed.lead_email(0))
    team = Team.objects.filter(memberships__user=lead).order_by("pk").first()
    organisation = reverse("dashboards:organisation")
    return [
        ("team dashboard", "lead", reverse("dashboards:team", args=[team.pk])),
        ("organisation", "admin", organisation),
        ("organisation, one team", "admin", f"{organisation}?team={team.pk}"),
        ("organisation, 5 years", "admin", f"{organisation}?van={_months_ago(59)}"),
        ("organisation CSV", "admin", f"{organisation}?format=csv"),
        ("organisation, researcher", "researcher", organisation),
    ]


def _months_ago(months: int) -> str:
    from django.utils import timezone

    from kring.insights.dashboard import add_months

    return f"{add_months(timezone.localdate(), -months):%Y-%m}"


def measure(repetitions: int) -> None:
    import django

    django.setup()
    from django.test import Client as Browser

    from kring.accounts.models import User
    from kring.clients.models import Client
    from kring.demo import seed

    users = {
        "lead": User.objects.get(email=seed.lead_email(0)),
        "admin": User.objects.get(email=seed.admin_email(0)),
        "researcher": User.objects.get(email="o1.research@" + seed.EMAIL_DOMAIN),
    }
    browsers = {}
    for role, user in users.items():
        browsers[role] = Browser()
        browsers[role].force_login(user)
    clients = Client.objects.filter(organisation_id=users["admin"].organisation_id).count()
    print(json.dumps({"meta": {"organisation_clients": clients}}))
    for name, role, url in _requests():
        server: list[float] = []

        def send(b=browsers[role], u=url, server=server):
            before = _server_cpu_ms()
            response = b.get(u)
            after = _server_cpu_ms()
            if before is not None and after is not None:
                server.append(after - before)
            return response

        median, p95, queries = pages._time(send, repetitions)
        row = {"page": name, "median": median, "p95": p95, "queries": queries, "cpu": pages._time.cpu}
        # The server's CPU per request: a mean, as the kernel counts in ticks of 10 ms.
        row["server_cpu"] = statistics.mean(server) if server else None
        print(json.dumps(row))


def _server_cpu_ms() -> float | None:
    """CPU time used so far by the PostgreSQL backend of this process's connection, in ms; None for SQLite
    (its work is in the process's own CPU) or a server on another machine."""
    from django.db import connection

    if connection.vendor != "postgresql" or connection.connection is None:
        return None
    try:
        stat = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after the command name: state, ppid, ...; utime and stime at 11, 12
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def print_table(database: str, sizes: tuple[int, ...], results: dict[int, list[dict]], meta: dict) -> None:
    """Per size: median, p95, queries, the Django process's CPU and (PostgreSQL) the server's; then the ratio
    of the medians, largest / smallest size."""
    small, large = sizes[0], sizes[-1]
    server = any(r.get("server_cpu") is not None for size in sizes for r in results[size])
    print()
    print(
        f"Dashboards on {database}, ms (median / p95 / CPU{' / server CPU' if server else ''}) and SQL queries; "
        f"the organisation has {meta['organisation_clients']:,} clients"
    )
    header = f"{'page':<28}"
    for size in sizes:
        header += f"{f'{size:,} median':>16}{'p95':>8}{'q':>4}{'cpu':>7}" + (f"{'server':>8}" if server else "")
    if len(sizes) > 1:
        header += f"{'ratio':>7}"
    print(header)
    rows = {size: {r["page"]: r for r in results[size]} for size in sizes}
    for name in [r["page"] for r in results[small]]:
        line = f"{name:<28}"
        for size in sizes:
            r = rows[size].get(name)
            if r is None:
                line += f"{'–':>35}" + (" " * 8 if server else "")
                continue
            line += f"{r['median']:>16.1f}{r['p95']:>8.1f}{r['queries']:>4}{r.get('cpu', 0):>7.1f}"
            if server:
                line += f"{r.get('server_cpu') or 0:>8.1f}"
        if len(sizes) > 1 and name in rows[large]:
            line += f"{rows[large][name]['median'] / rows[small][name]['median']:>7.2f}"
        print(line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard", description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "measure"])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--databases", nargs="+", default=list(pages.DATABASES), choices=pages.DATABASES)
    parser.add_argument("--repetitions", type=int, default=REPETITIONS)
    parser.add_argument("--folder", type=Path, default=pages.DEFAULT_DIR, help="Where the SQLite files live.")
    parser.add_argument(
        "--postgres-prefix",
        default=None,
        help="Name the PostgreSQL databases <prefix>_<size> instead of bench.pages' (a helper's own databases).",
    )
    args = parser.parse_args(argv)
    if args.postgres_prefix:
        pages.postgres_name = lambda size: f"{args.postgres_prefix}_{size}"
    if args.command == "measure":
        measure(args.repetitions)
        return
    args.folder.mkdir(parents=True, exist_ok=True)
    databases = list(args.databases)
    if "postgres" in databases and not pages.postgres_available():
        print(f"SKIPPED PostgreSQL: none answers at {pages.POSTGRES_SERVER}", file=sys.stderr)
        databases.remove("postgres")
    sizes = tuple(sorted(args.sizes))
    for database in databases:
        results, meta = {}, {}
        for size in sizes:
            pages.ensure_seeded(database, size, args.folder)
            meta, results[size] = pages.run_measure(
                database, size, args.folder, args.repetitions, module="bench.dashboard"
            )
        print_table(database, sizes, results, meta)


if __name__ == "__main__":
    main()
