"""The first screen: the routine, its estimated time, and every exercise with its dose."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

from lowback_tui.core import wording
from lowback_tui.core.safe_text import visible, visible_lines
from lowback_tui.widgets.exercise_detail import ExerciseDetail
from lowback_tui.widgets.exercise_list import ExerciseList
from lowback_tui.widgets.keys_footer import KeysFooter
from lowback_tui.widgets.routine_heading import RoutineHeading

if TYPE_CHECKING:
    from lowback_tui.core.routine.model import Problem
    from lowback_tui.core.trainer import Overview, Trainer


class ExerciseListScreen(Screen[None]):
    """Today's routine: read about the exercises, then start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "app.start", "Start", priority=True, id="list.start"),
        Binding("d", "open", "Details", id="list.details"),
        Binding(
            "e",
            "app.edit_routine",
            "Edit",
            tooltip="Edit the routine in your editor",
            id="list.edit",
        ),
        Binding(
            "o",
            "app.pick_routine",
            "Routines",
            tooltip="Choose another routine",
            id="list.routines",
        ),
        Binding("g", "app.progress", "Progress", id="list.progress"),
        Binding("plus", "adjust('reps', 1)", "One more rep", show=False, id="list.more_reps"),
        Binding("minus", "adjust('reps', -1)", "One rep fewer", show=False, id="list.fewer_reps"),
        Binding(
            "greater_than_sign",
            "adjust('seconds', 1)",
            "Longer hold",
            show=False,
            id="list.longer_hold",
        ),
        Binding(
            "less_than_sign",
            "adjust('seconds', -1)",
            "Shorter hold",
            show=False,
            id="list.shorter_hold",
        ),
        Binding("h", "app.history", "History", show=False, id="list.history"),
        Binding("c", "new_course", "New course", show=False, id="list.new_course"),
        Binding("q", "app.quit", "Quit", id="list.quit"),
    ]
    # Side by side when there is room; stacked, and then without the detail pane, when not.
    # Not annotated ClassVar: mypy rejects that over Textual's own declaration.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]  # noqa: RUF012

    def __init__(self, trainer: Trainer, size: Size | None = None) -> None:
        # Given the terminal's size, the screen starts with the breakpoint classes Textual would
        # give it on its first resize, which then restyles nothing: the first frame comes sooner.
        super().__init__(classes=" ".join(self._breakpoints(size)) if size else None)
        self.trainer = trainer
        self.routine = trainer.routine
        """The routine on screen, with the person's reps."""
        self._shown = (self.routine, self.routine)
        """The routine on screen, and as its file has it (see show)."""

    @classmethod
    def _breakpoints(cls, size: Size) -> list[str]:
        classes = []
        for breakpoints, reach in (
            (cls.HORIZONTAL_BREAKPOINTS, size.width),
            (cls.VERTICAL_BREAKPOINTS, size.height),
        ):
            reached = [name for minimum, name in sorted(breakpoints) if reach >= minimum]
            classes += reached[-1:]
        return classes

    def compose(self) -> ComposeResult:
        routine = self.routine
        yield RoutineHeading(routine.name, wording.extent(routine, " · "), id="heading")
        yield Static(visible_lines(routine.summary), id="routine-summary", markup=False,
                     classes="" if routine.summary else "-empty")  # fmt: skip
        with Horizontal(id="body"):
            yield ExerciseList(routine, id="exercises")
            yield ExerciseDetail(id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(ExerciseDetail).exercise = self.routine.exercises[0]

    def show_overview(self) -> None:
        """Show the routine, its file's problems and the course as they are now."""
        if self.is_mounted:
            self.show(self.trainer.overview())

    def show(self, overview: Overview) -> None:
        """Show the routine with the person's current reps, its file's problems, the course."""
        routine = overview.routine
        if (routine, overview.as_written) != self._shown:  # the first time, it is there already
            self._shown = (routine, overview.as_written)
            self.query_one(ExerciseList).show(routine, overview.as_written)
            summary = self.query_one("#routine-summary", Static)
            summary.update(visible_lines(routine.summary))
            summary.set_class(not routine.summary, "-empty")  # a class: -short hides it too
        self.routine = routine
        course = str(overview.course) if overview.course else ""
        self.query_one(RoutineHeading).show(routine.name, wording.extent(routine, " · "), course)
        self._show_problems(overview.problems)
        highlighted = self.query_one(ExerciseList).highlighted
        self.query_one(ExerciseDetail).exercise = routine.exercises[highlighted]

    def _show_problems(self, problems: tuple[Problem, ...]) -> None:
        """What is wrong with the routine's file, in a panel above the list (none when fine)."""
        panels = self.query("#routine-problems")
        if not problems:
            panels.remove()
            return
        text = "\n".join(visible(p) for p in problems)  # they quote the file's keys and values
        text += "\nThe last good version is in use; e opens the file again."
        if panels:
            panels.first(Static).update(text)
        else:  # made only when needed: one widget fewer before the list first appears
            self.mount(Static(text, id="routine-problems", markup=False), before="#body")

    def on_screen_resume(self) -> None:
        # Back from another screen: the file may have been changed outside the app meanwhile,
        # and a session or a new target may have ended.
        if notice := self.trainer.check_routine_file():
            self.notify(notice, severity="warning")
        self.show_overview()

    @on(ExerciseList.Highlighted, "#exercises")
    def _show_detail(self, event: ExerciseList.Highlighted) -> None:
        self.query_one(ExerciseDetail).exercise = self.routine.exercises[event.index]

    @on(ExerciseList.Selected, "#exercises")
    def _open_clicked(self, event: ExerciseList.Selected) -> None:
        self.action_open()

    def action_new_course(self) -> None:
        """Begin a new course today (asks first; the history is kept)."""
        from lowback_tui.screens.confirm import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                self.trainer.new_course()
                self.show_overview()

        question = Confirm(
            "Start a new course today?",
            "Day 1 begins today. Every past session stays in your history.",
            "Start it",
            "Not now",
        )
        self.app.push_screen(question, answered)

    def action_adjust(self, what: str, step: int) -> None:
        """One more or one fewer rep, or a longer or shorter hold, for the highlighted exercise."""
        from lowback_tui.core.routine.edits import ADJUSTABLE

        index = self.query_one(ExerciseList).highlighted
        chosen = next((known for known in ADJUSTABLE if known == what), None)
        if chosen is None:  # (the bindings above name only these)
            return
        refused = self.trainer.adjust(index, chosen, step)
        if refused:
            self.notify(refused.message, severity="error" if refused.error else "warning")
        self.show_overview()

    def action_open(self) -> None:
        """Show the highlighted exercise on a screen of its own."""
        from lowback_tui.screens.detail_window import ExerciseDetailScreen

        index = self.query_one(ExerciseList).highlighted
        self.app.push_screen(ExerciseDetailScreen(self.routine.exercises[index]))
