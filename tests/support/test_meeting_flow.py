"""A meeting with the network through the views, from the plan to the client's decision to agreements that
become actions; the decision is only ever the client's; support a member promises lands in the network."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AccessLog
from kring.network.models import Member
from kring.support.models import Action, Agreement, Meeting, Option, OptionPoint, Participant
from tests.network.factories import make_member
from tests.support.access_ids_meetings import make_meeting


def url(name, meeting=None, client=None, **extra):
    if meeting is not None:
        return reverse(f"meetings:{name}", kwargs={"pk": meeting.client_id, "meeting_pk": meeting.pk, **extra})
    return reverse(f"meetings:{name}", kwargs={"pk": client.pk})


def events(client) -> list[str]:
    return list(AccessLog.objects.filter(client=client).order_by("pk").values_list("event", flat=True))


def plan_data(**changes) -> dict:
    data = {
        "kind": "network",
        "status": "planned",
        "date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "start_time": "14:30",
        "place": "Huiskamer van de opvang",
        "video_link": "",
        "question": "Kan Anna weer contact krijgen met haar zus?",
        "agenda": "Voorstellen; wat is er gebeurd; hoe verder",
        "members": [],
        "workers": [],
        "extern-TOTAL_FORMS": "2",
        "extern-INITIAL_FORMS": "0",
        "extern-MIN_NUM_FORMS": "0",
        "extern-MAX_NUM_FORMS": "10",
        "extern-0-name": "",
        "extern-0-organisation_name": "",
        "extern-1-name": "",
        "extern-1-organisation_name": "",
    }
    data.update(changes)
    return data


def record_data(meeting, **changes) -> dict:
    data = {"notes": "", "confidential_notes": "", "version": meeting.version}
    for p in meeting.participants.all():
        data[f"p{p.pk}-what_matters"] = p.what_matters
        data[f"p{p.pk}-worries"] = p.worries
        if p.confidential:
            data[f"p{p.pk}-confidential"] = "on"
    data.update(changes)
    return data


def test_it_takes_a_meeting_from_plan_to_decision_to_agreements_and_actions(world, login):
    zus = make_member(world.client_a, name="Zus Marieke", relation="sister")
    buurman = make_member(world.client_a, name="Buurman Henk", relation="neighbour", support_received=["company"])
    browser = login(world.worker)

    # 1. Plan: the client is always there; a sister, a neighbour, the worker and a GP.
    page = browser.get(url("add", client=world.client_a))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Zus Marieke" in body and "Anna Aalders is er altijd bij." in body
    response = browser.post(
        url("add", client=world.client_a),
        plan_data(
            members=[zus.pk, buurman.pk],
            workers=[world.worker.pk],
            **{"extern-0-name": "Dokter Jansen", "extern-0-organisation_name": "Huisartsenpraktijk"},
        ),
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", meeting)
    assert (meeting.status, meeting.kind, meeting.place) == ("planned", "network", "Huiskamer van de opvang")
    roles = sorted(meeting.participants.values_list("role", flat=True))
    assert roles == ["client", "external", "member", "member", "worker"]
    external = meeting.participants.get(role="external")
    assert (external.name, external.organisation_name) == ("Dokter Jansen", "Huisartsenpraktijk")

    # The meeting page before the day: no recording yet.
    body = browser.get(url("detail", meeting)).content.decode()
    assert "Kan Anna weer contact krijgen met haar zus?" in body
    assert url("decide", meeting) not in body

    # The meeting took place (moved to yesterday): record what each said.
    meeting.date = timezone.localdate() - timedelta(days=1)
    meeting.save()
    participants = {p.role if p.role != "member" else p.member.name: p for p in meeting.participants.all()}
    response = browser.post(
        url("record", meeting),
        record_data(
            meeting,
            notes="We hebben gepraat over de ruzie van vroeger.",
            confidential_notes="Marieke vertelde apart over haar eigen schulden.",
            **{
                f"p{participants['client'].pk}-what_matters": "Mijn zus terugzien.",
                f"p{participants['Zus Marieke'].pk}-worries": "Dat het weer misgaat.",
                f"p{participants['Buurman Henk'].pk}-what_matters": "Dat Anna niet alleen is.",
            },
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.version == 2
    assert Participant.objects.get(pk=participants["Zus Marieke"].pk).worries == "Dat het weer misgaat."

    # Options with pros and cons per participant.
    response = browser.post(url("options", meeting), {"description": "Eerst een brief schrijven"})
    option = Option.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#option-{option.pk}")
    response = browser.post(
        url("point_add", meeting, option_pk=option.pk),
        {
            f"o{option.pk}-kind": "pro",
            f"o{option.pk}-participant": participants["client"].pk,
            f"o{option.pk}-text": "Rustig",
        },
    )
    assert response.status_code == 302
    browser.post(
        url("point_add", meeting, option_pk=option.pk),
        {f"o{option.pk}-kind": "con", f"o{option.pk}-participant": "", f"o{option.pk}-text": "Duurt lang"},
    )
    assert sorted(OptionPoint.objects.values_list("kind", "text")) == [("con", "Duurt lang"), ("pro", "Rustig")]

    # The client's decision.
    response = browser.post(
        url("decide", meeting),
        {
            "state": "decided",
            "decision": "Ik schrijf Marieke eerst een brief.",
            "decided_on": meeting.date.isoformat(),
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.decision_state, meeting.decision, meeting.decided_on) == (
        "decided",
        "Ik schrijf Marieke eerst een brief.",
        meeting.date,
    )

    # Agreements: one by the client, one by the neighbour who promises company and practical help.
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = browser.post(
        url("agreement_add", meeting),
        {"description": "Brief aan Marieke schrijven", "owner": "client", "due_date": due, "note": ""},
    )
    assert response.status_code == 302
    response = browser.post(
        url("agreement_add", meeting),
        {
            "description": "Henk gaat elke zaterdag mee boodschappen doen",
            "owner": f"member:{buurman.pk}",
            "due_date": "",
            "support_promised": ["practical", "company"],
            "note": "Henk is zelf ook wat eenzaam.",
        },
    )
    assert response.status_code == 302
    agreements = list(Agreement.objects.order_by("pk").select_related("action"))
    assert [a.action.owner_kind for a in agreements] == ["client", "member"]
    henk_action = agreements[1].action
    assert (henk_action.owner_member, henk_action.client, henk_action.status) == (buurman, world.client_a, "open")
    assert list(henk_action.members.all()) == [buurman]
    assert henk_action.note == "Henk is zelf ook wat eenzaam."
    assert agreements[1].support_promised == ["practical", "company"]

    # The actions show in "Mijn acties" (key worker) and on the Werk tab.
    worklist = browser.get(reverse("worklist:mine")).content.decode()
    assert "Brief aan Marieke schrijven" in worklist and "Henk gaat elke zaterdag mee boodschappen doen" in worklist
    work = browser.get(reverse("work:timeline", args=[world.client_a.pk])).content.decode()
    assert "Henk gaat elke zaterdag mee boodschappen doen" in work

    # The meeting page shows all of it, and the list names the people and counts the agreements.
    body = browser.get(url("detail", meeting)).content.decode()
    for text in ("Ik schrijf Marieke eerst een brief.", "Eerst een brief schrijven", "Duurt lang", "Buurman Henk"):
        assert text in body
    listing = browser.get(url("list", client=world.client_a)).content.decode()
    assert "2 afspraken" in listing and "Zus Marieke" in listing

    assert events(world.client_a) == [
        "support.meeting.view",  # the plan form shows the network
        "clients.consent.view",  # ... and who may not be contacted
        "support.meeting.create",
        "support.meeting.view",
        "support.meeting.update",  # what each said
        "support.meeting.update",  # an option
        "support.meeting.update",  # a pro
        "support.meeting.update",  # a con
        "support.meeting.update",  # the decision
        "support.action.create",
        "support.meeting.update",  # the client's agreement
        "support.action.create",
        "support.meeting.update",  # Henk's agreement
        "network.member.update",  # the support Henk promised
        "support.work.view",
        "support.meeting.view",
        "support.meeting.view",  # the list
    ]


def test_it_adds_promised_support_to_the_member_with_history(world, login):
    henk = make_member(world.client_a, name="Buurman Henk", relation="neighbour", support_received=["company"])
    meeting = make_meeting(world.client_a, by=world.worker, members=[henk])
    browser = login(world.worker)
    response = browser.post(
        url("agreement_add", meeting),
        {
            "description": "Boodschappen doen",
            "owner": f"member:{henk.pk}",
            "support_promised": ["practical", "company"],
        },
    )
    assert response.status_code == 302
    henk.refresh_from_db()
    assert (henk.support_received, henk.version) == (["company", "practical"], 2)
    latest = henk.history.first()
    assert (latest.history_user, latest.support_received) == (world.worker, ["company", "practical"])
    assert henk.history.last().support_received == ["company"]
    # The member's page in the network shows it ticked, and the action the member owns.
    member_page = browser.get(reverse("network:member", args=[world.client_a.pk, henk.pk])).content.decode()
    ticked = set(re.findall(r'<input type="checkbox" name="support_received" value="(\w+)"[^>]* checked', member_page))
    assert ticked == {"company", "practical"}
    assert "Boodschappen doen" in member_page
    # The access log names the change to the network.
    assert AccessLog.objects.filter(event="network.member.update", object_id=str(henk.pk)).count() == 1


def test_it_changes_nothing_in_the_network_when_the_support_was_already_there(world, login):
    henk = make_member(world.client_a, name="Henk", relation="neighbour", support_received=["practical"])
    meeting = make_meeting(world.client_a, by=world.worker, members=[henk])
    login(world.worker).post(
        url("agreement_add", meeting),
        {"description": "Boodschappen doen", "owner": f"member:{henk.pk}", "support_promised": ["practical"]},
    )
    henk.refresh_from_db()
    assert henk.version == 1
    assert Agreement.objects.count() == 1


def test_it_lets_only_the_client_decide(world, login):
    zus = make_member(world.client_a, name="Zus", relation="sister")
    meeting = make_meeting(world.client_a, by=world.worker, members=[zus], workers=[world.worker])
    browser = login(world.worker)
    form = browser.get(url("decide", meeting))
    body = form.content.decode()
    # The only choices: the client decided, or the client wants to think. No one else is offered.
    choices = list(form.context["form"].fields["state"].choices)
    assert [value for value, _label in choices] == ["decided", "thinking"]
    assert "Ja, Anna heeft besloten" in body and "Nee, Anna wil erover nadenken" in body
    assert "Zus" not in body.split('id="decision-form"')[1]
    # Naming someone else, posted by hand, is ignored or refused: the decision stays the client's.
    for hostile in (
        {"state": "decided_by_member", "decision": "Zus beslist"},
        {"state": f"member:{zus.pk}", "decision": "Zus beslist"},
    ):
        response = browser.post(url("decide", meeting), {**hostile, "version": meeting.version})
        assert response.status_code == 422
        assert "Kies: de cliënt heeft besloten, of wil erover nadenken." in response.content.decode()
    response = browser.post(
        url("decide", meeting),
        {
            "state": "decided",
            "decision": "Ik bel haar zelf.",
            "decided_on": meeting.date.isoformat(),
            "decided_by": f"member:{zus.pk}",
            "decider": str(world.worker.pk),
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.decision == "Ik bel haar zelf."
    assert not hasattr(meeting, "decided_by") and not hasattr(meeting, "decider")
    assert "Anna Aalders heeft op" in browser.get(url("detail", meeting)).content.decode()


def test_it_lets_the_client_think_about_it_until_a_date_in_the_future(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    browser = login(world.worker)
    today = timezone.localdate()
    for think_until, message in (
        ("", "Vul in tot wanneer de cliënt wil nadenken"),
        (today.isoformat(), "Kies een dag na vandaag."),
        ((today - timedelta(days=3)).isoformat(), "Kies een dag na vandaag."),
    ):
        response = browser.post(
            url("decide", meeting), {"state": "thinking", "think_until": think_until, "version": meeting.version}
        )
        assert response.status_code == 422
        assert message in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.decision_state, meeting.version) == ("", 1)
    later = today + timedelta(days=10)
    response = browser.post(
        url("decide", meeting), {"state": "thinking", "think_until": later.isoformat(), "version": meeting.version}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.decision_state, meeting.think_until, meeting.decision) == ("thinking", later, "")


def test_it_asks_for_the_decision_in_words(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    response = login(world.worker).post(
        url("decide", meeting),
        {"state": "decided", "decision": " ", "decided_on": meeting.date.isoformat(), "version": 1},
    )
    assert response.status_code == 422
    assert "Schrijf op wat de cliënt besloten heeft." in response.context["form"].errors["decision"]
    meeting.refresh_from_db()
    assert meeting.decision_state == ""


def test_it_refuses_an_agreement_without_owner_by_the_field(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    browser = login(world.worker)
    response = browser.post(url("agreement_add", meeting), {"description": "Zus bellen", "owner": ""})
    assert response.status_code == 422
    assert response.context["form"].errors["owner"] == ["Kies wie dit gaat doen."]
    body = response.content.decode()
    assert 'id="field-id_owner"' in body and "Zus bellen" in body  # the message by the field, the input kept
    assert not Agreement.objects.exists() and not Action.objects.exists()


def test_it_refuses_an_owner_who_was_not_at_the_meeting_or_not_in_the_network(world, login):
    there = make_member(world.client_a, name="Zus", relation="sister")
    not_there = make_member(world.client_a, name="Oom", relation="other_family")
    elsewhere = make_member(world.client_b, name="Vreemde", relation="friend")
    meeting = make_meeting(world.client_a, by=world.worker, members=[there])
    browser = login(world.worker)
    for owner in (f"member:{not_there.pk}", f"member:{elsewhere.pk}", f"worker:{world.other_team_worker.pk}"):
        response = browser.post(url("agreement_add", meeting), {"description": "Bellen", "owner": owner})
        assert response.status_code == 422
        assert response.context["form"].errors["owner"]
    assert not Action.objects.exists()


def test_it_keeps_promised_support_for_members_only(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    response = login(world.worker).post(
        url("agreement_add", meeting),
        {"description": "Ik zoek een dagbesteding", "owner": "client", "support_promised": ["practical"]},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["support_promised"] == [
        "Alleen een naaste uit het netwerk kan hier steun beloven."
    ]
    assert not Action.objects.exists()


def test_it_rolls_back_the_agreement_when_the_network_changed_meanwhile(world, login, monkeypatch):
    from kring.network import services as network_services

    henk = make_member(world.client_a, name="Henk", relation="neighbour")
    meeting = make_meeting(world.client_a, by=world.worker, members=[henk])

    def changed(**kwargs):
        raise network_services.ConcurrentEditError(henk)

    monkeypatch.setattr(network_services, "add_support_received", changed)
    response = login(world.worker).post(
        url("agreement_add", meeting),
        {"description": "Boodschappen", "owner": f"member:{henk.pk}", "support_promised": ["practical"]},
    )
    assert response.status_code == 422
    assert "Iemand anders wijzigde net het netwerk" in response.content.decode()
    assert not Action.objects.exists() and not Agreement.objects.exists()
    assert Member.objects.get(pk=henk.pk).version == 1


def test_it_records_nothing_for_a_meeting_that_is_still_to_come(world, login):
    meeting = make_meeting(world.client_a, by=world.worker, status="planned", date=timezone.localdate() + timedelta(3))
    browser = login(world.worker)
    response = browser.post(url("agreement_add", meeting), {"description": "Bellen", "owner": "client"})
    assert response.status_code == 422
    assert "is nog niet geweest" in response.content.decode()
    response = browser.post(url("record", meeting), record_data(meeting, notes="Te vroeg"))
    assert "is nog niet geweest" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.notes) == ("planned", "")
    assert not Action.objects.exists()


def test_it_marks_perspectives_in_a_talk_apart_as_confidential_by_default(world, login):
    zus = make_member(world.client_a, name="Zus", relation="sister")
    browser = login(world.worker)
    browser.post(
        url("add", client=world.client_a),
        plan_data(kind="apart", status="held", date=timezone.localdate().isoformat(), members=[zus.pk]),
    )
    meeting = Meeting.objects.get()
    assert set(meeting.participants.values_list("confidential", flat=True)) == {True}
    form = browser.get(url("record", meeting)).context["form"]
    member = meeting.participants.get(role="member")
    assert form[f"p{member.pk}-confidential"].value() is True
    # Unticked by the worker: no longer confidential.
    browser.post(url("record", meeting), {**record_data(meeting), f"p{member.pk}-confidential": ""})
    member.refresh_from_db()
    assert member.confidential is False


def test_it_removes_options_and_points(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    option = Option.objects.create(meeting=meeting, description="Verhuizen")
    point = OptionPoint.objects.create(option=option, kind="pro", text="Dichter bij zus")
    other = OptionPoint.objects.create(option=option, kind="con", text="Duur")
    browser = login(world.worker)
    assert browser.post(url("point_remove", meeting, point_pk=point.pk)).status_code == 302
    assert list(OptionPoint.objects.all()) == [other]
    assert browser.post(url("option_remove", meeting, option_pk=option.pk)).status_code == 302
    assert not Option.objects.exists() and not OptionPoint.objects.exists()
    assert Option.history.filter(history_type="-").get().history_user == world.worker


def test_it_refuses_a_point_by_someone_not_at_the_meeting(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    elsewhere = make_meeting(world.client_a, by=world.worker)
    stranger = elsewhere.participants.get()
    option = Option.objects.create(meeting=meeting, description="Verhuizen")
    response = login(world.worker).post(
        url("point_add", meeting, option_pk=option.pk),
        {f"o{option.pk}-kind": "pro", f"o{option.pk}-participant": stranger.pk, f"o{option.pk}-text": "Fijn"},
    )
    assert response.status_code == 422
    assert "Kies iemand die bij dit gesprek is." in response.content.decode()
    assert not OptionPoint.objects.exists()


def test_it_refuses_a_due_date_before_the_meeting_and_thinking_for_more_than_a_year(world, login):
    meeting = make_meeting(world.client_a, by=world.worker)
    browser = login(world.worker)
    before = (meeting.date - timedelta(days=1)).isoformat()
    response = browser.post(
        url("agreement_add", meeting), {"description": "Bellen", "owner": "client", "due_date": before}
    )
    assert response.context["form"].errors["due_date"] == ["Deze datum ligt voor het gesprek. Kies een dag erna."]
    far = (timezone.localdate() + timedelta(days=400)).isoformat()
    response = browser.post(url("decide", meeting), {"state": "thinking", "think_until": far, "version": 1})
    assert response.context["form"].errors["think_until"] == ["Kies een dag binnen een jaar."]
    assert not Action.objects.exists()


def test_it_offers_a_timeline_entry_for_the_werk_tab(world):
    from django.template.loader import render_to_string

    meeting = make_meeting(world.client_a, by=world.worker, decision_state="decided", decision="Ik bel zelf.")
    html = render_to_string("support/meetings/_work_entry.html", {"obj": meeting, "client": world.client_a})
    assert url("detail", meeting) in html and "Ik bel zelf." in html and "Gehouden" in html
