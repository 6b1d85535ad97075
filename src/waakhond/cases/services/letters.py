"""Making and sending letters of a case.

A letter is made in full or not at all: the template is rendered strictly and the PDF is made
before anything is written (`waakhond.cases.letters`); only then are the letter row, its PDF
file and the audit event stored, in one transaction. Sending queues an e-mail with the PDF
attached; delivery happens after commit (`messages.py`).
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from waakhond.accounts.access import can_work_on_case, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint

from .. import letters as texts
from ..models import Letter, LetterTemplate, OrganisationContact, OutgoingMessage, RightsRequest
from ..selectors import complaint_current_decision
from ..selectors_deadlines import objection_link_of
from ..workflow import LANES, OBJECTION_PROCEDURE, Lane, LetterKind
from . import common
from .common import refresh_next_deadline
from .messages import message_queue

#: Letters a case may get before it is in a lane.
BEFORE_LANE = (LetterKind.ACKNOWLEDGEMENT, LetterKind.INFORMATION_REQUEST)


def allowed_letter_kinds(complaint: Complaint) -> tuple[LetterKind, ...]:
    """The letters of the case's lane (or of the objection procedure)."""
    if objection_link_of(complaint) is not None:
        return OBJECTION_PROCEDURE.letters
    if complaint.lane:
        return LANES[Lane(complaint.lane)].letters
    return BEFORE_LANE


def build_letter(
    *,
    complaint: Complaint,
    kind: str,
    actor,
    language: str | None = None,
    extra: dict | None = None,
) -> Letter:
    """Make one letter inside the caller's transaction. No access check: callers check."""
    language = language if language in texts.LANGUAGES else (complaint.language or "nl")
    if language not in texts.LANGUAGES:
        language = "nl"
    extra = dict(extra or {})
    template = LetterTemplate.objects.filter(kind=kind, language=language).first()
    if template is None:
        raise ApplicationError(
            _("Er is geen sjabloon voor deze brief in deze taal. Vraag een beheerder het te maken.")
        )
    right = None
    if kind == LetterKind.REQUEST_LETTER:
        right = extra.get("right") or ""
        if right not in RightsRequest.Right.values:
            raise ApplicationError(
                _("Kies het recht waar de klager de organisatie om vraagt."), field="right"
            )
        with translation.override(language):
            extra["right"] = str(RightsRequest.Right(right).label)
    context = texts.letter_context(complaint, kind=kind, language=language, extra=extra)
    rendered = texts.render_text(
        kind=kind, subject=template.subject, body=template.body, context=context
    )
    recipient = texts.RECIPIENTS.get(LetterKind(kind), "complainant")
    pdf = (
        None
        if texts.pdfs_are_deferred()
        else texts.letter_pdf(
            complaint=complaint,
            subject=rendered.subject,
            body=rendered.body,
            language=language,
            recipient=recipient,
        )
    )
    with transaction.atomic():
        letter = Letter.objects.create(
            complaint=complaint,
            kind=kind,
            language=language,
            recipient=recipient,
            subject=rendered.subject,
            body=rendered.body,
            visible_to_complainant=recipient == "complainant",
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if pdf is not None:
            letter.pdf.save(
                f"{complaint.reference}-{kind}-{letter.pk}.pdf", ContentFile(pdf), save=True
            )
        if right is not None:
            RightsRequest.objects.create(complaint=complaint, right=right, letter=letter)
        if kind == LetterKind.ORGANISATION_LETTER:
            reply_by = extra.get("reply_by")
            OrganisationContact.objects.create(
                complaint=complaint,
                sent_on=common.today(),
                follow_up_on=reply_by if isinstance(reply_by, dt.date) else None,
                letter=letter,
            )
        record_event(
            actor=actor,
            event_type=AuditEventType.LETTER_CREATED,
            obj=complaint,
            data={"letter": letter.pk, "kind": kind, "language": language},
        )
    return letter


def letter_create(
    *,
    complaint: Complaint,
    kind: str,
    actor,
    language: str | None = None,
    extra: dict | None = None,
) -> Letter:
    """A handler makes a letter of the case's lane; it is stored with its PDF, not yet sent.

    Decision letters are made by `case_decide`, the objection acknowledgement by
    `objection_open`; making one again here (e.g. a copy) needs the decision or objection.
    """
    common.require_visible(actor, complaint)
    require(can_work_on_case(actor, complaint))
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=None)
        if kind not in {k.value for k in LetterKind}:
            raise ApplicationError(_("Onbekende soort brief."), field="kind")
        if kind not in allowed_letter_kinds(locked):
            raise ApplicationError(
                _("Deze brief hoort niet bij het behandelspoor van deze zaak."), field="kind"
            )
        if kind in texts.DECISION_KINDS and complaint_current_decision(locked) is None:
            raise ApplicationError(
                _("Een besluitbrief wordt gemaakt wanneer u het besluit neemt."), field="kind"
            )
        if kind == LetterKind.OBJECTION_ACKNOWLEDGEMENT and objection_link_of(locked) is None:
            raise ApplicationError(_("Deze zaak is geen bezwaar."), field="kind")
        letter = build_letter(
            complaint=locked, kind=kind, actor=actor, language=language, extra=extra
        )
        refresh_next_deadline(locked)
    return letter


def letter_ensure_pdf(*, letter: Letter) -> Letter:
    """Make and store the PDF of a letter that was made without one (`letters.pdfs_deferred`),
    from its stored text and dated the day the letter was made. Callers check access; a letter
    that has its PDF is returned as it is."""
    if letter.pdf:
        return letter
    complaint = letter.complaint
    pdf = texts.letter_pdf(
        complaint=complaint,
        subject=letter.subject,
        body=letter.body,
        language=letter.language,
        recipient=letter.recipient,
        dated=timezone.localdate(letter.created_at),
    )
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if not locked.pdf:  # someone else may have made it meanwhile
            locked.pdf.save(
                f"{complaint.reference}-{letter.kind}-{letter.pk}.pdf", ContentFile(pdf), save=True
            )
    letter.refresh_from_db()
    return letter


def send_letter(letter: Letter, *, to: str | None = None) -> OutgoingMessage:
    """Queue the letter as e-mail with its PDF, inside the caller's transaction."""
    complaint = letter.complaint
    if letter.recipient == Letter.Recipient.COMPLAINANT:
        to = to or complaint.complainant_email
    if not to:
        raise ApplicationError(
            _("Vul het e-mailadres van de organisatie in, of stuur deze brief per post."),
            field="to",
        )
    return message_queue(
        complaint=complaint, letter=letter, to=to, subject=letter.subject, body=letter.body
    )


def letter_send(*, letter: Letter, actor, to: str | None = None) -> OutgoingMessage:
    """A handler sends a letter by e-mail (delivered after commit, retried when mail is down)."""
    complaint = letter.complaint
    common.require_visible(actor, complaint)
    require(can_work_on_case(actor, complaint))
    with transaction.atomic():
        common.lock_case(complaint, expected_version=None)
        message = send_letter(letter, to=(to or "").strip() or None)
        record_event(
            actor=actor,
            event_type=AuditEventType.LETTER_SENT,
            obj=complaint,
            data={"letter": letter.pk, "kind": letter.kind, "message": message.pk},
        )
    return message
