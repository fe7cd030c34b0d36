from dataclasses import dataclass

from django import template
from django.utils.translation import gettext as _

from kring.measures.network_measures import share
from kring.network.models import (
    Circle,
    ContactFrequency,
    LimitReason,
    MemberStatus,
    Relation,
    Sector,
    Support,
    TieQuality,
)

register = template.Library()
_SUPPORT_LABELS = dict(Support.choices)


@register.filter
def support_labels(codes):
    """Support codes as their (lower-case) labels, in the order of the list of support types."""
    return [str(_SUPPORT_LABELS[c]).lower() for c in Support.values if c in (codes or [])]


@register.filter
def tie_label(code):
    return str(dict(TieQuality.choices).get(code, code)).lower()


@register.filter
def status_label(code):
    return str(dict(MemberStatus.choices).get(code, code)).lower()


@register.filter
def support_summary(member):
    """What the member gives the client and the client gives them, in one short line; "—" for nothing."""
    return _support_summary(member.support_received, member.support_given, _support_texts())


def _support_texts() -> tuple[dict[str, str], str, str]:
    """The lower-case support labels and the two sentence parts, translated once per table."""
    labels = {code: str(label).lower() for code, label in Support.choices}
    return labels, _("krijgt: %(what)s"), _("geeft: %(what)s")


def _support_summary(received, given, texts) -> str:
    labels, received_text, given_text = texts
    received = [labels[c] for c in labels if c in (received or [])]
    given = [labels[c] for c in labels if c in (given or [])]
    parts = []
    if received:
        parts.append(received_text % {"what": ", ".join(received)})
    if given:
        parts.append(given_text % {"what": ", ".join(given)})
    return "; ".join(parts) or "—"


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One row of the member table, every cell as the text it shows."""

    pk: int
    name: str
    href: str  # "" when the name is not a link
    limited: bool
    emergency_contact: bool
    deceased: bool
    relation: str
    circle: str
    sector: str
    contact: str
    support: str
    status: str


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices}


def member_rows(members, *, href_base: str = "", pseudonyms: bool = False) -> list[MemberRow]:
    """The member table's rows: the labels translated once per table, not once per cell.

    ``href_base`` + the member's id + "/" is the link of a name; no links with an empty ``href_base`` or
    with pseudonyms. The texts are the same as the models' ``get_FOO_display`` (an unknown value as itself).
    """
    from kring.network.ecogram import display_name

    relations, circles, sectors = _labels(Relation.choices), _labels(Circle.choices), _labels(Sector.choices)
    ties, frequencies = _labels(TieQuality.choices), _labels(ContactFrequency.choices)
    statuses, reasons = _labels(MemberStatus.choices), _labels(LimitReason.choices)
    support_texts = _support_texts()
    rows = []
    for m in members:
        relation = str(relations.get(m.relation, m.relation))
        if m.organisation_name and not pseudonyms:
            relation = f"{relation} ({m.organisation_name})"
        contact = str(ties.get(m.tie_quality, m.tie_quality))
        if m.contact_frequency:
            contact = f"{contact}, {str(frequencies.get(m.contact_frequency, m.contact_frequency)).lower()}"
        limited = m.status == MemberStatus.LIMITED
        status = str(statuses.get(m.status, m.status))
        if limited:
            status = f"{status}: {str(reasons.get(m.limit_reason, m.limit_reason)).lower()}"
        rows.append(
            MemberRow(
                pk=m.pk,
                name=display_name(m, pseudonyms=True) if pseudonyms else m.name,
                href=f"{href_base}{m.pk}/" if href_base and not pseudonyms else "",
                limited=limited,
                emergency_contact=m.emergency_contact,
                deceased=m.deceased,
                relation=relation,
                circle=f"{m.circle} · {circles.get(m.circle, m.circle)}",
                sector=str(sectors.get(m.sector, m.sector)),
                contact=contact,
                support=_support_summary(m.support_received, m.support_given, support_texts),
                status=status,
            )
        )
    return rows


@register.filter
def percent(value):
    """A share as a whole percentage; "—" when it is undefined for this network (as the measures page writes
    it: "< 1%" for a share that is there but rounds to 0%)."""
    return share(value)


@register.filter
def get_circle(per_circle, circle):
    return per_circle.get(circle, 0)


@register.filter
def shown_name(member, pseudonyms=False):
    """The member's name, or their pseudonym (else "Persoon <id>") when the page hides real names."""
    from kring.network.ecogram import display_name

    return display_name(member, pseudonyms=bool(pseudonyms))
