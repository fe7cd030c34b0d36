"""How the access sweep finds a record of team A for each load URL that takes an id."""

from __future__ import annotations

from datetime import date


def _member(w):
    from tests.network.factories import make_member

    return w.__dict__.setdefault("member_a", make_member(w.client_a, name="Mama", relation="mother", circle=1))


def _load_check(w):
    from kring.support.models import LoadCheck

    if "load_check_a" not in w.__dict__:
        w.load_check_a = LoadCheck.objects.create(
            client=w.client_a, member=_member(w), created_by=w.worker, date=date(2026, 1, 5), heaviness=6
        )
    return w.load_check_a


ID_FOR = {
    **{(f"load:{name}", "pk"): (lambda w: w.client_a.pk) for name in ("overview", "history", "add", "edit", "remove")},
    **{(f"load:{name}", "member_pk"): (lambda w: _member(w).pk) for name in ("history", "add", "edit", "remove")},
    **{(f"load:{name}", "check_pk"): (lambda w: _load_check(w).pk) for name in ("edit", "remove")},
}
