"""Transfer pages: propose a transfer for a client, the transfer itself (seen by both sides), the actions on
it, and the list of transfers coming in and going out.

The receiving side reaches a transfer through ``overdrachten/<id>/`` only: it sees the proposal, never
the client's record or network, until the transfer is completed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import consent as consent_rules
from kring.clients import transfer_services as services
from kring.clients.models import ConsentPurpose, Transfer, TransferStatus
from kring.clients.transfer_forms import TransferActionForm, TransferDeclineForm, TransferProposeForm
from kring.formtools import add_validation_errors
from kring.methods import allow_get, allow_get_post, allow_post


def _concurrent_message() -> str:
    return _(
        "Iemand anders heeft net iets met deze overdracht gedaan. Er is niets opgeslagen. Hieronder zie je hoe "
        "het er nu voor staat."
    )


def _transfer_consent(client) -> dict:
    consent = consent_rules.latest(client, ConsentPurpose.TRANSFER)
    return {"consent": consent, "consent_valid": consent_rules.is_valid(consent)}


def _open_transfer(client):
    return (
        Transfer.objects.filter(client=client, status__in=services.OPEN)
        .select_related("to_team__organisation", "to_location")
        .first()
    )


@allow_get
def client_transfers(request, pk):
    """The client's transfers (open and past), from the client's page."""
    client = policy.get_client_for_user(request.user, pk)
    transfers = list(
        Transfer.objects.filter(client=client).select_related(
            "from_team__organisation", "to_team__organisation", "to_location", "proposed_by"
        )
    )
    log(Actor.from_request(request), "clients.transfers.view", client=client)
    return render(
        request,
        "clients/transfers/client_transfers.html",
        {
            "client": client,
            "transfers": transfers,
            "open_transfer": next((t for t in transfers if t.status in services.OPEN), None),
            "can_propose": policy.can_propose_transfer(request.user, client),
            **_transfer_consent(client),
        },
    )


@allow_get_post
def propose(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    can_override = policy.can_override_transfer_consent(request.user, client)
    form = TransferProposeForm(request.POST or None, can_override=can_override)
    actor = Actor.from_request(request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                transfer = services.transfer_propose(actor=actor, client=client, proposal=form.to_proposal())
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Het voorstel staat klaar voor %(team)s. Zij zien de naam van de cliënt en de warme "
                        "overdracht; het netwerk pas als de overdracht is afgerond."
                    )
                    % {"team": transfer.to_team.name},
                )
                return redirect("transfers:detail", transfer_pk=transfer.pk)
        status = 422
    else:
        log(actor, "clients.transfers.view", client=client, detail="propose form")
    return render(
        request,
        "clients/transfers/propose.html",
        {
            "client": client,
            "form": form,
            "can_override": can_override,
            "open_transfer": _open_transfer(client),
            **_transfer_consent(client),
        },
        status=status,
    )


def _detail_context(request, transfer, **forms) -> dict:
    user = request.user
    client = transfer.client
    sender = policy.can_edit_client(user, client)
    version = {"version": transfer.version}
    can_decide = policy.can_decide_transfer(user, transfer)
    return {
        "transfer": transfer,
        "client": client,
        "is_sender": sender,
        "is_receiver": policy.is_transfer_receiver(user, transfer),
        "consent_holds": services.consent_holds(transfer),
        "can_decide": can_decide,
        "can_withdraw": policy.can_withdraw_transfer(user, transfer),
        "can_complete": policy.can_complete_transfer(user, transfer),
        "action_form": TransferActionForm(initial=version),
        "decline_form": forms.get("decline_form") or TransferDeclineForm(initial=version),
        "open_statuses": services.OPEN,
    }


@allow_get
def detail(request, transfer_pk):
    transfer = policy.get_transfer_for_user(request.user, transfer_pk)
    log(Actor.from_request(request), "clients.transfer.view", client=transfer.client, obj=transfer)
    return render(request, "clients/transfers/detail.html", _detail_context(request, transfer))


def _act(request, transfer_pk, *, may_act, write, done_message, form_class=TransferActionForm, **write_kwargs):
    """Run one action on a transfer: 404 for who may not act on it at all, 409 when it changed meanwhile or is
    no longer in a state that allows the action, 422 with the form when the input is wrong."""
    user = request.user
    transfer = policy.get_transfer_for_user(user, transfer_pk)
    if not may_act(user, transfer):
        raise Http404
    form = form_class(request.POST)
    forms = {"decline_form": form} if form_class is TransferDeclineForm else {}
    if not form.is_valid():
        context = _detail_context(request, transfer, **forms)
        return render(request, "clients/transfers/detail.html", context, status=422)
    try:
        write(
            actor=Actor.from_request(request),
            transfer=transfer,
            expected_version=form.cleaned_data.get("version"),
            **{key: form.cleaned_data[key] for key in write_kwargs.get("fields", ())},
        )
    except (services.ConcurrentTransferError, PermissionError):
        fresh = policy.get_transfer_for_user(user, transfer_pk)
        messages.error(request, _concurrent_message())
        return render(request, "clients/transfers/detail.html", _detail_context(request, fresh), status=409)
    except ValidationError as error:
        if form_class is TransferDeclineForm:
            add_validation_errors(form, error)
        else:
            for message in error.messages:
                messages.error(request, message)
        context = _detail_context(request, transfer, **forms)
        return render(request, "clients/transfers/detail.html", context, status=422)
    messages.success(request, done_message(transfer))
    if transfer.status == TransferStatus.COMPLETED and not policy.can_edit_client(user, transfer.client):
        # The sending side let go of the client: its pages now answer 404.
        return redirect("transfers:incoming")
    if transfer.status == TransferStatus.COMPLETED:
        return redirect("clients:detail", pk=transfer.client_id)
    if transfer.status == TransferStatus.DECLINED:
        return redirect("transfers:incoming")
    return redirect("transfers:detail", transfer_pk=transfer.pk)


@allow_post
def accept(request, transfer_pk):
    return _act(
        request,
        transfer_pk,
        may_act=policy.is_transfer_receiver,
        write=services.transfer_accept,
        done_message=lambda t: (
            _("Je hebt de overdracht geaccepteerd. Rond hem af zodra %(name)s echt overkomt.")
            % {"name": t.client.given_name}
        ),
    )


@allow_post
def decline(request, transfer_pk):
    return _act(
        request,
        transfer_pk,
        may_act=policy.is_transfer_receiver,
        write=services.transfer_decline,
        form_class=TransferDeclineForm,
        fields=("reason",),
        done_message=lambda t: _("Je hebt de overdracht afgewezen. Het team dat hem voorstelde ziet jouw reden."),
    )


@allow_post
def withdraw(request, transfer_pk):
    return _act(
        request,
        transfer_pk,
        may_act=lambda user, t: policy.can_edit_client(user, t.client),
        write=services.transfer_withdraw,
        done_message=lambda t: _("De overdracht is ingetrokken. De cliënt blijft bij jouw team."),
    )


@allow_post
def complete(request, transfer_pk):
    return _act(
        request,
        transfer_pk,
        may_act=lambda user, t: policy.can_edit_client(user, t.client) or policy.is_transfer_receiver(user, t),
        write=services.transfer_complete,
        done_message=lambda t: (
            _("De overdracht is afgerond. %(name)s hoort nu bij %(team)s, met het hele netwerk.")
            % {"name": t.client.given_name, "team": t.to_team.name}
        ),
    )


@allow_get
def incoming(request):
    """Open transfers to the user's teams (to accept or decline) and from them (to follow up)."""
    user = request.user
    if not policy.can_see_caseload(user):
        raise Http404
    open_transfers = list(
        policy.transfers_visible_to(user)
        .filter(status__in=services.OPEN)
        .select_related(
            "client__team",
            "client__organisation",
            "from_team__organisation",
            "to_team__organisation",
            "to_location",
            "proposed_by",
        )
        .order_by("-proposed_at", "-pk")
    )
    log(Actor.from_request(request), "clients.transfers.view", object_type="transfers")
    return render(
        request,
        "clients/transfers/incoming.html",
        {
            "incoming": [t for t in open_transfers if policy.is_transfer_receiver(user, t)],
            "outgoing": [t for t in open_transfers if policy.can_edit_client(user, t.client)],
        },
    )
