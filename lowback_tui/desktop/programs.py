"""Running a program and reading what it says, by child_processes.py's rules: a process group of
its own (a ctrl+c in the terminal is lowback's alone), a time limit, and the whole group ended
when it overruns it. For the schedulers (`crontab -l`, `systemctl --user ...`), whose answers
are read; a notification, whose answer is not, goes through child_processes' CHILDREN."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from lowback_tui.child_processes import NEW_GROUP, WINDOWS

LIMIT_SECONDS = 20.0
"""The longest a scheduler's command may take (`systemctl --user enable --now` starts the timer,
in well under a second normally)."""


@dataclass(frozen=True)
class Ran:
    """What a program did: its exit status (None: ended at its time limit) and its output."""

    code: int | None
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    def why(self) -> str:
        """Its complaint in one line, for a message."""
        if self.code is None:
            return "it did not finish in time"
        lines = [line.strip() for line in (self.err or self.out).splitlines() if line.strip()]
        return lines[0] if lines else f"exit status {self.code}"


def run(argv: Sequence[str], stdin: str | None = None, limit: float = LIMIT_SECONDS) -> Ran:
    """Run `argv` and wait for it (`limit` seconds at most, then its group is killed); OSError
    when it cannot start."""
    process = subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=not WINDOWS,
        creationflags=NEW_GROUP,
    )
    try:
        out, err = process.communicate(stdin, timeout=limit)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            if WINDOWS:
                process.kill()
            else:
                os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return Ran(None, out, err)
    return Ran(process.returncode, out, err)
