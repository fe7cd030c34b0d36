"""The lifeline (levenslijn): life events with approximate dates and the people who were part of them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.clients.models import Client
from kring.network.models import Member


class EventKind(models.TextChoices):
    HOUSING = "housing", _("Wonen en dakloosheid")
    RELATIONSHIPS = "relationships", _("Relaties")
    LOSS = "loss", _("Verlies")
    HEALTH = "health", _("Gezondheid")
    WORK = "work", _("Werk en school")
    JUSTICE = "justice", _("Justitie")
    OTHER = "other", _("Anders")


class EventTone(models.TextChoices):
    GOOD = "good", _("Een goede tijd")
    HARD = "hard", _("Een moeilijke tijd")
    MIXED = "mixed", _("Allebei")


class LifeEventQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class LifeEvent(models.Model):
    """Something that happened in the client's life, dated as precisely as the client remembers it."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="life_events")
    title = models.CharField(_("wat gebeurde er"), max_length=150)
    kind = models.CharField(_("soort"), max_length=15, choices=EventKind.choices)
    tone = models.CharField(_("hoe was die tijd"), max_length=6, choices=EventTone.choices)
    # A year, or a year and a month; "around 2015" is a year with approximate set.
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField(
        _("maand"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    approximate = models.BooleanField(_("ongeveer"), default=False)
    members = models.ManyToManyField(Member, related_name="life_events", blank=True, verbose_name=_("wie waren erbij"))
    note = models.TextField(_("notitie"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[members])
    objects = LifeEventQuerySet.as_manager()

    class Meta:
        ordering = ["year", models.F("month").asc(nulls_first=True), "pk"]
        verbose_name = _("levensgebeurtenis")
        verbose_name_plural = _("levensgebeurtenissen")
        indexes = [models.Index(fields=["client", "year"], name="life_event_client_year")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__isnull=True) | models.Q(month__gte=1, month__lte=12),
                name="life_event_month_1_to_12",
            ),
        ]

    def __str__(self):
        return self.title
