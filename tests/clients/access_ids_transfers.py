"""How the access sweep finds a transfer of team A for each transfer URL that takes an id.

The transfer goes to a team in which none of the sweep's outsiders works: the receiving side may see it.
"""


def _transfer(w):
    from kring.clients.models import Transfer
    from tests import factories

    if "transfer_a" not in w.__dict__:
        w.transfer_a = Transfer.objects.create(
            client=w.client_a,
            from_team=w.team_a,
            to_team=factories.make_team(w.org, "Team Ontvangst"),
            proposed_by=w.worker,
            handover_note="Warme overdracht",
        )
    return w.transfer_a


ID_FOR = {
    ("transfers:for_client", "pk"): lambda w: w.client_a.pk,
    ("transfers:propose", "pk"): lambda w: w.client_a.pk,
    **{
        (f"transfers:{name}", "transfer_pk"): (lambda w: _transfer(w).pk)
        for name in ["detail", "accept", "decline", "withdraw", "complete"]
    },
}
