"""``kring import-fhir FILE --team TEAM --user EMAIL [--dry-run]``: a network from another installation as a new
client. Prints who will be created first; then writes it all in one transaction, or nothing."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from kring import policy
from kring.exchange import fhir, services
from kring.exchange.management.commands._common import actor_for
from kring.exchange.network import ImportRefused


class Command(BaseCommand):
    help = "Import a FHIR R4B Bundle made by Kring (or another system) as a new client with their network."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The FHIR JSON file.")
        parser.add_argument("--team", required=True, help="The team the client joins: its id or its exact name.")
        parser.add_argument("--user", required=True, help="E-mail address of the user on whose behalf (logged).")
        parser.add_argument("--dry-run", action="store_true", help="Only show what would be created.")

    def handle(self, *args, file, team, user, dry_run, **options):
        actor = actor_for(user, reason="import-fhir")
        teams = policy.teams_for_new_client(actor.user)
        by_id = Q(pk=int(team)) if team.isdigit() else Q(pk__in=[])
        chosen = teams.filter(by_id | Q(name=team)).first()
        if chosen is None:
            raise CommandError(f"{actor.user.email} cannot add clients to a team {team!r}.")
        try:
            with open(file, "rb") as handle:
                raw = handle.read(fhir.MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            preview = services.preview_import(actor=actor, raw=raw, team=chosen)
        except (fhir.BundleError, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        network = preview.network
        self.stdout.write(
            f"New client: {network.client.given_name} {network.client.family_name}".rstrip()
            + f" (born {network.client.birth_year or '?'}) in team {chosen.name}"
        )
        for member in network.members:
            self.stdout.write(f"  - {member.name} ({member.relation}, circle {member.circle}, {member.status})")
        self.stdout.write(f"  {len(network.links)} links, {len(network.consents)} consents")
        if preview.namesakes:
            self.stdout.write("  Note: this team already has a client with this name.")
        if dry_run:
            self.stdout.write("Dry run: nothing written.")
            return
        try:
            client = services.import_network(actor=actor, team=chosen, network=network)
        except (ImportRefused, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        self.stdout.write(f"Imported as client {client.pk}.")
