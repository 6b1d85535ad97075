"""Test data for the audit log: staff members and events written through the real service."""

import itertools
from datetime import datetime
from unittest import mock

from waakhond.accounts.services import staff_user_create
from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.audit.services import record_event

PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)


def staff_user(*roles: str, username: str | None = None):
    return staff_user_create(username or f"audit{next(_sequence)}", PASSWORD, roles)


def event(
    *,
    actor=None,
    event_type: str = AuditEventType.COMPLAINT_VIEWED,
    object_type: str = "intake.complaint",
    object_id: str = "1",
    reason: str = "",
    data: dict | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """One event; `at` pins its time (events cannot be changed afterwards)."""
    kwargs = dict(
        actor=actor,
        event_type=event_type,
        object_type=object_type,
        object_id=object_id,
        reason=reason,
        data=data,
    )
    if at is None:
        return record_event(**kwargs)
    with mock.patch("waakhond.audit.services.timezone.now", return_value=at):
        return record_event(**kwargs)
