"""The daily reminder's entries in each system's own scheduler, as text and argument lists.

Pure functions: what to write (a systemd user timer and its service, a crontab line, a macOS
LaunchAgent, a Windows scheduled task) and which scheduler to use given what this system has.
`reminder.py` runs them; the tests check them without running anything (macOS and Windows are
only ever checked this way here).
"""

from __future__ import annotations

import plistlib
import re
import shlex
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SYSTEMD = "systemd user timer"
CRON = "crontab"
LAUNCHD = "LaunchAgent"
SCHTASKS = "Task Scheduler"
"""The schedulers, as the status line names them."""

UNIT = "lowback-remind"
"""The systemd units' name (lowback-remind.timer starts lowback-remind.service)."""
CRON_MARK = "# lowback daily reminder"
"""Ends lowback's crontab line: `--off` removes the lines that end so, and no other."""
LAUNCH_LABEL = "org.lowback.remind"
TASK = "lowback"
"""The Windows scheduled task's name."""


@dataclass(frozen=True)
class At:
    """A time of day."""

    hour: int
    minute: int

    def __str__(self) -> str:
        return f"{self.hour:02}:{self.minute:02}"


_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def parse_at(text: str) -> At:
    """`text` as a time of day, "08:00" or "8:00"; ValueError saying what is wrong."""
    found = _TIME.fullmatch(text.strip())
    if found is None:
        raise ValueError(f"{text!r} is not a time of day; give it as HH:MM, such as 08:00")
    hour, minute = int(found[1]), int(found[2])
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day: hours go 00-23, minutes 00-59")
    return At(hour, minute)


def scheduler_for(platform: str, systemd_user: bool, crontab: bool) -> str | None:
    """Which scheduler keeps the reminder: launchd on macOS, Task Scheduler on Windows; on other
    systems a systemd user timer where systemd's user manager runs, else crontab; None when
    there is neither."""
    if platform == "darwin":
        return LAUNCHD
    if platform == "win32":
        return SCHTASKS
    if systemd_user:
        return SYSTEMD
    return CRON if crontab else None


def systemd_manager_running(state: str) -> bool:
    """Whether `systemctl --user is-system-running` printing `state` means the user manager
    runs. "degraded" (a unit failed, often) exits non-zero but runs timers all the same;
    "offline" (no manager) or nothing at all (no bus) does not."""
    return state.strip() in ("running", "degraded", "starting", "initializing")


def job_command(script: str | None, executable: str) -> list[str]:
    """What the scheduler runs: the installed `lowback` at `script` (an absolute path), or this
    Python running the package when lowback was not started as that script."""
    start = [script] if script else [executable, "-m", "lowback_tui"]
    return [*start, "remind", "--now"]


# ---- systemd -----------------------------------------------------------------------------------


def unit_dir(env: Mapping[str, str], home: Path) -> Path:
    """Where systemd looks for a person's own units: $XDG_CONFIG_HOME/systemd/user."""
    config = env.get("XDG_CONFIG_HOME", "").strip()
    base = Path(config) if config and Path(config).is_absolute() else home / ".config"
    return base / "systemd" / "user"


def _systemd_word(word: str, command: bool = True) -> str:
    """One word of a unit file's command line (`command`: where "$" expands a variable) or of
    an Environment= assignment (where it does not), quoted as systemd reads it."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return '"' + (escaped.replace("$", "$$") if command else escaped) + '"'


def systemd_units(at: At, command: Sequence[str], env: Mapping[str, str]) -> dict[str, str]:
    """The timer and the service (file name: text) that run `command` daily at `at`, with
    `env` set; Persistent=true runs it at the next start when the machine was off at `at`."""
    environment = "".join(
        f"Environment={_systemd_word(f'{name}={value}', command=False)}\n"
        for name, value in env.items()
    )
    service = (
        "[Unit]\nDescription=lowback daily reminder\n\n"
        f"[Service]\nType=oneshot\n{environment}"
        f"ExecStart={' '.join(_systemd_word(word) for word in command)}\n"
    )
    timer = (
        f"[Unit]\nDescription=lowback daily reminder at {at}\n\n"
        f"[Timer]\nOnCalendar=*-*-* {at}:00\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


_ON_CALENDAR = re.compile(r"^OnCalendar=\*-\*-\* ([0-9]{2}):([0-9]{2}):00$", re.MULTILINE)


def timer_at(text: str) -> At | None:
    """The time of day a timer lowback wrote runs at; None if it is not one lowback wrote."""
    found = _ON_CALENDAR.search(text)
    return At(int(found[1]), int(found[2])) if found else None


# ---- crontab -----------------------------------------------------------------------------------


def cron_line(at: At, command: Sequence[str], env: Mapping[str, str]) -> str:
    """lowback's crontab line: `command` daily at `at`, with `env` set, marked with CRON_MARK.
    cron hands the rest of the line to sh, and reads a % in it as a new line: escaped."""
    words = [f"{name}={shlex.quote(value)}" for name, value in env.items()]
    words += [shlex.quote(word) for word in command]
    return f"{at.minute} {at.hour} * * * {' '.join(words).replace('%', chr(92) + '%')} {CRON_MARK}"


def crontab_without(existing: str) -> str:
    """The person's crontab without lowback's line (every other line as it was)."""
    kept = [line for line in existing.splitlines() if not line.rstrip().endswith(CRON_MARK)]
    return "".join(f"{line}\n" for line in kept)


def crontab_with(existing: str, line: str) -> str:
    """The person's crontab with lowback's line in place of any earlier one."""
    return crontab_without(existing) + line + "\n"


def cron_at(existing: str) -> At | None:
    """The time of day of lowback's line in a crontab; None when there is none."""
    for line in existing.splitlines():
        fields = line.split()
        marked = line.rstrip().endswith(CRON_MARK) and len(fields) > 2
        if marked and fields[0].isdigit() and fields[1].isdigit():
            return At(int(fields[1]), int(fields[0]))
    return None


# ---- macOS -------------------------------------------------------------------------------------


def launch_agent_path(home: Path) -> Path:
    return home / "Library" / "LaunchAgents" / f"{LAUNCH_LABEL}.plist"


def launch_agent(at: At, command: Sequence[str], env: Mapping[str, str]) -> bytes:
    """The LaunchAgent's plist: `command` daily at `at` (launchd runs a missed one at wake)."""
    agent: dict[str, object] = {
        "Label": LAUNCH_LABEL,
        "ProgramArguments": list(command),
        "StartCalendarInterval": {"Hour": at.hour, "Minute": at.minute},
    }
    if env:
        agent["EnvironmentVariables"] = dict(env)
    return plistlib.dumps(agent)


def launch_agent_at(data: bytes) -> At | None:
    """The time of day of a LaunchAgent lowback wrote; None if it cannot be read as one."""
    try:
        when = plistlib.loads(data).get("StartCalendarInterval", {})
        return At(int(when["Hour"]), int(when["Minute"]))
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError, AttributeError):
        return None


def launchctl(verb: str, uid: int, path: Path) -> list[str]:
    """`launchctl bootstrap|bootout gui/UID PATH`: load or unload the agent for this person."""
    return ["launchctl", verb, f"gui/{uid}", str(path)]


# ---- Windows -----------------------------------------------------------------------------------


def schtasks_create(at: At, command: Sequence[str]) -> list[str]:
    """Make (or replace: /F) the daily task that runs `command` at `at`."""
    run = subprocess.list2cmdline(list(command))
    return ["schtasks", "/Create", "/F", "/SC", "DAILY", "/ST", str(at), "/TN", TASK, "/TR", run]


def schtasks_delete() -> list[str]:
    return ["schtasks", "/Delete", "/F", "/TN", TASK]


def schtasks_query() -> list[str]:
    return ["schtasks", "/Query", "/XML", "/TN", TASK]


_START = re.compile(r"<StartBoundary>[^<T]*T([0-9]{2}):([0-9]{2})")


def schtasks_at(xml: str) -> At | None:
    """The time of day of the task as `schtasks /Query /XML` describes it; None if none."""
    found = _START.search(xml)
    return At(int(found[1]), int(found[2])) if found else None
