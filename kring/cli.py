"""The ``kring`` command: Django's management commands, with ``kring demo`` as the main job.

kring demo [--port N] [--reset] [--no-serve]   prepare the demo world and serve it
kring export-fhir --client ID -o FILE --user E  a client's network as FHIR (also import-fhir, erase-expired)
kring import-places FILE --organisation NAME   read places (CSV, Overpass JSON, GeoJSON), all or nothing
kring check --deploy                           any other Django management command
"""

import os
import sys

# Commands spelled with hyphens, as people type them; Django's command modules use underscores.
ALIASES = {"export-fhir": "export_fhir", "import-fhir": "import_fhir", "erase-expired": "erase_expired"}
ALIASES["import-places"] = "import_places"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings")
    if argv[:1] == ["demo"]:
        # The demo runs on a laptop over plain http: debug on, no second factor, unless set otherwise.
        os.environ.setdefault("KRING_DEBUG", "1")
        os.environ.setdefault("KRING_REQUIRE_MFA", "0")
        os.environ.setdefault("KRING_DEMO", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kring", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
