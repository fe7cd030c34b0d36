"""``kring export-fhir --client ID -o FILE --user EMAIL``: a client's network as a FHIR R4B Bundle (JSON)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from kring import policy
from kring.exchange import services
from kring.exchange.management.commands._common import actor_for


class Command(BaseCommand):
    help = "Export a client's network as a FHIR R4B Bundle (JSON), validated before it is written."

    def add_arguments(self, parser):
        parser.add_argument("--client", required=True, help="The client's id.")
        parser.add_argument("-o", "--output", default="-", help="File to write (default: standard output).")
        parser.add_argument("--user", required=True, help="E-mail address of the user on whose behalf (logged).")

    def handle(self, *args, client, output, user, **options):
        actor = actor_for(user, reason="export-fhir")
        try:
            record = policy.get_client_for_user(actor.user, client, write=True)
        except Http404:
            raise CommandError(f"No client {client} that {actor.user.email} works with.") from None
        try:
            bundle = services.export_network(actor=actor, client=record)
        except services.ExportRefused as refusal:
            raise CommandError(str(refusal)) from None
        content = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
        if output == "-":
            sys.stdout.write(content)
            return
        with open(output, "w", encoding="utf-8") as file:
            file.write(content)
        members = sum(1 for entry in bundle["entry"] if entry["resource"]["resourceType"] == "RelatedPerson")
        self.stderr.write(f"Wrote {output}: client {record.pk}, {members} members.")
