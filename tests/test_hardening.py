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
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.check import EXERCISE_KEYS, ROUTINE_KEYS
from lowback_tui.core.routine.file import MAX_FILE_BYTES, load, loads
from lowback_tui.core.routine.model import TIMING_RANGES, Routine, RoutineError
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.list_screen import ExerciseListScreen

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


# ---- fuzz: `lowback validate` and the app's loader, over bytes and TOML-ish text --------------

FUZZ = settings(
    max_examples=200,
    deadline=2000,  # ms per example: a file that costs more than this is a bug
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
"""Each fuzz test runs in a few seconds (measured: all four together well under 20 s)."""

_BUNDLED_LINES = (
    (Path(__file__).parent.parent / "routines" / "lower-back.toml")
    .read_text(encoding="utf-8")
    .splitlines()
)
fragments = (
    st.sampled_from(_BUNDLED_LINES)
    | st.sampled_from(
        [
            "[[exercise]]",
            "[timing]",
            "[exercise]",
            "[",
            "]",
            "{",
            "}",
            ",",
            "=",
            ".",
            "#",
            '"',
            "'",
            '"""',
            "'''",
            "\\",
            "name",
            "reps",
            "hold_seconds",
            "cues",
            "a.b.c",
            '"quoted".key',
            "inf",
            "-nan",
            "1e999",
            "0x" + "f" * 40,
            "9" * 5000,
            "1_000",
            "1979-05-27T07:32:00Z",
            "true",
            '"\\u0000"',
            "\x00",
            "\x1b]0;title\x07",
            "\x1b[2J",
            "\u202e",
            "\u009b31m",
            "[/]",
            "[@click=app.quit]x[/]",
            "\r",
            "\t",
            "k" + ".a" * 300,
            '"' + "Full stop. " * 30 + '"',
            "x = " + "[" * 50,
        ]
    )
    | st.integers().map(str)
    | st.text(max_size=12)
)
tomlish = st.lists(st.lists(fragments, max_size=6).map(" ".join), max_size=40).map("\n".join)


def validated(path: Path) -> int:
    """`lowback validate PATH` run in this process: its exit status, never a traceback."""
    from contextlib import redirect_stderr, redirect_stdout
    from io import StringIO

    from lowback_tui import cli

    out, err = StringIO(), StringIO()
    began = time.perf_counter()
    with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as done:
        cli.main(["validate", str(path)])
    assert time.perf_counter() - began < TIME_BOX
    assert done.value.code in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue() + out.getvalue()
    return int(done.value.code or 0)


def loaded_by_the_app(argument: str) -> None:
    """What the app does with a ROUTINE argument and the picker: a routine or problems."""
    from lowback_tui.core.routine import library as routine_library

    try:
        load(routine_library.resolve(argument))
    except RoutineError as error:
        assert error.problems and all(str(p) for p in error.problems)
    began = time.perf_counter()
    for choice in routine_library.choices():
        assert (choice.routine is None) == bool(choice.problems)
    assert time.perf_counter() - began < TIME_BOX


@FUZZ
@given(st.binary(max_size=3000))
def test_fuzz_validate_any_bytes(private_home: Path, data: bytes) -> None:
    path = private_home.parent / "fuzz.toml"
    path.write_bytes(data)
    validated(path)


@FUZZ
@given(tomlish)
def test_fuzz_validate_tomlish_text(private_home: Path, text: str) -> None:
    path = private_home.parent / "fuzz.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    validated(path)


@FUZZ
@given(st.binary(max_size=3000) | tomlish.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_fuzz_the_apps_loader_and_picker(private_home: Path, data: bytes) -> None:
    from lowback_tui.core import dirs

    folder = dirs.routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fuzz.toml").write_bytes(data)
    loaded_by_the_app("fuzz")
    loaded_by_the_app(str(folder / "fuzz.toml"))


def test_the_picker_and_validate_with_every_special_file_among_the_routines(
    private_home: Path, tmp_path: Path
) -> None:
    import os

    from lowback_tui.core import dirs

    folder = dirs.routines_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "dangling.toml").symlink_to(tmp_path / "nowhere")
    (folder / "folder.toml").mkdir()
    loaded_by_the_app("pipe")
    for name in ("pipe", "zero", "dangling", "folder"):
        assert validated(folder / f"{name}.toml") == 2


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
    from lowback_tui.core.course import calendar as course_calendar
    from lowback_tui.core.course import rules as course

    store = HistoryStore.open(tmp_path / "h.db", now=lambda: datetime.now() + timedelta(days=400))
    store.begin("R", "x", 3)
    store.now = datetime.now
    rows = store.sessions()
    today = datetime.now().date()
    assert course.status(rows, today, 21, today).completed_days == 0
    assert len(course_calendar.calendar(rows, today, 21, today)) == 21
