"""Editing a routine, one flow for the app's `e` and `lowback edit` (issue 23, item 2): the own
copy, the editor checked before anything runs, then saved, gone, or problems and asking again."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowback_tui.core.routine.editing import (
    NO_EDITOR,
    AskAgain,
    EditCannotStart,
    Failed,
    Kept,
    RoutineEdit,
    RunEditor,
    Saved,
)
from lowback_tui.core.routine.model import RoutineError

from .conftest import BUNDLED

BROKEN = 'name = "Broken"\n[[exercise]]\nname = "Only one"\nhold_second = 7\n'


@pytest.fixture(autouse=True)
def an_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "true --wait")  # installed; the tests play the editor's part
    monkeypatch.delenv("VISUAL", raising=False)


def test_a_bundled_routine_is_copied_and_the_editor_asked_to_open_the_copy(
    private_home: Path,
) -> None:
    edit = RoutineEdit.begin(BUNDLED)
    mine = private_home / "config" / "routines" / BUNDLED.name
    assert (edit.path, edit.copied) == (mine, True)
    assert mine.read_text() == BUNDLED.read_text()
    assert edit.step == RunEditor(["true", "--wait", str(mine)])
    mine.write_text(mine.read_text() + "# mine\n")
    again = RoutineEdit.begin(BUNDLED)
    assert (again.path, again.copied) == (mine, True)  # the copy already there, kept as it is
    assert mine.read_text().endswith("# mine\n")
    own = RoutineEdit.begin(mine)
    assert (own.path, own.copied) == (mine, False)


def test_saved_and_fine(private_home: Path) -> None:
    edit = RoutineEdit.begin(BUNDLED)
    edit.path.write_text(BUNDLED.read_text().replace("reps = 5", "reps = 4", 1))
    step = edit.answer(None)
    assert isinstance(step, Saved) and step.routine.exercises[0].reps == 4


def test_problems_ask_to_open_it_again_and_no_keeps_the_edit(private_home: Path) -> None:
    edit = RoutineEdit.begin(BUNDLED)
    edit.path.write_text(BROKEN)
    step = edit.answer(None)
    assert isinstance(step, AskAgain)
    assert any("hold_second" in str(p) for p in step.problems)
    assert edit.answer(True) == RunEditor(["true", "--wait", str(edit.path)])
    step = edit.answer(None)  # still broken
    assert isinstance(step, AskAgain)
    kept = edit.answer(False)
    assert isinstance(kept, Kept) and kept.problems == step.problems
    assert str(edit.path) in kept.notice(edit.path)
    assert edit.path.read_text() == BROKEN  # what was typed stays


def test_without_asking_again_problems_are_kept_at_once(private_home: Path) -> None:
    edit = RoutineEdit.begin(BUNDLED, ask_again=False)
    edit.path.write_text(BROKEN)
    assert isinstance(edit.answer(None), Kept)


def test_an_editor_that_removed_the_file_is_said_as_it_is(private_home: Path) -> None:
    edit = RoutineEdit.begin(BUNDLED)
    edit.path.unlink()
    step = edit.answer(None)
    assert isinstance(step, Failed) and step.bad_input
    assert "is gone (the editor removed it)" in step.message
    assert "fresh copy of the bundled routine" in step.message


def test_an_editor_that_would_not_start_is_a_failure_not_bad_input(private_home: Path) -> None:
    edit = RoutineEdit.begin(BUNDLED)
    assert edit.answer("cannot start true: Permission denied") == Failed(
        "cannot start true: Permission denied"
    )


def test_what_keeps_an_editor_from_starting_is_said_before_anything_runs(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere")
    with pytest.raises(EditCannotStart, match="not an installed program") as missing:
        RoutineEdit.begin(BUNDLED)
    assert not missing.value.bad_input
    monkeypatch.delenv("EDITOR")
    with pytest.raises(EditCannotStart, match="need one") as no_terminal:
        RoutineEdit.begin(BUNDLED, terminal=False)
    assert no_terminal.value.bad_input
    monkeypatch.setenv("PATH", "")
    with pytest.raises(EditCannotStart) as none:
        RoutineEdit.begin(BUNDLED)
    assert str(none.value) == NO_EDITOR


def test_a_routine_that_is_not_there_is_a_problem_not_a_new_file(private_home: Path) -> None:
    missing = private_home / "config" / "routines" / "nope.toml"
    with pytest.raises(RoutineError, match="no such file"):
        RoutineEdit.begin(missing)
    assert not missing.exists()
