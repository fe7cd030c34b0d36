"""How the access sweep finds an object for each places URL that takes an id.

- Samen op zoek (client data): a suggestion and a visit of client A; the client decides (404 for another team).
- A place is visible to everyone in its organisation (and, when shared, to everyone): the sweep uses a place of
  a third organisation that is not shared, which none of the sweep's outsiders may see.
- Imports and start points are for the admin of the organisation; none of the outsiders is one.
"""


def _place(w):
    from tests import factories
    from tests.places.factories import make_place

    if "hidden_place" not in w.__dict__:
        w.hidden_place = make_place(factories.make_organisation("Derde Opvang"), name="Niet gedeeld", shared=False)
    return w.hidden_place


def _own_place(w):
    from tests.places.factories import make_place

    if "place_a" not in w.__dict__:
        w.place_a = make_place(w.org, name="Buurthuis A")
    return w.place_a


def _suggestion(w):
    from tests.places.factories import make_suggestion

    if "suggestion_a" not in w.__dict__:
        w.suggestion_a = make_suggestion(w.client_a, _own_place(w), by=w.worker)
    return w.suggestion_a


def _visit(w):
    from datetime import date

    from tests.places.factories import make_visit

    if "visit_a" not in w.__dict__:
        w.visit_a = make_visit(_suggestion(w), by=w.worker, day=date(2026, 1, 5))
    return w.visit_a


def _import(w):
    from kring.places.models import PlaceImport

    if "import_a" not in w.__dict__:
        w.import_a = PlaceImport.objects.create(
            organisation=w.org, created_by=w.org_admin, filename="a.csv", kind="csv", content="naam;categorie\nA;Kerk\n"
        )
    return w.import_a


def _start_point(w):
    from tests.places.factories import make_start_point

    if "start_point_a" not in w.__dict__:
        w.start_point_a = make_start_point(w.org)
    return w.start_point_a


_CLIENT_URLS = [
    "index",
    "search",
    "suggest",
    "suggestion",
    "suggestion_remove",
    "plan",
    "visit_add",
    "visit_remove",
    "met_add",
]
_SUGGESTION_URLS = ["suggestion", "suggestion_remove", "plan", "visit_add", "visit_remove", "met_add"]

ID_FOR = {
    **{(f"places:{name}", "place_pk"): (lambda w: _place(w).pk) for name in ("detail", "edit", "remove")},
    ("places:import_preview", "import_pk"): lambda w: _import(w).pk,
    ("places:start_point_remove", "point_pk"): lambda w: _start_point(w).pk,
    **{(f"client_places:{name}", "pk"): (lambda w: w.client_a.pk) for name in _CLIENT_URLS},
    **{(f"client_places:{name}", "suggestion_pk"): (lambda w: _suggestion(w).pk) for name in _SUGGESTION_URLS},
    **{(f"client_places:{name}", "visit_pk"): (lambda w: _visit(w).pk) for name in ("visit_remove", "met_add")},
}
