"""Writes and exports of the exchange: the FHIR export and import, erasure (art. 17) and the retention
period. Each checks the access policy, and writes its access-log row in the same transaction."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kring import policy
from kring.accounts.models import Organisation, Team
from kring.audit.log import Actor, log
from kring.clients import consent as consent_rules
from kring.clients.models import Client, ClientStatus, ConsentPurpose
from kring.clients.services import ClientData, client_create
from kring.exchange import fhir, records
from kring.exchange.network import ImportRefused, create_network, network_data
from kring.network.models import Relation

GONE = (ClientStatus.LEFT, ClientStatus.TRANSFERRED)


class ExportRefused(Exception):
    """The network may not leave Kring now; the message says why."""


# --- FHIR export ------------------------------------------------------------------------------------------


def export_network(*, actor: Actor, client: Client) -> dict:
    """The client's network as a validated FHIR R4B Bundle. Needs the client's consent to share the network
    with another organisation (withdrawn or lapsed consent: nothing leaves)."""
    if not policy.can_export_network(actor.user, client):
        raise PermissionError("This user may not export this client's network.")
    if not consent_rules.has_consent(client, ConsentPurpose.TRANSFER):
        raise ExportRefused(
            _(
                "De cliënt heeft geen geldige toestemming gegeven om het netwerk met een andere organisatie te delen. "
                "Zonder die toestemming gaat het netwerk niet naar buiten."
            )
        )
    network = network_data(client)
    with translation.override("nl"):
        labels = {code: str(label) for code, label in Relation.choices}
    bundle = fhir.to_bundle(network, timestamp=timezone.now(), relation_labels=labels)
    fhir.validate(bundle)
    check_references(bundle)
    log(actor, "exchange.fhir.export", client=client, detail=f"{len(network.members)} members")
    return bundle


def check_references(bundle: dict) -> None:
    """Every RelatedPerson's patient, and every reference in a link or consent, resolves inside the bundle."""
    urls = {entry["fullUrl"] for entry in bundle["entry"]}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "RelatedPerson" and resource["patient"]["reference"] not in urls:
            raise fhir.BundleError("RelatedPerson points outside the bundle.")
        for extension in resource.get("extension", []):
            for part in extension.get("extension", []):
                if "valueReference" in part and part["valueReference"]["reference"] not in urls:
                    raise fhir.BundleError("A link points outside the bundle.")


# --- FHIR import ------------------------------------------------------------------------------------------


@dataclass
class ImportPreview:
    network: fhir.NetworkData
    team: Team
    namesakes: list[Client]


def preview_import(*, actor: Actor, raw: bytes, team: Team) -> ImportPreview:
    """Read the file and say what an import would create; writes nothing. Raises fhir.BundleError."""
    _check_team(actor, team)
    network = fhir.parse(raw)
    namesakes = list(
        policy.clients_visible_to(actor.user).filter(
            team=team, given_name__iexact=network.client.given_name, family_name__iexact=network.client.family_name
        )[:5]
    )
    return ImportPreview(network=network, team=team, namesakes=namesakes)


def _check_team(actor: Actor, team: Team) -> None:
    if not policy.can_import_network(actor.user):
        raise PermissionError("This user may not import a network.")
    if team is None or not policy.teams_for_new_client(actor.user).filter(pk=team.pk).exists():
        raise ValidationError({"team": _("Kies een team waarin je werkt.")})


def import_network(*, actor: Actor, team: Team, network: fhir.NetworkData) -> Client:
    """Create a new client in ``team`` with the whole network, in one transaction: all or nothing."""
    _check_team(actor, team)
    person = network.client
    with transaction.atomic():
        try:
            client = client_create(
                actor=actor,
                data=ClientData(
                    given_name=person.given_name.strip()[:100],
                    family_name=person.family_name.strip()[:150],
                    birth_year=person.birth_year,
                    gender=person.gender,
                    intake_date=timezone.localdate(),
                    team=team,
                    location=team.location,
                ),
            )
        except ValidationError as error:
            problems = " ".join(error.messages)
            raise ImportRefused(
                _("De cliënt in het bestand kan Kring niet opslaan (%(problems)s). Er is niets ingelezen.")
                % {"problems": problems}
            ) from None
        create_network(actor=actor, client=client, network=network)
        log(
            actor,
            "exchange.fhir.create",
            client=client,
            detail=f"{len(network.members)} members, {len(network.links)} links, {len(network.consents)} consents",
        )
    return client


# --- Erasure (art. 17) and the retention period --------------------------------------------------------------


def erase_client(*, actor: Actor, client: Client, reason: str = "request") -> dict[str, int]:
    """Remove the client, their network and every record and history row about them. The access log stays:
    its rows name the client by id only, and the erasure itself is logged there."""
    if not policy.can_handle_data_request(actor.user, client):
        raise PermissionError("This user may not erase this client.")
    with transaction.atomic():
        held = records.holdings(client)
        log(actor, "exchange.client.delete", client=client, detail=f"erasure: {reason}"[:300])
        counts = records.delete_all(held)
    return counts


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def left_on(clients: list[Client]) -> dict[int, date]:
    """Per client who left (status left or transferred): the day they left, from the record's history (the
    first save of the last stretch without status 'active'). One query for all of them."""
    history = Client.history.model
    rows = history.objects.filter(id__in=[c.pk for c in clients]).order_by("id", "history_date", "history_id")
    since: dict[int, date] = {}
    for pk, status, moment in rows.values_list("id", "status", "history_date"):
        if status == ClientStatus.ACTIVE:
            since.pop(pk, None)
        elif pk not in since:
            since[pk] = timezone.localtime(moment).date()
    return {c.pk: since.get(c.pk) or timezone.localtime(c.updated_at).date() for c in clients}


@dataclass
class Expired:
    client: Client
    left_on: date
    erase_after: date


def expired_clients(organisation: Organisation, *, today: date | None = None) -> list[Expired]:
    """Clients of the organisation who left longer ago than its retention period."""
    today = today or timezone.localdate()
    gone = list(Client.objects.filter(organisation=organisation, status__in=GONE).order_by("pk"))
    days = left_on(gone)
    result = []
    for client in gone:
        until = add_months(days[client.pk], organisation.retention_months)
        if until <= today:
            result.append(Expired(client=client, left_on=days[client.pk], erase_after=until))
    return result


def erase_expired(*, actor: Actor, today: date | None = None, dry_run: bool = False) -> list[Expired]:
    """Erase (or, dry run, only list) the clients of the actor's organisation past the retention period."""
    if not policy.is_org_admin(actor.user):
        raise PermissionError("Only an organisation admin erases expired clients.")
    expired = expired_clients(actor.user.organisation, today=today)
    if not dry_run:
        for item in expired:
            erase_client(actor=actor, client=item.client, reason="retention period")
    return expired
