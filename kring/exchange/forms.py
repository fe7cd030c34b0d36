"""Forms of the exchange: upload a network file, confirm the import, and confirm an erasure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kring import policy
from kring.accounts.models import Team


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand met het netwerk"),
        help_text=_("Een FHIR-bestand (.json) uit Kring of een ander systeem, hoogstens 2 MB."),
        error_messages={
            "required": _("Kies het bestand met het netwerk."),
            "empty": _("Dit bestand is leeg. Kies het bestand met het netwerk."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json,application/fhir+json"}),
    )
    team = forms.ModelChoiceField(
        label=_("In welk team komt de cliënt?"),
        queryset=Team.objects.none(),
        empty_label=None,
        error_messages={"required": _("Kies een team."), "invalid_choice": _("Kies een team waarin je werkt.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = policy.teams_for_new_client(user)


class ImportConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    team = forms.ModelChoiceField(queryset=Team.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = policy.teams_for_new_client(user)


class EraseForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Typ de roepnaam van de cliënt om te bevestigen"),
        max_length=100,
        error_messages={"required": _("Typ de roepnaam van de cliënt om te bevestigen.")},
    )

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_confirm_name(self):
        typed = self.cleaned_data["confirm_name"].strip()
        if typed.casefold() != self.client.given_name.strip().casefold():
            raise forms.ValidationError(_("Dat is niet de roepnaam van deze cliënt. Er is niets gewist."))
        return typed
