"""The records that move a case's deadlines: suspensions, extension notices, a notice of
default, the deferral of a decision on an objection; and keeping `complaint.next_deadline` in
step with them.

Each record is checked against the rules (`waakhond.cases.deadlines`) before the transaction
commits: a date the rules refuse (an extension notice after the period ended, a notice of
default before it, a suspension in the future) rolls the whole change back.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from waakhond.accounts.access import can_work_on_case, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint, State

from .. import deadlines as rules
from ..models import DefaultNotice, ExtensionNotice
from ..selectors_deadlines import complaint_deadlines, objection_link_of
from ..workflow import LetterKind
from . import common
from .transitions import PAUSED, move, return_state

logger = logging.getLogger(__name__)

#: The latest new decision date an extension notice may name (a reasonable date, Awb 4:14(3)).
MAX_EXTENSION_DAYS = 366


def case_refresh_next_deadline(
    *, complaint: Complaint, today: dt.date | None = None
) -> dt.date | None:
    """Recompute and store `complaint.next_deadline` outside a change (e.g. the daily run, as
    dates of an open suspension move each day). Logs and keeps the old value when the records
    contradict each other, which a service would have refused."""
    try:
        with transaction.atomic():
            return common.refresh_next_deadline(complaint, today_=today)
    except ApplicationError:
        logger.exception("Next deadline of %s not refreshed", complaint.reference)
        return complaint.next_deadline


def case_suspend(
    *,
    complaint: Complaint,
    actor,
    reason: str = "",
    starts_on: dt.date | None = None,
    basis: str = "",
    request_information: bool = False,
    questions: str = "",
    reply_by: dt.date | None = None,
    expected_version: str | None = None,
):
    """Stop the decision clock: ask the complainant for information (state
    `awaiting_complainant`, Awb 4:5 and 4:15(1)(a); a letter with the questions is made and
    sent) or suspend on another ground (state `suspended`, Awb 4:15(2); a reason is required).
    """
    common.require_visible(actor, complaint)
    questions = (questions or "").strip()
    if request_information and not questions:
        raise ApplicationError(
            _("Schrijf op welke informatie u van de klager nodig heeft."), field="questions"
        )
    to_state = State.AWAITING_COMPLAINANT if request_information else State.SUSPENDED
    from .letters import build_letter, send_letter

    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        if reply_by is not None and reply_by <= common.today():
            raise ApplicationError(_("Kies een datum na vandaag."), field="reply_by")
        move(
            locked,
            to_state=to_state,
            actor=actor,
            reason=reason or (questions if request_information else ""),
            on_date=starts_on,
            basis=basis,
            data={"starts_on": (starts_on or common.today()).isoformat()},
        )
        if request_information:
            letter = build_letter(
                complaint=locked,
                kind=LetterKind.INFORMATION_REQUEST,
                actor=actor,
                extra={"text": questions, "reply_by": reply_by},
            )
            send_letter(letter)
        common.refresh_next_deadline(locked)
    return locked


def case_resume(
    *,
    complaint: Complaint,
    actor,
    ends_on: dt.date | None = None,
    by_complainant: bool = False,
    expected_version: str | None = None,
):
    """Restart the decision clock: the information arrived (or the period for it passed), or
    the ground for suspension ended. The case returns to the state it came from."""
    if not by_complainant:
        common.require_visible(actor, complaint)
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        if locked.state not in PAUSED:
            raise common.TransitionRefused(_("Deze zaak wacht nergens op en staat niet stil."))
        move(
            locked,
            to_state=return_state(locked),
            actor=None if by_complainant else actor,
            by_complainant=by_complainant,
            on_date=ends_on,
            data={"ends_on": (ends_on or common.today()).isoformat()},
        )
        common.refresh_next_deadline(locked)
    return locked


def _current_due(complaint: Complaint, key: str) -> dt.date | None:
    """The due date now in force of the complaint's deadline `key`, if it has one."""
    for deadline in complaint_deadlines(complaint, today=common.today()):
        if deadline.key == key:
            return deadline.due
    return None


def case_extend(
    *,
    complaint: Complaint,
    actor,
    new_due_on: dt.date,
    reason: str,
    expected_version: str | None = None,
):
    """Record the Awb 4:14(3) notice: within the decision period the complainant is told the
    decision comes later, with a reasonable new date. A progress letter with the new date and
    the reason is made and sent; the decision date moves.

    A further notice is possible when the named date again cannot be met: it must be given on
    or before the date in force (the one named last) and name a later date. The latest notice
    names the date that counts (see `deadlines.case_deadlines`)."""
    from .letters import build_letter, send_letter

    common.require_visible(actor, complaint)
    require(can_work_on_case(actor, complaint))
    reason = common.clean_reason(reason, required=True)
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        today = common.today()
        if locked.state in {
            State.DECIDED,
            State.CLOSED,
            State.WITHDRAWN,
            State.REFERRED,
            State.OBJECTION,
        }:
            raise common.TransitionRefused(
                _(
                    "Alleen een klacht waarop nog beslist moet worden, kan een nieuwe beslisdatum krijgen."
                )
            )
        extended_before = locked.extension_notices.exists()
        try:
            current = _current_due(locked, "decision")
        except rules.DeadlineError as exc:
            raise ApplicationError(str(exc)) from exc
        if current is not None and today > current and extended_before:
            raise ApplicationError(
                _(
                    "De eerder genoemde beslisdatum %(date)s is verstreken. Een nieuwe datum moet "
                    "worden genoemd voordat de geldende datum voorbij is (artikel 4:14, derde lid, "
                    "Awb)."
                )
                % {"date": common.value_format(current)},
                field="new_due_on",
            )
        if current is not None and today > current:
            raise ApplicationError(
                _(
                    "De beslistermijn is op %(date)s verstreken. Een nieuwe datum moet binnen de "
                    "termijn worden genoemd (artikel 4:14, derde lid, Awb)."
                )
                % {"date": common.value_format(current)},
                field="new_due_on",
            )
        if current is not None and new_due_on <= current:
            raise ApplicationError(
                _("De nieuwe datum moet na de huidige beslisdatum (%(date)s) liggen.")
                % {"date": common.value_format(current)},
                field="new_due_on",
            )
        if new_due_on > today + dt.timedelta(days=MAX_EXTENSION_DAYS):
            raise ApplicationError(
                _("Kies een redelijke datum, binnen een jaar vanaf vandaag."), field="new_due_on"
            )
        notice = ExtensionNotice.objects.create(
            complaint=locked,
            given_on=today,
            new_due_on=new_due_on,
            reason=reason,
            created_by=actor,
        )
        letter = build_letter(
            complaint=locked,
            kind=LetterKind.PROGRESS_NOTICE,
            actor=actor,
            extra={"text": reason, "new_due_on": new_due_on},
        )
        send_letter(letter)
        locked.save(update_fields=["updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_DEADLINE_CHANGED,
            obj=locked,
            reason=reason,
            data={
                "record": "extension_notice",
                "id": notice.pk,
                "repeated": extended_before,
                "before": current,
                "after": new_due_on,
            },
        )
        common.refresh_next_deadline(locked)
    return notice


def case_register_default_notice(
    *,
    complaint: Complaint,
    actor,
    received_on: dt.date,
    expected_version: str | None = None,
):
    """Record a written notice of default (ingebrekestelling, Awb 4:17) from the complainant.

    It counts only once the decision period has passed; from two weeks after receipt a penalty
    runs for each day without a decision (at most 42 days)."""
    common.require_visible(actor, complaint)
    require(can_work_on_case(actor, complaint))
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        today = common.today()
        common.check_date(
            received_on,
            field="received_on",
            not_after=today,
            not_before=timezone.localdate(locked.received_at),
            not_before_label=_("de ontvangst van de klacht"),
        )
        if locked.state in {State.DECIDED, State.CLOSED, State.WITHDRAWN, State.OBJECTION}:
            raise common.TransitionRefused(
                _(
                    "Op deze zaak is al beslist of zij is beëindigd; een ingebrekestelling past hier niet."
                )
            )
        if locked.default_notices.exists():
            raise ApplicationError(
                _("Er is al een ingebrekestelling vastgelegd."), field="received_on"
            )
        try:
            current = _current_due(locked, "decision")
        except rules.DeadlineError as exc:
            raise ApplicationError(str(exc)) from exc
        if current is not None and received_on <= current:
            raise ApplicationError(
                _(
                    "Een ingebrekestelling telt pas na het einde van de beslistermijn (%(date)s); "
                    "deze is eerder ontvangen (artikel 4:17 Awb)."
                )
                % {"date": common.value_format(current)},
                field="received_on",
            )
        notice = DefaultNotice.objects.create(
            complaint=locked, received_on=received_on, created_by=actor
        )
        locked.save(update_fields=["updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_DEADLINE_CHANGED,
            obj=locked,
            data={"record": "default_notice", "id": notice.pk, "received_on": received_on},
        )
        common.refresh_next_deadline(locked)
    return notice


def objection_defer(
    *,
    complaint: Complaint,
    actor,
    weeks: int,
    reason: str,
    expected_version: str | None = None,
):
    """Defer the decision on an objection once, by at most six weeks (Awb 7:10(3)).

    `complaint` is the objection case. The deferral must be made while the decision period
    still runs, and the objector is told in writing: a letter (`objection_deferral`) with the
    new date and the reason is made and sent. A second deferral, or one longer than six weeks,
    is refused: a further delay needs the consent of the parties (Awb 7:10(4)).
    """
    from .letters import build_letter, send_letter

    common.require_visible(actor, complaint)
    require(can_work_on_case(actor, complaint))
    reason = common.clean_reason(reason, required=True)
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        link = objection_link_of(locked)
        if link is None:
            raise common.TransitionRefused(
                _("Alleen de beslissing op een bezwaar kan worden verdaagd.")
            )
        if locked.state not in {State.OBJECTION, State.AWAITING_COMPLAINANT, State.SUSPENDED}:
            raise common.TransitionRefused(
                _("Op dit bezwaar is al beslist of het is beëindigd; verdagen kan niet meer.")
            )
        if link.deferral_weeks:
            raise ApplicationError(
                _(
                    "De beslissing op dit bezwaar is al eens verdaagd (met %(weeks)s weken). De wet "
                    "staat één verdaging toe (artikel 7:10, derde lid, Awb); langer uitstellen kan "
                    "alleen met instemming van de bezwaarmaker (artikel 7:10, vierde lid, Awb)."
                )
                % {"weeks": link.deferral_weeks},
                field="weeks",
            )
        if not 1 <= weeks <= rules.MAX_OBJECTION_DEFERRAL_WEEKS:
            raise ApplicationError(
                _(
                    "U kunt de beslissing op bezwaar ten hoogste %(max)s weken verdagen (artikel "
                    "7:10, derde lid, Awb). Langer uitstellen kan alleen met instemming van de "
                    "bezwaarmaker (artikel 7:10, vierde lid, Awb)."
                )
                % {"max": rules.MAX_OBJECTION_DEFERRAL_WEEKS},
                field="weeks",
            )
        today = common.today()
        try:
            before = _current_due(locked, "objection_decision")
        except rules.DeadlineError as exc:
            raise ApplicationError(str(exc)) from exc
        if before is not None and today > before:
            raise ApplicationError(
                _(
                    "De beslistermijn op dit bezwaar is op %(date)s verstreken. Verdagen moet "
                    "gebeuren zolang de termijn nog loopt (artikel 7:10, derde lid, Awb)."
                )
                % {"date": common.value_format(before)},
                field="weeks",
            )
        link.deferral_weeks = weeks
        link.deferred_on = today
        link.deferral_reason = reason
        link.save(update_fields=["deferral_weeks", "deferred_on", "deferral_reason", "updated_at"])
        after = _current_due(locked, "objection_decision")
        letter = build_letter(
            complaint=locked,
            kind=LetterKind.OBJECTION_DEFERRAL,
            actor=actor,
            extra={"text": reason},
        )
        send_letter(letter)
        locked.save(update_fields=["updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_DEADLINE_CHANGED,
            obj=locked,
            reason=reason,
            data={
                "record": "objection_deferral",
                "id": link.pk,
                "weeks": weeks,
                "before": before,
                "after": after,
                "letter": letter.pk,
            },
        )
        common.refresh_next_deadline(locked)
    return link
