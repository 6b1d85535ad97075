"""Figures for the public statistics page: counts only.

Never a complainant, and never an organisation's name: there is no record yet of which
decisions about an organisation are public, so no organisation is named at all. Objection
cases (a complaint row of their own) are not counted as complaints received.
Computed on every request from the database, so the page is always current.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, DateField, F, Func, Q
from django.db.models.functions import ExtractQuarter, ExtractYear, TruncDate
from django.utils.translation import gettext as _

from waakhond.cases.models import Decision
from waakhond.intake.models import Complaint

from . import labels
from .dashboards import art78_counts, tz

DECISION_WEEKS = 8  # Awb 4:13(2): the decision period without a statutory one


class AddDays(Func):
    """A date plus a fixed number of days, the same on PostgreSQL and SQLite."""

    output_field = DateField()

    def __init__(self, expression, days: int, **extra):
        self.days = int(days)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + {self.days})", params  # PostgreSQL: date + integer is a date

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '+{self.days} days')", params


def complaints():
    return Complaint.objects.filter(objection_link__isnull=True)


def decisions():
    # The current decision of each complaint (a replaced one is not counted twice).
    return Decision.objects.filter(
        complaint__objection_link__isnull=True, superseded_at__isnull=True
    )


@dataclass(frozen=True)
class YearFigures:
    year: int
    received: int
    decided: int
    on_time: int
    art78_due: int
    art78_reported: int

    @property
    def on_time_percent(self):
        return round(100 * self.on_time / self.decided, 1) if self.decided else None

    @property
    def art78_percent(self):
        return round(100 * self.art78_reported / self.art78_due, 1) if self.art78_due else None


def public_statistics() -> dict:
    received_q = dict(
        ((r["year"], r["quarter"]), r["n"])
        for r in complaints()
        .annotate(
            year=ExtractYear("received_at", tzinfo=tz()),
            quarter=ExtractQuarter("received_at", tzinfo=tz()),
        )
        .values("year", "quarter")
        .annotate(n=Count("id"))
    )
    decided_q = dict(
        ((r["year"], r["quarter"]), r["n"])
        for r in decisions()
        .annotate(year=ExtractYear("decided_on"), quarter=ExtractQuarter("decided_on"))
        .values("year", "quarter")
        .annotate(n=Count("id"))
    )
    quarters = sorted(set(received_q) | set(decided_q), reverse=True)
    by_quarter = [
        {
            "year": y,
            "quarter": q,
            "received": received_q.get((y, q), 0),
            "decided": decided_q.get((y, q), 0),
        }
        for y, q in quarters
    ]

    on_time = {
        r["year"]: (r["n"], r["on_time"])
        for r in decisions()
        .annotate(
            year=ExtractYear("decided_on"),
            due=AddDays(TruncDate("complaint__received_at", tzinfo=tz()), 7 * DECISION_WEEKS),
        )
        .values("year")
        .annotate(n=Count("id"), on_time=Count("id", filter=Q(decided_on__lte=F("due"))))
    }
    years = sorted({y for y, _q in quarters}, reverse=True)
    art78 = art78_counts(complaints(), key=lambda received_on: received_on.year)
    per_year = []
    for year in years:
        due, reported = art78.get(year, [0, 0])
        per_year.append(
            YearFigures(
                year=year,
                received=sum(v for (y, _q), v in received_q.items() if y == year),
                decided=on_time.get(year, (0, 0))[0],
                on_time=on_time.get(year, (0, 0))[1],
                art78_due=due,
                art78_reported=reported,
            )
        )

    outcome_rows = (
        decisions()
        .annotate(year=ExtractYear("decided_on"))
        .values("year", "outcome")
        .annotate(n=Count("id"))
    )
    outcome_codes = sorted({r["outcome"] for r in outcome_rows})
    outcomes = {}
    for r in outcome_rows:
        outcomes.setdefault(r["year"], {})[r["outcome"]] = r["n"]
    outcome_table = {
        "columns": [labels.label(labels.OUTCOMES, code) for code in outcome_codes],
        "rows": [
            (year, [outcomes.get(year, {}).get(code, 0) for code in outcome_codes])
            for year in years
        ],
    }

    topic_counts = (
        complaints()
        .annotate(year=ExtractYear("received_at", tzinfo=tz()))
        .values("year")
        .annotate(
            **{
                code: Count("id", filter=Q(category_tags__contains=f"|{code}|"))
                for code in labels.CATEGORIES
            }
        )
    )
    topics_by_year = {r["year"]: r for r in topic_counts}
    latest = years[0] if years else None
    topics = []
    if latest is not None:
        topics = sorted(
            (
                (labels.label(labels.CATEGORIES, code), topics_by_year[latest][code])
                for code in labels.CATEGORIES
                if topics_by_year.get(latest, {}).get(code)
            ),
            key=lambda t: -t[1],
        )
    return {
        "total": complaints().count(),
        "by_quarter": by_quarter,
        "per_year": per_year,
        "outcomes": outcome_table,
        "topics": topics,
        "topics_year": latest,
        "decision_weeks": DECISION_WEEKS,
        "note": _("Cijfers tot en met vandaag; een klacht kan over meer onderwerpen gaan."),
    }
