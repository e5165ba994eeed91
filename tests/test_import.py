"""`lowback import FILE`: an export read back into the history, merged without duplicates, in
one transaction; a file that is not an export is one line, exit 2, and nothing written."""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from lowback_tui.core.history import file as history_file
from lowback_tui.core.history import restore
from lowback_tui.core.history.file import history_path

from .test_history_rows_bad import a_real_history, cli


def export(capsys: pytest.CaptureFixture[str], to: Path) -> bytes:
    code, _, err = cli(capsys, "export", "--format", "json", "-o", str(to))
    assert code == 0, err
    return to.read_bytes()


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the import writes, read past lowback (WAL included)."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {
            table: sorted(db.execute(f"SELECT * FROM {table}"), key=repr)
            for table in ("sessions", "exercises", "courses", "targets", "offers")
        }
    finally:
        db.close()


def move_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> Path:
    home = tmp_path / name
    monkeypatch.setenv("LOWBACK_HOME", str(home))
    return home


@pytest.fixture
def exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An export of four days of the tiny routine, run through the Trainer; the home is then
    an empty one."""
    a_real_history(4)
    export(capsys, tmp_path / "export.json")
    move_home(tmp_path, monkeypatch, "restored")
    return tmp_path / "export.json"


def test_import_into_an_empty_home_gives_back_the_same_export_history_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a_real_history(4)
    before = export(capsys, tmp_path / "before.json")
    shown = {c: cli(capsys, c)[1] for c in ("history", "report")}
    assert "today is day 4 of 21" in shown["report"]
    move_home(tmp_path, monkeypatch, "restored")
    (tmp_path / "restored" / "config").mkdir(parents=True)
    (tmp_path / "restored" / "config" / "config.toml").write_bytes(
        (tmp_path / "home" / "lowback" / "config" / "config.toml").read_bytes()
    )  # the same routine in use: the course's length is its
    assert cli(capsys, "import", str(tmp_path / "before.json")) == (
        0,
        "imported 4 sessions (0 already there)\n",
        "",
    )
    assert export(capsys, tmp_path / "after.json") == before
    assert {c: cli(capsys, c)[1] for c in ("history", "report")} == shown


def test_importing_twice_changes_nothing(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "import", str(exported))[:2] == (
        0,
        "imported 4 sessions (0 already there)\n",
    )
    first = rows(history_path())
    assert len(first["sessions"]) == 4 and len(first["courses"]) == 1
    assert cli(capsys, "import", str(exported))[:2] == (
        0,
        "imported 0 sessions (4 already there)\n",
    )
    assert rows(history_path()) == first


def test_sessions_already_there_are_skipped_and_the_rest_numbered_after(
    exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(exported.read_text())
    half = tmp_path / "half.json"
    half.write_text(json.dumps({**document, "sessions": document["sessions"][2:]}))
    assert cli(capsys, "import", str(half))[:2] == (0, "imported 2 sessions (0 already there)\n")
    # A session of its own with a number the export uses, begun here after the half import.
    db = sqlite3.connect(history_path())
    db.execute("INSERT INTO sessions (id, routine_name, routine_hash, started_at, day)"
               " VALUES (1, 'Mine', 'h', '2026-01-01T08:00:00', '2026-01-01')")  # fmt: skip
    db.commit()
    db.close()
    assert cli(capsys, "import", str(exported))[:2] == (
        0,
        "imported 2 sessions (2 already there)\n",
    )
    sessions = {r[0]: (r[1], r[3]) for r in rows(history_path())["sessions"]}
    exported_ids = [s["session"] for s in document["sessions"]]
    assert sessions[1] == ("Mine", "2026-01-01T08:00:00")  # kept; the file's 1 renumbered
    assert sorted(sessions) == sorted({1, *exported_ids[1:], max(exported_ids) + 1})
    keys = Counter((name, start) for name, start in sessions.values())
    assert all(count == 1 for count in keys.values())


def test_two_sessions_with_one_start_and_routine_both_come_back(
    exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(exported.read_text())
    twin = {**document["sessions"][0], "session": 99}
    doubled = tmp_path / "doubled.json"
    doubled.write_text(json.dumps({**document, "sessions": [*document["sessions"], twin]}))
    assert cli(capsys, "import", str(doubled))[:2] == (0, "imported 5 sessions (0 already there)\n")
    assert cli(capsys, "import", str(doubled))[:2] == (0, "imported 0 sessions (5 already there)\n")
    assert cli(capsys, "import", str(exported))[:2] == (
        0,
        "imported 0 sessions (4 already there)\n",
    )


def test_an_empty_export_makes_no_course(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text('{\n  "lowback_history": 1,\n  "sessions": []\n}\n')
    assert cli(capsys, "import", str(empty))[:2] == (0, "imported 0 sessions (0 already there)\n")
    assert rows(history_path())["courses"] == []


def _session(**changes: Any) -> dict[str, Any]:
    good: dict[str, Any] = {
        "session": 1, "day": "2026-01-05", "started_at": "2026-01-05T08:00:00",
        "ended_at": "2026-01-05T08:11:00", "routine": "Lower back", "pain_before": 4,
        "pain_after": 3, "stopped_for_pain": False, "ended_early": False,
        "elapsed_seconds": 660.0,
        "exercises": [{"position": 0, "exercise_id": "bridge", "name": "Bridge",
                       "outcome": "done", "efforts_done": 6, "efforts_planned": 6,
                       "active_seconds": 60.0}],
    }  # fmt: skip
    return {**good, **changes}


def _document(*sessions: object) -> bytes:
    return json.dumps({"lowback_history": 1, "sessions": list(sessions)}).encode()


def _exercise(**changes: Any) -> dict[str, Any]:
    return _session(exercises=[{**_session()["exercises"][0], **changes}])


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "not json": (b"hello", "is not JSON (line 1)"),
    "not utf-8": (b'{"lowback_history": 1, "sessions": ["\xff"]}', "is not UTF-8 text (byte 37)"),
    "a list": (b"[]", "is not a `lowback export --format json`"),
    "a csv export": (b"session,day\r\n1,2026-01-05\r\n", "is not JSON"),
    "another version": (b'{"lowback_history": 2, "sessions": []}', '"lowback_history" other'),
    "a version true": (b'{"lowback_history": true, "sessions": []}', '"lowback_history" other'),
    "sessions not a list": (b'{"lowback_history": 1, "sessions": {}}', "not a list"),
    "a repeated name": (b'{"lowback_history": 1, "lowback_history": 1, "sessions": []}', "JSON"),
    "a session not an object": (_document(_session(), 5), "sessions[1] is not an object"),
    "a missing field": (
        _document({k: v for k, v in _session().items() if k != "day"}),
        "sessions[0] has no day",
    ),
    "an extra field": (_document(_session(mood="fine")), "a field an export does not: 'mood'"),
    "a pain of 99": (
        _document(_session(), _session(session=2, pain_before=99)),
        "sessions[1].pain_before is not a whole number from 0 to 10 or null",
    ),
    "a pain of 3.5": (_document(_session(pain_after=3.5)), "sessions[0].pain_after is not"),
    "a pain as text": (_document(_session(pain_after="3")), "sessions[0].pain_after is not"),
    "NaN": (_document(_session()).replace(b"660.0", b"NaN"), "is not JSON"),
    "1e999": (
        _document(_session()).replace(b"660.0", b"1e999"),
        "sessions[0].elapsed_seconds is not a number from 0 to 86400 or null",
    ),
    "a number of 5,000 digits": (
        _document(_session()).replace(b'"session": 1', b'"session": ' + b"9" * 5000),
        "is not JSON",
    ),
    "a session number past SQLite's": (
        _document(_session(session=2**63)),
        "sessions[0].session is not a session number",
    ),
    "a day that is no date": (_document(_session(day="2026-02-30")), "sessions[0].day is not a"),
    "a start of another shape": (
        _document(_session(started_at="2026-01-05 08:00")),
        "sessions[0].started_at is not a time",
    ),
    "a flag as text": (_document(_session(ended_early="no")), "ended_early is not true or false"),
    "a lone surrogate": (
        _document(_session(routine="\ud800")),
        "sessions[0].routine holds a lone surrogate",
    ),
    "an unknown outcome": (
        _document(_exercise(outcome="great")),
        "sessions[0].exercises[0].outcome is not done, partial, skipped or not reached",
    ),
    "efforts below 0": (_document(_exercise(efforts_done=-1)), "exercises[0].efforts_done"),
    "exercises not a list": (_document(_session(exercises=None)), "exercises is not a list"),
    "a repeated number": (
        _document(_session(), _session(session=1, started_at="2026-01-06T08:00:00")),
        "sessions[1].session is the number of sessions[0] too",
    ),
    "a repeated position": (
        _document(_session(exercises=_session()["exercises"] * 2)),
        "sessions[0].exercises[1].position is another exercise's too",
    ),
    "nested past recursion": (b"[" * 200_000 + b"]" * 200_000, "is not JSON"),
}
"""Each file that is not an export, with what its line says (hostile text in a name is no such
file: it is kept, and shown escaped)."""


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_one_line_exit_2_and_nothing_written(
    exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    assert cli(capsys, "import", str(exported))[0] == 0
    before = rows(history_path())
    data, said = BAD_FILES[case]
    bad = tmp_path / "bad.json"
    bad.write_bytes(data)
    code, out, err = cli(capsys, "import", str(bad))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"lowback import: {bad}: "), err
    assert said in err
    assert err.endswith("; nothing was imported\n")
    # never the value found: it may be a pain rating (the file's own path may hold "99": pytest's
    # temporary folders are numbered, pytest-99 among them)
    assert "99" not in err.replace(str(bad), "")
    assert rows(history_path()) == before


def test_a_bad_file_makes_no_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(_document(_session(pain_before=11)))
    assert cli(capsys, "import", str(bad))[0] == 2
    assert not history_path().parent.exists()


def test_a_file_too_big_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as out:
        out.truncate(restore.MAX_BYTES + 1)  # sparse: nothing is written to the disk
    code, _, err = cli(capsys, "import", str(big))
    assert code == 2 and err.count("\n") == 1
    assert f"{big}: is 134,217,729 bytes; a lowback export is far smaller" in err
    assert not history_path().parent.exists()


@pytest.mark.parametrize("what", ["missing", "folder", "pipe"])
def test_a_file_that_cannot_be_read_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    path = tmp_path / what
    if what == "folder":
        path.mkdir()
    elif what == "pipe":
        os.mkfifo(path)
    code, out, err = cli(capsys, "import", str(path))
    assert (code, out) == (2, "") and err.count("\n") == 1 and str(path) in err
    assert not history_path().parent.exists()


def test_a_name_that_is_an_escape_sequence_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "\x1b]0;owned\x07.json"
    bad.write_bytes(b"nope")
    code, _, err = cli(capsys, "import", str(bad))
    assert code == 2 and "\x1b" not in err and "\x07" not in err and "owned" in err


def test_hostile_text_is_kept_as_it_was_and_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "A\x00\x1b]0;x\x07\x9b2J\u202e=SUM(1)\r\n"
    good = tmp_path / "good.json"
    good.write_bytes(_document(_session(routine=name)))
    assert cli(capsys, "import", str(good))[0] == 0
    assert rows(history_path())["sessions"][0][1] == name
    shown = cli(capsys, "history")[1]
    assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown


def test_a_history_that_cannot_be_read_is_left_as_it_is(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = history_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database, but someone's file" * 100)
    code, out, err = cli(capsys, "import", str(exported))
    assert (code, out) == (1, "") and err.count("\n") == 1
    assert "nothing was imported" in err
    assert path.read_bytes() == b"not a database, but someone's file" * 100
    assert [p.name for p in path.parent.iterdir()] == ["history.db"]  # not moved aside


def test_a_locked_history_fails_in_one_line_and_keeps_nothing(
    exported: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(capsys, "import", str(exported))[0] == 0
    db = sqlite3.connect(history_path())
    db.execute("DELETE FROM exercises")
    db.execute("DELETE FROM sessions")
    db.commit()
    before = rows(history_path())
    monkeypatch.setattr(history_file, "BUSY_SECONDS", 0.2)
    db.execute("BEGIN IMMEDIATE")  # another lowback writing
    try:
        code, out, err = cli(capsys, "import", str(exported))
    finally:
        db.rollback()
        db.close()
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "database is locked" in err, err
    assert err.endswith("; nothing was imported\n")
    assert rows(history_path()) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a file of mode 0400")
def test_a_read_only_history_fails_in_one_line(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "import", str(exported))[0] == 0
    before = rows(history_path())
    history_path().chmod(0o400)
    history_path().parent.chmod(0o500)
    try:
        document = json.loads(exported.read_text())
        changed = exported.with_name("more.json")
        more = {**document["sessions"][0], "session": 50, "started_at": "2000-01-01T08:00:00"}
        changed.write_text(json.dumps({**document, "sessions": [more]}))
        code, out, err = cli(capsys, "import", str(changed))
    finally:
        history_path().parent.chmod(0o700)
        history_path().chmod(0o600)
    assert (code, out) == (1, "") and err.count("\n") == 1 and "nothing was imported" in err
    assert rows(history_path()) == before


def test_a_failure_midway_keeps_none_of_the_import(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A write refused after some sessions and exercise results went in (a full disk, say):
    the transaction is rolled back whole, and the history is as it was."""
    assert cli(capsys, "import", str(exported))[0] == 0
    db = sqlite3.connect(history_path())
    db.execute("DELETE FROM exercises WHERE session_id > 2")
    db.execute("DELETE FROM sessions WHERE id > 2")
    db.execute("CREATE TRIGGER full AFTER INSERT ON exercises WHEN NEW.session_id = 4"
               " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")  # fmt: skip
    db.commit()
    before = rows(history_path())
    code, out, err = cli(capsys, "import", str(exported))
    assert (code, out) == (1, "") and err.count("\n") == 1 and "disk I/O error" in err
    assert rows(history_path()) == before
    db.execute("DROP TRIGGER full")
    db.commit()
    db.close()
    assert cli(capsys, "import", str(exported))[:2] == (
        0,
        "imported 2 sessions (2 already there)\n",
    )
