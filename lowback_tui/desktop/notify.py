"""The daily reminder's desktop notification: freedesktop notifications through `notify-send`
or `gdbus`, `osascript` on macOS, a PowerShell toast on Windows.

`notifier_for` and `notify_command` are pure (what would be run, given the programs found);
`show` runs it through child_processes' CHILDREN (a process group, a time limit) and waits.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from lowback_tui import child_processes

LIMIT_SECONDS = 10.0
"""The longest a notifier may take to hand the notification over."""

NOTIFY_SEND, GDBUS, OSASCRIPT, POWERSHELL = "notify-send", "gdbus", "osascript", "powershell"

POWERSHELL_APP = r"{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe"
"""The app a toast is shown as: PowerShell's own id, which Windows knows without registering
one of lowback's."""

_TOAST = """\
[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, \
ContentType = WindowsRuntime] > $null
$t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent(\
[Windows.UI.Notifications.ToastTemplateType]::ToastText02)
$x = $t.GetElementsByTagName('text')
$x.Item(0).AppendChild($t.CreateTextNode({title})) > $null
$x.Item(1).AppendChild($t.CreateTextNode({text})) > $null
$n = [Windows.UI.Notifications.ToastNotification]::new($t)
[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier({app}).Show($n)"""


def notifier_for(platform: str, which: Callable[[str], str | None]) -> tuple[str, str] | None:
    """The notifier to use here, (its kind, its path), or None when there is none."""
    if platform == "darwin":
        kinds: tuple[str, ...] = (OSASCRIPT,)
    elif platform == "win32":
        kinds = (POWERSHELL, "pwsh")
    else:
        kinds = (NOTIFY_SEND, GDBUS)
    for kind in kinds:
        path = which(kind)
        if path:
            return (POWERSHELL if kind == "pwsh" else kind), path
    return None


def _gvariant(text: str) -> str:
    """A string as GVariant text (gdbus call's arguments), whatever is in it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _powershell(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def notify_command(kind: str, path: str, title: str, text: str) -> list[str]:
    """The command that shows `title` and `text` as a notification with the notifier `kind`
    found at `path`."""
    if kind == NOTIFY_SEND:
        return [path, "--app-name=lowback", title, text]
    if kind == GDBUS:
        return [
            path, "call", "--session", "--dest", "org.freedesktop.Notifications",
            "--object-path", "/org/freedesktop/Notifications",
            "--method", "org.freedesktop.Notifications.Notify",
            '"lowback"', "uint32 0", '""', _gvariant(title), _gvariant(text),
            "@as []", "@a{sv} {}", "int32 -1",
        ]  # fmt: skip
    if kind == OSASCRIPT:
        script = f"display notification {_applescript(text)} with title {_applescript(title)}"
        return [path, "-e", script]
    script = _TOAST.format(
        title=_powershell(title), text=_powershell(text), app=_powershell(POWERSHELL_APP)
    )
    return [path, "-NoProfile", "-NonInteractive", "-Command", script]


def session_bus(env: Mapping[str, str], uid: int, exists: Callable[[Path], bool]) -> str | None:
    """The session bus to name for a notifier started by cron, which sets no
    DBUS_SESSION_BUS_ADDRESS: the person's bus at /run/user/UID/bus, if it is there. None when
    the variable is set already, or there is no such bus."""
    if env.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    bus = Path(f"/run/user/{uid}/bus")
    return f"unix:path={bus}" if exists(bus) else None


def available() -> str | None:
    """The notifier this system has ("notify-send", say); None when there is none."""
    found = notifier_for(sys.platform, shutil.which)
    return found[0] if found else None


def show(title: str, text: str) -> str | None:
    """Show the notification and wait until it has been handed over; None when shown, else why
    not, in one line."""
    found = notifier_for(sys.platform, shutil.which)
    if found is None:
        return "no way to show a desktop notification was found (notify-send or gdbus)"
    getuid = getattr(os, "getuid", None)
    bus = session_bus(os.environ, getuid(), Path.exists) if getuid else None
    if bus:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = bus  # this process only: it ends after this
    kind, path = found
    try:
        child = child_processes.CHILDREN.start(
            notify_command(kind, path, title, text), limit=LIMIT_SECONDS, length=LIMIT_SECONDS
        )
    except OSError as error:
        return f"{kind} could not start: {error.strerror or error}"
    if child is None:
        return "lowback is ending"
    try:
        code = child.wait(LIMIT_SECONDS + 1)
    except subprocess.TimeoutExpired:  # its limit ended it meanwhile
        return f"{kind} did not finish in time"
    return None if code == 0 else f"{kind} failed (exit status {code})"
