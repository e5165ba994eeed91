"""What the voice says at each phase, and that it fits the time the phase gives it (issue 21).

Measured with the real espeak-ng where it is installed; with the estimate everywhere (CI has no
speech engine).
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from lowback_tui.core.routine.file import load, loads
from lowback_tui.core.routine.library import resolve
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind, Phase, Side
from lowback_tui.core.session.announcements import (
    SETTLE_IN,
    Script,
    first_count,
    longest,
    sentences,
    time_to_speak,
)
from lowback_tui.core.session.speech_time import ENGINE_START, fits, seconds_to_say

from .test_guidance import begin, wake_as_a_front_end_does

BUNDLED = ("lower-back", "gentle-start")


def announcements(routine: Routine, count: int = 3) -> list[tuple[float, str, float]]:
    """Each announcement of a whole session left to run: when, its words, and the seconds it
    has before the next thing said (a count, or the next phase's words)."""
    run, clock, transcript = begin(routine, count)
    wake_as_a_front_end_does(run, clock)
    lines = transcript.lines
    return [
        (at, words, lines[n + 1][0] - at)
        for n, (at, sound, words) in enumerate(lines[:-1])
        if sound != "tick"
    ]


# ---- every line of the bundled routines fits ----------------------------------------------


@pytest.mark.parametrize("count", range(11))
@pytest.mark.parametrize("name", BUNDLED)
def test_every_announcement_fits_before_the_count_by_the_estimate(name: str, count: int) -> None:
    said = announcements(load(resolve(name)), count)
    assert said, "a session says something"
    for at, words, room in said:
        assert fits(words, room), (at, words, room, seconds_to_say(words))


def wav_seconds(words: str, folder: Path) -> float:
    """The length of `words` said by espeak-ng at its default rate, as a WAV file."""
    out = folder / "said.wav"
    subprocess.run(["espeak-ng", "-w", str(out), words], check=True, timeout=30)
    with wave.open(str(out), "rb") as file:
        return file.getnframes() / file.getframerate()


@pytest.mark.parametrize("name", BUNDLED)
def test_every_announcement_fits_when_espeak_ng_says_it(name: str, tmp_path: Path) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (the estimate is tested above)")
    measured: dict[str, float] = {}
    for at, words, room in announcements(load(resolve(name))):
        if words not in measured:
            measured[words] = wav_seconds(words, tmp_path)
        spoken = measured[words]
        assert ENGINE_START + spoken <= room, (at, words, spoken, room)
        assert seconds_to_say(words) >= spoken, (words, spoken)  # the estimate never falls short
    assert len(measured) > 20


# ---- where an introduction goes ---------------------------------------------------------------

LONG_CUE = "Lie face down, arms past your head, forehead resting on the floor or on a folded towel."


def two(timing: str, cue: str = LONG_CUE) -> Routine:
    return loads(
        f'name = "R"\n[timing]\n{timing}\n'
        '[[exercise]]\nname = "Knee"\nposition = "lying on your back"\nhold_seconds = 5\n'
        f'[[exercise]]\nname = "Lift"\nposition = "lying face down"\nhold_seconds = 5\n'
        f'get_ready_cue = "{cue}"\nequipment = ["a towel"]\n'
        'sides = "alternate"\nside_names = ["left arm", "right arm"]\n'
    )


INTRO = f"Lift, lying face down. {LONG_CUE} You need a towel."


def test_an_introduction_too_long_for_its_get_ready_moves_to_the_rest_before() -> None:
    routine = two("start_seconds = 0\nget_ready_seconds = 5\nrest_seconds = 20")
    get_ready = Phase(Kind.GET_READY, 5, 1)
    hold = Phase(Kind.HOLD, 5, 1, 1, Side.LEFT)
    assert not fits(f"{INTRO} Left arm first.", time_to_speak(get_ready, hold, 3))  # 2 s
    script = Script(routine, 3)
    rest = Phase(Kind.REST, 20, 0)
    assert script.words(rest, get_ready, None) == f"Rest 20 seconds. Next: {INTRO}"
    assert fits(script.words(rest, get_ready, None), 20)
    said = script.words(get_ready, hold, heard=rest)
    assert said == "Left arm first."  # only what must be said as it begins
    assert fits(said, time_to_speak(get_ready, hold, 3))


def test_what_fits_its_get_ready_is_said_there_and_the_rest_only_names_it() -> None:
    routine = two("start_seconds = 0\nget_ready_seconds = 20\nrest_seconds = 20")
    script = Script(routine, 3)
    get_ready = Phase(Kind.GET_READY, 20, 1)
    hold = Phase(Kind.HOLD, 5, 1, 1, Side.LEFT)
    rest = Phase(Kind.REST, 20, 0)
    assert script.words(rest, get_ready, None) == "Rest 20 seconds. Next: Lift, lying face down."
    assert script.words(get_ready, hold, heard=rest) == f"{INTRO} Left arm first."


def test_with_no_phase_before_it_an_exercise_is_still_named_as_it_begins() -> None:
    routine = two("start_seconds = 0\nget_ready_seconds = 5\nrest_seconds = 0")
    script = Script(routine, 3)
    get_ready = Phase(Kind.GET_READY, 5, 1)
    hold = Phase(Kind.HOLD, 5, 1, 1, Side.LEFT)
    # Too long for 2 s, and nowhere else to go: said anyway (the count gives way, not the name).
    said = script.words(get_ready, hold, heard=Phase(Kind.HOLD, 5, 0, 1))
    assert said == f"{INTRO} Left arm first."


def test_a_rest_too_short_for_all_of_it_takes_what_fits_and_the_get_ready_the_rest() -> None:
    routine = two("start_seconds = 0\nget_ready_seconds = 5\nrest_seconds = 5")
    script = Script(routine, 3)
    get_ready = Phase(Kind.GET_READY, 5, 1)
    hold = Phase(Kind.HOLD, 5, 1, 1, Side.LEFT)
    rest = Phase(Kind.REST, 5, 0)
    assert script.words(rest, get_ready, None) == "Rest 5 seconds. Next: Lift, lying face down."
    said = script.words(get_ready, hold, heard=rest)
    assert said == f"{LONG_CUE} You need a towel. Left arm first."


def test_settling_in_names_the_first_exercise_and_all_the_session_needs() -> None:
    routine = two("start_seconds = 20")
    script = Script(routine, 3)
    settle = Phase(Kind.SETTLE, 20, 0)
    get_ready = Phase(Kind.GET_READY, 5, 0)
    assert script.words(settle, get_ready, None) == (
        "Take your time to get into position: Knee, lying on your back. "
        "For this session you need a towel."
    )
    assert script.words(get_ready, Phase(Kind.HOLD, 5, 0, 1), heard=settle) == "Get ready."
    carried_on = Script(routine, 3, start_at=1)  # a session carried on from the second
    assert carried_on.words(Phase(Kind.SETTLE, 20, 1), Phase(Kind.GET_READY, 5, 1), None) == (
        f"Take your time to get into position: Lift, lying face down. {LONG_CUE} "
        "For this session you need a towel."
    )


def test_short_settling_in_says_what_fits_and_leaves_the_rest_to_the_get_ready() -> None:
    routine = two("start_seconds = 2\nget_ready_seconds = 5")
    script = Script(routine, 3, start_at=1)
    settle = Phase(Kind.SETTLE, 2, 1)
    get_ready = Phase(Kind.GET_READY, 5, 1)
    assert script.words(settle, get_ready, None) == "Take your time to get into position."
    said = script.words(get_ready, Phase(Kind.HOLD, 5, 1, 1, Side.LEFT), heard=settle)
    assert said == f"{INTRO} Left arm first."


@pytest.mark.parametrize(
    ("switch", "said"),
    [
        (3, "Right."),
        (4, "Right."),
        (5, "Switch to the right arm."),
        (60, "Switch to the right arm."),
    ],
)
def test_a_switch_says_as_much_of_the_side_next_as_fits(switch: int, said: str) -> None:
    routine = two(f"switch_seconds = {switch}")
    script = Script(routine, 3)
    phase = Phase(Kind.SWITCH, switch, 1)
    assert script.words(phase, Phase(Kind.HOLD, 5, 1, 1, Side.RIGHT), None) == said


def test_a_switch_between_sides_not_named_left_and_right() -> None:
    routine = load(resolve("lower-back"))
    squat = routine.exercises.index(
        next(e for e in routine.exercises if e.name.startswith("Squat"))
    )
    words = Script(routine, 3).words(
        Phase(Kind.SWITCH, 6, squat), Phase(Kind.HOLD, 5, squat, 1, Side.RIGHT), None
    )
    assert words == "Switch: twist right."


def test_the_count_takes_the_last_seconds_but_never_a_phase_s_first() -> None:
    hold = Phase(Kind.HOLD, 5, 0, 1)
    assert [first_count(hold, None, count) for count in (0, 3, 4, 5, 10)] == [0, 3, 4, 4, 4]
    assert first_count(Phase(Kind.HOLD, 1, 0, 1), None, 3) == 0
    rest = Phase(Kind.REST, 15, 0)
    assert first_count(rest, Phase(Kind.GET_READY, 5, 1), 3) == 0  # no effort follows
    assert first_count(rest, hold, 3) == 3
    assert time_to_speak(hold, None, 3) == 2.0
    assert time_to_speak(rest, Phase(Kind.GET_READY, 5, 1), 3) == 15.0


# ---- each rule at its edge ------------------------------------------------------------------


def cue_of(words: int) -> str:
    """The first `words` words of LONG_CUE, as a sentence: cues of every length."""
    return " ".join(LONG_CUE.rstrip(".").split()[:words]) + "."


def as_much_as_fits(heading: list[str], parts: list[str], seconds: float) -> list[str]:
    """`parts` from the first, as many as fit in `seconds` after `heading`."""
    taken: list[str] = []
    for part in parts:
        if not fits(sentences([*heading, *taken, part]), seconds):
            break
        taken.append(part)
    return taken


def test_a_rest_says_as_much_of_the_next_exercise_as_fits_and_no_more() -> None:
    for words in range(1, len(LONG_CUE.split()) + 1):
        cue = cue_of(words)
        for rest in range(1, 31):
            routine = two(f"start_seconds = 0\nget_ready_seconds = 2\nrest_seconds = {rest}", cue)
            phase = Phase(Kind.REST, rest, 0)
            said = Script(routine, 3).words(phase, Phase(Kind.GET_READY, 2, 1), None)
            resting = f"Rest {rest} second{'s' if rest > 1 else ''}."
            parts = ["Lift, lying face down.", cue, "You need a towel."]
            taken = as_much_as_fits([resting, "Next:"], parts, rest)
            assert said == sentences([resting, *(["Next:", *taken] if taken else [])]), said


def test_settling_in_says_as_much_of_the_first_exercise_as_fits_and_no_more() -> None:
    for words in range(1, len(LONG_CUE.split()) + 1):
        cue = cue_of(words)
        for start in range(1, 31):
            routine = two(f"start_seconds = {start}\nget_ready_seconds = 2", cue)
            script = Script(routine, 3, start_at=1)
            said = script.words(Phase(Kind.SETTLE, start, 1), Phase(Kind.GET_READY, 2, 1), None)
            parts = ["Lift, lying face down.", cue, "For this session you need a towel."]
            taken = as_much_as_fits([f"{SETTLE_IN}:"], parts, start)
            assert said == (f"{SETTLE_IN}: {sentences(taken)}" if taken else f"{SETTLE_IN}.")


def test_a_get_ready_says_the_whole_introduction_only_when_it_fits_with_the_side() -> None:
    hold = Phase(Kind.HOLD, 5, 1, 1, Side.LEFT)
    sides = ["Left arm first.", "Left arm.", "Left first.", "Left."]
    for words in range(1, len(LONG_CUE.split()) + 1):
        cue = cue_of(words)
        whole = f"Lift, lying face down. {cue} You need a towel."
        for seconds in range(1, 31):
            routine = two(
                f"start_seconds = 0\nget_ready_seconds = {seconds}\nrest_seconds = 60", cue
            )
            get_ready = Phase(Kind.GET_READY, seconds, 1)
            room = time_to_speak(get_ready, hold, 3)
            said = Script(routine, 3).words(get_ready, hold, heard=Phase(Kind.REST, 60, 0))
            if fits(f"{whole} Left arm first.", room):
                assert said == f"{whole} Left arm first."
            else:  # all of it was said in the rest: only the side is left
                assert said == next((s for s in sides if fits(s, room)), "Left.")


def test_settling_in_names_all_the_session_needs_even_when_the_get_ready_has_room() -> None:
    routine = two("start_seconds = 20\nget_ready_seconds = 30", cue="Lie on your back.")
    script = Script(routine, 3)
    settle = Phase(Kind.SETTLE, 20, 0)
    assert script.words(settle, Phase(Kind.GET_READY, 30, 0), None) == (
        "Take your time to get into position: Knee, lying on your back. "
        "For this session you need a towel."
    )


def test_settling_in_for_a_session_that_needs_nothing_says_nothing_of_equipment() -> None:
    routine = loads(
        'name = "R"\n[timing]\nstart_seconds = 20\n'
        '[[exercise]]\nname = "Knee"\nposition = "lying on your back"\nhold_seconds = 5\n'
    )
    said = Script(routine, 3).words(Phase(Kind.SETTLE, 20, 0), Phase(Kind.GET_READY, 5, 0), None)
    assert said == "Take your time to get into position: Knee, lying on your back."


def test_a_session_carried_on_needs_only_what_is_left_of_it() -> None:
    routine = loads(
        'name = "R"\n[timing]\nstart_seconds = 20\n'
        '[[exercise]]\nname = "Roll"\nhold_seconds = 5\nequipment = ["a foam roller"]\n'
        '[[exercise]]\nname = "Lift"\nhold_seconds = 5\nequipment = ["a towel"]\n'
    )
    script = Script(routine, 3, start_at=1)
    said = script.words(Phase(Kind.SETTLE, 20, 1), Phase(Kind.GET_READY, 5, 1), None)
    assert said == "Take your time to get into position: Lift. For this session you need a towel."


def test_an_exercise_of_one_hold_and_no_get_ready_is_named_as_it_begins() -> None:
    routine = loads(
        'name = "R"\n[timing]\nstart_seconds = 2\nget_ready_seconds = 0\n'
        '[[exercise]]\nname = "Knee"\nposition = "lying on your back"\nhold_seconds = 5\n'
    )
    script = Script(routine, 3)
    settle = Phase(Kind.SETTLE, 2, 0)
    hold = Phase(Kind.HOLD, 5, 0, 1)
    assert script.words(settle, hold, None) == "Take your time to get into position."
    # Too long for the 2 s before the count, and nowhere else to go: said all the same.
    said = script.words(hold, None, heard=settle)
    assert said == "Knee, lying on your back. Hold, 5 seconds."


def test_an_effort_of_two_reps_says_which_rep_it_is() -> None:
    routine = loads('name = "R"\n[[exercise]]\nname = "Knee"\nhold_seconds = 10\nreps = 2\n')
    hold = Phase(Kind.HOLD, 10, 0, 2)
    assert Script(routine, 3).words(hold, None, heard=Phase(Kind.RELAX, 3, 0)) == "Hold, 2 of 2."


def test_a_switch_to_the_left_says_so() -> None:
    routine = two("switch_seconds = 60")
    switch = Phase(Kind.SWITCH, 60, 1)
    said = Script(routine, 3).words(switch, Phase(Kind.HOLD, 5, 1, 2, Side.LEFT), None)
    assert said == "Switch to the left arm."


def test_a_switch_never_says_first() -> None:
    routine = loads(
        'name = "R"\n[timing]\nswitch_seconds = 5\n'
        '[[exercise]]\nname = "Roll"\nhold_seconds = 5\nsides = "alternate"\n'
        'side_names = ["left knee across", "right knee across"]\n'
    )
    switch = Phase(Kind.SWITCH, 5, 0)
    assert not fits("Switch to the right knee across.", 2)  # 5 s, less the count of 3
    assert fits("Right knee across first.", 2)
    said = Script(routine, 3).words(switch, Phase(Kind.HOLD, 5, 0, 1, Side.RIGHT), None)
    assert said == "Right knee across."


def test_when_nothing_fits_the_least_is_said() -> None:
    forms = ["Switch to the right arm.", "Right arm.", "Right."]
    assert longest(forms, [], 0.5) == "Right."
    before = ["A long line said before it, far too long."]
    assert longest(forms, before, 1.2) == "Right arm."  # the first that fits on its own
    assert longest(forms, before, 0.5) == "Right."
