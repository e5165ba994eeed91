"""Every process lowback starts to sound or speak, owned here: each has a time limit, and is
ended with its whole process group when it overruns it and when lowback exits.

A sound player or a speech engine is started in a process group of its own (a new session on
POSIX, so a ctrl+c in the terminal is lowback's alone; a new process group on Windows) and
never waited for. Each is given a time limit when it starts (its sound's length, or its line's
estimated length, and a margin: see players.py and voices.py). A watchdog thread wakes at the
nearest limit; a process still running then is sent SIGTERM with its group, and SIGKILL after
GRACE_SECONDS if any of the group is left. Whatever ended is reaped, so none is left a zombie.

`end_all()` ends every one, after letting a sound still within its own length play to its end
(EXIT_PATIENCE_SECONDS at most: the session's last tone is heard whole); the front ends call it
as they close, and it runs at exit too (atexit: a normal end, an exception, and the signals
lowback turns into an exit). On Windows, where there are no process groups to signal, the
process itself is terminated, then killed.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence

from lowback_tui.core.logs import log

GRACE_SECONDS = 0.25
"""Between SIGTERM and SIGKILL: a player or an engine ends on SIGTERM in milliseconds; one that
ignores it is not left running for longer than this."""
EXIT_PATIENCE_SECONDS = 1.5
"""At an end, how long a sound still within its length may play on (the finish, 0.87 s, is the
longest tone)."""
POLL_SECONDS = 0.01
"""How often `end_all` looks whether the processes it waits for have gone."""

WINDOWS = sys.platform == "win32"
NEW_GROUP: int = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if WINDOWS else 0


class Child:
    """One process lowback started, and what became of it."""

    def __init__(self, process: subprocess.Popen[bytes], name: str, deadline: float,
                 due: float) -> None:  # fmt: skip
        self.process = process
        self.name = name
        self.deadline = deadline
        """When it is ended (on the registry's clock): its limit, then the end of its grace."""
        self.due = due
        """When it should be over by itself: at an end it may run until then."""
        self.ended = False
        """lowback ended it (a hush, a newer sound, its limit, the exit), rather than it ending."""
        self.overran = False
        """It was still running at its time limit."""

    @property
    def pid(self) -> int:
        return self.process.pid

    def poll(self) -> int | None:
        """Its exit status, or None while it runs (reaping it once it has ended)."""
        return self.process.poll()

    def wait(self, timeout: float | None = None) -> int:
        """Its exit status, once it has ended (subprocess.TimeoutExpired after `timeout`)."""
        return self.process.wait(timeout)


class Children:
    """The processes started and not yet gone, with `clock` for their limits.

    With `watch`, a daemon thread ends each at its limit; without (tests with a fake clock),
    `check()` does it when called.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, watch: bool = True) -> None:
        self.clock = clock
        self.watch = watch
        self._children: list[Child] = []
        self._closed = False
        self._ending = False
        self._changed = threading.Condition()
        self._watchdog: threading.Thread | None = None

    # ---- starting ------------------------------------------------------------------------------

    def start(self, argv: Sequence[str], limit: float, stdin: bytes | None = None,
              length: float = 0.0) -> Child | None:  # fmt: skip
        """Start `argv` (its output thrown away) and own it: ended after `limit` seconds.

        `length` is how long it should take (a sound: let finish at an end); `stdin`, when
        given, is written to it and closed. None while everything is being ended (nothing new
        starts then, nor after lowback's exit); OSError when the program cannot start.
        """
        with self._changed:
            if self._closed or self._ending:
                return None
            process = subprocess.Popen(
                list(argv),
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=not WINDOWS,  # a group of its own, which a ctrl+c never reaches
                creationflags=NEW_GROUP,
            )
            now = self.clock()
            child = Child(process, os.path.basename(argv[0]), now + limit, now + length)
            self._children.append(child)
            self._changed.notify_all()
            if self.watch and self._watchdog is None:
                self._watchdog = threading.Thread(target=self._watch, daemon=True,
                                                  name="lowback-children")  # fmt: skip
                self._watchdog.start()
        if stdin is not None and process.stdin is not None:
            with contextlib.suppress(OSError):  # it ended without reading: nothing to say
                process.stdin.write(stdin)
                process.stdin.close()
        return child

    # ---- ending --------------------------------------------------------------------------------

    def end(self, child: Child) -> None:
        """End `child` and its group now: SIGTERM at once, SIGKILL at the end of its grace (by
        the watchdog, or `check()`), so the caller never waits."""
        with self._changed:
            if child.ended or child not in self._children:
                return
            child.ended = True
            child.deadline = self.clock() + GRACE_SECONDS
            self._changed.notify_all()
        _signal(child, signal.SIGTERM)

    def check(self) -> None:
        """End each child past its limit, SIGKILL each past its grace, forget those gone."""
        now = self.clock()
        for child in self.alive():
            if not _group_left(child):
                self._forget(child)  # ended, and reaped
            elif now < child.deadline:
                continue
            elif not child.ended:
                child.overran = True
                log.warning("%s (process %d) overran its time limit; ended with its group",
                            child.name, child.pid)  # fmt: skip
                self.end(child)
            else:
                _signal(child, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(timeout=GRACE_SECONDS)
                self._forget(child)

    def end_all(self, close: bool = False) -> None:
        """End every child with its group once the sounds within their length have played
        (EXIT_PATIENCE_SECONDS at most), and wait (GRACE_SECONDS at most, then SIGKILL) until
        they are gone. Nothing new starts meanwhile; with `close`, nor ever after (the exit)."""
        with self._changed:
            self._closed = self._closed or close
            self._ending = True
            children = list(self._children)
        try:
            now = self.clock()
            playing = [child for child in children if not child.ended and child.due > now]
            patience = max((child.due - now for child in playing), default=0.0)
            _wait_for(playing, min(patience, EXIT_PATIENCE_SECONDS))
            with self._changed:
                for child in children:
                    child.ended = True
                self._changed.notify_all()
            for child in children:
                _signal(child, signal.SIGTERM)
            for child in _wait_for(children, GRACE_SECONDS):
                _signal(child, signal.SIGKILL)
            for child in children:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(timeout=GRACE_SECONDS)  # reaped: no zombie
                self._forget(child)
        finally:
            with self._changed:
                self._ending = False

    def alive(self) -> list[Child]:
        """The children not yet gone."""
        with self._changed:
            return list(self._children)

    def _forget(self, child: Child) -> None:
        with self._changed:
            if child in self._children:
                self._children.remove(child)

    # ---- the watchdog --------------------------------------------------------------------------

    def _watch(self) -> None:
        """Wake at the nearest limit (or when a child is added or ended), and check."""
        while True:
            with self._changed:
                if not self._children:
                    self._watchdog = None
                    return
                wait = min(child.deadline for child in self._children) - self.clock()
                if wait > 0:
                    self._changed.wait(wait)
            self.check()


def _wait_for(children: list[Child], seconds: float) -> list[Child]:
    """Wait up to `seconds` (real time: these are real processes) for the children's groups to
    be gone; those left."""
    deadline = time.monotonic() + seconds
    left = [child for child in children if _group_left(child)]
    while left and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        left = [child for child in left if _group_left(child)]
    return left


def _signal(child: Child, signum: int) -> None:
    """Send `signum` to the child's whole group (to the child alone on Windows)."""
    with contextlib.suppress(OSError):  # gone in the meantime
        if WINDOWS:
            if signum == signal.SIGTERM:
                child.process.terminate()
            else:
                child.process.kill()
        else:
            os.killpg(child.pid, signum)


def _group_left(child: Child) -> bool:
    """True while any process of the child's group is still there. Its leader is reaped first
    (a zombie leader would count); a group that cannot be signalled counts as gone."""
    running = child.poll() is None
    if WINDOWS or running:
        return running
    try:
        os.killpg(child.pid, 0)
    except OSError:  # no such group (or not ours to signal)
        return False
    return True


CHILDREN = Children()
"""The children of this lowback."""


def end_all() -> None:
    """End every sound and speech process lowback started, with their groups (front ends call
    it as they close; it runs at exit too)."""
    CHILDREN.end_all()


@atexit.register
def _at_exit() -> None:
    CHILDREN.end_all(close=True)
