"""The pain chart: a fixed 0-10 scale, days at their dates, labelled axes."""

from __future__ import annotations

from datetime import date

from lowback_tui.core.course.pain_days import PainDay, pain_days
from lowback_tui.widgets.pain_chart import AFTER, BEFORE, BOTH, plot, words


def day(n: int, before: float | None, after: float | None = None) -> PainDay:
    return PainDay(date(2026, 11, n), before, after)


def column_of(lines: list[str], mark: str) -> list[tuple[int, int]]:
    """(row, column) of every `mark` in the plot area."""
    return [(r, c) for r, line in enumerate(lines[:-2]) for c, ch in enumerate(line) if ch == mark]


def test_the_scale_is_fixed_so_small_changes_look_small() -> None:
    lines = plot([day(1, 4), day(2, 4), day(3, 4), day(4, 5), day(5, 3)], 40, 13)
    assert lines is not None
    rows = sorted({r for r, _ in column_of(lines, BEFORE)})
    assert rows == [5, 6, 7]  # 5, 4 and 3 on 11 rows from 10 down to 0: one row apart each
    assert plot([day(1, 4), day(2, 3)], 40, 12) is None  # no room for a row a point: words
    assert lines[0].startswith("10 ┤") and lines[10].startswith(" 0 ┤")
    assert lines[5].startswith(" 5 ┤")


def test_days_sit_at_their_dates_and_missed_days_are_gaps() -> None:
    lines = plot([day(1, 6), day(2, 6), day(11, 6)], 4 + 12, 13)  # 12 columns for 10 days
    assert lines is not None
    assert [c - 4 for _, c in column_of(lines, BEFORE)] == [0, 1, 11]


def test_before_and_after_have_their_own_marks_and_share_one_when_equal() -> None:
    lines = plot([day(1, 7, 5), day(2, 4, 4)], 30, 13)
    assert lines is not None
    assert len(column_of(lines, BEFORE)) == 1 and len(column_of(lines, AFTER)) == 1
    assert len(column_of(lines, BOTH)) == 1


def test_the_axis_is_dated_and_everything_fits_the_box() -> None:
    lines = plot([day(1, 2), day(20, 3.5)], 50, 23)
    assert lines is not None
    assert len(lines) == 23 and all(len(line) <= 50 for line in lines)
    assert sorted(r for r, _ in column_of(lines, BEFORE)) == [13, 16]  # half points, 2 rows each
    assert lines[-1].strip().startswith("Nov 1") and lines[-1].rstrip().endswith("Nov 20")
    assert lines[-2].lstrip().startswith("└")


def test_values_off_the_scale_are_clipped_to_it_never_a_crash() -> None:
    lines = plot([day(1, 12), day(2, -1)], 30, 13)
    assert lines is not None
    assert {r for r, _ in column_of(lines, BEFORE)} == {0, 10}


def test_too_small_a_box_says_it_in_words() -> None:
    days = [day(1, 6), day(9, 4)]
    assert plot(days, 14, 13) is None and plot(days, 40, 12) is None and plot([], 80, 20) is None
    assert words(days) == "Before sessions: 6 on Nov 1, 4 on Nov 9."
    assert words([day(1, None, 3)]) == "No ratings before sessions yet."


def test_each_day_is_the_mean_of_its_sessions_before_and_after() -> None:
    from lowback_tui.core.history.rows import SessionRow

    def session(n: int, before: int | None, after: int | None) -> SessionRow:
        return SessionRow(
            id=n, routine_name="R", started_at="", day=date(2026, 11, n // 10), ended_at=None,
            elapsed_seconds=None, active_seconds=0.0, pain_before=before, pain_after=after,
            stopped_for_pain=False, ended_early=False, done=0, partial=0, skipped=0,
        )  # fmt: skip

    rows = [session(31, 6, None), session(32, 3, 2), session(11, None, 4), session(51, None, None)]
    assert pain_days(rows) == [day(1, None, 4), day(3, 4.5, 2)]  # day 5: nothing rated
