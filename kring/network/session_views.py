"""The guided mapping session on a tablet ("Wie is belangrijk voor jou?"): one screen per step.

The views are thin: they load the client and the session for this user, call a service from
:mod:`kring.network.session`, and draw the step the session is at. A session screen speaks the session's
language (the client's), whatever the worker's own language is. Every POST works without JavaScript
(Post/Redirect/Get); with htmx it answers the re-drawn step, so nothing reloads on the tablet.
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import replace
from functools import lru_cache, wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_htmx.http import HttpResponseClientRedirect

from kring import policy
from kring.audit.log import Actor, log
from kring.methods import allow_get, allow_get_post
from kring.network import ecogram
from kring.network import session as services
from kring.network.ecogram_svg import EcogramLink, EcogramMember, render_ecogram
from kring.network.forms import DropForm
from kring.network.layout import Layout, NodeIn, cell_of, layout_ecogram
from kring.network.models import Circle, MappingSession, Sector, SessionStep


# The session speaks every language Kring has a catalogue for: adding one is settings and translation files.
def session_languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


STEPS = [SessionStep.PROMPTS, SessionStep.PLACING, SessionStep.LINKS, SessionStep.REVIEW]

# Up to this many people a card shows every name to tap, and the map step lists everyone. Beyond it (a review
# of a large network) the names fold away behind "Zoek een naam", so the question and the name field stay in
# view and "Volgende vraag" is not thousands of pixels down.
FOLD_AFTER = 20


def _folded(text: str) -> str:
    """A name as it is searched: without case or accents ("Zoë" is found by "zoe")."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_matches(name: str, find: str) -> bool:
    """Whether a name holds what was typed in "Zoek een naam" (the same test as session.js)."""
    return bool(find) and _folded(find) in _folded(name)


def _find_of(data) -> dict:
    """What was typed in "Zoek een naam", and whether every name is shown (the ways without JavaScript)."""
    return {"find": " ".join(str(data.get("zoek", "")).split())[:100], "show_all": data.get("alle") == "1"}


def _find_query(find: str, show_all: bool) -> str:
    """The same search again in an address, after a tap without JavaScript."""
    query = {key: value for key, value in (("zoek", find), ("alle", "1" if show_all else "")) if value}
    return f"?{urlencode(query)}" if query else ""


class PlaceForm(forms.Form):
    """Put someone on the map without dragging: on a phone, with the keyboard and without JavaScript."""

    circle = forms.TypedChoiceField(
        choices=Circle.choices,
        coerce=int,
        error_messages={
            "required": gettext_lazy("Kies hoe dichtbij deze persoon is."),
            "invalid_choice": gettext_lazy("Kies hoe dichtbij deze persoon is."),
        },
    )
    sector = forms.ChoiceField(
        choices=Sector.choices,
        error_messages={
            "required": gettext_lazy("Kies bij welke groep deze persoon hoort."),
            "invalid_choice": gettext_lazy("Kies bij welke groep deze persoon hoort."),
        },
    )


# --- loading ------------------------------------------------------------------------------------------


def _session_of(client, session_pk) -> MappingSession:
    session = MappingSession.objects.filter(client=client, pk=policy.parse_id(session_pk)).first()
    if session is None:
        raise Http404
    session.client = client  # the services read the client's organisation; reuse what is loaded
    return session


def _person_of(session, person_pk):
    person = session.people.filter(pk=policy.parse_id(person_pk)).first()
    if person is None:
        raise Http404
    return person


def _step_url(client, session) -> str:
    return reverse("session:step", args=[client.pk, session.pk])


def _to_network(request, client, message: str):
    """Leave the session screens for the client's network page (a full page load, also from htmx)."""
    messages.info(request, message)
    url = reverse("network:map", args=[client.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _closed(request, client, session):
    # In the worker's language: the network page is theirs, not the client's.
    if session.finished_at is not None:
        return _to_network(request, client, _("Deze sessie is al afgerond."))
    return _to_network(request, client, _("Deze sessie is gestopt."))


def session_view(view):
    """Load the client (editable for this user) and its session, answer for a closed session, and run
    the view in the session's language. A double tap after "Klaar" lands calmly on the network page.
    """

    @wraps(view)
    def wrapper(request, pk, session_pk, **kwargs):
        client = policy.get_client_for_user(request.user, pk, write=True)
        session = _session_of(client, session_pk)
        if not session.is_open:
            return _closed(request, client, session)
        try:
            with translation.override(session.language):
                return view(request, client, session, **kwargs)
        except services.SessionClosed:
            session.refresh_from_db()
            return _closed(request, client, session)

    return wrapper


def session_write(view):
    """A tap or a form in the session: POST only. A GET comes from the login page after a login expired
    in the middle of a session (it sends back to the address the form was sent to): go on at the step
    the session is at, in that session."""
    write = session_view(view)

    @wraps(view)
    def wrapper(request, pk, session_pk, **kwargs):
        if request.method in ("GET", "HEAD"):
            client = policy.get_client_for_user(request.user, pk, write=True)
            return redirect(_step_url(client, _session_of(client, session_pk)))
        if request.method != "POST":
            raise Http404
        return write(request, pk, session_pk, **kwargs)

    return wrapper


PENDING_NAME = "kring.session.pending_name"


def keep_name_over_login(view):
    """A name typed after the login expired (the tablet slept): log in, and it is back in the field of the
    same card, not yet saved, to add with one tap. Nothing is written and nothing is shown before login.

    Only for the quick-add view, which is why that one view leaves the login check to this wrapper.
    """

    @wraps(view)
    def wrapper(request, pk, session_pk, **kwargs):
        if request.user.is_authenticated:
            return view(request, pk, session_pk, **kwargs)
        if request.method == "POST" and request.POST.get("name", "").strip():
            request.session[PENDING_NAME] = {"session": session_pk, "name": request.POST["name"][:500]}
        step_url = reverse("session:step", args=[pk, session_pk])
        login_url = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': step_url})}"
        return HttpResponseClientRedirect(login_url) if request.htmx else redirect(login_url)

    return wrapper


def _pending_name(request, session) -> str | None:
    """The name kept over a login for this session, once."""
    pending = request.session.get(PENDING_NAME)
    if not isinstance(pending, dict) or pending.get("session") != session.pk:
        return None
    del request.session[PENDING_NAME]
    return str(pending.get("name", ""))


# --- the map ------------------------------------------------------------------------------------------


def _nodes(people) -> tuple[NodeIn, ...]:
    return tuple(sorted((NodeIn(p.pk, p.name, p.sector, p.circle) for p in people), key=lambda n: n.id))


@lru_cache(maxsize=64)
def _layout_of(nodes: tuple[NodeIn, ...]) -> Layout:
    return layout_ecogram(nodes, font_size=ecogram.LABEL_FONT_SIZE)


def _layout(people) -> Layout:
    """The layout of the people on the map: the drawing and a drop on it must use the same one."""
    return _layout_of(_nodes(people))


def _on_map(people) -> list:
    return [p for p in people if p.placed and not p.left_out]


def _svg(client, people, links=()) -> str:
    on_map = _on_map(people)
    drawn = [
        EcogramMember(
            id=p.pk,
            label=p.name,
            sector=p.sector,
            circle=p.circle,
            # The session draws everyone alike: how the contact is goes into the network afterwards.
            tie_quality="supportive",
            status="active",
            strong=False,
            support_received=frozenset(),
            support_given=frozenset(),
            emergency_contact=False,
            abroad=False,
            deceased=False,
        )
        for p in on_map
    ]
    text = replace(
        ecogram.texts(client.given_name, len(drawn)),
        description=ngettext(
            "%(name)s in het midden, met %(count)s persoon in drie cirkels: heel dichtbij, dichtbij en wat "
            "verder weg. De namen staan ook in de lijst bij de kaart.",
            "%(name)s in het midden, met %(count)s mensen in drie cirkels: heel dichtbij, dichtbij en wat "
            "verder weg. De namen staan ook in de lijst bij de kaart.",
            len(drawn),
        )
        % {"name": client.given_name, "count": len(drawn)},
    )
    return render_ecogram(
        drawn,
        [EcogramLink(a, b, "knows") for a, b in links],
        text,
        layout=_layout(on_map),
        legend=False,
        id_prefix="session-map",
    )


# --- drawing a step -----------------------------------------------------------------------------------


def _links(session, people) -> list[tuple]:
    """(person a, person b) for every pair that knows each other, both still on the map."""
    by_id = {p.pk: p for p in _on_map(people)}
    return [
        (by_id[a], by_id[b])
        for a, b in session.links.values_list("person_a_id", "person_b_id")
        if a in by_id and b in by_id
    ]


def _context(client, session, **extra) -> dict:
    people = list(session.people.all())
    present = [p for p in people if not p.left_out]
    context = {
        "client": client,
        "session": session,
        "step": session.step,
        "steps": [(step.value, step.label, step == session.step) for step in STEPS],
        "step_number": STEPS.index(session.step) + 1 if session.step in STEPS else 1,
        "step_count": len(STEPS),
    }
    find, show_all = extra.pop("find", ""), extra.pop("show_all", False)
    context.update(find=find, show_all=show_all, step_url=_step_url(client, session))
    if session.step == SessionStep.PROMPTS:
        cards = services.prompt_cards(client.organisation)
        prompts = [card for card in cards if card.active]
        prompt = services.resolve_prompt(cards, session.prompt_key)
        index = prompts.index(prompt) if prompt is not None else 0
        context.update(
            prompt=prompt,
            prompt_text=prompt.text_in(session.language) if prompt else "",
            prompt_number=index + 1,
            prompt_count=len(prompts),
            previous_key=prompts[index - 1].key if index > 0 else "",
            next_key=prompts[index + 1].key if index + 1 < len(prompts) else "",
            is_last_prompt=index >= len(prompts) - 1,
            **_card_chips(present, prompt, find=find, show_all=show_all),
            added=None,
            name_value="",
            name_error="",
            same_names=(),
            after_login=False,
            focus_name=False,
            request_key=uuid.uuid4().hex,
        )
    elif session.step == SessionStep.PLACING:
        tray = [p for p in present if not p.placed]
        # The person the big buttons are for: the one chosen ("Verplaats", "Eerst iemand anders?"), else
        # the first who is not on the map yet.
        chosen = extra.pop("choose", None)
        current = next((p for p in present if p.pk == chosen), None) or (tray[0] if tray else None)
        context.update(
            svg=_svg(client, people),
            tray=tray,
            current=current,
            others=[p for p in tray if p is not current],
            placed=_on_map(people),
            left_out=[p for p in people if p.left_out],
            circles=Circle.choices,
            sectors=Sector.choices,
            # A large network: the people on the map and the others to choose fold away (details).
            fold_placed=len(present) > FOLD_AFTER,
            fold_after=FOLD_AFTER,
            placed_hidden={p.pk for p in _on_map(people) if find and not name_matches(p.name, find)},
            found=sum(1 for p in _on_map(people) if name_matches(p.name, find)),
            place_error=None,
            drop_error="",
        )
    elif session.step == SessionStep.LINKS:
        links = _links(session, people)
        selected = extra.get("selected")
        on_map = _on_map(people)
        fold_links = len(on_map) > FOLD_AFTER
        context.update(
            chips=on_map,
            # A large network: the names behind "Zoek een naam", the one chosen always in view.
            fold_links=fold_links,
            links_hidden={
                p.pk
                for p in on_map
                if fold_links
                and not show_all
                and not name_matches(p.name, find)
                and not (selected and selected.pk == p.pk)
            },
            found=sum(1 for p in on_map if name_matches(p.name, find)),
            pairs=links,
            # Whom the chosen person is linked to now: a tap on one of them unlinks, on anyone else links.
            known=",".join(
                str(b.pk if a.pk == selected.pk else a.pk) for a, b in links if selected and selected.pk in (a.pk, b.pk)
            ),
            svg=_svg(client, people, [(a.pk, b.pk) for a, b in links]),
            selected=None,
            link_error="",
        )
    else:
        links = _links(session, people)
        on_map = _on_map(people)
        context.update(
            numbers=services.summary(session),
            # Who is where, in words: the map's names are small on a phone.
            by_circle=[(label, [p.name for p in on_map if p.circle == circle]) for circle, label in Circle.choices],
            unplaced=[p for p in present if not p.placed],
            svg=_svg(client, people, [(a.pk, b.pk) for a, b in links]),
            link_count=len(links),
        )
    context.update(extra)
    return context


def _card_chips(present, prompt, *, find: str, show_all: bool) -> dict:
    """The names to tap on a card. Up to FOLD_AFTER people: all of them, the names given in this session first
    (so a new name shows up near the field), then the members who were already in the network. More: the
    people on this card, and the others (alphabetical) behind "Zoek een naam", shown when they match what was
    typed or when all are asked for; session.js does the same as you type."""
    ordered = sorted(present, key=lambda p: p.member_id is not None)
    on_card = {p.pk for p in present if prompt is not None and prompt.key in p.prompt_keys}
    if len(present) <= FOLD_AFTER:
        return {"chips": [(p, p.pk in on_card) for p in ordered], "folded": False, "other_chips": []}
    others = sorted((p for p in present if p.pk not in on_card), key=lambda p: _folded(p.name))
    shown = [p.pk for p in others if name_matches(p.name, find)]
    return {
        "chips": [(p, True) for p in ordered if p.pk in on_card],
        "folded": True,
        "other_chips": [(p, not show_all and p.pk not in shown) for p in others],
        "found": len(shown),
    }


def _render_step(request, client, session, *, status=200, **extra):
    """The step as a fragment for htmx, as the whole screen otherwise."""
    template = "network/session/_step.html" if request.htmx else "network/session/step.html"
    # A whole screen (a reload, or no JavaScript) puts the cursor in the name field; htmx answers
    # move focus themselves (session.js), so a tap on a name does not pop up the keyboard.
    extra.setdefault("focus_name", not request.htmx)
    return render(request, template, _context(client, session, **extra), status=status)


def _invalid(request, client, session, **extra):
    """The step again with a message by the field (422 for htmx, so it knows nothing was saved)."""
    return _render_step(request, client, session, status=422 if request.htmx else 200, **extra)


def _done(request, client, session):
    """After a write: the re-drawn step for htmx, Post/Redirect/Get otherwise."""
    if request.htmx:
        return _render_step(request, client, session)
    return redirect(_step_url(client, session))


def _logged(request, session, detail: str, write):
    """Run a service write and its access-log row in one transaction."""
    actor = Actor.from_request(request)
    with transaction.atomic():
        result = write(actor)
        log(actor, "network.session.update", client=session.client, obj=session, detail=detail)
    return result


def _messages_of(error: ValidationError, field: str) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(error.message_dict.get(field) or error.messages)
    return " ".join(error.messages)


def _prompt(client, session, key: str):
    """The prompt card a form was sent from (the one shown then, even if it was switched off since), or
    the card the session is at."""
    cards = services.prompt_cards(client.organisation)
    by_key = {card.key: card for card in cards}
    return by_key.get(key) or services.resolve_prompt(cards, session.prompt_key)


# --- views --------------------------------------------------------------------------------------------


@allow_get_post
def start(request, pk):
    """Choose the client's language and start, or go on with the session that is still open."""
    client = policy.get_client_for_user(request.user, pk, write=True)
    open_session = MappingSession.objects.filter(client=client, finished_at=None, abandoned_at=None).first()
    actor = Actor.from_request(request)
    if request.method == "POST":
        language = request.POST.get("language", "")
        if open_session is None and language not in session_languages():
            # "Start netwerksessie" on the network page: the client chooses the language here first.
            return redirect("session:start", client.pk)
        session = services.session_start(actor=actor, client=client, language=language or "nl")
        return redirect(_step_url(client, session))
    log(actor, "network.session.view", client=client, obj=open_session)
    language = open_session.language if open_session is not None else translation.get_language()
    with translation.override(language):
        return render(
            request,
            "network/session/start.html",
            {"client": client, "open_session": open_session, "languages": session_languages()},
        )


@allow_get
@session_view
def step(request, client, session):
    """Whatever step the session is at: a reload or a tablet that slept goes on where it was."""
    log(Actor.from_request(request), "network.session.view", client=client, obj=session)
    extra = {}
    if session.step == SessionStep.PLACING and request.GET.get("plaats"):
        extra["choose"] = _int(request.GET["plaats"])
    if session.step == SessionStep.LINKS and request.GET.get("kies"):
        extra["selected"] = session.people.filter(pk=_int(request.GET["kies"])).first()
    if session.step == SessionStep.PROMPTS and request.GET.get("erbij"):
        # Back from naming someone without JavaScript: say who was added.
        extra["added"] = session.people.filter(pk=_int(request.GET["erbij"])).first()
    extra.update(_find_of(request.GET))
    pending = _pending_name(request, session)
    if pending is not None and session.step == SessionStep.PROMPTS:
        extra.update(name_value=pending, after_login=True)
    return _render_step(request, client, session, **extra)


@login_not_required  # an expired login keeps the name typed: see keep_name_over_login
@keep_name_over_login
@session_write
def name(request, client, session):
    """Quick add: one name for the prompt card shown. A retried request (same request_key) adds no one twice."""
    prompt = _prompt(client, session, request.POST.get("prompt", ""))
    typed = request.POST.get("name", "")
    request_key = request.POST.get("request_key", "")[:64]
    actor = Actor.from_request(request)
    try:
        with transaction.atomic():
            result = services.person_name(
                actor=actor,
                session=session,
                prompt_key=prompt.key if prompt else "",
                name=typed,
                request_key=request_key,
                another=request.POST.get("another") == "1",
            )
            if result.created:
                log(actor, "network.session.update", client=client, obj=session, detail="named")
    except ValidationError as error:
        return _invalid(
            request, client, session, name_value=typed, name_error=_messages_of(error, "name"), focus_name=True
        )
    if result.same_names:
        # Ask before adding: "Is dit dezelfde Mama?" The request key goes along with the answer.
        return _render_step(
            request,
            client,
            session,
            same_names=result.same_names,
            same_base=services.base_name(result.same_names[0].name),
            another_name=services.numbered_name(
                services.base_name(result.same_names[0].name),
                services.namesakes_of(session, services.clean_name(typed)),
            ),
            word_request_key=uuid.uuid4().hex,
            name_value=typed,
            request_key=request_key,
        )
    if request.htmx:
        return _render_step(request, client, session, focus_name=True, added=result.person)
    return redirect(f"{_step_url(client, session)}?erbij={result.person.pk}")


@session_write
def prompt_toggle(request, client, session, person_pk):
    """Tap a name on a card: this person does (or no longer does) answer this question."""
    person = _person_of(session, person_pk)
    prompt = _prompt(client, session, request.POST.get("prompt", ""))
    if prompt is not None:
        on = request.POST.get("on") == "1"
        _logged(
            request,
            session,
            "prompt",
            lambda actor: services.person_toggle_prompt(
                actor=actor, session=session, person=person, prompt_key=prompt.key, on=on
            ),
        )
    # With a large network the search goes on after the tap: the names found stay in view.
    find = _find_of(request.POST)
    if request.htmx:
        return _render_step(request, client, session, **find)
    return redirect(_step_url(client, session) + _find_query(**find))


@session_write
def go_to(request, client, session):
    """ "Vorige" and "Volgende": remember where the session is."""
    target = request.POST.get("step", "")
    if target not in SessionStep.values:
        raise Http404
    key = request.POST.get("prompt", "")[:50]
    _logged(
        request,
        session,
        f"step {target}",
        lambda actor: services.session_go_to(actor=actor, session=session, step=target, prompt_key=key),
    )
    return _done(request, client, session)


@session_write
def place(request, client, session, person_pk):
    """Put someone on the map: by a drop on the drawing (x, y) or by the circle and group chosen."""
    person = _person_of(session, person_pk)
    if "x" in request.POST or "y" in request.POST:
        drop = DropForm(request.POST)
        cell = None
        if drop.is_valid():
            # The same layout as the one drawn: the people on the map now.
            layout = _layout(_on_map(session.people.all()))
            cell = cell_of(layout, drop.cleaned_data["x"], drop.cleaned_data["y"])
        if cell is None:
            return _invalid(request, client, session, drop_error=_("Sleep de naam naar een plek binnen de cirkels."))
        sector, circle = cell
    else:
        # A big button ("Familie: heel dichtbij") sends cell=family:1; circle and sector may come apart too.
        sector, _colon, circle = request.POST.get("cell", "").partition(":")
        data = {"sector": sector, "circle": circle} if "cell" in request.POST else request.POST
        form = PlaceForm(data)
        if not form.is_valid():
            message = " ".join(e for errors in form.errors.values() for e in errors)
            return _invalid(request, client, session, place_error=(person.pk, message), choose=person.pk)
        sector, circle = form.cleaned_data["sector"], form.cleaned_data["circle"]
    _logged(
        request,
        session,
        "placed",
        lambda actor: services.person_place(actor=actor, session=session, person=person, sector=sector, circle=circle),
    )
    return _done(request, client, session)


@session_write
def leave_out(request, client, session, person_pk):
    """ "Laat maar": this person does not go on the map. "Toch erbij" (left_out=0) undoes it."""
    person = _person_of(session, person_pk)
    left_out = request.POST.get("left_out", "1") != "0"
    _logged(
        request,
        session,
        "left out" if left_out else "back in",
        lambda actor: services.person_leave_out(actor=actor, session=session, person=person, left_out=left_out),
    )
    if left_out:
        messages.info(
            request,
            _("%(name)s staat niet op de kaart. Wil je dat toch? Tik dan op ‘Toch erbij’.") % {"name": person.name},
        )
    return _done(request, client, session)


@session_write
def link(request, client, session):
    """Tap one person, then another: they know each other (or, tapped again, no longer)."""
    on_map = {p.pk: p for p in _on_map(session.people.all())}
    first, second = on_map.get(_int(request.POST.get("a"))), on_map.get(_int(request.POST.get("b")))
    if second is None:
        return _invalid(request, client, session, link_error=_("Tik op een naam."))
    if first is None or first.pk == second.pk:
        # The first tap (or the same name again, to let go of it): remember it on the screen only.
        chosen = None if first is not None else second
        if request.htmx:
            return _render_step(request, client, session, selected=chosen)
        url = _step_url(client, session)
        return redirect(f"{url}?kies={chosen.pk}" if chosen else url)
    # What the tap means was decided on the screen the tap was made on: the pairs the first person had
    # then ("known"), or "weghalen" (on=0). A request sent again after a lost answer means the same.
    on = None
    if request.POST.get("on") in ("0", "1"):
        on = request.POST["on"] == "1"
    elif "known" in request.POST:
        on = str(second.pk) not in request.POST["known"].split(",")
    _logged(
        request,
        session,
        "link",
        lambda actor: services.link_toggle(actor=actor, session=session, a=first, b=second, on=on),
    )
    return _done(request, client, session)


@session_write
def finish(request, client, session):
    """ "Klaar": the session goes into the network, and the worker is back on the network page."""
    services.session_finish(actor=Actor.from_request(request), session=session)
    with translation.override(request.LANGUAGE_CODE):
        message = _("De netwerkkaart is bijgewerkt met wat %(name)s vertelde.") % {"name": client.given_name}
    messages.success(request, message)
    url = reverse("network:map", args=[client.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@session_write
def abandon(request, client, session):
    """Stop the open session without changing the network, to begin a new one."""
    services.session_abandon(actor=Actor.from_request(request), session=session)
    with translation.override(request.LANGUAGE_CODE):
        messages.info(request, _("De vorige sessie is gestopt. Er is niets aan het netwerk veranderd."))
    return redirect("session:start", client.pk)


def _int(value) -> int | None:
    """A whole number from a form or query string, or None (also for one too large for the database)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if abs(number) <= policy.MAX_ID else None
