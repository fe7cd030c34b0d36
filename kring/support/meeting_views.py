"""Pages for meetings with the network, under /clienten/<pk>/gesprekken/ (URL names in meeting_urls.py).

Plain forms and redirects, no JavaScript needed. Every meeting is fetched through the client (loaded by the
access policy), and every option, point and share through the meeting: anything of another client or team is
the same 404 as something that does not exist. A summary is shared or printed only with the client's valid
consent, checked again at the moment of printing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import policy
from kring.audit.log import Actor, log
from kring.clients import consent
from kring.formtools import add_validation_errors
from kring.methods import allow_get, allow_get_post, allow_post
from kring.support import meetings, summary
from kring.support.meeting_forms import (
    AgreementForm,
    DecisionForm,
    OptionForm,
    PlanForm,
    PointForm,
    RecordForm,
    SummaryChoiceForm,
    VersionForm,
)
from kring.support.models import MeetingStatus, Option, OptionPoint, ParticipantRole, SummaryShare


def _concurrent_message() -> str:
    return _(
        "Iemand anders heeft dit gesprek net gewijzigd. Je wijziging is niet opgeslagen. Hieronder staat wat nu "
        "is opgeslagen."
    )


def _meeting(request, pk, meeting_pk, *, write: bool = False):
    client = policy.get_client_for_user(request.user, pk, write=write)
    return client, meetings.get_meeting(client, meeting_pk)


def _names(participants, client) -> dict[int, str]:
    return {p.pk: getattr(p, "display_name", None) or meetings.participant_name(p, client) for p in participants}


def _detail_url(meeting) -> str:
    return reverse("meetings:detail", args=[meeting.client_id, meeting.pk])


def consent_url(client) -> str:
    """Where the client's consent is recorded (the consent page, once it is there)."""
    try:
        return reverse("consent:page", args=[client.pk])
    except NoReverseMatch:
        return f"/clienten/{client.pk}/toestemming/"


def _context(client, meeting=None, **extra) -> dict:
    return {"client": client, "meeting": meeting, "tab": "work", **extra}


def _conflict(status: int) -> str:
    """The message above a form that shows what is stored now, because someone else saved first (409)."""
    return _concurrent_message() if status == 409 else ""


def _status(status: int, *forms) -> int:
    """422 for a form shown again with messages, as everywhere in Kring; other statuses stay."""
    return 422 if status == 200 and any(form is not None and form.errors for form in forms) else status


# --- The list and the plan ---------------------------------------------------------------------------


@allow_get
def meeting_list(request, pk):
    client = policy.get_client_for_user(request.user, pk)
    log(Actor.from_request(request), "support.meeting.view", client=client, detail="list")
    return render(
        request,
        "support/meetings/list.html",
        _context(
            client,
            meetings=meetings.meetings_of(client),
            can_edit=policy.can_edit_client(request.user, client),
        ),
    )


@allow_get_post
def meeting_add(request, pk):
    client = policy.get_client_for_user(request.user, pk, write=True)
    actor = Actor.from_request(request)
    if request.method != "POST":
        # The form shows the names in the client's network: a read of client data.
        log(actor, "support.meeting.view", client=client, detail="add form")
        return _plan_form(request, client, PlanForm(client=client, user=request.user))
    form = PlanForm(request.POST, client=client, user=request.user)
    if form.is_valid():
        try:
            meeting = meetings.meeting_create(actor=actor, client=client, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het gesprek is vastgelegd."))
            return redirect(_detail_url(meeting))
    return _plan_form(request, client, form)


@allow_get_post
def meeting_edit(request, pk, meeting_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, "support.meeting.view", client=client, obj=meeting, detail="edit form")
        return _plan_form(request, client, PlanForm(client=client, user=request.user, meeting=meeting), meeting)
    form = PlanForm(request.POST, client=client, user=request.user, meeting=meeting)
    if form.is_valid():
        try:
            meetings.meeting_update(
                actor=actor, meeting=meeting, data=form.to_data(), expected_version=form.expected_version
            )
        except meetings.ConcurrentEditError:
            current = _reload(request, client, meeting)
            if current is None:
                return redirect("meetings:list", pk=client.pk)
            form = PlanForm(client=client, user=request.user, meeting=current)
            return _plan_form(request, client, form, current, status=409)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het gesprek is opgeslagen."))
            return redirect(_detail_url(meeting))
    return _plan_form(request, client, form, meeting)


def _plan_form(request, client, form, meeting=None, *, status=200):
    limited = {m.pk for m in form.fields["members"].queryset if m.is_limited}
    return render(
        request,
        "support/meetings/plan_form.html",
        _context(client, meeting, form=form, limited=limited, conflict=_conflict(status)),
        status=_status(status, form),
    )


def _reload(request, client, meeting):
    """The meeting as stored now, or None (with a message) when someone removed it meanwhile."""
    current = meetings.Meeting.objects.current().filter(pk=meeting.pk).first()
    if current is None:
        messages.warning(request, _("Iemand anders heeft dit gesprek net verwijderd. Je wijziging is niet opgeslagen."))
        return None
    current.client = client
    return current


@allow_post
def meeting_cancel(request, pk, meeting_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        meetings.meeting_cancel(
            actor=Actor.from_request(request), meeting=meeting, expected_version=form.cleaned_data.get("version")
        )
    except meetings.ConcurrentEditError:
        messages.error(request, _concurrent_message())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het gesprek staat op ‘niet doorgegaan’."))
    return redirect(_detail_url(meeting))


@allow_post
def meeting_remove(request, pk, meeting_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        meetings.meeting_remove(
            actor=Actor.from_request(request), meeting=meeting, expected_version=form.cleaned_data.get("version")
        )
    except meetings.ConcurrentEditError:
        messages.error(request, _concurrent_message())
        return redirect(_detail_url(meeting))
    messages.success(request, _("Het gesprek is verwijderd. De afspraken staan nog bij de acties."))
    return redirect("meetings:list", pk=client.pk)


# --- The meeting page --------------------------------------------------------------------------------


@allow_get
def meeting_detail(request, pk, meeting_pk):
    client, meeting = _meeting(request, pk, meeting_pk)
    log(Actor.from_request(request), "support.meeting.view", client=client, obj=meeting)
    page = meetings.meeting_page(meeting)
    return render(
        request,
        "support/meetings/detail.html",
        _context(
            client,
            meeting,
            page=page,
            can_edit=policy.can_edit_client(request.user, client),
            can_record=meeting.status != MeetingStatus.CANCELLED and meeting.date <= timezone.localdate(),
            has_consent=meetings.consent_for_summary(client) is not None,
            consent_url=consent_url(client),
            shares=meetings.shares_of(meeting),
        ),
    )


# --- What was said -----------------------------------------------------------------------------------


@allow_get_post
def meeting_record(request, pk, meeting_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    actor = Actor.from_request(request)
    participants = list(meetings.meeting_page(meeting).participants)
    names = _names(participants, client)
    if request.method != "POST":
        log(actor, "support.meeting.view", client=client, obj=meeting, detail="record form")
        form = RecordForm(meeting=meeting, participants=participants, names=names)
        return _record_form(request, client, meeting, form)
    form = RecordForm(request.POST, meeting=meeting, participants=participants, names=names)
    if form.is_valid():
        try:
            meetings.meeting_record(
                actor=actor, meeting=meeting, data=form.to_data(), expected_version=form.cleaned_data.get("version")
            )
        except meetings.ConcurrentEditError:
            current = _reload(request, client, meeting)
            if current is None:
                return redirect("meetings:list", pk=client.pk)
            participants = list(meetings.meeting_page(current).participants)
            form = RecordForm(meeting=current, participants=participants, names=_names(participants, client))
            return _record_form(request, client, current, form, status=409)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het verslag van het gesprek is opgeslagen."))
            return redirect(_detail_url(meeting))
    return _record_form(request, client, meeting, form)


def _record_form(request, client, meeting, form, *, status=200):
    return render(
        request,
        "support/meetings/record_form.html",
        _context(client, meeting, form=form, conflict=_conflict(status)),
        status=_status(status, form),
    )


# --- Options with pros and cons ----------------------------------------------------------------------


def _options_page(request, client, meeting, *, option_form=None, point_forms=None, status=200):
    page = meetings.meeting_page(meeting)
    names = _names(page.participants, client)
    point_forms = point_forms or {}
    rows = [
        (
            view,
            point_forms.get(view.option.pk)
            or PointForm(
                participants=page.participants,
                names=names,
                prefix=f"o{view.option.pk}",
                initial={"kind": OptionPoint.Kind.PRO},
            ),
        )
        for view in page.options
    ]
    return render(
        request,
        "support/meetings/options.html",
        _context(client, meeting, rows=rows, names=names, option_form=option_form or OptionForm()),
        status=_status(status, option_form, *point_forms.values()),
    )


@allow_get_post
def meeting_options(request, pk, meeting_pk):
    """The options page; a POST adds an option."""
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    actor = Actor.from_request(request)
    if request.method != "POST":
        log(actor, "support.meeting.view", client=client, obj=meeting, detail="options")
        return _options_page(request, client, meeting)
    form = OptionForm(request.POST)
    if form.is_valid():
        try:
            option = meetings.option_add(actor=actor, meeting=meeting, description=form.cleaned_data["description"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De mogelijkheid is toegevoegd. Schrijf er voor- en nadelen bij."))
            return redirect(reverse("meetings:options", args=[client.pk, meeting.pk]) + f"#option-{option.pk}")
    return _options_page(request, client, meeting, option_form=form)


def _option(meeting, option_pk) -> Option:
    option = Option.objects.filter(meeting=meeting, pk=policy.parse_id(option_pk)).first()
    if option is None:
        raise Http404
    option.meeting = meeting
    return option


@allow_post
def option_point_add(request, pk, meeting_pk, option_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    option = _option(meeting, option_pk)
    page = meetings.meeting_page(meeting)
    form = PointForm(
        request.POST, participants=page.participants, names=_names(page.participants, client), prefix=f"o{option.pk}"
    )
    if form.is_valid():
        try:
            meetings.point_add(
                actor=Actor.from_request(request),
                option=option,
                participant=form.chosen_participant,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen bij ‘%(option)s’.") % {"option": option.description})
            return redirect(reverse("meetings:options", args=[client.pk, meeting.pk]) + f"#option-{option.pk}")
    return _options_page(request, client, meeting, point_forms={option.pk: form})


@allow_post
def option_remove(request, pk, meeting_pk, option_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    option = _option(meeting, option_pk)
    meetings.option_remove(actor=Actor.from_request(request), option=option)
    messages.success(request, _("De mogelijkheid ‘%(option)s’ is weggehaald.") % {"option": option.description})
    return redirect("meetings:options", pk=client.pk, meeting_pk=meeting.pk)


@allow_post
def point_remove(request, pk, meeting_pk, point_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    point = (
        OptionPoint.objects.filter(option__meeting=meeting, pk=policy.parse_id(point_pk))
        .select_related("option")
        .first()
    )
    if point is None:
        raise Http404
    point.option.meeting = meeting
    meetings.point_remove(actor=Actor.from_request(request), point=point)
    messages.success(request, _("Het voor- of nadeel is weggehaald."))
    return redirect(reverse("meetings:options", args=[client.pk, meeting.pk]) + f"#option-{point.option_id}")


# --- The client's decision ---------------------------------------------------------------------------


@allow_get_post
def meeting_decide(request, pk, meeting_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    actor = Actor.from_request(request)
    name = client.given_name or client.display_name
    if request.method != "POST":
        log(actor, "support.meeting.view", client=client, obj=meeting, detail="decision form")
        return _decision_form(request, client, meeting, DecisionForm(meeting=meeting, client_name=name))
    form = DecisionForm(request.POST, meeting=meeting, client_name=name)
    if form.is_valid():
        try:
            meetings.meeting_decide(
                actor=actor, meeting=meeting, data=form.to_data(), expected_version=form.cleaned_data.get("version")
            )
        except meetings.ConcurrentEditError:
            current = _reload(request, client, meeting)
            if current is None:
                return redirect("meetings:list", pk=client.pk)
            form = DecisionForm(meeting=current, client_name=name)
            return _decision_form(request, client, current, form, status=409)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het besluit van %(name)s is vastgelegd.") % {"name": name})
            return redirect(_detail_url(meeting))
    return _decision_form(request, client, meeting, form)


def _decision_form(request, client, meeting, form, *, status=200):
    return render(
        request,
        "support/meetings/decision_form.html",
        _context(client, meeting, form=form, conflict=_conflict(status)),
        status=_status(status, form),
    )


# --- Agreements --------------------------------------------------------------------------------------


@allow_get_post
def agreement_add(request, pk, meeting_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    actor = Actor.from_request(request)
    page = meetings.meeting_page(meeting)
    member_participants = [p for p in page.participants if p.role == ParticipantRole.MEMBER]
    workers = list(meetings.workers_for(client, request.user))
    kwargs = {"client": client, "user": request.user, "member_participants": member_participants, "workers": workers}
    if request.method != "POST":
        log(actor, "support.meeting.view", client=client, obj=meeting, detail="agreement form")
        return _agreement_form(request, client, page, AgreementForm(**kwargs))
    form = AgreementForm(request.POST, **kwargs)
    if form.is_valid():
        try:
            meetings.agreement_create(actor=actor, meeting=meeting, data=form.to_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De afspraak is vastgelegd. Je vindt haar ook bij de acties."))
            if "nog_een" in request.POST:
                return redirect("meetings:agreement_add", pk=client.pk, meeting_pk=meeting.pk)
            return redirect(_detail_url(meeting) + "#agreements-heading")
    return _agreement_form(request, client, page, form)


def _agreement_form(request, client, page, form):
    return render(
        request,
        "support/meetings/agreement_form.html",
        _context(client, page.meeting, form=form, page=page),
        status=_status(200, form),
    )


# --- Summaries ---------------------------------------------------------------------------------------


@allow_get
def meeting_summary(request, pk, meeting_pk):
    """A preview of the summary, to read with the client; sharing or printing it needs their consent."""
    client, meeting = _meeting(request, pk, meeting_pk)
    choice = SummaryChoiceForm(request.GET or None)
    audience, language = choice.choice()
    if not request.GET:
        choice = SummaryChoiceForm(initial={"voor": audience, "taal": language})
    log(
        Actor.from_request(request),
        "support.meeting.view",
        client=client,
        obj=meeting,
        detail=f"summary preview {audience} {language}",
    )
    page = meetings.meeting_page(meeting)
    return render(
        request,
        "support/meetings/summary.html",
        _context(
            client,
            meeting,
            choice=choice,
            audience=audience,
            language=language,
            summary=summary.build(meetings.summary_facts(page), audience=audience, language=language),
            consent_row=meetings.consent_for_summary(client),
            consent_state=consent.state_of(consent.latest(client, meetings.CONSENT_PURPOSE)),
            consent_url=consent_url(client),
            can_edit=policy.can_edit_client(request.user, client),
        ),
    )


@allow_post
def summary_share(request, pk, meeting_pk):
    client, meeting = _meeting(request, pk, meeting_pk, write=True)
    choice = SummaryChoiceForm(request.POST)
    audience, language = choice.choice()
    back = reverse("meetings:summary", args=[client.pk, meeting.pk]) + f"?voor={audience}&taal={language}"
    try:
        share = meetings.summary_share(
            actor=Actor.from_request(request), meeting=meeting, audience=audience, language=language
        )
    except meetings.ConsentMissing:
        messages.error(
            request,
            _("Er is niets gedeeld: %(name)s heeft (nog) geen toestemming gegeven om verslagen te delen.")
            % {"name": client.display_name},
        )
        return redirect(back)
    return redirect("meetings:summary_print", pk=client.pk, meeting_pk=meeting.pk, share_pk=share.pk)


@allow_get
def summary_print(request, pk, meeting_pk, share_pk):
    """The printable summary of one share. Consent is checked again now: withdrawn means no summary."""
    client, meeting = _meeting(request, pk, meeting_pk)
    share = SummaryShare.objects.filter(meeting=meeting, pk=policy.parse_id(share_pk)).first()
    if share is None:
        raise Http404
    actor = Actor.from_request(request)
    context = _context(client, meeting, share=share, consent_url=consent_url(client))
    if meetings.consent_for_summary(client) is None:
        log(actor, "support.meeting.view", client=client, obj=meeting, detail=f"summary share {share.pk} blocked")
        return render(request, "support/meetings/summary_print.html", {**context, "blocked": True}, status=403)
    log(actor, "support.meeting.view", client=client, obj=meeting, detail=f"summary share {share.pk}")
    page = meetings.meeting_page(meeting)
    now = summary.build(meetings.summary_facts(page), audience=share.audience, language=share.language, shared=True)
    if share.content:
        # The sheet as it was handed out. If the meeting has changed since (an option, an agreement, something
        # now said in confidence), the page says so and offers no print of the old sheet: what is handed out
        # again is the report as it is now, shared anew with the client's consent.
        kept = context["summary"] = summary.Summary.from_dict(share.content)
        context["changed_since"] = kept != now
    else:  # shared before the sheet was kept: worded from the meeting as it is now
        context["summary"] = now
    return render(request, "support/meetings/summary_print.html", context)
