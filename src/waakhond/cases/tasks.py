"""Background work of case handling. With the immediate backend these run right after commit;
with the database backend `make worker` runs them. The daily runs (reminders, due messages) are
started by the management commands of the same names, e.g. from cron or a systemd timer.
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def deliver_message(message_id: int) -> str:
    """Deliver one queued e-mail; a failure is recorded on the message, never raised."""
    from .models import OutgoingMessage
    from .services.messages import message_deliver

    message = OutgoingMessage.objects.filter(pk=message_id).first()
    if message is None:
        return "missing"
    return message_deliver(message=message).status


@task()
def deliver_due_messages() -> dict:
    """Deliver every message that is due (first attempts and retries)."""
    from .services.messages import messages_deliver_due

    return messages_deliver_due()


@task()
def send_deadline_reminders() -> int:
    """Remind handlers (or team leads) of deadlines at risk or overdue, once each."""
    from .services.reminders import deadline_reminders_send

    return len(deadline_reminders_send())
