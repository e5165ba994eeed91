"""Where lowback keeps its files: platformdirs' places, or one folder named by LOWBACK_HOME.

LOWBACK_HOME exists for tests and for portable use (a USB stick, a dotfiles repo): with it set,
nothing is read from or written to the usual per-user places.

Links: the top folder is the person's choice, so it is followed wherever it points (LOWBACK_HOME,
or the platform's lowback folder, e.g. ~/.local/share/lowback, which only its owner can have put
there). Inside it, lowback's own folders (config, data, cache, routines) and files are never
followed when lowback writes or changes modes: a link there is refused in words
(`files.Refused`), never written through.
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


def top(folder: Path) -> Path | None:
    """The folder the person chose that `folder` lies in (followed even if it is a link)."""
    home = _home()
    if home:
        return home
    for place in (config_dir(), data_dir(), cache_dir()):
        if folder == place or place in folder.parents:
            return place
    return None


def ensure(folder: Path) -> Path:
    """Make sure one of lowback's folders exists and is not a link below the top; `folder`.

    Missing folders are made with mode 0700; existing ones keep theirs. Raises OSError
    (`files.Refused` for a link or a file in the way) when it cannot be made.
    """
    from lowback_tui.core.files import make_folder

    make_folder(folder, top(folder))
    return folder


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
