"""The questionnaire pages through the views: fill in, result, trend, edit, remove, access and logging."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.measures.models import QuestionnaireResponse
from tests import factories
from tests.measures.factories import MODERATE, make_response

pytestmark = pytest.mark.django_db


def url(name, client, *args):
    return reverse(f"questionnaires:{name}", args=[client.pk, *args])


def events(client=None):
    rows = AccessLog.objects.order_by("pk")
    if client is not None:
        rows = rows.filter(client=client)
    return list(rows.values_list("event", flat=True))


def form_data(answers=MODERATE, *, day=None, language="nl", note="", version=None):
    data = {"taal": language, "date": (day or timezone.localdate()).isoformat(), "note": note}
    data.update({f"item_{key}": value for key, value in answers.items()})
    if version is not None:
        data["version"] = version
    return data


def text(response) -> str:
    """The page's visible text, tags stripped and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|title)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- the overview ----------------------------------------------------------------------------------------


def test_it_lists_every_questionnaire_with_nothing_filled_in_yet(world, login):
    page = login(world.worker).get(url("list", world.client_a))
    assert page.status_code == 200
    body = text(page)
    assert "Eenzaamheid (De Jong Gierveld)" in body
    assert "ZRM: sociaal netwerk" in body
    assert body.count("Nog niet ingevuld.") == 2
    assert 'aria-current="page"' in page.content.decode().split("Vragenlijsten</a>")[0].rsplit("<li>", 1)[-1]
    assert events(world.client_a) == ["measures.questionnaires.view"]


def test_it_shows_the_latest_result_the_change_and_a_small_trend(world, login):
    make_response(world.client_a, by=world.worker, day=date(2026, 1, 5), answers={**MODERATE, "close": "no"})
    make_response(world.client_a, by=world.worker, day=date(2026, 2, 2))
    page = login(world.worker).get(url("list", world.client_a))
    body = text(page)
    assert "Matig eenzaam: 3 van 6" in body
    assert "Laatst ingevuld op 2 februari 2026." in body
    assert "1 lager dan op 5 januari 2026." in body
    assert 'class="trend-spark"' in page.content.decode()
    assert "2 keer ingevuld: bekijk het verloop" in body


# --- filling in ------------------------------------------------------------------------------------------


def test_it_asks_for_the_language_first(world, login):
    page = login(world.worker).get(url("fill", world.client_a, "djg6"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="taal" value="nl"' in html
    assert 'name="taal" value="en"' in html
    assert "Nederlands" in html and "English" in html
    assert "Ik ervaar een leegte" not in html
    assert events(world.client_a) == ["measures.questionnaires.view"]


def test_it_shows_one_card_per_statement_in_dutch(world, login):
    page = login(world.worker).get(url("fill", world.client_a, "djg6") + "?taal=nl")
    html = page.content.decode()
    body = text(page)
    assert html.count('<li class="q-card') == 6
    assert "Er zijn geen goede of foute antwoorden." in body
    assert "Ik ervaar een leegte om me heen" in body
    assert "Vraag 1 van 6" in body and "Vraag 6 van 6" in body
    assert body.count("Min of meer") == 6
    assert body.count("Overslaan") == 6
    assert f'max="{timezone.localdate().isoformat()}"' in html
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert '<html lang="nl">' in html
    assert " checked" not in html  # nothing chosen yet, not even "Overslaan"


def test_it_shows_the_statements_in_english_whatever_the_worker_reads(world, login):
    page = login(world.worker).get(url("fill", world.client_a, "djg6") + "?taal=en")
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "I experience a general sense of emptiness" in html
    assert "There are plenty of people I can rely on when I have problems" in html
    assert "More or less" in html
    assert "Ik ervaar een leegte" not in html


def test_it_saves_a_filled_in_scale_and_shows_the_result_in_plain_words(world, login):
    browser = login(world.worker)
    answer = browser.post(url("fill", world.client_a, "djg6"), form_data(note="Praatte over zijn broer."))
    saved = QuestionnaireResponse.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == url("response", world.client_a, saved.pk)
    assert (saved.questionnaire, saved.definition_version, saved.language) == ("djg6", 1, "nl")
    assert saved.answers == MODERATE
    assert (saved.total, saved.band) == (3, "moderate")
    assert saved.scores["subscales"]["emotional"]["value"] == 2
    assert saved.scores["subscales"]["social"]["value"] == 1
    assert saved.created_by == world.worker
    assert saved.history.get().history_user == world.worker
    page = browser.get(answer["Location"])
    body = text(page)
    assert "Matig eenzaam: 3 van 6" in body
    assert "Emotionele eenzaamheid Eenzaam: 2 van 3" in body
    assert "Sociale eenzaamheid Eenzaam: 1 van 3" in body
    assert "Ik mis mensen om me heen Min of meer" in body
    assert "Praatte over zijn broer." in body
    assert events(world.client_a) == ["measures.questionnaire.create", "measures.questionnaire.view"]
    log = AccessLog.objects.get(event="measures.questionnaire.create")
    assert (log.object_type, log.object_id, log.user) == ("measures.questionnaireresponse", str(saved.pk), world.worker)


def test_it_scores_a_skipped_statement_as_missing_not_as_zero(world, login):
    browser = login(world.worker)
    answers = {**MODERATE, "emptiness": "skip"}  # "Overslaan" tapped
    answer = browser.post(url("fill", world.client_a, "djg6"), form_data(answers))
    saved = QuestionnaireResponse.objects.get()
    assert "emptiness" not in saved.answers
    assert saved.total == 2
    body = text(browser.get(answer["Location"]))
    assert "Matig eenzaam: 2 van 6" in body
    assert "Emotionele eenzaamheid Geen score: hier is een vraag overgeslagen." in body
    assert "Ik ervaar een leegte om me heen Overgeslagen" in body


def test_it_shows_no_total_when_two_statements_are_skipped(world, login):
    browser = login(world.worker)
    answer = browser.post(url("fill", world.client_a, "djg6"), form_data({**MODERATE, "emptiness": "", "close": ""}))
    saved = QuestionnaireResponse.objects.get()
    assert (saved.total, saved.band) == (None, "")
    assert "Geen totaalscore: er zijn te veel vragen overgeslagen." in text(browser.get(answer["Location"]))


def test_it_shows_the_result_in_the_language_it_was_filled_in(world, login):
    browser = login(world.worker)
    answer = browser.post(url("fill", world.client_a, "djg6"), form_data(language="en"))
    saved = QuestionnaireResponse.objects.get()
    assert saved.language == "en"
    body = text(browser.get(answer["Location"]))
    assert "Moderately lonely" in body
    assert "I miss having people around me More or less" in body
    assert "Vragenlijsten" in body  # the worker's own pages stay in the worker's language


def test_it_records_the_zrm_level(world, login):
    browser = login(world.worker)
    page = browser.get(url("fill", world.client_a, "zrm_social") + "?taal=nl")
    assert [label in text(page) for label in ("Acute problematiek", "Volledig zelfredzaam")] == [True, True]
    answer = browser.post(url("fill", world.client_a, "zrm_social"), form_data({"social_network": "3"}))
    saved = QuestionnaireResponse.objects.get()
    assert (saved.total, saved.band) == (3, "level_3")
    assert "Beperkt zelfredzaam: 3 van 5" in text(browser.get(answer["Location"]))


# --- bad input ---------------------------------------------------------------------------------------------


def test_it_refuses_a_date_in_the_future_and_keeps_the_answers(world, login):
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = login(world.worker).post(url("fill", world.client_a, "djg6"), form_data(day=tomorrow))
    assert page.status_code == 200
    assert "De datum kan niet in de toekomst liggen." in text(page)
    assert not QuestionnaireResponse.objects.exists()
    html = page.content.decode()
    assert re.search(r'value="more_or_less"[^>]*id="id_item_miss_people_1"[^>]*checked', html) or re.search(
        r'name="item_miss_people" value="more_or_less"[^>]*checked', html
    )
    assert "measures.questionnaire.create" not in events()


def test_it_refuses_an_answer_value_posted_by_hand(world, login):
    page = login(world.worker).post(url("fill", world.client_a, "djg6"), form_data({**MODERATE, "trust": "absolutely"}))
    assert page.status_code == 200
    assert "Kies een van de antwoorden, of sla deze vraag over." in text(page)
    assert 'class="q-card q-card--invalid" id="field-id_item_trust"' in page.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_it_refuses_a_questionnaire_with_nothing_answered(world, login):
    page = login(world.worker).post(url("fill", world.client_a, "djg6"), form_data({}))
    assert "Er is nog geen enkele vraag beantwoord." in text(page)
    assert not QuestionnaireResponse.objects.exists()


@pytest.mark.parametrize("day", ["", "3 maart", "2026-02-30"])
def test_it_asks_for_a_real_date(world, login, day):
    data = form_data()
    data["date"] = day
    page = login(world.worker).post(url("fill", world.client_a, "djg6"), data)
    assert page.status_code == 200
    assert "Vul de datum in." in text(page) or "Vul een datum in, bijvoorbeeld 3-3-2026." in text(page)
    assert not QuestionnaireResponse.objects.exists()


def test_it_asks_for_the_language_again_when_an_unknown_one_is_posted(world, login):
    page = login(world.worker).post(url("fill", world.client_a, "djg6"), form_data(language="xx"))
    assert page.status_code == 200
    assert 'name="taal" value="en"' in page.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_it_answers_404_for_an_unknown_questionnaire(world, login):
    browser = login(world.worker)
    assert browser.get(url("fill", world.client_a, "phq9")).status_code == 404
    assert browser.get(url("questionnaire", world.client_a, "phq9")).status_code == 404
    assert browser.post(url("fill", world.client_a, "phq9"), form_data()).status_code == 404


# --- trend ----------------------------------------------------------------------------------------------


def test_it_draws_the_trend_with_a_gap_for_an_undefined_score(world, login):
    make_response(world.client_a, by=world.worker, day=date(2026, 1, 5))
    make_response(
        world.client_a, by=world.worker, day=date(2026, 2, 2), answers={**MODERATE, "emptiness": "", "close": ""}
    )
    make_response(world.client_a, by=world.worker, day=date(2026, 3, 2), answers={**MODERATE, "rely_on": "yes"})
    page = login(world.worker).get(url("questionnaire", world.client_a, "djg6"))
    html = page.content.decode()
    wide = html.split('class="trend-chart trend-chart--wide"')[1].split("</svg>")[0]
    assert re.findall(r'data-value="(\d)"', wide) == ["3", "2"]
    assert 'data-gap="2026-02-02"' in wide
    assert 'role="img"' in html
    assert "Hoger betekent: meer eenzaam." in text(page)
    table = html.split("<tbody>")[1]
    assert table.index("2 maart 2026") < table.index("2 februari 2026") < table.index("5 januari 2026")
    assert "Geen totaalscore: er zijn te veel vragen overgeslagen." in table
    assert events(world.client_a)[-1] == "measures.questionnaires.view"


# --- edit and remove ---------------------------------------------------------------------------------------


def test_it_edits_a_response_and_scores_it_again(world, login):
    saved = make_response(world.client_a, by=world.worker, answers={**MODERATE, "close": ""})
    browser = login(world.colleague)
    form = browser.get(url("edit", world.client_a, saved.pk))
    html = form.content.decode()
    assert re.search(r'name="item_miss_people" value="more_or_less"[^>]*checked', html)
    assert re.search(r'name="item_close" value="skip"[^>]*checked', html)  # skipped then, "Overslaan" now
    assert f'name="version" value="{saved.version}"' in html
    answer = browser.post(
        url("edit", world.client_a, saved.pk),
        form_data({**MODERATE, "trust": "no", "close": "no"}, day=date(2026, 1, 6), version=saved.version),
    )
    assert answer.status_code == 302
    saved.refresh_from_db()
    assert (saved.total, saved.band, saved.version, saved.date) == (5, "severe", 2, date(2026, 1, 6))
    assert saved.history.first().history_user == world.colleague
    assert "Ernstig eenzaam: 5 van 6" in text(browser.get(answer["Location"]))
    assert events(world.client_a) == [
        "measures.questionnaire.create",
        "measures.questionnaire.view",
        "measures.questionnaire.update",
        "measures.questionnaire.view",
    ]


def test_it_keeps_a_concurrent_edit_from_overwriting(world, login):
    saved = make_response(world.client_a, by=world.worker)
    browser = login(world.worker)
    first = form_data({**MODERATE, "trust": "no"}, day=saved.date, version=1)
    assert browser.post(url("edit", world.client_a, saved.pk), first).status_code == 302
    stale = form_data({**MODERATE, "rejected": "yes"}, day=saved.date, version=1)
    page = browser.post(url("edit", world.client_a, saved.pk), stale)
    assert page.status_code == 409
    assert "Iemand anders heeft deze vragenlijst net gewijzigd of verwijderd." in text(page)
    saved.refresh_from_db()
    assert saved.answers["rejected"] == "no"
    assert saved.answers["trust"] == "no"
    assert saved.version == 2


def test_it_removes_a_response_softly(world, login):
    saved = make_response(world.client_a, by=world.worker)
    browser = login(world.worker)
    answer = browser.post(url("remove", world.client_a, saved.pk), {"version": saved.version})
    assert answer.status_code == 302
    assert answer["Location"] == url("list", world.client_a)
    saved.refresh_from_db()
    assert saved.removed_at is not None
    page = browser.get(answer["Location"])
    assert "De vragenlijst van 5 januari 2026 is verwijderd." in text(page)
    assert text(page).count("Nog niet ingevuld.") == 2
    assert browser.get(url("response", world.client_a, saved.pk)).status_code == 404
    assert browser.get(url("edit", world.client_a, saved.pk)).status_code == 404
    assert "measures.questionnaire.delete" in events(world.client_a)
    assert saved.history.count() == 2


def test_it_refuses_to_remove_a_response_changed_meanwhile(world, login):
    saved = make_response(world.client_a, by=world.worker)
    QuestionnaireResponse.objects.filter(pk=saved.pk).update(version=2)
    page = login(world.worker).post(url("remove", world.client_a, saved.pk), {"version": 1})
    assert page.status_code == 409
    assert "Iemand anders heeft deze vragenlijst net gewijzigd of verwijderd." in text(page)
    saved.refresh_from_db()
    assert saved.removed_at is None


# --- access ----------------------------------------------------------------------------------------------


def test_it_answers_404_for_a_response_of_another_client(world, login):
    other_client = factories.make_client(team=world.team_a, given_name="Ander")
    theirs = make_response(other_client, by=world.worker)
    browser = login(world.worker)
    before = QuestionnaireResponse.objects.get(pk=theirs.pk).version
    assert browser.get(url("response", world.client_a, theirs.pk)).status_code == 404
    assert browser.get(url("edit", world.client_a, theirs.pk)).status_code == 404
    assert browser.post(url("edit", world.client_a, theirs.pk), form_data(version=1)).status_code == 404
    assert browser.post(url("remove", world.client_a, theirs.pk), {"version": 1}).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.version, theirs.removed_at) == (before, None)


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_it_answers_404_to_workers_of_another_team_on_every_view(world, login, outsider):
    saved = make_response(world.client_a, by=world.worker)
    browser = login(getattr(world, outsider))
    rows = AccessLog.objects.count()
    for page_url in (
        url("list", world.client_a),
        url("questionnaire", world.client_a, "djg6"),
        url("fill", world.client_a, "djg6"),
        url("fill", world.client_a, "djg6") + "?taal=nl",
        url("response", world.client_a, saved.pk),
        url("edit", world.client_a, saved.pk),
    ):
        assert browser.get(page_url).status_code == 404, page_url
    assert browser.post(url("fill", world.client_a, "djg6"), form_data()).status_code == 404
    assert browser.post(url("edit", world.client_a, saved.pk), form_data(version=1)).status_code == 404
    assert browser.post(url("remove", world.client_a, saved.pk), {"version": 1}).status_code == 404
    assert browser.get(url("remove", world.client_a, saved.pk)).status_code == 404
    assert QuestionnaireResponse.objects.count() == 1
    saved.refresh_from_db()
    assert (saved.version, saved.removed_at) == (1, None)
    assert AccessLog.objects.count() == rows


def test_it_lets_the_team_lead_and_the_org_admin_in(world, login):
    make_response(world.client_a, by=world.worker)
    for user in (world.team_lead, world.org_admin):
        assert login(user).get(url("list", world.client_a)).status_code == 200


# --- queries ---------------------------------------------------------------------------------------------


def _fill(client, worker, n):
    start = date(2024, 1, 1)
    for i in range(n):
        answers = dict(MODERATE) if i % 5 else {**MODERATE, "emptiness": "", "close": ""}
        make_response(client, by=worker, day=start + timedelta(days=20 * i), answers=answers)
        make_response(
            client,
            by=worker,
            key="zrm_social",
            day=start + timedelta(days=20 * i),
            answers={"social_network": str(1 + i % 5)},
        )


@pytest.mark.parametrize("name", ["list", "questionnaire"])
def test_it_reads_the_pages_in_a_fixed_number_of_queries(world, login, django_assert_max_num_queries, name):
    browser = login(world.worker)
    args = () if name == "list" else ("djg6",)
    counts = []
    for n in (2, 30):
        QuestionnaireResponse.objects.all().delete()
        _fill(world.client_a, world.worker, n)
        browser.get(url(name, world.client_a, *args))  # warm the session and memberships
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url(name, world.client_a, *args)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    print(f"\n{name}: {counts[0]} queries with 2 responses per questionnaire, {counts[1]} with 30")
    with django_assert_max_num_queries(12):
        browser.get(url(name, world.client_a, *args))


def test_it_reads_a_response_in_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    saved = make_response(world.client_a, by=world.worker)
    browser = login(world.worker)
    browser.get(url("response", world.client_a, saved.pk))
    with django_assert_max_num_queries(12):
        assert browser.get(url("response", world.client_a, saved.pk)).status_code == 200
