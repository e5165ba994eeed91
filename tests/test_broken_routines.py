"""Every broken routine in tests/broken/ is rejected with exactly these lines, in file order."""

from __future__ import annotations

import pytest

from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import RoutineError

from .conftest import BROKEN

EXPECTED: dict[str, list[tuple[int | None, str, str]]] = {
    "unknown-key.toml": [
        (3, "exercise[1]", "needs hold_seconds (a held position) or work_seconds (a timed effort)"),
        (5, "exercise[1].hold_second", "unknown key; did you mean 'hold_seconds'?"),
    ],
    "unknown-top-key.toml": [
        (None, "exercise", "the routine has no exercises; add at least one [[exercise]]"),
        (2, "sumary", "unknown key; did you mean 'summary'?"),
        (4, "exercises", "unknown key; did you mean 'exercise'?"),
    ],
    "wrong-types.toml": [
        (1, "name", "must be text in quotes (got 7)"),
        (4, "timing.rest_seconds", 'must be a whole number of seconds (got "15", which is text)'),
        (8, "exercise[1].hold_seconds", "must be a whole number of seconds (got 5.5)"),
        (9, "exercise[1].reps", "must be a whole number (got true)"),
        (10, "exercise[1].cues",
         'must be a list of texts like ["...", "..."] (got "lie face down", which is text)'),
    ],
    "out-of-range.toml": [
        (2, "course_days", "must be between 1 and 365 days (got 0)"),
        (5, "timing.get_ready_seconds", "must be between 0 and 60 seconds (got 61)"),
        (9, "exercise[1].hold_seconds", "must be between 1 and 600 seconds (got 601)"),
        (10, "exercise[1].reps", "must be between 1 and 100 (got 0)"),
        (14, "exercise[2].work_seconds", "must be between 1 and 600 seconds (got 0)"),
        (15, "exercise[2].reps", "must be between 1 and 100 (got 101)"),
    ],
    "hold-and-work.toml": [
        (6, "exercise[1].work_seconds", "can't be used together with hold_seconds; keep "
         "hold_seconds for a held position or work_seconds for a timed effort"),
        (8, "exercise[2]", "needs hold_seconds (a held position) or work_seconds (a timed effort)"),
    ],
    "duplicate-ids.toml": [
        (9, "exercise[2].id", "the id 'superman' is already used by exercise[1]"),
        (18, "exercise[4].name", "the id 'plank' is already used by exercise[3]; "
         'give one of them its own id = "..."'),
    ],
    "empty-routine.toml": [
        (None, "exercise", "the routine has no exercises; add at least one [[exercise]]"),
    ],
    "single-bracket.toml": [
        (3, "exercise",
         "write each exercise under its own [[exercise]] header (two brackets), not [exercise]"),
    ],
    "future-format.toml": [
        (1, "format", "unknown format version 2 (written for a newer lowback?); "
         "this lowback reads format = 1"),
    ],
    "syntax-error.toml": [
        (1, "", "not valid TOML: a quoted text is not closed before the end of the line "
         "(column 22)"),
    ],
    "bad-sides.toml": [
        (6, "exercise[1].sides",
         "must be one of \"none\", \"alternate\" or \"each\" (got \"alternating\"); "
         "did you mean 'alternate'?"),
        (7, "exercise[1].side_names", "must have exactly 2 entries (got 1)"),
        (13, "exercise[2].side_names[2]", "must be text in quotes (got 2)"),
    ],
    "goal-below-reps.toml": [
        (7, "exercise[1].goal_reps", "must be at least reps (8) (got 5)"),
    ],
    "bad-text.toml": [
        (1, "name", "must not be empty"),
        (4, "exercise[1].id", "may hold only letters, digits, '-' and '_' (got \"has spaces\")"),
        (5, "exercise[1].name", "contains a control character (U+0007); remove it"),
        (9, "exercise[1].cues[2]", "must not be empty"),
        (10, "exercise[1].cues[3]", "must be text in quotes (got 3)"),
    ],
    "bad-cues.toml": [
        (6, "exercise[1].get_ready_cue", "must be text in quotes (got a list)"),
        (7, "exercise[1].effort_cue", "is 164 characters long; keep it to 160 or fewer"),
        (8, "exercise[1].let_go_cue", "contains a control character (U+001B); remove it"),
        (9, "exercise[1].effort_cu", "unknown key; did you mean 'effort_cue'?"),
    ],
    "missing-name.toml": [
        (None, "name", 'missing; add name = "..."'),
        (3, "exercise[1].name", 'missing; add name = "..."'),
    ],
    "bad-picture.toml": [
        (16, "exercise[2].picture.held.shoulder[2]", "must be between 0 and 100 (got 130)"),
        (17, "exercise[2].picture.held.hip", "must be two numbers [x, y] (got a list of 1)"),
        (18, "exercise[2].picture.held.near_kne", "unknown key; did you mean 'near_knee'?"),
        (19, "exercise[2].picture.held.near_foot[1]", 'must be a number (got "55", which is text)'),
    ],
    "picture-missing.toml": [
        (7, "exercise[1].picture.description", 'missing; add description = "..."'),
        (7, "exercise[1].picture.held",
         "missing; add [exercise.picture.held] with head, shoulder and hip"),
    ],
    "bad-level.toml": [
        (4, "timing.start_seconds", "must be between 0 and 120 seconds (got 121)"),
        (9, "exercise[1].level",
         'must be one of "floor", "chair" or "standing" (got "flor"); did you mean \'floor\'?'),
        (14, "exercise[2].level", 'must be one of "floor", "chair" or "standing" (got 2)'),
        (15, "exercise[2].start_seconds", "is set for the whole routine only, under [timing]"),
    ],
    "not-utf8.toml": [(2, "", "is not UTF-8 text (byte 0xe9); save it as UTF-8")],
    "binary.toml": [(None, "", "is a binary file, not TOML text")],
}  # fmt: skip


def test_every_fixture_has_expectations() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_routine_reports_each_problem(name: str) -> None:
    path = BROKEN / name
    with pytest.raises(RoutineError) as caught:
        load(path)
    found = [(p.line, p.key, p.message) for p in caught.value.problems]
    assert found == EXPECTED[name]
    assert all(p.path == path for p in caught.value.problems)


def test_problem_line_names_file_line_and_key() -> None:
    with pytest.raises(RoutineError) as caught:
        load(BROKEN / "unknown-key.toml")
    assert str(caught.value.problems[1]) == (
        f"{BROKEN / 'unknown-key.toml'}:5: exercise[1].hold_second: "
        "unknown key; did you mean 'hold_seconds'?"
    )
    assert str(caught.value).count("\n") == 1  # one line per problem
