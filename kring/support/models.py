"""Working with the network: interventions by the what-works elements, what the client does for others,
social-skills coaching, actions (next steps) and network reviews.

The elements and the forms an intervention can take are data per organisation (seeded from
``kring.support.catalogue``), so an organisation can add its own without a code change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.clients.models import Client
from kring.network.models import Member


class CatalogueEntry(models.Model):
    """One choice in an organisation's list: a stable key for the defaults, a label, an order, on or off."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("sleutel"), max_length=50)
    # The name and a one-line explanation per language code, e.g. {"nl": "Netwerk vergroten", "en": "..."}.
    labels = models.JSONField(_("naam per taal"), default=dict)
    descriptions = models.JSONField(_("uitleg per taal"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self.labels) or self.key

    @property
    def description(self) -> str:
        return _in_language(self.descriptions)


def _in_language(texts: dict) -> str:
    """The text in the active language, else Dutch, else any."""
    language = (get_language() or "nl").split("-")[0]
    return texts.get(language) or texts.get("nl") or next(iter(texts.values()), "")


class Element(CatalogueEntry):
    """A what-works element of network support (factsheet 2), e.g. "Netwerk vergroten"."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("werkzaam element")
        verbose_name_plural = _("werkzame elementen")
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="element_key_unique_per_org")]


class InterventionMode(CatalogueEntry):
    """The form an intervention took: a conversation, a phone call, a home visit, going somewhere together…"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("vorm")
        verbose_name_plural = _("vormen")
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="mode_key_unique_per_org")]


class RecordQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class ClientRecord(models.Model):
    """What every record about the work with a client has: the client, a date, who wrote it, soft removal."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    # Optimistic locking, as everywhere: an update names the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True


class Outcome(models.TextChoices):
    WENT_WELL = "went_well", _("Ging goed")
    MIXED = "mixed", _("Wisselend")
    DIFFICULT = "difficult", _("Ging moeizaam")
    NOT_YET = "not_yet", _("Nog niet te zeggen")


class Intervention(ClientRecord):
    """Something the worker did around the network, coded by the what-works elements."""

    date = models.DateField(_("datum"))
    elements = models.ManyToManyField(Element, related_name="interventions", verbose_name=_("werkzame elementen"))
    mode = models.ForeignKey(
        InterventionMode, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("vorm")
    )
    members = models.ManyToManyField(Member, related_name="interventions", blank=True, verbose_name=_("naasten"))
    note = models.TextField(_("korte notitie"), blank=True, max_length=2000)
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=Outcome.choices, blank=True)

    history = HistoricalRecords(m2m_fields=[elements, members])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        indexes = [models.Index(fields=["client", "date"], name="intervention_client_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.mode}"


class Contribution(ClientRecord):
    """Social responsibility: something the client does for someone else (it feeds "support given")."""

    date = models.DateField(_("datum"))
    description = models.CharField(_("wat deed de cliënt"), max_length=300)
    # The kinds of support given, from ``kring.network.models.Support``.
    support_kinds = models.JSONField(_("soort steun"), default=list, blank=True)
    members = models.ManyToManyField(Member, related_name="contributions", blank=True, verbose_name=_("voor wie"))
    note = models.TextField(_("notitie"), blank=True, max_length=2000)

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("iets voor een ander")
        verbose_name_plural = _("iets voor een ander")
        indexes = [models.Index(fields=["client", "date"], name="contribution_client_date")]

    def __str__(self):
        return self.description


class SkillsPractice(ClientRecord):
    """Social-skills coaching: a situation looked at together and an alternative practised."""

    date = models.DateField(_("datum"))
    situation = models.TextField(_("situatie of aanleiding"), max_length=2000)
    what_happened = models.TextField(_("wat gebeurde er"), blank=True, max_length=2000)
    consequence = models.TextField(_("wat was het gevolg"), blank=True, max_length=2000)
    alternative = models.TextField(_("wat hebben we geoefend"), blank=True, max_length=2000)
    next_time = models.TextField(_("volgende keer"), blank=True, max_length=2000)
    members = models.ManyToManyField(Member, related_name="skills_practices", blank=True, verbose_name=_("naasten"))

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("oefening sociale vaardigheden")
        verbose_name_plural = _("oefeningen sociale vaardigheden")
        indexes = [models.Index(fields=["client", "date"], name="skills_client_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.situation[:40]}"


class ActionOwner(models.TextChoices):
    WORKER = "worker", _("Begeleider")
    CLIENT = "client", _("Cliënt")
    MEMBER = "member", _("Naaste")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Gedaan")
    NOT_DONE = "not_done", _("Niet gelukt")
    NOT_NEEDED = "not_needed", _("Niet meer nodig")


class ActionQuerySet(RecordQuerySet):
    def open(self):
        return self.current().filter(status=ActionStatus.OPEN)


class Action(ClientRecord):
    """A next step, with an owner: the worker, the client, or someone in the network."""

    description = models.CharField(_("wat gaat er gebeuren"), max_length=300)
    owner_kind = models.CharField(_("wie doet het"), max_length=10, choices=ActionOwner.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        null=True,
        blank=True,
        verbose_name=_("begeleider"),
    )
    owner_member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="owned_actions", null=True, blank=True, verbose_name=_("naaste")
    )
    due_date = models.DateField(_("wanneer klaar"), null=True, blank=True)
    members = models.ManyToManyField(Member, related_name="actions", blank=True, verbose_name=_("over wie"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    note = models.TextField(_("notitie"), blank=True, max_length=2000)

    history = HistoricalRecords(m2m_fields=[members])
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        indexes = [
            models.Index(fields=["client", "status"], name="action_client_status"),
            models.Index(fields=["owner_user", "status"], name="action_owner_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(owner_kind="worker", owner_user__isnull=False, owner_member__isnull=True))
                | (models.Q(owner_kind="member", owner_member__isnull=False, owner_user__isnull=True))
                | (models.Q(owner_kind="client", owner_user__isnull=True, owner_member__isnull=True)),
                name="action_owner_matches_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "done", "not_done", "not_needed"]), name="action_status_valid"
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN


class Review(ClientRecord):
    """A network review held with the client: looked at the network together, and when to look again."""

    date = models.DateField(_("datum"))
    note = models.TextField(_("wat kwam eruit"), blank=True, max_length=2000)
    next_review_on = models.DateField(_("volgende netwerkbespreking"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("netwerkbespreking")
        verbose_name_plural = _("netwerkbesprekingen")
        indexes = [models.Index(fields=["client", "date"], name="review_client_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}"
