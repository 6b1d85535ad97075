"""The lane of a case and the steps done in it; referral to another authority.

A lane is chosen by a person (`triaged -> in_lane`, "assign_lane"); choosing another lane than
the triage proposed needs a reason, and so does every later change of lane ("change_lane").
The steps of each lane are in `workflow.LANES` (for an objection case:
`workflow.OBJECTION_PROCEDURE`); a step is marked done once per lane.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from waakhond.accounts.access import can_work_on_case, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint, State

from ..models import Referral, StepDone
from ..selectors_deadlines import objection_link_of
from ..workflow import LANES, OBJECTION_PROCEDURE, Lane, Step
from . import common
from .transitions import move


def case_set_lane(
    *,
    complaint: Complaint,
    lane: str,
    actor,
    reason: str = "",
    expected_version: str | None = None,
) -> Complaint:
    """Put a triaged case in a lane, or move a case to another lane."""
    common.require_visible(actor, complaint)
    if lane not in {item.value for item in Lane}:
        raise ApplicationError(_("Kies een behandelspoor."), field="lane")
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        before = locked.lane
        if locked.state == State.TRIAGED:
            differs = bool(locked.lane_suggested) and lane != locked.lane_suggested
            if differs and not (reason or "").strip():
                raise ApplicationError(
                    _("Geef een reden op als u een ander spoor kiest dan de triage voorstelt."),
                    field="reason",
                )
        elif locked.state == State.IN_LANE and lane == locked.lane:
            raise ApplicationError(_("De zaak staat al in dit spoor."), field="lane")
        move(
            locked,
            to_state=State.IN_LANE,
            actor=actor,
            reason=reason,
            allow_own_service=True,
            data={"lane": lane},
        )
        locked.lane = lane
        locked.save(update_fields=["lane", "updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_LANE_SET,
            obj=locked,
            reason=(reason or "").strip(),
            data={"before": before, "after": lane, "suggested": locked.lane_suggested},
        )
        common.refresh_next_deadline(locked)
    return locked


def steps_of(complaint: Complaint) -> tuple[Step, ...]:
    """The steps of the case's lane, or of the objection procedure."""
    if objection_link_of(complaint) is not None:
        return OBJECTION_PROCEDURE.steps
    if complaint.lane:
        return LANES[Lane(complaint.lane)].steps
    return ()


def _step_lane(complaint: Complaint) -> str:
    return "objection" if objection_link_of(complaint) is not None else complaint.lane


def case_step_done(
    *,
    complaint: Complaint,
    step: str,
    actor,
    note: str = "",
    expected_version: str | None = None,
) -> StepDone:
    """Mark a step of the case's lane as done, once."""
    common.require_visible(actor, complaint)
    require(can_work_on_case(actor, complaint))
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        if locked.state in {State.CLOSED, State.WITHDRAWN}:
            raise common.TransitionRefused(_("Deze zaak is beëindigd."))
        keys = [s.key for s in steps_of(locked)]
        if step not in keys:
            raise ApplicationError(
                _("Deze stap hoort niet bij het spoor van deze zaak."), field="step"
            )
        lane = _step_lane(locked)
        if StepDone.objects.filter(complaint=locked, lane=lane, step=step).exists():
            raise ApplicationError(_("Deze stap is al afgerond."), field="step")
        done = StepDone.objects.create(
            complaint=locked, lane=lane, step=step, note=(note or "").strip(), done_by=actor
        )
        locked.save(update_fields=["updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_STEP_DONE,
            obj=locked,
            data={"lane": lane, "step": step},
        )
    return done


def case_refer(
    *,
    complaint: Complaint,
    actor,
    target: str,
    target_name: str,
    reason: str,
    expected_version: str | None = None,
) -> Referral:
    """Hand the case to the lead authority (GDPR 56) or another competent body (Awb 2:3).

    The case goes to `referred`; the authority keeps the complainant informed and later
    records the outcome as its decision (`case_decide`) or closes the file."""
    common.require_visible(actor, complaint)
    if target not in Referral.Target.values:
        raise ApplicationError(_("Kies naar wie de zaak gaat."), field="target")
    target_name = (target_name or "").strip()
    if not target_name:
        raise ApplicationError(_("Vul de naam in van de instantie."), field="target_name")
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        move(
            locked,
            to_state=State.REFERRED,
            actor=actor,
            reason=reason,
            allow_own_service=True,
            data={"target": target, "target_name": target_name},
        )
        referral = Referral.objects.create(
            complaint=locked, target=target, target_name=target_name, reason=reason.strip()
        )
        common.refresh_next_deadline(locked)
    return referral
