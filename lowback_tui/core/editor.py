"""The person's text editor: the command that opens a file in it."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

FALLBACK_EDITORS = ("nano", "vi")


def editor_command(path: Path) -> list[str] | None:
    """$VISUAL, then $EDITOR (split like a shell would), then nano, then vi; None if none."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return [*shlex.split(value), str(path)]
    for name in FALLBACK_EDITORS:
        if shutil.which(name):
            return [name, str(path)]
    return None
