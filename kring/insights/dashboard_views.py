"""The dashboards: a team's (its team lead, the organisation's admins) and the organisation's (admins and
researchers, aggregated with small counts suppressed). Each as a page with charts and tables, and as CSV.

The figures come from :mod:`kring.insights.dashboard`; here the filter is read, the right teams chosen
through :mod:`kring.policy`, the view logged, and the figures turned into charts, a page or a CSV file.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring import policy
from kring.accounts.models import Team
from kring.audit.log import Actor, log
from kring.insights import dashboard as figures
from kring.insights.charts import Bar, BarChart, render_bars
from kring.measures.trend_svg import TrendBand, TrendChart, TrendPoint, render_trend
from kring.methods import allow_get

MONTH_FORMAT = "%Y-%m"
CHART_WIDTH = 500  # about the width of a chart on the page, so its text shows at the size it is written


class MonthField(forms.CharField):
    """A month as ``YYYY-MM`` (what ``<input type="month">`` sends), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-01", "pattern": r"\d{4}-\d{2}"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Vul een maand in als jaar-maand, bijvoorbeeld 2026-01.")) from None


class DashboardFilterForm(forms.Form):
    van = MonthField(label=gettext_lazy("Van maand"), required=False)
    tot = MonthField(label=gettext_lazy("Tot en met maand"), required=False)
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=gettext_lazy("Alle teams"),
        error_messages={"invalid_choice": gettext_lazy("Kies een team uit de lijst.")},
    )

    def __init__(self, *args, teams=None, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        if not self.is_bound:  # show the months the page is about
            first, last = self._months(None, None)
            self.initial.update(van=first.strftime(MONTH_FORMAT), tot=last.strftime(MONTH_FORMAT))
        if teams is None:
            del self.fields["team"]
        else:
            self.fields["team"].queryset = teams

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("van"), cleaned.get("tot")
        this_month = figures.month_start(self.today)
        if first and first > this_month:
            self.add_error("van", _("Deze maand ligt in de toekomst."))
        elif last and last > this_month:
            self.add_error("tot", _("Deze maand ligt in de toekomst."))
        elif first and last and first > last:
            self.add_error("tot", _("Kies een maand die na ‘Van maand’ komt, of dezelfde."))
        elif figures.months_between(*self._months(first, last)) > figures.MAX_MONTHS:
            self.add_error("van", _("Kies een periode van hoogstens vijf jaar."))
        return cleaned

    def _months(self, first: date | None, last: date | None) -> tuple[date, date]:
        """The first and last month: the last twelve months, or twelve months up to or from a given one."""
        this_month = figures.month_start(self.today)
        if last is None:
            last = min(this_month, figures.add_months(first, 11)) if first else this_month
        return first or figures.add_months(last, -11), last

    def period(self) -> figures.Period:
        """The period asked for; the last twelve months when none is asked for or it is wrong."""
        if not self.is_bound or not self.is_valid() and (self.has_error("van") or self.has_error("tot")):
            return figures.Period(*self._months(None, None))
        return figures.Period(*self._months(self.cleaned_data.get("van"), self.cleaned_data.get("tot")))

    def selected_team(self):
        """The team asked for (organisation dashboard), or None for all teams or a wrong choice."""
        if not self.is_bound or "team" not in self.fields:
            return None
        self.is_valid()
        return self.cleaned_data.get("team")


def _wants_csv(request, form) -> bool:
    """A CSV download was asked for, of a period and team that are right: with a wrong one the page comes
    back with its messages instead of a file of another period than the one asked for."""
    return request.GET.get("format") == "csv" and not (form.is_bound and form.errors)


@allow_get
def home(request):
    """Inzicht: the organisation's dashboard for admins and researchers, else the first team one leads; a
    worker without a dashboard starts at the team's case consultations."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""  # a period asked for goes along
    if policy.can_see_org_dashboard(request.user):
        return redirect(reverse("dashboards:organisation") + query)
    team = policy.dashboard_teams(request.user).order_by("name", "pk").first()
    if team is None:
        if policy.can_see_team_insights(request.user):
            return redirect("consultations:home")
        raise Http404
    return redirect(reverse("dashboards:team", args=[team.pk]) + query)


@allow_get
def organisation(request):
    if not policy.can_see_org_dashboard(request.user):
        raise Http404
    org = request.user.organisation
    today = timezone.localdate()
    teams = Team.objects.filter(organisation=org).order_by("name", "pk")
    form = DashboardFilterForm(request.GET or None, teams=teams, today=today)
    period = form.period()
    team = form.selected_team()
    team_ids = [team.pk] if team else list(teams.values_list("pk", flat=True))
    board = figures.dashboard(organisation=org, team_ids=team_ids, period=period, today=today, aggregated=True)
    scope = team.name if team else org.name
    action = "export" if _wants_csv(request, form) else "view"
    log(
        Actor.from_request(request),
        f"insights.dashboard.{action}",
        object_type="accounts.organisation",
        object_id=org.pk,
        detail=_detail(period, team),
    )
    if _wants_csv(request, form):
        return _csv_response(board, scope, f"kring-inzicht-organisatie-{period.start:%Y-%m}-{period.end:%Y-%m}.csv")
    return _page(
        request,
        board,
        form,
        title=_("Inzicht in de organisatie"),
        scope=scope,
        team_links=[(t, reverse("dashboards:team", args=[t.pk])) for t in policy.dashboard_teams(request.user)],
    )


@allow_get
def team(request, pk):
    team = policy.get_dashboard_team_for_user(request.user, pk)
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET or None, today=today)
    period = form.period()
    board = figures.dashboard(
        organisation=team.organisation, team_ids=[team.pk], period=period, today=today, aggregated=False
    )
    action = "export" if _wants_csv(request, form) else "view"
    log(
        Actor.from_request(request),
        f"insights.dashboard.{action}",
        object_type="accounts.team",
        object_id=team.pk,
        detail=_detail(period, None),
    )
    if _wants_csv(request, form):
        return _csv_response(
            board, team.name, f"kring-inzicht-team-{team.pk}-{period.start:%Y-%m}-{period.end:%Y-%m}.csv"
        )
    other_teams = policy.dashboard_teams(request.user).exclude(pk=team.pk).order_by("name", "pk")
    return _page(
        request,
        board,
        form,
        title=_("Inzicht in %(team)s") % {"team": team.name},
        scope=team.name,
        team=team,
        team_links=[(t, reverse("dashboards:team", args=[t.pk])) for t in other_teams],
    )


def _detail(period: figures.Period, team) -> str:
    detail = f"{period.start:%Y-%m}..{period.end:%Y-%m}"
    return f"{detail} team={team.pk}" if team else detail


# --- The page -----------------------------------------------------------------------------------------------


def _page(request, board: figures.Dashboard, form, *, title: str, scope: str, team=None, team_links=()):
    query = request.GET.copy()
    query.pop("format", None)
    query["format"] = "csv"
    return render(
        request,
        "insights/dashboard.html",
        {
            "insight_tab": "dashboard",
            "title": title,
            "scope": scope,
            "team": team,
            "team_links": team_links,
            "can_see_org": policy.can_see_org_dashboard(request.user),
            "form": form,
            "board": board,
            "csv_query": query.urlencode(),
            "charts": _charts(board),
        },
    )


def _charts(board: figures.Dashboard) -> dict[str, str]:
    network = board.network
    charts = {
        "size": render_bars(
            BarChart(
                _("Netwerkgrootte bij de start en nu"),
                _("Het middelste aantal mensen op de netwerkkaart (mediaan): bij de start %(start)s, nu %(now)s.")
                % {"start": network.size_start, "now": network.size_now},
                [
                    Bar(_("Bij de start"), network.size_start.value, str(network.size_start), "start"),
                    Bar(_("Nu"), network.size_now.value, str(network.size_now), "now"),
                ],
            ),
            id_prefix="chart-size",
            width=CHART_WIDTH,
        ),
        "informal": render_bars(
            BarChart(
                _("Deel zonder hulpverleners bij de start en nu"),
                _("Het middelste deel van het netwerk dat geen hulpverlener is: bij de start %(start)s, nu %(now)s.")
                % {"start": network.informal_start, "now": network.informal_now},
                [
                    Bar(_("Bij de start"), network.informal_start.value, str(network.informal_start), "start"),
                    Bar(_("Nu"), network.informal_now.value, str(network.informal_now), "now"),
                ],
                max_value=1,
            ),
            id_prefix="chart-informal",
            width=CHART_WIDTH,
        ),
        "elements": render_bars(
            BarChart(
                _("Interventies per werkzaam element"),
                _("Hoe vaak elk werkzaam element in de periode is ingezet. De getallen staan ook in de tabel."),
                [Bar(e.label, e.interventions.value, str(e.interventions)) for e in board.elements],
            ),
            id_prefix="chart-elements",
            width=CHART_WIDTH,
        ),
        "meetings": render_bars(
            BarChart(
                _("Gesprekken met het netwerk per kwartaal"),
                _(
                    "Hoeveel gesprekken met het netwerk er per kwartaal zijn gehouden. "
                    "De getallen staan ook in de tabel."
                ),
                [Bar(q.label, q.meetings.value, str(q.meetings)) for q in board.meetings_per_quarter],
            ),
            id_prefix="chart-meetings",
            width=CHART_WIDTH,
        ),
    }
    points = [
        TrendPoint(
            day=q.quarter,
            value=None if q.mean.value is None else round(q.mean.value, 1),
            label=f"{q.label}: {q.mean}",
            axis_label=q.label,
        )
        for q in board.loneliness
        if q.responses.value or q.responses.suppressed
    ]
    if points:
        charts["loneliness"] = render_trend(
            TrendChart(
                title=_("Eenzaamheid per kwartaal"),
                description=_(
                    "Gemiddelde score op de eenzaamheidsschaal (0 tot 6, hoger is eenzamer) per kwartaal. "
                    "De getallen staan ook in de tabel."
                ),
                y_min=0,
                y_max=6,
                points=points,
                bands=[
                    TrendBand(0, 1, _("niet eenzaam")),
                    TrendBand(2, 4, _("matig eenzaam")),
                    TrendBand(5, 6, _("sterk eenzaam")),
                ],
            ),
            id_prefix="chart-loneliness",
        )
    return charts


# --- CSV -----------------------------------------------------------------------------------------------------


def csv_rows(board: figures.Dashboard, scope: str) -> list[list[str]]:
    """The figures of the page, one per row: part, figure, group, value (as shown, "minder dan 5" included)."""
    c, n = board.coverage, board.network
    period = f"{board.period.start:%Y-%m} – {board.period.end:%Y-%m}"
    rows = [
        [_("Onderdeel"), _("Cijfer"), _("Groep"), _("Waarde")],
        [_("Overzicht"), _("Wie"), "", scope],
        [_("Overzicht"), _("Periode"), "", period],
        [_("Bereik"), _("Actieve cliënten"), "", str(c.active)],
        [_("Bereik"), _("Met een netwerkkaart"), "", str(c.mapped)],
        [_("Bereik"), _("Met een netwerkkaart, deel"), "", str(c.mapped_share)],
        [_("Bereik"), _("Netwerk besproken in de laatste drie maanden"), "", str(c.reviewed)],
        [_("Bereik"), _("Netwerk besproken in de laatste drie maanden, deel"), "", str(c.reviewed_share)],
        [_("Netwerk"), _("Cliënten met een netwerkkaart"), "", str(n.clients)],
        [_("Netwerk"), _("Netwerkgrootte (mediaan)"), _("bij de start"), str(n.size_start)],
        [_("Netwerk"), _("Netwerkgrootte (mediaan)"), _("nu"), str(n.size_now)],
        [_("Netwerk"), _("Deel zonder hulpverleners (mediaan)"), _("bij de start"), str(n.informal_start)],
        [_("Netwerk"), _("Deel zonder hulpverleners (mediaan)"), _("nu"), str(n.informal_now)],
        [_("Netwerk"), _("Verandering heel dichtbij (mediaan)"), "", str(n.inner_change_median)],
        [_("Netwerk"), _("Heel dichtbij"), _("meer mensen"), str(n.inner_grew)],
        [_("Netwerk"), _("Heel dichtbij"), _("even veel"), str(n.inner_same)],
        [_("Netwerk"), _("Heel dichtbij"), _("minder mensen"), str(n.inner_shrank)],
        [_("Interventies"), _("Interventies"), _("totaal"), str(board.interventions)],
        [_("Interventies"), _("Cliënten met een interventie"), _("totaal"), str(board.intervention_clients)],
    ]
    rows += [[_("Interventies"), _("Interventies"), e.label, str(e.interventions)] for e in board.elements]
    rows += [
        [_("Gesprekken"), _("Gehouden gesprekken met het netwerk"), _("totaal"), str(board.meetings)],
        [_("Gesprekken"), _("Cliënten met een gesprek"), _("totaal"), str(board.meeting_clients)],
    ]
    rows += [[_("Gesprekken"), _("Gehouden gesprekken met het netwerk"), q.label, str(q.meetings)]
             for q in board.meetings_per_quarter]  # fmt: skip
    rows += [[_("Signalen"), _("Cliënten met dit signaal"), s.label, str(s.clients)] for s in board.signals]
    for q in board.loneliness:
        rows += [
            [_("Eenzaamheid"), _("Ingevulde vragenlijsten"), q.label, str(q.responses)],
            [_("Eenzaamheid"), _("Gemiddelde score (0 tot 6)"), q.label, str(q.mean)],
            [_("Eenzaamheid"), _("Middelste score (mediaan)"), q.label, str(q.median)],
        ]
    return rows


def _csv_response(board: figures.Dashboard, scope: str, filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # semicolons: Dutch Excel opens them as is
    writer.writerows(csv_rows(board, scope))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
