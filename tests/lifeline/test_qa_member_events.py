"""A member's life events on their panel of the network page, as a reader sees them."""

import re

from django.urls import reverse

from tests.lifeline.factories import make_event
from tests.network.factories import make_member


def test_a_life_event_on_a_members_panel_reads_date_colon_title(world, login):
    """It read '2004 : Getrouwd' on screen: the space before the tone for screen readers stayed visible."""
    member = make_member(world.client_a, name="Sandra")
    make_event(world.client_a, title="Getrouwd", year=2004, tone="good", members=[member])
    body = login(world.worker).get(reverse("network:member", args=[world.client_a.pk, member.pk])).content.decode()
    item = re.search(r"<li data-event-id=\"\d+\">(.*?)</li>", body, re.S).group(1)
    seen = re.sub(r'<span class="visually-hidden">.*?</span>', "", item, flags=re.S)
    seen = re.sub(r"<svg.*?</svg>", "", seen, flags=re.S)
    text = " ".join(re.sub(r"<[^>]+>", "", seen).split())
    assert text == "2004: Getrouwd"
