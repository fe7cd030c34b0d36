"""Questionnaires of a client: the overview with trends, filling one in together, the result, edit, remove.

The fill-in page is a conversation aid for a worker and a client on a tablet. It speaks the language chosen
at the start (any language the definition has texts in), whatever the worker's own language is; the
result is shown in that language too. Every page works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.formtools import add_validation_errors
from kring.measures import results, selectors, services
from kring.measures.forms import SKIP, ResponseForm
from kring.measures.services import definition_of
from kring.methods import allow_get, allow_get_post, allow_post


def _ui_language() -> str:
    return translation.get_language() or "nl"


def _list_url(client) -> str:
    return reverse("questionnaires:list", args=[client.pk])


@allow_get
def questionnaire_list(request, pk):
    """Vragenlijsten: every questionnaire with the latest result and a small trend."""
    client = policy.get_client_for_user(request.user, pk)
    log(Actor.from_request(request), "measures.questionnaires.view", client=client)
    return render(
        request,
        "measures/questionnaires.html",
        {
            "client": client,
            "tab": "questionnaires",
            "summaries": results.summaries(selectors.responses_of(client), _ui_language()),
        },
    )


@allow_get
def questionnaire_detail(request, pk, key):
    """One questionnaire over time: the trend chart and every time it was filled in."""
    client = policy.get_client_for_user(request.user, pk)
    definition = selectors.definition_or_404(key)
    log(Actor.from_request(request), "measures.questionnaires.view", client=client, detail=key)
    responses = selectors.responses_of(client, key)
    language = results.language_for(definition, _ui_language())
    rows = [results.result_of(r, definition_of(r), language) for r in reversed(responses)]
    chart = results.trend_chart(definition, responses, language)
    return render(
        request,
        "measures/questionnaire_detail.html",
        {
            "client": client,
            "tab": "questionnaires",
            "definition": definition,
            "title": definition.title[language],
            "higher_means": definition.higher_means.get(language, ""),
            "subscale_titles": [subscale.title[language] for subscale in definition.subscales],
            "has_gap": any(row.total is None for row in rows),
            "show_skipped": len(definition.items) > 1,
            "rows": rows,
            "chart": results.trend_svgs(chart, f"trend-{key}") if responses else None,
        },
    )


def _choose_language(request, client, definition):
    return render(
        request,
        "measures/questionnaire_language.html",
        {
            "client": client,
            "definition": definition,
            "title": definition.title[results.language_for(definition, _ui_language())],
            "languages": definition.languages,
        },
    )


def _fill_page(request, client, definition, form, *, response=None, status=200):
    language = form.language
    return render(
        request,
        "measures/questionnaire_fill.html",
        {
            "client": client,
            "definition": definition,
            "form": form,
            "language": language,
            "title": definition.title[language],
            "intro": definition.intro[language],
            "notice": definition.notice.get(language, ""),
            "response": response,
            "count": len(definition.items),
            "skip": SKIP,
        },
        status=status,
    )


@allow_get_post
def response_create(request, pk, key):
    """Fill a questionnaire in: first the language, then one card per item, the date, and save."""
    client = policy.get_client_for_user(request.user, pk, write=True)
    definition = selectors.definition_or_404(key)
    actor = Actor.from_request(request)
    language = (request.POST if request.method == "POST" else request.GET).get("taal", "")
    if language not in definition.languages:
        log(actor, "measures.questionnaires.view", client=client, detail=f"{key} fill")
        return _choose_language(request, client, definition)
    with translation.override(language):
        if request.method == "GET":
            log(actor, "measures.questionnaires.view", client=client, detail=f"{key} fill")
            return _fill_page(request, client, definition, ResponseForm(definition=definition, language=language))
        form = ResponseForm(request.POST, definition=definition, language=language)
        if form.is_valid():
            try:
                response = services.response_create(
                    actor=actor, client=client, definition=definition, data=form.to_data()
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect("questionnaires:response", client.pk, response.pk)
        return _fill_page(request, client, definition, form)


@allow_get
def response_detail(request, pk, response_pk):
    """The result in plain words, in the language it was filled in, with the answers given."""
    response = selectors.get_response_for_user(request.user, pk, response_pk)
    log(Actor.from_request(request), "measures.questionnaire.view", client=response.client, obj=response)
    return _result_page(request, response)


def _result_page(request, response, *, status=200):
    definition = definition_of(response)
    with translation.override(response.language):
        result = results.result_of(response, definition, response.language)
        higher_means = definition.higher_means.get(response.language, "")
        notice = definition.notice.get(response.language, "")
    return render(
        request,
        "measures/response_detail.html",
        {
            "client": response.client,
            "tab": "questionnaires",
            "response": response,
            "definition": definition,
            "result": result,
            "ui_title": definition.title[results.language_for(definition, _ui_language())],
            "higher_means": higher_means,
            "notice": notice,
            "can_edit": policy.can_edit_client(request.user, response.client),
        },
        status=status,
    )


@allow_get_post
def response_edit(request, pk, response_pk):
    response = selectors.get_response_for_user(request.user, pk, response_pk, write=True)
    client, definition = response.client, definition_of(response)
    actor = Actor.from_request(request)
    with translation.override(response.language):
        if request.method == "GET":
            log(actor, "measures.questionnaire.view", client=client, obj=response, detail="edit form")
            initial = ResponseForm.initial_for(response, definition)
            form = ResponseForm(initial=initial, definition=definition, language=response.language)
            return _fill_page(request, client, definition, form, response=response)
        form = ResponseForm(request.POST, definition=definition, language=response.language)
        if form.is_valid():
            try:
                services.response_update(
                    actor=actor, response=response, data=form.to_data(), expected_version=form.cleaned_data["version"]
                )
            except services.ConcurrentEditError:
                form.add_error(None, _concurrent_message())
                return _fill_page(request, client, definition, form, response=response, status=409)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return redirect("questionnaires:response", client.pk, response.pk)
        return _fill_page(request, client, definition, form, response=response)


@allow_post
def response_remove(request, pk, response_pk):
    response = selectors.get_response_for_user(request.user, pk, response_pk, write=True)
    client = response.client
    version = _int_or_none(request.POST.get("version"))
    try:
        services.response_remove(actor=Actor.from_request(request), response=response, expected_version=version)
    except services.ConcurrentEditError:
        response.refresh_from_db()
        if response.removed_at is not None:
            messages.info(request, _("Deze ingevulde vragenlijst was al verwijderd."))
            return redirect(_list_url(client))
        messages.error(request, _concurrent_message())
        return _result_page(request, response, status=409)
    messages.success(
        request,
        _("De vragenlijst van %(date)s is verwijderd. Hij staat nog wel in de geschiedenis.")
        % {"date": _date(response.date)},
    )
    return redirect(_list_url(client))


def _date(day) -> str:
    return format_date(day, "j F Y")


def _concurrent_message() -> str:
    return _(
        "Iemand anders heeft deze vragenlijst net gewijzigd of verwijderd. Jouw wijziging is niet opgeslagen. "
        "Open de vragenlijst opnieuw om te zien wat er nu staat."
    )


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
