"""lowback's log file: never stderr, which belongs to the full-screen UI while it runs."""

from __future__ import annotations

import logging
import os

from lowback_tui.core import dirs

MAX_BYTES = 500_000
"""A log longer than this is moved to lowback.log.1 when lowback starts (a session logs a few
lines; logging.handlers' rotation was not worth its import before the first screen)."""

log = logging.getLogger("lowback")
log.addHandler(logging.NullHandler())  # until start_logging: never Python's stderr fallback
log.propagate = False


def start_logging() -> str | None:
    """Log to lowback.log in the data folder; its path, or None when it cannot be written."""
    folder = dirs.data_dir()
    path = folder / "lowback.log"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))  # keep one older log, as before
        handler = logging.FileHandler(path, encoding="utf-8")
        os.chmod(path, 0o600)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return str(path)
