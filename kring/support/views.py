"""The "Werk" tab (one timeline of the work with a client), actions, network reviews and "Mijn acties"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import consent
from kring.formtools import add_validation_errors
from kring.methods import allow_get, allow_get_post, allow_post
from kring.support import selectors, services
from kring.support.forms import (
    KIND_LABELS,
    ActionForm,
    ActionStatusForm,
    ReviewForm,
    TimelineFilterForm,
    VersionForm,
)
from kring.support.models import Action, ActionStatus, Review

TIMELINE_PAGE_SIZE = 25
WORKLIST_PAGE_SIZE = 50


def _work_url(client) -> str:
    return reverse("work:timeline", args=[client.pk])


def _back(request, client) -> str:
    """Where to go after a change: the page the form came from, if it is ours; else the Werk tab."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return _work_url(client)


def _concurrent_message() -> str:
    return _("Iemand anders heeft dit net gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.")


# --- The Werk tab -----------------------------------------------------------------------------------


@allow_get
def work_timeline(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    form = TimelineFilterForm(request.GET or None, client=client)
    kinds, member = form.filters()
    page = Paginator(selectors.timeline(client, kinds=kinds, member=member), TIMELINE_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    selectors.fill(page.object_list)
    query = request.GET.copy()
    query.pop("pagina", None)
    log(Actor.from_request(request), "support.work.view", client=client)
    return render(
        request,
        "support/work.html",
        {
            "client": client,
            "tab": "work",
            "form": form,
            "page": page,
            "filtered": bool(kinds or member),
            "query_string": query.urlencode(),
            "open_actions": selectors.open_actions_of(client),
            "review_due": selectors.review_due_for(client),
            "kind_labels": KIND_LABELS,
            "can_edit": policy.can_edit_client(request.user, client),
        },
    )


# --- Actions ----------------------------------------------------------------------------------------


def _get_action(request, pk, action_pk, *, write=False) -> Action:
    client = policy.get_client_for_user(request.user, pk, write=write)
    return get_object_or_404(
        Action.objects.current().filter(client=client).select_related("client__organisation", "client__team"),
        pk=policy.parse_id(action_pk),
    )


@allow_get_post
def action_add(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    initial = {}
    member_pk = request.GET.get("naaste", "")
    if member_pk.isdigit():
        initial["members"] = [int(member_pk)]
    form = ActionForm(request.POST or None, client=client, user=request.user, initial=initial)
    if request.method != "POST":
        # The form shows the names in the client's network: a read of client data.
        log(Actor.from_request(request), "support.action.view", client=client, detail="add form")
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(actor=Actor.from_request(request), client=client, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De actie is toegevoegd."))
            _warn_about_contact(request, action)
            return redirect(_back(request, client))
    return render(
        request,
        "support/action_form.html",
        {"client": client, "tab": "work", "form": form, "next": _back(request, client)},
        status=422 if form.errors else 200,
    )


@allow_get_post
def action_edit(request, pk, action_pk):
    action = _get_action(request, pk, action_pk, write=request.method == "POST")
    client = action.client
    actor = Actor.from_request(request)
    if request.method == "GET":
        log(actor, "support.action.view", client=client, obj=action)
        form = ActionForm(client=client, user=request.user, action=action)
    else:
        form = ActionForm(request.POST, client=client, user=request.user, action=action)
        if form.is_valid():
            try:
                services.action_update(
                    actor=actor, action=action, data=form.to_data(), expected_version=form.cleaned_data["version"]
                )
            except services.ConcurrentEditError:
                form.add_error(None, _concurrent_message())
                return _action_form(request, client, form, action, status=409)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("De actie is opgeslagen."))
                _warn_about_contact(request, action)
                return redirect(_back(request, client))
    return _action_form(request, client, form, action, status=422 if form.errors else 200)


def _warn_about_contact(request, action) -> None:
    """After saving: a warning (not a block) for each member the action involves whom the client has not
    agreed may be contacted, or who is limited. Logged, like every contact warning."""
    members = {m.pk: m for m in action.members.all()}
    if action.owner_member is not None:
        members[action.owner_member.pk] = action.owner_member
    warnings = consent.contact_warnings(list(members.values()))
    for member_pk, sentence in sorted(warnings.items()):
        name = members[member_pk].name
        messages.warning(request, sentence if name in sentence else f"{name}: {sentence}")
    if warnings:
        log(
            Actor.from_request(request),
            "clients.consent.view",
            client=action.client,
            detail="warning member " + ", ".join(str(pk) for pk in sorted(warnings)),
        )


def _action_form(request, client, form, action, *, status):
    return render(
        request,
        "support/action_form.html",
        {"client": client, "tab": "work", "form": form, "action": action, "next": _back(request, client)},
        status=status,
    )


@allow_post
def action_status(request, pk, action_pk):
    action = _get_action(request, pk, action_pk, write=True)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Dat lukte niet: kies gedaan, niet gelukt of niet meer nodig."))
        return redirect(_back(request, action.client))
    try:
        services.action_set_status(
            actor=Actor.from_request(request),
            action=action,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        )
    except services.ConcurrentEditError:
        messages.error(request, _concurrent_message())
    else:
        status = form.cleaned_data["status"]
        text = (
            _("De actie staat weer open.")
            if status == ActionStatus.OPEN
            else _("De actie is afgesloten: %(status)s.") % {"status": ActionStatus(status).label.lower()}
        )
        messages.success(request, text)
    return redirect(_back(request, action.client))


@allow_post
def action_remove(request, pk, action_pk):
    action = _get_action(request, pk, action_pk, write=True)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.action_remove(
            actor=Actor.from_request(request), action=action, expected_version=form.cleaned_data.get("version")
        )
    except services.ConcurrentEditError:
        messages.error(request, _concurrent_message())
    else:
        messages.success(request, _("De actie is verwijderd."))
    return redirect(_work_url(action.client))


# --- Network reviews --------------------------------------------------------------------------------


@allow_get_post
def review_add(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    interval = client.organisation.review_interval_months
    form = ReviewForm(request.POST or None, interval_months=interval)
    if request.method != "POST":
        # The form shows the client's earlier reviews and when the next one is due.
        log(Actor.from_request(request), "support.review.view", client=client, detail="add form")
    if request.method == "POST" and form.is_valid():
        try:
            services.review_create(actor=Actor.from_request(request), client=client, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("De netwerkbespreking is vastgelegd. De volgende is op %(day)s.")
                % {"day": _format_day(form.cleaned_data["next_review_on"])},
            )
            return redirect(_work_url(client))
    return render(
        request,
        "support/review_form.html",
        {
            "client": client,
            "tab": "work",
            "form": form,
            "review_due": selectors.review_due_for(client),
            "reviews": selectors.reviews_of(client),
        },
        status=422 if form.errors else 200,
    )


def _format_day(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


@allow_post
def review_remove(request, pk, review_pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    review = get_object_or_404(Review.objects.current().filter(client=client), pk=policy.parse_id(review_pk))
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.review_remove(
            actor=Actor.from_request(request), review=review, expected_version=form.cleaned_data.get("version")
        )
    except services.ConcurrentEditError:
        messages.error(request, _concurrent_message())
    else:
        messages.success(request, _("De netwerkbespreking is verwijderd."))
    return redirect(reverse("work:review_add", args=[client.pk]))


# --- Mijn acties ------------------------------------------------------------------------------------


@allow_get
def worklist(request):
    """Open actions across the caseload, overdue first; and whose network review is due."""
    if not policy.can_see_caseload(request.user):
        raise Http404
    scope = request.GET.get("van", "mine")
    if scope not in selectors.WORKLIST_SCOPES:
        scope = "mine"
    page = Paginator(selectors.worklist(request.user, scope=scope), WORKLIST_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    today = timezone.localdate()
    groups = _group_by_due(page.object_list, today)
    log(Actor.from_request(request), "support.worklist.view", object_type="worklist", detail=f"scope={scope}")
    return render(
        request,
        "support/worklist.html",
        {
            "scope": scope,
            "page": page,
            "groups": groups,
            "query_string": f"van={scope}",
            "due_reviews": selectors.due_reviews(request.user, today=today),
        },
    )


def _group_by_due(actions, today) -> list[tuple[str, str, list[Action]]]:
    """Overdue, this week, later, no date — in the order the worklist already has them."""
    labels = {
        "overdue": _("Te laat"),
        "week": _("Deze week"),
        "later": _("Later"),
        "none": _("Zonder datum"),
    }
    groups: dict[str, list[Action]] = {}
    for action in actions:
        if action.due_date is None:
            key = "none"
        elif action.due_date < today:
            key = "overdue"
        elif (action.due_date - today).days < 7:
            key = "week"
        else:
            key = "later"
        groups.setdefault(key, []).append(action)
    return [(key, labels[key], groups[key]) for key in labels if key in groups]
