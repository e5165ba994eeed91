"""The tones of a session, made with the standard library into the cache folder the first time.

Each sound has one meaning and a shape of its own, so it can be told apart face down: START
climbs (two notes up), STOP falls (the same two notes down), TICK is one short high click, and
FINISH is a slow rising chord of four notes. They are quiet sine tones with soft edges (no
clicks), 16-bit mono WAV, which every platform player reads. `Tones` keeps the files, and
never lets a player read anything but them.
"""

from __future__ import annotations

import errno
import functools
import math
import os
import stat
import struct
import wave
from pathlib import Path

from lowback_tui.core import dirs
from lowback_tui.core.files import NO_FOLLOW, Refused, create_new
from lowback_tui.core.session.guidance import Sound

RATE = 22_050
VOLUME = 0.45
"""Of full scale: clearly heard, never harsh."""
EDGE_SECONDS = 0.006
"""Fade in and out, so a tone starts and stops without a click."""
VERSION = 1
"""Part of each file's name: change it when the tones change, and new files are made."""

Note = tuple[float, float]
"""A frequency in Hz and a length in seconds."""

TUNES: dict[Sound, tuple[Note, ...]] = {
    Sound.START: ((660.0, 0.09), (990.0, 0.16)),
    Sound.STOP: ((990.0, 0.09), (660.0, 0.22)),
    Sound.TICK: ((1320.0, 0.05),),
    Sound.FINISH: ((523.3, 0.14), (659.3, 0.14), (784.0, 0.14), (1046.5, 0.45)),
}


def samples(tune: tuple[Note, ...]) -> bytes:
    """The tune as 16-bit little-endian mono samples."""
    edge = int(RATE * EDGE_SECONDS)
    out = bytearray()
    for frequency, seconds in tune:
        count = int(RATE * seconds)
        step = 2 * math.pi * frequency / RATE
        for i in range(count):
            envelope = min(1.0, i / edge, (count - 1 - i) / edge)
            out += struct.pack("<h", round(32767 * VOLUME * envelope * math.sin(step * i)))
    return bytes(out)


@functools.cache
def wav_bytes(tune: tuple[Note, ...]) -> bytes:
    """A complete WAV file of the tune."""
    import io

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(samples(tune))
    return buffer.getvalue()


def seconds(sound: Sound) -> float:
    """How long `sound` lasts."""
    return sum(length for _, length in TUNES[sound])


def file_name(sound: Sound) -> str:
    return f"{sound.value}-v{VERSION}.wav"


class Tones:
    """The tone files in `folder` (the cache's `sounds`), each checked before it is played.

    The folder follows the rule of dirs.py: made 0700 when missing, refused (OSError) when it
    is a link. A tone is played only from a regular file, not a link, holding exactly its
    WAV: anything else in its place (a link, a pipe, a file of the wrong size or content) is
    replaced by a new file, written beside it and renamed over it (never through a link). A
    file is read and compared when first used; after that, one lstat per sound tells whether
    it is still the file that was checked. OSError when a tone cannot be made.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = dirs.ensure(folder or dirs.cache_dir() / "sounds")
        self._checked: dict[Sound, tuple[int, int, int, int]] = {}
        for sound in Sound:
            self.path(sound)

    def path(self, sound: Sound) -> Path:
        """The file of `sound`, made again first if it is not what was checked."""
        path = self.folder / file_name(sound)
        stamp = _stamp(path)
        if stamp is None or self._checked.get(sound) != stamp:
            data = wav_bytes(TUNES[sound])
            if not holds(path, data):
                replace(path, data)
            stamp = _stamp(path)
            if stamp is None:  # replaced again between the two, by something else
                raise Refused(path, "changed while lowback was writing it", errno.EAGAIN)
            self._checked[sound] = stamp
        return path


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    """What tells a regular file from another one in its place; None for anything else."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def holds(path: Path, data: bytes) -> bool:
    """True when `path` is a regular file, not a link, holding exactly `data`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | NO_FOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:  # missing, a link (ELOOP), or unreadable
        return False
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return file.read(len(data) + 1) == data


def replace(path: Path, data: bytes) -> None:
    """Put a new file holding `data` in place of whatever is at `path` (a link itself is
    replaced, never written through); OSError for a folder in the way, say."""
    temporary = path.with_name(f".{path.name}.{os.urandom(8).hex()}.tmp")
    create_new(temporary, data)  # O_EXCL and O_NOFOLLOW, mode 0600
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def sound_files(folder: Path | None = None) -> dict[Sound, Path]:
    """The path of every tone, made or made again as needed (OSError: the folder cannot be
    written, and the caller falls back to the bell)."""
    tones = Tones(folder)
    return {sound: tones.path(sound) for sound in Sound}
