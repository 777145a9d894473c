"""What a command that reads no plan leaves alone: lxml and the Word
libraries stay unimported, large patterns stay uncompiled — and the patterns
put off that way are checked for backtracking like every other."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from importlib.metadata import entry_points

from test_regex_safety import risks

from safetyplan.layouts import lazyre
from safetyplan.registry import get_registry

HEAVY = ("lxml", "docx", "docxtpl")
PARSERS = ("safetyplan.layouts.official", "safetyplan.layouts.notation", "safetyplan.layouts.outline")
"""The shared plan readers, which a layout imports when it first reads a plan."""


def _modules_after(argv: list[str], wanted: tuple[str, ...] = HEAVY) -> list[str]:
    code = (
        "import sys\n"
        "from safetyplan.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(' '.join(sorted(m for m in sys.modules if m.startswith({wanted!r}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.split("\n")[-2].split()


def test_listing_plugins_imports_no_xml_or_word_library() -> None:
    assert _modules_after(["plugins"]) == []


def test_help_imports_no_xml_or_word_library() -> None:
    assert _modules_after(["--help"]) == []


def test_listing_plugins_reads_no_plan_so_imports_no_plan_reader() -> None:
    assert _modules_after(["plugins"], PARSERS) == []


def _import_every_module() -> None:
    """Every module of the core and of each installed plugin package, so that
    all their lazy patterns are declared whatever a command imports."""
    packages = ["safetyplan", *(ep.module.split(".")[0] for ep in entry_points(group="safetyplan"))]
    for name in packages:
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            importlib.import_module(info.name)


def test_patterns_compiled_on_first_use_do_not_backtrack() -> None:
    get_registry()
    _import_every_module()
    assert lazyre.DECLARED
    flagged = {p.pattern: risks(p.pattern, p.flags) for p in lazyre.DECLARED if risks(p.pattern, p.flags)}
    assert not flagged, flagged


def test_a_lazy_pattern_compiles_once() -> None:
    pattern = lazyre.LazyPattern(r"[一二三]{1,3}、")
    assert pattern.compiled is pattern.compiled
    assert pattern.compiled.match("一、")
    lazyre.DECLARED.remove(pattern)
