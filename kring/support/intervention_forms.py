"""The forms for interventions, "iets voor een ander" and social-skills practice.

The choices a worker can tap (elements, forms, members) come from querysets scoped to the client and its
organisation: an id of another client's member or another organisation's element, posted by hand, is an
invalid choice with a clear message by the field. What is already on a record stays choosable when it is
edited, even after it was switched off or the person left the network.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.clients.models import Client
from kring.network.models import Member, Support
from kring.support.catalogue import ensure_catalogue
from kring.support.interventions import ContributionData, InterventionData, SkillsPracticeData
from kring.support.models import Element, InterventionMode, Outcome

DATE_ERRORS = {"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-2026.")}
NOT_IN_NETWORK = _("Kies mensen uit het netwerk van deze cliënt.")
MEMBER_ERRORS = {"invalid_choice": NOT_IN_NETWORK, "invalid_pk_value": NOT_IN_NETWORK}


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member):
        return member.name


class EntryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, entry):
        return entry.label


class ModeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, entry):
        return entry.label


def _date_field():
    return forms.DateField(
        label=_("Datum"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )


def _members_field(label):
    return MemberChoiceField(
        label=label,
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=MEMBER_ERRORS,
    )


def members_choosable(client: Client, record=None):
    """The client's current network, plus anyone already on the record who has left it since."""
    members = Member.objects.filter(client=client)
    if record is not None and record.pk is not None:
        return members.filter(Q(removed_at__isnull=True) | Q(pk__in=record.members.all())).distinct()
    return members.current()


class RecordForm(forms.Form):
    """What the three forms share: the date, the members, the version the edit started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, client: Client, record=None, **kwargs):
        if record is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(record)
        super().__init__(*args, **kwargs)
        self.client = client
        self.record = record
        self.fields["members"].queryset = members_choosable(client, record)

    def initial_from(self, record) -> dict:
        """The stored values; relations as ids (the form's querysets hold the objects)."""
        initial = {}
        for name in self.base_fields:
            model_field = record._meta.get_field(name)
            if model_field.many_to_many:
                initial[name] = list(getattr(record, name).values_list("pk", flat=True))
            elif model_field.many_to_one:
                initial[name] = getattr(record, model_field.attname)
            else:
                initial[name] = getattr(record, name)
        return initial

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst. Vul de dag in waarop het gebeurde."))
        return day

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


class InterventionForm(RecordForm):
    date = _date_field()
    elements = EntryChoiceField(
        label=_("Waar werkte je aan?"),
        help_text=_("De werkzame elementen van netwerkondersteuning. Kies er één of meer."),
        queryset=Element.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één werkzaam element."),
            "invalid_choice": _("Kies werkzame elementen uit de lijst."),
            "invalid_pk_value": _("Kies werkzame elementen uit de lijst."),
        },
    )
    mode = ModeChoiceField(
        label=_("Hoe?"),
        queryset=InterventionMode.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe het contact ging: een gesprek, telefoon, huisbezoek…"),
            "invalid_choice": _("Kies een vorm uit de lijst."),
        },
    )
    members = _members_field(_("Met of over wie?"))
    outcome = forms.ChoiceField(
        label=_("Hoe ging het?"),
        choices=Outcome.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een uitkomst uit de lijst.")},
    )
    note = forms.CharField(
        label=_("Korte notitie"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Houd de notitie korter: hoogstens %(limit_value)d tekens.")},
    )

    field_order = ["date", "elements", "mode", "members", "outcome", "note", "version"]

    def __init__(self, *args, client: Client, record=None, **kwargs):
        super().__init__(*args, client=client, record=record, **kwargs)
        ensure_catalogue(client.organisation)  # an organisation's first intervention: Kring's defaults
        org = client.organisation_id
        elements = Element.objects.filter(organisation_id=org)
        modes = InterventionMode.objects.filter(organisation_id=org)
        if record is not None and record.pk is not None:
            self.fields["elements"].queryset = elements.filter(Q(active=True) | Q(interventions=record)).distinct()
            self.fields["mode"].queryset = modes.filter(Q(active=True) | Q(pk=record.mode_id))
        else:
            self.fields["elements"].queryset = elements.filter(active=True)
            self.fields["mode"].queryset = modes.filter(active=True)

    def to_data(self) -> InterventionData:
        c = self.cleaned_data
        return InterventionData(
            date=c["date"],
            elements=list(c["elements"]),
            mode=c["mode"],
            members=list(c["members"]),
            note=c["note"],
            outcome=c["outcome"],
        )


class ContributionForm(RecordForm):
    date = _date_field()
    description = forms.CharField(
        label=_("Wat deed de cliënt voor een ander?"),
        help_text=_("Bijvoorbeeld: ‘Boodschappen gedaan voor de buurvrouw’ of ‘Moeder gebeld op haar verjaardag’."),
        max_length=300,
        error_messages={
            "required": _("Schrijf kort op wat de cliënt deed."),
            "max_length": _("Houd het korter: hoogstens %(limit_value)d tekens."),
        },
    )
    members = _members_field(_("Voor wie?"))
    support_kinds = forms.MultipleChoiceField(
        label=_("Wat voor steun was het?"),
        help_text=_(
            "Komt op de kaart bij ‘Wat doet de cliënt voor deze persoon?’ van de mensen die je hierboven kiest."
        ),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies een soort steun uit de lijst.")},
    )
    note = forms.CharField(
        label=_("Notitie"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Houd de notitie korter: hoogstens %(limit_value)d tekens.")},
    )

    field_order = ["date", "description", "members", "support_kinds", "note", "version"]

    def to_data(self) -> ContributionData:
        c = self.cleaned_data
        return ContributionData(
            date=c["date"],
            description=c["description"],
            support_kinds=list(c["support_kinds"]),
            members=list(c["members"]),
            note=c["note"],
        )


def _text(label, help_text="", *, required=False, rows=3):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=2000,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Schrijf kort op om welke situatie het ging."),
            "max_length": _("Houd het korter: hoogstens %(limit_value)d tekens."),
        },
    )


class SkillsPracticeForm(RecordForm):
    date = _date_field()
    situation = _text(
        _("Welke situatie of aanleiding?"),
        _("Wat zette het in gang? Bijvoorbeeld: ‘Ruzie met de buurman over geluid’."),
        required=True,
    )
    what_happened = _text(_("Wat gebeurde er?"))
    consequence = _text(_("Wat was het gevolg?"), _("Voor de cliënt en voor de ander."))
    alternative = _text(_("Wat hebben jullie samen geoefend?"), _("Het andere gedrag, en hoe dat ging."))
    next_time = _text(_("Wat doet de cliënt de volgende keer?"), rows=2)
    members = _members_field(_("Over wie ging het?"))

    field_order = ["date", "situation", "what_happened", "consequence", "alternative", "next_time", "members"]

    def to_data(self) -> SkillsPracticeData:
        c = self.cleaned_data
        return SkillsPracticeData(
            date=c["date"],
            situation=c["situation"],
            what_happened=c["what_happened"],
            consequence=c["consequence"],
            alternative=c["alternative"],
            next_time=c["next_time"],
            members=list(c["members"]),
        )
