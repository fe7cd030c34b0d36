"""Glue between the network records and the pure ecogram core: translated texts and plain data."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache, partial

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.network.compare import Change
from kring.network.ecogram_svg import EcogramLink, EcogramMember, EcogramText, render_ecogram
from kring.network.layout import Layout, NodeIn, layout_ecogram
from kring.network.models import Circle, ContactFrequency, Member, MemberStatus, Sector

# Labels large enough to read on a tablet held at arm's length beside the client.
LABEL_FONT_SIZE = 16
STRONG_FREQUENCIES = {ContactFrequency.DAILY, ContactFrequency.WEEKLY}


def display_name(member: Member, *, pseudonyms: bool = False) -> str:
    if not pseudonyms:
        return member.name
    return member.pseudonym or _("Persoon %(number)s") % {"number": member.pk}


def to_ecogram_member(member: Member, *, pseudonyms: bool = False, change: Change | None = None) -> EcogramMember:
    before = change.before if change is not None and change.kind == "moved" else None
    return EcogramMember(
        id=member.pk,
        label=display_name(member, pseudonyms=pseudonyms),
        sector=member.sector,
        circle=member.circle,
        tie_quality=member.tie_quality,
        status=member.status,
        strong=member.tie_quality == "supportive"
        and member.contact_frequency in STRONG_FREQUENCIES
        and member.status == MemberStatus.ACTIVE,
        support_received=frozenset(member.support_received),
        support_given=frozenset(member.support_given),
        emergency_contact=member.emergency_contact,
        abroad=bool(member.abroad_country),
        deceased=member.deceased,
        change=change.kind if change is not None else None,
        previous=(before.sector, before.circle) if before is not None else None,
    )


def _aria(member: EcogramMember, words: dict) -> str:
    """The accessible name of a member's node; ``words``: the labels and words, translated once per drawing."""
    parts = [member.label, words["circles"][member.circle], words["sectors"][member.sector]]
    if member.status != MemberStatus.ACTIVE:
        parts.append(words["statuses"][member.status])
    if member.emergency_contact:
        parts.append(words["emergency"])
    if member.deceased:
        parts.append(words["deceased"])
    if member.change in words["changes"]:
        parts.append(words["changes"][member.change])
    return ", ".join(parts)


def _aria_words() -> dict:
    return {
        "circles": {value: str(label) for value, label in Circle.choices},
        "sectors": {value: str(label) for value, label in Sector.choices},
        "statuses": {value: str(label) for value, label in MemberStatus.choices},
        "emergency": _("noodcontact"),
        "deceased": _("overleden"),
        "changes": {"removed": _("niet meer in het netwerk"), "added": _("nieuw"), "moved": _("verplaatst")},
    }


def texts(client_label: str, count: int) -> EcogramText:
    return EcogramText(
        title=_("Netwerkkaart van %(name)s") % {"name": client_label},
        description=ngettext(
            "%(name)s in het midden, met %(count)s persoon in drie cirkels: heel dichtbij, dichtbij en wat verder "
            "weg. De tabel onder de kaart geeft dezelfde informatie.",
            "%(name)s in het midden, met %(count)s mensen in drie cirkels: heel dichtbij, dichtbij en wat verder "
            "weg. De tabel onder de kaart geeft dezelfde informatie.",
            count,
        )
        % {"name": client_label, "count": count},
        client_label=client_label,
        sector_labels={value: str(label) for value, label in Sector.choices},
        circle_labels={value: str(label) for value, label in Circle.choices},
        legend={
            "supportive": _("Sterk en steunend contact"),
            "weak": _("Minder sterk contact"),
            "dormant": _("Verwaterd contact"),
            "restore": _("Cliënt wil contact herstellen"),
            "mixed": _("Wisselend contact"),
            "stressful": _("Moeizaam contact of conflict"),
            "limited": _("Begrensd: geen contact zonder de cliënt"),
            "direction": _("Pijl: richting van de steun"),
            "emergency": _("Noodcontact"),
            "abroad": _("Woont in het buitenland"),
            "deceased": _("Overleden"),
            "link_knows": _("Kennen elkaar"),
            "link_conflict": _("Conflict tussen hen"),
            "added": _("Nieuw in deze periode"),
            "removed": _("Niet meer in het netwerk"),
            "moved": _("Verplaatst"),
            "changed": _("Contact of status veranderd"),
        },
        member_aria=partial(_aria, words=_aria_words()),
    )


def layout_for(members: Iterable[Member], *, pseudonyms: bool = False) -> Layout:
    # The layout does not depend on the order of the nodes; sorting makes equal networks share a cache entry.
    nodes = tuple(
        sorted(
            (
                NodeIn(id=m.pk, label=display_name(m, pseudonyms=pseudonyms), sector=m.sector, circle=m.circle)
                for m in members
            ),
            key=lambda node: node.id,
        )
    )
    return _cached_layout(nodes)


@lru_cache(maxsize=256)
def _cached_layout(nodes: tuple[NodeIn, ...]) -> Layout:
    """The layout is a pure function of the nodes: the page, its redraws and a drop share one computation."""
    return layout_ecogram(nodes, font_size=LABEL_FONT_SIZE)


def draw(
    members: list[Member],
    links: list[tuple[int, int, str]],
    *,
    client_label: str,
    href: Callable[[int], str] | None = None,
    changes: dict[int, Change] | None = None,
    pseudonyms: bool = False,
    standalone: bool = False,
) -> str:
    """The ecogram SVG for these members and links (with compare markings when ``changes`` is given)."""
    changes = changes or {}
    drawn = [to_ecogram_member(m, pseudonyms=pseudonyms, change=changes.get(m.pk)) for m in members]
    return render_ecogram(
        drawn,
        [EcogramLink(a, b, kind) for a, b, kind in links],
        texts(client_label, sum(1 for m in drawn if m.change != "removed")),
        href=href,
        layout=layout_for(members, pseudonyms=pseudonyms),
        standalone=standalone,
    )
