"""Speaking a line through the system's speech engine, cut off by the next one.

The engine is the person's own command (`voice_command` in config.toml) or the first found of
speech-dispatcher's `spd-say`, `espeak-ng`, `espeak`, macOS `say`, or Windows' SAPI through
PowerShell. Each line is one process, started and left to speak; a phase change stops the line
before it (and any waiting their turn), so speech never falls behind the clock, and a count that
would talk over an announcement is left out. After a session the lines wait their turn instead
("Session done.", then the question after it): a thread waits for each line to end before it
starts the next. Every process is the Voice's own: stopped with its process group on a phase
change, a pause, `stop`, and when lowback exits. The words are passed as one argument (never
through a shell) or, to PowerShell, on its standard input.
"""

from __future__ import annotations

import atexit
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import unicodedata
import weakref
from collections import deque
from typing import NamedTuple

from lowback_tui.core.logs import log

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


_VOICES: weakref.WeakSet[Voice] = weakref.WeakSet()
"""Every Voice made, to be stopped when lowback exits."""


@atexit.register
def _stop_every_voice() -> None:
    for voice in list(_VOICES):
        voice.stop()


class Voice:
    """Says one line at a time through `engine`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.failed = ""
        self._speaking: subprocess.Popen[bytes] | None = None
        self._waiting: deque[str] = deque()
        """Lines to say in turn, once the one being said has ended."""
        self._lock = threading.Lock()
        self._turns: threading.Thread | None = None
        _VOICES.add(self)

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
        """Start each waiting line as the one before it ends (its own thread)."""
        while True:
            with self._lock:
                process = self._speaking
                if process is None or process.poll() is not None:
                    if not self._waiting:
                        self._turns = None
                        return
                    process = self._speaking = self._start(self._waiting.popleft())
                    continue
            process.wait()

    def stop(self) -> None:
        """Stop the line being said, if any, and forget those waiting their turn."""
        with self._lock:
            self._waiting.clear()
            process, self._speaking = self._speaking, None
        if process is None or process.poll() is not None:
            return
        try:
            if sys.platform == "win32":
                process.terminate()
            else:
                os.killpg(process.pid, signal.SIGTERM)  # the engine and anything it started
        except OSError:
            pass  # it ended in the meantime
        if self.engine.name == "spd-say":  # the service speaks on: cancel it there too
            self._start_process([self.engine.command[0], "-C"], None)

    def _start(self, words: str) -> subprocess.Popen[bytes] | None:
        command = self.engine.command
        if TEXT not in command:  # PowerShell: the words go on its standard input
            return self._start_process(list(command), words)
        return self._start_process([words if part == TEXT else part for part in command], None)

    def _start_process(self, argv: list[str], stdin: str | None) -> subprocess.Popen[bytes] | None:
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as error:
            if not self.failed:
                log.warning("voice: %s could not start (%s)", argv[0], error.strerror)
                self.failed = f"{os.path.basename(argv[0])} could not start"
            return None
        if stdin is not None and process.stdin is not None:
            try:
                process.stdin.write(stdin.encode("utf-8"))
                process.stdin.close()
            except OSError:
                pass
        return process
