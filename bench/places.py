"""Benchmark of the places search over 20,000 generated places.

Builds a throw-away SQLite database in a temporary folder (in its own process, so it does not disturb the
other benchmarks' Django set-up), fills it with 20,000 places spread over about 40 × 40 km around a
fictional city centre, and times the search: by radius (the database keeps the bounding box, Python
measures the exact distance of what is left), with filters, "open now", and by name. Also the whole page
through Django. Prints median and p95 times, how many rows came to Python and the queries; asserts nothing.

    python -m bench.places
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

COUNT = 20_000
REPETITIONS = 25
CENTRE = (52.2000, 5.3000)
SPREAD_DEGREES = (0.18, 0.30)  # about 40 km north–south and east–west around the centre
HOURS = ["", "Mo-Fr 09:00-17:00", "Tu-Sa 10:00-18:00", "Fr 17:00-20:00", "24/7", "Su[1] 14:00-17:00", "op afspraak"]


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
    os.environ.pop("KRING_MAP_TILES", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(organisation, other) -> None:
    from kring.places.models import Category, Place

    rng = random.Random(20_000)
    categories = list(Category.values)
    languages = ["nl", "en", "ar", "tr", "pl", "ti", "uk"]
    places = []
    for i in range(COUNT):
        places.append(
            Place(
                organisation=organisation if i % 10 else other,
                shared=i % 10 == 0,
                name=f"Plek {i:05}",
                category=rng.choice(categories),
                latitude=CENTRE[0] + rng.uniform(-SPREAD_DEGREES[0], SPREAD_DEGREES[0]),
                longitude=CENTRE[1] + rng.uniform(-SPREAD_DEGREES[1], SPREAD_DEGREES[1]),
                languages=rng.sample(languages, rng.randint(0, 3)),
                opening_hours=rng.choice(HOURS),
            )
        )
    Place.objects.bulk_create(places, batch_size=1000)


def _time(fn) -> tuple[float, float]:
    fn()  # warm up
    timings = []
    for _ in range(REPETITIONS):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def _run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _setup_django(folder)
        from django.db import connection
        from django.test import Client as Browser
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from kring.accounts.models import Membership, Organisation, Role, Team, User
        from kring.places import geo, selectors
        from kring.places.models import StartPoint
        from kring.places.selectors import Filters, Origin

        org = Organisation.objects.create(name="Bench")
        other = Organisation.objects.create(name="Bench elders")
        team = Team.objects.create(organisation=org, name="Bench team")
        worker = User.objects.create_user(
            "bench@kring.test", "bench-password-2026", full_name="Bench", organisation=org
        )
        Membership.objects.create(user=worker, role=Role.WORKER, team=team)
        started = time.perf_counter()
        _fill(org, other)
        print()
        print(f"Places search over {COUNT:,} places (SQLite, ms); filled in {time.perf_counter() - started:.1f} s")
        print(f"{'search':<34}{'median':>9}{'p95':>9}{'to Python':>11}{'found':>8}{'queries':>9}")
        origin = Origin("Centrum", *CENTRE)
        now = timezone.localtime()
        cases = [
            ("radius 1 km", 1, Filters()),
            ("radius 2 km", 2, Filters()),
            ("radius 5 km", 5, Filters()),
            ("radius 10 km", 10, Filters()),
            ("radius 5 km, category", 5, Filters(category="mosque")),
            ("radius 5 km, language", 5, Filters(language="ar")),
            ("radius 5 km, open now", 5, Filters(open_now=True)),
            ("by name (page 1)", None, Filters()),
            ("by name, text 'plek 1999'", None, Filters(text="plek 1999")),
        ]
        for label, radius, filters in cases:
            where = origin if radius else None

            def search(where=where, radius=radius, filters=filters):
                return selectors.search(worker, filters=filters, now=now, origin=where, radius_km=radius)

            median, p95 = _time(search)
            with CaptureQueriesContext(connection) as queries:
                page = search()
            if radius:
                box = geo.bounding_box(*CENTRE, radius)
                in_box = (
                    selectors.filtered(worker, filters)
                    .filter(latitude__range=(box.min_lat, box.max_lat), longitude__range=(box.min_lon, box.max_lon))
                    .count()
                )
            else:
                in_box = len(page.object_list)
            print(f"{label:<34}{median:>9.1f}{p95:>9.1f}{in_box:>11}{page.paginator.count:>8}{len(queries):>9}")

        StartPoint.objects.create(organisation=org, name="Centrum", latitude=CENTRE[0], longitude=CENTRE[1])
        browser = Browser()
        browser.force_login(worker)
        median, p95 = _time(lambda: browser.get("/plekken/?straal=5"))
        print(f"{'page /plekken/ (5 km, HTTP)':<34}{median:>9.1f}{p95:>9.1f}")


def main() -> None:
    """Run in a fresh process: Django is set up once per process, and the other benchmarks set it up too."""
    subprocess.run([sys.executable, "-m", "bench.places"], check=True)


if __name__ == "__main__":
    _run()
