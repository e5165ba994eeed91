"""How the command line writes: outside text made safe, stdout that fails, files written whole.

Everything printed that came from outside (a routine, config.toml, the history, a path,
$EDITOR) goes out through `say`, which writes every control character as a visible escape, so
that a value written `"\u001b]0;x\u0007"` cannot retitle the window, clear the screen or
recolour it. A failure of stdout itself (a full disk, a closed terminal) is OutputLost, which
`cli.main` makes one line on stderr and status 1.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from lowback_tui.core.safe_text import visible, visible_lines

if TYPE_CHECKING:
    from lowback_tui.core.routine.model import Routine

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class OutputLost(Exception):
    """stdout cannot be written (a full disk, a closed pipe other than a reader gone away)."""


def say(text: object, *, err: bool = False, lines: bool = False) -> None:
    """One line (several with `lines`: a table, a report) on stdout, or stderr with `err`, with
    every control character in it written as a visible escape: it may hold outside text."""
    shown = visible_lines(text) if lines else visible(text)
    stream: TextIO | None = sys.stderr if err else sys.stdout
    if stream is None:  # closed (`>&-`, `2>&-`)
        if err:
            return
        raise OutputLost("stdout is closed")
    try:
        stream.write(shown + "\n")
    except BrokenPipeError:
        raise
    except OSError as error:
        if err:
            return  # nowhere left to say anything; the exit status says it
        raise OutputLost(error.strerror or error) from error


def write_out(command: str, text: str | Iterable[str], output: str | None) -> int:
    """`text` (or its pieces, written as they come) to stdout, or to a new file `output`
    readable only by the person (it holds their pain ratings), never over an existing file
    (nor through a link: O_EXCL). A file that cannot be written whole (a full disk, ctrl+c,
    SIGTERM or SIGHUP, a piece that cannot be made) is removed, so that nothing half written is
    taken for the whole and the retry is not refused as "already exists"."""
    pieces = [text] if isinstance(text, str) else text
    if output is None:
        if sys.stdout is None:
            raise OutputLost("stdout is closed")
        try:
            for piece in pieces:
                sys.stdout.write(piece)
            sys.stdout.flush()  # a full disk is found here, not after the exit status is set
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputLost(error.strerror or error) from error
        return EXIT_OK
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        say(f"lowback {command}: {output} already exists; choose another name", err=True)
        return EXIT_BAD_INPUT
    except OSError as error:
        say(f"lowback {command}: cannot write {output}: {error.strerror}", err=True)
        return EXIT_FAILED
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out, _ending_raises():
            for piece in pieces:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
    except BaseException as error:  # a full disk, ctrl+c, a signal: no partial file left behind
        os.unlink(output)
        if isinstance(error, _Ended):
            _end_by(error.signum)
        if not isinstance(error, OSError):
            raise
        say(f"lowback {command}: cannot write {output}: {error.strerror}; nothing was kept",
            err=True)  # fmt: skip
        return EXIT_FAILED
    say(f"wrote {output}", err=True)
    return EXIT_OK


_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class _Ended(BaseException):
    """SIGTERM or SIGHUP came while a file was being written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_ended(signum: int, frame: object) -> None:
    raise _Ended(signum)


@contextlib.contextmanager
def _ending_raises() -> Iterator[None]:
    """While a file is written (an export of a long history takes seconds), SIGTERM and SIGHUP
    raise _Ended, so that the part written is removed before lowback ends as the signal asks."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {signum: signal.signal(signum, _raise_ended) for signum in _ENDING}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def _end_by(signum: int) -> None:
    """End as the signal would have ended lowback had it not been caught (status 128 + it)."""
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    raise SystemExit(128 + signum)  # not reached where the signal ends the process


def never_fail_on_a_character() -> None:
    """An output that cannot show a character (PYTHONIOENCODING=ascii, LANG=C) gets a "?" for
    it rather than a UnicodeEncodeError: lowback says "→" and "–"."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream this cannot change
                reconfigure(errors="replace" if stream is sys.stdout else "backslashreplace")


def keep_every_byte() -> None:
    """Under PYTHONUNBUFFERED (`python -u`) stdout writes straight to its file, and a short
    write (a disk that fills up mid-line) loses the rest without an error: exit 0 and half an
    export. Buffered, and flushed at each line as before, a short write is retried and then
    fails loudly."""
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if stream is None or not isinstance(raw, io.FileIO):
        return
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=stream.encoding, errors=stream.errors,
        line_buffering=True,
    )  # fmt: skip


def drop_output() -> None:
    """After stdout failed: send what is still buffered for it nowhere, so that Python's own
    flush at exit does not fail again (with a second message and status 120)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # no stdout at all, or not a file: nothing will be flushed to it


def report_problems(problems: Sequence[object]) -> int:
    """Each problem of a routine file on its own line of stderr; the exit status for bad input."""
    for problem in problems:
        say(problem, err=True)
    return EXIT_BAD_INPUT


def remembered_routine() -> Routine:
    """The routine chosen last time, read for what does not depend on which it is (the length
    of a course begun before lowback kept it with the course; the reminder's estimate). One that
    cannot be read now (broken, gone) is no reason to refuse: the bundled default then."""
    from lowback_tui.core.routine import library as routine_library
    from lowback_tui.core.routine.file import load
    from lowback_tui.core.routine.model import RoutineError
    from lowback_tui.core.settings import load as load_settings

    try:
        return load(routine_library.resolve(load_settings().settings.routine or None))
    except RoutineError:
        return load(routine_library.resolve(None))
