"""Case consultation (intervisie): the reads, and a frozen pseudonymised case drawn for the page.

The case is drawn from its stored JSON only (see :mod:`kring.insights.pseudonymise`), with the same SVG
renderers as a client's network map and lifeline: roles instead of names, months instead of days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring import policy
from kring.insights.models import Consultation, ConsultationCase, ConsultationStatus
from kring.lifeline import drawing as lifeline_drawing
from kring.lifeline.dates import LifeDate
from kring.lifeline.models import EventKind, EventTone
from kring.lifeline.timeline_svg import TimelineEvent, render_timeline
from kring.network import ecogram as network_ecogram
from kring.network.ecogram_svg import EcogramLink, EcogramMember, render_ecogram
from kring.network.models import Circle, ContactFrequency, LimitReason, MemberStatus, Sector, Support, TieQuality

# What a person is to the client, as a word that can take a number: "zus", "vriend 1".
ROLE_NOUNS = {
    "mother": gettext_lazy("moeder"),
    "father": gettext_lazy("vader"),
    "brother": gettext_lazy("broer"),
    "sister": gettext_lazy("zus"),
    "child": gettext_lazy("kind"),
    "partner": gettext_lazy("partner"),
    "ex_partner": gettext_lazy("ex-partner"),
    "other_family": gettext_lazy("familielid"),
    "friend": gettext_lazy("vriend"),
    "acquaintance": gettext_lazy("kennis"),
    "neighbour": gettext_lazy("buur"),
    "colleague": gettext_lazy("collega"),
    "peer": gettext_lazy("lotgenoot"),
    "faith": gettext_lazy("geloofsgenoot"),
    "club": gettext_lazy("clubgenoot"),
    "professional": gettext_lazy("hulpverlener"),
    "gp": gettext_lazy("huisarts"),
    "other": gettext_lazy("naaste"),
}
STRONG_FREQUENCIES = {"daily", "weekly"}


def role_label(member: dict) -> str:
    noun = str(ROLE_NOUNS.get(member.get("relation"), ROLE_NOUNS["other"]))
    return f"{noun} {member['number']}" if member.get("number") else noun


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def month_label(value: dict | None) -> str:
    """ "maart 2025" (in English "March 2025") from {"year": 2025, "month": 3}; "" when unknown."""
    if not value:
        return ""
    # Django's month names are lower case in Dutch and capitalised in English, as each language writes them.
    return f"{MONTHS[value['month']]} {value['year']}"


@dataclass(frozen=True)
class CaseMemberRow:
    id: int
    label: str
    circle: str
    sector: str
    contact: str
    support: str
    remarks: str


@dataclass(frozen=True)
class CaseEventRow:
    id: int
    date: str
    kind: str
    tone: str
    people: str


@dataclass(frozen=True)
class CaseView:
    case: ConsultationCase
    facts: list[str]
    members: list[CaseMemberRow]
    events: list[CaseEventRow]
    ecogram: str
    lifeline: str


def _ecogram_member(member: dict) -> EcogramMember:
    return EcogramMember(
        id=member["id"],
        label=capfirst(role_label(member)),
        sector=member["sector"],
        circle=member["circle"],
        tie_quality=member["tie_quality"],
        status=member["status"],
        strong=member["tie_quality"] == "supportive"
        and member.get("contact_frequency") in STRONG_FREQUENCIES
        and member["status"] == "active",
        support_received=frozenset(member.get("support_received", ())),
        support_given=frozenset(member.get("support_given", ())),
        emergency_contact=bool(member.get("emergency_contact")),
        abroad=bool(member.get("abroad")),
        deceased=bool(member.get("deceased")),
    )


def _member_row(member: dict) -> CaseMemberRow:
    contact = [_label(TieQuality, member["tie_quality"]), _label(ContactFrequency, member.get("contact_frequency"))]
    if member["status"] != "active":
        contact.append(_label(MemberStatus, member["status"]))
        if member.get("limit_reason"):
            contact.append(_label(LimitReason, member["limit_reason"]).lower())
    support = []
    if member.get("support_received"):
        support.append(
            _("cliënt krijgt: %(kinds)s")
            % {"kinds": ", ".join(_label(Support, s).lower() for s in member["support_received"])}
        )
    if member.get("support_given"):
        support.append(
            _("cliënt geeft: %(kinds)s")
            % {"kinds": ", ".join(_label(Support, s).lower() for s in member["support_given"])}
        )
    remarks = [
        text
        for flag, text in (
            ("emergency_contact", _("noodcontact")),
            ("abroad", _("woont in het buitenland")),
            ("deceased", _("overleden")),
        )
        if member.get(flag)
    ]
    return CaseMemberRow(
        id=member["id"],
        label=capfirst(role_label(member)),
        circle=_label(Circle, member["circle"]),
        sector=_label(Sector, member["sector"]),
        contact=", ".join(c for c in contact if c),
        support="; ".join(support),
        remarks=", ".join(remarks),
    )


def _event_date(event: dict) -> str:
    return lifeline_drawing.life_date_label(LifeDate(event["year"], event.get("month"), bool(event.get("approximate"))))


def case_view(case: ConsultationCase, *, id_prefix: str) -> CaseView:
    """Everything the page shows of a case, from its frozen JSON alone."""
    data = case.case or {}
    members = data.get("members", [])
    labels = {m["id"]: role_label(m) for m in members}
    client = data.get("client", {})
    facts = []
    if client.get("age_band"):
        low, high = client["age_band"]
        facts.append(_("Leeftijd: tussen %(low)s en %(high)s jaar") % {"low": low, "high": high})
    if client.get("in_care_since"):
        facts.append(_("In begeleiding sinds %(month)s") % {"month": month_label(client["in_care_since"])})
    if data.get("made"):
        facts.append(_("Casus gemaakt in %(month)s") % {"month": month_label(data["made"])})

    ecogram = render_ecogram(
        [_ecogram_member(m) for m in members],
        [EcogramLink(link["a"], link["b"], link["kind"]) for link in data.get("links", [])],
        network_ecogram.texts(_("de cliënt"), len(members)),
        id_prefix=f"{id_prefix}-ecogram",
    )
    # Member groups are always id="member-<n>": give each case its own, for a page with more than one.
    ecogram = ecogram.replace('id="member-', f'id="{id_prefix}-member-')

    events, rows = [], []
    for event in data.get("events", []):
        people = [labels[p] for p in event.get("people", []) if p in labels]
        people_text = lifeline_drawing.people_text(people)
        when, kind = _event_date(event), _label(EventKind, event["kind"])
        tone = _label(EventTone, event["tone"])
        events.append(
            TimelineEvent(
                id=event["id"],
                year=event["year"],
                month=event.get("month"),
                tone=event["tone"],
                approximate=bool(event.get("approximate")),
                date_label=when,
                title=kind,
                people=people_text,
                tooltip=f"{when}: {kind} ({tone.lower()}) {people_text}".strip(),
            )
        )
        rows.append(CaseEventRow(id=event["id"], date=when, kind=kind, tone=tone, people=people_text))
    lifeline = ""
    if events:
        text = lifeline_drawing.texts(events, client_label=None, birth_year=None)
        lifeline = render_timeline(events, text, id_prefix=f"{id_prefix}-lifeline")
    return CaseView(
        case=case,
        facts=facts,
        members=[_member_row(m) for m in members],
        events=rows,
        ecogram=ecogram,
        lifeline=lifeline,
    )


# --- reads, scoped to the user -----------------------------------------------------------------------


def consultations_for(user):
    """The consultations of the user's teams, newest first, with their team and number of cases."""
    return (
        Consultation.objects.filter(team__in=policy.insight_teams(user))
        .select_related("team")
        .annotate(case_count=Count("cases"))
    )


def split(consultations, *, today: date | None = None) -> tuple[list, list]:
    """(upcoming: planned from today on, soonest first; past: everything else, newest first)."""
    today = today or timezone.localdate()
    upcoming, past = [], []
    for consultation in consultations:
        is_upcoming = (
            consultation.status == ConsultationStatus.PLANNED
            and timezone.localtime(consultation.planned_for).date() >= today
        )
        (upcoming if is_upcoming else past).append(consultation)
    upcoming.sort(key=lambda c: (c.planned_for, c.pk))
    past.sort(key=lambda c: (c.planned_for, c.pk), reverse=True)
    return upcoming, past


def get_consultation_for_user(user, pk, *, write: bool = False) -> Consultation:
    consultation = (
        Consultation.objects.filter(pk=policy.parse_id(pk), team__in=policy.insight_teams(user))
        .select_related("team", "created_by")
        .prefetch_related(
            "attendees", Prefetch("cases", queryset=ConsultationCase.objects.select_related("created_by"))
        )
        .first()
    )
    if consultation is None or (write and not policy.can_manage_team_insights(user, consultation.team)):
        raise Http404
    return consultation


def get_case_for_user(user, pk) -> ConsultationCase:
    case = (
        ConsultationCase.objects.filter(pk=policy.parse_id(pk), consultation__team__in=policy.insight_teams(user))
        .select_related("consultation__team", "created_by")
        .first()
    )
    if case is None:
        raise Http404
    return case
