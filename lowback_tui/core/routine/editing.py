"""Editing a routine in the person's editor, in one place for the app's `e` and `lowback edit`.

The steps: the person's own file (a bundled routine is copied first), the editor command
(checked to be installed, and never nano or vi without a terminal), then the editor on the
terminal, then the file read back: saved and fine, gone (the editor removed it), or with problems,
after which the person may open it again. `RoutineEdit` decides each step; a front end only runs
the editor its own way (the app hands the terminal over, `lowback edit` just runs it) and shows
what it is given:

    edit = RoutineEdit.begin(path, terminal=..., ask_again=...)   # EditCannotStart: one line
    while isinstance(step := edit.step, RunEditor | AskAgain):
        edit.answer(run(step.command) if isinstance(step, RunEditor) else ask(step.problems))
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lowback_tui.core import dirs
from lowback_tui.core.routine import library
from lowback_tui.core.routine.editor import EditorError, NoTerminal, editor_command
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Problem, Routine, RoutineError

NO_EDITOR = "no editor found; set $EDITOR (or install nano)"


class EditCannotStart(Exception):
    """No editor can be started: the message is one line; `bad_input` when the person's setting
    or situation is at fault (no terminal for nano or vi), which `lowback edit` exits 2 for."""

    def __init__(self, message: str, bad_input: bool = False) -> None:
        super().__init__(message)
        self.bad_input = bad_input


@dataclass(frozen=True)
class RunEditor:
    """Run `command` on the terminal; the answer is None, or what kept it from starting."""

    command: list[str]


@dataclass(frozen=True)
class AskAgain:
    """The edit left `problems`: show them and ask whether to open the file again (True/False)."""

    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Saved:
    """The file is saved and checked."""

    routine: Routine


@dataclass(frozen=True)
class Kept:
    """The file has problems and was not opened again: the person's edits stay in it as typed."""

    problems: tuple[Problem, ...]

    def notice(self, path: Path) -> str:
        return f"Your edits are kept in {path}; `lowback edit` opens it again."


@dataclass(frozen=True)
class Failed:
    """The editor could not start, or removed the file: `message` says which, in one line."""

    message: str
    bad_input: bool = False


EditStep = RunEditor | AskAgain | Saved | Kept | Failed


class RoutineEdit:
    """One edit of one routine file (see the module's docstring)."""

    def __init__(self, path: Path, copied: bool, command: list[str], ask_again: bool) -> None:
        self.path = path
        self.copied = copied
        """A bundled routine was asked for and `path` is the person's copy of it (made now, or
        earlier): edits never touch the bundled file."""
        self._ask_again = ask_again
        self._command = command
        self.step: EditStep = RunEditor(command)

    @classmethod
    def begin(cls, path: Path, *, terminal: bool = True, ask_again: bool = True) -> RoutineEdit:
        """An edit of the routine at `path`, in its own copy. RoutineError when the file cannot
        be read to copy it, OSError when the copy cannot be written, EditCannotStart when no
        editor can be started."""
        if not path.is_file():
            if path.exists() or path.is_symlink():
                load(path)  # says what it is instead (a folder, a named pipe, a dangling link)
            message = "no such file; `lowback new NAME` starts a routine of your own"
            raise RoutineError([Problem(path, None, "", message)])
        own = library.own_copy(path)
        try:
            command = editor_command(own, check_installed=True, terminal=terminal)
        except NoTerminal as error:
            raise EditCannotStart(str(error), bad_input=True) from None
        except EditorError as error:
            raise EditCannotStart(str(error)) from None
        if command is None:
            raise EditCannotStart(NO_EDITOR)
        return cls(own, own != path, command, ask_again)

    def answer(self, value: str | bool | None) -> EditStep:
        """The answer to `step`: for RunEditor, None once the editor ran (else why it could not
        start); for AskAgain, True to open the file again."""
        step = self.step
        if isinstance(step, RunEditor):
            self.step = Failed(value) if isinstance(value, str) else self._read_back()
        elif isinstance(step, AskAgain):
            self.step = RunEditor(self._command) if value is True else Kept(step.problems)
        return self.step

    def _read_back(self) -> EditStep:
        if not os.path.lexists(self.path):  # removed (or moved away) by the editor
            return Failed(gone(self.path), bad_input=True)
        try:
            return Saved(load(self.path))
        except RoutineError as error:
            problems = tuple(error.problems)
            return AskAgain(problems) if self._ask_again else Kept(problems)


def gone(path: Path) -> str:
    """What to say of a routine file the editor took away: the truth, and how to start again."""
    said = f"{path} is gone (the editor removed it); nothing was kept."
    bundled = dirs.bundled_dir() / path.name
    if path.parent == dirs.routines_dir() and bundled.is_file():
        said += (f" `lowback edit {path.stem}` starts again from a fresh copy of the bundled "
                 "routine.")  # fmt: skip
    return said
