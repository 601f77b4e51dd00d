"""The clock's setting: read once from the environment, naive times are UTC, None is real time."""

import datetime as dt

import pytest
from conftest import PINNED_NOW

from readinglist.core import clock


@pytest.fixture
def unset(monkeypatch):
    """The clock as a fresh program finds it: not yet read from the environment."""
    monkeypatch.setattr(clock, "_skew", None)
    yield monkeypatch
    clock.start_at(PINNED_NOW)


def test_the_setting_may_carry_spaces_and_any_offset(unset):
    unset.setenv(clock.ENV, "  2031-02-03T04:05:06+02:00 ")
    assert clock.now(dt.UTC).replace(microsecond=0) - dt.datetime(
        2031, 2, 3, 2, 5, 6, tzinfo=dt.UTC
    ) < dt.timedelta(minutes=1)


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_setting_is_the_system_clock(unset, value):
    unset.setenv(clock.ENV, value)
    assert abs(clock.now(dt.UTC) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_no_setting_at_all_is_the_system_clock(unset):
    unset.delenv(clock.ENV, raising=False)
    assert abs(clock.now(dt.UTC) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_start_at_none_goes_back_to_the_system_clock(unset):
    clock.start_at(dt.datetime(2040, 1, 1))
    clock.start_at(None)
    assert abs(clock.now(dt.UTC) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_a_naive_instant_is_utc_and_an_aware_one_keeps_its_offset(unset):
    clock.start_at(dt.datetime(2030, 6, 1, 12, 0))
    assert clock.now(dt.UTC).hour == 12
    clock.start_at(dt.datetime(2030, 6, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3))))
    assert clock.now(dt.UTC).hour == 9
    local = clock.now()
    assert local.tzinfo is None
    assert abs(local - clock.now(dt.UTC).astimezone().replace(tzinfo=None)) < dt.timedelta(
        minutes=1
    )
