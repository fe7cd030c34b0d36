"""What the exchange keeps: the dates that came along with an imported network.

A network imported from another installation is created today, but its facts are older: "in circle 1
since March 2025". Those dates are kept here, so the network tells the same story as before and an export
of it gives the same dates back. Once a fact changes in Kring, its own history takes over.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.clients.models import Client
from kring.network.models import Link, Member


class ImportedDates(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    member = models.OneToOneField(Member, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    link = models.OneToOneField(Link, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # fact name → ISO date it held since (see kring.exchange.fhir.DATED_FACTS), plus "recorded" for a member
    # and "since" for a link.
    dates = models.JSONField(_("datums"), default=dict)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meegekomen datums")
        verbose_name_plural = _("meegekomen datums")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member__isnull=False, link__isnull=True)
                | models.Q(member__isnull=True, link__isnull=False),
                name="imported_dates_member_or_link",
            ),
        ]

    def __str__(self):
        return f"{self.client_id}: {self.dates}"
