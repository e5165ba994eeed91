"""Every snapshot on disk belongs to a test that still exists.

syrupy fails a serial run on a snapshot no test uses, but not a run under pytest-xdist (README's
`pytest -n auto`), so this keeps that check whichever way the suite runs: a renamed or removed
snapshot test leaves no picture behind. (A removed parameter of a test that remains is still
found only by a serial run of its file.)
"""

from __future__ import annotations

import importlib
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__"


def test_every_snapshot_names_a_snapshot_test_that_exists() -> None:
    orphans = []
    pictures = sorted(SNAPSHOTS.glob("*/*.svg"))
    assert pictures, f"no snapshots found in {SNAPSHOTS}"
    for picture in pictures:
        module = importlib.import_module(f"tests.{picture.parent.name}")
        name, _, parameters = picture.stem.partition("[")
        test = getattr(module, name, None)
        marks = [mark.name for mark in getattr(test, "pytestmark", [])]
        if test is None or (parameters and "parametrize" not in marks):
            orphans.append(str(picture.relative_to(SNAPSHOTS)))
    assert orphans == []
