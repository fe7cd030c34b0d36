"""The organisation's own list of what-works elements and forms: list, add, edit, reorder, switch off; 404 for
everyone but the organisation's admin, and for another organisation's entries."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from kring.audit.models import AccessLog
from kring.support.catalogue import DEFAULT_ELEMENTS, DEFAULT_MODES, elements_for, ensure_catalogue, modes_for
from kring.support.models import Element, Intervention, InterventionMode
from tests.factories import make_user

LIST = reverse("catalogue:list")
ELEMENT_KEYS = [key for key, *_ in DEFAULT_ELEMENTS]
MODE_KEYS = [key for key, *_ in DEFAULT_MODES]


def url(name, entry):
    return reverse(f"catalogue:{name}", args=[entry.pk])


def keys(model, org):
    return list(model.objects.filter(organisation=org).order_by("order", "pk").values_list("key", flat=True))


def element(org, key):
    ensure_catalogue(org)
    return Element.objects.get(organisation=org, key=key)


def form_data(**changes):
    data = {
        "label_nl": "Samen koken",
        "description_nl": "Samen een maaltijd maken, met de cliënt en een naaste.",
        "label_en": "Cooking together",
        "description_en": "",
        "active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def logged(org):
    return list(AccessLog.objects.filter(organisation=org).order_by("pk").values_list("event", "client_id", "detail"))


def test_it_lists_the_default_elements_and_forms_in_order(world, login):
    response = login(world.org_admin).get(LIST)
    assert response.status_code == 200
    assert [e.key for e in response.context["elements"]] == ELEMENT_KEYS
    assert [m.key for m in response.context["modes"]] == MODE_KEYS
    body = response.content.decode()
    assert "Netwerk vergroten" in body and "Enlarging the network" in body and "Huisbezoek" in body


@pytest.mark.parametrize("extra", [0, 20])
def test_the_list_uses_the_same_number_of_queries_for_few_and_many(world, login, extra, django_assert_num_queries):
    ensure_catalogue(world.org)
    for i in range(extra):
        Element.objects.create(organisation=world.org, key=f"eigen_{i}", order=500 + i, labels={"nl": f"Eigen {i}"})
    browser = login(world.org_admin)
    browser.get(LIST)
    # session, user, OTP device, memberships, organisation, "seeded?" (savepoint, 2 checks, release),
    # elements with their use, forms with their use, and the session save (savepoint, update, release).
    with django_assert_num_queries(14):
        assert browser.get(LIST).status_code == 200


def test_it_shows_how_often_an_entry_is_used(world, login):
    enlarge = element(world.org, "enlarge")
    record = Intervention.objects.create(
        client=world.client_a, created_by=world.worker, date=date(2026, 1, 5), mode=modes_for(world.org)[0]
    )
    record.elements.set([enlarge])
    body = login(world.org_admin).get(LIST).content.decode()
    row = body[body.index(f'id="element-{enlarge.pk}"') :]
    assert "1 keer" in row[: row.index("</tr>")]


def test_it_adds_an_element_at_the_end_and_offers_it_to_workers(world, login):
    ensure_catalogue(world.org)
    browser = login(world.org_admin)
    response = browser.post(reverse("catalogue:element_new"), form_data())
    assert response.status_code == 302
    new = Element.objects.get(organisation=world.org, key="samen_koken")
    assert response["Location"] == f"{LIST}#element-{new.pk}"
    assert keys(Element, world.org) == [*ELEMENT_KEYS, "samen_koken"]
    assert new.labels == {"nl": "Samen koken", "en": "Cooking together"}
    assert new.descriptions == {"nl": "Samen een maaltijd maken, met de cliënt en een naaste."}
    assert logged(world.org) == [("support.element.create", None, "")]
    add_page = login(world.worker).get(reverse("interventions:intervention_add", args=[world.client_a.pk]))
    assert "Samen koken" in add_page.content.decode()


def test_it_adds_a_form_and_gives_a_second_one_with_the_same_name_its_own_key(world, login):
    browser = login(world.org_admin)
    browser.post(reverse("catalogue:mode_new"), form_data(label_nl="Samen wandelen", label_en=""))
    browser.post(reverse("catalogue:mode_new"), form_data(label_nl="Samen wandelen", label_en=""))
    assert keys(InterventionMode, world.org)[-2:] == ["samen_wandelen", "samen_wandelen_2"]
    assert [m.label for m in modes_for(world.org)][-1] == "Samen wandelen"


def test_the_first_own_entry_keeps_the_defaults(world, login):
    login(world.org_admin).post(reverse("catalogue:element_new"), form_data())
    assert keys(Element, world.org) == [*ELEMENT_KEYS, "samen_koken"]
    assert keys(InterventionMode, world.org) == MODE_KEYS


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"label_nl": ""}, "label_nl", "Vul de naam in het Nederlands in."),
        ({"label_nl": "   "}, "label_nl", "Vul de naam in het Nederlands in."),
        ({"label_nl": "x" * 81}, "label_nl", "Houd de naam kort: hoogstens 80 tekens (nu 81)."),
        ({"description_en": "x" * 301}, "description_en", "Houd de uitleg korter: hoogstens 300 tekens."),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(world, login, changes, field, message):
    ensure_catalogue(world.org)
    response = login(world.org_admin).post(reverse("catalogue:element_new"), form_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert keys(Element, world.org) == ELEMENT_KEYS
    assert "Cooking together" in response.content.decode()


def test_it_edits_the_wording_and_keeps_the_key(world, login):
    enlarge = element(world.org, "enlarge")
    browser = login(world.org_admin)
    assert browser.get(url("element_edit", enlarge)).context["form"]["label_en"].value() == "Enlarging the network"
    response = browser.post(
        url("element_edit", enlarge),
        form_data(label_nl="Nieuwe mensen leren kennen", label_en="", description_nl="Nieuw contact.", active="on"),
    )
    assert response.status_code == 302
    enlarge.refresh_from_db()
    assert enlarge.key == "enlarge"
    assert enlarge.labels == {"nl": "Nieuwe mensen leren kennen"}
    assert enlarge.label == "Nieuwe mensen leren kennen"
    assert enlarge.descriptions["nl"] == "Nieuw contact."
    assert logged(world.org) == [("support.element.update", None, "")]


def test_it_moves_an_entry_up_and_down(world, login):
    ensure_catalogue(world.org)
    browser = login(world.org_admin)
    assert browser.post(url("element_move_up", element(world.org, "awareness"))).status_code == 302
    assert keys(Element, world.org)[:3] == ["awareness", "basic_conditions", "enlarge"]
    browser.post(url("element_move_down", element(world.org, "awareness")))
    browser.post(url("element_move_up", element(world.org, "basic_conditions")))  # already first: nothing
    assert keys(Element, world.org) == ELEMENT_KEYS
    mode = InterventionMode.objects.get(organisation=world.org, key="other")
    browser.post(url("mode_move_down", mode))  # already last: nothing
    assert keys(InterventionMode, world.org) == MODE_KEYS
    assert [e for e, _client, _detail in logged(world.org)] == ["support.element.update"] * 2 + []


def test_it_switches_an_entry_off_and_on(world, login):
    limit = element(world.org, "limit")
    browser = login(world.org_admin)
    assert browser.post(url("element_switch_off", limit)).status_code == 302
    assert "limit" not in [e.key for e in elements_for(world.org)]
    assert "limit" in [e.key for e in elements_for(world.org, include_inactive=True)]
    body = browser.get(LIST).content.decode()
    assert 'data-key="limit" data-active="false"' in body
    browser.post(url("element_switch_off", limit))  # twice is harmless
    browser.post(url("element_switch_on", limit))
    assert "limit" in [e.key for e in elements_for(world.org)]
    assert logged(world.org) == [("support.element.update", None, "off"), ("support.element.update", None, "on")]


@pytest.mark.parametrize("who", ["worker", "team_lead", "researcher", "other_team_worker", "other_org_worker"])
def test_it_answers_404_to_everyone_but_the_admin(world, login, who):
    enlarge = element(world.org, "enlarge")
    browser = login(getattr(world, who))
    assert browser.get(LIST).status_code == 404
    assert browser.get(reverse("catalogue:element_new")).status_code == 404
    assert browser.post(reverse("catalogue:mode_new"), form_data()).status_code == 404
    for name in ("element_edit", "element_move_up", "element_move_down", "element_switch_on", "element_switch_off"):
        assert browser.post(url(name, enlarge), form_data(label_nl="Gekaapt")).status_code == 404
    assert browser.get(url("element_edit", enlarge)).status_code == 404
    enlarge.refresh_from_db()
    assert (enlarge.label, enlarge.active, enlarge.order) == ("Netwerk vergroten", True, 30)
    assert keys(Element, world.org) == ELEMENT_KEYS


def test_another_organisations_admin_gets_404_for_our_entries(world, login):
    other_admin = make_user(organisation=world.other_org, role="org_admin")
    ours = element(world.org, "enlarge")
    browser = login(other_admin)
    assert browser.get(LIST).status_code == 200  # their own list
    for name in ("element_edit", "element_move_up", "element_switch_off"):
        assert browser.post(url(name, ours), form_data(label_nl="Gekaapt")).status_code == 404
    mode = InterventionMode.objects.get(organisation=world.org, key="phone")
    assert browser.get(url("mode_edit", mode)).status_code == 404
    ours.refresh_from_db()
    assert (ours.label, ours.active) == ("Netwerk vergroten", True)


def test_the_kind_in_the_url_must_match_the_entry(world, login):
    """An element's id under /vormen/ is another table's id: it finds no mode of this organisation, or another."""
    ensure_catalogue(world.org)
    browser = login(world.org_admin)
    missing = max(InterventionMode.objects.values_list("pk", flat=True)) + 100
    assert browser.get(reverse("catalogue:mode_edit", args=[missing])).status_code == 404
