"""Who works where: organisations, their locations and teams, users and their roles."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    # How long after a network review (or a mapping session) the next one is due.
    review_interval_months = models.PositiveSmallIntegerField(
        _("netwerkbespreking elke zoveel maanden"), default=3, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    # How long a client's data is kept after they left (GDPR storage limitation); then it is erased.
    retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn na vertrek in maanden"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    # Where naasten find support for themselves (mantelzorgondersteuning in the municipality).
    caregiver_support_name = models.CharField(_("steunpunt voor naasten"), max_length=200, blank=True)
    caregiver_support_url = models.URLField(_("website van het steunpunt voor naasten"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name


class Location(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="locations")
    name = models.CharField(_("naam"), max_length=200)
    city = models.CharField(_("plaats"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="location_name_unique_per_org"),
        ]

    def __str__(self):
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="teams", null=True, blank=True)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_per_org"),
        ]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Belongs to one organisation; roles come from memberships."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    language = models.CharField(_("taal"), max_length=8, default="nl")
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.full_name or self.email


class Role(models.TextChoices):
    WORKER = "worker", _("Begeleider")
    TEAM_LEAD = "team_lead", _("Teamleider")
    ORG_ADMIN = "org_admin", _("Functioneel beheerder")
    RESEARCHER = "researcher", _("Onderzoeker")


TEAM_ROLES = {Role.WORKER, Role.TEAM_LEAD}


class Membership(models.Model):
    """A role a user has: in a team (worker, team lead) or in the whole organisation (admin, researcher)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships", null=True, blank=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "team"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=models.Q(team__isnull=True), name="membership_org_role_unique"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=["worker", "team_lead"], team__isnull=False)
                    | models.Q(role__in=["org_admin", "researcher"], team__isnull=True)
                ),
                name="membership_team_matches_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}" + (f" ({self.team})" if self.team_id else "")
