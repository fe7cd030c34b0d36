"""``kring import-places FILE --organisation NAME`` (also ``import_places``): read places from the shell.

The same all-or-nothing import as the page: CSV, OpenStreetMap (Overpass JSON) or GeoJSON; one broken row
stops it with its line and reason and nothing is written. A re-import updates places by their source id.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from kring.accounts.models import Organisation
from kring.places import importers, services
from kring.places.models import ImportKind, PlaceImport


class Command(BaseCommand):
    help = "Lees plekken in uit een CSV-, Overpass JSON- of GeoJSON-bestand (alles of niets)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="het bestand")
        parser.add_argument("--organisation", required=True, help="naam of id van de organisatie")
        parser.add_argument("--format", choices=ImportKind.values, help="csv, overpass of geojson (anders herkend)")
        parser.add_argument("--share", action="store_true", help="nieuwe plekken delen met alle organisaties")
        parser.add_argument("--dry-run", action="store_true", help="alleen laten zien wat er zou gebeuren")

    def handle(self, *args, **options):
        translation.activate("nl")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Het bestand {path} bestaat niet.")
        organisation = self._organisation(options["organisation"])
        try:
            text = importers.decode(path.read_bytes())
            kind = options["format"] or importers.detect_kind(path.name, text)
            parsed = importers.parse(kind, text)
            if options["dry_run"]:
                plan = services.import_plan(organisation=organisation, parsed=parsed, share=options["share"])
                report = {**plan.counts, "skipped": len(parsed.skipped)}
            else:
                report = services.import_apply(organisation=organisation, parsed=parsed, share=options["share"])
        except importers.ImportFileError as error:
            raise CommandError(f"{error} Er is niets ingelezen.") from None
        summary = (
            f"{report['new']} nieuw, {report['changed']} bijgewerkt, {report['unchanged']} al gelijk, "
            f"{report['removed_before']} eerder weggehaald, {report['skipped']} overgeslagen"
        )
        if options["dry_run"]:
            self.stdout.write(f"{path.name} ({kind}): {summary}. Proefdraaien: er is niets ingelezen.")
            return
        PlaceImport.objects.create(
            organisation=organisation,
            filename=path.name[:200],
            kind=kind,
            share=options["share"],
            report=report,
            applied_at=timezone.now(),
        )
        self.stdout.write(self.style.SUCCESS(f"{path.name} ({kind}) voor {organisation}: {summary}."))

    def _organisation(self, value: str) -> Organisation:
        organisation = Organisation.objects.filter(name=value).first()
        if organisation is None and value.isdigit():
            organisation = Organisation.objects.filter(pk=int(value)).first()
        if organisation is None:
            raise CommandError(f"Geen organisatie met de naam of het id {value!r}.")
        return organisation
