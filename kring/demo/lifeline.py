"""Fictional lifelines for the demo clients that have a story network (see ``kring.demo.networks``).

Each event names the people in it by their name on the network map. Loaded only for clients without any
life event yet, so running the demo again changes nothing. An event dated after today is left out (the
stories run up to early 2026).
"""

from __future__ import annotations

from django.utils import timezone

from kring.clients.models import Client
from kring.lifeline.dates import LifeDate, is_future
from kring.lifeline.models import LifeEvent
from kring.network.models import Member

# (year, month or None, approximate, title, kind, tone, member names)
STORIES = {
    ("Ahmed", "El Idrissi"): [
        (1989, None, True, "Met het gezin naar Kringstad", "housing", "mixed", ["Moeder Fatiha", "Broer Youssef"]),
        (1997, 6, False, "Diploma van de mts", "work", "good", ["Moeder Fatiha"]),
        (2004, None, False, "Getrouwd met Sandra", "relationships", "good", ["Ex-partner Sandra"]),
        (2009, None, True, "Moeder terug naar Marokko", "relationships", "hard", ["Moeder Fatiha"]),
        (2016, None, True, "Ruzie met Youssef, daarna geen contact meer", "relationships", "hard", ["Broer Youssef"]),
        (2019, 3, False, "Scheiding van Sandra", "relationships", "hard", ["Ex-partner Sandra"]),
        (2019, 11, False, "Huis kwijt door schulden", "housing", "hard", []),
        (2025, 3, False, "Kamer in de opvang", "housing", "mixed", ["Huisarts"]),
        (2025, 6, False, "Weer contact met Youssef", "relationships", "good", ["Broer Youssef", "Moeder Fatiha"]),
        (2026, 1, False, "Begonnen bij de fietsenwerkplaats", "work", "good", ["Collega fietsenwerkplaats"]),
    ],
    ("Bianca", "Hoekstra"): [
        (2008, None, True, "Bij tante Joke gaan wonen", "housing", "mixed", ["Tante Joke"]),
        (2009, None, False, "Diploma vmbo", "work", "good", []),
        (2012, 4, False, "Dochter Lisa geboren", "relationships", "good", ["Dochter Lisa"]),
        (2014, None, True, "Vriendschap met Priscilla", "relationships", "good", ["Vriendin Priscilla"]),
        (2018, None, False, "Depressie, veel alleen thuis", "health", "hard", ["Vriendin Priscilla"]),
        (2020, 2, False, "Lisa gaat bij haar vader wonen", "relationships", "hard", ["Dochter Lisa"]),
        (2024, None, True, "Huis uit gezet", "housing", "hard", []),
        (2025, 9, False, "In de vrouwenopvang", "housing", "mixed", ["Tante Joke"]),
        (2025, 11, False, "Rob leren kennen bij de inloop", "relationships", "good", ["Ervaringsdeskundige Rob"]),
    ],
    ("Cor", ""): [
        (1974, None, False, "Van school, aan het werk in de haven", "work", "good", []),
        (1981, None, True, "Getrouwd", "relationships", "good", []),
        (1999, None, False, "Vrouw overleden", "loss", "hard", []),
        (2001, None, True, "Baan kwijt, begonnen met drinken", "work", "hard", []),
        (2010, None, True, "Jaren op straat geleefd", "housing", "hard", []),
        (2023, 10, False, "Maatje leren kennen bij de inloop", "relationships", "good", ["Maatje van de inloop"]),
        (2024, 11, False, "Plek in de opvang", "housing", "mixed", ["Maatje van de inloop"]),
    ],
    ("Kofi", "Mensah"): [
        (2005, None, True, "Naar Nederland gekomen", "housing", "mixed", []),
        (2006, None, False, "Zus Ama terug naar Ghana", "relationships", "hard", ["Zus Ama"]),
        (2008, 9, False, "Werk in de kassen gevonden", "work", "good", []),
        (2012, None, True, "Lid geworden van de kerk van pastor Daniel", "relationships", "good", ["Pastor Daniel"]),
        (2019, 5, False, "Werk en kamer kwijt", "work", "hard", []),
        (2021, None, True, "Verblijfspapieren geregeld", "justice", "good", ["Pastor Daniel"]),
        (2025, 7, False, "In de opvang gekomen", "housing", "hard", []),
        (2025, 8, False, "Voetballen bij de buurtclub", "relationships", "good", ["Teamgenoot voetbal"]),
    ],
}


def load(registrar_for) -> int:
    """Add the story lifelines to demo clients without life events; return how many events were added."""
    added = 0
    today = timezone.localdate()
    for (given, family), events in STORIES.items():
        client = Client.objects.filter(given_name=given, family_name=family).first()
        if client is None or LifeEvent.objects.filter(client=client).exists():
            continue
        user = registrar_for(client)
        members = {m.name: m for m in Member.objects.filter(client=client)}
        for year, month, approximate, title, kind, tone, names in events:
            if is_future(LifeDate(year, month, approximate), today=today):
                continue
            event = LifeEvent(
                client=client,
                title=title,
                kind=kind,
                tone=tone,
                year=year,
                month=month,
                approximate=approximate,
                created_by=user,
            )
            event.full_clean()
            event._history_user = user
            event.save()
            event.members.set([members[name] for name in names if name in members])
            added += 1
    return added
