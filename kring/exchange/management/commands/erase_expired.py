"""``kring erase-expired --user EMAIL [--dry-run]``: erase the clients of the user's organisation who left
longer ago than its retention period (Organisation.retention_months).

Who counts as left: status ``left`` or ``transferred`` (to an organisation outside this installation). The
day they left is the first save of the last stretch of the record's history without status ``active``.
A client who came back (active again) is kept. Run it daily from cron, once per organisation, as one of its
functioneel beheerders: every erasure is logged on their name.
"""

import argparse
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from kring.exchange import services
from kring.exchange.management.commands._common import actor_for


class Command(BaseCommand):
    help = "Erase clients who left longer ago than their organisation's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="E-mail address of an organisation admin (logged).")
        parser.add_argument("--dry-run", action="store_true", help="Only list who would be erased.")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)

    def handle(self, *args, user, dry_run, today, **options):
        actor = actor_for(user, reason="erase-expired")
        try:
            expired = services.erase_expired(actor=actor, today=today, dry_run=dry_run)
        except PermissionError:
            raise CommandError(f"{actor.user.email} is not an organisation admin.") from None
        verb = "Would erase" if dry_run else "Erased"
        for item in expired:
            # Ids only: no names in cron mail or logs.
            self.stdout.write(
                f"{verb} client {item.client.pk} (left {item.left_on.isoformat()}, "
                f"kept until {item.erase_after.isoformat()})"
            )
        months = actor.user.organisation.retention_months
        self.stdout.write(f"{verb} {len(expired)} client(s); retention period {months} months.")
