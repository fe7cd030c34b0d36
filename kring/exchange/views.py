"""Exchange pages: the network to another installation (FHIR export), a network from elsewhere (import with a
preview first), and the client's rights: inzage (art. 15) and erasure (art. 17)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import consent as consent_rules
from kring.clients.models import ConsentPurpose
from kring.exchange import fhir, inzage, records, services
from kring.exchange.forms import EraseForm, ImportConfirmForm, ImportUploadForm
from kring.exchange.network import ImportRefused
from kring.formtools import add_validation_errors
from kring.methods import allow_get, allow_get_post

PREVIEW_MAX_AGE = 60 * 60  # seconds a preview stays valid before the file must be chosen again


def _download(content: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _slug(client) -> str:
    return f"kring-client-{client.pk}-{timezone.localdate().isoformat()}"


# --- FHIR export ------------------------------------------------------------------------------------------


def _export_context(client) -> dict:
    consent = consent_rules.latest(client, ConsentPurpose.TRANSFER)
    return {"client": client, "consent": consent, "consent_valid": consent_rules.is_valid(consent)}


@allow_get
def export_page(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    log(Actor.from_request(request), "exchange.export.view", client=client)
    return render(request, "exchange/export.html", _export_context(client))


@allow_get
def export_download(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    try:
        bundle = services.export_network(actor=Actor.from_request(request), client=client)
    except services.ExportRefused as refusal:
        context = {**_export_context(client), "refusal": str(refusal)}
        return render(request, "exchange/export.html", context, status=409)
    content = json.dumps(bundle, ensure_ascii=False, indent=2)
    return _download(content, f"{_slug(client)}-netwerk.fhir.json", "application/fhir+json; charset=utf-8")


# --- FHIR import ------------------------------------------------------------------------------------------


def _salt(user) -> str:
    return f"kring.exchange.import.{user.pk}"


@allow_get_post
def import_network(request):
    """Step 1: choose the file and the team. Step 2: see who will be created. Step 3: one atomic write."""
    user = request.user
    if not policy.can_import_network(user):
        raise Http404
    actor = Actor.from_request(request)
    if request.method == "POST" and "payload" in request.POST:
        return _confirm_import(request, actor)
    form = ImportUploadForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            team = form.cleaned_data["team"]
            if upload.size > fhir.MAX_BYTES:
                form.add_error("file", fhir.too_big_message())
            else:
                raw = upload.read()
                try:
                    preview = services.preview_import(actor=actor, raw=raw, team=team)
                except fhir.BundleError as error:
                    form.add_error("file", str(error))
                except ValidationError as error:
                    add_validation_errors(form, error)
                else:
                    payload = signing.dumps(json.loads(raw.decode("utf-8-sig")), salt=_salt(user), compress=True)
                    confirm = ImportConfirmForm(initial={"payload": payload, "team": team.pk}, user=user)
                    context = {"preview": preview, "rows": _preview_rows(preview), "form": confirm}
                    return render(request, "exchange/import_preview.html", context)
        return render(request, "exchange/import.html", {"form": form}, status=422)
    return render(request, "exchange/import.html", {"form": form})


def _preview_rows(preview) -> list[dict]:
    from kring.network.models import Circle, LimitReason, MemberStatus, Relation

    relations, circles = dict(Relation.choices), dict(Circle.choices)
    statuses, reasons = dict(MemberStatus.choices), dict(LimitReason.choices)
    return [
        {
            "name": member.name,
            "relation": relations.get(member.relation, member.relation),
            "circle": circles.get(member.circle, member.circle),
            "status": statuses.get(member.status, member.status),
            "limit_reason": reasons.get(member.limit_reason, member.limit_reason),
            "emergency_contact": member.emergency_contact,
        }
        for member in preview.network.members
    ]


def _confirm_import(request, actor):
    user = request.user
    confirm = ImportConfirmForm(request.POST, user=user)
    form = ImportUploadForm(user=user)
    problem = _("Het voorbeeld is verlopen of klopt niet meer. Kies het bestand opnieuw.")
    if confirm.is_valid():
        try:
            data = signing.loads(confirm.cleaned_data["payload"], salt=_salt(user), max_age=PREVIEW_MAX_AGE)
            network = fhir.from_bundle(data)
            client = services.import_network(actor=actor, team=confirm.cleaned_data["team"], network=network)
        except signing.BadSignature:
            pass
        except (fhir.BundleError, ImportRefused) as error:
            problem = str(error)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("%(name)s staat nu in Kring, met %(count)s mensen in het netwerk.")
                % {"name": client.display_name, "count": len(network.members)},
            )
            return redirect("clients:detail", pk=client.pk)
    return render(request, "exchange/import.html", {"form": form, "problem": problem}, status=422)


# --- Inzage (art. 15) -------------------------------------------------------------------------------------


def _data_request_client(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    if not policy.can_handle_data_request(request.user, client):
        raise Http404
    return client


@allow_get
def inzage_page(request, pk):
    client = _data_request_client(request, pk)
    log(Actor.from_request(request), "exchange.inzage.view", client=client)
    return render(request, "exchange/inzage.html", {"client": client, "inzage": inzage.collect(client)})


@allow_get
def inzage_json(request, pk):
    client = _data_request_client(request, pk)
    log(Actor.from_request(request), "exchange.inzage.export", client=client)
    content = inzage.collect(client).as_json()
    return _download(content, f"{_slug(client)}-inzage.json", "application/json; charset=utf-8")


# --- Erasure (art. 17) ------------------------------------------------------------------------------------


@allow_get_post
def erase(request, pk):
    client = _data_request_client(request, pk)
    actor = Actor.from_request(request)
    form = EraseForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        services.erase_client(actor=actor, client=client, reason="request of the client (art. 17)")
        # No name in the message: it would be kept in the session until shown.
        messages.success(request, _("Alle gegevens van de cliënt en het netwerk zijn gewist."))
        return redirect("clients:caseload")
    if request.method == "GET":
        log(actor, "exchange.client.view", client=client, detail="erase form")
    held = records.holdings(client)
    counts = sorted(
        (
            (str(model._meta.verbose_name_plural).capitalize(), len(ids))
            for model, ids in held.ids.items()
            if ids and not records.is_history(model) and not model._meta.auto_created
        ),
        key=lambda item: item[0],
    )
    history = sum(len(ids) for model, ids in held.ids.items() if records.is_history(model))
    return render(
        request,
        "exchange/erase.html",
        {"client": client, "form": form, "counts": counts, "history_count": history},
        status=422 if request.method == "POST" else 200,
    )
