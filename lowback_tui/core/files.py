"""Reading and writing the person's files as what they claim to be.

Reading: `read_regular` opens without blocking (a named pipe must not hang the open), looks at
what it opened and reads only a regular file, never more than it can use: a routine or a
config that is a pipe, a device such as /dev/zero, a socket or a folder is refused in words.

Writing: lowback writes only regular files it can see are regular, never through a symbolic
link (a link where lowback writes is not the person's doing, or is a choice lowback should not
quietly undo), and never over a file the owner made read-only. A new file or folder gets
private modes (0600, 0700); an existing one keeps the modes its owner chose. `Refused` says,
in one line, what lowback would not touch and why; it is an OSError, so every caller that
already handles a full disk or a denied write shows it the same way.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW | _CLOEXEC

LINK = "is a symbolic link; lowback does not write through links"
READ_ONLY = "is read-only; lowback leaves it as its owner set it"


class Refused(OSError):
    """A file or folder lowback will not read or write as asked, with the reason in words."""

    def __init__(self, path: Path | str, reason: str, code: int = errno.EPERM) -> None:
        super().__init__(code, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def one_line(error: Exception, path: Path | str) -> str:
    """An error as one line naming the file: "…/config.toml: Permission denied"."""
    if isinstance(error, OSError):
        return f"{error.filename or path}: {error.strerror or error}"
    return f"{path}: {error}"


def kind(mode: int) -> str:
    """What a file of this st_mode is, in words: "a named pipe", "a folder", ..."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISREG, "a file"),
    )
    return next((name for test, name in kinds if test(mode)), "something other than a file")


def read_regular(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them.

    Raises `Refused` for anything else ("is a named pipe, not a routine file") and for a file
    larger than `max_bytes` (found from its size before reading, and again while reading, for a
    file that grows); OSError when it cannot be opened or read.
    """
    try:
        descriptor = os.open(path, _READ | _CLOEXEC)
    except OSError as error:  # a socket cannot be opened at all: say what it is
        info = os.stat(path) if error.errno == errno.ENXIO else None
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise Refused(path, f"is {kind(info.st_mode)}, not a {what}", errno.EINVAL) from error
        raise
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(path, f"is {kind(info.st_mode)}, not a {what}", errno.EINVAL)
        if info.st_size > max_bytes:
            raise too_big(path, info.st_size, what)
        chunks: list[bytes] = []
        left = max_bytes + 1  # one more than allowed: a file that grew shows it
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise too_big(path, len(data), what)
    return data


def too_big(path: Path, size: int, what: str) -> Refused:
    """The refusal of a file too large to be what it claims."""
    message = f"is {size:,} bytes; a {what} is far smaller, is this the right file?"
    return Refused(path, message, errno.EFBIG)


def check_writable(path: Path) -> os.stat_result | None:
    """The lstat of an existing file lowback may replace, or None when there is none.

    Refused for a link, for anything but a regular file, and for a file its owner made
    read-only.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise Refused(path, LINK, errno.ELOOP)
    if not stat.S_ISREG(info.st_mode):
        raise Refused(path, f"is {kind(info.st_mode)}; lowback writes only regular files")
    if not info.st_mode & stat.S_IWUSR:
        raise Refused(path, READ_ONLY, errno.EACCES)
    return info


def write_atomically(path: Path, text: str, mode: int = PRIVATE_FILE) -> None:
    """Replace `path` with `text` in one step: beside it first, then renamed over it."""
    write_atomically_bytes(path, text.encode("utf-8"), mode)


def write_atomically_bytes(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Replace `path` with `data` in one step: beside it first, then renamed over it.

    The copy beside it has a name no one can guess and is made with O_EXCL and O_NOFOLLOW, so
    a link planted where it goes is never written through. An existing file keeps its mode; a
    new one gets `mode`. Refused for a link, a non-regular or a read-only file at `path`.
    """
    path = Path(path)
    existing = check_writable(path)
    wanted = stat.S_IMODE(existing.st_mode) if existing else mode
    # os.urandom, not secrets: as unguessable, without secrets' 5 ms of imports (hashlib's
    # OpenSSL) before the first screen (measured with -X importtime)
    temporary = path.with_name(f".{path.name}.{os.urandom(8).hex()}.tmp")
    descriptor = os.open(temporary, _NEW, PRIVATE_FILE)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), wanted)
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)  # never leave a half-written copy behind
        raise


def create_new(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Write a file that must not exist yet (FileExistsError if it does, link or not)."""
    descriptor = os.open(path, _NEW, mode)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def make_folder(folder: Path, top: Path | None = None) -> None:
    """Make sure `folder` is a real folder, making what is missing with mode 0700.

    `top` is the folder the person chose (LOWBACK_HOME, or the platform's folder for lowback):
    it and what is above it are followed as they are. Below it, every part must be a folder
    and not a link (Refused otherwise). Existing folders keep their modes.
    """
    folder = Path(folder)
    if top is None or not (folder == top or top in folder.parents):
        top = folder
    if not top.is_dir():
        top.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    below = folder.relative_to(top).parts
    current = top
    for part in below:
        current = current / part
        try:
            current.mkdir(mode=PRIVATE_FOLDER)
            continue
        except FileExistsError:
            pass
        info = os.lstat(current)
        if stat.S_ISLNK(info.st_mode):
            raise Refused(current, LINK, errno.ELOOP)
        if not stat.S_ISDIR(info.st_mode):
            raise Refused(current, f"is {kind(info.st_mode)}, not a folder", errno.ENOTDIR)
