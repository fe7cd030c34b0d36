"""A client's network: the members (naasten), how they relate to the client, and links between them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.clients.models import Client


class Sector(models.TextChoices):
    FAMILY = "family", _("Familie")
    FRIENDS = "friends", _("Vrienden en kennissen")
    COMMUNITY = "community", _("Buurt en gemeenschap")
    WORK = "work", _("Werk, school en dagbesteding")
    PROFESSIONAL = "professional", _("Hulpverleners")


class Relation(models.TextChoices):
    MOTHER = "mother", _("Moeder")
    FATHER = "father", _("Vader")
    BROTHER = "brother", _("Broer")
    SISTER = "sister", _("Zus")
    CHILD = "child", _("Kind")
    PARTNER = "partner", _("Partner")
    EX_PARTNER = "ex_partner", _("Ex-partner")
    OTHER_FAMILY = "other_family", _("Ander familielid")
    FRIEND = "friend", _("Vriend(in)")
    ACQUAINTANCE = "acquaintance", _("Kennis")
    NEIGHBOUR = "neighbour", _("Buur")
    COLLEAGUE = "colleague", _("Collega, dagbesteding of school")
    PEER = "peer", _("Lotgenoot of ervaringsdeskundige")
    FAITH = "faith", _("Geloofsgemeenschap")
    CLUB = "club", _("Vereniging")
    PROFESSIONAL = "professional", _("Hulpverlener")
    GP = "gp", _("Huisarts")
    OTHER = "other", _("Anders")


SECTOR_OF_RELATION = {
    Relation.MOTHER: Sector.FAMILY,
    Relation.FATHER: Sector.FAMILY,
    Relation.BROTHER: Sector.FAMILY,
    Relation.SISTER: Sector.FAMILY,
    Relation.CHILD: Sector.FAMILY,
    Relation.PARTNER: Sector.FAMILY,
    Relation.EX_PARTNER: Sector.FAMILY,
    Relation.OTHER_FAMILY: Sector.FAMILY,
    Relation.FRIEND: Sector.FRIENDS,
    Relation.ACQUAINTANCE: Sector.FRIENDS,
    Relation.OTHER: Sector.FRIENDS,
    Relation.NEIGHBOUR: Sector.COMMUNITY,
    Relation.PEER: Sector.COMMUNITY,
    Relation.FAITH: Sector.COMMUNITY,
    Relation.CLUB: Sector.COMMUNITY,
    Relation.COLLEAGUE: Sector.WORK,
    Relation.PROFESSIONAL: Sector.PROFESSIONAL,
    Relation.GP: Sector.PROFESSIONAL,
}
PROFESSIONAL_RELATIONS = {Relation.PROFESSIONAL, Relation.GP}


class Circle(models.IntegerChoices):
    INNER = 1, _("Heel dichtbij")
    MIDDLE = 2, _("Dichtbij")
    OUTER = 3, _("Wat verder weg")


class ContactFrequency(models.TextChoices):
    DAILY = "daily", _("Dagelijks")
    WEEKLY = "weekly", _("Wekelijks")
    MONTHLY = "monthly", _("Maandelijks")
    YEARLY = "yearly", _("Een paar keer per jaar")
    NONE = "none", _("Geen contact")


class Support(models.TextChoices):
    EMOTIONAL = "emotional", _("Emotionele steun")
    PRACTICAL = "practical", _("Praktische hulp")
    ADVICE = "advice", _("Advies of informatie")
    COMPANY = "company", _("Gezelschap, samen dingen doen")
    FINANCIAL = "financial", _("Geld")
    HOUSING = "housing", _("Een plek om te slapen")


class TieQuality(models.TextChoices):
    SUPPORTIVE = "supportive", _("Steunend")
    MIXED = "mixed", _("Wisselend")
    STRESSFUL = "stressful", _("Moeizaam of conflict")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Actief contact")
    DORMANT = "dormant", _("Verwaterd contact")
    RESTORE = "restore", _("Cliënt wil het contact herstellen")
    LIMITED = "limited", _("Begrensd")


class LimitReason(models.TextChoices):
    NOT_HELPFUL = "not_helpful", _("Niet helpend voor de cliënt")
    INTIMIDATING = "intimidating", _("Intimiderend")
    UNSAFE = "unsafe", _("Onveilig")


class MemberQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class Member(models.Model):
    """Someone in the client's network: family, friend, neighbour, peer or professional."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(_("naam of omschrijving"), max_length=100)
    pseudonym = models.CharField(_("schuilnaam"), max_length=100, blank=True)
    relation = models.CharField(_("relatie"), max_length=20, choices=Relation.choices)
    organisation_name = models.CharField(_("organisatie"), max_length=150, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    circle = models.PositiveSmallIntegerField(
        _("cirkel"), choices=Circle.choices, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    contact_frequency = models.CharField(
        _("hoe vaak contact"), max_length=10, choices=ContactFrequency.choices, blank=True
    )
    support_received = models.JSONField(_("steun die de cliënt krijgt"), default=list, blank=True)
    support_given = models.JSONField(_("steun die de cliënt geeft"), default=list, blank=True)
    tie_quality = models.CharField(
        _("hoe is het contact"), max_length=12, choices=TieQuality.choices, default=TieQuality.SUPPORTIVE
    )
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    limit_reason = models.CharField(_("reden van begrenzen"), max_length=15, choices=LimitReason.choices, blank=True)
    emergency_contact = models.BooleanField(_("noodcontact"), default=False)
    abroad_country = models.CharField(_("woont in het buitenland (land)"), max_length=100, blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)
    needs_interpreter = models.BooleanField(_("tolk nodig"), default=False)
    prefers_video = models.BooleanField(_("liever videobellen"), default=False)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    deceased = models.BooleanField(_("overleden"), default=False)
    notes = models.TextField(_("notities"), blank=True, max_length=2000)
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "pk"]
        verbose_name = _("netwerklid")
        verbose_name_plural = _("netwerkleden")
        indexes = [models.Index(fields=["client", "removed_at"], name="member_client_current")]
        constraints = [
            models.CheckConstraint(condition=models.Q(circle__gte=1, circle__lte=3), name="member_circle_1_to_3"),
            models.CheckConstraint(
                condition=models.Q(status="limited", limit_reason__in=["not_helpful", "intimidating", "unsafe"])
                | (~models.Q(status="limited") & models.Q(limit_reason="")),
                name="member_limit_reason_iff_limited",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_limited(self) -> bool:
        return self.status == MemberStatus.LIMITED

    @property
    def is_professional(self) -> bool:
        return self.sector == Sector.PROFESSIONAL

    @property
    def support_direction(self) -> str:
        """'both', 'received' (member → client), 'given' (client → member) or '' (none recorded)."""
        if self.support_received and self.support_given:
            return "both"
        if self.support_received:
            return "received"
        if self.support_given:
            return "given"
        return ""


class LinkKind(models.TextChoices):
    KNOWS = "knows", _("Kennen elkaar")
    CONFLICT = "conflict", _("Conflict tussen hen")


class Link(models.Model):
    """Two members of the same client's network who know each other, or are in conflict."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="member_links")
    member_a = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    member_b = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort verbinding"), max_length=10, choices=LinkKind.choices, default=LinkKind.KNOWS)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verbinding")
        verbose_name_plural = _("verbindingen")
        constraints = [
            # Stored with the lower id first, so a pair exists once whichever way it was entered.
            models.CheckConstraint(condition=models.Q(member_a__lt=models.F("member_b")), name="link_ordered_pair"),
            models.UniqueConstraint(fields=["member_a", "member_b"], name="link_unique_pair"),
        ]

    def __str__(self):
        return f"{self.member_a} – {self.member_b}"


# --- The guided mapping session ("Wie is belangrijk voor jou?") ------------------------------------------


class PromptEffect(models.TextChoices):
    """What naming someone on a prompt card tells about them; applied when the session is finished."""

    NONE = "none", _("Alleen noemen")
    EMERGENCY_CONTACT = "emergency_contact", _("Noodcontact")
    FREQUENT_CONTACT = "frequent_contact", _("Veel contact")
    COMPANY = "company", _("Cliënt krijgt gezelschap")
    EMOTIONAL = "emotional", _("Cliënt krijgt emotionele steun")
    PRACTICAL = "practical", _("Cliënt krijgt praktische hulp")
    GIVES_SUPPORT = "gives_support", _("Cliënt helpt deze persoon")
    DORMANT = "dormant", _("Verwaterd contact")
    STRESSFUL = "stressful", _("Moeizaam contact")


class Prompt(models.Model):
    """A card in the mapping session. Each organisation keeps its own set, seeded from Kring's defaults."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="prompts")
    key = models.SlugField(_("sleutel"), max_length=50)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in gebruik"), default=True)
    effect = models.CharField(_("wat het zegt"), max_length=20, choices=PromptEffect.choices, default=PromptEffect.NONE)
    # The question per language code, e.g. {"nl": "Wie ...?", "en": "Who ...?"}.
    texts = models.JSONField(_("vraag per taal"), default=dict)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("vraagkaart")
        verbose_name_plural = _("vraagkaarten")
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="prompt_key_unique_per_org")]

    def __str__(self):
        return self.text_in("nl")

    def text_in(self, language: str) -> str:
        return self.texts.get(language) or self.texts.get("nl") or next(iter(self.texts.values()), self.key)


class SessionStep(models.TextChoices):
    PROMPTS = "prompts", _("Vragen")
    PLACING = "placing", _("Plaatsen")
    LINKS = "links", _("Wie kent wie")
    REVIEW = "review", _("Terugkijken")


class MappingSession(models.Model):
    """One sitting in which the client maps (or reviews) the network with the worker beside them."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="mapping_sessions")
    started_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("begonnen door")
    )
    language = models.CharField(_("taal"), max_length=8, default="nl")
    step = models.CharField(_("stap"), max_length=10, choices=SessionStep.choices, default=SessionStep.PROMPTS)
    # The card the session is at, by its key: an admin who reorders or switches off cards during an open
    # session does not move it to another question (a position would).
    prompt_key = models.CharField(max_length=50, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("netwerksessie")
        verbose_name_plural = _("netwerksessies")
        constraints = [
            # At most one open session per client: a second start resumes the first.
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(finished_at__isnull=True, abandoned_at__isnull=True),
                name="one_open_session_per_client",
            ),
        ]

    def __str__(self):
        return f"{self.client} {self.started_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.finished_at is None and self.abandoned_at is None


class SessionPerson(models.Model):
    """Someone named or shown in a session; becomes (or updates) a member when the session is finished."""

    session = models.ForeignKey(MappingSession, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("naam"), max_length=100)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    prompt_keys = models.JSONField(default=list, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    circle = models.PositiveSmallIntegerField(
        choices=Circle.choices, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    left_out = models.BooleanField(default=False)
    # The id the tablet made for the request that named this person: a retried request names no one twice.
    request_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "request_key"],
                condition=~models.Q(request_key=""),
                name="session_person_request_once",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def placed(self) -> bool:
        return self.circle is not None and bool(self.sector)


class SessionLink(models.Model):
    session = models.ForeignKey(MappingSession, on_delete=models.CASCADE, related_name="links")
    person_a = models.ForeignKey(SessionPerson, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(SessionPerson, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(person_a__lt=models.F("person_b")), name="session_link_ordered"),
            models.UniqueConstraint(fields=["person_a", "person_b"], name="session_link_unique"),
        ]

    def __str__(self):
        return f"{self.person_a} – {self.person_b}"
