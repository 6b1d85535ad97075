"""The retention job as a background task.

Run it once a day: from cron or a systemd timer with `waakhond manage apply_retention`, or by
enqueueing `apply_retention` (with `WAAKHOND_TASKS=database`, `make worker` runs it). The rules
are in `retention.py`.
"""

import logging

from django_tasks import task

from django.utils import timezone

logger = logging.getLogger(__name__)


@task()
def apply_retention() -> dict:
    """Anonymise the cases whose retention period has ended today (Amsterdam)."""
    from .retention import retention_apply

    run = retention_apply(today=timezone.localdate())
    logger.info("Retention run %s anonymised %s case(s)", run.pk, run.anonymised)
    return {"run": run.pk, "anonymised": run.anonymised, "deleted_files": run.deleted_files}
