"""Run a program in a pseudo-terminal as a person would, and time what appears on its screen.

A program started here never outlives the test run: the kernel kills it when the test process
ends in any way (an interrupted run, a SIGTERM, even a SIGKILL: PR_SET_PDEATHSIG on Linux), and
anything still running when Python exits is killed too. The pseudo-terminal is the program's
controlling terminal, as a terminal emulator's is.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence

_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


_RUNNING: set[PtyProgram] = set()
"""Programs started and not yet stopped."""


@atexit.register
def _kill_the_rest() -> None:
    for program in list(_RUNNING):
        program.kill()


_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None
_PR_SET_PDEATHSIG = 1


def _prepare_child() -> None:
    """In the child, between fork and exec (it leads its own session by now).

    The pty becomes its controlling terminal, and the kernel is asked to kill it if the test
    process dies first. Only two system calls, nothing that allocates or takes a lock, which is
    what is safe at this point.
    """
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def plain(output: bytes) -> str:
    """Terminal output without its escape sequences."""
    return _ESCAPES.sub(b"", output).decode("utf-8", "replace")


class PtyProgram:
    """A program started on its own pseudo-terminal of a given size."""

    def __init__(
        self,
        argv: Sequence[str],
        size: tuple[int, int] = (80, 24),
        env: dict[str, str] | None = None,
    ) -> None:
        self.master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns),
                    "LINES": str(rows), **(env or {})}  # fmt: skip
        # A real install has bytecode; without it every start recompiles lowback's modules.
        full_env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
            preexec_fn=_prepare_child,
        )
        os.close(slave)
        _RUNNING.add(self)
        self.output = b""
        self.arrivals: list[tuple[float, bytes]] = []
        """Each chunk of output with the perf_counter time it was read."""

    def read(self, timeout: float = 0.05) -> bytes:
        """Whatever the program wrote within `timeout` seconds."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program has gone and the pty is closed
            return b""
        self.output += chunk
        self.arrivals.append((time.perf_counter(), chunk))
        return chunk

    def wait_for(self, text: str, timeout: float = 20.0) -> float:
        """Seconds from start until `text` is on screen; TimeoutError if it never is."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.read() and text in plain(self.output):
                return time.perf_counter() - self.started
        raise TimeoutError(f"{text!r} did not appear; the screen showed:\n{plain(self.output)}")

    def wait_for_any(self, *texts: str, timeout: float = 20.0) -> str:
        """The first of `texts` to be on screen; TimeoutError if none ever is."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.read():
                shown = plain(self.output)
                for text in texts:
                    if text in shown:
                        return text
        raise TimeoutError(f"none of {texts!r} appeared; the screen showed:\n{plain(self.output)}")

    def begin_after_rating(self) -> None:
        """After the rating: Escape past the activities if the course asks for them (its first
        session, or a course week's first), then wait for the session's first exercise."""
        asked = ("Name up to three", "how well can you do these", "rate each again")
        if self.wait_for_any(*asked, "exercise 1 of") != "exercise 1 of":
            self.send(b"\x1b")
            self.wait_for("exercise 1 of")

    def send(self, keys: bytes) -> None:
        """Type `keys` into the program."""
        os.write(self.master, keys)

    def wait_exit(self, timeout: float = 10.0) -> int | None:
        """Read output until the program exits and all it wrote is in; its status, or None."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read()
        if self.process.poll() is None:
            return None
        while self.read():
            pass
        return self.process.returncode

    def stop(self, timeout: float = 5.0) -> int:
        """Ask the program to quit with ctrl+q, kill it if it won't; its exit status."""
        if self.process.poll() is None:
            self.send(b"\x11")
        if self.wait_exit(timeout) is None:
            self.kill()
        code = self.process.wait()
        os.close(self.master)
        _RUNNING.discard(self)
        return code

    def kill(self) -> None:
        """Kill the program and anything it started, at once."""
        with contextlib.suppress(ProcessLookupError):  # gone already
            os.killpg(self.process.pid, signal.SIGKILL)
