"""Template tags for pages that show a client: the transfer under way, and the incoming transfers count."""

from django import template

from kring import policy
from kring.clients.models import Transfer

register = template.Library()


@register.simple_tag
def open_transfer(client):
    """The proposed or accepted transfer of a client the page already shows (so already allowed), or None."""
    return (
        Transfer.objects.filter(client=client, status__in=policy.OPEN_TRANSFER_STATUSES)
        .select_related("to_team")
        .first()
    )


@register.simple_tag
def incoming_transfer_count(user) -> int:
    """How many open transfers wait for the user's side (for a badge in the menu)."""
    return sum(
        1
        for transfer in policy.transfers_visible_to(user).filter(status="proposed").select_related("to_team")
        if policy.is_transfer_receiver(user, transfer)
    )
