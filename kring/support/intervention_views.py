"""Pages to record, change and remove interventions, "iets voor een ander" and social-skills practice.

Plain forms, no JavaScript needed: a POST that saves answers with a redirect to the client's "Werk" page and
a message; a POST with a mistake shows the form again with the input kept and the message by the field.
Every record is fetched through the client (loaded by the access policy), so another client's or another
team's record is the same 404 as one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring import policy
from kring.audit.log import Actor, log
from kring.formtools import add_validation_errors
from kring.methods import allow_get_post, allow_post
from kring.support import interventions as services
from kring.support.intervention_forms import ContributionForm, InterventionForm, RecordForm, SkillsPracticeForm
from kring.support.models import Contribution, Intervention, SkillsPractice


@dataclass(frozen=True)
class RecordKind:
    """What differs between the three kinds of record; the views below are the same for each."""

    name: str  # in URL names and access-log events
    event: str
    model: type
    form: type[RecordForm]
    create: Any
    update: Any
    remove: Any
    template: str
    saved: str  # messages, translated when shown
    changed: str
    removed: str


INTERVENTION = RecordKind(
    name="intervention",
    event="support.intervention",
    model=Intervention,
    form=InterventionForm,
    create=lambda actor, client, data: services.intervention_create(actor=actor, client=client, data=data),
    update=lambda actor, record, data, version: services.intervention_update(
        actor=actor, intervention=record, data=data, expected_version=version
    ),
    remove=lambda actor, record, version: services.intervention_remove(
        actor=actor, intervention=record, expected_version=version
    ),
    template="support/interventions/intervention_form.html",
    saved=gettext_lazy("De interventie is vastgelegd."),
    changed=gettext_lazy("De interventie is opgeslagen."),
    removed=gettext_lazy("De interventie is verwijderd."),
)
CONTRIBUTION = RecordKind(
    name="contribution",
    event="support.contribution",
    model=Contribution,
    form=ContributionForm,
    create=lambda actor, client, data: services.contribution_create(actor=actor, client=client, data=data),
    update=lambda actor, record, data, version: services.contribution_update(
        actor=actor, contribution=record, data=data, expected_version=version
    ),
    remove=lambda actor, record, version: services.contribution_remove(
        actor=actor, contribution=record, expected_version=version
    ),
    template="support/interventions/contribution_form.html",
    saved=gettext_lazy("Vastgelegd wat de cliënt voor een ander deed."),
    changed=gettext_lazy("Opgeslagen wat de cliënt voor een ander deed."),
    removed=gettext_lazy("Verwijderd wat de cliënt voor een ander deed."),
)
SKILLS = RecordKind(
    name="skills",
    event="support.skills",
    model=SkillsPractice,
    form=SkillsPracticeForm,
    create=lambda actor, client, data: services.skills_practice_create(actor=actor, client=client, data=data),
    update=lambda actor, record, data, version: services.skills_practice_update(
        actor=actor, practice=record, data=data, expected_version=version
    ),
    remove=lambda actor, record, version: services.skills_practice_remove(
        actor=actor, practice=record, expected_version=version
    ),
    template="support/interventions/skills_form.html",
    saved=gettext_lazy("De oefening is vastgelegd."),
    changed=gettext_lazy("De oefening is opgeslagen."),
    removed=gettext_lazy("De oefening is verwijderd."),
)

CONCURRENT = gettext_lazy(
    "Iemand anders heeft dit net gewijzigd of verwijderd. Je wijziging is niet opgeslagen. "
    "Hieronder staat wat nu is opgeslagen."
)


def _work_url(client) -> str:
    return reverse("work:timeline", args=[client.pk])


def _get_record(user, pk, record_pk, kind: RecordKind):
    """The current record of a client the user may change; else 404 (not yours = does not exist)."""
    client = policy.get_client_for_user(user, pk, write=True)
    record = kind.model.objects.current().filter(client=client, pk=policy.parse_id(record_pk)).first()
    if record is None:
        raise Http404
    record.client = client
    return record


def _render(request, kind: RecordKind, client, form, record=None, *, status=200):
    context = {"client": client, "form": form, "record": record, "kind": kind.name, "tab": "work"}
    if kind is INTERVENTION:
        # The explanation of every element, switched on or already on this record, under the chips.
        context["elements"] = list(form.fields["elements"].queryset)
    if status == 200 and form.errors:
        status = 422
    return render(request, kind.template, context, status=status)


def _add(request, pk, kind: RecordKind):
    client = policy.get_client_for_user(request.user, pk, write=True)
    actor = Actor.from_request(request)
    if request.method != "POST":
        # The form shows the names in the client's network: a read of client data.
        log(actor, f"{kind.event}.view", client=client, detail="add form")
        return _render(request, kind, client, kind.form(client=client))
    form = kind.form(request.POST, client=client)
    if form.is_valid():
        try:
            kind.create(actor, client, form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, str(kind.saved))
            return redirect(_work_url(client))
    return _render(request, kind, client, form)


def _edit(request, pk, record_pk, kind: RecordKind):
    record = _get_record(request.user, pk, record_pk, kind)
    client = record.client
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, f"{kind.event}.view", client=client, obj=record)
        return _render(request, kind, client, kind.form(client=client, record=record), record)
    form = kind.form(request.POST, client=client, record=record)
    if form.is_valid():
        try:
            kind.update(actor, record, form.to_data(), form.expected_version)
        except services.ConcurrentEditError:
            return _concurrent(request, kind, record)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, str(kind.changed))
            return redirect(_work_url(client))
    return _render(request, kind, client, form, record)


def _remove(request, pk, record_pk, kind: RecordKind):
    record = _get_record(request.user, pk, record_pk, kind)
    try:
        kind.remove(Actor.from_request(request), record, _int_or_none(request.POST.get("version")))
    except services.ConcurrentEditError:
        return _concurrent(request, kind, record)
    messages.success(request, str(kind.removed))
    return redirect(_work_url(record.client))


def _concurrent(request, kind: RecordKind, record):
    """The record as it is stored now, with a message that this change was not saved (409)."""
    client = record.client
    current = kind.model.objects.current().filter(pk=record.pk).first()
    if current is None:
        messages.warning(request, _("Iemand anders heeft dit net verwijderd. Je wijziging is niet opgeslagen."))
        return redirect(_work_url(client))
    current.client = client
    stored = kind.form(client=client, record=current).initial
    form = kind.form(dict(stored), client=client, record=current)
    form.is_valid()
    form.add_error(None, str(CONCURRENT))
    return _render(request, kind, client, form, current, status=409)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- the views (URL names in intervention_urls.py) -------------------------------------------------------


@allow_get_post
def intervention_add(request, pk):
    return _add(request, pk, INTERVENTION)


@allow_get_post
def intervention_edit(request, pk, record_pk):
    return _edit(request, pk, record_pk, INTERVENTION)


@allow_post
def intervention_remove(request, pk, record_pk):
    return _remove(request, pk, record_pk, INTERVENTION)


@allow_get_post
def contribution_add(request, pk):
    return _add(request, pk, CONTRIBUTION)


@allow_get_post
def contribution_edit(request, pk, record_pk):
    return _edit(request, pk, record_pk, CONTRIBUTION)


@allow_post
def contribution_remove(request, pk, record_pk):
    return _remove(request, pk, record_pk, CONTRIBUTION)


@allow_get_post
def skills_add(request, pk):
    return _add(request, pk, SKILLS)


@allow_get_post
def skills_edit(request, pk, record_pk):
    return _edit(request, pk, record_pk, SKILLS)


@allow_post
def skills_remove(request, pk, record_pk):
    return _remove(request, pk, record_pk, SKILLS)
