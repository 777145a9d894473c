"""One city work plan read from its stretch of the page (:class:`.page.Piece`):
title, covering letter or closing signature, and the body's outline."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from safetyplan.document import Paragraph
from safetyplan.layouts.cleaning import Line, clean
from safetyplan.layouts.metadata import Matter, read_back_matter, read_front_matter, year_of
from safetyplan.model import Note, Plan, Span

from .page import Piece, compact, is_plan_title, plan_title
from .structure import read_body, split_body


def plan_from_piece(piece: Piece, *, region: str) -> Plan:
    """One plan from its stretch of the page."""
    body: Sequence[Paragraph] = piece.body
    title_line = piece.title
    notes = list(piece.notes)
    if title_line is None:
        title_line, body = _leading_title(body)
    title = plan_title(title_line.text) if title_line is not None else ""
    if title_line is not None and compact(title_line.text) != title:
        # The page's piece number (``篇二：``) is the page's, not the plan's.
        prefix = compact(title_line.text)[: -len(title)]
        notes.append(Note(prefix, "furniture", Span(title_line.line, title_line.line)))
    matter = _covering_letter(piece.heading, piece.front)
    lines, closing_lines, page_numbers = split_body(body)
    closing = read_back_matter(closing_lines)
    notes.extend([*matter.notes, *closing.notes, *page_numbers])
    # An attachment list closing a page's plan names files the page does not hold.
    notes.extend(Note(ln.text, "unplaced", Span(ln.start, ln.end)) for ln in closing.attachment_lines)
    issue_date = matter.issue_date or closing.issue_date
    year = year_of(title, issue_date) or matter.signed_year or closing.signed_year
    outline = read_body(lines, year)
    notes.sort(key=lambda n: n.span.start if n.span else 0)
    return Plan(
        title=title,
        region=region,
        issuer=matter.issuer or closing.signer,
        doc_number=matter.doc_number or piece.listed_number,
        issue_date=issue_date,
        year=year,
        recipients=matter.recipients,
        cc=closing.cc,
        printed_by=closing.printed_by,
        printed_date=closing.printed_date,
        preamble=outline.preamble,
        sections=outline.sections,
        notes=tuple(notes),
    )


def _covering_letter(heading: Paragraph | None, letter: Sequence[Paragraph]) -> Matter:
    """The metadata of the covering letter a page collects with a plan, read
    as any layout reads a letter; the page's heading for the plan is
    furniture."""
    matter = read_front_matter([Line(clean(p.text), p.line, p.line) for p in letter], []) if letter else Matter()
    if heading is None:
        return matter
    note = Note(compact(heading.text), "furniture", Span(heading.line, heading.line))
    return attrs.evolve(matter, notes=(note, *matter.notes))


def _leading_title(body: Sequence[Paragraph]) -> tuple[Paragraph | None, Sequence[Paragraph]]:
    """Where no title line was found ahead of numbered text, the first line
    that reads like a title (short, unnumbered, unpunctuated) is the title."""
    for i, p in enumerate(body[:5]):
        if is_plan_title(p.text):
            return p, [*body[:i], *body[i + 1 :]]
    return None, body


__all__ = ["plan_from_piece"]
