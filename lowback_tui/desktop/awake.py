"""Keeping the screen awake while a session runs, and only then.

During an 11-minute session nobody touches the keyboard, so the screen may blank. The core's
SessionRun holds this while the clock runs and releases it on a pause and at the end; the front
ends release it as they close, and `atexit` does too. What is tried, in order:

- Linux and other freedesktop systems, a held process first, each ended to release:
  `gnome-session-inhibit --inhibit idle` (GNOME honours its own session's inhibitors),
  `kde-inhibit --screenSaver` (KDE Plasma), `systemd-inhibit --what=idle` (logind's idle
  inhibitor), each holding a `sleep infinity`; then the freedesktop ScreenSaver's `Inhibit` over
  the session bus through `gdbus` or `dbus-send` (a cookie, given back with `UnInhibit`);
- macOS: `caffeinate -d -w PID` (ended to release; it ends by itself if lowback dies);
- Windows: `SetThreadExecutionState` through ctypes.

Why the held processes come first: the specification lets a screensaver end an inhibition when
the program that asked leaves the bus, and `gdbus`/`dbus-send` leave as soon as they have the
cookie; GNOME's and KDE's do so, dropping the hold at once while the call looks answered. A
process that holds for the session's length has no such gap; the one-shot call is the last
resort. Holding a bus connection in this process (a small D-Bus client on a socket) would make
the ScreenSaver call as good; not built. None of the desktops could be tried here.

Over SSH (SSH_CONNECTION or SSH_TTY set) nothing is tried: the screen to keep awake is on the
other machine. A failure is logged once and never disturbs the session: holding and releasing
never raise. The child processes (systemd-inhibit, caffeinate) are owned by child_processes.py:
a process group of their own, a time limit, ended at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import subprocess
import sys
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from lowback_tui.child_processes import CHILDREN, Child, Children
from lowback_tui.core.logs import log

if TYPE_CHECKING:
    from lowback_tui.core.settings import Preferences

Method = Literal[
    "gnome-session-inhibit",
    "kde-inhibit",
    "systemd-inhibit",
    "gdbus",
    "dbus-send",
    "caffeinate",
    "windows",
]

WHAT: dict[Method, str] = {
    "gnome-session-inhibit": "gnome-session-inhibit --inhibit idle",
    "kde-inhibit": "kde-inhibit --screenSaver",
    "gdbus": "freedesktop ScreenSaver over D-Bus",
    "dbus-send": "freedesktop ScreenSaver over D-Bus",
    "systemd-inhibit": "systemd-inhibit --what=idle",
    "caffeinate": "caffeinate -d",
    "windows": "SetThreadExecutionState",
}
"""Each method as `?` names it (its line fits the `?` window on an 80-column screen)."""

WHO = "lowback"
WHY = "a back routine is under way"
SERVICE = "org.freedesktop.ScreenSaver"
OBJECT = "/org/freedesktop/ScreenSaver"
CALL_SECONDS = 2.0
"""A D-Bus call's time limit: one that answers at all answers in milliseconds."""
SETTLE_SECONDS = 0.15
"""How long a held child (systemd-inhibit, caffeinate) is watched after it starts, the session
waiting: one that cannot hold (no logind) ends within milliseconds, saying so."""
HELD_LIMIT_SECONDS = 6 * 3600.0
"""A held child is ended after this even if nothing released it (a session runs ~11 minutes)."""
STATUS = "Screen kept awake during sessions"

# SetThreadExecutionState's flags (winbase.h).
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


@dataclass(frozen=True)
class Found:
    """The methods to try, in order, and why there are none when there are none."""

    methods: tuple[Method, ...]
    reason: str = ""


def over_ssh(env: Mapping[str, str]) -> bool:
    """True in a session over SSH: the screen in front of the person is not this machine's."""
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))


def methods_for(platform: str, env: Mapping[str, str],
                which: Callable[[str], str | None]) -> Found:  # fmt: skip
    """The methods this system offers, in the order they are tried (pure: the platform, the
    environment and a PATH lookup are given)."""
    if over_ssh(env):
        return Found((), "not over SSH")
    if platform == "win32":
        return Found(("windows",))
    if platform == "darwin":
        found: tuple[Method, ...] = ("caffeinate",) if which("caffeinate") else ()
    else:
        linux: tuple[Method, ...] = (
            "gnome-session-inhibit", "kde-inhibit", "systemd-inhibit", "gdbus", "dbus-send",
        )  # fmt: skip
        found = tuple(method for method in linux if which(method))
    return Found(found, "" if found else "nothing found to do it")


def find_methods() -> Found:
    """The methods on this system (tests put their own in its place)."""
    return methods_for(sys.platform, os.environ, shutil.which)


def cookie_in(output: str) -> int | None:
    """The cookie in what `gdbus` ("(uint32 1234,)") or `dbus-send --print-reply` ("uint32
    1234") printed for Inhibit; None when there is none."""
    found = re.search(r"uint32\s+(\d+)", output)
    return int(found.group(1)) if found else None


def set_execution_state(flags: int, kernel32: Any = None) -> bool:
    """Windows: SetThreadExecutionState(flags) for this thread; False when it failed (it returns
    the previous state, 0 on failure). `kernel32` is given by tests; this cannot run here."""
    if kernel32 is None:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return bool(kernel32.SetThreadExecutionState(flags))


class DesktopAwake:
    """Keeps the screen awake between `hold` and `release`, by the person's `preferences`
    (`keep_awake`). The core's SessionRun calls both (core/session_run.py's Awake); neither
    ever raises, and each does nothing when there is nothing to do."""

    def __init__(self, preferences: Preferences, children: Children = CHILDREN,
                 settle: float = SETTLE_SECONDS) -> None:  # fmt: skip
        self.preferences = preferences
        self.children = children
        self.settle = settle
        self._found: Found | None = None
        self._failed: set[Method] = set()
        """Methods that did not answer: not tried again in this run."""
        self.in_use: Method | None = None
        """The method holding the screen awake now, or the last one that did."""
        self.held = False
        self._cookie: int | None = None
        self._child: Child | None = None
        _LIVE.add(self)

    # ---- what is in use, for `?` -------------------------------------------------------------

    def found(self) -> Found:
        if self._found is None:
            self._found = find_methods()
        return self._found

    def describe(self) -> str:
        """One line: what keeps the screen awake during sessions, or why nothing does."""
        if not self.preferences.settings.keep_awake:
            return f"{STATUS}: no (off in config.toml)"
        found = self.found()
        if not found.methods:
            return f"{STATUS}: no ({found.reason})"
        if self.in_use is not None:
            return f"{STATUS}: {WHAT[self.in_use]}"
        left = [method for method in found.methods if method not in self._failed]
        if not left:
            return f"{STATUS}: no (nothing answered; the log says why)"
        return f"{STATUS}: {WHAT[left[0]]}"

    # ---- holding and releasing ---------------------------------------------------------------

    def hold(self) -> None:
        """Keep the screen awake from now, with the first method that answers."""
        if self.held or not self.preferences.settings.keep_awake:
            return
        for method in self.found().methods:
            if method in self._failed:
                continue
            try:
                held = self._take(method)
            except Exception as error:  # never disturb the session
                log.warning("keeping the screen awake: %s failed: %s", method, error)
                held = False
            if held:
                self.held, self.in_use = True, method
                log.info("keeping the screen awake: %s", WHAT[method])
                return
            self._failed.add(method)

    def release(self) -> None:
        """Let the screen blank again (the hold is given back)."""
        if not self.held:
            return
        self.held = False
        method, cookie, child = self.in_use, self._cookie, self._child
        self._cookie = self._child = None
        try:
            if child is not None:
                self.children.end(child)
            elif method in ("gdbus", "dbus-send") and cookie is not None:
                self._call(method, "UnInhibit", cookie)
            elif method == "windows":
                set_execution_state(ES_CONTINUOUS)
        except Exception as error:  # never disturb the session
            log.warning("releasing the screen: %s failed: %s", method, error)
        else:
            log.info("the screen may blank again (%s released)", method)

    def _take(self, method: Method) -> bool:
        if method in ("gdbus", "dbus-send"):
            self._cookie = self._call(method, "Inhibit")
            return self._cookie is not None
        if method == "windows":
            return set_execution_state(ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED)
        if method == "caffeinate":
            argv = ["caffeinate", "-d", "-w", str(os.getpid())]
        elif method == "gnome-session-inhibit":
            argv = ["gnome-session-inhibit", "--app-id", WHO, "--reason", WHY, "--inhibit",
                    "idle", "sleep", "infinity"]  # fmt: skip
        elif method == "kde-inhibit":
            argv = ["kde-inhibit", "--screenSaver", "sleep", "infinity"]
        else:
            argv = ["systemd-inhibit", "--what=idle", f"--who={WHO}", f"--why={WHY}",
                    "--mode=block", "sleep", "infinity"]  # fmt: skip
        child = self.children.start(argv, HELD_LIMIT_SECONDS)
        if child is None:
            return False  # lowback is ending
        with contextlib.suppress(subprocess.TimeoutExpired):
            code = child.wait(self.settle)
            log.warning("keeping the screen awake: %s ended at once (status %d)", method, code)
            self.children.end(child)
            return False
        self._child = child
        return True

    def _call(self, method: Method, name: str, cookie: int | None = None) -> int | None:
        """Call the ScreenSaver's `name` (Inhibit, UnInhibit with `cookie`) through `method`;
        the cookie it answered (Inhibit), or None when it did not answer."""
        if method == "gdbus":
            args = [WHO, WHY] if cookie is None else [str(cookie)]
            argv = ["gdbus", "call", "--session", "--dest", SERVICE, "--object-path", OBJECT,
                    "--method", f"{SERVICE}.{name}", *args]  # fmt: skip
        else:
            args = [f"string:{WHO}", f"string:{WHY}"] if cookie is None else [f"uint32:{cookie}"]
            argv = ["dbus-send", "--session", "--print-reply", f"--dest={SERVICE}", OBJECT,
                    f"{SERVICE}.{name}", *args]  # fmt: skip
        done = subprocess.run(argv, capture_output=True, timeout=CALL_SECONDS, check=False,
                              stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            log.warning("keeping the screen awake: %s %s answered %d: %s", method, name,
                        done.returncode, said[0] if said else "nothing")  # fmt: skip
            return None
        return cookie_in(done.stdout.decode("utf-8", "replace")) if cookie is None else cookie


_LIVE: weakref.WeakSet[DesktopAwake] = weakref.WeakSet()
"""Every DesktopAwake alive: each still holding is released at exit."""


@atexit.register
def release_all() -> None:
    """Release every hold still taken (at exit; the front ends call it as they close)."""
    for awake in list(_LIVE):
        awake.release()
