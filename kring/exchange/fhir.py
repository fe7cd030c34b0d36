"""A client's network as a FHIR R4B Bundle, and back. Pure: plain data in, a JSON-ready dict out, and back.

No Django here but the translation of messages. ``kring.exchange.network`` reads the database into
:class:`NetworkData` and writes an imported :class:`NetworkData` back. ``kring/exchange/FHIR.md``
documents the mapping for the people on the other side.

- One ``Patient`` (minimal: name, gender, birth year), one ``RelatedPerson`` per member, one ``Consent``
  per decision of the client, in a ``transaction`` Bundle: the receiving side can process it atomically.
- The relationship is coded in v3 RoleCode where one fits, with the Dutch zib ContactPerson role where
  one fits, and an emergency contact as v2-0131 ``C``; else it is text only.
- Kring's own facts (circle, sector, support, tie quality, status, …, links between members) are
  extensions under one stable URL base, :data:`STRUCTURE_DEFINITION`. A fact that has a date is a
  complex extension: ``value`` (one or more) and ``since`` (the date the value holds since).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

# Only for the messages: the mapping itself needs no Django.
from django.utils.translation import gettext as _

BASE = "https://kring.example/fhir"
STRUCTURE_DEFINITION = f"{BASE}/StructureDefinition/"
CODE_SYSTEM = f"{BASE}/CodeSystem/"

V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
V2_0131 = "http://terminology.hl7.org/CodeSystem/v2-0131"
ZIB_ROLE = "urn:oid:2.16.840.1.113883.2.4.3.11.22.472"  # Nictiz RolCodelijst (zib ContactPerson.role)
BCP47 = "urn:ietf:bcp:47"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
LOINC = "http://loinc.org"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
V3_ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
V3_PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"

MAX_BYTES = 2 * 1024 * 1024

# Kring relation → v3 RoleCode (personal relationship), only where one fits.
ROLE_CODE = {
    "mother": ("MTH", "mother"),
    "father": ("FTH", "father"),
    "brother": ("BRO", "brother"),
    "sister": ("SIS", "sister"),
    "child": ("CHILD", "child"),
    "partner": ("SIGOTHR", "significant other"),
    "other_family": ("FAMMEMB", "family member"),
    "friend": ("FRND", "unrelated friend"),
    "neighbour": ("NBOR", "neighbor"),
}
RELATION_OF_ROLE_CODE = {code: relation for relation, (code, _display) in ROLE_CODE.items()}
# Kring relation → zib ContactPerson role (RolCodelijst), only where one fits.
ZIB_ROLE_CODE = {
    "friend": ("20", "Vriend(in)/kennis"),
    "acquaintance": ("20", "Vriend(in)/kennis"),
    "neighbour": ("19", "Buur"),
    "professional": ("07", "Hulpverlener"),
    "gp": ("07", "Hulpverlener"),
}
ADMINISTRATIVE_GENDER = {"woman": "female", "man": "male", "non_binary": "other", "other": "other"}
KRING_GENDER = {"female": "woman", "male": "man", "other": "other"}
# Kring consent purpose → v3 PurposeOfUse; Kring's own code goes along for an exact round trip.
PURPOSE_OF_USE = {"contact_member": "SUPNWK", "meeting_summary": "SUPNWK", "transfer": "COC", "research": "HRESCH"}

# The facts of a member that carry the date they hold since, in the order they are written.
DATED_FACTS = (
    "relation",
    "sector",
    "circle",
    "contact_frequency",
    "support_received",
    "support_given",
    "tie_quality",
    "status",
    "emergency_contact",
)
URL_NAME = {
    "relation": "relation",
    "sector": "sector",
    "circle": "circle",
    "contact_frequency": "contact-frequency",
    "support_received": "support-received",
    "support_given": "support-given",
    "tie_quality": "tie-quality",
    "status": "status",
    "emergency_contact": "emergency-contact",
}
FACT_OF_URL = {f"{STRUCTURE_DEFINITION}{name}": fact for fact, name in URL_NAME.items()}


class BundleError(ValueError):
    """A file that cannot be read as a Kring network; the message is for the person who uploaded it."""


@dataclass
class ClientData:
    given_name: str
    family_name: str = ""
    gender: str = ""
    birth_year: int | None = None


@dataclass
class MemberData:
    key: str
    name: str
    relation: str = "other"
    sector: str = ""
    circle: int = 2
    pseudonym: str = ""
    organisation_name: str = ""
    contact_frequency: str = ""
    support_received: list[str] = field(default_factory=list)
    support_given: list[str] = field(default_factory=list)
    tie_quality: str = "supportive"
    status: str = "active"
    limit_reason: str = ""
    emergency_contact: bool = False
    abroad_country: str = ""
    languages: list[str] = field(default_factory=list)
    needs_interpreter: bool = False
    prefers_video: bool = False
    phone: str = ""
    email: str = ""
    deceased: bool = False
    recorded_on: date | None = None
    # fact name (from DATED_FACTS) → the date the current value holds since
    since: dict[str, date] = field(default_factory=dict)


@dataclass
class LinkData:
    a: str
    b: str
    kind: str = "knows"
    since: date | None = None


@dataclass
class ConsentData:
    purpose: str
    decision: str
    decided_on: date
    method: str = "verbal"
    valid_until: date | None = None
    member: str | None = None


@dataclass
class NetworkData:
    client: ClientData
    members: list[MemberData] = field(default_factory=list)
    links: list[LinkData] = field(default_factory=list)
    consents: list[ConsentData] = field(default_factory=list)
    # Resources of other kinds in an imported bundle, left out (the preview says how many).
    skipped: int = 0


# --- to FHIR ---------------------------------------------------------------------------------------------


def _urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _ext(name: str, **value) -> dict:
    return {"url": f"{STRUCTURE_DEFINITION}{name}", **value}


def _fact_values(fact: str, member: MemberData) -> list[dict]:
    value = getattr(member, fact)
    if fact == "circle":
        return [{"url": "value", "valueInteger": value}]
    if fact == "emergency_contact":
        return [{"url": "value", "valueBoolean": value}]
    if fact in ("support_received", "support_given"):
        return [{"url": "value", "valueCode": kind} for kind in value]
    values = [{"url": "value", "valueCode": value}] if value else []
    if fact == "status" and member.limit_reason:
        values.append({"url": "limit-reason", "valueCode": member.limit_reason})
    return values


def _language(code: str) -> dict:
    if code == "other":
        return {"coding": [{"system": f"{CODE_SYSTEM}language", "code": "other"}], "text": "other"}
    return {"coding": [{"system": BCP47, "code": code}]}


def related_person(member: MemberData, *, patient: str, links: list[tuple[str, LinkData]], labels=None) -> dict:
    """One member as a RelatedPerson. ``links``: (fullUrl of the other member, link) for links this one holds."""
    extensions = []
    for fact in DATED_FACTS:
        values = _fact_values(fact, member)
        if not values:
            continue
        since = member.since.get(fact)
        dated = [{"url": "since", "valueDate": since.isoformat()}] if since else []
        extensions.append(_ext(URL_NAME[fact], extension=values + dated))
    for name, value in (("pseudonym", member.pseudonym), ("organisation", member.organisation_name)):
        if value:
            extensions.append(_ext(name, valueString=value))
    for name, flag in (
        ("needs-interpreter", member.needs_interpreter),
        ("prefers-video", member.prefers_video),
        ("deceased", member.deceased),
    ):
        if flag:
            extensions.append(_ext(name, valueBoolean=True))
    if member.recorded_on:
        extensions.append(_ext("recorded", valueDate=member.recorded_on.isoformat()))
    for other, link in links:
        parts = [{"url": "member", "valueReference": {"reference": other}}, {"url": "kind", "valueCode": link.kind}]
        if link.since:
            parts.append({"url": "since", "valueDate": link.since.isoformat()})
        extensions.append(_ext("link", extension=parts))

    codings = []
    if member.relation in ROLE_CODE:
        code, display = ROLE_CODE[member.relation]
        codings.append({"system": V3_ROLE_CODE, "code": code, "display": display})
    if member.relation in ZIB_ROLE_CODE:
        code, display = ZIB_ROLE_CODE[member.relation]
        codings.append({"system": ZIB_ROLE, "code": code, "display": display})
    relationship = {"text": (labels or {}).get(member.relation, member.relation)}
    if codings:
        relationship["coding"] = codings
    relationships = [relationship]
    if member.emergency_contact:
        relationships.append({"coding": [{"system": V2_0131, "code": "C", "display": "Emergency Contact"}]})

    resource = {
        "resourceType": "RelatedPerson",
        "extension": extensions,
        "active": True,
        "patient": {"reference": patient},
        "relationship": relationships,
        "name": [{"text": member.name}],
    }
    telecom = [{"system": s, "value": v} for s, v in (("phone", member.phone), ("email", member.email)) if v]
    if telecom:
        resource["telecom"] = telecom
    if member.abroad_country:
        resource["address"] = [{"country": member.abroad_country}]
    if member.languages:
        resource["communication"] = [{"language": _language(code)} for code in member.languages]
    return resource


def patient(client: ClientData) -> dict:
    name = {"text": f"{client.given_name} {client.family_name}".strip(), "given": [client.given_name]}
    if client.family_name:
        name["family"] = client.family_name
    resource = {"resourceType": "Patient", "name": [name]}
    if client.gender:
        resource["extension"] = [_ext("gender", valueCode=client.gender)]
        resource["gender"] = ADMINISTRATIVE_GENDER.get(client.gender, "unknown")
    if client.birth_year:
        resource["birthDate"] = f"{client.birth_year:04d}"
    return resource


def consent(decision: ConsentData, *, patient_url: str, member_url: str | None) -> dict:
    """given → active + permit; refused → active + deny; withdrawn → inactive + deny."""
    provision = {
        "type": "permit" if decision.decision == "given" else "deny",
        "period": {"start": decision.decided_on.isoformat()},
        "purpose": [
            {"system": V3_ACT_REASON, "code": PURPOSE_OF_USE.get(decision.purpose, "SUPNWK")},
            {"system": f"{CODE_SYSTEM}consent-purpose", "code": decision.purpose},
        ],
    }
    if decision.valid_until:
        provision["period"]["end"] = decision.valid_until.isoformat()
    if member_url:
        provision["actor"] = [
            {
                "role": {"coding": [{"system": V3_PARTICIPATION, "code": "IRCP", "display": "information recipient"}]},
                "reference": {"reference": member_url},
            }
        ]
    return {
        "resourceType": "Consent",
        "extension": [_ext("consent-method", valueCode=decision.method)],
        "status": "inactive" if decision.decision == "withdrawn" else "active",
        "scope": {
            "coding": [
                {"system": CONSENT_SCOPE, "code": "research" if decision.purpose == "research" else "patient-privacy"}
            ]
        },
        "category": [{"coding": [{"system": LOINC, "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": {"reference": patient_url},
        "dateTime": decision.decided_on.isoformat(),
        "performer": [{"reference": patient_url}],
        "policyRule": {"coding": [{"system": V3_ACT_CODE, "code": "OPTIN"}]},
        "provision": provision,
    }


def to_bundle(
    network: NetworkData,
    *,
    timestamp: datetime,
    new_id: Callable[[], str] = _urn,
    relation_labels: dict[str, str] | None = None,
) -> dict:
    """The network as a FHIR R4B transaction Bundle (a dict ready for ``json.dumps``)."""
    patient_url = new_id()
    member_urls = {member.key: new_id() for member in network.members}
    order = {member.key: i for i, member in enumerate(network.members)}
    held: dict[str, list[tuple[str, LinkData]]] = {member.key: [] for member in network.members}
    # A link is written once, on the member that comes first in the bundle, so the bundle is the same
    # whatever ids the database gave the members.
    for link in sorted(network.links, key=lambda link: sorted((order[link.a], order[link.b]))):
        first, second = sorted((link.a, link.b), key=order.__getitem__)
        held[first].append((member_urls[second], link))

    def entry(url: str, resource: dict) -> dict:
        return {"fullUrl": url, "resource": resource, "request": {"method": "POST", "url": resource["resourceType"]}}

    entries = [entry(patient_url, patient(network.client))]
    for member in network.members:
        resource = related_person(member, patient=patient_url, links=held[member.key], labels=relation_labels)
        entries.append(entry(member_urls[member.key], resource))
    for decision in network.consents:
        member_url = member_urls.get(decision.member) if decision.member else None
        entries.append(entry(new_id(), consent(decision, patient_url=patient_url, member_url=member_url)))
    return {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": new_id()},
        "type": "transaction",
        "timestamp": timestamp.isoformat(timespec="seconds"),
        "entry": entries,
    }


def validate(bundle: dict) -> None:
    """Check the bundle against the FHIR R4B structure (``fhir.resources``); raise :class:`BundleError`."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        Bundle.model_validate(bundle)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        raise BundleError(
            _("Het bestand volgt de FHIR-regels niet (bij %(where)s: %(problem)s).")
            % {"where": where or _("het begin"), "problem": first.get("msg", "")}
        ) from None
    except Exception:  # noqa: BLE001 - the library raises KeyError for an unknown resource type, and more
        raise BundleError(_("Het bestand volgt de FHIR-regels niet.")) from None


# --- from FHIR -------------------------------------------------------------------------------------------


def parse(raw: bytes) -> NetworkData:
    """Read an uploaded file as a Kring network: a FHIR R4B transaction Bundle with one Patient.

    Every problem is a :class:`BundleError` with a message in plain Dutch; nothing is half read.
    """
    if len(raw) > MAX_BYTES:
        raise BundleError(too_big_message())
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleError(
            _(
                "Dit bestand kan Kring niet lezen: het is geen geldig JSON-bestand. Kies het bestand dat Kring of een "
                "ander FHIR-systeem heeft gemaakt (het eindigt meestal op .json)."
            )
        ) from None
    try:
        return from_bundle(data)
    except BundleError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        # A shape the FHIR structure allows but Kring did not expect: refuse it whole, never half.
        raise BundleError(_("Kring kan dit FHIR-bestand niet als netwerk lezen. Er is niets ingelezen.")) from None


def too_big_message() -> str:
    return _("Het bestand is te groot. Kring leest netwerken tot %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}


def from_bundle(data) -> NetworkData:
    if not isinstance(data, dict) or "resourceType" not in data:
        raise BundleError(_("Dit is geen FHIR-bestand: het mist het veld ‘resourceType’."))
    if data["resourceType"] != "Bundle":
        raise BundleError(
            _("Dit FHIR-bestand bevat een %(kind)s, geen Bundle. Kring leest een netwerk dat als Bundle is gemaakt.")
            % {"kind": str(data["resourceType"])[:40]}
        )
    if data.get("type") != "transaction":
        raise BundleError(
            _(
                "Dit is een Bundle van het soort ‘%(kind)s’. Kring leest alleen een netwerk dat als ‘transaction’ is "
                "gemaakt, zoals Kring het exporteert."
            )
            % {"kind": str(data.get("type"))[:40]}
        )
    validate(data)

    patients, people, decisions, skipped = [], [], [], 0
    for entry in data.get("entry") or []:
        resource = entry.get("resource") or {}
        kind = resource.get("resourceType")
        if kind == "Patient":
            patients.append((entry, resource))
        elif kind == "RelatedPerson":
            people.append((entry, resource))
        elif kind == "Consent":
            decisions.append((entry, resource))
        else:
            skipped += 1
    if len(patients) != 1:
        raise BundleError(
            _("In het bestand moet precies één cliënt (Patient) staan; Kring vond er %(count)s.")
            % {"count": len(patients)}
        )
    patient_entry, patient_resource = patients[0]
    patient_refs = {patient_entry.get("fullUrl")}
    if patient_resource.get("id"):
        patient_refs.add(f"Patient/{patient_resource['id']}")
    patient_refs.discard(None)

    network = NetworkData(client=_client_of(patient_resource), skipped=skipped)
    keys: dict[str, str] = {}
    for number, (entry, resource) in enumerate(people, start=1):
        if (resource.get("patient") or {}).get("reference") not in patient_refs:
            raise BundleError(
                _(
                    "Naaste %(number)s in het bestand hoort bij iemand anders dan de cliënt in dit bestand (de "
                    "verwijzing naar de cliënt klopt niet). Er is niets ingelezen."
                )
                % {"number": number}
            )
        key = entry.get("fullUrl") or (f"RelatedPerson/{resource['id']}" if resource.get("id") else f"#{number}")
        keys[key] = key
        network.members.append(_member_of(resource, key=key, number=number))
    for member, (_entry, resource) in zip(network.members, people, strict=True):
        for extension in resource.get("extension") or []:
            if extension.get("url") != f"{STRUCTURE_DEFINITION}link":
                continue
            parts = _parts(extension)
            other = (parts.get("member", [{}])[0].get("valueReference") or {}).get("reference")
            if other not in keys or other == member.key:
                raise BundleError(
                    _(
                        "Een verbinding van ‘%(name)s’ verwijst naar iemand die niet in dit bestand staat. "
                        "Er is niets ingelezen."
                    )
                    % {"name": member.name}
                )
            network.links.append(
                LinkData(a=member.key, b=other, kind=_code(parts, "kind") or "knows", since=_date(parts, "since"))
            )
    for number, (_entry, resource) in enumerate(decisions, start=1):
        network.consents.append(_consent_of(resource, number=number, patient_refs=patient_refs, member_keys=keys))
    return network


def _parts(extension: dict) -> dict[str, list[dict]]:
    parts: dict[str, list[dict]] = {}
    for part in extension.get("extension") or []:
        parts.setdefault(part.get("url"), []).append(part)
    return parts


def _code(parts: dict, name: str) -> str:
    values = parts.get(name) or []
    return values[0].get("valueCode", "") if values else ""


def _date(parts: dict, name: str) -> date | None:
    values = parts.get(name) or []
    return parse_date(values[0].get("valueDate")) if values else None


def parse_date(text) -> date | None:
    """A FHIR date (YYYY, YYYY-MM or YYYY-MM-DD) as a date; a year or month counts from its first day."""
    if not text:
        return None
    parts = [int(p) for p in str(text)[:10].split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(*parts[:3])


def _client_of(resource: dict) -> ClientData:
    name = (resource.get("name") or [{}])[0]
    given = " ".join(name.get("given") or []).strip()
    family = (name.get("family") or "").strip()
    if not given:
        given = (name.get("text") or "").strip()
        if family and given.endswith(family):
            given = given[: -len(family)].strip()
    if not given:
        raise BundleError(_("De cliënt in het bestand heeft geen naam. Kring heeft ten minste een roepnaam nodig."))
    gender = ""
    for extension in resource.get("extension") or []:
        if extension.get("url") == f"{STRUCTURE_DEFINITION}gender":
            gender = extension.get("valueCode", "")
    if not gender:
        gender = KRING_GENDER.get(resource.get("gender"), "")
    birth = resource.get("birthDate")
    return ClientData(given_name=given, family_name=family, gender=gender, birth_year=int(birth[:4]) if birth else None)


def _member_of(resource: dict, *, key: str, number: int) -> MemberData:
    name = ((resource.get("name") or [{}])[0].get("text") or "").strip()
    if not name:
        first = (resource.get("name") or [{}])[0]
        name = " ".join([*(first.get("given") or []), first.get("family") or ""]).strip()
    if not name:
        raise BundleError(
            _("Naaste %(number)s in het bestand heeft geen naam. Er is niets ingelezen.") % {"number": number}
        )
    member = MemberData(key=key, name=name)
    found = set()
    for extension in resource.get("extension") or []:
        url = extension.get("url")
        fact = FACT_OF_URL.get(url)
        if fact is not None:
            parts = _parts(extension)
            found.add(fact)
            values = parts.get("value") or []
            if fact == "circle":
                member.circle = values[0].get("valueInteger") if values else member.circle
            elif fact == "emergency_contact":
                member.emergency_contact = bool(values and values[0].get("valueBoolean"))
            elif fact in ("support_received", "support_given"):
                setattr(member, fact, [v.get("valueCode", "") for v in values])
            else:
                setattr(member, fact, values[0].get("valueCode", "") if values else "")
            if fact == "status":
                member.limit_reason = _code(parts, "limit-reason")
            since = _date(parts, "since")
            if since:
                member.since[fact] = since
        elif url == f"{STRUCTURE_DEFINITION}pseudonym":
            member.pseudonym = extension.get("valueString", "")
        elif url == f"{STRUCTURE_DEFINITION}organisation":
            member.organisation_name = extension.get("valueString", "")
        elif url == f"{STRUCTURE_DEFINITION}needs-interpreter":
            member.needs_interpreter = bool(extension.get("valueBoolean"))
        elif url == f"{STRUCTURE_DEFINITION}prefers-video":
            member.prefers_video = bool(extension.get("valueBoolean"))
        elif url == f"{STRUCTURE_DEFINITION}deceased":
            member.deceased = bool(extension.get("valueBoolean"))
        elif url == f"{STRUCTURE_DEFINITION}recorded":
            member.recorded_on = parse_date(extension.get("valueDate"))
    codings = [c for r in resource.get("relationship") or [] for c in r.get("coding") or []]
    if "relation" not in found:
        # Not from Kring: read the relationship from v3 RoleCode where one fits.
        roles = [RELATION_OF_ROLE_CODE.get(c.get("code")) for c in codings if c.get("system") == V3_ROLE_CODE]
        member.relation = next((r for r in roles if r), "other")
    if "emergency_contact" not in found:
        member.emergency_contact = any(c.get("system") == V2_0131 and c.get("code") == "C" for c in codings)
    for telecom in resource.get("telecom") or []:
        if telecom.get("system") == "phone" and not member.phone:
            member.phone = telecom.get("value", "")
        elif telecom.get("system") == "email" and not member.email:
            member.email = telecom.get("value", "")
    for address in resource.get("address") or []:
        if address.get("country"):
            member.abroad_country = address["country"]
            break
    for communication in resource.get("communication") or []:
        codes = [c.get("code") for c in (communication.get("language") or {}).get("coding") or [] if c.get("code")]
        if codes:
            member.languages.append(codes[0])
    return member


def _consent_of(resource: dict, *, number: int, patient_refs: set, member_keys: dict) -> ConsentData:
    provision = resource.get("provision") or {}
    reference = (resource.get("patient") or {}).get("reference")
    if reference and reference not in patient_refs:
        raise BundleError(
            _("Toestemming %(number)s in het bestand hoort bij iemand anders dan de cliënt in dit bestand.")
            % {"number": number}
        )
    purposes = provision.get("purpose") or []
    purpose = next((p.get("code") for p in purposes if p.get("system") == f"{CODE_SYSTEM}consent-purpose"), None)
    if purpose is None:
        raise BundleError(
            _("Bij toestemming %(number)s in het bestand staat niet waarvoor die is.") % {"number": number}
        )
    member = None
    for actor in provision.get("actor") or []:
        reference = (actor.get("reference") or {}).get("reference")
        if reference not in member_keys:
            raise BundleError(
                _("Toestemming %(number)s verwijst naar iemand die niet in dit bestand staat.") % {"number": number}
            )
        member = reference
    if resource.get("status") == "inactive":
        decision = "withdrawn"
    else:
        decision = "given" if provision.get("type") == "permit" else "refused"
    method = next(
        (
            e.get("valueCode", "")
            for e in resource.get("extension") or []
            if e.get("url") == f"{STRUCTURE_DEFINITION}consent-method"
        ),
        "verbal",
    )
    period = provision.get("period") or {}
    decided_on = parse_date(resource.get("dateTime")) or parse_date(period.get("start"))
    if decided_on is None:
        raise BundleError(_("Bij toestemming %(number)s in het bestand staat geen datum.") % {"number": number})
    return ConsentData(
        purpose=purpose,
        decision=decision,
        decided_on=decided_on,
        method=method or "verbal",
        valid_until=parse_date(period.get("end")),
        member=member,
    )
