from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import selectors, services
from kring.clients.consent import consent_glance
from kring.clients.forms import CaseloadFilterForm, ClientForm
from kring.clients.models import ClientStatus
from kring.formtools import add_validation_errors
from kring.measures.signals import client_signals
from kring.methods import allow_get, allow_get_post
from kring.support.selectors import open_actions_of, review_due_for, review_due_of, with_review_dates

PAGE_SIZE = 50


def _require_caseload(user):
    if not policy.can_see_caseload(user):
        raise Http404


@allow_get
def caseload(request):
    """Mijn cliënten: the clients of the user's teams, with search by name and filters."""
    user = request.user
    _require_caseload(user)
    params = request.GET.copy()
    params.setdefault("status", ClientStatus.ACTIVE)
    teams = selectors.teams_in_caseload(user)
    form = CaseloadFilterForm(params, teams=teams)
    filters = form.cleaned_data if form.is_valid() else {"q": "", "team": None, "status": ClientStatus.ACTIVE}
    clients = selectors.caseload(
        user,
        query=filters["q"],
        team_id=filters["team"].pk if filters["team"] else None,
        status=filters["status"],
    )
    page = Paginator(with_review_dates(clients), PAGE_SIZE).get_page(request.GET.get("pagina"))
    today, interval = timezone.localdate(), user.organisation.review_interval_months
    for client in page.object_list:
        client.review_due = review_due_of(client, interval_months=interval, today=today)
    searched = bool(filters["q"])
    log(
        Actor.from_request(request),
        "clients.caseload.search" if searched else "clients.caseload.view",
        object_type="caseload",
        detail=_describe_filters(filters),
    )
    query_without_page = params.copy()
    query_without_page.pop("pagina", None)
    template = "clients/_caseload_results.html" if request.htmx else "clients/caseload.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "searched": searched,
            "query_string": query_without_page.urlencode(),
            "can_create": policy.can_create_client(user),
            "show_team": teams.count() > 1,
        },
    )


def _describe_filters(filters) -> str:
    parts = []
    if filters["q"]:
        # Not the typed text: it is usually a name, and the access log outlives an erased client.
        parts.append(f"q=({len(filters['q'])} tekens)")
    if filters["team"]:
        parts.append(f"team={filters['team'].pk}")
    if filters["status"]:
        parts.append(f"status={filters['status']}")
    return " ".join(parts)


@allow_get
def client_detail(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    log(Actor.from_request(request), "clients.client.view", client=client)
    review_due = review_due_for(client)
    return render(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "key_workers": list(client.key_workers.all()),
            "tab": "overview",
            "open_actions": open_actions_of(client),
            "review_due": review_due,
            "can_edit": policy.can_edit_client(request.user, client),
            "consent_glance": consent_glance(client),
            # The signals card (kring.measures.signals) includes the naasten's load signals.
            "signals": client_signals(client, review=review_due),
            "can_handle_data_request": policy.can_handle_data_request(request.user, client),
        },
    )


@allow_get
def client_history(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    log(Actor.from_request(request), "clients.history.view", client=client)
    return render(
        request,
        "clients/client_history.html",
        {"client": client, "changes": selectors.client_changes(client), "tab": "history"},
    )


@allow_get_post
def client_create(request):
    user = request.user
    if not policy.can_create_client(user):
        raise Http404
    form = ClientForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            client = services.client_create(actor=Actor.from_request(request), data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is toegevoegd.") % {"name": client.display_name})
            return redirect("clients:detail", pk=client.pk)
    return render(
        request, "clients/client_form.html", {"form": form, "client": None}, status=422 if form.errors else 200
    )


@allow_get_post
def client_edit(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    status = 200
    if request.method == "GET":
        log(Actor.from_request(request), "clients.client.view", client=client, detail="edit form")
        form = ClientForm(user=request.user, client=client)
    else:
        form = ClientForm(request.POST, user=request.user, client=client)
        if form.is_valid():
            expected = form.cleaned_data.get("version") or client.version
            try:
                services.client_update(
                    actor=Actor.from_request(request), client=client, data=form.to_data(), expected_version=expected
                )
            except services.ConcurrentEditError:
                form.add_error(
                    None,
                    _(
                        "Iemand anders heeft deze gegevens net gewijzigd. Jouw wijzigingen zijn niet opgeslagen. "
                        "Open de pagina opnieuw om de nieuwe gegevens te zien."
                    ),
                )
                status = 409
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("De gegevens zijn opgeslagen."))
                return redirect("clients:detail", pk=client.pk)
    if status == 200 and form.errors:
        status = 422
    return render(request, "clients/client_form.html", {"form": form, "client": client}, status=status)
