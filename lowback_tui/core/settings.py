"""The person's settings, kept in config.toml (read with tomllib, changed in place with tomlkit).

lowback writes this file, but people may edit it too: a broken file is reported and left alone
(never overwritten), and a change rewrites only its own value: comments, layout and keys this
version does not know are kept as the person wrote them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, NamedTuple

from lowback_tui.core import dirs
from lowback_tui.core.files import (
    Refused,
    check_writable,
    one_line,
    read_regular,
    write_atomically,
)
from lowback_tui.core.keymap import read_keys
from lowback_tui.core.logs import log
from lowback_tui.core.routine.file import MAX_DOT_COST, MAX_TABLES, MAX_VALUES
from lowback_tui.core.routine.model import Problem
from lowback_tui.core.toml_guard import heaviest_dots, structure_overflow

COUNT_SECONDS = 3
"""The last seconds counted before an effort starts and before it ends, unless set otherwise."""
COUNT_RANGE = (0, 10)
MAX_BYTES = 100_000
"""config.toml holds a few short lines; a file past this is not lowback's."""


SoundSetting = Literal["tones", "bell", "off"]
"""How a session sounds: tones (the bell where no player is found), the terminal's bell, or none."""


@dataclass(frozen=True)
class Settings:
    """Everything the person can set."""

    sound: SoundSetting = "tones"
    """How a session sounds: "tones" (the bell where no player is found), "bell" or "off"."""
    voice: bool = False
    """Speak each change of phase, through the system's speech engine."""
    count_seconds: int = COUNT_SECONDS
    """The last seconds ticked before an effort starts and ends; 0 ticks none."""
    voice_command: str = ""
    """A speech command of the person's own, e.g. "piper-say {text}"; "" finds one."""
    safety_read: bool = False
    """The person has confirmed the safety information, shown before the first session."""
    routine: str = ""
    """The routine `lowback` opens without a ROUTINE argument (a name or a path); "" = default."""
    theme: str = ""
    """The Textual theme chosen in the app; "" = Textual's default."""
    report_shown: str = ""
    """The first day (ISO) of the course whose end-of-course report was last shown by itself."""
    activities_skipped: str = ""
    """The course week whose activities question was last skipped, "<first day> week <n>"
    ("2026-12-01 week 1"): not asked again until the next course week."""
    keep_awake: bool = True
    """Keep the screen from blanking while a session runs (desktop/awake.py); over SSH nothing is
    tried either way."""
    keys: dict[str, str] = field(default_factory=dict)
    """The `[keys]` table, checked: binding id -> keys ("countdown.pause" -> "p,space"). Read
    only: the table itself stays in `extra`, so it is written back as it was."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    """Keys this version does not know, kept as they were."""


class Loaded(NamedTuple):
    """Settings as read, and what stopped them from being read, if anything (a NamedTuple, for
    the reason Problem is one)."""

    settings: Settings
    problem: Problem | None = None
    """Set when the file is broken: defaults are used and the file is not written over."""


def settings_path() -> Path:
    """Where the settings live."""
    return dirs.config_dir() / "config.toml"


def load() -> Loaded:
    """The saved settings, or the defaults when there are none or they cannot be read."""
    path = settings_path()
    try:
        text = read_regular(path, MAX_BYTES, "settings file").decode("utf-8")
        if heaviest_dots(text, MAX_DOT_COST) is not None:
            raise ValueError("more dotted keys than settings ever need")
        if (over := structure_overflow(text, MAX_TABLES, MAX_VALUES)) is not None:
            line, what = over  # the same cap as a routine's, before tomllib builds them
            return Loaded(Settings(), Problem(path, line, "", f"cannot be read (more {what} "
                                              "than settings ever need)"))  # fmt: skip
        document = tomllib.loads(text)
    except FileNotFoundError:
        return Loaded(Settings())
    except Refused as error:
        return Loaded(Settings(), Problem(path, None, "", error.strerror or str(error)))
    except (OSError, ValueError, RecursionError) as error:  # not UTF-8, not TOML, too long a number
        reason = "a number is too long" if "integer string" in str(error) else error
        return Loaded(Settings(), Problem(path, None, "", f"cannot be read ({reason})"))
    if isinstance(document.get("sound"), bool):  # lowback before sounds had kinds: on or off
        document["sound"] = "tones" if document["sound"] else "off"
    values: dict[str, Any] = {}
    for key, default in known().items():
        value = document.pop(key, default)
        wrong = (
            f"must be {KINDS[type(default)]} (got {_shown(value)})"
            if type(value) is not type(default)
            else _out_of_range(key, value)
        )
        if wrong is not None:
            return Loaded(Settings(), Problem(path, None, key, wrong))
        values[key] = value
    keys, wrong_key = read_keys(document.get("keys", {}))
    if wrong_key is not None:
        from lowback_tui.core.routine.lines import KeyLines
        from lowback_tui.core.safe_text import visible

        where, message = wrong_key
        at = KeyLines(text).line_of(where)
        return Loaded(Settings(), Problem(path, at, visible(where), message))
    return Loaded(Settings(**values, keys=keys, extra=document))


KINDS = {bool: "true or false", str: "text in quotes", int: "a whole number"}
SOUNDS: tuple[SoundSetting, ...] = ("tones", "bell", "off")
"""The values of `sound`, in the order `m` steps through them."""


def next_sound(sound: str) -> SoundSetting:
    """The sound setting after `sound`, as `m` steps through them."""
    return SOUNDS[(SOUNDS.index(sound) + 1) % len(SOUNDS)] if sound in SOUNDS else SOUNDS[0]


def _out_of_range(key: str, value: object) -> str | None:
    """What is wrong with a value of the right type, if anything."""
    if key == "sound" and value not in SOUNDS:
        return f"must be one of {', '.join(SOUNDS)} (got {_shown(value)})"
    low, high = COUNT_RANGE
    if key == "count_seconds" and not low <= value <= high:  # type: ignore[operator]
        return f"must be between {low} and {high} (got {_shown(value)})"
    return None


def _shown(value: object) -> str:
    """A value as written in the file, cut short: a number may have thousands of digits."""
    shown = repr(value)
    return shown if len(shown) <= 40 else f"{shown[:37]}..."


def known() -> dict[str, bool | str | int]:
    """Every setting this version knows, with its default (and so its type); not `keys`, a
    table of its own (core/keymap.py)."""
    defaults = Settings()
    return {f.name: getattr(defaults, f.name) for f in fields(Settings)
            if f.name not in ("keys", "extra")}  # fmt: skip


def save(settings: Settings) -> None:
    """Write the settings atomically: a crash mid-write leaves the old file whole.

    A file the person has written keeps its comments, order and spacing: only the values that
    differ from what it says are changed (with tomlkit), the rest is kept byte for byte. A file
    that cannot be read as settings (broken since lowback read it) is never written over:
    files.Refused says why.
    """
    path = settings_path()
    dirs.ensure(path.parent)  # OSError (files.Refused for a link) when it cannot be written
    check_writable(path)  # a link, a read-only file: refused before it is read
    try:
        text = read_regular(path, MAX_BYTES, "settings file").decode("utf-8")
    except FileNotFoundError:
        text = None
    except UnicodeDecodeError:
        raise Refused(path, "cannot be read (not UTF-8); not written over") from None
    values = {key: getattr(settings, key) for key in known()}
    write_atomically(path, _new_text(values, settings.extra) if text is None else _edited(
        path, text, values))  # fmt: skip


def _new_text(values: dict[str, Any], extra: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps({**extra, **values})


def _edited(path: Path, text: str, values: dict[str, Any]) -> str:
    """`text` with each setting that differs from what it says changed in place; written whole
    (as before tomlkit, comments lost) only if tomlkit cannot keep it."""
    from lowback_tui.core import toml_edit

    unread = "cannot be read ({}); not written over"
    if heaviest_dots(text, MAX_DOT_COST) is not None:
        raise Refused(path, unread.format("more dotted keys than settings ever need"))
    if (over := structure_overflow(text, MAX_TABLES, MAX_VALUES)) is not None:
        raise Refused(path, unread.format(f"more {over[1]} than settings ever need"))
    try:
        said = tomllib.loads(text)  # what the file says, as `load` reads it
    except (ValueError, RecursionError) as error:
        raise Refused(path, unread.format(error)) from None
    defaults = known()
    document = toml_edit.parse(text)
    try:
        if document is not None:
            for key, value in values.items():
                if not _same(said.get(key, defaults[key]), value):
                    toml_edit.set_value(document, key, value)
            edited = toml_edit.dumps(document)
            now = tomllib.loads(edited)
            if all(_same(now.get(key, defaults[key]), value) for key, value in values.items()):
                return edited
    except ValueError:  # tomlkit's own errors, as toml_edit raises them
        pass
    log.warning("settings: %s written whole, tomlkit could not change it in place", path)
    return _new_text(values, {key: value for key, value in said.items() if key not in values})


def _same(said: object, value: object) -> bool:
    """The file says `value` (`true` is not `1`)."""
    return type(said) is type(value) and said == value


class Preferences:
    """The settings in use, written to the file whenever one changes.

    A file the person broke is never written over: changes then last until lowback ends.
    """

    def __init__(self, loaded: Loaded) -> None:
        self.settings = loaded.settings
        self.problem = loaded.problem
        """What is wrong with the settings file, if anything (the defaults are in use)."""
        self.not_saved: str | None = None
        """Why the last change could not be saved, in one line (a link, a read-only file or
        folder, a full disk), or None when it was."""

    @classmethod
    def load(cls) -> Preferences:
        """The person's settings, as saved."""
        return cls(load())

    def override(self, **changes: Any) -> None:
        """Change settings for this run only (`lowback run --voice`), without saving them."""
        self.settings = replace(self.settings, **changes)

    def change(self, **changes: Any) -> bool:
        """Change settings and save them; False when they could not be saved (and why is logged)."""
        self.settings = replace(self.settings, **changes)
        if self.problem is not None:
            return False  # the file is broken: never write over what the person typed
        try:
            save(self.settings)
        except OSError as error:
            log.warning("settings not saved: %s", error)
            self.not_saved = one_line(error, settings_path())
            return False
        self.not_saved = None
        return True
