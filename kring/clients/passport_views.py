"""The network passport: a page where the client chooses what goes on it, and the sheet to print.

The choices are sent with the form (POST) and not stored; "Aanpassen" on the sheet sends them back to the
choice page, so nothing the client typed is lost between the two.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import passport
from kring.methods import allow_get_post, allow_post
from kring.network.models import Link, Member
from kring.support.selectors import open_actions_of


def _load(client):
    members = list(Member.objects.current().filter(client=client))
    actions = open_actions_of(client)
    return members, actions


def _choose_page(request, client, form, members, *, status=200):
    phones = form.checked("phones")
    on = form.checked("members")
    rows = [{"member": m, "on": m.pk in on, "phone_on": m.pk in phones} for m in members]
    context = {"client": client, "form": form, "rows": rows, "tab": "network"}
    if status == 200 and form.errors:
        status = 422
    return render(request, "clients/passport/choose.html", context, status=status)


@allow_get_post
def passport_choose(request, pk):
    """GET: the starting choices. POST (from the sheet's "Aanpassen"): the choices made, to change them."""
    client = policy.get_client_for_user(request.user, pk)
    members, actions = _load(client)
    data = request.POST if request.method == "POST" else None
    form = passport.PassportForm(data, client=client, members=members, actions=actions)
    if form.is_bound:
        form.is_valid()  # shows what is wrong with what came back, if anything
    log(Actor.from_request(request), "clients.passport.view", client=client)
    return _choose_page(request, client, form, members)


@allow_post
def passport_sheet(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    members, actions = _load(client)
    form = passport.PassportForm(request.POST, client=client, members=members, actions=actions)
    actor = Actor.from_request(request)
    if not form.is_valid():
        log(actor, "clients.passport.view", client=client)
        return _choose_page(request, client, form, members)
    choices = form.to_choices()
    links = list(Link.objects.filter(client=client).values_list("member_a_id", "member_b_id", "kind"))
    sheet = passport.build(client, choices, members=members, links=links, actions=actions)
    log(
        actor,
        "clients.passport.print",
        client=client,
        detail=(
            f"language {choices.language}; parts {','.join(sorted(choices.sections)) or '-'}; "
            f"members {len(choices.member_ids)}; phones {len(choices.phone_ids)}; agreements {len(sheet.agreements)}"
        ),
    )
    # What "Aanpassen" sends back to the choice page: exactly what came, so nothing typed is lost.
    resend = [(k, v) for k in request.POST if k != "csrfmiddlewaretoken" for v in request.POST.getlist(k)]
    context = {"client": client, "passport": sheet, "resend": resend, "today": timezone.localdate()}
    return render(request, "clients/passport/sheet.html", context)
