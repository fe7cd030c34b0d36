"""Forms for actions, network reviews and the work timeline's filter."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring import policy
from kring.network.models import Member
from kring.support.models import ActionOwner, ActionStatus
from kring.support.review import add_months
from kring.support.selectors import TIMELINE_KINDS
from kring.support.services import ActionData, ReviewData

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _members_field(client, label, *, include_removed: bool = False) -> forms.ModelMultipleChoiceField:
    members = Member.objects.filter(client=client)
    if not include_removed:
        members = members.current()
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=members,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Kies alleen mensen uit het netwerk van deze cliënt.")},
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("Wat gaat er gebeuren?"),
        max_length=300,
        help_text=gettext_lazy("Kort en concreet, bijvoorbeeld: Samen met Ahmed zijn zus bellen."),
        error_messages={"required": gettext_lazy("Schrijf op wat er gaat gebeuren.")},
    )
    owner = forms.ChoiceField(
        label=gettext_lazy("Wie doet het?"),
        error_messages={
            "required": gettext_lazy("Kies wie dit gaat doen."),
            "invalid_choice": gettext_lazy("Kies wie dit gaat doen."),
        },
    )
    due_date = forms.DateField(
        label=gettext_lazy("Wanneer moet het klaar zijn?"),
        required=False,
        error_messages={"invalid": gettext_lazy("Vul een datum in, zoals 15-03-2027.")},
        **DATE_WIDGET,
    )
    members = forms.Field(required=False)  # replaced per client in __init__
    note = forms.CharField(label=gettext_lazy("Notitie"), required=False, max_length=2000, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, client, user, action=None, **kwargs):
        if action is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "description": action.description,
                "owner": _owner_value(action),
                "due_date": action.due_date,
                "members": list(action.members.all()),
                "note": action.note,
                "version": action.version,
            }
        super().__init__(*args, **kwargs)
        self.client, self.user = client, user
        members = list(Member.objects.current().filter(client=client))
        self.fields["members"] = _members_field(client, _("Over wie gaat het?"))
        self.fields["owner"].choices = _owner_choices(client, user, members)
        self.fields["owner"].initial = self.initial.get("owner", f"worker:{user.pk}")
        self._members = {m.pk: m for m in members}

    def to_data(self) -> ActionData:
        data = self.cleaned_data
        kind, _sep, pk = data["owner"].partition(":")
        owner_user = owner_member = None
        if kind == ActionOwner.WORKER:
            owner_user = next((u for u in self._workers if str(u.pk) == pk), None)
        elif kind == ActionOwner.MEMBER:
            owner_member = self._members.get(int(pk)) if pk.isdigit() else None
        return ActionData(
            description=data["description"],
            owner_kind=kind,
            owner_user=owner_user,
            owner_member=owner_member,
            due_date=data["due_date"],
            members=list(data["members"]),
            note=data["note"],
        )

    @property
    def _workers(self):
        if not hasattr(self, "_worker_list"):
            self._worker_list = _workers_for(self.client, self.user)
        return self._worker_list


def _workers_for(client, user) -> list:
    workers = list(policy.key_worker_candidates(user, client.team).order_by("full_name", "pk"))
    if user not in workers and policy.can_edit_client(user, client):
        workers.insert(0, user)
    return workers


def _owner_choices(client, user, members) -> list:
    workers = _workers_for(client, user)
    worker_choices = [
        (f"worker:{w.pk}", _("Ik (%(name)s)") % {"name": w} if w.pk == user.pk else str(w))
        for w in sorted(workers, key=lambda w: w.pk != user.pk)
    ]
    member_choices = [(f"member:{m.pk}", f"{m.name} ({_('begrensd')})" if m.is_limited else m.name) for m in members]
    choices = [("", _("Kies…")), (_("Begeleiders"), worker_choices), ("client", _("De cliënt zelf"))]
    if member_choices:
        choices.append((_("Iemand uit het netwerk"), member_choices))
    return choices


def _owner_value(action) -> str:
    if action.owner_kind == ActionOwner.WORKER:
        return f"worker:{action.owner_user_id}"
    if action.owner_kind == ActionOwner.MEMBER:
        return f"member:{action.owner_member_id}"
    return "client"


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)
    version = forms.IntegerField(required=False)


class VersionForm(forms.Form):
    version = forms.IntegerField(required=False)


class ReviewForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Wanneer was de bespreking?"),
        error_messages={
            "required": gettext_lazy("Vul de datum van de bespreking in."),
            "invalid": gettext_lazy("Vul een datum in, zoals 15-03-2027."),
        },
        **DATE_WIDGET,
    )
    note = forms.CharField(
        label=gettext_lazy("Wat kwam eruit?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=gettext_lazy("Bijvoorbeeld: wie er dichterbij kwam, wie de cliënt weer wil zien."),
    )
    next_review_on = forms.DateField(
        label=gettext_lazy("Wanneer kijken jullie weer samen naar het netwerk?"),
        error_messages={
            "required": gettext_lazy("Vul de datum van de volgende bespreking in."),
            "invalid": gettext_lazy("Vul een datum in, zoals 15-03-2027."),
        },
        **DATE_WIDGET,
    )

    def __init__(self, *args, interval_months: int, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"date": today, "next_review_on": add_months(today, interval_months)})
        super().__init__(*args, **kwargs)
        self.fields["next_review_on"].help_text = _("Standaard over %(months)s maanden.") % {"months": interval_months}

    def to_data(self) -> ReviewData:
        data = self.cleaned_data
        return ReviewData(date=data["date"], next_review_on=data["next_review_on"], note=data["note"])


KIND_LABELS = {
    "intervention": gettext_lazy("Interventies"),
    "meeting": gettext_lazy("Gesprekken met het netwerk"),
    "load": gettext_lazy("Hoe zwaar voor naasten"),
    "contribution": gettext_lazy("Iets voor een ander"),
    "skills": gettext_lazy("Sociale vaardigheden"),
    "action": gettext_lazy("Acties"),
    "review": gettext_lazy("Netwerkbesprekingen"),
    "lifeline": gettext_lazy("Levenslijn"),
    "network": gettext_lazy("Veranderingen in het netwerk"),
    "session": gettext_lazy("Netwerksessies"),
}


class TimelineFilterForm(forms.Form):
    soort = forms.ChoiceField(label=gettext_lazy("Wat"), required=False)
    naaste = forms.ChoiceField(label=gettext_lazy("Met wie"), required=False)

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alles"))] + [(k, KIND_LABELS[k]) for k in TIMELINE_KINDS]
        self.members = {m.pk: m for m in Member.objects.filter(client=client)}
        self.fields["naaste"].choices = [("", _("Iedereen"))] + [
            (str(m.pk), m.name) for m in sorted(self.members.values(), key=lambda m: m.name.casefold())
        ]

    def filters(self) -> tuple[set[str] | None, Member | None]:
        if not self.is_valid():
            return None, None
        kind = self.cleaned_data["soort"]
        member_pk = self.cleaned_data["naaste"]
        return ({kind} if kind else None), (self.members.get(int(member_pk)) if member_pk else None)
