"""How the access sweep finds a record of team A for each intervention and catalogue URL that takes an id."""

from __future__ import annotations

from datetime import date


def _member(w):
    from tests.network.factories import make_member

    return w.__dict__.setdefault("member_a", make_member(w.client_a, name="Mama", relation="mother", circle=1))


def _intervention(w):
    from kring.support.catalogue import elements_for, modes_for
    from kring.support.models import Intervention

    if "intervention_a" not in w.__dict__:
        record = Intervention.objects.create(
            client=w.client_a, created_by=w.worker, date=date(2026, 1, 5), mode=modes_for(w.org)[0]
        )
        record.elements.set(elements_for(w.org)[:1])
        record.members.set([_member(w)])
        w.intervention_a = record
    return w.intervention_a


def _contribution(w):
    from kring.support.models import Contribution

    if "contribution_a" not in w.__dict__:
        w.contribution_a = Contribution.objects.create(
            client=w.client_a, created_by=w.worker, date=date(2026, 1, 5), description="Boodschappen gedaan"
        )
    return w.contribution_a


def _skills(w):
    from kring.support.models import SkillsPractice

    if "skills_a" not in w.__dict__:
        w.skills_a = SkillsPractice.objects.create(
            client=w.client_a, created_by=w.worker, date=date(2026, 1, 5), situation="Ruzie met de buurman"
        )
    return w.skills_a


def _element(w):
    from kring.support.catalogue import elements_for

    return elements_for(w.org)[1]


def _mode(w):
    from kring.support.catalogue import modes_for

    return modes_for(w.org)[1]


RECORDS = {"intervention": _intervention, "contribution": _contribution, "skills": _skills}
ENTRIES = {"element": _element, "mode": _mode}

ID_FOR = {
    **{(f"interventions:{kind}_add", "pk"): (lambda w: w.client_a.pk) for kind in RECORDS},
    **{
        (f"interventions:{kind}_{action}", "pk"): (lambda w: w.client_a.pk)
        for kind in RECORDS
        for action in ("edit", "remove")
    },
    **{
        (f"interventions:{kind}_{action}", "record_pk"): (lambda w, make=make: make(w).pk)
        for kind, make in RECORDS.items()
        for action in ("edit", "remove")
    },
    **{
        (f"catalogue:{kind}_{action}", "pk"): (lambda w, make=make: make(w).pk)
        for kind, make in ENTRIES.items()
        for action in ("edit", "move_up", "move_down", "switch_on", "switch_off")
    },
}
