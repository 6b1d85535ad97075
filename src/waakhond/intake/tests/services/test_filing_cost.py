"""Filing is the public hot path: few round trips, jobs in the same transaction, a cached register.

Behaviour stays that of `complaint_create` (see test_complaint_create); these tests pin what
makes it cheap, so a later change that adds a query or a second commit shows up here.
"""

import pytest

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from waakhond.audit.models import AuditEvent
from waakhond.audit.services import audit_chain_verify
from waakhond.intake import organisation_index
from waakhond.intake.models import Complaint
from waakhond.intake.services import complaint_create
from waakhond.intake.tasks import enqueue_together, send_acknowledgement, triage_complaint
from waakhond.organisations.models import Organisation

from ..factories import api_payload, submission

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _fresh_register_copy():
    organisation_index.forget()
    yield
    organisation_index.forget()


def _dronten() -> Organisation:
    return Organisation.objects.create(
        name="Gemeente Dronten",
        type="public",
        sector="municipality",
        search_names="|dronten|",
    )


def _statements(queries) -> list[str]:
    # psycopg reports the transaction's BEGIN as a query; it is not a statement of ours.
    return [q["sql"] for q in queries if q["sql"] not in {"BEGIN", "COMMIT"}]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE, WAAKHOND_REGISTER_CACHE_SECONDS=300)
def test_filing_through_the_api_takes_few_statements_and_queues_its_jobs_at_once(client):
    from django_tasks_db.models import DBTaskResult

    _dronten()
    client.post("/api/v1/complaints", api_payload(), content_type="application/json")  # warm

    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/complaints", api_payload(), content_type="application/json")
    assert response.status_code == 201
    statements = _statements(queries.captured_queries)
    # id (PostgreSQL) or reference UPDATE (SQLite), complaint, status line, both jobs in one
    # INSERT, chain lock with head (one request on PostgreSQL), audit event.
    limit = 6 if connection.vendor == "postgresql" else 7
    assert len(statements) <= limit, "\n".join(statements)
    assert not any(s.startswith("SAVEPOINT") for s in statements)
    assert not any("organisations_organisation" in s for s in statements)

    complaint = Complaint.objects.get(reference=response.json()["reference"])
    assert complaint.organisation.name == "Gemeente Dronten"
    jobs = DBTaskResult.objects.filter(args_kwargs={"args": [complaint.pk], "kwargs": {}})
    assert sorted(job.task_path for job in jobs) == sorted(
        [triage_complaint.module_path, send_acknowledgement.module_path]
    )
    assert audit_chain_verify().intact


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE)
def test_jobs_queued_together_are_the_rows_the_library_would_write():
    """`enqueue_together` makes rows as django-tasks-db's own enqueue does; this catches drift."""
    from django_tasks_db.models import DBTaskResult

    enqueue_together((triage_complaint, send_acknowledgement), 41)
    triage_complaint.enqueue(42)
    send_acknowledgement.enqueue(42)

    def shape(row: DBTaskResult) -> dict:
        values = {
            f.name: getattr(row, f.attname)
            for f in DBTaskResult._meta.concrete_fields
            if f.name not in {"id", "enqueued_at", "args_kwargs"}
        }
        values["args"] = row.args_kwargs
        return values

    together = {r.task_path: shape(r) for r in DBTaskResult.objects.filter(args_kwargs__args=[41])}
    alone = {r.task_path: shape(r) for r in DBTaskResult.objects.filter(args_kwargs__args=[42])}
    for rows in (together, alone):
        for values in rows.values():
            values["args"]["args"] = ["n"]
    assert together == alone
    assert len(together) == 2
    result = DBTaskResult.objects.filter(args_kwargs__args=[41]).first().task_result
    assert result.args == [41]


@pytest.mark.django_db
@override_settings(WAAKHOND_REGISTER_CACHE_SECONDS=300)
def test_the_register_copy_matches_as_the_database_does_and_follows_changes():
    complaint_create(
        submission=submission(organisation_name="Example Webshop B.V.")
    )  # loads the copy
    dronten = _dronten()  # saving an entry drops the copy

    first = complaint_create(submission=submission(organisation_name="gemeente  DRONTEN"))
    assert first.complaint.organisation_id == dronten.pk

    with override_settings(WAAKHOND_REGISTER_CACHE_SECONDS=0):
        again = complaint_create(submission=submission(organisation_name="gemeente  DRONTEN"))
    assert again.complaint.organisation_id == dronten.pk

    dronten.delete()
    later = complaint_create(submission=submission(organisation_name="Gemeente Dronten"))
    assert later.complaint.organisation_id is None


@pytest.mark.django_db(transaction=True)
@override_settings(WAAKHOND_REGISTER_CACHE_SECONDS=300)
def test_an_entry_deleted_by_another_process_does_not_refuse_the_complaint():
    dronten = _dronten()
    complaint_create(submission=submission())  # the copy now knows Dronten
    # Deleted elsewhere: no signal reaches this process's copy.
    Complaint.objects.filter(organisation_id=dronten.pk).update(organisation=None)
    Organisation.objects.filter(pk=dronten.pk)._raw_delete(connection.alias)

    filed = complaint_create(submission=submission())

    filed.complaint.refresh_from_db()
    assert filed.complaint.organisation_id is None
    assert Complaint.objects.count() == 2
    assert AuditEvent.objects.filter(event_type="complaint.received").count() == 2
    assert audit_chain_verify().intact
