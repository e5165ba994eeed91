"""lowback's log file: never stderr, which belongs to the full-screen UI while it runs.

The log is opened without following a link (a link there is not lowback's doing) and a new one
is made private (0600); an existing log keeps the mode its owner gave it.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import TextIO

from lowback_tui.core import dirs
from lowback_tui.core.files import LINK, NO_FOLLOW, Refused, kind

MAX_BYTES = 500_000
"""A log longer than this is moved to lowback.log.1 when lowback starts (a session logs a few
lines; logging.handlers' rotation was not worth its import before the first screen)."""

log = logging.getLogger("lowback")
log.addHandler(logging.NullHandler())  # until start_logging: never Python's stderr fallback
log.propagate = False


def start_logging() -> str | None:
    """Log to lowback.log in the data folder; its path, or None when it cannot be written
    (a folder or file that cannot be made, a link, something that is not a file)."""
    path = dirs.data_dir() / "lowback.log"
    try:
        dirs.ensure(path.parent)
        info = os.lstat(path) if os.path.lexists(path) else None
        if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))  # keep one older log, as before
        stream = open_log(path)
    except OSError:
        return None
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return str(path)


def open_log(path: Path) -> TextIO:
    """The log file opened for appending, never through a link; Refused for anything else."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | NO_FOLLOW | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags, 0o600)
    except OSError as error:
        if os.path.islink(path):
            raise Refused(path, LINK) from error
        raise
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise Refused(path, f"is {kind(info.st_mode)}, not a log file")
    return os.fdopen(descriptor, "a", encoding="utf-8")
