"""Trying the sounds and the voice before lying down: `lowback sound-test` and the palette entry.

Each sound is played once, a second apart, named as it plays, then one line is spoken, saying so
when the voice is off (a sample of what `v` turns on) and not claiming to speak when there is
no speech engine; and what plays them on this machine is said.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from lowback_tui.audio.speaker import Speaker
from lowback_tui.core.session.guidance import Cue, Say, Sound
from lowback_tui.core.settings import Preferences

STEPS: tuple[tuple[Sound, str], ...] = (
    (Sound.TICK, "a tick: one of the last seconds before a hold starts or ends"),
    (Sound.START, "start: hold now (two notes, going up)"),
    (Sound.STOP, "stop: let go (two notes, going down)"),
    (Sound.FINISH, "finish: the session is over"),
)
LINE = "This is how lowback speaks: left leg, hold, 1 of 5."
GAP_SECONDS = 1.2


def sound_test(preferences: Preferences, bell: Callable[[], None], say: Callable[[str], None],
               sleep: Callable[[float], None] = time.sleep) -> int:  # fmt: skip
    """Play and speak everything, a step at a time, saying what each is; the exit status."""
    speaker = Speaker(preferences, bell)
    first = speaker.describe()
    say(first)
    if preferences.settings.sound == "off":
        say('Sound is off (m in the app, or sound = "tones" in config.toml, turns it on).')
    for sound, meaning in STEPS:
        say(f"Playing {meaning}")
        speaker.play([Cue(sound, "", Say.IF_QUIET)])
        sleep(GAP_SECONDS)
    words, speak = sample(speaker)
    say(words)
    if speak:
        speaker.say(LINE)
        sleep(GAP_SECONDS)
    after = speaker.describe()
    if after != first:
        say(f"Now: {after}")
    return 0


def sample(speaker: Speaker) -> tuple[str, bool]:
    """What to say before the sample line, and whether it can be spoken at all."""
    if not speaker.can_speak():
        return "No line spoken: there is no speech engine to speak it (see Voice above).", False
    if not speaker.preferences.settings.voice:
        return f"Speaking a sample, though the voice is off (v turns it on): {LINE}", True
    return f"Speaking: {LINE}", True
