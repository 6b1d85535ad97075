"""What the complainant's side stores itself: the links through which a representative body
(GDPR Art. 80) follows the complaints it filed.

Messages a complainant adds through the status link are `intake.ComplainantMessage` rows: they
belong with the complaint as filed, where the staff pages (which may not import the portal) can
read them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waakhond.common.models import BaseModel


class RepresentativeAccess(BaseModel):
    """A private link for a representative body (a union, a consumer or privacy organisation).

    Through it the body sees the complaints it filed: those with `representative =
    representative_body` whose complainant e-mail address is the body's address. Only a hash
    of the link's token is stored; a link is revoked by setting `revoked_at`, never deleted.
    """

    name = models.CharField(_("naam van de organisatie"), max_length=200)
    email = models.EmailField(_("e-mailadres van de organisatie"), max_length=254)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("toegang voor belangenorganisatie")
        verbose_name_plural = _("toegang voor belangenorganisaties")

    def __str__(self) -> str:
        return self.name
