"""The shipped JSON Schema and the validator agree, so editors and lowback never disagree."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from lowback_tui.core.picture import check as picture_check
from lowback_tui.core.picture.model import DESCRIPTION_MAX, GRID, JOINTS, REQUIRED_JOINTS, Ground
from lowback_tui.core.routine import check as routine_check
from lowback_tui.core.routine import schema as routine_schema
from lowback_tui.core.routine.file import dumps, load
from lowback_tui.core.routine.model import (
    NAME_MAX,
    REPS_RANGE,
    ROUTINE_TIMING_RANGES,
    SECONDS_RANGE,
    START_SECONDS_RANGE,
    TIMING_RANGES,
    Level,
    Routine,
    RoutineError,
)

from .conftest import BROKEN, REPO
from .strategies import routines
from .test_broken_routines import EXPECTED

SCHEMA = json.loads(routine_schema.text())
VALIDATOR = Draft202012Validator(SCHEMA)

SCHEMA_CANNOT = {
    "duplicate-ids.toml": "JSON Schema cannot require a field to be unique across array items",
    "goal-below-reps.toml": "JSON Schema cannot compare one value with another",
}
"""The two rules only `lowback validate` checks; the schema's description says so."""


def errors(document: dict[str, Any]) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(document)]


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", sorted((REPO / "routines").glob("*.toml")), ids=lambda p: p.name)
def test_bundled_routines_pass_the_schema(path: Path) -> None:
    assert errors(tomllib.loads(path.read_text())) == []
    assert path.read_text().startswith(routine_schema.DIRECTIVE + "\n")


@settings(max_examples=100, deadline=None)
@given(routines())
def test_whatever_the_validator_accepts_the_schema_accepts(routine: Routine) -> None:
    assert errors(tomllib.loads(dumps(routine))) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_routines_are_rejected_by_both(name: str) -> None:
    path = BROKEN / name
    with pytest.raises(RoutineError):
        load(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError):
        return  # not TOML at all: no schema-aware editor accepts it either
    if name in SCHEMA_CANNOT:
        assert errors(document) == [], f"the schema now catches {name}: drop it from SCHEMA_CANNOT"
    else:
        assert errors(document), f"the schema accepts {name}"


def _keys(definition: dict[str, Any]) -> set[str]:
    return set(definition["properties"])


def test_the_schema_knows_exactly_the_validators_keys_and_ranges() -> None:
    defs = SCHEMA["$defs"]
    assert _keys(SCHEMA) == set(routine_check.ROUTINE_KEYS)
    timing = SCHEMA["properties"]["timing"]
    assert _keys(timing) == set(ROUTINE_TIMING_RANGES)
    start = timing["properties"]["start_seconds"]
    assert (start["minimum"], start["maximum"]) == START_SECONDS_RANGE
    assert defs["exercise"]["properties"]["level"]["enum"] == [level.value for level in Level]
    assert _keys(defs["exercise"]) == set(routine_check.EXERCISE_KEYS)
    for key, (low, high) in TIMING_RANGES.items():
        assert (defs[key]["minimum"], defs[key]["maximum"]) == (low, high)
    assert (defs["seconds"]["minimum"], defs["seconds"]["maximum"]) == SECONDS_RANGE
    assert (defs["reps"]["minimum"], defs["reps"]["maximum"]) == REPS_RANGE
    assert defs["name"]["maxLength"] == NAME_MAX
    assert _keys(defs["picture"]) == set(picture_check.PICTURE_KEYS)
    assert _keys(defs["pose"]) == set(JOINTS)
    assert defs["pose"]["required"] == list(REQUIRED_JOINTS)
    assert defs["picture"]["properties"]["ground"]["enum"] == [g.value for g in Ground]
    assert defs["picture"]["properties"]["description"]["maxLength"] == DESCRIPTION_MAX
    coordinate = defs["point"]["items"]
    assert (coordinate["minimum"], coordinate["maximum"]) == GRID
