"""Every test gets its own home: nothing reads or writes the real one."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App

from lowback_tui.core.routine import Routine
from lowback_tui.core.routine_file import load

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "routines" / "lower-back.toml"
BROKEN = Path(__file__).resolve().parent / "broken"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point LOWBACK_HOME, HOME and the XDG folders at a fresh temporary directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("LOWBACK_HOME", str(home / "lowback"))
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    return home / "lowback"


@pytest.fixture
def routine() -> Routine:
    """The bundled lower-back routine."""
    return load(BUNDLED)


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain text: export_screenshot's render, without the SVG."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()
