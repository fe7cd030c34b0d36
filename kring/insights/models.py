"""Whether network support takes root: the implementation monitor (a team's self-assessment of the
conditions), who followed which part of the training, and case consultation (intervisie) with pseudonymised
cases. The dashboards themselves store nothing: they aggregate the records of the other apps.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.accounts.models import Organisation, Team


class Condition(models.TextChoices):
    """What an organisation needs for network support (factsheets 1, 2 and 4: randvoorwaarden)."""

    PURPOSE = "purpose", _("Iedereen weet waarom we met het netwerk werken")
    TRAINING = "training", _("Medewerkers zijn getraind")
    CONSULTATION = "consultation", _("Er is vaste casuïstiek of intervisie")
    ROOM = "room", _("Er is een fijne ruimte om naasten te ontvangen")
    PROCESSES = "processes", _("Werkprocessen en ICT maken ruimte voor het netwerk")
    FUNDING = "funding", _("De financiering is structureel")
    KNOWLEDGE = "knowledge", _("Kennis blijft als medewerkers wisselen")


class ConditionLevel(models.IntegerChoices):
    NOT_YET = 1, _("Nog niet")
    STARTED = 2, _("Begonnen")
    MOSTLY = 3, _("Grotendeels")
    IN_PLACE = 4, _("Helemaal")


class SelfAssessment(models.Model):
    """A team's periodic look at the conditions for network support: a level and a note per condition."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="self_assessments")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="self_assessments")
    assessed_on = models.DateField(_("datum"))
    note = models.TextField(_("wat we afspreken"), blank=True, max_length=4000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("zelfevaluatie")
        verbose_name_plural = _("zelfevaluaties")
        indexes = [models.Index(fields=["team", "assessed_on"], name="assessment_team_date")]

    def __str__(self):
        return f"{self.team} {self.assessed_on:%Y-%m-%d}"


class ConditionScore(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="scores")
    condition = models.CharField(_("voorwaarde"), max_length=20, choices=Condition.choices)
    level = models.PositiveSmallIntegerField(
        _("hoe ver"), choices=ConditionLevel.choices, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    note = models.CharField(_("toelichting"), max_length=1000, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "condition"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "condition"], name="condition_score_unique"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="condition_level_range"),
        ]

    def __str__(self):
        return f"{self.condition} {self.level}"


class TrainingPart(models.TextChoices):
    """The four half-days of HVO-Querido's training (factsheet 3); the fourth is optional."""

    PART_1 = "part_1", _("Dagdeel 1: Iedereen is een naaste van iemand")
    PART_2 = "part_2", _("Dagdeel 2: Triadisch werken, hoe doe je dat?")
    PART_3 = "part_3", _("Dagdeel 3: Nieuw netwerk opbouwen")
    PART_4 = "part_4", _("Dagdeel 4: Verdieping (keuze)")


class TrainingRecord(models.Model):
    """A worker followed one part of the training on a date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="training_records")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_records")
    part = models.CharField(_("dagdeel"), max_length=10, choices=TrainingPart.choices)
    followed_on = models.DateField(_("gevolgd op"))
    note = models.CharField(_("notitie"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "part", "-followed_on"]
        verbose_name = _("gevolgde training")
        verbose_name_plural = _("gevolgde trainingen")
        indexes = [models.Index(fields=["organisation", "part"], name="training_org_part")]

    def __str__(self):
        return f"{self.user} {self.part} {self.followed_on:%Y-%m-%d}"


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Gaat niet door")


class Consultation(models.Model):
    """A case-consultation (intervisie) session of a team."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="consultations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="consultations")
    planned_for = models.DateTimeField(_("wanneer"))
    topic = models.CharField(_("onderwerp"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=ConsultationStatus.choices, default=ConsultationStatus.PLANNED
    )
    notes = models.TextField(_("wat we leerden"), blank=True, max_length=4000)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="consultations", blank=True, verbose_name=_("aanwezig")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[])

    class Meta:
        ordering = ["-planned_for", "-pk"]
        verbose_name = _("casuïstiekbespreking")
        verbose_name_plural = _("casuïstiekbesprekingen")
        indexes = [models.Index(fields=["team", "planned_for"], name="consultation_team_when")]

    def __str__(self):
        return f"{self.team} {self.topic}"


class ConsultationCase(models.Model):
    """A pseudonymised case brought to a consultation: the ecogram and lifeline of a real client with names
    replaced by roles ("zus", "vriend 1"), dates no finer than a month and no places.

    Deliberately without a link to the client it came from: the case is frozen when it is made and cannot
    lead back to the person. Who made it from which client is in the access log, not here.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="cases")
    title = models.CharField(_("titel"), max_length=120)
    question = models.TextField(_("vraag aan het team"), blank=True, max_length=2000)
    case = models.JSONField(_("casus"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "created_at", "pk"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")

    def __str__(self):
        return self.title
