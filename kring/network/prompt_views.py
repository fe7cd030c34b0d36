"""The organisation admin's page for the prompt cards of the mapping session.

Only an organisation admin gets in, and only to the cards of their own organisation; everyone else,
and every id of another organisation's card, gets the same 404. Every change is a plain POST that
answers with a redirect (Post/Redirect/Get); no JavaScript needed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kring import policy
from kring.methods import allow_get, allow_get_post, allow_post
from kring.network.models import Prompt
from kring.network.prompt_forms import PromptForm, prompt_create, prompt_move, prompt_set_active, prompt_update
from kring.network.prompts import ensure_prompts


def _require_org_admin(user) -> None:
    if not policy.is_org_admin(user):
        raise Http404


def _get_prompt_for_admin(user, pk) -> Prompt:
    """The card with this id if it belongs to the admin's own organisation; else 404."""
    _require_org_admin(user)
    prompt = Prompt.objects.filter(organisation_id=user.organisation_id, pk=policy.parse_id(pk)).first()
    if prompt is None:
        raise Http404
    return prompt


def _list_url(prompt: Prompt | None = None) -> str:
    url = reverse("prompts:list")
    return f"{url}#prompt-{prompt.pk}" if prompt is not None else url


@allow_get
def prompt_list(request):
    _require_org_admin(request.user)
    organisation = request.user.organisation
    ensure_prompts(organisation)
    prompts = list(Prompt.objects.filter(organisation=organisation).order_by("order", "pk"))
    return render(request, "network/prompts/prompt_list.html", {"prompts": prompts})


@allow_get_post
def prompt_new(request):
    _require_org_admin(request.user)
    form = PromptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        prompt = prompt_create(organisation=request.user.organisation, data=form.prompt_data())
        messages.success(request, _("De vraagkaart is toegevoegd."))
        return redirect(_list_url(prompt))
    return render(request, "network/prompts/prompt_form.html", {"form": form, "prompt": None})


@allow_get_post
def prompt_edit(request, pk):
    prompt = _get_prompt_for_admin(request.user, pk)
    form = PromptForm(request.POST or None, prompt=prompt)
    if request.method == "POST" and form.is_valid():
        prompt_update(prompt=prompt, data=form.prompt_data())
        messages.success(request, _("De vraagkaart is opgeslagen."))
        return redirect(_list_url(prompt))
    return render(request, "network/prompts/prompt_form.html", {"form": form, "prompt": prompt})


@allow_post
def prompt_reorder(request, pk, step: int):
    prompt = _get_prompt_for_admin(request.user, pk)
    prompt_move(prompt=prompt, step=step)
    return redirect(_list_url(prompt))


@allow_post
def prompt_switch(request, pk, active: bool):
    prompt = _get_prompt_for_admin(request.user, pk)
    prompt_set_active(prompt=prompt, active=active)
    if active:
        messages.success(request, _("De vraagkaart staat weer aan."))
    else:
        messages.success(request, _("De vraagkaart staat uit: hij komt niet meer in nieuwe netwerksessies."))
    return redirect(_list_url(prompt))
