"""The Qt binding must not lose references to None, True or False.

PySide6 6.12.0 drops one reference to None on every call of a Qt method that
returns nothing; on CPython 3.11 None is then freed after a few thousand calls
and the window aborts with "Fatal Python error: none_dealloc". pyproject.toml
keeps that version out; this test catches any version that does it again.
"""

import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QObject  # noqa: E402


def test_qt_calls_keep_the_reference_counts_of_none_true_and_false():
    probe = QObject()
    before = [sys.getrefcount(value) for value in (None, True, False)]
    for _ in range(1000):
        probe.setObjectName("probe")
        probe.blockSignals(False)
        probe.signalsBlocked()
    after = [sys.getrefcount(value) for value in (None, True, False)]
    assert [a - b for a, b in zip(after, before, strict=True)] == [0, 0, 0]
