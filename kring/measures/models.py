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


class NetworkFiguresQuerySet(models.QuerySet):
    def latest(self):
        """Each client's figures as they stand now (one row per client that has a network on the map)."""
        return self.filter(is_latest=True)

    def intake(self):
        """Each client's figures at the start: the network as it stood at the end of the first four weeks."""
        return self.filter(is_intake=True)


class NetworkFigures(models.Model):
    """The key numbers of a client's network at the end of one day, kept so that trends per client and the
    team's dashboards can be read and aggregated in the database instead of rebuilding every network.

    Derived data, never typed in: :mod:`kring.measures.figures` writes a row whenever the network changes
    (and can rebuild every row from the network's history). One row per client and day. ``is_latest`` marks
    each client's newest row; ``is_intake`` the last row within four weeks of the first (mapping a network
    seldom happens in one sitting, so "at the start" is the network after its first four weeks).
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="network_figures")
    day = models.DateField(_("datum"))
    size = models.PositiveSmallIntegerField(_("mensen op de kaart"))
    active_size = models.PositiveSmallIntegerField(_("met echt contact"))
    inner_circle = models.PositiveSmallIntegerField(_("heel dichtbij, met echt contact"))
    informal = models.PositiveSmallIntegerField(_("geen hulpverlener"))
    professional = models.PositiveSmallIntegerField(_("hulpverleners"))
    informal_share = models.FloatField(_("deel geen hulpverlener"), null=True, blank=True)
    emotional_support = models.PositiveSmallIntegerField(_("emotionele steun"))
    diversity = models.PositiveSmallIntegerField(_("soorten relaties"))
    reciprocity = models.FloatField(_("steun over en weer"), null=True, blank=True)
    density = models.FloatField(_("kennen elkaar"), null=True, blank=True)
    effective_size = models.FloatField(_("effectieve omvang"), null=True, blank=True)
    dormant = models.PositiveSmallIntegerField(_("verwaterd"))
    restore = models.PositiveSmallIntegerField(_("weer contact gewenst"))
    limited = models.PositiveSmallIntegerField(_("begrensd"))
    emergency_contact = models.BooleanField(_("noodcontact"))
    # The one naaste (no professional, not deceased) who gives the client the most kinds of support: their
    # share of all (member, kind) pairs and their number of kinds. None and 0 when nobody gives support or
    # two give the most (then no one member carries it): the rule of kring.support.load.main_carrier_signal.
    main_supporter_share = models.FloatField(_("deel van de steun van één persoon"), null=True, blank=True)
    main_supporter_kinds = models.PositiveSmallIntegerField(_("soorten steun van die persoon"), default=0)
    place_to_stay = models.BooleanField(_("iemand biedt een plek om te slapen"), default=False)
    is_latest = models.BooleanField(default=False)
    is_intake = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NetworkFiguresQuerySet.as_manager()

    class Meta:
        ordering = ["client", "day"]
        verbose_name = _("kerngetallen van het netwerk")
        verbose_name_plural = _("kerngetallen van netwerken")
        constraints = [models.UniqueConstraint(fields=["client", "day"], name="figures_client_day")]
        indexes = [
            models.Index(fields=["is_latest", "client"], name="figures_latest"),
            models.Index(fields=["is_intake", "client"], name="figures_intake"),
        ]

    def __str__(self):
        return f"{self.client_id} {self.day:%Y-%m-%d}"


class SignalSetting(models.Model):
    """An organisation's choice for one signal rule: on or off, and its threshold where it has one. No row
    means the rule's default (see :mod:`kring.measures.signals`)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="signal_settings")
    key = models.CharField(_("signaal"), max_length=40)
    enabled = models.BooleanField(_("aan"), default=True)
    threshold = models.PositiveSmallIntegerField(_("grens"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("instelling van een signaal")
        verbose_name_plural = _("instellingen van signalen")
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="signal_setting_unique")]

    def __str__(self):
        return f"{self.organisation_id} {self.key}"
