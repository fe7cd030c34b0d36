"""Fictional consent decisions for the demo clients with a story network (see ``kring.demo.networks``).

They follow the stories: Ahmed agrees to contact with his mother but not with Sandra, who frightens him;
Bianca gives consent for the research and later takes back sharing meeting summaries; Kofi agrees that his
network moves along if he changes shelter. Loaded only for clients without any decision yet, so running the
demo again changes nothing. A decision dated after today is left out (the stories run up to early 2026).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kring.clients.models import Client, Consent
from kring.network.models import Member

# (days after intake, purpose, member name or "", decision, method, valid for days or None, note)
DECISIONS = {
    ("Ahmed", "El Idrissi"): [
        (21, "contact_member", "Moeder Fatiha", "given", "verbal", None, "Graag, via videobellen."),
        (
            35,
            "contact_member",
            "Ex-partner Sandra",
            "refused",
            "verbal",
            None,
            "Sandra stuurt dreigende berichten. Geen contact met haar, ook niet via anderen.",
        ),
        (60, "meeting_summary", "", "given", "written", None, "Verslagen mogen naar zijn broer en moeder."),
        (95, "contact_member", "Broer Youssef", "given", "verbal", 180, "Eerst een half jaar, dan kijken we weer."),
        (150, "research", "", "refused", "verbal", None, "Wil er nu niet over nadenken."),
        (155, "contact_member", "Mo van de moskee", "given", "verbal", None, ""),
    ],
    ("Bianca", "Hoekstra"): [
        (10, "contact_member", "Tante Joke", "given", "verbal", None, ""),
        (
            10,
            "contact_member",
            "Dochter Lisa",
            "refused",
            "verbal",
            None,
            "Nog niet: Bianca wil eerst zelf een brief schrijven.",
        ),
        (20, "meeting_summary", "", "given", "verbal", None, ""),
        (20, "research", "", "given", "signed", 365, "Getekend formulier zit in de map."),
        (
            70,
            "meeting_summary",
            "",
            "withdrawn",
            "verbal",
            None,
            "Na het netwerkberaad: ze wil niet dat Priscilla de verslagen krijgt.",
        ),
        (75, "contact_member", "Vriendin Priscilla", "given", "verbal", None, ""),
    ],
    ("Cor", ""): [
        (
            400,
            "contact_member",
            "Maatje van de inloop",
            "given",
            "verbal",
            None,
            "Mag gebeld worden als Cor wegblijft.",
        ),
    ],
    ("Kofi", "Mensah"): [
        (5, "contact_member", "Pastor Daniel", "given", "verbal", None, ""),
        (30, "contact_member", "Zus Ama", "given", "written", None, "In het Engels, over WhatsApp."),
        (60, "transfer", "", "given", "written", 365, "Als hij naar de opvang in Haarlem gaat, gaat zijn netwerk mee."),
    ],
}


def load(registrar_for) -> int:
    """Add the decisions to story clients that have none yet; return how many were added."""
    added = 0
    today = timezone.localdate()
    for (given, family), decisions in DECISIONS.items():
        client = Client.objects.filter(given_name=given, family_name=family).first()
        if client is None or Consent.objects.filter(client=client).exists():
            continue
        user = registrar_for(client)
        members = {m.name: m for m in Member.objects.filter(client=client)}
        for days, purpose, name, decision, method, valid_days, note in decisions:
            day = client.intake_date + timedelta(days=days)
            member = members.get(name) if name else None
            if day > today or (name and member is None):
                continue
            row = Consent(
                client=client,
                purpose=purpose,
                member=member,
                decision=decision,
                method=method,
                decided_on=day,
                valid_until=day + timedelta(days=valid_days) if valid_days else None,
                note=note,
                recorded_by=user,
            )
            row._history_user = user
            row.full_clean()
            row.save()
            added += 1
    return added
