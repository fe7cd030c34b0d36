"""The summary of a meeting with the network: plain data in, the text of the summary out.

One function, :func:`build`, per audience ("participants", "team") and language ("nl", "en"). It reads no
database: :func:`kring.support.meetings.summary_facts` gathers the facts, and this module only words them.

What is said in confidence never gets in. The facts carry no confidential notes at all (there is no field
for them here), and a participant marked confidential is left out with everything they said: what matters
to them, their worries and their pros and cons. The team version adds what only colleagues need (the
agenda, the status of each agreement, the team's notes on it); it holds nothing confidential either:
that stays on the meeting page in Kring, for those who may see it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, time

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring.network.models import Support
from kring.support.models import ActionStatus, MeetingKind, ParticipantRole

AUDIENCES = ("participants", "team")
LANGUAGES = ("nl", "en")


# --- What goes in ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonFacts:
    name: str
    role: str  # a ParticipantRole value
    organisation_name: str = ""
    what_matters: str = ""
    worries: str = ""
    confidential: bool = False
    key: int = 0  # to link pros and cons to the person who gave them


@dataclass(frozen=True)
class PointFacts:
    kind: str  # "pro" or "con"
    text: str
    person_key: int | None = None  # None: no one in particular


@dataclass(frozen=True)
class OptionFacts:
    description: str
    points: tuple[PointFacts, ...] = ()


@dataclass(frozen=True)
class AgreementFacts:
    description: str
    owner_name: str
    owner_is_client: bool = False
    due_date: date | None = None
    support_promised: tuple[str, ...] = ()  # Support values
    status: str = ActionStatus.OPEN
    team_note: str = ""  # the action's note: for the team only


@dataclass(frozen=True)
class MeetingFacts:
    client_name: str
    kind: str  # a MeetingKind value
    day: date
    start_time: time | None = None
    place: str = ""
    by_video: bool = False
    question: str = ""
    agenda: str = ""
    notes: str = ""
    decision_state: str = ""
    decision: str = ""
    decided_on: date | None = None
    think_until: date | None = None
    held: bool = True  # False: a summary of the plan, before the meeting
    people: tuple[PersonFacts, ...] = ()
    options: tuple[OptionFacts, ...] = ()
    agreements: tuple[AgreementFacts, ...] = ()


# --- What comes out ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    title: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str  # stable, for templates and tests: question, people, perspectives, notes, options, decision, ...
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Summary:
    audience: str
    language: str
    title: str
    subtitle: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    footer: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """Plain JSON-able data, to keep the summary exactly as it was handed out (see :meth:`from_dict`)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Summary:
        """The summary :meth:`as_dict` kept; parts a later version of Kring adds read as empty when missing."""
        sections = tuple(
            Section(
                key=section.get("key", ""),
                heading=section.get("heading", ""),
                paragraphs=tuple(section.get("paragraphs", ())),
                items=tuple(
                    Item(item.get("title", ""), tuple(item.get("lines", ()))) for item in section.get("items", ())
                ),
            )
            for section in data.get("sections", ())
        )
        return cls(
            audience=data.get("audience", ""),
            language=data.get("language", ""),
            title=data.get("title", ""),
            subtitle=data.get("subtitle", ""),
            sections=sections,
            footer=tuple(data.get("footer", ())),
        )

    def as_text(self) -> str:
        """The whole summary as plain text (to read aloud, paste into a letter, or search in tests)."""
        lines = [self.title, self.subtitle, ""]
        for section in self.sections:
            lines.append(section.heading)
            lines.extend(section.paragraphs)
            for item in section.items:
                lines.append(f"- {item.title}")
                lines.extend(f"  {line}" for line in item.lines)
            lines.append("")
        lines.extend(self.footer)
        return "\n".join(lines)


# --- Wording -----------------------------------------------------------------------------------------


def build(facts: MeetingFacts, *, audience: str, language: str, shared: bool = False) -> Summary:
    """The summary of ``facts`` for ``audience`` in ``language``; nothing confidential, ever.

    ``shared``: the sheet that is handed out (with the client's consent) says so; a preview does not.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"Unknown audience {audience!r}.")
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}.")
    with translation.override(language):
        return _build(facts, audience=audience, language=language, shared=shared)


def _build(facts: MeetingFacts, *, audience: str, language: str, shared: bool) -> Summary:
    team = audience == "team"
    open_people = [p for p in facts.people if not p.confidential]
    confidential_keys = {p.key for p in facts.people if p.confidential}
    sections = [
        Section(
            "people",
            _("Wie waren erbij") if facts.held else _("Wie doen er mee"),
            items=tuple(Item(_person_label(p)) for p in facts.people),
        ),
    ]
    if facts.question.strip():
        sections.append(Section("question", _("De vraag"), paragraphs=_paragraphs(facts.question)))
    if team and facts.agenda.strip():
        sections.append(Section("agenda", _("Agenda"), paragraphs=_paragraphs(facts.agenda)))
    perspectives = tuple(item for p in open_people if (item := _perspective(p)) is not None)
    if perspectives:
        sections.append(Section("perspectives", _("Wat voor ieder belangrijk is"), items=perspectives))
    if facts.notes.strip():
        sections.append(Section("notes", _("Wat er besproken is"), paragraphs=_paragraphs(facts.notes)))
    options = tuple(_option(o, facts.people, confidential_keys) for o in facts.options)
    if options:
        sections.append(Section("options", _("De mogelijkheden"), items=options))
    sections.append(_decision(facts))
    if facts.agreements:
        sections.append(
            Section("agreements", _("Afspraken"), items=tuple(_agreement(a, team=team) for a in facts.agreements))
        )
    names = {"name": facts.client_name}
    footer = [_("Het besluit ligt bij %(name)s.") % names]
    if team:
        title = _("Verslag voor het team")
        footer.append(
            _(
                "Wat vertrouwelijk is gezegd staat niet in dit verslag. Dat staat alleen bij het gesprek in Kring, "
                "voor wie met %(name)s werkt."
            )
            % names
        )
    else:
        title = _("Verslag van het gesprek met %(name)s") % names
    if shared:
        footer.append(_("Dit verslag is gedeeld met toestemming van %(name)s.") % names)
    return Summary(
        audience=audience,
        language=language,
        title=title,
        subtitle=_subtitle(facts),
        sections=tuple(sections),
        footer=tuple(footer),
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip())


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def _subtitle(facts: MeetingFacts) -> str:
    parts = [str(MeetingKind(facts.kind).label), _day(facts.day)]
    if facts.start_time is not None:
        parts.append(_("om %(time)s") % {"time": facts.start_time.strftime("%H:%M")})
    if facts.place.strip():
        parts.append(facts.place.strip())
    elif facts.by_video:
        parts.append(_("via videobellen"))
    return ", ".join(parts)


def _person_label(person: PersonFacts) -> str:
    if person.role == ParticipantRole.CLIENT:
        return person.name
    role = str(ParticipantRole(person.role).label).lower()
    if person.role == ParticipantRole.MEMBER:
        return person.name
    if person.organisation_name.strip():
        return f"{person.name} ({role}, {person.organisation_name.strip()})"
    return f"{person.name} ({role})"


def _perspective(person: PersonFacts) -> Item | None:
    lines = []
    if person.what_matters.strip():
        lines.append(_("Belangrijk: %(text)s") % {"text": person.what_matters.strip()})
    if person.worries.strip():
        lines.append(_("Zorgen: %(text)s") % {"text": person.worries.strip()})
    return Item(person.name, tuple(lines)) if lines else None


def _option(option: OptionFacts, people, confidential_keys: set[int]) -> Item:
    names = {p.key: p.name for p in people}
    lines = []
    for kind in ("pro", "con"):
        for point in option.points:
            if point.kind != kind or point.person_key in confidential_keys:
                continue
            who = names.get(point.person_key) if point.person_key is not None else None
            if kind == "pro":
                line = (
                    _("Voordeel volgens %(name)s: %(text)s") % {"name": who, "text": point.text}
                    if who
                    else _("Voordeel: %(text)s") % {"text": point.text}
                )
            else:
                line = (
                    _("Nadeel volgens %(name)s: %(text)s") % {"name": who, "text": point.text}
                    if who
                    else _("Nadeel: %(text)s") % {"text": point.text}
                )
            lines.append(line)
    return Item(option.description, tuple(lines))


def _decision(facts: MeetingFacts) -> Section:
    names = {"name": facts.client_name}
    heading = _("Het besluit van %(name)s") % names
    if facts.decision_state == "decided":
        lead = (
            _("%(name)s heeft op %(day)s besloten:") % {**names, "day": _day(facts.decided_on)}
            if facts.decided_on
            else _("%(name)s heeft besloten:") % names
        )
        return Section("decision", heading, paragraphs=(lead, *_paragraphs(facts.decision)))
    if facts.decision_state == "thinking":
        text = _("%(name)s wil er nog over nadenken, tot %(day)s.") % {**names, "day": _day(facts.think_until)}
        return Section("decision", heading, paragraphs=(text,))
    return Section("decision", heading, paragraphs=(_("%(name)s heeft nog geen besluit genomen.") % names,))


def _agreement(agreement: AgreementFacts, *, team: bool) -> Item:
    who = _("%(name)s zelf") % {"name": agreement.owner_name} if agreement.owner_is_client else agreement.owner_name
    lines = [_("Wie: %(name)s") % {"name": who}]
    if agreement.due_date:
        lines.append(_("Wanneer: uiterlijk %(day)s") % {"day": _day(agreement.due_date)})
    else:
        lines.append(_("Wanneer: geen vaste datum"))
    if agreement.support_promised:
        kinds = ", ".join(str(Support(k).label).lower() for k in agreement.support_promised if k in Support.values)
        lines.append(_("Steun: %(kinds)s") % {"kinds": kinds})
    if team:
        lines.append(_("Stand: %(status)s") % {"status": str(ActionStatus(agreement.status).label).lower()})
        if agreement.team_note.strip():
            lines.append(_("Notitie voor het team: %(text)s") % {"text": agreement.team_note.strip()})
    return Item(agreement.description, tuple(lines))
