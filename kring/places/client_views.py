"""Samen op zoek: looking for places with a client, and the path from a place to a new contact.

Client data: every page loads the client through ``policy.get_client_for_user`` (404 for another team or
organisation) and every read and write writes an access-log row for the client.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.formtools import add_validation_errors
from kring.methods import allow_get, allow_get_post, allow_post
from kring.places import access, selectors, services
from kring.places.forms import MetForm, PlanForm, SearchForm, SuggestForm, SuggestionForm, VersionForm, VisitForm
from kring.places.models import PlaceSuggestion, PlaceVisit
from kring.places.views import search_context, with_map


def _index_url(client) -> str:
    return reverse("client_places:index", args=[client.pk])


def _suggestion_url(suggestion) -> str:
    return reverse("client_places:suggestion", args=[suggestion.client_id, suggestion.pk])


def _concurrent_message() -> str:
    return _("Iemand anders heeft dit net gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.")


def _client(request, pk, *, write=False):
    client = policy.get_client_for_user(request.user, pk, write=write)
    access.require_use(request.user)
    return client


def _get_suggestion(request, pk, suggestion_pk, *, write=False) -> PlaceSuggestion:
    client = _client(request, pk, write=write)
    suggestion = get_object_or_404(
        PlaceSuggestion.objects.current().filter(client=client).select_related("place__organisation", "action"),
        pk=policy.parse_id(suggestion_pk),
    )
    suggestion.client = client
    return suggestion


def _get_visit(suggestion, visit_pk) -> PlaceVisit:
    visit = get_object_or_404(
        PlaceVisit.objects.current().filter(suggestion=suggestion, client_id=suggestion.client_id),
        pk=policy.parse_id(visit_pk),
    )
    visit.suggestion, visit.client = suggestion, suggestion.client
    return visit


@allow_get
def index(request, pk):
    client = _client(request, pk)
    log(Actor.from_request(request), "places.suggestion.view", client=client)
    return render(
        request,
        "places/client/index.html",
        {"client": client, "tab": "work", "suggestions": selectors.suggestions_for(client)},
    )


@allow_get
def search(request, pk):
    client = _client(request, pk)
    points = selectors.start_points_for(request.user)
    client_point = selectors.start_point_for_client(client, points)
    form = SearchForm(request.GET, points=points, default_point=client_point)
    context = search_context(request, form, client=client)
    context.update(
        {
            "tab": "work",
            "points": points,
            "client_point": client_point,
            "saved_ids": selectors.suggestion_place_ids(client),
            "here": request.get_full_path(),
        }
    )
    log(Actor.from_request(request), "places.place.search", client=client, detail=form.describe())
    response = render(request, "places/client/search.html", context, status=200 if form.is_valid() else 422)
    return with_map(response, context["map"])


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@allow_post
def suggest(request, pk):
    client = _client(request, pk, write=True)
    form = SuggestForm(request.POST)
    back = _back(request, reverse("client_places:search", args=[client.pk]))
    place = None
    if form.is_valid():
        place = access.places_visible_to(request.user).filter(pk=form.cleaned_data["place"]).first()
    if place is None:
        messages.error(request, _("Deze plek staat niet (meer) in de lijst."))
        return redirect(back)
    try:
        services.suggestion_create(
            actor=Actor.from_request(request), client=client, place=place, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(place)s staat nu bij de plekken van %(name)s.") % {"place": place.name, "name": client.given_name},
        )
    return redirect(back)


@allow_get_post
def suggestion(request, pk, suggestion_pk):
    item = _get_suggestion(request, pk, suggestion_pk, write=request.method == "POST")
    actor = Actor.from_request(request)
    if request.method == "GET":
        log(actor, "places.suggestion.view", client=item.client, obj=item)
        form = SuggestionForm(initial={"status": item.status, "note": item.note, "version": item.version})
        return _suggestion_page(request, item, form)
    form = SuggestionForm(request.POST)
    if form.is_valid():
        try:
            services.suggestion_update(
                actor=actor,
                suggestion=item,
                note=form.cleaned_data["note"],
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
            )
        except services.ConcurrentEditError:
            form.add_error(None, _concurrent_message())
            return _suggestion_page(request, item, form, status=409)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(_suggestion_url(item))
    return _suggestion_page(request, item, form, status=422)


def _suggestion_page(request, item, form, *, status=200):
    from kring.places import hours

    return render(
        request,
        "places/client/suggestion.html",
        {
            "client": item.client,
            "tab": "work",
            "item": item,
            "place": item.place,
            "form": form,
            "visits": selectors.visits_of(item),
            "action": item.action if item.action and item.action.removed_at is None else None,
            "open_now": hours.is_open(item.place.opening_hours, timezone.localtime()),
        },
        status=status,
    )


@allow_post
def suggestion_remove(request, pk, suggestion_pk):
    item = _get_suggestion(request, pk, suggestion_pk, write=True)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.suggestion_remove(
            actor=Actor.from_request(request), suggestion=item, expected_version=form.cleaned_data.get("version")
        )
    except services.ConcurrentEditError:
        messages.error(request, _concurrent_message())
        return redirect(_suggestion_url(item))
    messages.success(request, _("%(place)s is van de lijst gehaald.") % {"place": item.place.name})
    return redirect(_index_url(item.client))


@allow_get_post
def plan(request, pk, suggestion_pk):
    item = _get_suggestion(request, pk, suggestion_pk, write=True)
    actor = Actor.from_request(request)
    if request.method == "GET":
        log(actor, "places.suggestion.view", client=item.client, obj=item)
        form = PlanForm(client=item.client, user=request.user, suggestion=item)
    else:
        form = PlanForm(request.POST, client=item.client, user=request.user, suggestion=item)
        if form.is_valid():
            try:
                services.suggestion_plan(
                    actor=actor, suggestion=item, data=form.to_data(), expected_version=form.cleaned_data["version"]
                )
            except services.ConcurrentEditError:
                form.add_error(None, _concurrent_message())
                return _plan_page(request, item, form, status=409)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Afgesproken. De actie staat op het Werk-tabblad en bij Mijn acties."))
                return redirect(_suggestion_url(item))
    return _plan_page(request, item, form, status=422 if form.errors else 200)


def _plan_page(request, item, form, *, status):
    return render(
        request,
        "places/client/plan.html",
        {"client": item.client, "tab": "work", "item": item, "form": form},
        status=status,
    )


@allow_get_post
def visit_add(request, pk, suggestion_pk):
    item = _get_suggestion(request, pk, suggestion_pk, write=True)
    actor = Actor.from_request(request)
    has_open_action = bool(item.action and item.action.removed_at is None and item.action.status == "open")
    if request.method == "GET":
        log(actor, "places.suggestion.view", client=item.client, obj=item)
        form = VisitForm(has_open_action=has_open_action)
    else:
        form = VisitForm(request.POST, has_open_action=has_open_action)
        if form.is_valid():
            try:
                visit = services.visit_create(actor=actor, suggestion=item, data=form.to_data(), met=form.met_data())
            except ValidationError as error:
                add_validation_errors(form, _met_fields(error))
            else:
                met = form.met_data()
                if met is not None:
                    messages.success(
                        request,
                        _("Het bezoek is vastgelegd en %(name)s staat nu in het netwerk.") % {"name": met.name},
                    )
                else:
                    messages.success(request, _("Het bezoek is vastgelegd."))
                return redirect(_suggestion_url(item) + f"#bezoek-{visit.pk}")
    return render(
        request,
        "places/client/visit_form.html",
        {"client": item.client, "tab": "work", "item": item, "form": form},
        status=422 if form.errors else 200,
    )


def _met_fields(error: ValidationError) -> ValidationError:
    """A member's field errors (name, relation, circle) belong to the met_* fields of these forms."""
    if not hasattr(error, "error_dict"):
        return error
    renamed = {
        ("met_" + k if k in ("name", "relation", "circle", "notes") else k): v for k, v in error.error_dict.items()
    }
    return ValidationError(renamed)


@allow_post
def visit_remove(request, pk, suggestion_pk, visit_pk):
    item = _get_suggestion(request, pk, suggestion_pk, write=True)
    visit = _get_visit(item, visit_pk)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.visit_remove(
            actor=Actor.from_request(request), visit=visit, expected_version=form.cleaned_data.get("version")
        )
    except services.ConcurrentEditError:
        messages.error(request, _concurrent_message())
    else:
        messages.success(request, _("Het bezoek is weggehaald."))
    return redirect(_suggestion_url(item))


@allow_get_post
def met_add(request, pk, suggestion_pk, visit_pk):
    item = _get_suggestion(request, pk, suggestion_pk, write=True)
    visit = _get_visit(item, visit_pk)
    actor = Actor.from_request(request)
    if request.method == "GET":
        log(actor, "places.visit.view", client=item.client, obj=visit)
        form = MetForm()
    else:
        form = MetForm(request.POST)
        if form.is_valid():
            try:
                met = services.met_person_add(actor=actor, visit=visit, data=form.met_data())
            except ValidationError as error:
                add_validation_errors(form, _met_fields(error))
            else:
                messages.success(request, _("%(name)s staat nu in het netwerk.") % {"name": met.member.name})
                return redirect(_suggestion_url(item) + f"#bezoek-{visit.pk}")
    return render(
        request,
        "places/client/met_form.html",
        {"client": item.client, "tab": "work", "item": item, "visit": visit, "form": form},
        status=422 if form.errors else 200,
    )
