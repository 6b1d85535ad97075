"""Background work of intake. With the immediate backend these run right after commit."""

import logging

from django_tasks import task

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from .models import Complaint, TriageStatus

logger = logging.getLogger(__name__)

MAX_TRIAGE_ATTEMPTS = 5


@task()
def triage_complaint(complaint_id: int, force: bool = False) -> str:
    """Triage one complaint. A failure is recorded, never raised into the filing path.

    A complaint already triaged is skipped unless `force` (re-triage after a rules change).
    """
    from . import services
    from .triage_adapter import triage_complaint_now

    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None:
        return "missing"
    if complaint.triage_status == TriageStatus.DONE and not force:
        # Queued twice (a retry command next to the original job): the first run did the work.
        return "already"
    try:
        result = triage_complaint_now(complaint)
        services.complaint_record_triage(complaint=complaint, result=result)
    except Exception as exc:
        logger.exception("Triage failed for complaint %s", complaint_id)
        services.complaint_record_triage_failure(complaint_id=complaint_id, error=repr(exc))
        return "failed"
    enqueue_after_triage(complaint_id)
    return "done"


def enqueue_after_triage(complaint_id: int) -> None:
    """Queue the tasks configured to follow a triage (e.g. linking duplicates and patterns).

    They are named in settings so that intake needs no import of the apps above it; a failure
    here is logged and never undoes the triage (`index_pending` catches up later).
    """
    for path in settings.WAAKHOND_AFTER_TRIAGE_TASKS:
        try:
            import_string(path).enqueue(complaint_id)
        except Exception:
            logger.exception("Could not run %s for complaint %s", path, complaint_id)


@task()
def send_acknowledgement(complaint_id: int) -> str:
    """E-mail the acknowledgement with the reference (not the status token: that was shown once)."""
    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None:
        return "missing"
    with translation.override(complaint.language or "nl"):
        subject = render_to_string(
            "intake/email/acknowledgement_subject.txt", {"complaint": complaint}
        ).strip()
        body = render_to_string("intake/email/acknowledgement_body.txt", {"complaint": complaint})
    send_mail(subject, body, None, [complaint.complainant_email])
    return "sent"


def enqueue_together(tasks, *args) -> None:
    """Queue several tasks with the same arguments; on the database queue in one INSERT.

    Meant to run inside the caller's transaction, so the jobs commit together with what they are
    about. django-tasks-db has no bulk enqueue, so for its backend (with the default id function)
    the rows are made as `DatabaseBackend.enqueue` makes them (a test compares the two); any
    other backend gets one `enqueue` per task.
    """
    from django_tasks.signals import task_enqueued
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.compat import normalize_json
    from django_tasks_db.models import DBTaskResult, get_date_max

    backend = tasks[0].get_backend()
    if (
        type(backend) is not DatabaseBackend
        or backend.options.get("id_function")
        or any(task.get_backend() is not backend for task in tasks)
    ):
        for task in tasks:
            task.enqueue(*args)
        return
    args_kwargs = normalize_json({"args": list(args), "kwargs": {}})
    rows = []
    for task in tasks:
        backend.validate_task(task)
        rows.append(
            DBTaskResult(
                id=DBTaskResult._meta.pk.get_default(),
                args_kwargs=args_kwargs,
                priority=task.priority,
                task_path=task.module_path,
                queue_name=task.queue_name,
                run_after=task.run_after or get_date_max(),
                backend_name=backend.alias,
            )
        )
    DBTaskResult.objects.bulk_create(rows)
    for row in rows:
        task_enqueued.send(type(backend), task_result=row.task_result)


def pending_triage_ids(limit: int = 500) -> list[int]:
    """Complaints still waiting for a (successful) triage, for the retry command."""
    return list(
        Complaint.objects.filter(triage_status__in=[TriageStatus.PENDING, TriageStatus.FAILED])
        .filter(triage_attempts__lt=MAX_TRIAGE_ATTEMPTS)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
