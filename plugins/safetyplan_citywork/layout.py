"""The citywork layout: city safety-committee work points (工作要点), alone or
collected several to a web page.

A page is cut into plans at their title lines (:mod:`.page`); each plan is a
preamble, ``一、`` sections and numbered measures (``1.`` ``1、`` ``(一)``)
whose unit lists stand in brackets inside the text, several to a measure,
each covering the sentences before it (read by the shared
:mod:`safetyplan.layouts.units`).
Plans of this family usually carry no letterhead, document number or
signature: their metadata is the title line and the year it names.  Where the
page collects a plan with its covering letter (between the page's heading for
the plan, or the letter's title that names the plan, and the plan's own
title), the letter's issuer, number and date are the plan's; where a
signature closes the plan, its issuer (where no letter names one) and date
are.  A government page's information table may give the number the letter
does not (``文号：…``).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from safetyplan.document import Document, Paragraph
from safetyplan.layouts.cleaning import Line, clean
from safetyplan.layouts.metadata import Matter, read_back_matter, read_front_matter, year_of
from safetyplan.model import Note, Plan, Span

from .detection import score
from .page import Piece, compact, flatten, is_plan_title, plan_title, split_page
from .structure import read_body, split_body


class CityworkLayout:
    """City work points: one or several plans per file."""

    name = "citywork"
    aliases: tuple[str, ...] = ("city-work",)
    description = "city safety-committee work points (工作要点), one or many plans per file, unit lists in brackets"

    def detect(self, document: Document) -> float:
        return score(document)

    def parse(self, document: Document) -> list[Plan]:
        pieces = split_page(flatten(document.blocks))
        return [plan_from_piece(piece) for piece in pieces]


def plan_from_piece(piece: Piece) -> Plan:
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
        region=CityworkLayout.name,
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


__all__ = ["CityworkLayout", "plan_from_piece"]
