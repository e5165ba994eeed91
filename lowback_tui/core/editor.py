"""The person's text editor: the command that opens a file in it."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

FALLBACK_EDITORS = ("nano", "vi")


class EditorError(ValueError):
    """$VISUAL or $EDITOR cannot be used: its message names the variable and what is wrong,
    in one line (the value is quoted as typed; show it through safe_text.visible)."""


def editor_command(path: Path, *, check_installed: bool = False) -> list[str] | None:
    """$VISUAL, then $EDITOR (split like a shell would), then nano, then vi; None if none.

    EditorError when the variable set cannot be split (an unclosed quote) or, with
    `check_installed`, names a program that is not there: said before anything is suspended or
    run, rather than as a crash (or a terminal left to the editor that never came) after.
    """
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as error:  # "No closing quotation", "No escaped character"
                raise EditorError(f"${variable} ({value}) cannot be read: {error}") from None
            if not words:
                continue  # only quotes: as good as unset
            if check_installed and shutil.which(words[0]) is None:
                raise EditorError(f"${variable} names {words[0]}, which is not an installed "
                                  "program; set it to an editor such as nano")  # fmt: skip
            return [*words, str(path)]
    for name in FALLBACK_EDITORS:
        if shutil.which(name):
            return [name, str(path)]
    return None
