"""The hash chain shows a change made behind the application's back, and where it starts."""

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from waakhond.audit.models import AuditEvent
from waakhond.audit.services import audit_chain_verify

from .factories import event

pytestmark = pytest.mark.django_db

TABLE = AuditEvent._meta.db_table


def _sql(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=connection.ops.quote_name(TABLE)), params)


def test_an_untouched_chain_is_intact():
    for _ in range(3):
        event()
    report = audit_chain_verify()
    assert report.intact
    assert report.checked == 3


def test_an_empty_log_is_intact():
    assert audit_chain_verify().intact


def test_a_reason_changed_in_sql_is_detected_at_that_event():
    event()
    second = event(reason="Op verzoek van de klager")
    event()
    _sql("UPDATE {table} SET reason = %s WHERE id = %s", ["Zomaar", second.pk])
    report = audit_chain_verify()
    assert report.first_broken_id == second.pk
    assert report.checked == 1


def test_data_changed_in_sql_is_detected():
    first = event(data={"band": "high"})
    event()
    _sql("UPDATE {table} SET data = %s WHERE id = %s", ['{"band": "low"}', first.pk])
    assert audit_chain_verify().first_broken_id == first.pk


def test_a_row_changed_and_rehashed_in_sql_breaks_the_next_link():
    first = event()
    event()
    _sql("UPDATE {table} SET hash = %s WHERE id = %s", ["f" * 64, first.pk])
    # The changed row no longer matches its own content, so it is found first.
    assert audit_chain_verify().first_broken_id == first.pk


def test_a_row_deleted_in_sql_is_detected_at_the_next_event():
    event()
    second, third = event(), event()
    _sql("DELETE FROM {table} WHERE id = %s", [second.pk])
    assert audit_chain_verify().first_broken_id == third.pk


def test_the_command_reports_an_intact_chain(capsys):
    event()
    call_command("verify_audit_chain")
    assert "intact: 1 events" in capsys.readouterr().out


def test_the_command_exits_with_code_one_and_the_broken_id():
    saved = event()
    _sql("UPDATE {table} SET actor_label = %s WHERE id = %s", ["iemand anders", saved.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit_chain")
    assert error.value.returncode == 1
    assert str(saved.pk) in str(error.value)
