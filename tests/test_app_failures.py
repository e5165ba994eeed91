"""The app when something fails under it: an editor that cannot start, a stop with ctrl+z, a
signal, stdin at its end, a very long session to sum up."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from lowback_tui import app as app_module
from lowback_tui.app import LowbackApp
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.clock import StoppableClock
from lowback_tui.core.session.engine import State
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.list_screen import ExerciseListScreen
from lowback_tui.widgets.exercise_list import ExerciseList
from lowback_tui.widgets.summary_table import SummaryTable

from .conftest import screen_text
from .fake_clock import FakeClock
from .pty_run import PtyProgram, plain
from .test_countdown_screen import start, to_summary, wait
from .test_terminal import TINY, begin_session

LOWBACK = str(Path(sys.executable).parent / "lowback")


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def messages(app: LowbackApp) -> list[str]:
    return [n.message for n in app._notifications]


BAD_EDITORS = [
    ("/nowhere/no-such-editor", "names /nowhere/no-such-editor, which is not an installed program"),
    ("no-such-editor --wait", "names no-such-editor, which is not an installed program"),
    ('vim "x', "No closing quotation"),
]


@pytest.mark.parametrize(("editor", "said"), BAD_EDITORS, ids=["path", "name", "unclosed-quote"])
async def test_a_missing_or_broken_editor_is_one_message_and_the_app_carries_on(
    routine: Routine, monkeypatch: pytest.MonkeyPatch, editor: str, said: str
) -> None:
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("e")
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and said in errors[0], messages(app)
        assert isinstance(app.screen, ExerciseListScreen)
        await pilot.press("j")  # the next key still acts
        assert app.screen.query_one(ExerciseList).highlighted == 1
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_an_editor_that_fails_to_start_inside_suspend_resumes_the_app(
    routine: Routine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found on PATH, but it cannot be run (a script whose interpreter is missing): the error
    comes from inside the suspended stretch, which must still be left."""
    editor = tmp_path / "editor"
    editor.write_text("#!/nowhere/interpreter\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    app = LowbackApp(Trainer(routine))
    left: list[str] = []

    @contextlib.contextmanager
    def suspend() -> Iterator[None]:
        # Textual's suspend() resumes only when its block ends without an exception.
        left.append("suspended")
        yield
        left.append("resumed")

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert left == ["suspended", "resumed"]
        assert any(f"Could not start {editor}" in m for m in messages(app))
        await pilot.press("j")
        assert app.screen.query_one(ExerciseList).highlighted == 1


def test_in_a_terminal_a_broken_editor_leaves_the_app_answering_keys(tmp_path: Path) -> None:
    editor = tmp_path / "editor"
    editor.write_text("#!/nowhere/interpreter\n")
    editor.chmod(0o755)
    for value in (str(editor), 'vim "x'):
        program = PtyProgram([LOWBACK], size=(80, 24), env={"EDITOR": value, "VISUAL": ""})
        try:
            program.wait_for("Seated twist")
            program.send(b"e")
            program.wait_for("Could not")
            program.send(b"j")
            program.wait_for("Lying face down")  # the pane follows the highlight: keys work
            program.send(b"\x11")  # ctrl+q
            code = program.wait_exit()
        finally:
            program.stop()
        assert code == 0, value


# ---- a stop (ctrl+z in the shell, SIGTSTP) is a pause ----------------------------------------


async def test_time_stopped_is_not_counted_and_the_session_stays_paused(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        countdown = await start(pilot)
        await wait(pilot, clock, 12.5)  # into the first hold
        before = countdown.run.view()
        app.clock.stop()  # what SIGTSTP does before the process stops
        clock.advance(600)  # ten minutes stopped
        app.clock.carry_on()  # SIGCONT
        countdown.tick()  # a timer due meanwhile fires first
        app.pause_after_stop()
        await pilot.pause()
        after = countdown.run.view()
        assert after.state is State.PAUSED
        assert (after.phase, after.seconds_left) == (before.phase, before.seconds_left)
        assert "space carries on" in screen_text(app)
        await wait(pilot, clock, 30)  # still paused, however long it waits
        assert countdown.run.view().seconds_left == before.seconds_left
        await pilot.press("space")
        await wait(pilot, clock, 0.25, step=0.25)
        assert countdown.run.view().seconds_left == pytest.approx(before.seconds_left - 0.25)


async def test_a_stop_behind_a_question_keeps_the_session_paused_after_it(
    routine: Routine,
) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        countdown = await start(pilot)
        await wait(pilot, clock, 12.5)
        await pilot.press("q")  # "End the session?" pauses it while asked
        await pilot.pause()
        app.clock.stop()
        clock.advance(60)
        app.clock.carry_on()
        app.pause_after_stop()
        await pilot.press("n")  # carry on: but a stop is a pause, so space is still needed
        await pilot.pause()
        assert app.screen is countdown and countdown.run.view().state is State.PAUSED


def test_the_stoppable_clock_leaves_out_only_the_stopped_time() -> None:
    base = FakeClock(100.0)
    clock = StoppableClock(base)
    base.advance(5)
    assert clock() == 105.0
    clock.stop()
    base.advance(50)
    assert clock() == 105.0
    clock.stop()  # a second stop before carrying on changes nothing
    clock.carry_on()
    assert clock() == 105.0
    base.advance(1)
    clock.carry_on()  # nor does carrying on twice
    assert clock() == 106.0


def stopped(program: PtyProgram, timeout: float = 10.0) -> bool:
    """Whether the program is stopped (state T in /proc), waiting for it up to `timeout`."""
    deadline = time.monotonic() + timeout
    stat = Path(f"/proc/{program.process.pid}/stat")
    while time.monotonic() < deadline:
        if stat.read_text().rsplit(")", 1)[1].split()[0] == "T":
            return True
        program.read()
    return False


def test_in_a_terminal_sigtstp_then_sigcont_leaves_the_session_paused() -> None:
    program = PtyProgram([LOWBACK, TINY], size=(80, 24))
    try:
        begin_session(program)
        program.wait_for("exercise 1 of")
        program.process.send_signal(signal.SIGTSTP)
        was_stopped = stopped(program)
        program.process.send_signal(signal.SIGCONT)
        program.wait_for("space carries on")
        program.send(b" ")  # and space carries on
        program.output = b""
        program.wait_for("Pause")
        program.send(b"\x11")  # ctrl+q asks first during a session
        program.wait_for("Quit lowback?")
        program.send(b"y")
        code = program.wait_exit()
    finally:
        program.stop()
    assert was_stopped and code == 0


# ---- smaller -----------------------------------------------------------------------------------


async def test_the_summary_of_a_thousand_exercises_is_a_few_widgets(routine: Routine) -> None:
    """It was four Labels per exercise: 4,000 widgets, 5.6 s before the summary appeared."""
    many = tuple(
        replace(routine.exercises[0], id=f"e{n}", name=f"Exercise {n}") for n in range(1000)
    )
    clock = FakeClock()
    app = LowbackApp(Trainer(replace(routine, exercises=many), clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("q", "y")
        summary = await to_summary(pilot)
        assert len(summary.query("*")) < 40
        table = summary.query_one(SummaryTable)
        lines = table.lines(70).plain.splitlines()
        assert len(lines) == 1001 and lines[-1].startswith("Exercise 999")
        assert lines[0].split() == ["Exercise", "Result", "Done", "Active"]
        assert lines[2].split() == ["Exercise", "1", "not", "reached", "0", "of", "10", "0", "s"]
        assert max(len(line) for line in lines) <= 70


APP_ALONE = (
    "import sys\n"
    "from lowback_tui.app import LowbackApp\n"
    "from lowback_tui.core.routine.file import load\n"
    "from lowback_tui.core.trainer import Trainer\n"
    "app = LowbackApp(Trainer(load(sys.argv[1])))\n"
    "app.run()\n"
    "sys.exit(app.return_code)\n"
)


def test_the_app_with_stdin_at_its_end_says_so_and_ends_instead_of_spinning() -> None:
    """Textual's input thread read nothing from /dev/null in a loop: 3.96 s of CPU in 4 s."""
    argv = ["sh", "-c", 'exec "$0" -c "$1" "$2" < /dev/null', sys.executable, APP_ALONE, TINY]
    program = PtyProgram(argv, size=(80, 24))
    try:
        code = program.wait_exit(timeout=15)
    finally:
        program.stop()
    assert code == 2
    assert "stdin is not one; lowback --plain reads lines" in " ".join(
        plain(program.output).split()
    )


async def test_a_terminal_gone_without_a_signal_ends_the_app_and_keeps_the_session(
    routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        countdown = await start(pilot)
        await wait(pilot, clock, 30)
        monkeypatch.setattr(app_module, "keys_can_come", lambda: True)
        app._check_terminal()  # the check every 2 s: the terminal is there
        assert app.is_running
        monkeypatch.setattr(app_module, "keys_can_come", lambda: False)
        app._check_terminal()
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    assert countdown.run.state is State.FINISHED  # ended early and kept, as on SIGHUP


@pytest.mark.parametrize("hup", ["delivered", "ignored-at-start"])
def test_a_terminal_hung_up_mid_session_never_leaves_the_app_behind(
    hup: str, private_home: Path
) -> None:
    """The terminal closes (its window shut): lowback ends with 129 and keeps the session. It
    used to hang in Textual's shutdown most times, its writer thread dead on the first EIO."""
    from lowback_tui.core.history.store import HistoryStore

    ignore = "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n" if hup != "delivered" else ""
    code = f"import signal, sys\n{ignore}from lowback_tui.cli import main\n"
    code += "sys.exit(main(sys.argv[1:]))\n"
    for attempt in range(3):  # it hung in five runs of eight
        home = private_home / str(attempt)
        env = {"LOWBACK_HOME": str(home)}
        program = PtyProgram([sys.executable, "-c", code, TINY], size=(80, 24), env=env)
        try:
            begin_session(program)
            program.wait_for("exercise 1 of")
            os.close(program.master)  # the terminal hangs up
            deadline = time.monotonic() + 10
            while program.process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            status = program.process.poll()
        finally:
            program.master = os.open(os.devnull, os.O_RDONLY)  # for stop() to close
            program.stop()
        assert status == 128 + signal.SIGHUP, (attempt, status)
        (session,) = HistoryStore.open(home / "data" / "history.db").sessions()
        assert session.ended_at is not None and session.ended_early


async def test_the_history_opening_as_the_app_closes_is_not_a_crash(routine: Routine) -> None:
    """The history opens in a thread; after a quick ctrl+q its answer can come while the app is
    taking the list's widgets down (seen as WorkerFailed: no RoutineHeading)."""
    from lowback_tui.widgets.routine_heading import RoutineHeading

    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.query_one(RoutineHeading).remove()
        app._running = False  # what App._shutdown sets first
        try:
            app._history_opened([])  # the thread's answer arriving then
        finally:
            app._running = True
    assert app.return_code in (None, 0)
