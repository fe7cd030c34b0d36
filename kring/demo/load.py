"""Fictional load checks for two naasten in the story networks (kring.demo.networks.STORIES): Ahmed's mother
in Morocco, whose worry eases as Ahmed gets back on his feet, and Bianca's aunt, who gives her a place to sleep
and feels it getting heavier (her latest check is high, so Bianca's page shows a signal).

Dated in days after intake, like the stories, and written with that date in the history. A member who has a
check already is left alone, so loading twice adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kring.clients.models import Client
from kring.network.models import Member
from kring.support.models import LoadCheck

# (client, member name): [(days after intake, heaviness, what they do, what is too much, what would help)]
CHECKS = {
    (("Ahmed", "El Idrissi"), "Moeder Fatiha"): [
        (62, 6, "Belt elke week met Ahmed via video. Maakt zich veel zorgen en slaapt er slecht van.",
         "Dat ze van ver niets kan doen als het slecht gaat.",
         "Eens per maand van de begeleider horen hoe het gaat, met een tolk erbij."),
        (205, 4, "Videobelt elke zondag. Denkt mee over de woning, samen met Youssef.",
         "Soms belt Ahmed 's nachts als hij niet kan slapen.",
         "Afspraak: bellen op zondag, en 's nachts de nachtdienst van de opvang."),
        (330, 3, "Videobelt elke zondag en stuurt foto's van de familie.", "",
         "Zelf praten met andere moeders, in het Arabisch."),
    ],
    (("Bianca", "Hoekstra"), "Tante Joke"): [
        (35, 5, "Bianca slaapt twee nachten per week op haar bank.", "",
         "Weten hoe lang het nog duurt."),
        (90, 7, "Bianca slaapt drie nachten per week bij haar, soms met spullen voor een week.",
         "Nooit een avond alleen in huis. Haar eigen dochter klaagt.",
         "Vaste nachten afspreken, en een plek in de opvang voor de andere nachten."),
        (140, 8, "Bianca woont bijna bij haar. Ze brengt ook de brief naar Lisa.",
         "Dat ze tussen Bianca en Lisa in staat, en geen rust meer heeft.",
         "Een gesprek met z'n drieën over wat Joke wel en niet doet. Steun voor haarzelf als mantelzorger."),
    ],
}  # fmt: skip


def _moment(intake: date, days: int) -> datetime:
    day = min(intake + timedelta(days=days), timezone.localdate())
    return datetime.combine(day, time(16, 0), tzinfo=timezone.get_current_timezone())


def load(registrar_for) -> int:
    """Add the checks to the story members that have none yet; return how many checks were added."""
    added = 0
    for ((given, family), name), checks in CHECKS.items():
        client = Client.objects.filter(given_name=given, family_name=family).first()
        if client is None:
            continue
        member = Member.objects.current().filter(client=client, name=name).first()
        if member is None or LoadCheck.objects.filter(member=member).exists():
            continue
        user = registrar_for(client)
        for days, heaviness, what_they_do, too_much, would_help in checks:
            when = _moment(client.intake_date, days)
            check = LoadCheck(
                client=client,
                member=member,
                created_by=user,
                date=when.date(),
                heaviness=heaviness,
                what_they_do=what_they_do,
                too_much=too_much,
                would_help=would_help,
            )
            check._history_date, check._history_user = when, user
            check.save()
            added += 1
    return added
