"""The person's settings, kept in config.toml (read with tomllib, written with tomli-w).

The app writes this file, but people may edit it too: a broken file is reported and left alone
(never overwritten), and keys this version does not know are kept when the file is rewritten.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lowback_tui.core import dirs
from lowback_tui.core.routine import Problem


@dataclass(frozen=True)
class Settings:
    """Everything the person can set."""

    sound: bool = True
    """Ring the terminal bell at each hold, each switch and the end."""
    safety_read: bool = False
    """The person has confirmed the safety information, shown before the first session."""
    routine: str = ""
    """The routine `lowback` opens without a ROUTINE argument (a name or a path); "" = default."""
    theme: str = ""
    """The Textual theme chosen in the app; "" = Textual's default."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    """Keys this version does not know, kept as they were."""


@dataclass(frozen=True)
class Loaded:
    """Settings as read, and what stopped them from being read, if anything."""

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
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Loaded(Settings())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Loaded(Settings(), Problem(path, None, "", f"cannot be read ({error})"))
    values: dict[str, Any] = {}
    for key, default in KNOWN.items():
        value = document.pop(key, default)
        if type(value) is not type(default):
            kind = "true or false" if isinstance(default, bool) else "text in quotes"
            problem = Problem(path, None, key, f"must be {kind} (got {value!r})")
            return Loaded(Settings(), problem)
        values[key] = value
    return Loaded(Settings(**values, extra=document))


KNOWN: dict[str, bool | str] = {"sound": True, "safety_read": False, "routine": "", "theme": ""}
"""Every setting this version knows, with its default (and so its type)."""


def save(settings: Settings) -> None:
    """Write the settings atomically: a crash mid-write leaves the old file whole."""
    import tomli_w

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**settings.extra, **{key: getattr(settings, key) for key in KNOWN}}
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(tomli_w.dumps(document), encoding="utf-8")
    os.replace(temporary, path)
