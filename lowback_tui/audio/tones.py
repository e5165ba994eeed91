"""The tones of a session, made with the standard library into the cache folder the first time.

Each sound has one meaning and a shape of its own, so it can be told apart face down: START
climbs (two notes up), STOP falls (the same two notes down), TICK is one short high click, and
FINISH is a slow rising chord of four notes. They are quiet sine tones with soft edges (no
clicks), 16-bit mono WAV, which every platform player reads.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from lowback_tui.core import dirs
from lowback_tui.core.files import write_atomically_bytes
from lowback_tui.core.guidance import Sound

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


def sound_files(folder: Path | None = None) -> dict[Sound, Path]:
    """The path of every tone, made the first time it is needed (OSError: the folder cannot be
    written, and the caller falls back to the bell)."""
    folder = folder or dirs.cache_dir() / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {sound: folder / f"{sound.value}-v{VERSION}.wav" for sound in Sound}
    for sound, path in paths.items():
        if not path.is_file():
            write_atomically_bytes(path, wav_bytes(TUNES[sound]))
    return paths
