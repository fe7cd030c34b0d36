"""The client record: only what network support needs (no BSN, no medical file)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.accounts.models import Location, Organisation, Team

# Languages a worker meets in Dutch shelters; ISO 639-1 codes where they exist, ISO 639-3 otherwise.
LANGUAGE_CHOICES = [
    ("nl", _("Nederlands")),
    ("en", _("Engels")),
    ("ar", _("Arabisch")),
    ("tr", _("Turks")),
    ("ber", _("Berbers (Tamazight)")),
    ("pap", _("Papiaments")),
    ("srn", _("Sranantongo")),
    ("pl", _("Pools")),
    ("ro", _("Roemeens")),
    ("bg", _("Bulgaars")),
    ("es", _("Spaans")),
    ("pt", _("Portugees")),
    ("fr", _("Frans")),
    ("de", _("Duits")),
    ("it", _("Italiaans")),
    ("ti", _("Tigrinya")),
    ("am", _("Amhaars")),
    ("so", _("Somalisch")),
    ("fa", _("Perzisch (Farsi)")),
    ("prs", _("Dari")),
    ("ps", _("Pasjtoe")),
    ("ku", _("Koerdisch")),
    ("uk", _("Oekraïens")),
    ("ru", _("Russisch")),
    ("lt", _("Litouws")),
    ("hu", _("Hongaars")),
    ("ur", _("Urdu")),
    ("hi", _("Hindi")),
    ("zh", _("Chinees")),
    ("sgn", _("Gebarentaal")),
    ("other", _("Andere taal")),
]
LANGUAGE_CODES = {code for code, _label in LANGUAGE_CHOICES}


class Gender(models.TextChoices):
    WOMAN = "woman", _("Vrouw")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binair")
    OTHER = "other", _("Anders")


class ClientStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    LEFT = "left", _("Uitgestroomd")
    TRANSFERRED = "transferred", _("Overgedragen")


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The clients this user may see. The one place that answers it is ``kring.policy``."""
        from kring import policy

        return policy.clients_visible_to(user, self)


# Kept as a module name too, so services can write one history record for a save plus its key workers.
client_history = HistoricalRecords(m2m_fields=["key_workers"], excluded_fields=["updated_at"])


class Client(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="clients")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="clients")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="clients", null=True, blank=True)
    given_name = models.CharField(_("roepnaam"), max_length=100)
    family_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("geboortejaar"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ClientStatus.choices, default=ClientStatus.ACTIVE)
    intake_date = models.DateField(_("intakedatum"))
    key_workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="key_clients", blank=True, verbose_name=_("persoonlijke begeleiders")
    )
    # Optimistic locking: every update must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = client_history
    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = [Lower("given_name"), Lower("family_name"), "pk"]
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        indexes = [
            models.Index(fields=["team", "status"], name="client_team_status"),
            models.Index(fields=["organisation", "status"], name="client_org_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["active", "left", "transferred"]), name="client_status_valid"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def language_labels(self) -> list[str]:
        labels = dict(LANGUAGE_CHOICES)
        return [str(labels.get(code, code)) for code in self.languages]


# --- Consent: the client decides, per purpose -------------------------------------------------------


class ConsentPurpose(models.TextChoices):
    CONTACT_MEMBER = "contact_member", _("Contact opnemen met een naaste")
    TRANSFER = "transfer", _("Netwerk delen met een ander team of een andere organisatie")
    MEETING_SUMMARY = "meeting_summary", _("Verslagen van gesprekken met het netwerk delen")
    RESEARCH = "research", _("Gebruik voor onderzoek, zonder naam")


class ConsentDecision(models.TextChoices):
    GIVEN = "given", _("Toestemming gegeven")
    REFUSED = "refused", _("Geen toestemming")
    WITHDRAWN = "withdrawn", _("Toestemming ingetrokken")


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", _("Mondeling")
    WRITTEN = "written", _("Schriftelijk")
    SIGNED = "signed", _("Getekend formulier")


class Consent(models.Model):
    """One decision of the client about one purpose (and, for contact, one member). Never edited: a new
    decision (e.g. a withdrawal) is a new row, so the record shows what was decided when. The latest row
    per purpose and member is the one that counts; no row means no consent (fail-closed)."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("waarvoor"), max_length=20, choices=ConsentPurpose.choices)
    member = models.ForeignKey(
        "network.Member",
        on_delete=models.PROTECT,
        related_name="consents",
        null=True,
        blank=True,
        verbose_name=_("naaste"),
    )
    decision = models.CharField(_("besluit"), max_length=10, choices=ConsentDecision.choices)
    method = models.CharField(_("hoe"), max_length=10, choices=ConsentMethod.choices, default=ConsentMethod.VERBAL)
    decided_on = models.DateField(_("datum"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    note = models.TextField(_("notitie"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-recorded_at", "-pk"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        indexes = [models.Index(fields=["client", "purpose"], name="consent_client_purpose")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose="contact_member", member__isnull=False)
                | (~models.Q(purpose="contact_member") & models.Q(member__isnull=True)),
                name="consent_member_iff_contact",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.get_decision_display()}"


# --- Transfers: the network moves along ("meeverhuizen") -------------------------------------------


class TransferStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    ACCEPTED = "accepted", _("Geaccepteerd")
    DECLINED = "declined", _("Afgewezen")
    COMPLETED = "completed", _("Afgerond")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class Transfer(models.Model):
    """A client (with the whole network and its history) moving to another team, location or organisation
    inside this installation. Needs the client's consent, or an override with a reason by an admin."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="transfers")
    from_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("van team"))
    to_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("naar team"))
    to_location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("naar locatie")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PROPOSED
    )
    handover_note = models.TextField(_("warme overdracht"), blank=True, max_length=4000)
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("toestemming")
    )
    override_reason = models.TextField(_("reden om zonder toestemming over te dragen"), blank=True, max_length=2000)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decline_reason = models.TextField(_("reden van afwijzen"), blank=True, max_length=2000)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            # At most one transfer under way per client.
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(status__in=["proposed", "accepted"]),
                name="one_open_transfer_per_client",
            ),
        ]

    def __str__(self):
        return f"{self.client} → {self.to_team}"
