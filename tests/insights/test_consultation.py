"""Case consultation: planning sessions, recording how they went, and bringing a pseudonymised case."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kring.accounts.models import Location
from kring.audit.models import AccessLog
from kring.insights.models import Consultation, ConsultationCase
from kring.lifeline.models import LifeEvent
from tests.insights.factories import make_case, make_consultation
from tests.network.factories import make_link, make_member

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


def _aware(*args):
    return timezone.make_aware(datetime(*args))


# --- planning and the list ---------------------------------------------------------------------------


def test_a_team_lead_plans_a_session(world, login):
    browser = login(world.team_lead)
    assert browser.get(reverse("consultations:plan")).status_code == 200
    response = browser.post(
        reverse("consultations:plan"),
        {"team": world.team_a.pk, "planned_for": "2026-12-10T14:00", "topic": "Contact herstellen"},
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == reverse("consultations:detail", args=[consultation.pk])
    assert consultation.team == world.team_a and consultation.status == "planned"
    assert timezone.localtime(consultation.planned_for) == _aware(2026, 12, 10, 14, 0)
    assert list(AccessLog.objects.values_list("event", "client")) == [("insights.consultation.create", None)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"planned_for": ""}, "Vul in wanneer de bespreking is"),
        ({"planned_for": "2026-02-30T14:00"}, "Vul een datum en tijd in"),
        ({"planned_for": "1999-01-01T10:00"}, "Deze datum ligt te ver terug"),
        ({"topic": ""}, "Schrijf kort waar de bespreking over gaat"),
        ({"team": "999999"}, "Kies een team"),
    ],
)
def test_bad_plans_get_a_message_and_save_nothing(world, login, data, message):
    post = {"team": world.team_a.pk, "planned_for": "2026-12-10T14:00", "topic": "Mijn onderwerp", **data}
    response = login(world.org_admin).post(reverse("consultations:plan"), post)
    assert response.status_code == 422 and message in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_team_lead_cannot_plan_for_another_team(world, login):
    response = login(world.team_lead).post(
        reverse("consultations:plan"), {"team": world.team_b.pk, "planned_for": "2026-12-10T14:00", "topic": "X"}
    )
    assert response.status_code == 422 and not Consultation.objects.exists()


def test_the_list_splits_upcoming_and_past_sessions(world, login):
    now = timezone.now()
    make_consultation(world.team_a, world.team_lead, when=now + timedelta(days=20), topic="Later")
    make_consultation(world.team_a, world.team_lead, when=now + timedelta(days=5), topic="Eerst")
    make_consultation(world.team_a, world.team_lead, when=now - timedelta(days=30), topic="Geweest", status="held")
    make_consultation(world.team_b, world.org_admin, when=now + timedelta(days=3), topic="Ander team")
    html = login(world.worker).get(reverse("consultations:home")).content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert upcoming.index("Eerst") < upcoming.index("Later") and "Geweest" not in upcoming
    assert "Geweest" in past and "Gehouden" in past
    assert "Ander team" not in html
    assert "Bespreking plannen" not in html


def test_the_list_takes_the_same_number_of_queries_however_many_sessions(world, login):
    browser = login(world.team_lead)
    counts = []
    for extra in (1, 8):
        for i in range(extra):
            consultation = make_consultation(world.team_a, world.team_lead, when=timezone.now() + timedelta(days=i - 4))
            make_case(consultation, world.worker)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(reverse("consultations:home")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_team_lead_records_how_it_went(world, login):
    consultation = make_consultation(world.team_a, world.team_lead, when=_aware(2026, 11, 2, 14, 0))
    browser = login(world.team_lead)
    url = reverse("consultations:edit", args=[consultation.pk])
    assert browser.get(url).status_code == 200
    response = browser.post(
        url,
        {
            "planned_for": "2026-11-02T14:00",
            "topic": "Contact met familie",
            "status": "held",
            "attendees": [world.worker.pk, world.colleague.pk],
            "notes": "Eerst apart met de zus praten.",
            "version": 1,
        },
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == "held" and consultation.version == 2
    assert set(consultation.attendees.all()) == {world.worker, world.colleague}
    html = browser.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Eerst apart met de zus praten." in html and "Cora Collega" in html
    stale = browser.post(url, {"planned_for": "2026-11-02T14:00", "topic": "Ander", "status": "held", "version": 1})
    assert stale.status_code == 409
    consultation.refresh_from_db()
    assert consultation.topic == "Contact met familie"


def test_a_session_in_the_future_cannot_be_held_yet_and_attendees_come_from_the_team(world, login):
    consultation = make_consultation(world.team_a, world.team_lead, when=timezone.now() + timedelta(days=3))
    url = reverse("consultations:edit", args=[consultation.pk])
    when = timezone.localtime(consultation.planned_for).strftime("%Y-%m-%dT%H:%M")
    browser = login(world.team_lead)
    response = browser.post(url, {"planned_for": when, "topic": "X", "status": "held", "version": 1})
    assert "nog niet geweest" in response.content.decode()
    response = browser.post(
        url,
        {
            "planned_for": when,
            "topic": "X",
            "status": "planned",
            "attendees": [world.other_team_worker.pk],
            "version": 1,
        },
    )
    assert response.status_code == 422
    consultation.refresh_from_db()
    assert consultation.version == 1


# --- bringing a case ---------------------------------------------------------------------------------

CANARIES = [
    "Kanariepiet",
    "Zwavelberg",
    "Quetzalia",
    "Pluimvogel",
    "Borrelhoek",
    "Klompenhof",
    "Kanariewerf",
    "Borrelstad",
    "Guatemala",
    "0612345678",
    "06-87654321",
    "kanarie@example.org",
    "geheimwoord",
    "Kanariestraat",
    "1971",
]


@pytest.fixture
def canary_client(world):
    client = world.client_a
    client.given_name, client.family_name, client.birth_year = "Kanariepiet", "Zwavelberg", 1971
    client.intake_date = date(2024, 3, 17)
    client.location = Location.objects.create(organisation=world.org, name="Kanariewerf", city="Borrelstad")
    client.save()
    sister = make_member(
        client,
        name="Quetzalia Zwavelberg",
        relation="sister",
        circle=1,
        pseudonym="Pluimvogel",
        phone="0612345678",
        email="kanarie@example.org",
        notes="geheimwoord: woont aan de Kanariestraat 4 in Borrelstad",
        support_received=["emotional"],
        emergency_contact=True,
    )
    friend_1 = make_member(client, name="Borrelhoek", relation="friend", circle=1, abroad_country="Guatemala")
    friend_2 = make_member(client, name="Kanariepiet junior", relation="friend", circle=2, phone="06-87654321")
    helper = make_member(
        client, name="Dokter Klompenhof", relation="professional", circle=3, organisation_name="Klompenhof Borrelstad"
    )
    make_link(sister, friend_1)
    make_link(friend_2, helper, "conflict")
    event = LifeEvent.objects.create(
        client=client,
        title="Verhuisd naar de Kanariestraat",
        kind="housing",
        tone="hard",
        year=2019,
        month=3,
        note="geheimwoord",
        created_by=world.worker,
    )
    event.members.set([sister, friend_2])
    LifeEvent.objects.create(
        client=client,
        title="Quetzalia getrouwd",
        kind="relationships",
        tone="good",
        year=2010,
        approximate=True,
        created_by=world.worker,
    )
    return client


def test_canary_no_name_place_phone_note_exact_date_or_age_reaches_the_case_or_its_page(world, login, canary_client):
    consultation = make_consultation(world.team_a, world.team_lead)
    browser = login(world.worker)
    form = browser.get(reverse("consultations:case_add", args=[consultation.pk]))
    assert "Kanariepiet Zwavelberg" in form.content.decode()  # the worker chooses the client by name
    response = browser.post(
        reverse("consultations:case_add", args=[consultation.pk]),
        {"client": canary_client.pk, "title": "Familie of niet?", "question": "Hoe betrek ik de zus?"},
    )
    case = ConsultationCase.objects.get()
    assert response["Location"].endswith(f"#case-{case.pk}")

    stored = json.dumps(case.case, ensure_ascii=False)
    page = browser.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    article = re.search(r'<article class="case.*?</article>', page, re.S).group(0)
    for text in (stored, page):
        for canary in CANARIES:
            assert canary.lower() not in text.lower(), canary
    # Dates: month and year at most, in the case and on its page.
    assert not re.search(r"\d{4}-\d{2}-\d{2}", stored)
    assert not re.search(rf"\b\d{{1,2}} ({MONTHS})", article) and not re.search(r"\d{4}-\d{2}-\d{2}", article)
    assert "17" not in re.sub(r"<svg.*?</svg>", "", article, flags=re.S)
    assert "maart 2024" in article and "maart 2019" in article and "rond 2010" in article
    # Roles instead of names, an age band instead of an age.
    for role in ("Zus", "Vriend 1", "Vriend 2", "Hulpverlener", "de cliënt", "met zus en vriend 2"):
        assert role in article, role
    assert "tussen 50 en 59 jaar" in article
    assert article.count("<svg") == 2  # the ecogram and the lifeline, drawn from the JSON
    # The export is in the access log, the case itself has no link to the client.
    assert list(AccessLog.objects.values_list("event", "client_id")) == [("insights.case.export", canary_client.pk)]
    assert "client" not in {f.name for f in ConsultationCase._meta.get_fields()}


def test_a_case_without_network_or_lifeline_still_shows(world, login):
    consultation = make_consultation(world.team_a, world.team_lead)
    browser = login(world.worker)
    browser.post(
        reverse("consultations:case_add", args=[consultation.pk]), {"client": world.client_a.pk, "title": "Leeg"}
    )
    html = browser.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Er stond nog niemand op de netwerkkaart." in html and "Er stond nog niets op de levenslijn." in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Geef de casus een korte titel"),
        ({"title": "Anna en haar zus"}, "Hier staat de naam van de cliënt in"),
        ({"question": "Bel haar op 06 12345678?"}, "Hier staat een telefoonnummer in"),
        ({"client": ""}, "Kies een cliënt"),
    ],
)
def test_a_case_with_bad_input_is_not_made(world, login, data, message):
    consultation = make_consultation(world.team_a, world.team_lead)
    post = {"client": world.client_a.pk, "title": "Familie?", "question": "Mijn vraag", **data}
    response = login(world.worker).post(reverse("consultations:case_add", args=[consultation.pk]), post)
    assert response.status_code == 422 and message in response.content.decode()
    assert not ConsultationCase.objects.exists() and not AccessLog.objects.exists()


def test_only_own_clients_of_the_team_can_be_brought(world, login):
    consultation = make_consultation(world.team_a, world.team_lead)
    for client in (world.client_b, world.other_org_client):
        response = login(world.org_admin if client == world.client_b else world.worker).post(
            reverse("consultations:case_add", args=[consultation.pk]), {"client": client.pk, "title": "X"}
        )
        assert response.status_code in (422, 404)
    assert not ConsultationCase.objects.exists()


def test_no_case_for_a_cancelled_session_or_by_someone_outside_the_team(world, login):
    cancelled = make_consultation(world.team_a, world.team_lead, status="cancelled")
    assert login(world.worker).get(reverse("consultations:case_add", args=[cancelled.pk])).status_code == 404
    planned = make_consultation(world.team_a, world.team_lead)
    assert login(world.org_admin).get(reverse("consultations:case_add", args=[planned.pk])).status_code == 404


def test_who_brought_a_case_or_the_team_lead_removes_it(world, login):
    consultation = make_consultation(world.team_a, world.team_lead)
    case = make_case(consultation, world.worker)
    assert login(world.colleague).post(reverse("consultations:case_remove", args=[case.pk])).status_code == 404
    assert login(world.worker).post(reverse("consultations:case_remove", args=[case.pk])).status_code == 302
    assert not ConsultationCase.objects.exists()
    case = make_case(consultation, world.worker)
    assert login(world.team_lead).post(reverse("consultations:case_remove", args=[case.pk])).status_code == 302
    assert list(AccessLog.objects.values_list("event", flat=True)) == ["insights.case.delete"] * 2


# --- who may -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
def test_outsiders_get_404(world, login, outsider):
    consultation = make_consultation(world.team_a, world.team_lead)
    case = make_case(consultation, world.worker)
    browser = login(getattr(world, outsider))
    post = {"client": world.client_a.pk, "title": "X", "planned_for": "2026-12-10T14:00", "topic": "Y", "version": 1}
    for url in [
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:edit", args=[consultation.pk]),
        reverse("consultations:case_add", args=[consultation.pk]),
        reverse("consultations:case_remove", args=[case.pk]),
    ]:
        assert browser.get(url).status_code == 404, url
        assert browser.post(url, post).status_code == 404, url
    assert ConsultationCase.objects.count() == 1 and Consultation.objects.get().version == 1


def test_a_researcher_sees_no_consultations_and_cannot_plan(world, login):
    browser = login(world.researcher)
    assert browser.get(reverse("consultations:home")).status_code == 404
    assert browser.get(reverse("consultations:plan")).status_code == 404


def test_a_worker_sees_the_session_but_does_not_edit_it(world, login):
    consultation = make_consultation(world.team_a, world.team_lead)
    browser = login(world.worker)
    html = browser.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Casus inbrengen" in html and "Wijzigen" not in html
    assert browser.get(reverse("consultations:edit", args=[consultation.pk])).status_code == 404
    assert browser.get(reverse("consultations:plan")).status_code == 404


def test_an_english_case_page_writes_months_as_english_does(world, login, canary_client):
    consultation = make_consultation(world.team_a, world.team_lead)
    world.worker.language = "en"
    world.worker.save()
    browser = login(world.worker)
    with translation.override("nl"):  # the requests switch language; the tests after them stay in Dutch
        browser.post(
            reverse("consultations:case_add", args=[consultation.pk]), {"client": canary_client.pk, "title": "Familie"}
        )
        page = browser.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    article = re.search(r'<article class="case.*?</article>', page, re.S).group(0)
    assert "Supported since March 2024" in article and "March 2019" in article
    assert "march" not in re.sub(r"<svg.*?</svg>", "", article, flags=re.S)
