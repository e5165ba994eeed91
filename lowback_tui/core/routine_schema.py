"""The JSON Schema of the routine format, for editors with a TOML language server.

It lives beside the bundled routines (and ships with them); a routine starts with a
`#:schema ./routine.schema.json` line, and a copy of the schema is kept beside the person's own
routines so that line points somewhere wherever the routine is.
"""

from __future__ import annotations

from pathlib import Path

from lowback_tui.core import dirs

FILE_NAME = "routine.schema.json"
DIRECTIVE = f"#:schema ./{FILE_NAME}"
"""The first line of a routine file: taplo and the editors built on it read it."""


def text() -> str:
    """The schema, as JSON text."""
    return (dirs.bundled_dir() / FILE_NAME).read_text(encoding="utf-8")


def install(folder: Path) -> None:
    """Put the current schema in `folder`, beside routines that point at it."""
    target = folder / FILE_NAME
    current = text()
    if not target.exists() or target.read_text(encoding="utf-8") != current:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(current, encoding="utf-8")
