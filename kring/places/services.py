"""Writes for places, start points and imports, and for looking for a place together with a client.

Places are not client data: their writes are checked against the organisation, not logged per client.
Everything in "samen op zoek" is client data: each write checks ``policy.can_edit_client`` and writes its
access-log row in the same transaction. A suggestion becomes an action through ``support.services``; a
person met becomes a member through ``network.services``, in the same transaction as the record of where
they met.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.places import access, importers
from kring.places.models import (
    MetAt,
    Place,
    PlaceImport,
    PlaceSuggestion,
    PlaceVisit,
    Source,
    StartPoint,
    SuggestionStatus,
)
from kring.versioning import ConcurrentEditError as ConcurrentEditError  # views catch it from here
from kring.versioning import claim_version

# --- Places ----------------------------------------------------------------------------------------

PLACE_FIELDS = [
    "name",
    "category",
    "description",
    "street_address",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "languages",
    "audiences",
    "community",
    "opening_hours",
    "opening_notes",
    "phone",
    "email",
    "website",
    "wheelchair",
    "accessibility_note",
    "cost",
    "cost_note",
    "checked_on",
]


@dataclass
class PlaceData:
    name: str
    category: str
    description: str = ""
    street_address: str = ""
    postcode: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    languages: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    community: str = ""
    opening_hours: str = ""
    opening_notes: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    wheelchair: str = ""
    accessibility_note: str = ""
    cost: str = ""
    cost_note: str = ""
    checked_on: date | None = None
    shared: bool | None = None  # None: leave as it is (only an admin may change it)


def _apply_place(place: Place, data: PlaceData, user) -> None:
    for name in PLACE_FIELDS:
        value = getattr(data, name)
        setattr(place, name, value.strip() if isinstance(value, str) else value)
    if data.community and "community" not in place.audiences:
        place.audiences = [*place.audiences, "community"]
    if data.shared is not None:
        if not access.can_manage_places(user):
            raise PermissionError("Only an organisation admin shares places.")
        place.shared = data.shared
    place.updated_by = user


def place_create(*, user, data: PlaceData) -> Place:
    if not access.can_use_places(user):
        raise PermissionError("This user does not use the social map.")
    place = Place(organisation_id=user.organisation_id, source=Source.MANUAL, created_by=user)
    _apply_place(place, data, user)
    place.full_clean()
    place.save()
    return place


def place_update(*, user, place: Place, data: PlaceData, expected_version: int | None) -> Place:
    if not access.can_edit_place(user, place):
        raise PermissionError("This user may not change this place.")
    _apply_place(place, data, user)
    place.full_clean()
    with transaction.atomic():
        claim_version(place, expected_version)
        place.save()
    return place


def place_remove(*, user, place: Place, expected_version: int | None) -> Place:
    """Take a place off the map. Suggestions that name it keep it (with a note that it is gone)."""
    if not (access.can_manage_places(user) and access.can_edit_place(user, place)):
        raise PermissionError("Only an organisation admin removes places.")
    with transaction.atomic():
        claim_version(place, expected_version)
        place.removed_at = timezone.now()
        place.updated_by = user
        place.save(update_fields=["removed_at", "updated_by", "updated_at"])
    return place


# --- Start points ----------------------------------------------------------------------------------


def start_point_create(*, user, name: str, latitude: float, longitude: float, location=None) -> StartPoint:
    if not access.can_manage_places(user):
        raise PermissionError("Only an organisation admin keeps the start points.")
    if location is not None and location.organisation_id != user.organisation_id:
        raise ValidationError({"location": _("Kies een locatie van je eigen organisatie.")})
    point = StartPoint(
        organisation_id=user.organisation_id,
        name=name.strip(),
        latitude=latitude,
        longitude=longitude,
        location=location,
    )
    point.full_clean()
    point.save()
    return point


def start_point_remove(*, user, point: StartPoint) -> None:
    if not access.can_manage_places(user) or point.organisation_id != user.organisation_id:
        raise PermissionError("Only an organisation admin keeps the start points.")
    point.delete()


# --- Imports ---------------------------------------------------------------------------------------

# What a re-import may overwrite. Only values the file gives: an empty cell keeps what Kring has.
IMPORT_FIELDS = [*PLACE_FIELDS, "attribution"]


@dataclass
class ImportPlan:
    new: list[Place] = field(default_factory=list)
    changed: list[tuple[Place, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    removed_before: list[str] = field(default_factory=list)  # places an admin removed: a re-import keeps them off
    rows: list[tuple[str, str, Place]] = field(default_factory=list)  # (where, what happens, place) for the preview

    @property
    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "removed_before": len(self.removed_before),
        }


def import_plan(*, organisation, parsed: importers.ParsedFile, share: bool = False) -> ImportPlan:
    """What the file would do, checked row by row against the model; raises ImportFileError on the first
    row that does not fit (its line and why)."""
    existing: dict[tuple[str, str], Place] = {}
    sources = {record.source for record in parsed.records}
    for place in Place.objects.filter(organisation=organisation, source__in=sources).exclude(source_id=""):
        existing[(place.source, place.source_id)] = place
    plan = ImportPlan()
    for record in parsed.records:
        values = dict(record.values)
        if parsed.attribution:
            values["attribution"] = parsed.attribution
        place = existing.get((record.source, record.source_id))
        if place is not None and place.removed_at is not None:
            plan.removed_before.append(record.where)
            plan.rows.append((record.where, "removed_before", place))
            continue
        if place is None:
            place = Place(organisation=organisation, source=record.source, source_id=record.source_id, shared=share)
            for name, value in values.items():
                setattr(place, name, value)
            _check_fields(place, record.where)
            plan.new.append(place)
            plan.rows.append((record.where, "new", place))
            continue
        changed = [name for name in IMPORT_FIELDS if name in values and getattr(place, name) != values[name]]
        if share and not place.shared:
            changed.append("shared")
        if not changed:
            plan.unchanged += 1
            plan.rows.append((record.where, "unchanged", place))
            continue
        for name in changed:
            setattr(place, name, True if name == "shared" else values[name])
        _check_fields(place, record.where)
        plan.changed.append((place, changed))
        plan.rows.append((record.where, "changed", place))
    return plan


def _check_fields(place: Place, where: str) -> None:
    try:
        place.clean_fields(exclude=["organisation", "created_by", "updated_by"])
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        label = Place._meta.get_field(name).verbose_name
        raise importers.ImportFileError(f"{label}: {' '.join(messages)}", where) from None


def import_create(*, user, filename: str, kind: str, text: str, share: bool = False) -> tuple[PlaceImport, ImportPlan]:
    """Read an uploaded file and keep it for the preview. Raises ImportFileError: nothing is kept then."""
    if not access.can_manage_places(user):
        raise PermissionError("Only an organisation admin imports places.")
    parsed = importers.parse(kind, text)
    plan = import_plan(organisation=user.organisation, parsed=parsed, share=share)
    place_import = PlaceImport.objects.create(
        organisation_id=user.organisation_id,
        created_by=user,
        filename=filename[:200],
        kind=kind,
        share=share,
        content=text,
    )
    return place_import, plan


def import_preview(*, place_import: PlaceImport) -> tuple[importers.ParsedFile, ImportPlan]:
    parsed = importers.parse(place_import.kind, place_import.content)
    return parsed, import_plan(organisation=place_import.organisation, parsed=parsed, share=place_import.share)


def import_apply(*, organisation, parsed: importers.ParsedFile, share: bool = False, user=None) -> dict:
    """Apply a parsed file in one transaction: every place or none. Returns the report."""
    with transaction.atomic():
        plan = import_plan(organisation=organisation, parsed=parsed, share=share)
        now = timezone.now()
        for place in plan.new:
            place.created_by = place.updated_by = user
            place.created_at = place.updated_at = now
        Place.objects.bulk_create(plan.new, batch_size=500)
        by_fields: dict[tuple[str, ...], list[Place]] = {}
        for place, changed in plan.changed:
            place.updated_by, place.updated_at = user, now
            place.version += 1
            by_fields.setdefault(tuple(sorted(changed)), []).append(place)
        for names, places in by_fields.items():
            Place.objects.bulk_update(places, [*names, "updated_by", "updated_at", "version"], batch_size=500)
    report = plan.counts
    report["skipped"] = len(parsed.skipped)
    report["skipped_examples"] = [f"{where}: {why}" for where, why in parsed.skipped[:10]]
    return report


def import_confirm(*, user, place_import: PlaceImport) -> dict:
    if not access.can_manage_places(user) or place_import.organisation_id != user.organisation_id:
        raise PermissionError("Only an organisation admin imports places.")
    with transaction.atomic():
        # One go-ahead per file, even when the button is pressed twice.
        locked = PlaceImport.objects.select_for_update().get(pk=place_import.pk)
        if locked.applied_at is not None:
            return locked.report
        parsed = importers.parse(locked.kind, locked.content)
        report = import_apply(organisation=locked.organisation, parsed=parsed, share=locked.share, user=user)
        locked.report, locked.applied_at, locked.content = report, timezone.now(), ""
        locked.save(update_fields=["report", "applied_at", "content"])
    place_import.report, place_import.applied_at, place_import.content = locked.report, locked.applied_at, ""
    return report


# --- Samen op zoek (client data) -------------------------------------------------------------------


def _save(record, actor: Actor) -> None:
    record._history_user = actor.user
    record.save()


def suggestion_create(*, actor: Actor, client, place: Place, note: str = "") -> PlaceSuggestion:
    """Save a place as an idea for the client. The place must be one the worker may see."""
    policy.require_edit_client(actor.user, client)
    if not access.places_visible_to(actor.user).filter(pk=place.pk).exists():
        raise ValidationError({"place": _("Deze plek staat niet (meer) in de lijst.")})
    if PlaceSuggestion.objects.current().filter(client=client, place=place).exists():
        raise ValidationError(
            {"place": _("Deze plek staat al bij de plekken van %(name)s.") % {"name": client.given_name}}
        )
    suggestion = PlaceSuggestion(client=client, place=place, note=note.strip(), created_by=actor.user)
    suggestion.full_clean(validate_constraints=False)
    with transaction.atomic():
        _save(suggestion, actor)
        log(actor, "places.suggestion.create", client=client, obj=suggestion)
    return suggestion


def suggestion_update(
    *, actor: Actor, suggestion: PlaceSuggestion, note: str, status: str, expected_version: int | None
) -> PlaceSuggestion:
    policy.require_edit_client(actor.user, suggestion.client)
    if status not in SuggestionStatus.values:
        raise ValidationError({"status": _("Kies hoe het ervoor staat.")})
    suggestion.note, suggestion.status = note.strip(), status
    suggestion.full_clean(validate_constraints=False)
    with transaction.atomic():
        claim_version(suggestion, expected_version)
        _save(suggestion, actor)
        log(actor, "places.suggestion.update", client=suggestion.client, obj=suggestion)
    return suggestion


def suggestion_remove(*, actor: Actor, suggestion: PlaceSuggestion, expected_version: int | None) -> PlaceSuggestion:
    """Take a saved place off the client's list. Visits and people met stay in the history."""
    policy.require_edit_client(actor.user, suggestion.client)
    with transaction.atomic():
        claim_version(suggestion, expected_version)
        suggestion.removed_at = timezone.now()
        _save(suggestion, actor)
        log(actor, "places.suggestion.delete", client=suggestion.client, obj=suggestion)
    return suggestion


def suggestion_plan(*, actor: Actor, suggestion: PlaceSuggestion, data, expected_version: int | None):
    """Turn a suggestion into an action (go there together on a date): one transaction, two log rows."""
    from kring.support.services import action_create

    policy.require_edit_client(actor.user, suggestion.client)
    with transaction.atomic():
        claim_version(suggestion, expected_version)
        action = action_create(actor=actor, client=suggestion.client, data=data)
        suggestion.action = action
        if suggestion.status in (SuggestionStatus.IDEA, SuggestionStatus.NOT_FOR_ME):
            suggestion.status = SuggestionStatus.PLANNED
        _save(suggestion, actor)
        log(actor, "places.suggestion.update", client=suggestion.client, obj=suggestion, detail="action")
    return action


@dataclass
class VisitData:
    date: date
    outcome: str
    go_again: str = ""
    note: str = ""
    close_action: bool = False


@dataclass
class MetData:
    """Someone the client met at the place, for the network (the rest of a member is filled in later)."""

    name: str
    relation: str
    circle: int
    notes: str = ""


def visit_create(
    *, actor: Actor, suggestion: PlaceSuggestion, data: VisitData, met: MetData | None = None
) -> PlaceVisit:
    """Record a visit; with ``met``, add the person met to the network in the same step."""
    policy.require_edit_client(actor.user, suggestion.client)
    if data.date > timezone.localdate():
        raise ValidationError({"date": _("Deze datum ligt in de toekomst. Leg een bezoek vast als het is geweest.")})
    visit = PlaceVisit(
        client=suggestion.client,
        suggestion=suggestion,
        created_by=actor.user,
        date=data.date,
        outcome=data.outcome,
        go_again=data.go_again,
        note=data.note.strip(),
    )
    visit.full_clean()
    with transaction.atomic():
        _save(visit, actor)
        log(actor, "places.visit.create", client=suggestion.client, obj=visit)
        # Read the suggestion again under a lock: a note changed meanwhile must not stop the visit.
        current = PlaceSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        if current.status != SuggestionStatus.VISITED:
            current.status = SuggestionStatus.VISITED
            claim_version(current, None)
            _save(current, actor)
            log(actor, "places.suggestion.update", client=suggestion.client, obj=current, detail="visited")
            suggestion.status, suggestion.version = current.status, current.version
        if data.close_action and suggestion.action_id is not None:
            _close_action(actor, suggestion)
        if met is not None:
            met_person_add(actor=actor, visit=visit, data=met)
    return visit


def _close_action(actor: Actor, suggestion: PlaceSuggestion) -> None:
    from kring.support.models import Action, ActionStatus
    from kring.support.services import action_set_status

    action = Action.objects.open().filter(pk=suggestion.action_id, client=suggestion.client).first()
    if action is not None:
        action_set_status(actor=actor, action=action, status=ActionStatus.DONE, expected_version=action.version)


def visit_remove(*, actor: Actor, visit: PlaceVisit, expected_version: int | None) -> PlaceVisit:
    policy.require_edit_client(actor.user, visit.client)
    with transaction.atomic():
        claim_version(visit, expected_version)
        visit.removed_at = timezone.now()
        _save(visit, actor)
        log(actor, "places.visit.delete", client=visit.client, obj=visit)
    return visit


def met_person_add(*, actor: Actor, visit: PlaceVisit, data: MetData) -> MetAt:
    """Add someone met on a visit to the network; the member remembers the place (and the visit)."""
    from kring.network.services import MemberData, member_create

    policy.require_edit_client(actor.user, visit.client)
    with transaction.atomic():
        member = member_create(
            actor=actor,
            client=visit.client,
            data=MemberData(name=data.name, relation=data.relation, circle=data.circle, notes=data.notes),
        )
        met = MetAt(
            client=visit.client, member=member, place=visit.suggestion.place, visit=visit, created_by=actor.user
        )
        met.full_clean()
        met.save()
        log(actor, "places.met.create", client=visit.client, obj=met)
    return met
