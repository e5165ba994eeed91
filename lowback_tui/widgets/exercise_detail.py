"""Everything about one exercise: dose, goal, position, equipment and how to do it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.visual import Visual
from textual.widgets import Static

from lowback_tui import describe
from lowback_tui.routine import Exercise
from lowback_tui.widgets.gutter import Gutter, Stack

FACT_WIDTH = 11


def exercise_text(exercise: Exercise) -> Stack:
    """The whole description as rows: one drawing, however many cues there are."""
    rows: list[Visual] = [
        Content.styled(exercise.name, "bold $text-primary"),
        Content(describe.dose(exercise)),
    ]
    if goal := describe.goal(exercise):
        rows.append(Content.styled(f"Goal: {goal}", "$text-success"))
    rows.append(Content(""))
    facts = [
        ("Position", exercise.position or "any comfortable position"),
        ("Equipment", ", ".join(exercise.equipment) or "none"),
    ]
    for label, value in facts:
        rows.append(Gutter(Content.styled(label, "dim"), FACT_WIDTH, Content(value)))
    if exercise.cues:
        rows += [Content(""), Content.styled("How to do it", "bold dim")]
        bullet = Content.styled("•", "$text-accent")
        rows += [Gutter(bullet, 2, Content(cue)) for cue in exercise.cues]
    return Stack(rows)


class ExerciseDetail(VerticalScroll, can_focus=False):
    """A scrollable description of the exercise in `exercise` (or nothing when it is None)."""

    exercise: reactive[Exercise | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Static("", classes="detail-text")

    def watch_exercise(self, exercise: Exercise | None) -> None:
        text = self.query_one(".detail-text", Static)
        text.update(exercise_text(exercise) if exercise else "")
