"""The ids of the app's keys, and the `[keys]` table of config.toml that moves them.

Each key the full screen binds has an id, `screen.what` ("countdown.pause"); config.toml's
`[keys]` table maps an id to the keys that do it instead ("p", or "p,space" for two), and the
app hands the table to Textual's keymap. The ids live here, in the core, so that settings can be
checked (an unknown id gets a "did you mean") without the core importing the screens; a test
holds this list, the bindings and README's list to one another. Plain mode reads lines, not
keys, so the table does not touch it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

KEY_IDS: dict[str, str] = {
    "app.keys": "the keys (this list)",
    "app.sound": "sound: tones, the bell or none",
    "app.voice": "voice on or off",
    "list.start": "start the session",
    "list.details": "the exercise's details",
    "list.edit": "edit the routine",
    "list.routines": "choose another routine",
    "list.progress": "the course so far",
    "list.history": "every past session",
    "list.new_course": "begin a new course",
    "list.more_reps": "one more rep",
    "list.fewer_reps": "one rep fewer",
    "list.longer_hold": "hold a second longer",
    "list.shorter_hold": "hold a second shorter",
    "list.quit": "quit",
    "list.previous": "the exercise above",
    "list.next": "the exercise below",
    "list.first": "the first exercise",
    "list.last": "the last exercise",
    "list.page_up": "a page up",
    "list.page_down": "a page down",
    "details.close": "close the details",
    "details.down": "scroll down",
    "details.up": "scroll up",
    "details.page_down": "a page down",
    "details.page_up": "a page up",
    "countdown.pause": "start now, pause, carry on",
    "countdown.hurts": "it hurts: stop now",
    "countdown.skip": "skip to the next exercise",
    "countdown.back": "back to the previous exercise",
    "countdown.redo": "start the current hold again",
    "countdown.end": "end the session (asks first)",
    "confirm.yes": "yes (or end it)",
    "confirm.no": "no (or carry on)",
    "confirm.end_again": "end it, pressed again after the countdown's end key",
    **{f"pain.{n}": f"pain {n}" + (" (and 10 with 1)" if n == 0 else "") for n in range(10)},
    "pain.less": "less pain",
    "pain.more": "more pain",
    "pain.record": "record the rating",
    "pain.skip": "skip the rating",
    "pain.back": "back (or skip, where there is nothing to go back to)",
    "bad_day.gentle": "the gentle routine",
    "bad_day.rest": "rest today",
    "bad_day.carry_on": "carry on",
    "bad_day.back": "back",
    "activities.save": "save the activities (Enter in a box moves to the next)",
    "activities.skip": "skip the activities",
    "summary.one_more": "yes, one more",
    "summary.not_yet": "not yet",
    "summary.list": "back to the list",
    "summary.quit": "quit",
    "progress.back": "back",
    "progress.report": "the course report",
    "progress.activities": "name or rate your activities",
    "report.back": "back",
    "history.back": "back",
    "routines.back": "back",
    "safety.confirm": "I have read this",
    "safety.back": "back",
    "keys.close": "close the keys",
    "keys.safety": "the safety information",
}
"""Every binding id, with what it does (for README's list and for a person reading it)."""

# A key as Textual names it ("p", "space", "ctrl+p", "f5", "question_mark") or one character.
_KEY = re.compile(r"(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*[a-z0-9_]+|[^\s,]")
MAX_KEY_LENGTH = 40
"""A key's name is a short word; anything longer is not a key."""


def read_keys(table: object) -> tuple[dict[str, str], tuple[str, str] | None]:
    """The keymap a `[keys]` table asks for, or what is wrong with it: (dotted key, message);
    the key as written, to be found in the file (make it visible before showing it).

    An id may be quoted (`"countdown.pause" = "p"`) or written as dotted keys
    (`countdown.pause = "p"`, or a `[keys.countdown]` table): both say the same.
    """
    if not isinstance(table, Mapping):
        return {}, ("keys", f"must be a table of binding ids and keys (got {_shown(table)})")
    keymap: dict[str, str] = {}
    # A stack, last entry first, so entries are checked in the file's order.
    pending: list[tuple[str, object]] = [(str(k), v) for k, v in reversed(list(table.items()))]
    while pending:
        name, value = pending.pop()
        if isinstance(value, Mapping) and name not in KEY_IDS:
            pending += [(f"{name}.{k}", v) for k, v in reversed(list(value.items()))]
            continue
        wrong = _unknown(name) if name not in KEY_IDS else _wrong_keys(value)
        if wrong is not None:
            return {}, (f"keys.{name}", wrong)
        assert isinstance(value, str)  # _wrong_keys said so
        keymap[name] = ",".join(part.strip() for part in value.split(","))
    return keymap, None


def _unknown(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, KEY_IDS, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "README's Keys section lists them"
    return f"no key has this id ({hint})"


def _wrong_keys(value: object) -> str | None:
    """What is wrong with a value that should name keys ("p", "p,space"), if anything."""
    if not isinstance(value, str):
        return f'must be keys in quotes, e.g. "p" or "p,space" (got {_shown(value)})'
    parts = [part.strip() for part in value.split(",")]
    if not any(parts):
        return f'must name a key, e.g. "p" or "p,space" (got {_shown(value)})'
    for part in parts:
        if not part:
            return f"has an empty key between commas (got {_shown(value)})"
        if len(part) > MAX_KEY_LENGTH or not _KEY.fullmatch(part):
            return f"{_shown(part)} is not a key; write keys as Textual names them, e.g. " \
                   '"p", "space", "ctrl+p", "f5"'  # fmt: skip
    return None


def _shown(value: object) -> str:
    """A value as written in the file, cut short, with no control character left in it."""
    from lowback_tui.core.safe_text import visible

    shown = visible(repr(value))
    return shown if len(shown) <= 40 else f"{shown[:37]}..."
