"""The load check through the views: record, edit with optimistic locking, remove (soft), bad input, the
history with its line, the overview per client, access (404 for everyone outside the team) and log rows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.support.models import LoadCheck
from tests.network.factories import make_member


def add_url(member):
    return reverse("load:add", args=[member.client_id, member.pk])


def history_url(member):
    return reverse("load:history", args=[member.client_id, member.pk])


def edit_url(check):
    return reverse("load:edit", args=[check.client_id, check.member_id, check.pk])


def remove_url(check):
    return reverse("load:remove", args=[check.client_id, check.member_id, check.pk])


def overview_url(client):
    return reverse("load:overview", args=[client.pk])


def form_data(**changes):
    data = {
        "date": timezone.localdate().isoformat(),
        "what_they_do": "Belt elke dag, laat hem op de bank slapen.",
        "heaviness": "8",
        "too_much": "Elke nacht gebeld worden.",
        "would_help": "Een vaste avond vrij.",
    }
    data.update(changes)
    return data


def make_check(member, *, heaviness=5, day=None, by=None, **fields):
    return LoadCheck.objects.create(
        client=member.client,
        member=member,
        created_by=by or member.client.key_workers.first(),
        date=day or date(2026, 1, 5),
        heaviness=heaviness,
        **fields,
    )


def events(**filters):
    return list(AccessLog.objects.filter(**filters).order_by("pk").values_list("event", flat=True))


@pytest.fixture
def mama(world):
    return make_member(world.client_a, name="Mama", relation="mother", circle=1)


# --- record ----------------------------------------------------------------------------------------------


def test_it_shows_the_form_with_today_and_a_0_to_10_scale(world, login, mama):
    response = login(world.worker).get(add_url(mama))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hoe zwaar is het voor Mama?" in body
    assert f'value="{timezone.localdate().isoformat()}"' in body
    assert body.count('type="radio" name="heaviness"') == 11
    assert [f'value="{n}"' in body for n in range(11)] == [True] * 11
    assert "checked" not in body  # nothing pre-chosen: the naaste chooses
    assert events(client=world.client_a) == ["support.load_check.view"]


def test_it_records_a_check_and_shows_it_in_the_history(world, login, mama):
    browser = login(world.worker)
    response = browser.post(add_url(mama), form_data())
    assert response.status_code == 302
    assert response["Location"] == history_url(mama)
    check = LoadCheck.objects.get()
    assert (check.client, check.member, check.created_by, check.version) == (world.client_a, mama, world.worker, 1)
    assert (check.date, check.heaviness) == (timezone.localdate(), 8)
    assert check.what_they_do == "Belt elke dag, laat hem op de bank slapen."
    assert (check.too_much, check.would_help) == ("Elke nacht gebeld worden.", "Een vaste avond vrij.")
    [row] = check.history.all()
    assert row.history_type == "+" and row.history_user == world.worker
    assert events(client=world.client_a) == ["support.load_check.create"]
    page = browser.get(response["Location"]).content.decode()
    assert "De check voor Mama is opgeslagen." in page
    assert "8 van 10" in page and "Zwaar" in page
    assert "Elke nacht gebeld worden." in page
    assert 'role="img"' in page and 'data-value="8"' in page


def test_it_records_with_only_a_date_and_a_number(world, login, mama):
    response = login(world.worker).post(
        add_url(mama), form_data(what_they_do="", too_much="", would_help="", heaviness="0")
    )
    assert response.status_code == 302
    assert LoadCheck.objects.get().heaviness == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"heaviness": "11"}, "heaviness", "Kies hoe zwaar het voelt: een getal van 0 tot 10."),
        ({"heaviness": "veel"}, "heaviness", "Kies hoe zwaar het voelt: een getal van 0 tot 10."),
        ({"heaviness": "-1"}, "heaviness", "Kies hoe zwaar het voelt: een getal van 0 tot 10."),
        ({"heaviness": ""}, "heaviness", "Kies hoe zwaar het voelt: een getal van 0 tot 10."),
        ({"date": ""}, "date", "Vul de datum in."),
        ({"date": "31-02-2026"}, "date", "Vul een geldige datum in"),
        (
            {"date": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "date",
            "Deze datum ligt in de toekomst.",
        ),
        ({"too_much": "x" * 2001}, "too_much", "Houd het korter: hoogstens 2000 tekens."),
    ],
)
def test_it_shows_bad_input_by_the_field_keeps_the_input_and_saves_nothing(world, login, mama, changes, field, message):
    response = login(world.worker).post(add_url(mama), form_data(**changes))
    assert response.status_code == 422
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert "Er ging iets mis." in body
    assert "Een vaste avond vrij." in body  # the rest of the input is kept
    assert not LoadCheck.objects.exists()
    # Nothing written (a form shown again may be logged as a reading of the client).
    assert [event for event in events(client=world.client_a) if event != "clients.client.view"] == []


def test_it_keeps_the_chosen_number_when_another_field_is_wrong(world, login, mama):
    body = login(world.worker).post(add_url(mama), form_data(date="", heaviness="4")).content.decode()
    assert 'value="4" id="id_heaviness_4" checked' in body


def test_it_answers_404_for_a_member_of_another_client(world, login):
    stranger = make_member(world.client_b, name="Iemand van Bas")
    other_org = make_member(world.other_org_client, name="Iemand van Olga")
    browser = login(world.worker)
    for member in (stranger, other_org):
        # The member's id under this worker's own client, and under the member's own client.
        own_client_url = reverse("load:add", args=[world.client_a.pk, member.pk])
        for url in (own_client_url, add_url(member), history_url(member)):
            assert browser.get(url).status_code == 404
        assert browser.post(own_client_url, form_data()).status_code == 404
    assert not LoadCheck.objects.exists()


def test_it_answers_404_for_a_member_who_left_the_network(world, login, mama):
    mama.removed_at = timezone.now()
    mama.save()
    browser = login(world.worker)
    assert browser.get(history_url(mama)).status_code == 404
    assert browser.post(add_url(mama), form_data()).status_code == 404


# --- edit and remove -------------------------------------------------------------------------------------


def test_it_edits_a_check_and_logs_it(world, login, mama):
    check = make_check(mama, heaviness=5, by=world.worker)
    browser = login(world.worker)
    form = browser.get(edit_url(check)).content.decode()
    assert 'value="5" id="id_heaviness_5" checked' in form
    assert 'name="version" value="1"' in form
    response = browser.post(edit_url(check), form_data(heaviness="3", version="1", date="2026-01-04"))
    assert response.status_code == 302
    check.refresh_from_db()
    assert (check.heaviness, check.date, check.version) == (3, date(2026, 1, 4), 2)
    assert [h.history_type for h in check.history.order_by("history_id")] == ["+", "~"]
    assert events(client=world.client_a) == ["support.load_check.view", "support.load_check.update"]


def test_it_refuses_an_edit_of_a_check_someone_changed_meanwhile(world, login, mama):
    check = make_check(mama, heaviness=5, by=world.worker)
    colleague, worker = login(world.colleague), login(world.worker)
    assert colleague.post(edit_url(check), form_data(heaviness="6", version="1")).status_code == 302
    response = worker.post(edit_url(check), form_data(heaviness="9", version="1"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft deze check net gewijzigd" in body
    assert 'value="6" id="id_heaviness_6" checked' in body  # what is stored now
    check.refresh_from_db()
    assert (check.heaviness, check.version) == (6, 2)


def test_it_edits_with_bad_input_and_changes_nothing(world, login, mama):
    check = make_check(mama, heaviness=5, by=world.worker)
    response = login(world.worker).post(edit_url(check), form_data(heaviness="11", version="1"))
    assert response.status_code == 422
    assert "Kies hoe zwaar het voelt" in response.content.decode()
    check.refresh_from_db()
    assert (check.heaviness, check.version) == (5, 1)


def test_it_removes_a_check_softly(world, login, mama):
    check = make_check(mama, heaviness=5, by=world.worker)
    browser = login(world.worker)
    response = browser.post(remove_url(check), {"version": "1"})
    assert response.status_code == 302 and response["Location"] == history_url(mama)
    check.refresh_from_db()
    assert check.removed_at is not None
    assert events(client=world.client_a) == ["support.load_check.delete"]
    page = browser.get(history_url(mama)).content.decode()
    assert "De check is verwijderd." in page
    assert f'data-check-id="{check.pk}"' not in page
    assert browser.get(edit_url(check)).status_code == 404


def test_it_refuses_to_remove_a_check_changed_meanwhile(world, login, mama):
    check = make_check(mama, heaviness=5, by=world.worker)
    LoadCheck.objects.filter(pk=check.pk).update(version=2)
    response = login(world.worker).post(remove_url(check), {"version": "1"})
    assert response.status_code == 409
    check.refresh_from_db()
    assert check.removed_at is None


def test_it_answers_404_for_a_check_of_another_member_or_client(world, login, mama):
    sister = make_member(world.client_a, name="Zus", relation="sister")
    bas_member = make_member(world.client_b, name="Iemand van Bas")
    check_of_sister = make_check(sister, by=world.worker)
    check_of_bas = make_check(bas_member, by=world.other_team_worker)
    browser = login(world.worker)
    for url in (
        reverse("load:edit", args=[world.client_a.pk, mama.pk, check_of_sister.pk]),
        reverse("load:edit", args=[world.client_a.pk, mama.pk, check_of_bas.pk]),
        reverse("load:remove", args=[world.client_a.pk, mama.pk, check_of_bas.pk]),
    ):
        assert browser.get(url).status_code == 404
        assert browser.post(url, form_data(version="1")).status_code == 404
    check_of_bas.refresh_from_db()
    assert (check_of_bas.heaviness, check_of_bas.removed_at) == (5, None)


# --- access: every view, every outsider ------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_it_answers_404_to_everyone_outside_the_team_on_every_view(world, login, mama, outsider):
    check = make_check(mama, by=world.worker)
    browser = login(getattr(world, outsider))
    urls = [overview_url(world.client_a), history_url(mama), add_url(mama), edit_url(check), remove_url(check)]
    for url in urls:
        assert browser.get(url).status_code == 404
        assert browser.post(url, form_data(version="1")).status_code == 404
    check.refresh_from_db()
    assert (check.heaviness, check.version, check.removed_at) == (5, 1, None)
    assert LoadCheck.objects.count() == 1
    assert events(client=world.client_a) == []


@pytest.mark.parametrize("insider", ["colleague", "team_lead", "org_admin"])
def test_it_lets_the_team_and_the_organisation_admin_in(world, login, mama, insider):
    browser = login(getattr(world, insider))
    assert browser.get(overview_url(world.client_a)).status_code == 200
    assert browser.post(add_url(mama), form_data()).status_code == 302


def test_it_answers_404_to_a_wrong_method(world, login, mama):
    check = make_check(mama, by=world.worker)
    browser = login(world.worker)
    assert browser.post(overview_url(world.client_a)).status_code == 404
    assert browser.post(history_url(mama)).status_code == 404
    assert browser.get(remove_url(check)).status_code == 404


# --- history ---------------------------------------------------------------------------------------------


def test_the_history_lists_checks_newest_first_with_a_line_oldest_to_newest(world, login, mama):
    for day, heaviness in [(date(2025, 11, 1), 4), (date(2026, 1, 10), 8), (date(2025, 12, 1), 6)]:
        make_check(mama, day=day, heaviness=heaviness, by=world.worker)
    body = login(world.worker).get(history_url(mama)).content.decode()
    listed = body[body.index('id="load-checks"') :]
    assert listed.index("10 januari 2026") < listed.index("1 december 2025") < listed.index("1 november 2025")
    wide = body[body.index('class="load-chart load-chart--wide"') :]
    wide = wide[: wide.index("</svg>")]
    assert [part.split('"')[0] for part in wide.split('data-value="')[1:]] == ["4", "6", "8"]
    assert "Hoe zwaar het voor Mama voelt, door de tijd" in body
    assert "3 keer gevraagd. Laatst op 10 januari 2026: 8 van 10." in body
    assert events(client=world.client_a) == ["support.load_check.view"]
    assert AccessLog.objects.get().object_type == "network.member"


def test_the_history_without_checks_invites_a_first_one(world, login, mama):
    body = login(world.worker).get(history_url(mama)).content.decode()
    assert "Er is nog niet gevraagd hoe zwaar het voor Mama is." in body
    assert add_url(mama) in body
    assert "<svg" not in body.split('id="main"')[1].split("site-footer")[0].replace('class="brand__mark"', "")


def test_the_history_escapes_what_was_typed(world, login, mama):
    make_check(mama, by=world.worker, too_much='<script>alert("x")</script>')
    mama.name = "<b>Mama</b>"
    mama.save()
    body = login(world.worker).get(history_url(mama)).content.decode()
    assert '<script>alert("x")</script>' not in body and "<b>Mama</b>" not in body
    assert "&lt;script&gt;" in body


# --- overview --------------------------------------------------------------------------------------------


def test_the_overview_shows_who_was_checked_when_and_who_never(world, login, mama):
    friend = make_member(world.client_a, name="Vriend Piet", relation="friend")
    make_member(world.client_a, name="Huisarts", relation="gp")  # a professional: not a naaste here
    gone = make_member(world.client_a, name="Weg", relation="friend", removed_at=timezone.now())
    make_check(mama, day=date(2026, 1, 5), heaviness=8, by=world.worker)
    make_check(mama, day=date(2025, 12, 5), heaviness=5, by=world.worker)
    make_check(gone, heaviness=9, by=world.worker)
    body = login(world.worker).get(overview_url(world.client_a)).content.decode()
    assert f'data-member-id="{mama.pk}"' in body and f'data-member-id="{friend.pk}"' in body
    assert "Huisarts" not in body and "Weg" not in body
    mama_row = body[body.index(f'data-member-id="{mama.pk}"') :].split("</tr>")[0]
    assert "5 januari 2026" in mama_row and "8 van 10" in mama_row and "Zwaar" in mama_row
    assert 'class="trend-spark"' in mama_row
    friend_row = body[body.index(f'data-member-id="{friend.pk}"') :].split("</tr>")[0]
    assert "Nog nooit" in friend_row and "Vraag het" in friend_row
    assert "Bij 1 naaste is het nog nooit gevraagd." in body
    # The signal of the heavy latest check is on the overview as well.
    assert 'data-signal="high_load"' in body
    assert events(client=world.client_a) == ["support.load_check.view"]
    assert AccessLog.objects.get().detail == "overview"


def test_the_overview_links_to_the_sheets_in_both_languages(world, login):
    body = login(world.worker).get(overview_url(world.client_a)).content.decode()
    assert f"{reverse('sheets:sheet')}?taal=nl" in body and f"{reverse('sheets:sheet')}?taal=en" in body
    assert "Er staan nog geen naasten in het netwerk." in body


# --- query counts ----------------------------------------------------------------------------------------


def _add_checks(world, members, n, start=0):
    for i in range(start, n):
        make_check(
            members[i % len(members)], day=date(2025, 1, 1) + timedelta(days=i), heaviness=i % 11, by=world.worker
        )


def _count(browser, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


def test_the_overview_takes_the_same_number_of_queries_for_2_or_30_checks(world, login, django_assert_max_num_queries):
    members = [make_member(world.client_a, name=f"Naaste {i}", relation="friend") for i in range(2)]
    browser = login(world.worker)
    url = overview_url(world.client_a)
    browser.get(url)  # the first request of a session writes it; later ones only touch it
    _add_checks(world, members, 2)
    few = _count(browser, url, django_assert_max_num_queries, 13)
    members += [make_member(world.client_a, name=f"Naaste {i}", relation="friend") for i in range(2, 10)]
    _add_checks(world, members, 30, start=2)
    many = _count(browser, url, django_assert_max_num_queries, 13)
    print(f"\noverview: {few} queries with 2 checks and 2 naasten, {many} with 30 checks and 10 naasten")
    assert few == many


def test_the_history_takes_the_same_number_of_queries_for_2_or_30_checks(world, login, django_assert_max_num_queries):
    member = make_member(world.client_a, name="Mama", relation="mother")
    browser = login(world.worker)
    url = history_url(member)
    browser.get(url)
    _add_checks(world, [member], 2)
    few = _count(browser, url, django_assert_max_num_queries, 12)
    _add_checks(world, [member], 30, start=2)
    many = _count(browser, url, django_assert_max_num_queries, 12)
    assert browser.get(url).content.decode().count('class="card load-check') == 30
    print(f"\nhistory: {few} queries with 2 checks, {many} with 30")
    assert few == many
