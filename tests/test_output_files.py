"""Files safetyplan writes: whole or not at all, and readable by whoever the
folder's files are readable by."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from safetyplan.api import write_atomic

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path: Path) -> None:
    target = tmp_path / "plan.xml"
    write_atomic(target, lambda stream: stream.write(b"<plan/>"))
    assert target.read_bytes() == b"<plan/>"
    assert _mode(target) == 0o666 & ~_umask()


def test_a_new_file_follows_the_umask_in_force_when_it_is_written(tmp_path: Path) -> None:
    target = tmp_path / "plan.xml"
    previous = os.umask(0o027)
    try:
        write_atomic(target, lambda stream: stream.write(b"<plan/>"))
    finally:
        os.umask(previous)
    assert _mode(target) == 0o640


@pytest.mark.parametrize(("before", "after"), [(0o640, 0o640), (0o604, 0o604), (0o4750, 0o750)])
def test_a_replaced_file_keeps_its_permission_bits(tmp_path: Path, before: int, after: int) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old")
    target.chmod(before)
    write_atomic(target, lambda stream: stream.write(b"new"))
    assert target.read_bytes() == b"new"
    assert _mode(target) == after


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.xml"
    target.write_bytes(b"kept")

    def fail(stream: object) -> None:
        raise RuntimeError("writer broke")

    with pytest.raises(RuntimeError):
        write_atomic(target, fail)
    assert target.read_bytes() == b"kept"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xml"]
