"""Forms for the social map (search, places, start points, imports) and for samen op zoek."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.accounts.models import Location
from kring.clients.models import LANGUAGE_CHOICES
from kring.network.models import Circle, Relation
from kring.places import geo, hours
from kring.places.models import Audience, Category, Cost, ImportKind, SuggestionStatus, VisitOutcome, Wheelchair
from kring.places.models import GoAgain as GoAgainChoices
from kring.places.selectors import DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM, Filters, Origin
from kring.places.services import MetData, PlaceData, VisitData
from kring.support.forms import ActionForm

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
COORDINATE_HELP = gettext_lazy("Breedtegraad en lengtegraad, zoals 52.3702, 4.8952 (te kopiëren uit een kaart).")
COORDINATE_ERROR = gettext_lazy(
    "Vul twee getallen in: eerst de breedtegraad, dan de lengtegraad, zoals 52.3702, 4.8952."
)


class CoordinatesField(forms.CharField):
    """One text field for a point, as people copy it from a map. Cleans to (lat, lon) or None."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)
        kwargs.setdefault("help_text", COORDINATE_HELP)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return geo.parse_coordinates(text)
        except geo.CoordinateError:
            raise forms.ValidationError(COORDINATE_ERROR, code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, tuple):
            return f"{value[0]:.6f}, {value[1]:.6f}"
        return value


# --- Search ----------------------------------------------------------------------------------------

ORIGIN_COORDINATES = "coords"


class SearchForm(forms.Form):
    """The search in the query string (GET), with Dutch parameter names as the other pages have."""

    q = forms.CharField(label=gettext_lazy("Zoeken"), required=False, max_length=100)
    vanaf = forms.ChoiceField(
        label=gettext_lazy("Vanaf"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies een startpunt uit de lijst.")},
    )
    coordinaten = CoordinatesField(
        label=gettext_lazy("Of vanaf coördinaten"),
        required=False,
        help_text=gettext_lazy("Zoals 52.3702, 4.8952"),
    )
    straal = forms.TypedChoiceField(
        label=gettext_lazy("Hoe ver"),
        choices=[(km, gettext_lazy("binnen %(km)s km") % {"km": km}) for km in RADIUS_CHOICES_KM],
        coerce=int,
        required=False,
        initial=DEFAULT_RADIUS_KM,
        error_messages={"invalid_choice": gettext_lazy("Kies een afstand uit de lijst.")},
    )
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort plek"),
        choices=[("", gettext_lazy("Alle soorten"))] + Category.choices,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies een soort plek uit de lijst.")},
    )
    taal = forms.ChoiceField(
        label=gettext_lazy("Taal"),
        choices=[("", gettext_lazy("Alle talen"))] + LANGUAGE_CHOICES,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies een taal uit de lijst.")},
    )
    voor_wie = forms.ChoiceField(
        label=gettext_lazy("Voor wie"),
        choices=[("", gettext_lazy("Iedereen"))] + Audience.choices,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies uit de lijst voor wie de plek is.")},
    )
    nu_open = forms.BooleanField(label=gettext_lazy("Nu open"), required=False)

    def __init__(self, data, *, points, default_point=None, **kwargs):
        self.points = {f"p{p.pk}": p for p in points}
        default = f"p{default_point.pk}" if default_point is not None else next(iter(self.points), "")
        # Always bound (a search page shows results at once): what the query string leaves out is the default.
        data = data.copy()
        if "vanaf" not in data:
            data["vanaf"] = ORIGIN_COORDINATES if data.get("coordinaten") else default
        data.setdefault("straal", str(DEFAULT_RADIUS_KM))
        super().__init__(data, **kwargs)
        choices = [(key, p.name) for key, p in self.points.items()]
        choices.append((ORIGIN_COORDINATES, _("Coördinaten (hieronder)")))
        choices.append(("", _("Nergens: sorteer op naam")))
        self.fields["vanaf"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("vanaf") == ORIGIN_COORDINATES and not cleaned.get("coordinaten"):
            self.add_error("coordinaten", _("Vul de coördinaten in, of kies een startpunt."))
        return cleaned

    def origin(self) -> Origin | None:
        if not self.is_valid():
            return None
        vanaf = self.cleaned_data["vanaf"]
        if vanaf == ORIGIN_COORDINATES:
            lat, lon = self.cleaned_data["coordinaten"]
            return Origin(name=_("%(lat).5f, %(lon).5f") % {"lat": lat, "lon": lon}, latitude=lat, longitude=lon)
        point = self.points.get(vanaf)
        return Origin(name=point.name, latitude=point.latitude, longitude=point.longitude) if point else None

    def radius(self) -> int:
        return (self.cleaned_data.get("straal") if self.is_valid() else None) or DEFAULT_RADIUS_KM

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        c = self.cleaned_data
        return Filters(
            text=c["q"].strip(),
            category=c["soort"],
            language=c["taal"],
            audience=c["voor_wie"],
            open_now=c["nu_open"],
        )

    def describe(self) -> str:
        """For the access log: what was searched (no client data in it)."""
        if not self.is_valid():
            return "invalid"
        c = self.cleaned_data
        parts = [f"radius {self.radius()} km" if c["vanaf"] else "by name"]
        parts += [f"{k}={c[k]}" for k in ("soort", "taal", "voor_wie") if c[k]]
        if c["nu_open"]:
            parts.append("open now")
        return ", ".join(parts)


# --- Places ----------------------------------------------------------------------------------------

_DUTCH_DAYS = {"ma": "Mo", "di": "Tu", "wo": "We", "do": "Th", "vr": "Fr", "za": "Sa", "zo": "Su"}


def normalise_hours(text: str) -> str:
    """Dutch day names to OpenStreetMap's (``ma-vr`` → ``Mo-Fr``, ``t/m`` → ``-``), if that makes the text
    structured; otherwise the text as typed."""
    text = " ".join(text.split())
    if not text or hours.is_structured(text):
        return text
    converted = re.sub(r"\s*t/m\s*", "-", text, flags=re.IGNORECASE)
    converted = re.sub(
        r"\b(ma|di|wo|do|vr|za|zo)\b", lambda m: _DUTCH_DAYS[m.group(1).lower()], converted, flags=re.IGNORECASE
    )
    converted = re.sub(r"\b(\d{1,2})\.(\d{2})\b", r"\1:\2", converted)
    converted = re.sub(r"\bgesloten\b", "off", converted, flags=re.IGNORECASE)
    return converted if hours.is_structured(converted) else text


class PlaceForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=200,
        error_messages={"required": gettext_lazy("Vul de naam van de plek in.")},
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Soort plek"),
        choices=[("", gettext_lazy("Kies…"))] + Category.choices,
        error_messages={
            "required": gettext_lazy("Kies wat voor plek het is."),
            "invalid_choice": gettext_lazy("Kies wat voor plek het is."),
        },
    )
    description = forms.CharField(
        label=gettext_lazy("Wat is er te doen?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Bijvoorbeeld: koffie-inloop, samen koken, een wandelgroep."),
    )
    street_address = forms.CharField(label=gettext_lazy("Adres"), required=False, max_length=200)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), required=False, max_length=10)
    city = forms.CharField(label=gettext_lazy("Plaats"), required=False, max_length=100)
    coordinates = CoordinatesField(
        label=gettext_lazy("Ligging op de kaart"),
        required=False,
        help_text=gettext_lazy(
            "Breedtegraad en lengtegraad, zoals 52.3702, 4.8952 (te kopiëren uit een kaart). Zonder ligging "
            "staat de plek wel in de lijst, maar niet bij zoeken op afstand."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Talen die er gesproken worden"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Kies een taal uit de lijst.")},
    )
    audiences = forms.MultipleChoiceField(
        label=gettext_lazy("Voor wie is de plek vooral?"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Niets aangekruist: voor iedereen."),
        error_messages={"invalid_choice": gettext_lazy("Kies uit de lijst.")},
    )
    community = forms.CharField(
        label=gettext_lazy("Gemeenschap van herkomst"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("Bijvoorbeeld: Eritrese gemeenschap, Poolse parochie."),
    )
    opening_hours = forms.CharField(
        label=gettext_lazy("Openingstijden"),
        required=False,
        max_length=255,
        help_text=gettext_lazy(
            "Zo kan Kring zien of de plek nu open is: ma-vr 09:00-17:00; za 10:00-14:00. Anders gewoon in "
            "woorden bij de toelichting."
        ),
    )
    opening_notes = forms.CharField(
        label=gettext_lazy("Toelichting op de tijden"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld: elke eerste zondag van de maand, of alleen op afspraak."),
    )
    phone = forms.CharField(label=gettext_lazy("Telefoon"), required=False, max_length=40)
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        error_messages={"invalid": gettext_lazy("Vul een geldig e-mailadres in.")},
    )
    website = forms.URLField(
        label=gettext_lazy("Website"),
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": gettext_lazy("Vul een geldig webadres in, zoals https://www.voorbeeld.nl.")},
    )
    wheelchair = forms.ChoiceField(
        label=gettext_lazy("Rolstoel"),
        choices=[("", gettext_lazy("Weet ik niet"))] + Wheelchair.choices,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies uit de lijst.")},
    )
    accessibility_note = forms.CharField(
        label=gettext_lazy("Toegankelijkheid"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld: drempelvrij, rustige ruimte, hond welkom."),
    )
    cost = forms.ChoiceField(
        label=gettext_lazy("Kosten"),
        choices=[("", gettext_lazy("Weet ik niet"))] + Cost.choices,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies uit de lijst.")},
    )
    cost_note = forms.CharField(label=gettext_lazy("Toelichting op de kosten"), required=False, max_length=200)
    checked_on = forms.DateField(
        label=gettext_lazy("Laatst gecontroleerd op"),
        required=False,
        help_text=gettext_lazy("Wanneer heeft iemand voor het laatst nagegaan dat dit klopt?"),
        error_messages={"invalid": gettext_lazy("Vul een datum in, zoals 15-03-2027.")},
        **DATE_WIDGET,
    )
    shared = forms.BooleanField(
        label=gettext_lazy("Delen met alle organisaties in Kring"),
        required=False,
        help_text=gettext_lazy(
            "Alleen voor plekken die voor iedereen open staan. Gedeelde plekken blijven van jullie."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, place=None, can_share: bool = False, **kwargs):
        if place is not None and "initial" not in kwargs and not args and not kwargs.get("data"):
            initial = {name: getattr(place, name) for name in self.base_fields if hasattr(place, name)}
            if place.has_location:
                initial["coordinates"] = (place.latitude, place.longitude)
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.can_share = can_share
        if not can_share:
            del self.fields["shared"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Vul de naam van de plek in."))
        return name

    def clean_opening_hours(self):
        return normalise_hours(self.cleaned_data["opening_hours"])

    def clean_checked_on(self):
        day = self.cleaned_data["checked_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return day

    def to_data(self) -> PlaceData:
        c = self.cleaned_data
        lat, lon = c["coordinates"] or (None, None)
        return PlaceData(
            name=c["name"],
            category=c["category"],
            description=c["description"],
            street_address=c["street_address"],
            postcode=c["postcode"],
            city=c["city"],
            latitude=lat,
            longitude=lon,
            languages=list(c["languages"]),
            audiences=list(c["audiences"]),
            community=c["community"],
            opening_hours=c["opening_hours"],
            opening_notes=c["opening_notes"],
            phone=c["phone"],
            email=c["email"],
            website=c["website"],
            wheelchair=c["wheelchair"],
            accessibility_note=c["accessibility_note"],
            cost=c["cost"],
            cost_note=c["cost_note"],
            checked_on=c["checked_on"],
            shared=c.get("shared") if self.can_share else None,
        )


class StartPointForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=150,
        help_text=gettext_lazy("Bijvoorbeeld: Nachtopvang De Haven, of Station Centrum."),
        error_messages={"required": gettext_lazy("Geef het startpunt een naam.")},
    )
    coordinates = CoordinatesField(
        label=gettext_lazy("Ligging"), error_messages={"required": gettext_lazy("Vul de coördinaten in.")}
    )
    location = forms.ModelChoiceField(
        label=gettext_lazy("Locatie van de organisatie"),
        queryset=Location.objects.none(),
        required=False,
        empty_label=gettext_lazy("Geen: een andere plek"),
        help_text=gettext_lazy("Bij zoeken voor een cliënt begint Kring bij de locatie van die cliënt."),
        error_messages={"invalid_choice": gettext_lazy("Kies een locatie uit de lijst.")},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(organisation=organisation)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Geef het startpunt een naam."))
        return name


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=gettext_lazy("CSV, Overpass JSON of GeoJSON, tot 10 MB."),
        error_messages={
            "required": gettext_lazy("Kies een bestand."),
            "empty": gettext_lazy("Het bestand is leeg."),
            "invalid": gettext_lazy("Kies een bestand."),
        },
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Soort bestand"),
        choices=[("", gettext_lazy("Herken het zelf"))] + ImportKind.choices,
        required=False,
    )
    share = forms.BooleanField(
        label=gettext_lazy("Deel deze plekken met alle organisaties in Kring"),
        required=False,
    )


# --- Samen op zoek ---------------------------------------------------------------------------------


class SuggestForm(forms.Form):
    place = forms.IntegerField(min_value=1, error_messages={"required": gettext_lazy("Kies een plek.")})
    note = forms.CharField(
        label=gettext_lazy("Waarom deze plek?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SuggestionForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Hoe staat het ervoor?"),
        choices=SuggestionStatus.choices,
        error_messages={
            "required": gettext_lazy("Kies hoe het ervoor staat."),
            "invalid_choice": gettext_lazy("Kies hoe het ervoor staat."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Waarom deze plek?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Wat spreekt de cliënt aan, waar ziet de cliënt tegenop?"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionForm(forms.Form):
    version = forms.IntegerField(required=False)


class PlanForm(ActionForm):
    """The action form of the Werk tab, asked as going somewhere together: a date is needed."""

    def __init__(self, *args, suggestion, **kwargs):
        # ``version`` is the suggestion's: the plan changes the suggestion and creates a new action.
        kwargs.setdefault(
            "initial",
            {
                "description": _("Samen naar %(place)s gaan") % {"place": suggestion.place.name},
                "version": suggestion.version,
            },
        )
        super().__init__(*args, **kwargs)
        due = self.fields["due_date"]
        due.label, due.required = _("Wanneer gaan jullie?"), True
        due.error_messages["required"] = _("Kies een dag om te gaan.")
        self.fields["owner"].label = _("Wie zorgt dat het doorgaat?")
        self.fields["description"].help_text = _("Bijvoorbeeld: samen naar de koffie-inloop op dinsdag.")

    def clean_due_date(self):
        day = self.cleaned_data["due_date"]
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("Deze dag is al voorbij. Leg een bezoek vast als jullie al geweest zijn."))
        return day


MET_RELATIONS = [
    Relation.ACQUAINTANCE,
    Relation.FRIEND,
    Relation.PEER,
    Relation.FAITH,
    Relation.CLUB,
    Relation.NEIGHBOUR,
    Relation.COLLEAGUE,
    Relation.PROFESSIONAL,
    Relation.OTHER,
]


class MetFields(forms.Form):
    """Someone the client met, to add to the network."""

    met_name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=100,
        help_text=gettext_lazy("Zoals de cliënt deze persoon noemt, bijvoorbeeld ‘Yusuf van de koffie’."),
        error_messages={"required": gettext_lazy("Vul een naam of omschrijving in.")},
    )
    met_relation = forms.ChoiceField(
        label=gettext_lazy("Wie is dit voor de cliënt?"),
        choices=[(r.value, r.label) for r in MET_RELATIONS],
        initial=Relation.ACQUAINTANCE,
        error_messages={"invalid_choice": gettext_lazy("Kies wie dit is voor de cliënt.")},
    )
    met_circle = forms.TypedChoiceField(
        label=gettext_lazy("Hoe dichtbij?"),
        choices=Circle.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=Circle.OUTER,
        error_messages={
            "required": gettext_lazy("Kies hoe dichtbij deze persoon staat."),
            "invalid_choice": gettext_lazy("Kies cirkel 1, 2 of 3."),
        },
    )
    met_notes = forms.CharField(
        label=gettext_lazy("Notitie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_met_name(self):
        name = self.cleaned_data.get("met_name", "").strip()
        if self.fields["met_name"].required and not name:
            raise forms.ValidationError(_("Vul een naam of omschrijving in."))
        return name

    def met_data(self) -> MetData | None:
        c = self.cleaned_data
        if not c.get("met_name"):
            return None
        return MetData(name=c["met_name"], relation=c["met_relation"], circle=c["met_circle"], notes=c["met_notes"])


MET_REQUIRED = ("met_name", "met_relation", "met_circle")


class VisitForm(MetFields):
    date = forms.DateField(
        label=gettext_lazy("Wanneer waren jullie er?"),
        error_messages={
            "required": gettext_lazy("Vul de datum van het bezoek in."),
            "invalid": gettext_lazy("Vul een datum in, zoals 15-03-2027."),
        },
        **DATE_WIDGET,
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Hoe ging het?"),
        choices=VisitOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies hoe het ging."),
            "invalid_choice": gettext_lazy("Kies hoe het ging."),
        },
    )
    go_again = forms.ChoiceField(
        label=gettext_lazy("Wil de cliënt nog eens?"),
        choices=GoAgainChoices.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies uit de lijst.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Wat viel op?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    close_action = forms.BooleanField(label=gettext_lazy("Zet de actie op ‘gedaan’"), required=False, initial=True)
    met_someone = forms.BooleanField(
        label=gettext_lazy("De cliënt heeft iemand leren kennen: zet deze persoon in het netwerk"), required=False
    )

    field_order = ["date", "outcome", "go_again", "note", "close_action", "met_someone"]

    def __init__(self, *args, has_open_action: bool = False, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["met_relation"].error_messages["required"] = _("Kies wie dit is voor de cliënt.")
        if not has_open_action:
            del self.fields["close_action"]

    def full_clean(self):
        # The person met is needed only with "iemand leren kennen" ticked; on screen the fields stay marked as
        # needed (they are, for that box), so the requirement is switched off for the check alone.
        needed = bool(self.is_bound and self.data.get("met_someone"))
        for name in MET_REQUIRED:
            self.fields[name].required = needed
        try:
            super().full_clean()
        finally:
            for name in MET_REQUIRED:
                self.fields[name].required = True

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst. Leg een bezoek vast als het is geweest."))
        return day

    def to_data(self) -> VisitData:
        c = self.cleaned_data
        return VisitData(
            date=c["date"],
            outcome=c["outcome"],
            go_again=c["go_again"],
            note=c["note"],
            close_action=c.get("close_action", False),
        )

    def met_data(self) -> MetData | None:
        return super().met_data() if self.cleaned_data.get("met_someone") else None


class MetForm(MetFields):
    pass
