"""Deadline rules as tables: each row says in plain words what it checks.

Calendar facts used below (Atw art. 3): 2025 — Easter Monday 21 Apr, Koningsdag Sat 26 Apr,
Bevrijdingsdag Mon 5 May, Ascension Thu 29 May, Whit Monday 9 Jun, Christmas Thu 25 and
Fri 26 Dec. 2026 — New Year Thu 1 Jan, Koningsdag Mon 27 Apr, Bevrijdingsdag Tue 5 May (not a
lustrum year: the holidays library leaves it out, the Atw does not). Good Friday (18 Apr 2025)
is a working day under the Atw.
"""

from datetime import date as d

import pytest

from waakhond.cases.deadlines import (
    Deadline,
    DeadlineError,
    ExtensionNotice,
    Suspension,
    add_months,
    add_working_days,
    case_deadlines,
    controller_response_deadline,
    deadline_status,
    holiday_name,
    is_working_day,
    next_working_day,
    objection_deadlines,
    objection_in_time,
    penalty_for_default,
)

LATER = d(2030, 1, 1)  # a "today" safely after every date in these tables


def by_key(deadlines: list[Deadline]) -> dict[str, Deadline]:
    return {x.key: x for x in deadlines}


def decision_due(received_on, **kwargs):
    kwargs.setdefault("today", LATER)
    return by_key(case_deadlines(received_on, **kwargs))["decision"]


# --- Working days -------------------------------------------------------------------------

WORKING_DAYS = [
    # (day, working?, why)
    (d(2025, 5, 6), True, "an ordinary Tuesday"),
    (d(2025, 5, 3), False, "a Saturday"),
    (d(2025, 5, 4), False, "a Sunday"),
    (d(2025, 1, 1), False, "New Year's Day"),
    (d(2026, 1, 1), False, "New Year's Day on a Thursday"),
    (d(2025, 4, 21), False, "Easter Monday"),
    (d(2025, 4, 18), True, "Good Friday is not a recognised holiday under the Atw"),
    (d(2026, 4, 27), False, "Koningsdag on a Monday"),
    (d(2025, 5, 5), False, "Bevrijdingsdag in a lustrum year"),
    (d(2026, 5, 5), False, "Bevrijdingsdag every year under Atw art. 3 (our documented choice)"),
    (d(2025, 5, 29), False, "Ascension Day"),
    (d(2025, 6, 9), False, "Whit Monday"),
    (d(2025, 12, 25), False, "Christmas Day"),
    (d(2025, 12, 26), False, "Boxing Day (Tweede Kerstdag)"),
    (d(2024, 12, 24), True, "Christmas Eve is an ordinary working day"),
    (d(2025, 12, 31), True, "New Year's Eve is an ordinary working day"),
]


@pytest.mark.parametrize(("day", "working", "why"), WORKING_DAYS, ids=[r[2] for r in WORKING_DAYS])
def test_is_working_day(day, working, why):
    assert is_working_day(day) is working


def test_holidays_have_dutch_and_english_names():
    assert holiday_name(d(2026, 5, 5)) == ("Bevrijdingsdag", "Liberation Day")
    assert holiday_name(d(2026, 4, 27)) == ("Koningsdag", "King's Day")
    assert holiday_name(d(2025, 4, 18)) is None  # Good Friday


ADD_WORKING_DAYS = [
    # (start, n, expected, why)
    (d(2025, 3, 3), 0, d(2025, 3, 3), "zero days is the same day"),
    (d(2025, 3, 1), 5, d(2025, 3, 7), "from a Saturday: Monday is day 1, Friday day 5"),
    (d(2025, 5, 2), 1, d(2025, 5, 6), "Friday + 1 skips the weekend and Bevrijdingsdag"),
    (d(2025, 4, 17), 1, d(2025, 4, 18), "Good Friday counts as a working day"),
    (d(2025, 4, 17), 2, d(2025, 4, 22), "the Easter weekend and Easter Monday are skipped"),
    (d(2025, 5, 28), 1, d(2025, 5, 30), "Ascension Day is skipped"),
    (d(2025, 12, 24), 1, d(2025, 12, 29), "both Christmas days and the weekend are skipped"),
    (d(2025, 5, 6), -1, d(2025, 5, 2), "backwards over Bevrijdingsdag and the weekend"),
]


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"), ADD_WORKING_DAYS, ids=[r[3] for r in ADD_WORKING_DAYS]
)
def test_add_working_days(start, n, expected, why):
    assert add_working_days(start, n) == expected


NEXT_WORKING_DAY = [
    # (day, expected, why)
    (d(2025, 5, 6), d(2025, 5, 6), "a working day is its own next working day"),
    (d(2025, 4, 26), d(2025, 4, 28), "Koningsdag on a Saturday: Monday"),
    (d(2025, 5, 4), d(2025, 5, 6), "Sunday followed by Bevrijdingsdag: Tuesday"),
    (d(2025, 12, 25), d(2025, 12, 29), "Christmas, Boxing Day, weekend: Monday"),
]


@pytest.mark.parametrize(
    ("day", "expected", "why"), NEXT_WORKING_DAY, ids=[r[2] for r in NEXT_WORKING_DAY]
)
def test_next_working_day(day, expected, why):
    assert next_working_day(day) == expected


ADD_MONTHS = [
    # (day, months, expected, why)
    (d(2025, 3, 3), 3, d(2025, 6, 3), "same date three months on"),
    (d(2025, 1, 31), 1, d(2025, 2, 28), "no 31 February: the month's last day"),
    (d(2024, 1, 31), 1, d(2024, 2, 29), "leap year: 29 February"),
    (d(2024, 11, 30), 3, d(2025, 2, 28), "across a year end, clamped"),
]


@pytest.mark.parametrize(
    ("day", "months", "expected", "why"), ADD_MONTHS, ids=[r[3] for r in ADD_MONTHS]
)
def test_add_months(day, months, expected, why):
    assert add_months(day, months) == expected


# --- The decision period (Awb 4:13, Atw) --------------------------------------------------

DECISION_PERIOD = [
    # (received, due, why)
    (d(2025, 3, 3), d(2025, 4, 28), "eight weeks from a Monday is a working Monday"),
    (d(2025, 3, 1), d(2025, 4, 28), "ends on Saturday (and Koningsdag): runs on to Monday"),
    (d(2025, 3, 2), d(2025, 4, 28), "ends on a Sunday: runs on to Monday"),
    (d(2025, 2, 24), d(2025, 4, 22), "ends on Easter Monday: Tuesday"),
    (d(2025, 2, 21), d(2025, 4, 18), "ends on Good Friday: stays, it is no Atw holiday"),
    (d(2026, 3, 2), d(2026, 4, 28), "ends on Koningsdag (Monday): Tuesday"),
    (d(2026, 3, 10), d(2026, 5, 6), "ends on Bevrijdingsdag 2026 (no lustrum): Wednesday"),
    (d(2025, 4, 3), d(2025, 5, 30), "ends on Ascension Day: Friday"),
    (d(2025, 4, 14), d(2025, 6, 10), "ends on Whit Monday: Tuesday"),
    (d(2025, 10, 30), d(2025, 12, 29), "ends on Christmas: past Boxing Day and weekend"),
    (d(2025, 11, 6), d(2026, 1, 2), "ends on New Year's Day: Friday 2 January"),
]


@pytest.mark.parametrize(
    ("received", "due", "why"), DECISION_PERIOD, ids=[r[2] for r in DECISION_PERIOD]
)
def test_decision_period(received, due, why):
    assert decision_due(received).due == due


def test_a_moved_decision_date_says_why_in_both_languages():
    deadline = decision_due(d(2025, 3, 1))
    assert deadline.basis == "Awb 4:13(2); Atw 1"
    assert "26 April 2025 is King's Day, a public holiday" in deadline.explanation["en"]
    assert "Algemene termijnenwet" in deadline.explanation["nl"]
    assert "maandag 28 april 2025" in deadline.explanation["nl"]


SUSPENSIONS = [
    # (suspensions, due, why) — all for a complaint received Monday 3 March 2025 (due 28 Apr)
    ((), d(2025, 4, 28), "no suspension: eight weeks"),
    ((Suspension(d(2025, 3, 10), d(2025, 3, 20)),), d(2025, 5, 8), "ten days added"),
    ((Suspension(d(2025, 3, 10), d(2025, 3, 10)),), d(2025, 4, 28), "answered the same day: none"),
    (
        (Suspension(d(2025, 3, 10), d(2025, 3, 15)),),
        d(2025, 5, 6),
        "five days land on Saturday 3 May; past Sunday and Bevrijdingsdag to Tuesday",
    ),
    (
        (Suspension(d(2025, 3, 20), d(2025, 3, 24)), Suspension(d(2025, 3, 10), d(2025, 3, 13))),
        d(2025, 5, 6),
        "two suspensions, given out of order, add up (3 + 4 days)",
    ),
    (
        (Suspension(d(2025, 5, 1), d(2025, 5, 9)),),
        d(2025, 4, 28),
        "a suspension that starts after the period ended does not revive it",
    ),
    (
        (Suspension(d(2025, 4, 28), d(2025, 5, 8)),),
        d(2025, 5, 8),
        "a suspension starting on the last day still counts",
    ),
]


@pytest.mark.parametrize(
    ("suspensions", "due", "why"), SUSPENSIONS, ids=[r[2] for r in SUSPENSIONS]
)
def test_suspension_moves_the_decision_date(suspensions, due, why):
    assert decision_due(d(2025, 3, 3), suspensions=suspensions).due == due


def test_a_suspension_is_explained_and_cited():
    deadline = decision_due(d(2025, 3, 3), suspensions=[Suspension(d(2025, 3, 10), d(2025, 3, 20))])
    assert deadline.basis == "Awb 4:13(2); Awb 4:15(1)(a)"
    assert "those 10 days are added" in deadline.explanation["en"]
    assert "die 10 dagen komen erbij" in deadline.explanation["nl"]
    assert not deadline.provisional


def test_an_open_suspension_counts_up_to_today_and_is_provisional():
    deadline = decision_due(
        d(2025, 3, 3), suspensions=[Suspension(d(2025, 3, 10))], today=d(2025, 3, 17)
    )
    # 7 days so far: Monday 5 May, Bevrijdingsdag, so Tuesday 6 May for now.
    assert deadline.due == d(2025, 5, 6)
    assert deadline.provisional
    assert "has not restarted" in deadline.explanation["en"]


EXTENSIONS = [
    # (received, suspensions, notice, due, why)
    (
        d(2025, 3, 3),
        (),
        ExtensionNotice(d(2025, 4, 20), d(2025, 6, 30)),
        d(2025, 6, 30),
        "notice within the eight weeks: the named date counts",
    ),
    (
        d(2025, 3, 3),
        (),
        ExtensionNotice(d(2025, 4, 28), d(2025, 6, 30)),
        d(2025, 6, 30),
        "notice on the last day of the period is still in time",
    ),
    (
        d(2025, 3, 1),
        (),
        ExtensionNotice(d(2025, 4, 28), d(2025, 6, 30)),
        d(2025, 6, 30),
        "the period ran on to Monday under the Atw, so a Monday notice is in time",
    ),
    (
        d(2025, 3, 3),
        (Suspension(d(2025, 3, 10), d(2025, 3, 20)),),
        ExtensionNotice(d(2025, 5, 5), d(2025, 6, 30)),
        d(2025, 6, 30),
        "the suspension moved the end to 8 May, so a notice on 5 May is in time",
    ),
    (
        d(2025, 3, 3),
        (Suspension(d(2025, 5, 1), d(2025, 5, 11)),),
        ExtensionNotice(d(2025, 4, 1), d(2025, 6, 30)),
        d(2025, 7, 10),
        "a suspension after the notice adds its ten days to the named date",
    ),
    (
        d(2025, 3, 3),
        (),
        ExtensionNotice(d(2025, 4, 1), d(2025, 6, 28)),
        d(2025, 6, 28),
        "a named date on a Saturday stays: it is not a statutory period",
    ),
]


@pytest.mark.parametrize(
    ("received", "suspensions", "notice", "due", "why"), EXTENSIONS, ids=[r[4] for r in EXTENSIONS]
)
def test_extension_notice(received, suspensions, notice, due, why):
    deadline = decision_due(received, suspensions=suspensions, extension_notice=notice)
    assert deadline.due == due
    assert "Awb 4:14(3)" in deadline.basis


def test_an_extension_notice_after_the_period_is_refused():
    with pytest.raises(DeadlineError, match="came too late.*ended on 2025-04-28"):
        decision_due(
            d(2025, 3, 3), extension_notice=ExtensionNotice(d(2025, 4, 29), d(2025, 6, 30))
        )


def test_an_extension_notice_must_name_a_later_date():
    with pytest.raises(DeadlineError, match="not later than the current decision date"):
        decision_due(d(2025, 3, 3), extension_notice=ExtensionNotice(d(2025, 4, 1), d(2025, 4, 28)))


REPEATED_EXTENSIONS = [
    # (notices, due, why) -- all for a complaint received Monday 3 March 2025 (due 28 April)
    (
        (
            ExtensionNotice(d(2025, 4, 20), d(2025, 6, 30)),
            ExtensionNotice(d(2025, 6, 20), d(2025, 8, 29)),
        ),
        d(2025, 8, 29),
        "a second notice before the named date passes: the latest named date counts",
    ),
    (
        (
            ExtensionNotice(d(2025, 4, 20), d(2025, 6, 30)),
            ExtensionNotice(d(2025, 6, 30), d(2025, 7, 31)),
        ),
        d(2025, 7, 31),
        "a second notice on the named date itself is still in time",
    ),
    (
        (
            ExtensionNotice(d(2025, 6, 20), d(2025, 8, 29)),
            ExtensionNotice(d(2025, 4, 20), d(2025, 6, 30)),
        ),
        d(2025, 8, 29),
        "notices given in any order are applied in the order they were given",
    ),
    (
        (
            ExtensionNotice(d(2025, 4, 20), d(2025, 6, 30)),
            ExtensionNotice(d(2025, 6, 20), d(2025, 8, 29)),
            ExtensionNotice(d(2025, 8, 25), d(2025, 10, 31)),
        ),
        d(2025, 10, 31),
        "a third notice follows the same rule",
    ),
]


@pytest.mark.parametrize(
    ("notices", "due", "why"), REPEATED_EXTENSIONS, ids=[r[2] for r in REPEATED_EXTENSIONS]
)
def test_repeated_extension_notices(notices, due, why):
    deadline = decision_due(d(2025, 3, 3), extension_notices=notices)
    assert deadline.due == due
    assert "latest notice counts" in deadline.explanation["en"]
    assert "Awb 4:14(3)" in deadline.basis


def test_a_second_notice_after_the_named_date_has_passed_is_refused():
    notices = (
        ExtensionNotice(d(2025, 4, 20), d(2025, 6, 30)),
        ExtensionNotice(d(2025, 7, 1), d(2025, 8, 29)),
    )
    with pytest.raises(DeadlineError, match="came too late.*ended on 2025-06-30"):
        decision_due(d(2025, 3, 3), extension_notices=notices)


def test_a_second_notice_must_name_a_date_after_the_one_named_before():
    notices = (
        ExtensionNotice(d(2025, 4, 20), d(2025, 6, 30)),
        ExtensionNotice(d(2025, 6, 1), d(2025, 6, 15)),
    )
    with pytest.raises(DeadlineError, match="not later than the current decision date 2025-06-30"):
        decision_due(d(2025, 3, 3), extension_notices=notices)


def test_a_decision_given_late_is_explained():
    deadline = decision_due(d(2025, 3, 3), decided_on=d(2025, 5, 1))
    assert deadline.met_on == d(2025, 5, 1)
    assert "3 days late" in deadline.explanation["en"]
    assert "3 dagen te laat" in deadline.explanation["nl"]


# --- Acknowledgement and progress notices -------------------------------------------------


def test_acknowledgement_is_five_working_days_and_marked_as_policy():
    ack = by_key(case_deadlines(d(2025, 4, 17), today=LATER))["acknowledgement"]
    # Thursday before Easter: Good Friday 1, Tue 2, Wed 3, Thu 4, Fri 5.
    assert ack.due == d(2025, 4, 25)
    assert ack.basis == "AP policy (not statutory)"


FIRST_PROGRESS_NOTICE = [
    # (received, due, why)
    (d(2025, 3, 3), d(2025, 6, 3), "three months after receipt"),
    (d(2025, 1, 31), d(2025, 4, 30), "no 31 April: the month's last day"),
    (d(2024, 11, 30), d(2025, 2, 28), "no 30 February: the month's last day"),
    (d(2025, 1, 26), d(2025, 4, 28), "lands on Saturday Koningsdag: Monday"),
]


@pytest.mark.parametrize(
    ("received", "due", "why"), FIRST_PROGRESS_NOTICE, ids=[r[2] for r in FIRST_PROGRESS_NOTICE]
)
def test_first_progress_notice_is_due_after_three_months(received, due, why):
    notice = by_key(case_deadlines(received, today=received))["progress_notice"]
    assert notice.due == due
    assert notice.basis == "GDPR 78(2)"


def progress(received_on, **kwargs):
    return [
        (x.key, x.due, x.met_on)
        for x in case_deadlines(received_on, **kwargs)
        if x.key.startswith("progress_notice")
    ]


PROGRESS_SERIES = [
    # (kwargs, expected [(key, due, met_on)], why) — complaint received Monday 3 March 2025
    (
        {"today": d(2025, 5, 1)},
        [("progress_notice", d(2025, 6, 3), None)],
        "undecided, nothing sent: only the next notice to send",
    ),
    (
        {"today": d(2025, 8, 1), "progress_notices_sent": [d(2025, 6, 2), d(2025, 7, 28)]},
        [
            ("progress_notice", d(2025, 6, 3), d(2025, 6, 2)),
            ("progress_notice_2", d(2025, 7, 28), d(2025, 7, 28)),
            ("progress_notice_3", d(2025, 9, 22), None),
        ],
        "every eight weeks after the notice actually sent",
    ),
    (
        {
            "today": d(2025, 6, 10),
            "progress_notices_sent": [d(2025, 6, 3)],
            "progress_interval_weeks": 6,
        },
        [
            ("progress_notice", d(2025, 6, 3), d(2025, 6, 3)),
            ("progress_notice_2", d(2025, 7, 15), None),
        ],
        "a shorter policy interval of six weeks",
    ),
    (
        {"today": d(2025, 5, 21), "decided_on": d(2025, 5, 20)},
        [],
        "decided within three months: the outcome is the report, no progress notice",
    ),
]


@pytest.mark.parametrize(
    ("kwargs", "expected", "why"), PROGRESS_SERIES, ids=[r[2] for r in PROGRESS_SERIES]
)
def test_progress_notices_recur(kwargs, expected, why):
    assert progress(d(2025, 3, 3), **kwargs) == expected


def test_progress_notices_missed_before_a_late_decision_are_all_listed():
    # Received Monday 6 January 2025, decided 1 August, nothing sent: 7 Apr, 2 Jun, 28 Jul.
    assert progress(d(2025, 1, 6), decided_on=d(2025, 8, 1), today=d(2025, 8, 10)) == [
        ("progress_notice", d(2025, 4, 7), None),
        ("progress_notice_2", d(2025, 6, 2), None),
        ("progress_notice_3", d(2025, 7, 28), None),
    ]


# --- Notice of default and penalty (Awb 4:17) ---------------------------------------------

# Notice received Monday 2 June 2025: a decision up to Monday 16 June costs nothing.
PENALTY = [
    # (until, days in default, penalty days, amount in cents, capped, why)
    (d(2025, 6, 16), 0, 0, 0, False, "decided on the last free day: nothing"),
    (d(2025, 6, 17), 1, 1, 23_00, False, "day 1: EUR 23"),
    (d(2025, 6, 30), 14, 14, 322_00, False, "day 14: 14 x 23"),
    (d(2025, 7, 1), 15, 15, 357_00, False, "day 15: first day at EUR 35"),
    (d(2025, 7, 14), 28, 28, 812_00, False, "day 28: 322 + 14 x 35"),
    (d(2025, 7, 15), 29, 29, 857_00, False, "day 29: first day at EUR 45"),
    (d(2025, 7, 28), 42, 42, 1442_00, False, "day 42: the maximum of EUR 1,442"),
    (d(2025, 8, 15), 60, 42, 1442_00, True, "day 60: still EUR 1,442, capped"),
]


@pytest.mark.parametrize(
    ("until", "days", "penalty_days", "cents", "capped", "why"),
    PENALTY,
    ids=[r[5] for r in PENALTY],
)
def test_penalty_for_default(until, days, penalty_days, cents, capped, why):
    result = penalty_for_default(d(2025, 6, 2), until)
    assert result.penalty_free_until == d(2025, 6, 16)
    assert (result.days_in_default, result.penalty_days) == (days, penalty_days)
    assert (result.amount_cents, result.capped) == (cents, capped)


def test_the_penalty_ignores_weekends_and_holidays():
    # Notice received Friday 23 May 2025: the free fortnight ends Friday 6 June even though
    # Ascension Day falls inside it and Whit Monday follows (Awb 4:17(1): no Atw).
    assert penalty_for_default(d(2025, 5, 23), d(2025, 6, 9)).days_in_default == 3


def test_a_premature_notice_of_default_is_refused():
    with pytest.raises(DeadlineError, match="before the decision period ended"):
        penalty_for_default(d(2025, 4, 28), d(2025, 6, 1), decision_due=d(2025, 4, 28))


def test_case_deadlines_include_the_penalty_dates_after_a_notice_of_default():
    found = by_key(
        case_deadlines(d(2025, 3, 3), default_notice_received_on=d(2025, 5, 2), today=LATER)
    )
    assert found["default_decision"].due == d(2025, 5, 16)
    assert found["default_penalty_maximum"].due == d(2025, 6, 27)
    assert found["default_decision"].basis == "Awb 4:17(3)"


# --- Objection (Awb 6:7, 6:8, 7:10) -------------------------------------------------------

OBJECTION_PERIOD = [
    # (made known, end, why)
    (d(2025, 3, 13), d(2025, 4, 24), "six weeks from the day after: same weekday"),
    (d(2025, 5, 17), d(2025, 6, 30), "ends on a Saturday: runs on to Monday"),
    (d(2025, 3, 24), d(2025, 5, 6), "ends on Bevrijdingsdag 2025: Tuesday"),
    (d(2026, 3, 24), d(2026, 5, 6), "ends on Bevrijdingsdag 2026 (no lustrum): Wednesday"),
]


@pytest.mark.parametrize(
    ("made_known", "end", "why"), OBJECTION_PERIOD, ids=[r[2] for r in OBJECTION_PERIOD]
)
def test_objection_period(made_known, end, why):
    found = by_key(objection_deadlines(made_known, today=LATER))
    assert list(found) == ["objection_period_end"]
    assert found["objection_period_end"].due == end


# Decision made known Monday 3 March 2025; objection period ends Monday 14 April; objection
# received 10 April.
OBJECTION_DECISION = [
    # (kwargs, due, why)
    ({}, d(2025, 5, 26), "six weeks after the objection period"),
    ({"advisory_committee": True}, d(2025, 7, 7), "twelve weeks with an advisory committee"),
    ({"deferral_weeks": 6}, d(2025, 7, 7), "six weeks plus one deferral of six"),
    ({"advisory_committee": True, "deferral_weeks": 6}, d(2025, 8, 18), "twelve plus six"),
    (
        {"suspensions": [Suspension(d(2025, 4, 20), d(2025, 4, 30))]},
        d(2025, 6, 5),
        "ten days to repair a defect (6:6) are added",
    ),
    (
        {"suspensions": [Suspension(d(2025, 4, 20), d(2025, 4, 23))]},
        d(2025, 5, 30),
        "three days land on Ascension Day: Friday",
    ),
    (
        {"suspensions": [Suspension(d(2025, 4, 11), d(2025, 4, 17))]},
        d(2025, 5, 30),
        "a repair begun inside the objection period counts only its 3 days after 14 April",
    ),
    (
        {"suspensions": [Suspension(d(2025, 4, 11), d(2025, 4, 14))]},
        d(2025, 5, 26),
        "a repair wholly inside the objection period does not move the date",
    ),
]


@pytest.mark.parametrize(
    ("kwargs", "due", "why"), OBJECTION_DECISION, ids=[r[2] for r in OBJECTION_DECISION]
)
def test_objection_decision(kwargs, due, why):
    found = by_key(
        objection_deadlines(
            d(2025, 3, 3), objection_received_on=d(2025, 4, 10), today=LATER, **kwargs
        )
    )
    assert found["objection_period_end"].due == d(2025, 4, 14)
    assert found["objection_acknowledgement"].due == d(2025, 4, 17)
    assert found["objection_decision"].due == due


@pytest.mark.parametrize("weeks", [7, -1], ids=["seven weeks is too long", "negative"])
def test_a_deferral_beyond_six_weeks_is_refused(weeks):
    with pytest.raises(DeadlineError, match="at most 6 weeks"):
        objection_deadlines(
            d(2025, 3, 3), objection_received_on=d(2025, 4, 10), deferral_weeks=weeks, today=LATER
        )


OBJECTION_IN_TIME = [
    # (received, posted, in time?, why) — made known 24 March 2025, period ends Tue 6 May
    (d(2025, 5, 6), None, True, "received on the last day (moved by Bevrijdingsdag)"),
    (d(2025, 5, 7), None, False, "received the day after"),
    (d(2025, 5, 12), d(2025, 5, 6), True, "posted in time, arrived within a week (6:9(2))"),
    (d(2025, 5, 14), d(2025, 5, 6), False, "posted in time, but arrived more than a week late"),
]


@pytest.mark.parametrize(
    ("received", "posted", "in_time", "why"),
    OBJECTION_IN_TIME,
    ids=[r[3] for r in OBJECTION_IN_TIME],
)
def test_objection_in_time(received, posted, in_time, why):
    assert objection_in_time(d(2025, 3, 24), received, posted_on=posted) is in_time


# --- Controller period (GDPR 12(3)) -------------------------------------------------------


def test_controller_response_one_month_or_three_when_extended():
    assert controller_response_deadline(d(2025, 1, 31)).due == d(2025, 2, 28)
    # 15 March + 3 months = Sunday 15 June: runs on to Monday 16 June.
    assert controller_response_deadline(d(2025, 3, 15), extended=True).due == d(2025, 6, 16)


# --- Status -------------------------------------------------------------------------------

DUE_FRI_13_JUNE = Deadline("decision", d(2025, 6, 13), "Awb 4:13(2)", {"nl": ".", "en": "."})

STATUS = [
    # (today, at_risk_working_days, expected, why) — due Friday 13 June 2025; Whit Monday 9 June
    (d(2025, 6, 14), 5, "overdue", "the day after the due date"),
    (d(2025, 6, 13), 5, "at_risk", "due today"),
    (d(2025, 6, 5), 5, "at_risk", "five working days away because Whit Monday does not count"),
    (d(2025, 6, 4), 5, "ok", "six working days away"),
    (d(2025, 6, 13), 0, "at_risk", "no warning window: only the due day itself"),
    (d(2025, 6, 12), 0, "ok", "no warning window: the day before is fine"),
]


@pytest.mark.parametrize(("today", "window", "expected", "why"), STATUS, ids=[r[3] for r in STATUS])
def test_deadline_status(today, window, expected, why):
    assert deadline_status(DUE_FRI_13_JUNE, today, at_risk_working_days=window) == expected


def test_a_met_deadline_is_ok_even_after_its_date():
    met = Deadline(
        "decision", d(2025, 6, 13), "Awb 4:13(2)", {"nl": ".", "en": "."}, met_on=d(2025, 6, 20)
    )
    assert deadline_status(met, d(2025, 7, 1)) == "ok"


# --- Every deadline explains itself -------------------------------------------------------


def test_every_deadline_has_a_basis_and_full_sentences_in_both_languages():
    deadlines = [
        *case_deadlines(
            d(2025, 3, 1),
            suspensions=[
                Suspension(d(2025, 3, 10), d(2025, 3, 20)),
                Suspension(d(2025, 6, 1), d(2025, 6, 5)),
            ],
            extension_notice=ExtensionNotice(d(2025, 4, 1), d(2025, 7, 1)),
            progress_notices_sent=[d(2025, 6, 2)],
            default_notice_received_on=d(2025, 9, 1),
            today=d(2025, 9, 5),
        ),
        # an open suspension, counted up to today
        *case_deadlines(
            d(2025, 3, 3), suspensions=[Suspension(d(2025, 3, 10))], today=d(2025, 3, 20)
        ),
        # a suspension too late to move the date, and a decision given late
        *case_deadlines(
            d(2025, 3, 3),
            suspensions=[Suspension(d(2025, 5, 1), d(2025, 5, 9))],
            decided_on=d(2025, 5, 20),
            today=LATER,
        ),
        *objection_deadlines(
            d(2025, 3, 24),
            objection_received_on=d(2025, 4, 1),
            advisory_committee=True,
            deferral_weeks=3,
            suspensions=[Suspension(d(2025, 4, 2), d(2025, 4, 9))],
            today=LATER,
        ),
        controller_response_deadline(d(2025, 3, 15), extended=True),
    ]
    for deadline in deadlines:
        assert deadline.basis, deadline.key
        assert set(deadline.explanation) == {"nl", "en"}, deadline.key
        for text in deadline.explanation.values():
            assert text[0].isupper() and text.endswith("."), (deadline.key, text)


# --- Bad input ----------------------------------------------------------------------------

BAD_INPUT = [
    # (call, message, why)
    (
        lambda: case_deadlines(d(2025, 3, 3), today=d(2025, 3, 2)),
        "after today",
        "a complaint received in the future",
    ),
    (
        lambda: case_deadlines(d(2025, 3, 3), decided_on=d(2025, 3, 1), today=LATER),
        "decision date .* lies before the date of receipt",
        "a decision before receipt",
    ),
    (
        lambda: case_deadlines(
            d(2025, 3, 3), suspensions=[Suspension(d(2025, 3, 10), d(2025, 3, 5))], today=LATER
        ),
        "ends .* before it starts",
        "a suspension that ends before it starts",
    ),
    (
        lambda: case_deadlines(
            d(2025, 3, 3), suspensions=[Suspension(d(2025, 3, 1), d(2025, 3, 5))], today=LATER
        ),
        "start of a suspension .* before the date of receipt",
        "a suspension before receipt",
    ),
    (
        lambda: case_deadlines(
            d(2025, 3, 3),
            suspensions=[
                Suspension(d(2025, 3, 10), d(2025, 3, 20)),
                Suspension(d(2025, 3, 15), d(2025, 3, 25)),
            ],
            today=LATER,
        ),
        "overlap",
        "two suspensions that overlap",
    ),
    (
        lambda: case_deadlines(
            d(2025, 3, 3),
            suspensions=[Suspension(d(2025, 3, 10), d(2025, 4, 1))],
            today=d(2025, 3, 20),
        ),
        "end of a suspension .* after today",
        "a suspension that ends in the future",
    ),
    (
        lambda: case_deadlines(
            d(2025, 3, 3),
            suspensions=[Suspension(d(2025, 5, 10), d(2025, 5, 11))],
            decided_on=d(2025, 5, 1),
            today=LATER,
        ),
        "after the decision was given",
        "a suspension after the decision",
    ),
    (
        lambda: case_deadlines(d(2025, 3, 3), progress_interval_weeks=0, today=LATER),
        "at least one week",
        "a progress interval of zero weeks",
    ),
    (
        lambda: case_deadlines(
            d(2025, 3, 3), default_notice_received_on=d(2025, 4, 1), today=LATER
        ),
        "before the decision period ended",
        "a notice of default before the period ended",
    ),
    (
        lambda: penalty_for_default(d(2025, 6, 2), d(2025, 6, 1)),
        "lies before the date the notice of default was received",
        "decided before the notice",
    ),
    (
        lambda: objection_deadlines(
            d(2025, 3, 3), objection_received_on=d(2025, 3, 1), today=LATER
        ),
        "before the date the decision was made known",
        "an objection before the decision was known",
    ),
    (
        lambda: objection_deadlines(d(2025, 3, 3), today=d(2025, 3, 1)),
        "after today",
        "a decision made known in the future",
    ),
    (
        lambda: objection_deadlines(d(2025, 3, 3), deferral_weeks=2, today=LATER),
        "need an objection",
        "a deferral without an objection",
    ),
    (
        lambda: deadline_status(DUE_FRI_13_JUNE, d(2025, 6, 1), at_risk_working_days=-1),
        "cannot be negative",
        "a negative warning window",
    ),
]


@pytest.mark.parametrize(("call", "message", "why"), BAD_INPUT, ids=[r[2] for r in BAD_INPUT])
def test_bad_input_raises_a_clear_deadline_error(call, message, why):
    with pytest.raises(DeadlineError, match=message) as caught:
        call()
    assert str(caught.value).endswith(".")
