"""The `lowback` commands about routine files: validate, routines, new, edit and schema, and
finding the routine a command works on (named, or the one chosen last time). None of them
imports textual."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lowback_tui.cli_output import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    report_problems,
    say,
    write_out,
)
from lowback_tui.core import dirs
from lowback_tui.core.routine import library as routine_library
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Routine, RoutineError

if TYPE_CHECKING:
    import argparse

    from lowback_tui.core.settings import Loaded


def load_routine(argument: str | None, settings: Loaded | None = None) -> Routine:
    return load(routine_library.resolve(argument or remembered(settings)))


def remembered(settings: Loaded | None = None) -> str | None:
    """The routine chosen in the app last time (in `settings`, else as saved), if it is still
    there."""
    from lowback_tui.core.settings import load as load_settings

    chosen = (settings or load_settings()).settings.routine
    if chosen and not Path(chosen).is_file():
        say(f"lowback: the routine you chose, {chosen}, is gone; using "
            f"{routine_library.DEFAULT_ROUTINE}", err=True)  # fmt: skip
        return None
    return chosen or None


def summary(routine: Routine) -> str:
    from lowback_tui.core import wording

    return f"{routine.name}, {wording.extent(routine)}"


def cmd_validate(args: argparse.Namespace) -> int:
    """Check each routine file and say what is wrong, one problem per line."""
    status = EXIT_OK
    for argument in args.files:
        try:
            say(f"ok: {summary(load_routine(argument))}")
        except RoutineError as error:
            status = report_problems(error.problems)
    return status


def cmd_routines(args: argparse.Namespace) -> int:
    """List the bundled routines and the person's own, with their paths."""
    from lowback_tui.core.wording import plural

    choices = routine_library.choices()
    if not any(not c.entry.bundled for c in choices):
        say(f"You have no routines of your own yet in {dirs.routines_dir()}")
        say("(`lowback new NAME` makes one).\n", lines=True)
    for choice in choices:
        entry = choice.entry
        kind = "bundled" if entry.bundled else "yours"
        if entry.shadowed:
            kind += ", hidden by yours of the same name"
        if choice.routine is None:
            about = f"broken: {plural(len(choice.problems), 'problem')}; run `lowback validate`"
        else:
            about = summary(choice.routine)
        say(f"{entry.name} ({kind})")
        say(f"  {about}")
        say(f"  {entry.path}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Write a new routine of the person's own, copied from an existing one."""
    name = args.name.removesuffix(".toml").strip()
    try:
        path = routine_library.create(name, load_routine(args.source))
    except ValueError as error:
        say(f"lowback new: {error}", err=True)
        return EXIT_BAD_INPUT
    except RoutineError as error:
        return report_problems(error.problems)
    except FileExistsError as error:
        say(f"lowback new: {error.filename} already exists; choose another name or edit that "
            "file", err=True)  # fmt: skip
        return EXIT_BAD_INPUT
    except OSError as error:
        say(f"lowback new: cannot write {error.filename}: {error.strerror}", err=True)
        return EXIT_FAILED
    say(path)
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    """Open a routine in your editor (a bundled one is copied first), then check it: the core's
    RoutineEdit says each step (`core/routine/editing.py`), this runs the editor and asks."""
    import subprocess

    from lowback_tui.core.routine.editing import (
        AskAgain,
        EditCannotStart,
        Failed,
        Kept,
        RoutineEdit,
        RunEditor,
    )

    stdin = sys.stdin
    terminal = stdin is not None and stdin.isatty()
    try:
        path = routine_library.resolve(args.routine or remembered())
        edit = RoutineEdit.begin(path, terminal=terminal, ask_again=terminal)
    except RoutineError as error:
        return report_problems(error.problems)
    except OSError as error:
        say(f"lowback edit: cannot copy the routine: {error.strerror}", err=True)
        return EXIT_FAILED
    except EditCannotStart as error:  # no terminal for nano or vi: status 2, as the app
        say(f"lowback edit: {error}", err=True)
        return EXIT_BAD_INPUT if error.bad_input else EXIT_FAILED
    while True:
        step = edit.step
        if isinstance(step, RunEditor):
            say(f"editing {edit.path}", err=True)
            try:
                subprocess.call(step.command)
                edit.answer(None)
            except OSError as error:  # found, but it would not start (not executable, say)
                edit.answer(f"cannot start {step.command[0]}: {error.strerror}")
        elif isinstance(step, AskAgain):
            report_problems(list(step.problems))
            edit.answer(_ask("Open it again to fix that? [Y/n] "))
        elif isinstance(step, Kept):
            if not terminal:
                report_problems(list(step.problems))
            say(step.notice(edit.path), err=True)
            return EXIT_BAD_INPUT
        elif isinstance(step, Failed):
            say(f"lowback edit: {step.message}", err=True)
            return EXIT_BAD_INPUT if step.bad_input else EXIT_FAILED
        else:  # Saved
            say(f"ok: {summary(step.routine)}")
            return EXIT_OK


def _ask(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("", "y", "yes")
    except EOFError:
        return False


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the routine format, for editors."""
    from lowback_tui.core.routine import schema as routine_schema

    return write_out("schema", routine_schema.text(), None)
