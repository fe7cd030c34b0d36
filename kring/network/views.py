"""The network map: the ecogram, the member table, and the forms to change them.

Every change is a POST that works without JavaScript (Post/Redirect/Get). With htmx, the same POST
answers with the re-drawn workspace (ecogram, side panel, table), so nothing reloads.
"""

from __future__ import annotations

import functools
import html

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.formtools import add_validation_errors
from kring.methods import allow_get, allow_get_post, allow_post
from kring.network import ecogram, selectors, services
from kring.network.compare import compare
from kring.network.forms import CompareForm, DateForm, DropForm, LinkForm, MemberForm, MoveForm
from kring.network.layout import cell_of
from kring.network.models import Member
from kring.network.templatetags.network import member_rows


def _network_url(client, member=None) -> str:
    if member is not None:
        return reverse("network:member", args=[client.pk, member.pk])
    return reverse("network:map", args=[client.pk])


def _href(client):
    return _url_for_id("network:member", client)


def _member_href_base(client) -> str:
    """The link of a member's page without the member's id and "/" (see ``member_rows``)."""
    return reverse("network:member", args=[client.pk, 0])[: -len("0/")]


_ID_PLACEHOLDER = 987654321


def _url_for_id(name: str, client):
    """``id -> url`` of the view ``name`` for ids of this client: one ``reverse`` for a whole list."""
    before, after = reverse(name, args=[client.pk, _ID_PLACEHOLDER]).rsplit(str(_ID_PLACEHOLDER), 1)
    return lambda object_id: f"{before}{object_id}{after}"


# --- Long lists, built in Python ----------------------------------------------------------------------
# A template loop costs tens of microseconds a row, a form with its CSRF token more: the member table and the
# link list of a network of 150 took 10 and 7-18 ms. The functions below give the HTML those loops gave,
# whitespace included, in f-strings with every text escaped by html.escape (what Django's escape, so ``{{ }}``
# and format_html, call; format_html_join took 5 ms for the table); the templates keep the frame (heading,
# table head) and put the rows in.


def _member_table_rows(members, *, href_base: str = "", pseudonyms: bool = False) -> SafeString:
    """The rows of network/_member_table.html (the cells' texts from ``member_rows``)."""
    emergency = f' <span class="tag tag--emergency">{html.escape(_("noodcontact"))}</span>'
    deceased = f' <span class="tag">{html.escape(_("overleden"))}</span>'
    relation, circle, sector, contact, support, status = (
        f'\n      <td data-label="{html.escape(label)}">'
        for label in (_("Relatie"), _("Cirkel"), _("Sector"), _("Contact"), _("Steun"), _("Status"))
    )
    rows = []
    for row in member_rows(members, href_base=href_base, pseudonyms=pseudonyms):
        name = html.escape(row.name)
        if row.href:
            name = f'<a href="{html.escape(row.href)}">{name}</a>'
        rows.append(
            f'\n    <tr data-member-id="{row.pk}" class="{"row--limited" if row.limited else ""}">\n'
            f'      <th scope="row">{name}'
            f"{emergency if row.emergency_contact else ''}{deceased if row.deceased else ''}</th>"
            f"{relation}{html.escape(row.relation)}</td>{circle}{html.escape(row.circle)}</td>"
            f"{sector}{html.escape(row.sector)}</td>{contact}{html.escape(row.contact)}</td>"
            f"{support}{html.escape(row.support)}</td>{status}{html.escape(row.status)}</td>\n    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every text above is escaped


def _link_items(request, client, network) -> SafeString:
    """The items of network/_links.html: who knows whom, each with the form to remove the link."""
    if not network.links:
        return mark_safe("")
    names = {m.pk: html.escape(m.name) for m in network.members}
    remove_url = _url_for_id("network:link_remove", client)
    kinds = {"conflict": html.escape(_("conflict tussen hen"))}
    knows, remove = html.escape(_("kennen elkaar")), html.escape(_("Verwijderen"))
    csrf_input = f'<input type="hidden" name="csrfmiddlewaretoken" value="{html.escape(get_token(request))}">'
    items = []
    for (a, b, kind), pk in zip(network.links, network.link_ids, strict=True):
        url = html.escape(remove_url(pk))
        who = f"{names[a]} – {names[b]}"
        items.append(
            f"\n  <li>{who}: {kinds.get(kind, knows)}\n    "
            f'<form method="post" action="{url}" class="inline-form" hx-post="{url}" hx-target="#workspace" '
            f'hx-swap="outerHTML">{csrf_input}<button type="submit" class="button button--link">{remove}'
            f'<span class="visually-hidden"> {who}</span></button></form>\n  </li>\n  '
        )
    return mark_safe("".join(items))  # noqa: S308 - every text above is escaped


def _workspace_context(
    request, client, *, panel="add", member=None, form=None, move_form=None, link_form=None, just_removed=None
):
    """Everything the workspace (ecogram, side panel, member table) needs for the network as it is now.
    ``just_removed``: the member just taken off the map, whose undo button shows beside the message."""
    network = selectors.network_now(client)
    return {
        **_panel_context(
            client,
            members=network.members,
            panel=panel,
            member=member,
            form=form,
            move_form=move_form,
            link_form=link_form,
        ),
        "network": network,
        "member_rows": _member_table_rows(network.members, href_base=_member_href_base(client)),
        "link_items": _link_items(request, client, network),
        "svg": ecogram.draw(network.members, network.links, client_label=client.given_name, href=_href(client)),
        "removed": selectors.removed_members(client),
        "measures": network.measures(),
        "versions": ",".join(f"{m.pk}:{m.version}" for m in network.members),
        "date_form": DateForm(),
        "just_removed": just_removed,
    }


def _panel_context(client, *, members, panel="add", member=None, form=None, move_form=None, link_form=None):
    """What the side panel (network/_panel.html) needs: a member's details, forms and work, or the forms to
    add someone and to link two people (``members``: the network now; only the second panel uses it)."""
    context = {
        "client": client,
        "members": members,
        "panel": panel,
        "member": member,
        "editable": True,
        "tab": "network",
    }
    if form is None and member is None and not settings.DEBUG:  # in DEBUG, template edits show at once
        context["empty_member_fields"] = _empty_member_fields(get_language())
    else:
        context["form"] = form if form is not None else MemberForm(member=member)
    if member is not None and panel == "member":
        context["move_form"] = move_form or MoveForm(
            initial={"circle": member.circle, "sector": member.sector, "version": member.version}
        )
        context.update(_member_work(member))
    else:
        context["link_form"] = link_form or LinkForm(members=members)
    return context


@functools.lru_cache(maxsize=8)
def _empty_member_fields(language: str) -> str:
    """The fields of the form to add someone before anything is typed in: the same on every network page,
    so rendered once per language (``language`` is the active one) instead of 5 ms on every page."""
    return render_to_string("network/_member_fields.html", {"form": MemberForm(), "panel": "add"})


def _member_work(member) -> dict:
    """What the member's page shows of the lifeline and the work with and around them."""
    from kring.lifeline.selectors import events_for_member
    from kring.places.selectors import member_place
    from kring.support.load import member_load
    from kring.support.selectors import member_work

    return {
        "events": events_for_member(member),
        "member_work": member_work(member),
        "member_load": member_load(member),
        "member_place": member_place(member),
    }


def _respond(request, client, *, status=200, **panel):
    """The workspace for htmx, the whole page otherwise."""
    context = _workspace_context(request, client, **panel)
    template = "network/_workspace.html" if request.htmx else "network/network.html"
    return render(request, template, context, status=status)


def _done(request, client, message, *, member=None, removed=None):
    """After a successful change: redraw for htmx, redirect (PRG) otherwise. ``removed``: the member just taken
    off the map, whose undo button the redrawn workspace shows beside the message."""
    messages.success(request, message)
    if request.htmx:
        return _respond(request, client, panel="member" if member else "add", member=member, just_removed=removed)
    return redirect(_network_url(client, member))


@allow_get
def network_map(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    date_form = DateForm(request.GET or None)
    day = date_form.cleaned_data.get("datum") if date_form.is_bound and date_form.is_valid() else None
    actor = Actor.from_request(request)
    if day is not None and day < timezone.localdate():
        network = selectors.network_on(client, day)
        log(actor, "network.network.view", client=client, detail=f"as of {day.isoformat()}")
        return render(
            request,
            "network/network_as_of.html",
            {
                "client": client,
                "day": day,
                "date_form": date_form,
                "members": network.members,
                "member_rows": _member_table_rows(network.members),
                "svg": ecogram.draw(network.members, network.links, client_label=client.given_name),
                "tab": "network",
            },
        )
    log(actor, "network.network.view", client=client)
    context = _workspace_context(request, client)
    context["date_form"] = date_form  # keeps a wrong date with its message
    return render(request, "network/network.html", context)


@allow_get_post
def member_add(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    if request.method == "GET":
        log(Actor.from_request(request), "network.network.view", client=client)
        return _respond(request, client)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            member = services.member_create(actor=Actor.from_request(request), client=client, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return _done(request, client, _("%(name)s staat nu op de kaart.") % {"name": member.name})
    return _respond(request, client, status=422 if request.htmx else 200, form=form)


@allow_get_post
def member_detail(request, pk, member_pk):
    member = selectors.get_member_for_user(request.user, pk, member_pk)
    client = member.client
    actor = Actor.from_request(request)
    if request.method == "GET":
        log(actor, "network.member.view", client=client, obj=member)
        if request.htmx and request.GET.get("panel"):
            # A tap on a member in the ecogram: the panel alone, without reading or drawing the network.
            context = _panel_context(client, members=(), panel="member", member=member)
            return render(request, "network/_panel.html", context)
        return _respond(request, client, panel="member", member=member)
    form = MemberForm(request.POST, member=member)
    if form.is_valid():
        try:
            services.member_update(
                actor=actor, member=member, data=form.to_data(), expected_version=form.cleaned_data.get("version")
            )
        except services.ConcurrentEditError:
            form.add_error(None, _concurrent_message(member))
            member.refresh_from_db()
            return _respond(request, client, status=409, panel="member", member=member, form=form)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return _done(
                request, client, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": member.name}, member=member
            )
    return _respond(request, client, status=422 if request.htmx else 200, panel="member", member=member, form=form)


@allow_post
def member_move(request, pk, member_pk):
    """Move by the form (circle + sector) or by a drop on the ecogram (x + y in the drawing)."""
    member = selectors.get_member_for_user(request.user, pk, member_pk, write=True)
    client = member.client
    target = _move_target(request, client)
    if isinstance(target, str):
        move_form = _move_form_with_error(member, target)
        return _respond(
            request, client, status=422 if request.htmx else 200, panel="member", member=member, move_form=move_form
        )
    (sector, circle), version = target
    try:
        services.member_move(
            actor=Actor.from_request(request), member=member, circle=circle, sector=sector, expected_version=version
        )
    except services.ConcurrentEditError:
        member.refresh_from_db()
        move_form = _move_form_with_error(member, _concurrent_message(member))
        return _respond(request, client, status=409, panel="member", member=member, move_form=move_form)
    return _done(request, client, _("%(name)s is verplaatst.") % {"name": member.name}, member=member)


def _move_form_with_error(member, message: str) -> MoveForm:
    """The move form showing where the member is now, with ``message`` above it (the form kept nothing)."""
    form = MoveForm({"circle": member.circle, "sector": member.sector, "version": member.version})
    form.is_valid()
    form.add_error(None, message)
    return form


def _move_target(request, client):
    """((sector, circle), version) from the request, or a Dutch message saying what is wrong."""
    if "x" in request.POST or "y" in request.POST:
        drop = DropForm(request.POST)
        if not drop.is_valid():
            return _("Sleep de persoon naar een plek binnen de cirkels.")
        network = selectors.network_now(client)
        cell = cell_of(ecogram.layout_for(network.members), drop.cleaned_data["x"], drop.cleaned_data["y"])
        if cell is None:
            return _("Sleep de persoon naar een plek binnen de cirkels.")
        return cell, drop.cleaned_data.get("version")
    form = MoveForm(request.POST)
    if not form.is_valid():
        return " ".join(e for errors in form.errors.values() for e in errors)
    return (form.cleaned_data["sector"], form.cleaned_data["circle"]), form.cleaned_data.get("version")


@allow_post
def member_remove(request, pk, member_pk):
    member = selectors.get_member_for_user(request.user, pk, member_pk, write=True)
    client = member.client
    version = _int_or_none(request.POST.get("version"))
    try:
        services.member_remove(actor=Actor.from_request(request), member=member, expected_version=version)
    except services.ConcurrentEditError:
        member.refresh_from_db()
        form = MemberForm(_current_values(member), member=member)
        form.is_valid()
        form.add_error(None, _concurrent_message(member))
        return _respond(request, client, status=409, panel="member", member=member, form=form)
    return _done(
        request,
        client,
        _("%(name)s staat niet meer op de kaart. Dit kun je hieronder ongedaan maken.") % {"name": member.name},
        removed=member,
    )


@allow_post
def member_restore(request, pk, member_pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    member = Member.objects.filter(client=client, pk=policy.parse_id(member_pk), removed_at__isnull=False).first()
    if member is None:
        raise Http404
    services.member_restore(actor=Actor.from_request(request), member=member)
    return _done(request, client, _("%(name)s staat weer op de kaart.") % {"name": member.name}, member=member)


@allow_post
def link_add(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    members = list(Member.objects.current().filter(client=client))
    form = LinkForm(request.POST, members=members)
    if form.is_valid():
        by_id = {m.pk: m for m in members}
        try:
            services.link_create(
                actor=Actor.from_request(request),
                client=client,
                member_a=by_id[form.cleaned_data["member_a"]],
                member_b=by_id[form.cleaned_data["member_b"]],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return _done(request, client, _("De verbinding is opgeslagen."))
    return _respond(request, client, status=422 if request.htmx else 200, link_form=form)


@allow_post
def link_remove(request, pk, link_pk):
    link = selectors.get_link_for_user(request.user, pk, link_pk)
    services.link_remove(actor=Actor.from_request(request), link=link)
    return _done(request, link.client, _("De verbinding is verwijderd."))


@allow_get
def network_print(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    network = selectors.network_now(client)
    # With pseudonyms (for case consultation): no real names of the people around the client on paper.
    pseudonyms = request.GET.get("schuilnamen") == "1"
    log(
        Actor.from_request(request),
        "network.network.print",
        client=client,
        detail="pseudonyms" if pseudonyms else "",
    )
    return render(
        request,
        "network/network_print.html",
        {
            "client": client,
            "members": network.members,
            "member_rows": _member_table_rows(network.members, pseudonyms=pseudonyms),
            "pseudonyms": pseudonyms,
            "svg": ecogram.draw(
                network.members,
                network.links,
                client_label=_("Cliënt") if pseudonyms else client.given_name,
                pseudonyms=pseudonyms,
            ),
            "today": timezone.localdate(),
        },
    )


@allow_get
def network_svg(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    network = selectors.network_now(client)
    log(Actor.from_request(request), "network.network.export", client=client, detail="svg")
    svg = ecogram.draw(network.members, network.links, client_label=client.given_name, standalone=True)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    filename = f"netwerkkaart-{client.pk}-{timezone.localdate().isoformat()}.svg"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@allow_get
def network_compare(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    today = timezone.localdate()
    form = CompareForm(request.GET or {"van": client.intake_date.isoformat(), "tot": today.isoformat()})
    context = {"client": client, "form": form, "tab": "network"}
    if form.is_valid():
        start, end = form.cleaned_data["van"], form.cleaned_data["tot"]
        before = selectors.network_on(client, start)
        after = selectors.network_on(client, end)
        changes = compare(before.states(), after.states())
        by_change = {c.member.id: c for c in changes}
        after_ids = {m.pk for m in after.members}
        ghosts = [m for m in before.members if m.pk not in after_ids]
        context.update(
            {
                "start": start,
                "end": end,
                "changes": changes,
                "before_count": len(before.members),
                "after_count": len(after.members),
                "svg": ecogram.draw(
                    after.members + ghosts, after.links, client_label=client.given_name, changes=by_change
                ),
            }
        )
    log(Actor.from_request(request), "network.network.view", client=client, detail="compare")
    return render(request, "network/network_compare.html", context)


def _concurrent_message(member) -> str:
    return _(
        "Iemand anders heeft %(name)s net gewijzigd. Hieronder zie je de nieuwe gegevens; jouw wijziging is niet "
        "opgeslagen."
    ) % {"name": member.name}


def _current_values(member) -> dict:
    """The member's stored values as form data, to show them in a bound form with a message."""
    return {name: getattr(member, name) for name in MemberForm.base_fields if hasattr(member, name)}


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
