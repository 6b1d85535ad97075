"""What the complainant's side stores itself: messages added through the status link, and the
links through which a representative body (GDPR Art. 80) follows the complaints it filed.

Internal notes of staff live in `cases.Note` and are never shown here; a complainant's message
is the complainant's own words and is kept apart from them for that reason. Files sent with a
message are ordinary `intake.Attachment` rows (`added_by_complainant=True`), so staff find them
with the complaint's other attachments.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waakhond.common.models import BaseModel
from waakhond.intake.models import Attachment, Complaint


class ComplainantMessage(BaseModel):
    """Information the complainant added after filing, in their own words. Never edited."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="complainant_messages"
    )
    text = models.TextField(_("aanvulling"), blank=True)
    attachments = models.ManyToManyField(Attachment, blank=True, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("aanvulling van de klager")
        verbose_name_plural = _("aanvullingen van klagers")

    def __str__(self) -> str:
        return f"{self.complaint} #{self.pk}"


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
