"""The social map: search, a place's page, adding and correcting places, imports and start points.

No client data here (samen op zoek with a client is in ``client_views``). A place of another organisation
that is not shared answers 404, like everything that is not yours.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.formtools import add_validation_errors
from kring.methods import allow_get, allow_get_post, allow_post
from kring.places import access, conf, hours, importers, selectors, services
from kring.places.forms import ImportForm, PlaceForm, SearchForm, StartPointForm, VersionForm
from kring.places.models import Category, ImportKind, PlaceImport, StartPoint
from kring.places.osm import OSM_COPYRIGHT_URL


def _concurrent_message() -> str:
    return _("Iemand anders heeft dit net gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.")


def _posted(request):
    """The form data of a POST (even an empty one: it gets its messages), None for a GET."""
    return request.POST if request.method == "POST" else None


def with_map(response: HttpResponse, map_config) -> HttpResponse:
    """Let the page load the tiles of the configured tile server (Content-Security-Policy img-src)."""
    if map_config is not None and map_config.csp_source:
        response._csp_update = {"img-src": [map_config.csp_source]}
    return response


def search_context(request, form: SearchForm, *, client=None) -> dict:
    """What the search page shows; shared by the directory and samen op zoek (with a client)."""
    page = None
    if form.is_valid():
        page = selectors.search(
            request.user,
            filters=form.filters(),
            now=timezone.localtime(),
            origin=form.origin(),
            radius_km=form.radius(),
            page_number=request.GET.get("pagina"),
        )
    query = request.GET.copy()
    query.pop("pagina", None)
    origin = form.origin()
    hits = list(page) if page is not None else []
    return {
        "form": form,
        "page": page,
        "hits": hits,
        "origin": origin,
        "radius": form.radius(),
        "query_string": query.urlencode(),
        "map": conf.map_config() if origin is not None else None,
        "osm_shown": any(hit.place.is_from_osm for hit in hits),
        "osm_copyright_url": OSM_COPYRIGHT_URL,
        "can_manage": access.can_manage_places(request.user),
        "client": client,
    }


@allow_get
def search(request):
    access.require_use(request.user)
    points = selectors.start_points_for(request.user)
    form = SearchForm(request.GET, points=points)
    context = search_context(request, form)
    context["points"] = points
    response = render(request, "places/search.html", context, status=200 if form.is_valid() else 422)
    return with_map(response, context["map"])


@allow_get
def detail(request, place_pk):
    place = access.get_place_for_user(request.user, place_pk)
    map_config = conf.map_config() if place.has_location else None
    response = render(
        request,
        "places/detail.html",
        {
            "place": place,
            "own": place.organisation_id == request.user.organisation_id,
            "can_edit": access.can_edit_place(request.user, place),
            "can_manage": access.can_manage_places(request.user),
            "hours_structured": hours.is_structured(place.opening_hours),
            "open_now": hours.is_open(place.opening_hours, timezone.localtime()),
            "map": map_config,
            "osm_copyright_url": OSM_COPYRIGHT_URL,
        },
    )
    return with_map(response, map_config)


@allow_get_post
def add(request):
    access.require_use(request.user)
    can_share = access.can_manage_places(request.user)
    form = PlaceForm(_posted(request), can_share=can_share)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.place_create(user=request.user, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s staat nu op de sociale kaart.") % {"name": place.name})
            _warn_unstructured_hours(request, place)
            return redirect("places:detail", place.pk)
    return render(request, "places/place_form.html", {"form": form}, status=422 if form.errors else 200)


@allow_get_post
def edit(request, place_pk):
    place = access.get_place_for_user(request.user, place_pk, edit=True)
    can_share = access.can_manage_places(request.user)
    if request.method == "GET":
        form = PlaceForm(place=place, can_share=can_share)
    else:
        form = PlaceForm(request.POST, place=place, can_share=can_share)
        if form.is_valid():
            try:
                services.place_update(
                    user=request.user, place=place, data=form.to_data(), expected_version=form.cleaned_data["version"]
                )
            except services.ConcurrentEditError:
                form.add_error(None, _concurrent_message())
                return _place_form(request, form, place, status=409)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("De plek is opgeslagen."))
                _warn_unstructured_hours(request, place)
                return redirect("places:detail", place.pk)
    return _place_form(request, form, place, status=422 if form.errors else 200)


def _place_form(request, form, place, *, status):
    return render(
        request,
        "places/place_form.html",
        {"form": form, "place": place, "can_manage": access.can_manage_places(request.user)},
        status=status,
    )


def _warn_unstructured_hours(request, place) -> None:
    if place.opening_hours and not hours.is_structured(place.opening_hours):
        messages.warning(
            request,
            _(
                "Kring kan de openingstijden niet lezen, dus ‘nu open’ werkt niet voor deze plek. Schrijf ze als "
                "ma-vr 09:00-17:00 als dat kan."
            ),
        )


@allow_post
def remove(request, place_pk):
    access.require_manage(request.user)
    place = access.get_place_for_user(request.user, place_pk, edit=True)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.place_remove(user=request.user, place=place, expected_version=form.cleaned_data.get("version"))
    except services.ConcurrentEditError:
        messages.error(request, _concurrent_message())
        return redirect("places:detail", place.pk)
    messages.success(request, _("%(name)s is van de sociale kaart gehaald.") % {"name": place.name})
    return redirect("places:search")


# --- Imports ---------------------------------------------------------------------------------------


@allow_get_post
def import_upload(request):
    access.require_manage(request.user)
    form = ImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > importers.MAX_BYTES:
                raise importers.ImportFileError(_("Het bestand is groter dan 10 MB. Splits het in kleinere bestanden."))
            text = importers.decode(upload.read())
            kind = form.cleaned_data["kind"] or importers.detect_kind(upload.name, text)
            place_import, _plan = services.import_create(
                user=request.user, filename=upload.name, kind=kind, text=text, share=form.cleaned_data["share"]
            )
        except importers.ImportFileError as error:
            file_error = error
            form.add_error("file", _("Er is niets ingelezen. Verbeter het bestand en kies het opnieuw."))
        else:
            return redirect("places:import_preview", place_import.pk)
    return render(
        request,
        "places/import.html",
        {
            "form": form,
            "file_error": file_error,
            "columns": importers.CSV_COLUMNS,
            "categories": Category.choices,
            "recent": PlaceImport.objects.filter(organisation_id=request.user.organisation_id)
            .exclude(applied_at=None)
            .select_related("created_by")[:5],
        },
        status=422 if form.errors else 200,
    )


def _get_import(request, import_pk) -> PlaceImport:
    access.require_manage(request.user)
    return get_object_or_404(
        PlaceImport.objects.filter(organisation_id=request.user.organisation_id).select_related("organisation"),
        pk=policy.parse_id(import_pk),
    )


PREVIEW_ROWS = 100


@allow_get_post
def import_preview(request, import_pk):
    place_import = _get_import(request, import_pk)
    if request.method == "POST" and place_import.applied_at is None:
        try:
            services.import_confirm(user=request.user, place_import=place_import)
        except importers.ImportFileError as error:
            # The file was fine at the preview; the places changed in between. Nothing was written.
            messages.error(request, _("Er is niets ingelezen: %(error)s") % {"error": error})
        else:
            messages.success(request, _("Klaar: de plekken zijn ingelezen."))
        return redirect("places:import_preview", place_import.pk)
    if place_import.applied_at is not None:
        return render(request, "places/import_report.html", {"place_import": place_import})
    try:
        parsed, plan = services.import_preview(place_import=place_import)
    except importers.ImportFileError as error:
        return render(request, "places/import_report.html", {"place_import": place_import, "file_error": error})
    return render(
        request,
        "places/import_preview.html",
        {
            "place_import": place_import,
            "parsed": parsed,
            "plan": plan,
            "counts": plan.counts,
            "rows": plan.rows[:PREVIEW_ROWS],
            "more_rows": max(0, len(plan.rows) - PREVIEW_ROWS),
            "osm": place_import.kind != ImportKind.CSV and parsed.attribution,
            "osm_copyright_url": OSM_COPYRIGHT_URL,
        },
    )


@allow_get
def csv_template(request):
    access.require_use(request.user)
    response = HttpResponse(importers.csv_template(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kring-plekken-voorbeeld.csv"'
    return response


# --- Start points ----------------------------------------------------------------------------------


@allow_get_post
def start_points(request):
    access.require_manage(request.user)
    organisation = request.user.organisation
    form = StartPointForm(_posted(request), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        lat, lon = form.cleaned_data["coordinates"]
        try:
            point = services.start_point_create(
                user=request.user,
                name=form.cleaned_data["name"],
                latitude=lat,
                longitude=lon,
                location=form.cleaned_data["location"],
            )
        except ValidationError as error:
            if "__all__" in getattr(error, "error_dict", {}):
                error = ValidationError({"name": _("Er is al een startpunt met deze naam.")})
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Startpunt %(name)s is toegevoegd.") % {"name": point.name})
            return redirect("places:start_points")
    return render(
        request,
        "places/start_points.html",
        {"form": form, "points": selectors.start_points_for(request.user)},
        status=422 if form.errors else 200,
    )


@allow_post
def start_point_remove(request, point_pk):
    access.require_manage(request.user)
    point = StartPoint.objects.filter(
        organisation_id=request.user.organisation_id, pk=policy.parse_id(point_pk)
    ).first()
    if point is None:
        raise Http404
    services.start_point_remove(user=request.user, point=point)
    messages.success(request, _("Startpunt %(name)s is weggehaald.") % {"name": point.name})
    return redirect(reverse("places:start_points"))
