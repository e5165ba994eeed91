"""The daily reminder, set, read and turned off in the system's own scheduler (no daemon of
lowback's, no root): a systemd user timer, else a crontab line, on Linux and other Unix; a
LaunchAgent on macOS; a scheduled task on Windows. What is written is `schedule.py`'s; this
runs it (`programs.run`) and says what came of it in one line.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from lowback_tui.core import dirs
from lowback_tui.desktop import notify, schedule
from lowback_tui.desktop.programs import Ran, run
from lowback_tui.desktop.schedule import CRON, LAUNCHD, SCHTASKS, SYSTEMD, UNIT, At


@dataclass(frozen=True)
class Set:
    """The reminder as found: when, and in which scheduler; `at` None when it is off."""

    at: At | None
    kind: str = ""

    def __str__(self) -> str:
        return f"daily at {self.at} ({self.kind})" if self.at else "off"


@dataclass(frozen=True)
class Outcome:
    """What came of setting or turning off the reminder, in one line; `ok` False: it failed."""

    message: str
    ok: bool = True


class ReminderError(Exception):
    """A scheduler refused; its message says which, and why."""


def _home() -> Path:
    return Path(os.environ.get("HOME") or Path.home())


def _units() -> Path:
    return schedule.unit_dir(os.environ, _home())


def _timer() -> Path:
    return _units() / f"{UNIT}.timer"


def _agent() -> Path:
    return schedule.launch_agent_path(_home())


def _uid() -> int:
    return int(getattr(os, "getuid", lambda: 0)())


def _env() -> dict[str, str]:
    """What the job needs of this environment: LOWBACK_HOME (a portable home), if set."""
    value = os.environ.get(dirs.HOME_VARIABLE, "").strip()
    return {dirs.HOME_VARIABLE: str(Path(value).expanduser().absolute())} if value else {}


def command() -> list[str]:
    """What the scheduler runs: this lowback's `remind --now`."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    installed = script is not None and script.name in ("lowback", "lowback.exe")
    path = str(script.absolute()) if script is not None and installed else None
    return schedule.job_command(path, sys.executable)


def _must(ran: Ran, what: str) -> Ran:
    if not ran.ok:
        raise ReminderError(f"{what} failed: {ran.why()}")
    return ran


def _systemd_user() -> bool:
    """systemd's user manager runs here (it can run a timer for this person)."""
    if shutil.which("systemctl") is None:
        return False
    try:
        ran = run(["systemctl", "--user", "is-system-running"], limit=5)
    except OSError:
        return False
    return ran.code is not None and schedule.systemd_manager_running(ran.out)


def _crontab() -> str:
    """The person's crontab ("" when they have none yet)."""
    ran = run(["crontab", "-l"])
    if ran.code is None:
        raise ReminderError(f"crontab -l failed: {ran.why()}")
    return ran.out if ran.ok else ""  # "no crontab for NAME": status 1


# ---- reading -----------------------------------------------------------------------------------


def status() -> Set:
    """The reminder as the scheduler has it now (off when it cannot be read)."""
    try:
        if sys.platform == "darwin":
            return Set(schedule.launch_agent_at(_agent().read_bytes()), LAUNCHD)
        if sys.platform == "win32":
            ran = run(schedule.schtasks_query())
            return Set(schedule.schtasks_at(ran.out) if ran.ok else None, SCHTASKS)
        if _timer().is_file():
            return Set(schedule.timer_at(_timer().read_text(errors="replace")), SYSTEMD)
        if shutil.which("crontab"):
            return Set(schedule.cron_at(_crontab()), CRON)
    except (OSError, ReminderError):
        pass
    return Set(None)


# ---- setting -----------------------------------------------------------------------------------


def turn_on(at: At) -> Outcome:
    """Set the daily reminder at `at` (in place of any earlier one), and say where."""
    kind = schedule.scheduler_for(
        sys.platform, sys.platform == "linux" and _systemd_user(), bool(shutil.which("crontab"))
    )
    if kind is None:
        return Outcome("no scheduler found here: neither systemd's user manager nor crontab",
                       ok=False)  # fmt: skip
    try:
        _remove_all()
        {SYSTEMD: _systemd_on, CRON: _cron_on, LAUNCHD: _launchd_on, SCHTASKS: _schtasks_on}[kind](
            at
        )
    except (OSError, ReminderError) as error:
        return Outcome(f"the reminder was not set: {error}", ok=False)
    said = f"reminder set: daily at {at} ({kind})"
    if notify.available() is None:
        said += "; but no way to show a desktop notification was found here (notify-send or gdbus)"
    return Outcome(said)


def _systemd_on(at: At) -> None:
    folder = _units()
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in schedule.systemd_units(at, command(), _env()).items():
        (folder / name).write_text(text)
    try:
        _must(run(["systemctl", "--user", "daemon-reload"]), "systemctl --user daemon-reload")
        _must(run(["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"]),
              "systemctl --user enable")  # fmt: skip
    except (OSError, ReminderError):
        _systemd_files_gone()
        raise


def _cron_on(at: At) -> None:
    line = schedule.cron_line(at, command(), _env())
    _must(run(["crontab", "-"], stdin=schedule.crontab_with(_crontab(), line)), "crontab -")


def _launchd_on(at: At) -> None:
    path = _agent()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(schedule.launch_agent(at, command(), _env()))
    _must(run(schedule.launchctl("bootstrap", _uid(), path)), "launchctl bootstrap")


def _schtasks_on(at: At) -> None:
    _must(run(schedule.schtasks_create(at, command())), "schtasks /Create")


# ---- turning off -------------------------------------------------------------------------------


def turn_off() -> Outcome:
    """Turn the daily reminder off, wherever it is kept."""
    before = status()
    try:
        _remove_all()
    except (OSError, ReminderError) as error:
        return Outcome(f"the reminder was not turned off: {error}", ok=False)
    if before.at is None:
        return Outcome("there was no daily reminder")
    return Outcome(f"reminder off (it was daily at {before.at}, {before.kind})")


def _remove_all() -> None:
    """Remove lowback's entry from every scheduler that may hold one (a person's other crontab
    lines, agents and tasks are left as they are)."""
    if sys.platform == "darwin":
        path = _agent()
        if path.exists():
            with contextlib.suppress(OSError):
                run(schedule.launchctl("bootout", _uid(), path))  # not loaded: nothing to do
            path.unlink()
        return
    if sys.platform == "win32":
        if run(schedule.schtasks_query()).ok:
            _must(run(schedule.schtasks_delete()), "schtasks /Delete")
        return
    if _timer().exists() or (_units() / f"{UNIT}.service").exists():
        if shutil.which("systemctl"):
            run(["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"])  # off even if down
        _systemd_files_gone()
        if shutil.which("systemctl"):
            run(["systemctl", "--user", "daemon-reload"])
    if shutil.which("crontab"):
        existing = _crontab()
        if schedule.cron_at(existing) is not None:
            kept = schedule.crontab_without(existing)
            if kept:
                _must(run(["crontab", "-"], stdin=kept), "crontab -")
            else:  # lowback's was the only line: no crontab, as before it
                _must(run(["crontab", "-r"]), "crontab -r")


def _systemd_files_gone() -> None:
    for suffix in (".timer", ".service"):
        with contextlib.suppress(FileNotFoundError):
            (_units() / f"{UNIT}{suffix}").unlink()
