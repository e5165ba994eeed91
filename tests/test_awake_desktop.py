"""desktop/awake.py: which method a system offers (pure), and each one taken and given back, with
stand-ins on PATH that log what they were asked, driven by a session on a fake clock. The real
gdbus, dbus-send and systemd-inhibit are tried at the end where installed (CI has no session bus
and no logind: they must fail quietly)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lowback_tui.child_processes import Children
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.engine import State
from lowback_tui.core.session_run import SessionRun
from lowback_tui.core.settings import Loaded, Preferences, Settings
from lowback_tui.core.trainer import Trainer
from lowback_tui.desktop import awake as awake_module
from lowback_tui.desktop.awake import (
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    DesktopAwake,
    Found,
    cookie_in,
    methods_for,
    set_execution_state,
)

from .fake_clock import FakeClock
from .test_session_run import TWO, WHOLE

LOG = 'printf "%s %s\\n" "${0##*/}" "$*" >> {log}\n'
GDBUS = 'case "$*" in *UnInhibit*) ;; *Inhibit*) echo "(uint32 42,)" ;; esac\n'
DBUS_SEND = (
    'case "$*" in *UnInhibit*) ;; *Inhibit*) printf "method return\\n   uint32 7\\n" ;; esac\n'
)
NO_BUS = 'echo "Error connecting: Cannot autolaunch D-Bus without X11 $DISPLAY" >&2; exit 1\n'
NO_LOGIND = 'echo "Failed to connect to bus" >&2; exit 1\n'
"""systemd-inhibit where logind does not answer: it ends at once, saying so."""
HELD = 'printf "pid %s\\n" "$$" >> {log}\nexec sleep infinity\n'
"""A held stand-in (systemd-inhibit, caffeinate): its pid logged, then it holds until ended."""


def preferences(keep_awake: bool = True) -> Preferences:
    return Preferences(Loaded(Settings(keep_awake=keep_awake)))


@pytest.fixture
def children() -> Iterator[Children]:
    owned = Children()
    yield owned
    owned.end_all()


class Desk:
    """Stand-ins on PATH, and what they logged."""

    def __init__(self, folder: Path, log: Path) -> None:
        self.folder, self.log = folder, log

    def add(self, name: str, body: str) -> None:
        script = self.folder / name
        text = "#!/bin/bash\n" + LOG + body
        script.write_text(text.replace("{log}", str(self.log)))
        script.chmod(0o755)

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def asked(self) -> list[str]:
        """What each stand-in was asked, without the pids."""
        return [line for line in self.lines() if not line.startswith("pid ")]

    def pids(self) -> list[int]:
        return [int(line.split()[1]) for line in self.lines() if line.startswith("pid ")]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    return Desk(folder, tmp_path / "asked.log")


def on(monkeypatch: pytest.MonkeyPatch, desk: Desk, platform: str = "linux") -> None:
    """The methods are found as on `platform`, among the stand-ins only."""

    def which(name: str) -> str | None:
        return shutil.which(name, path=str(desk.folder))

    monkeypatch.setattr(
        awake_module, "find_methods", lambda: methods_for(platform, os.environ, which)
    )


def gone(pid: int, within: float = 5.0) -> bool:
    """The process has ended (a real process: waited for in real time, `within` at most)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            with open(f"/proc/{pid}/stat") as stat:  # a zombie not reaped yet counts as gone
                if stat.read().split(") ")[1].startswith("Z"):
                    return True
        except ProcessLookupError:  # gone while /proc was being read
            return True
        except FileNotFoundError:  # gone between the two looks (or no /proc: macOS)
            if os.path.isdir("/proc/self"):
                return True
        time.sleep(0.02)
    return False


# ---- which method (pure) -----------------------------------------------------------------------


def test_the_methods_each_system_offers_in_order() -> None:
    every = {"gnome-session-inhibit", "kde-inhibit", "gdbus", "dbus-send", "systemd-inhibit",
             "caffeinate"}  # fmt: skip

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in every else None

    assert methods_for("linux", {}, which) == Found(
        ("gnome-session-inhibit", "kde-inhibit", "systemd-inhibit", "gdbus", "dbus-send")
    )  # a process held for the session first: a one-shot D-Bus call's hold can be dropped
    assert methods_for("darwin", {}, which) == Found(("caffeinate",))
    assert methods_for("win32", {}, lambda name: None) == Found(("windows",))
    only_logind = methods_for("linux", {}, lambda n: "/x" if n == "systemd-inhibit" else None)
    assert only_logind == Found(("systemd-inhibit",))
    assert methods_for("linux", {}, lambda name: None) == Found((), "nothing found to do it")
    assert methods_for("darwin", {}, lambda name: None) == Found((), "nothing found to do it")


@pytest.mark.parametrize("variable", ["SSH_CONNECTION", "SSH_TTY"])
@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_over_ssh_nothing_is_offered(variable: str, platform: str) -> None:
    found = methods_for(platform, {variable: "10.0.0.2 5000 10.0.0.1 22"}, lambda n: "/usr/bin/x")
    assert found == Found((), "not over SSH")


def test_the_cookie_is_read_from_gdbus_and_dbus_send() -> None:
    assert cookie_in("(uint32 1234,)\n") == 1234
    assert cookie_in("method return time=1 sender=:1.2 -> destination=:1.9\n   uint32 7\n") == 7
    assert cookie_in("()\n") is None
    assert cookie_in("") is None


class FakeKernel32:
    def __init__(self, answer: int) -> None:
        self.answer = answer
        self.asked: list[int] = []

    def SetThreadExecutionState(self, flags: int) -> int:
        self.asked.append(flags)
        return self.answer


def test_windows_execution_state_is_set_and_its_failure_seen() -> None:
    """What can be checked off Windows: the flags asked for, and a 0 (failure) seen."""
    kernel32 = FakeKernel32(answer=ES_CONTINUOUS)
    wanted = ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
    assert set_execution_state(wanted, kernel32)
    assert set_execution_state(ES_CONTINUOUS, kernel32)
    assert kernel32.asked == [0x80000003, 0x80000000]
    assert not set_execution_state(wanted, FakeKernel32(answer=0))


def test_windows_holds_and_releases_through_the_execution_state(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kernel32 = FakeKernel32(answer=ES_CONTINUOUS)
    monkeypatch.setattr(awake_module, "find_methods", lambda: Found(("windows",)))
    real = awake_module.set_execution_state
    monkeypatch.setattr(awake_module, "set_execution_state", lambda flags: real(flags, kernel32))
    desktop = DesktopAwake(preferences())
    desktop.hold()
    desktop.release()
    assert kernel32.asked == [0x80000003, 0x80000000]
    assert desktop.describe().endswith(": SetThreadExecutionState")


# ---- the freedesktop ScreenSaver ---------------------------------------------------------------

INHIBIT = (
    "gdbus call --session --dest org.freedesktop.ScreenSaver --object-path "
    "/org/freedesktop/ScreenSaver --method org.freedesktop.ScreenSaver.Inhibit lowback a back "
    "routine is under way"
)
UNINHIBIT = (
    "gdbus call --session --dest org.freedesktop.ScreenSaver --object-path "
    "/org/freedesktop/ScreenSaver --method org.freedesktop.ScreenSaver.UnInhibit 42"
)


def test_a_session_takes_and_gives_back_the_screensaver_s_cookie(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.add("gdbus", GDBUS)
    desk.add("systemd-inhibit", NO_LOGIND)  # tried first, and cannot hold here
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences(), settle=0.5)
    clock = FakeClock()
    run = SessionRun(TWO, None, 3, clock, awake=desktop)
    assert desk.asked() == []  # nothing before the clock runs
    run.start()
    asked = [line for line in desk.asked() if line.startswith("gdbus")]
    assert asked == [INHIBIT]
    assert desktop.describe() == (
        "Screen kept awake during sessions: freedesktop ScreenSaver over D-Bus"
    )
    clock.advance(10)
    run.advance()
    run.pause()
    run.resume()  # systemd-inhibit is not asked again: it could not hold
    clock.advance(WHOLE)
    run.advance()
    assert run.state is State.FINISHED
    assert [line.split()[0] for line in desk.asked()] == ["systemd-inhibit", *["gdbus"] * 4]
    assert [line for line in desk.asked() if line.startswith("gdbus")] == [
        INHIBIT,
        UNINHIBIT,
        INHIBIT,
        UNINHIBIT,
    ]
    assert not desktop.held


def test_dbus_send_where_gdbus_is_not_there(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    desk.add("dbus-send", DBUS_SEND)
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences())
    run = SessionRun(TWO, None, 3, FakeClock(), awake=desktop)
    run.start()
    run.leave()  # ctrl+q
    service = "org.freedesktop.ScreenSaver"
    base = f"dbus-send --session --print-reply --dest={service} /org/freedesktop/ScreenSaver"
    assert desk.asked() == [
        f"{base} {service}.Inhibit string:lowback string:a back routine is under way",
        f"{base} {service}.UnInhibit uint32:7",
    ]


def test_a_held_systemd_inhibit_comes_before_the_bus_and_no_process_is_left(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, children: Children
) -> None:
    desk.add("gdbus", GDBUS)  # there, and not needed: a held process comes first
    desk.add("systemd-inhibit", HELD)
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences(), children, settle=0.05)
    run = SessionRun(TWO, None, 3, FakeClock(), awake=desktop)
    run.start()
    inhibit = (
        "systemd-inhibit --what=idle --who=lowback --why=a back routine is under way "
        "--mode=block sleep infinity"
    )
    assert desk.asked() == [inhibit]
    assert desktop.describe() == "Screen kept awake during sessions: systemd-inhibit --what=idle"
    (first,) = desk.pids()
    assert not gone(first, within=0.1)  # held while the clock runs
    run.pause()
    assert gone(first)  # released on the pause
    run.resume()
    assert desk.asked() == [inhibit, inhibit]
    second = desk.pids()[1]
    run.stop_for_pain()
    assert gone(second)
    children.check()
    assert children.alive() == []


@pytest.mark.parametrize(
    ("tool", "argv"),
    [
        ("gnome-session-inhibit", "gnome-session-inhibit --app-id lowback --reason a back routine "
         "is under way --inhibit idle sleep infinity"),
        ("kde-inhibit", "kde-inhibit --screenSaver sleep infinity"),
    ],
)  # fmt: skip
def test_gnome_and_kde_hold_through_their_own_inhibitors_first(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, children: Children, tool: str, argv: str
) -> None:
    desk.add("gdbus", GDBUS)
    desk.add("systemd-inhibit", HELD)
    desk.add(tool, HELD)
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences(), children, settle=0.05)
    run = SessionRun(TWO, None, 3, FakeClock(), awake=desktop)
    run.start()
    assert desk.asked() == [argv]
    (held,) = desk.pids()
    run.leave()  # ctrl+q
    assert gone(held)
    children.check()
    assert children.alive() == []


def test_caffeinate_on_macos_waits_for_lowback_and_is_ended_when_left(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, children: Children
) -> None:
    desk.add("caffeinate", HELD)
    on(monkeypatch, desk, platform="darwin")
    desktop = DesktopAwake(preferences(), children, settle=0.05)
    run = SessionRun(TWO, None, 3, FakeClock(), awake=desktop)
    run.start()
    assert desk.asked() == [f"caffeinate -d -w {os.getpid()}"]
    run.leave()
    assert gone(desk.pids()[0])


def test_released_at_exit_if_nothing_else_did(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    desk.add("gdbus", GDBUS)
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences())
    desktop.hold()
    awake_module.release_all()  # what atexit calls
    assert desk.asked() == [INHIBIT, UNINHIBIT]
    awake_module.release_all()
    assert len(desk.asked()) == 2


# ---- when nothing is tried ---------------------------------------------------------------------


def test_over_ssh_nothing_is_tried(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    desk.add("gdbus", GDBUS)
    desk.add("systemd-inhibit", HELD)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences())
    run = SessionRun(TWO, None, 3, FakeClock(), awake=desktop)
    run.start()
    run.end()
    assert desk.lines() == []
    assert desktop.describe() == "Screen kept awake during sessions: no (not over SSH)"


def test_the_setting_off_tries_nothing(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    desk.add("gdbus", GDBUS)
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences(keep_awake=False))
    run = SessionRun(TWO, None, 3, FakeClock(), awake=desktop)
    run.start()
    run.pause()
    run.resume()
    run.end()
    assert desk.lines() == []
    assert desktop.describe() == "Screen kept awake during sessions: no (off in config.toml)"


def test_nothing_found_is_said(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences())
    desktop.hold()
    assert not desktop.held
    assert desktop.describe() == "Screen kept awake during sessions: no (nothing found to do it)"


def test_nothing_answering_never_disturbs_the_session(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, children: Children
) -> None:
    desk.add("gdbus", NO_BUS)
    desk.add("systemd-inhibit", 'echo "Failed to connect to bus" >&2; exit 1\n')
    on(monkeypatch, desk)
    desktop = DesktopAwake(preferences(), children, settle=2.0)
    clock = FakeClock()
    run = SessionRun(TWO, None, 3, clock, awake=desktop)
    before = time.monotonic()
    run.start()
    took = time.monotonic() - before
    assert took < 1.5  # the failing systemd-inhibit is seen at once, not after the 2 s watch
    assert not desktop.held
    clock.advance(WHOLE)
    run.advance()
    assert run.state is State.FINISHED
    assert desktop.describe() == (
        "Screen kept awake during sessions: no (nothing answered; the log says why)"
    )
    assert len(desk.asked()) == 2  # each asked once, at the start: neither again at the end
    children.check()
    assert children.alive() == []


# ---- the real tools, where installed -----------------------------------------------------------


@pytest.mark.parametrize("tool", ["gdbus", "dbus-send", "systemd-inhibit"])
def test_the_real_tool_fails_quietly_without_a_bus(
    tool: str, monkeypatch: pytest.MonkeyPatch, children: Children
) -> None:
    """Without a session bus or logind (this container, CI) the real tool cannot hold: it is
    seen, said, and the session goes on. Skipped where the tool is not installed, or where a
    session bus is there (a desktop: the screen would really be kept awake)."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") or os.path.exists("/run/systemd/system"):
        pytest.skip("a session bus or systemd is running here")
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(awake_module, "find_methods", lambda: Found((tool,)))  # type: ignore[arg-type]
    desktop = DesktopAwake(preferences(), children)
    run = SessionRun(TWO, None, 3, FakeClock(), awake=desktop)
    before = time.monotonic()
    run.start()
    assert time.monotonic() - before < awake_module.CALL_SECONDS
    assert not desktop.held
    assert desktop.describe().endswith("no (nothing answered; the log says why)")
    run.end()
    children.check()
    assert children.alive() == []


# ---- the app: `?` says what is in use, and a session takes and gives it back -------------------


async def test_the_app_holds_it_during_its_session_and_says_so_in_keys(
    routine: Routine, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lowback_tui.app import LowbackApp
    from lowback_tui.screens.keys import KeysScreen

    from .conftest import screen_text
    from .test_countdown_screen import start

    desk.add("gdbus", GDBUS)
    on(monkeypatch, desk)
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        line = "Screen kept awake during sessions: freedesktop ScreenSaver over D-Bus"
        assert line in screen_text(app)
        await pilot.press("escape")
        assert desk.asked() == []  # not before a session
        await start(pilot)
        assert desk.asked() == [INHIBIT]
        await pilot.press("space")  # a pause
        assert desk.asked() == [INHIBIT, UNINHIBIT]
        await pilot.press("space")
        assert desk.asked() == [INHIBIT, UNINHIBIT, INHIBIT]
    # the app closed mid-session (as ctrl+q, then y, or a signal): given back
    assert desk.asked() == [INHIBIT, UNINHIBIT, INHIBIT, UNINHIBIT]
