"""How the access sweep finds a client of team A for the page "Het netwerk in maten"."""

ID_FOR = {
    ("netmeasures:page", "pk"): lambda w: w.client_a.pk,
}
