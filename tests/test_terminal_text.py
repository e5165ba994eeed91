"""Text from outside reaches the app's screen shown, never run: no control character arrives raw
and no markup is live, whichever way it came (a routine, config.toml, the history, $EDITOR,
LOWBACK_HOME). Also the history's table, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets._toast import Toast

from lowback_tui.app import LowbackApp
from lowback_tui.core.history import text as history_text
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.results import ExerciseRecord, Outcome
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.course_report import CourseReportScreen
from lowback_tui.screens.detail_window import ExerciseDetailScreen
from lowback_tui.screens.history_view import HistoryScreen
from lowback_tui.screens.pain_check import PainCheck
from lowback_tui.screens.progress import ProgressScreen
from lowback_tui.screens.summary import SummaryScreen

from .fake_clock import FakeClock
from .test_countdown_screen import answer_pain, start

MARKUP = "[/][b]bold[@click=app.quit]x[/]"
HOSTILE = (
    "A\x00\x01\x07\x08\x0b\x0c\x0d\x1b]0;pwned\x07\x1b[2J\x1b[31m\x7f\x85\x9b2J\x9d0;t\x9c"
    "\u202egnp.exe\u2066" + MARKUP
)
"""C0 and C1 controls, an OSC title, a CSI clear (7-bit and 8-bit), a bidi override, and markup
that would close a tag never opened, bolden, and make a live quit action."""
TOML_HOSTILE = json.dumps(HOSTILE)
"""HOSTILE as a TOML basic string (JSON's escapes are TOML's)."""

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def painted(app: App[Any]) -> tuple[str, list[dict[str, Any]]]:
    """What the terminal shows now, as text, and every style's meta (where click actions live)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    metas = [s.style.meta for s in console._record_buffer if s.style is not None and s.style.meta]
    # Toasts are drawn a frame or two after they are made; what they will show is their render.
    toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
    assert not [n for n in app._notifications if n.markup], "a notification parses markup"
    return "\n".join([console.export_text(), *toasts]), metas


def assert_safe(app: App[Any]) -> str:
    """Nothing raw and nothing live on the screen; returns what is shown."""
    text, metas = painted(app)
    raw = RAW.findall(text)
    assert not raw, f"raw controls reach the screen: {raw!r}"
    assert not [m for m in metas if "@click" in m], "markup from outside became a click action"
    assert "pwned" not in text or "\\x1b]0;pwned" in text  # shown as an escape, if at all
    return text


def hostile_routine(routine: Routine) -> Routine:
    """The bundled routine with HOSTILE in every text a person sees (the validator would refuse
    it; the screens must not depend on that)."""
    exercises = tuple(
        replace(e, name=f"{HOSTILE} {n}", cues=(HOSTILE,), position=HOSTILE,
                get_ready_cue=HOSTILE, effort_cue=HOSTILE, let_go_cue=HOSTILE)
        for n, e in enumerate(routine.exercises[:2])
    )  # fmt: skip
    return replace(routine, name=HOSTILE, summary=HOSTILE, exercises=exercises)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()  # a notification's toast is mounted a moment after it is made


async def test_a_hostile_routine_is_shown_not_run_on_every_screen(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(hostile_routine(routine), clock=clock))
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        text = assert_safe(app)
        assert "\\x1b]0;pwned" in text and "[@click=app.quit]" in text  # literally
        await pilot.press("d")  # the detail window
        await pilot.pause()
        assert isinstance(app.screen, ExerciseDetailScreen)
        assert_safe(app)
        await pilot.press("escape")
        countdown = await start(pilot)
        assert_safe(app)  # the countdown
        clock.advance(8)
        countdown.tick()
        await pilot.pause()
        assert_safe(app)  # the countdown in an effort, its cue and what comes next
        await pilot.press("q")
        await pilot.pause()
        assert_safe(app)  # asking to end
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PainCheck)
        assert_safe(app)  # the summary's pain check
        await answer_pain(pilot, "2")
        assert isinstance(app.screen, SummaryScreen)
        assert "Strengthen" not in assert_safe(app)  # the summary, with the hostile names
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "A\\x00\\x01" in assert_safe(app)  # the history screen
        await pilot.press("escape", "g")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert_safe(app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, CourseReportScreen)
        assert_safe(app)


@pytest.mark.parametrize(
    ("key", "value"),
    [("sound", HOSTILE), ("count_seconds", MARKUP), ("count_seconds", "[@click=app.quit]x[/]"),
     ("voice", HOSTILE), ("routine", 7), ("theme", HOSTILE),
     ("voice_command", HOSTILE)],
)  # fmt: skip
async def test_a_hostile_config_value_is_a_warning_never_a_crash_or_an_action(
    private_home: Path, routine: Routine, key: str, value: object
) -> None:
    """A `[/]` in config.toml stopped the app from starting (MarkupError, every time)."""
    config = private_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f"{key} = {json.dumps(value)}\n")
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        text = assert_safe(app)
        if key not in ("theme", "voice_command"):  # any text is one of those (the theme is
            assert key in text and "using the defaults" in text  # then not used)
        await pilot.press("j")  # the app answers keys: it did not stop
        assert app.is_running
        await pilot.press("question_mark")  # the keys, with what plays the sounds and voice
        await pilot.pause()
        assert_safe(app)


def broken_routine_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nopen(sys.argv[1], 'w').write({text!r})\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)


@pytest.mark.parametrize(
    "toml",
    [
        f"name = 'x'\n{TOML_HOSTILE} = 1\n[[exercise]]\nname = 'y'\nhold_seconds = 5\n",
        f"name = {TOML_HOSTILE}\n[[exercise]]\nname = {TOML_HOSTILE}\nhold_seconds = 5\n",
        f"name = 'x'\n[[exercise]]\nname = 'y'\nhold_seconds = {TOML_HOSTILE}\n",
        f"name = 'x'\n[[exercise]]\nname = 'y'\n{TOML_HOSTILE} = 5\n",
    ],
    ids=["unknown-top-key", "controls-in-values", "bad-value", "unknown-exercise-key"],
)
async def test_the_problems_panel_shows_hostile_keys_and_values_as_text(
    routine: Routine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str
) -> None:
    broken_routine_editor(tmp_path, monkeypatch, toml)
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query("#routine-problems")
        assert_safe(app)
        await pilot.press("o")  # the picker lists the broken file too
        await pilot.pause()
        assert_safe(app)


async def test_hostile_paths_and_editor_are_shown_as_text(
    routine: Routine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / ("home\x1b]0;pwned\x07" + MARKUP)
    monkeypatch.setenv("LOWBACK_HOME", str(home))
    monkeypatch.setenv("EDITOR", "\x1b]0;pwned\x07" + MARKUP)
    monkeypatch.delenv("VISUAL", raising=False)
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.press("e")
        await settle(pilot)
        text = assert_safe(app)
        assert "which is not an installed program" in text  # the editor, said as text
        monkeypatch.setenv("EDITOR", "true")  # one that starts: the copy's path is said
        await pilot.press("e")
        await settle(pilot)
        text = assert_safe(app)
        assert "Editing your own copy" in text
        assert app.is_running


def stored(store: HistoryStore, name: str) -> None:
    session = store.begin(name, "hash", 3)
    record = ExerciseRecord(0, HOSTILE, HOSTILE, Outcome.DONE, 1, 1, 5.0, 5.0)
    store.record_exercise(session, record, 1)


def test_the_history_table_shows_names_as_text(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: datetime(2026, 1, 5, 9))
    stored(store, HOSTILE)
    table = history_text.session_table(store)
    assert not RAW.findall(table.replace("\n", ""))
    assert "A\\x00\\x01" in table


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: datetime(2026, 1, 5, 9))
    for name in ('=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        stored(store, name)
    rows = list(csv.reader(io.StringIO(history_text.export(store, "csv"), newline="")))[1:]
    names = [row[4] for row in rows]
    assert len(names) == 6
    assert all(name.startswith("'") for name in names), names


def test_json_has_no_raw_control_characters(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: datetime(2026, 1, 5, 9))
    stored(store, HOSTILE)
    text = history_text.export(store, "json")
    assert not RAW.findall(text.replace("\n", ""))
    document = json.loads(text)
    assert document["sessions"][0]["routine"] == HOSTILE  # escaped, not changed
    assert document["sessions"][0]["exercises"][0]["name"] == HOSTILE
