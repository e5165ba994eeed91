"""The `?` screen: every key that works where the person pressed `?`, from the live bindings
(so the keys config.toml's `[keys]` table moved them to)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType, Keymap
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Label

from lowback_tui.core.safe_text import visible, visible_lines
from lowback_tui.screens.safety import SafetyScreen

# Textual's own keys worth telling people about; its scrolling and focus keys are left out.
_TEXTUAL_KEYS = {"quit": "Quit", "command_palette": "Commands"}


def _declared_by_lowback(node: DOMNode) -> set[str]:
    """The ids of the bindings lowback's own classes declare on `node` (not those inherited from
    Textual): the keys they are on now may be config.toml's, not the ones declared."""
    ids: set[str] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("lowback_tui"):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids


def _declared_order(
    bindings: dict[str, ActiveBinding],
) -> Callable[[ActiveBinding], tuple[int, int]]:
    """A sort key: (the binding's node in the chain, where its class declared it), by id, or by
    key for Textual's bindings, which have none; one added later (the palette's) goes last."""
    nodes = list(dict.fromkeys(active.node for active in bindings.values()))
    places: dict[DOMNode, dict[str, int]] = {}
    for node in nodes:
        declared = places[node] = {}
        for cls in reversed(type(node).__mro__):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                declared.setdefault(binding.id or binding.key, len(declared))

    def place(active: ActiveBinding) -> tuple[int, int]:
        declared = places[active.node]
        binding = active.binding
        return nodes.index(active.node), declared.get(binding.id or binding.key, len(declared))

    return place


class KeysScreen(ModalScreen[None]):
    """A list of keys and what they do, grouped so each action shows once."""

    CSS_PATH = "../styles/modals.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="keys.close"),
        Binding("question_mark", "dismiss", "Close", show=False, id="keys.close"),
        Binding("q", "dismiss", "Close", show=False, id="keys.close"),
        Binding("s", "safety", "Safety information", id="keys.safety"),
    ]

    def __init__(
        self,
        bindings: dict[str, ActiveBinding],
        note: str = "",
        keymap: Keymap | None = None,
        reminder: str = "",
    ) -> None:
        super().__init__()
        self.reminder = reminder
        """The daily reminder as the scheduler has it ("daily at 08:00 (crontab)", "off")."""
        self.bindings = bindings
        self.note = note
        """A line under the keys (which sound and voice are in use)."""
        self.keymap = keymap or {}
        """config.toml's `[keys]`, for the hint under the list (which names this screen's keys)."""

    def _key(self, binding_id: str, default: str) -> str:
        """How the first key of `binding_id` is shown, as config.toml moved it or as declared."""
        key = self.keymap.get(binding_id, default).split(",")[0].strip()
        return self.app.get_key_display(Binding(key, ""))

    def rows(self) -> list[tuple[str, str]]:
        """(keys, description) for each action, in the order the bindings were declared (a key
        config.toml moved keeps its place; Textual lists it last)."""
        grouped: dict[str, list[str]] = {}
        for active in sorted(self.bindings.values(), key=_declared_order(self.bindings)):
            binding = active.binding
            description = binding.tooltip or binding.description  # the longer words, if any
            if binding.action in _TEXTUAL_KEYS:
                description = _TEXTUAL_KEYS[binding.action]
            elif binding.id not in _declared_by_lowback(active.node) or not description:
                continue
            shown = self.app.get_key_display(binding)
            keys = grouped.setdefault(description, [])
            if shown not in keys:
                keys.append(shown)
        return [(" ".join(keys), description) for description, keys in grouped.items()]

    def compose(self) -> ComposeResult:
        rows = self.rows()
        width = max((len(keys) for keys, _ in rows), default=0)
        with VerticalScroll(id="keys-box"):
            yield Label("Keys", id="keys-title")
            for keys, description in rows:
                yield Label(f"{keys:<{width}}  {description}", classes="keys-row", markup=False)
            if self.note:
                yield Label(visible_lines(self.note), id="keys-note", markup=False)
            if self.reminder:
                line = f"Daily reminder: {self.reminder}"
                yield Label(visible(line), id="keys-reminder", markup=False)
            safety, close = self._key("keys.safety", "s"), self._key("keys.close", "escape")
            hint = f"{safety}  safety information · {close} closes this"
            yield Label(hint, id="keys-hint", markup=False)

    def action_safety(self) -> None:
        """Read the safety information again."""
        self.app.switch_screen(SafetyScreen())
