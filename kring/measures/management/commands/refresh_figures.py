"""``kring refresh-figures [--client ID ...]``: rebuild the key numbers per client and day
(NetworkFigures) from the history of every network, or of the given clients.

Kring keeps them up to date by itself on every change; run this after restoring a backup, after a bulk
load that bypassed Kring's models, or when a new figure was added to the table.
"""

from django.core.management.base import BaseCommand

from kring.clients.models import Client
from kring.measures.figures import rebuild


class Command(BaseCommand):
    help = "Rebuild the network figures per client and day from the network history."

    def add_arguments(self, parser):
        parser.add_argument("--client", type=int, action="append", default=[], help="Only this client id.")

    def handle(self, *args, client, **options):
        ids = Client.objects.order_by("pk").values_list("pk", flat=True)
        if client:
            ids = ids.filter(pk__in=client)
        clients = rows = 0
        for pk in ids.iterator():
            rows += rebuild(pk)
            clients += 1
        self.stdout.write(f"Rebuilt {rows} rows of network figures for {clients} clients.")
