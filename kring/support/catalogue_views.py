"""The organisation admin's list of what-works elements and forms an intervention can take.

Only an organisation admin gets in, and only to the entries of their own organisation; everyone else, and
every id of another organisation's entry, gets the same 404. Every change is a plain POST that answers with
a redirect (Post/Redirect/Get); no JavaScript needed. A switched-off entry stays on the records that have it,
but is no longer offered.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor
from kring.methods import allow_get, allow_get_post, allow_post
from kring.support.catalogue import ensure_catalogue, entry_create, entry_move, entry_set_active, entry_update
from kring.support.catalogue_forms import EntryForm
from kring.support.models import Element, InterventionMode

MODELS = {"element": Element, "mode": InterventionMode}


def _require_org_admin(user) -> None:
    if not policy.is_org_admin(user):
        raise Http404


def _get_entry_for_admin(user, kind: str, pk):
    """The entry with this id if it belongs to the admin's own organisation; else 404."""
    _require_org_admin(user)
    entry = MODELS[kind].objects.filter(organisation_id=user.organisation_id, pk=policy.parse_id(pk)).first()
    if entry is None:
        raise Http404
    return entry


def _list_url(kind: str | None = None, entry=None) -> str:
    url = reverse("catalogue:list")
    return f"{url}#{kind}-{entry.pk}" if entry is not None else url


def _entries(model, organisation):
    """The organisation's entries with how many current interventions use each (one query)."""
    current = Q(interventions__removed_at__isnull=True)
    return list(
        model.objects.filter(organisation=organisation)
        .annotate(uses=Count("interventions", filter=current))
        .order_by("order", "pk")
    )


@allow_get
def catalogue_list(request):
    _require_org_admin(request.user)
    organisation = request.user.organisation
    ensure_catalogue(organisation)
    return render(
        request,
        "support/catalogue/catalogue_list.html",
        {"elements": _entries(Element, organisation), "modes": _entries(InterventionMode, organisation)},
    )


@allow_get_post
def entry_new(request, kind: str):
    _require_org_admin(request.user)
    form = EntryForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        entry = entry_create(actor=Actor.from_request(request), model=MODELS[kind], data=form.entry_data())
        messages.success(request, _("‘%(name)s’ is toegevoegd.") % {"name": entry.label})
        return redirect(_list_url(kind, entry))
    return render(request, "support/catalogue/entry_form.html", {"form": form, "entry": None, "kind": kind})


@allow_get_post
def entry_edit(request, pk, kind: str):
    entry = _get_entry_for_admin(request.user, kind, pk)
    form = EntryForm(request.POST or None, kind=kind, entry=entry)
    if request.method == "POST" and form.is_valid():
        entry_update(actor=Actor.from_request(request), entry=entry, data=form.entry_data())
        messages.success(request, _("‘%(name)s’ is opgeslagen.") % {"name": entry.label})
        return redirect(_list_url(kind, entry))
    return render(request, "support/catalogue/entry_form.html", {"form": form, "entry": entry, "kind": kind})


@allow_post
def entry_reorder(request, pk, kind: str, step: int):
    entry = _get_entry_for_admin(request.user, kind, pk)
    entry_move(actor=Actor.from_request(request), entry=entry, step=step)
    return redirect(_list_url(kind, entry))


@allow_post
def entry_switch(request, pk, kind: str, active: bool):
    entry = _get_entry_for_admin(request.user, kind, pk)
    entry_set_active(actor=Actor.from_request(request), entry=entry, active=active)
    if active:
        messages.success(request, _("‘%(name)s’ staat weer aan.") % {"name": entry.label})
    else:
        messages.success(
            request,
            _("‘%(name)s’ staat uit: het wordt niet meer aangeboden. Wat al is vastgelegd, houdt het.")
            % {"name": entry.label},
        )
    return redirect(_list_url(kind, entry))
