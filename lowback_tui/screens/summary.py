"""After a session: how the back feels, what was done, and what comes next."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from lowback_tui.core.course import advice, one_more_rep
from lowback_tui.core.safe_text import visible
from lowback_tui.core.session import words as session_words
from lowback_tui.core.session_run import SessionRun
from lowback_tui.screens.pain_check import PainCheck
from lowback_tui.widgets.keys_footer import KeysFooter
from lowback_tui.widgets.summary_table import SummaryTable


class SummaryScreen(Screen[None]):
    """The session's results. It first asks how the back feels now (skippable)."""

    CSS_PATH = ["../styles/notes.tcss", "../styles/summary.tcss"]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, one more", id="summary.one_more"),
        Binding("n", "answer(False)", "Not yet", id="summary.not_yet"),
        Binding("enter", "app.after_session", "Back to the list", priority=True, id="summary.list"),
        Binding("q", "app.quit", "Quit", id="summary.quit"),
    ]

    def __init__(self, run: SessionRun) -> None:
        super().__init__()
        assert run.summary is not None, "a summary follows a finished session"
        self.run = run
        self.summary = run.summary
        self.stopped_for_pain = run.stopped_for_pain
        self.offers: list[one_more_rep.Offer] = []
        """Offers of one more rep not answered yet; the first is on screen."""

    def compose(self) -> ComposeResult:
        summary = self.summary
        with VerticalScroll(id="summary-body"):
            yield Label(visible(summary.routine_name), id="summary-routine", markup=False)
            yield Label(session_words.verdict(summary), id="summary-verdict")
            if self.stopped_for_pain:
                yield Static(advice.STOPPED_FOR_PAIN, classes="summary-advice")
            yield Static("", id="summary-pain")
            yield Static("", id="summary-pain-advice", classes="summary-advice")
            yield SummaryTable(summary.records, id="summary-table")
            yield Label(session_words.totals(summary), id="summary-totals")
            yield Label(session_words.times(summary), id="summary-times")
            yield Static("", id="summary-offer", markup=False)
            yield Static("", id="summary-trend", classes="summary-advice")
            if self.run.problem:
                yield Label(f"⚠ {visible(self.run.problem)}", id="summary-warning", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        for selector in (
            "#summary-pain",
            "#summary-pain-advice",
            "#summary-offer",
            "#summary-trend",
        ):
            self.query_one(selector).display = False
        self.app.push_screen(PainCheck(self.run.question_after()), self._pain_after)

    def _say(self, selector: str, text: str) -> None:
        """Put `text` in a line that only shows when it has something to say."""
        widget = self.query_one(selector, Static)
        widget.update(text)
        widget.display = bool(text)

    def _pain_after(self, answer: int | Literal["cancel"] | None) -> None:
        after = self.run.check_in_after(answer if isinstance(answer, int) else None)
        self._say("#summary-pain", after.pain_line)
        self._say("#summary-pain-advice", after.pain_advice)
        self._say("#summary-trend", after.trend_advice)
        self.offers = list(after.offers)
        self._show_offer()

    def _show_offer(self) -> None:
        offer = self.offers[0] if self.offers else None
        text = f"{visible(one_more_rep.offer_question(offer))} (y yes · n not yet)" if offer else ""
        self._say("#summary-offer", text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return bool(self.offers)  # y and n only mean something while an offer is shown
        return True

    def action_answer(self, accept: bool) -> None:
        """Answer the offer on screen."""
        if self.offers:
            offer = self.offers.pop(0)
            self.run.decide(offer, accept)
            if accept:
                self.notify(
                    visible(one_more_rep.offer_answered(offer, accept)), timeout=4, markup=False
                )
            self._show_offer()
