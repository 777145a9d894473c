"""Reading a plan issued as an official document (公文), start to end.

Most regional plans share one shape — letterhead and covering matter, the
plan's title, preamble and numbered body, then signature, 抄送 and 印发
lines and attachments — and differ in notation only.  :func:`read_plan`
runs that shape over a Document with the shared readers (cleaning, metadata,
outline, phases, reporting) so that a regional layout only adds what is
peculiar to it, such as a parser for its attachment tables.

Every line ends up somewhere in the Plan: in a metadata field, the preamble,
a section's text, a measure, an attachment, or a note of the right kind —
``unplaced`` where nothing else fits, for ``safetyplan inspect`` to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from ..document import Document, Table
from ..model import Attachment, Note, Plan, Section, Span
from .cleaning import Line, merge, squeeze
from .metadata import LIST_ENTRY, Kind, classify, document_lines, locate, read_back_matter, read_front_matter, year_of
from .outline import Outline, build_outline
from .phases import find_phases
from .reporting import find_reports

TableReader = Callable[[Sequence[Table], Sequence[Section], int | None], tuple[tuple[Section, ...], tuple[Note, ...]]]
"""Reads an attachment's tables into sections of attachment measures, given
the body's sections (to place tasks under the part they restate) and the
plan's year; returns the sections and notes on what it set aside."""


@attrs.frozen
class _Attachment:
    head: Line
    title: list[Line]
    lines: list[Line]
    tables: list[Table]


def read_plan(document: Document, *, region: str | None = None, tables: TableReader | None = None) -> Plan:
    """The one plan an official document holds.

    ``tables`` reads the tables of an attachment (a task table) into
    attachment sections; without it a table's rows are kept as the
    attachment's text, one tab-separated line per row."""
    lines, furniture = document_lines(document)
    bounds = locate(lines)
    front = read_front_matter(lines[: bounds.title], lines[bounds.title : bounds.body])
    tail = lines[bounds.end :]
    back_lines, attachment_parts, loose_tables = _split_tail(tail, document)
    back = read_back_matter(back_lines)

    title = front.title
    # The covering letter's signature dates the plan; without a letter, the
    # plan's own signature after the body does.
    issue_date = front.issue_date or back.issue_date
    year = year_of(title, issue_date, back.printed_date) or front.signed_year or back.signed_year
    outline: Outline = build_outline(lines[bounds.body : bounds.end], year=year)

    attachments, attachment_notes = _attachments(attachment_parts, loose_tables, outline.sections, year, tables)
    notes: list[Note] = [*front.notes, *back.notes, *attachment_notes]
    notes.extend(Note(ln.text, "furniture", Span(ln.start, ln.end)) for ln in furniture)
    if back.attachment_lines:
        if attachments:
            notes.extend(Note(ln.text, "furniture", Span(ln.start, ln.end)) for ln in back.attachment_lines)
        else:
            attachments = [_listed(ln) for ln in back.attachment_lines]
    notes.sort(key=lambda n: n.span.start if n.span else 0)

    reporting = find_reports(_prose(front.letter_texts, outline), year)
    return Plan(
        title=title or "",
        region=region,
        issuer=front.issuer or back.signer,
        doc_number=front.doc_number,
        issue_date=issue_date,
        year=year,
        recipients=front.recipients,
        cc=back.cc,
        printed_by=back.printed_by,
        printed_date=back.printed_date,
        preamble=outline.preamble,
        sections=outline.sections,
        attachments=tuple(attachments),
        reporting=reporting,
        phases=find_phases(outline.sections, year),
        notes=tuple(notes),
    )


def _prose(letter: Sequence[str], outline: Outline) -> list[str]:
    """Every paragraph of running text, in document order: the letter's,
    the preamble, and each section's text and measures."""
    out = [*letter, *outline.preamble]

    def walk(section: Section) -> None:
        out.extend(section.text)
        for child in section.children:
            if isinstance(child, Section):
                walk(child)
            else:
                out.append(child.text)

    for section in outline.sections:
        walk(section)
    return out


def _split_tail(tail: Sequence[Line], document: Document) -> tuple[list[Line], list[_Attachment], list[Table]]:
    """Split what follows the body into back matter (signature, 抄送, 印发,
    attachment list) and attachments (``附件`` heading, title, content).
    The 版记 lines (抄送, 印发) are back matter wherever they stand."""
    back: list[Line] = []
    parts: list[_Attachment] = []
    tables = [b for b in document.blocks if isinstance(b, Table)]
    for line in tail:
        kind = classify(line.text)
        if kind is Kind.ATTACHMENT_HEAD:
            parts.append(_Attachment(line, [], [], []))
        elif not parts or kind in (Kind.CC, Kind.PRINTED):
            back.append(line)
        elif not parts[-1].lines and kind in (Kind.TITLE, Kind.ORG) and not _after_table(line, tables, parts[-1]):
            parts[-1].title.append(line)
        else:
            parts[-1].lines.append(line)
    loose: list[Table] = []
    for table in tables:
        owner = None
        for part in parts:
            if part.head.start <= table.line:
                owner = part
        if owner is None:
            loose.append(table)
        else:
            owner.tables.append(table)
    # An org line directly above a 印发 line is the 印发 line's office.
    for part in parts:
        if (
            part.lines
            and classify(part.lines[-1].text) is Kind.ORG
            and back
            and classify(back[-1].text) is Kind.PRINTED
        ):
            back.insert(len(back) - 1, part.lines.pop())
    return back, parts, loose


def _after_table(line: Line, tables: Sequence[Table], part: _Attachment) -> bool:
    """A table of this attachment stands between its heading and ``line``
    (so ``line`` is content, not the attachment's title)."""
    return any(part.head.start < t.line < line.start for t in tables)


def _attachments(
    parts: Sequence[_Attachment],
    loose_tables: Sequence[Table],
    body: Sequence[Section],
    year: int | None,
    reader: TableReader | None,
) -> tuple[list[Attachment], list[Note]]:
    out: list[Attachment] = []
    notes: list[Note] = []
    for part in parts:
        title = merge(part.title).text if part.title else ""
        sections: tuple[Section, ...] = ()
        texts = [ln.text for ln in part.lines]
        if part.tables:
            if reader is not None:
                sections, table_notes = reader(part.tables, body, year)
                notes.extend(table_notes)
            if not sections:  # tables the reader does not read (a blank form) are the attachment's text
                texts.extend(_table_lines(part.tables))
        end = max([part.head.end, *(ln.end for ln in part.lines), *(_table_end(t) for t in part.tables)])
        out.append(
            Attachment(
                label=squeeze(part.head.text),
                title=squeeze(title) if _cjk_only(title) else title,
                sections=sections,
                text=tuple(texts),
                span=Span(part.head.start, end),
            )
        )
    if loose_tables:
        sections = ()
        rows: list[str] = []
        if reader is not None:
            sections, table_notes = reader(loose_tables, body, year)
            notes.extend(table_notes)
        if not sections:
            rows = _table_lines(loose_tables)
        start = loose_tables[0].line
        out.append(
            Attachment(
                label="", title="", sections=sections, text=tuple(rows), span=Span(start, _table_end(loose_tables[-1]))
            )
        )
    return out, notes


def _cjk_only(text: str) -> bool:
    return not any(ch.isascii() and ch.isalnum() for ch in text)


def _table_lines(tables: Sequence[Table]) -> list[str]:
    return ["\t".join(row.texts) for table in tables for row in table.rows]


def _table_end(table: Table) -> int:
    return table.rows[-1].line if table.rows else table.line


def _listed(line: Line) -> Attachment:
    """An attachment the plan lists (``附件：…``, or a further numbered line
    of the list) but the file does not hold: ``附件：1．分工表`` is 附件1."""
    text = squeeze(line.text)
    label, colon, title = text.partition("：") if "：" in text else text.partition(":")
    if not colon:
        label, title = "附件", text
    numbered = LIST_ENTRY.match(title)
    if numbered:
        label, title = f"{label}{numbered.group(1)}", title[numbered.end() :]
    return Attachment(label=label, title=title, span=Span(line.start, line.end))


__all__ = ["TableReader", "read_plan"]
