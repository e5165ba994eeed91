"""The course report's "Activities" section (issue 25): each activity's first and latest rating and
their mean's, against the change that is more than rating noise (2 points for the mean, 3 for one
activity: Stratford et al. 1995), the source named, no promise; in text and in Markdown."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from lowback_tui.cli import main
from lowback_tui.core.activity_log import ActivityAnswer
from lowback_tui.core.course import advice
from lowback_tui.core.course.activities import (
    MEANINGFUL_CHANGE_MEAN,
    MEANINGFUL_CHANGE_ONE,
    Change,
    change,
)
from lowback_tui.core.course.report import course_report
from lowback_tui.core.course.report_activities import (
    SOURCE,
    ActivitiesReport,
    activities_report,
    escape_markdown,
)
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary
from lowback_tui.core.trainer import Trainer

from .course_rows import START, on, row
from .fake_clock import FakeClock


def section(
    names: tuple[str, ...], weeks: tuple[int, ...], *rows: tuple[int | None, ...]
) -> ActivitiesReport:
    found = activities_report(names, weeks, rows)
    assert found is not None
    return found


def items(found: ActivitiesReport) -> dict[str, str]:
    return dict(found.items())


# ---- none, one, three ----------------------------------------------------------------------------


def test_no_activities_no_section() -> None:
    assert activities_report((), (), ()) is None
    report = course_report([row(0, pain=4)], START, 21, on(0))
    assert report.activities is None
    assert not any("Activit" in line for line in report.lines())
    assert "Activities" not in report.markdown() and "Stratford" not in report.markdown()


def test_one_activity_rated_in_one_week_shows_it_without_comparing() -> None:
    found = section(("putting on socks",), (1,), (3,))
    assert found.lines() == [
        "Activities",
        "Rated in week 1 only: comparing needs a rating in a later course week.",
        "  putting on socks: 3 in week 1",
        SOURCE,
    ]
    assert found.moved() == []


def test_named_but_never_rated() -> None:
    found = section(("sitting 30 minutes",), (), ())
    assert found.summary() == "No activity has been rated yet."
    assert items(found) == {"sitting 30 minutes": "not rated yet"}


def test_three_activities_in_one_week_no_mean_compared() -> None:
    found = section(("socks", "sitting", "walking"), (1,), (3,), (4,), (5,))
    assert items(found) == {"socks": "3 in week 1", "sitting": "4 in week 1",
                            "walking": "5 in week 1"}  # fmt: skip


def test_three_activities_over_two_weeks_each_and_their_mean() -> None:
    found = section(("socks", "sitting", "walking"), (1, 3), (3, 6), (4, 4), (5, 2))
    assert found.summary() == "The first ratings (week 1) against the latest (week 3):"
    assert items(found) == {
        "socks": "3 in week 1, 6 in week 3: up 3 points, at least the 3 points that are more "
        "than rating noise; it may have got easier",
        "sitting": "4 in week 1, 4 in week 3: the same",
        "walking": "5 in week 1, 2 in week 3: down 3 points, at least the 3 points that are "
        "more than rating noise; it may have got harder",
        "Mean of the 3 compared": "4.0 in week 1, 4.0 in week 3: the same",
    }


def test_an_activity_missing_from_a_compared_week_is_shown_not_compared() -> None:
    found = section(("socks", "stairs"), (1, 2), (3, 4), (None, 7))
    assert items(found) == {
        "socks": "3 in week 1, 4 in week 2: up 1 point, less than the 3 points that are more "
        "than rating noise",
        "stairs": "7 in week 2 (not compared: not rated in both week 1 and week 2)",
    }  # no mean of one activity


# ---- the edges -----------------------------------------------------------------------------------


def test_the_one_activity_edge_is_3_points() -> None:
    assert MEANINGFUL_CHANGE_ONE == 3.0
    two = items(section(("socks",), (1, 2), (3, 5)))["socks"]
    assert two.endswith(": up 2 points, less than the 3 points that are more than rating noise")
    three = items(section(("socks",), (1, 2), (3, 6)))["socks"]
    assert "up 3 points, at least the 3 points" in three
    down_two = items(section(("socks",), (1, 2), (6, 4)))["socks"]
    assert "down 2 points, less than" in down_two
    down_three = items(section(("socks",), (1, 2), (6, 3)))["socks"]
    assert "down 3 points, at least" in down_three and "harder" in down_three


def test_the_mean_edge_is_2_points_within_at_leasts_tolerance() -> None:
    assert MEANINGFUL_CHANGE_MEAN == 2.0
    assert change(0.0, 1.99, MEANINGFUL_CHANGE_MEAN) is Change.NO_CLEAR_CHANGE
    assert change(0.0, 2.0, MEANINGFUL_CHANGE_MEAN) is Change.BETTER
    # A mean of three whole ratings is a binary fraction: 13/3 - 7/3 is 1.9999999999999996.
    assert 13 / 3 - 7 / 3 < 2.0
    assert change(7 / 3, 13 / 3, MEANINGFUL_CHANGE_MEAN) is Change.BETTER
    assert change(13 / 3, 7 / 3, MEANINGFUL_CHANGE_MEAN) is Change.WORSE
    rose_2 = section(("a", "b", "c"), (1, 2), (1, 3), (2, 4), (4, 6))
    mean = items(rose_2)["Mean of the 3 compared"]
    assert mean == (
        "2.3 in week 1, 4.3 in week 2: up 2.0 points, at least the 2 points that are more than "
        "rating noise; it may have got easier"
    )
    rose_5_thirds = section(("a", "b", "c"), (1, 2), (1, 3), (2, 4), (4, 5))
    assert items(rose_5_thirds)["Mean of the 3 compared"] == (
        "2.3 in week 1, 4.0 in week 2: up 1.7 points, less than the 2 points that are more than "
        "rating noise"
    )
    fell_2 = section(("a", "b"), (1, 2), (5, 3), (6, 4))
    assert "down 2.0 points, at least the 2 points" in items(fell_2)["Mean of the 2 compared"]
    fell_1_5 = section(("a", "b"), (1, 2), (5, 3), (6, 5))
    assert "down 1.5 points, less than" in items(fell_1_5)["Mean of the 2 compared"]


def test_the_section_names_its_source_and_promises_nothing() -> None:
    found = section(("socks",), (1, 2), (0, 10))
    text = "\n".join(found.lines()) + found.markdown()
    assert "Patient-Specific Functional Scale (Stratford et al., Physiotherapy Canada 1995)" in text
    assert "Abbott and Schmitt (JOSPT 2014)" in text and "1.3 to 2.7" in text
    lowered = text.casefold()
    assert " will " not in lowered and "cure" not in lowered and "guarantee" not in lowered
    assert "may have got easier" in text


# ---- in the whole report, text and Markdown ------------------------------------------------------


def test_the_report_puts_the_section_before_the_note_in_text_and_markdown() -> None:
    found = section(("socks",), (1, 2), (3, 6))
    report = course_report([row(0, pain=4)], START, 21, on(8), activities=found)
    lines = report.lines()
    at = lines.index("Activities")
    assert lines[at - 1] == "" and lines[at + 4] == ""  # heading, summary, a row, the source
    assert lines[at + 5 :] == [advice.NOT_CARE]
    md = report.markdown()
    assert "\n## Activities\n\n" in md
    assert md.index("## Activities") < md.index("\n---\n") < md.rindex("*lowback")


def rendered(markdown: str) -> str:
    html: str = MarkdownIt("commonmark").enable("table").render(markdown)
    return html


@pytest.mark.parametrize(
    "name",
    [
        "<img src=x onerror=alert(1)>",
        "a | b | c",
        "*bold* _it_ `code` [link](http://x)",
        "back\\slash &amp; ~~gone~~ # not a heading",
        "![pic](x.png) <b>",
    ],
)
def test_a_hostile_name_is_literal_text_in_markdown(name: str) -> None:
    html = rendered(section((name, "socks"), (1, 2), (3, 4), (5, 6)).markdown())
    for tag in ("<img", "<b>", "<em>", "<strong>", "<code>", "<a ", "<s>", "<del>", "<h1>"):
        assert tag not in html
    cells = html.split("<tbody>")[1].split("</tbody>")[0]
    first_row = cells.split("</tr>")[0]
    assert first_row.count("<td>") == 2  # a | in the name did not make a new cell
    shown = first_row.split("<td>")[1].split("</td>")[0]
    assert unescape(shown) == name


def test_escape_markdown_leaves_plain_words_alone() -> None:
    assert escape_markdown("sitting 30 minutes, 2-3 times") == "sitting 30 minutes, 2-3 times"


# ---- from the history, through the Trainer and `lowback report` ----------------------------------

FIRST = datetime(2026, 11, 3, 8, 0)


class Now:
    def __init__(self) -> None:
        self.at = FIRST

    def __call__(self) -> datetime:
        return self.at


def _session(store: HistoryStore, pain: int) -> None:
    session = store.begin("Routine", "x", pain)
    record = ExerciseRecord(0, "knee", "Knee to chest", Outcome.DONE, 10, 10, 50.0, 50.0)
    store.record_exercise(session, record, 10)
    store.finish(session, Summary("Routine", (record,), 70, 0, False), stopped_for_pain=False)


def _rated_course(routine: Routine, path: Path, weeks: list[tuple[int, ...]]) -> Trainer:
    now = Now()
    store = HistoryStore.open(path, now=now)
    trainer = Trainer(routine, clock=FakeClock(), now=now, store=store)
    for week, ratings in enumerate(weeks):
        now.at = FIRST + timedelta(days=7 * week)
        _session(store, 4)
        answer = ActivityAnswer(("putting on socks", "sitting 30 minutes")[: len(ratings)], ratings)
        assert trainer.activities.record(answer) is None
    return trainer


def test_the_trainers_report_has_the_courses_activities(routine: Routine, tmp_path: Path) -> None:
    trainer = _rated_course(routine, tmp_path / "history.db", [(3, 4)])
    report = trainer.course_report()
    assert report is not None and report.activities is not None
    assert report.activities.summary().startswith("Rated in week 1 only")
    trainer = _rated_course(routine, tmp_path / "two.db", [(3, 4), (6, 6)])
    report = trainer.course_report()
    assert report is not None and report.activities is not None
    assert dict(report.activities.items())["Mean of the 2 compared"].startswith(
        "3.5 in week 1, 6.0 in week 2: up 2.5 points, at least"
    )


def test_no_activities_in_the_trainers_report(routine: Routine, tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "history.db", now=Now())
    _session(store, 4)
    report = Trainer(routine, clock=FakeClock(), now=Now(), store=store).course_report()
    assert report is not None and report.activities is None


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_lowback_report_shows_the_section(
    capsys: pytest.CaptureFixture[str], private_home: Path, routine: Routine
) -> None:
    trainer = _rated_course(routine, private_home / "data" / "history.db", [(3, 4), (6, 5)])
    assert trainer._store is not None
    trainer._store.close()
    code, out, err = run(capsys, "report")
    assert (code, err) == (0, "")
    assert "\nActivities\nThe first ratings (week 1) against the latest (week 2):\n" in out
    assert "  putting on socks: 3 in week 1, 6 in week 2: up 3 points, at least" in out
    code, out, _ = run(capsys, "report", "--format", "md")
    assert code == 0
    assert "| putting on socks | 3 in week 1, 6 in week 2: up 3 points" in out
