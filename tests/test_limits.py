"""The validator's limits, each tried at its edge: the last value accepted and the first refused.

A limit moved by one, or a check loosened, fails here (mutation testing found that nothing else
would catch several of them).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import tomli_w
from jsonschema import Draft202012Validator

from lowback_tui.core.picture.model import DESCRIPTION_MAX, GRID
from lowback_tui.core.routine import schema as routine_schema
from lowback_tui.core.routine.check import MOMENT_CUES
from lowback_tui.core.routine.file import loads
from lowback_tui.core.routine.model import (
    COURSE_DAYS_RANGE,
    CUE_MAX,
    LIST_MAX,
    NAME_MAX,
    REPS_RANGE,
    SECONDS_RANGE,
    SHORT_MAX,
    START_SECONDS_RANGE,
    TEXT_MAX,
    TIMING_RANGES,
    RoutineError,
)


def problems(top: dict[str, Any] | None = None, /, **exercise: Any) -> list[tuple[str, str]]:
    """(key, message) of every problem in a small routine with these values; [] if it loads.

    An exercise value of None leaves that key out.
    """
    table = {
        k: v for k, v in {"name": "Knee", "hold_seconds": 5, **exercise}.items() if v is not None
    }
    document = {"name": "Routine", **(top or {}), "exercise": [table]}
    try:
        loads(tomli_w.dumps(document))
    except RoutineError as error:
        return [(p.key, p.message) for p in error.problems]
    return []


def test_the_limits_are_the_documented_ones() -> None:
    # README's routine format tables; a change here is a change to the format people write.
    assert (SECONDS_RANGE, REPS_RANGE, COURSE_DAYS_RANGE) == ((1, 600), (1, 100), (1, 365))
    assert TIMING_RANGES == {
        "get_ready_seconds": (0, 60),
        "switch_seconds": (0, 60),
        "relax_seconds": (0, 60),
        "rest_seconds": (0, 600),
    }
    assert (NAME_MAX, TEXT_MAX, SHORT_MAX, LIST_MAX, CUE_MAX) == (80, 400, 60, 12, 160)


# ---- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "bounds", "unit"),
    [("hold_seconds", SECONDS_RANGE, " seconds"), ("reps", REPS_RANGE, "")],
)
def test_exercise_numbers_at_their_edges(key: str, bounds: tuple[int, int], unit: str) -> None:
    low, high = bounds
    assert problems(**{key: low}) == problems(**{key: high}) == []
    for wrong in (low - 1, high + 1):
        message = f"must be between {low} and {high}{unit} (got {wrong})"
        assert problems(**{key: wrong}) == [(f"exercise[1].{key}", message)]


def test_work_seconds_at_their_edges() -> None:
    low, high = SECONDS_RANGE
    for right in (low, high):
        assert problems(hold_seconds=None, work_seconds=right) == []
    assert problems(hold_seconds=None, work_seconds=high + 1) == [
        ("exercise[1].work_seconds", f"must be between {low} and {high} seconds (got {high + 1})")
    ]


def test_goal_reps_at_its_edges() -> None:
    assert problems(reps=5, goal_reps=5) == problems(reps=5, goal_reps=REPS_RANGE[1]) == []
    assert problems(reps=5, goal_reps=4) == [
        ("exercise[1].goal_reps", "must be at least reps (5) (got 4)")
    ]
    assert problems(goal_reps=REPS_RANGE[1] + 1) == [
        ("exercise[1].goal_reps", f"must be between 1 and 100 (got {REPS_RANGE[1] + 1})")
    ]


@pytest.mark.parametrize(("key", "bounds"), list(TIMING_RANGES.items()))
@pytest.mark.parametrize("place", ["timing", "exercise[1]"])
def test_timing_at_its_edges(key: str, bounds: tuple[int, int], place: str) -> None:
    def judged(value: int) -> list[tuple[str, str]]:
        return problems({"timing": {key: value}}) if place == "timing" else problems(**{key: value})

    low, high = bounds
    assert judged(low) == judged(high) == []
    for wrong in (low - 1, high + 1):
        message = f"must be between {low} and {high} seconds (got {wrong})"
        assert judged(wrong) == [(f"{place}.{key}", message)]


def test_start_seconds_at_its_edges_and_only_for_the_whole_routine() -> None:
    assert START_SECONDS_RANGE == (0, 120)
    assert problems({"timing": {"start_seconds": 0}}) == []
    assert problems({"timing": {"start_seconds": 120}}) == []
    for wrong in (-1, 121):
        assert problems({"timing": {"start_seconds": wrong}}) == [
            ("timing.start_seconds", f"must be between 0 and 120 seconds (got {wrong})")
        ]
    assert problems({"timing": {"start_seconds": 20.5}}) == [
        ("timing.start_seconds", "must be a whole number of seconds (got 20.5)")
    ]
    assert problems(start_seconds=20) == [
        ("exercise[1].start_seconds", "is set for the whole routine only, under [timing]")
    ]
    validator = Draft202012Validator(json.loads(routine_schema.text()))
    for seconds, fine in ((-1, False), (0, True), (120, True), (121, False)):
        document = {"name": "R", "timing": {"start_seconds": seconds},
                    "exercise": [{"name": "A", "hold_seconds": 5}]}  # fmt: skip
        assert validator.is_valid(document) is fine, seconds


@pytest.mark.parametrize("level", ["floor", "chair", "standing"])
def test_each_level_is_accepted(level: str) -> None:
    assert problems(level=level) == []


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [("Floor", "; did you mean 'floor'?"), ("stand", "; did you mean 'standing'?"),
     ("sitting", ""), ("", ""), (1, "")],
)  # fmt: skip
def test_an_unknown_level_names_the_three_and_the_closest(wrong: object, hint: str) -> None:
    got = f'"{wrong}"' if isinstance(wrong, str) else str(wrong)
    assert problems(level=wrong) == [
        ("exercise[1].level", f'must be one of "floor", "chair" or "standing" (got {got}){hint}')
    ]


def test_course_days_at_its_edges() -> None:
    low, high = COURSE_DAYS_RANGE
    assert problems({"course_days": low}) == problems({"course_days": high}) == []
    for wrong in (low - 1, high + 1):
        assert problems({"course_days": wrong}) == [
            ("course_days", f"must be between {low} and {high} days (got {wrong})")
        ]


# ---- texts ---------------------------------------------------------------------------------------


def too_long(limit: int) -> str:
    return f"is {limit + 1} characters long; keep it to {limit} or fewer"


@pytest.mark.parametrize(("key", "limit"), [("name", NAME_MAX), ("summary", TEXT_MAX)])
def test_routine_texts_at_their_length_limit(key: str, limit: int) -> None:
    assert problems({key: "x" * limit}) == []
    assert problems({key: "x" * (limit + 1)}) == [(key, too_long(limit))]


@pytest.mark.parametrize(
    ("key", "limit"),
    [
        ("name", NAME_MAX),
        ("position", NAME_MAX),
        ("id", SHORT_MAX),
        *((key, CUE_MAX) for key in MOMENT_CUES),
    ],
)
def test_exercise_texts_at_their_length_limit(key: str, limit: int) -> None:
    assert problems(**{key: "x" * limit}) == []
    assert problems(**{key: "x" * (limit + 1)}) == [(f"exercise[1].{key}", too_long(limit))]


@pytest.mark.parametrize(
    ("key", "limit"), [("cues", TEXT_MAX), ("equipment", SHORT_MAX), ("side_names", SHORT_MAX)]
)
def test_each_text_of_a_list_at_its_length_limit(key: str, limit: int) -> None:
    assert problems(**{key: ["x" * limit, "y"]}) == []
    assert problems(**{key: ["y", "x" * (limit + 1)]}) == [
        (f"exercise[1].{key}[2]", too_long(limit))
    ]


@pytest.mark.parametrize("key", ["cues", "equipment"])
def test_lists_hold_at_most_twelve_entries(key: str) -> None:
    assert problems(**{key: ["a"] * LIST_MAX}) == []
    assert problems(**{key: ["a"] * (LIST_MAX + 1)}) == [
        (f"exercise[1].{key}", f"has {LIST_MAX + 1} entries; keep it to {LIST_MAX} or fewer")
    ]


@pytest.mark.parametrize("blank", ["", " ", "   ", "\u3000"])
def test_a_name_of_nothing_but_spaces_is_empty(blank: str) -> None:
    assert problems({"name": blank}) == [("name", "must not be empty")]
    assert problems(name=blank) == [("exercise[1].name", "must not be empty")]
    assert problems(cues=["Lie down.", blank]) == [("exercise[1].cues[2]", "must not be empty")]


def test_optional_texts_may_be_empty() -> None:
    assert problems({"summary": ""}, position="") == []
    assert problems(**dict.fromkeys(MOMENT_CUES, "")) == []


def test_the_schema_refuses_a_moment_cue_where_the_validator_does() -> None:
    validator = Draft202012Validator(json.loads(routine_schema.text()))
    for key in MOMENT_CUES:
        for length, fine in ((CUE_MAX, True), (CUE_MAX + 1, False)):
            document = {
                "name": "R",
                "exercise": [{"name": "A", "hold_seconds": 5, key: "x" * length}],
            }
            assert validator.is_valid(document) is fine, (key, length)
            assert (problems(**{key: "x" * length}) == []) is fine, (key, length)


@pytest.mark.parametrize("key", MOMENT_CUES)
def test_a_moment_cue_is_one_text_not_a_list(key: str) -> None:
    assert problems(**{key: ["Lie down."]}) == [
        (f"exercise[1].{key}", "must be text in quotes (got a list)")
    ]


@pytest.mark.parametrize(
    "character",
    ["\x00", "\x07", "\t", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9b", "\x9f"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_control_characters_are_refused_c0_del_and_c1(character: str) -> None:
    message = f"contains a control character (U+{ord(character):04X}); remove it"
    assert problems(name=f"Knee{character}") == [("exercise[1].name", message)]
    assert problems(cues=[f"a{character}b"]) == [("exercise[1].cues[1]", message)]
    assert problems(effort_cue=f"a{character}b") == [("exercise[1].effort_cue", message)]


@pytest.mark.parametrize("character", [" ", "~", "\xa0", "é", "—", "×"])
def test_the_printable_neighbours_of_the_control_ranges_are_fine(character: str) -> None:
    assert problems(name=f"Knee{character}chest") == []


# ---- pictures -----------------------------------------------------------------------------------


def picture(held: dict[str, Any] | None = None, **keys: Any) -> dict[str, Any]:
    """A picture table: a good one, with these joints in its held pose and these other keys."""
    pose = {"head": [12, 8], "shoulder": [22, 5], "hip": [50, 5], **(held or {})}
    return {"description": "Lying on your back", "held": pose, **keys}


def test_picture_coordinates_at_the_grid_edges() -> None:
    assert (GRID, DESCRIPTION_MAX) == ((0, 100), 200)  # README's picture table
    low, high = GRID
    for right in (low, high, 0.0, 100.0, 99.5):
        assert problems(picture=picture({"near_knee": [right, right]})) == []
    for wrong in (-0.5, 100.5, -1, 101):
        message = f"must be between {low} and {high} (got {wrong})"
        assert problems(picture=picture({"near_knee": [50, wrong]})) == [
            ("exercise[1].picture.held.near_knee[2]", message)
        ]


@pytest.mark.parametrize("wrong", [float("nan"), float("inf"), float("-inf")])
def test_picture_coordinates_are_never_nan_or_infinite(wrong: float) -> None:
    assert problems(picture=picture({"head": [wrong, 8]})) == [
        ("exercise[1].picture.held.head[1]", f"must be between 0 and 100 (got {wrong})")
    ]


def test_picture_description_at_its_length_limit() -> None:
    assert problems(picture=picture(description="x" * DESCRIPTION_MAX)) == []
    assert problems(picture=picture(description="x" * (DESCRIPTION_MAX + 1))) == [
        ("exercise[1].picture.description", too_long(DESCRIPTION_MAX))
    ]
    assert problems(picture=picture(description="on the\tfloor")) == [
        ("exercise[1].picture.description", "contains a control character (U+0009); remove it")
    ]
    assert problems(picture=picture(description="  ")) == [
        ("exercise[1].picture.description", "must not be empty")
    ]


def test_the_schema_refuses_a_picture_where_the_validator_does() -> None:
    validator = Draft202012Validator(json.loads(routine_schema.text()))
    cases = [
        *((picture({"far_foot": [x, 3]}), x in GRID) for x in (0, 100, -0.5, 100.5)),
        (picture({"far_foot": [3, True]}), False),
        (picture({"far_foot": [3]}), False),
        (picture({"far_fot": [3, 3]}), False),
        (picture(description="x" * DESCRIPTION_MAX), True),
        (picture(description="x" * (DESCRIPTION_MAX + 1)), False),
        (picture(ground="wall"), True),
        (picture(ground="ceiling"), False),
        ({"description": "Lying down"}, False),
    ]
    for table, fine in cases:
        document = {"name": "R", "exercise": [{"name": "A", "hold_seconds": 5, "picture": table}]}
        assert validator.is_valid(document) is fine, table
        assert (problems(picture=table) == []) is fine, table


# ---- the file's structure, counted before tomllib builds it (issue 22) ---------------------------


def _refusal(text: str) -> tuple[int | None, str] | None:
    """(line, message) of a file refused for its structure; None if the structure passed (the
    routine may still have problems of its own)."""

    try:
        loads(text)
    except RoutineError as error:
        for problem in error.problems:
            if problem.message.startswith(("has more than", "not valid TOML")):
                return problem.line, problem.message
    return None


def test_inline_tables_count_towards_the_table_cap() -> None:
    """An inline `exercise = [{...}, ...]` array got past the cap on [[exercise]] headers."""
    from lowback_tui.core.routine.file import MAX_TABLES

    inline = "{ name = 'A', hold_seconds = 1 }, "
    assert _refusal("name = 'x'\nexercise = [\n" + inline * MAX_TABLES + "]\n") is None
    line, message = _refusal("name = 'x'\nexercise = [\n" + inline * (MAX_TABLES + 1) + "]\n") or (
        None, ""
    )  # fmt: skip
    assert line == 3  # where the table past the cap opens
    assert message == f"has more than {MAX_TABLES:,} [tables]; no routine has that many exercises"
    headers = "[[exercise]]\nname = 'A'\nhold_seconds = 1\n"  # and headers and inline ones add up
    text = "name = 'x'\n" + headers * (MAX_TABLES // 2) + "[x]\ny = [" + "{}," * (MAX_TABLES // 2)
    assert _refusal(text + "{}]\n") == (MAX_TABLES // 2 * 3 + 3, message)


def test_braces_and_brackets_in_text_and_comments_are_not_counted() -> None:
    from lowback_tui.core.routine.file import MAX_TABLES

    quoted = "description = '" + "{" * (MAX_TABLES + 1) + "'\n"
    commented = "# " + "{[," * (MAX_TABLES + 1) + "\n"
    text = "name = 'x'\n" + commented + "[[exercise]]\nname = 'A'\nhold_seconds = 1\n" + quoted
    assert _refusal(text) is None


def test_values_are_capped_before_tomllib_builds_them() -> None:
    """A 2 MB `exercise = [1, 1, ...]` took 4.3 s (a million values, each checked)."""
    from lowback_tui.core.routine.file import MAX_VALUES

    def array(count: int) -> str:  # "exercise = [" and count - 1 commas: count values
        return "exercise = [" + "1," * (count - 2) + "1]\n"

    assert _refusal(array(MAX_VALUES)) is None
    assert _refusal(array(MAX_VALUES + 1)) == (
        1, f"has more than {MAX_VALUES:,} values; no routine has that many"
    )  # fmt: skip


def test_fourteen_hundred_illustrated_exercises_are_within_the_caps() -> None:
    """The caps are far from any routine: the bundled one's seven exercises, pictures (second
    views and props) and all, 200 times over (1,400 exercises)."""
    from tests.conftest import BUNDLED

    text = BUNDLED.read_text()
    first = text.index("[[exercise]]")
    assert _refusal(text[:first] + text[first:] * 200) is None


def test_settings_have_the_same_table_cap(private_home: Any) -> None:
    from lowback_tui.core import settings
    from lowback_tui.core.routine.file import MAX_TABLES

    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("sound = 'bell'\nkept = [\n" + "{}," * MAX_TABLES + "]\n")
    assert settings.load().problem is None
    path.write_text("sound = 'bell'\nkept = [\n" + "{}," * (MAX_TABLES + 1) + "]\n")
    problem = settings.load().problem
    assert problem is not None
    assert (problem.line, problem.message) == (3, "cannot be read (more tables than settings "
                                                  "ever need)")  # fmt: skip
