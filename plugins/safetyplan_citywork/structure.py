"""A city work plan's body: preamble, ``一、`` sections and numbered measures,
and the signature that may close it.

The tree is read by the shared outline engine
(:func:`safetyplan.layouts.outline.build_outline`).  What citywork adds is
where an unnumbered paragraph belongs: after a numbered paragraph that carries
text of its own, it continues that measure — a line break inside a numbered
list (``其他行业领域,结合实际开展…`` after measure 18) — rather than becoming
text of the section; after a heading it stays the section's text.  What
follows the last numbered paragraph is the plan's closing matter from its
first line that no body holds (a signature ``xx县消防安全委员会`` /
``2024年3月12日``, an attachment list, a 抄送 line), read as every layout
reads it (:func:`safetyplan.layouts.metadata.body_end`), so an issuer's name
is never taken for the last measure's text.
"""

from __future__ import annotations

from collections.abc import Sequence

from safetyplan.document import Paragraph
from safetyplan.layouts.cleaning import Line, clean_lines
from safetyplan.layouts.metadata import body_end
from safetyplan.layouts.numbering import match_label
from safetyplan.layouts.outline import Outline, build_outline, is_heading_text, join_paragraphs
from safetyplan.model import Note, Span

PARAGRAPH_BREAK = "\n"
"""How a measure's text keeps the break before a continuing paragraph."""


def split_body(body: Sequence[Paragraph]) -> tuple[list[Line], list[Line], list[Note]]:
    """``(text, closing, page_numbers)``: the plan's paragraphs (site
    furniture already removed) cleaned and rejoined, divided where its
    closing matter starts, and the page numbers found among them as
    furniture notes."""
    lines, page_numbers = clean_lines(body)
    lines = join_paragraphs(lines)
    last = next((i for i in range(len(lines) - 1, -1, -1) if match_label(lines[i].text)), None)
    end = body_end(lines, last) if last is not None else len(lines)
    notes = [Note(ln.text, "furniture", Span(ln.start, ln.end)) for ln in page_numbers]
    return lines[:end], lines[end:], notes


def read_body(lines: Sequence[Line], year: int | None) -> Outline:
    """The plan's tree from its text lines (:func:`split_body`)."""
    return build_outline(attach_continuations(lines), year=year, join=False)


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


__all__ = ["PARAGRAPH_BREAK", "attach_continuations", "read_body", "split_body"]
