"""``kring seed --clients N --seed S``: a fictional population for benchmarks and load tests."""

from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kring.demo import seed as population


class Command(BaseCommand):
    help = (
        "Fill the database with N fictional clients and their world (networks, history, work, access log). "
        "Reproducible: the same --seed and --today give the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, required=True, help="How many clients (e.g. 1000 or 60000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="The day the history ends.")
        parser.add_argument("--batch", type=int, default=population.DEFAULT_BATCH, help="Clients per transaction.")
        parser.add_argument("--no-migrate", action="store_true", help="Do not run the migrations first.")

    def handle(self, *args, clients, seed: int, today, batch, no_migrate, **options):
        if clients < 1 or batch < 1:
            raise CommandError("--clients and --batch must be at least 1.")
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        if population.already_seeded():
            raise CommandError("This database already holds a seeded population; seed into an empty database.")
        result = population.seed(clients=clients, seed=seed, today=today, batch=batch, progress=self.stdout.write)
        total = sum(result.rows.values())
        self.stdout.write(f"Seeded {result.clients:,} clients: {total:,} rows in {result.seconds:.1f} s.")
        self.stdout.write(f"Peak memory: {result.peak_memory_mb:.0f} MB.")
        for table, count in sorted(result.rows.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {table:<45} {count:>12,}")
        self.stdout.write(
            f"Log in as {population.worker_email(0, 0)} (or any t<team>.w<1-5>@{population.EMAIL_DOMAIN}, "
            f"o<org>.admin@...) with the password {population.SEED_PASSWORD}."
        )
