"""How the access sweep finds an object of team A for each URL of this part that takes an id."""

ID_FOR = {
    ("work:timeline", "pk"): lambda w: w.client_a.pk,
}
