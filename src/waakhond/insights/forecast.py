"""Capacity forecast: how the backlog and the missed deadlines develop over the coming weeks.

Why this module exists: "not handled for lack of staff" should be a number the authority sees
coming, not a reason given afterwards. The model is deliberately simple, and every assumption
is printed under the chart:

    * Each lane is a first-in, first-out queue. Every week it receives the average weekly
      intake of that lane over the last ``INTAKE_WEEKS`` weeks (complaints not yet in a lane
      count for the lane the triage suggested, else quick intervention).
    * Every week a lane finishes ``hours per week / hours per case`` complaints, oldest first.
    * A new complaint is due ``DECISION_WEEKS`` weeks after receipt (Awb 4:13); an open
      complaint keeps its current next deadline (or that period from today when it has none).
    * A deadline is missed when a complaint is still waiting in the week its deadline passes.
      Complaints already overdue today are reported apart and not counted again.
    * "More or fewer handlers": each handler adds or removes ``HOURS_PER_HANDLER`` productive
      hours a week, spread over the lanes in proportion to the hours entered.
No Django; the view feeds it figures from the database.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

DECISION_WEEKS = 8
INTAKE_WEEKS = 13
HORIZON_WEEKS = 26
HOURS_PER_HANDLER = 32.0

# Defaults, to be replaced by the team's own figures: productive hours a week per lane, and the
# hours one complaint takes in it (from time registration; these are planning estimates).
DEFAULT_HOURS_PER_WEEK = {
    "out_of_scope": 16.0,
    "tip": 8.0,
    "ask_organisation_first": 32.0,
    "quick_intervention": 128.0,
    "investigate": 160.0,
    "refer_lead_authority": 16.0,
}
DEFAULT_HOURS_PER_CASE = {
    "out_of_scope": 1.0,
    "tip": 0.5,
    "ask_organisation_first": 1.5,
    "quick_intervention": 6.0,
    "investigate": 40.0,
    "refer_lead_authority": 3.0,
}
HANDLER_SCENARIOS = (-2, -1, 0, 1, 2, 4)


@dataclass(frozen=True)
class LaneInput:
    lane: str
    hours_per_week: float
    hours_per_case: float
    weekly_intake: float
    # (weeks from today until the deadline, number of complaints); negative = already overdue
    backlog: tuple[tuple[int, float], ...] = ()


@dataclass
class ScenarioResult:
    handlers_delta: int
    backlog: list[float] = field(default_factory=list)  # total at the end of each week
    missed: list[float] = field(default_factory=list)  # cumulative missed deadlines
    already_overdue: float = 0.0

    @property
    def missed_total(self) -> float:
        return self.missed[-1] if self.missed else 0.0

    @property
    def backlog_end(self) -> float:
        return self.backlog[-1] if self.backlog else 0.0


def _scaled(lanes: list[LaneInput], handlers_delta: int) -> list[LaneInput]:
    total = sum(lane.hours_per_week for lane in lanes)
    extra = handlers_delta * HOURS_PER_HANDLER
    result = []
    for lane in lanes:
        share = lane.hours_per_week / total if total else 1 / max(len(lanes), 1)
        result.append(
            LaneInput(
                lane=lane.lane,
                hours_per_week=max(0.0, lane.hours_per_week + extra * share),
                hours_per_case=lane.hours_per_case,
                weekly_intake=lane.weekly_intake,
                backlog=lane.backlog,
            )
        )
    return result


def simulate(
    lanes: list[LaneInput], *, weeks: int = HORIZON_WEEKS, handlers_delta: int = 0
) -> ScenarioResult:
    result = ScenarioResult(handlers_delta=handlers_delta)
    queues: dict[str, deque] = {}
    for lane in _scaled(lanes, handlers_delta):
        queue: deque = deque()
        for due_week, count in sorted(lane.backlog):
            if due_week < 0:
                result.already_overdue += count
            queue.append([due_week, float(count)])
        queues[lane.lane] = queue
    lanes = _scaled(lanes, handlers_delta)
    missed = 0.0
    for week in range(weeks):
        for lane in lanes:
            queue = queues[lane.lane]
            if lane.weekly_intake:
                queue.append([week + DECISION_WEEKS, lane.weekly_intake])
            capacity = lane.hours_per_week / lane.hours_per_case if lane.hours_per_case > 0 else 0.0
            while capacity > 1e-9 and queue:
                cohort = queue[0]
                done = min(capacity, cohort[1])
                cohort[1] -= done
                capacity -= done
                if cohort[1] <= 1e-9:
                    queue.popleft()
            for cohort in queue:
                if cohort[0] == week:
                    missed += cohort[1]
        result.backlog.append(round(sum(c[1] for q in queues.values() for c in q), 1))
        result.missed.append(round(missed, 1))
    return result


def scenarios(lanes: list[LaneInput], *, weeks: int = HORIZON_WEEKS) -> list[ScenarioResult]:
    """The forecast with the hours entered and with some handlers more or fewer."""
    return [simulate(lanes, weeks=weeks, handlers_delta=d) for d in HANDLER_SCENARIOS]
