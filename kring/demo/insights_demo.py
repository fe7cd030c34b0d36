"""A believable, fictional year of taking root: self-assessments, training and case consultations.

Each team of the organisation gets two or three self-assessments over the past year that slowly improve,
its workers followed parts of the training, and there are a few case consultations: some held, with what
the team learned, and one coming up with a pseudonymised case made from a demo client. Everything goes
through the services (so it is validated and in the access log, by the team lead or the admin). Dates
count back from today, so the history stays a year long whenever the demo is loaded. Loaded only when the
organisation has no self-assessment yet, so running the demo again changes nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from kring import policy
from kring.accounts.models import Role
from kring.audit.log import Actor
from kring.clients.models import Client
from kring.insights import services
from kring.insights.models import Condition, ConsultationStatus, SelfAssessment

CONDITIONS = [c.value for c in Condition]  # purpose, training, consultation, room, processes, funding, knowledge

# Per team name: (days ago, levels in the order of CONDITIONS, what we agree on, {condition: note}).
ASSESSMENTS = {
    "Team A": [
        (
            330,
            [2, 1, 1, 1, 2, 1, 1],
            "We volgen met z'n allen de training. Marieke zoekt een plek voor gesprekken met naasten.",
            {},
        ),
        (
            170,
            [3, 2, 2, 1, 2, 1, 2],
            "Elke maand een casus bespreken. Het netwerk komt als vast punt in het teamoverleg.",
            {"room": "De spreekkamer is vaak bezet; op vrijdag kan het wel."},
        ),
        (
            20,
            [3, 3, 3, 2, 3, 1, 2],
            "Nieuwe collega's volgen dagdeel 1 in hun eerste maand. We vragen de directie om vast budget na de pilot.",
            {"funding": "Alleen geld tot de zomer: de pilot loopt af.", "purpose": "Iedereen kan het nu uitleggen."},
        ),
    ],
    "Team B": [
        (300, [2, 1, 1, 2, 1, 1, 1], "Eerst uitzoeken wat netwerkondersteuning voor ons team betekent.", {}),
        (60, [2, 2, 2, 2, 1, 1, 1], "Twee collega's gaan naar de training. Intervisie samen met team A.", {}),
    ],
    "Team C (ambulant)": [
        (200, [1, 1, 1, 3, 1, 1, 1], "We werken bij mensen thuis: de ruimte is er, de rest nog niet.", {}),
        (40, [2, 1, 2, 3, 2, 1, 1], "Aansluiten bij de casusbespreking van team A.", {}),
    ],
}

# Per team name: (days ago, parts) for its workers in order of name, one tuple per worker.
TRAINING = {
    "Team A": [
        (300, ["part_1", "part_2", "part_3", "part_4"]),
        (300, ["part_1", "part_2", "part_3"]),
        (250, ["part_1", "part_2"]),
        (120, ["part_1"]),
    ],
    "Team B": [(90, ["part_1"]), (90, ["part_1", "part_2"])],
}

# (team, days from today, topic, status, what we learned)
CONSULTATIONS = [
    (
        "Team A",
        -240,
        "Hoe begin je over het netwerk?",
        ConsultationStatus.HELD,
        "Begin met een gewone vraag: op wie kun je terugvallen als er iets gebeurt? "
        "Het ecogram helpt om door te vragen.",
    ),
    (
        "Team A",
        -90,
        "Een naaste die te veel doet",
        ConsultationStatus.HELD,
        "Vraag de naaste apart hoe het met hem of haar gaat. Verwijs naar het steunpunt voor naasten.",
    ),
    ("Team A", -30, "Begrenzen: wanneer en hoe?", ConsultationStatus.CANCELLED, ""),
    ("Team A", 12, "Weer contact met familie", ConsultationStatus.PLANNED, ""),
    ("Team B", 26, "Netwerk in een andere taal", ConsultationStatus.PLANNED, ""),
]
CASE_CLIENT = ("Ahmed", "El Idrissi")
CASE_TITLE = "Weer contact met een broer na jaren?"
CASE_QUESTION = (
    "De cliënt wil het contact met zijn broer herstellen, maar is bang voor een nieuwe ruzie. "
    "Hoe bereiden we samen een eerste gesprek voor?"
)


def _manager_of(team, users: dict) -> object | None:
    """The team lead of the team, else an admin of its organisation (the ones who may record insights)."""
    candidates = [u for u in users.values() if u.organisation_id == team.organisation_id]
    for role in (Role.TEAM_LEAD, Role.ORG_ADMIN):
        for user in candidates:
            policy.forget(user)
            if policy.can_manage_team_insights(user, team) and policy.has_role(user, role):
                return user
    return None


def _at(day, hour: int = 14) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load_insights(organisation, teams: dict, users: dict) -> int:
    """Add the history for ``organisation``'s teams (``teams``: name → Team, ``users``: e-mail → User, as in
    :mod:`kring.demo.world`); return how many records were added (0 when it was already there)."""
    if SelfAssessment.objects.filter(organisation=organisation).exists():
        return 0
    today = timezone.localdate()
    added = 0
    own_teams = {name: team for name, team in teams.items() if team.organisation_id == organisation.pk}
    for name, team in own_teams.items():
        manager = _manager_of(team, users)
        if manager is None:
            continue
        actor = Actor.system(manager, reason="demo")
        for days_ago, levels, note, notes in ASSESSMENTS.get(name, []):
            services.assessment_create(
                actor=actor,
                team=team,
                data=services.AssessmentData(
                    assessed_on=today - timedelta(days=days_ago),
                    note=note,
                    levels=dict(zip(CONDITIONS, levels, strict=True)),
                    notes=notes,
                ),
            )
            added += 1
        workers = sorted(
            (u for u in users.values() if u.pk in set(services.team_worker_ids(team))), key=lambda u: u.full_name
        )
        for worker, (days_ago, parts) in zip(workers, TRAINING.get(name, []), strict=False):
            for offset, part in enumerate(parts):
                day = today - timedelta(days=days_ago - 14 * offset)
                services.training_record_add(
                    actor=actor, team=team, data=services.TrainingData(users=[worker], part=part, followed_on=day)
                )
                added += 1
        for team_name, days, topic, status, learned in CONSULTATIONS:
            if team_name != name:
                continue
            consultation = services.consultation_plan(
                actor=actor,
                team=team,
                data=services.ConsultationData(
                    planned_for=_at(today + timedelta(days=days)),
                    topic=topic,
                    status=status,
                    notes=learned,
                    attendees=workers if status == ConsultationStatus.HELD else [],
                ),
            )
            added += 1
            if status == ConsultationStatus.PLANNED:
                added += _bring_case(consultation, workers)
    return added


def _bring_case(consultation, workers) -> int:
    """The story client's key worker brings a pseudonymised case to the team's next consultation."""
    given, family = CASE_CLIENT
    client = Client.objects.filter(
        organisation_id=consultation.organisation_id, team=consultation.team, given_name=given, family_name=family
    ).first()
    if client is None:
        return 0
    bringer = next((u for u in client.key_workers.all() if u in workers), None)
    if bringer is None:
        return 0
    services.case_create(
        actor=Actor.system(bringer, reason="demo"),
        consultation=consultation,
        client=client,
        title=CASE_TITLE,
        question=CASE_QUESTION,
    )
    return 1
