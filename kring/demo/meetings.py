"""Fictional meetings with the network for two story clients (kring.demo.networks.STORIES).

Ahmed El Idrissi held a network meeting about living on his own again: what each said (his brother's worry
about money was said apart, so it is confidential), two options with pros and cons, Ahmed's decision and
four agreements; the support two members promised is added to them in the network, with history. Bianca
Hoekstra has a conversation with her aunt planned, about contact with her daughter.

Loaded only for clients that have no meeting yet; load after ``kring.demo.work`` (which skips clients that
already have actions, and the agreements here are actions).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kring.clients.models import Client
from kring.network.models import Member
from kring.support.models import Action, Agreement, Meeting, Option, OptionPoint, Participant

AHMED = ("Ahmed", "El Idrissi")
BIANCA = ("Bianca", "Hoekstra")

HELD = {
    "client": AHMED,
    "days_ago": 12,
    "kind": "network",
    "start_time": time(15, 0),
    "place": "Gespreksruimte van de nachtopvang",
    "video_link": "https://beeldbellen.example.org/kring-demo-ahmed",
    "question": "Ik wil weer een eigen kamer. Hoe pak ik dat aan, en wie helpt mee?",
    "agenda": "Hoe gaat het nu met Ahmed\nWat wil Ahmed\nWelke mogelijkheden zijn er\nWie doet wat",
    "notes": (
        "Ahmed vertelde dat hij het werk in de fietsenwerkplaats fijn vindt en dat hij weer een eigen plek wil.\n\n"
        "Moeder Fatiha deed mee via beeldbellen vanuit Marokko. Youssef en Mo dachten mee over de mogelijkheden."
    ),
    "confidential_notes": (
        "Youssef vertelde voor het gesprek apart dat hij zelf krap zit en geen borg kan voorschieten. "
        "Hij wil niet dat Ahmed dat weet."
    ),
    # (name or "client" / "worker", what matters, worries, confidential)
    "people": [
        ("client", "Een eigen deur. En op zondag bij Youssef eten.", "Dat het weer misgaat met geld.", False),
        ("Moeder Fatiha", "Dat haar zoons weer samen zijn.", "", False),
        ("Broer Youssef", "Dat Ahmed dichtbij woont.", "Dat ik niet genoeg kan helpen.", True),
        ("Mo van de moskee", "Dat Ahmed op vrijdag blijft komen.", "", False),
        ("worker", "Dat Ahmed zelf kiest, in zijn eigen tempo.", "", False),
    ],
    # (option, [(kind, who, text)])
    "options": [
        (
            "Een kamer zoeken in Kringstad-Oost, dicht bij Youssef",
            [
                ("pro", "client", "Dan zie ik Youssef vaker."),
                ("pro", "Mo van de moskee", "De moskee is om de hoek."),
                ("con", None, "De wachtlijst is lang."),
            ],
        ),
        (
            "Eerst een jaar begeleid wonen",
            [
                ("pro", "worker", "Er is hulp bij geld en post."),
                ("con", "client", "Dan woon ik weer met veel mensen."),
                ("con", "Broer Youssef", "Het is ver weg van ons."),
            ],
        ),
    ],
    "decision": "Ik schrijf me in voor een kamer in Kringstad-Oost. Begeleid wonen wil ik nu niet.",
    # (description, owner: "client" / "worker" / a member's name, days after the meeting, support promised)
    "agreements": [
        ("Ahmed schrijft zich in bij de woningstichting", "client", 14, []),
        ("Youssef gaat mee kijken als er een kamer vrij is", "Broer Youssef", None, ["practical"]),
        ("Mo helpt met verhuizen als het zover is", "Mo van de moskee", None, ["practical"]),
        ("Inschrijving en urgentie samen met Ahmed nakijken", "worker", 7, []),
    ],
}

PLANNED = {
    "client": BIANCA,
    "days_ahead": 9,
    "kind": "triadic",
    "start_time": time(10, 0),
    "place": "Kantoor van team A, kamer 2",
    "question": "Hoe kan ik weer contact krijgen met mijn dochter Lisa?",
    "agenda": "Hoe gaat het nu met Bianca\nWat weet Joke van Lisa\nWie zet de eerste stap, en hoe",
    "people": ["Tante Joke"],
    "options": ["Bianca schrijft Lisa een brief", "Tante Joke vraagt Lisa of ze open staat voor contact"],
}


def _client(key) -> Client | None:
    given, family = key
    return Client.objects.filter(given_name=given, family_name=family).first()


def _dated(record, when: datetime, user):
    record._history_date, record._history_user = when, user
    return record


def _moment(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def load(registrar_for) -> int:
    """Add the two demo meetings to clients that have none yet; return how many meetings were added."""
    added = 0
    client = _client(HELD["client"])
    if client is not None and not Meeting.objects.filter(client=client).exists():
        _load_held(client, registrar_for(client))
        added += 1
    client = _client(PLANNED["client"])
    if client is not None and not Meeting.objects.filter(client=client).exists():
        _load_planned(client, registrar_for(client))
        added += 1
    return added


def _load_held(client: Client, user) -> None:
    today = timezone.localdate()
    # After the network story's own changes (the last is about 300 days after intake), never in the future.
    day = min(max(today - timedelta(days=HELD["days_ago"]), client.intake_date + timedelta(days=301)), today)
    when = _moment(day, HELD["start_time"])
    members = {m.name: m for m in Member.objects.filter(client=client, removed_at__isnull=True)}
    meeting = Meeting(
        client=client,
        created_by=user,
        kind=HELD["kind"],
        status="held",
        date=day,
        start_time=HELD["start_time"],
        place=HELD["place"],
        video_link=HELD["video_link"],
        question=HELD["question"],
        agenda=HELD["agenda"],
        notes=HELD["notes"],
        confidential_notes=HELD["confidential_notes"],
        decision_state="decided",
        decision=HELD["decision"],
        decided_on=day,
    )
    _dated(meeting, when, user).save()
    participants = {}
    for who, matters, worries, confidential in HELD["people"]:
        if who not in ("client", "worker") and who not in members:
            continue
        participant = Participant(
            meeting=meeting,
            role=who if who in ("client", "worker") else "member",
            member=members.get(who),
            user=user if who == "worker" else None,
            what_matters=matters,
            worries=worries,
            confidential=confidential,
        )
        _dated(participant, when, user).save()
        participants[who] = participant
    for order, (description, points) in enumerate(HELD["options"], start=1):
        option = _dated(Option(meeting=meeting, description=description, order=order), when, user)
        option.save()
        for kind, who, text in points:
            if who is not None and who not in participants:
                continue
            _dated(
                OptionPoint(option=option, participant=participants.get(who), kind=kind, text=text), when, user
            ).save()
    for description, owner, days, promised in HELD["agreements"]:
        member = members.get(owner)
        if owner not in ("client", "worker") and member is None:
            continue
        action = Action(
            client=client,
            created_by=user,
            description=description,
            owner_kind=owner if owner in ("client", "worker") else "member",
            owner_user=user if owner == "worker" else None,
            owner_member=member,
            due_date=day + timedelta(days=days) if days is not None else None,
        )
        _dated(action, when, user).save()
        if member is not None:
            action.members.set([member])
        _dated(Agreement(meeting=meeting, action=action, support_promised=promised), when, user).save()
        if member is not None and not set(promised) <= set(member.support_received):
            member.support_received = sorted(set(member.support_received) | set(promised))
            member.version += 1
            _dated(member, when, user).save()


def _load_planned(client: Client, user) -> None:
    today = timezone.localdate()
    day = today + timedelta(days=PLANNED["days_ahead"])
    when = timezone.now()
    members = {m.name: m for m in Member.objects.filter(client=client, removed_at__isnull=True)}
    meeting = Meeting(
        client=client,
        created_by=user,
        kind=PLANNED["kind"],
        status="planned",
        date=day,
        start_time=PLANNED["start_time"],
        place=PLANNED["place"],
        question=PLANNED["question"],
        agenda=PLANNED["agenda"],
    )
    _dated(meeting, when, user).save()
    _dated(Participant(meeting=meeting, role="client"), when, user).save()
    _dated(Participant(meeting=meeting, role="worker", user=user), when, user).save()
    for name in PLANNED["people"]:
        if name in members:
            _dated(Participant(meeting=meeting, role="member", member=members[name]), when, user).save()
    for order, description in enumerate(PLANNED["options"], start=1):
        _dated(Option(meeting=meeting, description=description, order=order), when, user).save()
