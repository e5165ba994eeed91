"""The exercise list screen, driven with the keyboard as a person would."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content

from lowback_tui.app import LowbackApp
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Exercise, Routine
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.detail_window import ExerciseDetailScreen
from lowback_tui.screens.keys import KeysScreen
from lowback_tui.screens.list_screen import ExerciseListScreen
from lowback_tui.widgets.exercise_detail import ExerciseDetail, exercise_rows
from lowback_tui.widgets.exercise_list import ExerciseList
from lowback_tui.widgets.gutter import Gutter

from .conftest import screen_text


def shown(app: LowbackApp) -> str | None:
    """The name of the exercise in the detail pane of the current screen."""
    exercise = app.screen.query_one(ExerciseDetail).exercise
    return exercise.name if exercise else None


async def test_arrows_and_j_k_move_and_the_pane_follows(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        assert shown(app) == "Knee to chest"
        await pilot.press("down", "j")
        assert app.screen.query_one(ExerciseList).highlighted == 2
        assert shown(app) == "Lying bicycle"
        await pilot.press("k")
        assert shown(app) == "Opposite arm and leg lift"
        await pilot.press("end")
        assert shown(app) == "Seated twist"
        await pilot.press("down")  # round to the top, as Textual's lists do
        assert shown(app) == "Knee to chest"
        await pilot.press("end", "home")
        assert shown(app) == "Knee to chest"


async def test_screen_shows_name_summary_estimate_and_doses(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        heading = str(app.screen.query_one("#heading").render()).splitlines()
        assert heading[0].startswith("Strengthen your lower back")
        assert heading[0].endswith("7 exercises · about 12 min")  # on one line, when it fits
        screen = screen_text(app)
        assert "Strengthen your lower back" in screen
        assert "Seven gentle moves" in screen
        assert "5 × 5 s holds per leg, alternating" in screen
        assert "Goal: work up to 10 reps per leg over the course" in screen


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_d_opens_the_exercise_and_escape_comes_back(
    routine: Routine, size: tuple[int, int]
) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "d")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseDetailScreen)
        assert shown(app) == "Opposite arm and leg lift"
        window = app.screen.query_one(ExerciseDetail)
        assert window.region.height >= min(size[1] - 1, 14)  # as tall as it needs, or can be
        assert "hold" in screen_text(app)  # the picture first, its held position labelled
        await pilot.press("down")
        assert window.scroll_offset.y == (1 if window.max_scroll_y else 0)
        for _ in range(window.max_scroll_y):  # the words under it, a line at a time
            if "Lie face down" in screen_text(app):
                break
            await pilot.press("down")
        assert "Lie face down" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ExerciseListScreen)


def labelled(exercise: Exercise) -> list[tuple[str, str]]:
    """The detail pane's labelled rows: (label, text)."""
    rows = [row for row in exercise_rows(exercise) if isinstance(row, Gutter)]
    return [(row.label.plain, row.body.plain) for row in rows]


def test_the_pane_shows_the_cue_for_each_moment_before_the_tips(routine: Routine) -> None:
    knee, _, bicycle, *_ = routine.exercises
    assert labelled(knee)[2:5] == [
        ("Get ready", knee.get_ready_cue),
        ("Hold", knee.effort_cue),
        ("Let go", knee.let_go_cue),
    ]
    assert [label for label, _ in labelled(bicycle)][2:5] == ["Get ready", "Work", "Let go"]
    old = replace(bicycle, get_ready_cue="", effort_cue="", let_go_cue="")
    assert [label for label, _ in labelled(old)] == ["Position", "Equipment"] + ["•"] * 3
    assert "How to do it" in [row.plain for row in exercise_rows(old) if isinstance(row, Content)]
    only = replace(old, effort_cue="Pedal slowly.")
    assert labelled(only)[2] == ("Work", "Pedal slowly.")
    assert "Tips" in [row.plain for row in exercise_rows(only) if isinstance(row, Content)]


async def test_a_click_highlights_an_exercise_and_opens_it(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        exercises = app.screen.query_one(ExerciseList)
        await pilot.click(ExerciseList, offset=(6, exercises.row_region(3).y + 1))
        await pilot.pause()
        assert exercises.highlighted == 3
        assert isinstance(app.screen, ExerciseDetailScreen)
        assert shown(app) == "Standing hamstring stretch"


async def test_the_mouse_shades_the_exercise_under_it(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        exercises = app.screen.query_one(ExerciseList)
        await pilot.hover(ExerciseList, offset=(6, exercises.row_region(2).y))
        assert exercises.hovered == 2
        assert exercises.row_style(2) != exercises.row_style(3)
        await pilot.hover("#detail")
        assert exercises.hovered is None


async def test_the_highlight_stays_in_view_in_a_small_terminal(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(40, 12)) as pilot:
        exercises = app.screen.query_one(ExerciseList)
        window = exercises.scrollable_content_region.height

        def in_view() -> bool:
            row = exercises.row_region(exercises.highlighted)
            top = exercises.scroll_offset.y
            return top <= row.y and row.bottom <= top + window

        await pilot.press("end")
        assert exercises.scroll_offset.y > 0 and in_view()
        await pilot.press("pageup")
        assert exercises.highlighted < 6 and in_view()
        await pilot.press("home")
        assert exercises.scroll_offset.y == 0 and in_view()
        await pilot.press("pagedown")
        assert exercises.highlighted > 0 and in_view()


async def test_question_mark_lists_the_keys_of_this_screen(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        rows = dict((d, k) for k, d in app.screen.rows())
        assert rows["Next exercise"] == "↓ j"
        assert rows["Details"] == "d"
        assert rows["Start"] == "⏎"
        assert rows["Quit"].startswith("q")
        assert "Scroll Left" not in rows  # Textual's inherited keys are left out
        await pilot.press("escape")
        assert isinstance(app.screen, ExerciseListScreen)


async def test_q_quits(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


@pytest.mark.parametrize("size", [(20, 6), (40, 12), (60, 20), (300, 100), (1, 1)])
async def test_no_crash_at_any_size(routine: Routine, size: tuple[int, int]) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "j", "d")
        await pilot.pause()
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        await pilot.press("escape", "k")
        assert app.screen.query_one(ExerciseList).highlighted == 1


async def test_the_pane_moves_then_hides_as_the_terminal_shrinks(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(100, 30)) as pilot:
        detail = app.screen.query_one(ExerciseDetail)
        assert app.screen.has_class("-wide")
        assert detail.region.x > 0  # beside the list
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert detail.region.x == 0 and detail.region.y > 5  # under it
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert not detail.display
        for size in [(20, 6), (120, 40), (30, 8), (80, 24)]:
            await pilot.resize_terminal(*size)
        await pilot.pause()
        assert detail.display and detail.region.x > 0


async def test_a_short_terminal_leaves_the_summary_out(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 14)) as pilot:
        summary = app.screen.query_one("#routine-summary")
        assert not summary.region  # the list needs the lines more
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert summary.region.height == 1
        assert "Seven gentle moves" in screen_text(app)


def fixed_app(routine: Routine, path: Path) -> LowbackApp:
    """The app on a given day with its history already open, so snapshots never race it."""

    def now() -> datetime:
        return datetime(2026, 11, 25, 8, 0)

    return LowbackApp(Trainer(routine, now=now, store=HistoryStore.open(path, now=now)))


def test_list_screen_snapshot(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(fixed_app(routine, tmp_path / "h.db"), terminal_size=(80, 24))


def test_list_screen_snapshot_small(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(fixed_app(routine, tmp_path / "h.db"), terminal_size=(40, 12))


def test_list_screen_snapshot_without_colour(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: the highlighted exercise still stands out (underlined, and in bold)."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("j")

    app = fixed_app(routine, tmp_path / "h.db")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_detail_window_snapshot(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The exercise on its own, where the list has no room for its pane."""
    assert snap_compare(fixed_app(routine, tmp_path / "h.db"), terminal_size=(40, 12),
                        press=["j", "d"])  # fmt: skip


async def test_the_footer_is_made_once_at_start_and_again_only_when_its_keys_change(
    routine: Routine,
) -> None:
    """Textual's Footer rebuilt its keys at each update of the bindings: three times in the
    list's first moments, the same keys each time (widgets/keys_footer.py)."""
    from lowback_tui.widgets.keys_footer import KeysFooter

    made: list[int] = []
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(100, 30)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        for _ in range(20):  # until the keys are made, once the bindings are ready
            if footer.children:
                break
            await pilot.pause()
        keys = len(footer.children)
        compose = footer.compose

        def counted() -> Any:
            made.append(1)
            return compose()

        footer.compose = counted  # type: ignore[method-assign]
        await pilot.pause()
        app.screen.refresh_bindings()  # the same keys: nothing made
        await pilot.pause()
        await pilot.pause()
        assert made == []
        footer.show_command_palette = False  # a key fewer: made again, without it
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert made == [1]
        assert len(footer.children) == keys - 1
