"""The countdown and summary screens, driven by keys under a fake clock."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from lowback_tui.app import LowbackApp
from lowback_tui.core import wording
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind, phases, total_seconds
from lowback_tui.core.session.engine import State
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.confirm import ConfirmEnd
from lowback_tui.screens.countdown import CountdownScreen
from lowback_tui.screens.keys import KeysScreen
from lowback_tui.screens.list_screen import ExerciseListScreen
from lowback_tui.screens.pain_check import PainCheck
from lowback_tui.screens.safety import SafetyScreen
from lowback_tui.screens.summary import SummaryScreen
from lowback_tui.widgets.big_number import BigNumber
from lowback_tui.widgets.big_text import BigText

from .conftest import screen_text
from .fake_clock import FakeClock


class Bells:
    """Counts the app's bells instead of ringing them."""

    def __init__(self, app: LowbackApp) -> None:
        self.count = 0
        app.bell = self.ring  # type: ignore[method-assign]

    def ring(self) -> None:
        self.count += 1


async def answer_pain(pilot: Pilot[None], pain: str) -> None:
    """Answer the pain check-in on screen: digits then Enter, or "s" to skip it; then skip the
    activities a course's first session asks for (issue 25), as a person always may."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, PainCheck)
    await pilot.press(*pain, *(["enter"] if pain != "s" else []))
    await skip_activities(pilot)


async def skip_activities(pilot: Pilot[None]) -> None:
    """Escape from the activities, where the course asks for them (issue 25); they have tests
    of their own (test_activities_screen)."""
    from lowback_tui.screens.activities import ActivitiesScreen

    await pilot.pause()
    if isinstance(pilot.app.screen, ActivitiesScreen):
        await pilot.press("escape")
        await pilot.pause()


async def start(pilot: Pilot[None], pain: str = "s", settle: bool = False) -> CountdownScreen:
    """Enter on the list, through the first-run safety screen and the pain check-in; unless
    `settle`, space then ends settling in at once (it has tests of its own), so the countdown
    is at the first get-ready."""
    await pilot.press("enter")
    await pilot.pause()
    if isinstance(pilot.app.screen, SafetyScreen):
        await pilot.press("enter")
    await answer_pain(pilot, pain)
    screen = pilot.app.screen
    assert isinstance(screen, CountdownScreen)
    if not settle and screen.run.settling:
        await pilot.press("space")
        assert screen.run.view().phase.kind is Kind.GET_READY
    return screen


async def to_summary(pilot: Pilot[None], pain: str = "s") -> SummaryScreen:
    """Answer (or skip) "how is your back now?" and land on the summary."""
    await answer_pain(pilot, pain)
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


def big(app: LowbackApp, selector: str) -> str:
    """The words drawn in big letters by one of the countdown's BigTexts."""
    return app.screen.query_one(selector, BigText).text


def state_of(screen: CountdownScreen) -> State:
    """The session's state now (a call, so that mypy does not hold on to an earlier one)."""
    return screen.run.state


def on_screen(app: LowbackApp) -> object:
    """The screen on top now."""
    return app.screen


async def wait(pilot: Pilot[None], clock: FakeClock, seconds: float, step: float = 1.0) -> None:
    """Let `seconds` pass on the fake clock, ticking the screen as its timer would."""
    while seconds > 0:
        clock.advance(min(step, seconds))
        seconds -= step
        screen = pilot.app.screen
        if isinstance(screen, CountdownScreen):
            screen.tick()
    await pilot.pause()


async def test_a_whole_session_from_enter_to_summary(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        bells = Bells(app)
        await start(pilot, settle=True)  # and the whole 20 s of settling in
        await wait(pilot, clock, 900)
        summary = (await to_summary(pilot)).summary
        assert [r.outcome.value for r in summary.records] == ["done"] * 7
        assert summary.elapsed_seconds == total_seconds(routine)
        # No player in tests, so the bell: at each start of an effort (41), at each end but the
        # last (40), and at the end of the session; never for the count.
        assert bells.count == 41 + 40 + 1
        text = screen_text(app)
        assert "Session complete." in text
        assert "7 done" in text
        assert f"Active 6 min 20 s of {wording.duration(total_seconds(routine))} in all" in text
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseListScreen)


async def test_the_countdown_shows_phase_side_rep_time_and_next(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        text = screen_text(app)
        assert big(app, "#cd-phase") == "GET READY" and "Lying on your back" in text
        assert big(app, "#cd-side") == "LEFT"  # the side the first hold is on
        assert "Next: hold 5 s, left leg" in text
        left = total_seconds(routine) - routine.timing.start_seconds  # settling in was ended
        assert f"exercise 1 of 7 · {wording.about(left)} left" in text
        await wait(pilot, clock, 5.5)
        text = screen_text(app)
        assert big(app, "#cd-phase") == "HOLD" and "left leg · rep 1 of 5" in text
        assert "Next: switch to the right leg" in text  # which side, as the voice says
        knee = routine.exercises[0]
        assert knee.effort_cue[:30] in text  # what to do now (wrapped), not how to begin
        assert knee.get_ready_cue[:30] not in text


async def test_a_session_begins_by_settling_in_and_space_starts_at_once(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, settle=True)
        text = screen_text(app)
        assert big(app, "#cd-phase") == "SETTLE IN" and "Lying on your back" in text
        assert screen.query_one("#cd-phase").has_class("-settle")
        assert routine.exercises[0].get_ready_cue in text  # how to get into position
        assert screen.query_one(BigNumber).value == "20"
        assert "space Start now" in text and "Pause" not in text  # the footer says what it does
        assert "Back" not in text and "Redo rep" not in text  # no rep yet, nothing before
        await wait(pilot, clock, 3)
        await pilot.press("space")
        assert big(app, "#cd-phase") == "GET READY"
        assert screen.run.view().seconds_left == 5
        text = screen_text(app)
        assert "space Pause" in text and "Start now" not in text and "← Back" in text
        await pilot.press("space")  # from now on space pauses, as it always did
        assert screen.run.state is State.PAUSED
        footer = screen_text(app).splitlines()[-1]
        assert "space Carry on" in footer and "Pause" not in footer  # and says it carries on
        await pilot.press("space")
        assert "space Pause" in screen_text(app).splitlines()[-1]


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_the_footer_keeps_space_and_it_hurts_in_sight(
    routine: Routine, size: tuple[int, int]
) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, settle=True)
        footer = screen_text(app).splitlines()[-1]
        assert "space Start now" in footer and "! It hurts" in footer, footer
        await pilot.press("space")
        await wait(pilot, clock, 6)  # in the first hold
        footer = screen_text(app).splitlines()[-1]
        assert "space Pause" in footer and "! It hurts" in footer, footer
        await pilot.press("exclamation_mark")  # and it does what it says
        assert isinstance(await to_summary(pilot), SummaryScreen)
        assert screen.run.stopped_for_pain


async def test_settling_in_runs_out_by_itself(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, settle=True)
        await wait(pilot, clock, 19.5)
        assert screen.run.view().phase.kind is Kind.SETTLE
        await wait(pilot, clock, 1)
        assert big(app, "#cd-phase") == "GET READY"
        assert screen.run.view().seconds_left == pytest.approx(4.5)


async def test_space_pauses_and_the_time_left_stays_put(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await wait(pilot, clock, 6.5)
        await pilot.press("space")
        assert screen.query_one("#cd-digits").has_class("-paused")
        assert big(app, "#cd-phase") == "PAUSED"
        assert "HOLD paused · space carries on" in screen_text(app)
        before = screen.run.view().seconds_left
        await wait(pilot, clock, 300)
        assert screen.run.view().seconds_left == before
        await pilot.press("space")
        assert not screen.query_one("#cd-digits").has_class("-paused")
        assert screen.query_one("#cd-digits").has_class("-effort")
        await wait(pilot, clock, 1)
        assert screen.run.view().seconds_left == pytest.approx(before - 1)


async def test_skip_back_and_restart_keys(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("right")
        assert screen.run.view().exercise.name == "Opposite arm and leg lift"
        await pilot.press("n")
        assert screen.run.view().exercise.name == "Lying bicycle"
        await pilot.press("left")
        assert screen.run.view().exercise.name == "Opposite arm and leg lift"
        await pilot.press("p")
        assert screen.run.view().exercise.name == "Knee to chest"
        await wait(pilot, clock, 8)
        await pilot.press("r")
        view = screen.run.view()
        assert (view.phase.kind, view.seconds_left) == (Kind.HOLD, 5)


async def test_q_asks_first_and_no_carries_on(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await wait(pilot, clock, 7)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmEnd)
        assert state_of(screen) is State.PAUSED  # the clock stops while asking
        await wait(pilot, clock, 60)
        await pilot.press("n")
        assert on_screen(app) is screen
        assert state_of(screen) is State.RUNNING
        assert screen.run.view().seconds_left == pytest.approx(3)


async def test_escape_then_yes_ends_on_the_summary(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await wait(pilot, clock, 110)  # Knee to chest takes 82 s; the arm and leg lift is part-way
        await pilot.press("escape", "y")
        summary = (await to_summary(pilot)).summary
        assert summary.ended_early
        assert [r.outcome.value for r in summary.records[:2]] == ["done", "partial"]
        assert "Ended early. What you did is kept." in screen_text(app)
        await pilot.press("q")
    assert app.return_code == 0


async def test_help_pauses_the_session_and_closing_it_resumes(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        rows = dict((d, k) for k, d in app.screen.rows())
        assert rows["Skip to the next exercise"] == "→ n"
        assert state_of(screen) is State.PAUSED
        await pilot.press("escape")
        assert state_of(screen) is State.RUNNING


async def test_a_pause_before_help_stays_a_pause(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("space", "question_mark", "escape")
        assert screen.run.state is State.PAUSED


async def test_m_steps_through_the_sounds_and_the_choice_is_remembered(
    routine: Routine, private_home: Path
) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        bells = Bells(app)
        await start(pilot)
        await pilot.press("m")  # tones (the bell here: no player) -> the bell
        assert app.trainer.preferences.settings.sound == "bell"
        await wait(pilot, clock, 6)
        assert bells.count == 1  # the first hold began
        await pilot.press("m")  # -> off
        await wait(pilot, clock, 30)
        assert bells.count == 1
    saved = tomllib.loads((private_home / "config" / "config.toml").read_text())
    assert saved["sound"] == "off"
    assert Trainer(routine).preferences.settings.sound == "off"


async def test_a_broken_settings_file_is_reported_and_never_overwritten(
    routine: Routine, private_home: Path
) -> None:
    path = private_home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text("sound = maybe\n")
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("m")
        assert app.trainer.preferences.settings.sound == "bell"  # for this run
    assert path.read_text() == "sound = maybe\n"


@pytest.mark.parametrize("size", [(20, 6), (40, 12), (300, 100), (8, 3)])
async def test_the_countdown_at_any_size(routine: Routine, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot)
        await wait(pilot, clock, 6)
        await pilot.press("space", "space", "right", "q", "n")
        assert screen.run.view().exercise.name == "Opposite arm and leg lift"


async def test_a_burst_of_resizes_mid_countdown_keeps_the_time(routine: Routine) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await wait(pilot, clock, 7.25)
        for size in [(20, 6), (300, 100), (40, 12), (9, 4), (120, 30), (80, 24)] * 3:
            await pilot.resize_terminal(*size)
        await pilot.pause()
        view = screen.run.view()
        assert view.phase.kind is Kind.HOLD
        assert view.seconds_left == pytest.approx(2.75)
        assert big(app, "#cd-phase") == "HOLD"
        assert "left leg · rep 1 of 5" in screen_text(app)


def seconds_into(routine: Routine, kind: Kind, exercise: int = 0) -> float:
    """A moment 1.5 s into the first phase of `kind` (from exercise `exercise` on), counted
    from the first get-ready (as `start` ends settling in at once)."""
    at = 0.0
    for phase in phases(routine):
        if phase.kind is Kind.SETTLE and kind is not Kind.SETTLE:
            continue
        if phase.kind is kind and phase.exercise >= exercise:
            return at + 1.5
        at += phase.seconds
    raise AssertionError(f"no {kind} phase")


COUNTDOWN_MOMENTS = {
    "get-ready": (Kind.GET_READY, 0),
    "hold": (Kind.HOLD, 0),
    "switch": (Kind.SWITCH, 0),
    "rest": (Kind.REST, 0),
    "work": (Kind.WORK, 2),
}


@pytest.mark.parametrize("moment", list(COUNTDOWN_MOMENTS))
def test_countdown_snapshot_each_phase(snap_compare, routine: Routine, moment: str) -> None:  # type: ignore[no-untyped-def]
    """Each phase in its own colour and words, readable from two metres."""
    clock = FakeClock()
    kind, exercise = COUNTDOWN_MOMENTS[moment]

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await wait(pilot, clock, seconds_into(routine, kind, exercise))

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_countdown_snapshot_settling_in(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, size: tuple[int, int]
) -> None:
    """Before the first exercise: time to get down to the floor, in a colour of its own."""
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot, settle=True)
        await wait(pilot, clock, 1.5)

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (120, 40)])
def test_countdown_snapshot_hold_at_other_sizes(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, size: tuple[int, int]
) -> None:
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await wait(pilot, clock, seconds_into(routine, Kind.HOLD))

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_countdown_snapshot_without_colour(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: a hold still differs from the rest around it (the band reversed, the solid
    bar, the words)."""
    monkeypatch.setenv("NO_COLOR", "1")
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await wait(pilot, clock, seconds_into(routine, Kind.HOLD))

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_countdown_snapshot_paused(snap_compare, routine: Routine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await wait(pilot, clock, 7.5)
        await pilot.press("space")

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_summary_snapshot(snap_compare, routine: Routine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await wait(pilot, clock, 130)
        await pilot.press("right", "q", "y")
        await to_summary(pilot, pain="3")

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


class Wakeups:
    """Stands in for the countdown's set_timer: the one wake-up it has asked for, if any."""

    def __init__(self) -> None:
        self.pending: Wakeup | None = None
        self.asked = 0

    def set_timer(self, delay: float, callback: Callable[[], None]) -> Wakeup:
        self.asked += 1
        self.pending = Wakeup(delay, callback)
        return self.pending


class Wakeup:
    def __init__(self, delay: float, callback: Callable[[], None]) -> None:
        self.delay, self.callback, self.stopped = delay, callback, False

    def stop(self) -> None:
        self.stopped = True


async def test_the_countdown_wakes_once_just_after_each_change_and_shows_it(
    routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen's own timer path, under the fake clock: it asks to be woken when the next
    digit is due (not before: no busy redraw; at most 50 ms after: never a stale digit)."""
    wakeups = Wakeups()
    monkeypatch.setattr(CountdownScreen, "set_timer", wakeups.set_timer)
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        digits = screen.query_one(BigNumber)
        get_ready, hold, switch = Kind.GET_READY, Kind.HOLD, Kind.SWITCH
        expected = [
            *((get_ready, s) for s in "54321"),
            *((hold, s) for s in "54321"),
            *((switch, s) for s in "321"),
            (hold, "5"), (hold, "4"),
        ]  # fmt: skip
        shown = [(screen.run.view().phase.kind, digits.value)]
        asked_before = wakeups.asked
        while len(shown) < len(expected):
            wakeup = wakeups.pending
            assert wakeup is not None and not wakeup.stopped
            view = screen.run.view()
            until_the_digit_changes = view.seconds_left - (view.shown_seconds - 1)
            assert until_the_digit_changes <= wakeup.delay <= until_the_digit_changes + 0.05
            clock.advance(wakeup.delay)
            wakeup.callback()  # what Textual's timer does when it fires
            await pilot.pause()
            shown.append((screen.run.view().phase.kind, digits.value))
        assert shown == expected
        assert wakeups.asked - asked_before == len(shown) - 1  # one per change, none between
