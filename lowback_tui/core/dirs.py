"""Where lowback keeps its files: platformdirs' places, or one folder named by LOWBACK_HOME.

LOWBACK_HOME exists for tests and for portable use (a USB stick, a dotfiles repo): with it set,
nothing is read from or written to the usual per-user places.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "LOWBACK_HOME"
APP_NAME = "lowback"


def _home() -> Path | None:
    value = os.environ.get(HOME_VARIABLE, "").strip()
    return Path(value).expanduser().absolute() if value else None


def config_dir() -> Path:
    """Settings, and the person's own routines."""
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """History and logs."""
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """What lowback can make again at any time (the tones of a session)."""
    home = _home()
    if home:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def routines_dir() -> Path:
    """The person's own routines, made by `lowback new` or by hand."""
    return config_dir() / "routines"


def bundled_dir() -> Path:
    """The routines that ship with lowback.

    An installed wheel carries them inside the package; a source checkout (including an editable
    install) has them at the top of the repository.
    """
    package = Path(__file__).resolve().parent.parent  # lowback_tui, not lowback_tui/core
    inside = package / "routines"
    return inside if inside.is_dir() else package.parent / "routines"
