"""``{% open_session client as s %}``: the client's half-finished mapping session, to go on with it."""

from django import template

from kring.network.models import MappingSession

register = template.Library()


@register.simple_tag
def open_session(client):
    """The open session of a client the page already shows (so already allowed), or None."""
    return MappingSession.objects.filter(client=client, finished_at=None, abandoned_at=None).first()
