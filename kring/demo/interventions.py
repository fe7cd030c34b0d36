"""Fictional interventions, "iets voor een ander" and social-skills practice for the demo clients with a story
network (kring.demo.networks.STORIES), linked to their members by name.

Dated in days after intake, like the network stories, and written with that date in the history. What the
client did for someone adds to that person's "support given", dated after the story's own changes to them, so
the network on any date stays true. Loaded only for clients that have none of these records yet.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kring.clients.models import Client
from kring.network.models import Member
from kring.support.catalogue import ensure_catalogue
from kring.support.models import Contribution, Element, Intervention, InterventionMode, SkillsPractice

# (days after intake, element keys, form key, members, note, outcome)
INTERVENTIONS = {
    ("Ahmed", "El Idrissi"): [
        (7, ["basic_conditions"], "conversation", [],
         "Kennismaking op de nachtopvang. Ahmed vertelt over zijn werk als lasser. Nog geen namen; rustig aan.",
         "not_yet"),
        (21, ["awareness"], "conversation", ["Moeder Fatiha", "Broer Youssef", "Ex-partner Sandra"],
         "Samen het ecogram gemaakt. Moeder Fatiha in Marokko is belangrijk; met Youssef al twee jaar geen contact.",
         "went_well"),
        (35, ["limit"], "conversation", ["Ex-partner Sandra"],
         "Sandra stuurt dreigende berichten. Ahmed wil geen contact; afgesproken dat het team haar niet benadert.",
         "went_well"),
        (60, ["restore"], "video", ["Moeder Fatiha"],
         "Eerste videobelgesprek met moeder vanaf kantoor, met een tolk Arabisch op afstand erbij.",
         "went_well"),
        (95, ["restore", "shared_decisions"], "phone", ["Broer Youssef"],
         "Ahmed belde Youssef zelf, ik zat ernaast. Kort gesprek; over een maand spreken ze elkaar weer.",
         "mixed"),
        (150, ["enlarge"], "together", ["Mo van de moskee"],
         "Samen naar de moskee in de wijk, koffie na het vrijdaggebed. Mo stelde zich voor.",
         "went_well"),
        (200, ["shared_decisions", "restore"], "meeting", ["Moeder Fatiha", "Broer Youssef"],
         "Netwerkberaad: Youssef aan tafel, moeder via video. Ahmed besliste dat Youssef meegaat naar de "
         "woningcorporatie.",
         "went_well"),
        (255, ["basic_conditions"], "phone", ["Schuldhulpverlener"],
         "Laatste afspraak met schuldhulp: de schulden staan in een regeling. Het traject is klaar.",
         "went_well"),
        (300, ["enlarge", "basic_conditions"], "together", ["Collega fietsenwerkplaats"],
         "Mee naar de fietsenwerkplaats voor een proefdag. Ahmed mag twee ochtenden per week komen.",
         "went_well"),
        (320, ["social_skills"], "conversation", ["Broer Youssef"],
         "Voorbereid hoe Ahmed tegen Youssef zegt dat hij zich aan de kant gezet voelde, zonder verwijten.",
         "not_yet"),
    ],
    ("Bianca", "Hoekstra"): [
        (10, ["basic_conditions", "awareness"], "conversation", ["Vriendin Priscilla", "Ervaringsdeskundige Rob"],
         "Bianca noemt Priscilla haar steunpilaar. Rob kent ze van de herstelgroep.",
         "went_well"),
        (40, ["restore"], "conversation", ["Dochter Lisa", "Tante Joke"],
         "Over Lisa gepraat: schaamte omdat ze haar verjaardag miste. Tante Joke kan misschien helpen.",
         "mixed"),
        (70, ["restore", "shared_decisions"], "home_visit", ["Tante Joke"],
         "Bij tante Joke thuis. Joke wil een brief aan Lisa doorgeven; Bianca beslist zelf wanneer.",
         "went_well"),
        (120, ["restore"], "message", ["Dochter Lisa"],
         "Brief aan Lisa samen geschreven en via Joke verstuurd.",
         "not_yet"),
    ],
    ("Cor", ""): [
        (30, ["basic_conditions"], "conversation", ["Maatje van de inloop"],
         "Cor komt elke dag naar de inloop. Het vertrouwen groeit langzaam; hij praat vooral over voetbal.",
         "not_yet"),
        (200, ["enlarge"], "together", ["Maatje van de inloop"],
         "Met zijn maatje naar de biljartclub in het buurthuis. Cor wil volgende week weer.",
         "went_well"),
    ],
    ("Kofi", "Mensah"): [
        (14, ["awareness"], "conversation", ["Zus Ama", "Pastor Daniel"],
         "Ecogram gemaakt, in het Engels. Zus Ama in Ghana belt hij elke maand.",
         "went_well"),
        (30, ["enlarge"], "together", ["Teamgenoot voetbal"],
         "Mee naar de training van de buurtvoetbalclub.",
         "went_well"),
        (75, ["restore"], "video", ["Zus Ama"],
         "Videobellen met Ama, samen met Kofi. Ama wil meedenken over zijn plannen voor werk.",
         "went_well"),
    ],
}  # fmt: skip

# (days after intake, what the client did, for whom, kinds of support, note)
CONTRIBUTIONS = {
    ("Ahmed", "El Idrissi"): [
        (45, "Boodschappen gedaan voor buurman Henk toen die griep had", ["Buurman Henk"], ["practical"], ""),
        (310, "De fiets van Youssefs zoon gemaakt in de werkplaats", ["Broer Youssef"], ["practical"],
         "Youssef stuurde een foto van zijn zoon op de fiets."),
        (330, "Moeder gebeld op haar verjaardag, met foto's van de werkplaats", ["Moeder Fatiha"], ["emotional"], ""),
    ],
    ("Bianca", "Hoekstra"): [
        (50, "Priscilla geholpen met verhuisdozen inpakken", ["Vriendin Priscilla"], ["practical"], ""),
        (100, "In de herstelgroep verteld over haar eigen weg, voor een nieuwe deelnemer", [], ["advice"],
         "Rob vroeg of ze dat vaker wil doen."),
    ],
    ("Cor", ""): [
        (210, "Elke dinsdag koffie gezet en opgeruimd bij de inloop", [], ["practical"], ""),
    ],
    ("Kofi", "Mensah"): [
        (60, "Stoelen klaargezet en vertaald bij de kerkdienst", ["Pastor Daniel"], ["practical"], ""),
    ],
}  # fmt: skip

# (days after intake, situation, what happened, consequence, what was practised, next time, members)
SKILLS = {
    ("Ahmed", "El Idrissi"): [
        (90, "Youssef nam niet op", "Ahmed stuurde vijf spraakberichten achter elkaar, steeds bozer.",
         "Youssef blokkeerde hem een week.",
         "Eén kort bericht: ‘Ik wil je graag spreken, bel je als het uitkomt?’ Samen geoefend en verstuurd.",
         "Een nacht wachten voor hij een tweede bericht stuurt.", ["Broer Youssef"]),
        (280, "Ruzie met een medebewoner over de wasmachine", "Hard tegen elkaar geschreeuwd in de gang.",
         "Een waarschuwing van de opvang.",
         "Zeggen wat hij nodig heeft: ‘Ik heb mijn werkkleren morgen nodig, mag ik na jou?’",
         "Eerst vragen, dan pas boos worden.", []),
    ],
    ("Bianca", "Hoekstra"): [
        (60, "Priscilla zei een afspraak af; Bianca voelde zich afgewezen",
         "Ze reageerde dagen niet meer op berichten.", "Priscilla maakte zich zorgen en belde de opvang.",
         "Zeggen wat ze voelt: ‘Ik baalde ervan. Zullen we iets nieuws plannen?’",
         "Binnen een dag terugappen, ook als ze teleurgesteld is.", ["Vriendin Priscilla"]),
    ],
    ("Kofi", "Mensah"): [
        (90, "De trainer gaf kritiek bij de voetbaltraining", "Kofi liep weg van de training.",
         "Hij durfde een week niet terug te gaan.",
         "Na de training vragen wat de trainer bedoelde, en zeggen dat het hem raakte.",
         "Blijven tot het einde en dan even naar de trainer toe.", ["Teamgenoot voetbal"]),
    ],
}  # fmt: skip


def _moment(intake: date, days: int) -> datetime:
    day = min(intake + timedelta(days=days), timezone.localdate())
    return datetime.combine(day, time(14, 0), tzinfo=timezone.get_current_timezone())


def _dated(record, when: datetime, user):
    record._history_date, record._history_user = when, user
    return record


def _has_records(client: Client) -> bool:
    return any(model.objects.filter(client=client).exists() for model in (Intervention, Contribution, SkillsPractice))


def _add_support_given(member: Member, kinds: list[str], when: datetime, user) -> None:
    if set(kinds) <= set(member.support_given):
        return
    member.support_given = sorted(set(member.support_given) | set(kinds))
    member.version += 1
    _dated(member, when, user).save()


def load(registrar_for) -> int:
    """Add the stories' records to demo clients that have none yet; return how many records were added."""
    added = 0
    for key in sorted(INTERVENTIONS.keys() | CONTRIBUTIONS.keys() | SKILLS.keys()):
        given, family = key
        client = Client.objects.filter(given_name=given, family_name=family).select_related("organisation").first()
        if client is None or _has_records(client):
            continue
        user = registrar_for(client)
        ensure_catalogue(client.organisation)
        elements = {e.key: e for e in Element.objects.filter(organisation=client.organisation)}
        modes = {m.key: m for m in InterventionMode.objects.filter(organisation=client.organisation)}
        members = {m.name: m for m in Member.objects.filter(client=client)}

        def people(names, members=members):
            return [members[name] for name in names if name in members]

        for days, element_keys, mode_key, names, note, outcome in INTERVENTIONS.get(key, []):
            when = _moment(client.intake_date, days)
            record = Intervention(
                client=client, created_by=user, date=when.date(), mode=modes[mode_key], note=note, outcome=outcome
            )
            _dated(record, when, user).save()
            record.elements.set([elements[k] for k in element_keys])
            record.members.set(people(names))
            added += 1
        for days, description, names, kinds, note in CONTRIBUTIONS.get(key, []):
            when = _moment(client.intake_date, days)
            record = Contribution(
                client=client,
                created_by=user,
                date=when.date(),
                description=description,
                support_kinds=kinds,
                note=note,
            )
            _dated(record, when, user).save()
            record.members.set(people(names))
            for member in people(names):
                _add_support_given(member, kinds, when, user)
            added += 1
        for days, situation, happened, consequence, alternative, next_time, names in SKILLS.get(key, []):
            when = _moment(client.intake_date, days)
            record = SkillsPractice(
                client=client,
                created_by=user,
                date=when.date(),
                situation=situation,
                what_happened=happened,
                consequence=consequence,
                alternative=alternative,
                next_time=next_time,
            )
            _dated(record, when, user).save()
            record.members.set(people(names))
            added += 1
    return added
