"""The network passport through the views: the client's choices, the sheet in Dutch or English, bad input,
the round trip back to the choices, access, log rows and query counts."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from tests.network.factories import make_link, make_member
from tests.support.factories import make_action


def url(name, client):
    return reverse(f"passport:{name}", args=[client.pk])


def body(response) -> str:
    return response.content.decode()


def sheet_of(response) -> str:
    page = body(response)
    start = page.index('<article class="passport"')
    return page[start : page.index("</article>", start)]


def section(response, name) -> str:
    sheet = sheet_of(response)
    start = sheet.index(f'id="passport-{name}"')
    return sheet[start : sheet.index("</section>", start)]


def events_logged() -> list[str]:
    return list(AccessLog.objects.order_by("pk").values_list("event", flat=True))


@pytest.fixture
def story(world):
    """Anna's network: her mother (emergency contact, with a phone), a friend who helps, a limited ex."""
    client = world.client_a
    s = type("Story", (), {})()
    s.mother = make_member(
        client,
        name="Moeder Fatiha",
        relation="mother",
        circle=1,
        emergency_contact=True,
        phone="06 1234 5678",
        support_received=["emotional"],
    )
    s.friend = make_member(client, name="Vriend Rob", relation="friend", support_received=["practical", "company"])
    s.debt = make_member(
        client,
        name="Schuldhulpverlener",
        relation="professional",
        organisation_name="Kringstad Schuldhulp",
        support_received=["advice"],
    )
    s.ex = make_member(
        client, name="Sandra", relation="ex_partner", status="limited", limit_reason="unsafe", phone="06 9999 0000"
    )
    s.gone = make_member(client, name="Weg", removed_at=timezone.now())
    make_link(s.mother, s.friend)
    s.call = make_action(client, by=world.worker, description="Samen naar de woningcorporatie", due=date(2099, 5, 1))
    s.mine = make_action(client, by=world.worker, description="Zelf de huur betalen", owner_kind="client")
    s.about_ex = make_action(client, by=world.worker, description="Spullen ophalen", owner_kind="member", owner=s.ex)
    s.done = make_action(client, by=world.worker, description="Al klaar", status="done")
    return s


def choices(story, **changes):
    data = {
        "language": "nl",
        "name": "Anna",
        "sections": ["map", "emergency", "help", "agreements", "words"],
        "members": [story.mother.pk, story.friend.pk, story.debt.pk],
        "phones": [],
        "actions": [story.call.pk, story.mine.pk],
        "own_words": "Bel eerst mijn moeder.\nIk praat liever buiten.",
    }
    data.update(changes)
    return data


def checked_ids(page, name) -> set[int]:
    return {int(v) for v in re.findall(rf'name="{name}" value="(\d+)"[^>]*checked', page)}


# --- choosing ----------------------------------------------------------------------------------------------


def test_it_starts_with_everyone_but_limited_members_and_without_phone_numbers(world, login, story):
    response = login(world.worker).get(url("choose", world.client_a))
    assert response.status_code == 200
    page = body(response)
    assert checked_ids(page, "members") == {story.mother.pk, story.friend.pk, story.debt.pk}
    assert checked_ids(page, "phones") == set()
    assert f'name="phones" value="{story.mother.pk}"' in page  # offered, not chosen
    assert f'name="phones" value="{story.friend.pk}"' not in page  # no number known
    assert "Weg" not in page
    assert set(re.findall(r'name="sections" value="(\w+)"[^>]*checked', page)) == {
        "map",
        "emergency",
        "help",
        "agreements",
        "words",
    }
    # Agreements that are still open; the one naming a limited member starts off.
    assert "Samen naar de woningcorporatie" in page and "Al klaar" not in page
    assert re.search(rf'name="actions" value="{story.about_ex.pk}"(?![^>]*checked)', page)
    assert re.search(rf'name="actions" value="{story.call.pk}"[^>]*checked', page)
    assert 'name="name" value="Anna"' in page
    assert events_logged() == ["clients.passport.view"]


def test_it_starts_in_english_for_a_client_who_speaks_english_and_not_dutch(world, login):
    world.client_a.languages = ["en", "ar"]
    world.client_a.save()
    page = body(login(world.worker).get(url("choose", world.client_a)))
    assert re.search(r'name="language" value="en"[^>]*checked', page)


# --- the sheet -----------------------------------------------------------------------------------------------


def test_the_sheet_shows_only_what_the_client_chose_and_logs_the_print(world, login, story):
    response = login(world.worker).post(url("sheet", world.client_a), choices(story))
    assert response.status_code == 200
    sheet = sheet_of(response)
    assert 'lang="nl"' in sheet
    assert "<h1" in sheet and ">Anna</h1>" in sheet
    assert f'id="member-{story.mother.pk}"' in sheet and f'id="member-{story.friend.pk}"' in sheet
    assert "Sandra" not in body(response)
    assert "06 1234 5678" not in body(response)  # no phone unless chosen
    assert "Moeder Fatiha" in section(response, "emergency")
    assert "Vriend Rob" not in section(response, "emergency")
    help_ = section(response, "help")
    assert "Moeder Fatiha" in help_ and "emotionele steun" in help_
    assert "Vriend Rob" in help_ and "praktische hulp, gezelschap, samen dingen doen" in help_
    assert "(hulpverlener, Kringstad Schuldhulp)" in help_
    agreements = section(response, "agreements")
    assert "Samen naar de woningcorporatie" in agreements and "Wim Werker (begeleider)" in agreements
    assert "vóór 1 mei 2099" in agreements
    assert "Zelf de huur betalen" in agreements and "— ik" in agreements
    assert "Spullen ophalen" not in agreements
    assert "Bel eerst mijn moeder.<br>Ik praat liever buiten." in section(response, "words")
    row = AccessLog.objects.get()
    assert (row.event, row.client_id, row.user_id) == ("clients.passport.print", world.client_a.pk, world.worker.pk)
    assert row.detail == "language nl; parts agreements,emergency,help,map,words; members 3; phones 0; agreements 2"


def test_a_phone_number_appears_only_for_whom_the_client_chose_it(world, login, story):
    response = login(world.worker).post(
        url("sheet", world.client_a), choices(story, phones=[story.mother.pk, story.ex.pk])
    )
    emergency = section(response, "emergency")
    assert 'href="tel:0612345678">06 1234 5678</a>' in emergency
    assert "06 9999 0000" not in body(response)  # Sandra is not on it, so neither is her number


def test_a_limited_member_is_on_it_when_the_client_turns_them_on(world, login, story):
    response = login(world.worker).post(
        url("sheet", world.client_a), choices(story, members=[story.mother.pk, story.ex.pk])
    )
    assert f'id="member-{story.ex.pk}"' in sheet_of(response)


def test_parts_left_off_are_not_on_the_sheet(world, login, story):
    response = login(world.worker).post(url("sheet", world.client_a), choices(story, sections=["emergency"]))
    sheet = sheet_of(response)
    assert "<svg" not in sheet
    assert 'id="passport-help"' not in sheet and 'id="passport-agreements"' not in sheet
    assert 'id="passport-words"' not in sheet
    assert 'id="passport-emergency"' in sheet


def test_the_sheet_escapes_what_people_typed(world, login, story):
    response = login(world.worker).post(
        url("sheet", world.client_a), choices(story, own_words="<script>x()</script>", name="<b>Anna</b>")
    )
    assert "<script>x()" not in body(response) and "<b>Anna</b>" not in body(response)


def test_the_sheet_is_in_english_when_the_client_chooses_it_whatever_the_screen_language(world, login, story):
    response = login(world.worker).post(url("sheet", world.client_a), choices(story, language="en"))
    sheet = sheet_of(response)
    assert 'lang="en"' in sheet
    assert "emotional support" in section(response, "help")
    assert "(mother)" in section(response, "emergency")
    assert timezone.localdate().strftime("%B") in sheet  # the English month name
    # The screen around the sheet stays in the user's language.
    assert '<html lang="nl">' in body(response)
    assert "Afdrukken" in body(response)


def test_the_sheet_has_a_way_back_to_the_choices_that_keeps_everything(world, login, story):
    browser = login(world.worker)
    sheet = body(browser.post(url("sheet", world.client_a), choices(story, phones=[story.mother.pk])))
    form = sheet[sheet.index(f'action="{url("choose", world.client_a)}"') :]
    form = form[: form.index("</form>")]
    sent = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)
    data = {}
    for name, value in sent:
        data.setdefault(name, []).append(value.replace("&#x27;", "'"))
    back = body(browser.post(url("choose", world.client_a), data))
    assert checked_ids(back, "phones") == {story.mother.pk}
    assert checked_ids(back, "members") == {story.mother.pk, story.friend.pk, story.debt.pk}
    assert "Bel eerst mijn moeder.\nIk praat liever buiten." in back
    assert events_logged() == ["clients.passport.print", "clients.passport.view"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"members": ["OTHER"]}, "Kies alleen mensen uit het netwerk van deze cliënt."),
        ({"members": ["GONE"]}, "Kies alleen mensen uit het netwerk van deze cliënt."),
        ({"phones": ["OTHER"]}, "Kies alleen mensen uit het netwerk van deze cliënt."),
        ({"members": ["99999999999999999999"]}, "Kies alleen mensen uit het netwerk van deze cliënt."),
        ({"actions": ["DONE"]}, "Kies alleen afspraken van deze cliënt die nog lopen."),
        ({"actions": ["THEIRS"]}, "Kies alleen afspraken van deze cliënt die nog lopen."),
        ({"name": ""}, "Vul een naam in voor bovenaan het paspoort."),
        ({"language": "fr"}, "Kies een taal."),
        ({"sections": ["diary"]}, "Kies uit de onderdelen hieronder."),
        ({"own_words": "x" * 2001}, "Dat is te lang voor het paspoort: hoogstens 2000 tekens."),
    ],
)
def test_bad_choices_get_a_dutch_message_and_no_sheet(world, login, story, changes, message):
    theirs = make_member(world.client_b, name="Van Bas")
    their_action = make_action(world.client_b, by=world.other_team_worker, description="Van Bas")
    ids = {"OTHER": theirs.pk, "GONE": story.gone.pk, "DONE": story.done.pk, "THEIRS": their_action.pk}
    for key, values in changes.items():
        if isinstance(values, list):
            changes[key] = [ids.get(v, v) for v in values]
    response = login(world.worker).post(url("sheet", world.client_a), choices(story, **changes))
    assert response.status_code == 422
    assert message in body(response)
    assert '<article class="passport"' not in body(response)
    assert "Van Bas" not in body(response)
    assert events_logged() == ["clients.passport.view"]


def test_the_sheet_cannot_be_opened_by_a_link(world, login):
    assert login(world.worker).get(url("sheet", world.client_a)).status_code == 404


def test_an_empty_network_still_makes_a_passport(world, login):
    response = login(world.worker).post(
        url("sheet", world.client_a),
        {"language": "nl", "name": "Anna", "sections": ["map", "emergency", "help", "agreements", "words"]},
    )
    assert response.status_code == 200
    assert "Er staat niemand als noodcontact op dit paspoort." in sheet_of(response)


# --- access --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_every_passport_view_answers_404_to_someone_from_another_team(world, login, story, outsider):
    browser = login(getattr(world, outsider))
    for name in ("choose", "sheet"):
        assert browser.get(url(name, world.client_a)).status_code == 404, name
        assert browser.post(url(name, world.client_a), choices(story)).status_code == 404, name
    assert not AccessLog.objects.exists()


def test_the_team_and_the_admin_may_make_a_passport(world, login, story):
    for user in (world.colleague, world.team_lead, world.org_admin):
        assert login(user).post(url("sheet", world.client_a), choices(story)).status_code == 200


# --- query counts --------------------------------------------------------------------------------------------


def _fill(client, by, count):
    members = [
        make_member(
            client,
            name=f"Naaste {i:02}",
            emergency_contact=i % 5 == 0,
            phone="06 0000 0000",
            support_received=["emotional"],
        )
        for i in range(count)
    ]
    for a, b in zip(members, members[1:], strict=False):
        make_link(a, b)
    actions = [
        make_action(client, by=by, description=f"Afspraak {i}", owner_kind="member", owner=m)
        for i, m in enumerate(members)
    ]
    for action, member in zip(actions, members, strict=True):
        action.members.add(member)
    return members, actions


@pytest.mark.parametrize("name", ["choose", "sheet"])
def test_the_query_count_does_not_grow_with_the_network(world, login, name, django_assert_max_num_queries):
    browser = login(world.worker)

    def request(members, actions):
        ids = [m.pk for m in members]
        data = {
            "language": "nl",
            "name": "Anna",
            "sections": ["map", "emergency", "help", "agreements", "words"],
            "members": ids,
            "phones": ids,
            "actions": [a.pk for a in actions],
            "own_words": "Hoi",
        }
        if name == "choose":
            return browser.get(url("choose", world.client_a))
        return browser.post(url("sheet", world.client_a), data)

    members, actions = _fill(world.client_a, world.worker, 2)
    request(members, actions)
    with django_assert_max_num_queries(20) as small:
        assert request(members, actions).status_code == 200
    more, more_actions = _fill(world.client_a, world.worker, 28)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = request(members + more, actions + more_actions)
    assert body(response).count("Naaste ") >= 30
