import html

from django import forms
from django.forms.renderers import BaseRenderer, get_default_renderer
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from kring.clients.models import LANGUAGE_CHOICES
from kring.network.models import (
    Circle,
    ContactFrequency,
    LimitReason,
    LinkKind,
    Member,
    MemberStatus,
    Relation,
    Sector,
    Support,
    TieQuality,
)
from kring.network.services import MemberData

# --- Widgets rendered in Python ------------------------------------------------------------------------
# Django renders a widget through its template, and every option of a choice widget through two more
# (option, attributes): the link form's two selects of 150 people took 15 ms of the network page that way,
# the member form's 46 languages 5 ms. The functions below write out Django's own widget templates
# (django/forms/templates/django/forms/widgets/) in Python, whitespace and escaping included, so the HTML
# is the same: tests/network/test_page_speed_widgets.py renders every widget of these forms both ways.


def _text(value) -> str:
    """``{{ value }}``: localised (numbers, dates) and escaped."""
    if type(value) is str:  # the common case, without conditional_escape's checks (html.escape is its escape)
        return html.escape(value)
    return conditional_escape(value if isinstance(value, str) else localize(value))


def _value(value) -> str:
    """``{{ value|stringformat:'s' }}``: as ``%s``, escaped."""
    text = str(value)
    return html.escape(text) if type(text) is str else conditional_escape(text)


def _attrs(attrs: dict) -> str:
    """attrs.html"""
    if not attrs:
        return ""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_value(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """input.html (and text.html, checkbox.html, ... which include it)"""
    value = "" if widget["value"] is None else f' value="{_value(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>\n'


def _input_option(widget: dict) -> str:
    """radio_option.html and checkbox_option.html, through input_option.html"""
    html = _input(widget)
    if widget["wrap_label"]:
        id_ = widget["attrs"].get("id")
        label_for = f' for="{_text(id_)}"' if id_ else ""
        html = f"<label{label_for}>{html} {_text(widget['label'])}</label>"
    return f"{html}\n\n"


def _multiple_input(widget: dict) -> str:
    """radio.html and checkbox_select.html, through multiple_input.html"""
    id_, css_class = widget["attrs"].get("id"), widget["attrs"].get("class")
    id_attr = f' id="{_text(id_)}"' if id_ else ""
    class_attr = f' class="{_text(css_class)}"' if css_class else ""
    parts = [f"<div{id_attr}{class_attr}>"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        parts.extend(f"<div>\n    {_input_option(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n\n")
    return "".join(parts)


def _select(widget: dict) -> str:
    """select.html with select_option.html"""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{_text(group)}">')
        parts.extend(
            f'\n  <option value="{_value(o["value"])}"{_attrs(o["attrs"])}>{_text(o["label"])}</option>\n'
            for o in options
        )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    """textarea.html"""
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'


_WIDGETS = "django/forms/widgets/"
_BUILDERS = {
    **{
        f"{_WIDGETS}{kind}.html": _input
        for kind in ("input", "text", "number", "email", "url", "tel", "password", "hidden", "date", "checkbox")
    },
    f"{_WIDGETS}radio_option.html": _input_option,
    f"{_WIDGETS}checkbox_option.html": _input_option,
    f"{_WIDGETS}radio.html": _multiple_input,
    f"{_WIDGETS}checkbox_select.html": _multiple_input,
    f"{_WIDGETS}select.html": _select,
    f"{_WIDGETS}textarea.html": _textarea,
}


class WidgetRenderer(BaseRenderer):
    """Django's form renderer, with the widget templates above built in Python; anything else (a form's
    own template, an error list) goes to Django's renderer. Widget templates overridden in the project
    would be passed by: there are none (Kring styles fields through includes/field.html)."""

    def get_template(self, template_name):
        return get_default_renderer().get_template(template_name)

    def render(self, template_name, context, request=None):
        build = _BUILDERS.get(template_name)
        if build is None:
            return get_default_renderer().render(template_name, context, request=request)
        # The template engine's renderer strips the whole output too (the templates end in newlines).
        return build(context["widget"]).strip()


class PageForm(forms.Form):
    """A form on the network pages: its widgets are rendered in Python (see WidgetRenderer)."""

    default_renderer = WidgetRenderer()


CIRCLE_ERRORS = {
    "required": _("Kies hoe dichtbij deze persoon staat."),
    "invalid_choice": _("Kies cirkel 1, 2 of 3."),
}


class MemberForm(PageForm):
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Zoals de cliënt deze persoon noemt, bijvoorbeeld ‘Ome Kees’ of ‘buurvrouw’."),
        error_messages={"required": _("Vul een naam of omschrijving in.")},
    )
    relation = forms.ChoiceField(
        label=_("Wie is dit voor de cliënt?"),
        choices=[("", _("Kies…"))] + Relation.choices,
        error_messages={"required": _("Kies wie dit is voor de cliënt.")},
    )
    circle = forms.TypedChoiceField(
        label=_("Hoe dichtbij?"),
        choices=Circle.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=Circle.MIDDLE,
        error_messages=CIRCLE_ERRORS,
    )
    sector = forms.ChoiceField(
        label=_("Sector op de kaart"),
        choices=[("", _("Volgt uit de relatie"))] + Sector.choices,
        required=False,
        help_text=_("Alleen invullen als de persoon in een ander deel van de kaart hoort."),
    )
    organisation_name = forms.CharField(label=_("Organisatie (bij een hulpverlener)"), max_length=150, required=False)
    contact_frequency = forms.ChoiceField(
        label=_("Hoe vaak is er contact?"), choices=[("", _("Weet ik niet"))] + ContactFrequency.choices, required=False
    )
    support_received = forms.MultipleChoiceField(
        label=_("Wat krijgt de cliënt van deze persoon?"),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    support_given = forms.MultipleChoiceField(
        label=_("Wat doet de cliënt voor deze persoon?"),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Not required: the quick add names only who and how close; the rest defaults to the usual case.
    tie_quality = forms.ChoiceField(
        label=_("Hoe is het contact?"), choices=TieQuality.choices, initial=TieQuality.SUPPORTIVE, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=MemberStatus.choices, initial=MemberStatus.ACTIVE, required=False
    )
    limit_reason = forms.ChoiceField(
        label=_("Waarom begrensd?"), choices=[("", _("Kies…"))] + LimitReason.choices, required=False
    )
    emergency_contact = forms.BooleanField(
        label=_("Noodcontact: op deze persoon kunnen we terugvallen als er iets met de cliënt gebeurt"), required=False
    )
    abroad_country = forms.CharField(label=_("Woont in het buitenland: welk land?"), max_length=100, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Talen"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    needs_interpreter = forms.BooleanField(label=_("Tolk nodig"), required=False)
    prefers_video = forms.BooleanField(label=_("Liever videobellen"), required=False)
    phone = forms.RegexField(
        label=_("Telefoonnummer"),
        regex=r"^\+?[0-9 ()-]{6,20}$",
        max_length=30,
        required=False,
        error_messages={"invalid": _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678 of +31 6 12345678.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"), required=False, error_messages={"invalid": _("Vul een geldig e-mailadres in.")}
    )
    deceased = forms.BooleanField(label=_("Overleden"), required=False)
    pseudonym = forms.CharField(
        label=_("Schuilnaam"),
        max_length=100,
        required=False,
        help_text=_("Gebruikt als de kaart zonder echte namen getoond wordt, bijvoorbeeld bij intervisie."),
    )
    notes = forms.CharField(
        label=_("Notities"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, member: Member | None = None, **kwargs):
        if member is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(member, name) for name in self.base_fields if hasattr(member, name)}
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Vul een naam of omschrijving in."))
        return name

    def clean_tie_quality(self):
        return self.cleaned_data["tie_quality"] or TieQuality.SUPPORTIVE

    def clean_status(self):
        return self.cleaned_data["status"] or MemberStatus.ACTIVE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == MemberStatus.LIMITED and not cleaned.get("limit_reason"):
            self.add_error("limit_reason", _("Kies waarom het contact begrensd is."))
        return cleaned

    def to_data(self) -> MemberData:
        c = dict(self.cleaned_data)
        c.pop("version", None)
        return MemberData(**c)


class MoveForm(PageForm):
    """Move a member to another circle or sector: the keyboard and no-JavaScript way to drag.

    Shown beside the member's details form, which has circle and sector fields too: its own ids keep
    every label pointing at the right field.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_move_%s")
        super().__init__(*args, **kwargs)

    circle = forms.TypedChoiceField(label=_("Cirkel"), choices=Circle.choices, coerce=int, error_messages=CIRCLE_ERRORS)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=Sector.choices, error_messages={"invalid_choice": _("Kies een sector op de kaart.")}
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DropForm(forms.Form):
    """Where a member was dropped on the ecogram, in the drawing's own coordinates."""

    x = forms.FloatField()
    y = forms.FloatField()
    version = forms.IntegerField(required=False)


class LinkForm(PageForm):
    member_a = forms.TypedChoiceField(label=_("Wie"), coerce=int, error_messages={"required": _("Kies een persoon.")})
    member_b = forms.TypedChoiceField(
        label=_("en wie"),
        coerce=int,
        error_messages={
            "required": _("Kies een tweede persoon."),
            "invalid_choice": _("Kies twee mensen uit het netwerk van deze cliënt."),
        },
    )
    kind = forms.ChoiceField(label=_("Wat is hun verbinding?"), choices=LinkKind.choices, initial=LinkKind.KNOWS)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Kies…"))] + [(m.pk, m.name) for m in members]
        self.fields["member_a"].choices = choices
        self.fields["member_b"].choices = choices
        self.fields["member_a"].error_messages["invalid_choice"] = self.fields["member_b"].error_messages[
            "invalid_choice"
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("member_a") and cleaned.get("member_a") == cleaned.get("member_b"):
            self.add_error("member_b", _("Kies twee verschillende mensen."))
        return cleaned


class DateForm(PageForm):
    datum = forms.DateField(
        label=_("Netwerk op datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def clean_datum(self):
        day = self.cleaned_data.get("datum")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Kies een datum van vandaag of eerder."))
        return day


class CompareForm(PageForm):
    van = forms.DateField(
        label=_("Van"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in."), "required": _("Kies een begindatum.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in."), "required": _("Kies een einddatum.")},
    )

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        today = timezone.localdate()
        if van and van > today:
            # Said at the start date itself: else its mistake showed at the end date, as "before the start".
            self.add_error("van", _("Kies een datum van vandaag of eerder."))
        elif van and tot and van > tot:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        if tot and tot > today:
            self.add_error("tot", _("Kies een datum van vandaag of eerder."))
        return cleaned
