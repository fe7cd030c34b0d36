"""The fill-in form, built from a questionnaire definition in the language it is filled in."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.measures.engine import Definition
from kring.measures.services import ResponseData

# "Overslaan" has a value of its own, so a fresh form shows no choice made at all, and a tapped answer can
# still be taken back (a radio button cannot be unticked).
SKIP = "skip"
ITEM_PREFIX = "item_"


class ResponseForm(forms.Form):
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 3-3-2026."),
        },
    )
    note = forms.CharField(
        label=_("Notitie"),
        help_text=_("Wat kwam er ter sprake? Alleen voor het dossier."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, definition: Definition, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.language = language
        today = timezone.localdate()
        self.fields["date"].initial = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        for number, item in enumerate(definition.items, start=1):
            options = [(o.value, o.label[language]) for o in definition.options_for(item)]
            if SKIP in dict(options):
                raise ValueError(f"{definition.key}/{item.key}: the option value {SKIP!r} is the form's own")
            field = forms.ChoiceField(
                label=item.text[language],
                choices=[*options, (SKIP, _("Overslaan"))],
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": _("Kies een van de antwoorden, of sla deze vraag over.")},
            )
            field.number = number
            self.fields[ITEM_PREFIX + item.key] = field

    def item_fields(self):
        return [self[ITEM_PREFIX + item.key] for item in self.definition.items]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("De datum kan niet in de toekomst liggen."))
        return day

    def clean(self):
        cleaned = super().clean()
        items = [ITEM_PREFIX + item.key for item in self.definition.items]
        answered = [name for name in items if cleaned.get(name) and cleaned[name] != SKIP]
        if not any(name in self.errors for name in items) and not answered:
            raise forms.ValidationError(
                _("Er is nog geen enkele vraag beantwoord. Kies bij minstens één vraag een antwoord.")
            )
        return cleaned

    def to_data(self) -> ResponseData:
        answers = {item.key: self.cleaned_data.get(ITEM_PREFIX + item.key) for item in self.definition.items}
        return ResponseData(
            date=self.cleaned_data["date"],
            answers={key: value for key, value in answers.items() if value and value != SKIP},
            note=self.cleaned_data.get("note", ""),
            language=self.language,
        )

    @classmethod
    def initial_for(cls, response, definition: Definition) -> dict:
        """The stored response as the form shows it: a skipped item has "Overslaan" chosen."""
        initial = {"date": response.date, "note": response.note, "version": response.version}
        for item in definition.items:
            initial[ITEM_PREFIX + item.key] = response.answers.get(item.key, SKIP)
        return initial
