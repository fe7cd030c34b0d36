"""Pages for the load of naasten: the overview per client, a member's history, and the load check form.

Plain forms, no JavaScript needed. Every member comes from the client's current network (the client loaded by
the access policy) and every check from that member's checks, so another client's member or check, and
another team's client, are the same 404 as one that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kring import policy
from kring.audit.log import Actor, log
from kring.formtools import add_validation_errors
from kring.measures.trend_svg import TrendChart, TrendPoint, render_sparkline
from kring.methods import allow_get, allow_get_post, allow_post
from kring.network.selectors import get_member_for_user
from kring.support import load as services
from kring.support.load_forms import LoadCheckForm

CONCURRENT = gettext_lazy(
    "Iemand anders heeft deze check net gewijzigd of verwijderd. Je wijziging is niet opgeslagen. "
    "Hieronder staat wat nu is opgeslagen."
)


def _history_url(member) -> str:
    return reverse("load:history", args=[member.client_id, member.pk])


def _chart(member, checks) -> dict | None:
    """The member's checks as a line, wide (tablet, laptop) and narrow (phone); None without checks."""
    if not checks:
        return None
    ordered = sorted(checks, key=lambda c: (c.date, c.pk))
    points = [
        services.HeavinessPoint(
            day=c.date,
            heaviness=c.heaviness,
            label=_("%(day)s: %(value)s van 10") % {"day": format_date(c.date, "j F Y"), "value": c.heaviness},
            axis_label=format_date(c.date, "M Y"),
        )
        for c in ordered
    ]
    latest = ordered[-1]
    texts = {
        "title": _("Hoe zwaar het voor %(name)s voelt, door de tijd") % {"name": member.name},
        "description": ngettext(
            "%(count)s keer gevraagd. Laatst op %(day)s: %(value)s van 10.",
            "%(count)s keer gevraagd. Laatst op %(day)s: %(value)s van 10.",
            len(ordered),
        )
        % {"count": len(ordered), "day": format_date(latest.date, "j F Y"), "value": latest.heaviness},
        "light_label": _("Te doen"),
        "heavy_label": _("Zwaar"),
        "id_prefix": f"load-{member.pk}",
    }
    # heaviness_svg escapes every text it draws.
    return {
        "wide": mark_safe(services.heaviness_svg(points, **texts)),  # noqa: S308
        "narrow": mark_safe(services.heaviness_svg(points, narrow=True, **texts)),  # noqa: S308
    }


def _render_form(request, member, form, check=None, *, status=200):
    context = {
        "client": member.client,
        "member": member,
        "form": form,
        "check": check,
        "high_load": services.HIGH_LOAD,
        "tab": "network",
    }
    if status == 200 and form.errors:
        status = 422
    return render(request, "support/load/check_form.html", context, status=status)


@allow_get
def overview(request, pk):
    """All naasten of the client: who was asked how heavy it is, when, and who never."""
    client = policy.get_client_for_user(request.user, pk)
    log(Actor.from_request(request), "support.load_check.view", client=client, detail="overview")
    rows = services.client_load_overview(client)
    for row in rows:
        if len(row.points) > 1:
            row.sparkline = _sparkline(row)
    return render(
        request,
        "support/load/overview.html",
        {
            "client": client,
            "rows": rows,
            "never": [row for row in rows if not row.check_count],
            "load_signals": services.client_load_signals(client),
            "tab": "network",
            "high_load": services.HIGH_LOAD,
        },
    )


def _sparkline(row) -> str:
    chart = TrendChart(
        title=_("Hoe zwaar, door de tijd"),
        description=", ".join(f"{format_date(day, 'j M Y')}: {value}" for day, value in row.points),
        y_min=0,
        y_max=10,
        points=tuple(TrendPoint(day, value, "", "") for day, value in row.points),
    )
    return mark_safe(render_sparkline(chart, id_prefix=f"spark-{row.member.pk}", width=120, height=36))  # noqa: S308


@allow_get
def history(request, pk, member_pk):
    member = get_member_for_user(request.user, pk, member_pk)
    client = member.client
    log(Actor.from_request(request), "support.load_check.view", client=client, obj=member, detail="history")
    checks = list(services.load_checks_for_member(member))
    return render(
        request,
        "support/load/history.html",
        {
            "client": client,
            "member": member,
            "checks": checks,
            "chart": _chart(member, checks),
            "high_load": services.HIGH_LOAD,
            "can_edit": policy.can_edit_client(request.user, client),
            "tab": "network",
        },
    )


@allow_get_post
def check_add(request, pk, member_pk):
    member = get_member_for_user(request.user, pk, member_pk, write=True)
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, "support.load_check.view", client=member.client, obj=member, detail="add form")
        return _render_form(request, member, LoadCheckForm())
    form = LoadCheckForm(request.POST)
    if form.is_valid():
        try:
            services.load_check_create(actor=actor, member=member, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De check voor %(name)s is opgeslagen.") % {"name": member.name})
            return redirect(_history_url(member))
    return _render_form(request, member, form)


@allow_get_post
def check_edit(request, pk, member_pk, check_pk):
    member = get_member_for_user(request.user, pk, member_pk, write=True)
    check = services.get_load_check(member, check_pk)
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, "support.load_check.view", client=member.client, obj=check)
        return _render_form(request, member, LoadCheckForm(check=check), check)
    form = LoadCheckForm(request.POST, check=check)
    if form.is_valid():
        try:
            services.load_check_update(
                actor=actor, check=check, data=form.to_data(), expected_version=form.expected_version
            )
        except services.ConcurrentEditError:
            return _concurrent(request, member, check)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De check voor %(name)s is opgeslagen.") % {"name": member.name})
            return redirect(_history_url(member))
    return _render_form(request, member, form, check)


@allow_post
def check_remove(request, pk, member_pk, check_pk):
    member = get_member_for_user(request.user, pk, member_pk, write=True)
    check = services.get_load_check(member, check_pk)
    try:
        services.load_check_remove(
            actor=Actor.from_request(request), check=check, expected_version=_int_or_none(request.POST.get("version"))
        )
    except services.ConcurrentEditError:
        return _concurrent(request, member, check)
    messages.success(request, _("De check is verwijderd."))
    return redirect(_history_url(member))


def _concurrent(request, member, check):
    """The check as it is stored now, with a message that this change was not saved (409)."""
    current = services.load_checks_for_member(member).filter(pk=check.pk).first()
    if current is None:
        messages.warning(request, _("Iemand anders heeft deze check net verwijderd. Je wijziging is niet opgeslagen."))
        return redirect(_history_url(member))
    current.member, current.client = member, member.client
    stored = LoadCheckForm(check=current).initial
    form = LoadCheckForm({k: v for k, v in stored.items() if v is not None}, check=current)
    form.is_valid()
    form.add_error(None, str(CONCURRENT))
    return _render_form(request, member, form, current, status=409)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
