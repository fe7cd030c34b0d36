"""Fictional actions and network reviews for the demo clients with a story network."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kring.clients.models import Client
from kring.network.models import Member
from kring.support.models import Action, ActionStatus, Review

# (client, description, owner: "worker" / "client" / a member's name, days from today (None: no date),
#  members it is about, status)
ACTIONS = {
    ("Ahmed", "El Idrissi"): [
        ("Samen een videobel-afspraak met moeder Fatiha plannen", "worker", 3, ["Moeder Fatiha"], "open"),
        ("Ahmed schrijft op wat hij broer Youssef wil zeggen", "client", -4, ["Broer Youssef"], "open"),
        ("Moeder Fatiha vraagt of oom Driss wil helpen met verhuizen", "Moeder Fatiha", 21, [], "open"),
        ("Ahmed meldt zich bij het buurthuis voor de kookavond", "client", None, [], "open"),
        ("Afspraak schuldhulp afronden", "worker", -40, [], "done"),
    ],
    ("Bianca", "Hoekstra"): [
        ("Brief aan dochter Lisa samen nalezen", "worker", -2, ["Dochter Lisa"], "open"),
        ("Tante Joke bellen over logeren in het weekend", "client", 6, ["Tante Joke"], "open"),
    ],
    ("Kofi", "Mensah"): [
        ("Kofi vraagt zus Ama mee naar het netwerkberaad", "client", 10, ["Zus Ama"], "open"),
    ],
}

# (client, days ago, note, days until the next review)
REVIEWS = {
    ("Ahmed", "El Idrissi"): [
        (200, "Moeder Fatiha is dichterbij gekomen. Ahmed wil broer Youssef weer zien, maar nog niet nu.", 90),
        (100, "Contact met moeder loopt via videobellen. Ex-partner Sandra blijft begrensd.", 90),
    ],
    ("Bianca", "Hoekstra"): [(80, "Bianca wil weer contact met dochter Lisa. Tante Joke helpt daarbij.", 60)],
}


def load(registrar_for) -> int:
    """Add the demo actions and reviews to clients that have none yet; return how many were added."""
    added = 0
    today = timezone.localdate()
    for (given, family), rows in ACTIONS.items():
        client = Client.objects.filter(given_name=given, family_name=family).first()
        if client is None or Action.objects.filter(client=client).exists():
            continue
        user = registrar_for(client)
        members = {m.name: m for m in Member.objects.filter(client=client)}
        for description, owner, days, about, status in rows:
            owner_kind = owner if owner in ("worker", "client") else "member"
            action = Action(
                client=client,
                created_by=user,
                description=description,
                owner_kind=owner_kind,
                owner_user=user if owner_kind == "worker" else None,
                owner_member=members.get(owner) if owner_kind == "member" else None,
                due_date=today + timedelta(days=days) if days is not None else None,
                status=status,
                closed_at=timezone.now() if status != ActionStatus.OPEN else None,
            )
            action._history_user = user
            action.save()
            action.members.set([members[name] for name in about if name in members])
            added += 1
    for (given, family), rows in REVIEWS.items():
        client = Client.objects.filter(given_name=given, family_name=family).first()
        if client is None or Review.objects.filter(client=client).exists():
            continue
        user = registrar_for(client)
        for days_ago, note, next_in in rows:
            day = today - timedelta(days=days_ago)
            next_on = day + timedelta(days=next_in)
            review = Review(client=client, created_by=user, date=day, note=note, next_review_on=next_on)
            review._history_user = user
            review.save()
            added += 1
    return added
