"""The app's side of the two step objects of the core: the steps before a session
(core/session_start.py) asked each with its screen, and editing a routine
(core/routine/editing.py) with the terminal handed to the editor. app.py's actions call these;
the order of the steps and what each answer means are the core's."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from lowback_tui.core.session.guidance import Announcer
    from lowback_tui.core.session_run import Awake
    from lowback_tui.core.session_start import Answer
    from lowback_tui.core.trainer import Trainer


async def start_session(
    app: App[Any],
    trainer: Trainer,
    announcer: Announcer,
    awake: Awake,
    history_open: Callable[[], Awaitable[None]],
) -> None:
    """Ask each step before a session with its screen, then show the countdown (from a worker:
    each question waits for its screen's answer)."""
    from lowback_tui.core.session_start import (
        AskActivities,
        AskBadDay,
        AskCarryOn,
        AskPain,
        AskSafety,
        Begin,
        SessionStart,
    )
    from lowback_tui.screens.confirm import Confirm
    from lowback_tui.screens.countdown import CountdownScreen
    from lowback_tui.screens.pain_check import CANCEL, PainCheck

    start = SessionStart(trainer, announcer, awake)
    while True:
        step = start.step
        if isinstance(step, AskSafety):
            from lowback_tui.screens.safety import SafetyScreen

            answer: Answer = await app.push_screen_wait(SafetyScreen(first_time=True))
        elif isinstance(step, AskCarryOn):
            answer = await app.push_screen_wait(
                Confirm(step.carry_on.question, step.detail, "Carry on", "Start again")
            )
        elif isinstance(step, AskPain):
            answer = await app.push_screen_wait(PainCheck(step.question, True))
            if answer == CANCEL:
                return
        elif isinstance(step, AskBadDay):
            from lowback_tui.screens.bad_day import BadDayScreen

            answer = await app.push_screen_wait(BadDayScreen(step.before))
        elif isinstance(step, AskActivities):
            from lowback_tui.screens.activities import ActivitiesScreen

            answer = await app.push_screen_wait(ActivitiesScreen(step.question, step.problem))
        elif isinstance(step, Begin):
            if step.run.problem:
                app.notify(step.run.problem, severity="warning", timeout=10)
            app.push_screen(CountdownScreen(step.run))
            return
        else:  # NoSession
            if step.message:
                app.notify(step.message, title="Rest today", timeout=20)
            return
        await history_open()  # what follows may read it
        start.answer(answer)


def edit_routine(
    app: App[Any],
    trainer: Trainer,
    run_editor: Callable[[list[str]], str | None],
    show_overview: Callable[[], None],
) -> None:
    """Edit the routine in use: `run_editor` hands the terminal over; what follows is said as
    notifications, and the list shows the file's problems, if any."""
    from lowback_tui.core.routine.editing import (
        NO_EDITOR,
        EditCannotStart,
        Failed,
        RunEditor,
        Saved,
    )
    from lowback_tui.core.routine.model import RoutineError

    try:
        edit = trainer.edit_routine()
    except RoutineError as error:
        app.notify(str(error), severity="error")  # a line per problem
        return
    except OSError as error:
        app.notify(f"Could not copy the routine: {error.strerror}", severity="error")
        return
    except EditCannotStart as error:
        said = str(error)
        if said == NO_EDITOR:
            said = "No editor found: set $EDITOR (or install nano)"
        else:
            said = f"Could not open an editor: {said}"
        app.notify(said, severity="error")
        return
    if edit.copied:
        app.notify(f"Editing your own copy: {edit.path}")
    while isinstance(step := edit.step, RunEditor):
        edit.answer(run_editor(step.command))
    if isinstance(step, Failed):
        app.notify(step.message, severity="error")
        return
    notice = trainer.reread_after_edit()
    if notice:
        app.notify(notice, severity="warning")
    show_overview()
    if isinstance(step, Saved) and not notice:
        app.notify(f"{edit.path.name}: saved and checked", timeout=3)
