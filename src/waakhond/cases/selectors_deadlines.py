"""The deadlines of a case, computed from its records with the pure rules in `deadlines.py`.

Why this module exists: the rules take dates and return dates; this is the one place that
reads a case's records (suspensions, extension notice, decision, letters sent, notice of
default, objection) and hands their dates to the rules. Services store the earliest deadline
that still asks something of the authority on `complaint.next_deadline`; pages, reminders and
the status API read the whole list from here, each deadline with its "why this date".

Which deadlines still count depends on the state of the case:
    * open (received, triaged, in a lane, waiting, suspended): every deadline not yet met;
    * referred: only the progress notices (the authority keeps the complainant informed while
      the other authority decides, GDPR 60(7)-(9)); its own decision period does not run;
    * decided: only the end of the objection period (the case can be closed after it);
    * an objection case: the acknowledgement and the decision on the objection;
    * closed or withdrawn: none.

Assumption: the intake acknowledges every complaint by e-mail when it is filed, so without an
acknowledgement letter the date of receipt counts as the date of acknowledgement.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from waakhond.accounts.access import complaints_visible_to
from waakhond.intake.models import Complaint, State

from . import deadlines as rules
from .labels import LAWS
from .models import Decision, Letter, Objection
from .workflow import LetterKind

logger = logging.getLogger(__name__)

#: Working days before a due date from which a deadline counts as at risk.
AT_RISK_WORKING_DAYS = 5

LABELS = {
    "acknowledgement": _("Ontvangstbevestiging"),
    "decision": _("Besluit op de klacht"),
    "progress_notice": _("Voortgangsbericht (drie maanden)"),
    "default_decision": _("Besluit na ingebrekestelling, zonder dwangsom"),
    "default_penalty_maximum": _("Maximale dwangsom bereikt"),
    "objection_period_end": _("Einde van de bezwaartermijn"),
    "objection_acknowledgement": _("Ontvangstbevestiging van het bezwaar"),
    "objection_decision": _("Beslissing op het bezwaar"),
    "controller_response": _("Antwoord van de organisatie op het verzoek"),
}

STATUS_LABELS = {
    "ok": _("op schema"),
    "at_risk": _("dreigt te verlopen"),
    "overdue": _("verlopen"),
    "met": _("gehaald"),
}

_FINISHED = {State.CLOSED, State.WITHDRAWN}


@dataclass(frozen=True)
class DeadlineRow:
    """One deadline as a page shows it: translated label, status, and why this date."""

    key: str
    label: str
    due: dt.date
    basis: str
    explanation: str
    status: str  # "ok", "at_risk", "overdue" or "met"
    status_label: str
    provisional: bool
    met_on: dt.date | None
    counts: bool  # still asks something of the authority (see the module docstring)


@dataclass(frozen=True)
class DeadlineOverview:
    rows: list[DeadlineRow]
    error: str = ""

    @property
    def flagged(self) -> list[DeadlineRow]:
        return [row for row in self.rows if row.counts and row.status in {"at_risk", "overdue"}]

    @property
    def next(self) -> DeadlineRow | None:
        counting = [row for row in self.rows if row.counts]
        return min(counting, key=lambda row: row.due) if counting else None


def deadline_label(key: str) -> str:
    if key in LABELS:
        return str(LABELS[key])
    if key.startswith("progress_notice_"):
        number = key.rsplit("_", 1)[-1]
        return gettext("Voortgangsbericht %(number)s") % {"number": number}
    return key


# --- From records to dates -------------------------------------------------------------------


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localdate(value)


def _suspensions(complaint: Complaint) -> list[rules.Suspension]:
    return [
        rules.Suspension(start=s.starts_on, end=s.ends_on, basis=s.basis)
        for s in complaint.suspensions.all()
    ]


def _letter_dates(complaint: Complaint, kind: str) -> list[dt.date]:
    return [
        _local_date(created)
        for created in Letter.objects.filter(complaint=complaint, kind=kind)
        .order_by("id")
        .values_list("created_at", flat=True)
    ]


def _decision_of(complaint: Complaint) -> Decision | None:
    from .selectors import complaint_current_decision

    return complaint_current_decision(complaint)


def objection_link_of(complaint: Complaint) -> Objection | None:
    """The link when `complaint` is itself an objection case, else None."""
    return Objection.objects.select_related("decision").filter(case=complaint).first()


def complaint_deadlines(
    complaint: Complaint, *, today: dt.date | None = None
) -> list[rules.Deadline]:
    """Every deadline of the case, in the rules' order. Raises `deadlines.DeadlineError` when
    the records contradict each other (services use that to refuse a change)."""
    today = today or timezone.localdate()
    decision = _decision_of(complaint)
    suspensions = _suspensions(complaint)
    link = objection_link_of(complaint)
    if link is not None:
        acknowledged = _letter_dates(complaint, LetterKind.OBJECTION_ACKNOWLEDGEMENT)
        return rules.objection_deadlines(
            link.decision.made_known_on,
            objection_received_on=link.received_on,
            acknowledged_on=acknowledged[0] if acknowledged else None,
            advisory_committee=link.advisory_committee,
            deferral_weeks=link.deferral_weeks,
            suspensions=suspensions,
            decided_on=decision.decided_on if decision else None,
            today=today,
        )

    received_on = _local_date(complaint.received_at)
    acknowledged = _letter_dates(complaint, LetterKind.ACKNOWLEDGEMENT)
    extensions = [
        rules.ExtensionNotice(given_on=notice.given_on, new_due=notice.new_due_on)
        for notice in complaint.extension_notices.order_by("given_on", "id")
    ]
    default_notice = complaint.default_notices.order_by("received_on", "id").first()
    result = rules.case_deadlines(
        received_on,
        suspensions=suspensions,
        extension_notices=extensions,
        decided_on=decision.decided_on if decision else None,
        acknowledged_on=acknowledged[0] if acknowledged else received_on,
        progress_notices_sent=_letter_dates(complaint, LetterKind.PROGRESS_NOTICE),
        default_notice_received_on=default_notice.received_on if default_notice else None,
        today=today,
    )
    for request in complaint.rights_requests.exclude(sent_by_complainant_on=None):
        result.append(rules.controller_response_deadline(request.sent_by_complainant_on))
    if decision is not None:
        period_end = rules.objection_deadlines(decision.made_known_on, today=today)[0]
        objection = decision.objections.order_by("received_on").first()
        if objection is not None and objection.received_on <= period_end.due:
            period_end = replace(period_end, met_on=objection.received_on)
        result.append(period_end)
    return result


def deadline_counts(complaint: Complaint, deadline: rules.Deadline) -> bool:
    """Whether the deadline still asks something of the authority (module docstring)."""
    if deadline.met_on is not None:
        return False
    state = complaint.state
    if state in _FINISHED:
        return False
    if state == State.DECIDED:
        return deadline.key == "objection_period_end"
    if state == State.REFERRED:
        return deadline.key.startswith("progress_notice")
    return deadline.key != "objection_period_end"


def next_deadline_for(complaint: Complaint, *, today: dt.date | None = None) -> dt.date | None:
    """The earliest deadline that still counts; raises `DeadlineError` on contradictory records."""
    counting = [
        d.due for d in complaint_deadlines(complaint, today=today) if deadline_counts(complaint, d)
    ]
    return min(counting) if counting else None


# --- For pages, reminders and the API ----------------------------------------------------------


# The rules (deadlines.py, free of Django) state a deadline's basis in a fixed English shorthand;
# pages show it in the reader's language (law names as everywhere else, labels.LAWS). Longest
# phrases first.
_BASIS_WORDS = (
    ("AP policy (not statutory)", _("beleid van de AP (geen wettelijke termijn)")),
    ("AP policy interval", _("interval volgens beleid van de AP")),
    ("AP policy period", _("termijn volgens beleid van de AP")),
    *LAWS.items(),
)


def basis_label(basis: str) -> str:
    """A deadline's legal basis in the active language: "GDPR 12(3)" reads "AVG 12(3)" in Dutch."""
    for code, label in _BASIS_WORDS:
        basis = basis.replace(code, str(label))
    return basis


def complaint_deadline_overview(
    complaint: Complaint, *, today: dt.date | None = None, language: str | None = None
) -> DeadlineOverview:
    """Rows for a page, in `language` (default: the active one). Never raises: contradictory
    records show as an error on the page instead of a broken page."""
    today = today or timezone.localdate()
    language = language or translation.get_language() or "nl"
    lang = "en" if language.startswith("en") else "nl"
    try:
        found = complaint_deadlines(complaint, today=today)
    except rules.DeadlineError as exc:
        logger.warning("Deadlines of %s cannot be computed: %s", complaint.reference, exc)
        return DeadlineOverview(
            rows=[],
            error=gettext("De termijnen van deze zaak kunnen niet worden berekend: %(detail)s")
            % {"detail": str(exc)},
        )
    rows = []
    with translation.override(lang):
        for deadline in found:
            counts = deadline_counts(complaint, deadline)
            if deadline.met_on is not None:
                status = "met"
            elif counts:
                status = rules.deadline_status(
                    deadline, today, at_risk_working_days=AT_RISK_WORKING_DAYS
                )
            else:
                status = "ok"
            rows.append(
                DeadlineRow(
                    key=deadline.key,
                    label=deadline_label(deadline.key),
                    due=deadline.due,
                    basis=basis_label(deadline.basis),
                    explanation=deadline.explanation.get(lang)
                    or deadline.explanation.get("nl", ""),
                    status=status,
                    status_label=str(STATUS_LABELS[status]),
                    provisional=deadline.provisional,
                    met_on=deadline.met_on,
                    counts=counts,
                )
            )
    return DeadlineOverview(rows=rows)


def complaint_deadlines_public(complaint: Complaint) -> list[dict]:
    """The deadlines of a case for the complainant and the status API, in the complaint's
    language: [{"key", "label", "date" (a date), "basis", "explanation"}], in the rules' order.
    Internal errors never reach the complainant: contradictory records give an empty list."""
    overview = complaint_deadline_overview(complaint, language=complaint.language or "nl")
    return [
        {
            "key": row.key,
            "label": row.label,
            "date": row.due,
            "basis": row.basis,
            "explanation": row.explanation,
        }
        for row in overview.rows
    ]


@dataclass(frozen=True)
class CaseAtRisk:
    complaint: Complaint
    flagged: list[DeadlineRow]

    @property
    def overdue(self) -> bool:
        return any(row.status == "overdue" for row in self.flagged)

    @property
    def first_due(self) -> dt.date:
        return min(row.due for row in self.flagged)


def open_cases_near_deadline(*, today: dt.date, horizon_days: int = 14):
    """Open cases whose stored next deadline lies within the horizon (or is missing).

    A stored date is never later than the real one for long: services refresh it on every
    change, and the daily reminder run refreshes suspended cases, whose dates move each day.
    """
    from django.db.models import Q

    return (
        Complaint.objects.exclude(state__in=_FINISHED)
        .filter(
            Q(next_deadline__lte=today + dt.timedelta(days=horizon_days)) | Q(next_deadline=None)
        )
        .select_related("assigned_to")
        .order_by("next_deadline", "id")
    )


def cases_at_risk(*, user=None, today: dt.date | None = None) -> list[CaseAtRisk]:
    """Open cases with a deadline at risk or overdue, overdue first, then by date.

    With `user`, only the cases that user may see; without, all (for background jobs).
    """
    today = today or timezone.localdate()
    queryset = open_cases_near_deadline(today=today)
    if user is not None:
        queryset = complaints_visible_to(user, queryset)
    result = []
    for complaint in queryset:
        overview = complaint_deadline_overview(complaint, today=today)
        if overview.flagged:
            result.append(CaseAtRisk(complaint=complaint, flagged=overview.flagged))
    result.sort(key=lambda item: (not item.overdue, item.first_due, item.complaint.pk))
    return result
