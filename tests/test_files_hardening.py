"""Files opened as what they claim to be; links and modes in lowback's folders left alone.

Each test builds the hostile thing (a named pipe, a device link, a planted link, a stricter
mode) where lowback reads or writes, and checks that lowback says so in one line and that what
it must not touch is untouched.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lowback_tui.core import dirs, files, logs
from lowback_tui.core import settings as settings_module
from lowback_tui.core.files import Refused, read_regular, write_atomically
from lowback_tui.core.history import file as history_file
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine import library as routine_library
from lowback_tui.core.routine import schema as routine_schema
from lowback_tui.core.routine.file import MAX_FILE_BYTES, load, loads
from lowback_tui.core.routine.model import RoutineError
from lowback_tui.core.settings import Preferences, Settings

from .conftest import BUNDLED

GOOD = BUNDLED.read_text(encoding="utf-8")
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def within(seconds: float, work: Callable[[], Any]) -> Any:
    """`work()`'s result, failing (not hanging) if it takes longer than `seconds`."""
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(_outcome(work)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it hung"
    (outcome,) = result
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _outcome(work: Callable[[], Any]) -> Any:
    try:
        return work()
    except BaseException as error:  # handed to the test's thread
        return error


def problem_of(path: Path) -> str:
    with pytest.raises(RoutineError) as caught:
        within(5, lambda: load(path))
    (problem,) = caught.value.problems
    return problem.message


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# ---- reading: regular files only, size first ---------------------------------------------------


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    assert problem_of(pipe) == "is a named pipe, not a routine file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_link_to_a_device_is_refused_before_reading(tmp_path: Path, device: str) -> None:
    link = tmp_path / "device.toml"
    link.symlink_to(device)
    assert problem_of(link) == "is a device, not a routine file"


def test_a_socket_a_folder_and_a_dangling_link_are_refused(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.toml"))
        assert problem_of(tmp_path / "s.toml") == "is a socket, not a routine file"
    (tmp_path / "folder.toml").mkdir()
    assert problem_of(tmp_path / "folder.toml") == "is a folder, not a routine file"
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    assert problem_of(tmp_path / "gone.toml") == "is a link to nothing"


def test_the_size_is_checked_before_reading_and_no_more_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as out:
        out.truncate(MAX_FILE_BYTES * 50)  # sparse: costs no disk
    asked: list[int] = []
    real_read = os.read

    def read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", read)
    assert problem_of(big).startswith(f"is {MAX_FILE_BYTES * 50:,} bytes")
    assert asked == []  # refused from its size alone
    with pytest.raises(Refused, match="bytes"):
        read_regular(big, 10)
    exact = tmp_path / "ten"
    exact.write_bytes(b"0123456789")
    assert read_regular(exact, 10) == b"0123456789"
    assert sum(asked) <= 11 + (1 << 20)


def test_routines_lists_hostile_files_as_broken_and_never_hangs(tmp_path: Path) -> None:
    own = dirs.routines_dir()
    own.mkdir(parents=True)
    (own / "fine.toml").write_text(GOOD)
    os.mkfifo(own / "pipe.toml")
    (own / "zero.toml").symlink_to("/dev/zero")
    (own / "dangling.toml").symlink_to(tmp_path / "nowhere")
    (own / "folder.toml").mkdir()
    (own / "huge-number.toml").write_text("name = 'x'\ncourse_days = " + "9" * 5000 + "\n")
    found = within(10, routine_library.choices)
    by_name = {c.entry.name: c for c in found if not c.entry.bundled}
    assert by_name["fine"].routine is not None
    broken = {name: c.problems[0].message for name, c in by_name.items() if name != "fine"}
    assert broken == {
        "pipe": "is a named pipe, not a routine file",
        "zero": "is a device, not a routine file",
        "dangling": "is a link to nothing",
        "folder": "is a folder, not a routine file",
        "huge-number": "a number of more than 4,300 digits; no routine value is that long",
    }


# ---- numbers and dotted keys -------------------------------------------------------------------


def test_a_5000_digit_number_is_a_problem_on_its_line() -> None:
    text = GOOD + "\n[[exercise]]\nname = 'Big'\nhold_seconds = 5\nreps = " + "1" * 5000 + "\n"
    with pytest.raises(RoutineError) as caught:
        loads(text)
    (problem,) = caught.value.problems
    assert problem.line == text.count("\n")  # the reps line, the last
    assert "4,300 digits" in problem.message


def test_a_long_number_within_pythons_limit_is_described_not_printed() -> None:
    with pytest.raises(RoutineError) as caught:
        loads(GOOD.replace("course_days = 21", "course_days = " + "7" * 4000))
    (problem,) = caught.value.problems
    assert problem.message == "must be between 1 and 365 days (got a number of 4,000 digits)"


@pytest.mark.parametrize(
    ("value", "shown"), [("inf", "inf"), ("nan", "nan"), ("1e308", "1e+308"), ("-inf", "-inf")]
)
def test_huge_and_odd_floats_get_a_message(value: str, shown: str) -> None:
    with pytest.raises(RoutineError) as caught:
        loads(GOOD.replace("course_days = 21", f"course_days = {value}"))
    (problem,) = caught.value.problems
    assert problem.message == f"must be a whole number of days (got {shown})"


def test_a_file_of_long_dotted_keys_is_refused_in_time() -> None:
    """Before: 80 s and 1 GB (tomllib is quadratic in a key's parts); now refused at once."""
    line_count = MAX_FILE_BYTES // 2010
    text = "".join(f"k{n}" + ".a" * 999 + " = 1\n" for n in range(line_count))
    began = time.perf_counter()
    with pytest.raises(RoutineError) as caught:
        loads(text)
    assert time.perf_counter() - began < 1.0
    (problem,) = caught.value.problems
    assert problem.line == 1 and "dotted keys" in problem.message


def test_a_file_of_ten_thousand_and_one_tables_is_refused_in_time() -> None:
    """Before: a 2 MB file of headers took tomllib 4 s and 250 MB."""
    began = time.perf_counter()
    with pytest.raises(RoutineError) as caught:
        loads("[[exercise]]\n" * 10_001)
    assert time.perf_counter() - began < 0.5
    (problem,) = caught.value.problems
    assert problem.message == "has more than 10,000 [tables]; no routine has that many exercises"
    exercise = "[[exercise]]\nname = 'A {}'\nhold_seconds = 1\nreps = 1\n"
    text = "name = 'Long'\n" + "".join(exercise.format(n) for n in range(2000))
    assert len(loads(text).exercises) == 2000


def test_full_stops_in_quoted_text_are_not_key_dots() -> None:
    """A routine with a thousand sentences in its texts is still a routine."""
    sentences = ", ".join(
        ['"' + "Out. " * 32 + '"'] * 8
    )  # with the 4 there: 12 cues of 160 characters
    text = GOOD.replace("cues = [", f"cues = [{sentences}, ", 1)
    text = text.replace("[[exercise]]", "[[exercise]]  # " + "And. " * 300)
    assert text.count(".") > 2000
    assert len(loads(text).exercises[0].cues) == 12


def test_settings_with_hostile_contents_are_a_problem_not_a_crash(
    private_home: Path,
) -> None:
    path = settings_module.settings_path()
    path.parent.mkdir(parents=True)
    cases = {
        "count_seconds = " + "9" * 5000: "a number is too long",
        "count_seconds = inf": "must be a whole number (got inf)",
        "count_seconds = " + "9" * 4000: "must be between 0 and 10 (got 9999",
        "".join(f"k{n}" + ".a" * 999 + " = 1\n" for n in range(2)): "dotted keys",
    }
    for text, expected in cases.items():
        path.write_text(text)
        loaded = within(5, settings_module.load)
        assert loaded.settings == Settings()
        assert loaded.problem is not None and expected in loaded.problem.message
    path.unlink()
    os.mkfifo(path)
    loaded = within(5, settings_module.load)
    assert loaded.problem is not None
    assert loaded.problem.message == "is a named pipe, not a settings file"


# ---- links: never written through --------------------------------------------------------------


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A file outside lowback's folders a planted link points at, with a mode of its own."""
    target = tmp_path / "precious"
    target.write_text("not lowback's")
    target.chmod(0o644)
    return target


def untouched(target: Path) -> bool:
    return target.read_text() == "not lowback's" and mode(target) == 0o644


def test_a_linked_history_is_refused_in_words(elsewhere: Path) -> None:
    path = history_file.history_path()
    path.parent.mkdir(parents=True)
    path.symlink_to(elsewhere)
    store = HistoryStore.open()
    assert not store.saving
    assert store.problem == (
        f"history is not being saved ({path}: is a symbolic link; "
        "lowback does not write through links)"
    )
    assert untouched(elsewhere) and path.is_symlink()


@pytest.mark.parametrize("beside", ["-wal", "-shm", "-journal"])
def test_a_link_beside_the_history_is_refused(elsewhere: Path, beside: str) -> None:
    path = history_file.history_path()
    path.parent.mkdir(parents=True)
    Path(f"{path}{beside}").symlink_to(elsewhere)
    store = HistoryStore.open()
    assert store.problem is not None and "symbolic link" in store.problem
    assert untouched(elsewhere)


def test_a_linked_log_is_not_written_through(elsewhere: Path) -> None:
    path = dirs.data_dir() / "lowback.log"
    path.parent.mkdir(parents=True)
    path.symlink_to(elsewhere)
    assert logs.start_logging() is None
    logs.log.warning("anything")
    assert untouched(elsewhere)


def test_a_linked_config_is_refused_and_a_planted_temporary_link_is_ignored(
    elsewhere: Path, tmp_path: Path
) -> None:
    path = settings_module.settings_path()
    path.parent.mkdir(parents=True)
    for planted in (".config.toml.tmp", "config.toml.tmp"):  # where the fixed name used to be
        (path.parent / planted).symlink_to(tmp_path / "planted")
    settings_module.save(Settings(voice=True))
    assert "voice = true" in path.read_text()
    assert not (tmp_path / "planted").exists()
    path.unlink()
    path.symlink_to(elsewhere)
    with pytest.raises(Refused) as caught:
        settings_module.save(Settings(voice=True))
    assert str(caught.value) == f"{path}: is a symbolic link; lowback does not write through links"
    assert untouched(elsewhere)
    assert Preferences.load().change(voice=True) is False


def test_a_linked_schema_is_left_and_the_routine_still_made(elsewhere: Path) -> None:
    folder = dirs.routines_dir()
    folder.mkdir(parents=True)
    (folder / routine_schema.FILE_NAME).symlink_to(elsewhere)
    with pytest.raises(Refused, match="symbolic link"):
        routine_schema.install(folder)
    path = routine_library.create("Mine", load(BUNDLED))
    assert load(path).name == "Mine"
    assert untouched(elsewhere)


def test_a_planted_link_where_a_new_routine_goes_is_never_followed(tmp_path: Path) -> None:
    folder = dirs.routines_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").symlink_to(tmp_path / "made-elsewhere.toml")
    with pytest.raises(FileExistsError):
        routine_library.create("Mine", load(BUNDLED))
    (folder / "lower-back.toml").symlink_to(tmp_path / "copy-elsewhere.toml")
    routine_library.own_copy(BUNDLED)  # an existing (if dangling) copy is used as it is
    assert not (tmp_path / "made-elsewhere.toml").exists()
    assert not (tmp_path / "copy-elsewhere.toml").exists()


def test_a_linked_data_folder_is_refused_and_its_target_keeps_its_mode(
    private_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "somewhere"
    target.mkdir(mode=0o755)
    target.chmod(0o755)
    private_home.mkdir()
    (private_home / "data").symlink_to(target)
    store = HistoryStore.open()
    assert store.problem is not None
    assert f"{private_home / 'data'}: is a symbolic link" in store.problem
    assert logs.start_logging() is None
    assert list(target.iterdir()) == [] and mode(target) == 0o755


def test_a_linked_lowback_home_is_the_persons_choice_and_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "on-a-stick"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    monkeypatch.setenv("LOWBACK_HOME", str(tmp_path / "link"))
    store = HistoryStore.open()
    assert store.saving, store.problem
    store.begin("R", "x", 3)
    store.close()
    assert (real / "data" / "history.db").is_file()


# ---- modes: tightened only on what lowback makes -----------------------------------------------


def test_what_lowback_makes_is_private(private_home: Path) -> None:
    store = HistoryStore.open()
    assert store.saving
    settings_module.save(Settings())
    assert logs.start_logging() is not None
    for folder in (private_home / "data", private_home / "config"):
        assert mode(folder) == 0o700
    for path in (store.path, settings_module.settings_path(), dirs.data_dir() / "lowback.log"):
        assert mode(path) == 0o600


def test_stricter_modes_the_owner_chose_are_kept(private_home: Path) -> None:
    data = private_home / "data"
    data.mkdir(parents=True)
    HistoryStore.open().close()
    history = data / "history.db"
    history.chmod(0o400)
    data.chmod(0o500)
    try:
        HistoryStore.open().close()
        logs.start_logging()
        assert (mode(data), mode(history)) == (0o500, 0o400)
    finally:
        data.chmod(0o700)


def test_a_read_only_config_is_not_rewritten(private_home: Path) -> None:
    path = settings_module.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("voice = false\n")
    path.chmod(0o444)
    preferences = Preferences.load()
    assert preferences.change(voice=True) is False
    assert preferences.not_saved == f"{path}: is read-only; lowback leaves it as its owner set it"
    assert path.read_text() == "voice = false\n" and mode(path) == 0o444
    with pytest.raises(Refused, match="read-only; lowback leaves it as its owner set it"):
        settings_module.save(Settings(voice=True))


def test_an_atomic_replace_keeps_the_files_mode(tmp_path: Path) -> None:
    path = tmp_path / "own" / "mine.toml"
    path.parent.mkdir()
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, "new")
    assert path.read_text() == "new" and mode(path) == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["mine.toml"]  # no temporary left


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "own" / "config.toml"
    path.parent.mkdir()
    path.write_text("old")

    def full_disk(fd: int, mode: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fchmod", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomically(path, "new")
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]
    assert path.read_text() == "old"


# ---- what cannot be written says so, in an error the front ends can show ------------------------


def test_writers_in_a_folder_that_cannot_be_made_raise_oserror_or_say_why(
    private_home: Path,
) -> None:
    private_home.parent.joinpath("blocker").write_text("a file where a folder should be")
    os.environ["LOWBACK_HOME"] = str(private_home.parent / "blocker")
    with pytest.raises(OSError):
        settings_module.save(Settings())
    assert Preferences.load().change(voice=True) is False
    with pytest.raises(OSError):
        routine_library.create("Mine", load(BUNDLED))
    store = HistoryStore.open()
    assert store.problem is not None and store.problem.startswith("history is not being saved (")
    assert logs.start_logging() is None


def test_a_file_where_a_folder_should_be_is_called_a_file(private_home: Path) -> None:
    (private_home / "config").mkdir(parents=True)
    (private_home / "config" / "routines").write_text("not a folder")
    with pytest.raises(OSError) as refused:
        routine_library.create("Mine", load(BUNDLED))
    assert str(refused.value) == f"{private_home / 'config' / 'routines'}: is a file, not a folder"


@pytest.mark.skipif(ROOT, reason="root reads and writes whatever the modes say")
def test_an_unwritable_config_folder_raises_a_permission_error(private_home: Path) -> None:
    folder = private_home / "config"
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            settings_module.save(Settings())
    finally:
        folder.chmod(0o700)


def test_open_existing_says_why_a_history_cannot_be_read(elsewhere: Path) -> None:
    path = history_file.history_path()
    path.parent.mkdir(parents=True)
    assert HistoryStore.open_existing() is None
    path.mkdir()
    store = HistoryStore.open_existing()
    assert store is not None and store.problem == f"{path}: is a folder, not a history file"
    path.rmdir()
    path.write_bytes(b"this is not a database" * 100)
    store = HistoryStore.open_existing()
    assert store is not None and store.problem == f"{path}: file is not a database"
    assert path.read_bytes().startswith(b"this is not")  # left where it is, not moved aside
    assert [p.name for p in path.parent.iterdir()] == ["history.db"]  # read-only: nothing made
    path.unlink()
    path.symlink_to(elsewhere)
    store = HistoryStore.open_existing()
    assert store is not None and store.problem is not None and "symbolic link" in store.problem


@pytest.mark.skipif(ROOT, reason="root reads whatever the modes say")
def test_open_existing_says_a_history_is_unreadable() -> None:
    path = history_file.history_path()
    HistoryStore.open().close()
    path.chmod(0)
    try:
        store = HistoryStore.open_existing()
        assert store is not None and store.problem is not None
        assert store.problem.startswith(f"{path}: ")
    finally:
        path.chmod(0o600)


# ---- names and paths ---------------------------------------------------------------------------


def test_a_decoy_in_the_current_folder_never_hides_a_routine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("lower-back").write_text("decoy")
    Path("gentle-start").mkdir()
    assert routine_library.resolve("lower-back") == dirs.bundled_dir() / "lower-back.toml"
    assert routine_library.resolve("gentle-start").parent == dirs.bundled_dir()
    assert routine_library.resolve("./lower-back") == Path("./lower-back")
    assert routine_library.resolve("mine.toml") == Path("mine.toml")  # a path, by its ending
    Path("stretch").write_text("not a routine name")
    with pytest.raises(RoutineError) as caught:
        routine_library.resolve("stretch")
    assert "for the file 'stretch' here, write ./stretch" in str(caught.value)


def test_kind_names_every_kind_of_file() -> None:
    assert files.kind(stat.S_IFIFO) == "a named pipe"
    assert files.kind(stat.S_IFCHR) == "a device"
    assert files.kind(stat.S_IFBLK) == "a device"
    assert files.kind(stat.S_IFSOCK) == "a socket"
    assert files.kind(stat.S_IFDIR) == "a folder"
    assert files.kind(stat.S_IFLNK) == "a symbolic link"


# ---- the reader's and writers' own edges (mutmut found them unguarded) ------------------------


@pytest.mark.parametrize("size", [0, 1, 2_500_000])
def test_a_file_of_exactly_the_limit_is_read_whole_and_one_byte_more_is_refused(
    tmp_path: Path, size: int
) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)  # past one read of 1 MiB
    path = tmp_path / "f"
    path.write_bytes(data)
    assert read_regular(path, size) == data
    if size:
        with pytest.raises(Refused, match=f"is {size:,} bytes"):
            read_regular(path, size - 1)


def test_a_file_that_grows_after_its_size_was_taken_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    def small(descriptor: int) -> os.stat_result:  # as /proc files say: size 0, then content
        info = real_fstat(descriptor)
        return os.stat_result((info.st_mode, *info[1:6], 0, *info[7:]))

    monkeypatch.setattr(os, "fstat", small)
    with pytest.raises(Refused, match="is 1,001 bytes"):  # it read one byte past the limit
        read_regular(path, 1000)
    assert read_regular(path, 5000) == b"x" * 5000


def test_a_new_file_gets_the_mode_asked_for_and_a_replaced_one_keeps_its_own(
    tmp_path: Path,
) -> None:
    (tmp_path / "here").mkdir()
    new = tmp_path / "here" / "new.txt"
    write_atomically(new, "é", mode=0o640)
    assert (stat.S_IMODE(new.stat().st_mode), new.read_bytes()) == (0o640, "é".encode())
    new.chmod(0o604)
    write_atomically(new, "again")
    assert stat.S_IMODE(new.stat().st_mode) == 0o604
    assert [p.name for p in new.parent.iterdir()] == ["new.txt"]  # no copy left beside it


def test_a_home_several_folders_deep_is_made_whole(private_home: Path) -> None:
    deep = private_home / "a" / "b" / "c"
    files.make_folder(deep / "data", top=deep)
    assert (deep / "data").is_dir()
    assert stat.S_IMODE((deep / "data").stat().st_mode) == 0o700
