"""How long a line takes to say: an estimate from its words, to plan what the voice says.

A line said as a phase begins must be over before the first second of the count, or the count
is left out (a count never talks over a line). The estimate is calibrated on espeak-ng 1.51 at
its default rate (175 words a minute), the engine lowback finds first on Linux, and measured as
the length of the WAV it writes, trailing silence included (about 0.3 s): a least-squares fit
on 209 lines (every cue, name, side and announcement of the bundled routines) raised by
SAFETY, so that no line of the bundled routines takes longer than its estimate (tests check it
with the real engine where one is installed; `benchmarks/announcements.py` prints the table).
Other engines and voices differ; a slower one loses a count now and then, never a phase.
"""

from __future__ import annotations

import re

_ONES = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# The fit: seconds for the line, each syllable, word, consonant sound, pause inside a sentence
# (a comma, a colon, a semicolon, a bracket) and full stop inside the line.
LINE = 0.373
"""The line itself: the engine's start and the silence after the last word."""
PER_SYLLABLE = 0.046
PER_WORD = 0.048
PER_CONSONANT = 0.065
PER_PAUSE = 0.26
PER_STOP = 0.454
SAFETY = 1.12
"""The fit, raised by this much: the longest bundled line was 11 % longer than the fit."""

ENGINE_START = 0.1
"""Seconds to allow the engine to start (espeak-ng takes about 0.02 s) before the first word."""


def number_words(number: int) -> str:
    """A whole number as it is said: 21 -> "twenty one" (digit by digit from 1000 up)."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")
    return " ".join(_ONES[int(digit)] for digit in str(number))


def words_of(line: str) -> list[str]:
    """The words of a line as they are said, numbers spelt out, in lower case."""
    spelt = re.sub(r"\d+", lambda found: f" {number_words(int(found[0]))} ", line)
    return re.findall(r"[a-z']+", spelt.lower())


def syllables(word: str) -> int:
    """Syllables in an English word, near enough: its groups of vowels, less a silent final e."""
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(count, 1)


def consonants(word: str) -> int:
    """Consonant sounds in a word, near enough: its consonant letters, with a doubled letter
    and the pairs that make one sound (th, sh, ch, ng, ck, ph, wh, gh, qu) counted once."""
    word = re.sub(r"th|sh|ch|ng|ck|ph|wh|gh|qu", "X", word)
    word = re.sub(r"([a-z])\1", r"\1", word)
    return len(re.findall(r"[b-df-hj-np-tv-zX]", word))


def seconds_to_say(line: str) -> float:
    """About how long `line` takes to say, never much less (see the module's note)."""
    words = words_of(line)
    if not words:
        return 0.0
    fit = (
        LINE
        + PER_SYLLABLE * sum(syllables(word) for word in words)
        + PER_WORD * len(words)
        + PER_CONSONANT * sum(consonants(word) for word in words)
        + PER_PAUSE * len(re.findall(r"[,;:(]", line))
        + PER_STOP * len(re.findall(r"[.!?]\s", line))
    )
    return fit * SAFETY


def fits(line: str, seconds: float) -> bool:
    """True when `line` is said, engine start and all, within `seconds`."""
    return ENGINE_START + seconds_to_say(line) <= seconds
