"""The consent page through the views: the state in plain words, recording a decision, bad input,
withdrawal in one step, the history, access, log rows and query counts."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.clients.models import Consent
from tests.network.factories import make_member


def url(name, client):
    return reverse(f"consent:{name}", args=[client.pk])


def body(response) -> str:
    return response.content.decode()


def events_logged() -> list[str]:
    return list(AccessLog.objects.order_by("pk").values_list("event", flat=True))


def decide(client, by, decision="given", *, purpose="meeting_summary", member=None, day=None, until=None, note=""):
    return Consent.objects.create(
        client=client,
        purpose=purpose,
        member=member,
        decision=decision,
        decided_on=day or timezone.localdate(),
        valid_until=until,
        note=note,
        recorded_by=by,
    )


def form(**changes):
    data = {
        "purpose": "meeting_summary",
        "decision": "given",
        "method": "verbal",
        "decided_on": timezone.localdate().isoformat(),
        "valid_until": "",
        "note": "",
        "member": "",
    }
    data.update(changes)
    return data


def row_of(response, *, purpose=None, member=None) -> str:
    """The table row of one purpose or one member on the page, as HTML."""
    page = body(response)
    marker = f'data-consent-purpose="{purpose}"' if purpose else f'data-member-id="{member.pk}"'
    start = page.index(marker, page.index('id="consent-now"' if purpose else 'id="consent-contacts"'))
    return page[start : page.index("</tr>", start)]


# --- the page --------------------------------------------------------------------------------------------


def test_it_shows_not_asked_yet_for_every_purpose_and_member_when_nothing_was_decided(world, login):
    make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    response = login(world.worker).get(url("page", world.client_a))
    assert response.status_code == 200
    for purpose in ("transfer", "meeting_summary", "research"):
        assert "Nog niet gevraagd (dus nee)" in row_of(response, purpose=purpose)
    assert "Moeder Fatiha" in body(response)
    assert "Er is nog niets vastgelegd." in body(response)
    assert events_logged() == ["clients.consent.view"]


def test_it_says_each_state_in_plain_words(world, login):
    today = timezone.localdate()
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    brother = make_member(world.client_a, name="Broer Youssef", relation="brother")
    sandra = make_member(world.client_a, name="Sandra", relation="ex_partner")
    decide(world.client_a, world.worker, purpose="meeting_summary", until=date(2099, 3, 1))
    decide(world.client_a, world.worker, "refused", purpose="research")
    decide(world.client_a, world.worker, purpose="transfer", day=today - timedelta(days=90), until=today - timedelta(1))
    decide(world.client_a, world.worker, purpose="contact_member", member=mother)
    decide(world.client_a, world.worker, purpose="contact_member", member=brother, day=today - timedelta(days=5))
    decide(world.client_a, world.worker, "withdrawn", purpose="contact_member", member=brother)
    response = login(world.worker).get(url("page", world.client_a))
    assert "Ja, tot en met 1 maart 2099" in row_of(response, purpose="meeting_summary")
    assert "Nee: de cliënt wil dit niet" in row_of(response, purpose="research")
    assert "Nee: de toestemming liep tot en met" in row_of(response, purpose="transfer")
    assert ">Ja<" in row_of(response, member=mother)
    assert "Nee: ingetrokken op" in row_of(response, member=brother)
    assert "Nog niet gevraagd" in row_of(response, member=sandra)


def test_only_consent_that_holds_today_can_be_withdrawn_from_the_page(world, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    decide(world.client_a, world.worker, purpose="meeting_summary")
    decide(world.client_a, world.worker, purpose="contact_member", member=mother)
    response = login(world.worker).get(url("page", world.client_a))
    assert "Intrekken" in row_of(response, purpose="meeting_summary")
    assert "Intrekken" in row_of(response, member=mother)
    assert "Intrekken" not in row_of(response, purpose="research")


def test_it_lists_every_decision_per_purpose_newest_first_with_who_recorded_it(world, login):
    first = decide(world.client_a, world.colleague, day=date(2026, 1, 5), note="Mondeling op kantoor")
    second = decide(world.client_a, world.worker, "withdrawn", day=date(2026, 2, 9))
    response = login(world.worker).get(url("page", world.client_a))
    page = body(response)
    history = page[page.index('id="history-heading"') :]
    assert history.index(f'data-consent-id="{second.pk}"') < history.index(f'data-consent-id="{first.pk}"')
    assert "Mondeling op kantoor" in history
    assert "Cora Collega" in history and "Wim Werker" in history
    assert "9 februari 2026" in history


def test_it_escapes_what_people_typed(world, login):
    member = make_member(world.client_a, name="<b>Oom</b>")
    decide(world.client_a, world.worker, purpose="contact_member", member=member, note="<script>x()</script>")
    page = body(login(world.worker).get(url("page", world.client_a)))
    assert "<script>x()" not in page and "<b>Oom</b>" not in page


# --- recording a decision ---------------------------------------------------------------------------------


def test_it_records_a_decision_with_its_audit_row(world, login):
    browser = login(world.worker)
    response = browser.post(
        url("add", world.client_a),
        form(purpose="research", decision="given", method="signed", valid_until="2099-12-31", note="Formulier in map"),
    )
    assert response.status_code == 302
    assert response["Location"] == url("page", world.client_a)
    row = Consent.objects.get()
    assert (row.purpose, row.decision, row.method, row.valid_until) == (
        "research",
        "given",
        "signed",
        date(2099, 12, 31),
    )
    assert (row.recorded_by, row.note, row.member) == (world.worker, "Formulier in map", None)
    log = AccessLog.objects.get(event="clients.consent.create")
    assert (log.client_id, log.object_id, log.user_id) == (world.client_a.pk, str(row.pk), world.worker.pk)
    assert "Het besluit is opgeslagen." in body(browser.get(url("page", world.client_a)))


def test_it_records_contact_with_one_member(world, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    response = login(world.worker).post(url("add", world.client_a), form(purpose="contact_member", member=mother.pk))
    assert response.status_code == 302
    assert Consent.objects.get().member == mother


def test_a_new_decision_is_a_new_row_and_the_old_one_stays(world, login):
    old = decide(world.client_a, world.worker, "refused", day=date(2026, 1, 5))
    login(world.worker).post(url("add", world.client_a), form(decision="given"))
    old.refresh_from_db()
    assert old.decision == "refused"
    assert Consent.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"purpose": "contact_member"}, "member", "Kies met wie de cliënt wel of geen contact wil."),
        (
            {"purpose": "research", "member": "MEMBER"},
            "member",
            "Een naaste hoort alleen bij ‘contact opnemen met een naaste’. Laat dit leeg.",
        ),
        ({"purpose": "contact_member", "member": "OTHER"}, "member", "Kies iemand uit het netwerk van deze cliënt."),
        ({"purpose": "contact_member", "member": "REMOVED"}, "member", "Kies iemand uit het netwerk van deze cliënt."),
        ({"purpose": "contact_member", "member": "99999999999999999999"}, "member", "Kies iemand uit het netwerk"),
        ({"purpose": "contact_member", "member": "abc"}, "member", "Kies iemand uit het netwerk van deze cliënt."),
        ({"decided_on": "FUTURE"}, "decided_on", "Deze datum ligt in de toekomst."),
        ({"decided_on": ""}, "decided_on", "Vul de datum in."),
        ({"decided_on": "31-02-2026"}, "decided_on", "Vul een geldige datum in."),
        ({"decided_on": "2026-03-10", "valid_until": "2026-03-09"}, "valid_until", "De einddatum ligt vóór"),
        ({"decision": "refused", "valid_until": "2099-01-01"}, "valid_until", "Een einddatum hoort alleen bij"),
        ({"purpose": ""}, "purpose", "Kies waarover de cliënt besliste."),
        ({"decision": "maybe"}, "decision", "Kies wat de cliënt besliste."),
        ({"method": "telepathy"}, "method", "Kies hoe de cliënt het liet weten."),
        ({"note": "x" * 2001}, "note", "Houd het kort: hoogstens 2000 tekens."),
    ],
)
def test_bad_input_gets_a_dutch_message_by_the_field_and_nothing_is_saved(world, login, changes, field, message):
    mine = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    removed = make_member(world.client_a, name="Weg", removed_at=timezone.now())
    theirs = make_member(world.client_b, name="Van Bas")
    ids = {"MEMBER": mine.pk, "OTHER": theirs.pk, "REMOVED": removed.pk}
    changes = {k: ids.get(v, v) for k, v in changes.items()}
    if changes.get("decided_on") == "FUTURE":
        changes["decided_on"] = (timezone.localdate() + timedelta(days=1)).isoformat()
    changes.setdefault("note", "Wat ik typte blijft staan")
    response = login(world.worker).post(url("add", world.client_a), form(**changes))
    assert response.status_code == 422
    page = body(response)
    field_html = page[page.index(f'id="field-id_{field}"') :]
    field_html = field_html[: field_html.index("</div>")]
    assert message in field_html
    assert not Consent.objects.exists()
    assert events_logged() == ["clients.consent.view"]
    if len(changes["note"]) < 100:
        assert "Wat ik typte blijft staan" in page


def test_a_decision_recorded_meanwhile_is_not_overruled_unseen(world, login):
    """Someone withdrew while this form was open: giving consent again must be a conscious second step."""
    given = decide(world.client_a, world.worker, day=date(2026, 1, 5))
    browser = login(world.colleague)
    decide(world.client_a, world.worker, "withdrawn")
    response = browser.post(url("add", world.client_a), form(decision="given", seen_up_to=given.pk))
    assert response.status_code == 409
    assert "Iemand anders heeft net een besluit over hetzelfde vastgelegd (toestemming ingetrokken)" in body(response)
    assert Consent.objects.count() == 2
    # The form now knows the newest decision: saving again is the colleague's conscious choice.
    fresh = int(body(response).split('name="seen_up_to" value="')[1].split('"')[0])
    assert browser.post(url("add", world.client_a), form(decision="given", seen_up_to=fresh)).status_code == 302
    assert Consent.objects.count() == 3


def test_a_decision_about_something_else_does_not_block(world, login):
    seen = decide(world.client_a, world.worker, purpose="research")
    decide(world.client_a, world.worker, purpose="transfer")
    response = login(world.worker).post(url("add", world.client_a), form(purpose="research", seen_up_to=seen.pk))
    assert response.status_code == 302


def test_a_backdated_decision_says_that_a_later_one_counts(world, login):
    decide(world.client_a, world.worker, "withdrawn", day=date(2026, 3, 1))
    browser = login(world.worker)
    browser.post(url("add", world.client_a), form(decided_on="2026-01-10"))
    assert "er is een later besluit over hetzelfde; dat besluit telt" in body(browser.get(url("page", world.client_a)))


def test_the_form_can_start_at_contact_with_one_member(world, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    page = body(login(world.worker).get(url("add", world.client_a) + f"?naaste={mother.pk}"))
    assert re.search(r'<input type="radio" name="purpose" value="contact_member"[^>]* checked>', page)
    assert f'<option value="{mother.pk}" selected>' in page


# --- withdrawal ---------------------------------------------------------------------------------------------


def test_it_withdraws_in_one_step_dated_today_and_logs_it(world, login):
    decide(world.client_a, world.worker, day=date(2026, 1, 5))
    browser = login(world.worker)
    response = browser.post(url("withdraw", world.client_a), {"purpose": "meeting_summary"})
    assert response.status_code == 302
    latest = Consent.objects.order_by("-pk").first()
    assert (latest.decision, latest.decided_on, latest.recorded_by) == ("withdrawn", timezone.localdate(), world.worker)
    assert events_logged() == ["clients.consent.create"]
    page = browser.get(url("page", world.client_a))
    assert "De toestemming is ingetrokken" in body(page)
    assert "Nee: ingetrokken op" in row_of(page, purpose="meeting_summary")


def test_it_withdraws_contact_with_one_member_only(world, login):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    brother = make_member(world.client_a, name="Broer Youssef", relation="brother")
    decide(world.client_a, world.worker, purpose="contact_member", member=mother, day=date(2026, 1, 5))
    decide(world.client_a, world.worker, purpose="contact_member", member=brother, day=date(2026, 1, 5))
    browser = login(world.worker)
    browser.post(url("withdraw", world.client_a), {"purpose": "contact_member", "member": mother.pk})
    page = browser.get(url("page", world.client_a))
    assert "Nee: ingetrokken op" in row_of(page, member=mother)
    assert ">Ja<" in row_of(page, member=brother)


def test_withdrawing_what_is_no_longer_given_writes_nothing(world, login):
    decide(world.client_a, world.worker, "refused")
    browser = login(world.worker)
    response = browser.post(url("withdraw", world.client_a), {"purpose": "meeting_summary"}, follow=True)
    assert "Er was geen geldige toestemming meer om in te trekken." in body(response)
    assert Consent.objects.count() == 1


def test_a_withdrawal_for_a_member_of_another_client_is_404(world, login):
    theirs = make_member(world.client_b, name="Van Bas")
    decide(world.client_b, world.worker, purpose="contact_member", member=theirs)
    response = login(world.worker).post(
        url("withdraw", world.client_a), {"purpose": "contact_member", "member": theirs.pk}
    )
    assert response.status_code == 404
    assert Consent.objects.count() == 1


def test_withdraw_is_post_only(world, login):
    assert login(world.worker).get(url("withdraw", world.client_a)).status_code == 404


# --- access -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_every_consent_view_answers_404_to_someone_from_another_team(world, login, outsider):
    mother = make_member(world.client_a, name="Moeder Fatiha", relation="mother")
    decide(world.client_a, world.worker, purpose="contact_member", member=mother)
    browser = login(getattr(world, outsider))
    for name in ("page", "add", "withdraw"):
        assert browser.get(url(name, world.client_a)).status_code == 404, name
        assert (
            browser.post(url(name, world.client_a), form(purpose="contact_member", member=mother.pk)).status_code == 404
        )
    assert (
        browser.post(url("withdraw", world.client_a), {"purpose": "contact_member", "member": mother.pk}).status_code
        == 404
    )
    assert Consent.objects.count() == 1
    assert not AccessLog.objects.exists()


def test_colleagues_the_team_lead_and_the_admin_may_record(world, login):
    for user in (world.colleague, world.team_lead, world.org_admin):
        assert login(user).post(url("add", world.client_a), form()).status_code == 302
    assert Consent.objects.count() == 3


def test_anonymous_visitors_go_to_the_login_page(world, client):
    for name in ("page", "add", "withdraw"):
        assert client.get(url(name, world.client_a)).status_code == 302


# --- query counts -------------------------------------------------------------------------------------------


def _fill(client, by, count):
    members = [make_member(client, name=f"Naaste {i:02}") for i in range(count)]
    for i, member in enumerate(members):
        decide(client, by, ("given", "refused", "withdrawn")[i % 3], purpose="contact_member", member=member)
    for purpose in ("transfer", "meeting_summary", "research"):
        decide(client, by, purpose=purpose)


def test_the_query_count_does_not_grow_with_members_and_decisions(world, login, django_assert_max_num_queries):
    _fill(world.client_a, world.worker, 2)
    browser = login(world.worker)
    browser.get(url("page", world.client_a))
    with django_assert_max_num_queries(20) as small:
        assert browser.get(url("page", world.client_a)).status_code == 200
    _fill(world.client_a, world.worker, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = browser.get(url("page", world.client_a))
    assert body(response).count("data-member-id=") == 32
