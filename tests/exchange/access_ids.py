"""How the access sweep finds a client of team A for each exchange URL that takes an id."""

ID_FOR = {
    (f"exchange:{name}", "pk"): (lambda w: w.client_a.pk)
    for name in ["export", "export_download", "inzage", "inzage_json", "erase"]
}
