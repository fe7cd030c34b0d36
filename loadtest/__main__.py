"""``python -m loadtest`` (``make loadtest``): fifty simulated workers against gunicorn on PostgreSQL.

1. Makes sure the PostgreSQL bench database holds the seeded population (``kring seed --clients 60000``,
   shared with ``python -m bench.pages``; seeded once, kept unless ``--drop``).
2. Starts gunicorn on 127.0.0.1 with production settings, except: plain http, and no second factor
   (``KRING_REQUIRE_MFA=0``). The simulated workers are logged in ahead (loadtest/sessions.py: a session
   per seeded worker, as a login would make); without that file the locustfile logs in through the form.
3. Runs locust headless: 50 workers, a realistic mix (loadtest/locustfile.py), 2 minutes; it stops by itself.
   The workers start five a second and log in; the statistics are reset once all have started
   (``--reset-stats``), so the table shows the steady load, not the first logins.
4. Stops gunicorn and prints throughput, p50/p95/p99 and errors per request, and whether the targets hold.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import pages

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def _report(stats_csv: Path, users: int, duration: str) -> bool:
    with stats_csv.open() as handle:
        rows = list(csv.DictReader(handle))
    print()
    print(f"Load test: {users} simulated workers for {duration} against gunicorn on PostgreSQL (ms)")
    print(f"{'request':<22}{'count':>7}{'errors':>8}{'req/s':>7}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>8}")
    total = None
    for row in rows:
        line = (
            f"{row['Name'][:21]:<22}{int(row['Request Count']):>7}{int(row['Failure Count']):>8}"
            f"{float(row['Requests/s']):>7.1f}{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
            f"{float(row['Max Response Time']):>8.0f}"
        )
        if row["Name"] == "Aggregated":
            total = row
            print("-" * len(line))
        print(line)
    if total is None:
        return False
    errors, p95 = int(total["Failure Count"]), float(total["95%"])
    holds = errors == 0 and p95 < 500
    print(
        f"Targets (zero errors, p95 under 500 ms): {'HOLD' if holds else 'MISSED'} (errors {errors}, p95 {p95:.0f} ms)"
    )
    return holds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=60000, help="Size of the seeded population.")
    parser.add_argument("--users", type=int, default=50, help="Simulated workers (at most 50: 10 teams of 5).")
    parser.add_argument("--duration", default="2m", help="How long the load runs (locust's --run-time).")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("LOADTEST_GUNICORN_WORKERS", "4")))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--folder", type=Path, default=pages.DEFAULT_DIR)
    parser.add_argument("--drop", action="store_true", help="Throw the seeded database away afterwards.")
    args = parser.parse_args(argv)
    if not pages.postgres_available():
        raise SystemExit(f"The load test needs PostgreSQL at {pages.POSTGRES_SERVER}.")
    args.folder.mkdir(parents=True, exist_ok=True)
    pages.ensure_seeded("postgres", args.clients, args.folder)
    env = pages._env("postgres", args.clients, args.folder)
    host = f"http://127.0.0.1:{args.port}"
    gunicorn = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "kring.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers), "--timeout", "60", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        _wait_for(f"{host}/healthz", 60)
        prefix = args.folder / "loadtest"
        sessions = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "loadtest.sessions", str(args.users)],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.splitlines()[-1]  # fmt: skip
        sessions_file = args.folder / "loadtest-sessions.json"
        sessions_file.write_text(sessions)
        subprocess.run(  # noqa: S603
            [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "--users", str(args.users),
             "--spawn-rate", "5", "--reset-stats", "--run-time", args.duration, "--host", host, "--csv", str(prefix),
             "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"],
            cwd=ROOT, check=False, env={**os.environ, "LOADTEST_SESSIONS": str(sessions_file)},
        )  # fmt: skip
        holds = _report(Path(f"{prefix}_stats.csv"), args.users, args.duration)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
        if args.drop:
            pages.drop("postgres", args.clients, args.folder)
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main())
