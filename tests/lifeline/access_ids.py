"""How the access sweep finds an object of team A for each URL of this part that takes an id."""


def _event(w):
    from tests.lifeline.factories import make_event

    return w.__dict__.setdefault("life_event_a", make_event(w.client_a, title="Verhuisd naar Kringstad"))


ID_FOR = {
    **{
        (f"lifeline:{name}", "pk"): (lambda w: w.client_a.pk)
        for name in ["timeline", "print", "event_add", "event_edit", "event_remove"]
    },
    **{(f"lifeline:{name}", "event_pk"): (lambda w: _event(w).pk) for name in ["event_edit", "event_remove"]},
}
