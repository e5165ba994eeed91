"""The app and its terminal: the signals that end it (with the status a shell expects); a stop
(ctrl+z in the shell, SIGTSTP), which is a pause, the time lowback spent stopped never counted
as time held; a terminal that goes away without a signal saying so; and the terminal handed to
the person's editor and back."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.driver import Driver

    from lowback_tui.core.session.clock import StoppableClock

EXIT_ON_SIGNAL = {
    signal.SIGTERM: 128 + signal.SIGTERM,
    signal.SIGHUP: 128 + signal.SIGHUP,
    signal.SIGINT: 128 + signal.SIGINT,  # kill -INT: the key ctrl+c is a key, not this
}


def watch_stops(
    loop: asyncio.AbstractEventLoop, clock: StoppableClock, then: Callable[[], object]
) -> None:
    """Around the terminal driver's own handlers of SIGTSTP (it gives the terminal back as it
    found it, then stops) and SIGCONT (it takes the terminal again): `clock` stands still from
    the stop, and once running again `then` is called in `loop` (to pause a session there)."""
    before_stop = signal.getsignal(signal.SIGTSTP)
    before_continue = signal.getsignal(signal.SIGCONT)
    if not (callable(before_stop) and callable(before_continue)):
        return  # no driver that stops (headless, or not a terminal)

    def stopping(signum: int, frame: Any) -> None:
        clock.stop()
        before_stop(signum, frame)

    def continuing(signum: int, frame: Any) -> None:
        clock.carry_on()
        before_continue(signum, frame)
        loop.call_soon_threadsafe(then)

    signal.signal(signal.SIGTSTP, stopping)
    signal.signal(signal.SIGCONT, continuing)


TERMINAL_GONE = 128 + signal.SIGHUP
"""The status when the terminal went away unannounced: as if SIGHUP had said so."""


def keys_can_come() -> bool:
    """Whether stdin is still a terminal. At its end (stdin from /dev/null, or a terminal hung
    up with no SIGHUP delivered) Textual's input thread finds input ready and reads nothing,
    again and again: 99 % of a CPU, for ever, in a process nobody can reach."""
    try:
        return os.isatty(sys.__stdin__.fileno()) if sys.__stdin__ else False
    except (OSError, ValueError):  # closed
        return False


class _Forgiving:
    """The terminal's file, where a write to a terminal that has gone is dropped. Textual's
    writer thread ends at the first error (EIO once the terminal hangs up); its queue then fills,
    and shutting down waits on it for ever: the app outlived its terminal after SIGHUP."""

    def __init__(self, file: Any) -> None:
        self.file = file

    def write(self, text: str) -> int:
        try:
            return int(self.file.write(text))
        except (OSError, ValueError):  # gone, or closed
            return 0

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.file.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.file, name)


def driver_that_outlives_its_terminal(driver_class: type[Driver]) -> type[Driver]:
    """Textual's Linux driver, writing through _Forgiving; any other driver as it is."""
    from textual.drivers.linux_driver import LinuxDriver

    if driver_class is not LinuxDriver:
        return driver_class

    class Forgiving(LinuxDriver):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._file = _Forgiving(self._file)  # type: ignore[assignment]

    return Forgiving


def hand_over(app: App[Any], command: list[str], interrupted: Callable[[], object]) -> str | None:
    """Run `command` on the terminal, `app` suspended meanwhile; what went wrong, if anything.

    Nothing may raise inside `suspend()`: Textual then never resumes the app, which was left off
    the screen and deaf to every key, ctrl+q too. ctrl+c in the editor is the editor's: while it
    runs SIGINT does not end lowback (`interrupted` is SIGINT's handler again after)."""
    import shutil
    import subprocess

    from textual.app import SuspendNotSupported

    if shutil.which(command[0]) is None:  # said before the screen is handed over
        return (f"Could not start the editor: {command[0]} is not an installed program "
                "(set $EDITOR to one, such as nano)")  # fmt: skip
    failure: BaseException | None = None

    def edit(quiet: bool = False) -> None:
        nonlocal failure
        try:
            if quiet:
                subprocess.call(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            else:
                subprocess.call(command)
        except (OSError, subprocess.SubprocessError, KeyboardInterrupt) as error:
            failure = error

    loop = asyncio.get_running_loop()
    loop.remove_signal_handler(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda signum, frame: None)  # not SIG_IGN: the editor would
    try:  # inherit that
        with app.suspend():
            edit()
    except SuspendNotSupported:  # no terminal to hand over (headless tests)
        edit(quiet=True)
    finally:
        loop.add_signal_handler(signal.SIGINT, interrupted)
    if isinstance(failure, OSError):
        return f"Could not start {command[0]}: {failure.strerror}"
    return None
