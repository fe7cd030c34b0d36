"""Forms of the consent page. They parse and keep what was typed; the rules live in consent_services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring import policy
from kring.clients.consent_services import ConsentData
from kring.clients.models import ConsentDecision, ConsentMethod, ConsentPurpose
from kring.network.models import Member

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
OTHER_CLIENT = _("Kies iemand uit het netwerk van deze cliënt.")


class ClientMemberField(forms.ModelChoiceField):
    """A member of this client's current network; any other id is 'choose someone from this network'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid_choice": OTHER_CLIENT})
        super().__init__(queryset=Member.objects.none(), **kwargs)

    def to_python(self, value):
        # An id too large for the database would reach it as an error, not as a message.
        if value not in self.empty_values and (not str(value).isdigit() or not 0 < int(value) <= policy.MAX_ID):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def label_from_instance(self, member):
        if member.is_limited:
            return _("%(name)s (begrensd)") % {"name": member.name}
        return member.name


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Waarover besliste de cliënt?"),
        choices=ConsentPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies waarover de cliënt besliste."),
            "invalid_choice": _("Kies waarover de cliënt besliste."),
        },
    )
    member = ClientMemberField(
        label=_("Met wie?"),
        required=False,
        empty_label=_("— kies iemand —"),
        help_text=_("Alleen bij ‘contact opnemen met een naaste’."),
    )
    decision = forms.ChoiceField(
        label=_("Wat besliste de cliënt?"),
        choices=ConsentDecision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat de cliënt besliste."),
            "invalid_choice": _("Kies wat de cliënt besliste."),
        },
    )
    method = forms.ChoiceField(
        label=_("Hoe?"),
        choices=ConsentMethod.choices,
        initial=ConsentMethod.VERBAL,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe de cliënt het liet weten."),
            "invalid_choice": _("Kies hoe de cliënt het liet weten."),
        },
    )
    decided_on = forms.DateField(
        label=_("Wanneer besliste de cliënt?"),
        widget=forms.DateInput(**DATE_WIDGET),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    valid_until = forms.DateField(
        label=_("Geldig tot en met"),
        required=False,
        widget=forms.DateInput(**DATE_WIDGET),
        help_text=_("Alleen als de cliënt toestemming geeft voor een bepaalde tijd."),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    note = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld wat de cliënt erbij zei, of waar het getekende formulier ligt."),
        error_messages={"max_length": _("Houd het kort: hoogstens 2000 tekens.")},
    )
    # The newest decision the page showed, so a decision recorded meanwhile is not overruled unseen.
    seen_up_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=policy.MAX_ID)

    def __init__(self, *args, client, **kwargs):
        kwargs.setdefault("initial", {"decided_on": timezone.localdate(), "method": ConsentMethod.VERBAL})
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.current().filter(client=client)

    def to_data(self) -> ConsentData:
        data = self.cleaned_data
        return ConsentData(
            purpose=data["purpose"],
            decision=data["decision"],
            method=data["method"],
            decided_on=data["decided_on"],
            member=data.get("member"),
            valid_until=data.get("valid_until"),
            note=data.get("note", ""),
        )


class WithdrawForm(forms.Form):
    """The one-step withdrawal: which purpose (and member). Sent by a button, so bad values mean tampering."""

    purpose = forms.ChoiceField(choices=ConsentPurpose.choices)
    member = ClientMemberField(required=False)

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.current().filter(client=client)
