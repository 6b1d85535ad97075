"""Deadlines of a complaint case: pure functions that take dates and return dates.

Why this module exists: a complaint that is never answered on time is the failure Waakhond is
built to prevent. Every deadline the authority must keep is computed here, in one place, from
dates only, and every result says which rule produced it and how ("why this date"). No Django,
no ORM, no clock: callers pass ``today``. The web layer translates the English ``DeadlineError``
messages; the Dutch and English explanations on each ``Deadline`` are shown as they are.

Rules (source next to each; ``docs/deadlines.md`` has worked examples)
--------------------------------------------------------------------

Counting days
    * Working day: not a Saturday, Sunday or "algemeen erkende feestdag".
      Algemene termijnenwet (Atw) art. 3(1) lists the recognised holidays: Nieuwjaarsdag,
      Tweede Paasdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag, Hemelvaartsdag, the day on
      which the King's birthday is celebrated (Koningsdag) and **5 May, every year**. Good
      Friday is *not* listed. The ``holidays`` library gives Bevrijdingsdag only every fifth
      year (the years it is a day off in collective agreements) and does give Good Friday, so we
      take its dates for the moveable feasts and Koningsdag, drop Good Friday, and add 5 May for
      every year. Atw art. 3(2) lets the Crown designate further days (gelijkgestelde dagen);
      none are modelled (``ATW_EXTRA_HOLIDAYS`` is the place to add them).
    * Atw art. 1(1): a statutory period that ends on a Saturday, Sunday or recognised holiday
      is extended to the next day that is none of those. Atw art. 2 (a period of three days or
      more contains at least two working days) never bites on the periods below, all of which
      are six weeks or longer, so it is not modelled.
    * GDPR periods are counted under Regulation (EEC, Euratom) No 1182/71: a period in months
      ends on the same date in the last month (or that month's last day when there is no such
      date), art. 3(2)(c); a period ending on a Saturday, Sunday or public holiday ends on the
      next working day, art. 3(4). We use the same Dutch holiday calendar for it.
    * Awb periods in weeks end on the same weekday as the day of the event (the period starts
      the day after the event, Awb 6:8 for objections; the same counting for 4:13 and 7:10).

The complaint (an Art. 77 complaint is an application for enforcement, so Awb chapter 4 applies)
    * ``acknowledgement`` — **policy, not law**: the AP confirms receipt within 5 working days.
      (A general Awb duty to acknowledge an application is unverified; see
      ``shared/domain/deadlines.md``.)
    * ``decision`` — Awb 4:13(2): without a statutory period, a reasonable period that has in
      any case passed **8 weeks** after receipt (the UAVG sets none). Moved by:
        - suspensions, Awb 4:15: the clock stops from the day after the request for missing
          information (4:5) until the day the information arrives or the period set for it
          passes unused (4:15(1)(a)); other grounds in 4:15(2). Each ``Suspension`` adds
          ``end - start`` days. A suspension that starts after the period has already ended
          does not revive it.
        - an extension notice, Awb 4:14(3): the authority says, *within* the eight weeks, that
          it cannot decide in time and names a reasonable new date. A notice given after the
          period ended is too late and is refused (``DeadlineError``). The named date is
          chosen by the authority, not a statutory period, so the Atw does not move it; a later
          suspension still adds days to it.
        - further extension notices: 4:14(3) does not limit the number of notices. When the
          named date again cannot be met, the authority gives a new notice *before that date
          passes*, naming a later date; the date in force is then the named date of the latest
          notice. Each notice is checked against the date in force on the day it was given: a
          notice after that date has passed is too late, and a named date that is not later
          than the date in force is refused (``DeadlineError``) [interpretation: the Awb text
          speaks of "the" notice but does not forbid another; we allow a repeated notice as
          long as each comes in time and names a reasonable date].
        - the Atw, on the statutory date (not on a named date).
    * ``progress_notice`` — GDPR 78(2): the complainant may go to court when the authority
      has not reported progress or outcome **within three months** (Reg. 1182/71 counting).
      GDPR 57(1)(f) and 77(2), read with Rb. Midden-Nederland ECLI:NL:RBMNE:2020:4442: after
      that, progress at reasonable intervals until the decision. The interval is **policy**
      (``DEFAULT_PROGRESS_INTERVAL_WEEKS`` = 8, the Awb's own benchmark for a reasonable
      period); each next notice is due that many weeks after the previous one was sent (or was
      due, if it was not sent). Keys: ``progress_notice``, ``progress_notice_2``, ... No notice
      is listed once the decision has been given on or before its date.
    * ``default_decision`` / ``default_penalty_maximum`` — Awb 4:17: after a written notice of
      default (ingebrekestelling) that the authority receives once the decision period has
      passed, it has two weeks; from then on it owes a penalty for each day in default, at
      most 42 days: EUR 23 a day for days 1-14, EUR 35 for days 15-28, EUR 45 for days 29-42,
      at most EUR 1,442 (4:17(1)-(3)). The Atw does not apply to this (4:17(1), last sentence).
      Counting: the authority that decides on the 14th day after receipt of the notice owes
      nothing; deciding on day 14 + n costs n penalty days (capped at 42). Whether one reads
      4:17(3) as "the first penalty day is day 14, the decision day is not counted" or "the
      first penalty day is day 15, the decision day is counted", the number of days is the same.
      A notice received before the decision period ended puts nobody in default and is
      refused (``DeadlineError``) [interpretation].

The objection (bezwaar) against a decision
    * ``objection_period_end`` — Awb 6:7 and 6:8(1): **6 weeks**, starting the day after the
      decision was made known; Atw art. 1 applies. Posted objections: Awb 6:9(2) (see
      ``objection_in_time``); excusable lateness (6:11) is a human judgment, not computed.
    * ``objection_acknowledgement`` — Awb 6:14(1) requires written confirmation of receipt
      but names no period; **policy**: 5 working days after receipt.
    * ``objection_decision`` — Awb 7:10(1): **6 weeks**, or **12 weeks** when an advisory
      committee (7:13) is involved, counted from the day after the objection period ended;
      suspended while the objector repairs a defect (7:10(2) with 6:6) — only the days after
      the objection period ended count, since the decision period starts then
      [interpretation]; one deferral of at
      most **6 weeks** (7:10(3)); a longer deferral is refused here because 7:10(4) needs the
      consent of the parties, which this module cannot see. Atw art. 1 applies.

Controller periods (used to judge whether a complaint is ripe)
    * ``controller_response`` — GDPR 12(3): one month after the request, extendable by two
      further months (Reg. 1182/71 counting).

Status
    * ``deadline_status``: ``overdue`` after the due date, ``at_risk`` when the due date is at
      most ``at_risk_working_days`` working days away (including today), otherwise ``ok``. A
      deadline that was met (``met_on`` set) is ``ok``: there is nothing left to do.

``today`` is a parameter everywhere. Only at this module's boundary may it be left out, and then
it means today's date in Europe/Amsterdam (``_today_in_amsterdam``); tests always pass it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "ACKNOWLEDGEMENT_WORKING_DAYS",
    "ATW_EXTRA_HOLIDAYS",
    "DEFAULT_PROGRESS_INTERVAL_WEEKS",
    "MAX_OBJECTION_DEFERRAL_WEEKS",
    "PENALTY_MAX_DAYS",
    "Deadline",
    "DeadlineError",
    "DeadlineStatus",
    "ExtensionNotice",
    "PenaltyResult",
    "Suspension",
    "add_months",
    "add_working_days",
    "case_deadlines",
    "controller_response_deadline",
    "deadline_status",
    "holiday_name",
    "is_working_day",
    "next_working_day",
    "objection_deadlines",
    "objection_in_time",
    "penalty_for_default",
]

# --- Parameters ---------------------------------------------------------------------------

#: AP policy, not law: receipt of a complaint is confirmed within this many working days.
ACKNOWLEDGEMENT_WORKING_DAYS = 5
#: Awb 6:14 names no period for confirming an objection; policy, as for complaints.
OBJECTION_ACKNOWLEDGEMENT_WORKING_DAYS = 5
#: Awb 4:13(2): the reasonable decision period has in any case passed after eight weeks.
DECISION_WEEKS = 8
#: GDPR 78(2): progress or outcome within three months.
PROGRESS_NOTICE_MONTHS = 3
#: Policy: later progress notices every eight weeks ("reasonable intervals", GDPR 57(1)(f)).
DEFAULT_PROGRESS_INTERVAL_WEEKS = 8
#: Awb 6:7: the objection period.
OBJECTION_PERIOD_WEEKS = 6
#: Awb 7:10(1): decision on an objection, without and with an advisory committee.
OBJECTION_DECISION_WEEKS = 6
OBJECTION_DECISION_WEEKS_COMMITTEE = 12
#: Awb 7:10(3): one deferral of at most six weeks.
MAX_OBJECTION_DEFERRAL_WEEKS = 6
#: Awb 4:17(3): the authority has two weeks after receiving the notice of default.
DEFAULT_GRACE_DAYS = 14
#: Awb 4:17(1)-(2): penalty per day in euro cents, by day range; at most 42 days.
PENALTY_BANDS: tuple[tuple[int, int, int], ...] = (
    (1, 14, 23_00),
    (15, 28, 35_00),
    (29, 42, 45_00),
)
PENALTY_MAX_DAYS = 42
#: GDPR 12(3): the controller answers within one month, extendable by two further months.
CONTROLLER_RESPONSE_MONTHS = 1
CONTROLLER_EXTENSION_MONTHS = 2

#: Atw art. 3(2): days the Crown has designated as equal to recognised holidays. None are
#: known to us [unverified]; add them here as (date, (nl name, en name)).
ATW_EXTRA_HOLIDAYS: dict[dt.date, tuple[str, str]] = {}

DeadlineStatus = Literal["ok", "at_risk", "overdue"]


# --- Types --------------------------------------------------------------------------------


class DeadlineError(ValueError):
    """Dates that cannot be right (future receipt, a suspension ending before it starts, a
    late extension notice, ...). The message is plain English; the web layer translates."""


@dataclass(frozen=True)
class Deadline:
    """One date the authority (or, for ``objection_period_end``, the complainant) must keep.

    ``explanation`` holds full sentences in Dutch ("nl") and English ("en") saying how the date
    was calculated, including every suspension and extension applied. ``provisional`` is true
    when the date still moves (an open suspension, counted as if it ended today). ``met_on`` is
    the date the deadline was met (decision given, letter sent), if it was.
    """

    key: str
    due: dt.date
    basis: str
    explanation: dict[str, str]
    provisional: bool = False
    met_on: dt.date | None = None


@dataclass(frozen=True)
class Suspension:
    """A period in which the decision clock stands still (Awb 4:15; for objections 7:10(2)).

    ``start`` is the day of the event that stops the clock (the request for information was
    sent); ``end`` the day it runs again (the information arrived, or the period set for it
    passed unused); ``None`` while it is still open. It adds ``end - start`` days.
    """

    start: dt.date
    end: dt.date | None = None
    #: The legal ground; left empty it is Awb 4:15(1)(a) for a complaint and Awb 7:10(2) with
    #: 6:6 for an objection.
    basis: str = ""


@dataclass(frozen=True)
class ExtensionNotice:
    """Awb 4:14(3): notice, given within the decision period, naming a new decision date."""

    given_on: dt.date
    new_due: dt.date


@dataclass(frozen=True)
class PenaltyResult:
    """The penalty (dwangsom) owed under Awb 4:17 after a notice of default.

    ``penalty_free_until`` is the last day on which a decision costs nothing; every day after
    it up to and including ``until`` is a day in default (``days_in_default``); the penalty is
    owed for at most 42 of them (``penalty_days``).
    """

    notice_received_on: dt.date
    penalty_free_until: dt.date
    until: dt.date
    days_in_default: int
    penalty_days: int
    amount_cents: int
    capped: bool
    basis: str
    explanation: dict[str, str]


# --- Calendar -----------------------------------------------------------------------------

# Names in the holidays library (language en_US) of the days Atw art. 3(1) recognises, with
# our Dutch and English names. Good Friday, Easter Sunday and Whit Sunday are left out on
# purpose: Good Friday is not in the Atw, the Sundays count as Sundays anyway.
_ATW_HOLIDAYS_FROM_LIBRARY: dict[str, tuple[str, str]] = {
    "New Year's Day": ("Nieuwjaarsdag", "New Year's Day"),
    "Easter Monday": ("Tweede Paasdag", "Easter Monday"),
    "King's Day": ("Koningsdag", "King's Day"),
    "Queen's Day": ("Koninginnedag", "Queen's Day"),
    "Ascension Day": ("Hemelvaartsdag", "Ascension Day"),
    "Pentecost Monday": ("Tweede Pinksterdag", "Whit Monday"),
    "Christmas Day": ("Eerste Kerstdag", "Christmas Day"),
    "Second Day of Christmas": ("Tweede Kerstdag", "Boxing Day"),
}
_LIBERATION_DAY = ("Bevrijdingsdag", "Liberation Day")


@lru_cache(maxsize=64)
def _atw_holidays(year: int) -> dict[dt.date, tuple[str, str]]:
    """Recognised holidays of Atw art. 3 in ``year``: date -> (Dutch name, English name)."""
    result: dict[dt.date, tuple[str, str]] = {}
    for day, name in holidays.country_holidays("NL", years=year, language="en_US").items():
        if name in _ATW_HOLIDAYS_FROM_LIBRARY:
            result[day] = _ATW_HOLIDAYS_FROM_LIBRARY[name]
    # Atw art. 3(1) names "de vijfde mei" without condition: every year, not only every fifth.
    result[dt.date(year, 5, 5)] = _LIBERATION_DAY
    for day, names in ATW_EXTRA_HOLIDAYS.items():
        if day.year == year:
            result[day] = names
    return result


def holiday_name(d: dt.date) -> tuple[str, str] | None:
    """The (Dutch, English) name of the recognised holiday on ``d``, or None."""
    return _atw_holidays(d.year).get(d)


def is_working_day(d: dt.date) -> bool:
    """True unless ``d`` is a Saturday, Sunday or recognised holiday (Atw art. 1 and 3)."""
    return d.weekday() < 5 and holiday_name(d) is None


def next_working_day(d: dt.date) -> dt.date:
    """``d`` itself when it is a working day, else the first working day after it.

    This is the Atw art. 1 rule: a period ending on a non-working day runs on to the next
    working day. For "the working day after d" use ``add_working_days(d, 1)``.
    """
    while not is_working_day(d):
        d += dt.timedelta(days=1)
    return d


def add_working_days(d: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``d`` (before it when ``n`` is negative); ``d`` if 0.

    ``d`` itself is never counted, so a complaint received on a Saturday with n=5 gives the
    Friday after: Monday is working day 1.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        d += dt.timedelta(days=step)
        if is_working_day(d):
            remaining -= 1
    return d


def add_months(d: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, or that month's last day (Reg. 1182/71 art. 3(2)(c))."""
    if months < 0:
        raise DeadlineError("A number of months to add cannot be negative.")
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")  # pragma: no cover


# --- Wording ------------------------------------------------------------------------------

_MONTHS_NL = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
_MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()
_WEEKDAYS_NL = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
_WEEKDAYS_EN = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _nl(d: dt.date) -> str:
    return f"{_WEEKDAYS_NL[d.weekday()]} {d.day} {_MONTHS_NL[d.month - 1]} {d.year}"


def _en(d: dt.date) -> str:
    return f"{_WEEKDAYS_EN[d.weekday()]} {d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def _days(n: int, lang: str) -> str:
    if lang == "nl":
        return f"{n} dag" if n == 1 else f"{n} dagen"
    return f"{n} day" if n == 1 else f"{n} days"


def _euro(cents: int, lang: str) -> str:
    whole, rest = divmod(cents, 100)
    if lang == "nl":
        text = f"{whole:,}".replace(",", ".")
        return f"€ {text},{rest:02d}"
    return f"€{whole:,}.{rest:02d}"


def _why_not_working(d: dt.date) -> tuple[str, str]:
    name = holiday_name(d)
    if name is not None:
        return f"{name[0]}, een algemeen erkende feestdag", f"{name[1]}, a public holiday"
    if d.weekday() == 5:
        return "een zaterdag", "a Saturday"
    return "een zondag", "a Sunday"


class _Story:
    """Collects the "why this date" sentences in both languages, in order."""

    def __init__(self) -> None:
        self.nl: list[str] = []
        self.en: list[str] = []

    def add(self, nl: str, en: str) -> None:
        self.nl.append(nl)
        self.en.append(en)

    def as_dict(self) -> dict[str, str]:
        return {"nl": " ".join(self.nl), "en": " ".join(self.en)}


def _roll(end: dt.date, story: _Story, *, rule_nl: str, rule_en: str) -> dt.date:
    """Move a period's last day to the next working day, telling the story if it moves."""
    rolled = next_working_day(end)
    if rolled != end:
        why_nl, why_en = _why_not_working(end)
        story.add(
            f"{end.day} {_MONTHS_NL[end.month - 1]} {end.year} is {why_nl}; volgens {rule_nl} "
            f"loopt de termijn door tot de eerstvolgende werkdag, {_nl(rolled)}.",
            f"{end.day} {_MONTHS_EN[end.month - 1]} {end.year} is {why_en}; under {rule_en} the "
            f"period runs on to the next working day, {_en(rolled)}.",
        )
    return rolled


_ATW_NL = "de Algemene termijnenwet (art. 1)"
_ATW_EN = "the Algemene termijnenwet (General Time Limits Act, art. 1)"
_EU_NL = "Verordening 1182/71 (art. 3, lid 4)"
_EU_EN = "Regulation 1182/71 (art. 3(4))"


# --- Validation ---------------------------------------------------------------------------


def _today_in_amsterdam() -> dt.date:
    """The one place a clock is read: the default for ``today`` at this module's boundary."""
    return dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def _check_not_future(label: str, d: dt.date, today: dt.date) -> None:
    if d > today:
        raise DeadlineError(
            f"The {label} ({d.isoformat()}) lies after today ({today.isoformat()})."
        )


def _check_not_before(label: str, d: dt.date, other_label: str, other: dt.date) -> None:
    if d < other:
        raise DeadlineError(
            f"The {label} ({d.isoformat()}) lies before the {other_label} ({other.isoformat()})."
        )


def _validate_suspensions(
    suspensions: Iterable[Suspension],
    *,
    not_before: dt.date,
    not_before_label: str,
    today: dt.date,
    decided_on: dt.date | None,
) -> list[Suspension]:
    ordered = sorted(suspensions, key=lambda s: s.start)
    for s in ordered:
        _check_not_before("start of a suspension", s.start, not_before_label, not_before)
        _check_not_future("start of a suspension", s.start, today)
        if s.end is not None:
            if s.end < s.start:
                raise DeadlineError(
                    f"A suspension ends ({s.end.isoformat()}) before it starts "
                    f"({s.start.isoformat()})."
                )
            _check_not_future("end of a suspension", s.end, today)
        if decided_on is not None and s.start > decided_on:
            raise DeadlineError(
                f"A suspension starts ({s.start.isoformat()}) after the decision was given "
                f"({decided_on.isoformat()})."
            )
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.end is None or later.start < earlier.end:
            raise DeadlineError(
                f"Two suspensions overlap: one starting {earlier.start.isoformat()} and one "
                f"starting {later.start.isoformat()}."
            )
    return ordered


def _suspension_days(s: Suspension, today: dt.date) -> tuple[int, bool]:
    """Days a suspension adds, and whether that number is provisional (still open)."""
    if s.end is None:
        return (today - s.start).days, True
    return (s.end - s.start).days, False


def _apply_suspension(
    s: Suspension, due: dt.date, basis: str, story: _Story, today: dt.date
) -> tuple[dt.date, bool]:
    """Add a suspension's days to ``due``; returns the new date and whether it is provisional."""
    days, open_ = _suspension_days(s, today)
    due += dt.timedelta(days=days)
    if open_:
        story.add(
            f"De termijn staat stil sinds {_nl(s.start)} ({basis}) en loopt nog niet weer; "
            f"tot en met vandaag telt dat {_days(days, 'nl')}, dus voorlopig schuift de datum "
            f"op naar {_nl(due)}, en elke dag dat de opschorting duurt één dag verder.",
            f"The clock has stood still since {_en(s.start)} ({basis}) and has not restarted; "
            f"up to today that is {_days(days, 'en')}, so for now the date moves to {_en(due)}, "
            f"and one day further for each day the suspension lasts.",
        )
    else:
        assert s.end is not None
        story.add(
            f"De termijn stond stil van {_nl(s.start)} tot {_nl(s.end)} ({basis}); die "
            f"{_days(days, 'nl')} komen erbij, dus de datum wordt {_nl(due)}.",
            f"The clock stood still from {_en(s.start)} to {_en(s.end)} ({basis}); those "
            f"{_days(days, 'en')} are added, so the date becomes {_en(due)}.",
        )
    return due, open_


def _suspension_too_late(s: Suspension, period_end: dt.date, story: _Story) -> None:
    # A suspension cannot revive a period that has already run out.
    story.add(
        f"De opschorting vanaf {_nl(s.start)} begon pas nadat de termijn op {_nl(period_end)} "
        f"was verstreken en verschuift de datum dus niet.",
        f"The suspension from {_en(s.start)} began after the period had ended on "
        f"{_en(period_end)}, so it does not move the date.",
    )


class _Bases:
    """The legal sources applied to one deadline, in order, each once."""

    def __init__(self, first: str) -> None:
        self.items = [first]

    def add(self, basis: str) -> None:
        if basis not in self.items:
            self.items.append(basis)

    def __str__(self) -> str:
        return "; ".join(self.items)


# --- The complaint ------------------------------------------------------------------------


def case_deadlines(
    received_on: dt.date,
    *,
    suspensions: Sequence[Suspension] = (),
    extension_notice: ExtensionNotice | None = None,
    extension_notices: Sequence[ExtensionNotice] = (),
    decided_on: dt.date | None = None,
    acknowledged_on: dt.date | None = None,
    progress_interval_weeks: int = DEFAULT_PROGRESS_INTERVAL_WEEKS,
    progress_notices_sent: Sequence[dt.date] = (),
    default_notice_received_on: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Deadline]:
    """All deadlines of a complaint, in the order acknowledgement, decision, progress notices
    (``progress_notice``, ``progress_notice_2``, ...), and, after a notice of default,
    ``default_decision`` and ``default_penalty_maximum``.

    ``received_on``: the day the complaint reached the authority (Awb 4:13 counts from it).
    ``suspensions``: periods in which the decision clock stood still (Awb 4:15).
    ``extension_notice``: an Awb 4:14(3) notice naming a new decision date.
    ``extension_notices``: every such notice, in any order; they are applied in the order they
    were given and the latest one names the date in force (``extension_notice`` is the same
    for a single notice; both may be given).
    ``decided_on``: the day the decision was given, if it was; later progress notices stop.
    ``acknowledged_on``: the day receipt was confirmed, if it was.
    ``progress_interval_weeks``: policy interval between progress notices after the first.
    ``progress_notices_sent``: the days progress notices went out; the n-th sent date counts for
    the n-th notice, and the next is due ``progress_interval_weeks`` after it.
    ``default_notice_received_on``: the day a notice of default (Awb 4:17) was received.
    ``today``: the reference date; defaults to today in Europe/Amsterdam.
    """
    today = today if today is not None else _today_in_amsterdam()
    _check_not_future("date of receipt", received_on, today)
    if decided_on is not None:
        _check_not_before("decision date", decided_on, "date of receipt", received_on)
        _check_not_future("decision date", decided_on, today)
    if acknowledged_on is not None:
        _check_not_before("acknowledgement date", acknowledged_on, "date of receipt", received_on)
        _check_not_future("acknowledgement date", acknowledged_on, today)
    if progress_interval_weeks < 1:
        raise DeadlineError("The interval between progress notices must be at least one week.")
    sent = sorted(progress_notices_sent)
    for s in sent:
        _check_not_before("date of a progress notice", s, "date of receipt", received_on)
        _check_not_future("date of a progress notice", s, today)
    ordered = _validate_suspensions(
        suspensions,
        not_before=received_on,
        not_before_label="date of receipt",
        today=today,
        decided_on=decided_on,
    )

    notices = [*extension_notices, *([extension_notice] if extension_notice else [])]
    decision = _decision_deadline(received_on, ordered, notices, decided_on, today)
    result = [
        _acknowledgement_deadline(received_on, acknowledged_on),
        decision,
        *_progress_notices(received_on, decided_on, progress_interval_weeks, sent),
    ]
    if default_notice_received_on is not None:
        _check_not_future(
            "date the notice of default was received", default_notice_received_on, today
        )
        if decided_on is not None and default_notice_received_on > decided_on:
            raise DeadlineError(
                f"The notice of default ({default_notice_received_on.isoformat()}) was received "
                f"after the decision was given ({decided_on.isoformat()})."
            )
        result.extend(_default_deadlines(default_notice_received_on, decision.due, decided_on))
    return result


def _acknowledgement_deadline(received_on: dt.date, acknowledged_on: dt.date | None) -> Deadline:
    due = add_working_days(received_on, ACKNOWLEDGEMENT_WORKING_DAYS)
    n = ACKNOWLEDGEMENT_WORKING_DAYS
    return Deadline(
        key="acknowledgement",
        due=due,
        basis="AP policy (not statutory)",
        explanation={
            "nl": (
                f"De klacht is ontvangen op {_nl(received_on)}. Volgens de werkwijze van de AP "
                f"(geen wettelijke termijn) bevestigen wij de ontvangst binnen {n} werkdagen; "
                f"zaterdagen, zondagen en feestdagen tellen niet mee, dus uiterlijk {_nl(due)}."
            ),
            "en": (
                f"The complaint was received on {_en(received_on)}. Under AP policy (not a "
                f"statutory period) receipt is confirmed within {n} working days; Saturdays, "
                f"Sundays and public holidays do not count, so by {_en(due)}."
            ),
        },
        met_on=acknowledged_on,
    )


def _decision_deadline(
    received_on: dt.date,
    suspensions: list[Suspension],
    extensions: Sequence[ExtensionNotice],
    decided_on: dt.date | None,
    today: dt.date,
) -> Deadline:
    story = _Story()
    raw = received_on + dt.timedelta(weeks=DECISION_WEEKS)
    story.add(
        f"De klacht is ontvangen op {_nl(received_on)}. Er geldt geen wettelijke beslistermijn, "
        f"dus een redelijke termijn, die in elk geval na {DECISION_WEEKS} weken is verstreken "
        f"(Awb 4:13, lid 2): {_nl(raw)}.",
        f"The complaint was received on {_en(received_on)}. No statutory decision period "
        f"applies, so a reasonable period does, which has in any case passed after "
        f"{DECISION_WEEKS} weeks (Awb 4:13(2)): {_en(raw)}.",
    )
    bases = _Bases("Awb 4:13(2)")
    provisional = False
    extended = False

    def in_force(d: dt.date) -> dt.date:
        # The statutory date is moved by the Atw; a date named in a 4:14(3) notice is not.
        return d if extended else next_working_day(d)

    # Suspensions and extension notices in the order they happened: each acts on the date in
    # force at that moment. On the same day, the suspension is taken first; two notices on
    # one day are taken in the order of their named dates.
    events: list[tuple[dt.date, int, dt.date, Suspension | ExtensionNotice]] = [
        (s.start, 0, s.start, s) for s in suspensions
    ]
    events.extend((notice.given_on, 1, notice.new_due, notice) for notice in extensions)
    for _when, _order, _named, event in sorted(events, key=lambda e: (e[0], e[1], e[2])):
        current = in_force(raw)
        if isinstance(event, Suspension):
            if event.start > current:
                _suspension_too_late(event, current, story)
                continue
            basis = event.basis or "Awb 4:15(1)(a)"
            bases.add(basis)
            raw, open_ = _apply_suspension(event, raw, basis, story, today)
            provisional = provisional or open_
            continue
        _check_not_before("extension notice", event.given_on, "date of receipt", received_on)
        _check_not_future("extension notice", event.given_on, today)
        if event.given_on > current:
            raise DeadlineError(
                f"The extension notice of {event.given_on.isoformat()} came too late: Awb "
                f"4:14(3) requires it within the decision period, which ended on "
                f"{current.isoformat()}."
            )
        again = extended
        if event.new_due <= current:
            raise DeadlineError(
                f"The extension notice names {event.new_due.isoformat()}, which is not later "
                f"than the current decision date {current.isoformat()}."
            )
        raw = event.new_due
        extended = True
        bases.add("Awb 4:14(3)")
        if again:
            story.add(
                f"Op {_nl(event.given_on)}, vóór de genoemde datum, is de klager opnieuw bericht "
                f"dat het besluit later komt, met een nieuwe datum (Awb 4:14, lid 3); deze "
                f"laatste mededeling geldt: {_nl(event.new_due)}.",
                f"On {_en(event.given_on)}, before the named date, the complainant was told again "
                f"that the decision would come later and given a new date (Awb 4:14(3)); this "
                f"latest notice counts: {_en(event.new_due)}.",
            )
            continue
        story.add(
            f"Op {_nl(event.given_on)}, binnen de termijn, is de klager bericht dat het besluit "
            f"later komt, met een nieuwe datum (Awb 4:14, lid 3): {_nl(event.new_due)}.",
            f"On {_en(event.given_on)}, within the period, the complainant was told the decision "
            f"would come later and given a new date (Awb 4:14(3)): {_en(event.new_due)}.",
        )

    due = raw if extended else _roll(raw, story, rule_nl=_ATW_NL, rule_en=_ATW_EN)
    if due != raw:
        bases.add("Atw 1")
    if decided_on is not None:
        late = (decided_on - due).days
        if late > 0:
            story.add(
                f"Het besluit is gegeven op {_nl(decided_on)}, {_days(late, 'nl')} te laat.",
                f"The decision was given on {_en(decided_on)}, {_days(late, 'en')} late.",
            )
        else:
            story.add(
                f"Het besluit is op tijd gegeven, op {_nl(decided_on)}.",
                f"The decision was given in time, on {_en(decided_on)}.",
            )
    return Deadline(
        key="decision",
        due=due,
        basis=str(bases),
        explanation=story.as_dict(),
        provisional=provisional,
        met_on=decided_on,
    )


def _progress_notices(
    received_on: dt.date,
    decided_on: dt.date | None,
    interval_weeks: int,
    sent: list[dt.date],
) -> list[Deadline]:
    """GDPR 78(2) first notice, then one every ``interval_weeks`` until the decision.

    Lists every notice that was sent, and then the next one to send. For a decided case it
    lists every notice that fell due before the decision, sent or not.
    """
    result: list[Deadline] = []
    story = _Story()
    raw = add_months(received_on, PROGRESS_NOTICE_MONTHS)
    story.add(
        f"De klacht is ontvangen op {_nl(received_on)}. Binnen drie maanden moet de klager "
        f"horen hoe het ervoor staat of wat de uitkomst is; anders kan hij naar de rechter "
        f"(AVG art. 78, lid 2; termijn geteld volgens Verordening 1182/71): {_nl(raw)}.",
        f"The complaint was received on {_en(received_on)}. Within three months the "
        f"complainant must hear about progress or the outcome, or may go to court (GDPR "
        f"78(2); period counted under Regulation 1182/71): {_en(raw)}.",
    )
    due = _roll(raw, story, rule_nl=_EU_NL, rule_en=_EU_EN)
    number = 1
    while decided_on is None or due < decided_on:
        met = sent[number - 1] if number <= len(sent) else None
        result.append(
            Deadline(
                key="progress_notice" if number == 1 else f"progress_notice_{number}",
                due=due,
                basis="GDPR 78(2)" if number == 1 else "GDPR 57(1)(f), 77(2); AP policy interval",
                explanation=story.as_dict(),
                met_on=met,
            )
        )
        if met is None and decided_on is None:
            break  # the notice to send next; later ones depend on when it goes out.
        anchor = met if met is not None else due
        raw = anchor + dt.timedelta(weeks=interval_weeks)
        number += 1
        story = _Story()
        if met is not None:
            story.add(
                f"De vorige voortgangsmelding is verstuurd op {_nl(met)}.",
                f"The previous progress notice was sent on {_en(met)}.",
            )
        else:
            story.add(
                f"De vorige voortgangsmelding was uiterlijk {_nl(anchor)} nodig, maar is niet "
                f"verstuurd.",
                f"The previous progress notice was due by {_en(anchor)} but was not sent.",
            )
        story.add(
            f"Zolang er geen besluit is, krijgt de klager op redelijke momenten bericht (AVG art. "
            f"57, lid 1, onder f, en art. 77, lid 2); volgens de werkwijze van de AP elke "
            f"{interval_weeks} weken: {_nl(raw)}.",
            f"Until the decision, the complainant hears about progress at reasonable intervals "
            f"(GDPR 57(1)(f) and 77(2)); under AP policy every {interval_weeks} weeks: {_en(raw)}.",
        )
        due = _roll(raw, story, rule_nl="de werkwijze van de AP", rule_en="AP policy")
    return result


def _default_deadlines(
    notice_received_on: dt.date, decision_due: dt.date, decided_on: dt.date | None
) -> list[Deadline]:
    _check_premature_notice(notice_received_on, decision_due)
    free_until = notice_received_on + dt.timedelta(days=DEFAULT_GRACE_DAYS)
    maximum = free_until + dt.timedelta(days=PENALTY_MAX_DAYS)
    received_nl, received_en = _nl(notice_received_on), _en(notice_received_on)
    return [
        Deadline(
            key="default_decision",
            due=free_until,
            basis="Awb 4:17(3)",
            explanation={
                "nl": (
                    f"De ingebrekestelling is ontvangen op {received_nl}. Wie binnen twee weken "
                    f"daarna beslist, uiterlijk {_nl(free_until)}, betaalt geen dwangsom; daarna "
                    f"is per dag een dwangsom verschuldigd (Awb 4:17). Weekenden en feestdagen "
                    f"verlengen deze termijn niet (Awb 4:17, lid 1)."
                ),
                "en": (
                    f"The notice of default was received on {received_en}. A decision within "
                    f"two weeks after that, by {_en(free_until)}, costs no penalty; after that a "
                    f"penalty is owed for each day (Awb 4:17). Weekends and holidays do not "
                    f"extend this period (Awb 4:17(1))."
                ),
            },
            met_on=decided_on,
        ),
        Deadline(
            key="default_penalty_maximum",
            due=maximum,
            basis="Awb 4:17(1)-(2)",
            explanation={
                "nl": (
                    f"De dwangsom loopt hoogstens 42 dagen: € 23 per dag voor dag 1 tot en met "
                    f"14, € 35 voor dag 15 tot en met 28 en € 45 voor dag 29 tot en met 42. Op "
                    f"{_nl(maximum)} is dag 42 bereikt en het maximum van € 1.442 verbeurd."
                ),
                "en": (
                    f"The penalty runs for at most 42 days: €23 a day for days 1 to 14, €35 for "
                    f"days 15 to 28 and €45 for days 29 to 42. On {_en(maximum)} day 42 is "
                    f"reached and the maximum of €1,442 is owed."
                ),
            },
            met_on=decided_on,
        ),
    ]


def _check_premature_notice(notice_received_on: dt.date, decision_due: dt.date) -> None:
    if notice_received_on <= decision_due:
        raise DeadlineError(
            f"The notice of default ({notice_received_on.isoformat()}) was received before the "
            f"decision period ended ({decision_due.isoformat()}); it puts the authority in "
            f"default only once that period has passed."
        )


def penalty_for_default(
    notice_received_on: dt.date,
    decided_on_or_today: dt.date,
    *,
    decision_due: dt.date | None = None,
) -> PenaltyResult:
    """The penalty owed under Awb 4:17 for a notice of default received on
    ``notice_received_on``, counting up to and including ``decided_on_or_today``.

    Pass the decision date when the decision has been given, else today. When
    ``decision_due`` is given, a notice received on or before it is refused as premature.
    """
    _check_not_before(
        "decision date or today",
        decided_on_or_today,
        "date the notice of default was received",
        notice_received_on,
    )
    if decision_due is not None:
        _check_premature_notice(notice_received_on, decision_due)
    free_until = notice_received_on + dt.timedelta(days=DEFAULT_GRACE_DAYS)
    raw_days = max(0, (decided_on_or_today - free_until).days)
    days = min(raw_days, PENALTY_MAX_DAYS)
    amount = 0
    for first, last, per_day in PENALTY_BANDS:
        amount += max(0, min(days, last) - first + 1) * per_day
    capped = raw_days > PENALTY_MAX_DAYS
    nl_parts = [
        f"De ingebrekestelling is ontvangen op {_nl(notice_received_on)}; tot en met "
        f"{_nl(free_until)} kon zonder dwangsom worden beslist (Awb 4:17, lid 3).",
    ]
    en_parts = [
        f"The notice of default was received on {_en(notice_received_on)}; a decision up to "
        f"and including {_en(free_until)} cost no penalty (Awb 4:17(3)).",
    ]
    nl_parts.append(
        f"Tot en met {_nl(decided_on_or_today)} zijn dat {_days(raw_days, 'nl')} in gebreke; de "
        f"dwangsom over {_days(days, 'nl')} is samen "
        f"{_euro(amount, 'nl')} (€ 23, € 35 en € 45 per dag voor dag 1–14, 15–28 en 29–42)."
    )
    en_parts.append(
        f"Up to and including {_en(decided_on_or_today)} that is {_days(raw_days, 'en')} in "
        f"default; the penalty for {_days(days, 'en')} is {_euro(amount, 'en')} in total (€23, €35 and €45 a day for days 1–14, "
        f"15–28 and 29–42)."
    )
    if capped:
        nl_parts.append(
            "De dwangsom loopt hoogstens 42 dagen en is daarom op het maximum van € 1.442 "
            "blijven staan."
        )
        en_parts.append(
            "The penalty runs for at most 42 days, so it has stopped at the maximum of €1,442."
        )
    return PenaltyResult(
        notice_received_on=notice_received_on,
        penalty_free_until=free_until,
        until=decided_on_or_today,
        days_in_default=raw_days,
        penalty_days=days,
        amount_cents=amount,
        capped=capped,
        basis="Awb 4:17",
        explanation={"nl": " ".join(nl_parts), "en": " ".join(en_parts)},
    )


# --- The objection ------------------------------------------------------------------------


def _objection_period_end(made_known_on: dt.date, story: _Story) -> dt.date:
    raw = made_known_on + dt.timedelta(weeks=OBJECTION_PERIOD_WEEKS)
    story.add(
        f"Het besluit is bekendgemaakt op {_nl(made_known_on)}. De bezwaartermijn is "
        f"{OBJECTION_PERIOD_WEEKS} weken en begint de dag daarna (Awb 6:7 en 6:8, lid 1): "
        f"{_nl(raw)}.",
        f"The decision was made known on {_en(made_known_on)}. The objection period is "
        f"{OBJECTION_PERIOD_WEEKS} weeks and starts the day after (Awb 6:7 and 6:8(1)): "
        f"{_en(raw)}.",
    )
    return _roll(raw, story, rule_nl=_ATW_NL, rule_en=_ATW_EN)


def objection_in_time(
    decision_made_known_on: dt.date,
    objection_received_on: dt.date,
    *,
    posted_on: dt.date | None = None,
) -> bool:
    """Whether an objection was made in time (Awb 6:7, 6:8, 6:9; Atw art. 1).

    A posted objection counts as in time when it was posted within the period and arrived no
    later than a week after it ended (Awb 6:9(2)). Excusable lateness (6:11) is not judged here.
    """
    end = _objection_period_end(decision_made_known_on, _Story())
    if objection_received_on <= end:
        return True
    return (
        posted_on is not None
        and posted_on <= end
        and objection_received_on <= end + dt.timedelta(weeks=1)
    )


def objection_deadlines(
    decision_made_known_on: dt.date,
    *,
    objection_received_on: dt.date | None = None,
    acknowledged_on: dt.date | None = None,
    advisory_committee: bool = False,
    deferral_weeks: int = 0,
    suspensions: Sequence[Suspension] = (),
    decided_on: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Deadline]:
    """Deadlines around an objection: ``objection_period_end`` always; once an objection was
    received, ``objection_acknowledgement`` and ``objection_decision``.

    ``decision_made_known_on``: the day the contested decision was made known (sent).
    ``advisory_committee``: an advisory committee (Awb 7:13) hears the objection: 12 weeks.
    ``deferral_weeks``: the one deferral of Awb 7:10(3), 0 to 6 weeks.
    ``suspensions``: periods in which the objector repairs a defect (Awb 6:6, 7:10(2)).
    ``today``: the reference date; defaults to today in Europe/Amsterdam.
    """
    today = today if today is not None else _today_in_amsterdam()
    _check_not_future("date the decision was made known", decision_made_known_on, today)
    if not 0 <= deferral_weeks <= MAX_OBJECTION_DEFERRAL_WEEKS:
        raise DeadlineError(
            f"A deferral of {deferral_weeks} weeks is not allowed: Awb 7:10(3) allows one "
            f"deferral of at most {MAX_OBJECTION_DEFERRAL_WEEKS} weeks; more needs the consent "
            f"of the parties (7:10(4))."
        )

    story = _Story()
    period_end = _objection_period_end(decision_made_known_on, story)
    result = [
        Deadline(
            key="objection_period_end",
            due=period_end,
            basis="Awb 6:7, 6:8(1)" + ("; Atw 1" if len(story.en) > 1 else ""),
            explanation=story.as_dict(),
            met_on=objection_received_on
            if objection_received_on is not None and objection_received_on <= period_end
            else None,
        )
    ]
    if objection_received_on is None:
        if suspensions or deferral_weeks or decided_on is not None or acknowledged_on is not None:
            raise DeadlineError(
                "Suspensions, a deferral, an acknowledgement or a decision need an objection: "
                "give the date it was received."
            )
        return result

    _check_not_before(
        "date the objection was received",
        objection_received_on,
        "date the decision was made known",
        decision_made_known_on,
    )
    _check_not_future("date the objection was received", objection_received_on, today)
    for label, d in (("acknowledgement date", acknowledged_on), ("decision date", decided_on)):
        if d is not None:
            _check_not_before(label, d, "date the objection was received", objection_received_on)
            _check_not_future(label, d, today)
    ordered = _validate_suspensions(
        suspensions,
        not_before=objection_received_on,
        not_before_label="date the objection was received",
        today=today,
        decided_on=decided_on,
    )

    ack_due = add_working_days(objection_received_on, OBJECTION_ACKNOWLEDGEMENT_WORKING_DAYS)
    result.append(
        Deadline(
            key="objection_acknowledgement",
            due=ack_due,
            basis="Awb 6:14; AP policy period",
            explanation={
                "nl": (
                    f"Het bezwaar is ontvangen op {_nl(objection_received_on)}. De ontvangst "
                    f"wordt schriftelijk bevestigd (Awb 6:14); de wet noemt geen termijn, de AP "
                    f"doet het binnen {OBJECTION_ACKNOWLEDGEMENT_WORKING_DAYS} werkdagen: "
                    f"uiterlijk {_nl(ack_due)}."
                ),
                "en": (
                    f"The objection was received on {_en(objection_received_on)}. Receipt is "
                    f"confirmed in writing (Awb 6:14); the law names no period, the AP does it "
                    f"within {OBJECTION_ACKNOWLEDGEMENT_WORKING_DAYS} working days: by "
                    f"{_en(ack_due)}."
                ),
            },
            met_on=acknowledged_on,
        )
    )

    story = _Story()
    weeks = OBJECTION_DECISION_WEEKS_COMMITTEE if advisory_committee else OBJECTION_DECISION_WEEKS
    raw = period_end + dt.timedelta(weeks=weeks)
    bases = _Bases("Awb 7:10(1)")
    if advisory_committee:
        story.add(
            f"Een adviescommissie behandelt het bezwaar (Awb 7:13), dus de beslistermijn is "
            f"{weeks} weken vanaf de dag na het einde van de bezwaartermijn ({_nl(period_end)}) "
            f"(Awb 7:10, lid 1): {_nl(raw)}.",
            f"An advisory committee hears the objection (Awb 7:13), so the decision period is "
            f"{weeks} weeks from the day after the objection period ended ({_en(period_end)}) "
            f"(Awb 7:10(1)): {_en(raw)}.",
        )
    else:
        story.add(
            f"De beslistermijn op bezwaar is {weeks} weken vanaf de dag na het einde van de "
            f"bezwaartermijn ({_nl(period_end)}) (Awb 7:10, lid 1): {_nl(raw)}.",
            f"The decision period on an objection is {weeks} weeks from the day after the "
            f"objection period ended ({_en(period_end)}) (Awb 7:10(1)): {_en(raw)}.",
        )
    provisional = False
    for suspension in ordered:
        current = next_working_day(raw)
        if suspension.start > current:
            _suspension_too_late(suspension, current, story)
            continue
        basis = suspension.basis or "Awb 7:10(2), 6:6"
        if suspension.start < period_end:
            # The decision period only starts after the objection period; days before that
            # are not part of it and cannot be suspended [interpretation].
            if suspension.end is not None and suspension.end <= period_end:
                story.add(
                    f"Het herstel van een verzuim ({_nl(suspension.start)} tot "
                    f"{_nl(suspension.end)}) lag helemaal binnen de bezwaartermijn, voordat de "
                    f"beslistermijn begon, en verschuift de datum dus niet.",
                    f"The repair of a defect ({_en(suspension.start)} to {_en(suspension.end)}) "
                    f"lay wholly within the objection period, before the decision period began, "
                    f"so it does not move the date.",
                )
                continue
            story.add(
                f"Het herstel van een verzuim begon op {_nl(suspension.start)}, binnen de "
                f"bezwaartermijn; alleen de dagen na {_nl(period_end)} tellen, want pas dan begint "
                f"de beslistermijn.",
                f"The repair of a defect began on {_en(suspension.start)}, within the objection "
                f"period; only the days after {_en(period_end)} count, because the decision "
                f"period starts then.",
            )
            suspension = Suspension(period_end, suspension.end, basis)
        bases.add(basis)
        raw, open_ = _apply_suspension(suspension, raw, basis, story, today)
        provisional = provisional or open_
    if deferral_weeks:
        raw += dt.timedelta(weeks=deferral_weeks)
        bases.add("Awb 7:10(3)")
        story.add(
            f"De beslissing is eenmalig {deferral_weeks} weken verdaagd (Awb 7:10, lid 3): "
            f"{_nl(raw)}.",
            f"The decision was deferred once by {deferral_weeks} weeks (Awb 7:10(3)): {_en(raw)}.",
        )
    due = _roll(raw, story, rule_nl=_ATW_NL, rule_en=_ATW_EN)
    if due != raw:
        bases.add("Atw 1")
    result.append(
        Deadline(
            key="objection_decision",
            due=due,
            basis=str(bases),
            explanation=story.as_dict(),
            provisional=provisional,
            met_on=decided_on,
        )
    )
    return result


# --- Controller periods -------------------------------------------------------------------


def controller_response_deadline(request_made_on: dt.date, *, extended: bool = False) -> Deadline:
    """GDPR 12(3): when the organisation had to answer the complainant's request.

    One month after the request, or three months when the organisation extended by two
    further months (it must say so within the first month). Reg. 1182/71 counting.
    """
    months = CONTROLLER_RESPONSE_MONTHS + (CONTROLLER_EXTENSION_MONTHS if extended else 0)
    raw = add_months(request_made_on, months)
    story = _Story()
    if extended:
        story.add(
            f"Het verzoek aan de organisatie is gedaan op {_nl(request_made_on)}. De organisatie "
            f"heeft de termijn van een maand met twee maanden verlengd (AVG art. 12, lid 3), dus "
            f"moest zij uiterlijk {_nl(raw)} antwoorden.",
            f"The request to the organisation was made on {_en(request_made_on)}. The "
            f"organisation extended the one-month period by two further months (GDPR 12(3)), "
            f"so it had to answer by {_en(raw)}.",
        )
    else:
        story.add(
            f"Het verzoek aan de organisatie is gedaan op {_nl(request_made_on)}. Zij moet binnen "
            f"een maand antwoorden (AVG art. 12, lid 3): {_nl(raw)}.",
            f"The request to the organisation was made on {_en(request_made_on)}. It must "
            f"answer within one month (GDPR 12(3)): {_en(raw)}.",
        )
    due = _roll(raw, story, rule_nl=_EU_NL, rule_en=_EU_EN)
    return Deadline(
        key="controller_response",
        due=due,
        basis="GDPR 12(3)",
        explanation=story.as_dict(),
    )


# --- Status -------------------------------------------------------------------------------


def deadline_status(
    deadline: Deadline, today: dt.date, *, at_risk_working_days: int = 5
) -> DeadlineStatus:
    """``overdue`` after the due date; ``at_risk`` when it is at most ``at_risk_working_days``
    working days away (or today); else ``ok``. A met deadline is ``ok``: nothing left to do.
    """
    if at_risk_working_days < 0:
        raise DeadlineError("The number of working days for 'at risk' cannot be negative.")
    if deadline.met_on is not None:
        return "ok"
    if today > deadline.due:
        return "overdue"
    if deadline.due <= add_working_days(today, at_risk_working_days):
        return "at_risk"
    return "ok"
