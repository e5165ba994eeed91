"""Playing a sound file through the platform's own player, without ever waiting for it.

The player is found when it is first needed: PipeWire's `pw-play`, PulseAudio's `paplay` or
ALSA's `aplay` on Linux and the BSDs, `afplay` on macOS, `winsound` on Windows. Each sound is
its own short-lived process (or winsound's asynchronous call), started and left to play, owned
by child_processes.py: ended with its process group at its time limit (the sound's length and
PLAYER_MARGIN) and when lowback exits (once the sound has had its length). A player still
playing at its limit is taken as broken, like one that fails: the terminal bell is used instead.

Sounds never pile up: a new sound ends every earlier one still running after its own length
and PLAYER_START (a player that should have finished is stuck: with a sound a second, a player
that hangs leaves one running at most), and any beyond MAX_PLAYING, the oldest first, however fast
sounds come (a key held down skipping phases). The newest sound is the one that means now (a
start, a stop): skipping it instead would lose the one that matters.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NamedTuple

from lowback_tui.child_processes import CHILDREN, Child, Children
from lowback_tui.core.logs import log

LINUX_PLAYERS = (("pw-play", ()), ("paplay", ()), ("aplay", ("-q",)))
"""Tried in this order: the sound server most systems run now, the one before it, bare ALSA."""
MAC_PLAYERS = (("afplay", ()),)

PLAYER_MARGIN = 2.0
"""Seconds a player may take beyond its sound's length: a sound server that was asleep can take
a second to answer (PipeWire, PulseAudio), and a busy machine as long again."""
PLAYER_START = 0.3
"""Seconds a player takes to start before its sound is heard, about (at an end, a sound is let
play this long and its own length)."""
PLAYER_FLOOR = 2.5
PLAYER_CEILING = 10.0
"""The time limit of one sound is never shorter or longer than these, whatever its length."""
MAX_PLAYING = 4
"""Sounds playing at once at most: every sound of a session could overlap once, not more."""


def time_limit(seconds: float) -> float:
    """The seconds a player may run to play a sound `seconds` long."""
    return min(max(seconds + PLAYER_MARGIN, PLAYER_FLOOR), PLAYER_CEILING)


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

    def __init__(self, command: tuple[str, ...], children: Children = CHILDREN) -> None:
        self.command = command
        self.failed = ""
        """Set once the player has failed (no sound device, say): the caller falls back."""
        self.children = children
        self._playing: list[Child] = []

    @property
    def name(self) -> str:
        """The player's name, as a person would recognise it."""
        return Path(self.command[0]).name

    def play(self, path: Path, seconds: float) -> None:
        """Start playing `path`, a sound `seconds` long, and return at once (nothing once the
        player has failed)."""
        self.collect()
        if self.failed:
            return
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            return
        now = self.children.clock()
        too_many = len(self._playing) - MAX_PLAYING + 1
        for n, earlier in enumerate(self._playing):
            if n < too_many or earlier.due <= now:
                self.children.end(earlier)
        try:
            argv = [*self.command, str(path)]
            child = self.children.start(argv, time_limit(seconds), length=PLAYER_START + seconds)
        except OSError as error:
            self._fail(f"{self.name} could not start ({error.strerror})")
            return
        if child is not None:
            self._playing.append(child)

    def collect(self) -> None:
        """Forget the players that have finished or were ended, noticing any that failed."""
        still: list[Child] = []
        for child in self._playing:
            status = child.poll()
            if child.overran:
                self._fail(f"{self.name} did not finish a sound in time")
            elif status is None and not child.ended:
                still.append(child)
            elif status is not None and status > 0:
                self._fail(f"{self.name} exited with status {status}")
        self._playing = still

    def stop(self) -> None:
        """End every sound still playing."""
        for child in self._playing:
            self.children.end(child)
        self._playing = []

    def _fail(self, why: str) -> None:
        if not self.failed:
            log.warning("sound: %s; the terminal bell is used instead", why)
            self.failed = why
