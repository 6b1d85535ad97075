"""Reads of the back office: the queue and one complaint, always through the access rules.

Every read starts from `complaints_visible_to` or `access_complaint` (waakhond.accounts.access),
so a restricted complaint is left out of the queue and answers 404 on its page, exactly like a
complaint that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from waakhond.accounts.access import access_complaint, complaints_visible_to
from waakhond.audit.models import AuditEvent
from waakhond.intake.models import Attachment, Band, Complaint, PriorityDecision, StatusChange

from .filters import ComplaintQueueFilter

QUEUE_PAGE_SIZE = 50


def complaint_queue(*, user) -> QuerySet[Complaint]:
    """The complaints `user` may see, in queue order: not yet triaged first (nobody knows yet
    how serious they are), then high, medium, low; within a band the nearest deadline first,
    then the oldest."""
    queryset = Complaint.objects.select_related("organisation")
    return complaints_visible_to(user, queryset).order_by(
        "band_rank", "next_deadline", "received_at", "id"
    )


@dataclass(frozen=True)
class QueuePage:
    filters: ComplaintQueueFilter
    page: Page
    band_counts: dict[str, int]
    total: int


def complaint_queue_page(*, user, params, page_number: Any = 1) -> QueuePage:
    """One page of the filtered queue, with the number of visible open complaints per band."""
    queryset = complaint_queue(user=user)
    filters = ComplaintQueueFilter(params or None, queryset=queryset)
    # An invalid filter value shows nothing rather than silently everything.
    filtered = filters.qs if not filters.is_bound or filters.is_valid() else queryset.none()
    paginator = Paginator(filtered, QUEUE_PAGE_SIZE)
    page = paginator.get_page(page_number)
    counts = {"none": 0, **{band: 0 for band in Band.values}}
    unfiltered = ComplaintQueueFilter(None, queryset=queryset).qs
    for row in unfiltered.order_by().values("band").annotate(n=Count("id")):
        counts[row["band"] or "none"] = row["n"]
    return QueuePage(filters=filters, page=page, band_counts=counts, total=paginator.count)


def complaint_detail(*, user, reference: str) -> Complaint:
    """One complaint with what its page shows; NotFound when missing or not the user's to see."""
    queryset = Complaint.objects.select_related("organisation", "current_triage", "assigned_to")
    return access_complaint(user, str(reference), queryset=queryset)


def complaint_attachments(*, complaint: Complaint) -> QuerySet[Attachment]:
    return complaint.attachments.order_by("id")


def complaint_complainant_messages(*, complaint: Complaint):
    """What the complainant added through the status link, oldest first, with its files."""
    return complaint.complainant_messages.prefetch_related("attachments").order_by("id")


def complaint_attachment(*, complaint: Complaint, attachment_id: int) -> Attachment | None:
    """An attachment of this complaint (never of another one), or None."""
    return complaint.attachments.filter(pk=attachment_id).first()


@dataclass(frozen=True)
class HistoryLine:
    created_at: Any
    kind: str  # "priority" | "status"
    item: PriorityDecision | StatusChange


def complaint_history(*, complaint: Complaint) -> list[HistoryLine]:
    """Priority decisions and status changes, oldest first."""
    decisions = PriorityDecision.objects.filter(complaint=complaint).select_related("actor")
    changes = StatusChange.objects.filter(complaint=complaint)
    lines = chain(
        (HistoryLine(d.created_at, "priority", d) for d in decisions),
        (HistoryLine(c.created_at, "status", c) for c in changes),
    )
    return sorted(lines, key=lambda line: (line.created_at, line.kind))


def complaint_audit_events(*, complaint: Complaint, limit: int = 50) -> list[AuditEvent]:
    """The latest audit events about this complaint (views included), newest first.

    Callers check `can_view_audit_log` first: who looked at a complaint is for auditors.
    """
    return list(
        AuditEvent.objects.filter(
            object_type=Complaint._meta.label_lower, object_id=str(complaint.pk)
        ).order_by("-id")[:limit]
    )


def complaint_current_decision(complaint: Complaint):
    """The decision on `complaint` that stands now, or None.

    A reopened case that is decided again has older, superseded decisions; they are history
    (`complaint_decisions`), and only the current one counts for deadlines, letters, the
    objection and the statistics of the case.
    """
    from .models import Decision

    return (
        Decision.objects.filter(complaint=complaint, superseded_at__isnull=True)
        .select_related("letter")
        .first()
    )


def complaint_decisions(complaint: Complaint) -> list:
    """Every decision on `complaint`, oldest first, superseded ones included."""
    from .models import Decision

    return list(Decision.objects.filter(complaint=complaint).order_by("id"))
