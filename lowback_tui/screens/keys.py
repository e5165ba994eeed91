"""The `?` screen: every key that works where the person pressed `?`, from the live bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Label

from lowback_tui.core.safe_text import visible_lines
from lowback_tui.screens.safety import SafetyScreen

# Textual's own keys worth telling people about; its scrolling and focus keys are left out.
_TEXTUAL_KEYS = {"quit": "Quit", "command_palette": "Commands"}


def _declared_by_lowback(node: DOMNode) -> set[str]:
    """The keys that lowback's own classes bind on `node` (not those inherited from Textual)."""
    keys: set[str] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("lowback_tui"):
            for binding in cls.__dict__.get("BINDINGS", []):
                key = binding.key if isinstance(binding, Binding) else binding[0]
                keys.update(k.strip() for k in key.split(","))
    return keys


class KeysScreen(ModalScreen[None]):
    """A list of keys and what they do, grouped so each action shows once."""

    CSS_PATH = "../styles/modals.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
        Binding("s", "safety", "Safety information"),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding], note: str = "") -> None:
        super().__init__()
        self.bindings = bindings
        self.note = note
        """A line under the keys (which sound and voice are in use)."""

    def rows(self) -> list[tuple[str, str]]:
        """(keys, description) for each action, in the order the bindings were declared."""
        grouped: dict[str, list[str]] = {}
        for key, active in self.bindings.items():
            binding = active.binding
            description = binding.tooltip or binding.description  # the longer words, if any
            if binding.action in _TEXTUAL_KEYS:
                description = _TEXTUAL_KEYS[binding.action]
            elif key not in _declared_by_lowback(active.node) or not description:
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
            yield Label("s  safety information · esc closes this", id="keys-hint")

    def action_safety(self) -> None:
        """Read the safety information again."""
        self.app.switch_screen(SafetyScreen())
