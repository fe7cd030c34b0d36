"""Places in the city where people meet (the social map), and looking for one together with a client.

A place belongs to an organisation (each keeps its own social map) and may be shared with every
organisation in the installation. Places are not client data. What a client does with a place is:
a suggestion (samen op zoek), the visits, and the people met there (each remembers the place).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.clients.models import Client
from kring.network.models import Member
from kring.support.models import Action


class Category(models.TextChoices):
    WALK_IN = "walk_in", _("Inloophuis")
    COMMUNITY_CENTRE = "community_centre", _("Buurthuis")
    MOSQUE = "mosque", _("Moskee")
    CHURCH = "church", _("Kerk")
    OTHER_WORSHIP = "other_worship", _("Ander gebedshuis")
    LIBRARY = "library", _("Bibliotheek")
    SPORTS = "sports", _("Sport")
    VOLUNTEERING = "volunteering", _("Vrijwilligerswerk")
    DAY_ACTIVITY = "day_activity", _("Dagbesteding")
    MEAL = "meal", _("Samen eten")
    SELF_HELP = "self_help", _("Zelfhulp- of lotgenotengroep")
    CULTURAL = "cultural", _("Culturele vereniging")
    PARK = "park", _("Park of ontmoetingsplek buiten")
    OTHER = "other", _("Anders")


class Audience(models.TextChoices):
    WOMEN = "women", _("Vrouwen")
    MEN = "men", _("Mannen")
    YOUNG_ADULTS = "young_adults", _("Jongvolwassenen")
    SENIORS = "seniors", _("Ouderen")
    LGBTI = "lgbti", _("LHBTI+")
    FAMILIES = "families", _("Gezinnen")
    NEWCOMERS = "newcomers", _("Nieuwkomers en vluchtelingen")
    HOMELESS = "homeless", _("Dak- en thuisloze mensen")
    ADDICTION = "addiction", _("Mensen met ervaring met verslaving")
    COMMUNITY = "community", _("Een gemeenschap van herkomst")


class Wheelchair(models.TextChoices):
    YES = "yes", _("Toegankelijk met een rolstoel")
    LIMITED = "limited", _("Deels toegankelijk met een rolstoel")
    NO = "no", _("Niet toegankelijk met een rolstoel")


class Cost(models.TextChoices):
    FREE = "free", _("Gratis")
    CONTRIBUTION = "contribution", _("Kleine bijdrage of gift")
    PAID = "paid", _("Betaald")


class Source(models.TextChoices):
    MANUAL = "manual", _("Zelf ingevoerd")
    CSV = "csv", _("CSV-bestand")
    OSM = "osm", _("OpenStreetMap")
    GEOJSON = "geojson", _("GeoJSON-bestand")


class PlaceQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class Place(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="places", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=200)
    category = models.CharField(_("soort plek"), max_length=20, choices=Category.choices)
    description = models.TextField(_("wat is er te doen"), blank=True, max_length=2000)
    street_address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    # Language codes from kring.clients.models.LANGUAGE_CHOICES; audiences from Audience.
    languages = models.JSONField(_("talen"), default=list, blank=True)
    audiences = models.JSONField(_("voor wie"), default=list, blank=True)
    community = models.CharField(_("gemeenschap"), max_length=150, blank=True)
    # Structured where possible (OpenStreetMap's opening_hours syntax), with free text besides.
    opening_hours = models.CharField(_("openingstijden"), max_length=255, blank=True)
    opening_notes = models.CharField(_("toelichting op de tijden"), max_length=300, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    wheelchair = models.CharField(_("rolstoel"), max_length=10, choices=Wheelchair.choices, blank=True)
    accessibility_note = models.CharField(_("toegankelijkheid"), max_length=300, blank=True)
    cost = models.CharField(_("kosten"), max_length=15, choices=Cost.choices, blank=True)
    cost_note = models.CharField(_("toelichting op de kosten"), max_length=200, blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    # The id in the source (e.g. "node/123" in OpenStreetMap): a re-import updates instead of duplicating.
    source_id = models.CharField(_("id in de bron"), max_length=100, blank=True)
    # Kept as the source demands it (OpenStreetMap: ODbL), shown with the place.
    attribution = models.CharField(_("naamsvermelding"), max_length=200, blank=True)
    checked_on = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)
    shared = models.BooleanField(_("gedeeld met alle organisaties"), default=False)
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("plek")
        verbose_name_plural = _("plekken")
        indexes = [
            # The radius search narrows to a box of latitude and longitude first.
            models.Index(fields=["latitude", "longitude"], name="place_lat_lon"),
            models.Index(fields=["organisation", "removed_at"], name="place_org_current"),
            models.Index(fields=["shared", "removed_at"], name="place_shared_current"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source", "source_id"],
                condition=~models.Q(source_id=""),
                name="place_source_id_unique_per_org",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="place_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=Category.values),
                name="place_category_valid",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address_line(self) -> str:
        town = " ".join(filter(None, [self.postcode, self.city]))
        return ", ".join(filter(None, [self.street_address, town]))

    @property
    def is_from_osm(self) -> bool:
        return self.source == Source.OSM

    @property
    def osm_url(self) -> str:
        if self.source == Source.OSM and "/" in self.source_id:
            return f"https://www.openstreetmap.org/{self.source_id}"
        return ""

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[code]) for code in self.audiences if code in labels]

    @property
    def language_labels(self) -> list[str]:
        from kring.clients.models import LANGUAGE_CHOICES

        labels = dict(LANGUAGE_CHOICES)
        return [str(labels.get(code, code)) for code in self.languages]


class StartPoint(models.Model):
    """A point to search from: a location of the organisation (a shelter, a day centre) or another spot."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="start_points")
    name = models.CharField(_("naam"), max_length=150)
    location = models.ForeignKey(
        "accounts.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="start_points",
        verbose_name=_("locatie van de organisatie"),
    )
    latitude = models.FloatField(_("breedtegraad"))
    longitude = models.FloatField(_("lengtegraad"))

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("startpunt")
        verbose_name_plural = _("startpunten")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="start_point_name_unique_per_org"),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="start_point_coordinates_valid",
            ),
        ]

    def __str__(self):
        return self.name


class ImportKind(models.TextChoices):
    CSV = "csv", _("CSV")
    OVERPASS = "overpass", _("OpenStreetMap (Overpass JSON)")
    GEOJSON = "geojson", _("GeoJSON")


class PlaceImport(models.Model):
    """One uploaded file: kept between the preview and the go-ahead, then the report of what it did."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("bestand"), max_length=200)
    kind = models.CharField(_("soort bestand"), max_length=10, choices=ImportKind.choices)
    share = models.BooleanField(_("delen met alle organisaties"), default=False)
    # The file's text until it is imported (emptied afterwards: the places themselves are what counts).
    content = models.TextField(blank=True)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import van plekken")
        verbose_name_plural = _("imports van plekken")

    def __str__(self):
        return self.filename


# --- Samen op zoek: from a place to a new contact --------------------------------------------------


class SuggestionStatus(models.TextChoices):
    IDEA = "idea", _("Idee")
    PLANNED = "planned", _("Afgesproken")
    VISITED = "visited", _("Geweest")
    NOT_FOR_ME = "not_for_me", _("Past niet")


class ClientPlaceRecord(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        abstract = True


class PlaceSuggestion(ClientPlaceRecord):
    """A place saved for a client while looking together; it may become an action and visits."""

    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="suggestions", verbose_name=_("plek"))
    note = models.TextField(_("waarom deze plek"), blank=True, max_length=1000)
    status = models.CharField(
        _("stand van zaken"), max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.IDEA
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("actie")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plek om samen heen te gaan")
        verbose_name_plural = _("plekken om samen heen te gaan")
        indexes = [models.Index(fields=["client", "removed_at"], name="suggestion_client_current")]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "place"], condition=models.Q(removed_at__isnull=True), name="suggestion_once"
            ),
        ]

    def __str__(self):
        return str(self.place)


class VisitOutcome(models.TextChoices):
    WENT_WELL = "went_well", _("Ging goed")
    MIXED = "mixed", _("Wisselend")
    DIFFICULT = "difficult", _("Ging moeizaam")


class GoAgain(models.TextChoices):
    YES = "yes", _("Ja, nog eens")
    MAYBE = "maybe", _("Misschien")
    NO = "no", _("Nee")


class PlaceVisit(ClientPlaceRecord):
    """Going to the place: when, how it went, whether the client wants to go again."""

    suggestion = models.ForeignKey(PlaceSuggestion, on_delete=models.PROTECT, related_name="visits")
    date = models.DateField(_("datum"))
    outcome = models.CharField(_("hoe ging het"), max_length=12, choices=VisitOutcome.choices)
    go_again = models.CharField(_("wil de cliënt nog eens"), max_length=6, choices=GoAgain.choices, blank=True)
    note = models.TextField(_("notitie"), blank=True, max_length=2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("bezoek")
        verbose_name_plural = _("bezoeken")
        indexes = [models.Index(fields=["client", "date"], name="visit_client_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.suggestion}"


class MetAt(models.Model):
    """Where a member of the network was met: the place, and the visit if it was on one."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    member = models.OneToOneField(Member, on_delete=models.PROTECT, related_name="met_at")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    visit = models.ForeignKey(PlaceVisit, on_delete=models.SET_NULL, null=True, blank=True, related_name="met")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ontmoet op een plek")
        verbose_name_plural = _("ontmoet op een plek")

    def __str__(self):
        return f"{self.member} @ {self.place}"
