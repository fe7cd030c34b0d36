"""Whether the client has given consent for a purpose, today. Fail-closed: no decision means no.

A decision is a ``Consent`` row; the latest per purpose (and member, for contact) counts. Consent given
with an end date lapses after it. Withdrawal is a new row and takes effect at once, everywhere that
asks here: the consent page and its glance on the client overview, the contact warnings and the
network passport all read through this module, never through a stored flag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring.clients.models import Consent, ConsentDecision, ConsentPurpose

# The purposes that are one decision for the whole record; contact is decided per member.
GENERAL_PURPOSES = [p for p in ConsentPurpose if p != ConsentPurpose.CONTACT_MEMBER]

# What a decision means today. "lapsed": given, but the end date has passed.
GIVEN, LAPSED, REFUSED, WITHDRAWN, NOT_ASKED = "given", "lapsed", "refused", "withdrawn", "not_asked"
STATE_ORDER = {GIVEN: 0, LAPSED: 1, REFUSED: 2, WITHDRAWN: 3, NOT_ASKED: 4}


def latest(client, purpose: str, *, member=None) -> Consent | None:
    rows = Consent.objects.filter(client=client, purpose=purpose)
    rows = rows.filter(member=member) if member is not None else rows.filter(member__isnull=True)
    return rows.order_by("-decided_on", "-recorded_at", "-pk").first()


def is_valid(consent: Consent | None, *, today: date | None = None) -> bool:
    """True only for consent given and not past its end date."""
    if consent is None or consent.decision != ConsentDecision.GIVEN:
        return False
    today = today or timezone.localdate()
    return consent.valid_until is None or consent.valid_until >= today


def has_consent(client, purpose: str, *, member=None, today: date | None = None) -> bool:
    return is_valid(latest(client, purpose, member=member), today=today)


def state_of(consent: Consent | None, *, today: date | None = None) -> str:
    if consent is None:
        return NOT_ASKED
    if consent.decision == ConsentDecision.GIVEN:
        return GIVEN if is_valid(consent, today=today) else LAPSED
    return REFUSED if consent.decision == ConsentDecision.REFUSED else WITHDRAWN


def latest_per_key(rows: Iterable[Consent]) -> dict[tuple[str, int | None], Consent]:
    """The deciding row per (purpose, member id) from rows of one client, without further queries."""
    decisive: dict[tuple[str, int | None], Consent] = {}
    for row in rows:
        key = (row.purpose, row.member_id)
        best = decisive.get(key)
        if best is None or _order_key(row) > _order_key(best):
            decisive[key] = row
    return decisive


def _order_key(row: Consent):
    # The same order as ``latest``: the decision date, then when it was recorded, then the id.
    return (row.decided_on, row.recorded_at or timezone.now(), row.pk or 0)


# --- The state at a glance ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GlanceRow:
    """What the client decided about one purpose (and, for contact, one member), as it stands today."""

    purpose: str
    purpose_label: str
    state: str
    member_id: int | None = None
    member_name: str = ""
    member_limited: bool = False
    decided_on: date | None = None
    valid_until: date | None = None
    consent_id: int | None = None

    @property
    def is_given(self) -> bool:
        return self.state == GIVEN

    @property
    def sentence(self) -> str:
        """The state in plain words: 'Ja, tot 1 maart 2027', 'Nee', 'Nog niet gevraagd'."""
        return state_sentence(self.state, decided_on=self.decided_on, valid_until=self.valid_until)


def state_sentence(state: str, *, decided_on: date | None = None, valid_until: date | None = None) -> str:
    if state == GIVEN:
        if valid_until is not None:
            return _("Ja, tot en met %(day)s") % {"day": _day(valid_until)}
        return _("Ja")
    if state == LAPSED:
        return _("Nee: de toestemming liep tot en met %(day)s") % {"day": _day(valid_until)}
    if state == REFUSED:
        return _("Nee: de cliënt wil dit niet")
    if state == WITHDRAWN:
        return _("Nee: ingetrokken op %(day)s") % {"day": _day(decided_on)}
    return _("Nog niet gevraagd (dus nee)")


def _day(day: date) -> str:
    return date_format(day, "j F Y")


@dataclass(frozen=True)
class ContactGroup:
    state: str
    label: str
    names: list[str]


@dataclass(frozen=True)
class ConsentGlance:
    """The client's consent on one screen: one row per general purpose, one per current member."""

    purposes: list[GlanceRow]
    contacts: list[GlanceRow]

    @property
    def rows(self) -> list[GlanceRow]:
        return self.purposes + self.contacts

    @property
    def contact_groups(self) -> list[ContactGroup]:
        """The members grouped by what the client decided about contact with them (given first)."""
        labels = {
            GIVEN: _("Wel contact"),
            LAPSED: _("Toestemming verlopen"),
            REFUSED: _("Geen contact"),
            WITHDRAWN: _("Toestemming ingetrokken"),
            NOT_ASKED: _("Nog niet gevraagd"),
        }
        groups: dict[str, list[str]] = {}
        for row in self.contacts:
            groups.setdefault(row.state, []).append(row.member_name)
        return [ContactGroup(state, labels[state], groups[state]) for state in sorted(groups, key=STATE_ORDER.get)]


def consent_glance(client, *, today: date | None = None) -> ConsentGlance:
    """Every purpose with its state today, and contact per current member. Two queries, whatever the size."""
    from kring.network.models import Member

    today = today or timezone.localdate()
    decisive = latest_per_key(Consent.objects.filter(client=client))
    purposes = [_row(purpose, decisive.get((purpose.value, None)), today) for purpose in GENERAL_PURPOSES]
    contacts = []
    for member in Member.objects.current().filter(client=client).only("pk", "name", "status"):
        consent = decisive.get((ConsentPurpose.CONTACT_MEMBER.value, member.pk))
        contacts.append(_row(ConsentPurpose.CONTACT_MEMBER, consent, today, member=member))
    contacts.sort(key=lambda row: (STATE_ORDER[row.state], row.member_name.lower(), row.member_id))
    return ConsentGlance(purposes=purposes, contacts=contacts)


def _row(purpose, consent: Consent | None, today: date, *, member=None) -> GlanceRow:
    return GlanceRow(
        purpose=str(purpose.value),
        purpose_label=str(purpose.label),
        state=state_of(consent, today=today),
        member_id=member.pk if member is not None else None,
        member_name=member.name if member is not None else "",
        member_limited=bool(member is not None and member.is_limited),
        decided_on=consent.decided_on if consent is not None else None,
        valid_until=consent.valid_until if consent is not None else None,
        consent_id=consent.pk if consent is not None else None,
    )


# --- Warnings before contacting a member -----------------------------------------------------------


def contact_warning(member, *, today: date | None = None) -> str | None:
    """A plain sentence when Kring should not lead to contacting this member; None when it may.

    Limited (begrensd) members always warn, whatever consent says. Otherwise the client must have given
    consent to contact this member, still valid today. One query (for the consent).
    """
    consent = (
        None if member.is_limited or member.deceased else latest(member.client_id, "contact_member", member=member)
    )
    return warning_for(member, consent, today=today)


def contact_warnings(members, *, today: date | None = None) -> dict[int, str]:
    """:func:`contact_warning` for several members of one client, in one query: {member id: sentence}."""
    members = list(members)
    if not members:
        return {}
    rows = Consent.objects.filter(
        client_id=members[0].client_id, purpose="contact_member", member_id__in=[m.pk for m in members]
    )
    decisive = latest_per_key(rows)
    warnings = {}
    for member in members:
        sentence = warning_for(member, decisive.get(("contact_member", member.pk)), today=today)
        if sentence:
            warnings[member.pk] = sentence
    return warnings


def warning_for(member, consent: Consent | None, *, today: date | None = None) -> str | None:
    """The warning for ``member`` given the deciding contact consent (already looked up)."""
    if member.deceased:
        return None  # nobody is led to contact them
    if member.is_limited:
        return _("Begrensd: neem geen contact op zonder overleg met de cliënt.")
    state = state_of(consent, today=today)
    names = {"name": member.name}
    if state == GIVEN:
        return None
    if state == LAPSED:
        return (
            _(
                "De toestemming om contact op te nemen met %(name)s is verlopen. Vraag de cliënt opnieuw voor er "
                "contact wordt opgenomen."
            )
            % names
        )
    if state == REFUSED:
        return _("De cliënt wil niet dat er contact wordt opgenomen met %(name)s.") % names
    if state == WITHDRAWN:
        return _("De cliënt heeft de toestemming om contact op te nemen met %(name)s ingetrokken.") % names
    return (
        _("De cliënt heeft nog geen toestemming gegeven om contact op te nemen met %(name)s. Vraag het eerst.") % names
    )
