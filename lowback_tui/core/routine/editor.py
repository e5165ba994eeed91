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


class NoTerminal(EditorError):
    """Neither variable names an editor, and the ones lowback would choose need a terminal."""


NO_TERMINAL = (f"stdin is not a terminal, and the editors lowback would choose "
               f"({', '.join(FALLBACK_EDITORS)}) need one; run it in a terminal, or set $EDITOR "
               "to a command that needs none")  # fmt: skip


def editor_command(
    path: Path, *, check_installed: bool = False, terminal: bool = True
) -> list[str] | None:
    """$VISUAL, then $EDITOR (split like a shell would), then nano, then vi; None if none. A
    variable that is empty (or only spaces or quotes) counts as unset.

    EditorError when the variable set cannot be split (an unclosed quote) or, with
    `check_installed`, names a program that is not there: said before anything is suspended or
    run, rather than as a crash (or a terminal left to the editor that never came) after.
    NoTerminal when neither is set and there is no `terminal` for nano or vi (from a pipe vi
    waited for ever); a command the person set is theirs to run anywhere (a script, a window).
    """
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as error:  # "No closing quotation", "No escaped character"
                raise EditorError(f"${variable} ({value}) cannot be read: {error}") from None
            if not words or not words[0]:
                continue  # only quotes: as good as unset
            if check_installed and shutil.which(words[0]) is None:
                raise EditorError(f"${variable} names {words[0]}, which is not an installed "
                                  "program; set it to an editor such as nano")  # fmt: skip
            return [*words, str(path)]
    if not terminal:
        raise NoTerminal(NO_TERMINAL)
    for name in FALLBACK_EDITORS:
        if shutil.which(name):
            return [name, str(path)]
    return None
