"""The network forms' widgets, rendered in Python (kring.network.forms.WidgetRenderer), give the same HTML as
Django's own widget templates: every field of every form, unbound, filled in and with errors."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe

from kring.network.forms import CompareForm, DateForm, LinkForm, MemberForm, MoveForm, PageForm, WidgetRenderer
from kring.network.models import Member


def _member(**fields) -> Member:
    values = {
        "pk": 7,
        "name": 'Ome "Kees" <de Vries> & zn',
        "relation": "uncle",
        "sector": "family",
        "circle": 1,
        "support_received": ["emotional", "practical"],
        "support_given": [],
        "languages": ["nl", "ar"],
        "notes": "Eerste regel\n<b>tweede</b> & meer",
        "phone": "06 12345678",
        "emergency_contact": True,
        "status": "limited",
        "limit_reason": "unsafe",
        "version": 3,
    }
    values.update(fields)
    return Member(**values)


def _people() -> list[Member]:
    return [_member(pk=i, name=f"Naaste {i} <{'&' * (i % 2)}>") for i in range(1, 30)]


class _EveryWidget(PageForm):
    """The widget kinds the builders cover, with odd attributes, values and groups."""

    text = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "off", "data-x": '"q"', "hidden": False}))
    number = forms.IntegerField(required=False)
    email = forms.EmailField(widget=forms.EmailInput(attrs={"class": "wide"}))
    url = forms.URLField(required=False, assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), required=False)
    check = forms.BooleanField(required=False)
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Groep <1>", [("a", "A & a"), ("b", mark_safe("<em>B</em>"))]), (3, 1000)],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[(1, "Eén"), (2, "Twee"), (3, "Drie")], required=False)
    radios = forms.ChoiceField(
        choices=[("x", "X"), ("Groep", [("y", "Y"), ("z", "Z")])], widget=forms.RadioSelect(attrs={"class": "r"})
    )
    boxes = forms.MultipleChoiceField(
        choices=[("p", "P"), ("q", "Q <q>")], widget=forms.CheckboxSelectMultiple, required=False
    )


def _forms() -> list[tuple[type[forms.Form], dict]]:
    """(form class, keyword arguments) in the states the pages show."""
    member = _member()
    bad_member = {
        "name": " ",
        "relation": "nonsense",
        "circle": "7",
        "status": "limited",
        "languages": ["nl", "xx"],
        "support_received": ["emotional"],
        "phone": "abc",
        "email": "x@",
        "notes": "<script>",
    }
    return [
        (MemberForm, {}),
        (MemberForm, {"member": member}),
        (MemberForm, {"member": _member(status="active", limit_reason="", circle=3, sector="professional")}),
        (MemberForm, {"data": bad_member}),
        (MemberForm, {"data": {**bad_member, "name": "Zus", "relation": "sister", "circle": "1"}, "member": member}),
        (MoveForm, {"initial": {"circle": 2, "sector": "friends", "version": 4}}),
        (MoveForm, {"data": {"circle": "9", "sector": "nope"}}),
        (LinkForm, {"members": _people()}),
        (LinkForm, {"members": _people(), "data": {"member_a": "3", "member_b": "3", "kind": "conflict"}}),
        (LinkForm, {"members": _people(), "data": {"member_a": "", "member_b": "999", "kind": "x"}}),
        (DateForm, {}),
        (DateForm, {"data": {"datum": "2026-13-01"}}),
        (CompareForm, {"initial": {"van": "2025-01-01", "tot": "2026-01-01"}}),
        (CompareForm, {"data": {"van": "2026-05-01", "tot": "2026-01-01"}}),
        (_EveryWidget, {}),
        (
            _EveryWidget,
            {
                "data": {
                    "text": 'a "b" <c>',
                    "number": "12",
                    "email": "no",
                    "password": "geheim&",
                    "hidden": "<h>",
                    "day": "2026-02-03",
                    "check": "on",
                    "area": "x\n<y>",
                    "grouped": "b",
                    "many": ["1", "3"],
                    "radios": "z",
                    "boxes": ["q"],
                }
            },
        ),
    ]


def _renderings(form: forms.Form) -> list[str]:
    """Everything a template can ask of a field's widget: the widget, and each option's input alone and
    wrapped in its label."""
    out = []
    for field in form:
        if form.is_bound:
            form.errors  # noqa: B018 - the widgets of a bound form carry aria-invalid
        out.append(str(field))
        for option in field:
            out += [option.tag(), option.tag(wrap_label=True), str(option)]
    return out


@pytest.mark.parametrize(("form_class", "kwargs"), _forms())
def test_it_renders_every_widget_as_djangos_templates_do(form_class, kwargs):
    fast = form_class(**kwargs)
    assert isinstance(fast.renderer, WidgetRenderer)
    django_way = form_class(**kwargs, renderer=get_default_renderer())
    assert _renderings(fast) == _renderings(django_way)


def test_it_leaves_other_templates_to_django():
    form = LinkForm(members=_people(), data={"member_a": "", "member_b": "", "kind": "knows"})
    assert (
        form.errors.as_ul()
        == LinkForm(
            members=_people(), data={"member_a": "", "member_b": "", "kind": "knows"}, renderer=get_default_renderer()
        ).errors.as_ul()
    )
    assert str(form) == str(
        LinkForm(
            members=_people(), data={"member_a": "", "member_b": "", "kind": "knows"}, renderer=get_default_renderer()
        )
    )
