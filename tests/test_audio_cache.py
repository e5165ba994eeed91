"""The tones' cache folder follows the folder rule of dirs.py, and a player is only ever given a
regular file holding exactly its tone: never a link, a pipe, or a file of the wrong content."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from lowback_tui.audio import speaker, tones
from lowback_tui.audio.players import Found
from lowback_tui.audio.speaker import Speaker
from lowback_tui.core.files import Refused
from lowback_tui.core.session.guidance import Cue, Sound
from lowback_tui.core.settings import Loaded, Preferences, Settings


def wav(sound: Sound) -> bytes:
    return tones.wav_bytes(tones.TUNES[sound])


def name_of(sound: Sound) -> str:
    return f"{sound.value}-v{tones.VERSION}.wav"


def cache(home: Path) -> Path:
    return home / "cache" / "sounds"


def regular_with(path: Path, data: bytes) -> bool:
    info = os.lstat(path)
    return stat.S_ISREG(info.st_mode) and path.read_bytes() == data


def test_the_cache_folders_are_made_private(private_home: Path) -> None:
    tones.sound_files()
    for folder in (private_home / "cache", cache(private_home)):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder  # was 0755
    for sound in Sound:
        path = cache(private_home) / name_of(sound)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_existing_cache_folder_keeps_its_mode(private_home: Path) -> None:
    cache(private_home).mkdir(parents=True, mode=0o755)
    cache(private_home).chmod(0o755)
    tones.sound_files()
    assert stat.S_IMODE(cache(private_home).stat().st_mode) == 0o755


def test_a_linked_sounds_folder_is_refused_and_nothing_written_through_it(
    private_home: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (private_home / "cache").mkdir(parents=True)
    cache(private_home).symlink_to(elsewhere)
    with pytest.raises(Refused, match="symbolic link"):
        tones.sound_files()
    assert list(elsewhere.iterdir()) == []


def test_a_linked_sounds_folder_means_the_bell_and_says_why(
    private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(speaker, "find_player", lambda: Found(("/usr/bin/pw-play",)))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (private_home / "cache").mkdir(parents=True)
    cache(private_home).symlink_to(elsewhere)
    rings: list[int] = []
    spk = Speaker(Preferences(Loaded(Settings())), lambda: rings.append(1))
    spk.play([Cue(Sound.START, "Hold.")])
    assert rings == [1]
    assert "symbolic link" in spk.sound_in_use()
    assert list(elsewhere.iterdir()) == []


def test_a_tone_that_is_a_link_is_replaced_and_its_target_left_alone(
    private_home: Path, tmp_path: Path
) -> None:
    folder = cache(private_home)
    folder.mkdir(parents=True)
    target = tmp_path / "someone-elses.wav"
    target.write_bytes(wav(Sound.TICK))  # even the right content: a link is not played
    link = folder / name_of(Sound.TICK)
    link.symlink_to(target)
    paths = tones.sound_files()
    assert paths[Sound.TICK] == link
    assert regular_with(link, wav(Sound.TICK))
    assert target.read_bytes() == wav(Sound.TICK)  # never written through
    dangling = folder / name_of(Sound.STOP)
    dangling.unlink()
    dangling.symlink_to(tmp_path / "nowhere.wav")
    tones.sound_files()
    assert regular_with(dangling, wav(Sound.STOP))
    assert not (tmp_path / "nowhere.wav").exists()  # not made through the link either


@pytest.mark.parametrize(
    "damage",
    [b"", b"RIFF", "wrong size", "same size, other content"],
)
def test_a_tone_of_the_wrong_size_or_content_is_made_again(
    private_home: Path, damage: bytes | str
) -> None:
    paths = tones.sound_files()
    path = paths[Sound.START]
    data = wav(Sound.START)
    if damage == "wrong size":
        path.write_bytes(data + b"\0" * 10)
    elif damage == "same size, other content":
        path.write_bytes(data[:-10] + b"\x7f" * 10)
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    tones.sound_files()
    assert regular_with(path, data)


def test_a_pipe_in_place_of_a_tone_is_replaced_without_blocking(private_home: Path) -> None:
    folder = cache(private_home)
    folder.mkdir(parents=True)
    pipe = folder / name_of(Sound.FINISH)
    os.mkfifo(pipe)
    tones.sound_files()  # the open does not wait for a writer
    assert regular_with(pipe, wav(Sound.FINISH))


def test_a_folder_in_place_of_a_tone_is_never_played(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = cache(private_home)
    (folder / name_of(Sound.START)).mkdir(parents=True)
    with pytest.raises(OSError):
        tones.sound_files()
    monkeypatch.setattr(speaker, "find_player", lambda: Found(("/usr/bin/pw-play",)))
    rings: list[int] = []
    spk = Speaker(Preferences(Loaded(Settings())), lambda: rings.append(1))
    spk.play([Cue(Sound.START, "Hold.")])
    assert rings == [1] and spk._player is None  # the bell, and nothing given to a player


class Recording:
    """Stands in for a Player: keeps what it is given to play, as it is at that moment."""

    def __init__(self, command: tuple[str, ...], children: object = None) -> None:
        self.command = command
        self.failed = ""
        self.given: list[tuple[Path, bool]] = []

    @property
    def name(self) -> str:
        return "recording"

    def play(self, path: Path, seconds: float = 0.0) -> None:
        info = os.lstat(path)
        self.given.append((path, stat.S_ISREG(info.st_mode) and path.read_bytes() == wav_of(path)))

    def collect(self) -> None:
        pass

    def stop(self) -> None:
        pass


def wav_of(path: Path) -> bytes:
    (sound,) = [sound for sound in Sound if name_of(sound) == path.name]
    return wav(sound)


def test_a_tone_swapped_for_a_link_mid_session_is_made_again_before_it_plays(
    private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(speaker, "find_player", lambda: Found(("/usr/bin/pw-play",)))
    monkeypatch.setattr(speaker, "Player", Recording)
    spk = Speaker(Preferences(Loaded(Settings())), lambda: None)
    spk.play([Cue(Sound.START, "Hold.")])
    path = cache(private_home) / name_of(Sound.START)
    bait = tmp_path / "bait.wav"
    bait.write_bytes(b"not a tone")
    path.unlink()
    path.symlink_to(bait)
    spk.play([Cue(Sound.START, "Hold.")])
    same_size = wav(Sound.START)[:-4] + b"\1\2\3\4"
    os.unlink(path)
    path.write_bytes(same_size)  # rewritten in place, another file: checked again
    spk.play([Cue(Sound.START, "Hold.")])
    player = spk._player
    assert isinstance(player, Recording)
    assert player.given == [(path, True)] * 3
    assert bait.read_bytes() == b"not a tone"


def test_each_sound_is_checked_with_one_lstat_once_it_is_known_good(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tones.Tones()
    opened: list[str] = []
    real_open = os.open

    def watched_open(path: str | Path, *args: Any, **kwargs: Any) -> int:
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", watched_open)
    for _ in range(3):
        for sound in Sound:
            kept.path(sound)
    assert opened == []  # nothing read or written again while the files stay as they were
