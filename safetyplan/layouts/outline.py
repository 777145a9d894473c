"""The outline engine: numbered paragraphs → sections and measures.

Chinese plans number their levels ``一、`` → ``（一）`` → ``1.`` (or ``1．``
``1、``) → ``（1）``, but which level holds the work varies: one plan puts its
measures at ``1.`` under ``（一）`` headings, another at ``（一）`` directly
under ``一、``, a third mixes both.  The engine therefore reads the structure
from the numbering itself, by the rules of GOLD.md:

- a numbered paragraph with numbered paragraphs of another numbering style
  below it is a **section** (its text is a heading);
- a numbered heading over unnumbered text only, or over nothing while its
  siblings are sections, is a **section** too
  (``（三）巩固提高阶段（11月中旬至11月底）`` followed by prose);
- every other numbered paragraph is a **measure**, at whichever level it
  stands — closing sections such as 工作要求 included;
- unnumbered paragraphs are the text of the innermost section (before the
  first heading: the preamble).

Nesting needs no table of levels: a numbering style seen before closes the
levels opened since (``三、`` after ``1.`` items closes ``（一）`` and
``1.``); a style not yet open opens a level below the current one.

A measure's ``title`` is its headline — a short phrase ending in ``。`` at
its start (``强化党政领导示范履职。``) — but whether a plan writes headlines
is decided for each group of sibling measures together, so a plan whose
measures have no headlines does not get a title wherever a first sentence
happens to be short.

Use :func:`build_outline` on the body's paragraphs (already cleaned of
markup by :mod:`.cleaning`); it joins paragraphs split by hard line breaks
itself.  Units and deadlines of each measure are read with the shared
:mod:`.units` and :mod:`.deadlines` modules — every unit carrying the part of
the measure's text its list covers (:func:`.units.measure_assignments`)::

    lines, furniture = clean_lines(body_paragraphs)     # from .cleaning
    outline = build_outline(lines, year=2022)
    plan = Plan(title, preamble=outline.preamble, sections=outline.sections)

For a whole official document (letterhead, covering letter, signature,
attachments around the body) :func:`.official.read_plan` does all of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from ..model import Assignment, Deadline, Measure, Part, Section, Span
from .cleaning import (
    TERMINAL,
    Line,
    ends_before_ordinal,
    ends_sentence,
    join_text,
    merge,
    squeeze,
    starts_as_continuation,
    wrap_width,
)
from .deadlines import find_deadlines, find_recurrences
from .numbering import Label, intended_numbers, match_label
from .units import measure_assignments, opens_field

HEADING_MAX = 40
"""Longest heading text (after its label, whitespace removed)."""

HEADLINE_STRONG = 20
"""A first sentence this short votes for its sibling group having headlines."""

HEADLINE_MAX = 50
"""Longest first sentence taken as a headline once the group has them."""

_OPEN = "（(“‘《〈「『【["
_CLOSE = "）)”’》〉」』】]"
_HEADLINE_MARK = re.compile(f"[{re.escape(_OPEN + _CLOSE)}：:；;。]")
"""The marks that decide where a headline ends: brackets and quotes, the
full stop, and the colon or semicolon that rule a headline out."""
_ROUND = re.compile(r"[（()）]")
_VISIBLE = re.compile(r"\S")
_TERMINAL_MARK = re.compile(f"[{re.escape(TERMINAL)}]")


# ---------------------------------------------------------------- joining


def is_heading_text(text: str) -> bool:
    """Text that reads as a heading: short, and no sentence ends inside it
    (a single final ``。`` is allowed: ``抓“十条措施”，强化政府监管责任落实。``)."""
    t = squeeze(text)
    if not t or len(t) > HEADING_MAX:
        return False
    body_end = len(t) - 1 if t[-1] in TERMINAL else len(t)
    return _TERMINAL_MARK.search(t, 0, body_end) is None


def _unclosed(text: str) -> bool:
    """``text`` opens a bracket it does not close (a break fell inside a
    parenthetical: ``（责任单位`` / ``：区政数局…）``)."""
    depth = 0
    for m in _ROUND.finditer(text):
        if m.group() in "（(":
            depth += 1
        elif depth:
            depth -= 1
    return depth > 0


def _heading_kinds(lines: Sequence[Line], labels: Sequence[Label | None]) -> set[str]:
    """Numbering styles that this document uses for headings: most lines
    numbered in that style read as headings (with no full stop at all)."""
    seen: dict[str, list[int]] = {}
    for line, label in zip(lines, labels, strict=True):
        if label is not None:
            rest = line.text[label.end :]
            tally = seen.setdefault(label.kind, [0, 0])
            tally[0] += is_heading_text(rest) and not ends_sentence(rest)
            tally[1] += 1
    return {kind for kind, (headings, total) in seen.items() if headings * 2 > total}


def join_paragraphs(
    lines: Sequence[Line], *, width: int | None = None, starts: Callable[[str], bool] | None = None
) -> list[Line]:
    """Rejoin paragraphs that hard line breaks split.

    A line continues the paragraph before it when it starts with punctuation
    no paragraph starts with (``，`` ``、`` ``）`` …), when it is a lone unit
    parenthetical (``（责任单位：…）``), or when the paragraph before it is
    unfinished — no sentence-ending mark, or an open bracket — and is not a
    heading.  A numbered line always starts a new paragraph.  ``width`` is
    the wrap width of a hard-wrapped extraction (found by
    :func:`.cleaning.wrap_width` when not given): a line that long is never
    taken for a heading.  ``starts`` tells lines that always start a
    paragraph of their own (a date, a document number) where the caller
    knows them.
    """
    return [paragraph for paragraph, _ in labelled_paragraphs(lines, width=width, starts=starts)]


def labelled_paragraphs(
    lines: Sequence[Line], *, width: int | None = None, starts: Callable[[str], bool] | None = None
) -> list[tuple[Line, Label | None]]:
    """:func:`join_paragraphs`, each paragraph with its label
    (:func:`.numbering.match_label` of its text), read once: a paragraph
    that is one line has that line's label."""
    if width is None:
        width = wrap_width(lines)
    labels = [match_label(ln.text) for ln in lines]
    heading_kinds = _heading_kinds(lines, labels)
    out: list[tuple[Line, Label | None]] = []
    group: list[Line] = []
    group_label: Label | None = None
    text = ""
    closed = False
    for line, label in zip(lines, labels, strict=True):
        # A date, a document number, a letterhead… is a line of its own.
        starting = label is None and starts is not None and starts(line.text)
        if not group:
            goes_on = False
        elif label is not None:
            goes_on = ends_before_ordinal(text)
        else:
            goes_on = not starting and (
                line.broken or _continues(text, group[-1].text, group_label, line.text, heading_kinds, width, closed)
            )
        if goes_on:
            group.append(line)
            text = join_text(text, line.text)  # the text merge(group) gives, a piece at a time
            continue
        if group:
            out.append(_paragraph(group, group_label))
        group, group_label, text = [line], label, line.text
        closed = starting
    if group:
        out.append(_paragraph(group, group_label))
    return out


def _paragraph(group: Sequence[Line], label: Label | None) -> tuple[Line, Label | None]:
    """The paragraph of ``group``'s lines and its label (``label`` is the
    first line's; a label can read differently once lines are joined)."""
    if len(group) == 1:
        return group[0], label
    paragraph = merge(group)
    return paragraph, match_label(paragraph.text)


_FULL_STOPS = ("。", "！", "？", "!", "?")


def _continues(
    prev: str,
    last: str,
    prev_label: Label | None,
    nxt: str,
    heading_kinds: set[str],
    width: int | None,
    closed: bool,
) -> bool:
    """Whether ``nxt`` goes on with the paragraph ``prev`` (whose last line
    is ``last``)."""
    if starts_as_continuation(nxt):
        return True
    if _unclosed(prev):
        return True
    if closed or opens_field(nxt):
        return False
    if width is not None and len(squeeze(last)) >= width - 1 and not last.rstrip().endswith(_FULL_STOPS):
        # A line that fills a hard-wrapped extraction's width goes on below.
        # Where it ends a sentence, the paragraph may end there too: read it
        # as ended, since a sentence split off a measure is still read as
        # the measure's further paragraph, while prose run into the last
        # measure would lend it the plan's closing dates.
        return True
    if ends_sentence(prev):
        return False
    if prev.rstrip().endswith(("：", ":")):
        return False
    if prev_label is not None:
        rest = prev[prev_label.end :]
        return not (prev_label.kind in heading_kinds and is_heading_text(rest))
    # An unnumbered short line with no punctuation at all is a heading of its
    # own (a title, ``附件``), not the head of a broken sentence.
    t = squeeze(prev)
    return not (len(t) <= 20 and (not t or t.isalnum()))


# ---------------------------------------------------------------- headlines


def headline(text: str) -> str | None:
    """The opening phrase of ``text`` up to its first ``。`` outside brackets
    and quotes, where that phrase is short enough to be a headline and more
    text follows; else None."""
    depth = 0
    for m in _HEADLINE_MARK.finditer(text, 0, HEADLINE_MAX + 12):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch == "。":
            phrase = text[: m.start()].strip()
            more = _VISIBLE.search(text, m.end()) is not None
            if phrase and more and len(squeeze(phrase)) <= HEADLINE_MAX:
                return phrase
            return None
        elif depth == 0:
            return None
    return None


_MODAL = re.compile(r"要|应|须|需|将|已|可")
"""Words that make an opening phrase a sentence about someone rather than a
headline's command."""


def _strong(phrase: str | None) -> bool:
    return phrase is not None and len(squeeze(phrase)) <= HEADLINE_STRONG


def decide_headlines(groups: Sequence[Sequence[str]]) -> list[bool]:
    """For each group of sibling measure texts: does the plan give these
    measures headlines?

    A group of three or more decides by itself where it is clear: yes where
    at least half its measures open with a short phrase ending in ``。``;
    no where none does, or where most open with no phrase short enough for
    a headline at all.  A smaller group decides by itself only where all its
    measures open with a short phrase.  Every other group follows the
    majority of the groups that decided (or, where none did, of all
    measures)."""
    votes: list[bool | None] = []
    for texts in groups:
        phrases = [headline(t) for t in texts]
        strong = sum(_strong(p) for p in phrases)
        loose = sum(p is not None for p in phrases)
        n = len(texts)
        if n >= 3:
            if strong * 2 >= n:
                votes.append(True)
            elif strong == 0 or loose * 2 < n:
                votes.append(False)
            else:
                votes.append(None)
        elif n and strong == n:
            votes.append(True)
        else:
            votes.append(None)
    decided = [v for v in votes if v is not None]
    if decided:
        default = sum(decided) * 2 > len(decided)
    else:
        all_texts = [t for g in groups for t in g]
        default = bool(all_texts) and sum(_strong(headline(t)) for t in all_texts) * 2 >= len(all_texts)
    return [default if v is None else v for v in votes]


# ---------------------------------------------------------------- the tree


@attrs.define
class _Node:
    """A numbered paragraph while the tree is built (mutable, internal)."""

    label: Label | None
    text: str
    start: int
    end: int
    children: list[_Node] = attrs.field(factory=list)
    prose: list[Line] = attrs.field(factory=list)

    @property
    def kind(self) -> str | None:
        return self.label.kind if self.label else None

    def last_line(self) -> int:
        ends = [self.end] + [c.last_line() for c in self.children] + [p.end for p in self.prose]
        return max(ends)


def _sections_among(siblings: Sequence[_Node]) -> list[bool]:
    """Which of a group of sibling nodes are sections: those with numbered
    children, and headings over prose or among siblings that have children
    (the group is read once, not once per node).  Prose that opens with a
    unit list or completion field (``牵头单位：…``) is a measure's, never a
    heading's."""
    parent_among = any(s.children for s in siblings)
    return [
        bool(n.children)
        or (
            is_heading_text(n.text)
            and not _introduces(n.text)
            and ((bool(n.prose) and not opens_field(n.prose[0].text)) or parent_among)
        )
        for n in siblings
    ]


def _introduces(text: str) -> bool:
    """A numbered line that ends by announcing what follows (``…重点做好以下
    工作：``) over paragraphs of its own: an item, not a heading."""
    return text.rstrip().endswith(("：", ":"))


@attrs.frozen
class Outline:
    """What :func:`build_outline` found: the unnumbered paragraphs before
    the first heading, and the section tree.  Measures that stand at the
    top level (a plan numbered ``1.`` ``2.`` only) sit in a section with an
    empty label and title, which adds nothing to section paths."""

    preamble: tuple[str, ...]
    sections: tuple[Section, ...]
    preamble_span: Span | None = None

    def measures(self) -> list[Measure]:
        return [m for s in self.sections for m in s.measures()]


UnitReader = Callable[[str], tuple[Assignment, ...]]
DeadlineReader = Callable[[str, int | None], tuple[tuple[Deadline, ...], tuple[Deadline, ...]]]


def read_deadlines(text: str, year: int | None) -> tuple[tuple[Deadline, ...], tuple[Deadline, ...]]:
    """Completion dates and frequencies set in a measure's text (shared core rules)."""
    return tuple(find_deadlines(text, year)), tuple(find_recurrences(text))


def build_outline(
    lines: Sequence[Line],
    *,
    year: int | None = None,
    part: Part = Part.BODY,
    path: tuple[str, ...] = (),
    join: bool = True,
    units: UnitReader = measure_assignments,
    dates: DeadlineReader = read_deadlines,
) -> Outline:
    """Sections and measures from the body's lines, in document order.

    ``year`` resolves deadlines that name no year; ``part`` and ``path``
    (headings that enclose all of these lines) are given to every measure.
    ``join=False`` skips the rejoining of broken paragraphs, for lines that
    are whole paragraphs already.  ``units`` and ``dates`` read a measure's
    units and deadlines; they default to the shared core rules.
    """
    paragraphs = labelled_paragraphs(lines) if join else [(ln, match_label(ln.text)) for ln in lines]
    root = _Node(None, "", 0, 0)
    stack = [root]
    preamble: list[Line] = []
    for line, label in paragraphs:
        if label is None:
            if len(stack) == 1:
                preamble.append(line)
            else:
                stack[-1].prose.append(line)
            continue
        node = _Node(label, line.text[label.end :].strip(), line.start, line.end)
        open_kinds = [n.kind for n in stack]
        if label.kind in open_kinds:
            del stack[open_kinds.index(label.kind) :]
        stack[-1].children.append(node)
        stack.append(node)

    builder = _Builder(part=part, year=year, units=units, dates=dates)
    sections = builder.build(root, path)
    span = Span(preamble[0].start, preamble[-1].end) if preamble else None
    return Outline(tuple(p.text for p in preamble), sections, span)


def _document_order(root: _Node) -> list[_Node]:
    """The nodes below ``root``, in document order."""
    order: list[_Node] = []
    stack = list(reversed(root.children))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(node.children))
    return order


def _neighbour_numbers(order: Sequence[_Node]) -> tuple[dict[int, int], dict[int, int]]:
    """For each numbered node of ``order``, the numbers of the previous and
    the next node of its kind, where the count runs on between them (the
    later one is above 1: a count going on, not starting again)."""
    last: dict[str | None, _Node] = {}
    before: dict[int, int] = {}
    after: dict[int, int] = {}
    for node in order:
        if node.label is None:
            continue
        previous = last.get(node.kind)
        if previous is not None and previous.label is not None and node.label.number > 1:
            after[id(previous)] = node.label.number
            before[id(node)] = previous.label.number
        last[node.kind] = node
    return before, after


@attrs.define
class _Builder:
    part: Part
    year: int | None
    units: UnitReader
    dates: DeadlineReader
    titled: set[int] = attrs.field(factory=set)
    """ids of the measure nodes whose sibling group writes headlines"""
    is_section: dict[int, bool] = attrs.field(factory=dict)
    """id of each node below the root → whether it is a section"""
    numbers: dict[int, int] = attrs.field(factory=dict)
    """id of each numbered node → the number its label means (see
    :func:`~.numbering.intended_numbers`)"""
    final: int = 0
    """id of the document's last numbered node"""
    before: dict[int, int] = attrs.field(factory=dict)
    after: dict[int, int] = attrs.field(factory=dict)
    """id of a numbered node → the number of the previous and of the next
    label of its kind in the document, where the count runs on between them
    (numbering that runs on across sections)"""
    continued: set[int] = attrs.field(factory=set)
    """ids of the measure nodes whose unnumbered paragraphs are their own
    further paragraphs (see :meth:`_collect_groups`)"""

    def build(self, root: _Node, path: tuple[str, ...]) -> tuple[Section, ...]:
        # Headline decisions need every sibling group of the plan at once.
        groups: list[list[_Node]] = []
        order = _document_order(root)
        self.before, self.after = _neighbour_numbers(order)
        self.final = id(order[-1] if order else root)
        self._collect_groups(root, groups)
        decisions = decide_headlines([[n.text for n in g] for g in groups])
        self.titled = {id(n) for g, yes in zip(groups, decisions, strict=True) if yes for n in g}
        loose: list[_Node] = []
        sections: list[Section] = []
        for child, is_section in self._classify(root.children):
            if is_section:
                if loose:
                    sections.append(self._wrapper(loose, path))
                    loose = []
                sections.append(self._section(child, path))
            else:
                loose.append(child)
        if loose:
            sections.append(self._wrapper(loose, path))
        return tuple(sections)

    def _classify(self, nodes: Sequence[_Node]) -> list[tuple[_Node, bool]]:
        return [(n, self.is_section[id(n)]) for n in nodes]

    def _collect_groups(self, node: _Node, groups: list[list[_Node]]) -> None:
        flags = _sections_among(node.children)
        self.is_section.update((id(n), flag) for n, flag in zip(node.children, flags, strict=True))
        measures = [n for n, flag in zip(node.children, flags, strict=True) if not flag]
        if measures:
            groups.append(measures)
        by_kind: dict[str | None, list[_Node]] = {}
        for n in node.children:
            if n.label is not None:
                by_kind.setdefault(n.kind, []).append(n)
        for siblings in by_kind.values():
            meant = intended_numbers(
                [n.label.number for n in siblings if n.label is not None],
                preceding=self.before.get(id(siblings[0])),
                following=self.after.get(id(siblings[-1])),
            )
            self.numbers.update((id(n), number) for n, number in zip(siblings, meant, strict=True))
        # Unnumbered paragraphs after a measure go on with it (a measure of
        # several paragraphs) where another measure, or a heading closing
        # the section, follows; before a heading among the measures they
        # speak for that heading's part, and after the document's last
        # numbered line they close the plan — unless they open with the
        # measure's own unit list or completion field (``牵头单位：…``),
        # which is the measure's wherever it stands.
        for i, n in enumerate(node.children):
            if not n.prose or flags[i]:
                continue
            if (
                (i + 1 < len(node.children) and not flags[i + 1])
                or (i + 1 == len(node.children) and id(n) != self.final)
                or opens_field(n.prose[0].text)
            ):
                self.continued.add(id(n))
        for child in node.children:
            self._collect_groups(child, groups)

    def _wrapper(self, nodes: list[_Node], path: tuple[str, ...]) -> Section:
        """A section without heading for measures standing at the top level;
        unnumbered paragraphs after them are its text."""
        children = tuple(self._measure(n, path) for n in nodes)
        texts = tuple(p.text for n in nodes if id(n) not in self.continued for p in n.prose)
        span = Span(nodes[0].start, max(n.last_line() for n in nodes))
        return Section(label="", title="", text=texts, children=children, span=span)

    def _section(self, node: _Node, path: tuple[str, ...]) -> Section:
        assert node.label is not None
        heading = squeeze(node.label.text + node.text)
        inner = (*path, heading)
        children: list[Measure | Section] = []
        for child, is_section in self._classify(node.children):
            children.append(self._section(child, inner) if is_section else self._measure(child, inner))
        texts = [p.text for p in node.prose]
        for child, is_section in self._classify(node.children):
            if not is_section and id(child) not in self.continued:
                texts.extend(p.text for p in child.prose)
        return Section(
            label=node.label.text,
            title=node.text,
            text=tuple(texts),
            children=tuple(children),
            span=Span(node.start, node.last_line()),
        )

    def _measure(self, node: _Node, path: tuple[str, ...]) -> Measure:
        assert node.label is not None
        text = node.text
        end = node.end
        if id(node) in self.continued:
            text = "\n".join([text, *(p.text for p in node.prose)])
            end = max(end, *(p.end for p in node.prose))
        opening = headline(node.text)
        # A short opening phrase that commands (``落实党政领导干部安全生产责任``)
        # is a headline wherever it stands; one that states who must do what
        # (``建筑施工领域要强化现场管理``), or a longer one, only where the
        # measure's siblings write headlines.
        alone = _strong(opening) and opening is not None and not _MODAL.search(opening)
        title = opening if id(node) in self.titled or alone else None
        deadlines, recurring = self.dates(text, self.year)
        return Measure(
            label=node.label.text,
            number=self.numbers.get(id(node), node.label.number),
            text=text,
            title=title,
            part=self.part,
            section_path=path,
            assignments=self.units(text),
            deadlines=deadlines,
            recurring=recurring,
            span=Span(node.start, end),
        )


__all__ = [
    "HEADING_MAX",
    "HEADLINE_MAX",
    "HEADLINE_STRONG",
    "DeadlineReader",
    "Outline",
    "UnitReader",
    "build_outline",
    "decide_headlines",
    "headline",
    "is_heading_text",
    "join_paragraphs",
    "labelled_paragraphs",
    "read_deadlines",
]
