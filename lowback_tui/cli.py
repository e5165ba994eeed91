"""The `lowback` command line.

Only `lowback [run] [ROUTINE]` starts the full-screen app; every other command answers without
importing textual, so it takes tens of milliseconds.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lowback_tui import __version__
from lowback_tui.core import dirs, routine_library
from lowback_tui.core.routine import Problem, Routine, RoutineError
from lowback_tui.core.routine_file import load

if TYPE_CHECKING:
    from lowback_tui.core.history_store import HistoryStore

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

USAGE = """\
lowback [--voice] [ROUTINE]         start the trainer (default: the bundled lower-back routine)
       lowback validate FILE...            check routine files
       lowback routines                    list bundled and your own routines
       lowback new NAME [--from ROUTINE]   start a routine of your own from an existing one
       lowback edit [ROUTINE]              open a routine in your editor, then check it
       lowback history                     past sessions, a line each
       lowback export [--format csv|json] [-o FILE]   all sessions, for other programs
       lowback report [--format text|md] [-o FILE]    the course so far and the next step
       lowback schema                      the JSON Schema of routine files, for editors
       lowback sound-test                  play every sound, speak a line, say what plays them
       lowback locate                      show where settings, history and routines live"""

DESCRIPTION = """\
A full-screen trainer for a short daily lower-back routine. ROUTINE is the name of a bundled
routine or one of yours (see `lowback routines`), or the path of a routine file."""


def _report(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return EXIT_BAD_INPUT


def _load(argument: str | None) -> Routine:
    return load(routine_library.resolve(argument or _remembered()))


def _remembered() -> str | None:
    """The routine chosen in the app last time, if it is still there."""
    from lowback_tui.core.settings import load as load_settings

    chosen = load_settings().settings.routine
    if chosen and not Path(chosen).is_file():
        print(f"lowback: the routine you chose, {chosen}, is gone; using "
              f"{routine_library.DEFAULT_ROUTINE}", file=sys.stderr)  # fmt: skip
        return None
    return chosen or None


def _summary(routine: Routine) -> str:
    from lowback_tui.core import wording

    return f"{routine.name}, {wording.extent(routine)}"


def cmd_run(args: argparse.Namespace) -> int:
    """Start the full-screen trainer on a routine."""
    try:
        routine = _load(args.routine)
    except RoutineError as error:
        return _report(error.problems)
    from lowback_tui.core.trainer import Trainer

    trainer = Trainer(routine)
    if args.voice:
        trainer.preferences.override(voice=True)  # for this run; `v` in the app remembers it
    if args.plain or not sys.stdout.isatty():
        from lowback_tui import plain  # no full screen: for screen readers, logs and pipes

        return plain.run(trainer)
    # Start-up makes ~78,000 objects and almost no garbage, so the collector's passes over them
    # only delay the first screen (by ~10 ms, measured); the app turns it back on once that
    # screen is drawn, as Textual itself pauses it while scrolling.
    gc.disable()
    # Textual draws in this thread and writes each frame from another. While this one stays busy
    # after a frame, the writer waits for Python's switch interval (5 ms) before it may write:
    # measured, the first screen reached the terminal ~3 ms later than it was drawn. 1 ms keeps
    # that wait short, here and for every frame after.
    sys.setswitchinterval(0.001)
    from lowback_tui.app import LowbackApp  # the only command that needs textual
    from lowback_tui.core.logs import log, start_logging

    log_path = start_logging()
    log.info("starting on %s", routine.source)
    app = LowbackApp(trainer)
    app.run()
    if app.crash is not None:
        where = f"the details are in {log_path}" if log_path else "no log could be written"
        print(f"lowback stopped after an unexpected error ({type(app.crash).__name__}); {where}",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    return app.return_code or EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check each routine file and say what is wrong, one problem per line."""
    status = EXIT_OK
    for argument in args.files:
        try:
            print(f"ok: {_summary(_load(argument))}")
        except RoutineError as error:
            status = _report(error.problems)
    return status


def cmd_routines(args: argparse.Namespace) -> int:
    """List the bundled routines and the person's own, with their paths."""
    from lowback_tui.core.wording import plural

    choices = routine_library.choices()
    if not any(not c.entry.bundled for c in choices):
        print(f"You have no routines of your own yet in {dirs.routines_dir()}")
        print("(`lowback new NAME` makes one).\n")
    for choice in choices:
        entry = choice.entry
        kind = "bundled" if entry.bundled else "yours"
        if entry.shadowed:
            kind += ", hidden by yours of the same name"
        if choice.routine is None:
            about = f"broken: {plural(len(choice.problems), 'problem')}; run `lowback validate`"
        else:
            about = _summary(choice.routine)
        print(f"{entry.name} ({kind})\n  {about}\n  {entry.path}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Write a new routine of the person's own, copied from an existing one."""
    name = args.name.removesuffix(".toml").strip()
    try:
        path = routine_library.create(name, _load(args.source))
    except ValueError as error:
        print(f"lowback new: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RoutineError as error:
        return _report(error.problems)
    except FileExistsError as error:
        print(f"lowback new: {error.filename} already exists; choose another name or edit that "
              "file", file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"lowback new: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    print(path)
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    """Open a routine in your editor (a bundled one is copied first), then check it."""
    from lowback_tui.core.editor import editor_command

    try:
        path = routine_library.resolve(args.routine or _remembered())
        if not path.is_file():
            message = "no such file; `lowback new NAME` starts a routine of your own"
            raise RoutineError([Problem(path, None, "", message)])
        path = routine_library.own_copy(path)
    except RoutineError as error:
        return _report(error.problems)
    except OSError as error:
        print(f"lowback edit: cannot copy the routine: {error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    command = editor_command(path)
    if command is None:
        print("lowback edit: no editor found; set $EDITOR (or install nano)", file=sys.stderr)
        return EXIT_FAILED
    import subprocess

    while True:
        print(f"editing {path}", file=sys.stderr)
        subprocess.call(command)
        try:
            print(f"ok: {_summary(load(path))}")
            return EXIT_OK
        except RoutineError as error:
            _report(error.problems)
        if not (sys.stdin.isatty() and _ask("Open it again to fix that? [Y/n] ")):
            print(f"Your edits are kept in {path}; `lowback edit` opens it again.",
                  file=sys.stderr)  # fmt: skip
            return EXIT_BAD_INPUT


def _ask(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("", "y", "yes")
    except EOFError:
        return False


def _stored() -> HistoryStore | None:
    """The history, or None when there is none yet (none is made)."""
    from lowback_tui.core.history_store import HistoryStore

    store = HistoryStore.open_existing()
    if store is not None and store.notice:
        print(store.notice, file=sys.stderr)
    return store


def cmd_history(args: argparse.Namespace) -> int:
    """Show past sessions, a line each."""
    from lowback_tui.core.history_text import session_table

    print(session_table(_stored()))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write every session and exercise as CSV or JSON (it includes your pain ratings)."""
    from lowback_tui.core.history_text import export

    return _write_out("export", export(_stored(), args.format), args.output)


def _write_out(command: str, text: str, output: str | None) -> int:
    """`text` to stdout, or to a new file `output` readable only by the person (it holds their
    pain ratings), never over an existing file."""
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"lowback {command}: {output} already exists; choose another name",
              file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"lowback {command}: cannot write {output}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    print(f"wrote {output}", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Print the course report: sessions, time, pain at the start and now, and the next step."""
    try:
        routine = _load(None)  # the course's length is the routine's
    except RoutineError as error:
        return _report(error.problems)
    store = _stored()
    if store is not None and store.problem:
        print(f"lowback report: cannot read the history: {store.problem}", file=sys.stderr)
        return EXIT_FAILED
    from lowback_tui.core.trainer import Trainer

    report = Trainer(routine, store=store).course_report() if store is not None else None
    if report is None:
        print("lowback report: no course yet; it begins with your first session", file=sys.stderr)
        return EXIT_FAILED
    text = report.markdown() if args.format == "md" else report.text() + "\n"
    return _write_out("report", text, args.output)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the routine format, for editors."""
    from lowback_tui.core import routine_schema

    sys.stdout.write(routine_schema.text())
    return EXIT_OK


def cmd_sound_test(args: argparse.Namespace) -> int:
    """Play every sound and speak a line, and say what plays them."""
    from lowback_tui.audio.sound_test import sound_test
    from lowback_tui.core.settings import Preferences

    def bell() -> None:
        sys.stdout.write("\a")
        sys.stdout.flush()

    return sound_test(Preferences.load(), bell, print)


def cmd_locate(args: argparse.Namespace) -> int:
    """Print the folders lowback reads and writes."""
    print(f"config    {dirs.config_dir()}")
    print(f"data      {dirs.data_dir()}")
    print(f"routines  {dirs.routines_dir()}")
    print(f"bundled   {dirs.bundled_dir()}")
    return EXIT_OK


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, minus its `import shutil` (with bz2 and lzma) on every argument.

    The width comes from os instead, the same way shutil would find it.
    """

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size().columns
        except (ValueError, OSError):
            columns = 80
        super().__init__(prog, width=max(columns - 2, 40))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lowback", usage=USAGE, description=DESCRIPTION, formatter_class=_Formatter
    )
    parser.add_argument("--version", action="version", version=f"lowback {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", prog="lowback"
    )

    def command(name: str, handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        summary = (handler.__doc__ or "").strip().rstrip(".")
        sub = commands.add_parser(name, help=summary, formatter_class=_Formatter)
        sub.set_defaults(handler=handler)
        return sub

    run = command("run", cmd_run)
    run.add_argument("routine", nargs="?", metavar="ROUTINE", help="name or path of a routine")
    run.add_argument("--plain", action="store_true",
                     help="a line per change instead of the full screen (also when output is "
                     "not a terminal): for screen readers and logs")  # fmt: skip
    run.add_argument("--voice", action="store_true",
                     help="speak each change, this run only (v in the app keeps it)")  # fmt: skip
    command("validate", cmd_validate).add_argument(
        "files", nargs="+", metavar="FILE", help="routine files (or routine names) to check"
    )
    command("routines", cmd_routines)
    edit = command("edit", cmd_edit)
    edit.add_argument("routine", nargs="?", metavar="ROUTINE", help="name or path of a routine")
    new = command("new", cmd_new)
    new.add_argument("name", metavar="NAME", help='a name for it, such as "bad day"')
    new.add_argument(
        "--from",
        dest="source",
        metavar="ROUTINE",
        help=f"the routine to copy (default: {routine_library.DEFAULT_ROUTINE})",
    )
    command("history", cmd_history)
    export = command("export", cmd_export)
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="default: csv")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    report = command("report", cmd_report)
    report.add_argument("--format", choices=("text", "md"), default="text",
                        help="md: Markdown, to take to an appointment (default: text)")  # fmt: skip
    report.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    command("schema", cmd_schema)
    command("sound-test", cmd_sound_test)
    command("locate", cmd_locate)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `lowback` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    known = {  # `lowback --plain` is `lowback run --plain`
        "run", "validate", "routines", "new", "edit", "history", "export", "schema", "locate",
        "sound-test", "report",
        "-h", "--help", "--version",
    }  # fmt: skip
    if not args_list or args_list[0] not in known:
        args_list.insert(0, "run")  # `lowback [ROUTINE]` is `lowback run [ROUTINE]`
    args = parser.parse_args(args_list)
    try:
        code = args.handler(args)
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # `lowback routines | head`
        sys.stderr.close()
        code = EXIT_OK
    sys.exit(code)
