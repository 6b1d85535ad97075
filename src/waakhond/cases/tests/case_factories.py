"""Cases in named states, built through the handling services (never by writing rows).

`case_in_lane(lane=...)` is a triaged complaint taken by a handler and put in a lane;
`case_decided(...)` one decided in that lane; `case_awaiting(...)`, `case_suspended(...)` wait;
`objection_case(...)` is an objection opened against a decided case. Pass `received_days_ago`
to age a case so that its deadlines fall where a test needs them. Every helper returns the
fresh complaint; `handler` is created when not given.
"""

from waakhond.accounts.roles import CASE_HANDLER, TEAM_LEAD
from waakhond.cases.services.assignment import case_take
from waakhond.cases.services.deadline_records import case_suspend
from waakhond.cases.services.decisions import case_decide, objection_open
from waakhond.cases.services.lanes import case_set_lane
from waakhond.cases.workflow import LANES, Lane, Outcome
from waakhond.intake.models import Complaint

from .factories import complaint_factory, staff_user

REASONS = (
    "De organisatie heeft het verzoek binnen de termijn afgehandeld en de werkwijze aangepast; "
    "verder optreden is niet nodig."
)
FACTORS = {
    "affected": "Ernstig: gesprekken over uitkeringen zijn jarenlang gefilmd.",
    "significance": "Groot: een gemeente en mensen in een afhankelijke positie.",
    "effective": "Het filmen is gestopt; een normbrief volstaat, een onderzoek voegt weinig toe.",
}


def fresh(complaint: Complaint) -> Complaint:
    return Complaint.objects.get(pk=complaint.pk)


def handler_user(**kwargs):
    return staff_user(CASE_HANDLER, **kwargs)


def lead_user(**kwargs):
    return staff_user(TEAM_LEAD, **kwargs)


def case_triaged(*, received_days_ago: int = 0, lane: str = "investigate", **kwargs) -> Complaint:
    from .factories import triage_result

    return complaint_factory(
        triage="high",
        received_days_ago=received_days_ago,
        result=triage_result("high", lane=lane),
        **kwargs,
    )


def case_in_lane(
    *, lane: str = Lane.INVESTIGATE, handler=None, received_days_ago: int = 0, **kwargs
) -> Complaint:
    handler = handler or handler_user()
    complaint = case_triaged(received_days_ago=received_days_ago, lane=lane, **kwargs)
    case_take(complaint=complaint, actor=handler)
    case_set_lane(complaint=fresh(complaint), lane=lane, actor=handler)
    return fresh(complaint)


def outcome_for(lane: str) -> str:
    return LANES[Lane(lane)].outcomes[0]


def case_decided(
    *,
    lane: str = Lane.INVESTIGATE,
    handler=None,
    outcome: str | None = None,
    received_days_ago: int = 0,
    **kwargs,
) -> Complaint:
    handler = handler or handler_user()
    complaint = case_in_lane(
        lane=lane, handler=handler, received_days_ago=received_days_ago, **kwargs
    )
    outcome = outcome or outcome_for(lane)
    case_decide(
        complaint=complaint,
        actor=handler,
        outcome=outcome,
        reasons=REASONS,
        factors=FACTORS if outcome == Outcome.NOT_INVESTIGATED_PRIORITY else None,
    )
    return fresh(complaint)


def case_awaiting(*, handler=None, received_days_ago: int = 0, **kwargs) -> Complaint:
    handler = handler or handler_user()
    complaint = case_in_lane(handler=handler, received_days_ago=received_days_ago, **kwargs)
    case_suspend(
        complaint=complaint,
        actor=handler,
        request_information=True,
        questions="Stuur ons de brief van de gemeente.",
    )
    return fresh(complaint)


def case_suspended(*, handler=None, received_days_ago: int = 0, **kwargs) -> Complaint:
    handler = handler or handler_user()
    complaint = case_in_lane(handler=handler, received_days_ago=received_days_ago, **kwargs)
    case_suspend(complaint=complaint, actor=handler, reason="Met instemming van de klager.")
    return fresh(complaint)


def objection_case(*, handler=None, **kwargs):
    """(original, objection case) after the complainant objected through the status link."""
    original = case_decided(handler=handler, **kwargs)
    link = objection_open(
        complaint=original,
        actor=None,
        by_complainant=True,
        grounds="Ik ben het niet eens: het filmen gaat gewoon door.",
    )
    return fresh(original), fresh(link.case)
