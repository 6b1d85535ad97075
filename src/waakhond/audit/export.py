"""Exporting the audit log as CSV, and recording that it was exported.

An export takes the log out of the application, so the export itself is an event
(`audit.exported`) with the search used and the number of rows, written before the first row
leaves. Cells that a spreadsheet would read as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent, AuditEventType
from .selectors import AuditFilters
from .services import record_event

COLUMNS = (
    "id",
    "created_at",
    "actor",
    "event_type",
    "object_type",
    "object_id",
    "reason",
    "data",
    "previous_hash",
    "hash",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    """A file-like object whose `write` returns the line, for streaming csv rows."""

    def write(self, value: str) -> str:
        return value


def audit_log_export(
    *, actor, filters: AuditFilters, queryset: QuerySet[AuditEvent]
) -> Iterator[str]:
    """Record the export, then return the CSV lines of `queryset`, oldest first.

    Callers check `can_view_audit_log` first. The event is committed before any row is
    produced, so an export that is interrupted half-way is still on record.
    """
    # Fix the end of the export first, so it does not include its own event.
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    rows = queryset.filter(id__lte=last).order_by("id")
    with transaction.atomic():
        record_event(
            actor=actor,
            event_type=AuditEventType.AUDIT_EXPORTED,
            data={"filters": filters.as_dict(), "rows": rows.count()},
        )
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(COLUMNS)
        for event in rows.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    event.pk,
                    timezone.localtime(event.created_at).isoformat(),
                    _cell(event.actor_label),
                    event.event_type,
                    _cell(event.object_type),
                    _cell(event.object_id),
                    _cell(event.reason),
                    _cell(json.dumps(event.data, ensure_ascii=False, sort_keys=True)),
                    event.previous_hash,
                    event.hash,
                ]
            )

    return lines()
