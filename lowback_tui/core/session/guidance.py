"""What a session sounds like: the cues that let a person follow it without looking.

Most of the routine is done face down, facing a wall or looking at the ceiling, so every change
that matters has a sound and words: an effort starts, an effort ends, the last seconds before
either are counted, the session ends. The Guide turns the engine's own events into these cues
the moment the engine reports them, so nothing is ever announced late: a phase that passed
unnoticed (a late timer) is not announced at all, only the one the session is in now.

Front ends play the cues through an Announcer (tones, the bell, a voice), which is theirs: the
core says what to announce and when, never how it sounds.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol

from lowback_tui.core.session import words as session_words
from lowback_tui.core.session.announcements import Script, first_count
from lowback_tui.core.session.engine import Clock, Event, PhaseStarted, SessionFinished, State
from lowback_tui.core.session.speech_time import seconds_to_say

if TYPE_CHECKING:
    from lowback_tui.core.routine.model import Routine
    from lowback_tui.core.routine.plan import Phase
    from lowback_tui.core.session.engine import View


class Sound(StrEnum):
    """The sounds of a session, each with one meaning."""

    START = "start"
    """An effort begins: hold, or work."""
    STOP = "stop"
    """An effort ends: let go."""
    TICK = "tick"
    """One of the last seconds before an effort starts or ends."""
    FINISH = "finish"
    """The session is over."""


class Say(StrEnum):
    """When a cue's words are said, against anything still being said."""

    NOW = "now"
    """A phase change: it cuts off anything still being said (plain mode prints it)."""
    IF_QUIET = "if quiet"
    """A count: left out while the voice is still busy with the line before it."""
    IN_TURN = "in turn"
    """After the session (the question after it, what each answer did): said once everything
    before it is, never cutting it off."""


class Cue(NamedTuple):
    """One thing to sound and say, at once."""

    sound: Sound | None
    words: str
    """What a voice says, and plain mode prints when said NOW."""
    say: Say = Say.NOW

    @property
    def urgent(self) -> bool:
        """True for a phase change, which cuts off anything still being said."""
        return self.say is Say.NOW


class Announcer(Protocol):
    """Where cues go: the front end's tones, bell, voice or printed lines."""

    def play(self, cues: Sequence[Cue]) -> None:
        """Sound and say these now, without waiting for them to finish."""

    def hush(self) -> None:
        """Stop anything still being said (the session paused or ended)."""


class Guide:
    """Turns a session's events into cues; one Guide per session (begun at exercise
    `start_at`, for a session carried on)."""

    def __init__(
        self, routine: Routine, count: int, start_at: int = 0, clock: Clock = time.monotonic
    ) -> None:
        self.routine = routine
        self.count = count
        """The last seconds of an effort, and before one, that are counted; 0 counts none."""
        self._script = Script(routine, count, start_at)
        self._clock = clock
        self._current: Phase | None = None
        self._heard: Phase | None = None
        """The phase whose words were said last, unless a hush cut them off."""
        self._said = ("", 0.0)
        """Those words, and when they began: cut off by the next phase before their end (space
        while settling in, a skip in a rest), they were not heard either."""
        self._counted = math.inf
        """The lowest second already counted in the current phase."""

    def cues(self, events: Sequence[Event], view: View) -> list[Cue]:
        """Everything to announce now: the newest phase change in `events`, then the count."""
        cues: list[Cue] = []
        started = [event.phase for event in events if isinstance(event, PhaseStarted)]
        if any(isinstance(event, SessionFinished) for event in events):
            self._current = None
            return [Cue(Sound.FINISH, session_words.SESSION_DONE)]
        if started:
            # Only the newest phase: any others in the same batch are over already, unheard.
            before = started[-2] if len(started) > 1 else self._current
            phase = started[-1]
            words = self._script.words(phase, view.next_phase, self._heard_in_full())
            cues.append(Cue(_sound_between(before, phase), words))
            self._current = self._heard = phase
            self._said = (words, self._clock())
            self._counted = math.inf
        if view.state is State.RUNNING and (second := self._second_due(view)) is not None:
            self._counted = second
            cues.append(Cue(Sound.TICK, str(second), Say.IF_QUIET))
        return cues

    def _heard_in_full(self) -> Phase | None:
        """The phase whose words were said last, if they had the time to be said to the end."""
        words, began = self._said
        return self._heard if self._clock() - began >= seconds_to_say(words) else None

    def hushed(self) -> None:
        """The voice was stopped mid-line (a pause): what it was saying was not heard."""
        self._heard = None

    def seconds_to_next_count(self, view: View) -> float:
        """How long until the next second is counted (inf: none is left in this phase)."""
        second = self._next_second(view)
        return math.inf if second is None else max(view.seconds_left - second, 0.0)

    def _next_second(self, view: View) -> int | None:
        """The next second to count in this phase, whether or not its moment has come."""
        second = first_count(view.phase, view.next_phase, self.count)
        if self._counted <= second:
            second = int(self._counted) - 1
        return second if second >= 1 else None

    def _second_due(self, view: View) -> int | None:
        """The second to count now, if its moment has come and it was not counted yet (after a
        late wake-up, only the latest: a count that is already over is never given)."""
        limit = self._next_second(view)
        now = math.ceil(view.seconds_left)  # the digit on screen: 3 from 3.0 s left down to 2.0
        return now if limit is not None and 1 <= now <= limit else None


def _sound_between(before: Phase | None, phase: Phase) -> Sound | None:
    """The sound at the change from `before` to `phase`: an effort starts, or one ends."""
    if phase.kind.is_active:
        return Sound.START
    if before is not None and before.kind.is_active:
        return Sound.STOP
    return None
