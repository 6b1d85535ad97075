"""The workflow table and the complaint model name every state the same way, in both languages."""

import pytest

from django.utils import translation

from waakhond.cases.workflow import DECISION_OUTCOMES, STATES, Outcome
from waakhond.intake.models import State


@pytest.mark.parametrize("state", list(STATES), ids=[s.value for s in STATES])
def test_every_workflow_state_has_the_label_of_the_intake_state(state):
    info = STATES[state]
    with translation.override("nl"):
        assert info.nl == str(State(state.value).label)
    with translation.override("en"):
        assert info.en == str(State(state.value).label)


def test_the_workflow_knows_every_state_of_the_complaint_model():
    assert {s.value for s in STATES} == set(State.values)


def test_the_referral_outcome_uses_the_word_of_the_referred_state():
    assert DECISION_OUTCOMES[Outcome.REFERRED].nl == STATES[State.REFERRED].nl
