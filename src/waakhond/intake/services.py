"""Writes of the intake app: filing a complaint and recording its triage.

A complaint is committed in one transaction (complaint, attachments, first status line, its
triage and acknowledgement jobs on the database queue, and the audit event) before the caller
acknowledges it. With the immediate backend the jobs run after commit instead. If triage fails
the complaint stays "not yet triaged" and `triage_pending` retries it.

Filing is the public hot path, so it is kept to a few round trips in one transaction: the
organisation comes from an in-memory copy of the register (`organisation_index`), on PostgreSQL
the id is drawn before the INSERT so the reference goes in with the row (no second UPDATE), the
jobs go in with one INSERT, and the audit event comes last because it holds the audit chain's
lock until commit.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date

from django_tasks.backends.immediate import ImmediateBackend

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError

from . import organisation_index
from .models import (
    BAND_RANK,
    Attachment,
    Band,
    Channel,
    Complaint,
    PriorityDecision,
    State,
    StatusChange,
    TriageRecord,
    TriageStatus,
)
from .tokens import hash_status_token, new_status_token

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttachmentUpload:
    """A file already checked by `waakhond.intake.attachments.check_upload`."""

    name: str
    content: bytes
    content_type: str
    purpose: str = "evidence"


@dataclass(frozen=True)
class ComplaintSubmission:
    """What a complainant tells us, from the form or the API, already validated for shape."""

    description: str
    organisation_name: str
    complainant_name: str
    complainant_email: str
    complainant_phone: str = ""
    complainant_address: str = ""
    language: str = "nl"
    representative: str = "self"
    represented_person: str = ""
    representative_body: str = ""
    started_on: date | None = None
    ongoing: bool | None = None
    data_concerned: str = ""
    contacted_organisation: bool | None = None
    contacted_on: date | None = None
    organisation_response: str = ""
    desired_outcome: str = ""
    attachments: tuple[AttachmentUpload, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class FiledComplaint:
    complaint: Complaint
    status_token: str | None  # None when a double submit returned the earlier complaint
    duplicate_submit: bool = False


def format_reference(year: int, number: int) -> str:
    return f"WH-{year}-{number:06d}"


def submission_key_digest(*parts: str) -> str:
    """The stored form of an idempotency key: a SHA-256 over its scope and the key itself.

    Callers pass a scope first ("web", or "api" plus the complainant's e-mail address), so
    keys chosen by API clients never collide with keys from the web form or from another
    complainant, and any key length fits the column.
    """
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def complaint_create(
    *,
    submission: ComplaintSubmission,
    channel: str = Channel.WEB,
    submission_key: str | None = None,
    received_at=None,
) -> FiledComplaint:
    """File a complaint durably and return it with its one-time status token.

    A second call with the same `submission_key` (a double submit) returns the first complaint
    and no new token. Triage and the acknowledgement e-mail are queued in the same transaction
    (database queue) or run after commit (immediate backend).
    """
    if submission_key:
        existing = Complaint.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return FiledComplaint(complaint=existing, status_token=None, duplicate_submit=True)
    # The count limit is about evidence; a representative body's mandate comes on top of it.
    evidence = [a for a in submission.attachments if a.purpose != "mandate"]
    if len(evidence) > settings.WAAKHOND_ATTACHMENT_MAX_COUNT:
        raise ApplicationError(
            _("U kunt hoogstens %(max)d bijlagen meesturen.")
            % {"max": settings.WAAKHOND_ATTACHMENT_MAX_COUNT},
            field="attachments",
        )
    received_at = received_at or timezone.now()
    try:
        return _file(submission, channel, submission_key, received_at)
    except _StaleRegister:
        # An organisation from the in-memory register was deleted meanwhile: read it again.
        organisation_index.forget()
    try:
        return _file(submission, channel, submission_key, received_at)
    except _StaleRegister as stale:
        raise stale.__cause__  # noqa: B904 - the database's own error, as without the copy


class _StaleRegister(Exception):
    """The filing failed on an organisation id taken from the in-memory register copy."""


def _file(
    submission: ComplaintSubmission, channel: str, submission_key: str | None, received_at
) -> FiledComplaint:
    token = new_status_token()
    complaint = Complaint(
        received_at=received_at,
        channel=channel,
        submission_key=submission_key or None,
        complainant_name=submission.complainant_name,
        complainant_email=submission.complainant_email,
        complainant_phone=submission.complainant_phone,
        complainant_address=submission.complainant_address,
        language=submission.language if submission.language in {"nl", "en"} else "nl",
        representative=submission.representative,
        represented_person=submission.represented_person,
        representative_body=submission.representative_body,
        organisation_name=submission.organisation_name,
        description=submission.description,
        started_on=submission.started_on,
        ongoing=submission.ongoing,
        data_concerned=submission.data_concerned,
        contacted_organisation=submission.contacted_organisation,
        contacted_on=submission.contacted_on,
        organisation_response=submission.organisation_response,
        desired_outcome=submission.desired_outcome,
        status_token_hash=hash_status_token(token),
        state=State.RECEIVED,
    )
    complaint.next_deadline = _initial_deadline(complaint)
    complaint.organisation_id, cached_organisation = organisation_index.organisation_id_for(
        submission.organisation_name
    )
    stored_files: list[Attachment] = []
    try:
        with transaction.atomic():
            _insert_with_reference(complaint)
            for upload in submission.attachments:
                attachment = Attachment(
                    complaint=complaint,
                    original_name=upload.name[:255],
                    content_type=upload.content_type,
                    size=len(upload.content),
                    sha256=hashlib.sha256(upload.content).hexdigest(),
                    purpose=upload.purpose,
                )
                attachment.file.save(upload.name[-100:], ContentFile(upload.content), save=False)
                stored_files.append(attachment)
                attachment.save()
            StatusChange.objects.create(
                complaint=complaint, from_state="", to_state=State.RECEIVED, actor_label="system"
            )
            # Demo complaints have invented addresses, so no acknowledgement goes out; the demo
            # loader triages them itself, in the same transaction (see load_demo).
            if channel != Channel.DEMO:
                _queue_after_filing(complaint.pk)
            # Last: it holds the audit chain's lock until the commit.
            record_event(
                actor=None,
                event_type=AuditEventType.COMPLAINT_RECEIVED,
                obj=complaint,
                data={"reference": complaint.reference, "channel": channel},
            )
    except BaseException as error:
        # Nothing of a complaint that was not committed may stay behind, not even its files.
        _delete_files(stored_files)
        if not isinstance(error, IntegrityError):
            raise
        if submission_key:
            # Two identical submits raced each other: the other one won; return it.
            existing = Complaint.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return FiledComplaint(complaint=existing, status_token=None, duplicate_submit=True)
        if cached_organisation and complaint.organisation_id is not None:
            raise _StaleRegister from error
        raise
    return FiledComplaint(complaint=complaint, status_token=token)


def _insert_with_reference(complaint: Complaint) -> None:
    """INSERT the complaint with its reference, which is made from its id.

    PostgreSQL: the id is drawn from the table's own identity sequence first, so the row goes in
    whole. Elsewhere (SQLite, which serialises writers) the row is inserted, then given its
    reference.
    """
    connection = transaction.get_connection()
    year = timezone.localtime(complaint.received_at).year
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s))",
                [Complaint._meta.db_table, Complaint._meta.pk.column],
            )
            complaint.pk = cursor.fetchone()[0]
        complaint.reference = format_reference(year, complaint.pk)
        complaint.save(force_insert=True)
    else:
        complaint.save()
        complaint.reference = format_reference(year, complaint.pk)
        complaint.save(update_fields=["reference"])


def _delete_files(attachments: list[Attachment]) -> None:
    for attachment in attachments:
        try:
            attachment.file.delete(save=False)
        except Exception:  # cleaning up must not hide the original error
            logger.exception("Could not remove the file of an uncommitted attachment")


def _initial_deadline(complaint: Complaint) -> date:
    """The decision period of Awb 4:13 (8 weeks) until the case module sets real deadlines."""
    from datetime import timedelta

    return timezone.localdate(complaint.received_at) + timedelta(weeks=8)


def _queue_after_filing(complaint_id: int) -> None:
    """Triage and the acknowledgement for a complaint being filed. Never raises.

    The database queue takes both jobs in the filing transaction, with one INSERT: they commit
    with the complaint or not at all, and a worker sees them only after the commit. The immediate
    backend runs each job at once, so those run after commit, each on its own.
    """
    from .tasks import enqueue_together, send_acknowledgement, triage_complaint

    tasks = (triage_complaint, send_acknowledgement)
    if isinstance(triage_complaint.get_backend(), ImmediateBackend):
        transaction.on_commit(lambda: _run_after_filing(tasks, complaint_id))
        return
    try:
        enqueue_together(tasks, complaint_id)
    except Exception:
        # A job that cannot be made (checked before any SQL) must not refuse the complaint;
        # `triage_pending` picks it up. A database error here fails the filing like any of
        # its writes: nothing was acknowledged, nothing half-stored.
        if transaction.get_connection().needs_rollback:
            raise
        logger.exception("Could not queue the jobs for complaint %s", complaint_id)


def _run_after_filing(tasks, complaint_id: int) -> None:
    for task in tasks:
        try:
            task.enqueue(complaint_id)
        except Exception:  # a failing side effect must not undo or hide a filed complaint
            logger.exception("Could not run %s for complaint %s", task.name, complaint_id)


def complaint_record_triage(*, complaint: Complaint, result: dict) -> Complaint:
    """Store a triage result and copy its queue fields onto the complaint."""
    band = result["priority"]["band"]
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        record = TriageRecord.objects.create(
            complaint=complaint,
            engine_version=result["version"]["engine"],
            rules_version=result["version"]["rules"],
            result=result,
        )
        complaint.current_triage = record
        complaint.triage_status = TriageStatus.DONE
        complaint.triage_error = ""
        complaint.band_suggested = band
        if not complaint.priority_confirmed:
            complaint.band = band
        complaint.band_rank = BAND_RANK[complaint.band]
        complaint.score = result["priority"]["score"]
        complaint.lane_suggested = result.get("lane", "")
        controller = result.get("controller") or {}
        complaint.sector = controller.get("sector") or ""
        complaint.controller_type = controller.get("type") or ""
        complaint.category_tags = "|" + "|".join(result.get("categories", [])) + "|"
        from_state = complaint.state
        if complaint.state == State.RECEIVED:
            complaint.state = State.TRIAGED
        complaint.save()
        if from_state != complaint.state:
            StatusChange.objects.create(
                complaint=complaint,
                from_state=from_state,
                to_state=complaint.state,
                actor_label="system",
            )
        record_event(
            actor=None,
            event_type=AuditEventType.COMPLAINT_TRIAGED,
            obj=complaint,
            data={"band": band, "score": result["priority"]["score"], "record": record.pk},
        )
    return complaint


def complaint_record_triage_failure(*, complaint_id: int, error: str) -> None:
    """Count a failed attempt; the complaint stays visible as not yet triaged."""
    with transaction.atomic():
        Complaint.objects.filter(pk=complaint_id).update(
            triage_status=TriageStatus.FAILED,
            triage_attempts=F("triage_attempts") + 1,
            triage_error=error[:2000],
        )
        record_event(
            actor=None,
            event_type=AuditEventType.COMPLAINT_TRIAGE_FAILED,
            object_type="intake.complaint",
            object_id=str(complaint_id),
            data={"error": error[:500]},
        )


def complaint_set_priority(
    *, complaint: Complaint, actor, band: str, reason: str = ""
) -> Complaint:
    """Confirm the suggested band or override it; an override needs a reason."""
    from waakhond.accounts.access import can_change_priority, require

    require(can_change_priority(actor))
    if band not in Band.values:
        raise ApplicationError(_("Kies een prioriteit: hoog, middel of laag."), field="band")
    reason = (reason or "").strip()
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        is_override = band != complaint.band_suggested
        if is_override and not reason:
            raise ApplicationError(
                _("Geef een reden op als u de voorgestelde prioriteit aanpast."), field="reason"
            )
        before = complaint.band
        PriorityDecision.objects.create(
            complaint=complaint,
            actor=actor,
            action=PriorityDecision.Action.OVERRIDE
            if is_override
            else PriorityDecision.Action.CONFIRM,
            band_suggested=complaint.band_suggested,
            band_before=before,
            band_after=band,
            reason=reason,
        )
        complaint.band = band
        complaint.band_rank = BAND_RANK[band]
        complaint.priority_confirmed = True
        complaint.save(update_fields=["band", "band_rank", "priority_confirmed", "updated_at"])
        record_event(
            actor=actor,
            event_type=(
                AuditEventType.PRIORITY_OVERRIDDEN
                if is_override
                else AuditEventType.PRIORITY_CONFIRMED
            ),
            obj=complaint,
            reason=reason,
            data={"before": before, "after": band, "suggested": complaint.band_suggested},
        )
    return complaint


def complaint_log_view(*, complaint: Complaint, actor) -> None:
    """Every time a member of staff opens a complaint, it is logged."""
    record_event(actor=actor, event_type=AuditEventType.COMPLAINT_VIEWED, obj=complaint)


def attachment_log_view(*, complaint: Complaint, attachment: Attachment, actor) -> None:
    """Every download of an attachment by staff is logged against its complaint."""
    record_event(
        actor=actor,
        event_type=AuditEventType.ATTACHMENT_VIEWED,
        obj=complaint,
        data={"attachment": attachment.pk, "name": attachment.original_name},
    )
