"""The activities in the person's own words: up to three named, each rated 0-10, or the named ones
rated again (the course asks at its first session and each week's first; the progress screen
changes them). Enter moves on and, at the end, saves; Escape skips, always.

The names are the person's text: typed into length-limited inputs, and shown (rating them again)
through `safe_text`, with markup off. The rules of what can be kept are the core's
(`course/activities.problem`); this screen only says them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from lowback_tui.core import wording
from lowback_tui.core.activity_log import (
    ActivityAnswer,
    ActivityQuestion,
    answer_of,
    answer_problem,
)
from lowback_tui.core.course.activities import (
    MAX_ACTIVITIES,
    NAME_LENGTH,
    clean_name,
    parse_rating,
)
from lowback_tui.widgets.keys_footer import KeysFooter

HINT = "Enter moves on, and saves at the end; Esc skips."
COMPACT_BELOW = 44


class ActivitiesScreen(ModalScreen[ActivityAnswer | None]):
    """Asks `question`; answers the activities as typed, or None when skipped. `problem`: what
    the core refused of an answer before, said at once."""

    CSS_PATH = "../styles/activities.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save", key_display="⏎", id="activities.save"),
        Binding("escape", "skip", "Skip", id="activities.skip"),
    ]

    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012
    """Under 20 rows the short intro, and no blank lines between the boxes."""

    def __init__(self, question: ActivityQuestion, problem: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.problem = problem

    def compose(self) -> ComposeResult:
        question = self.question
        rows = MAX_ACTIVITIES if question.naming else len(question.names)
        with VerticalScroll(id="activities-box", can_focus=False):
            yield Label(wording.ACTIVITIES_TITLE, id="activities-title")
            yield Static(
                wording.activities_intro(question.naming, question.week),
                id="activities-intro",
                markup=False,
            )
            yield Static(
                wording.activities_intro_short(question.naming, question.week),
                id="activities-intro-short",
                markup=False,
            )
            for at in range(rows):
                name = question.names[at] if at < len(question.names) else ""
                rating = question.ratings[at] if at < len(question.ratings) else None
                with Horizontal(classes="activity-row"):
                    if question.naming:
                        yield Input(
                            name,
                            placeholder=f"Activity {at + 1}",
                            max_length=NAME_LENGTH,
                            id=f"name-{at}",
                            classes="activity-name",
                        )
                    else:
                        yield Label(clean_name(name), classes="activity-name", markup=False)
                    yield Input(
                        "" if rating is None else str(rating),
                        placeholder="0-10",
                        max_length=2,
                        restrict=r"[0-9]*",
                        id=f"rating-{at}",
                        classes="activity-rating",
                    )
            message = Static(self.problem or HINT, id="activities-message", markup=False)
            if self.problem:
                message.add_class("-warning")
            yield message
        yield KeysFooter()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(KeysFooter).compact = event.size.width < COMPACT_BELOW

    def _inputs(self) -> list[Input]:
        return list(self.query(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: on to the next box; an empty name (nothing more to name) or the last box saves."""
        event.stop()
        inputs = self._inputs()
        at = inputs.index(event.input)
        name_left_empty = (event.input.id or "").startswith("name-") and not event.value.strip()
        if name_left_empty or at == len(inputs) - 1:
            self.action_save()
        else:
            inputs[at + 1].focus()

    def _answer(self) -> ActivityAnswer:
        rows = self.query(".activity-row")
        names: list[str] = []
        ratings: list[int | None] = []
        for at, _row in enumerate(rows):
            if self.question.naming:
                names.append(self.query_one(f"#name-{at}", Input).value)
            else:
                names.append(self.question.names[at])
            typed = self.query_one(f"#rating-{at}", Input).value.strip()
            rating = parse_rating(typed)
            # A rating typed but out of range is kept as -1, so the core's rule refuses it.
            ratings.append(None if not typed else -1 if rating is None else rating)
        return answer_of(names, ratings)

    def action_save(self) -> None:
        """Keep what is typed, if the core's rule allows it; else say why and stay. Nothing
        typed at all is a skip."""
        answer = self._answer()
        if not answer.names:
            self.dismiss(None)
            return
        wrong = answer_problem(answer)
        if wrong is not None:
            message = self.query_one("#activities-message", Static)
            message.update(wrong + ".")
            message.add_class("-warning")
            return
        self.dismiss(answer)

    def action_skip(self) -> None:
        """Skip: nothing is kept (the course asks again at the next session)."""
        self.dismiss(None)
