"""Unit lists: who is named for a measure, with which role.

Every region writes the same grammar with different punctuation: a list of
names split by ``、，,；;`` (never inside parentheses), an optional marker in
front (``责任单位：``, ``牵头责任单位:``) and an optional role phrase behind
(``牵头``, ``配合``, ``分工负责``) that binds to the names before it.  This
module reads that grammar once for all layouts:

* :func:`parse_units` reads one list (a parenthetical's inside, a role
  phrase, a table's 责任单位 cell);
* :func:`find_unit_lists` finds the lists embedded in a measure's running
  text, tells them apart from other parentheticals (scanning brackets with
  :func:`bracket_pairs`) and says which part of the text each list covers;
* :func:`merge_assignments` joins one measure's lists, and
  :func:`measure_assignments` is both steps: a measure's units, each with the
  text its list covers, which the outline engine gives every measure;
* :func:`unit_key` is the key writers group units by, with the aliases
  plugins declare through the ``safetyplan_unit_aliases`` hook — this module
  is itself registered as a plugin and declares the common abbreviations.

Whether something is a unit name is decided from its shape (see
:mod:`.unitnames`), never from a list of known names, so plans of places
the library has not seen read the same way.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

from ..document import per_document
from ..hookspecs import hookimpl
from ..model import Assignment, Role, TextRange
from ..registry import get_registry
from .deadlines import COMPLETION_FIELDS, ONGOING_NOTE, find_deadlines
from .lazyre import LazyPattern
from .unitnames import expand_run, is_organ, is_place, level_prefix

OPENERS = "（(〔［[【"
CLOSERS = "）)〕］]】"
_CLOSER_MARKS = tuple(CLOSERS)
_CLAUSE_SEPARATORS = "，,；;"
_ITEM_SEPARATORS = "、" + _CLAUSE_SEPARATORS
_MAX_NAME = 200
"""Longer than any unit name: conjunctions inside longer text are not split."""
_MAX_LIST = 600
"""Longer than any unit list: a longer parenthetical is prose."""

_KNOWN_LABELS: dict[str, Role] = {
    "牵头责任单位": Role.LEAD,
    "协同责任单位": Role.SUPPORT,
    "配合责任单位": Role.SUPPORT,
    "牵头单位": Role.LEAD,
    "协同单位": Role.SUPPORT,
    "配合单位": Role.SUPPORT,
    "参与单位": Role.SUPPORT,
    "责任单位": Role.RESPONSIBLE,
    "责任部门": Role.RESPONSIBLE,
    "主责单位": Role.RESPONSIBLE,
}
"""Markers read without a colon too (``牵头单位市应急局``)."""

_ROLE_WORD_LABEL = re.compile(r"(牵头|配合|协同|参与|协办|协助|责任|负责|主责)\s{0,3}[：:]")
"""A role word alone before a colon (``【牵头：县市场监管局；配合：县公安局】``)."""
_LABEL = re.compile(r"([^\s：:，,、；;。（()）]{2,10}?(?:单位|部门))\s{0,3}[：:]")
"""A marker before a colon: ``责任单位：``, ``牵头责任单位:``, and typos such
as ``责区任单位：`` — short, ending in 单位/部门, naming a role (checked in
:func:`_read_label`)."""

_VERBS: tuple[tuple[str, Role], ...] = (
    ("按照职责分工负责", Role.RESPONSIBLE),
    ("按职责分工负责", Role.RESPONSIBLE),
    ("按职责负责", Role.RESPONSIBLE),
    ("分工负责", Role.RESPONSIBLE),
    ("共同负责", Role.RESPONSIBLE),
    ("具体负责", Role.RESPONSIBLE),
    ("负责落实", Role.RESPONSIBLE),
    ("分工落实", Role.RESPONSIBLE),
    ("抓好落实", Role.RESPONSIBLE),
    ("共同落实", Role.RESPONSIBLE),
    ("负责", Role.RESPONSIBLE),
    ("牵头负责", Role.LEAD),
    ("牵头落实", Role.LEAD),
    ("牵头推进", Role.LEAD),
    ("牵头", Role.LEAD),
    ("配合推进", Role.SUPPORT),
    ("配合落实", Role.SUPPORT),
    ("配合", Role.SUPPORT),
    ("协同推进", Role.SUPPORT),
    ("协同配合", Role.SUPPORT),
    ("协同", Role.SUPPORT),
    ("协助", Role.SUPPORT),
    ("协办", Role.SUPPORT),
    ("参与", Role.SUPPORT),
    ("参加", Role.SUPPORT),
)
"""Role phrases that close a clause and bind to the names before it."""
_VERB_ROLES: dict[str, Role] = dict(_VERBS)
_VERB_LENGTHS: tuple[int, ...] = tuple(sorted({len(verb) for verb, _ in _VERBS}, reverse=True))
"""The role phrases by text and their lengths, longest first: a clause's
ending is looked up rather than compared with every phrase."""
_ADVERBS = ("指导", "积极", "密切", "全力", "主动", "共同", "协助")
"""Words that may stand between a name and its role phrase (``县交通运输局指导配合``):
they say how the unit takes its role, and are no part of its name."""
_ANY_VERB = re.compile("|".join(verb for verb, _ in _VERBS))
"""Any role phrase anywhere: a clause holding none needs no cutting."""

_ETC = re.compile(r"等(?:有关|相关|其他|其它|各)?(部门单位|单位部门|部门|单位|机构|机关|企业)?$")
"""A trailing ``等有关部门``: the named units before it stay; where it names a
kind of organisation that kind is lent to bare stems (``各级发改、工信等部门``)."""

_LENDABLE = ("部门", "单位", "机构", "机关")
_ROLE_NOTE = re.compile(r"[（(]((?:牵头|配合|协同|参与|协助|责任|负责)(?:单位|部门)?|牵头负责)[）)]$")
_FIELD = re.compile(r"[^\s：:，,、；;（()）]{1,8}[：:]")
"""Another field after a unit list (``完成时限：``): the list ends there."""
_WITH = "会同"
"""Joins two lists that share a role (``A、B会同各有关部门分工负责``)."""
_CONJUNCTIONS = ("以及", "和", "及", "与")
_ANY_CONJUNCTION = re.compile("|".join(_CONJUNCTIONS))
_LEADING_WORDS = ("由",)
_TRIM = " \t\r\n\u3000:：·•。.*#"
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^<>]{0,40}>")
_ALNUM = re.compile(r"[^\W_]")


# --- splitting ----------------------------------------------------------------


_BRACKET_CHARS = re.escape(OPENERS + CLOSERS)
_ANY_OPENER = re.compile(f"[{re.escape(OPENERS)}]")


@functools.cache
def _separator_patterns(separators: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For one set of separators: a pattern finding brackets and separators,
    and one finding separators alone (text with no opener splits plainly)."""
    chars = re.escape(separators)
    return re.compile(f"[{_BRACKET_CHARS}{chars}]"), re.compile(f"[{chars}]")


@functools.cache
def _word_pattern(word: str) -> re.Pattern[str]:
    """A pattern finding brackets and ``word``."""
    return re.compile(f"[{_BRACKET_CHARS}]|{re.escape(word)}")


def _split_outside(text: str, marks: re.Pattern[str]) -> tuple[list[str], int]:
    """``text`` split at every match of ``marks`` that is no bracket and
    stands outside brackets (a stray closer closes nothing), and the depth
    of brackets left open at its end."""
    parts: list[str] = []
    depth = 0
    start = 0
    for m in marks.finditer(text):
        mark = m.group()
        if mark in OPENERS:
            depth += 1
        elif mark in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts, depth


def split_top(text: str, separators: str, *, unclosed_splits: bool = False) -> list[str]:
    """``text`` split at any of ``separators`` outside parentheses.

    With ``unclosed_splits``, text whose last opener is never closed is split
    at every separator, so a stray bracket in a table cell does not swallow
    the rest of its list."""
    marks, plain = _separator_patterns(separators)
    if not _ANY_OPENER.search(text):
        return plain.split(text)
    parts, depth = _split_outside(text, marks)
    if depth and unclosed_splits:
        return plain.split(text)
    return parts


def _split_word(text: str, word: str) -> list[str]:
    """``text`` split at ``word`` outside parentheses."""
    if word not in text:
        return [text]
    if not _ANY_OPENER.search(text):
        return text.split(word)
    return _split_outside(text, _word_pattern(word))[0]


def _split_conjoined(name: str) -> list[str]:
    """``区安委办和各安全专业委员会`` → two names; ``市文化和旅游局`` stays
    whole: a conjunction splits only where both sides are unit names."""
    if len(name) > _MAX_NAME or _ANY_CONJUNCTION.search(name) is None:
        return [name]
    for word in _CONJUNCTIONS:
        parts = _split_word(name, word)
        for i in range(1, len(parts)):
            left = word.join(parts[:i])
            right = word.join(parts[i:])
            if is_organ(left) and (is_organ(right) or is_place(right)) and _clean(right):
                return [left, *_split_conjoined(right)]
    return [name]


# --- cleaning -----------------------------------------------------------------


def _squeeze(text: str) -> str:
    """Whitespace removed, except a single space between two Latin words
    (a list broken over lines reads as one line)."""

    def keep(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""

    return _SPACE.sub(keep, text)


def _spaces(text: str, *, cell: bool) -> str:
    """Whitespace between two names separates them; whitespace inside a name
    does not.  A space becomes a separator where the text before it, back to
    the last separator, is a whole name (``市应急局　市公安局``).  In running
    text a line break never separates: lines wrap anywhere, also right after
    ``市委``; in a table cell it does, where it follows a whole name."""
    out: list[str] = []
    pos = 0
    segment = ""
    for m in _SPACE.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk)
        cut = max(chunk.rfind(c) for c in _ITEM_SEPARATORS)
        segment = chunk[cut + 1 :] if cut >= 0 else (segment + chunk)[-_MAX_NAME:]
        pos = m.end()
        if not cell and "\n" in m.group(0):
            continue
        at_separator = pos >= len(text) or text[pos] in _ITEM_SEPARATORS
        if segment and not at_separator and (is_organ(segment) or is_place(segment)):
            out.append("，")
            segment = ""
    out.append(text[pos:])
    return _squeeze("".join(out))


def _clean(name: str) -> str:
    name = name.strip(_TRIM).lstrip(CLOSERS + _TRIM)
    if name[-1:] in CLOSERS and name.count("(") + name.count("（") < name.count(")") + name.count("）"):
        name = name[:-1].strip(_TRIM)
    return name


def _has_text(name: str) -> bool:
    return _ALNUM.search(name) is not None


# --- markers ------------------------------------------------------------------


def _read_label(clause: str) -> tuple[Role, str] | None:
    """The marker a clause opens with (``责任单位：``, or the role word
    alone: ``牵头：``) and the rest."""
    m = _ROLE_WORD_LABEL.match(clause) or _LABEL.match(clause)
    if m:
        label = m.group(1)
        role = _label_role(label)
        if role is not None:
            return role, clause[m.end() :]
    for label, role in _KNOWN_LABELS.items():
        if clause.startswith(label) and len(clause) > len(label):
            return role, clause[len(label) :]
    return None


def is_marker(word: str) -> bool:
    """Whether ``word`` is a unit list's marker or role phrase (``牵头单位``,
    ``责任单位``, ``牵头``, ``配合``, the ``会同`` that joins two lists):
    notation that a Role, not a string, holds in the model."""
    if word in _KNOWN_LABELS or word in _VERB_ROLES or word == _WITH or _ROLE_WORD_LABEL.fullmatch(word + "："):
        return True
    return _LABEL.fullmatch(word + "：") is not None and _label_role(word) is not None


def _label_role(label: str) -> Role | None:
    """The role a marker names, or None where the words before the colon are
    no marker (``有关单位：``)."""
    if "牵头" in label or label.startswith("牵"):
        return Role.LEAD
    if any(word in label for word in ("协同", "配合", "参与", "协办", "协助", "配")):
        return Role.SUPPORT
    if any(word in label for word in ("责", "主办", "承办", "落实", "实施", "主管")):
        return Role.RESPONSIBLE
    return None


def _read_verb(clause: str) -> tuple[Role, str] | None:
    """The role phrase a clause closes with (``牵头``, ``分工负责``, with an
    adverb before it: ``指导配合``) and the rest."""
    for length in _VERB_LENGTHS:
        role = _VERB_ROLES.get(clause[-length:])
        if role is not None and len(clause) >= length:
            rest = clause[:-length]
            for adverb in _ADVERBS:
                if rest.endswith(adverb) and len(rest) > len(adverb):
                    return role, rest[: -len(adverb)]
            return role, rest
    return None


# --- parsing ------------------------------------------------------------------


@attrs.frozen
class _Name:
    unit: str
    canonical: str | None
    role: Role | None = None
    """The role a name's own note gives it: ``市应急局（牵头）``."""


def _own_role(item: str) -> tuple[str, Role | None]:
    """``市应急局（牵头）`` → the name and the role its note gives."""
    m = _ROLE_NOTE.search(item) if item.endswith(("）", ")")) else None
    if m is None:
        return item, None
    word = m.group(1)
    given = _read_verb(word) or _read_label(word + "：")
    return item[: m.start()], given[0] if given else None


def _names(body: str) -> list[_Name]:
    """The names of one clause (role phrase and marker already removed), with
    the canonical names its ``、`` runs abbreviate."""
    lent: str | None = None
    m = _ETC.search(body)
    if m and m.start() > 0:
        kind = m.group(1)
        lent = kind if kind in _LENDABLE else None
        body = body[: m.start()]
    for word in _LEADING_WORDS:
        if body.startswith(word):
            body = body[len(word) :]
    groups = _split_word(body, _WITH)
    names: list[_Name] = []
    for g, group in enumerate(groups):
        # 和 binds looser than 、: ``区安委会各成员单位和各镇、街道`` joins one
        # name to the list 各镇、街道, so a conjunction ends one run of
        # names that share a prefix or suffix and starts the next.
        runs: list[list[tuple[str, Role | None]]] = [[]]
        for raw in split_top(group, "、"):
            cleaned = _clean(raw)
            item, own = _own_role(cleaned)
            if len(item) != len(cleaned) or item.endswith(_CLOSER_MARKS):
                item = _clean(item)  # what _clean left needs cleaning again only there
            if not _has_text(item):
                continue
            first, *rest = _split_conjoined(item)
            runs[-1].append((first, own))
            runs.extend([(part, own)] for part in rest)
        for run in runs:
            canon = expand_run([name for name, _ in run], lent if g == len(groups) - 1 else None)
            names.extend(_Name(name, full, own) for (name, own), full in zip(run, canon, strict=True))
    return names


def _role_clauses(clause: str) -> list[str]:
    """A clause cut after every ``、`` item that closes with a role phrase:
    ``市应急局牵头、市公安局配合`` reads as two clauses."""
    if _ANY_VERB.search(clause) is None:
        return [clause]
    out: list[str] = []
    current: list[str] = []
    for item in split_top(clause, "、"):
        current.append(item)
        if _read_verb(_clean(item)) is not None:
            out.append("、".join(current))
            current = []
    if current:
        out.append("、".join(current))
    return out


def parse_units(text: str, *, role: Role = Role.RESPONSIBLE, cell: bool = False) -> list[Assignment]:
    """Parse one unit list (the inside of a ``（责任单位：…）`` parenthetical, a
    role phrase such as ``市应急局牵头,市公安局配合``, or a table's 责任单位
    cell when ``cell`` is True) into assignments in order of appearance.

    ``role`` is given to names whose list says nothing about their role.  A
    role phrase binds to every name since the previous role phrase or marker
    (``A、B牵头,C分工负责``: A and B lead); a marker binds to the names after
    it; a name's own note (``市应急局（牵头）``) binds to that name.  The list
    ends at a full stop (a note such as ``以下各项工作均需…落实`` follows) or
    at a field of another kind (``完成时限：…``).
    """
    return list(_parse_units(text, role, cell))


@per_document
def _parse_units(text: str, role: Role, cell: bool) -> tuple[Assignment, ...]:
    """:func:`parse_units`, read once per document for each list: detection
    and the parse read the same lists."""
    text = _spaces(_TAG.sub(" ", text) if cell else text, cell=cell)
    text = split_top(text, "。")[0]
    if "：" in text or ":" in text:
        text = _RUN_ON_FIELD.compiled.sub("；", text)

    out: list[tuple[_Name, Role | None]] = []
    pending: list[int] = []
    label_role: Role | None = None

    def settle(given: Role | None) -> None:
        for i in pending:
            name = out[i][0]
            out[i] = (name, name.role or given or label_role or role)
        pending.clear()

    for raw in split_top(text, _CLAUSE_SEPARATORS):
        clause = _clean(raw)
        label = _read_label(clause)
        if label is not None:
            settle(None)
            label_role, clause = label[0], _clean(label[1])
        elif _FIELD.match(clause) or find_deadlines(clause, None) or _ONGOING_NOTE.fullmatch(clause):
            break
        for part in _role_clauses(clause):
            verb = _read_verb(_clean(part))
            if verb is not None:
                part = verb[1]
            for name in _names(_clean(part)):
                pending.append(len(out))
                out.append((name, None))
            if verb is not None:
                given = verb[0]
                if given is Role.RESPONSIBLE and label_role in (Role.LEAD, Role.SUPPORT):
                    given = label_role
                settle(given)
    settle(None)
    return tuple(Assignment(unit=name.unit, role=r or role, canonical=name.canonical) for name, r in out)


# --- finding lists in running text --------------------------------------------


@attrs.frozen
class UnitList:
    """A unit list embedded in a measure's text, with where it stands and the
    text it covers."""

    start: int
    """Index in the measure text where the parenthetical or bracket opens."""
    end: int
    """Index just after it closes."""
    assignments: tuple[Assignment, ...]
    """The list's units, each with ``applies_to`` set to :attr:`covers`."""
    covers: TextRange
    """The text the list applies to (see :func:`find_unit_lists`)."""


_Placed = tuple[int, int, tuple[Assignment, ...]]
"""A list's start, end and assignments, before what it covers is known."""


_BOOK_TITLE = re.compile(r"《[^《》\n]{0,300}》")
_BRACKET = re.compile(f"[{_BRACKET_CHARS}]")
_SENTENCE_END = "。；;！!？?：:\n"
"""What may stand before a list that follows a sentence."""
_CLOSING_MARKS = "。；;！!？?\n"
"""What may follow a list that closes a sentence (spaces skipped)."""
_SKIP_AFTER = " \t\u3000\n。；;，,"
"""What may follow a list before the text the next list covers starts."""
_MARKERS = r"(?:牵头|协同|配合)?责任单位|(?:牵头|配合|协同|参与)(?:单位|部门)?|责任部门|责任"
_BARE_LIST = LazyPattern(rf"(?:^|(?<=[。；;\n]))[ \t\u3000]{{0,4}}(?:{_MARKERS})\s{{0,2}}[：:]", re.MULTILINE)
"""A marked list standing in the text without brackets, running to the end
of its line: ``……。责任单位：市应急局``."""
_RUN_ON_FIELD = LazyPattern(
    rf"(?<=[^\s，,、；;：:（(【\[])(?<!牵头)(?<!协同)(?<!配合)(?=(?:{_MARKERS}|{COMPLETION_FIELDS})\s{{0,2}}[：:])"
)
"""A marker or field written straight after the last name of the list
before it (``牵头单位：区交通局配合单位：…``, two lines joined): it ends that
name as a separator would."""
_ONGOING_NOTE = re.compile(ONGOING_NOTE)
"""A note that the work goes on (``…，各镇街；长期坚持``): no unit's name."""
_FIELD_LINE = LazyPattern(
    rf"[ \t\u3000]{{0,4}}(?:{_MARKERS}|{COMPLETION_FIELDS}|整改(?:措施|目标|要求)|(?:具体|工作)措施)\s{{0,2}}[：:]"
)
"""A line opening with one of an item's fields: its unit list, its time limit, or
the measures of a rectification plan's problem item (``整改措施：…``)."""


def opens_field(text: str) -> bool:
    """Whether a line opens with one of an item's fields (``牵头单位：…``,
    ``完成时限：…``, ``整改措施：…``): a plan that sets its measure's units,
    time limit or measures on lines of their own under it.  Such a line
    starts a paragraph of its own and belongs to the measure above it."""
    head = text[:16]
    return ("：" in head or ":" in head) and _FIELD_LINE.compiled.match(text) is not None


def bracket_pairs(text: str) -> list[tuple[int, int]]:
    """The bracket pairs that may hold a unit list, as ``(open index, index
    after close)``, in order.

    Any closer closes the latest opener (``(…分工负责〕`` is one pair: scraped
    plans mix ``(`` with ``〕``); brackets inside book titles are left alone
    (``《刑法修正案(十一)》``).  Pairs nested two deep or
    more are left out (a list's own names hold the pairs inside it), which
    also keeps the work linear however deep brackets nest.  The first and
    the last opener never closed run to the end of the text: a list cut off
    by the end of a measure."""
    titles = [m.span() for m in _BOOK_TITLE.finditer(text)] if "《" in text else []
    t = 0
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for m in _BRACKET.finditer(text):
        i = m.start()
        while t < len(titles) and titles[t][1] <= i:
            t += 1
        if t < len(titles) and titles[t][0] <= i:
            continue
        if m.group() in OPENERS:
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i + 1))
    pairs.sort()
    shallow: list[tuple[int, int]] = []
    enclosing: list[int] = []
    for start, end in pairs:
        while enclosing and enclosing[-1] <= start:
            enclosing.pop()
        if len(enclosing) <= 1:
            shallow.append((start, end))
        enclosing.append(end)
    shallow.extend((start, len(text)) for start in sorted({*stack[:1], *stack[-1:]}))
    shallow.sort()
    return shallow


def _all_units(assignments: Sequence[Assignment]) -> bool:
    """Every name is a body's or a place's, read in full where the list
    abbreviates it (``县工信、公安…等部门`` names 县工信部门 …)."""
    names = [a.canonical or a.unit for a in assignments]
    return any(is_organ(n) for n in names) and all(is_organ(n) or is_place(n) for n in names)


def _read_list(content: str, before: str) -> list[Assignment]:
    """The assignments a parenthetical's inside holds where it is a unit
    list, else none.  It is one where it opens with a marker; or where unit
    names end in a role phrase (a note may follow: ``…分工负责，2022年底前完成``);
    or where, standing after a sentence, it holds nothing but unit names.
    ``before`` is the character before the bracket."""
    text = _spaces(content, cell=False)
    head = split_top(text, "。")[0]
    clauses = split_top(head, _CLAUSE_SEPARATORS)
    if _read_label(_clean(clauses[0])) is not None:
        return parse_units(head)
    closing = [i for i, clause in enumerate(clauses) if _read_verb(_clean(clause)) is not None]
    if closing:
        assignments = parse_units("，".join(clauses[: closing[-1] + 1]))
        return assignments if _all_units(assignments) else []
    assignments = parse_units(head)
    after_sentence = not before or before in _SENTENCE_END
    if after_sentence and head == text and all(is_organ(a.unit) for a in assignments):
        return assignments
    return []


def _closes_sentence(text: str, end: int) -> bool:
    """What follows ``text[:end]`` (spaces skipped) ends a sentence: a full
    stop or other sentence mark, a line break, or the end of the text."""
    while end < len(text) and text[end] in " \t\u3000":
        end += 1
    return end == len(text) or text[end] in _CLOSING_MARKS


def _names_of_bodies(assignments: Sequence[Assignment]) -> bool:
    """Every name is a body's or, beside bodies, a place's (``区水利局，各街道（镇）``:
    the places' governments); a lone name must be a body's and say whose it
    is (``市应急局``), since a lone bare word after a name is that name's
    alias (``党委(党组)``)."""
    if len(assignments) == 1:
        name = assignments[0].unit
        return is_organ(name) and level_prefix(name) is not None
    return bool(assignments) and _all_units(assignments)


def _sentence_final_list(content: str) -> list[Assignment]:
    """The assignments of a bracket that closes a sentence, before its full
    stop (``…报警装置(市住房城乡建设局、市市场监管局)。``), where it holds
    nothing but names of bodies; else none."""
    if any(ch in content for ch in "。：:"):
        return []
    assignments = parse_units(content)
    return assignments if _names_of_bodies(assignments) else []


def find_unit_lists(text: str) -> list[UnitList]:
    """Every unit list embedded in a measure's running text, in order, each
    with the text it covers.

    Lists stand in parentheses or square brackets of either width (mismatched
    closers allowed, names with nested parentheses kept whole) or follow a
    bare ``责任单位：`` marker to the end of the line.  Parentheticals that
    are not unit lists — ``(含自建房)``, ``（以下简称“十条措施”）``, ``（景区）``,
    a name's own ``(行政学院)``, the ``（十一）`` of a book title — are skipped.

    A bracket of nothing but names of bodies is a list both after a
    sentence's full stop (read with the other bracket rules) and before it,
    closing the sentence.  The latter is read last, and only where no other
    list takes its place, because a name's own note closes sentences too.

    Each list applies to the text written before it, back to the previous
    list or the start of the measure: a measure with several lists ties each
    to its own sentences, and a single list at the end covers the whole
    measure.  Lists written back to back (``(牵头单位:…)(配合单位:…)``) cover
    the same text.
    """
    return list(_unit_lists(text))


@per_document
def _unit_lists(text: str) -> tuple[UnitList, ...]:
    """:func:`find_unit_lists`, read once per document for each text: every
    layout's detection and then the parse read the same measures."""
    return tuple(_cover(text, _place(text)))


def _place(text: str) -> list[_Placed]:
    """Where the lists of :func:`find_unit_lists` stand, and what they say."""
    found: list[_Placed] = []
    closing: list[tuple[int, int, str]] = []
    covered_to = -1
    for start, end in bracket_pairs(text):
        if start < covered_to:
            continue
        close = end - 1 if end - 1 > start and text[end - 1] in CLOSERS else end
        if close - start - 1 > _MAX_LIST:
            continue
        j = start - 1
        while j >= 0 and text[j] in " \t\u3000\r\n":
            j -= 1
        content = text[start + 1 : close]
        assignments = _read_list(content, text[j] if j >= 0 else "")
        if assignments:
            found.append((start, end, tuple(assignments)))
            covered_to = end
        elif _closes_sentence(text, end):
            closing.append((start, end, content))
    bracketed = list(found)
    k = 0
    for m in _BARE_LIST.compiled.finditer(text):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\u3000"))
        while k < len(bracketed) and bracketed[k][1] <= start:
            k += 1
        if k < len(bracketed) and bracketed[k][0] <= start:
            continue
        line_end = text.find("\n", start)
        end = len(text) if line_end < 0 else line_end
        bare = tuple(parse_units(text[start:end]))
        if bare:
            found.append((start, end, bare))
    found.sort(key=lambda u: u[0])
    starts = [u[0] for u in found]
    reach = list(itertools.accumulate((u[1] for u in found), max))
    final: list[_Placed] = []
    for start, end, content in closing:
        before = bisect.bisect_left(starts, end)
        if before and reach[before - 1] > start:
            continue  # inside or around a list already read
        assignments = _sentence_final_list(content)
        if assignments:
            final.append((start, end, tuple(assignments)))
    return sorted([*found, *final], key=lambda u: u[0])


def _cover(text: str, placed: Sequence[_Placed]) -> list[UnitList]:
    """The lists with the text each covers (the rule of :func:`find_unit_lists`):
    from just after the previous list (the stops, commas and spaces after it
    skipped) up to the list, spaces before the list left out."""
    out: list[UnitList] = []
    covered_from = 0
    for start, end, assignments in placed:
        stop = start
        while stop > covered_from and text[stop - 1] in " \t\u3000\n":
            stop -= 1
        covers = TextRange(covered_from, stop)
        if stop <= covered_from and out:
            covers = out[-1].covers
        covered = tuple(Assignment(a.unit, a.role, a.canonical, covers) for a in assignments)
        out.append(UnitList(start, end, covered, covers))
        covered_from = end
        while covered_from < len(text) and text[covered_from] in _SKIP_AFTER:
            covered_from += 1
    return out


# --- merging and grouping -----------------------------------------------------


def merge_assignments(*lists: Sequence[Assignment] | UnitList) -> tuple[Assignment, ...]:
    """Concatenate the unit lists of one measure in order, keeping each
    (unit, role) once: the first written form is kept, and names that share
    a :func:`unit_key` (``应急局`` with canonical ``市应急局``, and ``市应急局``)
    are one unit.  A unit named with two roles is kept once per role.
    :class:`UnitList` values are taken as their assignments (see
    :func:`measure_assignments`)."""
    seen: set[tuple[str, Role]] = set()
    out: list[Assignment] = []
    for assignments in lists:
        if isinstance(assignments, UnitList):
            assignments = assignments.assignments
        for a in assignments:
            key = (unit_key(a.name), a.role)
            if key not in seen:
                seen.add(key)
                out.append(a)
    return tuple(out)


def measure_assignments(text: str) -> tuple[Assignment, ...]:
    """A measure's units from the lists in its running text, in order of
    first appearance, each (unit, role) once, each carrying the text its first
    list covers: what every layout reads for a measure."""
    return merge_assignments(*find_unit_lists(text))


BASE_ALIASES: tuple[tuple[str, str], ...] = (
    ("安委办", "安全生产委员会办公室"),
    ("安委会办公室", "安全生产委员会办公室"),
    ("安委会", "安全生产委员会"),
    ("消安委会", "消防安全委员会"),
    ("消安委", "消防安全委员会"),
    ("应急局", "应急管理局"),
    ("发改委", "发展和改革委员会"),
    ("发展改革委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("发展改革局", "发展和改革局"),
    ("工信局", "工业和信息化局"),
    ("经信局", "经济和信息化局"),
    ("住建局", "住房和城乡建设局"),
    ("住房城乡建设局", "住房和城乡建设局"),
    ("人社局", "人力资源和社会保障局"),
    ("人力资源社会保障局", "人力资源和社会保障局"),
    ("卫健委", "卫生健康委员会"),
    ("卫健局", "卫生健康局"),
    ("市场监管局", "市场监督管理局"),
    ("文旅局", "文化和旅游局"),
    ("文广旅局", "文化广电和旅游局"),
    ("教体局", "教育和体育局"),
    ("交通局", "交通运输局"),
    ("城管局", "城市管理局"),
    ("城管执法局", "城市管理行政执法局"),
    ("国资委", "国有资产监督管理委员会"),
    ("委编办", "委机构编制委员会办公室"),
    ("政数局", "政务服务数据管理局"),
    ("国动办", "国防动员办公室"),
    ("纪委区监委", "纪委监委"),
    ("纪委市监委", "纪委监委"),
)
"""Common abbreviations of unit names, without the place prefix they follow
(``区安委办`` and ``区安全生产委员会办公室`` share a key)."""


@hookimpl
def safetyplan_unit_aliases() -> list[tuple[str, str]]:
    """The common abbreviations every region uses (see :data:`BASE_ALIASES`)."""
    return list(BASE_ALIASES)


def _normal(name: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


@functools.lru_cache(maxsize=8)
def _alias_table(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern matching every abbreviation, longest first, and the full
    name each stands for."""
    table: dict[str, str] = {}
    for short, full in pairs:
        short_n, full_n = _normal(short), _normal(full)
        if short_n and full_n and short_n != full_n:
            table.setdefault(short_n, full_n)
    if not table:
        return None, table
    alternation = "|".join(re.escape(s) for s in sorted(table, key=len, reverse=True))
    return re.compile(alternation), table


def resolve_aliases(name: str, pairs: Iterable[tuple[str, str]]) -> str:
    """``name`` (normalised) with each abbreviation replaced by its full form."""
    pattern, table = _alias_table(tuple(pairs))
    normal = _normal(name)
    if pattern is None:
        return normal
    return pattern.sub(lambda m: table[m.group(0)], normal)


def unit_key(name: str) -> str:
    """The key to group units by: ``name`` (pass an assignment's ``name``, its
    canonical form) in Unicode NFKC, whitespace removed, every abbreviation
    the installed plugins declare replaced by its full form."""
    return resolve_aliases(name, get_registry().unit_aliases())


__all__ = [
    "BASE_ALIASES",
    "UnitList",
    "bracket_pairs",
    "find_unit_lists",
    "is_marker",
    "measure_assignments",
    "merge_assignments",
    "opens_field",
    "parse_units",
    "resolve_aliases",
    "safetyplan_unit_aliases",
    "split_top",
    "unit_key",
]
