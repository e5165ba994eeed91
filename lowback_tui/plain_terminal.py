"""Plain mode's terminal: the lines typed (or piped), waited for with a timeout; output that
cannot be written; the signals that end it."""

from __future__ import annotations

import os
import select
import signal
import time
from collections.abc import Callable

Commands = Callable[[float | None], list[str] | None]
"""Waits up to the given seconds (None: for ever) for typed lines; None once input has ended."""


class LineReader:
    """Lines typed on a file descriptor, waited for with a timeout (a terminal or a pipe)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.ended = False

    def __call__(self, timeout: float | None) -> list[str] | None:
        if self.ended:
            if timeout is not None:
                time.sleep(max(timeout, 0))
            return None
        ready, _, _ = select.select([self.fd], [], [], None if timeout is None else max(timeout, 0))
        if not ready:
            return []
        chunk = os.read(self.fd, 4096)
        if not chunk:
            self.ended = True
            last, self.buffer = self.buffer, b""  # a last line without its newline counts too
            return [last.decode("utf-8", "replace").strip()] if last else None
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        return [line.decode("utf-8", "replace").strip() for line in lines]


class OutputLost(Exception):
    """The output cannot be written any more (a full disk, a closed terminal): the OSError."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


class Signalled(Exception):
    """A signal asked lowback to end (SIGTERM, SIGHUP)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""What ends plain mode as it ends the app: the session kept, exit status 128 + the signal."""
