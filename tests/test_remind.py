"""The daily reminder's pure parts (issue 24): what is written to each scheduler, which one is
used, the notification's command, and the one rule of when it speaks. macOS and Windows are only
checked here, never run."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lowback_tui.core import wording
from lowback_tui.core.course.before_session import REST
from lowback_tui.core.course.reminder import reminder
from lowback_tui.core.course.rules import Status
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import total_seconds
from lowback_tui.core.session_start import AskBadDay, AskPain, AskSafety, NoSession, SessionStart
from lowback_tui.core.trainer import Trainer
from lowback_tui.desktop import notify, schedule
from lowback_tui.desktop.schedule import CRON, LAUNCHD, SCHTASKS, SYSTEMD, At

from .fake_clock import FakeClock

COMMAND = ["/opt/low back/bin/lowback", "remind", "--now"]
TODAY = datetime(2026, 11, 25, 8, 0)


# ---- the time and the scheduler ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at"), [("08:00", At(8, 0)), ("8:05", At(8, 5)), (" 23:59 ", At(23, 59)),
                     ("00:00", At(0, 0))],
)  # fmt: skip
def test_a_time_of_day_is_read(text: str, at: At) -> None:
    assert schedule.parse_at(text) == at
    assert str(schedule.parse_at(text)) == f"{at.hour:02}:{at.minute:02}"


@pytest.mark.parametrize("text", ["25:00", "24:00", "8", "08:60", "8h", "", "08:00:00", "-1:00"])
def test_anything_else_is_refused_in_words(text: str) -> None:
    with pytest.raises(ValueError, match="not a time of day"):
        schedule.parse_at(text)


def test_the_scheduler_is_the_systems_own() -> None:
    assert schedule.scheduler_for("darwin", True, True) == LAUNCHD
    assert schedule.scheduler_for("win32", False, False) == SCHTASKS
    assert schedule.scheduler_for("linux", True, True) == SYSTEMD
    assert schedule.scheduler_for("linux", False, True) == CRON
    assert schedule.scheduler_for("freebsd", False, True) == CRON
    assert schedule.scheduler_for("linux", False, False) is None


@pytest.mark.parametrize(("state", "running"), [
    ("running\n", True), ("degraded\n", True), ("starting", True), ("offline\n", False),
    ("", False), ("maintenance", False),
])  # fmt: skip
def test_a_degraded_user_manager_still_runs_timers(state: str, running: bool) -> None:
    assert schedule.systemd_manager_running(state) is running


def test_the_job_runs_the_installed_lowback_or_this_python() -> None:
    assert schedule.job_command("/usr/bin/lowback", "/usr/bin/python3") == [
        "/usr/bin/lowback", "remind", "--now"
    ]  # fmt: skip
    assert schedule.job_command(None, "/v/bin/python") == [
        "/v/bin/python", "-m", "lowback_tui", "remind", "--now"
    ]  # fmt: skip


# ---- systemd -----------------------------------------------------------------------------------


def test_the_units_go_where_systemd_looks_for_a_persons_own(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert schedule.unit_dir({}, home) == home / ".config/systemd/user"
    assert schedule.unit_dir({"XDG_CONFIG_HOME": "/x/c"}, home) == Path("/x/c/systemd/user")
    assert schedule.unit_dir({"XDG_CONFIG_HOME": "rel"}, home) == home / ".config/systemd/user"


def test_the_timer_runs_daily_at_the_time_and_catches_up_after_a_night_off() -> None:
    units = schedule.systemd_units(At(7, 5), COMMAND, {})
    timer, service = units["lowback-remind.timer"], units["lowback-remind.service"]
    assert "OnCalendar=*-*-* 07:05:00\n" in timer
    assert "Persistent=true\n" in timer
    assert "WantedBy=timers.target" in timer
    assert 'ExecStart="/opt/low back/bin/lowback" "remind" "--now"\n' in service
    assert "Environment" not in service
    assert schedule.timer_at(timer) == At(7, 5)
    assert schedule.timer_at(service) is None


def test_what_systemd_would_expand_is_escaped() -> None:
    units = schedule.systemd_units(At(8, 0), ['/a "b"/%n$X\\'], {"LOWBACK_HOME": "/p%c$Y"})
    service = units["lowback-remind.service"]
    assert 'ExecStart="/a \\"b\\"/%%n$$X\\\\"\n' in service
    assert 'Environment="LOWBACK_HOME=/p%%c$Y"\n' in service  # no $ expansion in Environment=


ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed here")
def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    units = schedule.systemd_units(
        At(8, 0), [sys.executable, "-m", "lowback_tui", "remind", "--now"],
        {"LOWBACK_HOME": str(tmp_path / "a b%c")},
    )  # fmt: skip
    for name, text in units.items():
        (tmp_path / name).write_text(text)
    paths = [str(tmp_path / name) for name in units]
    verified = subprocess.run([str(ANALYZE), "verify", *paths], capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    assert verified.stderr == ""
    # and it does fail a timer that is wrong, so the pass above means something
    (tmp_path / "lowback-remind.timer").write_text(
        units["lowback-remind.timer"].replace("08:00:00", "25:00:00")
    )
    wrong = subprocess.run([str(ANALYZE), "verify", *paths], capture_output=True, text=True)
    assert wrong.returncode != 0


# ---- crontab -----------------------------------------------------------------------------------

OTHERS = "# mine\nMAILTO=me\n30 6 * * 1 /usr/bin/backup --all\n"


def test_the_crontab_line_is_marked_and_quoted() -> None:
    line = schedule.cron_line(At(8, 30), COMMAND, {"LOWBACK_HOME": "/h/50% off"})
    assert line == (
        "30 8 * * * LOWBACK_HOME='/h/50\\% off' '/opt/low back/bin/lowback' remind --now "
        "# lowback daily reminder"
    )
    assert schedule.cron_at(line) == At(8, 30)


def test_setting_and_removing_keeps_the_persons_other_lines() -> None:
    line = schedule.cron_line(At(8, 0), COMMAND, {})
    once = schedule.crontab_with(OTHERS, line)
    assert once == OTHERS + line + "\n"
    again = schedule.crontab_with(once, schedule.cron_line(At(9, 15), COMMAND, {}))
    assert again.count(schedule.CRON_MARK) == 1
    assert schedule.cron_at(again) == At(9, 15)
    assert schedule.crontab_without(again) == OTHERS
    assert schedule.cron_at(OTHERS) is None
    assert schedule.crontab_with("", line) == line + "\n"
    assert schedule.crontab_without(OTHERS.rstrip("\n")) == OTHERS  # no last newline: one added


# ---- macOS and Windows (not run here) ---------------------------------------------------------


def test_the_launch_agent_runs_daily_with_the_home_it_was_set_with(tmp_path: Path) -> None:
    data = schedule.launch_agent(At(7, 45), COMMAND, {"LOWBACK_HOME": "/h"})
    agent = plistlib.loads(data)
    assert agent == {
        "Label": "org.lowback.remind",
        "ProgramArguments": COMMAND,
        "StartCalendarInterval": {"Hour": 7, "Minute": 45},
        "EnvironmentVariables": {"LOWBACK_HOME": "/h"},
    }
    assert "EnvironmentVariables" not in plistlib.loads(
        schedule.launch_agent(At(1, 2), COMMAND, {})
    )
    assert schedule.launch_agent_at(data) == At(7, 45)
    assert schedule.launch_agent_at(b"not a plist") is None
    path = schedule.launch_agent_path(tmp_path)
    assert path == tmp_path / "Library/LaunchAgents/org.lowback.remind.plist"
    assert schedule.launchctl("bootstrap", 501, path) == ["launchctl", "bootstrap", "gui/501",
                                                            str(path)]  # fmt: skip


def test_the_scheduled_task() -> None:
    create = schedule.schtasks_create(
        At(8, 0), [r"C:\Program Files\lowback.exe", "remind", "--now"]
    )
    run = '"C:\\Program Files\\lowback.exe" remind --now'
    assert create == ["schtasks", "/Create", "/F", "/SC", "DAILY", "/ST", "08:00", "/TN",
                      "lowback", "/TR", run]  # fmt: skip
    assert schedule.schtasks_delete() == ["schtasks", "/Delete", "/F", "/TN", "lowback"]
    xml = "<Triggers><CalendarTrigger><StartBoundary>2026-01-01T06:30:00</StartBoundary>"
    assert schedule.schtasks_at(xml) == At(6, 30)
    assert schedule.schtasks_at("ERROR: The system cannot find the file specified.") is None


# ---- the notification --------------------------------------------------------------------------


def test_the_notifier_is_the_first_found_for_the_platform() -> None:
    found = {"notify-send": "/b/notify-send", "gdbus": "/b/gdbus"}
    assert notify.notifier_for("linux", found.get) == ("notify-send", "/b/notify-send")
    assert notify.notifier_for("linux", {"gdbus": "/b/gdbus"}.get) == ("gdbus", "/b/gdbus")
    nothing: dict[str, str] = {}
    assert notify.notifier_for("linux", nothing.get) is None
    assert notify.notifier_for("darwin", {"osascript": "/o"}.get) == ("osascript", "/o")
    assert notify.notifier_for("win32", {"pwsh": "p.exe"}.get) == ("powershell", "p.exe")


def test_each_notifier_gets_the_text_whole_whatever_is_in_it() -> None:
    text = 'about 11 min · "day" 9 \\ it\'s'
    assert notify.notify_command("notify-send", "/n", "lowback", text) == [
        "/n", "--app-name=lowback", "lowback", text
    ]  # fmt: skip
    gdbus = notify.notify_command("gdbus", "/g", "lowback", text)
    assert gdbus[:3] == ["/g", "call", "--session"]
    assert "org.freedesktop.Notifications.Notify" in gdbus
    literal = '"about 11 min · \\"day\\" 9 \\\\ it\'s"'
    assert gdbus[-5:] == ['"lowback"', literal, "@as []", "@a{sv} {}", "int32 -1"]
    mac = notify.notify_command("osascript", "/o", "lowback", text)
    assert mac == ["/o", "-e", 'display notification "about 11 min · \\"day\\" 9 \\\\ it\'s" '
                   'with title "lowback"']  # fmt: skip
    toast = notify.notify_command("powershell", "ps", "lowback", text)
    assert toast[:4] == ["ps", "-NoProfile", "-NonInteractive", "-Command"]
    assert "CreateTextNode('about 11 min · \"day\" 9 \\ it''s')" in toast[4]


def test_under_cron_the_persons_session_bus_is_found(tmp_path: Path) -> None:
    assert notify.session_bus({}, 1000, lambda p: p == Path("/run/user/1000/bus")) == (
        "unix:path=/run/user/1000/bus"
    )
    assert notify.session_bus({}, 1000, lambda p: False) is None
    assert notify.session_bus({"DBUS_SESSION_BUS_ADDRESS": "x"}, 1000, lambda p: True) is None


# ---- when it speaks: the core's one rule -------------------------------------------------------


def status(day: int = 9, days: int = 21, done_today: bool = False) -> Status:
    return Status(day, days, day - 1, done_today, 2)


def test_the_reminder_says_how_long_and_which_day() -> None:
    assert reminder(status(), False, 11 * 60) == "Your back routine: about 11 min · day 9 of 21"
    assert (
        reminder(status(23), False, 600)
        == "Your back routine: about 10 min · day 23, past the planned 21"
    )


def test_it_stays_quiet_once_today_is_done_or_a_rest_day() -> None:
    assert reminder(status(done_today=True), False, 600) is None
    assert reminder(status(), True, 600) is None
    assert wording.REMINDER_TITLE == "lowback"


def trainer_on(routine: Routine, store: HistoryStore | None, now: datetime = TODAY) -> Trainer:
    return Trainer(routine, clock=FakeClock(), now=lambda: now, store=store)


def test_the_trainer_reminds_until_the_day_is_done(routine: Routine, tmp_path: Path) -> None:
    about = wording.about(total_seconds(routine))
    assert trainer_on(routine, None).reminder() == (
        f"Your back routine: {about} · day 1 of {routine.course_days}"
    )
    store = HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)
    trainer = trainer_on(routine, store)
    run = trainer.start_session(3)
    run.start()
    clock = trainer.clock
    assert isinstance(clock, FakeClock)
    clock.advance(10_000)
    run.advance()
    run.check_in_after(3)
    assert trainer.reminder() is None
    tomorrow = trainer_on(routine, store, TODAY + timedelta(days=1))
    assert tomorrow.reminder() == f"Your back routine: {about} · day 2 of {routine.course_days}"


def test_choosing_rest_today_is_kept_and_quiets_the_reminder(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)
    trainer = trainer_on(routine, store)
    start = SessionStart(trainer)
    assert isinstance(start.step, AskSafety)
    assert isinstance(start.answer(True), AskPain)
    assert isinstance(start.answer(8), AskBadDay)
    assert start.answer(REST) == NoSession(wording.REST_TODAY)
    assert store.rested_on(TODAY.date())
    assert not store.rested_on(TODAY.date() + timedelta(days=1))
    assert trainer.reminder() is None
    assert trainer_on(routine, store, TODAY + timedelta(days=1)).reminder() is not None
    trainer.rest_today()  # twice on one day: still one row
    assert store.read("SELECT COUNT(*) FROM rest_days") == [(1,)]
    assert store.read("SELECT day, chosen_at FROM rest_days") == [
        ("2026-11-25", "2026-11-25T08:00:00")
    ]
