"""Keys people can move: every binding has an id, and config.toml's [keys] table moves them."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import lowback_tui.screens
import lowback_tui.widgets
from lowback_tui.app import LowbackApp
from lowback_tui.core.keymap import KEY_IDS
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.engine import State
from lowback_tui.core.settings import Preferences, load, settings_path
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.countdown import CountdownScreen
from lowback_tui.screens.keys import KeysScreen
from lowback_tui.screens.list_screen import ExerciseListScreen
from lowback_tui.screens.pain_check import PainCheck
from lowback_tui.screens.safety import SafetyScreen

from .conftest import REPO, screen_text
from .test_countdown_screen import skip_activities


def bound_classes() -> list[type[DOMNode]]:
    """The app and every screen and widget class of lowback's that declares BINDINGS."""
    modules = [importlib.import_module("lowback_tui.app")]
    for package in (lowback_tui.screens, lowback_tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return [
        cls
        for module in modules
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__
        and issubclass(cls, DOMNode)
        and "BINDINGS" in cls.__dict__
    ]


def declared() -> list[tuple[type[DOMNode], Binding]]:
    """Every binding lowback declares, with the class declaring it."""
    found = []
    for cls in bound_classes():
        for binding in cls.__dict__["BINDINGS"]:
            assert isinstance(binding, Binding), (cls, binding)  # no bare tuples: they have no id
            found.append((cls, binding))
    return found


def key_table() -> str:
    """README's table of ids, made from the code: each id, its keys, what it does."""
    keys: dict[str, list[str]] = {}
    for _, binding in declared():
        assert binding.id is not None
        for key in binding.key.split(","):
            if key.strip() not in keys.setdefault(binding.id, []):
                keys[binding.id].append(key.strip())
    rows = [f"| `{i}` | `{','.join(keys[i])}` | {what} |" for i, what in KEY_IDS.items()]
    return "\n".join(["| id | keys | |", "| --- | --- | --- |", *rows])


def test_every_binding_has_an_id_from_the_core_list() -> None:
    bindings = declared()
    assert len(bindings) > 60  # the walk found them (the app, 13 screens, the list widget)
    missing = [(cls.__name__, b.key) for cls, b in bindings if not b.id]
    assert missing == []
    assert {b.id for _, b in bindings} == set(KEY_IDS)


def test_an_id_is_one_thing_a_person_does() -> None:
    """Bindings that share an id do the same (escape, enter and q all close the details; m is
    the sound key on the countdown and everywhere else), or are one key whose action depends on
    the moment (space: start now, pause, carry on). Moving the id moves all of them; two ids never
    meet by accident."""
    by_id: dict[str, list[tuple[type[DOMNode], Binding]]] = {}
    for cls, binding in declared():
        by_id.setdefault(str(binding.id), []).append((cls, binding))
    for binding_id, shared in by_id.items():
        actions = {b.action.removeprefix("app.") for _, b in shared}
        keys = {b.key for _, b in shared}
        assert len(actions) == 1 or len(keys) == 1, (binding_id, actions, keys)
        if len({cls for cls, _ in shared}) > 1:  # across classes, only the same action
            assert len(actions) == 1, (binding_id, actions)
    assert len(by_id["countdown.pause"]) == 3 and len(by_id["details.close"]) == 3


def test_readme_lists_every_id() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = key_table()
    assert table in readme, "README's [keys] table is out of date; it should read:\n" + table


def write_config(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_moved_key_does_its_action_and_the_old_key_no_longer_does(
    routine: Routine,
) -> None:
    write_config('safety_read = true\n[keys]\n"list.start" = "s"\n')
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)  # Enter no longer starts
        assert "s Start" in screen_text(app).splitlines()[-1]  # the footer names the new key
        assert "⏎ Start" not in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PainCheck)


async def test_the_keys_screen_shows_the_keys_in_force(routine: Routine) -> None:
    write_config('[keys]\nlist.start = "s"\nkeys.safety = "i"\nkeys.close = "x"\n')
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 40)) as pilot:  # tall enough for the hint under the list
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        rows = dict((d, k) for k, d in app.screen.rows())
        assert rows["Start"] == "s" and rows["Details"] == "d"  # the moved one, the others kept
        order = [d for _, d in app.screen.rows()]
        assert order.index("Next exercise") < order.index("Start") < order.index("Details")
        assert "i  safety information · x closes this" in screen_text(app)
        await pilot.press("escape")  # escape no longer closes it: x does
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("i")
        assert isinstance(app.screen, SafetyScreen)


async def test_space_moved_on_the_countdown_moves_all_it_does(routine: Routine) -> None:
    """One id for space's three meanings: start now, pause, carry on move together; p, which was
    Back, is now pause only (Textual drops the binding a moved key lands on)."""
    write_config('safety_read = true\n[keys]\ncountdown.pause = "p,b"\n')
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")  # skip the rating
        await skip_activities(pilot)
        screen = app.screen
        assert isinstance(screen, CountdownScreen) and screen.run.settling
        await pilot.press("space")
        assert screen.run.settling  # space no longer starts at once
        await pilot.press("b")
        assert not screen.run.settling  # b does ("Start now")
        await pilot.press("p")
        assert screen.run.state is State.PAUSED
        assert "p Carry on" in screen_text(app).splitlines()[-1]
        await pilot.press("space")
        assert screen.run.state is State.PAUSED
        await pilot.press("b")
        assert screen.run.state is not State.PAUSED


async def test_two_keys_for_one_id_both_work(routine: Routine) -> None:
    write_config('safety_read = true\n[keys]\n"list.details" = "i, x"\n')
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("i", "x"):
            await pilot.press(key)
            assert app.screen.__class__.__name__ == "ExerciseDetailScreen", key
            await pilot.press("escape")
        await pilot.press("d")
        assert isinstance(app.screen, ExerciseListScreen)


def test_the_table_is_read_in_either_spelling() -> None:
    write_config('[keys]\n"countdown.pause" = "p"\nlist.start = " s , space "\n'
                 '[keys.countdown]\nskip = "x"\n')  # fmt: skip
    loaded = load()
    assert loaded.problem is None
    expected = {"countdown.pause": "p", "list.start": "s,space", "countdown.skip": "x"}
    assert loaded.settings.keys == expected


def test_the_table_is_kept_when_lowback_writes_its_settings() -> None:
    write_config('sound = "tones"\n[keys]\n"countdown.pause" = "p"\n')
    Preferences.load().change(sound="off")
    assert load().settings.keys == {"countdown.pause": "p"}
    assert load().settings.sound == "off"


BAD = [
    ('[keys]\n"countdown.paws" = "p"\n', 2, "keys.countdown.paws",
     "no key has this id (did you mean 'countdown.pause'?)"),
    ('x = 1\n[keys]\n\nlist.strat = "s"\n', 4, "keys.list.strat",
     "no key has this id (did you mean 'list.start'?)"),
    ('[keys]\n"zzzz" = "s"\n', 2, "keys.zzzz",
     "no key has this id (README's Keys section lists them)"),
    ('[keys]\n"list.start" = ""\n', 2, "keys.list.start",
     "must name a key, e.g. \"p\" or \"p,space\" (got '')"),
    ('[keys]\n"list.start" = " , "\n', 2, "keys.list.start",
     "must name a key, e.g. \"p\" or \"p,space\" (got ' , ')"),
    ('[keys]\n"list.start" = "s,"\n', 2, "keys.list.start",
     "has an empty key between commas (got 's,')"),
    ('[keys]\n"list.start" = 5\n', 2, "keys.list.start",
     "must be keys in quotes, e.g. \"p\" or \"p,space\" (got 5)"),
    ('[keys]\n"list.start" = ["s"]\n', 2, "keys.list.start",
     "must be keys in quotes, e.g. \"p\" or \"p,space\" (got ['s'])"),
    ('keys = "s"\n', 1, "keys", "must be a table of binding ids and keys (got 's')"),
    ('[keys]\n"list.start" = "ctrl+shift s"\n', 2, "keys.list.start",
     "'ctrl+shift s' is not a key; write keys as Textual names them, e.g. \"p\", \"space\", "
     '"ctrl+p", "f5"'),
    # Hostile text comes back visible: an escape sequence in a value and in an id.
    ('[keys]\n"list.start" = "\\u001b]0;owned\\u0007"\n', 2, "keys.list.start",
     "'\\x1b]0;owned\\x07' is not a key; write keys as Textual names them, e.g. \"p\", "
     '"space", "ctrl+p", "f5"'),
    ('[keys]\n"countdown.pause\\u001b[2J" = "s"\n', 1, "keys.countdown.pause\\x1b[2J",
     "no key has this id (did you mean 'countdown.pause'?)"),  # line 1: [keys], nearest found
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "key", "message"), BAD)
def test_a_bad_keys_table_is_one_line_naming_file_line_and_key(
    text: str, line: int, key: str, message: str
) -> None:
    path = write_config(text)
    problem = load().problem
    assert problem is not None
    assert (problem.line, problem.key, problem.message) == (line, key, message)
    assert str(problem) == f"{path}:{line}: {key}: {message}"
    assert "\x1b" not in str(problem) and "\n" not in str(problem)


async def test_with_a_bad_table_the_app_says_so_and_keeps_its_own_keys(routine: Routine) -> None:
    write_config('safety_read = true\n[keys]\n"list.start" = "s"\n"list.strat" = "x"\n')
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert [n for n in notices if "keys.list.strat: no key has this id" in n] == [
            f"{settings_path()}:4: keys.list.strat: no key has this id (did you mean "
            "'list.start'?); using the defaults"
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, (SafetyScreen, PainCheck))  # Enter starts, as before
