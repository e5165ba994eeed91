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


MAX_LINE_BYTES = 4096
"""The longest line read as an answer or a command, as long as a terminal's own line editor
holds: the rest of a longer one is read and dropped as it comes, never kept (a 200 MB answer
without a newline was read for minutes, copied over and over as it grew)."""

TOO_LONG = "\x00"
"""What a line longer than MAX_LINE_BYTES reads as: no answer and no command."""

_CHUNK = 65536


def _text(line: bytes) -> str:
    return TOO_LONG if len(line) > MAX_LINE_BYTES else line.decode("utf-8", "replace").strip()


class LineReader:
    """Lines typed on a file descriptor, waited for with a timeout (a terminal or a pipe)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        """The line so far, at most MAX_LINE_BYTES."""
        self.ended = False
        self.dropping = False
        """In a line too long, until its newline."""

    def __call__(self, timeout: float | None) -> list[str] | None:
        if self.ended:
            if timeout is not None:
                time.sleep(max(timeout, 0))
            return None
        ready, _, _ = select.select([self.fd], [], [], None if timeout is None else max(timeout, 0))
        if not ready:
            return []
        chunk = os.read(self.fd, _CHUNK)
        if not chunk:
            self.ended = True
            if self.dropping:
                return [TOO_LONG]
            last, self.buffer = self.buffer, b""  # a last line without its newline counts too
            return [_text(last)] if last else None
        *ends, rest = chunk.split(b"\n")
        lines = []
        for end in ends:
            lines.append(TOO_LONG if self.dropping else _text(self.buffer + end))
            self.buffer, self.dropping = b"", False
        if not self.dropping:
            self.buffer += rest
            if len(self.buffer) > MAX_LINE_BYTES:
                self.buffer, self.dropping = b"", True
        return lines


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
