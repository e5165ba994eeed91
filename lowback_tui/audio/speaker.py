"""The Speaker: plays a session's cues as tones or the bell, and speaks them if voice is on.

Both front ends use it (the app rings the bell through Textual, plain mode writes BEL). It reads
the person's settings at every cue, so `m` and `v` take effect at once. The player and the
speech engine are looked up the first time they are needed, and what is in use is said once,
in the log and by `describe()`, which the `?` screen and `lowback sound-test` show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from lowback_tui.audio.players import Player, find_player
from lowback_tui.audio.voices import Engine, Voice, find_engine
from lowback_tui.child_processes import CHILDREN, Children
from lowback_tui.core.logs import log
from lowback_tui.core.session.guidance import Cue, Say, Sound
from lowback_tui.core.settings import Preferences

if TYPE_CHECKING:
    from lowback_tui.audio.tones import Tones
    from lowback_tui.core.settings import SoundSetting

BELL_SOUNDS = (Sound.START, Sound.STOP, Sound.FINISH)
"""The bell cannot tell sounds apart, so it rings only for these: a bell every second of a
count would be noise (and many terminals flash instead)."""


FINISH_SECONDS = 60.0
"""The longest plain mode waits, as it ends, for the voice to say what follows a session: the
pain line, a "see a doctor" advice and the course line take some 20 s at espeak-ng's rate;
ctrl+c ends it sooner."""


class Speaker:
    """Plays cues as the person's settings say; an Announcer for a SessionRun."""

    def __init__(self, preferences: Preferences, bell: Callable[[], None],
                 children: Children = CHILDREN) -> None:  # fmt: skip
        self.preferences = preferences
        self.bell = bell
        self.children = children
        """Where the player's and the voice's processes are owned."""
        self._player: Player | None = None
        self._player_why_not = ""
        self._tones: Tones | None = None
        self._voice: Voice | None = None
        self._ready = False

    # ---- finding what the machine has ------------------------------------------------------------

    def _get_ready(self) -> None:
        """Find the player and the speech engine, and make the tones (once)."""
        if self._ready:
            return
        self._ready = True
        found = find_player()
        if found.command:
            try:
                from lowback_tui.audio.tones import Tones

                self._tones = Tones()
                self._player = Player(found.command, self.children)
            except OSError as error:
                self._player_why_not = f"the tones could not be made ({error.strerror})"
        else:
            self._player_why_not = found.why_not
        self._voice = Voice(find_engine(self.preferences.settings.voice_command), self.children)
        log.info("sound: %s; voice: %s", self.sound_in_use(), self.voice_in_use())

    def sound_in_use(self) -> str:
        """What the sound setting plays through on this machine, in words."""
        self._get_ready()
        mode = self.preferences.settings.sound
        if mode == "off":
            return "off"
        if mode == "bell":
            return "the terminal bell"
        player = self._player
        if player is not None:
            player.collect()  # notice a player that has failed since
        if player is None or player.failed:
            why = player.failed if player is not None else self._player_why_not
            return f"the terminal bell; {why}"
        return f"tones, played by {player.name}"

    def voice_in_use(self) -> str:
        """Which speech engine speaks, in words."""
        self._get_ready()
        engine = self._engine()
        state = "on" if self.preferences.settings.voice else "off"
        if not engine.command:
            return f"{state}, but {engine.why_not}"
        return f"{state}, through {engine.name}"

    def describe(self, between: str = " ") -> str:
        """Sound and voice in use, in a line (or two, `between` them)."""
        return f"Sound: {self.sound_in_use()}.{between}Voice: {self.voice_in_use()}."

    def _engine(self) -> Engine:
        assert self._voice is not None, "found by _get_ready"
        return self._voice.engine

    # ---- the Announcer ---------------------------------------------------------------------------

    def play(self, cues: Sequence[Cue]) -> None:
        """Sound and say `cues` now, in the background."""
        self._get_ready()
        settings = self.preferences.settings
        for cue in cues:
            if cue.sound is not None and settings.sound != "off":
                self._sound(cue.sound, settings.sound)
            if settings.voice and self._voice is not None:
                if cue.say is Say.IN_TURN:
                    self._voice.say_in_turn(cue.words)
                else:
                    self._voice.say(cue.words, interrupt=cue.urgent)

    def can_speak(self) -> bool:
        """True when a speech engine was found and has not failed (whatever the setting)."""
        self._get_ready()
        voice = self._voice
        return voice is not None and bool(voice.engine.command) and not voice.failed

    def hush(self) -> None:
        """Stop the voice mid-line, and anything waiting its turn."""
        if self._voice is not None:
            self._voice.stop()

    def finish(self, within: float = FINISH_SECONDS) -> None:
        """Let the voice say what it still has to (after a session: the pain line, the advice,
        the course), for at most `within` seconds: closing would cut it off."""
        if self._voice is not None:
            self._voice.finish(within)

    def close(self) -> None:
        """The front end is closing: stop the voice, and end every sound and speech process
        lowback started, each with its group (child_processes.py; at exit this happens anyway)."""
        self.hush()
        if self._player is not None:
            self._player.stop()
        self.children.end_all()

    def _sound(self, sound: Sound, mode: SoundSetting) -> None:
        player, tones = self._player, self._tones
        if mode == "tones" and player is not None and tones is not None and not player.failed:
            from lowback_tui.audio.tones import seconds

            try:
                path = tones.path(sound)  # made again if it is no longer the file it was
            except OSError as error:
                log.warning("sound: %s could not be made again (%s); the bell instead",
                            sound.value, error.strerror)  # fmt: skip
            else:
                player.play(path, seconds(sound))
                if not player.failed:
                    return
        if sound in BELL_SOUNDS:
            self.bell()

    def say(self, words: str) -> None:
        """Say one line whatever the voice setting is (the sound test)."""
        self._get_ready()
        if self._voice is not None:
            self._voice.say(words)
