"""How the access sweep finds an object of team A for each consent and passport URL that takes an id."""

ID_FOR = {
    **{(f"consent:{name}", "pk"): (lambda w: w.client_a.pk) for name in ["page", "add", "withdraw"]},
    **{(f"passport:{name}", "pk"): (lambda w: w.client_a.pk) for name in ["choose", "sheet"]},
}
