"""Doses and times in words."""

from __future__ import annotations

import pytest

from lowback_tui.core import wording
from lowback_tui.core.routine.file import loads
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind, total_seconds
from lowback_tui.core.session import words
from lowback_tui.core.session.engine import State


@pytest.mark.parametrize(
    ("seconds", "words"), [(5, "5 s"), (59, "59 s"), (60, "1 min"), (90, "1 min 30 s")]
)
def test_duration(seconds: int, words: str) -> None:
    assert wording.duration(seconds) == words


@pytest.mark.parametrize(
    ("seconds", "words"), [(30, "under a minute"), (89, "about 1 min"), (607, "about 10 min")]
)
def test_about(seconds: int, words: str) -> None:
    assert wording.about(seconds) == words


def test_doses_of_the_bundled_routine(routine: Routine) -> None:
    assert [wording.dose(e) for e in routine.exercises[:4]] == [
        "5 × 5 s holds per leg, alternating",
        "3 × 5 s holds per side, alternating",
        "30 s",
        "3 × 30 s holds per leg, alternating",
    ]
    assert wording.goal(routine.exercises[0]) == "work up to 10 reps per leg over the course"
    assert wording.goal(routine.exercises[1]) == ""


@pytest.mark.parametrize(
    ("keys", "words"),
    [
        ("hold_seconds = 10", "one 10 s hold"),
        ("hold_seconds = 10\nreps = 2", "2 × 10 s holds"),
        ("work_seconds = 45\nreps = 2", "2 × 45 s"),
        ('work_seconds = 20\nsides = "each"\nside_names = ["left arm", "right arm"]',
         "20 s per arm, one arm then the other"),
    ],
)  # fmt: skip
def test_dose_words(keys: str, words: str) -> None:
    exercise = loads(f'name = "T"\n[[exercise]]\nname = "A"\n{keys}\n').exercises[0]
    assert wording.dose(exercise) == words


def _view_at(routine: Routine, seconds: float, settle: bool = False):  # type: ignore[no-untyped-def]
    """The view `seconds` after the first get-ready began (after settling in is ended at once),
    or, with `settle`, `seconds` after the session began."""
    from lowback_tui.core.session.engine import Session

    from .fake_clock import FakeClock

    clock = FakeClock()
    session = Session(routine, clock=clock)
    session.start()
    if not settle:
        session.start_now()
    clock.advance(seconds)
    session.advance()
    return session.view()


def test_countdown_words_while_settling_in(routine: Routine) -> None:
    settling = _view_at(routine, 3, settle=True)
    assert words.PHASE_TITLES[settling.phase.kind] == words.BIG_WORDS[Kind.SETTLE]
    assert words.BIG_WORDS[Kind.SETTLE] == "SETTLE IN"  # 35 cells in big letters: fits 40
    assert words.phase_detail(settling) == "Lying on your back"
    assert words.moment_cue(settling) == routine.exercises[0].get_ready_cue
    assert words.coming_next(settling, routine) == "Next: Knee to chest"
    assert words.big_side(settling) == ""
    assert words.whereabouts(settling) == "exercise 1 of 7 · about 12 min left"


def test_countdown_words_through_the_first_exercise(routine: Routine) -> None:
    ready = _view_at(routine, 1)
    assert words.phase_detail(ready) == "Lying on your back"
    assert words.coming_next(ready, routine) == "Next: hold 5 s, left leg"
    hold = _view_at(routine, 5)
    assert words.PHASE_TITLES[hold.phase.kind] == "HOLD"
    assert words.phase_detail(hold) == "left leg · rep 1 of 5"
    assert words.coming_next(hold, routine) == "Next: switch to the right leg"
    switch = _view_at(routine, 10)
    assert words.coming_next(switch, routine) == "Next: hold 5 s, right leg"
    last = _view_at(routine, 78)
    assert words.coming_next(last, routine) == "Next: rest 15 s, then Opposite arm and leg lift"
    rest = _view_at(routine, 83)
    assert rest.exercise.name == "Opposite arm and leg lift"
    assert words.coming_next(rest, routine) == "Next: Opposite arm and leg lift"
    left = wording.about(total_seconds(routine) - 20 - 83)
    assert words.whereabouts(rest) == f"exercise 2 of 7 · {left} left"


def test_the_countdown_says_what_to_do_at_each_moment(routine: Routine) -> None:
    knee = routine.exercises[0]
    ready, hold, switch = _view_at(routine, 1), _view_at(routine, 5), _view_at(routine, 10)
    assert words.moment_cue(ready) == knee.get_ready_cue != ""
    assert words.moment_cue(hold) == knee.effort_cue != ""
    assert words.moment_cue(switch) == knee.let_go_cue != ""
    rest = _view_at(routine, 83)  # the rest before the arm and leg lift: how to get into it
    assert words.moment_cue(rest) == routine.exercises[1].get_ready_cue
    assert words.phase_detail(rest) == "Lying face down"
    assert (words.big_side(ready), words.big_side(hold), words.big_side(switch)) == (
        "LEFT", "LEFT", "RIGHT")  # fmt: skip
    assert words.big_side(rest) == ""
    assert words.phase_detail(switch) == "next: right leg · rep 1 of 5"
    bike = _view_at(routine, 170)  # knee to chest 0-82, rest, superman 97-147, rest, ready
    assert (bike.exercise.name, bike.phase.kind.value) == ("Lying bicycle", "work")
    assert (words.big_side(bike), words.phase_detail(bike)) == ("", "")


def test_an_old_routine_without_moment_cues_shows_its_first_cue_to_get_ready() -> None:
    old = loads('name = "Old"\n[[exercise]]\nname = "A"\nhold_seconds = 5\n'
                'cues = ["Kneel on all fours.", "Lift one arm."]\n')  # fmt: skip
    assert words.moment_cue(_view_at(old, 1)) == "Kneel on all fours."
    assert words.moment_cue(_view_at(old, 6)) == ""  # not a guess at which cue is the effort


def test_the_last_phase_says_so(routine: Routine) -> None:
    view = _view_at(routine, total_seconds(routine) - 1, settle=True)
    assert view.state is State.RUNNING and view.phase.kind.is_active
    assert words.coming_next(view, routine) == "Last one: then you are done"
    assert words.whereabouts(view) == "exercise 7 of 7 · under a minute left"


def test_the_next_line_names_the_side_a_switch_goes_to() -> None:
    """As the voice does: "switch to the left leg", and for sides named otherwise, their name."""
    from lowback_tui.core.routine.file import loads

    twist = loads(
        'name = "T"\n[timing]\nstart_seconds = 0\nget_ready_seconds = 5\nswitch_seconds = 3\n'
        '[[exercise]]\nname = "Twist"\nhold_seconds = 5\nreps = 2\nsides = "alternate"\n'
        'side_names = ["twist left", "twist right"]\n'
    )  # ready 5, left 5, switch 3, right 5, switch 3, left 5, ...
    assert words.coming_next(_view_at(twist, 6), twist) == "Next: switch: twist right"
    assert words.coming_next(_view_at(twist, 14), twist) == "Next: switch: twist left"
    assert words.coming_next(_view_at(twist, 11), twist) == "Next: hold 5 s, twist right"
