"""The pain rating cannot mislead: every value 0-10 can be typed (1 then 0 is 10), Enter records
only what is shown as chosen, only s (or Esc where there is nothing to go back to) skips, and
each dialog's footer shows its own keys. Plain mode's question refuses what is not 0 to 10."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from lowback_tui.app import LowbackApp
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer
from lowback_tui.plain import Plain
from lowback_tui.screens.confirm import Confirm, ConfirmEnd
from lowback_tui.screens.countdown import CountdownScreen
from lowback_tui.screens.list_screen import ExerciseListScreen
from lowback_tui.screens.pain_check import (
    CANCEL,
    CHOOSE_FIRST,
    HINT,
    TEN_WITHIN_SECONDS,
    PainCheck,
)
from lowback_tui.screens.safety import SafetyScreen

from .conftest import screen_text
from .fake_clock import FakeClock
from .pty_run import PtyProgram
from .test_countdown_screen import skip_activities

LOWBACK = str(Path(sys.executable).parent / "lowback")
TINY = str(Path(__file__).resolve().parent / "routines" / "tiny.toml")


class Host(App[None]):
    """Nothing but `dialog`, over an empty screen; what it answers is kept in `answers`."""

    def __init__(self, dialog: ModalScreen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


def pain_host(can_cancel: bool = True) -> tuple[Host, PainCheck, FakeClock]:
    clock = FakeClock()
    check = PainCheck("How is your back right now?", can_cancel, clock=clock)
    return Host(check), check, clock


async def typed(pilot: Pilot[None], clock: FakeClock, *keys: str | float) -> None:
    """Press each key in turn; a number moves the dialog's clock on by that many seconds."""
    await pilot.pause()
    for key in keys:
        if isinstance(key, str):
            await pilot.press(key)
        else:
            clock.advance(key)
    await pilot.pause()


def hint(check: PainCheck) -> object:
    """The line under the scale (what to do)."""
    return check.query_one("#pain-hint", Static).content


def footer(app: App[Any]) -> str:
    """The bottom line of the terminal: the footer."""
    return screen_text(app).splitlines()[-1]


# ---- typing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "chosen"),
    [
        (["1", "0"], 10),
        (["1", TEN_WITHIN_SECONDS - 0.01, "0"], 10),  # 0.99 s: still one number
        (["1", TEN_WITHIN_SECONDS, "0"], 10),  # exactly at the limit: still 10
        (["1", TEN_WITHIN_SECONDS + 0.01, "0"], 0),  # after it: the 0 replaces the 1
        (["1", 5.0, "0"], 0),
        (["1"], 1),  # a 1 alone is chosen at once
        (["1", "5"], 5),  # any other digit after a 1 replaces it
        (["1", "1"], 1),
        (["1", "1", "0"], 10),  # the second 1 starts the moment again
        (["0", "1"], 1),
        (["0"], 0),
        (["9"], 9),
        (["7", "0"], 0),  # only a 1 makes a 10
        (["1", "0", "0"], 0),  # a 0 after 10 is a new choice
        (["1", "0", "1", "0"], 10),
        (["1", "right", "0"], 0),  # an arrow in between: the 0 is a new choice
        (["1", 0.5, "2", 0.2, "0"], 0),
    ],
)
async def test_typing_chooses_every_value_and_1_then_0_is_10(
    keys: list[str | float], chosen: int
) -> None:
    app, check, clock = pain_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, clock, *keys)
        assert check.chosen == chosen
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers == [chosen]


@pytest.mark.parametrize("value", range(11))
async def test_every_value_can_be_typed_and_recorded(value: int) -> None:
    app, _check, clock = pain_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, clock, *str(value), "enter")
    assert app.answers == [value]


def test_the_moment_for_a_10_is_a_second() -> None:
    assert TEN_WITHIN_SECONDS == 1.0


@pytest.mark.parametrize(
    ("keys", "chosen"),
    [
        (["right"], 5),  # the first press shows the middle
        (["left"], 5),
        (["right", "right"], 6),
        (["left", "left"], 4),
        (["right"] * 7, 10),  # and stops at the ends
        (["left"] * 7, 0),
        (["1", "0", "right"], 10),
        (["0", "left"], 0),
        (["1", "0", "left"], 9),
        (["3", "right"], 4),
    ],
)
async def test_arrows_move_one_point_and_stop_at_the_ends(keys: list[str], chosen: int) -> None:
    app, check, clock = pain_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, clock, *keys)
        assert check.chosen == chosen
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers == [chosen]


# ---- Enter, s and Esc -----------------------------------------------------------------------


async def test_enter_with_nothing_chosen_stays_and_says_what_to_do() -> None:
    app, check, clock = pain_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, clock)
        assert hint(check) == HINT
        await typed(pilot, clock, "enter", "enter")
        assert app.screen is check and check.chosen is None
        assert hint(check) == CHOOSE_FIRST and CHOOSE_FIRST in screen_text(app)
        assert app.answers == []
        await typed(pilot, clock, "3")  # a choice: the usual hint again
        assert hint(check) == HINT and CHOOSE_FIRST not in screen_text(app)
        await typed(pilot, clock, "enter")
    assert app.answers == [3]


@pytest.mark.parametrize("keys", [[], ["7"], ["1", "0"], ["right"]])
async def test_s_skips_whatever_is_chosen(keys: list[str]) -> None:
    app, _check, clock = pain_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, clock, *keys, "s")
    assert app.answers == [None]


@pytest.mark.parametrize(("can_cancel", "answer"), [(True, CANCEL), (False, None)])
async def test_escape_goes_back_where_it_can_and_skips_where_it_cannot(
    can_cancel: bool, answer: object
) -> None:
    app, _check, clock = pain_host(can_cancel)
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, clock, "4", "escape")
    assert app.answers == [answer]


@pytest.mark.parametrize("key", ["a", "q", "space", "minus", "full_stop"])
async def test_no_other_key_answers(key: str) -> None:
    app, check, clock = pain_host()
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, clock, "6", key)
        assert app.screen is check and check.chosen == 6
    assert app.answers == []


# ---- the footers ----------------------------------------------------------------------------


@pytest.mark.parametrize(("can_cancel", "esc"), [(True, "esc Back"), (False, "esc Skip")])
@pytest.mark.parametrize("width", [80, 40])
async def test_the_pain_footer_shows_its_own_keys(can_cancel: bool, esc: str, width: int) -> None:
    app, _check, clock = pain_host(can_cancel)
    async with app.run_test(size=(width, 24)) as pilot:
        await typed(pilot, clock)
        line = footer(app)
        for shown in ("0-10 ← → Rate", "⏎ Record", "s Skip", esc):
            assert shown in line
        assert line.split() == ["0-10", "←", "→", "Rate", "⏎", "Record", "s", "Skip",
                                *esc.split()]  # fmt: skip
        assert app.screen.query_one(Footer).compact == (width < 44)


async def test_in_the_app_the_pain_footer_lists_only_the_dialogs_keys(routine: Routine) -> None:
    """Nothing of the list (Start, Quit, Keys, the palette) under the question."""
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert footer(app).split() == ["⏎", "I", "have", "read", "this", "esc", "Back"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PainCheck)
        assert footer(app).split() == ["0-10", "←", "→", "Rate", "⏎", "Record", "s", "Skip",
                                       "esc", "Back"]  # fmt: skip


async def test_the_end_question_shows_its_own_keys(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "s")
        await skip_activities(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmEnd)
        assert footer(app).split() == ["y", "End", "it", "n/esc", "Carry", "on"]
        await pilot.press("escape")  # Esc carries on
        await pilot.pause()
        assert isinstance(app.screen, CountdownScreen)
        await pilot.press("q", "n")
        await pilot.pause()
        assert isinstance(app.screen, CountdownScreen)
        await pilot.press("q", "q")  # a second q ends it
        await pilot.pause()
        assert isinstance(app.screen, PainCheck)  # how is your back now?
        assert footer(app).split()[-2:] == ["esc", "Skip"]


async def test_a_yes_or_no_question_shows_yes_no_and_esc() -> None:
    app = Host(Confirm("Start a new course today?", "The history is kept.", "Start", "Keep"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert footer(app).split() == ["y", "Yes", "n/esc", "No"]
        await pilot.press("escape")
        await pilot.pause()
    assert app.answers == [False]


# ---- through the app, into the history ------------------------------------------------------


async def test_1_then_0_and_enter_stores_10_before_and_after(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock, store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")  # Start; the safety screen read
        await pilot.pause()
        await pilot.press("enter")  # nothing chosen: nothing starts
        await pilot.pause()
        assert isinstance(app.screen, PainCheck) and CHOOSE_FIRST in screen_text(app)
        assert store.sessions() == []
        await pilot.press("1", "0", "enter")
        await pilot.pause()
        await pilot.press("c")  # 10 is severe: carry on with the routine all the same
        await skip_activities(pilot)
        assert isinstance(app.screen, CountdownScreen)
        (row,) = store.sessions()
        assert row.pain_before == 10
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, PainCheck)
        await pilot.press("enter")  # nothing chosen: still asking
        await pilot.pause()
        assert isinstance(app.screen, PainCheck)
        await pilot.press("1", "0", "enter")
        await pilot.pause()
        assert "Your back: 10 before, 10 after" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)
    (row,) = store.sessions()
    assert (row.pain_before, row.pain_after) == (10, 10)


async def test_escape_after_a_session_skips_the_rating(routine: Routine, tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    app = LowbackApp(Trainer(routine, clock=FakeClock(), store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "4", "enter", "q", "y", "3", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, PainCheck)
    (row,) = store.sessions()
    assert (row.pain_before, row.pain_after) == (4, None)


def test_in_a_real_terminal_1_then_0_is_stored_as_10(private_home: Path) -> None:
    program = PtyProgram([LOWBACK, TINY], size=(80, 24))
    try:
        program.wait_for("Second")
        program.send(b"\r")
        program.wait_for("Before you exercise")
        program.send(b"\r")
        program.wait_for("How is your back right now?")
        program.send(b"1")
        program.send(b"0")
        program.send(b"\r")
        program.wait_for("Go easy today?")  # 10 is severe
        program.send(b"c")
        program.wait_for("Name up to three")  # the course's first session asks; Esc skips
        program.send(b"\x1b")
        program.wait_for("How is your back now?", timeout=30)
        program.send(b"s")
        program.wait_for("Your back: 10 before")
        program.send(b"q")
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 0
    (row,) = HistoryStore.open(private_home / "data" / "history.db").sessions()
    assert (row.pain_before, row.pain_after) == (10, None)


# ---- plain mode -----------------------------------------------------------------------------


class Lines:
    """Typed lines, one per question; None once they run out (input ended)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)

    def __call__(self, timeout: float | None) -> list[str] | None:
        return [self.lines.pop(0)] if self.lines else None


def ask_pain(*lines: str) -> tuple[int | None, str]:
    out = io.StringIO()
    answer = Plain(out, Lines(list(lines))).ask_pain("How is your back?")
    return answer, out.getvalue()


@pytest.mark.parametrize(
    ("line", "value"),
    [("0", 0), ("10", 10), (" 7 ", 7), ("07", 7), ("5", 5), ("\t3\t", 3)],
)
def test_plain_mode_takes_0_to_10(line: str, value: int) -> None:
    answer, text = ask_pain(line)
    assert answer == value
    assert text == "How is your back? 0 (none) to 10 (worst), or Enter to skip: "


@pytest.mark.parametrize(
    "line",
    ["1 0", "²", "١", "-1", "11", "100", "010", "5000" * 1250, "x", "5.5", "+5", "½", "1e1"],
)
def test_plain_mode_refuses_anything_else_and_asks_again(line: str) -> None:
    answer, text = ask_pain(line, "4")
    assert answer == 4
    assert text.count("Please type a whole number from 0 to 10, or Enter to skip.") == 1


def test_plain_mode_skips_on_an_empty_line_or_a_blank_one() -> None:
    assert ask_pain("") == (None, ask_pain("")[1])
    answer, text = ask_pain("   ")
    assert answer is None and "Please type" not in text


def test_plain_mode_gives_up_after_three_tries_and_says_so() -> None:
    answer, text = ask_pain("11", "²", "1 0", "5")
    assert answer is None
    assert text.count("Please type a whole number") == 3
    assert text.endswith("Skipped: no rating recorded.\n")


def test_plain_mode_at_the_end_of_input_skips() -> None:
    assert ask_pain()[0] is None


# ---- snapshots ------------------------------------------------------------------------------


def test_pain_dialog_snapshot_nothing_chosen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _check, _clock = pain_host()
    assert snap_compare(app, terminal_size=(80, 24))


def test_pain_dialog_snapshot_10_chosen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _check, _clock = pain_host()
    assert snap_compare(app, terminal_size=(80, 24), press=["1", "0"])


def test_pain_dialog_snapshot_choose_first(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _check, _clock = pain_host(can_cancel=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])


def test_pain_dialog_snapshot_small(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _check, _clock = pain_host()
    assert snap_compare(app, terminal_size=(40, 12), press=["1", "0"])
