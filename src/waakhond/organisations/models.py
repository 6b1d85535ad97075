from django.db import models
from django.utils.translation import gettext_lazy as _

from waakhond.common.models import BaseModel


class Organisation(BaseModel):
    """A controller complaints are made about: a municipality, another public body or a company.

    The register starts from the municipalities and the common public bodies; organisations a
    complainant types that are not in it stay free text on the complaint until staff link them.
    """

    class Type(models.TextChoices):
        PUBLIC = "public", _("Overheid")
        PRIVATE = "private", _("Privaat")
        INDIVIDUAL = "individual", _("Persoon")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    aliases = models.JSONField(_("andere namen"), default=list, blank=True)
    type = models.CharField(_("soort"), max_length=20, choices=Type.choices)
    sector = models.CharField(_("sector"), max_length=40)
    cbs_code = models.CharField(_("CBS-code"), max_length=10, blank=True)
    # Lower-cased name and aliases, for matching what complainants type.
    search_names = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name
