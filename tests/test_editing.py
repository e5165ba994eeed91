"""Own copies of bundled routines, the editor command, and quick adjustments."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from lowback_tui.core.routine import editor
from lowback_tui.core.routine import edits as routine_edits
from lowback_tui.core.routine import library as routine_library
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Routine

from .conftest import BUNDLED


def test_editing_a_bundled_routine_copies_it_verbatim(private_home: Path) -> None:
    mine = routine_library.own_copy(BUNDLED)
    assert mine == private_home / "config" / "routines" / "lower-back.toml"
    assert mine.read_text() == BUNDLED.read_text()  # comments and all
    mine.write_text(mine.read_text() + "# mine now\n")
    assert routine_library.own_copy(BUNDLED) == mine  # an existing copy is kept as it is
    assert mine.read_text().endswith("# mine now\n")
    assert routine_library.own_copy(mine) == mine


def test_the_editor_comes_from_visual_then_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "code --wait")
    monkeypatch.setenv("EDITOR", "vim")
    assert editor.editor_command(Path("r.toml")) == ["code", "--wait", "r.toml"]
    monkeypatch.delenv("VISUAL")
    assert editor.editor_command(Path("r.toml")) == ["vim", "r.toml"]
    monkeypatch.delenv("EDITOR")
    monkeypatch.setenv("PATH", "")
    assert editor.editor_command(Path("r.toml")) is None


def test_reps_go_up_within_range_and_the_goal_follows(routine: Routine) -> None:
    knee = routine.exercises[0]
    assert routine_edits.adjusted(knee, "reps", +1).reps == 6
    assert routine_edits.adjusted(replace(knee, reps=1), "reps", -1).reps == 1
    raised = routine_edits.adjusted(replace(knee, reps=10), "reps", +1)
    assert (raised.reps, raised.goal_reps) == (11, 11)


def test_seconds_step_by_one_then_by_five(routine: Routine) -> None:
    assert routine_edits.adjusted(routine.exercises[0], "seconds", +1).hold_seconds == 6
    assert routine_edits.adjusted(routine.exercises[3], "seconds", +1).hold_seconds == 35
    assert routine_edits.adjusted(routine.exercises[3], "seconds", -1).hold_seconds == 25
    assert routine_edits.adjusted(routine.exercises[2], "seconds", -1).work_seconds == 25
    assert (
        routine_edits.adjusted(
            replace(routine.exercises[0], hold_seconds=1), "seconds", -1
        ).hold_seconds
        == 1
    )


def test_an_adjustment_changes_one_number_and_keeps_every_comment(
    routine: Routine, private_home: Path
) -> None:
    path = routine_library.own_copy(BUNDLED)
    mine = load(path)
    before = path.read_text()
    saved = routine_edits.save_exercise(
        path, mine, 0, routine_edits.adjusted(mine.exercises[0], "reps", +1)
    )
    after = path.read_text()
    assert saved.exercises[0].reps == 6
    assert saved.exercises[1:] == routine.exercises[1:]  # every other value round-trips
    assert (saved.name, saved.timing) == (routine.name, routine.timing)
    assert (
        after.replace("reps = 6            # per leg", "reps = 5            # per leg", 1) == before
    )


def test_a_missing_key_is_added_under_its_exercise(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('name = "R"\n# my notes\n[[exercise]]\nname = "A"\nhold_seconds = 5\n')
    routine = load(path)
    saved = routine_edits.save_exercise(
        path, routine, 0, routine_edits.adjusted(routine.exercises[0], "reps", +1)
    )
    assert saved.exercises[0].reps == 2
    assert "# my notes" in path.read_text()


def test_a_layout_the_scanner_cannot_follow_falls_back_to_a_full_write(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('name = "R"\nexercise = [{name = "A", hold_seconds = 5, reps = 3}]\n')
    routine = load(path)
    saved = routine_edits.save_exercise(
        path, routine, 0, routine_edits.adjusted(routine.exercises[0], "reps", -1)
    )
    assert saved.exercises[0].reps == 2
    assert load(path) == replace(routine, exercises=(replace(routine.exercises[0], reps=2),))


def test_the_routine_in_use_follows_its_file_and_keeps_the_last_good_version(
    tmp_path: Path,
) -> None:
    from lowback_tui.core.routine.in_use import RoutineInUse

    path = tmp_path / "r.toml"
    path.write_text('name = "R"\n[[exercise]]\nname = "A"\nhold_seconds = 5\n')
    current = RoutineInUse(load(path))
    assert not current.refresh()  # unchanged: not even read
    path.write_text('name = "R2"\n[[exercise]]\nname = "A"\nhold_seconds = 6\n')
    assert current.refresh()
    assert (current.routine.name, current.problems) == ("R2", [])
    path.write_text('name = "R3"\n[[exercise]]\nname = "A"\nhold_second = 6\n')
    assert current.refresh()
    assert current.routine.name == "R2"  # the last good version stays in use
    assert [p.key for p in current.problems] == ["exercise[1]", "exercise[1].hold_second"]
    path.unlink()
    assert current.refresh()
    assert current.routine.name == "R2"
    assert current.problems[0].message.startswith("the file is gone")
