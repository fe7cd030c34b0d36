"""Training: which workers of a team followed which of the four half-days, and adding or removing that.

Everyone in a team sees the team's matrix; the team lead and the organisation's admins add and remove
records. Others get 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kring import policy
from kring.accounts.models import User
from kring.audit.log import Actor
from kring.formtools import add_validation_errors
from kring.insights import services, training
from kring.insights.forms import TrainingForm
from kring.methods import allow_get, allow_get_post


@allow_get
def home(request):
    teams = list(policy.insight_teams(request.user))
    if not teams:
        raise Http404
    if len(teams) == 1:
        return redirect("training:team", teams[0].pk)
    return render(request, "insights/training/home.html", {"teams": teams, "insight_tab": "training"})


@allow_get
def team_matrix(request, team_pk):
    team = training.get_team_for_user(request.user, team_pk)
    rows = training.team_matrix(team)
    return render(
        request,
        "insights/training/team.html",
        {
            "team": team,
            "insight_tab": "training",
            "rows": rows,
            "counts": training.part_counts(rows),
            "heads": training.part_heads(),
            "can_manage": policy.can_manage_team_insights(request.user, team),
        },
    )


@allow_get_post
def record_add(request, team_pk):
    team = training.get_team_for_user(request.user, team_pk, write=True)
    workers = User.objects.filter(pk__in=services.team_worker_ids(team)).order_by("full_name", "pk")
    form = TrainingForm(request.POST or None, workers=workers, initial={"users": request.GET.getlist("wie")})
    if request.method == "POST" and form.is_valid():
        try:
            records = services.training_record_add(actor=Actor.from_request(request), team=team, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Vastgelegd: %(part)s, voor %(count)s mensen.")
                % {"part": records[0].get_part_display(), "count": len(records)}
                if len(records) > 1
                else _("Vastgelegd: %(part)s.") % {"part": records[0].get_part_display()},
            )
            return redirect("training:team", team.pk)
    return render(
        request,
        "insights/training/form.html",
        {"team": team, "form": form, "insight_tab": "training"},
        status=422 if form.errors else 200,
    )


@allow_get_post
def record_remove(request, team_pk, pk):
    team = training.get_team_for_user(request.user, team_pk, write=True)
    record = training.get_record_for_team(team, pk)
    if request.method == "POST":
        services.training_record_remove(actor=Actor.from_request(request), team=team, record=record)
        messages.success(
            request,
            _("Weggehaald: %(part)s van %(name)s.")
            % {"part": record.get_part_display(), "name": record.user.full_name},
        )
        return redirect("training:team", team.pk)
    return render(request, "insights/training/remove.html", {"team": team, "record": record, "insight_tab": "training"})
