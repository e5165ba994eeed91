"""The estimate of how long a line takes to say."""

from __future__ import annotations

import pytest

from lowback_tui.core.session.speech_time import (
    ENGINE_START,
    consonants,
    fits,
    number_words,
    seconds_to_say,
    syllables,
    words_of,
)

MEASURED = {
    "Hold, left leg.": 1.44,
    "Left arm, right leg, hold, 1 of 3.": 2.95,
    "Switch to the right leg.": 1.47,
    "Right leg.": 0.85,
    "Session done.": 1.03,
    "How is your back now?": 1.34,
    "Left leg first.": 1.20,
    "Knee to chest. Left leg first.": 2.17,
    "Hold.": 0.73,
    "Right.": 0.64,
    "Relax.": 0.77,
    "Get ready.": 0.80,
    "Ready.": 0.64,
    "Work, 30 seconds.": 1.73,
}
"""WAV lengths from espeak-ng 1.51 at its default rate (the brief's and this machine's), for the
machines without it: the estimate is never shorter, nor much longer."""


@pytest.mark.parametrize(("line", "seconds"), list(MEASURED.items()))
def test_the_estimate_is_never_shorter_than_espeak_ng_and_not_much_longer(
    line: str, seconds: float
) -> None:
    assert seconds <= seconds_to_say(line) <= seconds * 1.35


@pytest.mark.parametrize(
    ("number", "said"),
    [(0, "zero"), (7, "seven"), (15, "fifteen"), (20, "twenty"), (21, "twenty one"),
     (99, "ninety nine"), (100, "one hundred"), (115, "one hundred and fifteen"),
     (999, "nine hundred and ninety nine"), (1000, "one zero zero zero"),
     (1999, "one nine nine nine")],
)  # fmt: skip
def test_numbers_are_counted_as_they_are_said(number: int, said: str) -> None:
    assert number_words(number) == said


def test_the_words_of_a_line() -> None:
    assert words_of("Hold, left leg, 1 of 5.") == ["hold", "left", "leg", "one", "of", "five"]
    assert words_of("Rest 15 seconds.")[1] == "fifteen"
    assert words_of("... ,;") == []


@pytest.mark.parametrize(
    ("word", "count"),
    [("hold", 1), ("ready", 2), ("relax", 2), ("session", 2), ("seconds", 2), ("side", 1),
     ("gentle", 2), ("knee", 1), ("eye", 1), ("rhythm", 1), ("position", 3),
     ("agree", 2), ("goodbye", 2), ("escape", 2), ("someone", 2)],
)  # fmt: skip
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("word", "count"),
    [("hold", 3), ("switch", 4), ("thigh", 2), ("back", 2), ("all", 1), ("queen", 2),
     ("length", 3)],  # ng and th side by side: two sounds
)  # fmt: skip
def test_consonant_sounds(word: str, count: int) -> None:
    assert consonants(word) == count


def test_more_to_say_takes_longer_and_nothing_takes_nothing() -> None:
    assert seconds_to_say("") == seconds_to_say("  ...  ") == 0.0
    assert seconds_to_say("Hold.") < seconds_to_say("Hold, left leg.")
    assert seconds_to_say("Hold left leg.") < seconds_to_say("Hold, left leg.")  # a pause
    assert seconds_to_say("Hold. Left leg.") > seconds_to_say("Hold, left leg.")  # a full stop


def test_a_line_fits_when_it_ends_with_the_engine_s_start_in_time() -> None:
    line = "Hold, left leg."
    needed = ENGINE_START + seconds_to_say(line)
    assert fits(line, needed)
    assert not fits(line, needed - 0.001)
    assert ENGINE_START == 0.1
