"""Meetings with the network (triadic work): the plan, what was said, the client's decision, the
agreements (each one an action), and the summaries shared with the client's consent.

Writes first (one function per write: checks the actor may change the client, validates, writes the rows,
their history and the access-log row in one transaction), then reads (every read starts from a client the
caller loaded through :mod:`kring.policy`).

The decision is always the client's: :func:`meeting_decide` takes what the client decided, or until when
the client wants to think; there is no way to name anyone else as the one who decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import consent
from kring.clients.models import Client
from kring.network import services as network_services
from kring.network.models import Member, Support
from kring.support import services as action_services
from kring.support import summary
from kring.support.models import (
    ActionOwner,
    Agreement,
    DecisionState,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Option,
    OptionPoint,
    Participant,
    ParticipantRole,
    SummaryShare,
)
from kring.versioning import ConcurrentEditError as ConcurrentEditError  # views catch it from here
from kring.versioning import claim_version

# A planned meeting may be entered a few days late; further back it was held (or it did not happen).
PLANNED_DAYS_BACK = 7
# How far ahead a meeting can be planned, and how far back a held meeting can still be recorded.
PLANNED_DAYS_AHEAD = 2 * 365
HELD_DAYS_BACK = 365
CONSENT_PURPOSE = "meeting_summary"


class ConsentMissing(Exception):
    """The client has not given (or has withdrawn) consent to share meeting summaries: nothing is shared."""


# --- shared steps ------------------------------------------------------------------------------------


def _save(obj: models.Model, actor: Actor) -> None:
    obj._history_user = actor.user
    obj.save()


def _delete(obj: models.Model, actor: Actor) -> None:
    obj._history_user = actor.user
    obj.delete()


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def _check_can_be_held(meeting: Meeting) -> None:
    """What was said, a decision and agreements belong to a meeting that took place (today or before)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Dit gesprek is niet doorgegaan. Zet het eerst weer op gepland of gehouden."))
    if meeting.date > timezone.localdate():
        raise ValidationError(
            _("Dit gesprek staat op %(day)s en is nog niet geweest. Verander eerst de datum als het eerder was.")
            % {"day": _day(meeting.date)}
        )


def workers_for(client: Client, user):
    """Colleagues who work with the client: workers and team leads of the client's team, and the user."""
    from kring.accounts.models import User

    candidates = policy.key_worker_candidates(user, client.team).values("pk")
    query = Q(pk__in=candidates)
    if policy.can_edit_client(user, client):
        query |= Q(pk=user.pk)
    return User.objects.filter(query, is_active=True).order_by("full_name", "pk")


def members_for(client: Client, meeting: Meeting | None = None):
    """The client's current network (not the deceased), plus anyone already in the meeting who left it since."""
    members = Member.objects.filter(client=client)
    current = Q(removed_at__isnull=True, deceased=False)
    if meeting is not None and meeting.pk is not None:
        current |= Q(meeting_participations__meeting=meeting)
    return members.filter(current).distinct().order_by("name", "pk")


# --- Planning ----------------------------------------------------------------------------------------


@dataclass
class ExternalData:
    name: str
    organisation_name: str = ""
    pk: int | None = None  # an external already in the meeting, kept when editing


@dataclass
class MeetingData:
    kind: str
    date: date
    question: str
    status: str = MeetingStatus.PLANNED
    start_time: time | None = None
    place: str = ""
    video_link: str = ""
    agenda: str = ""
    members: list[Member] = field(default_factory=list)
    workers: list = field(default_factory=list)
    externals: list[ExternalData] = field(default_factory=list)


def _check_date(status: str, day: date | None) -> None:
    today = timezone.localdate()
    if day is None:
        raise ValidationError({"date": _("Vul de datum in.")})
    if status == MeetingStatus.PLANNED:
        if day < today - timedelta(days=PLANNED_DAYS_BACK):
            raise ValidationError(
                {
                    "date": _(
                        "Deze datum ligt te ver terug voor een gepland gesprek. Was het gesprek al? "
                        "Kies dan ‘Het gesprek is al geweest’."
                    )
                }
            )
        if day > today + timedelta(days=PLANNED_DAYS_AHEAD):
            raise ValidationError({"date": _("Deze datum ligt meer dan twee jaar vooruit. Kijk het jaartal na.")})
    elif status == MeetingStatus.HELD:
        if day > today:
            raise ValidationError({"date": _("Deze datum ligt in de toekomst. Een gesprek dat nog komt, is gepland.")})
        if day < today - timedelta(days=HELD_DAYS_BACK):
            raise ValidationError({"date": _("Deze datum ligt meer dan een jaar terug. Kijk het jaartal na.")})


def _check_plan(client: Client, meeting: Meeting, data: MeetingData) -> None:
    errors = {}
    if data.kind not in MeetingKind.values:
        errors["kind"] = _("Kies wat voor gesprek het is.")
    if data.status not in (MeetingStatus.PLANNED, MeetingStatus.HELD):
        errors["status"] = _("Kies of het gesprek nog komt of al geweest is.")
    elif data.status == MeetingStatus.PLANNED and meeting.pk and _has_outcome(meeting):
        errors["status"] = _("Er staat al een besluit of afspraak bij dit gesprek: het is geweest.")
    if not data.question.strip():
        errors["question"] = _("Schrijf op welke vraag er op tafel ligt.")
    if errors:
        raise ValidationError(errors)
    _check_date(data.status, data.date)
    already = set()
    if meeting.pk:
        already = set(meeting.participants.filter(role=ParticipantRole.MEMBER).values_list("member_id", flat=True))
    for member in data.members:
        gone = member.removed_at is not None or member.deceased
        if member.client_id != client.pk or (gone and member.pk not in already):
            raise ValidationError({"members": _("Kies alleen mensen uit het netwerk van deze cliënt.")})
    for user in data.workers:
        if not user.is_active or not policy.can_edit_client(user, client):
            raise ValidationError({"workers": _("Kies alleen collega’s die met deze cliënt werken.")})
    for external in data.externals:
        if not external.name.strip():
            raise ValidationError({"externals": _("Vul de naam in van elke andere professional.")})


def _has_outcome(meeting: Meeting) -> bool:
    return bool(meeting.decision_state) or meeting.agreements.exists()


def _apply_plan(meeting: Meeting, data: MeetingData) -> None:
    meeting.kind = data.kind
    meeting.status = data.status
    meeting.date = data.date
    meeting.start_time = data.start_time
    meeting.place = data.place.strip()
    meeting.video_link = data.video_link.strip()
    meeting.question = data.question.strip()
    meeting.agenda = data.agenda.strip()
    meeting.full_clean()


def _sync_participants(meeting: Meeting, data: MeetingData, actor: Actor) -> None:
    """The client always; the members, colleagues and other professionals as chosen in the form.

    Someone taken off the list leaves with their perspective and their pros and cons (kept in the history).
    In a talk with a naaste apart, what everyone says is confidential until the worker says otherwise.
    """
    apart = meeting.kind == MeetingKind.APART
    existing = list(meeting.participants.all())
    if not any(p.role == ParticipantRole.CLIENT for p in existing):
        _save(Participant(meeting=meeting, role=ParticipantRole.CLIENT, confidential=apart), actor)
    wanted_members = {m.pk: m for m in data.members}
    wanted_workers = {u.pk: u for u in data.workers}
    wanted_externals = {e.pk: e for e in data.externals if e.pk is not None}
    for participant in existing:
        dropped = (participant.role == ParticipantRole.MEMBER and participant.member_id not in wanted_members) or (
            participant.role == ParticipantRole.WORKER and participant.user_id not in wanted_workers
        )
        if dropped:
            _delete(participant, actor)
        elif participant.role == ParticipantRole.EXTERNAL:
            external = wanted_externals.get(participant.pk)
            if external is None:
                _delete(participant, actor)
            elif (participant.name, participant.organisation_name) != (
                external.name.strip(),
                external.organisation_name.strip(),
            ):
                participant.name = external.name.strip()
                participant.organisation_name = external.organisation_name.strip()
                _save(participant, actor)
    present_members = {p.member_id for p in existing if p.role == ParticipantRole.MEMBER}
    present_workers = {p.user_id for p in existing if p.role == ParticipantRole.WORKER}
    present_externals = {p.pk for p in existing if p.role == ParticipantRole.EXTERNAL}
    for pk, member in wanted_members.items():
        if pk not in present_members:
            _save(Participant(meeting=meeting, role=ParticipantRole.MEMBER, member=member, confidential=apart), actor)
    for pk, user in wanted_workers.items():
        if pk not in present_workers:
            _save(Participant(meeting=meeting, role=ParticipantRole.WORKER, user=user, confidential=apart), actor)
    for external in data.externals:
        if external.pk is None or external.pk not in present_externals:
            participant = Participant(
                meeting=meeting,
                role=ParticipantRole.EXTERNAL,
                name=external.name.strip(),
                organisation_name=external.organisation_name.strip(),
                confidential=apart,
            )
            participant.full_clean(exclude=["meeting"])
            _save(participant, actor)


def meeting_create(*, actor: Actor, client: Client, data: MeetingData) -> Meeting:
    policy.require_edit_client(actor.user, client)
    meeting = Meeting(client=client, created_by=actor.user)
    _check_plan(client, meeting, data)
    _apply_plan(meeting, data)
    with transaction.atomic():
        _save(meeting, actor)
        _sync_participants(meeting, data, actor)
        log(actor, "support.meeting.create", client=client, obj=meeting)
    return meeting


def meeting_update(*, actor: Actor, meeting: Meeting, data: MeetingData, expected_version: int | None) -> Meeting:
    client = meeting.client
    policy.require_edit_client(actor.user, client)
    _check_plan(client, meeting, data)
    _apply_plan(meeting, data)
    with transaction.atomic():
        claim_version(meeting, expected_version)
        _save(meeting, actor)
        _sync_participants(meeting, data, actor)
        log(actor, "support.meeting.update", client=client, obj=meeting)
    return meeting


def meeting_cancel(*, actor: Actor, meeting: Meeting, expected_version: int | None) -> Meeting:
    """A planned meeting that does not go ahead. A held meeting cannot be cancelled afterwards."""
    policy.require_edit_client(actor.user, meeting.client)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Alleen een gepland gesprek kan worden afgezegd."))
    meeting.status = MeetingStatus.CANCELLED
    with transaction.atomic():
        claim_version(meeting, expected_version)
        _save(meeting, actor)
        log(actor, "support.meeting.update", client=meeting.client, obj=meeting, detail="cancelled")
    return meeting


def meeting_remove(*, actor: Actor, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Take a meeting off the list (entered by mistake). Kept in the history; its actions stay actions."""
    policy.require_edit_client(actor.user, meeting.client)
    meeting.removed_at = timezone.now()
    with transaction.atomic():
        claim_version(meeting, expected_version)
        _save(meeting, actor)
        log(actor, "support.meeting.delete", client=meeting.client, obj=meeting)
    return meeting


# --- During or after: perspectives and notes --------------------------------------------------------


@dataclass
class PerspectiveData:
    participant: Participant
    what_matters: str = ""
    worries: str = ""
    confidential: bool = False


@dataclass
class RecordData:
    notes: str = ""
    confidential_notes: str = ""
    perspectives: list[PerspectiveData] = field(default_factory=list)


def meeting_record(*, actor: Actor, meeting: Meeting, data: RecordData, expected_version: int | None) -> Meeting:
    """What each participant finds important and worries about, and what was discussed. The meeting is held."""
    client = meeting.client
    policy.require_edit_client(actor.user, client)
    _check_can_be_held(meeting)
    changed = []
    for perspective in data.perspectives:
        participant = perspective.participant
        if participant.meeting_id != meeting.pk:
            raise ValidationError(_("Deze deelnemer hoort niet bij dit gesprek."))
        values = (perspective.what_matters.strip(), perspective.worries.strip(), bool(perspective.confidential))
        if (participant.what_matters, participant.worries, participant.confidential) != values:
            participant.what_matters, participant.worries, participant.confidential = values
            participant.full_clean(exclude=["meeting"])
            changed.append(participant)
    meeting.notes = data.notes.strip()
    meeting.confidential_notes = data.confidential_notes.strip()
    meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    with transaction.atomic():
        claim_version(meeting, expected_version)
        _save(meeting, actor)
        for participant in changed:
            _save(participant, actor)
        log(actor, "support.meeting.update", client=client, obj=meeting, detail="record")
    return meeting


# --- Options with pros and cons ----------------------------------------------------------------------


def _check_open(meeting: Meeting) -> None:
    if meeting.removed_at is not None:
        raise ValidationError(_("Dit gesprek is verwijderd."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Dit gesprek is niet doorgegaan."))


def option_add(*, actor: Actor, meeting: Meeting, description: str) -> Option:
    policy.require_edit_client(actor.user, meeting.client)
    _check_open(meeting)
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Schrijf de mogelijkheid in een paar woorden op.")})
    last = meeting.options.aggregate(last=models.Max("order"))["last"]
    option = Option(meeting=meeting, description=description, order=(last or 0) + 1)
    option.full_clean()
    with transaction.atomic():
        _save(option, actor)
        log(actor, "support.meeting.update", client=meeting.client, obj=meeting, detail=f"option {option.pk} added")
    return option


def option_remove(*, actor: Actor, option: Option) -> None:
    meeting = option.meeting
    policy.require_edit_client(actor.user, meeting.client)
    with transaction.atomic():
        pk = option.pk
        for point in option.points.all():
            _delete(point, actor)
        _delete(option, actor)
        log(actor, "support.meeting.update", client=meeting.client, obj=meeting, detail=f"option {pk} removed")


def point_add(*, actor: Actor, option: Option, participant: Participant | None, kind: str, text: str) -> OptionPoint:
    """A pro or a con of an option, as one participant sees it (or no one in particular)."""
    meeting = option.meeting
    policy.require_edit_client(actor.user, meeting.client)
    _check_open(meeting)
    errors = {}
    if kind not in OptionPoint.Kind.values:
        errors["kind"] = _("Kies: een voordeel of een nadeel.")
    if not text.strip():
        errors["text"] = _("Schrijf het voor- of nadeel op.")
    if participant is not None and participant.meeting_id != meeting.pk:
        errors["participant"] = _("Kies iemand die bij dit gesprek is.")
    if errors:
        raise ValidationError(errors)
    point = OptionPoint(option=option, participant=participant, kind=kind, text=text.strip())
    point.full_clean()
    with transaction.atomic():
        _save(point, actor)
        log(actor, "support.meeting.update", client=meeting.client, obj=meeting, detail=f"point {point.pk} added")
    return point


def point_remove(*, actor: Actor, point: OptionPoint) -> None:
    meeting = point.option.meeting
    policy.require_edit_client(actor.user, meeting.client)
    with transaction.atomic():
        pk = point.pk
        _delete(point, actor)
        log(actor, "support.meeting.update", client=meeting.client, obj=meeting, detail=f"point {pk} removed")


# --- The client's decision ---------------------------------------------------------------------------


@dataclass
class DecisionData:
    """What the client decided, or until when the client wants to think. Deliberately no "who decided"."""

    state: str
    decision: str = ""
    decided_on: date | None = None
    think_until: date | None = None


def meeting_decide(*, actor: Actor, meeting: Meeting, data: DecisionData, expected_version: int | None) -> Meeting:
    client = meeting.client
    policy.require_edit_client(actor.user, client)
    _check_can_be_held(meeting)
    today = timezone.localdate()
    errors = {}
    if data.state == DecisionState.DECIDED:
        if not data.decision.strip():
            errors["decision"] = _("Schrijf op wat de cliënt besloten heeft.")
        if data.decided_on is None:
            errors["decided_on"] = _("Vul in op welke dag de cliënt besloot.")
        elif data.decided_on < meeting.date:
            errors["decided_on"] = _("Deze dag ligt voor het gesprek. Kies de dag van het gesprek of later.")
        elif data.decided_on > today:
            errors["decided_on"] = _("Deze dag ligt in de toekomst. Kies vandaag of eerder.")
    elif data.state == DecisionState.THINKING:
        if data.think_until is None:
            errors["think_until"] = _("Vul in tot wanneer de cliënt wil nadenken, dan kijken jullie het samen na.")
        elif data.think_until <= today:
            errors["think_until"] = _("Kies een dag na vandaag.")
        elif data.think_until > today + timedelta(days=366):
            errors["think_until"] = _("Kies een dag binnen een jaar.")
    else:
        errors["state"] = _("Kies: de cliënt heeft besloten, of wil erover nadenken.")
    if errors:
        raise ValidationError(errors)
    meeting.decision_state = data.state
    if data.state == DecisionState.DECIDED:
        meeting.decision, meeting.decided_on, meeting.think_until = data.decision.strip(), data.decided_on, None
    else:
        meeting.decision, meeting.decided_on, meeting.think_until = "", None, data.think_until
    meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    with transaction.atomic():
        claim_version(meeting, expected_version)
        _save(meeting, actor)
        log(actor, "support.meeting.update", client=client, obj=meeting, detail=f"decision {data.state}")
    return meeting


# --- Agreements: each one an action ------------------------------------------------------------------


@dataclass
class AgreementData:
    description: str
    owner_kind: str  # an ActionOwner value, or "" when nobody was chosen
    owner_user: object = None
    owner_member: Member | None = None
    due_date: date | None = None
    support_promised: list[str] = field(default_factory=list)
    note: str = ""


def agreement_create(*, actor: Actor, meeting: Meeting, data: AgreementData) -> Agreement:
    """Who does what, by when: an action (in Mijn acties and on the Werk tab), and support a member promised
    added to that member in the network, all in one transaction."""
    client = meeting.client
    policy.require_edit_client(actor.user, client)
    _check_can_be_held(meeting)
    errors = {}
    if not data.description.strip():
        errors["description"] = _("Schrijf op wat er is afgesproken.")
    if data.owner_kind not in ActionOwner.values:
        errors["owner"] = _("Kies wie dit gaat doen: de cliënt, iemand die bij het gesprek was, of een begeleider.")
    elif data.owner_kind == ActionOwner.MEMBER and (
        data.owner_member is None
        or not meeting.participants.filter(role=ParticipantRole.MEMBER, member=data.owner_member).exists()
    ):
        errors["owner"] = _("Kies iemand uit het netwerk die bij dit gesprek was.")
    kinds = list(dict.fromkeys(data.support_promised))
    if set(kinds) - set(Support.values):
        errors["support_promised"] = _("Kies een soort steun uit de lijst.")
    elif kinds and data.owner_kind != ActionOwner.MEMBER:
        errors["support_promised"] = _("Alleen een naaste uit het netwerk kan hier steun beloven.")
    if data.due_date is not None and data.due_date < meeting.date:
        errors["due_date"] = _("Deze datum ligt voor het gesprek. Kies een dag erna.")
    if errors:
        raise ValidationError(errors)
    action_data = action_services.ActionData(
        description=data.description,
        owner_kind=data.owner_kind,
        owner_user=data.owner_user,
        owner_member=data.owner_member,
        due_date=data.due_date,
        members=[data.owner_member] if data.owner_member is not None else [],
        note=data.note,
    )
    with transaction.atomic():
        if data.owner_member is not None:
            data.owner_member.client = client
        action = action_services.action_create(actor=actor, client=client, data=action_data)
        agreement = Agreement(meeting=meeting, action=action, support_promised=kinds)
        if meeting.status == MeetingStatus.PLANNED:
            meeting.status = MeetingStatus.HELD
            claim_version(meeting, None)
            _save(meeting, actor)
        _save(agreement, actor)
        log(actor, "support.meeting.update", client=client, obj=meeting, detail=f"agreement {agreement.pk} added")
        if kinds:
            try:
                network_services.add_support_received(actor=actor, member=data.owner_member, kinds=kinds)
            except network_services.ConcurrentEditError:
                raise ValidationError(
                    {
                        "owner": _(
                            "Iemand anders wijzigde net het netwerk. Er is niets opgeslagen; probeer het nog eens."
                        )
                    }
                ) from None
    return agreement


# --- Summaries, shared only with the client's consent ------------------------------------------------


def consent_for_summary(client: Client):
    """The consent row a share would rely on, or None when there is no valid consent today (fail-closed)."""
    row = consent.latest(client, CONSENT_PURPOSE)
    return row if consent.is_valid(row) else None


def summary_share(*, actor: Actor, meeting: Meeting, audience: str, language: str) -> SummaryShare:
    """Record that a summary is handed out (printed or sent), with the consent it relies on."""
    client = meeting.client
    policy.require_edit_client(actor.user, client)
    if audience not in summary.AUDIENCES or language not in summary.LANGUAGES:
        raise ValidationError(_("Kies voor wie het verslag is en in welke taal."))
    with transaction.atomic():
        row = consent_for_summary(client)
        if row is None:
            raise ConsentMissing
        sheet = summary.build(summary_facts(meeting_page(meeting)), audience=audience, language=language, shared=True)
        share = SummaryShare(
            meeting=meeting,
            audience=audience,
            language=language,
            consent=row,
            shared_by=actor.user,
            content=sheet.as_dict(),
        )
        share.save()
        log(
            actor,
            "support.meeting.print",
            client=client,
            obj=meeting,
            detail=f"summary {audience} {language}, share {share.pk}, consent {row.pk}",
        )
    return share


# --- Reads -------------------------------------------------------------------------------------------


def meetings_of(client: Client) -> list[Meeting]:
    """The client's meetings, newest first, with their participants' names: three queries, whatever the size."""
    meetings = (
        Meeting.objects.current()
        .filter(client=client)
        .annotate(
            agreement_count=Count("agreements", filter=Q(agreements__action__removed_at__isnull=True), distinct=True)
        )
        .prefetch_related(Prefetch("participants", queryset=_participants()))
        .order_by("-date", "-pk")  # a query with a count ignores the model's ordering
    )
    return list(meetings)


def _participants():
    return Participant.objects.select_related("member", "user").order_by("pk")


def get_meeting(client: Client, meeting_pk) -> Meeting:
    """A current meeting of this client (loaded by the policy), or 404."""
    meeting = Meeting.objects.current().filter(client=client, pk=policy.parse_id(meeting_pk)).first()
    if meeting is None:
        raise Http404
    meeting.client = client
    return meeting


@dataclass
class OptionView:
    option: Option
    pros: list[OptionPoint]
    cons: list[OptionPoint]


@dataclass
class MeetingPage:
    """Everything the meeting page shows, loaded in a fixed number of queries."""

    meeting: Meeting
    participants: list[Participant]
    options: list[OptionView]
    agreements: list[Agreement]

    @property
    def by_role(self) -> dict[str, list[Participant]]:
        groups: dict[str, list[Participant]] = {}
        for participant in self.participants:
            groups.setdefault(participant.role, []).append(participant)
        return groups

    @property
    def has_record(self) -> bool:
        """Whether anything was written down yet about what was said."""
        meeting = self.meeting
        return bool(meeting.notes or meeting.confidential_notes) or any(
            p.what_matters or p.worries for p in self.participants
        )

    @property
    def has_confidential(self) -> bool:
        return bool(self.meeting.confidential_notes) or any(
            p.confidential and (p.what_matters or p.worries) for p in self.participants
        )


def meeting_page(meeting: Meeting) -> MeetingPage:
    """The meeting with its participants (each with a ``display_name``), options and pros and cons, and
    agreements (each with an ``owner_name``): four queries, however many people and options there are."""
    client = meeting.client
    participants = list(_participants().filter(meeting=meeting))
    for participant in participants:
        participant.display_name = participant_name(participant, client)
    by_pk = {p.pk: p for p in participants}
    options = list(meeting.options.prefetch_related("points"))
    views = []
    for option in options:
        points = list(option.points.all())
        for point in points:
            # The participant is one of those above: no query per point.
            point.participant = by_pk.get(point.participant_id) if point.participant_id else None
        views.append(
            OptionView(
                option,
                pros=[p for p in points if p.kind == OptionPoint.Kind.PRO],
                cons=[p for p in points if p.kind == OptionPoint.Kind.CON],
            )
        )
    agreements = list(
        meeting.agreements.filter(action__removed_at__isnull=True).select_related(
            "action", "action__owner_user", "action__owner_member"
        )
    )
    for agreement in agreements:
        agreement.owner_name = _owner_name(agreement.action, client)
        agreement.support_labels = [
            str(Support(k).label).lower() for k in agreement.support_promised if k in Support.values
        ]
    return MeetingPage(meeting=meeting, participants=participants, options=views, agreements=agreements)


def participant_name(participant: Participant, client: Client) -> str:
    if participant.role == ParticipantRole.CLIENT:
        return client.display_name
    if participant.role == ParticipantRole.MEMBER:
        return participant.member.name
    if participant.role == ParticipantRole.WORKER:
        return str(participant.user)
    return participant.name


def summary_facts(page: MeetingPage) -> summary.MeetingFacts:
    """The facts a summary may word. The confidential notes are not among them, by construction."""
    meeting, client = page.meeting, page.meeting.client
    people = tuple(
        summary.PersonFacts(
            name=p.display_name,
            role=p.role,
            organisation_name=p.organisation_name,
            what_matters=p.what_matters,
            worries=p.worries,
            confidential=p.confidential,
            key=p.pk,
        )
        for p in page.participants
    )
    options = tuple(
        summary.OptionFacts(
            description=view.option.description,
            points=tuple(
                summary.PointFacts(kind=point.kind, text=point.text, person_key=point.participant_id)
                for point in view.pros + view.cons
            ),
        )
        for view in page.options
    )
    agreements = tuple(_agreement_facts(a, client) for a in page.agreements)
    return summary.MeetingFacts(
        client_name=client.display_name,
        kind=meeting.kind,
        day=meeting.date,
        start_time=meeting.start_time,
        place=meeting.place,
        by_video=bool(meeting.video_link),
        question=meeting.question,
        agenda=meeting.agenda,
        notes=meeting.notes,
        decision_state=meeting.decision_state,
        decision=meeting.decision,
        decided_on=meeting.decided_on,
        think_until=meeting.think_until,
        held=meeting.status == MeetingStatus.HELD,
        people=people,
        options=options,
        agreements=agreements,
    )


def _agreement_facts(agreement: Agreement, client: Client) -> summary.AgreementFacts:
    action = agreement.action
    return summary.AgreementFacts(
        description=action.description,
        owner_name=_owner_name(action, client),
        owner_is_client=action.owner_kind == ActionOwner.CLIENT,
        due_date=action.due_date,
        support_promised=tuple(agreement.support_promised),
        status=action.status,
        team_note=action.note,
    )


def _owner_name(action, client: Client) -> str:
    if action.owner_kind == ActionOwner.MEMBER:
        return action.owner_member.name
    if action.owner_kind == ActionOwner.WORKER:
        return str(action.owner_user)
    return client.display_name


def shares_of(meeting: Meeting) -> list[SummaryShare]:
    return list(meeting.shares.select_related("shared_by", "consent").defer("content")[:20])
