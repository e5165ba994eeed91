"""The program attacked the way the world will: hostile files, odd terminals, signals, faults."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lowback_tui.app import LowbackApp
from lowback_tui.core.history_store import HistoryStore
from lowback_tui.core.routine import TIMING_RANGES, Routine, RoutineError
from lowback_tui.core.routine_check import EXERCISE_KEYS, ROUTINE_KEYS
from lowback_tui.core.routine_file import MAX_FILE_BYTES, load, loads
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.exercise_list import ExerciseListScreen

from .fake_clock import FakeClock
from .test_countdown_screen import start, to_summary, wait

LOWBACK = str(Path(sys.executable).parent / "lowback")
TIME_BOX = 2.0
"""Seconds any file may take to be judged, however hostile."""


def judged(text: str | bytes, tmp_path: Path | None = None) -> Routine | RoutineError:
    """Load text or bytes; a Routine or a RoutineError, and nothing else, within the time box."""
    began = time.perf_counter()
    try:
        if isinstance(text, bytes):
            assert tmp_path is not None
            path = tmp_path / "hostile.toml"
            path.write_bytes(text)
            result: Routine | RoutineError = load(path)
        else:
            result = loads(text)
    except RoutineError as error:
        assert error.problems, "an error with nothing to say"
        assert all(str(p) for p in error.problems)
        result = error
    assert time.perf_counter() - began < TIME_BOX
    return result


# ---- hostile routine files --------------------------------------------------------------------

scalars = (
    st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 1, 1))
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
near_keys = st.sampled_from([*EXERCISE_KEYS, "hold_second", "rep", "Name", "exercises", "side"])
exercise_tables = st.dictionaries(near_keys | st.text(min_size=1, max_size=10), values, max_size=8)
documents = st.fixed_dictionaries(
    {},
    optional={
        "format": values,
        "name": st.text(max_size=100) | values,
        "course_days": values,
        "timing": st.dictionaries(st.sampled_from([*TIMING_RANGES, "rest"]), values) | values,
        "exercise": st.lists(exercise_tables, max_size=4) | values,
    },
) | st.dictionaries(st.sampled_from([*ROUTINE_KEYS, "sumary"]) | st.text(max_size=8), values)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_toml_document_is_judged_with_problems_never_a_crash(document: dict) -> None:  # type: ignore[type-arg]
    judged(tomli_w.dumps(document))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_judged(text: str) -> None:
    judged(text)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000))
def test_any_bytes_are_judged(tmp_path: Path, data: bytes) -> None:
    judged(data, tmp_path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty", b""),
        ("a byte order mark only", b"\xef\xbb\xbf"),
        ("deeply nested arrays", b"x = " + b"[" * 100_000),
        ("deeply nested inline tables", b"x = " + b"{a = " * 5_000),
        ("a very long dotted key", b"a" + b".a" * 20_000 + b" = 1"),
        ("huge", b"# " + b"x" * MAX_FILE_BYTES),
        ("binary", bytes(range(256)) * 8),
        ("latin-1", 'name = "Caf\xe9"\n'.encode("latin-1")),
        ("a huge string value", b'name = "' + b"x" * 1_500_000 + b'"'),
        ("ten thousand unknown keys", b"".join(b"k%d = 1\n" % n for n in range(10_000))),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_extreme_files_get_problems_in_time(tmp_path: Path, name: str, data: bytes) -> None:
    assert isinstance(judged(data, tmp_path), RoutineError), name


@pytest.mark.parametrize(
    "data", [b"\x00\x01garbage", b"x = " + b"[" * 100_000, b"[[exercise]]\nname = 5\n"]
)
def test_the_command_exits_2_with_a_message_never_a_traceback(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "hostile.toml"
    path.write_bytes(data)
    for argv in ([LOWBACK, "validate", str(path)], [LOWBACK, str(path)]):
        done = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        assert done.returncode == 2
        assert done.stderr.startswith(str(path)) and "Traceback" not in done.stderr


# ---- every screen at every size ----------------------------------------------------------------


@pytest.mark.parametrize("size", [(20, 6), (41, 13), (300, 100)])
async def test_every_screen_at_any_size(
    routine: Routine, tmp_path: Path, size: tuple[int, int]
) -> None:
    clock = FakeClock()
    store = HistoryStore.open(tmp_path / "h.db")
    app = LowbackApp(Trainer(routine, clock=clock, store=store))
    async with app.run_test(size=size) as pilot:
        for keys in (["d", "escape"], ["question_mark", "escape"], ["o", "escape"],
                     ["g", "escape"], ["h", "escape"]):  # fmt: skip
            await pilot.press(*keys)
            await pilot.pause()
        await start(pilot, pain="4")
        await wait(pilot, clock, 12)
        await pilot.press("space", "q", "n", "space")
        for width, height in [(20, 6), (300, 100), (9, 4), size]:  # a burst mid-countdown
            await pilot.resize_terminal(width, height)
        await pilot.press("exclamation_mark")
        await to_summary(pilot, pain="5")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)
    (row,) = store.sessions()
    assert row.stopped_for_pain and (row.pain_before, row.pain_after) == (4, 5)


# ---- faults -------------------------------------------------------------------------------------


async def test_a_routine_deleted_while_the_app_runs_is_reported_and_the_session_runs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "Mine"\n[[exercise]]\nname = "A"\nhold_seconds = 5\nreps = 2\n')
    clock = FakeClock()
    app = LowbackApp(Trainer(load(path), clock=clock, store=HistoryStore.open(tmp_path / "h.db")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        path.unlink()
        await pilot.press("escape")
        await pilot.pause()
        assert app.trainer.problems and app.trainer.problems[0].message.startswith(
            "the file is gone"
        )
        await start(pilot)
        await wait(pilot, clock, 60)
        screen = await to_summary(pilot)
        assert [r.outcome.value for r in screen.summary.records] == ["done"]


def test_old_sessions_are_read_after_a_clock_change(tmp_path: Path) -> None:
    """Sessions dated in the future (a clock set wrong, then right) neither crash nor count."""
    from lowback_tui.core import course

    store = HistoryStore.open(tmp_path / "h.db", now=lambda: datetime.now() + timedelta(days=400))
    store.begin("R", "x", 3)
    store.now = datetime.now
    rows = store.sessions()
    today = datetime.now().date()
    assert course.status(rows, today, 21, today).completed_days == 0
    assert len(course.calendar(rows, today, 21, today)) == 21
