"""Playing a sound file through the platform's own player, without ever waiting for it.

The player is found when it is first needed: PipeWire's `pw-play`, PulseAudio's `paplay` or
ALSA's `aplay` on Linux and the BSDs, `afplay` on macOS, `winsound` on Windows. Each sound is
its own short-lived process (or winsound's asynchronous call), started and left to play; the
finished ones are collected on the next play, so none is left a zombie.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from lowback_tui.core.logs import log

LINUX_PLAYERS = (("pw-play", ()), ("paplay", ()), ("aplay", ("-q",)))
"""Tried in this order: the sound server most systems run now, the one before it, bare ALSA."""
MAC_PLAYERS = (("afplay", ()),)


class Found(NamedTuple):
    """A way to play sounds, or why there is none."""

    command: tuple[str, ...]
    """The player's path and options; () when there is none."""
    why_not: str = ""
    """Why there is no player, in words for the `?` screen and the log."""


def over_ssh(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """True when lowback runs on another machine than the person's speakers."""
    return any(environ.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))


def find_player(platform: str = sys.platform) -> Found:
    """The sound player on this machine (looked up on PATH now)."""
    if over_ssh():
        return Found((), "over SSH, a sound would play on the other machine")
    if platform == "win32":
        return Found(("winsound",))
    candidates = MAC_PLAYERS if platform == "darwin" else LINUX_PLAYERS
    for name, options in candidates:
        path = shutil.which(name)
        if path:
            return Found((path, *options))
    names = ", ".join(name for name, _ in candidates)
    return Found((), f"no sound player found ({names})")


class Player:
    """Plays sound files through `command`, each in the background."""

    def __init__(self, command: tuple[str, ...]) -> None:
        self.command = command
        self.failed = ""
        """Set once the player has failed (no sound device, say): the caller falls back."""
        self._playing: list[subprocess.Popen[bytes]] = []

    @property
    def name(self) -> str:
        """The player's name, as a person would recognise it."""
        return Path(self.command[0]).name

    def play(self, path: Path) -> None:
        """Start playing `path` and return at once (nothing once the player has failed)."""
        self.collect()
        if self.failed:
            return
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            return
        try:
            process = subprocess.Popen(
                [*self.command, str(path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a ctrl+c in the terminal is lowback's, not the player's
            )
        except OSError as error:
            self._fail(f"{self.name} could not start ({error.strerror})")
            return
        self._playing.append(process)

    def collect(self) -> None:
        """Forget the players that have finished, noticing any that failed."""
        still: list[subprocess.Popen[bytes]] = []
        for process in self._playing:
            status = process.poll()
            if status is None:
                still.append(process)
            elif status > 0:
                self._fail(f"{self.name} exited with status {status}")
        self._playing = still

    def _fail(self, why: str) -> None:
        if not self.failed:
            log.warning("sound: %s; the terminal bell is used instead", why)
            self.failed = why
