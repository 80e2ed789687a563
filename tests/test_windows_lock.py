"""The results lock on Windows, where there is no fcntl: msvcrt's lock on one byte of the lock
file, far past the process id written at its start. Windows is not at hand, so msvcrt is a fake
that keeps Windows' rules: a locked byte is refused to every other descriptor, a lock is given up
by LK_UNLCK (or by closing), and an open file cannot be removed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from goodlooks.base.errors import UsageError
from goodlooks.results import lock


class FakeMsvcrt:
    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        self.locked: dict[tuple[int, int, int], int] = {}  # (device, inode, offset) -> descriptor
        self.calls: list[tuple[int, int, int]] = []

    def locking(self, descriptor: int, mode: int, count: int) -> None:
        position = os.lseek(descriptor, 0, os.SEEK_CUR)
        info = os.fstat(descriptor)
        key = (info.st_dev, info.st_ino, position)
        self.calls.append((mode, position, count))
        holder = self.locked.get(key)
        if mode == self.LK_UNLCK:
            if holder != descriptor:
                raise PermissionError(13, "not locked by this descriptor")
            del self.locked[key]
        elif holder is not None and holder != descriptor:
            raise PermissionError(13, "Permission denied")  # what msvcrt raises for a held region
        else:
            self.locked[key] = descriptor


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    fake = FakeMsvcrt()
    monkeypatch.setattr(lock, "fcntl", None)
    monkeypatch.setattr(lock, "msvcrt", fake)
    monkeypatch.setattr(lock, "_HELD", {})
    return fake


def _another_process() -> None:
    """What another goodlooks would see: none of this process's held locks (the fake's table stays)."""
    lock._HELD.clear()


def test_without_fcntl_the_lock_is_msvcrt_on_a_byte_past_the_process_id(windows, tmp_path: Path):
    results = tmp_path / "r.json"
    lock.hold(results)
    assert windows.calls == [(FakeMsvcrt.LK_NBLCK, lock.WINDOWS_LOCKED_BYTE, 1)]
    assert lock.lock_path(results).read_text() == f"{os.getpid()}\n"  # written at the start, not at the lock


def test_a_second_writer_is_refused_naming_the_holder(windows, tmp_path: Path):
    results = tmp_path / "r.json"
    lock.hold(results)
    held = dict(lock._HELD)
    _another_process()
    with pytest.raises(UsageError) as refused:
        lock.hold(results)
    assert f"r.json is being written by another goodlooks (process {os.getpid()})" in str(refused.value)
    lock._HELD.update(held)
    lock.release_all()


def test_giving_up_unlocks_then_closes_then_removes_the_file(windows, tmp_path: Path, monkeypatch):
    results = tmp_path / "r.json"
    lock.hold(results)
    (descriptor,) = lock._HELD.values()
    order: list[str] = []
    real_unlink, real_close = os.unlink, os.close

    def unlink(path, *args, **kwargs):  # Windows: an open file cannot be removed
        if descriptor not in closed:
            order.append("unlink refused")
            raise PermissionError(13, "The process cannot access the file")
        order.append("unlink")
        return real_unlink(path, *args, **kwargs)

    closed: set[int] = set()

    def close(fd):
        if fd == descriptor:
            order.append("close")
            closed.add(fd)
        return real_close(fd)

    monkeypatch.setattr(lock.os, "unlink", unlink)
    monkeypatch.setattr(lock.os, "close", close)
    lock.release_all()
    assert windows.locked == {}
    assert windows.calls[-1] == (FakeMsvcrt.LK_UNLCK, lock.WINDOWS_LOCKED_BYTE, 1)
    assert order == ["unlink refused", "close", "unlink"]
    assert not lock.lock_path(results).exists()


def test_a_lock_given_up_can_be_taken_again(windows, tmp_path: Path):
    results = tmp_path / "r.json"
    lock.hold(results)
    lock.release_all()
    _another_process()
    lock.hold(results)  # no error: the byte is free
    assert lock.lock_path(results).read_text() == f"{os.getpid()}\n"
    lock.release_all()


def test_with_neither_lock_there_is_nothing_to_take(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(lock, "fcntl", None)
    monkeypatch.setattr(lock, "msvcrt", None)
    monkeypatch.setattr(lock, "_HELD", {})
    lock.hold(tmp_path / "r.json")
    assert lock._HELD == {} and not lock.lock_path(tmp_path / "r.json").exists()
