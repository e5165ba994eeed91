"""Speaking a line through the system's speech engine, cut off by the next one.

The engine is the person's own command (`voice_command` in config.toml) or the first found of
speech-dispatcher's `spd-say`, `espeak-ng`, `espeak`, macOS `say`, or Windows' SAPI through
PowerShell. Each line is one process, started and left to speak; a phase change stops the line
before it (and any waiting their turn), so speech never falls behind the clock, and a count that
would talk over an announcement is left out. After a session the lines wait their turn instead
("Session done.", then the question after it): a thread waits for each line to end before it
starts the next. Every process is owned by child_processes.py: stopped with its process group on a
phase change, a pause, `stop`, at its time limit (the line's estimated length, SPEECH_SLOWEST
times over, and SPEECH_MARGIN), and when lowback exits; the lines waiting their turn are dropped
when the line before them is ended so. The words are passed as one argument (never through a
shell) or, to PowerShell, on its standard input.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import threading
import time
import unicodedata
from collections import deque
from typing import NamedTuple

from lowback_tui.child_processes import CHILDREN, Child, Children
from lowback_tui.core.logs import log
from lowback_tui.core.session.speech_time import ENGINE_START, seconds_to_say

ENGINES = ("spd-say", "espeak-ng", "espeak")
"""Tried in this order on Linux and the BSDs: the desktop's speech service, then the engines."""
POWERSHELL_SPEAK = (
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak([Console]::In.ReadToEnd())"
)
TEXT = "{text}"
"""Where the words go in a voice_command; without it they are its last argument."""
LONGEST = 300
"""Characters spoken at most: a line is a few words, whatever a routine file says."""

SPEECH_SLOWEST = 3.0
"""How many times longer than its estimate (speech_time.py, made for espeak-ng's usual rate) a
line may take: a slow voice of the person's own (espeak-ng -s 60) or a slow speech service."""
SPEECH_MARGIN = 3.0
"""Seconds more for the engine to start: PowerShell loads its speech library in a second or two,
a speech service that was asleep wakes."""
SPEECH_FLOOR = 6.0
SPEECH_CEILING = 60.0
"""A line's time limit is never shorter or longer than these (the longest line, LONGEST
characters, is estimated at about 20 s)."""
CANCEL_SECONDS = 5.0
"""The time limit of `spd-say -C`, which only asks the speech service to stop."""


def time_limit(words: str) -> float:
    """The seconds an engine may run to say `words`."""
    seconds = ENGINE_START + seconds_to_say(words) * SPEECH_SLOWEST + SPEECH_MARGIN
    return min(max(seconds, SPEECH_FLOOR), SPEECH_CEILING)


class Engine(NamedTuple):
    """A way to speak, or why there is none."""

    command: tuple[str, ...]
    """The command, with TEXT where the words go; () when there is none."""
    name: str
    why_not: str = ""


def find_engine(own_command: str = "", platform: str = sys.platform) -> Engine:
    """The speech engine to use: the person's own command, or the first one installed."""
    if own_command.strip():
        try:
            words = tuple(shlex.split(own_command))
        except ValueError as error:
            return Engine((), "", f"voice_command cannot be read ({error})")
        if not words or not shutil.which(words[0]):
            return Engine((), "", f"voice_command {own_command!r}: no such program")
        command = words if TEXT in words else (*words, TEXT)
        return Engine(command, os.path.basename(words[0]))
    if platform == "win32":
        if path := shutil.which("powershell") or shutil.which("pwsh"):
            return Engine((path, "-NoProfile", "-NonInteractive", "-Command", POWERSHELL_SPEAK),
                          "Windows speech")  # fmt: skip
        return Engine((), "", "PowerShell not found")
    names = ("say",) if platform == "darwin" else ENGINES
    for name in names:
        if path := shutil.which(name):
            wait = ("-w",) if name == "spd-say" else ()  # stays until said, so it can be cut off
            return Engine((path, *wait, TEXT), name)
    return Engine((), "", f"no speech engine found ({', '.join(names)})")


def speakable(text: str) -> str:
    """The words as safe to hand to any engine: no control characters, no leading dash (never
    read as an option), one line, not too long."""
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(kept.split())[:LONGEST].lstrip("- ").rstrip()


class Voice:
    """Says one line at a time through `engine`."""

    def __init__(self, engine: Engine, children: Children = CHILDREN) -> None:
        self.engine = engine
        self.failed = ""
        self.children = children
        self._speaking: Child | None = None
        self._waiting: deque[str] = deque()
        """Lines to say in turn, once the one being said has ended."""
        self._lock = threading.Lock()
        self._turns: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        """True while a line is still being said, or waits its turn."""
        speaking = self._speaking is not None and self._speaking.poll() is None
        return speaking or bool(self._waiting)

    def say(self, text: str, interrupt: bool = True) -> None:
        """Start saying `text` now, cutting off anything still said or waiting; with `interrupt`
        False, only if nothing is."""
        words = speakable(text)
        if not words or not self.engine.command or self.failed:
            return
        if self.busy:
            if not interrupt:
                return
            self.stop()
        with self._lock:
            self._speaking = self._start(words)

    def say_in_turn(self, text: str) -> None:
        """Say `text` once everything before it has been said, without waiting here."""
        words = speakable(text)
        if not words or not self.engine.command or self.failed:
            return
        with self._lock:
            speaking = self._speaking is not None and self._speaking.poll() is None
            if not speaking and not self._waiting:
                self._speaking = self._start(words)
                return
            self._waiting.append(words)
            if self._turns is None or not self._turns.is_alive():
                self._turns = threading.Thread(target=self._take_turns, daemon=True)
                self._turns.start()

    def _take_turns(self) -> None:
        """Start each waiting line as the one before it ends (its own thread); a line ended by
        lowback (its time limit, the exit) drops those waiting."""
        while True:
            with self._lock:
                child = self._speaking
                if child is None or child.poll() is not None:
                    if child is not None and child.ended:
                        self._waiting.clear()
                    if not self._waiting:
                        self._turns = None
                        return
                    child = self._speaking = self._start(self._waiting.popleft())
                    continue
            child.process.wait()

    def finish(self, within: float) -> None:
        """Wait, at most `within` seconds, for the line being said and those waiting their turn
        to be said (before a front end closes, which would cut them off)."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            with self._lock:  # not between a line taken from those waiting and its start
                if not self.busy:
                    return
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the line being said, if any, and forget those waiting their turn."""
        with self._lock:
            self._waiting.clear()
            child, self._speaking = self._speaking, None
        if child is None or child.poll() is not None:
            return
        self.children.end(child)  # the engine and anything it started
        if self.engine.name == "spd-say":  # the service speaks on: cancel it there too
            self._start_process([self.engine.command[0], "-C"], None, CANCEL_SECONDS)

    def _start(self, words: str) -> Child | None:
        command = self.engine.command
        limit = time_limit(words)
        if TEXT not in command:  # PowerShell: the words go on its standard input
            return self._start_process(list(command), words, limit)
        argv = [words if part == TEXT else part for part in command]
        return self._start_process(argv, None, limit)

    def _start_process(self, argv: list[str], stdin: str | None, limit: float) -> Child | None:
        try:
            data = stdin.encode("utf-8") if stdin is not None else None
            return self.children.start(argv, limit, data)  # a line is cut off at an end
        except OSError as error:
            if not self.failed:
                log.warning("voice: %s could not start (%s)", argv[0], error.strerror)
                self.failed = f"{os.path.basename(argv[0])} could not start"
            return None
