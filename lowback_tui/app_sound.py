"""The app's sound and voice: the Speaker a session plays through (made when first needed), the
keys that change them everywhere (m: tones, the bell or none; v: the voice), and the sound
test. LowbackApp is built on it; it knows the Trainer's preferences and nothing of screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from lowback_tui.core.settings import next_sound

if TYPE_CHECKING:
    from lowback_tui.audio.speaker import Speaker
    from lowback_tui.core.session.guidance import Sound
    from lowback_tui.core.trainer import Trainer


class SoundAndVoice(App[None]):
    """An App with lowback's sound and voice actions; `trainer` is set by LowbackApp."""

    trainer: Trainer
    _speaker: Speaker | None = None

    @property
    def speaker(self) -> Speaker:
        """Plays a session's tones, bell and voice (made when first needed, not at start-up)."""
        if self._speaker is None:
            from lowback_tui.audio.speaker import Speaker

            self._speaker = Speaker(self.trainer.preferences, self.bell)
        return self._speaker

    def on_unmount(self) -> None:
        """The app is closing (a quit, a signal, a crash): no sound or voice outlives it."""
        if self._speaker is not None:
            self._speaker.close()

    def action_cycle_sound(self) -> None:
        """Tones, the bell, or no sound: the next one, remembered."""
        preferences = self.trainer.preferences
        saved = preferences.change(sound=next_sound(preferences.settings.sound))
        self._said_and_saved(f"Sound: {self.speaker.sound_in_use()}", saved)

    def action_toggle_voice(self) -> None:
        """Speak each change, or not; remembered."""
        preferences = self.trainer.preferences
        saved = preferences.change(voice=not preferences.settings.voice)
        if not preferences.settings.voice:
            self.speaker.hush()
        self._said_and_saved(f"Voice {self.speaker.voice_in_use()}", saved)

    def _said_and_saved(self, message: str, saved: bool) -> None:
        if saved:
            self.notify(message, timeout=3)
        else:
            self.notify(f"{message}, for now (not saved)")

    def action_sound_test(self) -> None:
        """Play every sound a second apart, then speak a line, naming each as it plays."""
        from lowback_tui.audio.sound_test import GAP_SECONDS, LINE, STEPS, sample
        from lowback_tui.core.session.guidance import Cue, Say

        speaker = self.speaker
        self.notify(speaker.describe(), title="Sound test", timeout=4 + GAP_SECONDS * len(STEPS))
        for n, (sound, meaning) in enumerate(STEPS):

            def play(sound: Sound = sound, meaning: str = meaning) -> None:
                speaker.play([Cue(sound, "", Say.IF_QUIET)])
                self.notify(f"Playing {meaning}", timeout=GAP_SECONDS)

            self.set_timer(GAP_SECONDS * n + 0.01, play)
        words, speak = sample(speaker)

        def speak_line() -> None:
            self.notify(words, timeout=4, markup=False)
            if speak:
                speaker.say(LINE)

        self.set_timer(GAP_SECONDS * len(STEPS) + 0.01, speak_line)
