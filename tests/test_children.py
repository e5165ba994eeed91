"""Every sound and speech process is owned: ended with its whole process group at its time
limit, when a newer sound would pile up on it, and when lowback ends, whichever way; and none is
left a zombie. The stand-ins hang for ever and start a child of their own, to show that the
group, not just the process lowback started, is ended."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lowback_tui import child_processes as children
from lowback_tui.audio import players, speaker, voices
from lowback_tui.audio.players import PLAYER_CEILING, PLAYER_FLOOR, PLAYER_MARGIN, Player
from lowback_tui.audio.speaker import Speaker
from lowback_tui.audio.voices import TEXT, Engine, Voice
from lowback_tui.child_processes import GRACE_SECONDS, Children
from lowback_tui.core.session.guidance import Cue, Say, Sound
from lowback_tui.core.settings import Loaded, Preferences, Settings

from .fake_clock import FakeClock
from .hung import alive, all_gone, hanging, pid_files, pids_in
from .test_audio import SLEEP, program, running, until_gone

__all__ = ["pid_files"]  # a fixture, used by name


def settle(owned: Children) -> None:
    """Check until every child is gone and forgotten (a moment: a group's last process may be
    a zombie until its new parent reaps it)."""
    deadline = time.monotonic() + 5
    while owned.alive():
        assert time.monotonic() < deadline, "children left"
        owned.check()
        time.sleep(0.01)


def settle_ended(owned: Children) -> None:
    """Wait until the children lowback ended are gone and forgotten."""
    deadline = time.monotonic() + 5
    while any(child.ended for child in owned.alive()):
        assert time.monotonic() < deadline, "ended children left"
        owned.check()
        time.sleep(0.01)


# ---- the time limits -------------------------------------------------------------------------


def test_a_sound_s_limit_is_its_length_and_a_margin_within_a_floor_and_a_ceiling() -> None:
    assert players.time_limit(0.05) == PLAYER_FLOOR  # a tick: the floor
    assert players.time_limit(PLAYER_FLOOR) == PLAYER_FLOOR + PLAYER_MARGIN
    assert players.time_limit(60) == PLAYER_CEILING
    assert PLAYER_FLOOR > 0.87 + 1  # the longest tone, and a second for a sound server to wake


def test_a_line_s_limit_grows_with_the_line_within_a_floor_and_a_ceiling() -> None:
    short, longer = voices.time_limit("Hold."), voices.time_limit("Left leg, hold. " * 6)
    assert short == voices.SPEECH_FLOOR
    assert voices.SPEECH_FLOOR < longer < voices.SPEECH_CEILING
    assert voices.time_limit("word " * 1000) == voices.SPEECH_CEILING
    line = "Lie on your back, knees bent; slowly bring the left knee to the chest. Hold."
    from lowback_tui.core.session.speech_time import seconds_to_say

    assert voices.time_limit(line) > 2 * seconds_to_say(line)  # a slow voice is not cut off


# ---- the registry, on a fake clock -----------------------------------------------------------


def test_a_child_that_overruns_is_ended_with_its_group_and_reaped(
    tmp_path: Path, pid_files: Path
) -> None:
    clock = FakeClock()
    owned = Children(clock, watch=False)
    pids = pid_files / "hang"
    child = owned.start([str(hanging(tmp_path / "bin", "hang", pids))], limit=2.0)
    assert child is not None
    leader, grandchild = pids_in(pids, 2)
    clock.advance(1.9)
    owned.check()
    assert running(leader) and running(grandchild) and not child.ended  # within its limit
    clock.advance(0.2)
    owned.check()
    assert child.overran and child.ended
    assert child.wait(timeout=5) == -signal.SIGTERM
    assert until_gone(grandchild)  # the group, not only the process started
    settle(owned)
    assert not Path(f"/proc/{leader}").exists()  # reaped: no zombie


def test_a_group_that_ignores_sigterm_is_killed_after_the_grace(
    tmp_path: Path, pid_files: Path
) -> None:
    clock = FakeClock()
    owned = Children(clock, watch=False)
    pids = pid_files / "stubborn"
    child = owned.start([str(hanging(tmp_path / "bin", "stubborn", pids, stubborn=True))], 1.0)
    assert child is not None
    leader, grandchild = pids_in(pids, 2)
    clock.advance(1.0)
    owned.check()  # SIGTERM: ignored
    with pytest.raises(subprocess.TimeoutExpired):
        child.wait(timeout=0.2)
    assert running(grandchild)
    clock.advance(GRACE_SECONDS)
    owned.check()  # SIGKILL
    assert child.poll() == -signal.SIGKILL and until_gone(grandchild)
    assert owned.alive() == [] and not Path(f"/proc/{leader}").exists()


def test_a_child_that_ends_by_itself_is_reaped_and_forgotten(tmp_path: Path) -> None:
    owned = Children(FakeClock(), watch=False)
    child = owned.start([str(program(tmp_path / "bin", "quick", "exit 0"))], 5.0)
    assert child is not None
    settle(owned)
    assert child.poll() == 0 and not child.ended and not child.overran
    assert not Path(f"/proc/{child.pid}").exists()  # reaped


def test_the_watchdog_ends_a_child_at_its_limit_without_being_asked(
    tmp_path: Path, pid_files: Path
) -> None:
    owned = Children()  # the real clock, and the watchdog thread
    pids = pid_files / "hang"
    child = owned.start([str(hanging(tmp_path / "bin", "hang", pids))], limit=0.2)
    assert child is not None
    leader, grandchild = pids_in(pids, 2)
    assert child.wait(timeout=10) == -signal.SIGTERM  # waited on, not slept for
    assert child.overran and until_gone(grandchild)
    deadline = time.monotonic() + 5
    while owned.alive():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert not Path(f"/proc/{leader}").exists()


def test_end_all_ends_every_group_reaps_them_and_closing_starts_nothing_more(
    tmp_path: Path, pid_files: Path
) -> None:
    owned = Children(FakeClock(), watch=False)
    pids = pid_files / "many"
    started = [
        owned.start([str(hanging(tmp_path / "bin", f"hang{n}", pids, stubborn=n == 1))], 60)
        for n in range(3)
    ]
    every = pids_in(pids, 6)
    began = time.monotonic()
    owned.end_all(close=True)
    assert time.monotonic() - began < 2 * GRACE_SECONDS + 1
    assert alive(every) == 0 and owned.alive() == []
    leaders = [child.pid for child in started if child is not None]
    assert len(leaders) == 3 and not any(Path(f"/proc/{pid}").exists() for pid in leaders)
    assert owned.start([str(hanging(tmp_path / "bin", "late", pids))], 60) is None


def test_end_all_lets_a_sound_within_its_length_finish(tmp_path: Path) -> None:
    owned = Children()
    short = program(tmp_path / "bin", "short-play", f"{SLEEP} 0.3")
    child = owned.start([str(short)], limit=5, length=1.0)
    assert child is not None
    owned.end_all()
    assert child.poll() == 0  # heard to its end, not cut off


# ---- the player ------------------------------------------------------------------------------


def test_sounds_never_pile_up_on_a_player_that_hangs(tmp_path: Path, pid_files: Path) -> None:
    clock = FakeClock()
    owned = Children(clock, watch=False)
    pids = pid_files / "pw-play"
    player = Player((str(hanging(tmp_path / "bin", "pw-play", pids)),), owned)
    most = 0
    for n in range(1, 9):  # a tick a second, as in a session
        player.play(tmp_path / "tick.wav", 0.05)
        started = pids_in(pids, 2 * n)
        ending = [child for child in owned.alive() if child.ended]
        assert all_gone([pid for child in ending for pid in started if pid == child.pid])
        settle_ended(owned)
        most = max(most, alive(started))
        clock.advance(1.0)
    assert most == 2  # the one just started, with its child: the one before was overdue
    assert player.failed == ""  # ended to make room: not taken as a failure of the player
    owned.end_all()


def test_however_fast_sounds_come_no_more_than_max_play_at_once(
    tmp_path: Path, pid_files: Path
) -> None:
    owned = Children(FakeClock(), watch=False)  # the clock stands still: none is overdue
    pids = pid_files / "pw-play"
    player = Player((str(hanging(tmp_path / "bin", "pw-play", pids)),), owned)
    for n in range(1, 2 * players.MAX_PLAYING + 1):
        player.play(tmp_path / "start.wav", 0.25)
        pids_in(pids, 2 * n)
        settle_ended(owned)
        assert len(owned.alive()) == min(n, players.MAX_PLAYING)
    owned.end_all()


def test_a_player_that_overruns_is_ended_and_the_bell_rings_instead(
    tmp_path: Path, pid_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    owned = Children(clock, watch=False)
    pids = pid_files / "pw-play"
    command = (str(hanging(tmp_path / "bin", "pw-play", pids)),)
    monkeypatch.setattr(speaker, "find_player", lambda: players.Found(command))
    rings: list[int] = []
    spk = Speaker(Preferences(Loaded(Settings())), lambda: rings.append(1), owned)
    spk.play([Cue(Sound.START, "Hold.")])
    started = pids_in(pids, 2)
    clock.advance(players.time_limit(0.25))
    owned.check()
    assert all_gone(started)
    spk.play([Cue(Sound.STOP, "Let go.")])
    assert rings == [1]  # the bell, and no player started again
    settle(owned)
    assert len(pids_in(pids, 2)) == 2
    assert spk.sound_in_use() == "the terminal bell; pw-play did not finish a sound in time"


# ---- the voice -------------------------------------------------------------------------------


def test_a_hung_engine_is_ended_at_its_limit_and_the_lines_waiting_are_dropped(
    tmp_path: Path, pid_files: Path
) -> None:
    clock = FakeClock()
    owned = Children(clock, watch=False)
    pids = pid_files / "speak"
    engine = Engine((str(hanging(tmp_path / "bin", "speak", pids)), TEXT), "speak")
    voice = Voice(engine, owned)
    voice.say("Session done.")
    voice.say_in_turn("How is your back now?")
    first = pids_in(pids, 2)
    turns = voice._turns
    assert turns is not None and voice.busy
    clock.advance(voices.time_limit("Session done."))
    owned.check()
    assert all_gone(first)
    turns.join(timeout=5)
    assert not turns.is_alive()  # the thread waiting its turn has ended
    assert not voice.busy and voice.failed == ""
    assert len(pids_in(pids, 2)) == 2  # the line waiting was not started on a hung engine
    voice.say("Hold.")  # the next phase is still said
    assert len(pids_in(pids, 4)) == 4
    owned.end_all()


def test_the_spd_say_cancel_is_owned_too(tmp_path: Path, pid_files: Path) -> None:
    owned = Children(FakeClock(), watch=False)
    pids = pid_files / "spd-say"
    engine = Engine((str(hanging(tmp_path / "bin", "spd-say", pids)), "-w", TEXT), "spd-say")
    voice = Voice(engine, owned)
    voice.say("Hold.")
    pids_in(pids, 2)
    voice.stop()  # ends the line, and starts `spd-say -C` (which hangs too, here)
    every = pids_in(pids, 4)
    assert any(child.name == "spd-say" and not child.ended for child in owned.alive())
    owned.end_all()
    assert all_gone(every)


# ---- the front ends and the exit -------------------------------------------------------------


def test_closing_the_speaker_ends_the_sounds_and_the_voice(
    tmp_path: Path, pid_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_ = tmp_path / "bin"
    player = (str(hanging(bin_, "pw-play", pid_files / "pw-play")),)
    engine = Engine((str(hanging(bin_, "espeak-ng", pid_files / "espeak-ng")), TEXT), "espeak-ng")
    monkeypatch.setattr(speaker, "find_player", lambda: players.Found(player))
    monkeypatch.setattr(speaker, "find_engine", lambda own: engine)
    spk = Speaker(Preferences(Loaded(Settings(voice=True))), lambda: None, Children())
    spk.play([Cue(Sound.START, "Hold."), Cue(Sound.TICK, "3", Say.IF_QUIET)])
    started = pids_in(pid_files / "pw-play", 4) + pids_in(pid_files / "espeak-ng", 2)
    spk.close()
    assert all_gone(started, timeout=1)


def test_an_exception_ends_lowback_and_every_sound_with_it(tmp_path: Path, pid_files: Path) -> None:
    pids = pid_files / "pw-play"
    script = hanging(tmp_path / "bin", "pw-play", pids)
    code = (
        "import pathlib, time\n"
        "from lowback_tui.audio.players import Player\n"
        f"Player(({str(script)!r},)).play(pathlib.Path('start.wav'), 0.25)\n"
        f"while len(pathlib.Path({str(pids)!r}).read_text().split()) < 2 if "
        f"pathlib.Path({str(pids)!r}).exists() else True: time.sleep(0.02)\n"
        "raise RuntimeError('something broke')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)
    assert result.returncode == 1 and b"something broke" in result.stderr
    assert all_gone(pids_in(pids, 2))


def test_the_module_s_end_all_ends_the_children_of_this_lowback(
    tmp_path: Path, pid_files: Path
) -> None:
    pids = pid_files / "pw-play"
    child = children.CHILDREN.start([str(hanging(tmp_path / "bin", "pw-play", pids))], 60)
    assert child is not None
    started = pids_in(pids, 2)
    children.end_all()
    assert all_gone(started, timeout=1) and child not in children.CHILDREN.alive()
