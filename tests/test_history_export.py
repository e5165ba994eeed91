"""`lowback export` reads and writes the history a page of sessions at a time: the same text, byte
for byte, as the whole history made in one piece, never the whole history held at once, and a
file it was writing when SIGTERM came is removed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from lowback_tui.core.history import reads as history_reads
from lowback_tui.core.history import text as history_text
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

HOSTILE = "A\x00\x1b]0;x\x07\x85\x9b2J\u202e\u2028=SUM(1)\r\n\"',;"
"""Controls, a bidi mark, a line separator, a formula, CSV's own quote, comma and line break."""


def _history(path: Path, sessions: int) -> HistoryStore:
    """`sessions` sessions of two exercises (every fifth with none, one named HOSTILE), one
    session and one exercise result made unreadable by hand, and one session with an id < 0."""
    store = HistoryStore.open(path, now=lambda: datetime(2026, 1, 5, 9))
    for number in range(sessions):
        name = HOSTILE if number == 3 else f"Routine {number}"
        session = store.begin(name, "x", number % 11)
        records = []
        for position in range(0 if number % 5 == 4 else 2):
            record = ExerciseRecord(position, f"e{position}", name, Outcome.DONE, 4, 4, 20.5, 20.5)
            store.record_exercise(session, record, 5)
            records.append(record)
        store.finish(session, Summary(name, tuple(records), 70, 0, False), stopped_for_pain=False)
    assert store._db is not None
    store._db.execute("PRAGMA foreign_keys = OFF")
    store._db.execute("UPDATE sessions SET day = 'garbage' WHERE id = 2")
    store._db.execute("UPDATE exercises SET active_seconds = 9e999 WHERE session_id = 6")
    store._db.execute("UPDATE sessions SET id = -7 WHERE id = 8")
    store._db.execute("UPDATE exercises SET session_id = -7 WHERE session_id = 8")
    store.close()
    return HistoryStore.open(path, now=lambda: datetime(2026, 1, 5, 9))


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_pages_make_the_same_text_as_one_piece(tmp_path: Path, size: int) -> None:
    store = _history(tmp_path / "h.db", 23)
    rows, exercises = store.sessions(), store.all_exercises()
    assert len(rows) == 22 and rows[0].id == -7  # one left out; the negative id comes first
    assert store.unreadable_notice is not None
    whole_csv, whole_json = (
        history_text.as_csv(rows, exercises),
        history_text.as_json(rows, exercises),
    )
    paged_csv = "".join(history_text.csv_text(store.session_pages(size)))
    paged_json = "".join(history_text.json_text(store.session_pages(size)))
    assert paged_csv == whole_csv
    assert paged_json == whole_json
    assert whole_json == (
        json.dumps(json.loads(whole_json), indent=2, ensure_ascii=False)
        .replace("\x85", "\\u0085").replace("\x9b", "\\u009b").replace("\u202e", "\\u202e")
        .replace("\u2028", "\\u2028") + "\n"
    )  # fmt: skip
    assert len(json.loads(paged_json)["sessions"]) == 22


def test_an_empty_history_exports_as_it_did(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    assert history_text.export(store, "json") == '{\n  "lowback_history": 1,\n  "sessions": []\n}\n'
    assert history_text.export(None, "json") == history_text.export(store, "json")
    assert history_text.export(store, "csv") == history_text.as_csv([], {})
    assert history_text.export(store, "csv").count("\n") == 1  # the header alone


def test_export_reads_a_page_at_a_time_and_writes_each_before_reading_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No read of the history finds more than a page of sessions (or their exercise results),
    and the first page's text is out before the second page is read: what is held does not
    grow with the history (it held all of it: 758 MB for 100,000 sessions as CSV)."""
    store = _history(tmp_path / "h.db", 45)
    monkeypatch.setattr(history_reads, "EXPORT_PAGE", 10)
    found: list[int] = []
    read = store.read

    def counted(sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        rows = read(sql, args)
        found.append(len(rows))
        return rows

    monkeypatch.setattr(store, "read", counted)
    for format in ("csv", "json"):
        found.clear()
        pieces = history_text.export_text(store, format)
        first = next(pieces)
        while "Routine" not in first:  # JSON's heading comes in a piece of its own
            first = next(pieces)
        assert found == [10, 16]  # a page of sessions (one left out), their exercise results
        assert "Routine 10" in first and "Routine 11" not in first
        rest = "".join(pieces)
        assert "Routine 44" in rest
        # 5 pages, then none left; JSON then reads the courses' activities (none here), once
        assert max(found) <= 2 * 10 and len(found) == 2 * 5 + 1 + (format == "json")


def test_sigterm_while_exporting_to_a_file_leaves_no_file(
    private_home: Path, tmp_path: Path
) -> None:
    """The export is written as it is read (seconds for a long history): SIGTERM on the way
    removes the part written, and lowback still ends by the signal."""
    _history(private_home / "data" / "history.db", 30).close()
    target = tmp_path / "out.csv"
    script = textwrap.dedent(f"""
        import os, signal, sys
        from lowback_tui import cli
        from lowback_tui.core.history import text as history_text
        made = history_text.csv_text

        def ended_on_the_way(pages):
            for number, piece in enumerate(made(pages)):
                yield piece
                if number == 2:
                    os.kill(os.getpid(), signal.SIGTERM)

        history_text.csv_text = ended_on_the_way
        history_text.EXPORT_PAGE = 5
        from lowback_tui.core.history import reads as history_reads
        history_reads.EXPORT_PAGE = 5
        cli.main(["export", "-o", {str(target)!r}])
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                          env={**os.environ, "LOWBACK_HOME": str(private_home)})  # fmt: skip
    assert done.returncode == -signal.SIGTERM, done.stderr
    assert not target.exists()
    assert b"Traceback" not in done.stderr
