"""Reminders about deadlines at risk or overdue, sent once per deadline and status.

The daily run (`send_deadline_reminders`, command and task) first refreshes the stored next
deadline of waiting and suspended cases (their dates move each day), then e-mails the handler
of each case with a deadline at risk (at most five working days away) or overdue; unassigned
cases go to every team lead. Each reminder is an audit event (`case.deadline.reminder_sent`)
naming the deadline, its date and its status; a reminder already recorded is not sent again,
so an at-risk deadline gets one reminder, and one more when it becomes overdue.

The same run reminds the handler when the follow-up date of a quick intervention arrives
(`OrganisationContact.follow_up_on`, key `organisation_follow_up`, status `due`): once per
contact and date, as long as the case is open and the step "check compliance" is not done.
Moving the follow-up date gives a new reminder on the new date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from waakhond.accounts.roles import TEAM_LEAD
from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.audit.services import record_event
from waakhond.intake.models import Complaint, State

from ..models import OrganisationContact
from ..selectors_deadlines import cases_at_risk
from . import common
from .deadline_records import case_refresh_next_deadline
from .messages import message_queue


@dataclass(frozen=True)
class Reminder:
    reference: str
    key: str
    label: str
    due: dt.date
    status: str
    recipients: tuple[str, ...]


def _already_sent(complaint: Complaint, key: str, due: dt.date, status: str) -> bool:
    return AuditEvent.objects.filter(
        event_type=AuditEventType.CASE_REMINDER_SENT,
        object_type=complaint._meta.label_lower,
        object_id=str(complaint.pk),
        data__key=key,
        data__due=due.isoformat(),
        data__status=status,
    ).exists()


def _recipients(complaint: Complaint) -> tuple[str, ...]:
    if (
        complaint.assigned_to is not None
        and complaint.assigned_to.is_active
        and complaint.assigned_to.email
    ):
        return (complaint.assigned_to.email,)
    leads = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=TEAM_LEAD)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    return tuple(dict.fromkeys(leads))


def _case_url(complaint: Complaint) -> str:
    try:
        path = reverse("cases:complaint", args=[complaint.reference])
    except NoReverseMatch:
        path = reverse("handling:case", args=[complaint.reference])
    return f"{settings.WAAKHOND_BASE_URL}{path}"


FOLLOW_UP_KEY = "organisation_follow_up"
#: States in which a follow-up with the organisation still asks something of the handler.
_FOLLOW_UP_STATES = (
    State.TRIAGED,
    State.IN_LANE,
    State.AWAITING_COMPLAINANT,
    State.SUSPENDED,
)


def follow_ups_due(*, today: dt.date) -> list[OrganisationContact]:
    """Contacts whose follow-up date has arrived, on open cases whose check is not yet done,
    and that have had no reminder for this date."""
    contacts = (
        OrganisationContact.objects.filter(
            follow_up_on__lte=today, complaint__state__in=_FOLLOW_UP_STATES
        )
        .exclude(complaint__steps_done__step="check_follow_up")
        .select_related("complaint", "complaint__assigned_to")
        .order_by("follow_up_on", "id")
    )
    return [
        contact
        for contact in contacts
        if not AuditEvent.objects.filter(
            event_type=AuditEventType.CASE_REMINDER_SENT,
            object_type=contact.complaint._meta.label_lower,
            object_id=str(contact.complaint_id),
            data__key=FOLLOW_UP_KEY,
            data__contact=contact.pk,
            data__due=contact.follow_up_on.isoformat(),
        ).exists()
    ]


def _send_follow_up_reminders(*, today: dt.date, dry_run: bool) -> list[Reminder]:
    reminders: list[Reminder] = []
    label = _("Controledatum snelle interventie")
    for contact in follow_ups_due(today=today):
        complaint = contact.complaint
        recipients = _recipients(complaint)
        reminders.append(
            Reminder(
                reference=complaint.reference,
                key=FOLLOW_UP_KEY,
                label=str(label),
                due=contact.follow_up_on,
                status="due",
                recipients=recipients,
            )
        )
        if dry_run:
            continue
        with transaction.atomic():
            subject = _("Controledatum bereikt: zaak %(reference)s") % {
                "reference": complaint.reference
            }
            body = _(
                "Vandaag of eerder (%(due)s) is de controledatum van de snelle interventie in zaak "
                "%(reference)s (%(organisation)s). Controleer of de organisatie heeft gedaan wat "
                "zij toezegde, en leg dat vast.\n\n%(url)s\n"
            ) % {
                "due": common.value_format(contact.follow_up_on),
                "reference": complaint.reference,
                "organisation": complaint.organisation_name,
                "url": _case_url(complaint),
            }
            for to in recipients:
                message_queue(complaint=complaint, to=to, subject=subject, body=body)
            record_event(
                actor=None,
                event_type=AuditEventType.CASE_REMINDER_SENT,
                obj=complaint,
                data={
                    "key": FOLLOW_UP_KEY,
                    "contact": contact.pk,
                    "due": contact.follow_up_on.isoformat(),
                    "status": "due",
                    "recipients": len(recipients),
                },
            )
    return reminders


def deadline_reminders_send(
    *, today: dt.date | None = None, dry_run: bool = False
) -> list[Reminder]:
    """Send the reminders that are due; with `dry_run`, only list them and change nothing."""
    today = today or common.today()
    if not dry_run:
        for complaint in Complaint.objects.filter(
            state__in=[State.AWAITING_COMPLAINANT, State.SUSPENDED]
        ):
            case_refresh_next_deadline(complaint=complaint, today=today)
    reminders: list[Reminder] = []
    for item in cases_at_risk(today=today):
        complaint = item.complaint
        for row in item.flagged:
            if _already_sent(complaint, row.key, row.due, row.status):
                continue
            recipients = _recipients(complaint)
            reminder = Reminder(
                reference=complaint.reference,
                key=row.key,
                label=row.label,
                due=row.due,
                status=row.status,
                recipients=recipients,
            )
            reminders.append(reminder)
            if dry_run:
                continue
            with transaction.atomic():
                subject = (
                    _("Termijn verlopen: %(label)s, zaak %(reference)s")
                    if row.status == "overdue"
                    else _("Termijn dreigt te verlopen: %(label)s, zaak %(reference)s")
                ) % {"label": row.label, "reference": complaint.reference}
                body = _(
                    "%(label)s in zaak %(reference)s (%(organisation)s): uiterlijk %(due)s "
                    "(%(basis)s). Status: %(status)s.\n\nWaarom deze datum: %(explanation)s\n\n"
                    "%(url)s\n"
                ) % {
                    "label": row.label,
                    "reference": complaint.reference,
                    "organisation": complaint.organisation_name,
                    "due": common.value_format(row.due),
                    "basis": row.basis,
                    "status": row.status_label,
                    "explanation": row.explanation,
                    "url": _case_url(complaint),
                }
                for to in recipients:
                    message_queue(complaint=complaint, to=to, subject=subject, body=body)
                record_event(
                    actor=None,
                    event_type=AuditEventType.CASE_REMINDER_SENT,
                    obj=complaint,
                    data={
                        "key": row.key,
                        "due": row.due.isoformat(),
                        "status": row.status,
                        "recipients": len(recipients),
                    },
                )
    reminders.extend(_send_follow_up_reminders(today=today, dry_run=dry_run))
    return reminders
