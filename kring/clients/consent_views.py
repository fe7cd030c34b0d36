"""The consent page of a client: what the client decided per purpose, a form for a new decision, a
one-step withdrawal, and every earlier decision. Plain forms with Post/Redirect/Get."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import consent
from kring.clients.consent_forms import ConsentForm, WithdrawForm
from kring.clients.consent_services import ConcurrentDecisionError, consent_record, consent_withdraw
from kring.clients.models import Consent, ConsentPurpose
from kring.formtools import add_validation_errors
from kring.methods import allow_get, allow_get_post, allow_post


def _page_url(client) -> str:
    return reverse("consent:page", args=[client.pk])


def _history(client) -> tuple[list[dict], int]:
    """Every decision, grouped by purpose (newest first), and the id of the newest one (0 for none)."""
    rows = list(Consent.objects.filter(client=client).select_related("member", "recorded_by"))
    groups = [
        {"purpose": purpose, "label": purpose.label, "rows": [r for r in rows if r.purpose == purpose]}
        for purpose in ConsentPurpose
    ]
    return [g for g in groups if g["rows"]], max((r.pk for r in rows), default=0)


def _page(request, client, *, form=None, status=200):
    history, newest = _history(client)
    if form is None:
        form = ConsentForm(client=client, initial=_initial(request, newest))
    context = {
        "client": client,
        "glance": consent.consent_glance(client),
        "history": history,
        "form": form,
        "can_edit": policy.can_edit_client(request.user, client),
        "tab": "overview",
    }
    if status == 200 and form.errors:
        status = 422
    return render(request, "clients/consent/consent.html", context, status=status)


def _initial(request, newest: int) -> dict:
    """The form's starting values; ``?naaste=<id>`` (from a member's page) picks contact with that member."""
    initial = {"decided_on": timezone.localdate(), "method": "verbal", "seen_up_to": newest}
    member_id = request.GET.get("naaste", "")
    if member_id.isdigit():
        initial.update(purpose=ConsentPurpose.CONTACT_MEMBER, member=member_id)
    return initial


@allow_get
def consent_page(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    log(Actor.from_request(request), "clients.consent.view", client=client)
    return _page(request, client)


@allow_get_post
def consent_add(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, "clients.consent.view", client=client)
        return _page(request, client)
    form = ConsentForm(request.POST, client=client)
    if form.is_valid():
        try:
            row = consent_record(
                actor=actor, client=client, data=form.to_data(), seen_up_to=form.cleaned_data.get("seen_up_to")
            )
        except ConcurrentDecisionError as error:
            form.add_error(None, _concurrent_message(error.newer))
            log(actor, "clients.consent.view", client=client)
            return _page(request, client, form=_with_fresh_seen(form, client), status=409)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _saved_message(row))
            return redirect(_page_url(client))
    log(actor, "clients.consent.view", client=client)
    return _page(request, client, form=form)


@allow_post
def consent_withdraw_view(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    form = WithdrawForm(request.POST, client=client)
    if not form.is_valid():
        raise Http404  # only a changed button sends a purpose or member this page did not offer
    purpose, member = form.cleaned_data["purpose"], form.cleaned_data.get("member")
    try:
        consent_withdraw(actor=Actor.from_request(request), client=client, purpose=purpose, member=member)
    except ValidationError:
        messages.info(
            request, _("Er was geen geldige toestemming meer om in te trekken. Hieronder zie je hoe het nu staat.")
        )
    else:
        if member is not None:
            text = _("De toestemming om contact op te nemen met %(name)s is ingetrokken.") % {"name": member.name}
        else:
            text = _("De toestemming is ingetrokken: %(purpose)s.") % {"purpose": ConsentPurpose(purpose).label}
        messages.success(request, text)
    return redirect(_page_url(client))


def _saved_message(row: Consent) -> str:
    if consent.latest(row.client, row.purpose, member=row.member) != row:
        return _("Het besluit is opgeslagen. Let op: er is een later besluit over hetzelfde; dat besluit telt.")
    return _("Het besluit is opgeslagen.")


def _concurrent_message(newer: Consent) -> str:
    return _(
        "Iemand anders heeft net een besluit over hetzelfde vastgelegd (%(decision)s). Jouw besluit is niet "
        "opgeslagen. Kijk hieronder hoe het nu staat en sla het opnieuw op als het klopt."
    ) % {"decision": newer.get_decision_display().lower()}


def _with_fresh_seen(form: ConsentForm, client) -> ConsentForm:
    """The same form with what was typed, now knowing the newest decision (so a second save goes through)."""
    data = form.data.copy()
    data["seen_up_to"] = Consent.objects.filter(client=client).order_by("-pk").values_list("pk", flat=True).first()
    fresh = ConsentForm(data, client=client)
    fresh.is_valid()
    for error in form.non_field_errors():
        fresh.add_error(None, error)
    return fresh
