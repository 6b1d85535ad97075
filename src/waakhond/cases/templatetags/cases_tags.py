"""Template helpers of the back office: labels for codes, and the band badge."""

from django import template
from django.utils.translation import gettext as _

from waakhond.intake.models import TriageStatus

from .. import labels

register = template.Library()


@register.filter
def sector_label(code) -> str:
    return labels.label(labels.SECTORS, code)


@register.filter
def category_labels(codes, limit=None) -> list[str]:
    codes = list(codes or [])
    if limit:
        codes = codes[: int(limit)]
    return [labels.label(labels.CATEGORIES, c) for c in codes]


@register.inclusion_tag("cases/includes/band.html")
def band_badge(complaint):
    """The band as text (never colour alone), with who decided it and the triage status."""
    decided = ""
    if complaint.priority_confirmed:
        decided = _("aangepast") if complaint.band != complaint.band_suggested else _("bevestigd")
    return {
        "band": complaint.band,
        "band_label": labels.label(labels.LEVELS, complaint.band),
        "decided": decided,
        "triage_status": complaint.triage_status,
        "triage_status_label": complaint.get_triage_status_display(),
        "attempts": complaint.triage_attempts,
        "failed": complaint.triage_status == TriageStatus.FAILED,
    }
