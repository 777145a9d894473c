"""The documentation's code runs: every ``python`` block in README.md and docs/.

Two kinds of block are checked, so that the docs cannot drift from the code:

- ```` ```python ```` blocks are executed, in order, one namespace per page,
  in a scratch folder holding the bundled example plans (``examples/plans``)
  and the example templates;
- ```` ```py ```` blocks are excerpts of real files: their lines must appear,
  in order and contiguous (indentation aside), in a file of the repository.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```(python|py)\s*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
SOURCES = [p for d in ("safetyplan", "plugins", "examples") for p in (ROOT / d).rglob("*.py")]


def blocks(page: Path, kind: str) -> list[str]:
    return [m.group(2) for m in BLOCK.finditer(page.read_text(encoding="utf-8")) if m.group(1) == kind]


def _stripped_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p, "python")], ids=lambda p: p.name)
def test_python_blocks_run(page: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        for n, code in enumerate(blocks(page, "python"), start=1):
            try:
                exec(compile(code, f"{page.name} block {n}", "exec"), namespace)
            except Exception as exc:  # the message names the page and block
                raise AssertionError(f"{page.name}, python block {n} failed: {type(exc).__name__}: {exc}") from exc
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p, "py")], ids=lambda p: p.name)
def test_excerpts_match_sources(page: Path) -> None:
    sources = {path: _stripped_lines(path.read_text(encoding="utf-8")) for path in SOURCES}
    for n, excerpt in enumerate(blocks(page, "py"), start=1):
        want = _stripped_lines(excerpt)
        found = any(
            lines[i : i + len(want)] == want for lines in sources.values() for i in range(len(lines) - len(want) + 1)
        )
        assert found, f"{page.name}, excerpt {n} (starting {want[0]!r}) is not in any source file any more"
