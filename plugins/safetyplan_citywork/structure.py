"""A city work plan's body: preamble, ``一、`` sections and numbered measures.

The tree is read by the shared outline engine
(:func:`safetyplan.layouts.outline.build_outline`).  What citywork adds is
where an unnumbered paragraph belongs: after a numbered paragraph that carries
text of its own, it continues that measure — a line break inside a numbered
list (``其他行业领域,结合实际开展…`` after measure 18) — rather than becoming
text of the section; after a heading it stays the section's text.
"""

from __future__ import annotations

from collections.abc import Sequence

from safetyplan.document import Paragraph
from safetyplan.layouts.cleaning import Line, clean_lines
from safetyplan.layouts.numbering import match_label
from safetyplan.layouts.outline import Outline, build_outline, is_heading_text, join_paragraphs
from safetyplan.model import Note, Span

PARAGRAPH_BREAK = "\n"
"""How a measure's text keeps the break before a continuing paragraph."""


def read_body(body: Sequence[Paragraph], year: int | None) -> tuple[Outline, list[Note]]:
    """The plan's tree from its body paragraphs (site furniture already
    removed), and the page numbers found among them as furniture notes."""
    lines, page_numbers = clean_lines(body)
    lines = attach_continuations(join_paragraphs(lines))
    outline = build_outline(lines, year=year, join=False)
    notes = [Note(ln.text, "furniture", Span(ln.start, ln.end)) for ln in page_numbers]
    return outline, notes


def attach_continuations(lines: Sequence[Line]) -> list[Line]:
    """Unnumbered paragraphs after a numbered paragraph that carries text
    (a measure) become part of it; after a heading they stay on their own."""
    out: list[Line] = []
    open_measure = False
    for line in lines:
        label = match_label(line.text)
        if label is not None:
            open_measure = not is_heading_text(line.text[label.end :])
            out.append(line)
        elif open_measure and out:
            last = out[-1]
            out[-1] = Line(f"{last.text}{PARAGRAPH_BREAK}{line.text}", last.start, line.end, last.style)
        else:
            out.append(line)
    return out


__all__ = ["PARAGRAPH_BREAK", "attach_continuations", "read_body"]
