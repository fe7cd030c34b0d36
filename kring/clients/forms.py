from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring import policy
from kring.accounts.models import Location
from kring.clients.models import LANGUAGE_CHOICES, Client, ClientStatus, Gender
from kring.clients.services import ClientData


class ClientForm(forms.Form):
    given_name = forms.CharField(
        label=_("Roepnaam"),
        max_length=100,
        help_text=_("De naam waarmee de cliënt aangesproken wil worden."),
        error_messages={"required": _("Vul de roepnaam in.")},
    )
    family_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    birth_year = forms.IntegerField(
        label=_("Geboortejaar"),
        required=False,
        help_text=_("Alleen het jaar, bijvoorbeeld 1987."),
        error_messages={"invalid": _("Vul een jaartal in, bijvoorbeeld 1987.")},
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("Niet ingevuld"))] + Gender.choices,
        required=False,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen die de cliënt spreekt"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies een taal uit de lijst.")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Kies een team."),
            "invalid_choice": _("Kies een team waarin je werkt."),
        },
    )
    location = forms.ModelChoiceField(
        label=_("Locatie"),
        queryset=None,
        required=False,
        empty_label=_("Geen vaste locatie"),
        error_messages={"invalid_choice": _("Kies een locatie van je organisatie.")},
    )
    key_workers = forms.ModelMultipleChoiceField(
        label=_("Persoonlijk begeleider(s)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies begeleiders uit het team van de cliënt.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ClientStatus.choices,
        initial=ClientStatus.ACTIVE,
        error_messages={"required": _("Kies een geldige status."), "invalid_choice": _("Kies een geldige status.")},
    )
    intake_date = forms.DateField(
        label=_("Intakedatum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul de intakedatum in."), "invalid": _("Vul een geldige datum in.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, client: Client | None = None, **kwargs):
        if client is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "given_name": client.given_name,
                "family_name": client.family_name,
                "birth_year": client.birth_year,
                "gender": client.gender,
                "languages": client.languages,
                "team": client.team_id,
                "location": client.location_id,
                "key_workers": [w.pk for w in client.key_workers.all()],
                "status": client.status,
                "intake_date": client.intake_date,
                "version": client.version,
            }
        kwargs.setdefault("initial", {}).setdefault("intake_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.user = user
        teams = policy.teams_for_new_client(user)
        self.fields["team"].queryset = teams
        self.fields["location"].queryset = Location.objects.filter(organisation_id=user.organisation_id)
        # Key workers can come from any team the user may place the client in; clean() checks the match.
        from kring.accounts.models import User

        self.fields["key_workers"].queryset = User.objects.filter(
            is_active=True,
            organisation_id=user.organisation_id,
            memberships__team__in=teams,
            memberships__role__in=["worker", "team_lead"],
        ).distinct()
        if len(teams) == 1:
            self.fields["team"].initial = teams[0].pk
        if client is None:
            self.fields["status"].widget = forms.HiddenInput()

    def clean_given_name(self):
        name = self.cleaned_data["given_name"].strip()
        if not name:
            raise forms.ValidationError(_("Vul de roepnaam in."))
        return name

    def clean_family_name(self):
        return self.cleaned_data["family_name"].strip()

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is None:
            return None
        this_year = date.today().year
        if year < this_year - 110 or year > this_year - 12:
            raise forms.ValidationError(
                _("Vul een geboortejaar in tussen %(first)s en %(last)s.")
                % {"first": this_year - 110, "last": this_year - 12}
            )
        return year

    def clean_intake_date(self):
        intake = self.cleaned_data["intake_date"]
        if intake > timezone.localdate():
            raise forms.ValidationError(_("De intakedatum kan niet in de toekomst liggen."))
        if intake.year < 1990:
            raise forms.ValidationError(_("Vul een intakedatum vanaf 1990 in."))
        return intake

    def clean(self):
        cleaned = super().clean()
        team = cleaned.get("team")
        workers = cleaned.get("key_workers") or []
        if team is not None and workers:
            allowed = set(policy.key_worker_candidates(self.user, team).values_list("pk", flat=True))
            outside = [w for w in workers if w.pk not in allowed]
            if outside:
                self.add_error(
                    "key_workers",
                    _("Deze begeleiders werken niet in team %(team)s: %(names)s.")
                    % {"names": ", ".join(str(w) for w in outside), "team": team},
                )
        return cleaned

    def to_data(self) -> ClientData:
        c = self.cleaned_data
        return ClientData(
            given_name=c["given_name"],
            family_name=c["family_name"],
            birth_year=c["birth_year"],
            gender=c["gender"],
            languages=c["languages"],
            team=c["team"],
            location=c["location"],
            status=c.get("status") or ClientStatus.ACTIVE,
            intake_date=c["intake_date"],
            key_workers=list(c["key_workers"]),
        )


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False, empty_label=_("Alle teams"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statussen"))] + ClientStatus.choices,
        required=False,
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
