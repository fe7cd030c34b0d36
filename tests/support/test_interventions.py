"""Recording an intervention: the quick form, edit with optimistic locking, soft removal, bad input, access."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.support.catalogue import elements_for, modes_for
from kring.support.models import Element, Intervention, InterventionMode
from tests.factories import make_client
from tests.network.factories import make_member


def add_url(client):
    return reverse("interventions:intervention_add", args=[client.pk])


def edit_url(record):
    return reverse("interventions:intervention_edit", args=[record.client_id, record.pk])


def remove_url(record):
    return reverse("interventions:intervention_remove", args=[record.client_id, record.pk])


def work_url(client):
    return reverse("work:timeline", args=[client.pk])


def element(org, key):
    elements_for(org)
    return Element.objects.get(organisation=org, key=key)


def mode(org, key):
    modes_for(org)
    return InterventionMode.objects.get(organisation=org, key=key)


def form_data(org, *, elements=("enlarge",), mode_key="phone", members=(), **changes):
    data = {
        "date": timezone.localdate().isoformat(),
        "elements": [element(org, key).pk for key in elements],
        "mode": mode(org, mode_key).pk if mode_key else "",
        "members": [m.pk for m in members],
        "note": "Samen met Anna haar broer gebeld.",
        "outcome": "went_well",
    }
    data.update(changes)
    return data


def make_intervention(world, *, members=(), elements=("enlarge",), mode_key="phone", day=None, **fields):
    record = Intervention.objects.create(
        client=world.client_a,
        created_by=world.worker,
        date=day or date(2026, 1, 5),
        mode=mode(world.org, mode_key),
        **fields,
    )
    record.elements.set([element(world.org, key) for key in elements])
    record.members.set(members)
    return record


def events(**filters):
    return list(AccessLog.objects.filter(**filters).order_by("pk").values_list("event", flat=True))


# --- the add page ----------------------------------------------------------------------------------------


def test_it_offers_the_elements_forms_and_the_clients_members_as_chips(world, login):
    make_member(world.client_a, name="Mama", relation="mother")
    make_member(world.client_a, name="Sandra", relation="ex_partner", status="limited", limit_reason="unsafe")
    make_member(world.client_b, name="Iemand van Bas")
    response = login(world.worker).get(add_url(world.client_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="chip"') + body.count('class="chip chip--limited"') == 8 + 8 + 2 + 4
    assert "Netwerk vergroten" in body and "Huisbezoek" in body and "Ging goed" in body
    assert "Iemand van Bas" not in body
    # The limited person is marked in words, not only by a colour.
    assert 'class="chip chip--limited"' in body
    assert 'Sandra <span class="chip__mark">begrensd</span>' in body
    assert f'value="{timezone.localdate().isoformat()}"' in body  # the date is today unless changed
    # Mama was never asked about: her chip says so, and showing that warning is logged like any other.
    assert 'Mama <span class="chip__mark chip__mark--consent">geen toestemming</span>' in body
    assert events(client=world.client_a) == ["support.intervention.view", "clients.consent.view"]


def test_it_records_an_intervention_and_goes_to_the_work_page(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    browser = login(world.worker)
    response = browser.post(
        add_url(world.client_a), form_data(world.org, elements=("enlarge", "restore"), members=[mama])
    )
    assert response.status_code == 302
    assert response["Location"] == work_url(world.client_a)
    record = Intervention.objects.get()
    assert record.date == timezone.localdate()
    assert sorted(e.key for e in record.elements.all()) == ["enlarge", "restore"]
    assert record.mode.key == "phone"
    assert list(record.members.all()) == [mama]
    assert (record.note, record.outcome, record.created_by, record.version) == (
        "Samen met Anna haar broer gebeld.",
        "went_well",
        world.worker,
        1,
    )
    assert events(client=world.client_a) == ["support.intervention.create"]
    # One history row for the whole record, with its elements and members.
    [history] = record.history.all()
    assert history.history_type == "+" and history.history_user == world.worker
    assert sorted(e.element.key for e in history.elements.all()) == ["enlarge", "restore"]
    assert [m.member for m in history.members.all()] == [mama]
    follow = browser.get(response["Location"])
    assert "De interventie is vastgelegd." in follow.content.decode()


def test_it_records_without_members_note_or_outcome(world, login):
    response = login(world.worker).post(add_url(world.client_a), form_data(world.org, note="", outcome=""))
    assert response.status_code == 302
    record = Intervention.objects.get()
    assert (record.note, record.outcome, list(record.members.all())) == ("", "", [])


# --- bad input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"elements": []}, "elements", "Kies minstens één werkzaam element."),
        ({"mode": ""}, "mode", "Kies hoe het contact ging"),
        ({"date": ""}, "date", "Vul de datum in."),
        ({"date": "31-02-2026"}, "date", "Vul een geldige datum in"),
        ({"outcome": "perfect"}, "outcome", "Kies een uitkomst uit de lijst."),
        ({"elements": ["abc"]}, "elements", "Kies werkzame elementen uit de lijst."),
        ({"note": "x" * 2001}, "note", "Houd de notitie korter"),
    ],
)
def test_it_explains_bad_input_by_the_field_and_keeps_the_rest(world, login, changes, field, message):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    data = {**form_data(world.org, members=[mama]), **changes}
    response = login(world.worker).post(add_url(world.client_a), data)
    assert response.status_code == 422
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert Intervention.objects.count() == 0
    body = response.content.decode()
    assert "Er ging iets mis." in body
    assert f'id="field-id_{field}"' in body and "field--invalid" in body
    # What was filled in stays: the note, the member tapped.
    if field != "note":
        assert "Samen met Anna haar broer gebeld." in body
    assert f'value="{mama.pk}" id="id_members_0" checked' in body


def test_it_refuses_a_date_in_the_future(world, login):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login(world.worker).post(add_url(world.client_a), form_data(world.org, date=tomorrow.isoformat()))
    assert response.status_code == 422
    assert response.context["form"].errors["date"] == [
        "Deze datum ligt in de toekomst. Vul de dag in waarop het gebeurde."
    ]
    assert Intervention.objects.count() == 0


def test_it_refuses_a_member_of_another_client_posted_by_hand(world, login):
    stranger = make_member(world.client_b, name="Iemand van Bas")
    response = login(world.worker).post(add_url(world.client_a), form_data(world.org, members=[stranger]))
    assert response.status_code == 422
    assert response.context["form"].errors["members"] == ["Kies mensen uit het netwerk van deze cliënt."]
    assert Intervention.objects.count() == 0


def test_it_refuses_a_member_who_left_the_network(world, login):
    gone = make_member(world.client_a, name="Oud-buurman", removed_at=timezone.now())
    response = login(world.worker).post(add_url(world.client_a), form_data(world.org, members=[gone]))
    assert response.context["form"].errors["members"] == ["Kies mensen uit het netwerk van deze cliënt."]
    assert Intervention.objects.count() == 0


def test_it_refuses_another_organisations_element_and_form_posted_by_hand(world, login):
    theirs = form_data(world.other_org)
    data = form_data(world.org, elements=(), mode_key="")
    data.update(elements=theirs["elements"], mode=theirs["mode"])
    response = login(world.worker).post(add_url(world.client_a), data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["elements"] == ["Kies werkzame elementen uit de lijst."]
    assert errors["mode"] == ["Kies een vorm uit de lijst."]
    assert Intervention.objects.count() == 0


def test_it_does_not_offer_a_switched_off_element_and_refuses_it_by_hand(world, login):
    Element.objects.filter(pk=element(world.org, "limit").pk).update(active=False)
    browser = login(world.worker)
    assert "Netwerk begrenzen" not in browser.get(add_url(world.client_a)).content.decode()
    response = browser.post(add_url(world.client_a), form_data(world.org, elements=("limit",)))
    assert response.context["form"].errors["elements"] == ["Kies werkzame elementen uit de lijst."]
    assert Intervention.objects.count() == 0


# --- edit ------------------------------------------------------------------------------------------------


def test_it_shows_a_record_in_its_edit_page_and_logs_the_read(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    record = make_intervention(world, members=[mama], note="Moeder gebeld", outcome="mixed")
    response = login(world.worker).get(edit_url(record))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Interventie wijzigen" in body and "Moeder gebeld" in body
    assert f'value="{mama.pk}" id="id_members_0" checked' in body
    assert "Vastgelegd door Wim Werker op 5" not in body  # created_at is today, not the date of the work
    assert "Vastgelegd door Wim Werker" in body
    assert events(client=world.client_a) == ["support.intervention.view", "clients.consent.view"]
    assert AccessLog.objects.get(client=world.client_a, event="support.intervention.view").object_id == str(record.pk)


def test_it_saves_an_edit(world, login):
    mama = make_member(world.client_a, name="Mama", relation="mother")
    record = make_intervention(world)
    data = form_data(
        world.org, elements=("awareness",), mode_key="home_visit", members=[mama], version=1, date="2026-02-01"
    )
    response = login(world.colleague).post(edit_url(record), data)
    assert response.status_code == 302
    assert response["Location"] == work_url(world.client_a)
    record.refresh_from_db()
    assert [e.key for e in record.elements.all()] == ["awareness"]
    assert (record.mode.key, record.date, record.version) == ("home_visit", date(2026, 2, 1), 2)
    assert list(record.members.all()) == [mama]
    assert record.created_by == world.worker  # who wrote it first stays
    assert events(client=world.client_a) == ["support.intervention.update"]
    assert record.history.first().history_user == world.colleague


def test_it_keeps_a_switched_off_element_and_form_on_an_old_record(world, login):
    record = make_intervention(world, elements=("limit",), mode_key="video")
    Element.objects.filter(pk=element(world.org, "limit").pk).update(active=False)
    InterventionMode.objects.filter(pk=mode(world.org, "video").pk).update(active=False)
    browser = login(world.worker)
    body = browser.get(edit_url(record)).content.decode()
    assert "Netwerk begrenzen" in body and "Videobellen" in body
    response = browser.post(edit_url(record), form_data(world.org, elements=("limit",), mode_key="video", version=1))
    assert response.status_code == 302
    record.refresh_from_db()
    assert [e.key for e in record.elements.all()] == ["limit"]


def test_it_keeps_a_member_who_left_the_network_on_an_old_record(world, login):
    gone = make_member(world.client_a, name="Oud-buurman")
    record = make_intervention(world, members=[gone])
    gone.removed_at = timezone.now()
    gone.save()
    browser = login(world.worker)
    assert "niet meer in het netwerk" in browser.get(edit_url(record)).content.decode()
    assert browser.post(edit_url(record), form_data(world.org, members=[gone], version=1)).status_code == 302
    assert list(record.members.all()) == [gone]


def test_it_refuses_an_edit_that_started_from_an_older_version(world, login):
    record = make_intervention(world, note="Eerste versie")
    Intervention.objects.filter(pk=record.pk).update(version=2, note="Door een collega gewijzigd")
    response = login(world.worker).post(edit_url(record), form_data(world.org, note="Mijn versie", version=1))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft dit net gewijzigd of verwijderd." in body
    assert "Door een collega gewijzigd" in body  # shows what is stored now
    record.refresh_from_db()
    assert (record.note, record.version) == ("Door een collega gewijzigd", 2)
    assert events(client=world.client_a) == ["clients.client.view"]  # what is stored now was shown; nothing written


def test_it_shows_bad_input_on_edit_without_saving(world, login):
    record = make_intervention(world, note="Eerste versie")
    response = login(world.worker).post(edit_url(record), form_data(world.org, elements=(), version=1))
    assert response.status_code == 422
    assert response.context["form"].errors["elements"] == ["Kies minstens één werkzaam element."]
    record.refresh_from_db()
    assert (record.note, record.version) == ("Eerste versie", 1)


# --- remove ----------------------------------------------------------------------------------------------


def test_it_removes_softly(world, login):
    record = make_intervention(world)
    browser = login(world.worker)
    response = browser.post(remove_url(record), {"version": 1})
    assert response.status_code == 302
    assert response["Location"] == work_url(world.client_a)
    record.refresh_from_db()
    assert record.removed_at is not None and record.version == 2
    assert Intervention.objects.current().count() == 0
    assert events(client=world.client_a) == ["support.intervention.delete"]
    assert browser.get(edit_url(record)).status_code == 404
    assert browser.post(remove_url(record), {"version": 2}).status_code == 404


def test_it_does_not_remove_what_changed_meanwhile(world, login):
    record = make_intervention(world, note="Eerste versie")
    Intervention.objects.filter(pk=record.pk).update(version=3)
    response = login(world.worker).post(remove_url(record), {"version": 1})
    assert response.status_code == 409
    record.refresh_from_db()
    assert record.removed_at is None


def test_the_remove_form_is_on_the_edit_page(world, login):
    record = make_intervention(world)
    body = login(world.worker).get(edit_url(record)).content.decode()
    assert f'action="{remove_url(record)}"' in body
    assert 'name="version" value="1"' in body


# --- who may ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_team_worker", "other_org_worker", "researcher"])
def test_it_answers_404_to_outsiders_on_every_view(world, login, who):
    record = make_intervention(world)
    browser = login(getattr(world, who))
    for url in (add_url(world.client_a), edit_url(record)):
        assert browser.get(url).status_code == 404
        assert browser.post(url, form_data(world.org, version=1)).status_code == 404
    assert browser.post(remove_url(record), {"version": 1}).status_code == 404
    assert browser.get(remove_url(record)).status_code == 404
    assert Intervention.objects.count() == 1
    record.refresh_from_db()
    assert (record.version, record.removed_at) == (1, None)
    assert AccessLog.objects.filter(client=world.client_a).count() == 0


def test_it_answers_404_for_a_record_through_another_clients_url(world, login):
    record = make_intervention(world)
    mine = make_client(team=world.team_a, given_name="Ander")
    url = reverse("interventions:intervention_edit", args=[mine.pk, record.pk])
    assert login(world.worker).get(url).status_code == 404


def test_the_team_lead_and_org_admin_may_record(world, login):
    for user in (world.team_lead, world.org_admin):
        assert login(user).post(add_url(world.client_a), form_data(world.org)).status_code == 302
    assert Intervention.objects.count() == 2


# --- query counts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 30])
def test_the_edit_page_uses_the_same_number_of_queries_for_2_and_30_members(
    world, login, count, django_assert_num_queries
):
    members = [make_member(world.client_a, name=f"Naaste {i}") for i in range(count)]
    record = make_intervention(world, members=members[: count // 2 or 1], elements=("enlarge", "restore"))
    browser = login(world.worker)
    browser.get(edit_url(record))
    with django_assert_num_queries(EDIT_PAGE_QUERIES):
        assert browser.get(edit_url(record)).status_code == 200


# Session, user, OTP device, memberships, client, record, the access-log row (organisation, insert), the
# ids on the record (elements, members), "defaults seeded?" (savepoint, 2 checks, release), the chips
# (elements, forms, members), the explanation list, who wrote it, and the session save.
EDIT_PAGE_QUERIES = 25  # with who may not be contacted: members, consents, the log row
