"""The implementation monitor (randvoorwaarden): a team's self-assessments, their score and their trend.

Everyone who works in or leads a team sees its monitor; its team lead and the organisation's admins fill
in a new assessment, correct one (with optimistic locking) or take one out. Others get 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor
from kring.formtools import add_validation_errors
from kring.insights import monitor, services
from kring.insights.forms import AssessmentForm
from kring.methods import allow_get, allow_get_post, allow_post


@allow_get
def home(request):
    """Randvoorwaarden: straight to the team's monitor, or a list when the user sees several teams."""
    teams = list(policy.insight_teams(request.user))
    if not teams:
        raise Http404
    if len(teams) == 1:
        return redirect("monitor:team", teams[0].pk)
    latest = monitor.latest_by_team(teams)
    rows = [(team, latest.get(team.pk)) for team in teams]
    return render(request, "insights/monitor/home.html", {"rows": rows, "insight_tab": "monitor"})


@allow_get
def team_overview(request, team_pk):
    team = monitor.get_team_for_user(request.user, team_pk)
    summaries = monitor.summarise(monitor.assessments_of(team))
    return render(
        request,
        "insights/monitor/team.html",
        {
            "team": team,
            "insight_tab": "monitor",
            "summaries": summaries,
            "latest": summaries[0] if summaries else None,
            "rows": monitor.condition_rows(summaries),
            "trend": monitor.trend_svg(summaries) if len(summaries) > 1 else "",
            "can_manage": policy.can_manage_team_insights(request.user, team),
        },
    )


def _form_page(request, team, form, *, assessment=None, prefilled=False, status=200):
    return render(
        request,
        "insights/monitor/form.html",
        {
            "team": team,
            "insight_tab": "monitor",
            "form": form,
            "assessment": assessment,
            "prefilled": prefilled,
        },
        status=422 if status == 200 and form.errors else status,
    )


@allow_get_post
def assessment_create(request, team_pk):
    team = monitor.get_team_for_user(request.user, team_pk)
    if not policy.can_manage_team_insights(request.user, team):
        raise Http404
    if request.method == "GET":
        previous = monitor.assessments_of(team)[:1]
        initial = AssessmentForm.initial_for(previous[0], copy_date=False) if previous else {}
        initial.pop("version", None)
        return _form_page(request, team, AssessmentForm(initial=initial), prefilled=bool(previous))
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.assessment_create(actor=Actor.from_request(request), team=team, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De zelfevaluatie is opgeslagen."))
            return redirect("monitor:assessment", assessment.pk)
    return _form_page(request, team, form)


@allow_get
def assessment_detail(request, pk):
    assessment = monitor.get_assessment_for_user(request.user, pk)
    summary = monitor.summarise([assessment])[0]
    return render(
        request,
        "insights/monitor/assessment.html",
        {
            "team": assessment.team,
            "insight_tab": "monitor",
            "assessment": assessment,
            "summary": summary,
            "rows": monitor.condition_rows([summary]),
            "can_manage": policy.can_manage_team_insights(request.user, assessment.team),
        },
    )


@allow_get_post
def assessment_edit(request, pk):
    assessment = monitor.get_assessment_for_user(request.user, pk, write=True)
    if request.method == "GET":
        return _form_page(
            request,
            assessment.team,
            AssessmentForm(initial=AssessmentForm.initial_for(assessment)),
            assessment=assessment,
        )
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_update(
                actor=Actor.from_request(request),
                assessment=assessment,
                data=form.to_data(),
                expected_version=form.cleaned_data["version"],
            )
        except services.ConcurrentEditError:
            form.add_error(None, _concurrent_message())
            return _form_page(request, assessment.team, form, assessment=assessment, status=409)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("monitor:assessment", assessment.pk)
    return _form_page(request, assessment.team, form, assessment=assessment)


@allow_post
def assessment_remove(request, pk):
    assessment = monitor.get_assessment_for_user(request.user, pk, write=True)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.assessment_remove(actor=Actor.from_request(request), assessment=assessment, expected_version=version)
    except services.ConcurrentEditError:
        messages.error(request, _concurrent_message())
        return redirect("monitor:team", assessment.team_id)
    messages.success(request, _("De zelfevaluatie is weggehaald. Hij staat nog wel in de geschiedenis."))
    return redirect(reverse("monitor:team", args=[assessment.team_id]))


def _concurrent_message() -> str:
    return _(
        "Iemand anders heeft deze zelfevaluatie net gewijzigd of weggehaald. Je wijziging is niet opgeslagen. "
        "Open hem opnieuw om te zien wat er nu staat."
    )
