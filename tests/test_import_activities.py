"""The activities in an export and back (issue 25): `lowback export --format json` writes each
course's activities (its first day, each activity's place, name and ratings); `lowback import`
checks them whole (a bad one named by its place in the file, never its value) and puts them onto
the course begun the same day when it has none of its own, else says how many were not imported.
A file without them (every export before them) imports as it always did."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from lowback_tui.cli import main
from lowback_tui.core.history import restore
from lowback_tui.core.history.file import history_path
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.history.text import export
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

START = datetime(2026, 11, 3, 8, 0)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def a_course(path: Path, names: tuple[str, ...], *weeks: tuple[int, ...]) -> HistoryStore:
    """A history of one session on START (which begins its course), with `names` rated each
    week as `weeks` say (week 1 on START, week 2 a week on ...)."""
    store = HistoryStore.open(path, now=lambda: START)
    session = store.begin("Lower back", "h", 4)
    record = ExerciseRecord(0, "knee", "Knee to chest", Outcome.DONE, 10, 10, 50.0, 50.0)
    store.record_exercise(session, record, 10)
    store.finish(session, Summary("Lower back", (record,), 70, 0, False), stopped_for_pain=False)
    found = store.course_activities()
    assert found is not None
    for week, ratings in enumerate(weeks, start=1):
        day = date.fromordinal(START.date().toordinal() + 7 * (week - 1))
        store.keep_activities(found.course_id, names, week, day, ratings)
    return store


# ---- the export ---------------------------------------------------------------------------------


def test_the_export_holds_each_courses_activities(tmp_path: Path) -> None:
    store = a_course(tmp_path / "h.db", ("putting on socks", "sitting 30 minutes"), (3, 4), (6, 4))
    text = export(store, "json")
    document = json.loads(text)
    assert list(document) == ["lowback_history", "sessions", "activities"]
    assert document["activities"] == [{
        "course_started_on": "2026-11-03",
        "activities": [
            {"place": 0, "name": "putting on socks", "ratings": [
                {"week": 1, "day": "2026-11-03", "rating": 3},
                {"week": 2, "day": "2026-11-10", "rating": 6},
            ]},
            {"place": 1, "name": "sitting 30 minutes", "ratings": [
                {"week": 1, "day": "2026-11-03", "rating": 4},
                {"week": 2, "day": "2026-11-10", "rating": 4},
            ]},
        ],
    }]  # fmt: skip
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_an_export_without_activities_is_as_before(tmp_path: Path) -> None:
    store = a_course(tmp_path / "h.db", ())
    text = export(store, "json")
    assert '"activities"' not in text
    assert list(json.loads(text)) == ["lowback_history", "sessions"]
    empty = HistoryStore.open(tmp_path / "empty.db")
    assert export(empty, "json") == '{\n  "lowback_history": 1,\n  "sessions": []\n}\n'


def test_a_hostile_name_is_exported_safe_for_a_terminal(tmp_path: Path) -> None:
    name = "socks\x9b31m\u202e"
    store = a_course(tmp_path / "h.db", (name,), (3,))
    text = export(store, "json")
    assert "\x9b" not in text and "\u202e" not in text and "\\u009b" in text
    assert json.loads(text)["activities"][0]["activities"][0]["name"] == name


# ---- the import's checks -------------------------------------------------------------------------


def _course(**changes: Any) -> dict[str, Any]:
    good: dict[str, Any] = {
        "course_started_on": "2026-11-03",
        "activities": [{"place": 0, "name": "socks", "ratings": [
            {"week": 1, "day": "2026-11-03", "rating": 3},
        ]}],
    }  # fmt: skip
    return {**good, **changes}


def _activity(**changes: Any) -> dict[str, Any]:
    return _course(activities=[{**_course()["activities"][0], **changes}])


def _rating(**changes: Any) -> dict[str, Any]:
    rating = {**_course()["activities"][0]["ratings"][0], **changes}
    return _activity(ratings=[rating])


def _document(*courses: object, key: str = "activities") -> bytes:
    return json.dumps({"lowback_history": 1, "sessions": [], key: list(courses)}).encode()


BAD: dict[str, tuple[bytes, str]] = {
    "activities not a list": (
        b'{"lowback_history": 1, "sessions": [], "activities": {}}',
        'has "activities" that are not a list',
    ),
    "another key": (_document(key="moods"), "is not a `lowback export --format json`"),
    "a course not an object": (_document(_course(), 3), "activities[1] is not an object"),
    "no first day": (
        _document({"activities": _course()["activities"]}),
        "activities[0] has no course_started_on",
    ),
    "an extra field": (
        _document(_course(mood=1)),
        "activities[0] has a field an export does not: 'mood'",
    ),
    "a first day that is no date": (
        _document(_course(course_started_on="2026-02-30")),
        "activities[0].course_started_on is not a date (YYYY-MM-DD) from 1900 to 9000",
    ),
    "no activity": (
        _document(_course(activities=[])),
        "activities[0].activities is not a list of 1 to 3 activities",
    ),
    "four activities": (
        _document(
            _course(activities=[{"place": n, "name": str(n), "ratings": []} for n in range(4)])
        ),
        "activities[0].activities is not a list of 1 to 3 activities",
    ),
    "a place of 3": (
        _document(_activity(place=3)),
        "activities[0].activities[0].place is not a whole number from 0 to 2",
    ),
    "a place twice": (
        _document(_course(activities=_course()["activities"] * 2)),
        "activities[0].activities[1].place is another activity's too",
    ),
    "a name not text": (
        _document(_activity(name=7)),
        "activities[0].activities[0].name is not text",
    ),
    "a name a lone surrogate": (
        _document(_activity(name="\ud800")),
        "activities[0].activities[0].name holds a lone surrogate",
    ),
    "ratings not a list": (
        _document(_activity(ratings=None)),
        "activities[0].activities[0].ratings is not a list",
    ),
    "a rating of 11": (
        _document(_rating(rating=11)),
        "activities[0].activities[0].ratings[0].rating is not a whole number from 0 to 10",
    ),
    "a rating of 3.5": (
        _document(_rating(rating=3.5)),
        "activities[0].activities[0].ratings[0].rating is not a whole number from 0 to 10",
    ),
    "a week 0": (
        _document(_rating(week=0)),
        "activities[0].activities[0].ratings[0].week is not a whole number from 1 to ",
    ),
    "a day that is no date": (
        _document(_rating(day="3 Nov")),
        "activities[0].activities[0].ratings[0].day is not a date (YYYY-MM-DD)",
    ),
    "a week twice": (
        _document(_activity(ratings=_course()["activities"][0]["ratings"] * 2)),
        "activities[0].activities[0].ratings[1].week is another rating's too",
    ),
    "a rating without its day": (
        _document(_activity(ratings=[{"week": 1, "rating": 3}])),
        "activities[0].activities[0].ratings[0] has no day",
    ),
}
"""Each file whose activities are not an export's, with what its line says."""


@pytest.mark.parametrize("case", list(BAD))
def test_bad_activities_are_named_by_their_place_never_their_value(case: str) -> None:
    data, said = BAD[case]
    with pytest.raises(restore.BadExport) as refused:
        restore.parse_export(data)
    assert str(refused.value).startswith(said), str(refused.value)
    assert "\n" not in str(refused.value)
    if case in ("a rating of 11", "a rating of 3.5", "a place of 3"):
        assert "11" not in str(refused.value) and "3.5" not in str(refused.value)
        assert "of 3" not in str(refused.value)


def test_a_bad_activity_in_a_file_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(_document(_rating(rating=11)))
    code, out, err = cli(capsys, "import", str(bad))
    assert (code, out) == (2, "")
    assert err == (
        f"lowback import: {bad}: activities[0].activities[0].ratings[0].rating is not a whole "
        "number from 0 to 10; nothing was imported\n"
    )
    assert not history_path().exists()


# ---- the import ----------------------------------------------------------------------------------


def _exported(tmp_path: Path, *names: str) -> Path:
    store = a_course(tmp_path / "from.db", names, (3, 4, 5)[: len(names)], (6, 4, 5)[: len(names)])
    to = tmp_path / "export.json"
    to.write_text(export(store, "json"))
    store.close()
    return to


def test_import_into_an_empty_home_brings_them_back_and_twice_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _exported(tmp_path, "putting on socks", "sitting 30 minutes")
    assert cli(capsys, "import", str(exported)) == (
        0,
        "imported 1 session (0 already there)\nimported 2 activities (0 already there)\n",
        "",
    )
    store = HistoryStore.open_existing()
    assert store is not None
    assert export(store, "json") == exported.read_text()
    found = store.course_activities()
    assert found is not None and found.names == {0: "putting on socks", 1: "sitting 30 minutes"}
    store.close()
    assert cli(capsys, "import", str(exported))[1] == (
        "imported 0 sessions (1 already there)\nimported 0 activities (2 already there)\n"
    )


def test_a_course_with_activities_of_its_own_keeps_them_and_says_how_many_were_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _exported(tmp_path, "putting on socks", "sitting 30 minutes", "stairs")
    a_course(history_path(), ("walking",), (5,)).close()  # a course begun the same day
    assert cli(capsys, "import", str(exported))[:2] == (0, (
        "imported 0 sessions (1 already there)\n"
        "imported 0 activities (0 already there)\n"
        "3 activities not imported: this history has no course begun on the day theirs began, "
        "or that course has activities of its own\n"
    ))  # fmt: skip
    store = HistoryStore.open_existing()
    assert store is not None
    found = store.course_activities()
    assert found is not None and found.names == {0: "walking"}


def test_no_course_begun_that_day_keeps_nothing_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _exported(tmp_path, "putting on socks")
    document = json.loads(exported.read_text())
    document["activities"][0]["course_started_on"] = "2026-10-01"
    exported.write_text(json.dumps(document))
    code, out, _ = cli(capsys, "import", str(exported))
    assert (code, out.splitlines()[1:]) == (0, [
        "imported 0 activities (0 already there)",
        "1 activity not imported: this history has no course begun on the day theirs began, or "
        "that course has activities of its own",
    ])  # fmt: skip
    store = HistoryStore.open_existing()
    assert store is not None
    found = store.course_activities()
    assert found is not None and found.names == {} and found.started_on == START.date()


def test_an_export_from_before_activities_imports_as_it_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _exported(tmp_path, "putting on socks")
    document = json.loads(exported.read_text())
    del document["activities"]
    exported.write_text(json.dumps(document, indent=2))
    assert cli(capsys, "import", str(exported)) == (0, "imported 1 session (0 already there)\n", "")
    parsed = restore.parse_export(exported.read_bytes())
    assert parsed.activities == [] and len(parsed.sessions) == 1
