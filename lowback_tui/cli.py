"""The `lowback` command line.

Only `lowback [run] [ROUTINE]` starts the full-screen app; every other command answers without
importing textual, so it takes tens of milliseconds.

Everything printed goes out through `cli_output.say` (outside text made safe). A failure of the
output itself (a full disk, a closed stdout), ctrl+c and an unexpected OSError are each one line
on stderr and a non-zero status, never a traceback.
"""

# ruff: noqa: E402 (the imports come after the collector is paused, below)

from __future__ import annotations

import gc

# The collector is paused while this module's imports run, and what they made (modules, classes,
# functions: all kept until lowback ends) is then frozen out of every later collection, the one
# Python makes as it exits included. `lowback validate` took 43.6 ms without, 38.1 ms with
# (medians of 40 alternating runs; `python -c 'import tomllib'` 19.9 ms: 2.19× to 1.91×).
_COLLECTING = gc.isenabled()
gc.disable()

import os
import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from lowback_tui import __version__
from lowback_tui.cli_history import cmd_export, cmd_history, cmd_import, cmd_report
from lowback_tui.cli_output import (
    EXIT_FAILED,
    EXIT_OK,
    OutputLost,
    drop_output,
    keep_every_byte,
    never_fail_on_a_character,
    report_problems,
    say,
)
from lowback_tui.cli_remind import cmd_remind
from lowback_tui.cli_routines import (
    cmd_edit,
    cmd_new,
    cmd_routines,
    cmd_schema,
    cmd_validate,
    load_routine,
)
from lowback_tui.core import dirs
from lowback_tui.core.routine import library as routine_library
from lowback_tui.core.routine.model import RoutineError

if TYPE_CHECKING:
    import argparse


if _COLLECTING:
    gc.freeze()
    gc.enable()

EXIT_INTERRUPTED = 130

USAGE = """\
lowback [--voice] [ROUTINE]         start the trainer (default: the bundled lower-back routine)
       lowback validate FILE...            check routine files
       lowback routines                    list bundled and your own routines
       lowback new NAME [--from ROUTINE]   start a routine of your own from an existing one
       lowback edit [ROUTINE]              open a routine in your editor, then check it
       lowback history                     past sessions, a line each
       lowback export [--format csv|json] [-o FILE]   all sessions, for other programs
       lowback import FILE                 add the sessions of a JSON export to the history
       lowback report [--format text|md] [-o FILE]    the course so far and the next step
       lowback schema                      the JSON Schema of routine files, for editors
       lowback sound-test                  play every sound, speak a line, say what plays them
       lowback remind [--at HH:MM | --off] a daily reminder through the system's scheduler
       lowback locate                      show where settings, history and routines live"""

DESCRIPTION = """\
A full-screen trainer for a short daily lower-back routine. ROUTINE is the name of a bundled
routine or one of yours (see `lowback routines`), or the path of a routine file."""


def cmd_run(args: argparse.Namespace) -> int:
    """Start the full-screen trainer on a routine."""
    from lowback_tui.core.settings import Preferences
    from lowback_tui.core.settings import load as load_settings

    settings = load_settings()  # read once, for the routine chosen last time and the Trainer
    try:
        routine = load_routine(args.routine, settings)
    except RoutineError as error:
        return report_problems(error.problems)
    from lowback_tui.core.trainer import Trainer

    trainer = Trainer(routine, preferences=Preferences(settings))
    if args.voice:
        trainer.preferences.override(voice=True)  # for this run; `v` in the app remembers it
    if args.plain or not _full_screen():
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
        say(f"lowback stopped after an unexpected error ({type(app.crash).__name__}); {where}",
            err=True)  # fmt: skip
        return EXIT_FAILED
    return app.return_code or EXIT_OK


def _full_screen() -> bool:
    """Whether the full-screen app can work here; plain mode is used where it cannot.

    It needs a terminal both ways: input that is not one (`< /dev/null`, a pipe) can never press
    a key, and the app waited on it for ever at 99 % CPU. And a terminal that can draw it:
    TERM=dumb (Emacs' shell, some CI logs) says it cannot, and so does no TERM at all outside
    Windows (cron, `env -i`), where nothing says which escapes the terminal knows, while plain
    mode works on anything. Windows consoles set no TERM, and draw the app well.
    """
    stdin, stdout = sys.stdin, sys.stdout
    if stdin is None or stdout is None or not stdin.isatty() or not stdout.isatty():
        return False
    term = os.environ.get("TERM", "")
    return term != "dumb" and (bool(term) or os.name == "nt")


def cmd_sound_test(args: argparse.Namespace) -> int:
    """Play every sound and speak a line, and say what plays them."""
    from lowback_tui.audio.sound_test import sound_test
    from lowback_tui.core.settings import Preferences

    def bell() -> None:
        sys.stdout.write("\a")
        sys.stdout.flush()

    return sound_test(Preferences.load(), bell, say)


def cmd_locate(args: argparse.Namespace) -> int:
    """Print the folders lowback reads and writes."""
    from lowback_tui.desktop import reminder

    say(f"config    {dirs.config_dir()}")
    say(f"data      {dirs.data_dir()}")
    say(f"routines  {dirs.routines_dir()}")
    say(f"bundled   {dirs.bundled_dir()}")
    say(f"reminder  {reminder.status()}")
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    import argparse  # not for a bare `lowback` (see `main`)

    class _Formatter(argparse.HelpFormatter):
        """argparse's formatter, minus its `import shutil` (with bz2 and lzma) on every argument.

        The width comes from os instead, the same way shutil would find it. Measured (40 alternating
        runs each, 2 cores): `lowback validate` 37.1 ms with it, 38.9 ms without (min 35.9 / 37.4);
        `lowback --help` 34.3 ms with, 36.1 ms without (min 33.2 / 34.5): 1.8 ms, kept.
        """

        def __init__(self, prog: str) -> None:
            try:
                columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size().columns
            except (ValueError, OSError):
                columns = 80
            super().__init__(prog, width=max(columns - 2, 40))

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
    command("import", cmd_import).add_argument(
        "file", metavar="FILE", help="a file `lowback export --format json` wrote"
    )
    report = command("report", cmd_report)
    report.add_argument("--format", choices=("text", "md"), default="text",
                        help="md: Markdown, to take to an appointment (default: text)")  # fmt: skip
    report.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    command("schema", cmd_schema)
    command("sound-test", cmd_sound_test)
    command("locate", cmd_locate)
    remind = command("remind", cmd_remind)
    when = remind.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="HH:MM", help="remind daily at this time, such as 08:00")
    when.add_argument("--off", action="store_true", help="no more reminders")
    when.add_argument("--now", action="store_true",
                      help="what the scheduler runs: a notification, unless today is done or a "
                      "rest day")  # fmt: skip
    return parser


BARE = SimpleNamespace(command="run", routine=None, plain=False, voice=False, handler=cmd_run)
"""`lowback` alone, the command a person types every morning, as `lowback run` parses: argparse
and building the parser of every command cost ~3 ms of its first frame (tests/test_cli.py holds
the two equal)."""


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `lowback` command."""
    never_fail_on_a_character()
    keep_every_byte()
    args_list = list(sys.argv[1:] if argv is None else argv)
    known = {  # `lowback --plain` is `lowback run --plain`
        "run", "validate", "routines", "new", "edit", "history", "export", "schema", "locate",
        "sound-test", "report", "remind", "import",
        "-h", "--help", "--version",
    }  # fmt: skip
    args: Any  # an argparse.Namespace, or BARE with the same attributes
    if not args_list:
        args = BARE  # what `lowback run` parses to, without argparse (see BARE)
    else:
        if args_list[0] not in known:
            args_list.insert(0, "run")  # `lowback [ROUTINE]` is `lowback run [ROUTINE]`
        args = _parser().parse_args(args_list)
    try:
        code = args.handler(args)
    except KeyboardInterrupt:
        say("lowback: interrupted", err=True)  # a session under way was kept (plain mode)
        code = EXIT_INTERRUPTED
    except BrokenPipeError:  # `lowback routines | head`: the reader had what it wanted
        drop_output()
        code = EXIT_OK
    except OutputLost as error:
        drop_output()
        say(f"lowback: cannot write the output: {error}", err=True)
        code = EXIT_FAILED
    except OSError as error:
        say(f"lowback: {error}", err=True)
        code = EXIT_FAILED
    try:
        if sys.stdout is not None:
            sys.stdout.flush()  # here, so that a full disk is said and changes the status
    except OSError as error:
        drop_output()
        if code == EXIT_OK:  # otherwise it was said already (plain mode says it itself)
            say(f"lowback: cannot write the output: {error.strerror or error}", err=True)
            code = EXIT_FAILED
    sys.exit(code)
