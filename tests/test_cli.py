"""The command line: output, exit codes, and no textual import outside the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lowback_tui import __version__
from lowback_tui.cli import main
from lowback_tui.core.routine.file import load

from .conftest import BROKEN, BUNDLED


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", str(BUNDLED)) == (
        0, "ok: Strengthen your lower back, 7 exercises, about 12 min\n", ""
    )  # fmt: skip


def test_validate_accepts_a_routine_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "lower-back")
    assert (code, out.startswith("ok: Strengthen")) == (0, True)


def test_validate_reports_each_problem_on_its_own_line(capsys: pytest.CaptureFixture[str]) -> None:
    broken = BROKEN / "hold-and-work.toml"
    code, out, err = run(capsys, "validate", str(BUNDLED), str(broken))
    assert code == 2
    assert out.startswith("ok: ")
    assert err.splitlines() == [
        f"{broken}:6: exercise[1].work_seconds: can't be used together with hold_seconds; "
        "keep hold_seconds for a held position or work_seconds for a timed effort",
        f"{broken}:8: exercise[2]: needs hold_seconds (a held position) "
        "or work_seconds (a timed effort)",
    ]


def test_running_a_broken_routine_exits_2_before_any_screen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, str(BROKEN / "future-format.toml"))
    assert code == 2
    assert "unknown format version 2" in err
    assert "Traceback" not in err + out


def test_unknown_routine_name_suggests_the_close_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lower-bak")
    assert code == 2
    assert err == (
        "lower-bak: no routine by that name; did you mean 'lower-back'? "
        "`lowback routines` lists them\n"
    )


def test_routines_lists_bundled_and_own_with_paths(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    code, out, _ = run(capsys, "routines")
    assert code == 0
    assert "You have no routines of your own yet" in out
    assert "lower-back (bundled)\n  Strengthen your lower back, 7 exercises, about 12 min" in out
    assert out.rstrip().endswith(str(BUNDLED))


def test_new_writes_a_valid_copy_and_refuses_to_overwrite(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    code, out, _ = run(capsys, "new", "Bad day")
    path = private_home / "config" / "routines" / "bad-day.toml"
    assert (code, out) == (0, f"{path}\n")
    made = load(path)
    assert made.name == "Bad day"
    assert made.exercises == load(BUNDLED).exercises
    path.write_text(path.read_text() + "# my own notes\n")

    code, _, err = run(capsys, "new", "bad day")
    assert code == 2
    assert "already exists" in err
    assert path.read_text().endswith("# my own notes\n")


def test_a_routine_of_ones_own_is_found_by_name_first(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    run(capsys, "new", "lower-back")
    code, out, _ = run(capsys, "routines")
    assert "lower-back (yours)" in out
    assert "lower-back (bundled, hidden by yours of the same name)" in out
    code, out, _ = run(capsys, "validate", "lower-back")
    assert code == 0
    assert out == "ok: lower-back, 7 exercises, about 12 min\n"


def test_new_from_a_missing_routine_or_an_unusable_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "mine", "--from", "nope")
    assert (code, err.startswith("nope: no routine by that name")) == (2, True)
    code, _, err = run(capsys, "new", "!!!")
    assert (code, err) == (2, "lowback new: '!!!' has no letters or digits to name a file after\n")


def test_locate_prints_the_overridden_folders(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    code, out, _ = run(capsys, "locate")
    assert code == 0
    assert out.splitlines()[:3] == [
        f"config    {private_home / 'config'}",
        f"data      {private_home / 'data'}",
        f"routines  {private_home / 'config' / 'routines'}",
    ]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"lowback {__version__}\n", "")


NO_TEXTUAL = """
import sys
from lowback_tui.cli import main
try:
    main({argv!r})
except SystemExit as exit:
    code = exit.code
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("TEXTUAL" if loaded else "CLEAN", code, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", str(BUNDLED)],
        ["validate", str(BROKEN / "unknown-key.toml")],
        ["routines"],
        ["locate"],
        ["new", "mine"],
        ["--version"],
        ["history"],
        ["export", "--format", "json"],
        ["edit", "/no/such/file.toml"],
        ["schema"],
        [str(BROKEN / "wrong-types.toml")],  # the app command, refused before the UI loads
    ],
)
def test_non_ui_commands_do_not_import_textual(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", NO_TEXTUAL.format(argv=argv)], capture_output=True, text=True
    )
    assert done.stderr.splitlines()[-1].startswith("CLEAN"), done.stderr


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lowback_tui", "validate", str(BUNDLED)],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout.startswith("ok: ")) == (0, True)


def _one_session(home: Path) -> None:
    from datetime import datetime

    from lowback_tui.core.history.store import HistoryStore
    from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

    store = HistoryStore.open(home / "data" / "history.db", now=lambda: datetime(2026, 11, 3, 7, 5))
    session = store.begin("Routine", "x", 4)
    record = ExerciseRecord(0, "knee", "Knee to chest", Outcome.DONE, 10, 10, 50.0, 50.0)
    store.record_exercise(session, record, 5)
    store.finish(session, Summary("Routine", (record,), 70, 0, False), stopped_for_pain=True)
    store.set_pain_after(session, 6)
    store.close()


def test_history_without_sessions_creates_nothing(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    assert run(capsys, "history") == (0, "No sessions yet.\n", "")
    assert not (private_home / "data").exists()


def test_history_lists_sessions(capsys: pytest.CaptureFixture[str], private_home: Path) -> None:
    _one_session(private_home)
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert out.splitlines() == [
        "date        time   routine  done   active      pain     note",
        "2026-11-03  07:05  Routine  1/1    50 s        4 → 6    stopped: it hurt",
        "1 session, 50 s of exercise",
    ]


def test_export_csv_and_json(capsys: pytest.CaptureFixture[str], private_home: Path) -> None:
    import csv
    import json

    _one_session(private_home)
    code, out, _ = run(capsys, "export")
    assert code == 0
    (line,) = list(csv.DictReader(out.splitlines()))
    assert (line["day"], line["pain_before"], line["name"], line["outcome"]) == (
        "2026-11-03", "4", "Knee to chest", "done",
    )  # fmt: skip
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    document = json.loads(out)
    (session,) = document["sessions"]
    assert (session["pain_after"], session["stopped_for_pain"]) == (6, True)
    assert session["exercises"][0]["efforts_done"] == 10


def test_export_to_a_file_is_private_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], private_home: Path, tmp_path: Path
) -> None:
    _one_session(private_home)
    target = tmp_path / "out.json"
    assert run(capsys, "export", "--format", "json", "-o", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o600
    before = target.read_text()
    code, _, err = run(capsys, "export", "-o", str(target))
    assert (code, err) == (2, f"lowback export: {target} already exists; choose another name\n")
    assert target.read_text() == before


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nopen(sys.argv[1], 'w').write({text!r})\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)


def test_edit_copies_a_bundled_routine_and_checks_the_result(
    capsys: pytest.CaptureFixture[str], private_home: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    _editor(tmp_path, monkeypatch, 'name = "Mine"\n[[exercise]]\nname = "A"\nwork_seconds = 9\n')
    code, out, err = run(capsys, "edit", "lower-back")
    mine = private_home / "config" / "routines" / "lower-back.toml"
    assert (code, out) == (0, "ok: Mine, 1 exercise, under a minute\n")
    assert err == f"editing {mine}\n"
    assert load(BUNDLED).name == "Strengthen your lower back"


def test_edit_that_breaks_the_file_reports_it_and_keeps_it(
    capsys: pytest.CaptureFixture[str], private_home: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    broken = 'name = "Mine"\n[[exercise]]\nname = "A"\nwork_second = 9\n'
    _editor(tmp_path, monkeypatch, broken)
    code, _, err = run(capsys, "edit")  # stdin is not a terminal here: it does not ask
    mine = private_home / "config" / "routines" / "lower-back.toml"
    assert code == 2
    assert f"{mine}:4: exercise[1].work_second: unknown key; did you mean 'work_seconds'?" in err
    assert err.endswith(f"Your edits are kept in {mine}; `lowback edit` opens it again.\n")
    assert mine.read_text() == broken


def test_without_a_routine_lowback_uses_the_one_chosen_last(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    from lowback_tui.core.settings import Settings, save

    gentle = BUNDLED.parent / "gentle-start.toml"
    save(Settings(routine=str(gentle)))
    code, out, _ = run(capsys, "new", "copy")  # --from defaults to the routine in use
    assert code == 0
    assert load(Path(out.strip())).exercises == load(gentle).exercises
    save(Settings(routine="/no/such/routine.toml"))
    code, out, err = run(capsys, "new", "other")
    assert code == 0
    assert (
        err == "lowback: the routine you chose, /no/such/routine.toml, is gone; using lower-back\n"
    )


def test_edit_of_a_missing_file_says_how_to_start_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "edit", "/no/such/file.toml") == (
        2, "", "/no/such/file.toml: no such file; `lowback new NAME` starts a routine of your own\n"
    )  # fmt: skip


def test_schema_prints_the_json_schema_and_new_routines_point_at_it(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    import json

    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "lowback routine"
    _, path, _ = run(capsys, "new", "pointing")
    routines = private_home / "config" / "routines"
    assert Path(path.strip()).read_text().startswith("#:schema ./routine.schema.json\n")
    assert json.loads((routines / "routine.schema.json").read_text()) == json.loads(out)


# ---- lowback report ----------------------------------------------------------------------------


def test_report_without_a_history_says_so_and_fails(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    assert run(capsys, "report") == (
        1, "", "lowback report: no course yet; it begins with your first session\n",
    )  # fmt: skip
    assert not (private_home / "data").exists()


def test_report_of_an_unreadable_history_says_so_and_fails(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    (private_home / "data" / "history.db").mkdir(parents=True)  # a folder, not a file
    code, out, err = run(capsys, "report")
    assert (code, out) == (1, "")
    assert err.startswith("lowback report: cannot read the history: ")
    assert len(err.splitlines()) == 1


def test_report_as_text_and_as_markdown(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    _one_session(private_home)
    code, out, err = run(capsys, "report")
    assert (code, err) == (0, "")
    assert out.startswith("Your course report\n\nCourse: began 3 November 2026; today is day ")
    assert "Sessions: 1\n" in out
    assert "It is not medical care" in out
    code, out, _ = run(capsys, "report", "--format", "md")
    assert code == 0
    assert out.startswith("# lowback course report, ")
    assert "| Sessions | 1 |" in out and "**Next step:**" in out


def test_report_to_a_file_is_private_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], private_home: Path, tmp_path: Path
) -> None:
    _one_session(private_home)
    target = tmp_path / "report.md"
    assert run(capsys, "report", "--format", "md", "-o", str(target)) == (
        0, "", f"wrote {target}\n",
    )  # fmt: skip
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text().startswith("# lowback course report, ")
    code, _, err = run(capsys, "report", "-o", str(target))
    assert (code, err) == (2, f"lowback report: {target} already exists; choose another name\n")


@pytest.mark.parametrize("argv", [["report"], ["report", "--format", "md"]])
def test_report_does_not_import_textual(argv: list[str], private_home: Path) -> None:
    _one_session(private_home)
    done = subprocess.run(
        [sys.executable, "-c", NO_TEXTUAL.format(argv=argv)], capture_output=True, text=True
    )
    assert done.stderr.splitlines()[-1].startswith("CLEAN"), done.stderr


def test_a_bare_lowback_is_what_lowback_run_parses_to() -> None:
    """`lowback` alone skips argparse (3 ms of its first frame): the same arguments either way."""
    from lowback_tui import cli

    assert vars(cli.BARE) == vars(cli._parser().parse_args(["run"]))


def test_a_bare_lowback_needs_no_argparse() -> None:
    script = (
        "import sys\n"
        "from lowback_tui import cli\n"
        "cli.cmd_run = lambda args: print(sorted(vars(args)), 'argparse' in sys.modules) or 0\n"
        "cli.BARE.handler = cli.cmd_run\n"
        "cli.main([])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "['command', 'handler', 'plain', 'routine', 'voice'] False"
