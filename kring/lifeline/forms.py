from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring import policy
from kring.lifeline.dates import DateProblem, LifeDateError, parse_life_date
from kring.lifeline.drawing import date_label
from kring.lifeline.models import EventKind, EventTone, LifeEvent
from kring.lifeline.selectors import member_choices
from kring.lifeline.services import EventData, future_message
from kring.network.models import Member

DATE_MESSAGES = {
    DateProblem.UNREADABLE: _("Schrijf een jaar, zoals 2015, of een maand en jaar, zoals maart 2015."),
    DateProblem.TOO_EARLY: _("Schrijf een jaar na 1900."),
}
MEMBER_ERRORS = {
    "invalid_choice": _("Kies alleen mensen uit het netwerk van deze cliënt."),
    "invalid_pk_value": _("Kies alleen mensen uit het netwerk van deze cliënt."),
}


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        # A number too large for the database would reach it as an error (OverflowError), not a message.
        for pk in value:
            if not str(pk).isdigit() or not 0 < int(pk) <= policy.MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value")
        return super()._check_values(value)

    def label_from_instance(self, member):
        if member.removed_at is not None:
            return _("%(name)s (niet meer in het netwerk)") % {"name": member.name}
        return member.name


class LifeEventForm(forms.Form):
    title = forms.CharField(
        label=_("Wat gebeurde er?"),
        max_length=150,
        help_text=_("In een paar woorden, bijvoorbeeld ‘Verhuisd naar Kringstad’ of ‘Moeder overleden’."),
        error_messages={
            "required": _("Schrijf in een paar woorden wat er gebeurde."),
            "max_length": _("Houd het kort: hoogstens 150 tekens. Meer kan bij de notitie."),
        },
    )
    when = forms.CharField(
        label=_("Wanneer?"),
        max_length=40,
        help_text=_(
            "Een jaar (2015) of een maand en jaar (maart 2015). Weet de cliënt het niet precies, "
            "schrijf dan ‘rond 2015’."
        ),
        error_messages={
            "required": _("Schrijf een jaar, zoals 2015, of een maand en jaar, zoals maart 2015."),
            "max_length": _("Schrijf een jaar, zoals 2015, of een maand en jaar, zoals maart 2015."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Waar ging het over?"),
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies waar de gebeurtenis over ging."),
            "invalid_choice": _("Kies waar de gebeurtenis over ging."),
        },
    )
    tone = forms.ChoiceField(
        label=_("Hoe was die tijd?"),
        choices=EventTone.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of het een goede of een moeilijke tijd was, of allebei."),
            "invalid_choice": _("Kies of het een goede of een moeilijke tijd was, of allebei."),
        },
    )
    members = MemberChoiceField(
        label=_("Wie waren erbij?"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=MEMBER_ERRORS,
    )
    note = forms.CharField(
        label=_("Notitie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("De notitie is te lang: hoogstens 2000 tekens.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, client, event: LifeEvent | None = None, **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = self.values_of(event)
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = member_choices(client, event)
        self.client = client

    @staticmethod
    def values_of(event: LifeEvent) -> dict:
        """The event as stored, as form data (the date as text the field reads back)."""
        return {
            "title": event.title,
            "when": date_label(event),
            "kind": event.kind,
            "tone": event.tone,
            "members": [m.pk for m in event.members.all()],
            "note": event.note,
            "version": event.version,
        }

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Schrijf in een paar woorden wat er gebeurde."))
        return title

    def clean_when(self):
        try:
            return parse_life_date(self.cleaned_data["when"], today=timezone.localdate())
        except LifeDateError as error:
            if error.problem == DateProblem.FUTURE:
                raise forms.ValidationError(future_message()) from None
            raise forms.ValidationError(DATE_MESSAGES[error.problem]) from None

    def to_data(self) -> EventData:
        when = self.cleaned_data["when"]
        return EventData(
            title=self.cleaned_data["title"],
            kind=self.cleaned_data["kind"],
            tone=self.cleaned_data["tone"],
            year=when.year,
            month=when.month,
            approximate=when.approximate,
            members=list(self.cleaned_data["members"]),
            note=self.cleaned_data.get("note", ""),
        )
