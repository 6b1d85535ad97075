"""The case workflow: named scenarios, who may do what, and checks over the whole table."""

from collections import deque

import pytest

from waakhond.cases.workflow import (
    DECISION_OUTCOMES,
    LANES,
    LETTER_KINDS,
    OBJECTION_OUTCOMES,
    OBJECTION_PROCEDURE,
    STATES,
    TERMINAL_STATES,
    TRANSITIONS,
    Lane,
    LetterKind,
    Role,
    State,
    TransitionNotAllowed,
    allowed_transitions,
    check_transition,
    is_terminal,
)


def walk(start: str, steps: list[tuple[str, str, str]]) -> str:
    """Follow (to_state, role, expected action) steps through the table; return the end state.

    A row that opens a linked case leaves the walked case where it is, as the service does.
    """
    state = start
    for to_state, role, action in steps:
        row = check_transition(state, to_state, role)
        assert row.action == action, (state, to_state, role)
        if not row.opens_linked_case:
            state = to_state
    return state


INTAKE = [
    ("triaged", "system", "triage"),
    ("in_lane", "intake_officer", "assign_lane"),
]
DECIDE_AND_CLOSE = [
    ("decided", "case_handler", "decide"),
    ("closed", "system", "close"),
]

# --- Scenarios: a complaint through each lane ---------------------------------------------

LANE_SCENARIOS = {
    # lane: the path after it was assigned, in plain words in the comment
    Lane.OUT_OF_SCOPE: DECIDE_AND_CLOSE,  # decided out of scope, with a referral letter
    Lane.TIP: DECIDE_AND_CLOSE,  # the tip is recorded and the person told so
    Lane.ASK_ORGANISATION_FIRST: [
        # The organisation did not answer within a month; the complainant reopens and the
        # case moves to a quick intervention before it is decided.
        ("in_lane", "case_handler", "change_lane"),
        *DECIDE_AND_CLOSE,
    ],
    Lane.QUICK_INTERVENTION: [
        # The handler needs a detail from the complainant first; the clock stops and runs on.
        ("awaiting_complainant", "case_handler", "request_information"),
        ("in_lane", "complainant", "information_received"),
        *DECIDE_AND_CLOSE,
    ],
    Lane.INVESTIGATE: [
        # Suspended with the complainant's consent, resumed by the system, decided.
        ("suspended", "case_handler", "suspend"),
        ("in_lane", "system", "resume"),
        ("decided", "team_lead", "decide"),
        ("closed", "case_handler", "close"),
    ],
    Lane.REFER_LEAD_AUTHORITY: [
        # Handed to the lead authority; its outcome is adopted and sent, then closed.
        ("referred", "case_handler", "refer"),
        ("decided", "case_handler", "record_referral_outcome"),
        ("closed", "system", "close"),
    ],
}


@pytest.mark.parametrize("lane", list(Lane))
def test_a_complaint_goes_through_each_lane_to_decided_and_closed(lane):
    assert walk("received", INTAKE + LANE_SCENARIOS[lane]) == "closed"


def test_every_lane_has_a_scenario():
    assert set(LANE_SCENARIOS) == set(LANES) == set(Lane)


def test_objection_opens_a_linked_case_and_the_original_stays_decided():
    original = walk("received", [*INTAKE, ("decided", "case_handler", "decide")])
    row = check_transition(original, "objection", "complainant")
    assert row.action == "file_objection" and row.opens_linked_case
    assert walk(original, [("objection", "complainant", "file_objection")]) == "decided"
    # The objection case itself: a defect repaired, a decision on the objection, closed.
    objection_case = walk(
        "objection",
        [
            ("awaiting_complainant", "case_handler", "request_information"),
            ("objection", "complainant", "information_received"),
            ("decided", "case_handler", "decide_objection"),
            ("closed", "system", "close"),
        ],
    )
    assert objection_case == "closed"
    # The original closes once the objection has run its course.
    assert walk(original, [("closed", "system", "close")]) == "closed"


def test_an_objection_received_by_post_is_recorded_by_staff_with_a_reason():
    row = check_transition("decided", "objection", "intake_officer")
    assert row.action == "record_objection" and row.reason_required and row.opens_linked_case


def test_an_upheld_objection_lets_a_team_lead_reopen_the_original():
    assert walk("decided", [("in_lane", "team_lead", "reopen")]) == "in_lane"


def test_a_case_handler_cannot_do_what_only_a_team_lead_may():
    with pytest.raises(TransitionNotAllowed) as caught:
        check_transition("decided", "in_lane", "case_handler")
    message = str(caught.value)
    assert "'case_handler'" in message and "'decided'" in message and "'in_lane'" in message
    assert "only team_lead may" in message


@pytest.mark.parametrize("state", sorted(set(State) - TERMINAL_STATES))
def test_the_complainant_can_withdraw_from_every_open_state(state):
    row = check_transition(state, "withdrawn", "complainant")
    assert row.action == "withdraw" and not row.reason_required


def test_staff_record_a_withdrawal_with_a_reason():
    row = check_transition("in_lane", "withdrawn", "case_handler")
    assert row.action == "record_withdrawal" and row.reason_required


def test_a_withdrawal_mid_investigation_ends_the_case():
    end = walk("received", [*INTAKE, ("withdrawn", "complainant", "withdraw")])
    assert is_terminal(end)


@pytest.mark.parametrize(
    "row", TRANSITIONS, ids=lambda r: f"{r.from_state}->{r.to_state}:{r.action}"
)
def test_an_auditor_is_refused_every_transition(row):
    with pytest.raises(TransitionNotAllowed, match="auditor cannot move a case"):
        check_transition(row.from_state, row.to_state, "auditor")


@pytest.mark.parametrize("state", list(State))
def test_auditors_and_administrators_are_offered_no_transitions(state):
    assert allowed_transitions(state, "auditor") == []
    assert allowed_transitions(state, "administrator") == []


# --- Who may do what (plain-words table) --------------------------------------------------

WHO_MAY = [
    # (from, to, role, allowed?, why)
    ("received", "triaged", "system", True, "the triage engine records its assessment"),
    ("received", "triaged", "intake_officer", True, "an intake officer may triage by hand"),
    ("received", "triaged", "complainant", False, "a complainant does not triage"),
    ("triaged", "in_lane", "intake_officer", True, "intake confirms the lane"),
    ("in_lane", "decided", "case_handler", True, "a handler decides"),
    ("in_lane", "decided", "intake_officer", False, "intake does not decide"),
    ("in_lane", "decided", "complainant", False, "the complainant does not decide"),
    ("in_lane", "decided", "system", False, "no decision is taken by a machine"),
    ("in_lane", "in_lane", "case_handler", True, "a handler may change the lane"),
    ("decided", "objection", "complainant", True, "the complainant may object to a decision"),
    ("in_lane", "objection", "complainant", False, "no objection before a decision"),
    ("decided", "in_lane", "team_lead", True, "a team lead reopens"),
    ("decided", "in_lane", "case_handler", False, "a handler may not reopen"),
    ("awaiting_complainant", "in_lane", "complainant", True, "supplying information resumes"),
    ("suspended", "in_lane", "system", True, "the system resumes on the end date"),
    ("closed", "in_lane", "team_lead", False, "a closed case stays closed"),
]


@pytest.mark.parametrize(
    ("source", "target", "role", "allowed", "why"), WHO_MAY, ids=[r[4] for r in WHO_MAY]
)
def test_who_may_move_a_case(source, target, role, allowed, why):
    if allowed:
        assert check_transition(source, target, role)
    else:
        with pytest.raises(TransitionNotAllowed):
            check_transition(source, target, role)


REFUSAL_MESSAGES = [
    # (from, to, role, message, why)
    (
        "received",
        "decided",
        "case_handler",
        "cannot move from 'received' to 'decided'",
        "no such path",
    ),
    ("closed", "in_lane", "team_lead", "is finished", "a terminal state"),
    ("nonsense", "in_lane", "team_lead", "'nonsense' is not a case state", "an unknown state"),
    ("received", "triaged", "janitor", "'janitor' is not a role", "an unknown role"),
]


@pytest.mark.parametrize(
    ("source", "target", "role", "message", "why"),
    REFUSAL_MESSAGES,
    ids=[r[4] for r in REFUSAL_MESSAGES],
)
def test_refusals_say_what_was_refused(source, target, role, message, why):
    with pytest.raises(TransitionNotAllowed, match=message) as caught:
        check_transition(source, target, role)
    assert str(caught.value).endswith(".")


# --- The table as a whole -----------------------------------------------------------------


def test_every_state_is_reachable_from_received():
    reached, queue = {State.RECEIVED}, deque([State.RECEIVED])
    while queue:
        state = queue.popleft()
        for row in TRANSITIONS:
            if row.from_state == state and row.to_state not in reached:
                reached.add(row.to_state)
                queue.append(row.to_state)
    assert reached == set(State)


def test_terminal_states_have_no_exits_and_all_others_do():
    for state in State:
        exits = [row for row in TRANSITIONS if row.from_state == state]
        assert is_terminal(state) == (state in TERMINAL_STATES)
        assert (not exits) if state in TERMINAL_STATES else exits, state


def test_every_row_is_complete_and_explained():
    seen = set()
    for row in TRANSITIONS:
        assert row.roles, row
        assert Role.AUDITOR not in row.roles and Role.ADMINISTRATOR not in row.roles, row
        assert row.comment.endswith("."), row
        key = (row.from_state, row.to_state, row.action)
        assert key not in seen, f"duplicate row {key}"
        seen.add(key)


def test_each_pair_of_states_has_at_most_one_row_per_role():
    # check_transition picks the row by role; two rows for one role would be ambiguous.
    for row in TRANSITIONS:
        for other in TRANSITIONS:
            if row is not other and (row.from_state, row.to_state) == (
                other.from_state,
                other.to_state,
            ):
                assert not (row.roles & other.roles), (row.action, other.action)


def test_every_state_has_labels():
    assert set(STATES) == set(State)
    for info in STATES.values():
        assert info.nl and info.en and info.meaning.endswith(".")


def test_the_clock_stops_only_while_waiting_or_suspended():
    open_states = set(State) - TERMINAL_STATES - {State.DECIDED, State.REFERRED}
    stopped = {state for state in open_states if not STATES[state].clock_runs}
    assert stopped == {State.AWAITING_COMPLAINANT, State.SUSPENDED}


# --- Lanes, letters and outcomes ----------------------------------------------------------


@pytest.mark.parametrize("lane", list(Lane))
def test_each_lane_has_ordered_labelled_steps_letters_and_outcomes(lane):
    info = LANES[lane]
    keys = [step.key for step in info.steps]
    assert keys and len(keys) == len(set(keys))
    assert all(step.nl and step.en for step in info.steps)
    assert LetterKind.ACKNOWLEDGEMENT in info.letters and LetterKind.DECISION in info.letters
    assert info.outcomes and all(outcome in DECISION_OUTCOMES for outcome in info.outcomes)


LANE_LETTERS = [
    # (lane, letter kind, why)
    (Lane.ASK_ORGANISATION_FIRST, LetterKind.REQUEST_LETTER, "a ready-to-send request letter"),
    (Lane.QUICK_INTERVENTION, LetterKind.ORGANISATION_LETTER, "a norm-explaining letter"),
    (Lane.OUT_OF_SCOPE, LetterKind.REFERRAL, "a referral elsewhere"),
    (Lane.REFER_LEAD_AUTHORITY, LetterKind.REFERRAL, "the complainant is told who handles it"),
    (Lane.INVESTIGATE, LetterKind.PROGRESS_NOTICE, "long cases report progress"),
]


@pytest.mark.parametrize(("lane", "letter", "why"), LANE_LETTERS, ids=[r[2] for r in LANE_LETTERS])
def test_lanes_use_their_own_letters(lane, letter, why):
    assert letter in LANES[lane].letters


def test_every_letter_kind_has_labels_and_is_used():
    assert set(LETTER_KINDS) == set(LetterKind)
    used = {letter for info in LANES.values() for letter in info.letters}
    used |= set(OBJECTION_PROCEDURE.letters)
    assert used == set(LetterKind)


def test_every_decision_on_a_complaint_is_open_to_objection():
    assert "not_investigated_priority" in DECISION_OUTCOMES
    for outcome, info in DECISION_OUTCOMES.items():
        assert info.nl and info.en, outcome
        assert info.open_to_objection, outcome


def test_decisions_on_an_objection_go_to_court_instead():
    assert set(OBJECTION_PROCEDURE.outcomes) == set(OBJECTION_OUTCOMES)
    assert not any(info.open_to_objection for info in OBJECTION_OUTCOMES.values())
