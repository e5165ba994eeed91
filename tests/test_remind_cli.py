"""`lowback remind` end to end, with logging stand-ins for systemctl, crontab and notify-send on
PATH (the pattern of conftest's `fake_speakers`): nothing reaches the real scheduler."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

from lowback_tui import cli
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock

LOG = 'printf "%s %s\\n" "${0##*/}" "$*" >> {log}\n'
SYSTEMCTL = """#!/bin/bash
{log_line}
state=$(cat {state})
if [ "$2" = is-system-running ]; then echo "$state"; [ "$state" = running ]; exit; fi
if [ "$2" = enable ] && [ -e {refuse} ]; then echo "Failed to enable unit" >&2; exit 1; fi
"""
CRONTAB = """#!/bin/bash
{log_line}
if [ "$1" = -l ]; then [ -e {tab} ] || {{ echo "no crontab for you" >&2; exit 1; }}; cat {tab}; fi
if [ "$1" = - ]; then cat > {tab}; fi
if [ "$1" = -r ]; then rm {tab}; fi
"""


class Fakes:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log = folder / "asked.log"
        self.state = folder / "state"
        self.tab = folder / "crontab.txt"
        self.refuse = folder / "refuse"
        self.state.write_text("offline")

    def write(self, name: str, body: str) -> None:
        script = self.folder / name
        line = LOG.replace("{log}", str(self.log))
        script.write_text(body.format(log_line=line, state=self.state, tab=self.tab,
                                      refuse=self.refuse))  # fmt: skip
        script.chmod(0o755)

    def asked(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fakes:
    """systemctl, crontab and notify-send stand-ins, alone on PATH (with bash)."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    found = Fakes(folder)
    found.write("systemctl", SYSTEMCTL)
    found.write("crontab", CRONTAB)
    found.write("notify-send", "#!/bin/bash\n{log_line}")
    (folder / "cat").symlink_to("/bin/cat")  # for the stand-ins, where PATH is this folder alone
    monkeypatch.setenv("PATH", f"{folder}:/bin:/usr/bin")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    return found


def lowback(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as ended:
        cli.main(list(args))
    out, err = capsys.readouterr()
    return int(ended.value.code or 0), out, err


def units(private_home: Path) -> Path:
    return private_home.parent / "xdg_config_home" / "systemd" / "user"


def test_where_systemd_runs_a_user_timer_is_set_and_removed(
    fakes: Fakes, capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    fakes.state.write_text("running")
    code, out, err = lowback(capsys, "remind", "--at", "08:00")
    assert (code, err) == (0, "")
    assert out == "reminder set: daily at 08:00 (systemd user timer)\n"
    folder = units(private_home)
    timer = (folder / "lowback-remind.timer").read_text()
    assert "OnCalendar=*-*-* 08:00:00" in timer
    service = (folder / "lowback-remind.service").read_text()
    assert f'"{sys.executable}" "-m" "lowback_tui" "remind" "--now"' in service
    assert f'Environment="LOWBACK_HOME={private_home}"' in service
    assert fakes.asked() == [
        "systemctl --user is-system-running", "crontab -l",
        "systemctl --user daemon-reload", "systemctl --user enable --now lowback-remind.timer",
    ]  # fmt: skip
    assert lowback(capsys, "remind")[1] == "daily reminder: daily at 08:00 (systemd user timer)\n"
    assert "reminder  daily at 08:00 (systemd user timer)\n" in lowback(capsys, "locate")[1]
    fakes.log.unlink()
    code, out, _ = lowback(capsys, "remind", "--off")
    assert (code, out) == (0, "reminder off (it was daily at 08:00, systemd user timer)\n")
    assert not folder.joinpath("lowback-remind.timer").exists()
    assert not folder.joinpath("lowback-remind.service").exists()
    assert "systemctl --user disable --now lowback-remind.timer" in fakes.asked()
    assert lowback(capsys, "remind")[1].startswith("daily reminder: off")


def test_a_timer_that_will_not_enable_leaves_nothing_behind(
    fakes: Fakes, capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    fakes.state.write_text("degraded")  # is-system-running fails, yet the manager runs
    fakes.refuse.touch()
    code, out, err = lowback(capsys, "remind", "--at", "08:00")
    assert code == 1 and out == ""
    assert err == ("lowback remind: the reminder was not set: systemctl --user enable failed: "
                   "Failed to enable unit\n")  # fmt: skip
    assert list(units(private_home).iterdir()) == []


def test_without_a_user_manager_a_crontab_line_keeps_the_persons_others(
    fakes: Fakes, capsys: pytest.CaptureFixture[str]
) -> None:
    others = "MAILTO=me\n30 6 * * 1 /usr/bin/backup\n"
    fakes.tab.write_text(others)
    code, out, _ = lowback(capsys, "remind", "--at", "7:30")
    assert (code, out) == (0, "reminder set: daily at 07:30 (crontab)\n")
    lines = fakes.tab.read_text().splitlines()
    assert lines[:2] == others.splitlines()
    assert lines[2] == (f"30 7 * * * LOWBACK_HOME={os.environ['LOWBACK_HOME']} {sys.executable}"
                        " -m lowback_tui remind --now # lowback daily reminder")  # fmt: skip
    assert lowback(capsys, "remind", "--at", "21:05")[0] == 0  # moved, not added
    assert fakes.tab.read_text().count("lowback daily reminder") == 1
    assert lowback(capsys, "remind")[1] == "daily reminder: daily at 21:05 (crontab)\n"
    assert (
        lowback(capsys, "remind", "--off")[1] == "reminder off (it was daily at 21:05, crontab)\n"
    )
    assert fakes.tab.read_text() == others
    assert lowback(capsys, "remind", "--off")[1] == "there was no daily reminder\n"


def test_a_person_with_no_crontab_yet_gets_one(
    fakes: Fakes, capsys: pytest.CaptureFixture[str]
) -> None:
    assert lowback(capsys, "remind", "--at", "08:00")[0] == 0
    assert fakes.tab.read_text().endswith(" # lowback daily reminder\n")
    assert fakes.tab.read_text().count("\n") == 1


def test_moving_to_systemd_takes_the_crontab_line_away(
    fakes: Fakes, capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    lowback(capsys, "remind", "--at", "08:00")
    fakes.state.write_text("running")
    assert lowback(capsys, "remind", "--at", "09:00")[1].endswith("(systemd user timer)\n")
    assert not fakes.tab.exists()  # lowback's was its only line: removed, as it was before
    assert units(private_home).joinpath("lowback-remind.timer").exists()


def test_with_no_notifier_setting_it_says_so(
    fakes: Fakes, capsys: pytest.CaptureFixture[str]
) -> None:
    (fakes.folder / "notify-send").unlink()
    os.environ["PATH"] = str(fakes.folder)  # no gdbus either (monkeypatched PATH is undone)
    code, out, _ = lowback(capsys, "remind", "--at", "08:00")
    assert code == 0
    assert out == ("reminder set: daily at 08:00 (crontab); but no way to show a desktop "
                   "notification was found here (notify-send or gdbus)\n")  # fmt: skip


def test_with_no_scheduler_at_all_nothing_is_set(
    fakes: Fakes, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("crontab", "systemctl"):
        (fakes.folder / name).unlink()
    os.environ["PATH"] = str(fakes.folder)
    code, out, err = lowback(capsys, "remind", "--at", "08:00")
    assert (code, out) == (1, "")
    assert err == ("lowback remind: no scheduler found here: neither systemd's user manager "
                   "nor crontab\n")  # fmt: skip


@pytest.mark.parametrize("bad", ["25:00", "8", "08:7", "noon"])
def test_a_bad_time_is_one_line_and_status_2(
    fakes: Fakes, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, out, err = lowback(capsys, "remind", "--at", bad)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"lowback remind: --at {bad!r} is not")
    assert fakes.asked() == []  # nothing was asked of any scheduler


def test_now_shows_the_notification_until_the_day_is_done(
    fakes: Fakes, capsys: pytest.CaptureFixture[str], routine: Routine
) -> None:
    assert lowback(capsys, "remind", "--now") == (0, "", "")
    (sent,) = fakes.asked()
    assert sent.startswith("notify-send --app-name=lowback lowback Your back routine: about ")
    assert sent.endswith(f" min · day 1 of {routine.course_days}")
    store = HistoryStore.open(now=datetime.now)
    trainer = Trainer(routine, clock=FakeClock(), now=datetime.now, store=store)
    run = trainer.start_session(None)
    run.start()
    assert isinstance(trainer.clock, FakeClock)
    trainer.clock.advance(10_000)
    run.advance()
    store.close()
    assert lowback(capsys, "remind", "--now") == (0, "", "")
    assert len(fakes.asked()) == 1  # quiet: today is done


def test_now_is_quiet_on_a_rest_day(
    fakes: Fakes, capsys: pytest.CaptureFixture[str], routine: Routine
) -> None:
    store = HistoryStore.open(now=datetime.now)
    store.rest(datetime.now().date())
    store.close()
    assert lowback(capsys, "remind", "--now") == (0, "", "")
    assert fakes.asked() == []


def test_now_says_when_the_notification_fails(
    fakes: Fakes, capsys: pytest.CaptureFixture[str]
) -> None:
    fakes.write("notify-send", "#!/bin/bash\nexit 3\n")
    code, out, err = lowback(capsys, "remind", "--now")
    assert (code, out) == (1, "")
    assert err == "lowback remind: notify-send failed (exit status 3)\n"
