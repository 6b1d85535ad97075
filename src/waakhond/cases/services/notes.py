"""Internal notes on a case, by staff; never shown to the complainant."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from waakhond.accounts.access import can_add_note, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint

from ..models import Note
from . import common

MAX_NOTE_LENGTH = 10_000


def case_note_add(*, complaint: Complaint, actor, text: str) -> Note:
    """Add an internal note (appended, never edited)."""
    common.require_visible(actor, complaint)
    require(can_add_note(actor, complaint))
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Schrijf een notitie."), field="text")
    if len(text) > MAX_NOTE_LENGTH:
        raise ApplicationError(_("Een notitie is te lang."), field="text")
    with transaction.atomic():
        note = Note.objects.create(complaint=complaint, author=actor, text=text)
        # The audit log records that a note was added, not what it says.
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_NOTE_ADDED,
            obj=complaint,
            data={"note": note.pk},
        )
    return note
