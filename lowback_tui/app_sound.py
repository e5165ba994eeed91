"""The app's sound and voice: the Speaker a session plays through (made when first needed), what
the keys that change them everywhere do (m: tones, the bell or none; v: the voice), and the
sound test. LowbackApp holds one `SoundControls` and routes those actions to it; it knows the
person's preferences and nothing of screens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lowback_tui.core.settings import next_sound

if TYPE_CHECKING:
    from textual.app import App

    from lowback_tui.audio.speaker import Speaker
    from lowback_tui.core.session.guidance import Sound
    from lowback_tui.core.settings import Preferences


class SoundControls:
    """The sound and voice of `app`, by the person's `preferences`."""

    def __init__(self, preferences: Preferences, app: App[Any]) -> None:
        self.preferences = preferences
        self.app = app
        self._speaker: Speaker | None = None

    @property
    def speaker(self) -> Speaker:
        """Plays a session's tones, bell and voice (made when first needed, not at start-up)."""
        if self._speaker is None:
            from lowback_tui.audio.speaker import Speaker

            self._speaker = Speaker(self.preferences, self.app.bell)
        return self._speaker

    def close(self) -> None:
        """The app is closing (a quit, a signal, a crash): no sound or voice outlives it."""
        if self._speaker is not None:
            self._speaker.close()

    def cycle_sound(self) -> None:
        """Tones, the bell, or no sound: the next one, remembered."""
        preferences = self.preferences
        saved = preferences.change(sound=next_sound(preferences.settings.sound))
        self._said_and_saved(f"Sound: {self.speaker.sound_in_use()}", saved)

    def toggle_voice(self) -> None:
        """Speak each change, or not; remembered."""
        preferences = self.preferences
        saved = preferences.change(voice=not preferences.settings.voice)
        if not preferences.settings.voice:
            self.speaker.hush()
        self._said_and_saved(f"Voice {self.speaker.voice_in_use()}", saved)

    def _said_and_saved(self, message: str, saved: bool) -> None:
        if saved:
            self.app.notify(message, timeout=3)
        else:
            self.app.notify(f"{message}, for now (not saved)")

    def sound_test(self) -> None:
        """Play every sound a second apart, then speak a line, naming each as it plays."""
        from lowback_tui.audio.sound_test import GAP_SECONDS, LINE, STEPS, sample
        from lowback_tui.core.session.guidance import Cue, Say

        speaker, app = self.speaker, self.app
        app.notify(speaker.describe(), title="Sound test", timeout=4 + GAP_SECONDS * len(STEPS))
        for n, (sound, meaning) in enumerate(STEPS):

            def play(sound: Sound = sound, meaning: str = meaning) -> None:
                speaker.play([Cue(sound, "", Say.IF_QUIET)])
                app.notify(f"Playing {meaning}", timeout=GAP_SECONDS)

            app.set_timer(GAP_SECONDS * n + 0.01, play)
        words, speak = sample(speaker)

        def speak_line() -> None:
            app.notify(words, timeout=4, markup=False)
            if speak:
                speaker.say(LINE)

        app.set_timer(GAP_SECONDS * len(STEPS) + 0.01, speak_line)
