"""The meeting pages: planning with bad input, editing with optimistic locking, cancelling, removing, the
list, access (another team or organisation gets 404 on every page) and bounded query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.support.models import Action, Agreement, Meeting, Option, OptionPoint, Participant, SummaryShare
from tests.network.factories import make_member
from tests.support.access_ids_meetings import ID_FOR, give_consent, make_meeting
from tests.support.test_meeting_flow import plan_data, record_data


def url(name, meeting=None, client=None, **extra):
    if meeting is not None:
        return reverse(f"meetings:{name}", kwargs={"pk": meeting.client_id, "meeting_pk": meeting.pk, **extra})
    return reverse(f"meetings:{name}", kwargs={"pk": client.pk})


def days(n: int) -> str:
    return (timezone.localdate() + timedelta(days=n)).isoformat()


# --- Planning: bad input ------------------------------------------------------------------------------


def test_it_refuses_a_participant_who_is_not_in_the_clients_network(world, login):
    mine = make_member(world.client_a, name="Zus", relation="sister")
    theirs = make_member(world.client_b, name="Iemand van Bas", relation="friend")
    gone = make_member(world.client_a, name="Vertrokken", relation="friend", removed_at=timezone.now())
    browser = login(world.worker)
    for member in (theirs, gone):
        response = browser.post(url("add", client=world.client_a), plan_data(members=[mine.pk, member.pk]))
        assert response.status_code == 422
        assert response.context["form"].errors["members"] == ["Kies alleen mensen uit het netwerk van deze cliënt."]
        body = response.content.decode()
        assert "Kan Anna weer contact krijgen met haar zus?" in body  # the input is kept
    response = browser.post(url("add", client=world.client_a), plan_data(members=["abc"]))
    assert response.context["form"].errors["members"]
    assert not Meeting.objects.exists() and not Participant.objects.exists()


def test_it_refuses_a_colleague_who_does_not_work_with_the_client(world, login):
    response = login(world.worker).post(
        url("add", client=world.client_a), plan_data(workers=[world.other_team_worker.pk])
    )
    assert response.context["form"].errors["workers"] == ["Kies alleen collega’s die met deze cliënt werken."]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"status": "planned", "date": days(-60)}, "date", "Deze datum ligt te ver terug voor een gepland gesprek."),
        ({"status": "planned", "date": days(800)}, "date", "meer dan twee jaar vooruit"),
        ({"status": "held", "date": days(2)}, "date", "Deze datum ligt in de toekomst."),
        ({"status": "held", "date": days(-400)}, "date", "meer dan een jaar terug"),
        ({"date": ""}, "date", "Vul de datum in."),
        ({"date": "31-02-2026"}, "date", "Vul een geldige datum in"),
        ({"question": "  "}, "question", "Schrijf op welke vraag er op tafel ligt."),
        ({"kind": "party"}, "kind", "Kies wat voor gesprek het is."),
        ({"status": "cancelled"}, "status", "Kies of het gesprek nog komt of al geweest is."),
        ({"video_link": "niet een link"}, "video_link", "Vul een volledige link in"),
        ({"start_time": "25:99"}, "start_time", "Vul een tijd in"),
    ],
)
def test_it_explains_bad_plan_input_and_saves_nothing(world, login, changes, field, message):
    response = login(world.worker).post(url("add", client=world.client_a), plan_data(**changes))
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert not Meeting.objects.exists()


def test_it_accepts_a_planned_meeting_entered_a_few_days_late(world, login):
    response = login(world.worker).post(url("add", client=world.client_a), plan_data(date=days(-3)))
    assert response.status_code == 302


def test_it_asks_for_the_name_of_another_professional(world, login):
    response = login(world.worker).post(
        url("add", client=world.client_a), plan_data(**{"extern-0-organisation_name": "GGZ"})
    )
    assert response.status_code == 422
    assert response.context["form"].externals.forms[0].errors["name"] == ["Vul ook de naam in."]
    assert "Kijk de andere professionals na." in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_refuses_an_external_row_of_another_meeting(world, login):
    other = make_meeting(world.client_b, by=world.other_team_worker, externals=[("Dokter", "Praktijk")])
    stranger = other.participants.get(role="external")
    meeting = make_meeting(world.client_a, by=world.worker, status="planned", date=timezone.localdate())
    data = plan_data(
        status="planned",
        date=days(0),
        version=1,
        **{"extern-0-pk": stranger.pk, "extern-0-name": "Overgenomen", "extern-0-organisation_name": ""},
    )
    response = login(world.worker).post(url("edit", meeting), data)
    assert response.status_code == 422
    stranger.refresh_from_db()
    assert stranger.name == "Dokter"
    assert meeting.participants.count() == 1


def test_it_marks_limited_members_in_the_plan_form(world, login):
    make_member(world.client_a, name="Ex Sandra", relation="ex_partner", status="limited", limit_reason="unsafe")
    make_member(world.client_a, name="Overleden oom", relation="other_family", deceased=True)
    body = login(world.worker).get(url("add", client=world.client_a)).content.decode()
    assert "Ex Sandra" in body and "chip--limited" in body and "begrensd" in body
    assert "Overleden oom" not in body


# --- Editing, cancelling, removing --------------------------------------------------------------------


def test_it_changes_the_plan_and_who_takes_part(world, login):
    zus = make_member(world.client_a, name="Zus", relation="sister")
    oom = make_member(world.client_a, name="Oom", relation="other_family")
    meeting = make_meeting(
        world.client_a,
        by=world.worker,
        status="planned",
        date=timezone.localdate() + timedelta(days=3),
        members=[zus],
        externals=[("Dokter Jansen", "Praktijk")],
    )
    external = meeting.participants.get(role="external")
    browser = login(world.worker)
    form = browser.get(url("edit", meeting)).context["form"]
    assert form["members"].value() == [zus.pk]
    data = plan_data(
        date=days(4),
        members=[oom.pk],
        workers=[world.colleague.pk],
        version=1,
        **{
            "extern-TOTAL_FORMS": "2",
            "extern-INITIAL_FORMS": "1",
            "extern-0-pk": external.pk,
            "extern-0-name": "Dokter Jansen-de Vries",
            "extern-0-organisation_name": "Praktijk",
            "extern-1-name": "Mevrouw Bos",
            "extern-1-organisation_name": "Schuldhulp",
        },
    )
    response = browser.post(url("edit", meeting), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.version, meeting.date) == (2, timezone.localdate() + timedelta(days=4))
    people = sorted(
        (p.role, p.member.name if p.member else p.user.full_name if p.user else p.name)
        for p in meeting.participants.select_related("member", "user")
    )
    assert people == [
        ("client", ""),
        ("external", "Dokter Jansen-de Vries"),
        ("external", "Mevrouw Bos"),
        ("member", "Oom"),
        ("worker", "Cora Collega"),
    ]
    assert meeting.participants.get(pk=external.pk).name == "Dokter Jansen-de Vries"  # the same row, renamed
    assert Participant.history.filter(history_type="-", member=zus).get().history_user == world.worker


def test_it_does_not_overwrite_a_change_made_meanwhile(world, login):
    meeting = make_meeting(world.client_a, by=world.worker, status="planned", date=timezone.localdate())
    browser = login(world.worker)
    Meeting.objects.filter(pk=meeting.pk).update(version=2, question="Door een collega gewijzigd")
    response = browser.post(url("edit", meeting), plan_data(date=days(0), question="Mijn versie", version=1))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft dit gesprek net gewijzigd." in body and "Door een collega gewijzigd" in body
    meeting.refresh_from_db()
    assert meeting.question == "Door een collega gewijzigd"
    response = browser.post(url("record", meeting), record_data(meeting, notes="Mijn notities", version=1))
    assert response.status_code == 409
    response = browser.post(
        url("decide", meeting), {"state": "decided", "decision": "X", "decided_on": days(0), "version": 1}
    )
    assert response.status_code == 409
    meeting.refresh_from_db()
    assert (meeting.notes, meeting.decision) == ("", "")


def test_it_refuses_to_put_a_meeting_with_a_decision_back_to_planned(world, login):
    meeting = make_meeting(world.client_a, by=world.worker, decision_state="decided", decision="Ja")
    response = login(world.worker).post(
        url("edit", meeting), plan_data(status="planned", date=meeting.date.isoformat(), version=1)
    )
    assert response.status_code == 422
    assert "Er staat al een besluit of afspraak bij dit gesprek" in response.content.decode()


def test_it_cancels_a_planned_meeting_and_can_plan_it_again(world, login):
    meeting = make_meeting(world.client_a, by=world.worker, status="planned", date=timezone.localdate() + timedelta(2))
    browser = login(world.worker)
    response = browser.post(url("cancel", meeting), {"version": 1})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.version) == ("cancelled", 2)
    body = browser.get(url("detail", meeting)).content.decode()
    assert "Dit gesprek is niet doorgegaan." in body and url("decide", meeting) not in body
    browser.post(url("edit", meeting), plan_data(date=days(5), version=2))
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_it_cannot_cancel_a_meeting_that_was_held(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    response = login(world.worker).post(url("cancel", meeting), {"version": 1}, follow=True)
    assert "Alleen een gepland gesprek kan worden afgezegd." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_it_removes_a_meeting_softly(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    browser = login(world.worker)
    response = browser.post(url("remove", meeting), {"version": 1})
    assert response.status_code == 302 and response["Location"] == url("list", client=world.client_a)
    meeting.refresh_from_db()
    assert meeting.removed_at is not None
    assert browser.get(url("detail", meeting)).status_code == 404
    assert "Er zijn nog geen gesprekken" in browser.get(url("list", client=world.client_a)).content.decode()
    assert AccessLog.objects.filter(event="support.meeting.delete", object_id=str(meeting.pk)).exists()


def test_it_lists_the_clients_meetings_newest_first(world, login):
    old = make_meeting(world.client_a, by=world.worker, date=timezone.localdate() - timedelta(days=20), kind="triadic")
    new = make_meeting(world.client_a, by=world.worker, status="planned", date=timezone.localdate() + timedelta(2))
    make_meeting(world.client_b, by=world.other_team_worker, question="Van een ander team")
    response = login(world.colleague).get(url("list", client=world.client_a))
    assert response.status_code == 200
    assert [m.pk for m in response.context["meetings"]] == [new.pk, old.pk]
    assert "Van een ander team" not in response.content.decode()
    row = AccessLog.objects.get(event="support.meeting.view")
    assert (row.client, row.detail, row.user) == (world.client_a, "list", world.colleague)


# --- Access -------------------------------------------------------------------------------------------

ALL_VIEWS = sorted({name for name, _kw in ID_FOR})


@pytest.mark.parametrize("outsider", ["other_team_worker", "other_org_worker", "researcher"])
@pytest.mark.parametrize("name", ALL_VIEWS)
def test_it_answers_404_to_another_team_or_organisation(world, login, outsider, name):
    kwargs = {kw: make(world) for (view, kw), make in ID_FOR.items() if view == name}
    target = reverse(name, kwargs=kwargs)
    before = (Meeting.objects.count(), Option.objects.count(), OptionPoint.objects.count(), AccessLog.objects.count())
    browser = login(getattr(world, outsider))
    assert browser.get(target).status_code == 404
    assert browser.post(target, {"description": "x", "version": 1, "voor": "team", "taal": "nl"}).status_code == 404
    after = (Meeting.objects.count(), Option.objects.count(), OptionPoint.objects.count(), AccessLog.objects.count())
    assert after == before


def test_it_answers_404_for_an_option_point_or_share_of_another_meeting(world, login):
    mine = make_meeting(world.client_a, by=world.worker)
    other = make_meeting(world.client_a, by=world.worker)
    option = Option.objects.create(meeting=other, description="Ander gesprek")
    point = OptionPoint.objects.create(option=option, kind="pro", text="x")
    browser = login(world.worker)
    assert browser.post(url("option_remove", mine, option_pk=option.pk)).status_code == 404
    assert browser.post(url("point_remove", mine, point_pk=point.pk)).status_code == 404
    assert browser.post(url("point_add", mine, option_pk=option.pk), {}).status_code == 404

    share = SummaryShare.objects.create(
        meeting=other, audience="team", consent=give_consent(world.client_a, by=world.worker), shared_by=world.worker
    )
    assert browser.get(url("summary_print", mine, share_pk=share.pk)).status_code == 404
    assert Option.objects.count() == 1 and OptionPoint.objects.count() == 1


def test_it_lets_a_colleague_and_the_team_lead_work_on_the_meeting(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    for user in (world.colleague, world.team_lead, world.org_admin):
        assert login(user).get(url("detail", meeting)).status_code == 200


# --- Query counts -------------------------------------------------------------------------------------


def _big_meeting(world, size: int):
    members = [make_member(world.client_a, name=f"Naaste {i}", relation="friend") for i in range(size)]
    meeting = make_meeting(
        world.client_a,
        by=world.worker,
        members=members,
        workers=[world.worker],
        externals=[(f"Professional {i}", "Org") for i in range(2)],
        notes="Besproken",
    )
    participants = list(meeting.participants.all())
    for i in range(size):
        option = Option.objects.create(meeting=meeting, description=f"Mogelijkheid {i}", order=i)
        OptionPoint.objects.create(option=option, participant=participants[i % len(participants)], kind="pro", text="+")
        OptionPoint.objects.create(option=option, kind="con", text="-")
    for member in members:
        action = Action.objects.create(
            client=world.client_a, created_by=world.worker, description="Iets", owner_kind="member", owner_member=member
        )
        Agreement.objects.create(meeting=meeting, action=action, support_promised=["company"])
    return meeting


MAX_QUERIES = 20
PAGES = {
    "detail": lambda m: url("detail", m),
    "edit": lambda m: url("edit", m),
    "record": lambda m: url("record", m),
    "options": lambda m: url("options", m),
    "decide": lambda m: url("decide", m),
    "agreement_add": lambda m: url("agreement_add", m),
    "summary": lambda m: url("summary", m) + "?voor=team&taal=en",
    "list": lambda m: url("list", client=m.client),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_it_keeps_the_number_of_queries_fixed_whatever_the_size(world, login, page):
    counts = []
    for size in (2, 15):
        meeting = _big_meeting(world, size)
        browser = login(world.worker)
        browser.get(PAGES[page](meeting))  # warm up: the session, the organisation's catalogue
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(PAGES[page](meeting))
        assert response.status_code == 200
        counts.append(len(queries))
        Meeting.objects.filter(pk=meeting.pk).update(removed_at=timezone.now())
    print(f"{page}: {counts[0]} queries with 2 people and options, {counts[1]} with 15")
    assert counts[0] == counts[1]
    assert counts[0] <= MAX_QUERIES


def test_it_prints_a_summary_in_a_fixed_number_of_queries(world, login):
    give_consent(world.client_a, by=world.worker)
    counts = []
    for size in (2, 15):
        meeting = _big_meeting(world, size)
        browser = login(world.worker)
        share_url = browser.post(url("summary_share", meeting), {"voor": "team", "taal": "nl"})["Location"]
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(share_url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= MAX_QUERIES
