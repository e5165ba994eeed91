"""A history edited by hand (issue 22): a row that is not what the schema means is left out and
said so in one line, never a traceback, and never moves the history aside. The readers open it
read-only; `lowback export` to a terminal writes escapes visibly, to a pipe byte for byte."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from lowback_tui.cli import main
from lowback_tui.core.history import checks as history_checks
from lowback_tui.core.history.checks import (
    COURSE,
    EXERCISE,
    SESSION,
    TARGET,
    BadRow,
    Column,
    check,
    good,
    unreadable_notice,
)
from lowback_tui.core.history.file import MIGRATIONS, history_path
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.file import load
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock
from .pty_run import PtyProgram

TINY = Path(__file__).parent / "routines" / "tiny.toml"
TODAY = datetime.now().replace(microsecond=0)


def whole_session(trainer: Trainer, pain: int) -> None:
    run = trainer.start_session(pain)
    run.start()
    clock = trainer.clock
    assert isinstance(clock, FakeClock)
    clock.advance(10_000)
    run.advance()
    run.check_in_after(pain - 1)


def a_real_history(days: int = 4) -> Path:
    """Sessions of the tiny routine on the last `days` days (today the last), run as a person
    would through the Trainer; the routine chosen is the tiny one. The file's path."""
    path = history_path()
    store = HistoryStore.open(path)
    for back in range(days - 1, -1, -1):
        when = TODAY - timedelta(days=back)
        store.now = partial(lambda day: day, when)
        whole_session(Trainer(load(TINY), clock=FakeClock(), now=store.now, store=store), 4)
    store.close()
    save(Settings(routine=str(TINY), safety_read=True))
    return path


def edit(path: Path, sql: str, *args: object) -> None:
    """Change the file as `sqlite3 history.db "…"` would, CHECK constraints or not."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute(sql, args)
    db.close()


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".corrupt" in p.name)


ONE_SESSION = "1 session in your history could not be read and is left out"

BAD_SESSIONS = [
    ("day", "garbage"),
    ("day", "2026-02-30"),
    ("day", 20261103),
    ("started_at", "yesterday"),
    ("started_at", "2026-11-02 08:00:00"),
    ("ended_at", b"\x00\x01"),
    ("elapsed_seconds", float("inf")),
    ("elapsed_seconds", -1e9),
    ("pain_before", 99),
    ("pain_after", -3),
    ("pain_before", "four"),
    ("pain_before", 4.5),
    ("stopped_for_pain", 7),
    ("planned_seconds", 1e308),
    ("routine_name", b"blob"),
]


@pytest.mark.parametrize(("column", "value"), BAD_SESSIONS)
def test_a_session_that_cannot_be_read_is_left_out_of_every_command(
    capsys: pytest.CaptureFixture[str], column: str, value: object
) -> None:
    path = a_real_history()
    edit(path, f"UPDATE sessions SET {column} = ? WHERE id = 2", value)
    code, out, err = cli(capsys, "history")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[-2:] == ["3 sessions, 9 s of exercise", ONE_SESSION]
    code, out, err = cli(capsys, "export")
    assert (code, err) == (0, f"lowback export: {ONE_SESSION}\n")
    assert {line.split(",")[0] for line in out.splitlines()[1:]} == {"1", "3", "4"}
    code, out, err = cli(capsys, "export", "--format", "json")
    assert (code, err.count("\n")) == (0, 1) and '"session": 2,' not in out
    code, out, err = cli(capsys, "report")
    assert (code, err) == (0, f"lowback report: {ONE_SESSION}\n")
    assert "Sessions: 3" in out.splitlines()
    assert files(path) == []  # never moved aside


def test_a_huge_time_is_left_out_rather_than_printed_in_300_digits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = a_real_history()
    for value, rowid in ((9e999, 1), (1e308, 2), (-1e9, 3), ("ten", 4), (b"\xff", 5)):
        edit(path, "UPDATE exercises SET active_seconds = ? WHERE rowid = ?", value, rowid)
    code, out, _ = cli(capsys, "history")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 80
    assert out.splitlines()[-1] == (
        "5 exercise results in your history could not be read and are left out"
    )
    assert "4 sessions, 4 s of exercise" in out  # the exercise of 1 s left, and today's 3 s


def test_the_app_s_readers_never_fail_on_an_unreadable_row() -> None:
    path = a_real_history()
    edit(path, "UPDATE sessions SET day = 'garbage' WHERE id = 4")  # today's
    edit(path, "UPDATE exercises SET active_seconds = 9e999 WHERE rowid = 1")
    edit(path, "INSERT INTO targets VALUES ('Tiny', 'first', 'lots')")
    trainer = Trainer(load(TINY), clock=FakeClock(), now=lambda: TODAY)
    assert trainer.open_history() == [
        "1 session, 1 exercise result and 1 target in your history could not be read and "
        "are left out"
    ]
    assert str(trainer.overview().course) == "Day 4 of 21 · this week 2 of 7"  # not today's
    assert trainer.routine_today().exercises[0].reps == 1  # the bad target is ignored
    progress = trainer.progress()
    assert progress is not None and progress.sessions == 3
    assert progress.active_seconds == 7.0  # as the history table counts: 1 + 3 + 3
    report = trainer.course_report()
    assert report is not None and report.sessions == 3
    assert trainer.history_table().splitlines()[-1].endswith("are left out")
    assert trainer.carry_on() is None and trainer.before_session(4) is None
    whole_session(trainer, 3)  # today's session again: kept, and read back
    assert str(trainer.course_status()).startswith("Day 4 of 21 (done today)")


def test_an_unreadable_course_is_no_course_and_the_next_session_begins_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = a_real_history(days=2)
    edit(path, "UPDATE courses SET started_on = 'garbage'")
    trainer = Trainer(load(TINY), clock=FakeClock(), now=lambda: TODAY)
    assert trainer.open_history() == ["1 course in your history could not be read and is left out"]
    assert trainer.progress() is None and trainer.course_report() is None
    code, _, err = cli(capsys, "report")
    assert (code, err.splitlines()) == (1, [
        "lowback report: 1 course in your history could not be read and is left out",
        "lowback report: no course yet; it begins with your first session",
    ])  # fmt: skip
    whole_session(trainer, 3)  # a session on: a course begins today, the unreadable row kept
    db = sqlite3.connect(path)
    assert db.execute("SELECT started_on FROM courses ORDER BY id").fetchall() == [
        ("garbage",),
        (TODAY.date().isoformat(),),
    ]
    assert Trainer(load(TINY), now=lambda: TODAY).open_history() == []  # the latest is read
    edit(path, "UPDATE courses SET started_on = ?, days = 'x'", TODAY.date().isoformat())
    assert Trainer(load(TINY), now=lambda: TODAY).open_history() == [
        "1 course in your history could not be read and is left out"
    ]


async def test_the_app_starts_and_shows_the_history_with_a_row_left_out() -> None:
    from lowback_tui.app import LowbackApp
    from lowback_tui.screens.history_view import HistoryScreen

    from .conftest import screen_text

    path = a_real_history()
    edit(path, "UPDATE sessions SET day = 'garbage' WHERE id = 1")
    edit(path, "UPDATE exercises SET active_seconds = 9e999 WHERE rowid = 3")
    app = LowbackApp(Trainer(load(TINY), clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert notices == [
            "1 session and 1 exercise result in your history could not be read and are left out"
        ]
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "could not be read and are left out" in " ".join(screen_text(app).split())
        await pilot.press("escape", "g")
        await pilot.pause()
        assert "Day 4 of 21" in screen_text(app)
    assert app.crash is None


def test_plain_mode_ends_a_session_over_an_unreadable_row() -> None:
    from lowback_tui.plain import Plain

    from .test_plain import Script

    path = a_real_history()
    edit(path, "UPDATE sessions SET day = 'garbage', pain_before = 99 WHERE id = 3")
    out, clock = io.StringIO(), FakeClock()
    assert Plain(out, Script(clock, ["3", "3"], {})).run(Trainer(load(TINY), clock=clock)) == 0
    text = out.getvalue()
    assert ONE_SESSION in text
    assert text.rstrip().endswith("this week 3 of 7.")  # days 1, 2 and today; 3 was left out


def test_one_value_outside_a_check_never_moves_the_history_aside() -> None:
    path = a_real_history()
    edit(path, "UPDATE sessions SET pain_before = 99 WHERE id = 1")
    store = HistoryStore.open(path)
    assert (store.notice, store.problem, store.unreadable) == (None, None, {"session": 1})
    assert files(path) == [] and len(store.sessions()) == 3
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("SELECT COUNT(*) FROM courses").fetchone() == (1,)  # no course begun again


def test_a_migration_over_a_row_outside_a_check_keeps_the_history() -> None:
    path = history_path()
    db = a_schema_2_history(path)
    db.execute("PRAGMA ignore_check_constraints = ON")
    for position, outcome in ((0, "done"), (1, "garbage")):  # outside migration 3's CHECK too
        db.execute("INSERT INTO exercises VALUES (1, ?, 'x', 'X', ?, 1, 1, 1, 5.0)",
                   (position, outcome))  # fmt: skip
    db.close()
    store = HistoryStore.open(path)
    assert (store.notice, store.unreadable) == (None, {"exercise result": 1})
    assert files(path) == []
    (row,) = store.sessions()
    assert (row.done, row.active_seconds) == (1, 5.0)


def test_the_reading_commands_open_the_history_read_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Tests run as root, which a read-only folder would not stop: this asks sqlite itself."""
    path = a_real_history()
    store = HistoryStore.open_existing()
    assert store is not None and store._db is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store._db.execute("CREATE TABLE written (x)")
    store.close()
    before = path.read_bytes()
    for command in (["history"], ["export"], ["report"]):
        assert cli(capsys, *command)[0] == 0
    assert path.read_bytes() == before


def a_schema_2_history(path: Path) -> sqlite3.Connection:
    """A history as lowback kept it before migration 3, with one session and a course."""
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path, isolation_level=None)
    for statement in ";".join(MIGRATIONS[:2]).split(";"):
        db.execute(statement)
    db.execute("PRAGMA user_version = 2")
    db.execute("INSERT INTO sessions (id, routine_name, routine_hash, started_at, day, ended_at)"
               " VALUES (1, 'R', 'h', '2026-11-02T08:00:00', '2026-11-02',"
               " '2026-11-02T08:10:00')")  # fmt: skip
    db.execute("INSERT INTO courses (started_on) VALUES ('2026-11-02')")
    return db


def test_an_older_schema_is_read_read_only_too(capsys: pytest.CaptureFixture[str]) -> None:
    path = history_path()
    db = a_schema_2_history(path)
    db.execute("INSERT INTO exercises VALUES (1, 0, 'x', 'X', 'done', 1, 1, 1, 5.0)")
    db.close()
    before = path.read_bytes()
    code, out, _ = cli(capsys, "history")
    assert code == 0 and out.splitlines()[-1] == "1 session, 5 s of exercise"
    assert path.read_bytes() == before  # brought up to date in memory only
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (2,)


def _as_nobody() -> list[str] | None:
    """A command running this Python as user nobody, if this test can (root, and a Python and
    its packages nobody can read: the virtualenv's may live under /root)."""
    if os.geteuid() != 0 or shutil.which("su") is None:
        return None
    python = "/usr/bin/python3"
    if not os.path.exists(python):
        return None
    paths = [str(Path(__file__).resolve().parent.parent), *sys.path[1:]]
    probe = subprocess.run(
        ["su", "nobody", "-s", "/bin/sh", "-c", f"PYTHONPATH={':'.join(paths)} {python} -c "
         "'import sqlite3, textual, platformdirs, lowback_tui.cli'"],
        capture_output=True, cwd="/",
    )  # fmt: skip
    if probe.returncode:
        return None
    return ["su", "nobody", "-s", "/bin/sh", "-c", f"PYTHONPATH={':'.join(paths)} {python} -m"]


def test_a_read_only_data_folder_is_read() -> None:
    """For real: as a user the folder's mode applies to (tests run as root), in a folder of
    /tmp that user can reach (pytest's own are root's alone)."""
    command = _as_nobody()
    if command is None:
        pytest.skip("needs root, su and a Python user nobody can run")
    made = a_real_history()
    home = Path(tempfile.mkdtemp(prefix="lowback-ro-"))
    try:
        home.chmod(0o755)
        path = home / "data" / "history.db"
        path.parent.mkdir()
        shutil.copy(made, path)
        for name in (home, path.parent, path):
            os.chown(name, 65534, 65534)
        path.chmod(0o400)
        path.parent.chmod(0o500)
        env = f"LOWBACK_HOME={home} HOME={home} "
        done = subprocess.run([*command[:-1], env + command[-1] + " lowback_tui history"],
                              capture_output=True, text=True, cwd="/")  # fmt: skip
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.splitlines()[-1] == "4 sessions, 12 s of exercise"
        assert sorted(p.name for p in path.parent.iterdir()) == ["history.db"]
    finally:
        path.parent.chmod(0o700)
        shutil.rmtree(home)


def test_export_to_a_terminal_shows_escapes_and_to_a_pipe_keeps_them(tmp_path: Path) -> None:
    path = a_real_history(days=1)
    name = "\x1b]0;owned\x07\x1b[2J\u009b31mX"
    edit(path, "UPDATE sessions SET routine_name = ?", name)
    env = {**os.environ, "LOWBACK_HOME": os.environ["LOWBACK_HOME"]}
    piped = subprocess.run([sys.executable, "-m", "lowback_tui", "export"],
                           capture_output=True, env=env)  # fmt: skip
    assert name.encode() in piped.stdout  # for a program: the data as it is
    program = PtyProgram([sys.executable, "-m", "lowback_tui", "export"], env=env)
    assert program.wait_exit(timeout=30) == 0
    shown = program.output
    program.stop()
    assert b"\x1b" not in shown and "\u009b".encode() not in shown
    assert rb"\x1b]0;owned\x07\x1b[2J\x9b31mX" in shown


# ---- the checks, value by value ------------------------------------------------------------


def _sql_says(column: Column, value: object) -> bool:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE x ({column.name})")
    db.execute("INSERT INTO x VALUES (?)", (value,))
    return bool(db.execute(f"SELECT {good([column], 'x')} FROM x").fetchone()[0])


def _python_says(column: Column, value: object) -> bool:
    try:
        check((column,), [value])
    except BadRow:
        return False
    return True


def _edges(column: Column) -> list[tuple[object, bool]]:
    if column.kind in ("int", "real"):
        step = 1 if column.kind == "int" else 0.001
        cases: list[tuple[object, bool]] = [(column.low, True), (column.high, True),
                 (column.low - step, False), (column.high + step, False)]  # fmt: skip
        if column.kind == "int":
            cases += [(float(column.low), False), ("1", False)]
        return [*cases, (float("inf"), False), (b"1", False)]
    by_kind: dict[str, list[tuple[object, bool]]] = {
        "text": [("any", True), (b"any", False), (1, False)],
        "flag": [(0, True), (1, True), (2, False), (-1, False), ("1", False)],
        "outcome": [("done", True), ("not reached", True), ("Done", False), (1, False)],
        "day": [("2026-11-02", True), ("1900-01-01", True), ("9000-12-31", True),
                ("1899-12-31", False), ("9001-01-01", False), ("2026-02-29", False),
                ("2026-1-02", False), ("2026-11-02T08:00:00", False), (20261102, False)],
        "moment": [("2026-11-02T08:00:00", True), ("2026-11-02 08:00:00", False),
                   ("2026-11-02T08:00", False), ("2026-11-02", False), ("x", False)],
    }  # fmt: skip
    return by_kind[column.kind]


COLUMNS = [c for table in (SESSION, EXERCISE, COURSE, TARGET) for c in table]


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: f"{c.name}-{c.kind}")
def test_each_column_s_check_at_each_side_of_its_edges_in_sql_and_python(column: Column) -> None:
    for value, fits in [*_edges(column), (None, column.null)]:
        assert (_python_says(column, value), _sql_says(column, value)) == (fits, fits), value


def test_the_bounds_follow_the_routine_limits() -> None:
    from lowback_tui.core.routine.file import MAX_TABLES
    from lowback_tui.core.routine.model import COURSE_DAYS_RANGE, REPS_RANGE

    assert history_checks.MOST_EXERCISES == MAX_TABLES
    assert 2 * REPS_RANGE[1] == history_checks.MOST_EFFORTS
    assert next(c for c in COURSE if c.name == "days")[2:4] == COURSE_DAYS_RANGE


def test_the_notice_counts_and_agrees() -> None:
    assert unreadable_notice({}) is None
    assert unreadable_notice({"session": 0}) is None
    assert unreadable_notice({"session": 1}) == ONE_SESSION
    assert unreadable_notice({"session": 2, "target": 1}) == (
        "2 sessions and 1 target in your history could not be read and are left out"
    )


def test_each_row_left_out_is_logged_once_without_its_value(tmp_path: Path) -> None:
    import logging

    path = a_real_history()
    edit(path, "UPDATE sessions SET pain_before = 77 WHERE id = 2")
    logger = logging.getLogger("lowback")
    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        HistoryStore.open(path).sessions()
    finally:
        logger.removeHandler(handler)
    assert seen == ["history: session 2 is left out: its pain_before cannot be read"]
    assert not any("77" in line for line in seen)
