"""The catch-up and rebuild commands, and the task."""

import pytest

from django.core.management import call_command

from waakhond.insights.models import ComplaintIndex, Pattern
from waakhond.insights.services import pending_complaint_ids
from waakhond.insights.tasks import index_complaint
from waakhond.intake.services import complaint_record_triage

from .factories import complaint, triage_result

pytestmark = pytest.mark.django_db


def test_index_pending_indexes_everything_not_yet_indexed_and_is_idempotent(capsys):
    items = [complaint(text=f"tekst {i} " * 4, practices=("camera",)) for i in range(3)]
    untriaged = complaint(text="nog niet beoordeeld", triage=False)
    assert len(pending_complaint_ids()) == 4
    call_command("index_pending")
    assert ComplaintIndex.objects.count() == 4 and pending_complaint_ids() == []
    call_command("index_pending")
    assert "indexed 0 complaints" in capsys.readouterr().out
    # A new triage makes a complaint pending again; so does the first triage of another.
    complaint_record_triage(complaint=items[0], result=triage_result(practices=("data_breach",)))
    complaint_record_triage(complaint=untriaged, result=triage_result())
    assert sorted(pending_complaint_ids()) == sorted([items[0].pk, untriaged.pk])
    call_command("index_pending")
    assert ComplaintIndex.objects.get(pk=items[0].pk).practices == "|data_breach|"


def test_index_pending_all_and_rebuild_patterns_agree(capsys):
    for i, org in enumerate(["Gemeente A", "Gemeente B", "Gemeente C"]):
        complaint(
            organisation=org,
            text=f"tekst {i} " * 4,
            practices=("camera",),
            groups=("welfare_recipients",),
        )
    call_command("index_pending", "--all")
    first = {p.key: p.member_count for p in Pattern.objects.all()}
    call_command("rebuild_patterns")
    assert {p.key: p.member_count for p in Pattern.objects.all()} == first
    assert first["practice:recording:g-welfare_recipients"] == 3


def test_the_task_indexes_a_complaint_and_never_raises():
    c = complaint(text="iets")
    assert index_complaint.call(c.pk) == "done"
    assert index_complaint.call(999999) == "missing"
