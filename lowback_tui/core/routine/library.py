"""The routines a person can choose from: the bundled ones and their own.

Turning a ROUTINE argument into a file, listing what there is, starting a routine of one's own,
and the person's own copy of a bundled routine (bundled files are never changed: editing one
first copies it, comments and all, into the person's routines folder).
"""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from lowback_tui.core import dirs
from lowback_tui.core.files import create_new, read_regular
from lowback_tui.core.routine.file import MAX_FILE_BYTES, dumps, load, loads
from lowback_tui.core.routine.model import Problem, Routine, RoutineError
from lowback_tui.core.safe_text import visible

DEFAULT_ROUTINE = "lower-back"


class Entry(NamedTuple):
    """A routine file found in the bundled or the user routines folder.

    NamedTuples here, not frozen dataclasses: `lowback` imports this before its first screen,
    and each dataclass costs a few tenths of a millisecond to define.
    """

    name: str
    """The name to type: the file name without ".toml"."""
    path: Path
    bundled: bool
    shadowed: bool = False
    """A bundled routine hidden by the person's own routine of the same name."""


def entries() -> list[Entry]:
    """The person's routines, then the bundled ones; a person's routine hides a bundled twin."""
    own = sorted(dirs.routines_dir().glob("*.toml"))  # an absent folder globs to nothing
    names = {p.stem for p in own}
    found = [Entry(p.stem, p, bundled=False) for p in own]
    found += [
        Entry(p.stem, p, bundled=True, shadowed=p.stem in names)
        for p in sorted(dirs.bundled_dir().glob("*.toml"))
    ]
    return found


class Choice(NamedTuple):
    """A routine there is to choose, with what it asks, or what stops it from being used."""

    entry: Entry
    routine: Routine | None
    """None when the file has problems."""
    problems: tuple[Problem, ...] = ()


def choices() -> list[Choice]:
    """Every routine there is, the person's first, each read to say what it asks."""
    found = []
    for entry in entries():
        try:
            found.append(Choice(entry, load(entry.path)))
        except RoutineError as error:
            found.append(Choice(entry, None, tuple(error.problems)))
    return found


def looks_like_path(argument: str) -> bool:
    """True when the argument names a file rather than a routine in the library.

    Decided by how it is written, never by what the current folder holds: a path has a slash
    or ends in ".toml", anything else is a routine's name (so a file called `lower-back` where
    lowback is started never hides the routine of that name).
    """
    separators = {"/", os.sep, os.altsep or "/"}
    return argument.endswith(".toml") or any(s in argument for s in separators)


def resolve(argument: str | None) -> Path:
    """The file a ROUTINE argument means: a path, a routine of the person's, or a bundled one."""
    argument = argument or DEFAULT_ROUTINE
    if looks_like_path(argument):
        return Path(argument)
    for folder in (dirs.routines_dir(), dirs.bundled_dir()):
        candidate = folder / f"{argument}.toml"
        if os.path.lexists(candidate):  # even a broken one: `load` says what is wrong with it
            return candidate
    import difflib

    known = sorted({e.name for e in entries()})
    close = difflib.get_close_matches(argument, known, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    if os.path.lexists(argument):
        hint = f"for the file '{argument}' here, write ./{argument}; "
    message = f"no routine by that name; {hint}`lowback routines` lists them"
    raise RoutineError([Problem(Path(argument), None, "", message)])


def is_bundled(path: Path) -> bool:
    """True for a routine that ships with lowback (which is never edited in place)."""
    return path.resolve().parent == dirs.bundled_dir().resolve()


def own_copy(path: Path) -> Path:
    """The person's own file for the routine at `path`: itself, or a copy of a bundled one.

    A copy keeps the bundled file's text exactly; an existing copy is used as it is.
    """
    if not is_bundled(path):
        return path
    mine = dirs.routines_dir() / path.name
    if not os.path.lexists(mine):
        dirs.ensure(mine.parent)
        with suppress(FileExistsError):  # made a moment ago by another lowback: the same text
            create_new(mine, read_regular(path, MAX_FILE_BYTES, "routine file"))
    _install_schema(mine.parent)  # the copy's #:schema line points beside it
    return mine


def _install_schema(folder: Path) -> None:
    """The schema beside the person's routines; a routine works without it, so a schema file
    lowback may not write (a link, a read-only file) is only logged."""
    from lowback_tui.core.logs import log
    from lowback_tui.core.routine import schema as routine_schema

    try:
        routine_schema.install(folder)
    except OSError as error:
        log.warning("routine schema not installed: %s", error)


NEW_HEADER = """\
#:schema ./routine.schema.json
# A lowback routine of your own, first copied from {source}.
# Change anything you like, then check it with `lowback validate`. README.md explains every key.
# Each [exercise.picture] is a side view of a stick figure: joints as [x, y] on a 100 x 100 grid,
# x from the left, y up from the floor; `near_` limbs are on your side. Move a joint and look at
# it with `d` in lowback; leave the table out and the exercise has no picture.

"""


def create(name: str, source: Routine) -> Path:
    """Write a routine of the person's own called `name`, a copy of `source`; its path.

    Raises ValueError for a name with control characters or nothing to name a file after,
    FileExistsError when there is one of that name already, link or not (it is never written
    over), OSError when it cannot be written (`files.Refused` for a link among lowback's folders).
    """
    from lowback_tui.core.routine.check import slug

    if visible(name) != name:
        raise ValueError(f"'{visible(name)}' holds control characters; a name cannot")
    file_name = slug(name)
    if not file_name:
        raise ValueError(f"'{name}' has no letters or digits to name a file after")
    text = NEW_HEADER.format(source=source.source) + dumps(replace(source, name=name))
    loads(text)  # what is written must be a routine lowback can read (RoutineError if not)
    path = dirs.ensure(dirs.routines_dir()) / f"{file_name}.toml"
    create_new(path, text.encode("utf-8"))
    _install_schema(path.parent)
    return path
