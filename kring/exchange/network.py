"""Between the database and :mod:`kring.exchange.fhir`: a client's network as plain data, and an imported
network written back as a new client. The access policy is checked by the callers (services)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.audit.log import Actor
from kring.clients.models import LANGUAGE_CODES, Client, Consent
from kring.exchange import fhir
from kring.exchange.models import ImportedDates
from kring.network.models import SECTOR_OF_RELATION, Link, Member, MemberStatus, Support

FACT_FIELDS = {
    "relation": ("relation",),
    "sector": ("sector",),
    "circle": ("circle",),
    "contact_frequency": ("contact_frequency",),
    "support_received": ("support_received",),
    "support_given": ("support_given",),
    "tie_quality": ("tie_quality",),
    "status": ("status", "limit_reason"),
    "emergency_contact": ("emergency_contact",),
}
HISTORY_FIELDS = sorted({name for names in FACT_FIELDS.values() for name in names})


class ImportRefused(ValueError):
    """The bundle was read, but Kring cannot store what is in it; the message says what and for whom."""


def _value(source, fact: str):
    get = source.get if isinstance(source, dict) else lambda name: getattr(source, name)
    values = tuple(get(name) for name in FACT_FIELDS[fact])
    if fact in ("support_received", "support_given"):
        return tuple(sorted(values[0] or []))
    return values


def _local_date(moment) -> date:
    return timezone.localtime(moment).date()


def _since(member: Member, rows: list[dict], imported: dict) -> tuple[date, dict[str, date]]:
    """When the member was first recorded, and per fact the date its current value holds since."""
    first = _local_date(rows[0]["history_date"]) if rows else _local_date(member.created_at)
    recorded = fhir.parse_date(imported.get("recorded")) or first
    since = {}
    for fact in fhir.DATED_FACTS:
        current = _value(member, fact)
        start = len(rows)
        while start > 0 and _value(rows[start - 1], fact) == current:
            start -= 1
        if start < len(rows) and start > 0:
            since[fact] = _local_date(rows[start]["history_date"])
        else:
            # Unchanged since the member came into Kring: the date that came along with an import, if any.
            since[fact] = fhir.parse_date(imported.get(fact)) or recorded
    return recorded, since


def network_data(client: Client) -> fhir.NetworkData:
    """The client's current network as plain data, in a fixed order (members by name, consents by date)."""
    members = list(Member.objects.current().filter(client=client).order_by(Lower("name"), "pk"))
    ids = [member.pk for member in members]
    rows_by_member: dict[int, list[dict]] = {pk: [] for pk in ids}
    history = (
        Member.history.filter(id__in=ids)
        .order_by("id", "history_date", "history_id")
        .values("id", "history_date", *HISTORY_FIELDS)
    )
    for row in history:
        rows_by_member[row["id"]].append(row)
    imported = {
        row.member_id: row.dates
        for row in ImportedDates.objects.filter(client=client, member__isnull=False).only("member_id", "dates")
    }
    link_dates = {
        row.link_id: row.dates
        for row in ImportedDates.objects.filter(client=client, link__isnull=False).only("link_id", "dates")
    }
    network = fhir.NetworkData(
        client=fhir.ClientData(
            given_name=client.given_name,
            family_name=client.family_name,
            gender=client.gender,
            birth_year=client.birth_year,
        )
    )
    for member in members:
        recorded, since = _since(member, rows_by_member[member.pk], imported.get(member.pk, {}))
        network.members.append(
            fhir.MemberData(
                key=str(member.pk),
                name=member.name,
                relation=member.relation,
                sector=member.sector,
                circle=member.circle,
                pseudonym=member.pseudonym,
                organisation_name=member.organisation_name,
                contact_frequency=member.contact_frequency,
                support_received=sorted(member.support_received or []),
                support_given=sorted(member.support_given or []),
                tie_quality=member.tie_quality,
                status=member.status,
                limit_reason=member.limit_reason,
                emergency_contact=member.emergency_contact,
                abroad_country=member.abroad_country,
                languages=list(member.languages or []),
                needs_interpreter=member.needs_interpreter,
                prefers_video=member.prefers_video,
                phone=member.phone,
                email=member.email,
                deceased=member.deceased,
                recorded_on=recorded,
                since=since,
            )
        )
    current = set(ids)
    for link in Link.objects.filter(client=client).order_by("pk"):
        if link.member_a_id in current and link.member_b_id in current:
            since = fhir.parse_date(link_dates.get(link.pk, {}).get("since")) or _local_date(link.created_at)
            network.links.append(
                fhir.LinkData(a=str(link.member_a_id), b=str(link.member_b_id), kind=link.kind, since=since)
            )
    for decision in Consent.objects.filter(client=client).order_by("decided_on", "recorded_at", "pk"):
        if decision.member_id is not None and decision.member_id not in current:
            continue  # about someone no longer in the network
        network.consents.append(
            fhir.ConsentData(
                purpose=decision.purpose,
                decision=decision.decision,
                decided_on=decision.decided_on,
                method=decision.method,
                valid_until=decision.valid_until,
                member=str(decision.member_id) if decision.member_id else None,
            )
        )
    return network


# --- writing an imported network ---------------------------------------------------------------------------


def _refuse(what: str, error: ValidationError) -> ImportRefused:
    if hasattr(error, "error_dict"):
        problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    else:
        problems = " ".join(error.messages)
    return ImportRefused(
        _("%(what)s kan Kring niet opslaan (%(problems)s). Er is niets ingelezen.")
        % {
            "what": what,
            "problems": problems,
        }
    )


def _languages(codes: list[str]) -> list[str]:
    """Kring's language codes; a tag from elsewhere (nl-NL) by its language, an unknown one as 'other'."""
    result = []
    for code in codes:
        base = str(code).split("-")[0].lower()
        code = base if base in LANGUAGE_CODES else "other"
        if code not in result:
            result.append(code)
    return result


def create_network(*, actor: Actor, client: Client, network: fhir.NetworkData) -> dict[str, Member]:
    """Write the members, links and consents of an imported network for a new client. Call inside the
    transaction that created the client: any problem raises :class:`ImportRefused` and nothing stays."""
    members: dict[str, Member] = {}
    supports = set(Support.values)
    for member_data in network.members:
        what = _("Naaste ‘%(name)s’") % {"name": member_data.name[:100]}
        unknown = (set(member_data.support_received) | set(member_data.support_given)) - supports
        if unknown:
            raise ImportRefused(
                _("%(what)s heeft een soort steun die Kring niet kent (%(kinds)s). Er is niets ingelezen.")
                % {"what": what, "kinds": ", ".join(sorted(map(str, unknown)))[:200]}
            )
        member = Member(
            client=client,
            name=member_data.name.strip(),
            pseudonym=member_data.pseudonym,
            relation=member_data.relation,
            organisation_name=member_data.organisation_name,
            sector=member_data.sector or SECTOR_OF_RELATION.get(member_data.relation, ""),
            circle=member_data.circle,
            contact_frequency=member_data.contact_frequency,
            support_received=sorted(set(member_data.support_received)),
            support_given=sorted(set(member_data.support_given)),
            tie_quality=member_data.tie_quality or "supportive",
            status=member_data.status or MemberStatus.ACTIVE,
            limit_reason=member_data.limit_reason if member_data.status == MemberStatus.LIMITED else "",
            emergency_contact=member_data.emergency_contact,
            abroad_country=member_data.abroad_country,
            languages=_languages(member_data.languages),
            needs_interpreter=member_data.needs_interpreter,
            prefers_video=member_data.prefers_video,
            phone=member_data.phone,
            email=member_data.email,
            deceased=member_data.deceased,
        )
        try:
            member.full_clean()
        except ValidationError as error:
            raise _refuse(what, error) from None
        member._history_user = actor.user
        member.save()
        members[member_data.key] = member
        dates = {fact: day.isoformat() for fact, day in member_data.since.items()}
        if member_data.recorded_on:
            dates["recorded"] = member_data.recorded_on.isoformat()
        if dates:
            ImportedDates.objects.create(client=client, member=member, dates=dates)

    pairs = set()
    for link_data in network.links:
        low, high = sorted((members[link_data.a], members[link_data.b]), key=lambda m: m.pk)
        if (low.pk, high.pk) in pairs:
            continue
        pairs.add((low.pk, high.pk))
        link = Link(client=client, member_a=low, member_b=high, kind=link_data.kind)
        try:
            link.full_clean()
        except ValidationError as error:
            what = _("De verbinding tussen ‘%(a)s’ en ‘%(b)s’") % {"a": low.name, "b": high.name}
            raise _refuse(what, error) from None
        link._history_user = actor.user
        link.save()
        if link_data.since:
            ImportedDates.objects.create(client=client, link=link, dates={"since": link_data.since.isoformat()})

    for number, consent_data in enumerate(network.consents, start=1):
        decision = Consent(
            client=client,
            purpose=consent_data.purpose,
            member=members.get(consent_data.member) if consent_data.member else None,
            decision=consent_data.decision,
            method=consent_data.method,
            decided_on=consent_data.decided_on,
            valid_until=consent_data.valid_until,
            note=_("Meegekomen met een netwerk uit een ander systeem."),
            recorded_by=actor.user,
        )
        try:
            decision.full_clean()
        except ValidationError as error:
            raise _refuse(_("Toestemming %(number)s") % {"number": number}, error) from None
        decision._history_user = actor.user
        decision.save()
    return members
