"""A city work plan's body: preamble, ``一、`` sections and numbered measures.

Levels are numbered ``一、`` → ``(一)`` → ``1.`` (``1、`` ``1．``), but a plan
uses only the levels it needs: ``1.`` measures straight under ``一、``, or
``(一)`` measures.  A numbered line is a heading where a deeper numbered line
follows it and it carries no text of its own (a short phrase without a
sentence inside); every other numbered line is a measure.  An unnumbered
paragraph after a measure continues that measure (a line break inside a
numbered list); one after a heading is the section's own text; one before the
first numbered line is the preamble.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from safetyplan.document import Paragraph
from safetyplan.layouts.deadlines import find_deadlines
from safetyplan.layouts.numbering import Label, match_label
from safetyplan.model import Measure, Section, Span

from .assignments import measure_assignments
from .brackets import bracket_groups

MAX_TITLE = 40
"""Longest headline a measure opens with (``加强消防安全风险防控。``)."""
MAX_HEADING = 60
"""Longest numbered line read as a heading with nothing of its own."""


@attrs.frozen
class Outline:
    preamble: tuple[str, ...]
    sections: tuple[Section, ...]


@attrs.define
class _Node:
    label: Label
    level: int
    paragraphs: list[Paragraph]
    heading: bool = False
    children: list[_Node] = attrs.field(factory=list)
    text: list[str] = attrs.field(factory=list)


def build_outline(body: Sequence[Paragraph], year: int | None) -> Outline:
    """The plan's tree from its body paragraphs (furniture already removed)."""
    levels: dict[str, int] = {}
    items: list[_Node | Paragraph] = []
    for p in body:
        label = match_label(p.text)
        if label is None:
            items.append(p)
        else:
            level = levels.setdefault(label.kind, len(levels))
            items.append(_Node(label, level, [p]))
    nodes = [item for item in items if isinstance(item, _Node)]
    for k, node in enumerate(nodes):
        deeper_next = k + 1 < len(nodes) and nodes[k + 1].level > node.level
        node.heading = _heading_like(node) and (deeper_next or (node.level == 0 and node.label.kind == "cn"))
    preamble: list[str] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    last: _Node | None = None
    for item in items:
        if isinstance(item, Paragraph):
            if last is None:
                preamble.append(item.text.strip())
            elif last.heading:
                last.text.append(item.text.strip())
            else:
                last.paragraphs.append(item)
            continue
        while stack and stack[-1].level >= item.level:
            stack.pop()
        if stack:
            stack[-1].children.append(item)
        else:
            roots.append(item)
        if item.heading:
            stack.append(item)
        last = item
    return Outline(tuple(preamble), _top_sections(roots, year))


def _top_sections(roots: Sequence[_Node], year: int | None) -> tuple[Section, ...]:
    """Sections for the top-level headings; measures standing outside any
    heading (a plan without ``一、`` parts) are held by an unlabelled section
    and have an empty section path."""
    sections: list[Section] = []
    loose: list[Measure] = []
    for root in roots:
        if root.heading:
            if loose:
                sections.append(Section("", "", children=tuple(loose)))
                loose = []
            sections.append(_section(root, (), year))
        else:
            loose.append(_measure(root, (), year))
    if loose:
        sections.append(Section("", "", children=tuple(loose)))
    return tuple(sections)


def _heading_like(node: _Node) -> bool:
    rest = node.paragraphs[0].text[node.label.end :].strip()
    body = rest.rstrip("。")
    return len(body) <= MAX_HEADING and "。" not in body and not bracket_groups(body)


def _section(node: _Node, path: tuple[str, ...], year: int | None) -> Section:
    title = "".join(node.paragraphs[0].text[node.label.end :].split()).strip("#*")
    heading = f"{node.label.text}{title}"
    inner = (*path, heading)
    children: list[Section | Measure] = []
    for child in node.children:
        children.append(_section(child, inner, year) if child.heading else _measure(child, inner, year))
    return Section(node.label.text, title, tuple(node.text), tuple(children), _span(node.paragraphs))


def _measure(node: _Node, path: tuple[str, ...], year: int | None) -> Measure:
    first = node.paragraphs[0].text[node.label.end :].strip()
    text = "\n".join([first, *(p.text.strip() for p in node.paragraphs[1:])])
    return Measure(
        label=node.label.text,
        number=node.label.number,
        text=text,
        title=measure_title(first),
        section_path=path,
        assignments=measure_assignments(text),
        deadlines=tuple(find_deadlines(text, year)),
        span=_span(node.paragraphs),
    )


def measure_title(text: str) -> str | None:
    """The headline a measure opens with: its first sentence where that is a
    short phrase (up to :data:`MAX_TITLE` characters, commas allowed) ending in
    ``。`` with more text after it."""
    end = text.find("。")
    if end <= 0 or end > MAX_TITLE or not text[end + 1 :].strip():
        return None
    head = text[:end]
    if bracket_groups(head) or any(ch in head for ch in "：:；;"):
        return None
    return head.strip()


def _span(paragraphs: Sequence[Paragraph]) -> Span:
    return Span(paragraphs[0].line, paragraphs[-1].line)


__all__ = ["Outline", "build_outline", "measure_title"]
