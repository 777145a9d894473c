"""What a command that reads no plan leaves alone: lxml and the Word
libraries stay unimported, large patterns stay uncompiled — and the patterns
put off that way are checked for backtracking like every other."""

from __future__ import annotations

import subprocess
import sys

from test_regex_safety import risks

from safetyplan.layouts import lazyre
from safetyplan.registry import get_registry

HEAVY = ("lxml", "docx", "docxtpl")


def _modules_after(argv: list[str]) -> list[str]:
    code = (
        "import sys\n"
        "from safetyplan.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.split("\n")[-2].split()


def test_listing_plugins_imports_no_xml_or_word_library() -> None:
    assert _modules_after(["plugins"]) == []


def test_help_imports_no_xml_or_word_library() -> None:
    assert _modules_after(["--help"]) == []


def test_patterns_compiled_on_first_use_do_not_backtrack() -> None:
    get_registry()  # imports every layout, declaring their patterns
    assert lazyre.DECLARED
    flagged = {p.pattern: risks(p.pattern, p.flags) for p in lazyre.DECLARED if risks(p.pattern, p.flags)}
    assert not flagged, flagged


def test_a_lazy_pattern_compiles_once() -> None:
    pattern = lazyre.LazyPattern(r"[一二三]{1,3}、")
    assert pattern.compiled is pattern.compiled
    assert pattern.compiled.match("一、")
    lazyre.DECLARED.remove(pattern)
