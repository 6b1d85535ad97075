"""The case workflow as tables you can read: states, lanes, outcomes and who may move a case.

Why this module exists: the rules about where a case may go next, and who may send it there,
must be visible in one place and checked in one place. The transition service calls
``check_transition`` before it appends to the status history (history is never edited); the
views call ``allowed_transitions`` to offer only the buttons that will work. No Django, no ORM.

Boundaries
    * This module answers "may this role move a case from this state to that one?". Facts
      outside the table are the service's to check, and each row's comment says which: the
      objection period (Awb 6:7-6:9, via ``deadlines.objection_in_time``), that the case is
      assigned to the handler, that a restricted case may be touched at all, and that an
      objection case cannot itself be objected to (the next remedy is an appeal to the court,
      Awb 8:1).
    * ``in_lane``: the lane is a separate attribute of the case (``Lane``), set by
      ``assign_lane`` and ``change_lane``; the steps and letters of each lane are in ``LANES``.
    * ``awaiting_complainant`` and ``suspended`` stop the decision clock (Awb 4:15); the service
      opens a ``deadlines.Suspension`` on entering them and closes it on leaving. Leaving them
      returns the case to the state it came from (``triaged``, ``in_lane`` or ``objection``);
      the table allows each of those and the service takes the right one from the history.

Objections
    An objection (bezwaar) is a case of its own, linked to the decision it contests. The
    original case keeps state ``decided``: its decision stands until the decision on the
    objection replaces it (Awb 7:11). The row ``decided -> objection`` (``file_objection``) is
    therefore marked ``opens_linked_case``: the service checks it against the *original* case
    and then creates the *new* case in state ``objection``; the original's state does not
    change. The objection case runs ``objection -> decided -> closed`` (with the same detours
    for missing information and withdrawal). If the objection is upheld and the complaint must
    be handled again, a team lead reopens the original (``decided -> in_lane``).

Roles
    ``intake_officer``, ``case_handler``, ``team_lead``, ``auditor``, ``administrator`` (staff) and
    the actors ``complainant`` (through the status link) and ``system`` (background jobs and the
    triage engine). A team lead may do all a case handler may, plus reopening. Auditors read and
    never move a case. Administrators configure the desk (templates, users, periods) and hold no
    case role: an administrator who must act on a case is given the team-lead role, so that
    every change is made by someone accountable for casework.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "DECISION_OUTCOMES",
    "LANES",
    "LETTER_KINDS",
    "OBJECTION_OUTCOMES",
    "OBJECTION_PROCEDURE",
    "STATES",
    "TERMINAL_STATES",
    "TRANSITIONS",
    "Lane",
    "LaneInfo",
    "LetterKind",
    "Outcome",
    "Role",
    "State",
    "Step",
    "Transition",
    "TransitionNotAllowed",
    "allowed_transitions",
    "check_transition",
    "is_terminal",
]


class State(StrEnum):
    RECEIVED = "received"
    TRIAGED = "triaged"
    IN_LANE = "in_lane"
    AWAITING_COMPLAINANT = "awaiting_complainant"
    SUSPENDED = "suspended"
    DECIDED = "decided"
    OBJECTION = "objection"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    REFERRED = "referred"


class Role(StrEnum):
    INTAKE_OFFICER = "intake_officer"
    CASE_HANDLER = "case_handler"
    TEAM_LEAD = "team_lead"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"
    COMPLAINANT = "complainant"
    SYSTEM = "system"


class Lane(StrEnum):
    OUT_OF_SCOPE = "out_of_scope"
    TIP = "tip"
    ASK_ORGANISATION_FIRST = "ask_organisation_first"
    QUICK_INTERVENTION = "quick_intervention"
    INVESTIGATE = "investigate"
    REFER_LEAD_AUTHORITY = "refer_lead_authority"


class LetterKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    INFORMATION_REQUEST = "information_request"
    PROGRESS_NOTICE = "progress_notice"
    REQUEST_LETTER = "request_letter"
    ORGANISATION_LETTER = "organisation_letter"
    REFERRAL = "referral"
    DECISION = "decision"
    OBJECTION_ACKNOWLEDGEMENT = "objection_acknowledgement"
    OBJECTION_DECISION = "objection_decision"
    OBJECTION_DEFERRAL = "objection_deferral"


class Outcome(StrEnum):
    NOT_INVESTIGATED_PRIORITY = "not_investigated_priority"
    REJECTED_NO_INFRINGEMENT = "rejected_no_infringement"
    INTERVENTION_SUCCESSFUL = "intervention_successful"
    INFRINGEMENT_ESTABLISHED = "infringement_established"
    REFERRED = "referred"
    OUT_OF_SCOPE = "out_of_scope"
    TIP_RECORDED = "tip_recorded"
    NOT_CONSIDERED_INCOMPLETE = "not_considered_incomplete"
    OBJECTION_UPHELD = "objection_upheld"
    OBJECTION_DISMISSED = "objection_dismissed"


class TransitionNotAllowed(Exception):
    """A role tried to move a case along a path the table does not allow. English message;
    the web layer translates."""


# --- States -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StateInfo:
    """What a state means, and whether the decision clock runs in it."""

    nl: str
    en: str
    clock_runs: bool
    meaning: str


STATES: dict[State, StateInfo] = {
    State.RECEIVED: StateInfo("Ontvangen", "Received", True, "Filed; not yet assessed."),
    State.TRIAGED: StateInfo(
        "Beoordeeld", "Triaged", True, "The triage has proposed a lane; a person confirms it."
    ),
    State.IN_LANE: StateInfo(
        "In behandeling", "Being handled", True, "Handled in the lane set on the case."
    ),
    State.AWAITING_COMPLAINANT: StateInfo(
        "Wacht op klager",
        "Waiting for the complainant",
        False,
        "The complainant was asked for missing information (Awb 4:5, 4:15(1)(a); 6:6).",
    ),
    State.SUSPENDED: StateInfo(
        "Opgeschort",
        "Suspended",
        False,
        "The decision period is suspended on another ground (Awb 4:15(2)).",
    ),
    State.DECIDED: StateInfo(
        "Besluit genomen",
        "Decision made",
        False,
        "The decision was sent; the objection period runs.",
    ),
    State.OBJECTION: StateInfo(
        "Bezwaar",
        "Objection",
        True,
        "An objection case: the objection against a linked decision is handled (Awb 7:10).",
    ),
    State.CLOSED: StateInfo("Afgesloten", "Closed", False, "Finished; nothing more to do."),
    State.WITHDRAWN: StateInfo(
        "Ingetrokken", "Withdrawn", False, "The complainant withdrew the complaint or objection."
    ),
    State.REFERRED: StateInfo(
        "Doorverwezen",
        "Referred",
        False,
        "Handed to the lead authority (GDPR 56) or another competent body (Awb 2:3); the AP "
        "follows it and records the outcome.",
    ),
}

#: States with no way out. ``referred`` is not one: the AP still adopts or passes on the
#: outcome (GDPR 60(7)-(9)) or closes the file when the other body has it in full.
TERMINAL_STATES: frozenset[State] = frozenset({State.CLOSED, State.WITHDRAWN})


# --- Transitions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """One allowed move: from a state to a state, by one of some roles, named by an action.

    ``reason_required``: the actor must give a reason in plain words, stored in the history.
    ``opens_linked_case``: the service creates a new linked case in ``to_state`` instead of
    moving this one (see "Objections" in the module docstring).
    """

    from_state: State
    to_state: State
    action: str
    roles: frozenset[Role]
    reason_required: bool
    comment: str
    opens_linked_case: bool = False


_I, _H, _L = Role.INTAKE_OFFICER, Role.CASE_HANDLER, Role.TEAM_LEAD
_C, _S = Role.COMPLAINANT, Role.SYSTEM
_HANDLERS = frozenset({_H, _L})


def _row(
    from_state: State,
    to_state: State,
    action: str,
    roles: set[Role] | frozenset[Role],
    reason: bool,
    comment: str,
    *,
    opens_linked_case: bool = False,
) -> Transition:
    return Transition(
        from_state, to_state, action, frozenset(roles), reason, comment, opens_linked_case
    )


_R, _T, _IL, _AC = State.RECEIVED, State.TRIAGED, State.IN_LANE, State.AWAITING_COMPLAINANT
_SU, _D, _O, _REF = State.SUSPENDED, State.DECIDED, State.OBJECTION, State.REFERRED
_CL, _W = State.CLOSED, State.WITHDRAWN

# fmt: off
_MAIN_ROWS: tuple[Transition, ...] = (
    # from  to   action                  roles              reason  comment
    _row(_R,  _T,  "triage",               {_S, _I},          False,
         "The triage engine, or an intake officer by hand, records its assessment and "
         "proposes a lane."),
    _row(_R,  _AC, "request_information",  {_I},              False,
         "The complaint cannot be assessed yet; the complainant is asked for what is missing "
         "and the clock stops (Awb 4:5, 4:15(1)(a))."),
    _row(_T,  _IL, "assign_lane",          {_I, _H, _L},      False,
         "A person confirms the lane. The service asks for a reason when it differs from the "
         "lane the triage proposed."),
    _row(_T,  _AC, "request_information",  {_I, _H, _L},      False,
         "As above, after triage."),
    _row(_IL, _IL, "change_lane",          _HANDLERS,         True,
         "The case moves to another lane, e.g. a quick intervention that did not work "
         "becomes an investigation, or the organisation did not answer within one month."),
    _row(_IL, _AC, "request_information",  _HANDLERS,         False,
         "The handler needs information from the complainant; the clock stops (Awb 4:15)."),
    _row(_IL, _SU, "suspend",              _HANDLERS,         True,
         "The decision period is suspended on another ground, e.g. with the complainant's "
         "consent or by force majeure (Awb 4:15(2))."),
    _row(_IL, _REF, "refer",               _HANDLERS,         True,
         "The case goes to the lead authority (GDPR 56) or to another competent body "
         "(Awb 2:3); the reason names who and why."),
    _row(_IL, _D,  "decide",               _HANDLERS,         True,
         "The decision is taken and sent, with its reasons in plain words and the objection "
         "clause. The outcome must be one the lane allows (LANES)."),
    _row(_AC, _T,  "information_received", {_C, _I, _H, _L, _S}, False,
         "The complainant supplied the information (or the period set for it passed unused, "
         "recorded by the system); the case returns to where it was."),
    _row(_AC, _IL, "information_received", {_C, _I, _H, _L, _S}, False,
         "As above, back to the lane."),
    _row(_AC, _O,  "information_received", {_C, _I, _H, _L, _S}, False,
         "As above, back to the objection (the defect is repaired, Awb 6:6)."),
    _row(_AC, _D,  "decide",               _HANDLERS,         True,
         "The information did not come: the complaint is not considered (Awb 4:5), which is "
         "a decision like any other."),
    _row(_SU, _IL, "resume",               {_H, _L, _S},      False,
         "The ground for suspension has ended; the system resumes on the end date set."),
    _row(_REF, _D, "record_referral_outcome", _HANDLERS,      True,
         "The lead authority has decided; the AP adopts the decision or passes it on to the "
         "complainant (GDPR 60(7)-(9))."),
    _row(_REF, _CL, "close",               _HANDLERS,         True,
         "The other body handles the matter in full; nothing is left for the AP."),
    _row(_D,  _CL, "close",                {_H, _L, _S},      False,
         "The objection period has passed without objection, or the objection case has "
         "ended; the system closes it. The service refuses while a linked objection is open."),
    _row(_D,  _O,  "file_objection",       {_C},              False,
         "The complainant objects through the status link. The service checks the objection "
         "period (Awb 6:7-6:9) and that this is not itself an objection case.",
         opens_linked_case=True),
    _row(_D,  _O,  "record_objection",     {_I, _H, _L},      True,
         "An objection arrived by post or e-mail; staff record it, the reason says how it "
         "came in. Same checks as file_objection.",
         opens_linked_case=True),
    _row(_D,  _IL, "reopen",               {_L},              True,
         "Only a team lead reopens a decided case: the objection was upheld and the "
         "complaint is handled again (Awb 7:11)."),
    _row(_O,  _AC, "request_information",  _HANDLERS,         False,
         "The objection has a defect; the objector may repair it and the clock stops "
         "(Awb 6:6, 7:10(2))."),
    _row(_O,  _D,  "decide_objection",     _HANDLERS,         True,
         "The decision on the objection, after hearing the objector (Awb 7:2, 7:10, 7:11)."),
)
# fmt: on

# Withdrawal is possible from every state that is not terminal (Awb 4:1 lets an applicant
# withdraw; for an objection Awb 6:21). From ``decided`` it means the complainant waives the
# objection and the file can be closed; the decision stands. The complainant does it through
# the status link; staff record a withdrawal that came by letter or phone, with how it came.
_WITHDRAWAL_ROWS: tuple[Transition, ...] = tuple(
    row
    for state in State
    if state not in TERMINAL_STATES
    for row in (
        _row(state, _W, "withdraw", {_C}, False, "The complainant withdraws."),
        _row(
            state,
            _W,
            "record_withdrawal",
            {_I, _H, _L},
            True,
            "Staff record a withdrawal received by letter or phone; the reason says how.",
        ),
    )
)

TRANSITIONS: tuple[Transition, ...] = _MAIN_ROWS + _WITHDRAWAL_ROWS


# --- Questions asked of the table ---------------------------------------------------------


def _state(value: str, what: str) -> State:
    try:
        return State(value)
    except ValueError:
        raise TransitionNotAllowed(f"'{value}' is not a case state ({what}).") from None


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise TransitionNotAllowed(f"'{value}' is not a role.") from None


def is_terminal(state: str) -> bool:
    """True for states a case never leaves (``closed``, ``withdrawn``)."""
    return _state(state, "is_terminal") in TERMINAL_STATES


def allowed_transitions(state: str, role: str) -> list[Transition]:
    """The moves ``role`` may make from ``state``, in table order."""
    from_state, actor = _state(state, "from"), _role(role)
    return [t for t in TRANSITIONS if t.from_state == from_state and actor in t.roles]


def check_transition(from_state: str, to_state: str, role: str) -> Transition:
    """The row allowing ``role`` to move a case from ``from_state`` to ``to_state``.

    Raises ``TransitionNotAllowed`` with a message naming both states and the role. Where two
    rows connect the same states (``withdraw`` and ``record_withdrawal``), the one for the
    role is returned.
    """
    source, target, actor = _state(from_state, "from"), _state(to_state, "to"), _role(role)
    if actor is Role.AUDITOR:
        raise TransitionNotAllowed(
            f"An auditor cannot move a case (from '{source}' to '{target}'); auditors only read."
        )
    rows = [t for t in TRANSITIONS if t.from_state == source and t.to_state == target]
    if not rows:
        if source in TERMINAL_STATES:
            raise TransitionNotAllowed(
                f"A case in state '{source}' is finished and cannot move to '{target}' "
                f"(role '{actor}')."
            )
        raise TransitionNotAllowed(
            f"A case cannot move from '{source}' to '{target}' (role '{actor}')."
        )
    for row in rows:
        if actor in row.roles:
            return row
    allowed = sorted({r.value for row in rows for r in row.roles})
    raise TransitionNotAllowed(
        f"The role '{actor}' may not move a case from '{source}' to '{target}'; "
        f"only {', '.join(allowed)} may."
    )


# --- Lanes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    nl: str
    en: str


@dataclass(frozen=True)
class LaneInfo:
    """A lane: the ordered steps a handler goes through, the letters it sends, and the
    outcomes its decision may have."""

    nl: str
    en: str
    steps: tuple[Step, ...]
    letters: tuple[LetterKind, ...]
    outcomes: tuple[Outcome, ...]
    comment: str


_ACK, _INFO, _PROG = (
    LetterKind.ACKNOWLEDGEMENT,
    LetterKind.INFORMATION_REQUEST,
    LetterKind.PROGRESS_NOTICE,
)
_REQ, _ORG, _REFL, _DEC = (
    LetterKind.REQUEST_LETTER,
    LetterKind.ORGANISATION_LETTER,
    LetterKind.REFERRAL,
    LetterKind.DECISION,
)

LANES: dict[Lane, LaneInfo] = {
    Lane.OUT_OF_SCOPE: LaneInfo(
        "Buiten bevoegdheid",
        "Out of scope",
        (
            Step("assess_competence", "Bevoegdheid beoordelen", "Assess competence"),
            Step("choose_referral", "Juiste instantie kiezen", "Choose where to refer"),
            Step("send_referral", "Verwijzing sturen", "Send the referral"),
            Step("decide", "Besluit nemen en versturen", "Take and send the decision"),
        ),
        (_ACK, _REFL, _DEC),
        (Outcome.OUT_OF_SCOPE,),
        "Not for the AP: the complainant is pointed to another regulator, the court or the "
        "AP's own complaints procedure (Awb ch. 9).",
    ),
    Lane.TIP: LaneInfo(
        "Tip",
        "Tip",
        (
            Step("record_signal", "Signaal vastleggen", "Record the signal"),
            Step("inform_person", "Melder informeren", "Tell the person what happens with it"),
        ),
        (_ACK, _DEC),
        (Outcome.TIP_RECORDED,),
        "Someone else's data, or anonymous: logged as a signal for supervision, no "
        "individual investigation.",
    ),
    Lane.ASK_ORGANISATION_FIRST: LaneInfo(
        "Eerst de organisatie vragen",
        "Ask the organisation first",
        (
            Step(
                "send_request_letter", "Verzoekbrief aan klager sturen", "Send the request letter"
            ),
            Step(
                "await_organisation",
                "Antwoord organisatie afwachten (een maand)",
                "Await the organisation's answer (one month)",
            ),
            Step("complainant_reports", "Klager meldt de uitkomst", "Complainant reports back"),
            Step("continue_or_decide", "Doorzetten of besluiten", "Continue or decide"),
        ),
        (_ACK, _REQ, _INFO, _DEC),
        (Outcome.NOT_CONSIDERED_INCOMPLETE, Outcome.REJECTED_NO_INFRINGEMENT),
        "The complainant gets a ready-to-send request (access, rectification, erasure or "
        "objection) and reopens with one click when GDPR 12(3)'s month passes unanswered "
        "(deadlines.controller_response_deadline); the case then changes lane.",
    ),
    Lane.QUICK_INTERVENTION: LaneInfo(
        "Snelle interventie",
        "Quick intervention",
        (
            Step(
                "send_organisation_letter",
                "Normbrief aan organisatie",
                "Letter to the organisation",
            ),
            Step("record_answer", "Antwoord vastleggen", "Record the answer"),
            Step("set_follow_up", "Controledatum zetten", "Set a follow-up date"),
            Step("check_follow_up", "Naleving controleren", "Check compliance"),
            Step("decide", "Besluit nemen en versturen", "Take and send the decision"),
        ),
        (_ACK, _ORG, _PROG, _DEC),
        (
            Outcome.INTERVENTION_SUCCESSFUL,
            Outcome.REJECTED_NO_INFRINGEMENT,
            Outcome.NOT_INVESTIGATED_PRIORITY,
        ),
        "A norm-explaining letter to the organisation, its answer recorded, a follow-up date.",
    ),
    Lane.INVESTIGATE: LaneInfo(
        "Onderzoek",
        "Investigation",
        (
            Step("plan", "Onderzoek plannen", "Plan the investigation"),
            Step("gather", "Informatie verzamelen", "Gather information"),
            Step("weigh_priority", "Prioriteit afwegen", "Weigh priority (three factors)"),
            Step("findings", "Bevindingen vastleggen", "Record findings"),
            Step("hear", "Zienswijze vragen", "Hear the parties"),
            Step("decide", "Besluit nemen en versturen", "Take and send the decision"),
        ),
        (_ACK, _INFO, _ORG, _PROG, _DEC),
        (
            Outcome.INFRINGEMENT_ESTABLISHED,
            Outcome.REJECTED_NO_INFRINGEMENT,
            Outcome.NOT_INVESTIGATED_PRIORITY,
            Outcome.INTERVENTION_SUCCESSFUL,
        ),
        "A full investigation; 'not investigated for lack of priority' is decided here with "
        "the three factors of the priority policy in plain words.",
    ),
    Lane.REFER_LEAD_AUTHORITY: LaneInfo(
        "Doorsturen naar leidende toezichthouder",
        "Refer to the lead authority",
        (
            Step("identify_lead", "Leidende toezichthouder bepalen", "Identify the lead authority"),
            Step("transfer", "Klacht overdragen", "Transfer the complaint"),
            Step("inform_complainant", "Klager informeren", "Inform the complainant"),
            Step("follow", "Voortgang volgen", "Follow progress"),
            Step("record_outcome", "Uitkomst vastleggen", "Record the outcome"),
        ),
        (_ACK, _REFL, _PROG, _DEC),
        (Outcome.REFERRED, Outcome.REJECTED_NO_INFRINGEMENT, Outcome.INFRINGEMENT_ESTABLISHED),
        "Cross-border processing: the lead authority handles it (GDPR 56, 60); the AP keeps "
        "the complainant informed and adopts a dismissal or rejection (GDPR 60(8)).",
    ),
}


@dataclass(frozen=True)
class Procedure:
    """The steps and letters of an objection case (not a lane: triage does not route it)."""

    steps: tuple[Step, ...]
    letters: tuple[LetterKind, ...]
    outcomes: tuple[Outcome, ...]


OBJECTION_PROCEDURE = Procedure(
    steps=(
        Step("acknowledge", "Ontvangst bevestigen", "Acknowledge receipt"),
        Step("check_admissibility", "Ontvankelijkheid toetsen", "Check admissibility"),
        Step("hear", "Hoorzitting", "Hear the objector"),
        Step("reconsider", "Heroverwegen", "Reconsider the decision"),
        Step("decide", "Beslissen op bezwaar", "Decide on the objection"),
    ),
    letters=(
        LetterKind.OBJECTION_ACKNOWLEDGEMENT,
        LetterKind.INFORMATION_REQUEST,
        LetterKind.OBJECTION_DEFERRAL,
        LetterKind.OBJECTION_DECISION,
    ),
    outcomes=(Outcome.OBJECTION_UPHELD, Outcome.OBJECTION_DISMISSED),
)


# --- Letters and outcomes -----------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    nl: str
    en: str


LETTER_KINDS: dict[LetterKind, Label] = {
    LetterKind.ACKNOWLEDGEMENT: Label("Ontvangstbevestiging", "Acknowledgement"),
    LetterKind.INFORMATION_REQUEST: Label("Verzoek om informatie", "Request for information"),
    LetterKind.PROGRESS_NOTICE: Label("Voortgangsbericht", "Progress notice"),
    LetterKind.REQUEST_LETTER: Label(
        "Verzoekbrief aan de organisatie (voor de klager)",
        "Request letter to the organisation (for the complainant)",
    ),
    LetterKind.ORGANISATION_LETTER: Label("Brief aan de organisatie", "Letter to the organisation"),
    LetterKind.REFERRAL: Label("Verwijzing", "Referral"),
    LetterKind.DECISION: Label("Besluit", "Decision"),
    LetterKind.OBJECTION_ACKNOWLEDGEMENT: Label(
        "Ontvangstbevestiging bezwaar", "Acknowledgement of objection"
    ),
    LetterKind.OBJECTION_DECISION: Label("Beslissing op bezwaar", "Decision on objection"),
    LetterKind.OBJECTION_DEFERRAL: Label(
        "Verdaging van de beslissing op bezwaar", "Deferral of the decision on objection"
    ),
}


@dataclass(frozen=True)
class OutcomeInfo:
    """A decision outcome. Every decision on a complaint is open to objection (Awb 7:1): an
    Art. 77 complaint is a request for enforcement and the answer a decision (ECLI:NL:RBMNE:
    2020:4442; CJEU C-26/22 SCHUFA). A decision on an objection is open to appeal instead."""

    nl: str
    en: str
    open_to_objection: bool


DECISION_OUTCOMES: dict[Outcome, OutcomeInfo] = {
    Outcome.NOT_INVESTIGATED_PRIORITY: OutcomeInfo(
        "Niet onderzocht wegens prioriteit", "Not investigated for lack of priority", True
    ),
    Outcome.REJECTED_NO_INFRINGEMENT: OutcomeInfo(
        "Afgewezen: geen overtreding", "Rejected: no infringement", True
    ),
    Outcome.INTERVENTION_SUCCESSFUL: OutcomeInfo(
        "Interventie geslaagd", "Intervention successful", True
    ),
    Outcome.INFRINGEMENT_ESTABLISHED: OutcomeInfo(
        "Overtreding vastgesteld", "Infringement established", True
    ),
    Outcome.REFERRED: OutcomeInfo("Doorverwezen", "Referred", True),
    Outcome.OUT_OF_SCOPE: OutcomeInfo("Buiten bevoegdheid", "Out of scope", True),
    # Whether a tipster is an interested party (Awb 1:2) is doubtful; we treat the answer as
    # open to objection so no one loses a remedy by our choice of label.
    Outcome.TIP_RECORDED: OutcomeInfo("Tip vastgelegd", "Tip recorded", True),
    Outcome.NOT_CONSIDERED_INCOMPLETE: OutcomeInfo(
        "Niet behandeld: onvolledig (Awb 4:5)", "Not considered: incomplete (Awb 4:5)", True
    ),
}

#: Decisions on an objection case. Not open to a further objection: the next remedy is an
#: appeal to the court (Awb 7:1, 8:1), which the decision letter states instead.
OBJECTION_OUTCOMES: dict[Outcome, OutcomeInfo] = {
    Outcome.OBJECTION_UPHELD: OutcomeInfo("Bezwaar gegrond", "Objection upheld", False),
    Outcome.OBJECTION_DISMISSED: OutcomeInfo("Bezwaar ongegrond", "Objection dismissed", False),
}
