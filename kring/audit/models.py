"""The access log (NEN 7513): who saw or changed what, for which client, when and from where.

Rows are append-only: the application can add them but never change or delete them. Names and roles are
copied into the row, so the log still tells the truth after a user, team or client record changes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("Bekeken")
    CREATE = "create", _("Aangemaakt")
    UPDATE = "update", _("Gewijzigd")
    DELETE = "delete", _("Verwijderd")
    EXPORT = "export", _("Geëxporteerd")
    PRINT = "print", _("Afgedrukt")
    SEARCH = "search", _("Gezocht")


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an access-log row."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The access log cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The access log cannot be deleted.")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("The access log cannot be changed.")


class AccessLog(models.Model):
    timestamp = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # The user who acted. Kept as a plain id besides the copied name, so the row survives the user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    user_name = models.CharField(_("gebruiker"), max_length=200)
    role = models.CharField(_("rol"), max_length=20, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    # Namespaced event, e.g. "clients.client.view", for tests and finer search.
    event = models.CharField(_("gebeurtenis"), max_length=100)
    object_type = models.CharField(_("soort gegevens"), max_length=50)
    object_id = models.CharField(_("id"), max_length=50, blank=True)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-pk"]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        indexes = [
            models.Index(fields=["organisation", "client", "-timestamp"], name="accesslog_org_client"),
            models.Index(fields=["organisation", "user", "-timestamp"], name="accesslog_org_user"),
        ]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.user_name} {self.event}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log cannot be deleted.")
