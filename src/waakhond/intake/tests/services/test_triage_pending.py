"""The `triage_pending` command retries complaints whose triage is pending or failed."""

from io import StringIO

import pytest

from django.core.management import call_command

from waakhond.intake.models import Complaint, TriageStatus
from waakhond.intake.services import complaint_create
from waakhond.intake.tasks import MAX_TRIAGE_ATTEMPTS

from ..factories import submission, triage_result

pytestmark = pytest.mark.django_db


def test_a_failed_triage_is_retried_and_then_done(
    failing_triage, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filed = complaint_create(submission=submission())
    assert Complaint.objects.get().triage_status == TriageStatus.FAILED

    monkeypatch.setattr(
        failing_triage, "triage_complaint_now", lambda complaint: triage_result("medium")
    )
    out = StringIO()
    call_command("triage_pending", stdout=out)

    complaint = Complaint.objects.get()
    assert complaint.triage_status == TriageStatus.DONE
    assert complaint.band == "medium"
    assert complaint.triage_error == ""
    assert filed.complaint.reference in out.getvalue()


def test_dry_run_lists_but_changes_nothing(failing_triage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        filed = complaint_create(submission=submission())
    before = Complaint.objects.values_list("triage_status", "triage_attempts").get()

    out = StringIO()
    call_command("triage_pending", "--dry-run", stdout=out)

    assert f"would queue {filed.complaint.reference}" in out.getvalue()
    assert Complaint.objects.values_list("triage_status", "triage_attempts").get() == before


def test_a_complaint_that_failed_too_often_is_left_for_a_person(failing_triage):
    complaint_create(submission=submission())
    Complaint.objects.update(triage_status=TriageStatus.FAILED, triage_attempts=MAX_TRIAGE_ATTEMPTS)

    out = StringIO()
    call_command("triage_pending", stdout=out)

    assert "0 complaint(s)" in out.getvalue()
    assert Complaint.objects.get().triage_attempts == MAX_TRIAGE_ATTEMPTS


def test_pending_complaints_are_triaged_by_the_command(triage_adapter):
    complaint_create(submission=submission())  # no on-commit run: stays pending
    assert Complaint.objects.get().triage_status == TriageStatus.PENDING

    call_command("triage_pending", stdout=StringIO())

    assert Complaint.objects.get().triage_status == TriageStatus.DONE
