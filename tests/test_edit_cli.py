"""`lowback edit` says the truth when the editor took the file away, and starts no editor of its
own choosing where there is no terminal for it (issue 22)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lowback_tui.core.routine import editor

from .test_cli import run

LOWBACK = str(Path(sys.executable).parent / "lowback")


def test_an_editor_that_deletes_the_file_is_said_as_it_is(
    capsys: pytest.CaptureFixture[str], private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "rm")  # an installed program that removes the file it is given
    code, out, err = run(capsys, "edit")
    mine = private_home / "config" / "routines" / "lower-back.toml"
    assert (code, out) == (2, "")
    assert not mine.exists()
    assert "kept" not in err.replace("nothing was kept", "")
    assert err == (
        f"editing {mine}\n"
        f"lowback edit: {mine} is gone (the editor removed it); nothing was kept. "
        "`lowback edit lower-back` starts again from a fresh copy of the bundled routine.\n"
    )


def test_an_editor_that_deletes_a_routine_of_your_own_is_said_as_it_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('name = "Mine"\n[[exercise]]\nname = "A"\nwork_seconds = 9\n')
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "rm")
    code, _, err = run(capsys, "edit", str(mine))
    assert code == 2
    assert err.splitlines()[-1] == (
        f"lowback edit: {mine} is gone (the editor removed it); nothing was kept."
    )


@pytest.mark.parametrize("value", ["", "  ", '""'])
def test_an_empty_editor_variable_counts_as_unset(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("VISUAL", value)
    monkeypatch.setenv("EDITOR", value)
    found = editor.editor_command(Path("r.toml"))
    assert found is None or found[0] in editor.FALLBACK_EDITORS


def test_with_no_terminal_no_editor_of_lowbacks_choosing_is_started(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """nano and vi need a terminal: from a pipe vi waited for ever."""
    for variable in ("VISUAL", "EDITOR"):
        monkeypatch.setenv(variable, "")
    with pytest.raises(editor.NoTerminal):
        editor.editor_command(Path("r.toml"), terminal=False)
    code, out, err = run(capsys, "edit")  # stdin is not a terminal under pytest
    assert (code, out) == (2, "")
    assert err == (
        "lowback edit: stdin is not a terminal, and the editors lowback would choose (nano, vi) "
        "need one; run it in a terminal, or set $EDITOR to a command that needs none\n"
    )


def test_empty_editor_from_a_pipe_ends_at_once(private_home: Path) -> None:
    """The installed command, as the review ran it: EDITOR='' with stdin a pipe started vi,
    which never returned."""
    started = time.monotonic()
    done = subprocess.run([LOWBACK, "edit"], input=b"", capture_output=True, timeout=20,
                          env={**os.environ, "EDITOR": "", "VISUAL": ""})  # fmt: skip
    assert time.monotonic() - started < 10
    assert done.returncode == 2
    assert done.stderr.startswith(b"lowback edit: stdin is not a terminal")
    assert done.stderr.count(b"\n") == 1
