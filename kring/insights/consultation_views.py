"""Case consultation (intervisie): plan sessions for a team, record how they went, and bring a case.

Everyone in a team sees its sessions; the team lead and the organisation's admins plan and edit them. A
worker of the team brings a case made from one of their own clients: Kring freezes it pseudonymised (no
names, places or exact dates) and logs it as an export of that client. Others get 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kring import policy
from kring.accounts.models import User
from kring.audit.log import Actor
from kring.formtools import add_validation_errors
from kring.insights import consultation as selectors
from kring.insights import services
from kring.insights.forms import CaseForm, ConsultationForm
from kring.methods import allow_get, allow_get_post, allow_post


def _managed_teams(user):
    teams = policy.insight_teams(user)
    return teams if policy.is_org_admin(user) else teams.filter(pk__in=policy.led_team_ids(user))


@allow_get
def home(request):
    """Upcoming and past sessions of the user's teams."""
    if not policy.insight_teams(request.user).exists():
        raise Http404
    upcoming, past = selectors.split(selectors.consultations_for(request.user))
    return render(
        request,
        "insights/consultations/home.html",
        {
            "insight_tab": "consultations",
            "upcoming": upcoming,
            "past": past,
            "can_plan": _managed_teams(request.user).exists(),
        },
    )


@allow_get_post
def plan(request):
    teams = _managed_teams(request.user)
    if not teams.exists():
        raise Http404
    form = ConsultationForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_plan(
                actor=Actor.from_request(request), team=form.cleaned_data["team"], data=form.to_data()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De bespreking is gepland."))
            return redirect("consultations:detail", consultation.pk)
    return render(
        request,
        "insights/consultations/form.html",
        {"form": form, "insight_tab": "consultations", "consultation": None},
        status=422 if form.errors else 200,
    )


@allow_get
def detail(request, pk):
    consultation = selectors.get_consultation_for_user(request.user, pk)
    cases = [selectors.case_view(case, id_prefix=f"case-{case.pk}") for case in consultation.cases.all()]
    user = request.user
    return render(
        request,
        "insights/consultations/detail.html",
        {
            "insight_tab": "consultations",
            "consultation": consultation,
            "cases": cases,
            "can_manage": policy.can_manage_team_insights(user, consultation.team),
            "can_bring_case": services.can_bring_case(user, consultation),
        },
    )


@allow_get_post
def edit(request, pk):
    consultation = selectors.get_consultation_for_user(request.user, pk, write=True)
    team = consultation.team
    workers = User.objects.filter(pk__in=services.team_worker_ids(team)).order_by("full_name", "pk")
    teams = policy.insight_teams(request.user).filter(pk=team.pk)
    if request.method == "GET":
        form = ConsultationForm(
            initial=ConsultationForm.initial_for(consultation), teams=teams, workers=workers, editing=True
        )
    else:
        form = ConsultationForm(request.POST, teams=teams, workers=workers, editing=True)
        if form.is_valid():
            try:
                services.consultation_update(
                    actor=Actor.from_request(request),
                    consultation=consultation,
                    data=form.to_data(),
                    expected_version=form.cleaned_data["version"],
                )
            except services.ConcurrentEditError:
                form.add_error(
                    None,
                    _(
                        "Iemand anders heeft deze bespreking net gewijzigd. Je wijziging is niet opgeslagen. "
                        "Open hem opnieuw om te zien wat er nu staat."
                    ),
                )
                return render(
                    request,
                    "insights/consultations/form.html",
                    {"form": form, "insight_tab": "consultations", "consultation": consultation},
                    status=409,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return redirect("consultations:detail", consultation.pk)
    return render(
        request,
        "insights/consultations/form.html",
        {"form": form, "insight_tab": "consultations", "consultation": consultation},
        status=422 if form.errors else 200,
    )


@allow_get_post
def case_add(request, pk):
    """Bring a case: choose one of your own clients; Kring makes a pseudonymised case of them."""
    consultation = selectors.get_consultation_for_user(request.user, pk)
    if not services.can_bring_case(request.user, consultation):
        raise Http404
    clients = services.case_clients(request.user, consultation)
    form = CaseForm(request.POST or None, clients=clients)
    if request.method == "POST" and form.is_valid():
        client = policy.get_client_for_user(request.user, form.cleaned_data["client"].pk, write=True)
        try:
            case = services.case_create(
                actor=Actor.from_request(request),
                consultation=consultation,
                client=client,
                title=form.cleaned_data["title"],
                question=form.cleaned_data["question"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De casus staat klaar, zonder namen, plaatsen en precieze data."))
            return redirect(f"{reverse('consultations:detail', args=[consultation.pk])}#case-{case.pk}")
    return render(
        request,
        "insights/consultations/case_form.html",
        {"form": form, "insight_tab": "consultations", "consultation": consultation, "has_clients": clients.exists()},
        status=422 if form.errors else 200,
    )


@allow_post
def case_remove(request, pk):
    case = selectors.get_case_for_user(request.user, pk)
    consultation = case.consultation
    try:
        services.case_remove(actor=Actor.from_request(request), case=case)
    except PermissionError:
        raise Http404 from None
    messages.success(request, _("De casus is weggehaald."))
    return redirect("consultations:detail", consultation.pk)
