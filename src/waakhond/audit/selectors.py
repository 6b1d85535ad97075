"""Reads of the audit log for the auditor's viewer and its CSV export.

The audit app sits below intake and cases, so it knows complaints only as the log does: by the
object type and id of each event, and by the reference that `complaint.received` stores in its
data. That is enough to find every event about a complaint from its reference, without
importing the complaint model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from .models import AuditEvent, AuditEventType

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilters:
    """What an auditor searches for; empty values do not narrow the search."""

    actor: str = ""
    event_type: str = ""
    object_ref: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""

    def as_dict(self) -> dict[str, str]:
        """The filters in plain strings, for the export's own audit line."""
        return {
            "actor": self.actor,
            "event_type": self.event_type,
            "object": self.object_ref,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "text": self.text,
        }


def _object_condition(object_ref: str) -> Q:
    """Events about one object, given its id (`42`) or a complaint reference (`WH-2026-000042`).

    A number matches `object_id` of any object type. A reference is looked up through the
    `complaint.received` event that recorded it, and also matches events that mention the
    reference in their data (the retention job lists the references it anonymised).
    """
    object_ref = object_ref.strip()
    if object_ref.isdigit():
        return Q(object_id=object_ref)
    reference = object_ref.upper()
    condition = Q(data__icontains=reference)
    received = AuditEvent.objects.filter(
        event_type=AuditEventType.COMPLAINT_RECEIVED, data__reference=reference
    ).values_list("object_type", "object_id")
    for object_type, object_id in received:
        condition |= Q(object_type=object_type, object_id=object_id)
    return condition


def audit_events(*, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The events matching `filters`, newest first.

    Callers check `waakhond.accounts.access.can_view_audit_log` first.
    """
    queryset = AuditEvent.objects.select_related("actor").order_by("-id")
    if filters.actor:
        queryset = queryset.filter(actor_label__icontains=filters.actor.strip())
    if filters.event_type:
        queryset = queryset.filter(event_type=filters.event_type)
    if filters.object_ref.strip():
        queryset = queryset.filter(_object_condition(filters.object_ref))
    # Dates are days in the desk's time zone, both ends included.
    if filters.date_from:
        queryset = queryset.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(created_at__date__lte=filters.date_to)
    if filters.text:
        queryset = queryset.filter(reason__icontains=filters.text.strip())
    return queryset


def audit_events_page(*, filters: AuditFilters, page_number=1) -> Page:
    return Paginator(audit_events(filters=filters), PAGE_SIZE).get_page(page_number)
