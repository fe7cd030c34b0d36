"""The load check form: a date, what the naaste does, how heavy it feels (0–10), what is too much, what would help.

The heaviness is eleven radio buttons (large to tap on a tablet, and working without JavaScript); anything else
posted by hand ("11", "veel") is an invalid choice with a clear message by the field, and nothing is saved.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.support.load import LoadCheckData
from kring.support.models import LoadCheck

HEAVINESS_ERROR = _("Kies hoe zwaar het voelt: een getal van 0 tot 10.")
HEAVINESS_CHOICES = [(value, str(value)) for value in range(11)]


def _text(label, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Houd het korter: hoogstens %(limit_value)d tekens.")},
    )


class LoadCheckForm(forms.Form):
    date = forms.DateField(
        label=_("Datum"),
        help_text=_("De dag waarop je het met de naaste besprak."),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-2026."),
        },
    )
    what_they_do = _text(
        _("Wat doet deze naaste voor de cliënt?"),
        _("Bijvoorbeeld: ‘Belt elke dag’, ‘Laat hem slapen op de bank’, ‘Regelt de post’."),
    )
    heaviness = forms.TypedChoiceField(
        label=_("Hoe zwaar voelt het?"),
        help_text=_("0 is helemaal niet zwaar, 10 is veel te zwaar. Laat de naaste zelf kiezen."),
        choices=HEAVINESS_CHOICES,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"required": HEAVINESS_ERROR, "invalid_choice": HEAVINESS_ERROR},
    )
    too_much = _text(_("Wat is te veel?"), _("Wat kost de naaste te veel tijd, geld of energie?"))
    would_help = _text(_("Wat zou helpen?"), _("Wat heeft de naaste zelf nodig? Van wie?"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["date", "what_they_do", "heaviness", "too_much", "would_help", "version"]

    def __init__(self, *args, check: LoadCheck | None = None, **kwargs):
        if check is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "date": check.date,
                "what_they_do": check.what_they_do,
                "heaviness": check.heaviness,
                "too_much": check.too_much,
                "would_help": check.would_help,
                "version": check.version,
            }
        super().__init__(*args, **kwargs)
        self.check = check

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst. Vul de dag in waarop je het vroeg."))
        return day

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def to_data(self) -> LoadCheckData:
        c = self.cleaned_data
        return LoadCheckData(
            date=c["date"],
            heaviness=c["heaviness"],
            what_they_do=c["what_they_do"],
            too_much=c["too_much"],
            would_help=c["would_help"],
        )
