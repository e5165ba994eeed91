"""The JSON Schema of the routine format, for editors with a TOML language server.

It lives beside the bundled routines (and ships with them); a routine starts with a
`#:schema ./routine.schema.json` line, and a copy of the schema is kept beside the person's own
routines so that line points somewhere wherever the routine is.
"""

from __future__ import annotations

from pathlib import Path

from lowback_tui.core import dirs
from lowback_tui.core.files import read_regular, write_atomically_bytes

FILE_NAME = "routine.schema.json"
DIRECTIVE = f"#:schema ./{FILE_NAME}"
"""The first line of a routine file: taplo and the editors built on it read it."""


MAX_BYTES = 1_000_000
"""The schema is some 20 kB; a copy past this is not one lowback wrote."""


def text() -> str:
    """The schema, as JSON text."""
    return (dirs.bundled_dir() / FILE_NAME).read_text(encoding="utf-8")


def install(folder: Path) -> None:
    """Put the current schema in `folder`, beside routines that point at it.

    Written atomically and never through a link: OSError (`files.Refused`) for a link, a
    read-only copy or something else in its place, which are left as they are.
    """
    target = folder / FILE_NAME
    current = text().encode("utf-8")
    dirs.ensure(folder)
    try:
        if not target.is_symlink() and read_regular(target, MAX_BYTES) == current:
            return
    except OSError:
        pass  # absent, or not a file: writing it says which
    write_atomically_bytes(target, current, mode=0o644)  # not private: it says nothing of anyone
