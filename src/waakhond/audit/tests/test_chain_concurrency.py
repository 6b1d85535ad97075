"""The chain stays one line when many transactions write audit events at the same time."""

import threading

import pytest

from django.db import connection, transaction

from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.audit.services import audit_chain_verify, record_event

WRITERS = 8
EVENTS_PER_WRITER = 10


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database has no concurrent writers to race",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(EVENTS_PER_WRITER):
                with transaction.atomic():
                    record_event(
                        actor=None,
                        event_type=AuditEventType.COMPLAINT_VIEWED,
                        object_type="test",
                        object_id=f"{n}-{i}",
                    )
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEvent.objects.count() == WRITERS * EVENTS_PER_WRITER
    previous = list(AuditEvent.objects.values_list("previous_hash", flat=True))
    assert len(set(previous)) == len(previous), "two events link to the same predecessor"
    assert audit_chain_verify().intact
