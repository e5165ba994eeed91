"""Activities in the person's own words (issue 25, its rules): when they are asked for, and a
change against the method's thresholds, each at its edge."""

from __future__ import annotations

from datetime import date, timedelta

from lowback_tui.core.course.activities import (
    MAX_ACTIVITIES,
    MEANINGFUL_CHANGE_MEAN,
    MEANINGFUL_CHANGE_ONE,
    RATING_RANGE,
    Ask,
    Change,
    Moved,
    change,
    clean_name,
    course_week,
    moved,
    parse_rating,
    problem,
    to_ask,
)

START = date(2026, 12, 1)


def day(n: int) -> date:
    """Day n of the course (day 1 is its first)."""
    return START + timedelta(days=n - 1)


def test_the_method_s_numbers() -> None:
    assert (MAX_ACTIVITIES, RATING_RANGE) == (3, (0, 10))
    assert (MEANINGFUL_CHANGE_MEAN, MEANINGFUL_CHANGE_ONE) == (2.0, 3.0)


def test_a_week_of_the_course_is_seven_days_from_its_first() -> None:
    assert course_week(START, day(1)) == 1
    assert course_week(START, day(7)) == 1  # the edge: day 7 is still week 1
    assert course_week(START, day(8)) == 2
    assert course_week(START, day(15)) == 3
    assert course_week(START, day(0)) == 0  # before the course began


def test_asked_to_name_them_until_some_are_named_then_to_rate_once_a_week() -> None:
    assert to_ask(START, day(1), [], set()) is Ask.NAME_AND_RATE
    assert to_ask(START, day(5), [], {1}) is Ask.NAME_AND_RATE  # skipped before: asked again
    named = ["putting on socks"]
    assert to_ask(START, day(1), named, {1}) is Ask.NOTHING  # rated this week already
    assert to_ask(START, day(7), named, {1}) is Ask.NOTHING  # still week 1
    assert to_ask(START, day(8), named, {1}) is Ask.RATE  # the first session of week 2
    assert to_ask(START, day(9), named, {1, 2}) is Ask.NOTHING  # week 2, rated
    assert to_ask(START, day(30), named, {1, 2}) is Ask.RATE  # week 5, never rated
    assert to_ask(START, day(0), named, set()) is Ask.NOTHING  # no course week yet


def test_a_change_of_the_meaningful_size_counts_and_just_under_does_not() -> None:
    for meaningful in (MEANINGFUL_CHANGE_MEAN, MEANINGFUL_CHANGE_ONE):
        assert change(4, 4 + meaningful, meaningful) is Change.BETTER  # at the edge
        assert change(4, 4 + meaningful - 0.01, meaningful) is Change.NO_CLEAR_CHANGE
        assert change(8, 8 - meaningful, meaningful) is Change.WORSE
        assert change(8, 8 - meaningful + 0.01, meaningful) is Change.NO_CLEAR_CHANGE
    assert change(3, 5, MEANINGFUL_CHANGE_MEAN) is Change.BETTER
    assert change(3, 5, MEANINGFUL_CHANGE_ONE) is Change.NO_CLEAR_CHANGE  # one alone needs 3
    # means of whole ratings: 2 of 3 activities each up by 3, one by 0 is a mean of +2 exactly
    assert change(13 / 3, 19 / 3, MEANINGFUL_CHANGE_MEAN) is Change.BETTER


def test_no_activities_or_one_week_compare_nothing() -> None:
    assert moved({}) == []
    assert moved({1: {"socks": 3}}) == []
    assert moved({1: {"socks": 3}, 2: {}}) == []  # a week asked and skipped is not a rating


def test_one_activity_is_judged_alone_with_no_mean() -> None:
    assert moved({1: {"socks": 3}, 3: {"socks": 6}}) == [Moved("socks", 3, 6, Change.BETTER)]
    assert moved({1: {"socks": 3}, 3: {"socks": 5}}) == [
        Moved("socks", 3, 5, Change.NO_CLEAR_CHANGE)
    ]


def test_three_activities_and_their_mean_first_against_latest() -> None:
    by_week = {
        1: {"socks": 2, "sitting 30 minutes": 4, "lifting a bag": 6},
        2: {"socks": 3, "sitting 30 minutes": 5, "lifting a bag": 6},
        4: {"socks": 5, "sitting 30 minutes": 6, "lifting a bag": 7},
    }
    found = moved(by_week)
    assert [m.name for m in found] == ["socks", "sitting 30 minutes", "lifting a bag", ""]
    assert [m.change for m in found[:3]] == [
        Change.BETTER, Change.NO_CLEAR_CHANGE, Change.NO_CLEAR_CHANGE
    ]  # fmt: skip
    mean = found[3]
    assert (mean.first, mean.latest) == (4.0, 6.0)
    assert mean.change is Change.BETTER  # +2 in the mean: at the edge


def test_an_activity_rated_only_once_is_not_compared() -> None:
    first = {"socks": 2, "sitting": 4}
    latest = {"socks": 4, "sitting": 6, "new": 9}  # named later: nothing to compare it with
    assert [m.name for m in moved({1: first, 2: latest})] == ["socks", "sitting", ""]
    alone = moved({1: {"socks": 2, "gone": 5}, 2: {"socks": 5}})  # one left in both: no mean
    assert alone == [Moved("socks", 2, 5, Change.BETTER)]


def test_a_rating_typed_is_a_whole_number_from_0_to_10_and_nothing_else() -> None:
    assert [parse_rating(t) for t in ("0", "10", " 7 ", "07")] == [0, 10, 7, 7]
    for typed in ("11", "-1", "5.5", "²", "٣", "", " ", "100", "1e1", "ten"):
        assert parse_rating(typed) is None, typed


def test_a_name_is_one_safe_line_of_at_most_40_characters() -> None:
    assert clean_name("  putting   on\tsocks \n") == "putting on socks"
    assert clean_name("\x1b[2Jx") == "\\x1b[2Jx"  # the escape written out, never sent
    assert len(clean_name("a" * 100)) == 40


def test_what_cannot_be_kept_is_said() -> None:
    assert problem(["socks"], [7]) is None
    assert problem(["a", "b", "c"], [0, 5, 10]) is None  # three, at both ends of the scale
    assert problem(["a", "b", "c", "d"], [1, 1, 1, 1]) == "Up to 3 activities"
    assert problem(["socks", "Socks"], [1, 2]) == "Name each activity once"
    assert problem([""], [1]) == "Give each activity a name"
    assert problem(["socks"], [None]) == "Rate each activity from 0 to 10"
    assert problem(["socks"], [11]) == "Rate each activity from 0 to 10"
    assert problem(["socks"], [-1]) == "Rate each activity from 0 to 10"
