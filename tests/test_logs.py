"""The log file: private, and kept short."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from lowback_tui.core import logs


@pytest.fixture
def own_handlers() -> Iterator[None]:
    """Take off whatever handler a test's start_logging() added."""
    before = list(logs.log.handlers)
    yield
    for handler in logs.log.handlers[len(before) :]:
        handler.close()
        logs.log.removeHandler(handler)
    logs.log.setLevel(logging.NOTSET)


@pytest.mark.usefixtures("own_handlers")
def test_a_long_log_is_set_aside_at_start_and_a_fresh_one_begun(private_home: Path) -> None:
    path = private_home / "data" / "lowback.log"
    path.parent.mkdir(parents=True)
    path.write_text("x" * (logs.MAX_BYTES + 1))
    assert logs.start_logging() == str(path)
    logs.log.info("hello")
    assert (path.parent / "lowback.log.1").stat().st_size == logs.MAX_BYTES + 1
    assert path.read_text().endswith("INFO lowback: hello\n")
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.usefixtures("own_handlers")
def test_a_short_log_is_added_to(private_home: Path) -> None:
    path = private_home / "data" / "lowback.log"
    path.parent.mkdir(parents=True)
    path.write_text("earlier\n")
    logs.start_logging()
    logs.log.info("later")
    assert path.read_text().startswith("earlier\n")
    assert not (path.parent / "lowback.log.1").exists()
