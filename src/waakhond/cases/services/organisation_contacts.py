"""Quick intervention: the organisation's answer to the norm-explaining letter, and the
follow-up date on which the handler checks that the organisation did what it said.

The contact itself (`OrganisationContact`) is made with the letter to the organisation
(`letters.build_letter`). Its answer is recorded once, with the day it came in; the follow-up
date can be set and moved as long as the case is open. When the follow-up date arrives, the
daily reminder run e-mails the handler (`reminders.deadline_reminders_send`). The follow-up date
is a working date of the desk, not a legal deadline: it does not move `next_deadline`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from waakhond.accounts.access import can_work_on_case, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint, State

from ..models import OrganisationContact
from . import common

MAX_ANSWER_LENGTH = 20_000
#: The latest follow-up date that can be set, counted from today.
MAX_FOLLOW_UP_DAYS = 366

_FINISHED = {State.CLOSED, State.WITHDRAWN}


def _lock(contact: OrganisationContact, expected_version: str | None):
    """Access, the case lock and the contact re-read under it (call inside a transaction)."""
    complaint = contact.complaint
    locked = common.lock_case(complaint, expected_version=expected_version)
    if locked.state in _FINISHED:
        raise common.TransitionRefused(_("Deze zaak is beëindigd."))
    fresh = OrganisationContact.objects.select_for_update().get(pk=contact.pk)
    return locked, fresh


def organisation_answer_record(
    *,
    contact: OrganisationContact,
    actor,
    answer: str,
    received_on: dt.date,
    expected_version: str | None = None,
) -> OrganisationContact:
    """Record what the organisation answered to the letter, and the day it arrived. Once."""
    complaint: Complaint = contact.complaint
    common.require_visible(actor, complaint)
    require(can_work_on_case(actor, complaint))
    answer = (answer or "").strip()
    if not answer:
        raise ApplicationError(_("Schrijf op wat de organisatie antwoordde."), field="answer")
    if len(answer) > MAX_ANSWER_LENGTH:
        raise ApplicationError(_("Dit antwoord is te lang."), field="answer")
    with transaction.atomic():
        locked, fresh = _lock(contact, expected_version)
        if fresh.answer_received_on is not None:
            raise ApplicationError(
                _("Het antwoord van de organisatie is al vastgelegd op %(date)s.")
                % {"date": common.value_format(fresh.answer_received_on)},
                field="answer",
            )
        common.check_date(
            received_on,
            field="received_on",
            not_after=common.today(),
            not_before=fresh.sent_on,
            not_before_label=_("de brief aan de organisatie"),
        )
        fresh.answer = answer
        fresh.answer_received_on = received_on
        fresh.save(update_fields=["answer", "answer_received_on", "updated_at"])
        locked.save(update_fields=["updated_at"])
        # The log says that and when an answer came, not what it says.
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_ORGANISATION_CONTACT_CHANGED,
            obj=locked,
            data={
                "record": "answer",
                "contact": fresh.pk,
                "received_on": received_on.isoformat(),
            },
        )
    return fresh


def organisation_follow_up_set(
    *,
    contact: OrganisationContact,
    actor,
    follow_up_on: dt.date,
    reason: str = "",
    expected_version: str | None = None,
) -> OrganisationContact:
    """Set or move the day the handler checks whether the organisation complied."""
    complaint: Complaint = contact.complaint
    common.require_visible(actor, complaint)
    require(can_work_on_case(actor, complaint))
    reason = (reason or "").strip()
    with transaction.atomic():
        locked, fresh = _lock(contact, expected_version)
        today = common.today()
        if follow_up_on < today:
            raise ApplicationError(_("Kies een controledatum vanaf vandaag."), field="follow_up_on")
        if follow_up_on > today + dt.timedelta(days=MAX_FOLLOW_UP_DAYS):
            raise ApplicationError(
                _("Kies een controledatum binnen een jaar vanaf vandaag."), field="follow_up_on"
            )
        before = fresh.follow_up_on
        if before == follow_up_on:
            raise ApplicationError(_("Dit is al de controledatum."), field="follow_up_on")
        fresh.follow_up_on = follow_up_on
        fresh.save(update_fields=["follow_up_on", "updated_at"])
        locked.save(update_fields=["updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_ORGANISATION_CONTACT_CHANGED,
            obj=locked,
            reason=reason,
            data={
                "record": "follow_up",
                "contact": fresh.pk,
                "before": before.isoformat() if before else None,
                "after": follow_up_on.isoformat(),
            },
        )
    return fresh
