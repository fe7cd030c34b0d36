"""How the access sweep finds an object of team A for each URL of the monitor, training and intervision."""

from datetime import date


def _assessment(w):
    from tests.insights.factories import make_assessment

    if "assessment_a" not in w.__dict__:
        w.assessment_a = make_assessment(w.team_a, w.team_lead, day=date(2026, 1, 15))
    return w.assessment_a


def _training(w):
    from tests.insights.factories import make_training

    if "training_a" not in w.__dict__:
        w.training_a = make_training(w.worker, "part_1", recorded_by=w.team_lead)
    return w.training_a


def _consultation(w):
    from tests.insights.factories import make_consultation

    if "consultation_a" not in w.__dict__:
        w.consultation_a = make_consultation(w.team_a, w.team_lead)
    return w.consultation_a


def _case(w):
    from tests.insights.factories import make_case

    if "case_a" not in w.__dict__:
        w.case_a = make_case(_consultation(w), w.worker)
    return w.case_a


ID_FOR = {
    ("monitor:team", "team_pk"): lambda w: w.team_a.pk,
    ("monitor:create", "team_pk"): lambda w: w.team_a.pk,
    **{(f"monitor:{name}", "pk"): (lambda w: _assessment(w).pk) for name in ["assessment", "edit", "remove"]},
    ("training:team", "team_pk"): lambda w: w.team_a.pk,
    ("training:add", "team_pk"): lambda w: w.team_a.pk,
    ("training:remove", "team_pk"): lambda w: w.team_a.pk,
    ("training:remove", "pk"): lambda w: _training(w).pk,
    **{(f"consultations:{name}", "pk"): (lambda w: _consultation(w).pk) for name in ["detail", "edit", "case_add"]},
    ("consultations:case_remove", "pk"): lambda w: _case(w).pk,
}
