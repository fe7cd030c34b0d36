"""Forms for transfers: propose one, decline one with a reason, and the version every action starts from."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Location, Team
from kring.clients.transfer_services import TransferProposal


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, team):
        parts = [team.name, team.organisation.name]
        if team.location_id:
            parts.append(team.location.name)
        return " · ".join(parts)


class LocationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, location):
        return f"{location.name} · {location.organisation.name}"


class TransferProposeForm(forms.Form):
    to_team = TeamChoiceField(
        label=_("Naar welk team?"),
        queryset=Team.objects.none(),
        empty_label=_("Kies een team…"),
        help_text=_("Elk team in Kring kan: in je eigen organisatie of in een andere."),
        error_messages={
            "required": _("Kies het team waar de cliënt naartoe gaat."),
            "invalid_choice": _("Kies een team uit de lijst."),
        },
    )
    to_location = LocationChoiceField(
        label=_("Naar welke locatie?"),
        queryset=Location.objects.none(),
        required=False,
        empty_label=_("De locatie van het nieuwe team"),
        error_messages={"invalid_choice": _("Kies een locatie uit de lijst.")},
    )
    handover_note = forms.CharField(
        label=_("Warme overdracht"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Wat moet het nieuwe team weten om goed te beginnen? Bijvoorbeeld wie belangrijk is, wat werkt, en "
            "wanneer jullie samen kennismaken met de cliënt. Het nieuwe team leest dit voordat het ja zegt."
        ),
    )
    override_reason = forms.CharField(
        label=_("Waarom moet het netwerk mee zonder toestemming van de cliënt?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen als het echt niet anders kan. Deze reden blijft bij de overdracht bewaard."),
    )

    def __init__(self, *args, can_override: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = Team.objects.select_related("organisation", "location").order_by(
            "organisation__name", "name"
        )
        self.fields["to_location"].queryset = Location.objects.select_related("organisation").order_by(
            "organisation__name", "name"
        )
        if not can_override:
            del self.fields["override_reason"]

    def clean_handover_note(self):
        return self.cleaned_data["handover_note"].strip()

    def to_proposal(self) -> TransferProposal:
        data = self.cleaned_data
        return TransferProposal(
            to_team=data["to_team"],
            to_location=data.get("to_location"),
            handover_note=data.get("handover_note", ""),
            override_reason=data.get("override_reason", ""),
        )


class TransferActionForm(forms.Form):
    """The version of the transfer the page showed: an action on an older page is refused (409)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class TransferDeclineForm(TransferActionForm):
    reason = forms.CharField(
        label=_("Waarom past deze overdracht niet?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het team dat de overdracht voorstelde leest dit."),
        error_messages={"required": _("Schrijf kort op waarom je de overdracht afwijst.")},
    )
