"""The page "Het netwerk in maten": every measure of a client's network on a chosen date, the key figures at
the start and now, and their trend. The pure parts live in :mod:`kring.measures.network_measures`."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring import policy
from kring.audit.log import Actor, log
from kring.measures import network_measures as core
from kring.measures.models import NetworkFigures
from kring.methods import allow_get
from kring.network.selectors import network_on


class MeasuresDateForm(forms.Form):
    datum = forms.DateField(
        label=_("Maten op datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, zoals 15-03-2026.")},
    )
    periode = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_datum(self):
        day = self.cleaned_data.get("datum")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Kies een datum van vandaag of eerder. De toekomst is nog niet bekend."))
        return day


def _period(value: str) -> str:
    return value if value in core.PERIODS else core.PERIOD_YEAR


@allow_get
def network_measures_page(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    today = timezone.localdate()
    period = _period(request.GET.get("periode", ""))
    form = MeasuresDateForm(request.GET or None, initial={"datum": today, "periode": period})
    day = today
    if form.is_bound and form.is_valid() and form.cleaned_data["datum"]:
        day = form.cleaned_data["datum"]
    if form.is_bound and not form.errors.get("datum") and not form.data.get("datum"):
        # An empty date means today: show it, so the field never looks blank.
        form = MeasuresDateForm(initial={"datum": today, "periode": period})

    network = network_on(client, day)
    figures = NetworkFigures.objects.filter(client=client)
    value_fields = ("day", *core.FIGURE_FIELDS)
    rows = list(figures.order_by("day").values(*value_fields))
    # Both marked rows in one query; a row can be both (a network mapped in its first four weeks only).
    marked = list((figures.intake() | figures.latest()).values("is_intake", "is_latest", *value_fields))
    intake = next((r for r in marked if r["is_intake"]), None)
    latest = next((r for r in marked if r["is_latest"]), None)

    log(
        Actor.from_request(request),
        "measures.network.view",
        client=client,
        detail=f"as of {day.isoformat()}" if day < today else "",
    )
    trends = core.trends(rows, core.period_start(period, today))
    return render(
        request,
        "measures/network_measures.html",
        {
            "client": client,
            "tab": "network",
            "form": form,
            "day": day,
            "is_today": day == today,
            "size": len(network.members),
            "groups": core.measure_groups(network.measures()),
            "intake": intake,
            "latest": latest,
            "comparisons": core.start_and_now(intake, latest),
            "period": period,
            "periods": [(core.PERIOD_YEAR, _("Laatste 12 maanden")), (core.PERIOD_ALL, _("Alles"))],
            "trends": [(trend, trend.svgs()) for trend in trends] if rows else [],
        },
    )
