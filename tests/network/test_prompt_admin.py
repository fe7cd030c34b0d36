"""The organisation admin's prompt cards: list, reorder, switch off, edit and add; 404 for everyone else."""

import pytest
from django.urls import reverse

from kring.accounts.models import Role
from kring.audit.models import AccessLog
from kring.network.models import Prompt, PromptEffect
from kring.network.prompts import DEFAULT_PROMPTS, ensure_prompts, prompts_for
from tests.factories import make_user

LIST = reverse("prompts:list")
NEW = reverse("prompts:new")


def cards(organisation):
    return list(Prompt.objects.filter(organisation=organisation).order_by("order", "pk"))


def keys(organisation):
    return [p.key for p in cards(organisation)]


def card(organisation, key):
    return Prompt.objects.get(organisation=organisation, key=key)


def url(name, prompt):
    return reverse(f"prompts:{name}", args=[prompt.pk])


def form_data(**changes):
    data = {"question_nl": "Met wie ga je weleens wandelen?", "question_en": "", "effect": "company", "active": "on"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


DEFAULT_KEYS = [key for key, *_ in DEFAULT_PROMPTS]


def test_it_lists_the_ten_default_cards_in_order(world, login):
    response = login(world.org_admin).get(LIST)
    assert response.status_code == 200
    assert [p.key for p in response.context["prompts"]] == DEFAULT_KEYS
    body = response.content.decode()
    assert body.count('data-prompt-key="') == 10
    assert "Als er iets met je gebeurt: op wie kunnen we dan terugvallen?" in body
    assert "If something happens to you: who can we fall back on?" in body
    assert "Noodcontact" in body
    assert body.index('data-prompt-key="fall_back"') < body.index('data-prompt-key="hard_time"')


@pytest.mark.parametrize("extra", [0, 10])
def test_it_uses_the_same_number_of_queries_for_10_and_20_cards(world, login, extra, django_assert_num_queries):
    ensure_prompts(world.org)
    for i in range(extra):
        Prompt.objects.create(organisation=world.org, key=f"extra_{i}", order=200 + i, texts={"nl": f"Vraag {i}?"})
    browser = login(world.org_admin)
    browser.get(LIST)
    # session, user, OTP device, memberships, organisation, "has cards?", the cards,
    # and the session save (savepoint, update, release).
    with django_assert_num_queries(10):
        assert browser.get(LIST).status_code == 200


def test_it_moves_a_card_up_and_down(world, login):
    ensure_prompts(world.org)
    browser = login(world.org_admin)
    response = browser.post(url("move_up", card(world.org, "weekend")))
    assert response.status_code == 302
    assert keys(world.org)[:3] == ["fall_back", "weekend", "whatsapp"]
    browser.post(url("move_down", card(world.org, "fall_back")))
    assert keys(world.org)[:3] == ["weekend", "fall_back", "whatsapp"]


def test_it_leaves_the_order_alone_when_moving_past_either_end(world, login):
    ensure_prompts(world.org)
    browser = login(world.org_admin)
    browser.post(url("move_up", card(world.org, "fall_back")))
    browser.post(url("move_down", card(world.org, "hard_time")))
    assert keys(world.org) == DEFAULT_KEYS


def test_it_switches_a_card_off_and_on_again(world, login):
    ensure_prompts(world.org)
    browser = login(world.org_admin)
    weekend = card(world.org, "weekend")
    assert browser.post(url("switch_off", weekend)).status_code == 302
    assert "weekend" not in [p.key for p in prompts_for(world.org)]
    assert 'data-prompt-key="weekend" data-active="false"' in browser.get(LIST).content.decode()
    browser.post(url("switch_on", weekend))
    assert "weekend" in [p.key for p in prompts_for(world.org)]


def test_it_edits_the_questions_and_the_effect(world, login):
    ensure_prompts(world.org)
    weekend = card(world.org, "weekend")
    browser = login(world.org_admin)
    form = browser.get(url("edit", weekend)).context["form"]
    assert form["question_en"].value() == "Who do you spend the weekend with?"
    response = browser.post(
        url("edit", weekend),
        form_data(
            question_nl="Met wie eet je op zondag?", question_en="Who do you eat with on Sundays?", effect="emotional"
        ),
    )
    assert response.status_code == 302
    weekend.refresh_from_db()
    assert weekend.texts == {"nl": "Met wie eet je op zondag?", "en": "Who do you eat with on Sundays?"}
    assert (weekend.effect, weekend.key, weekend.active) == (PromptEffect.EMOTIONAL, "weekend", True)


def test_it_shows_the_dutch_question_when_the_english_one_is_emptied(world, login):
    ensure_prompts(world.org)
    weekend = card(world.org, "weekend")
    login(world.org_admin).post(url("edit", weekend), form_data(question_nl="Met wie ben je op zaterdag?"))
    weekend.refresh_from_db()
    assert "en" not in weekend.texts
    assert weekend.text_in("en") == "Met wie ben je op zaterdag?"


def test_it_switches_a_card_off_from_the_edit_page(world, login):
    ensure_prompts(world.org)
    weekend = card(world.org, "weekend")
    login(world.org_admin).post(url("edit", weekend), form_data(active=None))
    weekend.refresh_from_db()
    assert weekend.active is False


def test_it_adds_a_card_at_the_end_with_a_key_made_from_the_dutch_question(world, login):
    browser = login(world.org_admin)
    response = browser.post(NEW, form_data(question_en="Who do you go for walks with?"))
    assert response.status_code == 302
    added = cards(world.org)
    assert [p.key for p in added] == [*DEFAULT_KEYS, "met_wie_ga_je_weleens_wandelen"]
    assert added[-1].texts == {"nl": "Met wie ga je weleens wandelen?", "en": "Who do you go for walks with?"}
    assert added[-1].effect == PromptEffect.COMPANY
    assert added[-1] in prompts_for(world.org)


def test_it_numbers_the_key_of_a_card_with_the_same_question(world, login):
    browser = login(world.org_admin)
    browser.post(NEW, form_data())
    browser.post(NEW, form_data(question_nl="Met wie ga je weleens wandelen!"))
    assert keys(world.org)[-2:] == ["met_wie_ga_je_weleens_wandelen", "met_wie_ga_je_weleens_wandelen_2"]


def test_it_keeps_a_long_key_within_its_length_even_with_a_number(world, login):
    browser = login(world.org_admin)
    question = "Wie " + "heel " * 30 + "lang?"
    browser.post(NEW, form_data(question_nl=question))
    browser.post(NEW, form_data(question_nl=question))
    first, second = keys(world.org)[-2:]
    assert len(first) <= 50 and len(second) <= 50
    assert second.endswith("_2") and second != first


def test_it_keys_a_card_of_another_organisation_on_its_own(world, login):
    other_admin = make_user(organisation=world.other_org, role=Role.ORG_ADMIN)
    login(other_admin).post(NEW, form_data())
    login(world.org_admin).post(NEW, form_data())
    assert keys(world.org)[-1] == keys(world.other_org)[-1] == "met_wie_ga_je_weleens_wandelen"


def test_it_explains_an_empty_dutch_question_by_the_field_and_saves_nothing(world, login):
    ensure_prompts(world.org)
    weekend = card(world.org, "weekend")
    browser = login(world.org_admin)
    before = [(p.pk, p.texts, p.effect, p.active) for p in cards(world.org)]

    response = browser.post(NEW, form_data(question_nl="   ", question_en="Who do you go for walks with?"))
    assert response.status_code == 200
    assert response.context["form"].errors["question_nl"] == ["Vul de vraag in het Nederlands in."]
    body = response.content.decode()
    assert 'id="id_question_nl_error"' in body
    assert 'value="Who do you go for walks with?"' in body

    response = browser.post(url("edit", weekend), form_data(question_nl="", effect="emotional", active=None))
    assert response.context["form"].errors["question_nl"] == ["Vul de vraag in het Nederlands in."]
    assert [(p.pk, p.texts, p.effect, p.active) for p in cards(world.org)] == before


def test_it_refuses_a_question_that_is_too_long(world, login):
    response = login(world.org_admin).post(NEW, form_data(question_nl="Wie " + "x" * 200 + "?"))
    assert "hoogstens 200 tekens" in response.context["form"].errors["question_nl"][0]
    assert not Prompt.objects.filter(organisation=world.org).exclude(key__in=DEFAULT_KEYS).exists()


def test_it_writes_no_access_log_rows(world, login):
    ensure_prompts(world.org)
    browser = login(world.org_admin)
    browser.get(LIST)
    browser.post(url("move_down", card(world.org, "weekend")))
    browser.post(url("edit", card(world.org, "weekend")), form_data())
    browser.post(NEW, form_data())
    assert not AccessLog.objects.exists()


def test_it_shows_org_admins_the_way_to_the_cards_through_the_settings(world, login):
    admin = login(world.org_admin)
    assert reverse("organisation:settings") in admin.get(reverse("accounts:profile")).content.decode()
    assert reverse("prompts:list") in admin.get(reverse("organisation:settings")).content.decode()
    assert reverse("organisation:settings") not in login(world.worker).get(reverse("accounts:profile")).content.decode()


@pytest.mark.parametrize("who", ["worker", "team_lead", "researcher", "other_org_worker"])
def test_it_is_hidden_from_everyone_but_the_org_admin(world, login, who):
    ensure_prompts(world.org)
    weekend = card(world.org, "weekend")
    before = [(p.pk, p.order, p.texts, p.effect, p.active) for p in cards(world.org)]
    browser = login(getattr(world, who))
    assert browser.get(LIST).status_code == 404
    assert browser.get(NEW).status_code == 404
    assert browser.post(NEW, form_data()).status_code == 404
    assert browser.get(url("edit", weekend)).status_code == 404
    assert browser.post(url("edit", weekend), form_data()).status_code == 404
    for name in ["move_up", "move_down", "switch_off", "switch_on"]:
        assert browser.post(url(name, weekend)).status_code == 404
    assert [(p.pk, p.order, p.texts, p.effect, p.active) for p in cards(world.org)] == before
    assert not Prompt.objects.filter(organisation=world.other_org).exists()


def test_it_answers_404_to_the_admin_of_another_organisation_for_our_cards(world, login):
    ensure_prompts(world.org)
    ours = card(world.org, "weekend")
    before = [(p.pk, p.order, p.texts, p.effect, p.active) for p in cards(world.org)]
    browser = login(make_user(organisation=world.other_org, role=Role.ORG_ADMIN))
    assert browser.get(url("edit", ours)).status_code == 404
    assert browser.post(url("edit", ours), form_data()).status_code == 404
    for name in ["move_up", "move_down", "switch_off", "switch_on"]:
        assert browser.post(url(name, ours)).status_code == 404
    assert [(p.pk, p.order, p.texts, p.effect, p.active) for p in cards(world.org)] == before
    # Their own list holds only their own cards.
    listed = browser.get(LIST).context["prompts"]
    assert {p.organisation_id for p in listed} == {world.other_org.pk}


def test_it_answers_404_for_an_id_that_cannot_exist(world, login):
    browser = login(world.org_admin)
    assert browser.get("/beheer/vraagkaarten/99999999999999999999/").status_code == 404
    assert browser.get("/beheer/vraagkaarten/0/").status_code == 404


def test_it_answers_404_to_the_wrong_method(world, login):
    ensure_prompts(world.org)
    weekend = card(world.org, "weekend")
    browser = login(world.org_admin)
    assert browser.post(LIST).status_code == 404
    assert browser.delete(url("edit", weekend)).status_code == 404
    for name in ["move_up", "move_down", "switch_off", "switch_on"]:
        assert browser.get(url(name, weekend)).status_code == 404
    assert card(world.org, "weekend").active is True
    assert keys(world.org) == DEFAULT_KEYS


def test_it_offers_a_question_field_for_every_language_kring_speaks(world, login, settings):
    """Adding a language is a matter of settings and translation files: its question field appears."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("pl", "Polski")]
    browser = login(world.org_admin)
    response = browser.post(
        NEW, form_data(question_nl="Met wie kook je weleens?", question_pl="Z kim czasem gotujesz?")
    )
    assert response.status_code == 302
    created = Prompt.objects.get(organisation=world.org, texts__nl="Met wie kook je weleens?")
    assert created.texts == {"nl": "Met wie kook je weleens?", "pl": "Z kim czasem gotujesz?"}
    assert created.text_in("pl") == "Z kim czasem gotujesz?"
