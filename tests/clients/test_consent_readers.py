"""Every reader of consent outside the consent page: the glance for the client overview and the contact
warnings (function and template tags). Each must follow a withdrawal at once, and log what it shows."""

from datetime import date, timedelta

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone

from kring import policy
from kring.audit.models import AccessLog
from kring.clients.consent import consent_glance, contact_warning, contact_warnings
from kring.clients.models import Consent
from tests.network.factories import make_member

LIMITED = "Begrensd: neem geen contact op zonder overleg met de cliënt."


def decide(client, by, decision="given", *, purpose="contact_member", member=None, day=None, until=None):
    return Consent.objects.create(
        client=client,
        purpose=purpose,
        member=member,
        decision=decision,
        decided_on=day or timezone.localdate() - timedelta(days=10),
        valid_until=until,
        recorded_by=by,
    )


def withdraw(client, by, **kwargs):
    return decide(client, by, "withdrawn", day=timezone.localdate(), **kwargs)


def render(source: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = engines["django"].from_string("{% load consent_tags %}" + source)
    return template.render({**context, "request": request}, request)


# --- contact_warning ---------------------------------------------------------------------------------------


def test_it_warns_before_contacting_someone_the_client_did_not_agree_to(world):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    assert contact_warning(mother) == (
        "De cliënt heeft nog geen toestemming gegeven om contact op te nemen met Moeder Fatiha. Vraag het eerst."
    )


def test_consent_to_contact_silences_the_warning_and_a_withdrawal_brings_it_back_at_once(world):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    decide(world.client_a, world.worker, member=mother)
    assert contact_warning(mother) is None
    withdraw(world.client_a, world.worker, member=mother)
    assert contact_warning(mother) == (
        "De cliënt heeft de toestemming om contact op te nemen met Moeder Fatiha ingetrokken."
    )


def test_a_refusal_and_a_lapsed_end_date_warn_in_their_own_words(world):
    brother = make_member(world.client_a, name="Broer Youssef", relation="brother")
    aunt = make_member(world.client_a, name="Tante Joke", relation="other_family")
    decide(world.client_a, world.worker, "refused", member=brother)
    decide(world.client_a, world.worker, member=aunt, until=timezone.localdate() - timedelta(days=1))
    assert contact_warning(brother) == "De cliënt wil niet dat er contact wordt opgenomen met Broer Youssef."
    assert contact_warning(aunt).startswith("De toestemming om contact op te nemen met Tante Joke is verlopen.")
    assert contact_warning(aunt, today=timezone.localdate() - timedelta(days=1)) is None


def test_a_limited_member_always_warns_even_with_consent(world):
    sandra = make_member(world.client_a, name="Sandra", relation="ex_partner", status="limited", limit_reason="unsafe")
    decide(world.client_a, world.worker, member=sandra)
    assert contact_warning(sandra) == LIMITED


def test_nobody_is_warned_about_someone_who_died(world):
    grandma = make_member(world.client_a, name="Oma", relation="other_family", deceased=True)
    assert contact_warning(grandma) is None


def test_consent_for_one_client_says_nothing_about_another(world):
    theirs = make_member(world.client_b, name="Van Bas")
    decide(world.client_a, world.worker, purpose="meeting_summary")
    assert contact_warning(theirs) is not None


def test_the_warnings_for_many_members_take_one_query(world, django_assert_num_queries):
    members = [make_member(world.client_a, name=f"Naaste {i:02}") for i in range(30)]
    for member in members[::2]:
        decide(world.client_a, world.worker, member=member)
    withdraw(world.client_a, world.worker, member=members[0])
    with django_assert_num_queries(1):
        warnings = contact_warnings(members)
    assert set(warnings) == {m.pk for m in members[1::2]} | {members[0].pk}
    assert warnings == {m.pk: contact_warning(m) for m in members if contact_warning(m)}


# --- the template tags --------------------------------------------------------------------------------------


def test_the_tag_shows_an_alert_and_logs_it_once_per_request(world):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    html = render("{% contact_warning member %}{% contact_warning member %}", world.worker, member=mother)
    assert html.count(f'data-contact-warning="{mother.pk}"') == 2
    assert "alert alert--warning" in html
    assert f"/clienten/{world.client_a.pk}/toestemming/" in html
    row = AccessLog.objects.get()
    assert (row.event, row.client_id, row.user_id) == ("clients.consent.view", world.client_a.pk, world.worker.pk)
    assert (row.detail, row.object_type, row.object_id) == (
        f"warning member {mother.pk}",
        "network.member",
        str(mother.pk),
    )


def test_the_tag_shows_and_logs_nothing_when_the_client_agreed(world):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    decide(world.client_a, world.worker, member=mother)
    assert render("{% contact_warning member %}", world.worker, member=mother).strip() == ""
    assert not AccessLog.objects.exists()


def test_the_tag_shows_the_withdrawal_on_the_next_page(world):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    decide(world.client_a, world.worker, member=mother)
    assert "data-contact-warning" not in render("{% contact_warning member %}", world.worker, member=mother)
    withdraw(world.client_a, world.worker, member=mother)
    assert "ingetrokken" in render("{% contact_warning member %}", world.worker, member=mother)


def test_the_list_tag_warns_per_member_with_one_log_row_for_the_page(world, django_assert_max_num_queries):
    sandra = make_member(world.client_a, name="Sandra", relation="ex_partner", status="limited", limit_reason="unsafe")
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    friend = make_member(world.client_a, name="Vriend Rob", relation="friend")
    decide(world.client_a, world.worker, member=friend)
    source = (
        "{% contact_warnings members as warnings %}"
        "{% for m in members %}<li>{{ m.name }}{% contact_warning m from=warnings %}</li>{% endfor %}"
    )
    policy.memberships(world.worker)  # a real request has them already, from loading the client
    with django_assert_max_num_queries(2):  # the consents, and one log row
        html = render(source, world.worker, members=[sandra, mother, friend], client=world.client_a)
    assert LIMITED in html
    assert f'data-contact-warning="{mother.pk}"' in html
    assert f'data-contact-warning="{friend.pk}"' not in html
    row = AccessLog.objects.get()
    assert row.detail == f"warning member {', '.join(str(pk) for pk in sorted([sandra.pk, mother.pk]))}"


def test_the_list_tag_takes_the_same_queries_for_2_and_30_members(world, django_assert_num_queries):
    members = [make_member(world.client_a, name=f"Naaste {i:02}") for i in range(30)]
    source = "{% contact_warnings members as w %}{% for m in members %}{% contact_warning m from=w %}{% endfor %}"
    policy.memberships(world.worker)  # a real request has them already, from loading the client
    for count in (2, 30):
        with django_assert_num_queries(2):
            html = render(source, world.worker, members=members[:count], client=world.client_a)
        assert html.count("data-contact-warning") == count


# --- the glance -------------------------------------------------------------------------------------------


def test_the_glance_has_every_purpose_and_every_current_member(world):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    make_member(world.client_a, name="Weg", removed_at=timezone.now())
    decide(world.client_a, world.worker, purpose="research", until=date(2099, 1, 1))
    decide(world.client_a, world.worker, member=mother)
    glance = consent_glance(world.client_a)
    assert [(r.purpose, r.state) for r in glance.purposes] == [
        ("transfer", "not_asked"),
        ("meeting_summary", "not_asked"),
        ("research", "given"),
    ]
    assert glance.purposes[2].sentence == "Ja, tot en met 1 januari 2099"
    assert [(r.member_name, r.state) for r in glance.contacts] == [("Moeder Fatiha", "given")]


def test_the_glance_follows_a_withdrawal_at_once(world):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    decide(world.client_a, world.worker, purpose="transfer")
    decide(world.client_a, world.worker, member=mother)
    withdraw(world.client_a, world.worker, purpose="transfer")
    withdraw(world.client_a, world.worker, member=mother)
    glance = consent_glance(world.client_a)
    assert glance.purposes[0].state == "withdrawn"
    assert glance.contacts[0].state == "withdrawn"
    assert glance.purposes[0].sentence.startswith("Nee: ingetrokken op")


@pytest.mark.parametrize("count", [2, 30])
def test_the_glance_takes_two_queries_whatever_the_size(world, count, django_assert_num_queries):
    members = [make_member(world.client_a, name=f"Naaste {i:02}") for i in range(count)]
    for member in members:
        decide(world.client_a, world.worker, member=member)
        withdraw(world.client_a, world.worker, member=member)
    with django_assert_num_queries(2):
        glance = consent_glance(world.client_a)
    assert len(glance.contacts) == count


def test_the_glance_include_groups_the_members_in_plain_words(world):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    brother = make_member(world.client_a, name="Broer Youssef", relation="brother")
    make_member(world.client_a, name="Henk", relation="neighbour")
    decide(world.client_a, world.worker, member=mother)
    decide(world.client_a, world.worker, "refused", member=brother)
    html = render(
        '{% include "clients/consent/_glance.html" %}',
        world.worker,
        client=world.client_a,
        consent_glance=consent_glance(world.client_a),
    )
    assert "<strong>Wel contact:</strong> Moeder Fatiha" in html
    assert "<strong>Geen contact:</strong> Broer Youssef" in html
    assert "<strong>Nog niet gevraagd:</strong> Henk" in html
    assert html.index("Wel contact:") < html.index("Geen contact:") < html.index("Nog niet gevraagd:")
    assert 'data-consent-purpose="research" data-consent-state="not_asked"' in html
    assert f"/clienten/{world.client_a.pk}/toestemming/" in html


# --- choosing people in a form: the chips say who may not be contacted -------------------------------------


@pytest.mark.parametrize("url_name", ["interventions:intervention_add", "meetings:add"])
def test_choosing_people_marks_who_the_client_did_not_agree_to_contact(world, login, url_name):
    from django.urls import reverse

    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    make_member(world.client_a, name="Broer Youssef", relation="brother")
    decide(world.client_a, world.worker, member=mother)
    html = login(world.worker).get(reverse(url_name, args=[world.client_a.pk])).content.decode()
    chips = {name: html.split(name, 1)[1].split("</label>", 1)[0] for name in ("Moeder Fatiha", "Broer Youssef")}
    assert "geen toestemming" not in chips["Moeder Fatiha"]
    assert "geen toestemming" in chips["Broer Youssef"]
    assert "Toestemming bekijken" in html
    assert AccessLog.objects.filter(user=world.worker, event="clients.consent.view", client=world.client_a).exists()
