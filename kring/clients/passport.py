"""The network passport (netwerkpaspoort): the client's own printable page about their network.

The client chooses what goes on it: which parts, which people (limited members are off unless the
client turns them on), whose phone number, which agreements, and their own words. Nothing of it is
stored: the choices travel with the form (POST, so the own words stay out of URLs and server logs) to
a sheet that is printed at once. ``PassportChoices.as_dict`` is what a stored version would keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.network import ecogram
from kring.network.models import Member, Support

LANGUAGES = [("nl", "Nederlands"), ("en", "English")]  # each in its own language, as a language switch
SECTIONS = [
    ("map", gettext_lazy("Mijn netwerk (de kaart)")),
    ("emergency", gettext_lazy("Wie je belt in een noodgeval")),
    ("help", gettext_lazy("Wie mij helpt, en waarmee")),
    ("agreements", gettext_lazy("Wat we hebben afgesproken")),
    ("words", gettext_lazy("Wat ik wil dat je weet")),
]
SECTION_KEYS = [key for key, _label in SECTIONS]
OTHER_CLIENT = gettext_lazy("Kies alleen mensen uit het netwerk van deze cliënt.")


@dataclass(frozen=True)
class PassportChoices:
    language: str
    name: str
    sections: frozenset[str]
    member_ids: frozenset[int]
    phone_ids: frozenset[int]
    action_ids: frozenset[int]
    own_words: str = ""

    def shows(self, section: str) -> bool:
        return section in self.sections

    def as_dict(self) -> dict:
        return {
            "language": self.language,
            "name": self.name,
            "sections": sorted(self.sections),
            "members": sorted(self.member_ids),
            "phones": sorted(self.phone_ids),
            "actions": sorted(self.action_ids),
            "own_words": self.own_words,
        }


def _ids(values) -> frozenset[int]:
    return frozenset(int(v) for v in values)


class PassportForm(forms.Form):
    """What goes on the passport. Members and agreements are offered from lists the view loaded for this
    client, so an id from anywhere else is 'not a choice' (a message, never a query on it)."""

    language = forms.ChoiceField(
        label=gettext_lazy("In welke taal?"),
        choices=LANGUAGES,
        initial="nl",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies een taal."), "invalid_choice": gettext_lazy("Kies een taal.")},
    )
    name = forms.CharField(
        label=gettext_lazy("Naam bovenaan"),
        max_length=100,
        help_text=gettext_lazy("Zoals de cliënt genoemd wil worden, bijvoorbeeld alleen de roepnaam."),
        error_messages={
            "required": gettext_lazy("Vul een naam in voor bovenaan het paspoort."),
            "max_length": gettext_lazy("Houd de naam kort: hoogstens 100 tekens."),
        },
    )
    sections = forms.MultipleChoiceField(
        label=gettext_lazy("Wat komt erop?"),
        choices=SECTIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Kies uit de onderdelen hieronder.")},
    )
    members = forms.TypedMultipleChoiceField(
        coerce=int, required=False, error_messages={"invalid_choice": OTHER_CLIENT}
    )
    phones = forms.TypedMultipleChoiceField(coerce=int, required=False, error_messages={"invalid_choice": OTHER_CLIENT})
    actions = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Welke afspraken?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Kies alleen afspraken van deze cliënt die nog lopen.")},
    )
    own_words = forms.CharField(
        label=gettext_lazy("Wat ik wil dat je weet: in de woorden van de cliënt"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Bijvoorbeeld: wat helpt als het slecht gaat, wat je beter niet doet, wat belangrijk is. Schrijf op wat "
            "de cliënt zegt, zonder het mooier te maken."
        ),
        error_messages={"max_length": gettext_lazy("Dat is te lang voor het paspoort: hoogstens 2000 tekens.")},
    )

    def __init__(self, *args, client, members: list[Member], actions: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["members"].choices = [(m.pk, m.name) for m in members]
        self.fields["phones"].choices = [(m.pk, m.name) for m in members if m.phone]
        self.fields["actions"].choices = [(a.pk, a.description) for a in actions]
        if not self.is_bound:
            self.initial = initial_choices(client, members, actions) | dict(self.initial)

    def to_choices(self) -> PassportChoices:
        data = self.cleaned_data
        return PassportChoices(
            language=data["language"],
            name=data["name"].strip(),
            sections=frozenset(data["sections"]),
            member_ids=_ids(data["members"]),
            phone_ids=_ids(data["phones"]) & _ids(data["members"]),
            action_ids=_ids(data["actions"]),
            own_words=data["own_words"].strip(),
        )

    def checked(self, name: str) -> set[int]:
        """The ids ticked now in a list of checkboxes (from what was sent, or the starting values)."""
        if self.is_bound:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name, [])
        else:
            values = self.initial.get(name, [])
        return {int(v) for v in values if str(v).isdigit()}


def initial_choices(client, members: list[Member], actions: list) -> dict:
    """The starting point: everything on it, except limited members, phone numbers and agreements that
    name a limited member. The client turns things on and off from here."""
    limited = {m.pk for m in members if m.is_limited}
    return {
        "language": "en" if "en" in client.languages and "nl" not in client.languages else "nl",
        "name": client.given_name,
        "sections": SECTION_KEYS,
        "members": [m.pk for m in members if m.pk not in limited],
        "phones": [],
        "actions": [a.pk for a in actions if not (_people_of(a) & limited)],
    }


def _people_of(action) -> set[int]:
    people = {m.pk for m in action.members.all()}
    if action.owner_member_id:
        people.add(action.owner_member_id)
    return people


# --- The sheet --------------------------------------------------------------------------------------


@dataclass
class Person:
    name: str
    relation: str
    phone: str = ""
    kinds: list[str] = field(default_factory=list)


@dataclass
class Agreement:
    description: str
    who: str
    due_date: object | None


@dataclass
class Passport:
    choices: PassportChoices
    svg: str
    people: list[Member]
    emergency: list[Person]
    helpers: list[Person]
    agreements: list[Agreement]

    @property
    def language(self) -> str:
        return self.choices.language


def build(client, choices: PassportChoices, *, members: list[Member], links, actions: list) -> Passport:
    """The passport in the chosen language: only the chosen people, parts and agreements."""
    chosen = [m for m in members if m.pk in choices.member_ids]
    with translation.override(choices.language):
        chosen_ids = {m.pk for m in chosen}
        svg = ""
        if choices.shows("map"):
            shown_links = [link for link in links if link[0] in chosen_ids and link[1] in chosen_ids]
            svg = ecogram.draw(chosen, shown_links, client_label=choices.name)
        living = [m for m in chosen if not m.deceased]
        emergency = [_person(m, choices) for m in living if m.emergency_contact]
        helpers = [_person(m, choices, kinds=True) for m in living if m.support_received]
        by_id = {m.pk: m for m in chosen}
        agreements = [_agreement(a, by_id) for a in actions if a.pk in choices.action_ids]
    return Passport(
        choices=choices, svg=svg, people=chosen, emergency=emergency, helpers=helpers, agreements=agreements
    )


def _relation(member: Member) -> str:
    """'moeder', or 'hulpverlener, Kringstad Schuldhulp' (the organisation as written)."""
    relation = str(member.get_relation_display()).lower()
    if member.organisation_name and member.is_professional:
        relation = f"{relation}, {member.organisation_name}"
    return relation


def _person(member: Member, choices: PassportChoices, *, kinds: bool = False) -> Person:
    labels = dict(Support.choices)
    return Person(
        name=member.name,
        relation=_relation(member),
        phone=member.phone if member.pk in choices.phone_ids else "",
        kinds=[str(labels[k]).lower() for k in member.support_received if k in labels] if kinds else [],
    )


def _agreement(action, chosen: dict[int, Member]) -> Agreement:
    if action.owner_kind == "client":
        who = _("ik")
    elif action.owner_kind == "worker" and action.owner_user is not None:
        who = _("%(name)s (begeleider)") % {"name": action.owner_user.full_name or _("mijn begeleider")}
    elif action.owner_member_id in chosen:
        who = chosen[action.owner_member_id].name
    else:
        who = _("iemand uit mijn netwerk")
    return Agreement(description=action.description, who=who, due_date=action.due_date)
