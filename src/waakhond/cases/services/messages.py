"""Outgoing e-mail: queued in the case's transaction, delivered after commit, retried.

A mail server that is down never blocks a case: the case change commits first, the message is
a row (`OutgoingMessage`) and delivery runs afterwards. A failed delivery is recorded on the row
(`failed`, with the error, shown on the case) and retried with a growing pause; after
`MAX_ATTEMPTS` it is `gave_up` and an audit event says so. `deliver_messages` (command and
task) delivers whatever is due; a member of staff can retry a message at once.

Two workers never send the same message: a worker first claims the row by moving its
`next_attempt_at` forward in one conditional UPDATE, and only the worker whose UPDATE matched
sends it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
from collections.abc import Iterator

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from waakhond.accounts.access import case_roles_for, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint

from ..models import Letter, OutgoingMessage

logger = logging.getLogger(__name__)

#: Attempts before a message is given up; the pause after attempt n is BACKOFF[n - 1].
MAX_ATTEMPTS = 6
BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)
#: How long a claimed message is left alone by other workers while one sends it.
CLAIM_LEASE = dt.timedelta(minutes=5)

Status = OutgoingMessage.Status

_DELIVERY_HELD: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "waakhond_message_delivery_held", default=False
)


@contextlib.contextmanager
def delivery_held() -> Iterator[None]:
    """Messages queued inside this block stay queued: no delivery is started after commit;
    `deliver_messages` sends them when it next runs. For bulk work only (the demo loader, whose
    fictional complainants should not get hundreds of e-mails at start-up)."""
    token = _DELIVERY_HELD.set(True)
    try:
        yield
    finally:
        _DELIVERY_HELD.reset(token)


def message_queue(
    *,
    to: str,
    subject: str,
    body: str,
    complaint: Complaint | None = None,
    letter: Letter | None = None,
) -> OutgoingMessage:
    """Store a message and deliver it after commit; never raises because mail is down."""
    if not to:
        raise ApplicationError(
            _("Er is geen e-mailadres om het bericht naar te sturen."), field="to"
        )
    message = OutgoingMessage.objects.create(
        complaint=complaint,
        letter=letter,
        to=to,
        subject=subject[:300],
        body=body,
        status=Status.QUEUED,
    )
    message_id = message.pk
    if not _DELIVERY_HELD.get():
        transaction.on_commit(lambda: _enqueue_delivery(message_id))
    return message


def _enqueue_delivery(message_id: int) -> None:
    from ..tasks import deliver_message

    try:
        deliver_message.enqueue(message_id)
    except Exception:  # the message stays queued; deliver_messages picks it up later
        logger.exception("Could not enqueue delivery of message %s", message_id)


def _claim(message_id: int, *, now: dt.datetime, force: bool) -> bool:
    """Take the message for this worker; False when it is not due or someone else has it."""
    due = OutgoingMessage.objects.filter(pk=message_id)
    if force:
        due = due.exclude(status=Status.SENT)
    else:
        due = due.filter(status__in=[Status.QUEUED, Status.FAILED]).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )
    return due.update(next_attempt_at=now + CLAIM_LEASE) == 1


def message_deliver(*, message: OutgoingMessage, force: bool = False) -> OutgoingMessage:
    """Try to send one message now. Success: `sent`. Failure: `failed` with the error and the
    time of the next attempt, or `gave_up` after MAX_ATTEMPTS. Never raises on a mail error.

    `force` sends even when the next attempt is not due yet, or after giving up.
    """
    now = timezone.now()
    if not _claim(message.pk, now=now, force=force):
        message.refresh_from_db()
        return message
    message.refresh_from_db()
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
    )
    letter = message.letter
    if letter is not None and not letter.pdf:
        from .letters import letter_ensure_pdf

        try:
            letter = letter_ensure_pdf(letter=letter)
        except ApplicationError as exc:
            return _record_failure(message, f"PDF could not be made: {exc.message}")
    if letter is not None and letter.pdf:
        try:
            with letter.pdf.open("rb") as handle:
                email.attach(
                    f"{letter.complaint.reference}-{letter.kind}.pdf",
                    handle.read(),
                    "application/pdf",
                )
        except OSError as exc:
            return _record_failure(message, f"PDF not readable: {exc}")
    try:
        connection = get_connection(fail_silently=False)
        sent = connection.send_messages([email])
        if not sent:
            raise RuntimeError("the mail backend accepted no message")
    except Exception as exc:
        logger.warning("Delivery of message %s failed: %r", message.pk, exc)
        return _record_failure(message, repr(exc))
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=Status.SENT,
        attempts=message.attempts + 1,
        sent_at=timezone.now(),
        last_error="",
        next_attempt_at=None,
    )
    message.refresh_from_db()
    return message


def _record_failure(message: OutgoingMessage, error: str) -> OutgoingMessage:
    attempts = message.attempts + 1
    gave_up = attempts >= MAX_ATTEMPTS
    with transaction.atomic():
        OutgoingMessage.objects.filter(pk=message.pk).update(
            status=Status.GAVE_UP if gave_up else Status.FAILED,
            attempts=attempts,
            last_error=error[:2000],
            next_attempt_at=None
            if gave_up
            else timezone.now() + BACKOFF[min(attempts, len(BACKOFF)) - 1],
        )
        if gave_up:
            record_event(
                actor=None,
                event_type=AuditEventType.MESSAGE_GAVE_UP,
                obj=message,
                data={
                    "complaint": message.complaint_id,
                    "attempts": attempts,
                    "error": error[:300],
                },
            )
    message.refresh_from_db()
    return message


def messages_due(*, now: dt.datetime | None = None, limit: int = 200) -> list[int]:
    """Ids of messages waiting for a (next) attempt, oldest first."""
    now = now or timezone.now()
    return list(
        OutgoingMessage.objects.filter(status__in=[Status.QUEUED, Status.FAILED])
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )


def messages_deliver_due(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Deliver every message that is due; returns counts per resulting status."""
    counts: dict[str, int] = {}
    for message_id in messages_due(now=now, limit=limit):
        message = OutgoingMessage.objects.filter(pk=message_id).first()
        if message is None:
            continue
        result = message_deliver(message=message)
        counts[result.status] = counts.get(result.status, 0) + 1
    return counts


def message_retry(*, message: OutgoingMessage, actor) -> OutgoingMessage:
    """Staff retry a failed message at once (also one that was given up)."""
    complaint = message.complaint
    require(complaint is not None and bool(case_roles_for(actor, complaint)))
    if message.status == Status.SENT:
        raise ApplicationError(_("Dit bericht is al verzonden."))
    return message_deliver(message=message, force=True)
