"""The lifeline page of a client: the drawing, the events as a list, and the forms to add, change and
remove an event. Plain forms with Post/Redirect/Get; nothing here needs JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.formtools import add_validation_errors
from kring.lifeline import drawing, selectors, services
from kring.lifeline.forms import LifeEventForm
from kring.methods import allow_get, allow_get_post


def _page(request, client, *, form=None, status=200):
    events = selectors.events_for_client(client)
    context = {
        "client": client,
        "events": events,
        "svg": drawing.draw(events, client=client) if events else "",
        "form": form or LifeEventForm(client=client),
        "tab": "lifeline",
    }
    return render(request, "lifeline/lifeline.html", context, status=status)


def _timeline_url(client) -> str:
    return reverse("lifeline:timeline", args=[client.pk])


@allow_get
def timeline(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    log(Actor.from_request(request), "lifeline.lifeline.view", client=client)
    return _page(request, client)


@allow_get_post
def event_add(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, "lifeline.lifeline.view", client=client)
        return _page(request, client)
    form = LifeEventForm(request.POST, client=client)
    if form.is_valid():
        try:
            event = services.event_create(actor=actor, client=client, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("‘%(title)s’ staat op de levenslijn.") % {"title": event.title})
            return redirect(_timeline_url(client))
    log(actor, "lifeline.lifeline.view", client=client)
    return _page(request, client, form=form)


@allow_get_post
def event_edit(request, pk, event_pk):
    event = selectors.get_event_for_user(request.user, pk, event_pk, write=True)
    client = event.client
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, "lifeline.event.view", client=client, obj=event)
        form = LifeEventForm(client=client, event=event)
        return _edit_page(request, event, form)
    form = LifeEventForm(request.POST, client=client, event=event)
    if form.is_valid():
        try:
            services.event_update(
                actor=actor, event=event, data=form.to_data(), expected_version=form.cleaned_data.get("version")
            )
        except services.ConcurrentEditError:
            return _changed_meanwhile(request, event)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("‘%(title)s’ is opgeslagen.") % {"title": event.title})
            return redirect(_timeline_url(client))
    log(actor, "lifeline.event.view", client=client, obj=event)
    return _edit_page(request, event, form)


def _edit_page(request, event, form, *, status=200):
    context = {"client": event.client, "event": event, "form": form, "tab": "lifeline"}
    return render(request, "lifeline/event_edit.html", context, status=status)


def _changed_meanwhile(request, event):
    """Someone else saved or removed the event first: show what is stored now, keep nothing of ours."""
    client = event.client
    current = selectors.LifeEvent.objects.current().filter(pk=event.pk, client=client).first()
    if current is None:
        messages.error(
            request, _("Iemand anders heeft deze gebeurtenis net weggehaald. Jouw wijziging is niet opgeslagen.")
        )
        return redirect(_timeline_url(client))
    current.client = client
    form = LifeEventForm(LifeEventForm.values_of(current), client=client, event=current)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Iemand anders heeft deze gebeurtenis net gewijzigd. Hieronder zie je de nieuwe gegevens; "
            "jouw wijziging is niet opgeslagen."
        ),
    )
    return _edit_page(request, current, form, status=409)


@allow_get_post
def event_remove(request, pk, event_pk):
    event = selectors.get_event_for_user(request.user, pk, event_pk, write=True)
    client = event.client
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, "lifeline.event.view", client=client, obj=event, detail="remove")
        return render(request, "lifeline/event_remove.html", {"client": client, "event": event, "tab": "lifeline"})
    try:
        services.event_remove(actor=actor, event=event, expected_version=_int_or_none(request.POST.get("version")))
    except services.ConcurrentEditError:
        return _changed_meanwhile(request, event)
    messages.success(request, _("‘%(title)s’ staat niet meer op de levenslijn.") % {"title": event.title})
    return redirect(_timeline_url(client))


@allow_get
def timeline_print(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    pseudonyms = request.GET.get("schuilnamen") == "1"
    events = selectors.events_for_client(client)
    log(
        Actor.from_request(request), "lifeline.lifeline.print", client=client, detail="pseudonyms" if pseudonyms else ""
    )
    return render(
        request,
        "lifeline/print.html",
        {
            "client": client,
            "events": events,
            "pseudonyms": pseudonyms,
            "svg": drawing.draw(events, client=client, pseudonyms=pseudonyms) if events else "",
            "today": timezone.localdate(),
        },
    )


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
