"""``kring demo``: migrate, load the fictional demo world, print the logins and serve it."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kring.demo import world


class Command(BaseCommand):
    help = "Prepare the fictional demo organisation on SQLite in var/ and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (default 8000).")
        parser.add_argument("--reset", action="store_true", help="Throw the demo database away and start over.")
        parser.add_argument("--no-serve", action="store_true", help="Only prepare the database; do not serve.")

    def handle(self, *args, port, reset, no_serve, **options):
        if not 1 <= port <= 65535:
            raise CommandError("--port must be between 1 and 65535.")
        if reset:
            self._reset()
        call_command("migrate", interactive=False, verbosity=0)
        created = world.load()
        self.stdout.write(
            f"Demo world ready ({created['clients']} clients and {created['users']} users added; existing data kept)."
        )
        self._print_logins(port)
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)

    def _reset(self):
        engine = settings.DATABASES["default"]["ENGINE"]
        if not engine.endswith("sqlite3"):
            raise CommandError("--reset only works on the SQLite demo database, never on a real one.")
        call_command("flush", interactive=False, verbosity=0)
        self.stdout.write("Demo database emptied.")

    def _print_logins(self, port):
        self.stdout.write("")
        self.stdout.write(f"Kring demo: http://127.0.0.1:{port}/   (all data is fictional)")
        self.stdout.write(f"Every demo login has the password: {world.DEMO_PASSWORD}")
        for login in world.LOGINS:
            self.stdout.write(f"  {login.email:<24} {login.description}")
        self.stdout.write("")
