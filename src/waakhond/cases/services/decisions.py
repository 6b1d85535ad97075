"""Decisions on complaints and on objections, and opening an objection.

A decision is a decision like any other whatever its outcome, "not investigated for lack of
priority" included: it is recorded with its reasons in plain words, sent to the complainant in a
letter that carries the objection clause, and open to objection (Awb 7:1). When the outcome is
"not investigated for lack of priority", the three factors of the AP's priority policy (art. 2(3)
of the Beleidsregels prioritering klachtenonderzoek AP) are each written out, so the letter says
why factors a and b did not prevail when c decided it.

An objection (bezwaar) becomes a case of its own, linked to the decision it contests (an
`Objection` row plus a new `Complaint` row in state `objection`), with its own deadlines
(Awb 6:14, 7:10). The contested case keeps state `decided`. It is left unassigned: the objection
is, as far as possible, handled by someone who did not take the contested decision (Awb 7:5).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint, State, StatusChange, TriageStatus
from waakhond.intake.services import format_reference
from waakhond.intake.tokens import hash_status_token, new_status_token

from .. import deadlines as rules
from ..models import Decision, Objection
from ..selectors import complaint_current_decision
from ..selectors_deadlines import objection_link_of
from ..workflow import (
    DECISION_OUTCOMES,
    LANES,
    OBJECTION_OUTCOMES,
    OBJECTION_PROCEDURE,
    Lane,
    LetterKind,
    Outcome,
)
from . import common
from .letters import build_letter, send_letter
from .transitions import move

FACTOR_KEYS = ("affected", "significance", "effective")
MIN_REASONS_LENGTH = 20


def allowed_outcomes(complaint: Complaint) -> tuple[Outcome, ...]:
    """The outcomes a decision on this case may have, given its lane and state."""
    if objection_link_of(complaint) is not None:
        return OBJECTION_PROCEDURE.outcomes
    if complaint.state == State.AWAITING_COMPLAINANT:
        # The information did not come: the complaint is not considered (Awb 4:5).
        return (Outcome.NOT_CONSIDERED_INCOMPLETE,)
    if complaint.lane:
        return LANES[Lane(complaint.lane)].outcomes
    return ()


def _clean_factors(outcome: str, factors: dict | None) -> dict:
    factors = {key: " ".join(str((factors or {}).get(key) or "").split()) for key in FACTOR_KEYS}
    given = [key for key in FACTOR_KEYS if factors[key]]
    if outcome == Outcome.NOT_INVESTIGATED_PRIORITY and len(given) < len(FACTOR_KEYS):
        missing = next(key for key in FACTOR_KEYS if not factors[key])
        raise ApplicationError(
            _(
                "Beschrijf bij een besluit om niet te onderzoeken alle drie de factoren in "
                "gewone woorden: hoe ernstig de klager wordt geraakt, het maatschappelijk belang, "
                "en of wij effectief en efficiënt kunnen optreden."
            ),
            field=f"factor_{missing}",
        )
    if given and len(given) < len(FACTOR_KEYS):
        missing = next(key for key in FACTOR_KEYS if not factors[key])
        raise ApplicationError(
            _("Beschrijf alle drie de factoren, of geen."), field=f"factor_{missing}"
        )
    return factors if given else {}


def _check_decided_on(
    complaint: Complaint, day: dt.date, *, previous: Decision | None, today: dt.date
) -> dt.date:
    """The decision date must lie between receipt (or the earlier decision, or the start of
    the last suspension) and today."""
    link = objection_link_of(complaint)
    earliest = link.received_on if link is not None else timezone.localdate(complaint.received_at)
    label = _("de ontvangst van het bezwaar") if link is not None else _("de ontvangst")
    if previous is not None and previous.decided_on > earliest:
        earliest, label = previous.decided_on, _("het eerdere besluit op deze zaak")
    last_start = (
        complaint.suspensions.order_by("-starts_on").values_list("starts_on", flat=True).first()
    )
    if last_start is not None and last_start > earliest:
        earliest, label = last_start, _("het begin van de laatste opschorting")
    return common.check_date(
        day, field="decided_on", not_after=today, not_before=earliest, not_before_label=label
    )


def case_decide(
    *,
    complaint: Complaint,
    actor,
    outcome: str,
    reasons: str,
    factors: dict | None = None,
    language: str | None = None,
    decided_on: dt.date | None = None,
    expected_version: str | None = None,
) -> Decision:
    """Take the decision, make the decision letter (with the objection clause) and send it.

    `decided_on` (default today) is the day the decision was taken and made known, for a
    decision recorded afterwards; it may not lie in the future, before receipt, or before an
    earlier decision on the case. A case that a team lead reopened and that is decided again
    keeps its earlier decision: it is marked superseded by the new one, never deleted.
    """
    if actor is None:
        raise ApplicationError(_("U heeft geen toestemming voor deze handeling."))
    common.require_visible(actor, complaint)
    reasons = (reasons or "").strip()
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        # The table first: a refusal for the role or the state comes before any other question.
        roles = common.actor_roles(actor, locked)
        row, _role = common.pick_transition(locked, State.DECIDED, roles)
        outcomes = allowed_outcomes(locked)
        if outcome not in outcomes:
            raise ApplicationError(
                _("Deze uitkomst past niet bij het spoor of de status van deze zaak."),
                field="outcome",
            )
        if len(reasons) < MIN_REASONS_LENGTH:
            raise ApplicationError(
                _(
                    "Schrijf de motivering van het besluit in gewone woorden (ten minste een paar zinnen)."
                ),
                field="reasons",
            )
        clean_factors = _clean_factors(outcome, factors)
        today = common.today()
        previous = complaint_current_decision(locked)
        day = _check_decided_on(locked, decided_on or today, previous=previous, today=today)
        move(
            locked,
            to_state=State.DECIDED,
            actor=actor,
            reason=reasons,
            allow_own_service=True,
            # A suspension still open (no information came) ends on the day of the decision.
            on_date=day,
            data={"outcome": outcome, "decided_on": day.isoformat()},
        )
        if previous is not None:
            # Marked first: the constraint allows one current decision per complaint.
            previous.superseded_at = timezone.now()
            previous.save(update_fields=["superseded_at", "updated_at"])
        decision = Decision.objects.create(
            complaint=locked,
            outcome=outcome,
            reasons=reasons,
            factors=clean_factors,
            decided_on=day,
            made_known_on=day,
            decided_by=actor,
        )
        if previous is not None:
            previous.superseded_by = decision
            previous.save(update_fields=["superseded_by", "updated_at"])
        is_objection = objection_link_of(locked) is not None
        letter = build_letter(
            complaint=locked,
            kind=LetterKind.OBJECTION_DECISION if is_objection else LetterKind.DECISION,
            actor=actor,
            language=language,
        )
        decision.letter = letter
        decision.save(update_fields=["letter", "updated_at"])
        send_letter(letter)
        info = {**DECISION_OUTCOMES, **OBJECTION_OUTCOMES}[Outcome(outcome)]
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_DECIDED,
            obj=locked,
            reason=reasons,
            data={
                "decision": decision.pk,
                "outcome": outcome,
                "action": row.action,
                "open_to_objection": info.open_to_objection,
                "factors": clean_factors,
                "letter": letter.pk,
                "decided_on": day.isoformat(),
                "supersedes": previous.pk if previous is not None else None,
            },
        )
        common.refresh_next_deadline(locked)
    return decision


def objection_open(
    *,
    complaint: Complaint,
    actor,
    grounds: str,
    received_on: dt.date | None = None,
    posted_on: dt.date | None = None,
    by_complainant: bool = False,
    advisory_committee: bool = False,
    reason: str = "",
) -> Objection:
    """Open an objection against the decision on `complaint`, as a new linked case.

    The complainant does it through the status link (`actor=None, by_complainant=True`); staff
    record one that came by post or e-mail (`reason` says how). Refused when the objection
    period has passed (Awb 6:7-6:9; excusable lateness, 6:11, is for a person to judge and is
    not decided here), when `complaint` is itself an objection case (the next remedy is an
    appeal to the court), or when an objection against this decision is still open.
    The objector gets the acknowledgement of Awb 6:14 by e-mail.
    """
    if not by_complainant:
        if actor is None:
            raise ApplicationError(_("U heeft geen toestemming voor deze handeling."))
        common.require_visible(actor, complaint)
    grounds = (grounds or "").strip()
    with transaction.atomic():
        original = common.lock_case(complaint, expected_version=None)
        roles = common.actor_roles(
            None if by_complainant else actor, original, by_complainant=by_complainant
        )
        row, role = common.pick_transition(original, State.OBJECTION, roles)
        if not row.opens_linked_case:  # pragma: no cover - the table's rows to objection all do
            raise common.TransitionRefused(_("Een bezwaar opent een nieuwe zaak."))
        reason = common.clean_reason(reason, required=row.reason_required)
        if objection_link_of(original) is not None:
            raise common.TransitionRefused(
                _(
                    "Tegen een beslissing op bezwaar staat geen nieuw bezwaar open, wel beroep bij "
                    "de rechtbank (artikel 8:1 Awb)."
                )
            )
        decision = complaint_current_decision(original)
        if decision is None:
            raise common.TransitionRefused(_("Op deze zaak is nog niet beslist."))
        if not grounds:
            raise ApplicationError(
                _("Schrijf waarom u het niet eens bent met het besluit."), field="grounds"
            )
        today = common.today()
        received_on = received_on or today
        common.check_date(
            received_on,
            field="received_on",
            not_after=today,
            not_before=decision.made_known_on,
            not_before_label=_("de bekendmaking van het besluit"),
        )
        if posted_on is not None:
            common.check_date(posted_on, field="posted_on", not_after=received_on)
        if not rules.objection_in_time(decision.made_known_on, received_on, posted_on=posted_on):
            period_end = rules.objection_deadlines(decision.made_known_on, today=today)[0].due
            raise ApplicationError(
                _(
                    "De bezwaartermijn van zes weken is verstreken op %(date)s (artikel 6:7 Awb). "
                    "Een te laat bezwaar kan alleen worden behandeld als de termijnoverschrijding "
                    "verschoonbaar is (artikel 6:11 Awb); neem daarvoor contact op met de "
                    "behandelaar."
                )
                % {"date": common.value_format(period_end)},
                field="received_on",
            )
        finished = {State.DECIDED, State.CLOSED, State.WITHDRAWN}
        if decision.objections.exclude(case__state__in=finished).exists():
            raise common.TransitionRefused(_("Er loopt al een bezwaar tegen dit besluit."))

        case = Complaint(
            received_at=timezone.now(),
            channel=original.channel,
            complainant_name=original.complainant_name,
            complainant_email=original.complainant_email,
            complainant_phone=original.complainant_phone,
            complainant_address=original.complainant_address,
            language=original.language,
            representative=original.representative,
            represented_person=original.represented_person,
            representative_body=original.representative_body,
            organisation_name=original.organisation_name,
            organisation=original.organisation,
            description=grounds,
            # The objector follows the objection through the original's status link; this
            # case gets a token of its own that nobody holds.
            status_token_hash=hash_status_token(new_status_token()),
            state=State.OBJECTION,
            restricted=original.restricted,
            triage_status=TriageStatus.DONE,  # an objection is not triaged
            band=original.band,
            band_rank=original.band_rank,
            band_suggested=original.band_suggested,
            sector=original.sector,
            controller_type=original.controller_type,
            category_tags=original.category_tags,
            priority_confirmed=original.priority_confirmed,
        )
        case.save()
        case.reference = format_reference(timezone.localtime(case.received_at).year, case.pk)
        case.save(update_fields=["reference"])
        link = Objection.objects.create(
            case=case,
            decision=decision,
            grounds=grounds,
            received_on=received_on,
            advisory_committee=advisory_committee,
        )
        StatusChange.objects.create(
            complaint=case,
            from_state="",
            to_state=State.OBJECTION,
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=common.actor_label(actor, by_complainant=by_complainant),
            reason=reason
            or _("Bezwaar tegen het besluit op %(reference)s.") % {"reference": original.reference},
        )
        record_event(
            actor=None if by_complainant else actor,
            event_type=(
                AuditEventType.PORTAL_OBJECTION_FILED
                if by_complainant
                else AuditEventType.CASE_OBJECTION_RECORDED
            ),
            obj=case,
            reason=reason,
            data={
                "objection": link.pk,
                "contested_case": original.reference,
                "decision": decision.pk,
                "received_on": received_on,
                "action": row.action,
                "role": role,
            },
        )
        letter = build_letter(
            complaint=case,
            kind=LetterKind.OBJECTION_ACKNOWLEDGEMENT,
            actor=None if by_complainant else actor,
        )
        send_letter(letter)
        common.refresh_next_deadline(case)
        common.refresh_next_deadline(original)
    return link
