"""How the access sweep finds an object of team A for each URL of the work tab that takes an id."""


def _action(w):
    from tests.support.factories import make_action

    if "action_a" not in w.__dict__:
        w.action_a = make_action(w.client_a, by=w.worker)
    return w.action_a


def _review(w):
    from django.utils import timezone

    from tests.support.factories import make_review

    if "review_a" not in w.__dict__:
        today = timezone.localdate()
        w.review_a = make_review(w.client_a, by=w.worker, day=today, next_on=today.replace(year=today.year + 1))
    return w.review_a


ACTION_URLS = ["action_edit", "action_status", "action_remove"]

ID_FOR = {
    **{
        (f"work:{name}", "pk"): (lambda w: w.client_a.pk)
        for name in ["timeline", "action_add", "review_add", "review_remove", *ACTION_URLS]
    },
    **{(f"work:{name}", "action_pk"): (lambda w: _action(w).pk) for name in ACTION_URLS},
    ("work:review_remove", "review_pk"): lambda w: _review(w).pk,
}
