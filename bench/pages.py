"""Benchmark of the key pages at national scale: 1,000 and 60,000 seeded clients, SQLite and PostgreSQL.

``python -m bench.pages`` seeds each database once (``kring seed``, kept for the next run unless
``--drop``), then requests every key page as a logged-in worker (and the dashboards as the organisation
admin) through the whole Django stack, and prints one table: median and p95 in ms and the SQL query
count per page at each size, and the ratio of the medians 60,000 / 1,000. Asserts nothing: the targets
are read from the table (docs/performance.md).

The same clients are measured at both sizes: ``kring seed`` makes client number *i* the same person
whatever the population, and the bench worker (team 1) has the same 100 clients in both.

Each database is measured in a process of its own (Django's settings are fixed per process):
``python -m bench.pages measure --database sqlite --clients 1000`` prints one JSON line per page.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KRING = str(Path(sys.executable).with_name("kring"))
SIZES = (1000, 60000)
DATABASES = ("sqlite", "postgres")
REPETITIONS = 20
DEFAULT_DIR = Path(tempfile.gettempdir()) / "kring-bench"
POSTGRES_SERVER = os.environ.get("KRING_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SEED_TODAY = os.environ.get("KRING_BENCH_TODAY", "")  # empty: today; fix it to compare runs over days

# Kinds of page: targets differ (docs/performance.md).
CLIENT, DASHBOARD, OPERATION = "client", "dashboard", "operation"


# --- Where each database lives ---------------------------------------------------------------------


def _env(database: str, size: int, folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "kring.settings",
            "KRING_DEBUG": "0",
            "KRING_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
            "KRING_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "KRING_SSL_REDIRECT": "0",
            "KRING_SECURE_COOKIES": "0",
            "KRING_STATIC_MANIFEST": "0",
            "KRING_REQUIRE_MFA": "0",
        }
    )
    env.pop("KRING_DATABASE_URL", None)
    if database == "postgres":
        env["KRING_DATABASE_URL"] = f"{POSTGRES_SERVER}/{postgres_name(size)}"
    else:
        env["KRING_VAR_DIR"] = str(folder / f"sqlite-{size}")
    return env


def postgres_name(size: int) -> str:
    return f"kring_bench_{size}"


def _psql(sql: str) -> str:
    # The bench's own fixed statements, to the bench's own server.
    result = subprocess.run(  # noqa: S603
        ["psql", f"{POSTGRES_SERVER}/postgres", "-tAc", sql],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def postgres_available() -> bool:
    check = [sys.executable, "-m", "kring.dbcheck", f"{POSTGRES_SERVER}/postgres"]
    return subprocess.run(check).returncode == 0  # noqa: S603


def _seeded(database: str, size: int, folder: Path) -> bool:
    if database == "postgres":
        exists = f"SELECT 1 FROM pg_database WHERE datname = '{postgres_name(size)}'"  # noqa: S608
        if _psql(exists) != "1":
            return False
    elif not (folder / f"sqlite-{size}" / "kring.sqlite3").exists():
        return False
    return (folder / f"{database}-{size}.seeded").exists()


def ensure_seeded(database: str, size: int, folder: Path) -> dict:
    """Seed the database unless a finished seed is there; return what the seed printed (time, memory)."""
    marker = folder / f"{database}-{size}.seeded"
    if _seeded(database, size, folder):
        return json.loads(marker.read_text())
    drop(database, size, folder)
    if database == "postgres":
        _psql(f"CREATE DATABASE {postgres_name(size)}")
        # As docs/deployment.md advises for a server on SSDs (the default 4.0 assumes spinning disks).
        _psql(f"ALTER DATABASE {postgres_name(size)} SET random_page_cost = 1.1")
    else:
        (folder / f"sqlite-{size}").mkdir(parents=True, exist_ok=True)
    env = _env(database, size, folder)
    print(f"Seeding {size:,} clients on {database} (this takes a while at 60,000) ...", file=sys.stderr, flush=True)
    subprocess.run([KRING, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    command = [KRING, "seed", "--clients", str(size), "--seed", "1", "--no-migrate"]
    if SEED_TODAY:
        command += ["--today", SEED_TODAY]
    start = time.perf_counter()
    cpu = os.times()
    result = subprocess.run(command, env=env, check=True, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
    after = os.times()
    sys.stderr.write(result.stdout[-3000:])
    seconds = float(re.search(r"rows in ([\d.]+) s", result.stdout).group(1))
    info = {
        "seconds": seconds,
        "wall": time.perf_counter() - start,
        "cpu": (after.children_user - cpu.children_user) + (after.children_system - cpu.children_system),
        "peak_mb": float(re.search(r"Peak memory: ([\d.]+) MB", result.stdout).group(1)),
        "rows": int(re.search(r": ([\d,]+) rows", result.stdout).group(1).replace(",", "")),
    }
    marker.write_text(json.dumps(info))
    return info


def drop(database: str, size: int, folder: Path) -> None:
    (folder / f"{database}-{size}.seeded").unlink(missing_ok=True)
    if database == "postgres":
        _psql(f"DROP DATABASE IF EXISTS {postgres_name(size)} WITH (FORCE)")
    else:
        shutil.rmtree(folder / f"sqlite-{size}", ignore_errors=True)


# --- Measuring, inside the process of one database ---------------------------------------------------


def _pages(ctx: dict) -> list[tuple[str, str, str, str]]:
    """(name, kind, user, url) for each key page and operation that exists in this checkout."""
    from django.urls import NoReverseMatch, reverse

    c, big, member = ctx["client"].pk, ctx["large"].pk, ctx["member"].pk
    half_year_ago = ctx["half_year_ago"]
    pages = [
        ("caseload", DASHBOARD, "worker", ("clients:caseload", []), ""),
        ("caseload search", DASHBOARD, "worker", ("clients:caseload", []), f"?q={ctx['client'].given_name[:4]}"),
        ("client overview", CLIENT, "worker", ("clients:detail", [c]), ""),
        ("client history", CLIENT, "worker", ("clients:history", [c]), ""),
        ("network + ecogram", CLIENT, "worker", ("network:map", [c]), ""),
        (f"network, {ctx['large_size']} members", CLIENT, "admin", ("network:map", [big]), ""),
        ("network as of", CLIENT, "worker", ("network:map", [c]), f"?datum={half_year_ago}"),
        ("network compare", CLIENT, "worker", ("network:compare", [c]), ""),
        ("ecogram svg", CLIENT, "worker", ("network:svg", [c]), ""),
        ("member", CLIENT, "worker", ("network:member", [c, member]), ""),
        ("lifeline", CLIENT, "worker", ("lifeline:timeline", [c]), ""),
        ("work timeline", CLIENT, "worker", ("work:timeline", [c]), ""),
        ("meetings", CLIENT, "worker", ("meetings:list", [c]), ""),
        ("questionnaires", CLIENT, "worker", ("questionnaires:list", [c]), ""),
        ("load checks", CLIENT, "worker", ("load:overview", [c]), ""),
        ("consent", CLIENT, "worker", ("consent:page", [c]), ""),
        ("passport", CLIENT, "worker", ("passport:choose", [c]), ""),
        ("FHIR export", OPERATION, "worker", ("exchange:export_download", [c]), ""),
        ("inzage (GDPR)", OPERATION, "admin", ("exchange:inzage_json", [c]), ""),
        ("places search", OPERATION, "worker", ("places:search", []), "?q=inloop"),
        ("worklist, mine", DASHBOARD, "worker", ("worklist:mine", []), ""),
        ("worklist, team", DASHBOARD, "worker", ("worklist:mine", []), "?van=team"),
        ("caseload, admin", DASHBOARD, "admin", ("clients:caseload", []), ""),
        ("access log, admin", DASHBOARD, "admin", ("audit:access_log", []), ""),
        ("transfers, admin", DASHBOARD, "admin", ("transfers:incoming", []), ""),
    ]
    result = []
    for name, kind, user, (url_name, args), query in pages:
        try:
            url = reverse(url_name, args=args)
        except NoReverseMatch:
            continue  # not built (yet) in this checkout
        result.append((name, kind, user, url + query))
    return result


def _context() -> dict:
    from datetime import timedelta

    from django.db.models import Count, Q
    from django.utils import timezone

    from kring.accounts.models import User
    from kring.clients.models import Client, Consent
    from kring.demo import seed

    worker = User.objects.get(email=seed.worker_email(0, 0))
    first_pk = Client.objects.order_by("pk").values_list("pk", flat=True).first()
    admin = User.objects.get(email=seed.admin_email(0))
    team_clients = list(
        # Clients who agreed that their network may move along, so the FHIR export is allowed.
        Client.objects.filter(team__memberships__user=worker, status="active")
        .filter(pk__in=Consent.objects.filter(purpose="transfer", decision="given").values("client_id"))
        .annotate(size=Count("members", filter=Q(members__removed_at__isnull=True)))
        .order_by("pk")
    )
    sizes = sorted(c.size for c in team_clients)
    median = sizes[len(sizes) // 2]
    typical = min(team_clients, key=lambda c: (abs(c.size - median), c.pk))
    # The largest network among the first 1,000 clients (the same people at every size), seen by the admin.
    large = (
        Client.objects.filter(organisation_id=admin.organisation_id, pk__lte=first_pk + 999)
        .annotate(size=Count("members", filter=Q(members__removed_at__isnull=True)))
        .order_by("-size", "pk")
        .first()
    )
    member = typical.members.filter(removed_at__isnull=True).order_by("pk").first()
    return {
        "worker": worker,
        "admin": admin,
        "client": typical,
        "large": large,
        "large_size": large.size,
        "member": member,
        "half_year_ago": (timezone.localdate() - timedelta(days=182)).isoformat(),
    }


def _time(send, repetitions: int) -> tuple[float, float, int]:
    """Median and p95 in ms of ``send()`` (one request), and the SQL queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def request():
        response = send()
        if response.status_code not in (200, 302):
            raise RuntimeError(f"{response.request['PATH_INFO']} answered {response.status_code}")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)

    request()  # warm up: templates, the connection, caches
    timings, cpu = [], []
    for _ in range(repetitions):
        start, cpu_start = time.perf_counter(), time.process_time()
        request()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        request()
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    _time.cpu = statistics.median(cpu)  # the process's own CPU: Django, and SQLite (not the PostgreSQL server)
    return statistics.median(timings), p95, len(queries)


def _fhir_import(browser, ctx, repetitions: int) -> tuple[float, float, int] | None:
    """Upload a network exported from the bench client and see the preview (nothing is written yet)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import NoReverseMatch, reverse

    try:
        export_url = reverse("exchange:export_download", args=[ctx["client"].pk])
        import_url = reverse("exchange:import")
    except NoReverseMatch:
        return None
    response = browser.get(export_url)
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    team_id = ctx["client"].team_id

    def send():
        upload = SimpleUploadedFile("netwerk.json", raw, content_type="application/json")
        return browser.post(import_url, {"file": upload, "team": team_id})

    return _time(send, repetitions)


def _access_log_write(ctx, repetitions: int) -> tuple[float, float, int]:
    """One access-log row, as every page view writes (in its own transaction, as a view does)."""
    from django.db import transaction

    from kring.audit.log import Actor, log

    actor = Actor(user=ctx["worker"], ip_address="127.0.0.1", request_id="bench")

    class Written:
        status_code = 200

    def send():
        with transaction.atomic():
            log(actor, "clients.client.view", client=ctx["client"], detail="bench")
        return Written()

    return _time(send, repetitions)


def measure(repetitions: int) -> None:
    import django

    django.setup()
    from django.test import Client as Browser

    ctx = _context()
    browsers = {}
    for role in ("worker", "admin"):
        browsers[role] = Browser()
        browsers[role].force_login(ctx[role])
    print(json.dumps({"meta": {"client_members": ctx["client"].size, "large_members": ctx["large_size"]}}))
    for name, kind, user, url in _pages(ctx):
        browser = browsers[user]
        median, p95, queries = _time(lambda b=browser, u=url: b.get(u), repetitions)
        row = {"page": name, "kind": kind, "median": median, "p95": p95, "queries": queries, "cpu": _time.cpu}
        print(json.dumps(row), flush=True)
    median, p95, queries = _access_log_write(ctx, repetitions * 5)
    print(json.dumps({"page": "access-log write", "kind": OPERATION, "median": median, "p95": p95,
                      "queries": queries, "cpu": _time.cpu}), flush=True)  # fmt: skip
    imported = _fhir_import(browsers["worker"], ctx, repetitions)
    if imported:
        median, p95, queries = imported
        print(json.dumps({"page": "FHIR import (preview)", "kind": OPERATION, "median": median, "p95": p95,
                          "queries": queries, "cpu": _time.cpu}), flush=True)  # fmt: skip


# --- The table -------------------------------------------------------------------------------------


def run_measure(
    database: str, size: int, folder: Path, repetitions: int, *, module: str = "bench.pages"
) -> tuple[dict, list[dict]]:
    """Run ``python -m <module> measure`` against the seeded database in its own process; (meta, rows)."""
    env = _env(database, size, folder)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", module, "measure", "--repetitions", str(repetitions)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit(f"Measuring {database} at {size:,} clients failed.")
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    meta = next(line["meta"] for line in lines if "meta" in line)
    return meta, [line for line in lines if "page" in line]


def print_table(database: str, sizes: tuple[int, ...], results: dict[int, list[dict]], meta: dict) -> None:
    small, large = sizes[0], sizes[-1]
    print()
    print(
        f"Key pages on {database}, ms (median / p95) and SQL queries; bench client has {meta['client_members']} members"
    )
    header = f"{'page':<24}{'kind':<10}"
    for size in sizes:
        header += f"{f'{size:,} median':>15}{'p95':>8}{'q':>5}"
    if len(sizes) > 1:
        header += f"{'ratio':>7}"
    header += f"{f'cpu {large:,}':>12}"
    print(header)
    rows = {size: {r["page"]: r for r in results[size]} for size in sizes}
    for name in [r["page"] for r in results[small]]:
        kind = rows[small][name]["kind"]
        line = f"{name:<24}{kind:<10}"
        for size in sizes:
            r = rows[size].get(name)
            line += f"{r['median']:>15.1f}{r['p95']:>8.1f}{r['queries']:>5}" if r else f"{'–':>28}"
        if len(sizes) > 1 and name in rows[large]:
            line += f"{rows[large][name]['median'] / rows[small][name]['median']:>7.2f}"
        if name in rows[large]:
            line += f"{rows[large][name].get('cpu', 0):>12.1f}"
        print(line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "measure", "drop"])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--databases", nargs="+", default=list(DATABASES), choices=DATABASES)
    parser.add_argument("--repetitions", type=int, default=REPETITIONS)
    parser.add_argument("--folder", type=Path, default=DEFAULT_DIR, help="Where the SQLite files live.")
    parser.add_argument("--drop", action="store_true", help="Throw the seeded databases away afterwards.")
    args = parser.parse_args(argv)
    if args.command == "measure":
        measure(args.repetitions)
        return
    args.folder.mkdir(parents=True, exist_ok=True)
    databases = list(args.databases)
    if "postgres" in databases and not postgres_available():
        print(f"SKIPPED PostgreSQL: none answers at {POSTGRES_SERVER}", file=sys.stderr)
        databases.remove("postgres")
    if args.command == "drop":
        for database in databases:
            for size in args.sizes:
                drop(database, size, args.folder)
        return
    sizes = tuple(sorted(args.sizes))
    seeds = {}
    for database in databases:
        results, meta = {}, {}
        for size in sizes:
            seeds[(database, size)] = ensure_seeded(database, size, args.folder)
            meta, results[size] = run_measure(database, size, args.folder, args.repetitions)
        print_table(database, sizes, results, meta)
    print()
    print("Seeding (kring seed --seed 1)")
    print(f"{'database':<10}{'clients':>9}{'rows':>12}{'seconds':>9}{'cpu s':>8}{'peak MB':>9}")
    for (database, size), info in seeds.items():
        print(
            f"{database:<10}{size:>9,}{info['rows']:>12,}{info['seconds']:>9.0f}{info.get('cpu', 0):>8.0f}"
            f"{info['peak_mb']:>9.0f}"
        )
    if args.drop:
        for database in databases:
            for size in sizes:
                drop(database, size, args.folder)


if __name__ == "__main__":
    main()
