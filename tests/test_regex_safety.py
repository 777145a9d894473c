"""No regular expression in safetyplan or its built-in plugins backtracks
catastrophically.

Two checks.  Adversarial text (long runs of digits, brackets, punctuation,
numbering, one 100,000-character line, thousands of bare labels) is fed to
every installed layout's ``detect`` and ``parse`` and to every reader, each
call under a generous alarm: a call that is still running after it is hung,
not slow.  And the source is scanned for the constructs that make a pattern
blow up — a repeat of something that can itself match a variable length,
alternatives that overlap under a repeat, unbounded repeats side by side over
the same characters — so a risky pattern is caught even where no test text
happens to trigger it.
"""

from __future__ import annotations

import ast
import html
import importlib
import pkgutil
import re
import signal
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import safetyplan
from safetyplan.document import Cell, Document, Paragraph, Row, Table
from safetyplan.errors import SafetyPlanError
from safetyplan.readers.text import text_to_blocks
from safetyplan.registry import get_registry

sys.path.insert(0, str(Path(__file__).parent))
from hostile import document_xml, docx_bytes, paragraph_xml

HANG_SECONDS = 20
sre_c: Any = importlib.import_module("re._constants")  # the parser's vocabulary, stable within a Python version
sre_parse: Any = importlib.import_module("re._parser")
ROOT = Path(__file__).parents[1]

PAYLOADS: dict[str, str] = {
    "digits": "1" * 100_000,
    "digits-dots": "1." * 50_000,
    "brackets": "（（（(((〔〔" * 12_500,
    "closing-brackets": "）)〕】" * 25_000,
    "unclosed-labels": "（一" * 50_000,
    "punctuation": "，。、；：！？…—" * 11_000,
    "cn-labels": "一、" * 50_000,
    "paren-labels": "（一）" * 7_000,
    "long-line": "安全生产责任落实" * 12_500,
    "spaces": " " * 50_000 + "\u3000" * 50_000 + "x",
    "lines-of-1.": "1.\n" * 5_000,
    "lines-of-labels": "一、\n（一）\n1．\n（1）\n" * 1_250,
    "unit-list": "（责任单位：" + "区应急管理局、" * 14_000,
    "nested-parens": "（牵头单位：甲（乙（丙" * 8_000,
    "deadlines": "2022年9月底前完成，" * 10_000,
    "markdown": "#" * 50_000 + "*" * 50_000,
    "p-fragments": "任务\t" + "<p>" * 30_000 + "\t单位",
    "tabs": "甲\t" * 50_000,
    "mixed-numerals": "十一二三四五六七八九百千" * 8_000,
}


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang()


def bounded(what: str, call: Callable[[], object]) -> None:
    """Run ``call`` under an alarm; a hang fails, a SafetyPlanError is a
    fine answer, any other exception is a bug named in the failure."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        call()
    except _Hang:
        pytest.fail(f"{what}: still running after {HANG_SECONDS} s (catastrophic backtracking?)")
    except SafetyPlanError:
        pass
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def payload_documents(text: str) -> list[Document]:
    """The payload as a text file reads, and as the cells of a task table."""
    lines = [line for line in text.split("\n") if line][:200] or [text]
    header = Row(tuple(Cell((h,)) for h in ("序号", "重点任务", "责任单位", "完成时限")), 1)
    rows = tuple(Row(tuple(Cell((line,)) for _ in range(4)), i + 2) for i, line in enumerate(lines))
    return [
        Document(tuple(text_to_blocks(text)), path="payload.txt", format="text/utf-8"),
        Document((Paragraph("重点任务分工表", 1), Table((header, *rows), 2)), path="payload.docx", format="docx"),
    ]


LAYOUTS = {reg.obj.name: reg.obj for reg in get_registry().layouts}
READERS = {reg.obj.name: reg.obj for reg in get_registry().readers}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_layouts_finish_on_adversarial_text(layout: str, payload: str) -> None:
    obj = LAYOUTS[layout]
    for document in payload_documents(PAYLOADS[payload]):
        bounded(f"{layout}.detect on {payload}", lambda: obj.detect(document))  # noqa: B023
        bounded(f"{layout}.parse on {payload}", lambda: obj.parse(document))  # noqa: B023


def reader_inputs(reader: str, text: str) -> Iterator[bytes]:
    """The payload as the bytes a reader of this kind would be given."""
    yield text.encode("utf-8")
    if reader == "docx":
        body = "".join(paragraph_xml(html.escape(line)) for line in text.split("\n")[:2000])
        yield docx_bytes({"word/document.xml": document_xml(body)})
    elif reader == "html":
        yield ("<p>" + html.escape(text).replace("\n", "</p><p>") + "</p>").encode("utf-8")
    elif reader == "xml":
        yield f'<?xml version="1.0"?><plan xmlns="urn:safetyplan:plan:1.0"><title>{html.escape(text)}</title></plan>'.encode()


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_readers_finish_on_adversarial_text(reader: str, payload: str) -> None:
    obj = READERS[reader]
    for data in reader_inputs(reader, PAYLOADS[payload]):
        bounded(f"{reader} reader on {payload}", lambda: obj.read(data, path=f"payload.{reader}"))  # noqa: B023


# -- the static scan -------------------------------------------------------------

_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT}
_UNBOUNDED = sre_c.MAXREPEAT
_SAMPLE = (
    [chr(c) for c in range(0x20, 0x7F)]
    + list("\t\n\r\x0b\x0c\xa0\u3000")
    + list("，。、；：！？…—（）〔〕【】《》“”‘’．＊＃")
    + list("一二三四五六七八九十百千零〇两")
    + list("０１２３４５６７８９ＡＢａｂ")
    + list("安全生产责任单位区应急管理局完成时限年月日前底")
)
_COMBINATIONS_LIMIT = 10**6


def _category(cat: Any, ch: str) -> bool:
    name = str(cat)
    negate = "NOT_" in name
    if "DIGIT" in name:
        hit = unicodedata.category(ch) == "Nd"
    elif "SPACE" in name:
        hit = ch.isspace()
    elif "WORD" in name:
        hit = ch.isalnum() or ch == "_"
    elif "LINEBREAK" in name:
        hit = ch == "\n"
    else:
        hit = True
    return hit != negate


def _item_matches(op: Any, av: Any, ch: str, ignore_case: bool) -> bool:
    """Whether a one-character item of a parsed pattern can match ``ch``."""
    c = ord(ch)
    if op is sre_c.LITERAL:
        return bool(c == av or (ignore_case and ch.lower() == chr(av).lower()))
    if op is sre_c.NOT_LITERAL:
        return bool(c != av)
    if op is sre_c.ANY:
        return ch != "\n"
    if op is sre_c.CATEGORY:
        return _category(av, ch)
    if op is sre_c.IN:
        negate = False
        hit = False
        for sub_op, sub_av in av:
            if sub_op is sre_c.NEGATE:
                negate = True
            elif sub_op is sre_c.RANGE:
                lo, hi = sub_av
                hit |= lo <= c <= hi or (ignore_case and lo <= ord(ch.lower()) <= hi)
            elif sub_op is sre_c.RANGE_UNI_IGNORE:
                lo, hi = sub_av
                hit |= lo <= ord(ch.lower()) <= hi or lo <= c <= hi
            else:
                hit |= _item_matches(sub_op, sub_av, ch, ignore_case)
        return hit != negate
    return True  # anything else: assume it may match


_ALL = frozenset(_SAMPLE)
_ONE_CHAR = (sre_c.LITERAL, sre_c.NOT_LITERAL, sre_c.ANY, sre_c.CATEGORY, sre_c.IN)
_ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)


def _first(seq: Any, ignore_case: bool) -> tuple[frozenset[str], bool]:
    """The sample characters ``seq`` can begin with, and whether it can
    match the empty string (unknown constructs: any character, maybe empty)."""
    chars: set[str] = set()
    for op, av in seq:
        if op in _ONE_CHAR:
            chars |= {ch for ch in _SAMPLE if _item_matches(op, av, ch, ignore_case)}
            return frozenset(chars), False
        if op in _ZERO_WIDTH:
            continue
        if op is sre_c.SUBPATTERN:
            head, empty = _first(av[3], ignore_case)
        elif op is sre_c.ATOMIC_GROUP:
            head, empty = _first(av, ignore_case)
        elif op in _REPEATS or op is sre_c.POSSESSIVE_REPEAT:
            head, empty = _first(av[2], ignore_case)
            empty = empty or av[0] == 0
        elif op is sre_c.BRANCH:
            parts = [_first(alt, ignore_case) for alt in av[1]]
            head = frozenset().union(*(h for h, _ in parts))
            empty = any(e for _, e in parts)
        else:
            return _ALL, True
        chars |= head
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _follow(items: list[Any], index: int, after: frozenset[str], ignore_case: bool) -> frozenset[str]:
    """What can come right after ``items[index]``: the rest of the
    sequence, and ``after`` where the rest can be empty."""
    head, empty = _first(items[index + 1 :], ignore_case)
    return head | after if empty else head


def _variable_repeats(seq: Any) -> Iterator[tuple[int, int]]:
    """Bounds of every variable-length repeat nested anywhere in ``seq`` (not
    through atomic groups or possessive repeats, which never backtrack)."""
    for op, av in seq:
        if op in _REPEATS:
            if av[0] != av[1]:
                yield av[0], av[1]
            yield from _variable_repeats(av[2])
        elif op is sre_c.SUBPATTERN:
            yield from _variable_repeats(av[3])
        elif op is sre_c.BRANCH:
            for alt in av[1]:
                yield from _variable_repeats(alt)


def risks(pattern: str | bytes, flags: int = 0) -> list[str]:
    """What in ``pattern`` can make the regex engine backtrack without
    bound on a long adversarial line.

    A repeat whose body can split the same text in more than one way is the
    danger: its body holds a variable-length repeat over characters that can
    also begin what follows it (the rest of the body, or the body's next
    round), or alternatives that can begin alike.  Unbounded, that is
    exponential; bounded, it is flagged when the number of splits is large.
    Two unbounded repeats side by side over the same characters are flagged
    too (polynomial, but a 100,000-character line makes that a hang).
    """
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return []
    ignore_case = bool(flags & re.IGNORECASE)
    found: set[str] = set()

    def ambiguous_body(items: list[Any], after: frozenset[str], outer_high: int) -> bool:
        """Whether one round of a repeat over ``items`` (followed by
        ``after``) can end in more than one place."""
        for index, (op, av) in enumerate(items):
            follow = _follow(items, index, after, ignore_case)
            if op in _REPEATS:
                low, high, inner = av
                if low != high and _first(inner, ignore_case)[0] & follow:
                    return _many_splits(low, high, outer_high)
                if any(_many_splits(lo, hi, outer_high) for lo, hi in _variable_repeats(inner)):
                    return True
            elif op is sre_c.SUBPATTERN and ambiguous_body(list(av[3]), follow, outer_high):
                return True
            elif op is sre_c.BRANCH:
                heads = [_first(alt, ignore_case) for alt in av[1]]
                seen: set[str] = set()
                for head, empty in heads:
                    if (empty or seen & head) and (outer_high == _UNBOUNDED or outer_high > 50):
                        found.add("a repeated alternation whose alternatives can begin alike")
                        return True
                    seen |= head
                if any(ambiguous_body(list(alt), follow, outer_high) for alt in av[1]):
                    return True
        return False

    def walk(seq: Any) -> None:
        items = list(seq)
        for index, (op, av) in enumerate(items):
            if op in _REPEATS:
                _, high, body = av
                if high >= 2:
                    body_items = list(body)
                    if ambiguous_body(body_items, _first(body_items, ignore_case)[0], high):
                        found.add("a repeat whose rounds can split the same text in many ways")
                if high == _UNBOUNDED:
                    nxt = items[index + 1] if index + 1 < len(items) else None
                    if nxt is not None and nxt[0] in _REPEATS and nxt[1][1] == _UNBOUNDED:
                        if _first(body, ignore_case)[0] & _first(nxt[1][2], ignore_case)[0]:
                            found.add("two unbounded repeats side by side over the same characters")
                walk(body)
            elif op is sre_c.SUBPATTERN:
                walk(av[3])
            elif op is sre_c.BRANCH:
                for alt in av[1]:
                    walk(alt)
            elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
                walk(av[1])
            elif op is sre_c.ATOMIC_GROUP:
                walk(av)

    walk(parsed)
    return sorted(found)


def _many_splits(low: int, high: int, outer_high: int) -> bool:
    """Whether an inner repeat of ``low..high`` rounds inside an outer
    repeat of up to ``outer_high`` rounds gives too many ways to split."""
    if high == _UNBOUNDED or outer_high == _UNBOUNDED:
        return True
    return bool((high - low + 1) ** min(outer_high, 50) > _COMBINATIONS_LIMIT)


def _modules() -> Iterator[str]:
    yield "safetyplan"
    for info in pkgutil.walk_packages(safetyplan.__path__, "safetyplan."):
        yield info.name
    for package in sorted((ROOT / "plugins").glob("safetyplan_*")):
        if (package / "__init__.py").exists():
            yield package.name
            for info in pkgutil.walk_packages([str(package)], f"{package.name}."):
                yield info.name


def _patterns_in(value: Any, depth: int = 0) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, type):
        for item in vars(value).values():
            yield from _patterns_in(item, depth + 1)


_RE_FUNCTIONS = {"compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


def _literal_patterns(path: Path) -> Iterator[tuple[int, str, int]]:
    """Patterns written as string literals in calls to ``re`` functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _RE_FUNCTIONS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value, 0


def all_patterns() -> dict[str, tuple[str | bytes, int]]:
    """Every pattern the code compiles at import time or writes literally,
    keyed by where it was found."""
    found: dict[str, tuple[str | bytes, int]] = {}
    for name in _modules():
        try:
            module = importlib.import_module(name)
        except Exception:  # a module that does not import is another test's failure
            continue
        for attr, value in vars(module).items():
            if isinstance(value, type) and value.__module__ != name:
                continue
            for compiled in _patterns_in(value):
                found[f"{name}.{attr}: {compiled.pattern!r}"] = (compiled.pattern, compiled.flags)
        source = getattr(module, "__file__", None)
        if source and source.endswith(".py"):
            where = Path(source)
            shown = where.relative_to(ROOT) if ROOT in where.parents else where
            for line, text, flags in _literal_patterns(where):
                found[f"{shown}:{line}: {text!r}"] = (text, flags)
    return found


@pytest.mark.parametrize(
    ("pattern", "risky"),
    [
        (r"(a+)+$", True),
        (r"(\d{1,3})+x", True),
        (r"(?:\s*\s)*x", True),
        (r"(a|a)*b", True),
        (r"(a|aa)+$", True),
        (r"(\d+|[a-z]+)*!", True),
        (r"(\d|\w)+x", False),
        (r"(?:\s*\d)*", False),
        (r"^\s{0,3}(?:[-*_=]\s{0,2}){3,}$", False),
        (r"[^>»›]{1,40}(?:[>»›][^>»›]{1,40}){2,}", False),
        (r"\s*\s*x", True),
        (r".*.*=.*", True),
        (r"(?:[、，]\s{0,2}[^、]{1,40}){0,30}", True),
        (r"\d+\D+", False),
        (r"[（(]\s{0,3}(\d{1,3})\s{0,3}[）)]", False),
        (r"(?:\d{1,3}){0,3}", False),
        (r"<p(?:\s[^<>]{0,200})?>", False),
        (r"(?:一|二|三)+、", False),
        (r"(?>a+)+b", False),
        (r"\s+", False),
    ],
)
def test_the_scan_tells_risky_patterns_apart(pattern: str, risky: bool) -> None:
    assert bool(risks(pattern)) == risky, risks(pattern)


def test_no_pattern_in_the_code_is_risky() -> None:
    patterns = all_patterns()
    assert len(patterns) > 20
    flagged = {where: risks(p, f) for where, (p, f) in patterns.items() if risks(p, f)}
    assert not flagged, "\n".join(f"{where}: {', '.join(why)}" for where, why in flagged.items())
