"""The audit log only grows: the application cannot change or remove an event."""

import pytest

from django.db import IntegrityError, transaction

from waakhond.audit.models import AppendOnlyError, AuditEvent

from .factories import event

pytestmark = pytest.mark.django_db


def test_a_saved_event_cannot_be_saved_again():
    saved = event(reason="eerste versie")
    saved.reason = "tweede versie"
    with pytest.raises(AppendOnlyError):
        saved.save()
    assert AuditEvent.objects.get(pk=saved.pk).reason == "eerste versie"


def test_an_event_cannot_be_deleted():
    saved = event()
    with pytest.raises(AppendOnlyError):
        saved.delete()
    assert AuditEvent.objects.filter(pk=saved.pk).exists()


def test_the_log_cannot_be_updated_in_bulk():
    saved = event(reason="origineel")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=saved.pk).update(reason="aangepast")
    assert AuditEvent.objects.get(pk=saved.pk).reason == "origineel"


def test_the_log_cannot_be_deleted_in_bulk():
    event()
    event()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 2


def test_bulk_update_is_refused_too():
    saved = event(reason="origineel")
    saved.reason = "aangepast"
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEvent.objects.bulk_update([saved], ["reason"])
    assert AuditEvent.objects.get(pk=saved.pk).reason == "origineel"


def test_a_copy_of_an_existing_event_is_not_written_over_it():
    saved = event(reason="origineel")
    copy = AuditEvent.objects.get(pk=saved.pk)
    copy._state.adding = True
    copy.reason = "aangepast"
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    assert AuditEvent.objects.get(pk=saved.pk).reason == "origineel"
