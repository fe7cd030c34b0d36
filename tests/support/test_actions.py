"""Actions (next steps) through the views: add, edit, close, remove, and what goes wrong."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.support.models import Action
from tests.network.factories import make_member
from tests.support.factories import make_action


def url(name, client, *args):
    return reverse(f"work:{name}", args=[client.pk, *args])


def form_data(**overrides):
    data = {"description": "Samen zus Fatima bellen", "owner": "client", "due_date": "", "note": ""}
    data.update(overrides)
    return data


def test_a_worker_adds_an_action_owned_by_a_member_with_the_members_it_is_about(world, login):
    sister = make_member(world.client_a, name="Fatima", relation="sister")
    browser = login(world.worker)
    due = timezone.localdate() + timedelta(days=5)
    response = browser.post(
        url("action_add", world.client_a),
        form_data(owner=f"member:{sister.pk}", due_date=due.isoformat(), members=[sister.pk]),
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.owner_kind, action.owner_member, action.due_date) == ("member", sister, due)
    assert list(action.members.all()) == [sister]
    assert AccessLog.objects.filter(event="support.action.create", client=world.client_a).count() == 1
    page = browser.get(url("timeline", world.client_a)).content.decode()
    assert "Samen zus Fatima bellen" in page
    assert "Door Fatima" in page


def test_the_form_offers_the_worker_first_then_colleagues_the_client_and_the_members(world, login):
    make_member(world.client_a, name="Oom Kees", relation="other_family")
    body = login(world.worker).get(url("action_add", world.client_a)).content.decode()
    assert body.index("Ik (Wim Werker)") < body.index("Cora Collega") < body.index("De cliënt zelf")
    assert body.index("De cliënt zelf") < body.index("Oom Kees")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"owner": ""}, "owner", "Kies wie dit gaat doen."),
        ({"description": ""}, "description", "Schrijf op wat er gaat gebeuren."),
        ({"due_date": "morgen"}, "due_date", "Vul een datum in"),
        ({"due_date": "2027-02-31"}, "due_date", "Vul een datum in"),
        (
            {"due_date": (timezone.localdate() + timedelta(days=3 * 365)).isoformat()},
            "due_date",
            "Deze datum ligt meer dan twee jaar vooruit. Kijk het jaartal na.",
        ),
    ],
)
def test_bad_input_gets_a_message_by_the_field_keeps_the_input_and_saves_nothing(
    world, login, overrides, field, message
):
    response = login(world.worker).post(url("action_add", world.client_a), form_data(**overrides))
    assert response.status_code == 422
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    assert message in body
    if overrides.get("description", None) != "":
        assert "Samen zus Fatima bellen" in body
    assert not Action.objects.exists()


def test_a_member_of_another_client_is_refused_as_owner_and_as_subject(world, login):
    stranger = make_member(world.client_b, name="Iemand van B")
    browser = login(world.worker)
    for data in (form_data(owner=f"member:{stranger.pk}"), form_data(members=[stranger.pk])):
        response = browser.post(url("action_add", world.client_a), data)
        assert response.status_code == 422
        assert "Iemand van B" not in response.content.decode()
    assert not Action.objects.exists()


def test_a_worker_of_another_team_cannot_be_made_owner(world, login):
    response = login(world.worker).post(
        url("action_add", world.client_a), form_data(owner=f"worker:{world.other_team_worker.pk}")
    )
    assert response.status_code == 422
    assert not Action.objects.exists()


def test_editing_keeps_the_version_and_refuses_a_stale_form(world, login):
    action = make_action(world.client_a, by=world.worker)
    browser = login(world.worker)
    page = browser.get(url("action_edit", world.client_a, action.pk))
    assert page.status_code == 200
    assert AccessLog.objects.filter(event="support.action.view", object_id=str(action.pk)).exists()
    ok = browser.post(url("action_edit", world.client_a, action.pk), form_data(description="Moeder bellen", version=1))
    assert ok.status_code == 302
    stale = browser.post(url("action_edit", world.client_a, action.pk), form_data(description="Oud", version=1))
    assert stale.status_code == 409
    assert "Iemand anders heeft dit net gewijzigd" in stale.content.decode()
    action.refresh_from_db()
    assert (action.description, action.version) == ("Moeder bellen", 2)


def test_closing_and_reopening_an_action(world, login):
    action = make_action(world.client_a, by=world.worker)
    browser = login(world.worker)
    response = browser.post(url("action_status", world.client_a, action.pk), {"status": "done", "version": 1})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.closed_at is not None
    detail = browser.get(url("timeline", world.client_a)).content.decode()
    assert "Er staan geen acties open." in detail
    browser.post(url("action_status", world.client_a, action.pk), {"status": "open", "version": 2})
    action.refresh_from_db()
    assert action.status == "open" and action.closed_at is None
    assert AccessLog.objects.filter(event="support.action.update").count() == 2


def test_an_unknown_status_changes_nothing(world, login):
    action = make_action(world.client_a, by=world.worker)
    login(world.worker).post(url("action_status", world.client_a, action.pk), {"status": "weg", "version": 1})
    action.refresh_from_db()
    assert (action.status, action.version) == ("open", 1)


def test_removing_an_action_takes_it_off_the_lists_but_keeps_its_history(world, login):
    action = make_action(world.client_a, by=world.worker)
    browser = login(world.worker)
    browser.post(url("action_remove", world.client_a, action.pk), {"version": 1})
    action.refresh_from_db()
    assert action.removed_at is not None
    assert action.history.count() == 2
    assert "Zus bellen" not in browser.get(url("timeline", world.client_a)).content.decode()
    assert browser.get(url("action_edit", world.client_a, action.pk)).status_code == 404


def test_after_closing_from_the_worklist_the_worker_returns_there(world, login):
    action = make_action(world.client_a, by=world.worker)
    response = login(world.worker).post(
        url("action_status", world.client_a, action.pk), {"status": "done", "version": 1, "next": "/acties/"}
    )
    assert response["Location"] == "/acties/"
    evil = login(world.worker).post(
        url("action_status", world.client_a, action.pk),
        {"status": "open", "version": 2, "next": "https://evil.example/"},
    )
    assert evil["Location"] == url("timeline", world.client_a)


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker"])
def test_outsiders_get_404_on_every_action_view(world, login, outsider):
    action = make_action(world.client_a, by=world.worker)
    browser = login(getattr(world, outsider))
    assert browser.get(url("action_add", world.client_a)).status_code == 404
    assert browser.get(url("action_edit", world.client_a, action.pk)).status_code == 404
    assert browser.post(url("action_status", world.client_a, action.pk), {"status": "done"}).status_code == 404
    assert browser.post(url("action_remove", world.client_a, action.pk)).status_code == 404
    action.refresh_from_db()
    assert (action.status, action.removed_at) == ("open", None)


def test_an_action_of_another_client_is_404_under_this_client(world, login):
    action = make_action(world.client_b, by=world.worker)
    assert login(world.worker).get(url("action_edit", world.client_a, action.pk)).status_code == 404


def test_an_action_with_a_member_without_consent_to_contact_saves_and_warns(world, login):
    from kring.audit.models import AccessLog as Log

    sister = make_member(world.client_a, name="Fatima", relation="sister")
    ex = make_member(world.client_a, name="Sandra", relation="ex_partner", status="limited", limit_reason="unsafe")
    browser = login(world.worker)
    response = browser.post(
        url("action_add", world.client_a), form_data(owner=f"member:{sister.pk}", members=[ex.pk]), follow=True
    )
    body = response.content.decode()
    assert Action.objects.count() == 1
    assert "nog geen toestemming gegeven om contact op te nemen met Fatima" in body
    assert "Sandra: Begrensd" in body
    assert Log.objects.filter(event="clients.consent.view", client=world.client_a).count() == 1
