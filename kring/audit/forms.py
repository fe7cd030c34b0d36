from django import forms
from django.utils.translation import gettext_lazy as _


class AccessLogFilterForm(forms.Form):
    # A number, not a list: an organisation with thousands of clients cannot put them all in a select (the
    # page would take seconds to build and nobody could find a name in it).
    client = forms.ModelChoiceField(
        label=_("Cliëntnummer"),
        help_text=_("Het nummer staat in de adresbalk bij de cliënt, bijvoorbeeld /clienten/123/. Leeg: iedereen."),
        queryset=None,
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        error_messages={"invalid_choice": _("Er is geen cliënt met dit nummer in je organisatie.")},
    )
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
