"""Filing a complaint runs the real triage engine after commit (skipped until it exists)."""

import pytest

from waakhond.intake.models import Complaint, State, TriageRecord, TriageStatus
from waakhond.intake.services import complaint_create

from ..factories import submission

triage = pytest.importorskip("waakhond.triage")
if not hasattr(triage, "triage"):
    pytest.skip("the triage engine has no triage() yet", allow_module_level=True)

pytestmark = pytest.mark.django_db


def test_a_filed_complaint_is_triaged_by_the_engine_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        filed = complaint_create(
            submission=submission(
                description=(
                    "De gemeente Dronten filmt en neemt al zeven jaar alle gesprekken met "
                    "bijstandsaanvragers op. Wie weigert, krijgt geen uitkering. Er is geen DPIA gedaan."
                ),
                started_on=None,
                ongoing=True,
            )
        )

    complaint = Complaint.objects.get(pk=filed.complaint.pk)
    assert complaint.triage_status == TriageStatus.DONE, complaint.triage_error
    assert complaint.state == State.TRIAGED
    assert complaint.band in {"high", "medium", "low"}
    record = TriageRecord.objects.get(complaint=complaint)
    assert complaint.current_triage_id == record.pk
    assert record.engine_version and record.rules_version
