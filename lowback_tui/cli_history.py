"""The commands that read the history: `lowback history`, `lowback export` and `lowback report`,
and the history as the command line opens it, never making one; and `lowback import`, which
adds an export's sessions to it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from lowback_tui.cli_output import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    remembered_routine,
    report_problems,
    say,
    write_out,
)
from lowback_tui.core.routine.model import RoutineError
from lowback_tui.core.safe_text import visible_lines

if TYPE_CHECKING:
    import argparse

    from lowback_tui.core.history.store import HistoryStore


class Unreadable(Exception):
    """The history is there but cannot be read: the message says why."""


def stored() -> HistoryStore | None:
    """The history, or None when there is none yet (none is made). Unreadable when one is
    there and cannot be read, or was damaged and moved aside: what could be shown of it then
    would be nothing, as if there had never been any sessions."""
    from lowback_tui.core.history.store import HistoryStore

    store = HistoryStore.open_existing()
    if store is not None and store.problem:
        raise Unreadable(f"cannot read the history: {store.problem}")
    if store is not None and store.notice:
        raise Unreadable(store.notice)
    return store


def opened(command: str, failed: str = "") -> HistoryStore | int | None:
    """The history for `lowback COMMAND` (`stored`), or, when it cannot be read, EXIT_FAILED
    after one line on stderr saying why (and `failed`, what that means for the command)."""
    try:
        return stored()
    except Unreadable as error:
        say(f"lowback {command}: {error}{failed}", err=True)
        return EXIT_FAILED


def tell_what_is_left_out(command: str, store: HistoryStore | None) -> None:
    """One line on stderr when rows of the history could not be read and are left out."""
    notice = store.unreadable_notice if store is not None else None
    if notice:
        say(f"lowback {command}: {notice}", err=True)


def cmd_history(args: argparse.Namespace) -> int:
    """Show past sessions, a line each."""
    from lowback_tui.core.history.text import session_table

    store = opened("history")
    if isinstance(store, int):
        return store
    say(session_table(store), lines=True)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write every session and exercise as CSV or JSON (it includes your pain ratings), read
    and written a page of sessions at a time."""
    from lowback_tui.core.history.text import export_text

    store = opened("export", "; nothing was exported")
    if isinstance(store, int):
        return store
    pieces = export_text(store, args.format)
    if args.output is None and sys.stdout is not None and sys.stdout.isatty():
        pieces = map(visible_lines, pieces)  # shown to a person, not piped to a program
    tell_what_is_left_out("export", store)
    return write_out("export", pieces, args.output)


def cmd_report(args: argparse.Namespace) -> int:
    """Print the course report: sessions, time, pain at the start and now, and the next step."""
    store = opened("report")
    if isinstance(store, int):
        return store
    from lowback_tui.core.trainer import Trainer

    report = None
    if store is not None:
        try:
            routine = remembered_routine()
        except RoutineError as error:
            return report_problems(error.problems)
        report = Trainer(routine, store=store).course_report()
    tell_what_is_left_out("report", store)
    if report is None:
        say("lowback report: no course yet; it begins with your first session", err=True)
        return EXIT_FAILED
    text = report.markdown() if args.format == "md" else report.text() + "\n"
    return write_out("report", visible_lines(text), args.output)


def cmd_import(args: argparse.Namespace) -> int:
    """Add the sessions of a `lowback export --format json` file that the history lacks."""
    from pathlib import Path

    from lowback_tui.core.files import one_line
    from lowback_tui.core.history import restore
    from lowback_tui.core.history.store import HistoryStore
    from lowback_tui.core.wording import plural

    path = Path(args.file)
    nothing = "; nothing was imported"
    try:
        exported = restore.read(path)  # the whole file checked before the history is opened
    except restore.BadExport as error:
        say(f"lowback import: {path}: {error}{nothing}", err=True)
        return EXIT_BAD_INPUT
    except OSError as error:
        say(f"lowback import: {one_line(error, path)}{nothing}", err=True)
        return EXIT_BAD_INPUT
    existing = opened("import", nothing)  # one that cannot be read is refused, not moved aside
    if isinstance(existing, int):
        return existing
    if existing is not None:
        existing.close()
    store = HistoryStore.open()
    try:
        found = store.restore(
            exported.sessions, remembered_routine().course_days, exported.activities
        )
        if found is None:
            say(f"lowback import: cannot write the history: {store.problem}{nothing}", err=True)
            return EXIT_FAILED
    finally:
        store.close()
    say(f"imported {plural(found.added, 'session')} ({found.there} already there)")
    if exported.activities:
        say(f"imported {_activities(found.activities_added)} ({found.activities_there} already"
            " there)")  # fmt: skip
    if found.activities_left:
        say(f"{_activities(found.activities_left)} not imported: this history has no course"
            " begun on the day theirs began, or that course has activities of its own")  # fmt: skip
    return EXIT_OK


def _activities(count: int) -> str:
    return f"{count} {'activity' if count == 1 else 'activities'}"
