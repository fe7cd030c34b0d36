"""What exploratory QA of the network page found in the workspace that htmx redraws."""

import re

from django.urls import reverse

from kring.network.models import Member
from tests.network.factories import make_member


def url(name, client, *args):
    return reverse(f"network:{name}", args=[client.pk, *args])


def messages_of(body: str) -> str:
    match = re.search(r'<div class="messages"[^>]*id="workspace-messages".*?</div>', body, re.S)
    assert match, "no message in the redrawn workspace"
    return match.group(0)


def test_it_offers_the_undo_of_a_removal_beside_its_message(world, login):
    """The message said the removal could be undone "below", but the button was at the end of the member list,
    folded away: with 40 people on a tablet, screens away from the message."""
    member = make_member(world.client_a, name="Tante Mies")
    browser = login(world.worker)
    response = browser.post(
        url("member_remove", world.client_a, member.pk), {"version": member.version}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    message = messages_of(response.content.decode())
    assert "Tante Mies staat niet meer op de kaart." in message
    restore = url("member_restore", world.client_a, member.pk)
    assert f'action="{restore}"' in message
    assert "Ongedaan maken" in message

    undone = browser.post(restore, HTTP_HX_REQUEST="true")
    assert "Tante Mies staat weer op de kaart." in messages_of(undone.content.decode())
    assert Member.objects.get(pk=member.pk).removed_at is None


def test_it_shows_the_message_of_a_change_in_the_side_panel(world, login):
    """At 768 px the side panel is below the map and the measures: a message at the top of the workspace
    was out of sight of the form that was just sent."""
    response = login(world.worker).post(
        url("member_add", world.client_a),
        {"name": "Oom Piet", "relation": "other_family", "circle": "2"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    panel = body[body.index('id="member-panel"') :]
    assert "Oom Piet staat nu op de kaart." in messages_of(panel)


def test_the_summary_counts_a_colleague_as_no_professional_as_the_measures_page_says(world, login):
    """The summary on the map said 'familie, vriend, buur of kennis'; the share counts colleagues too (only
    care professionals and the GP are professionals), as the measures page explains."""
    make_member(world.client_a, name="Collega Sem", relation="colleague")
    make_member(world.client_a, name="Huisarts", relation="gp")
    body = login(world.worker).get(url("map", world.client_a)).content.decode()
    informal = re.search(r'data-measure="informal_share">(.*?)</div>', body, re.S).group(1)
    assert "50%" in informal
    assert "familie, vriend, buur, kennis of collega" in informal


def test_a_few_links_in_a_large_network_do_not_read_as_none(world, login):
    """50 pairs who know each other among 150 people made 'Kennen elkaar 0%', as if nobody knew anyone."""
    from tests.network.factories import make_link

    members = [make_member(world.client_a, name=f"Naaste {n}") for n in range(150)]
    for a, b in zip(members[::3], members[1::3], strict=False):
        make_link(a, b)
    body = login(world.worker).get(url("map", world.client_a)).content.decode()
    density = re.search(r'data-measure="density">(.*?)</div>', body, re.S).group(1)
    assert '<span class="measures__value">&lt; 1%</span>' in density


def test_a_long_list_of_links_is_folded_away_like_the_member_table(world, login):
    from tests.network.factories import make_link

    members = [make_member(world.client_a, name=f"Naaste {n}") for n in range(90)]
    for a, b in zip(members[::2], members[1::2], strict=True):
        make_link(a, b)
    body = login(world.worker).get(url("map", world.client_a)).content.decode()
    folded = re.search(
        r'<details class="details" id="links-details">\s*<summary>(.*?)</summary>(.*?)</details>', body, re.S
    )
    assert folded, "the 45 links are not folded away"
    assert folded.group(1) == "Toon alle 45 verbindingen"
    assert folded.group(2).count("kennen elkaar") == 45


def test_a_short_list_of_links_stays_open(world, login):
    from tests.network.factories import make_link

    make_link(make_member(world.client_a, name="Mama"), make_member(world.client_a, name="Papa"))
    body = login(world.worker).get(url("map", world.client_a)).content.decode()
    assert "Mama – Papa: kennen elkaar" in body
    assert 'id="links-details"' not in body
