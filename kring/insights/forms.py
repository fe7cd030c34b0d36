"""Forms of the implementation monitor, training records and case consultation."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.insights.models import Condition, ConditionLevel, ConsultationStatus, TrainingPart
from kring.insights.services import AssessmentData, ConsultationData, TrainingData

DATE_ERRORS = {"required": _("Vul de datum in."), "invalid": _("Vul een echte datum in, bijvoorbeeld 3-3-2026.")}


def _date_field(label):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )


class AssessmentForm(forms.Form):
    """A level and a short note per condition, the date, and what the team agrees on."""

    assessed_on = _date_field(_("Datum"))
    note = forms.CharField(
        label=_("Wat we afspreken"),
        help_text=_("Wat gaan jullie doen om verder te komen? Wie doet wat, en wanneer kijken jullie weer?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["assessed_on"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound and "assessed_on" not in self.initial:
            self.initial["assessed_on"] = today
        for condition in Condition:
            self.fields[f"level_{condition.value}"] = forms.TypedChoiceField(
                label=condition.label,
                choices=ConditionLevel.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies hoe ver jullie hiermee zijn."),
                    "invalid_choice": _("Kies hoe ver jullie hiermee zijn."),
                },
            )
            self.fields[f"note_{condition.value}"] = forms.CharField(
                label=_("Toelichting"), max_length=1000, required=False
            )

    @classmethod
    def initial_for(cls, assessment, *, copy_date: bool = True) -> dict:
        initial = {"note": assessment.note, "version": assessment.version}
        if copy_date:
            initial["assessed_on"] = assessment.assessed_on
        for score in assessment.scores.all():
            initial[f"level_{score.condition}"] = score.level
            initial[f"note_{score.condition}"] = score.note
        return initial

    def conditions(self):
        """(condition, its explanation, level field, note field) per condition, in order, for the template."""
        from kring.insights.monitor import EXPLANATIONS

        return [(c, EXPLANATIONS[c], self[f"level_{c.value}"], self[f"note_{c.value}"]) for c in Condition]

    def to_data(self) -> AssessmentData:
        data = self.cleaned_data
        return AssessmentData(
            assessed_on=data["assessed_on"],
            note=data.get("note", ""),
            levels={c.value: data[f"level_{c.value}"] for c in Condition},
            notes={c.value: data.get(f"note_{c.value}", "") for c in Condition},
        )


class UserChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class TrainingForm(forms.Form):
    users = UserChoiceField(
        label=_("Wie waren erbij?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies wie dit dagdeel gevolgd heeft.")},
    )
    part = forms.ChoiceField(
        label=_("Dagdeel"),
        choices=TrainingPart.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een dagdeel."), "invalid_choice": _("Kies een dagdeel.")},
    )
    followed_on = _date_field(_("Gevolgd op"))
    note = forms.CharField(label=_("Notitie"), max_length=500, required=False)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = workers
        self.fields["followed_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def to_data(self) -> TrainingData:
        data = self.cleaned_data
        return TrainingData(
            users=list(data["users"]), part=data["part"], followed_on=data["followed_on"], note=data.get("note", "")
        )


class ConsultationForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, empty_label=None, error_messages={"invalid_choice": _("Kies een team.")}
    )
    planned_for = forms.DateTimeField(
        label=_("Wanneer"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={
            "required": _("Vul in wanneer de bespreking is."),
            "invalid": _("Vul een datum en tijd in, bijvoorbeeld 3-3-2026 14:00."),
        },
    )
    topic = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        help_text=_("Bijvoorbeeld: contact herstellen met familie. Zonder namen van cliënten."),
        error_messages={"required": _("Schrijf kort waar de bespreking over gaat.")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=ConsultationStatus.choices, widget=forms.RadioSelect)
    attendees = UserChoiceField(
        label=_("Wie waren erbij?"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    notes = forms.CharField(
        label=_("Wat we leerden"),
        help_text=_("Wat neem je mee naar je werk? Schrijf zonder namen van cliënten of naasten."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, teams, workers=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        if editing:
            del self.fields["team"]
            self.fields["attendees"].queryset = workers
        else:
            for name in ("status", "attendees", "notes"):
                del self.fields[name]
            if teams.count() == 1:
                self.fields["team"].widget = forms.HiddenInput()
                self.initial.setdefault("team", teams.first().pk)

    @classmethod
    def initial_for(cls, consultation) -> dict:
        return {
            "planned_for": timezone.localtime(consultation.planned_for),
            "topic": consultation.topic,
            "status": consultation.status,
            "attendees": list(consultation.attendees.all()),
            "notes": consultation.notes,
            "version": consultation.version,
        }

    def to_data(self) -> ConsultationData:
        data = self.cleaned_data
        return ConsultationData(
            planned_for=data["planned_for"],
            topic=data["topic"],
            status=data.get("status") or ConsultationStatus.PLANNED,
            notes=data.get("notes", ""),
            attendees=list(data.get("attendees") or []),
        )


class ClientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class CaseForm(forms.Form):
    client = ClientChoiceField(
        label=_("Welke cliënt?"),
        queryset=None,
        empty_label=_("Kies een cliënt"),
        help_text=_("Kring maakt er een casus van zonder namen, plaatsen en precieze data."),
        error_messages={"required": _("Kies een cliënt."), "invalid_choice": _("Kies een van je eigen cliënten.")},
    )
    title = forms.CharField(
        label=_("Titel van de casus"),
        max_length=120,
        help_text=_("Bijvoorbeeld: weer contact met de familie? Zonder namen."),
        error_messages={"required": _("Geef de casus een korte titel, zonder namen.")},
    )
    question = forms.CharField(
        label=_("Je vraag aan het team"),
        help_text=_("Wat wil je samen bespreken? Noem geen namen of plaatsen: schrijf 'de cliënt', 'zus', 'vriend 1'."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
