"""Workload: open cases per handler and per lane, with how many are overdue or at risk.

Counts use the stored next deadline (kept current by the services and the daily run): a case
is overdue when that date has passed, at risk when it is at most five working days away. Only
the complaints the viewer may see are counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from waakhond.accounts.access import complaints_visible_to
from waakhond.accounts.roles import CASE_HANDLER, TEAM_LEAD
from waakhond.intake.models import Complaint, Lane, State

from .deadlines import add_working_days
from .selectors_deadlines import AT_RISK_WORKING_DAYS

OPEN_STATES = [
    State.RECEIVED,
    State.TRIAGED,
    State.IN_LANE,
    State.AWAITING_COMPLAINANT,
    State.SUSPENDED,
    State.DECIDED,
    State.OBJECTION,
    State.REFERRED,
]
WAITING = [State.AWAITING_COMPLAINANT, State.SUSPENDED]


@dataclass(frozen=True)
class WorkloadRow:
    key: str  # user id, lane code, or "" for unassigned / no lane
    label: str
    open: int
    in_lane: int
    waiting: int
    decided: int
    overdue: int
    at_risk: int


def _counts(today: dt.date) -> dict:
    soon = add_working_days(today, AT_RISK_WORKING_DAYS)
    return {
        "open": Count("id"),
        "in_lane": Count("id", filter=Q(state__in=[State.IN_LANE, State.OBJECTION])),
        "waiting": Count("id", filter=Q(state__in=WAITING)),
        "decided": Count("id", filter=Q(state=State.DECIDED)),
        "overdue": Count("id", filter=Q(next_deadline__lt=today)),
        "at_risk": Count("id", filter=Q(next_deadline__gte=today, next_deadline__lte=soon)),
    }


def _open_cases(user):
    return complaints_visible_to(user, Complaint.objects.filter(state__in=OPEN_STATES)).order_by()


def workload_per_handler(*, user, today: dt.date | None = None) -> list[WorkloadRow]:
    """One row per handler and team lead (also those with nothing), then the unassigned cases."""
    today = today or timezone.localdate()
    found = {
        row["assigned_to"]: row
        for row in _open_cases(user).values("assigned_to").annotate(**_counts(today))
    }
    people = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[CASE_HANDLER, TEAM_LEAD])
        .distinct()
        .order_by("username")
    )
    empty = dict.fromkeys(("open", "in_lane", "waiting", "decided", "overdue", "at_risk"), 0)
    rows = []
    for person in people:
        counts = found.get(person.pk, empty)
        rows.append(
            WorkloadRow(
                key=str(person.pk),
                label=person.get_full_name() or person.get_username(),
                **{name: counts[name] for name in empty},
            )
        )
    from django.utils.translation import gettext as _

    unassigned = found.get(None, empty)
    rows.append(
        WorkloadRow(
            key="", label=_("Niet toegewezen"), **{name: unassigned[name] for name in empty}
        )
    )
    return rows


def workload_per_lane(*, user, today: dt.date | None = None) -> list[WorkloadRow]:
    """One row per lane, then the open cases without a lane (not yet routed, or objections)."""
    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    found = {
        row["lane"]: row for row in _open_cases(user).values("lane").annotate(**_counts(today))
    }
    empty = dict.fromkeys(("open", "in_lane", "waiting", "decided", "overdue", "at_risk"), 0)
    rows = [
        WorkloadRow(
            key=lane.value,
            label=str(lane.label),
            **{n: found.get(lane.value, empty)[n] for n in empty},
        )
        for lane in Lane
    ]
    rows.append(
        WorkloadRow(key="", label=_("Zonder spoor"), **{n: found.get("", empty)[n] for n in empty})
    )
    return rows
