"""Writing and verifying the audit log.

`record_event` is called by services inside their own transaction, so an action and its
audit line commit together or not at all. The chain: hash = SHA-256 over the previous hash
and a canonical JSON of the event's fields. To keep the chain linear under concurrent writers,
PostgreSQL takes a transaction-scoped advisory lock *before* reading the newest event (locking the
newest row itself is not enough: a writer that waited for it would still see the old newest row
and fork the chain). SQLite serialises writers anyway (transactions begin IMMEDIATE). The lock is
held until the caller's transaction commits, so services record the event as their last write.

Every round trip made while holding the lock delays all other writers, so the lock and the read of
the newest event go to the server as one request of two statements (each statement of it takes
its own snapshot, so the read sees what the previous lock holder committed), and no savepoint is
made inside a caller's transaction.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import AuditEvent, AuditEventType

GENESIS_HASH = "0" * 64


def _event_hash(previous_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{previous_hash}|{payload}".encode()).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "created_at": event.created_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "event_type": event.event_type,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "reason": event.reason,
        "data": event.data,
    }


# An arbitrary constant naming the audit chain's advisory lock.
_CHAIN_LOCK_KEY = 0x57414B48
_HEAD = f'SELECT hash FROM "{AuditEvent._meta.db_table}" ORDER BY id DESC LIMIT 1'  # noqa: S608
_LOCK_AND_READ_HEAD = f"SELECT pg_advisory_xact_lock({_CHAIN_LOCK_KEY:d}); {_HEAD}"


def _lock_chain_head() -> str:
    """Take the chain lock (PostgreSQL) and return the newest event's hash, in one round trip."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        last = AuditEvent.objects.order_by("-id").only("hash").first()
        return last.hash if last else GENESIS_HASH
    # No parameters, so the two statements go out together as one simple query. In READ
    # COMMITTED the second takes its snapshot after the first has got the lock.
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_AND_READ_HEAD)
        cursor.nextset()
        row = cursor.fetchone()
    return row[0] if row else GENESIS_HASH


def record_event(
    *,
    actor,
    event_type: AuditEventType | str,
    obj: Any | None = None,
    object_type: str = "",
    object_id: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event; `actor` is a user or None for the system."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # Everything that does not depend on the chain is prepared before taking the lock.
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=(actor.get_username() if getattr(actor, "pk", None) else "system"),
        event_type=str(event_type),
        object_type=object_type,
        object_id=object_id,
        reason=reason,
        data=json.loads(json.dumps(data or {}, default=str)),
    )
    # Inside a caller's transaction no savepoint is needed: an error here fails that transaction.
    with transaction.atomic(savepoint=False):
        event.previous_hash = _lock_chain_head()
        # Stamped under the lock, so times never go backwards along the chain.
        event.created_at = timezone.now()
        event.hash = _event_hash(event.previous_hash, _hashed_fields(event))
        event.save()
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def audit_chain_verify(*, batch_size: int = 5000) -> ChainReport:
    """Walk the whole chain; report the first event whose hash or link does not match."""
    previous_hash = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        expected = _event_hash(previous_hash, _hashed_fields(event))
        if event.previous_hash != previous_hash or event.hash != expected:
            return ChainReport(checked=checked, first_broken_id=event.pk)
        previous_hash = event.hash
        checked += 1
    return ChainReport(checked=checked, first_broken_id=None)
