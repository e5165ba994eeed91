"""Everything about one exercise: dose, goal, position, equipment, its cue for each moment and
how to do it."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.visual import Visual

from lowback_tui.core import wording
from lowback_tui.core.routine.model import Exercise
from lowback_tui.core.safe_text import visible
from lowback_tui.widgets.exercise_picture import MAX_ROWS, PictureRows, rows_for_screen
from lowback_tui.widgets.gutter import Gutter
from lowback_tui.widgets.rows_view import RowsView

FACT_WIDTH = 11


def exercise_rows(exercise: Exercise, picture_rows: int = MAX_ROWS) -> list[Visual]:
    """The whole description as rows: one widget draws them, however many cues there are; its
    picture's figures at most `picture_rows` tall."""
    rows: list[Visual] = [
        Content.styled(visible(exercise.name), "bold $text-primary"),
        Content(visible(wording.dose(exercise))),
    ]
    if goal := wording.goal(exercise):
        rows.append(Content.styled(f"Goal: {visible(goal)}", "$text-success"))
    rows.append(Content(""))
    if picture := exercise.picture:  # the move first: it says more than the words under it
        rows.append(PictureRows(picture, exercise.is_hold, picture_rows))
        rows.append(Content.styled(visible(picture.description), "italic"))
        if picture.second is not None:  # what the second view shows, also where it is left out
            rows.append(Content.styled(visible(picture.second.description), "italic"))
        rows.append(Content(""))
    facts = [
        ("Position", exercise.position or "any comfortable position"),
        ("Equipment", ", ".join(exercise.equipment) or "none"),
    ]
    for label, value in facts:
        rows.append(Gutter(Content.styled(label, "dim"), FACT_WIDTH, Content(visible(value))))
    moments = [
        (label, cue)
        for label, cue in [
            ("Get ready", exercise.get_ready_cue),
            ("Hold" if exercise.is_hold else "Work", exercise.effort_cue),
            ("Let go", exercise.let_go_cue),
        ]
        if cue
    ]
    if moments:  # what to do at each moment, then the general tips
        rows.append(Content(""))
        for label, cue in moments:
            rows.append(Gutter(Content.styled(label, "dim"), FACT_WIDTH, Content(visible(cue))))
    if exercise.cues:
        rows += [Content(""), Content.styled("Tips" if moments else "How to do it", "bold dim")]
        bullet = Content.styled("•", "$text-accent")
        rows += [Gutter(bullet, 2, Content(visible(cue))) for cue in exercise.cues]
    return rows


class ExerciseDetail(RowsView, can_focus=False):
    """A scrollable description of the exercise in `exercise` (or nothing when it is None)."""

    exercise: reactive[Exercise | None] = reactive(None)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._picture_rows = MAX_ROWS

    def watch_exercise(self, exercise: Exercise | None) -> None:
        self._picture_rows = rows_for_screen(self.app.size.height)
        self.set_rows(exercise_rows(exercise, self._picture_rows) if exercise else [])
        self.scroll_home(animate=False)

    def on_resize(self) -> None:
        """A terminal of another height: the picture's figures at the size that fits it."""
        rows = rows_for_screen(self.app.size.height)
        if rows != self._picture_rows and self.exercise and self.exercise.picture:
            self._picture_rows = rows
            self.set_rows(exercise_rows(self.exercise, rows))
