"""Forms for meetings with the network: the plan, what was said, options, the client's decision, agreements.

The people a worker can choose come from querysets scoped to the client (members) and the client's team
(colleagues): an id of anyone else, posted by hand, is an invalid choice with a clear message by the field.
The decision form has no field for who decided: the client decides, and the form only asks what.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring import policy
from kring.clients.models import Client
from kring.network.models import Support
from kring.support import meetings
from kring.support.models import ActionOwner, DecisionState, Meeting, MeetingKind, MeetingStatus, OptionPoint

DATE_ERRORS = {
    "required": gettext_lazy("Vul de datum in."),
    "invalid": gettext_lazy("Vul een geldige datum in, bijvoorbeeld 14-03-2026."),
}
NOT_IN_NETWORK = gettext_lazy("Kies alleen mensen uit het netwerk van deze cliënt.")
NOT_A_COLLEAGUE = gettext_lazy("Kies alleen collega’s die met deze cliënt werken.")


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )


def _text(label, *, max_length=2000, rows=3, required=False, help_text="", required_message=""):
    messages = {"max_length": gettext_lazy("Houd het korter: hoogstens %(limit_value)d tekens.")}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=messages,
    )


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member):
        return member.name


class WorkerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return str(user)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


# --- The plan ----------------------------------------------------------------------------------------


class ExternalForm(forms.Form):
    """One other professional at the meeting: a name and an organisation. An empty row is skipped."""

    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=150,
        required=False,
        error_messages={"max_length": gettext_lazy("Houd de naam korter: hoogstens %(limit_value)d tekens.")},
    )
    organisation_name = forms.CharField(
        label=gettext_lazy("Organisatie"),
        max_length=150,
        required=False,
        error_messages={"max_length": gettext_lazy("Houd dit korter: hoogstens %(limit_value)d tekens.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("organisation_name", "").strip() and not data.get("name", "").strip():
            self.add_error("name", _("Vul ook de naam in."))
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("name", "").strip() and not data.get("organisation_name", "").strip()


ExternalFormSet = forms.formset_factory(ExternalForm, extra=0, max_num=10, absolute_max=10, validate_max=True)


class PlanForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat voor gesprek?"),
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies wat voor gesprek het is."),
            "invalid_choice": gettext_lazy("Kies wat voor gesprek het is."),
        },
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Is het gesprek al geweest?"),
        choices=[
            (MeetingStatus.PLANNED, gettext_lazy("Nee, het gesprek komt nog")),
            (MeetingStatus.HELD, gettext_lazy("Ja, ik leg het achteraf vast")),
        ],
        initial=MeetingStatus.PLANNED,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies of het gesprek nog komt of al geweest is."),
            "invalid_choice": gettext_lazy("Kies of het gesprek nog komt of al geweest is."),
        },
    )
    date = _date_field(gettext_lazy("Datum"))
    start_time = forms.TimeField(
        label=gettext_lazy("Tijd"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": gettext_lazy("Vul een tijd in, bijvoorbeeld 14:30.")},
    )
    place = forms.CharField(
        label=gettext_lazy("Plek"),
        help_text=gettext_lazy("Waar jullie afspreken, bijvoorbeeld: de huiskamer van de opvang."),
        max_length=200,
        required=False,
        error_messages={"max_length": gettext_lazy("Houd dit korter: hoogstens %(limit_value)d tekens.")},
    )
    video_link = forms.URLField(
        label=gettext_lazy("Of: link voor videobellen"),
        help_text=gettext_lazy("Voor wie op afstand meedoet, bijvoorbeeld familie in het buitenland."),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": gettext_lazy("Vul een volledige link in, die begint met https://.")},
    )
    question = _text(
        gettext_lazy("Welke vraag ligt er op tafel?"),
        help_text=gettext_lazy(
            "In de woorden van de cliënt, bijvoorbeeld: ‘Kan ik weer contact krijgen met mijn dochter?’"
        ),
        required=True,
        required_message=gettext_lazy("Schrijf op welke vraag er op tafel ligt."),
    )
    agenda = _text(gettext_lazy("Agenda"), max_length=4000)
    members = MemberChoiceField(
        label=gettext_lazy("Wie uit het netwerk doet mee?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_IN_NETWORK, "invalid_pk_value": NOT_IN_NETWORK},
    )
    workers = WorkerChoiceField(
        label=gettext_lazy("Welke collega’s doen mee?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_A_COLLEAGUE, "invalid_pk_value": NOT_A_COLLEAGUE},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, client: Client, user, meeting: Meeting | None = None):
        initial = self._initial_from(meeting) if meeting is not None and data is None else None
        super().__init__(data, initial=initial)
        self.client, self.user, self.meeting = client, user, meeting
        self.fields["members"].queryset = meetings.members_for(client, meeting)
        self.fields["workers"].queryset = meetings.workers_for(client, user)
        if meeting is None and data is None:
            self.fields["date"].initial = timezone.localdate
            self.fields["workers"].initial = [user.pk] if policy.can_edit_client(user, client) else []
        rows = None
        if data is None:
            rows = [] if meeting is None else self._external_rows(meeting)
            rows += [{} for _row in range(max(2, 3 - len(rows)))]
        self.externals = ExternalFormSet(data, prefix="extern", initial=rows)

    @staticmethod
    def _initial_from(meeting: Meeting) -> dict:
        participants = list(meeting.participants.all())
        return {
            "kind": meeting.kind,
            "status": meeting.status if meeting.status != MeetingStatus.CANCELLED else MeetingStatus.PLANNED,
            "date": meeting.date,
            "start_time": meeting.start_time,
            "place": meeting.place,
            "video_link": meeting.video_link,
            "question": meeting.question,
            "agenda": meeting.agenda,
            "members": [p.member_id for p in participants if p.member_id],
            "workers": [p.user_id for p in participants if p.user_id],
            "version": meeting.version,
        }

    @staticmethod
    def _external_rows(meeting: Meeting) -> list[dict]:
        return [
            {"pk": p.pk, "name": p.name, "organisation_name": p.organisation_name}
            for p in meeting.participants.filter(role="external")
        ]

    def is_valid(self) -> bool:
        valid = super().is_valid()
        externals_valid = self.externals.is_valid()
        if externals_valid:
            allowed = {row["pk"] for row in self._external_rows(self.meeting)} if self.meeting else set()
            for form in self.externals.forms:
                pk = form.cleaned_data.get("pk")
                if pk is not None and pk not in allowed:
                    form.add_error("name", _("Deze rij hoort niet bij dit gesprek. Laad de pagina opnieuw."))
                    externals_valid = False
        if not externals_valid and not self.errors.get("__all__"):
            self.add_error(None, _("Kijk de andere professionals na."))
        return valid and externals_valid

    def to_data(self) -> meetings.MeetingData:
        c = self.cleaned_data
        externals = [
            meetings.ExternalData(
                name=form.cleaned_data["name"],
                organisation_name=form.cleaned_data["organisation_name"],
                pk=form.cleaned_data.get("pk"),
            )
            for form in self.externals.forms
            if not form.is_blank
        ]
        return meetings.MeetingData(
            kind=c["kind"],
            status=c["status"],
            date=c["date"],
            start_time=c["start_time"],
            place=c["place"],
            video_link=c["video_link"],
            question=c["question"],
            agenda=c["agenda"],
            members=list(c["members"]),
            workers=list(c["workers"]),
            externals=externals,
        )

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


# --- What was said -----------------------------------------------------------------------------------


class RecordForm(forms.Form):
    """Per participant what matters to them, their worries and whether it was said in confidence; the notes."""

    notes = _text(
        gettext_lazy("Wat is er besproken?"),
        max_length=8000,
        rows=6,
        help_text=gettext_lazy(
            "Dit komt in het verslag voor de deelnemers. Schrijf het zo dat iedereen het kan lezen."
        ),
    )
    confidential_notes = _text(
        gettext_lazy("Vertrouwelijk: wat apart gezegd is"),
        max_length=8000,
        rows=4,
        help_text=gettext_lazy("Komt nooit in een verslag. Alleen wie met de cliënt werkt, ziet het hier in Kring."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, meeting: Meeting, participants, names: dict[int, str]):
        initial = None
        if data is None:
            initial = {
                "notes": meeting.notes,
                "confidential_notes": meeting.confidential_notes,
                "version": meeting.version,
            }
            for p in participants:
                initial.update(
                    {
                        f"p{p.pk}-what_matters": p.what_matters,
                        f"p{p.pk}-worries": p.worries,
                        f"p{p.pk}-confidential": p.confidential,
                    }
                )
        super().__init__(data, initial=initial)
        self.meeting, self.participants = meeting, list(participants)
        self.rows = []
        for p in self.participants:
            name = names[p.pk]
            prefix = f"p{p.pk}"
            self.fields[f"{prefix}-what_matters"] = _text(
                _("Wat is belangrijk voor %(name)s?") % {"name": name}, rows=2
            )
            self.fields[f"{prefix}-worries"] = _text(
                _("Waar maakt %(name)s zich zorgen over?") % {"name": name}, rows=2
            )
            self.fields[f"{prefix}-confidential"] = forms.BooleanField(
                label=_("Vertrouwelijk: dit is apart gezegd"),
                help_text=_("Dan komt het niet in een verslag."),
                required=False,
            )
            self.rows.append((p, name, prefix))

    def person_rows(self):
        """(participant, name, what_matters, worries, confidential) bound fields, for the template."""
        return [
            (p, name, self[f"{prefix}-what_matters"], self[f"{prefix}-worries"], self[f"{prefix}-confidential"])
            for p, name, prefix in self.rows
        ]

    def to_data(self) -> meetings.RecordData:
        c = self.cleaned_data
        return meetings.RecordData(
            notes=c["notes"],
            confidential_notes=c["confidential_notes"],
            perspectives=[
                meetings.PerspectiveData(
                    participant=p,
                    what_matters=c[f"{prefix}-what_matters"],
                    worries=c[f"{prefix}-worries"],
                    confidential=c[f"{prefix}-confidential"],
                )
                for p, _name, prefix in self.rows
            ],
        )


# --- Options with pros and cons ----------------------------------------------------------------------


class OptionForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("Nieuwe mogelijkheid"),
        help_text=gettext_lazy("Een manier om verder te gaan, bijvoorbeeld: ‘Eerst een brief aan Lisa schrijven’."),
        max_length=300,
        error_messages={
            "required": gettext_lazy("Schrijf de mogelijkheid in een paar woorden op."),
            "max_length": gettext_lazy("Houd het korter: hoogstens %(limit_value)d tekens."),
        },
    )


class PointForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Voor- of nadeel"),
        choices=OptionPoint.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies: een voordeel of een nadeel."),
            "invalid_choice": gettext_lazy("Kies: een voordeel of een nadeel."),
        },
    )
    participant = forms.TypedChoiceField(
        label=gettext_lazy("Volgens wie?"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies iemand die bij dit gesprek is.")},
    )
    text = forms.CharField(
        label=gettext_lazy("Wat is het voor- of nadeel?"),
        max_length=300,
        error_messages={
            "required": gettext_lazy("Schrijf het voor- of nadeel op."),
            "max_length": gettext_lazy("Houd het korter: hoogstens %(limit_value)d tekens."),
        },
    )

    def __init__(self, data=None, *, participants, names: dict[int, str], **kwargs):
        super().__init__(data, **kwargs)
        self._participants = {p.pk: p for p in participants}
        self.fields["participant"].choices = [("", _("Niemand in het bijzonder"))] + [
            (p.pk, names[p.pk]) for p in participants
        ]

    @property
    def chosen_participant(self):
        pk = self.cleaned_data.get("participant")
        return self._participants.get(pk) if pk is not None else None


# --- The client's decision ---------------------------------------------------------------------------


class DecisionForm(forms.Form):
    """Only what the client decided, or until when they want to think: no one else can be named."""

    state = forms.ChoiceField(
        label=gettext_lazy("Wat heeft de cliënt besloten?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies: de cliënt heeft besloten, of wil erover nadenken."),
            "invalid_choice": gettext_lazy("Kies: de cliënt heeft besloten, of wil erover nadenken."),
        },
    )
    decision = _text(gettext_lazy("Het besluit"), max_length=4000, rows=4)
    decided_on = _date_field(gettext_lazy("Op welke dag?"), required=False)
    think_until = _date_field(
        gettext_lazy("Nadenken tot"),
        required=False,
        help_text=gettext_lazy("Op deze dag kijken jullie samen wat de cliënt besloten heeft."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, meeting: Meeting, client_name: str):
        initial = None
        if data is None:
            today = timezone.localdate()
            initial = {
                "state": meeting.decision_state or None,
                "decision": meeting.decision,
                "decided_on": meeting.decided_on or min(meeting.date, today),
                "think_until": meeting.think_until,
                "version": meeting.version,
            }
        super().__init__(data, initial=initial)
        names = {"name": client_name}
        self.fields["state"].label = _("Heeft %(name)s besloten?") % names
        self.fields["state"].choices = [
            (DecisionState.DECIDED, _("Ja, %(name)s heeft besloten") % names),
            (DecisionState.THINKING, _("Nee, %(name)s wil erover nadenken") % names),
        ]
        self.fields["decision"].label = _("Wat heeft %(name)s besloten?") % names
        self.fields["decision"].help_text = _("In de woorden van %(name)s.") % names
        self.fields["decided_on"].label = _("Op welke dag besloot %(name)s?") % names
        self.fields["think_until"].label = _("%(name)s wil nadenken tot") % names

    def to_data(self) -> meetings.DecisionData:
        c = self.cleaned_data
        return meetings.DecisionData(
            state=c["state"], decision=c["decision"], decided_on=c["decided_on"], think_until=c["think_until"]
        )


# --- Agreements --------------------------------------------------------------------------------------


class AgreementForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("Wat is er afgesproken?"),
        help_text=gettext_lazy("Kort en concreet, bijvoorbeeld: ‘Youssef belt Ahmed elke zondag’."),
        max_length=300,
        error_messages={
            "required": gettext_lazy("Schrijf op wat er is afgesproken."),
            "max_length": gettext_lazy("Houd het korter: hoogstens %(limit_value)d tekens."),
        },
    )
    owner = forms.ChoiceField(
        label=gettext_lazy("Wie doet het?"),
        error_messages={
            "required": gettext_lazy("Kies wie dit gaat doen."),
            "invalid_choice": gettext_lazy(
                "Kies wie dit gaat doen: de cliënt, iemand die bij het gesprek was, of een begeleider."
            ),
        },
    )
    due_date = _date_field(gettext_lazy("Wanneer is het klaar?"), required=False)
    support_promised = forms.MultipleChoiceField(
        label=gettext_lazy("Belooft een naaste hiermee steun?"),
        help_text=gettext_lazy(
            "Alleen als een naaste het doet. Het komt bij de steun die de cliënt van die naaste krijgt."
        ),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Kies een soort steun uit de lijst.")},
    )
    note = _text(
        gettext_lazy("Notitie voor het team"),
        rows=2,
        help_text=gettext_lazy("Komt niet in het verslag voor de deelnemers."),
    )

    def __init__(self, data=None, *, client: Client, user, member_participants, workers, **kwargs):
        super().__init__(data, **kwargs)
        self.client = client
        self._members = {p.member.pk: p.member for p in member_participants}
        self._workers = {w.pk: w for w in workers}
        member_choices = [
            (f"member:{m.pk}", f"{m.name} ({_('begrensd')})" if m.is_limited else m.name)
            for m in self._members.values()
        ]
        worker_choices = [
            (f"worker:{w.pk}", _("Ik (%(name)s)") % {"name": w} if w.pk == user.pk else str(w))
            for w in sorted(self._workers.values(), key=lambda w: w.pk != user.pk)
        ]
        choices = [("", _("Kies…")), ("client", _("%(name)s zelf") % {"name": client.display_name})]
        if member_choices:
            choices.append((_("Uit het netwerk, bij dit gesprek"), member_choices))
        choices.append((_("Begeleiders"), worker_choices))
        self.fields["owner"].choices = choices

    def to_data(self) -> meetings.AgreementData:
        c = self.cleaned_data
        kind, _sep, pk = c["owner"].partition(":")
        owner_user = self._workers.get(int(pk)) if kind == ActionOwner.WORKER and pk.isdigit() else None
        owner_member = self._members.get(int(pk)) if kind == ActionOwner.MEMBER and pk.isdigit() else None
        return meetings.AgreementData(
            description=c["description"],
            owner_kind=kind,
            owner_user=owner_user,
            owner_member=owner_member,
            due_date=c["due_date"],
            support_promised=list(c["support_promised"]),
            note=c["note"],
        )


# --- Summaries ---------------------------------------------------------------------------------------


class SummaryChoiceForm(forms.Form):
    voor = forms.ChoiceField(
        label=gettext_lazy("Voor wie?"),
        choices=[
            ("participants", gettext_lazy("De deelnemers")),
            ("team", gettext_lazy("Het team")),
        ],
        initial="participants",
        widget=forms.RadioSelect,
    )
    taal = forms.ChoiceField(
        label=gettext_lazy("Taal"),
        choices=[("nl", "Nederlands"), ("en", "English")],
        initial="nl",
        widget=forms.RadioSelect,
    )

    def choice(self) -> tuple[str, str]:
        """The audience and language asked for; the defaults for anything missing or wrong."""
        if self.is_valid():
            return self.cleaned_data["voor"], self.cleaned_data["taal"]
        return "participants", "nl"
