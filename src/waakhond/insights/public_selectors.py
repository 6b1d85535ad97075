"""Figures for the public: counts only, never a complainant and never an organisation's name."""

from django.db.models import Count
from django.db.models.functions import ExtractQuarter, ExtractYear

from waakhond.intake.models import Complaint


def public_statistics() -> dict:
    by_quarter = (
        Complaint.objects.annotate(year=ExtractYear("received_at"), quarter=ExtractQuarter("received_at"))
        .values("year", "quarter")
        .annotate(received=Count("id"))
        .order_by("-year", "-quarter")
    )
    return {"total": Complaint.objects.count(), "by_quarter": list(by_quarter)}
