"""Questionnaire responses: one filled-in questionnaire for a client on a date, scored when saved."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.clients.models import Client


class QuestionnaireResponseQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class QuestionnaireResponse(models.Model):
    """The answers as given (item key → option value; a skipped item is absent) and the scores computed from
    them by the definition version they were given with. ``total`` and ``band`` repeat the scores in columns
    of their own, so dashboards can aggregate in the database.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="questionnaire_responses")
    questionnaire = models.CharField(_("vragenlijst"), max_length=40)
    definition_version = models.PositiveSmallIntegerField(_("versie van de vragenlijst"))
    language = models.CharField(_("taal"), max_length=10)
    date = models.DateField(_("datum"))
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    total = models.SmallIntegerField(_("totaalscore"), null=True, blank=True)
    band = models.CharField(_("uitkomst"), max_length=30, blank=True)
    note = models.TextField(_("notitie"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = QuestionnaireResponseQuerySet.as_manager()

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name = _("ingevulde vragenlijst")
        verbose_name_plural = _("ingevulde vragenlijsten")
        indexes = [
            models.Index(fields=["client", "questionnaire", "date"], name="q_response_client_date"),
            models.Index(fields=["questionnaire", "date"], name="q_response_key_date"),
        ]

    def __str__(self):
        return f"{self.questionnaire} {self.date:%Y-%m-%d}"
