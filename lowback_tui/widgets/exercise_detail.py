"""Everything about one exercise: dose, goal, position, equipment and how to do it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Label, Static

from lowback_tui import describe
from lowback_tui.routine import Exercise


class ExerciseDetail(VerticalScroll, can_focus=False):
    """A scrollable description of the exercise in `exercise` (or nothing when it is None)."""

    exercise: reactive[Exercise | None] = reactive(None, recompose=True)

    def compose(self) -> ComposeResult:
        exercise = self.exercise
        if exercise is None:
            return
        yield Label(exercise.name, classes="detail-name", markup=False)
        yield Static(describe.dose(exercise), classes="detail-dose", markup=False)
        if goal := describe.goal(exercise):
            yield Static(f"Goal: {goal}", classes="detail-goal", markup=False)
        facts = [
            ("Position", exercise.position or "any comfortable position"),
            ("Equipment", ", ".join(exercise.equipment) or "none"),
        ]
        with VerticalGroup(classes="detail-facts"):
            for label, value in facts:
                with HorizontalGroup():
                    yield Label(label, classes="fact-label")
                    yield Static(value, classes="fact-value", markup=False)
        if exercise.cues:
            yield Label("How to do it", classes="detail-heading")
            for cue in exercise.cues:
                with HorizontalGroup(classes="cue"):
                    yield Label("•", classes="cue-bullet")
                    yield Static(cue, classes="cue-text", markup=False)
