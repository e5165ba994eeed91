"""`lowback remind`: a daily reminder through the system's own scheduler (desktop/reminder.py),
and `lowback remind --now`, what the scheduler runs each day. No textual here either."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lowback_tui.cli_output import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, remembered_routine, say

if TYPE_CHECKING:
    import argparse


def cmd_remind(args: argparse.Namespace) -> int:
    """Remind you daily, through the system's own scheduler (--at HH:MM, --off)."""
    from lowback_tui.desktop import reminder

    if args.now:
        return _remind_now()
    if args.off:
        outcome = reminder.turn_off()
    elif args.at is not None:
        from lowback_tui.desktop.schedule import parse_at

        try:
            at = parse_at(args.at)
        except ValueError as error:
            say(f"lowback remind: --at {error}", err=True)
            return EXIT_BAD_INPUT
        outcome = reminder.turn_on(at)
    else:
        found = reminder.status()
        hint = "" if found.at else " (`lowback remind --at HH:MM` sets one)"
        say(f"daily reminder: {found}{hint}")
        return EXIT_OK
    say(outcome.message if outcome.ok else f"lowback remind: {outcome.message}", err=not outcome.ok)
    return EXIT_OK if outcome.ok else EXIT_FAILED


def _remind_now() -> int:
    """The scheduler's daily run: a notification, unless today is done or a rest day. Quiet on
    success (cron would mail what it prints); one line on stderr when it cannot be shown."""
    from lowback_tui.core import wording
    from lowback_tui.core.history.store import HistoryStore
    from lowback_tui.core.trainer import Trainer
    from lowback_tui.desktop import notify

    text = Trainer(remembered_routine(), store=HistoryStore.open_existing()).reminder()
    if text is None:
        return EXIT_OK
    problem = notify.show(wording.REMINDER_TITLE, text)
    if problem:
        say(f"lowback remind: {problem}", err=True)
        return EXIT_FAILED
    return EXIT_OK
