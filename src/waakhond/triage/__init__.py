"""Waakhond triage engine: an explainable first reading of every complaint.

Plain Python (no Django, no other waakhond package): frozen dataclasses in and out, rules as
reviewable TOML data files in ``rules/``, deterministic results carrying the engine and rules
version. It suggests; people decide.

    >>> from waakhond.triage import ComplaintInput, triage
    >>> result = triage(ComplaintInput(id="1", text="..."))
    >>> result.to_dict()["priority"]["band"]
"""

from .engine import DEFAULT_RECEIVED_ON, ENGINE_VERSION, triage
from .rules import load_rules
from .types import ComplaintInput, TriageResult

RULES_VERSION = load_rules().version

__all__ = [
    "ComplaintInput",
    "DEFAULT_RECEIVED_ON",
    "ENGINE_VERSION",
    "RULES_VERSION",
    "TriageResult",
    "triage",
]
