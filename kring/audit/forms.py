from django import forms
from django.utils.translation import gettext_lazy as _


class AccessLogFilterForm(forms.Form):
    client = forms.ModelChoiceField(label=_("Cliënt"), queryset=None, required=False, empty_label=_("Alle cliënten"))
    user = forms.ModelChoiceField(label=_("Medewerker"), queryset=None, required=False, empty_label=_("Iedereen"))
    since = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    until = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args, clients, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
        self.fields["user"].queryset = users

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("Deze datum ligt vóór de begindatum."))
        return cleaned
