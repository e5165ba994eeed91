"""The command line under attack and under failure (issue 14): outside text never reaches the
terminal raw; a history it cannot read, output it cannot write, a broken $EDITOR, ctrl+c and a
terminal that cannot draw the app are each one clear line and the right exit status."""

from __future__ import annotations

import errno
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lowback_tui import cli
from lowback_tui.cli import main
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine import editor
from lowback_tui.core.routine.file import load
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.plain import Plain

from .conftest import BUNDLED
from .fake_clock import FakeClock
from .test_plain import Script

LOWBACK = str(Path(sys.executable).parent / "lowback")

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\x01\x08\x7f"
"""A window title (OSC), a screen clear and a colour (CSI, 7-bit and C1), a bidi override and
other controls (no NUL: a file name or a variable cannot hold one)."""
RAW = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""Any control character but the newline, and the invisible marks that reorder a line."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def assert_safe(text: str) -> None:
    assert not RAW.search(text), repr(text)


def _hostile_history(home: Path) -> None:
    from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

    store = HistoryStore.open(home / "data" / "history.db")
    session = store.begin(HOSTILE, "x", 4)
    record = ExerciseRecord(0, HOSTILE, HOSTILE, Outcome.DONE, 10, 10, 50.0, 50.0)
    store.record_exercise(session, record, 5)
    store.finish(session, Summary(HOSTILE, (record,), 70, 0, False), stopped_for_pain=False)
    store.close()


# ---- 1. outside text on a terminal ------------------------------------------------------------


def test_validate_shows_a_hostile_key_and_value_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    routine = tmp_path / "bad.toml"
    routine.write_text('"\\u001b]0;x\\u0007" = 1\nname = "a\\u009b2J"\n')
    code, out, err = run(capsys, "validate", str(routine))
    assert code == 2
    assert_safe(out + err)
    assert "\\x1b]0;x\\x07: unknown key" in err  # shown, and visibly so


def test_every_command_escapes_names_paths_and_the_history(
    capsys: pytest.CaptureFixture[str], private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = private_home / "config" / "routines"
    own.mkdir(parents=True)
    (own / f"{HOSTILE}.toml").write_text(BUNDLED.read_text())  # a file name with controls
    _hostile_history(private_home)
    for argv in (["routines"], ["validate", str(own / f"{HOSTILE}.toml")], ["history"],
                 ["report"], ["report", "--format", "md"], ["locate"],
                 ["new", HOSTILE + "/x"], ["validate", HOSTILE]):  # fmt: skip
        code, out, err = run(capsys, *argv)
        assert_safe(out + err)
        assert code in (0, 1, 2) and "Traceback" not in err, argv
    monkeypatch.setenv("LOWBACK_HOME", str(private_home / HOSTILE))
    _, out, err = run(capsys, "locate")
    assert_safe(out + err)
    assert "\\x1b]0;pwned\\x07" in out


def test_a_chosen_routine_that_is_gone_is_named_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    save(Settings(routine=str(tmp_path / HOSTILE)))
    code, _, err = run(capsys, "validate", "lower-back")
    assert code == 0
    assert_safe(err)  # not `report`: the gone routine is said by `lowback` and `edit`
    code, _, err = run(capsys, "report")
    assert_safe(err)


def test_a_new_routine_named_with_controls_is_refused_for_its_name(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    code, out, err = run(capsys, "new", f"a{HOSTILE}b")
    assert code == 2
    assert err.startswith("lowback new: 'a\\x1b]0;pwned") and "control characters" in err
    assert "<routine>" not in err  # it used to blame line 6 of a file the person never saw
    assert_safe(out + err)
    assert not (private_home / "config" / "routines").exists() or not any(
        (private_home / "config" / "routines").glob("*.toml")
    )


def test_editing_a_routine_that_is_not_a_file_says_what_it_is(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    own = private_home / "config" / "routines"
    own.mkdir(parents=True)
    os.mkfifo(own / "pipe.toml")
    (own / "gone.toml").symlink_to(private_home / "nowhere.toml")
    code, _, err = run(capsys, "edit", "pipe")
    assert (code, err) == (2, f"{own / 'pipe.toml'}: is a named pipe, not a routine file\n")
    code, _, err = run(capsys, "edit", "gone")
    assert code == 2 and "no such file" not in err and "link to nothing" in err
    code, _, err = run(capsys, "edit", "missing")
    assert (code, err) == (2, "missing: no routine by that name; `lowback routines` lists them\n")


def test_editor_messages_quote_the_variable_escaped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f'vim "{HOSTILE}')
    code, out, err = run(capsys, "edit")
    assert code == 1
    assert_safe(out + err)


def test_plain_mode_escapes_notices_and_answers(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (private_home / "config").mkdir(parents=True)
    (private_home / "config" / "config.toml").write_text(f'"{HOSTILE}" = [\n')
    clock = FakeClock()
    out = io.StringIO()
    Plain(out, Script(clock, ["q"], {})).run(Trainer(load(BUNDLED), clock=clock))
    assert_safe(out.getvalue())
    assert out.getvalue().startswith("Note: ")


def test_plain_mode_shows_any_outside_line_escaped() -> None:
    out = io.StringIO()
    err = io.StringIO()
    plain = Plain(out, Script(FakeClock(), [HOSTILE], {}), err)
    plain.say(HOSTILE)
    plain.note(HOSTILE)
    plain.complain(HOSTILE)
    assert plain.ask(f"{HOSTILE}?") == HOSTILE  # what was typed is kept as typed
    assert_safe(out.getvalue() + err.getvalue())


# ---- 2. a history that cannot be read ---------------------------------------------------------


def _unreadable(home: Path, how: str) -> None:
    history = home / "data" / "history.db"
    history.parent.mkdir(parents=True)
    if how == "folder":
        history.mkdir()
    else:
        history.write_bytes(b"this is not a database" * 200)


@pytest.mark.parametrize("how", ["folder", "garbage"])
@pytest.mark.parametrize("command", [["history"], ["export"], ["export", "--format", "json"],
                                     ["report"]])  # fmt: skip
def test_a_history_that_cannot_be_read_fails_loudly(
    capsys: pytest.CaptureFixture[str], private_home: Path, how: str, command: list[str]
) -> None:
    _unreadable(private_home, how)
    code, out, err = run(capsys, *command)
    assert (code, out) == (1, "")
    assert err.startswith(f"lowback {command[0]}: cannot read the history: ")
    assert err.count("\n") == 1


def test_export_to_a_file_of_an_unreadable_history_writes_nothing(
    capsys: pytest.CaptureFixture[str], private_home: Path, tmp_path: Path
) -> None:
    _unreadable(private_home, "garbage")
    target = tmp_path / "out.csv"
    assert run(capsys, "export", "-o", str(target))[0] == 1
    assert not target.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file of mode 000")
def test_a_history_without_read_permission_fails_loudly(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    _unreadable(private_home, "garbage")
    history = private_home / "data" / "history.db"
    history.unlink()
    HistoryStore.open(history).close()
    history.chmod(0)
    code, out, err = run(capsys, "export")
    assert (code, out) == (1, "")
    assert "cannot read the history" in err


# ---- 2. output that cannot be written -----------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_file_that_cannot_be_written_whole_is_not_left_behind(
    capsys: pytest.CaptureFixture[str], private_home: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, command: str,
) -> None:  # fmt: skip
    _hostile_history(private_home)
    target = tmp_path / "out"

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", full)
    code, out, err = run(capsys, command, "-o", str(target))
    assert (code, out) == (1, "")
    assert err == (f"lowback {command}: cannot write {target}: No space left on device; "
                   "nothing was kept\n")  # fmt: skip
    assert not target.exists()  # so the retry is not refused
    monkeypatch.setattr(os, "fsync", fsync)
    assert run(capsys, command, "-o", str(target))[0] == 0
    assert target.stat().st_size > 0


@pytest.mark.parametrize(
    ("argv", "redirect", "says"),
    [
        (["--plain"], ">/dev/full", "lowback: cannot write the output: No space left on device"),
        (["--plain"], ">&-", "lowback: no output: stdout is closed"),
        (["--plain"], "<&-", "lowback: no input: stdin is closed"),
        (["--plain"], "</dev/null",
         "lowback: the input ended before a session began; nothing was started"),
        (["export"], ">/dev/full", "lowback: cannot write the output: No space left on device"),
        (["routines"], ">/dev/full", "lowback: cannot write the output: No space left on device"),
        (["history"], ">&-", "lowback: cannot write the output: stdout is closed"),
        (["schema"], ">/dev/full", "lowback: cannot write the output: No space left on device"),
        (["locate"], ">&-", "lowback: cannot write the output: stdout is closed"),
    ],
)  # fmt: skip
def test_no_input_or_no_output_is_one_line_and_a_failure(
    private_home: Path, argv: list[str], redirect: str, says: str
) -> None:
    _hostile_history(private_home)
    if not Path("/dev/full").exists() and "full" in redirect:
        pytest.skip("no /dev/full")
    stdin = "" if "<" in redirect else "</dev/null"
    errors = private_home.parent / "err"
    script = f'exec "$0" "$@" {stdin} {redirect} 2>"{errors}"'
    done = subprocess.run(["sh", "-c", script, LOWBACK, *argv], timeout=60)
    err = errors.read_text()
    assert done.returncode == 1, err
    assert err == says + "\n"


def _many_sessions(home: Path, count: int) -> None:
    from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

    store = HistoryStore.open(home / "data" / "history.db")
    for _ in range(count):
        session = store.begin("Routine", "x", 4)
        record = ExerciseRecord(0, "knee", "Knee to chest", Outcome.DONE, 10, 10, 50.0, 50.0)
        store.record_exercise(session, record, 5)
        store.finish(session, Summary("Routine", (record,), 70, 0, False), stopped_for_pain=False)
    store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("to_file", [False, True])
def test_an_export_that_does_not_fit_fails_and_leaves_nothing(
    private_home: Path, tmp_path: Path, unbuffered: str, to_file: bool
) -> None:
    """A disk that fills up mid-export, made with a limit on the size of files written (the
    history, ~100 kB, fits; its JSON, ~175 kB, does not). Under PYTHONUNBUFFERED a short write
    of stdout once lost the rest without an error."""
    import resource

    _many_sessions(private_home, 300)
    target = tmp_path / "out.json"

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (120_000, 120_000))

    argv = [LOWBACK, "export", "--format", "json"] + (["-o", str(target)] if to_file else [])
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}  # "": buffered, as usual
    with open(os.devnull if to_file else target, "wb") as stdout:
        done = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, timeout=60,
                              preexec_fn=small_files, env=env)  # fmt: skip
    assert done.returncode == 1
    if to_file:
        assert done.stderr == (f"lowback export: cannot write {target}: File too large; "
                               "nothing was kept\n").encode()  # fmt: skip
        assert not target.exists()
    else:
        assert done.stderr == b"lowback: cannot write the output: File too large\n"


def test_an_ascii_only_output_gets_question_marks_not_a_traceback(private_home: Path) -> None:
    _hostile_history(private_home)
    for env in ({"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}):
        done = subprocess.run([LOWBACK, "history"], capture_output=True, timeout=60,
                              env={**os.environ, **env})  # fmt: skip
        assert (done.returncode, done.stderr) == (0, b""), done.stderr
        assert b"  4 ? ?\n" in done.stdout  # "4 → –", the arrow and the dash replaced
        done = subprocess.run([LOWBACK, "--plain"], input=b"\n3\n\nq\n\n", capture_output=True,
                              timeout=60, env={**os.environ, **env})  # fmt: skip
        assert (done.returncode, done.stderr) == (0, b""), done.stderr


# ---- 3. the editor ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("nonexistent-editor", "lowback edit: $EDITOR names nonexistent-editor, which is not an "
                               "installed program; set it to an editor such as nano\n"),
        ('vim "x', 'lowback edit: $EDITOR (vim "x) cannot be read: No closing quotation\n'),
    ],
)  # fmt: skip
def test_a_broken_editor_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", value)
    code, out, err = run(capsys, "edit")
    assert (code, out) == (1, "")
    assert err.endswith(says) and err.count("\n") == 1


def test_the_editor_check_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "'unclosed")
    with pytest.raises(editor.EditorError, match=r"^\$VISUAL \('unclosed\) cannot be read"):
        editor.editor_command(Path("r.toml"))
    monkeypatch.setenv("VISUAL", "no-such-editor-here --wait")
    assert editor.editor_command(Path("r.toml")) == ["no-such-editor-here", "--wait", "r.toml"]
    with pytest.raises(editor.EditorError, match=r"^\$VISUAL names no-such-editor-here"):
        editor.editor_command(Path("r.toml"), check_installed=True)
    assert issubclass(editor.EditorError, ValueError)  # what callers caught before


# ---- 4. the smaller items ------------------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("stdin_tty", "stdout_tty", "term", "full_screen"),
    [
        (True, True, "xterm-256color", True),
        (True, True, "dumb", False),  # a terminal that says it cannot draw it
        (True, True, None, os.name == "nt"),  # nothing says what the terminal knows
        (False, True, "xterm-256color", False),  # `lowback < /dev/null`: no key can come
        (True, False, "xterm-256color", False),  # a pipe or a log
    ],
)
def test_the_full_screen_only_on_a_terminal_that_can_show_it(
    monkeypatch: pytest.MonkeyPatch, stdin_tty: bool, stdout_tty: bool, term: str | None,
    full_screen: bool,
) -> None:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", _Stream(stdin_tty))
    monkeypatch.setattr(sys, "stdout", _Stream(stdout_tty))
    if term is None:
        monkeypatch.delenv("TERM", raising=False)
    else:
        monkeypatch.setenv("TERM", term)
    assert cli._full_screen() is full_screen


def test_term_dumb_gets_plain_mode_on_a_real_terminal(private_home: Path) -> None:
    from .pty_run import PtyProgram

    program = PtyProgram([LOWBACK], env={"TERM": "dumb"})
    try:
        program.wait_for("Press Enter once you have read this, or type q to stop:")
        assert b"\x1b[?1049h" not in program.output  # no alternate screen: no full screen
        program.send(b"q\n")
        assert program.wait_exit() == 0
    finally:
        program.kill()


def test_ctrl_c_in_a_command_is_130_and_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_locate", interrupted)
    assert run(capsys, "locate") == (130, "", "lowback: interrupted\n")
