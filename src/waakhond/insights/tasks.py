"""Background work of insights.

`index_complaint` is meant to be queued after triage (by dotted path, so intake needs no import
of insights): `django_tasks` runs it in the worker, or at once with the immediate backend. It
never raises: a failure is logged, and `waakhond manage index_pending` catches up later.
"""

import logging

from django_tasks import task

from waakhond.intake.models import Complaint

logger = logging.getLogger(__name__)


@task()
def index_complaint(complaint_id: int) -> str:
    from .services import insights_index_complaint

    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None:
        return "missing"
    try:
        insights_index_complaint(complaint=complaint)
    except Exception:  # indexing must never break triage; the catch-up command retries
        logger.exception("Indexing failed for complaint %s", complaint_id)
        return "failed"
    return "done"


@task()
def rebuild_patterns() -> str:
    from .services import patterns_rebuild

    report = patterns_rebuild()
    return f"{report.patterns} patterns, {report.signals_raised} signals"
