"""The figures of the team leads' and management's dashboards, aggregated in the database.

Each function returns a `Table`: the rows a chart draws, the same rows the page shows as a
data table, and the rows its CSV export holds. Nothing here loads complaints one by one, so a
page stays fast at a hundred thousand complaints.

Definitions
    * Open: a complaint in any state but decided, closed, withdrawn or referred.
    * Overdue / at risk: an open complaint whose ``next_deadline`` has passed / is at most
      ``AT_RISK_WORKING_DAYS`` working days away, as `cases.deadlines.deadline_status` says.
    * Reported on within three months (GDPR Art. 78(2)): a decision dated, or a progress or
      decision letter made, on or before the day three calendar months after the day of
      receipt (Europe/Amsterdam; `cases.deadlines.add_months`, Reg. 1182/71 art. 3(2)(c)). The
      share counts only complaints whose three months have passed or that were reported on
      already. The rolling of a period that ends on a weekend (art. 3(4)) is not applied: the
      share is at most a few days strict. The dates come from one query; the comparison is
      made in Python so that it uses the same month arithmetic as the deadlines module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, DateField, DateTimeField, Max, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waakhond.cases.deadlines import Deadline, add_months, add_working_days, deadline_status
from waakhond.cases.models import Decision, Letter
from waakhond.intake.models import Complaint

from . import labels

AT_RISK_WORKING_DAYS = 5
CLOSED_STATES = ("decided", "closed", "withdrawn", "referred")
REPORT_LETTER_KINDS = ("progress_notice", "decision")
AGE_BUCKETS = (  # (label, from weeks inclusive, to weeks exclusive)
    (gettext_lazy("0–4 weken"), 0, 4),
    (gettext_lazy("4–8 weken"), 4, 8),
    (gettext_lazy("8–13 weken"), 8, 13),
    (gettext_lazy("13–26 weken"), 13, 26),
    (gettext_lazy("26–52 weken"), 26, 52),
    (gettext_lazy("meer dan een jaar"), 52, None),
)


def tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def today() -> dt.date:
    return timezone.localdate()


@dataclass(frozen=True)
class Filters:
    """Period (days of receipt, both included), sector and lane, from the query string."""

    date_from: dt.date
    date_to: dt.date
    sector: str = ""
    lane: str = ""

    @classmethod
    def from_query(cls, query) -> Filters:
        def parse(name: str, default: dt.date) -> dt.date:
            try:
                return dt.date.fromisoformat(query.get(name, ""))
            except ValueError:
                return default

        end = parse("to", today())
        start = parse("from", end - dt.timedelta(days=364))
        if start > end:
            start, end = end, start
        sector = query.get("sector", "")
        lane = query.get("lane", "")
        return cls(
            date_from=start,
            date_to=end,
            sector=sector if sector in labels.SECTORS else "",
            lane=lane if lane in labels.LANES else "",
        )

    def querystring(self) -> str:
        data = {"from": self.date_from.isoformat(), "to": self.date_to.isoformat()}
        if self.sector:
            data["sector"] = self.sector
        if self.lane:
            data["lane"] = self.lane
        return urlencode(data)

    def _start(self) -> dt.datetime:
        return dt.datetime.combine(self.date_from, dt.time.min, tzinfo=tz())

    def _end(self) -> dt.datetime:
        return dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz())

    def scoped(self, queryset=None, prefix: str = ""):
        """Complaints (or rows through `prefix`) of the chosen sector and lane."""
        queryset = Complaint.objects.all() if queryset is None else queryset
        if self.sector:
            queryset = queryset.filter(**{f"{prefix}sector": self.sector})
        if self.lane:
            queryset = queryset.filter(**{f"{prefix}lane": self.lane})
        return queryset

    def received(self):
        """Complaints received in the period, of the chosen sector and lane."""
        return self.scoped().filter(received_at__gte=self._start(), received_at__lt=self._end())

    def open(self):
        """Complaints open now, of the chosen sector and lane (the period does not apply)."""
        return self.scoped().exclude(state__in=CLOSED_STATES)


@dataclass
class Table:
    """A chart's data: column headings, rows (first cell the label), and how to draw it."""

    id: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    kind: str = "bar"  # bar | barh | line | stacked
    description: str = ""
    percent: bool = False

    def csv_rows(self) -> list[list]:
        return [self.columns, *[[str(c) for c in row] for row in self.rows]]


# --- Intake -------------------------------------------------------------------------------


def _weeks(start: dt.date, end: dt.date) -> list[dt.date]:
    monday = start - dt.timedelta(days=start.weekday())
    result = []
    while monday <= end:
        result.append(monday)
        monday += dt.timedelta(weeks=1)
    return result


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    month = start.replace(day=1)
    result = []
    while month <= end:
        result.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return result


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def intake_per_week(f: Filters) -> Table:
    counts = {
        _as_date(row["week"]): row["n"]
        for row in f.received()
        .annotate(week=TruncWeek("received_at", tzinfo=tz()))
        .values("week")
        .annotate(n=Count("id"))
    }
    return Table(
        id="intake_week",
        title=_("Ontvangen klachten per week"),
        columns=[_("Week (maandag)"), _("Ontvangen")],
        rows=[[week.isoformat(), counts.get(week, 0)] for week in _weeks(f.date_from, f.date_to)],
        kind="line",
    )


def intake_per_month(f: Filters) -> Table:
    counts = {
        _as_date(row["month"]): row["n"]
        for row in f.received()
        .annotate(month=TruncMonth("received_at", tzinfo=tz()))
        .values("month")
        .annotate(n=Count("id"))
    }
    return Table(
        id="intake_month",
        title=_("Ontvangen klachten per maand"),
        columns=[_("Maand"), _("Ontvangen")],
        rows=[
            [month.strftime("%Y-%m"), counts.get(month, 0)]
            for month in _months(f.date_from, f.date_to)
        ],
    )


def intake_by_sector(f: Filters) -> Table:
    rows = f.received().values("sector").annotate(n=Count("id")).order_by("-n", "sector")
    return Table(
        id="intake_sector",
        title=_("Ontvangen klachten per sector"),
        columns=[_("Sector"), _("Ontvangen")],
        rows=[[labels.label(labels.SECTORS, r["sector"]), r["n"]] for r in rows],
        kind="barh",
    )


def intake_by_category(f: Filters) -> Table:
    # One scan: a conditional count per category of the "|a|b|" column.
    aggregates = {
        code: Count("id", filter=Q(category_tags__contains=f"|{code}|"))
        for code in labels.CATEGORIES
    }
    counts = f.received().aggregate(**aggregates)
    rows = sorted(
        (
            [labels.label(labels.CATEGORIES, code), counts[code]]
            for code in labels.CATEGORIES
            if counts[code]
        ),
        key=lambda r: -r[1],
    )
    return Table(
        id="intake_category",
        title=_("Ontvangen klachten per onderwerp"),
        columns=[_("Onderwerp"), _("Klachten")],
        rows=rows,
        kind="barh",
        description=_(
            "Een klacht kan over meer onderwerpen gaan; de aantallen tellen dus niet op tot het totaal."
        ),
    )


def intake_by_band(f: Filters) -> Table:
    counts = {r["band"]: r["n"] for r in f.received().values("band").annotate(n=Count("id"))}
    order = ["high", "medium", "low", ""]
    return Table(
        id="intake_band",
        title=_("Ontvangen klachten per prioriteit"),
        columns=[_("Prioriteit"), _("Ontvangen")],
        rows=[[labels.label(labels.BANDS, b), counts.get(b, 0)] for b in order],
    )


# --- Backlog and deadlines ------------------------------------------------------------------


def backlog_by_age(f: Filters) -> Table:
    now = timezone.now()
    aggregates = {}
    for index, (_label, start, end) in enumerate(AGE_BUCKETS):
        condition = Q(received_at__lte=now - dt.timedelta(weeks=start))
        if end is not None:
            condition &= Q(received_at__gt=now - dt.timedelta(weeks=end))
        aggregates[f"b{index}"] = Count("id", filter=condition)
    counts = f.open().aggregate(**aggregates)
    return Table(
        id="backlog_age",
        title=_("Openstaande klachten naar leeftijd"),
        columns=[_("Leeftijd"), _("Open")],
        rows=[[str(label), counts[f"b{i}"]] for i, (label, _s, _e) in enumerate(AGE_BUCKETS)],
    )


def at_risk_until(day: dt.date) -> dt.date:
    """The last due date that is 'at risk' on `day` (the boundary of deadline_status)."""
    return add_working_days(day, AT_RISK_WORKING_DAYS)


def deadline_state(due: dt.date | None, day: dt.date) -> str:
    """ok / at_risk / overdue for a complaint's next deadline, by `cases.deadlines`."""
    if due is None:
        return "none"
    return deadline_status(
        Deadline(key="next", due=due, basis="", explanation={}),
        day,
        at_risk_working_days=AT_RISK_WORKING_DAYS,
    )


def deadlines_by_lane(f: Filters) -> Table:
    day = today()
    limit = at_risk_until(day)
    rows = (
        f.open()
        .values("lane")
        .annotate(
            overdue=Count("id", filter=Q(next_deadline__lt=day)),
            at_risk=Count("id", filter=Q(next_deadline__gte=day, next_deadline__lte=limit)),
            ok=Count("id", filter=Q(next_deadline__gt=limit)),
            none=Count("id", filter=Q(next_deadline__isnull=True)),
        )
        .order_by("lane")
    )
    return Table(
        id="deadlines",
        title=_("Open klachten: termijn verlopen of in gevaar, per spoor"),
        columns=[_("Spoor"), _("Verlopen"), _("In gevaar"), _("Op tijd"), _("Geen termijn")],
        rows=[
            [labels.label(labels.LANES, r["lane"]), r["overdue"], r["at_risk"], r["ok"], r["none"]]
            for r in rows
        ],
        kind="stacked",
        description=_("In gevaar: de eerstvolgende termijn verloopt binnen %(days)s werkdagen.")
        % {"days": AT_RISK_WORKING_DAYS},
    )


def overdue_list(f: Filters, limit: int = 20):
    return list(
        f.open()
        .filter(next_deadline__lte=at_risk_until(today()))
        .select_related("assigned_to")
        .order_by("next_deadline", "received_at")[:limit]
    )


def workload_per_handler(f: Filters) -> Table:
    day = today()
    rows = (
        f.open()
        .values("assigned_to__username")
        .annotate(
            n=Count("id"),
            high=Count("id", filter=Q(band="high")),
            overdue=Count("id", filter=Q(next_deadline__lt=day)),
        )
        .order_by("-n", "assigned_to__username")
    )
    return Table(
        id="workload",
        title=_("Werkvoorraad per behandelaar"),
        columns=[_("Behandelaar"), _("Open"), _("Prioriteit hoog"), _("Termijn verlopen")],
        rows=[
            [r["assigned_to__username"] or _("niet toegewezen"), r["n"], r["high"], r["overdue"]]
            for r in rows
        ],
        kind="barh",
    )


# --- Timeliness and outcomes -----------------------------------------------------------------


def report_rows(queryset):
    """(day of receipt, first decision date, day of the first progress or decision letter)
    per complaint: one query, with a correlated index lookup for each of the two dates."""
    first_letter = (
        Letter.objects.filter(complaint=OuterRef("pk"), kind__in=REPORT_LETTER_KINDS)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    first_decision = (
        Decision.objects.filter(complaint=OuterRef("pk"))
        .order_by("decided_on")
        .values("decided_on")[:1]
    )
    return (
        queryset.order_by()
        .annotate(
            received_on=TruncDate("received_at", tzinfo=tz()),
            first_decision_on=Subquery(first_decision, output_field=DateField()),
            first_letter_on=TruncDate(
                Subquery(first_letter, output_field=DateTimeField()), tzinfo=tz()
            ),
        )
        .values_list("received_on", "first_decision_on", "first_letter_on")
    )


def _as_day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# Complaints received before this many days ago can no longer change from "not reported" to
# "reported in time": their three months ended before any letter or decision made today.
_SETTLED_AFTER_DAYS = 100
_SETTLED_CACHE_SECONDS = 15 * 60


def art78_counts(queryset, key=lambda received_on: None) -> dict:
    """{key(day of receipt): [three months passed or reported, reported in time]}.

    Three months after receipt is `cases.deadlines.add_months` (Reg. 1182/71 art. 3(2)(c)).
    The settled part (received more than ``_SETTLED_AFTER_DAYS`` ago) is cached for a quarter
    of an hour, or until a decision or letter is added; the recent part is always read fresh.
    (A lane or sector changed on an old complaint shows in the filtered figures within that
    quarter of an hour.)
    """
    day = today()
    border = dt.datetime.combine(
        day - dt.timedelta(days=_SETTLED_AFTER_DAYS), dt.time.min, tzinfo=tz()
    )
    settled_qs = queryset.filter(received_at__lt=border).order_by()
    sql, params = settled_qs.query.sql_with_params()
    # A decision or letter recorded since (even one dated in the past) makes a new key.
    stamp = (
        Decision.objects.aggregate(n=Count("id"), last=Max("id")),
        Letter.objects.aggregate(n=Count("id"), last=Max("id")),
    )
    cache_key = (
        "insights-art78-" + hashlib.sha256(f"{sql}|{params}|{day}|{stamp}".encode()).hexdigest()
    )
    settled = cache.get(cache_key)
    if settled is None:
        settled = _art78_rows(settled_qs, day)
        cache.set(cache_key, settled, _SETTLED_CACHE_SECONDS)
    counts: dict = {}
    for rows in (settled, _art78_rows(queryset.filter(received_at__gte=border).order_by(), day)):
        for received_on, due, reported in rows:
            row = counts.setdefault(key(received_on), [0, 0])
            row[0] += due
            row[1] += reported
    return counts


def _art78_rows(queryset, day: dt.date) -> list[tuple[dt.date, int, int]]:
    """Per day of receipt: (day, three months passed or reported, reported in time)."""
    limits: dict[dt.date, dt.date] = {}
    per_day: dict[dt.date, list[int]] = {}
    for received_on, decided_on, letter_on in report_rows(queryset).iterator(chunk_size=5000):
        received_on, decided_on, letter_on = (
            _as_day(received_on),
            _as_day(decided_on),
            _as_day(letter_on),
        )
        limit = limits.get(received_on)
        if limit is None:
            limit = limits[received_on] = add_months(received_on, 3)
        reported = (decided_on is not None and decided_on <= limit) or (
            letter_on is not None and letter_on <= limit
        )
        if reported or limit < day:
            row = per_day.setdefault(received_on, [0, 0])
            row[0] += 1
            row[1] += int(reported)
    return [(d, due, reported) for d, (due, reported) in per_day.items()]


def art78_per_month(f: Filters) -> Table:
    counts = art78_counts(f.received(), key=lambda d: d.strftime("%Y-%m"))
    table_rows = []
    for month in sorted(counts):
        due, reported = counts[month]
        table_rows.append([month, due, reported, round(100 * reported / due, 1) if due else ""])
    return Table(
        id="art78",
        title=_("Binnen drie maanden bericht over voortgang of uitkomst (AVG art. 78 lid 2)"),
        columns=[
            _("Maand van ontvangst"),
            _("Termijn verstreken of bericht"),
            _("Op tijd bericht"),
            _("Percentage"),
        ],
        rows=table_rows,
        kind="line",
        percent=True,
        description=_(
            "Telt als bericht: een besluit of een voortgangs- of besluitbrief binnen drie maanden na "
            "ontvangst. Klachten waarvan de drie maanden nog lopen en die nog geen bericht kregen, tellen niet mee."
        ),
    )


def art78_share(queryset) -> tuple[int, int]:
    """(complaints whose three months have passed or that were reported on, reported in time)."""
    due, reported = art78_counts(queryset).get(None, [0, 0])
    return due, reported


def outcomes_by_lane(f: Filters) -> Table:
    # Current decisions only: a decision replaced after a reopened case is not counted twice.
    decisions = Decision.objects.filter(
        decided_on__gte=f.date_from, decided_on__lte=f.date_to, superseded_at__isnull=True
    )
    decisions = f.scoped(decisions, prefix="complaint__")
    rows = (
        decisions.values("complaint__lane", "outcome")
        .annotate(n=Count("id"))
        .order_by("complaint__lane", "outcome")
    )
    outcomes = sorted({r["outcome"] for r in rows})
    by_lane: dict[str, dict[str, int]] = {}
    for r in rows:
        by_lane.setdefault(r["complaint__lane"], {})[r["outcome"]] = r["n"]
    return Table(
        id="outcomes",
        title=_("Besluiten per spoor en uitkomst"),
        columns=[_("Spoor"), *[labels.label(labels.OUTCOMES, o) for o in outcomes]],
        rows=[
            [labels.label(labels.LANES, lane), *[counts.get(o, 0) for o in outcomes]]
            for lane, counts in by_lane.items()
        ],
        kind="stacked",
    )


# --- Key figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigures:
    received: int
    open: int
    overdue: int
    at_risk: int
    art78_due: int
    art78_reported: int

    @property
    def art78_percent(self) -> float | None:
        return round(100 * self.art78_reported / self.art78_due, 1) if self.art78_due else None


def key_figures(f: Filters) -> KeyFigures:
    day = today()
    open_counts = f.open().aggregate(
        n=Count("id"),
        overdue=Count("id", filter=Q(next_deadline__lt=day)),
        at_risk=Count(
            "id", filter=Q(next_deadline__gte=day, next_deadline__lte=at_risk_until(day))
        ),
    )
    due, reported = art78_share(f.received())
    return KeyFigures(
        received=f.received().count(),
        open=open_counts["n"],
        overdue=open_counts["overdue"],
        at_risk=open_counts["at_risk"],
        art78_due=due,
        art78_reported=reported,
    )


PAGES = {
    "intake": (
        intake_per_week,
        intake_per_month,
        intake_by_sector,
        intake_by_category,
        intake_by_band,
    ),
    "backlog": (backlog_by_age, deadlines_by_lane, workload_per_handler),
    "outcomes": (art78_per_month, outcomes_by_lane),
}
TABLES = {fn.__name__: fn for fns in PAGES.values() for fn in fns}
TABLE_IDS = {
    "intake_week": intake_per_week,
    "intake_month": intake_per_month,
    "intake_sector": intake_by_sector,
    "intake_category": intake_by_category,
    "intake_band": intake_by_band,
    "backlog_age": backlog_by_age,
    "deadlines": deadlines_by_lane,
    "workload": workload_per_handler,
    "art78": art78_per_month,
    "outcomes": outcomes_by_lane,
}
