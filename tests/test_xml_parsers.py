"""Each thread reads with parsers it keeps from one document to the next:
nothing of one document (an error, its line) carries into the next, and
threads reading at once each get their own plans."""

from __future__ import annotations

import threading

import pytest

from safetyplan.errors import UnreadableFileError
from safetyplan.formats import xml as sxml
from safetyplan.model import Plan

HEAD = '<plan xmlns="urn:safetyplan:plan:1.0">'


@pytest.mark.parametrize("layout", ["\n  ", ""])
def test_an_error_does_not_carry_into_the_next_document(layout: str) -> None:
    for line in (3, 5, 2):
        broken = (HEAD + "\n" * (line - 1) + "<title>t</titel></plan>").encode()
        with pytest.raises(UnreadableFileError) as caught:
            sxml.loads(broken)
        assert caught.value.line == line
        assert sxml.loads(f"{HEAD}{layout}<title>ok</title></plan>".encode()) == (Plan("ok"),)


def test_threads_reading_at_once_each_get_their_own_plans() -> None:
    results: dict[int, list[tuple[Plan, ...]]] = {}

    def read(n: int) -> None:
        data = sxml.dumps(Plan(f"plan {n}", preamble=tuple(f"段落{i}" for i in range(50))))
        results[n] = [sxml.loads(data) for _ in range(50)]

    threads = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, plans in results.items():
        assert all(p == (Plan(f"plan {n}", preamble=tuple(f"段落{i}" for i in range(50))),) for p in plans)
