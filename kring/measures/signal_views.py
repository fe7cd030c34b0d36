"""Signals for the team: the list of clients with open signals, and the organisation's settings per rule.

The client's own signals are a card on the client's overview (kring.clients.views.client_detail).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients.models import ClientStatus
from kring.clients.selectors import teams_in_caseload
from kring.formtools import add_validation_errors
from kring.measures import signals
from kring.measures.signal_forms import SignalFilterForm, SignalSettingsForm
from kring.methods import allow_get, allow_get_post

PAGE_SIZE = 50


@allow_get
def signal_list(request):
    """Signalen: the active clients the user may see that have an open signal, with the signals by name.

    A constant number of queries: the signals are subqueries of the list's own query, the counts one
    aggregate, the key workers one prefetch.
    """
    user = request.user
    if not policy.can_see_caseload(user):
        raise Http404
    organisation = user.organisation
    settings = signals.settings_for(organisation)
    teams = teams_in_caseload(user)
    form = SignalFilterForm(request.GET or None, settings=settings, teams=teams)
    filters = form.cleaned_data if form.is_valid() else {"signaal": "", "team": None}
    clients = policy.clients_visible_to(user).filter(status=ClientStatus.ACTIVE)
    if filters["team"]:
        clients = clients.filter(team=filters["team"])
    counts = signals.open_signal_counts(clients, organisation, settings=settings)
    listed = signals.annotate_signals(clients, organisation, settings=settings)
    listed = signals.with_signal(listed, filters["signaal"]) if filters["signaal"] else signals.with_any_signal(listed)
    listed = (
        listed.select_related("team")
        .prefetch_related("key_workers")
        .order_by("-signal_count", Lower("given_name"), Lower("family_name"), "pk")
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("pagina"))
    shown = signals.enabled(settings)
    for client in page.object_list:
        client.open_signals = [s for s in shown if getattr(client, f"signal_{s.key}", False)]
    detail = " ".join(
        part
        for part in (
            f"signal={filters['signaal']}" if filters["signaal"] else "",
            f"team={filters['team'].pk}" if filters["team"] else "",
        )
        if part
    )
    log(
        Actor.from_request(request),
        "measures.signals.search" if detail else "measures.signals.view",
        object_type="signals",
        detail=detail,
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    team_query = request.GET.copy()
    for name in ("pagina", "signaal"):
        team_query.pop(name, None)
    return render(
        request,
        "measures/signals/list.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "team_query": team_query.urlencode(),
            "counts": [(setting, counts.get(setting.key, 0)) for setting in shown],
            "chosen": filters["signaal"],
            "chosen_team": filters["team"],
            "show_team": teams.count() > 1,
            "any_enabled": bool(shown),
            "can_manage": policy.is_org_admin(user),
        },
    )


@allow_get_post
def signal_settings(request):
    """Beheer: the organisation admin turns each signal on or off and sets its threshold."""
    user = request.user
    if not policy.is_org_admin(user):
        raise Http404
    organisation = user.organisation
    form = SignalSettingsForm(request.POST or None, settings=signals.settings_for(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            signals.signal_settings_update(
                actor=Actor.from_request(request), organisation=organisation, choices=form.choices()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De signalen zijn opgeslagen."))
            return redirect("signals:settings")
    return render(
        request,
        "measures/signals/settings.html",
        {"form": form, "organisation": organisation},
        status=422 if form.errors else 200,
    )
