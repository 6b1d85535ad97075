"""The one place that calls the triage engine: maps a complaint to its input and runs it."""

from django.utils import timezone

from waakhond.triage import ComplaintInput, triage

from .models import Complaint


def complaint_to_triage_input(complaint: Complaint) -> ComplaintInput:
    return ComplaintInput(
        id=complaint.reference or str(complaint.pk),
        text=complaint.description,
        organisation=complaint.organisation_name or None,
        received_on=timezone.localdate(complaint.received_at),
        started_on=complaint.started_on,
        ongoing=complaint.ongoing,
        contacted_organisation=complaint.contacted_organisation,
        contacted_on=complaint.contacted_on,
        organisation_response=complaint.organisation_response or None,
        desired_outcome=complaint.desired_outcome or None,
        representative=complaint.representative or None,
        language=complaint.language or None,
    )


def triage_complaint_now(complaint: Complaint) -> dict:
    """Run the engine and return its JSON-safe result."""
    return triage(complaint_to_triage_input(complaint)).to_dict()
