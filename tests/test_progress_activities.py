"""Issue 25: the progress screen shows the course's activities by week, and `a` names them or
rates them again (the same dialog as before a session). Before a course there is nothing to
change; with none named, it says how to name some."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from lowback_tui.app import LowbackApp
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.screens.activities import ActivitiesScreen
from lowback_tui.screens.progress import ProgressScreen

from .conftest import screen_text
from .test_remembering import TODAY, make_app, open_store, progress_app


def _store(app: LowbackApp) -> HistoryStore:
    store = app.trainer._store
    assert store is not None
    return store


def _course(store: HistoryStore) -> int:
    found = store.course_activities()
    assert found is not None
    return found.course_id


def rows(app: LowbackApp) -> str:
    """The screen's lines, stripped, one per line (the padding and the width's spaces gone)."""
    return "\n".join(line.strip() for line in screen_text(app).splitlines())


def with_activities(routine: Routine, tmp_path: Path) -> LowbackApp:
    """progress_app's course (begun 10 days before TODAY: week 2), two activities rated in week
    1 and one of them in week 2."""
    app = progress_app(routine, tmp_path)
    store = _store(app)
    names = ("putting on socks", "sitting 30 minutes")
    store.keep_activities(_course(store), names, 1, date(2026, 11, 16), (3, 4))
    store.keep_activities(_course(store), names, 2, TODAY.date(), (5, None))
    return app


async def test_before_any_course_there_is_nothing_to_change(
    routine: Routine, tmp_path: Path
) -> None:
    app = make_app(routine, open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "a")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)  # `a` does nothing
        assert "Your activities" not in screen_text(app)
        assert "esc Back" in screen_text(app)  # the footer, before a course too


async def test_none_named_says_how_and_a_names_them(routine: Routine, tmp_path: Path) -> None:
    app = progress_app(routine, tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("g")
        assert "None named yet. Press a to name" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, ActivitiesScreen)
        await pilot.press(*"putting on socks", "enter", "6", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(app)
        assert "putting on socks" in text and "week 2 6" in text  # rated in this week, 2
        assert "None named yet" not in text


async def test_the_table_by_week_and_a_rating_changed(routine: Routine, tmp_path: Path) -> None:
    app = with_activities(routine, tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("g")
        assert "putting on socks\nweek 1 3   week 2 5" in rows(app)
        assert "sitting 30 minutes\nweek 1 4   week 2 –" in rows(app)  # not rated in week 2
        await pilot.press("a")
        assert isinstance(app.screen, ActivitiesScreen)
        # the names as they were, then this week's ratings: socks 5, sitting empty
        await pilot.press("tab", "tab", "tab", "7", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert "sitting 30 minutes\nweek 1 4   week 2 7" in rows(app)
    found = _store(app).course_activities()
    assert found is not None and {r.rating for r in found.ratings if r.week == 2} == {5, 7}


async def test_escape_in_the_dialog_changes_nothing(routine: Routine, tmp_path: Path) -> None:
    app = with_activities(routine, tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("g", "a", "backspace", "escape")
        await pilot.pause()
        assert "putting on socks\nweek 1 3   week 2 5" in rows(app)


async def test_a_hostile_name_is_shown_as_text(routine: Routine, tmp_path: Path) -> None:
    app = progress_app(routine, tmp_path)
    store = _store(app)
    store.keep_activities(_course(store), ("[bold red]x[/] \x1b[2J",), 2, TODAY.date(), (4,))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("g")
        text = screen_text(app)
        assert "[bold red]x[/]" in text and "\x1b" not in text


def test_progress_with_activities_snapshot(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("g")

    app = with_activities(routine, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_the_report_screen_has_the_activities_section(
    routine: Routine, tmp_path: Path
) -> None:
    app = with_activities(routine, tmp_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("g", "r")
        text = " ".join(rows(app).split())  # the lines wrapped at any width, joined
        assert "Activities Rated in week" not in text  # two weeks rated: a comparison
        assert "The first ratings (week 1) against the latest (week 2):" in text
        assert "putting on socks: 5 in week 2" not in text
        assert "putting on socks: 3 in week 1, 5 in week 2: up 2 points, less than the 3" in text
        assert "sitting 30 minutes: 4 in week 1 (not compared" in text
        assert "Patient-Specific Functional Scale" in text


async def test_no_activities_no_section_on_the_report_screen(
    routine: Routine, tmp_path: Path
) -> None:
    app = progress_app(routine, tmp_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("g", "r")
        assert "Your course report" in screen_text(app)
        assert "Functional Scale" not in screen_text(app)


def test_report_with_activities_snapshot(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = with_activities(routine, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), press=["g", "r", "end"])
