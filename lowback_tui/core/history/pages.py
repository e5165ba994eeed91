"""The history table a page at a time: the history screen's lines, read as they are shown.

The same lines as `lowback history` prints (`history_text`: a heading, a session a line, newest
first, and the totals), but only the page of sessions being looked at is read: a history of
100,000 sessions is a count and a sum in SQL, then PAGE sessions at a time as the person scrolls
to them, with the few pages last looked at kept.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from lowback_tui.core.history import text as history_text
from lowback_tui.core.history.checks import GOOD_SESSION, BadRow
from lowback_tui.core.history.reads import SESSION_ROWS
from lowback_tui.core.history.rows import session_row

if TYPE_CHECKING:
    from lowback_tui.core.history.store import HistoryStore

PAGE = 100
"""Sessions read at a time."""
KEPT_PAGES = 8
"""Pages kept once read (scrolling back and forth over a few pages reads nothing again)."""
UNREADABLE = "(a session that could not be read)"
"""The line of a session whose row the checks in SQL let through and `session_row` does not
(they are twins: never, short of a change to one and not the other)."""


class HistoryPages:
    """The table's lines by number (`line`), read a page at a time; `len()` of them."""

    def __init__(self, store: HistoryStore | None) -> None:
        self._store = store
        count, active = store.totals() if store is not None else (0, 0.0)
        self.count = count
        """Sessions in the history."""
        self._pages: OrderedDict[int, list[str]] = OrderedDict()
        self.pages_read = 0
        """Pages read from the history so far (to test that only those looked at are)."""
        self.notice = store.unreadable_notice if store is not None else None
        """How many rows could not be read and are left out, if any were (said beside the
        table: `lowback history` prints it as its last line)."""
        if not count or store is None:
            self._first, self._last = "No sessions yet.", None
            return
        # every name, not only those of readable sessions (0.25 s more at 100,000): the widest
        # a left-out session could make the column is ROUTINE_WIDTH, which any name may reach
        names = [n for (n,) in store.read("SELECT DISTINCT routine_name FROM sessions")]
        self._width = history_text.routine_width(n for n in names if isinstance(n, str))
        self._first = history_text.header(self._width)
        self._last = history_text.footer(count, active)

    def __len__(self) -> int:
        return 1 if self._last is None else self.count + 2

    def line(self, index: int) -> str:
        """Line `index` of the table (0: its heading); "" past its end."""
        if index == 0:
            return self._first
        if index == self.count + 1 and self._last is not None:
            return self._last
        if not 0 < index <= self.count:
            return ""
        number, at = divmod(index - 1, PAGE)
        return self._page(number)[at] if at < len(self._page(number)) else ""

    def _page(self, number: int) -> list[str]:
        """The lines of the `number`th PAGE sessions, newest first."""
        found = self._pages.get(number)
        if found is not None:
            self._pages.move_to_end(number)
            return found
        assert self._store is not None  # (there are sessions)
        rows = self._store.read(
            f"{SESSION_ROWS} WHERE s.id IN (SELECT s.id FROM sessions s WHERE {GOOD_SESSION}"
            " ORDER BY s.id DESC LIMIT ? OFFSET ?) GROUP BY s.id ORDER BY s.id DESC",
            (PAGE, number * PAGE),
        )
        found = [self._line(r) for r in rows]
        self.pages_read += 1
        self._pages[number] = found
        if len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return found

    def _line(self, r: object) -> str:
        try:
            return history_text.line(session_row(r), self._width)
        except (BadRow, TypeError, ValueError, OverflowError):
            return UNREADABLE
