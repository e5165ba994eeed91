"""The pain trend in calendar weeks of the course, and "two weeks" meaning one thing everywhere
(issue 21): day 14 of the course, with enough rated days in week 1 and in a later week."""

from __future__ import annotations

from collections.abc import Sequence

from lowback_tui.core.course import advice
from lowback_tui.core.course import rules as course
from lowback_tui.core.course import trend as trends

from .conftest import REPO
from .course_rows import START, on, rated, row


def trend(ratings: Sequence[int | None], today: int) -> trends.PainTrend:
    """The trend on day `today + 1`, after a session a day rated as given."""
    return trends.pain_trend(rated(ratings), START, on(today))


def not_improving(ratings: Sequence[int | None], today: int) -> bool:
    return trends.not_improving(rated(ratings), START, on(today))


# ---- weeks of the course ----------------------------------------------------------------------


def test_on_day_7_week_1_is_never_compared_with_itself() -> None:
    found = trend([6] * 7, today=6)
    assert (found.first.label, found.first.mean, found.last, found.ends) == (
        "week 1, days 1-7", 6.0, None, None,
    )  # fmt: skip
    assert found.current == found.first


def test_day_8_begins_week_2() -> None:
    found = trend([6] * 7 + [4], today=7)
    assert found.first.ratings == (6.0,) * 7  # day 7's rating is week 1's, day 8's is not
    assert found.last is None  # one rated day of week 2
    assert found.current.label == "week 2 so far, day 8"
    assert trend([6], today=0).first.label == "week 1 so far, day 1"
    found = trend([6] * 7 + [4, 4, 4], today=9)
    assert found.last is not None and found.last.label == "week 2 so far, days 8-10"
    assert found.ends == (6.0, 4.0)


def test_day_14_ends_week_2_and_day_15_begins_week_3() -> None:
    ratings: list[int | None] = [*([6] * 7), *([5] * 7)]
    on_14 = trend(ratings, today=13)
    assert on_14.last is not None and on_14.last.label == "week 2, days 8-14"
    on_15 = trend([*ratings, 2], today=14)
    assert on_15.last == on_14.last  # one rating of week 3 is not a week to compare
    on_17 = trend([*ratings, 2, 2, 2], today=16)
    assert on_17.last is not None and on_17.last.label == "week 3 so far, days 15-17"
    assert on_17.ends == (6.0, 2.0)


def test_week_1_does_not_drift_as_the_course_goes_on() -> None:
    ratings: list[int | None] = [6, 6, 6, 6, 6, 6, 6, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1]
    assert trend(ratings[:7], today=6).first.mean == 6.0
    assert trend(ratings, today=20).first.mean == 6.0  # not the first 7 rated days, drifting
    assert trend(ratings, today=20).ends == (6.0, 1.0)  # against the latest week, week 3


def test_the_later_week_is_the_latest_with_enough_ratings_not_the_current_one() -> None:
    ratings: list[int | None] = [6] * 7 + [4, None, 4, None, 4, None, None] + [None, 1]
    found = trend(ratings, today=15)  # week 3 has one rating
    assert found.last is not None and found.last.week == 2 and found.ends == (6.0, 4.0)


def test_too_few_ratings_in_week_1() -> None:
    two: list[int | None] = [6, None, 6, None, None, None, None] + [4] * 7
    assert trend(two, today=13).ends is None
    assert not trend(two, today=13).first.enough
    three: list[int | None] = [6, None, 6, None, 6, None, None] + [4] * 7
    assert trend(three, today=13).ends == (6.0, 4.0)


def test_too_few_ratings_in_the_later_weeks() -> None:
    two: list[int | None] = [*([6] * 7), 4, None, 4, None, None, None, None, None, 3, None, 3]
    assert trend(two, today=17).last is None and trend(two, today=17).ends is None
    three: list[int | None] = [*([6] * 7), 4, None, 4, None, None, None, 4]
    assert trend(three, today=13).ends == (6.0, 4.0)


def test_the_latest_ratings_are_shown_with_their_days() -> None:
    found = trend([6, None, 5, 4, None, 3], today=6)
    assert found.latest == ((on(2), 5.0), (on(3), 4.0), (on(5), 3.0))
    assert trend([6, None], today=6).latest == ((START, 6.0),)
    assert trend([], today=6).latest == ()
    two_a_day = [row(0, pain=4), row(0, pain=5)]
    assert trends.pain_trend(two_a_day, START, START).latest == ((START, 4.5),)


def test_ratings_outside_the_course_are_left_out() -> None:
    sessions = [row(-1, pain=9), *rated([5, 5, 5])]
    assert trends.pain_trend(sessions, START, on(2)).first.ratings == (5.0, 5.0, 5.0)


# ---- "two weeks": day 14 of the course --------------------------------------------------------


def test_not_improving_from_day_14_not_day_13() -> None:
    flat = [5] * 14
    assert not not_improving(flat[:13], today=12)
    assert not_improving(flat, today=13)


def test_day_14_counts_calendar_days_not_days_with_sessions() -> None:
    # Three days missed: 14 sessions take 17 days, but day 14 is day 14.
    ratings: list[int | None] = [5] * 7 + [None] * 3 + [5] * 7
    assert not_improving(ratings[:14], today=13)  # 11 days with sessions
    assert not not_improving(ratings[:13], today=12)


def test_not_improving_needs_the_ratings_it_compares() -> None:
    assert not not_improving([None] * 14, today=13)
    week_2_short: list[int | None] = [*([5] * 7), 5, 5, None, None, None, None, None]
    assert not not_improving(week_2_short, today=13)
    assert not_improving([*week_2_short[:13], 5], today=13)


def test_not_improving_is_the_noticeable_change_and_pain_worth_treating() -> None:
    better = [6] * 7 + [4] * 7
    assert not not_improving(better, today=13)  # fell by 2 points
    rising = [4] * 7 + [6] * 7
    assert not_improving(rising, today=13)
    for pain in (0, 1, 2):
        assert not not_improving([pain] * 14, today=13)  # low pain is never "not improving"
    assert not_improving([3] * 14, today=13)


def test_two_weeks_is_said_in_the_rules_terms_everywhere() -> None:
    assert course.BY_TREND_DAY == "by day 14 of your course"
    assert course.BY_TREND_DAY in advice.WHILE_EXERCISING[2]
    assert course.BY_TREND_DAY.capitalize() in advice.NOT_IMPROVING
    assert "two weeks' worth" not in advice.NOT_IMPROVING
    assert course.TREND_RULE == (
        "Day 14 of the course is 13 calendar days after its first day, with sessions or without. "
        "From then on, pain before sessions that is still 3 or more and has not fallen by about "
        "2 points (or 30 %) from week 1 (days 1-7) to the latest later week, nor to the mean of "
        "your latest 3 ratings, suggests seeing a doctor or physiotherapist; each of the two weeks "
        "needs your back rated before sessions on at least 3 of its days."
    )
    assert course.TREND_MIN_RATINGS == 2 * course.WEEK_MIN_RATINGS == 6
    readme = " ".join((REPO / "README.md").read_text().split())
    assert course.BY_TREND_DAY in readme
    assert "after about two weeks" not in readme


# ---- the latest ratings: a steady fall that a week's mean still hides --------------------------


def test_a_steady_fall_is_not_sent_to_a_doctor_on_day_14() -> None:
    # 6 -> 3 over two weeks: week 2's mean (4.0) is 26 % below week 1's (5.4), under the
    # noticeable 30 %, but the latest three ratings (4, 4, 3: 3.67) are 32 % below it.
    falling: list[int | None] = [6, 6, 6, 5, 5, 5, 5, 5, 4, None, 4, 4, 4, 3]
    found = trend(falling, today=13)
    assert found.ends is not None and trends.change(*found.ends) is trends.Change.NO_CLEAR_CHANGE
    assert found.lately == (4 + 4 + 3) / 3
    assert found.falling_lately and found.change is trends.Change.BETTER
    assert not not_improving(falling, today=13)


def test_latest_ratings_at_the_edge_of_the_noticeable_fall() -> None:
    # week 1 at 5: the latest three must average 3.5 or less (a 30 % fall) to count.
    week_2 = [4, 4, 4, 4]
    at_edge = trend([5] * 7 + week_2 + [4, 3, 3.5], today=13)  # type: ignore[list-item]
    assert at_edge.lately == 3.5 and at_edge.falling_lately
    just_over = trend([5] * 7 + week_2 + [4, 4, 3], today=13)  # 3.67: 27 %
    assert not just_over.falling_lately and just_over.change is trends.Change.NO_CLEAR_CHANGE
    assert not_improving([5] * 7 + week_2 + [4, 4, 3], today=13)


def test_latest_ratings_count_only_after_week_1_and_all_three() -> None:
    # On day 9 the latest three include days of week 1: they say nothing new about a fall.
    early = trend([6] * 6 + [2, 2, 2], today=8)
    assert early.lately is None and not early.falling_lately
    # Only two rated days after week 1 (day 7's rating is the third): not a fall to count.
    two = trend([6] * 7 + [5, 2], today=8)
    assert [value for _, value in two.latest] == [6.0, 5.0, 2.0] and two.lately is None
    assert trend([6] * 7 + [5, 5, 2], today=9).lately == 4.0  # days 8 to 10: all of week 2


def test_a_rising_week_is_never_outweighed_by_the_latest_days() -> None:
    rising: list[int | None] = [*([3] * 7), 6, 6, 6, 6, 6, 1, 1, 1]
    found = trend(rising, today=14)
    assert found.lately == 1.0
    assert found.ends is not None and trends.change(*found.ends) is trends.Change.NO_CLEAR_CHANGE
    assert found.change is trends.Change.BETTER  # no rise of 2 in the week: the fall shows
    worse = trend([2] * 7 + [6, 6, 6, 6, 6, 1, 1, 1], today=14)
    assert worse.change is trends.Change.WORSE and not worse.falling_lately
