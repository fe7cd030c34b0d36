"""The organisation admin's form for one what-works element or one form an intervention can take."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kring.support.catalogue import EntryData

LABEL_MAX_LENGTH = 80
DESCRIPTION_MAX_LENGTH = 300


def label_field_name(code: str) -> str:
    return f"label_{code}"


def description_field_name(code: str) -> str:
    return f"description_{code}"


def _label_field(code: str, kind: str) -> forms.CharField:
    """The name in one of the languages Kring speaks (settings.LANGUAGES); Dutch is required."""
    source = code == settings.LANGUAGE_CODE
    too_long = _("Houd de naam kort: hoogstens %(limit_value)d tekens (nu %(show_value)d).")
    if source:
        return forms.CharField(
            label=_("Naam in het Nederlands"),
            max_length=LABEL_MAX_LENGTH,
            widget=forms.TextInput(attrs={"lang": code}),
            help_text=_("Kort, zodat het op een knop past. Bijvoorbeeld: ‘Samen wandelen’.")
            if kind == "mode"
            else _("Kort, zodat het op een knop past. Bijvoorbeeld: ‘Netwerk vergroten’."),
            error_messages={"required": _("Vul de naam in het Nederlands in."), "max_length": too_long},
        )
    language = get_language_info(code)["name_translated"]
    return forms.CharField(
        label=_("Naam in het %(language)s") % {"language": language},
        max_length=LABEL_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"lang": code}),
        help_text=_("Leeg gelaten? Dan staat er de Nederlandse naam."),
        error_messages={"max_length": too_long},
    )


def _description_field(code: str) -> forms.CharField:
    source = code == settings.LANGUAGE_CODE
    language = get_language_info(code)["name_translated"]
    return forms.CharField(
        label=_("Uitleg in het Nederlands") if source else _("Uitleg in het %(language)s") % {"language": language},
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": code}),
        help_text=_("Eén zin: wat bedoel je ermee? Medewerkers lezen dit bij het vastleggen.") if source else "",
        error_messages={"max_length": _("Houd de uitleg korter: hoogstens %(limit_value)d tekens.")},
    )


class EntryForm(forms.Form):
    active = forms.BooleanField(label=_("In gebruik: medewerkers kunnen dit kiezen"), required=False, initial=True)

    def __init__(self, *args, kind: str, entry=None, **kwargs):
        if entry is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{label_field_name(code): entry.labels.get(code, "") for code, _name in settings.LANGUAGES},
                **{
                    description_field_name(code): entry.descriptions.get(code, "") for code, _name in settings.LANGUAGES
                },
                "active": entry.active,
            }
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            self.fields[label_field_name(code)] = _label_field(code, kind)
            self.fields[description_field_name(code)] = _description_field(code)
        self.order_fields(
            [
                name
                for code, _name in settings.LANGUAGES
                for name in (label_field_name(code), description_field_name(code))
            ]
        )

    def clean(self):
        cleaned = super().clean()
        dutch = label_field_name(settings.LANGUAGE_CODE)
        if dutch in cleaned and not cleaned[dutch].strip():
            self.add_error(dutch, _("Vul de naam in het Nederlands in."))
        return cleaned

    @property
    def language_fields(self):
        """Per language: (name field, explanation field)."""
        return [
            (self[label_field_name(code)], self[description_field_name(code)]) for code, _name in settings.LANGUAGES
        ]

    def entry_data(self) -> EntryData:
        data = self.cleaned_data
        return EntryData(
            labels={code: data[label_field_name(code)] for code, _name in settings.LANGUAGES},
            descriptions={code: data[description_field_name(code)] for code, _name in settings.LANGUAGES},
            active=data["active"],
        )
