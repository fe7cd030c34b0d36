"""Working with the network: interventions by the what-works elements, what the client does for others,
social-skills coaching, actions (next steps) and network reviews.

The elements and the forms an intervention can take are data per organisation (seeded from
``kring.support.catalogue``), so an organisation can add its own without a code change.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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


# --- Meetings with the network: the client decides (factsheet 2, elements 5 and 6) ---------------------


class MeetingKind(models.TextChoices):
    TRIADIC = "triadic", _("Driegesprek: cliënt, naaste en begeleider")
    NETWORK = "network", _("Netwerkberaad")
    APART = "apart", _("Gesprek met een naaste apart, vooraf")
    SUPPORT_GROUP = "support_group", _("Bijeenkomst van een steungroep")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Niet doorgegaan")


class DecisionState(models.TextChoices):
    NONE = "", _("Nog geen besluit")
    DECIDED = "decided", _("De cliënt heeft besloten")
    THINKING = "thinking", _("De cliënt wil erover nadenken")


class Meeting(ClientRecord):
    """A conversation of the client with members and professionals about a question the client has.

    The decision is always the client's: there is no field for who decided, and the form offers no one
    else. What a member said apart is kept in ``confidential_notes`` (and in confidential perspectives)
    and never appears in a summary.
    """

    kind = models.CharField(_("soort gesprek"), max_length=15, choices=MeetingKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("tijd"), null=True, blank=True)
    place = models.CharField(_("plek"), max_length=200, blank=True)
    video_link = models.URLField(_("link voor videobellen"), blank=True)
    question = models.TextField(_("de vraag die op tafel ligt"), max_length=2000)
    agenda = models.TextField(_("agenda"), blank=True, max_length=4000)
    notes = models.TextField(_("wat er besproken is"), blank=True, max_length=8000)
    confidential_notes = models.TextField(_("vertrouwelijk: wat apart gezegd is"), blank=True, max_length=8000)
    decision_state = models.CharField(
        _("besluit"), max_length=10, choices=DecisionState.choices, default=DecisionState.NONE, blank=True
    )
    decision = models.TextField(_("het besluit van de cliënt"), blank=True, max_length=4000)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    think_until = models.DateField(_("nadenken tot"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("gesprek met het netwerk")
        verbose_name_plural = _("gesprekken met het netwerk")
        indexes = [models.Index(fields=["client", "date"], name="meeting_client_date")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision_state="thinking") | models.Q(think_until__isnull=False),
                name="meeting_thinking_has_follow_up",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class ParticipantRole(models.TextChoices):
    CLIENT = "client", _("Cliënt")
    MEMBER = "member", _("Naaste")
    WORKER = "worker", _("Begeleider")
    EXTERNAL = "external", _("Andere professional")


class Participant(models.Model):
    """Someone at the meeting, with their perspective: what matters to them and what worries them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(_("rol"), max_length=10, choices=ParticipantRole.choices)
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="meeting_participations", null=True, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    name = models.CharField(_("naam"), max_length=150, blank=True)  # external professionals only
    organisation_name = models.CharField(_("organisatie"), max_length=150, blank=True)
    what_matters = models.TextField(_("wat is belangrijk voor hen"), blank=True, max_length=2000)
    worries = models.TextField(_("zorgen"), blank=True, max_length=2000)
    # Said apart, in confidence: never in a summary.
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role="member", member__isnull=False, user__isnull=True))
                | (models.Q(role="worker", user__isnull=False, member__isnull=True))
                | (models.Q(role__in=["client", "external"], member__isnull=True, user__isnull=True)),
                name="participant_matches_role",
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=models.Q(role="client"), name="one_client_per_meeting"
            ),
        ]

    def __str__(self):
        if self.member_id:
            return self.member.name
        if self.user_id:
            return str(self.user)
        return self.name or self.get_role_display()


class Option(models.Model):
    """One way forward that was discussed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="options")
    description = models.CharField(_("mogelijkheid"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("mogelijkheid")
        verbose_name_plural = _("mogelijkheden")

    def __str__(self):
        return self.description


class OptionPoint(models.Model):
    """A pro or a con of an option, as one participant sees it."""

    class Kind(models.TextChoices):
        PRO = "pro", _("Voordeel")
        CON = "con", _("Nadeel")

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="points")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="option_points", null=True, blank=True
    )
    kind = models.CharField(_("voor- of nadeel"), max_length=3, choices=Kind.choices)
    text = models.CharField(_("wat"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("voor- of nadeel")
        verbose_name_plural = _("voor- en nadelen")

    def __str__(self):
        return self.text


class Agreement(models.Model):
    """Who does what, by when. Each agreement becomes an action; support a member promises shows on the
    member in the network (with history)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="agreement")
    # Kinds of support (kring.network.models.Support) the owning member promised the client.
    support_promised = models.JSONField(_("beloofde steun"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self):
        return str(self.action)


class SummaryAudience(models.TextChoices):
    PARTICIPANTS = "participants", _("Voor de deelnemers")
    TEAM = "team", _("Voor het team")


class SummaryShare(models.Model):
    """A summary handed out (printed or sent), with the consent it relied on."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="shares")
    audience = models.CharField(_("voor wie"), max_length=15, choices=SummaryAudience.choices)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    consent = models.ForeignKey(
        "clients.Consent", on_delete=models.PROTECT, related_name="+", verbose_name=_("toestemming")
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gedeeld door")
    )
    shared_at = models.DateTimeField(_("gedeeld op"), auto_now_add=True)
    # The summary as it was handed out (summary.Summary.as_dict), so printing it again gives the same sheet
    # after the meeting has changed. Empty for shares made before it was kept: those are worded anew.
    content = models.JSONField(_("het verslag zoals het gedeeld is"), default=dict, blank=True)

    class Meta:
        ordering = ["-shared_at"]
        verbose_name = _("gedeeld verslag")
        verbose_name_plural = _("gedeelde verslagen")

    def __str__(self):
        return f"{self.meeting} {self.audience}"


# --- Support for naasten: the load check (factsheet 2, basic conditions) -------------------------------


class LoadCheck(ClientRecord):
    """A short, repeatable check of how heavy supporting the client is for one member."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="load_checks", verbose_name=_("naaste"))
    date = models.DateField(_("datum"))
    what_they_do = models.TextField(_("wat doet deze naaste voor de cliënt"), blank=True, max_length=2000)
    heaviness = models.PositiveSmallIntegerField(
        _("hoe zwaar voelt het (0 tot 10)"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    too_much = models.TextField(_("wat is te veel"), blank=True, max_length=2000)
    would_help = models.TextField(_("wat zou helpen"), blank=True, max_length=2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("belastingcheck")
        verbose_name_plural = _("belastingchecks")
        indexes = [models.Index(fields=["member", "date"], name="load_check_member_date")]
        constraints = [
            models.CheckConstraint(condition=models.Q(heaviness__lte=10), name="load_check_heaviness_0_to_10"),
        ]

    def __str__(self):
        return f"{self.member} {self.date:%Y-%m-%d}: {self.heaviness}"
