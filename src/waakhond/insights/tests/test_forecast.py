"""The capacity model, as named scenarios with hand-computed answers."""

from waakhond.insights import forecast


def lane(**kw):
    values = {
        "lane": "quick_intervention",
        "hours_per_week": 10.0,
        "hours_per_case": 1.0,
        "weekly_intake": 10.0,
    }
    values.update(kw)
    return forecast.LaneInput(**values)


def test_capacity_equal_to_intake_keeps_the_backlog_flat_and_misses_nothing():
    result = forecast.simulate([lane()], weeks=10)
    assert result.backlog == [0.0] * 10 and result.missed_total == 0


def test_half_the_capacity_grows_the_backlog_and_misses_deadlines_once_the_queue_is_eight_weeks_long():
    result = forecast.simulate([lane(hours_per_week=5.0)], weeks=20)
    assert result.backlog[0] == 5.0 and result.backlog[11] == 60.0
    # Week k's complaints are finished in week 2k+1; from week 8's (due in week 16) on, too late.
    assert result.missed[15] == 0 and result.missed[16] == 5.0


def test_existing_overdue_complaints_are_reported_apart_and_handled_first():
    result = forecast.simulate([lane(weekly_intake=0.0, backlog=((-2, 5.0), (3, 10.0)))], weeks=4)
    assert result.already_overdue == 5.0
    assert result.backlog == [5.0, 0.0, 0.0, 0.0] and result.missed_total == 0


def test_more_handlers_never_make_it_worse():
    lanes = [
        lane(hours_per_week=5.0),
        lane(lane="investigate", hours_per_week=40.0, hours_per_case=40.0, weekly_intake=2.0),
    ]
    results = forecast.scenarios(lanes)
    by_delta = {r.handlers_delta: r for r in results}
    deltas = sorted(by_delta)
    ends = [by_delta[d].backlog_end for d in deltas]
    assert ends == sorted(ends, reverse=True)
    assert by_delta[4].missed_total <= by_delta[0].missed_total <= by_delta[-2].missed_total
