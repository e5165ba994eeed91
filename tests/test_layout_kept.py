"""Quick adjustments and settings changes keep what the person wrote: comments, blank lines,
inline comments, odd spacing and order, byte for byte; only the changed value differs."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lowback_tui.core import settings as settings_module
from lowback_tui.core.routine import edits as routine_edits
from lowback_tui.core.routine.edits import ADJUSTABLE, Adjustable
from lowback_tui.core.routine.file import load
from lowback_tui.core.settings import Preferences, Settings, next_sound, settings_path

from .conftest import BUNDLED

HAND_WRITTEN = """\
# My routine: notes at the top.
name   =   "Mine"      # what I call it

[[exercise]]   # the first one
name = "Knee hug"
hold_seconds   =  5    # five is plenty
reps=3#no spaces at all

goal_reps = 6          # one day

[[exercise]]
name = "Bridge"
  work_seconds = 0x1E  # thirty, in hex, because I can
  reps = 4             # indented by hand
"""

INLINE = """\
name = "Mine"
exercise = [  # my list, one a line
    { name = "Knee hug", hold_seconds = 5, reps = 3 },  # first
    # a comment between them
    { name = "Bridge",   work_seconds = 30, reps = 4 },
]
"""

ADJUSTMENTS = [(i, what, step) for i in (0, 1) for what in ADJUSTABLE for step in (1, -1)]


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """The lines that differ, as (before, after) pairs; every other line kept byte for byte."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    pairs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new).get_opcodes():
        if tag != "equal":
            pairs.append(("".join(old[i1:i2]), "".join(new[j1:j2])))
    return pairs


def without_numbers(line: str) -> str:
    return re.sub(r"0x[0-9A-Fa-f]+|[0-9_]+", "N", line)


@pytest.mark.parametrize("text", [HAND_WRITTEN, INLINE], ids=["tables", "inline tables"])
@pytest.mark.parametrize(("index", "what", "step"), ADJUSTMENTS)
def test_each_quick_adjustment_changes_only_its_number(
    tmp_path: Path, text: str, index: int, what: Adjustable, step: int
) -> None:
    path = tmp_path / "r.toml"
    path.write_text(text)
    routine = load(path)
    wanted = routine_edits.adjusted(routine.exercises[index], what, step)
    saved = routine_edits.save_exercise(path, routine, index, wanted)
    after = path.read_text()
    assert saved.exercises[index] == wanted
    changes = changed_lines(text, after)
    assert len(changes) == 1, changes  # one line, the number's own
    old, new = changes[0]
    assert without_numbers(old) == without_numbers(new)  # spacing and comment as they were
    document = tomllib.loads(after)  # and a plain TOML reader agrees
    number = wanted.effort_seconds if what == "seconds" else wanted.reps
    key = "reps" if what == "reps" else ("hold_seconds" if index == 0 else "work_seconds")
    assert document["exercise"][index][key] == number


def test_a_goal_that_rises_with_the_reps_changes_its_own_line_too(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(HAND_WRITTEN.replace("goal_reps = 6 ", "goal_reps = 3 "))
    routine = load(path)
    before = path.read_text()
    routine_edits.save_exercise(
        path, routine, 0, routine_edits.adjusted(routine.exercises[0], "reps", +1)
    )
    assert changed_lines(before, path.read_text()) == [
        ("reps=3#no spaces at all\n", "reps=4#no spaces at all\n"),
        ("goal_reps = 3          # one day\n", "goal_reps = 4          # one day\n"),
    ]


def test_a_missing_key_goes_after_the_exercises_own_keys_and_nothing_else_moves(
    tmp_path: Path,
) -> None:
    text = (
        'name = "R"\n[[exercise]]  # mine\nname = "A"\nhold_seconds = 5  # short\n'
        '[exercise.picture]\ndescription = "x"\n[exercise.picture.held]\n'
        "head = [9, 5]\nshoulder = [17, 4]\nhip = [44, 4]\nnear_knee = [66, 3]\n"
        "near_foot = [88, 3]\n"
    )
    path = tmp_path / "r.toml"
    path.write_text(text)
    routine = load(path)
    routine_edits.save_exercise(
        path, routine, 0, routine_edits.adjusted(routine.exercises[0], "reps", +1)
    )
    assert path.read_text() == text.replace("# short\n", "# short\nreps = 2\n")


# Lines of the bundled routine after which a comment, a blank line or spaces may be put without
# changing what it says: every line (the bundled file has no multi-line strings).
extras = st.sampled_from(["\n", "# a note of mine\n", "   \n", "\t# indented note\n"])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    inserts=st.lists(st.tuples(st.integers(0, 400), extras), max_size=8),
    trailing=st.lists(st.integers(0, 400), max_size=5),
    index=st.integers(0, 6),
    what=st.sampled_from(ADJUSTABLE),
    step=st.sampled_from([1, -1]),
)
def test_any_comments_and_blank_lines_survive_any_adjustment(
    tmp_path: Path,
    inserts: list[tuple[int, str]],
    trailing: list[int],
    index: int,
    what: Adjustable,
    step: int,
) -> None:
    lines = BUNDLED.read_text().splitlines(keepends=True)
    for at in trailing:  # an inline comment at the end of a line
        at %= len(lines)
        if "#" not in lines[at] and '"' not in lines[at]:
            lines[at] = lines[at].rstrip("\n") + "   # mine\n"
    for at, extra in sorted(inserts, reverse=True):
        lines.insert(at % (len(lines) + 1), extra)
    text = "".join(lines)
    path = tmp_path / "r.toml"
    path.write_text(text)
    routine = load(path)
    wanted = routine_edits.adjusted(routine.exercises[index], what, step)
    saved = routine_edits.save_exercise(path, routine, index, wanted)
    assert saved.exercises[index] == wanted
    after = path.read_text()
    for old, new in changed_lines(text, after):  # none when the number was at its limit
        added = old == "" and re.fullmatch(r"reps = \d+\n", new)  # an exercise without reps
        assert added or without_numbers(old) == without_numbers(new)
    assert len(changed_lines(text, after)) <= 2  # the number, and the goal that follows reps


CONFIG = """\
# My lowback settings; I keep notes here.

sound   =   "tones"   # the soft ones
voice = false         # not before coffee

count_seconds=3
future_key = 7        # a later version's
[keys]  # kept as typed
"list.quit" = "q"
"""


@pytest.mark.parametrize(
    "change",
    [
        {"sound": next_sound("tones")},
        {"voice": True},
        {"count_seconds": 5},
        {"theme": "nord"},  # not in the file yet: added before the [keys] table
        {"safety_read": True, "routine": "gentle-start"},
    ],
)
def test_a_settings_change_keeps_the_persons_comments_and_layout(
    change: dict[str, object],
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG)
    preferences = Preferences.load()
    assert preferences.problem is None
    assert preferences.change(**change)
    after = path.read_text()
    for key in change:  # each changed line keeps its spacing and its comment
        if f"{key} " in CONFIG or f"{key}=" in CONFIG:
            (old,) = [line for line in CONFIG.splitlines() if line.startswith(key)]
            (new,) = [line for line in after.splitlines() if line.startswith(key)]
            assert old.split("=")[0] == new.split("=")[0]
            assert old.partition("#")[2] == new.partition("#")[2]
    kept = [line for line in CONFIG.splitlines() if not line.startswith(tuple(change))]
    assert [line for line in after.splitlines() if not line.startswith(tuple(change))] == kept
    document = tomllib.loads(after)
    assert {key: document[key] for key in change} == change
    assert (document["future_key"], document["keys"]) == (7, {"list.quit": "q"})
    expected = Settings(**{"sound": "tones", "count_seconds": 3, **change})  # type: ignore[arg-type]
    assert settings_module.load().settings == replace(expected, keys={"list.quit": "q"})


def test_m_and_v_toggles_keep_a_comment_through_many_saves() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('# mine\nsound = "bell"  # I like the bell\n')
    preferences = Preferences.load()
    for _ in range(6):  # three sounds, two voices: back to where it began
        assert preferences.change(sound=next_sound(preferences.settings.sound))
        assert preferences.change(voice=not preferences.settings.voice)
    text = path.read_text()
    assert text.startswith('# mine\nsound = "bell"  # I like the bell\n')  # round to the start
    assert tomllib.loads(text) == {"sound": "bell", "voice": False}


def test_a_file_broken_after_it_was_read_is_not_written_over() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('sound = "bell"\n')
    preferences = Preferences.load()
    path.write_text('sound = "bell\n# half typed\n')  # the person is editing it meanwhile
    assert not preferences.change(voice=True)
    assert path.read_text() == 'sound = "bell\n# half typed\n'
    assert preferences.not_saved is not None and "not written over" in preferences.not_saved
    assert preferences.settings.voice  # for this run


def test_a_new_settings_file_holds_every_setting() -> None:
    assert Preferences.load().change(voice=True)
    document = tomllib.loads(settings_path().read_text())
    assert document == {**settings_module.known(), "voice": True}


def test_tomlkit_is_not_imported_until_something_is_written() -> None:
    script = (
        "import pkgutil, importlib, sys, lowback_tui\n"
        "for m in pkgutil.walk_packages(lowback_tui.__path__, 'lowback_tui.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "print('tomlkit' in sys.modules, len(sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.split()[0] == "False", done.stdout + done.stderr


def test_a_settings_file_tomlkit_cannot_keep_is_written_whole_with_the_right_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lowback_tui.core import toml_edit

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG)
    path.chmod(0o640)
    monkeypatch.setattr(toml_edit, "parse", lambda text: None)
    assert Preferences.load().change(voice=True)
    document = tomllib.loads(path.read_text())
    assert document == {**settings_module.known(), "voice": True, "future_key": 7,
                        "keys": {"list.quit": "q"}}  # fmt: skip
    assert path.stat().st_mode & 0o777 == 0o640  # the person's own mode kept


def test_a_routine_grown_past_the_caps_since_it_was_read_is_refused_untouched(
    tmp_path: Path,
) -> None:
    from lowback_tui.core.routine.file import MAX_TABLES
    from lowback_tui.core.routine.model import RoutineError

    path = tmp_path / "r.toml"
    path.write_text(HAND_WRITTEN)
    routine = load(path)
    grown = HAND_WRITTEN + "".join(f"[t{i}]\n" for i in range(MAX_TABLES))
    path.write_text(grown)
    with pytest.raises(RoutineError, match="more than 10,000"):
        routine_edits.save_exercise(
            path, routine, 0, routine_edits.adjusted(routine.exercises[0], "reps", +1)
        )
    assert path.read_text() == grown


def test_past_tomlkits_size_an_adjustment_is_made_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lowback_tui.core import toml_edit

    def not_tomlkit(text: str) -> None:
        raise AssertionError("tomlkit read a file past TOMLKIT_MAX_CHARS")

    monkeypatch.setattr(routine_edits, "TOMLKIT_MAX_CHARS", len(HAND_WRITTEN) - 1)
    monkeypatch.setattr(toml_edit, "parse", not_tomlkit)
    path = tmp_path / "r.toml"
    path.write_text(HAND_WRITTEN)
    routine = load(path)
    routine_edits.save_exercise(
        path, routine, 0, routine_edits.adjusted(routine.exercises[0], "seconds", +1)
    )
    assert changed_lines(HAND_WRITTEN, path.read_text()) == [
        ("hold_seconds   =  5    # five is plenty\n", "hold_seconds   =  6    # five is plenty\n")
    ]
