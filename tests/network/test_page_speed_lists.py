"""The member table's rows and the link list, built in Python (kring.network.views), are the HTML the template
loops they replace gave: the loops are kept here as the reference and rendered with the same members."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.urls import reverse

from kring.network.models import Link
from kring.network.templatetags.network import member_rows
from tests.network.factories import make_link, make_member

# The loops as they were in network/_member_table.html and network/_links.html.
TABLE_ROWS = """{% load i18n %}
{% translate "noodcontact" as tag_emergency %}{% translate "overleden" as tag_deceased %}{% translate "Relatie" as label_relation %}{% translate "Cirkel" as label_circle %}{% translate "Sector" as label_sector %}{% translate "Contact" as label_contact %}{% translate "Steun" as label_support %}{% translate "Status" as label_status %}
  <tbody>
  {% for m in rows %}
    <tr data-member-id="{{ m.pk }}" class="{% if m.limited %}row--limited{% endif %}">
      <th scope="row">{% if m.href %}<a href="{{ m.href }}">{{ m.name }}</a>{% else %}{{ m.name }}{% endif %}{% if m.emergency_contact %} <span class="tag tag--emergency">{{ tag_emergency }}</span>{% endif %}{% if m.deceased %} <span class="tag">{{ tag_deceased }}</span>{% endif %}</th>
      <td data-label="{{ label_relation }}">{{ m.relation }}</td>
      <td data-label="{{ label_circle }}">{{ m.circle }}</td>
      <td data-label="{{ label_sector }}">{{ m.sector }}</td>
      <td data-label="{{ label_contact }}">{{ m.contact }}</td>
      <td data-label="{{ label_support }}">{{ m.support }}</td>
      <td data-label="{{ label_status }}">{{ m.status }}</td>
    </tr>
  {% endfor %}
  </tbody>"""  # noqa: E501

LINK_ITEMS = """{% load i18n %}{% translate "conflict tussen hen" as kind_conflict %}{% translate "kennen elkaar" as kind_knows %}{% translate "Verwijderen" as remove_label %}
<ul class="plain-list links-list">
  {% for a, b, kind, remove_url in links %}
  <li>{{ a.name }} – {{ b.name }}: {% if kind == "conflict" %}{{ kind_conflict }}{% else %}{{ kind_knows }}{% endif %}
    {% if editable %}<form method="post" action="{{ remove_url }}" class="inline-form" hx-post="{{ remove_url }}" hx-target="#workspace" hx-swap="outerHTML">{% csrf_token %}<button type="submit" class="button button--link">{{ remove_label }}<span class="visually-hidden"> {{ a.name }} – {{ b.name }}</span></button></form>{% endif %}
  </li>
  {% endfor %}
</ul>"""  # noqa: E501


def url(name, client, *args):
    return reverse(f"network:{name}", args=[client.pk, *args])


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _rows(members, client, *, editable: bool, pseudonyms: bool) -> list:
    """The table's rows as the template tag ``member_table_rows`` gave them to the loop."""
    href_base = url("member", client, 0)[: -len("0/")] if editable else ""
    in_order = sorted(members, key=lambda m: (m.name.lower(), m.pk))  # as Member.objects orders them
    return member_rows(in_order, href_base=href_base, pseudonyms=pseudonyms)


def _render(source: str, context: dict) -> str:
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', engines["django"].from_string(source).render(context))


def _part(body: str, start: str, end: str) -> str:
    begin = body.index(start)
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', body[begin : body.index(end, begin) + len(end)])


@pytest.fixture
def network(world):
    odd = make_member(
        world.client_a,
        name='Ome "Kees" <de Vries> & zn',
        relation="other_family",
        circle=1,
        emergency_contact=True,
        contact_frequency="weekly",
        support_received=["emotional", "practical"],
        support_given=["company"],
        pseudonym="Oom <K>",
    )
    gp = make_member(
        world.client_a, name="Dr. Jansen", relation="gp", circle=3, organisation_name="Praktijk 'De Linde'"
    )
    limited = make_member(world.client_a, name="Ex", relation="ex_partner", status="limited", limit_reason="unsafe")
    gone = make_member(world.client_a, name="Opa", relation="other_family", deceased=True, tie_quality="mixed")
    make_link(odd, gp)
    make_link(limited, gone, kind="conflict")
    make_link(odd, gone)
    return [odd, gp, limited, gone]


def test_it_builds_the_member_table_and_the_links_of_the_network_page_as_the_loops_did(world, login, network):
    body = login(world.worker).get(url("map", world.client_a)).content.decode()
    page = world.client_a
    rows = _render(TABLE_ROWS, {"rows": _rows(network, page, editable=True, pseudonyms=False)})
    assert _part(body, "<tbody>", "</tbody>") == rows[rows.index("<tbody>") :]
    by_id = {m.pk: m for m in network}
    links = [
        (
            by_id[link.member_a_id],
            by_id[link.member_b_id],
            link.kind,
            url("link_remove", page, link.pk),
        )
        for link in Link.objects.filter(client=page)
    ]
    items = _render(LINK_ITEMS, {"links": links, "editable": True, "csrf_token": "x"})
    assert _part(body, '<ul class="plain-list links-list">', "</ul>") == items[items.index("<ul") :]
    assert "Ome &quot;Kees&quot; &lt;de Vries&gt; &amp; zn" in body


@pytest.mark.parametrize("pseudonyms", [False, True])
def test_it_builds_the_printed_table_as_the_loop_did(world, login, network, pseudonyms):
    query = {"schuilnamen": "1"} if pseudonyms else {}
    body = login(world.worker).get(url("print", world.client_a), query).content.decode()
    rows = _render(TABLE_ROWS, {"rows": _rows(network, world.client_a, editable=False, pseudonyms=pseudonyms)})
    assert _part(body, "<tbody>", "</tbody>") == rows[rows.index("<tbody>") :]
