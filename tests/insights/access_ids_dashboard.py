"""How the access sweep finds an object of team A for each dashboard URL that takes an id."""

ID_FOR = {
    ("dashboards:team", "pk"): lambda w: w.team_a.pk,
}
