"""Writes of the complainant's side that are not case transitions.

* `portal_add_information`: the complainant adds words and files after filing. Stored as a
  `ComplainantMessage` (not a `cases.Note`: notes are internal) with `intake.Attachment` rows
  marked `added_by_complainant`. When the case was waiting for the complainant, the assigned
  handler is told by e-mail and the case service that restarts the clock is called.
* `portal_revoke_link`: staff, or the complainant, end the private status link at once; every
  session that entered through it loses access (see `access.py`).
* `portal_issue_new_link`: staff make a new link after a revocation (or a lost link); it is
  e-mailed to the complainant and returned once. It goes out directly, not through the case's
  outgoing-message queue, because that queue stores message bodies and a link must never be
  stored in readable form.
* `representative_access_create`: staff give a representative body (GDPR Art. 80) a link to the
  complaints it filed.

Withdrawal and objection are case transitions and belong to `waakhond.cases.services`; the
views call those directly.

Each write records its audit event in the same transaction; mail goes out after commit and a
failing mail server never undoes the change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from waakhond.accounts.access import PermissionDenied, case_roles_for
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.cases import deadlines as rules
from waakhond.cases import workflow
from waakhond.cases.models import RightsRequest
from waakhond.cases.services.deadline_records import case_resume
from waakhond.cases.services.transitions import return_state
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Attachment, ComplainantMessage, Complaint, Lane, State
from waakhond.intake.services import AttachmentUpload
from waakhond.intake.tokens import hash_status_token, new_status_token, status_url

from .models import RepresentativeAccess
from .selectors import ACCEPTS_INFORMATION

logger = logging.getLogger(__name__)

# Event types this module records that the closed list may not hold yet; the dotted names are
# the ones to add to `AuditEventType` (see the module docstring of `waakhond.audit.models`).
LINK_ISSUED = AuditEventType.PORTAL_LINK_ISSUED
REPRESENTATIVE_ACCESS_CREATED = AuditEventType.PORTAL_REPRESENTATIVE_ACCESS_CREATED


# --- Adding information -----------------------------------------------------------------------


def portal_add_information(
    *, complaint: Complaint, text: str, attachments: Sequence[AttachmentUpload] = ()
) -> ComplainantMessage:
    """Add the complainant's words and files (already checked by
    `waakhond.intake.attachments.check_upload`) to the complaint.

    Refused, with nothing stored, when there is nothing to add, when the text or the number of
    files is over the limit, or when the case no longer takes information (decided, closed,
    withdrawn).
    """
    text = (text or "").strip()
    attachments = tuple(attachments)
    if not text and not attachments:
        raise ApplicationError(
            _("Schrijf wat u wilt toevoegen, of kies een bestand."), field="text"
        )
    max_chars = settings.WAAKHOND_DESCRIPTION_MAX_CHARS
    if len(text) > max_chars:
        raise ApplicationError(
            _("Uw tekst is te lang. Gebruik hoogstens %(max)d tekens, of stuur een bestand mee.")
            % {"max": max_chars},
            field="text",
        )
    max_files = settings.WAAKHOND_ATTACHMENT_MAX_COUNT
    if len(attachments) > max_files:
        raise ApplicationError(
            _("U kunt hoogstens %(max)d bestanden tegelijk meesturen.") % {"max": max_files},
            field="attachments",
        )
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
            _require_accepts_information(locked)
            message = ComplainantMessage.objects.create(complaint=locked, text=text)
            for upload in attachments:
                attachment = Attachment(
                    complaint=locked,
                    original_name=upload.name[:255],
                    content_type=upload.content_type,
                    size=len(upload.content),
                    sha256=hashlib.sha256(upload.content).hexdigest(),
                    purpose=upload.purpose,
                    added_by_complainant=True,
                )
                attachment.file.save(upload.name[-100:], ContentFile(upload.content), save=False)
                stored.append(attachment)
                attachment.save()
            message.attachments.set(stored)
            was_waiting = locked.state == State.AWAITING_COMPLAINANT
            record_event(
                actor=None,
                event_type=AuditEventType.PORTAL_INFORMATION_ADDED,
                obj=locked,
                data={
                    "by": "complainant",
                    "message": message.pk,
                    "attachments": [a.pk for a in stored],
                    "characters": len(text),
                    "case_was_waiting": was_waiting,
                },
            )
            if was_waiting:
                _resume_case(locked)
                handler_id = locked.assigned_to_id
                reference = locked.reference
                transaction.on_commit(lambda: _tell_handler(handler_id, reference))
    except BaseException:
        # Nothing of an addition that was not committed may stay behind, not even its files.
        for attachment in stored:
            try:
                attachment.file.delete(save=False)
            except Exception:  # cleaning up must not hide the original error
                logger.exception("Could not remove the file of an uncommitted attachment")
        raise
    return message


def _require_accepts_information(complaint: Complaint) -> None:
    if complaint.state in ACCEPTS_INFORMATION:
        return
    if complaint.state == State.DECIDED:
        raise ApplicationError(
            _(
                "Over uw klacht is al een besluit genomen. Bent u het er niet mee eens? Maak dan "
                "bezwaar."
            ),
            field="text",
        )
    raise ApplicationError(
        _("Dit dossier is gesloten. U kunt er niets meer aan toevoegen."), field="text"
    )


def _resume_case(complaint: Complaint) -> None:
    """Restart the clock through the case service.

    The information has arrived, so the suspension of Awb 4:15(1)(a) ends today and the case
    returns to where it was (workflow row `information_received`, open to the complainant).
    """
    case_resume(complaint=complaint, actor=None, by_complainant=True)


def _tell_handler(handler_id: int | None, reference: str, *, what: str = "information") -> None:
    """E-mail the assigned handler that the complainant acted. Never raises.

    No words of the complainant go into the mail; the handler reads them in the case.
    """
    from django.contrib.auth import get_user_model

    handler = get_user_model().objects.filter(pk=handler_id).first() if handler_id else None
    if handler is None or not handler.email:
        logger.info("Complaint %s: no handler to tell by e-mail (%s)", reference, what)
        return
    with translation.override(settings.LANGUAGE_CODE):
        if what == "no_answer":
            subject = _("Klacht %(reference)s: de organisatie heeft niet geantwoord") % {
                "reference": reference
            }
            body = _(
                "De klager meldt via de statuslink dat de organisatie niet binnen een maand op "
                "het verzoek heeft geantwoord (AVG, artikel 12, lid 3). Klacht %(reference)s "
                "moet verder worden behandeld, bijvoorbeeld in een ander spoor."
            ) % {"reference": reference}
        else:
            subject = _("Klacht %(reference)s: de klager heeft informatie gestuurd") % {
                "reference": reference
            }
            body = _(
                "De klager heeft via de statuslink informatie toegevoegd aan klacht "
                "%(reference)s, waarop u wachtte. Bekijk de klacht in Waakhond."
            ) % {"reference": reference}
    try:
        send_mail(subject, body, None, [handler.email])
    except Exception:  # the addition is stored; a mail server that is down must not undo it
        logger.exception("Could not tell the handler of %s", reference)


# --- The status link --------------------------------------------------------------------------


def _require_staff_on_case(actor, complaint: Complaint) -> None:
    # Staff who may act on the case in some role (intake officer, its handler, a team lead).
    if not case_roles_for(actor, complaint):
        raise PermissionDenied(_("U heeft geen toestemming voor deze handeling."))


def portal_revoke_link(*, complaint: Complaint, actor, by_complainant: bool = False) -> Complaint:
    """End the private status link now. `actor` is the member of staff; the complainant acts
    through the link itself (`by_complainant=True`, no actor)."""
    if not by_complainant:
        _require_staff_on_case(actor, complaint)
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.status_token_revoked_at is None:
            locked.status_token_revoked_at = timezone.now()
            locked.save(update_fields=["status_token_revoked_at"])
            record_event(
                actor=None if by_complainant else actor,
                event_type=AuditEventType.PORTAL_LINK_REVOKED,
                obj=locked,
                data={"by": "complainant" if by_complainant else "staff"},
            )
    return locked


def portal_issue_new_link(*, complaint: Complaint, actor) -> str:
    """Make a new status link (the old one stops working), e-mail it to the complainant, and
    return its token once. Only staff issue links: they check who is asking."""
    _require_staff_on_case(actor, complaint)
    token = new_status_token()
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        previous_revoked = locked.status_token_revoked_at is not None
        locked.status_token_hash = hash_status_token(token)
        locked.status_token_revoked_at = None
        locked.save(update_fields=["status_token_hash", "status_token_revoked_at"])
        record_event(
            actor=actor,
            event_type=LINK_ISSUED,
            obj=locked,
            data={"previous_link_was_revoked": previous_revoked},
        )
        email, language, reference = locked.complainant_email, locked.language, locked.reference
        url = status_url(reference, token)
        transaction.on_commit(lambda: _mail_link(email, language, reference, url))
    return token


def _mail_link(email: str, language: str, reference: str, url: str) -> None:
    """Send the new link; the text is not kept anywhere. Never raises."""
    with translation.override(language if language in {"nl", "en"} else "nl"):
        subject = _("Uw nieuwe statuslink voor klacht %(reference)s") % {"reference": reference}
        body = _(
            "U krijgt een nieuwe link om uw klacht %(reference)s te volgen:\n\n%(url)s\n\n"
            "De oude link werkt niet meer. Deel deze link met niemand. Met de link kunt u uw "
            "klacht bekijken, iets toevoegen of de klacht intrekken.\n\n"
            "Heeft u niet om een nieuwe link gevraagd? Neem dan contact met ons op en noem uw "
            "kenmerk."
        ) % {"reference": reference, "url": url}
    try:
        send_mail(subject, body, None, [email])
    except Exception:
        logger.exception("Could not e-mail the new status link of %s", reference)


# --- Representative bodies --------------------------------------------------------------------


def representative_link(token: str) -> str:
    return f"{settings.WAAKHOND_BASE_URL}/status/organisatie/{token}/"


def representative_access_create(
    *, name: str, email: str, actor=None
) -> tuple[RepresentativeAccess, str]:
    """Give a representative body a private link; returns the access and its token (shown
    once). Earlier links of the same address stay valid until revoked."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    name, email = (name or "").strip(), (email or "").strip()
    if not name:
        raise ApplicationError(_("Geef de naam van de organisatie op."), field="name")
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError(_("Geef een geldig e-mailadres op."), field="email") from None
    token = new_status_token()
    with transaction.atomic():
        access = RepresentativeAccess(
            name=name, email=email, token_hash=hash_status_token(token), created_by=actor
        )
        access.full_clean()
        access.save()
        record_event(
            actor=actor,
            event_type=REPRESENTATIVE_ACCESS_CREATED,
            obj=access,
            data={"name": name, "email": email},
        )
    return access, token


# --- Ask the organisation first ---------------------------------------------------------------


def _lock_request(complaint: Complaint, request: RightsRequest) -> tuple[Complaint, RightsRequest]:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    # Only a request of this very complaint, never one of another.
    found = (
        RightsRequest.objects.select_for_update().filter(pk=request.pk, complaint=locked).first()
    )
    if found is None or locked.lane != Lane.ASK_ORGANISATION_FIRST:
        raise ApplicationError(_("Dit verzoek hoort niet bij deze klacht."))
    if locked.state in {State.DECIDED, State.CLOSED, State.WITHDRAWN}:
        raise ApplicationError(_("Dit dossier is gesloten. U kunt er niets meer aan veranderen."))
    return locked, found


def portal_record_request_sent(
    *, complaint: Complaint, request: RightsRequest, sent_on: dt.date
) -> RightsRequest:
    """The complainant tells us on which day they sent the request letter to the organisation;
    the GDPR Art. 12(3) month runs from then."""
    today = timezone.localdate()
    with transaction.atomic():
        locked, found = _lock_request(complaint, request)
        if sent_on > today:
            raise ApplicationError(
                _("Deze datum ligt in de toekomst. Vul de dag in waarop u de brief verstuurde."),
                field="sent_on",
            )
        if found.created_at and sent_on < timezone.localdate(found.created_at):
            raise ApplicationError(
                _("Deze datum ligt vóór de dag waarop wij u de brief stuurden."), field="sent_on"
            )
        if found.sent_by_complainant_on is not None:
            raise ApplicationError(_("U heeft de datum al doorgegeven."), field="sent_on")
        found.sent_by_complainant_on = sent_on
        found.save(update_fields=["sent_by_complainant_on", "updated_at"])
        record_event(
            actor=None,
            event_type=AuditEventType.PORTAL_INFORMATION_ADDED,
            obj=locked,
            data={
                "by": "complainant",
                "kind": "request_sent",
                "request": found.pk,
                "sent_on": sent_on,
            },
        )
    return found


def portal_reopen_after_request(*, complaint: Complaint, request: RightsRequest) -> Complaint:
    """One click: the organisation did not answer the complainant's request within the month
    of GDPR Art. 12(3), so the complaint is handled again.

    A case that waits for the complainant's report (`awaiting_complainant`) returns to its lane
    through the workflow row `information_received`, which the complainant may use, and the
    clock runs again. A case still in its lane does not change state; the complainant may not
    change a lane (`change_lane` is for handlers), so the handler is told to continue it.
    Either way the request is marked reopened and the handler gets an e-mail.
    """
    today = timezone.localdate()
    with transaction.atomic():
        locked, found = _lock_request(complaint, request)
        if found.reopened_at is not None:
            raise ApplicationError(_("U heeft dit al gemeld. Wij behandelen uw klacht weer."))
        if found.sent_by_complainant_on is None:
            raise ApplicationError(_("Geef eerst door wanneer u het verzoek verstuurde."))
        due = rules.controller_response_deadline(found.sent_by_complainant_on).due
        if today <= due:
            raise ApplicationError(
                _(
                    "De organisatie heeft nog tot en met %(date)s de tijd om te antwoorden (AVG, "
                    "artikel 12, lid 3). Daarna kunt u hier uw klacht weer laten behandelen."
                )
                % {"date": date_format(due, "j F Y")}
            )
        found.reopened_at = timezone.now()
        found.save(update_fields=["reopened_at", "updated_at"])
        record_event(
            actor=None,
            event_type=AuditEventType.PORTAL_INFORMATION_ADDED,
            obj=locked,
            data={
                "by": "complainant",
                "kind": "no_answer_from_organisation",
                "request": found.pk,
                "answer_was_due": due,
            },
        )
        if locked.state == State.AWAITING_COMPLAINANT:
            # The table must allow the complainant this move; it raises if it does not.
            workflow.check_transition(locked.state, return_state(locked), workflow.Role.COMPLAINANT)
            case_resume(complaint=locked, actor=None, by_complainant=True)
        handler_id, reference = locked.assigned_to_id, locked.reference
        transaction.on_commit(lambda: _tell_handler(handler_id, reference, what="no_answer"))
    return Complaint.objects.get(pk=locked.pk)
