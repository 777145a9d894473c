"""Shili county's notation: ``一、`` sections, ``（1）`` measures, and one
``【牵头单位】`` / ``【配合单位】`` / ``【责任单位】`` / ``【完成时限】`` line per field.

The layout reads the notation with safetyplan's shared toolkit — numbering
labels, unit lists and deadlines — so Shili reads a unit list or a deadline
exactly as every other region does, and only the notation is its own.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from safetyplan.document import Document, Paragraph
from safetyplan.layouts.deadlines import parse_deadline_cell
from safetyplan.layouts.numbering import match_label
from safetyplan.layouts.units import merge_assignments, parse_units
from safetyplan.model import Assignment, Deadline, Measure, Note, Plan, Role, Section, Span

FIELD = re.compile(r"【(牵头单位|配合单位|责任单位|完成时限)】(.*)")
ROLES = {"牵头单位": Role.LEAD, "配合单位": Role.SUPPORT, "责任单位": Role.RESPONSIBLE}
LETTERHEAD = re.compile(r"(\S{2,40})文件")
DOC_NUMBER = re.compile(r"\S{1,10}〔\d{4}〕\d{1,4}号")
TITLE_YEAR = re.compile(r"\D{0,20}(\d{4})年")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@attrs.define
class _Front:
    """What the lines before the first section say about the plan."""

    issuer: str | None = None
    doc_number: str | None = None
    title: str | None = None
    year: int | None = None
    recipients: tuple[str, ...] = ()
    issue_date: dt.date | None = None
    preamble: list[str] = attrs.field(factory=list)
    notes: list[Note] = attrs.field(factory=list)

    def read(self, p: Paragraph) -> None:
        """Letterhead, 文号, title and recipients in that order; the rest is preamble."""
        text = p.text.strip()
        span = Span(p.line, p.line)
        if self.issuer is None and (m := LETTERHEAD.fullmatch(text)):
            self.issuer = m.group(1)
            self.notes.append(Note(text, "letterhead", span))
        elif self.doc_number is None and DOC_NUMBER.fullmatch(text):
            self.doc_number = text
        elif self.title is None:
            self.title = text
            if m := TITLE_YEAR.match(text):
                self.year = int(m.group(1))
        elif not self.recipients and text.endswith("："):
            self.recipients = tuple(r for r in re.split("[，、]", text.rstrip("：")) if r)
        else:
            self.preamble.append(text)

    def read_closing(self, p: Paragraph) -> None:
        """Signature and date after the last measure; the date is the issue date."""
        text = p.text.strip()
        if m := DATE.fullmatch(text):
            self.issue_date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        self.notes.append(Note(text, "signature", Span(p.line, p.line)))


@attrs.define
class _Draft:
    """A measure while its field lines are still being read."""

    label: str
    number: int
    text: str
    section: str
    span: Span
    units: list[list[Assignment]] = attrs.field(factory=list)
    deadlines: list[Deadline] = attrs.field(factory=list)

    def read_field(self, name: str, value: str, year: int | None, line: int) -> None:
        if name == "完成时限":
            self.deadlines.append(parse_deadline_cell(value, year))
        else:
            self.units.append(parse_units(value, role=ROLES[name]))
        self.span = Span(self.span.start, line)

    def measure(self) -> Measure:
        return Measure(
            label=self.label,
            number=self.number,
            text=self.text,
            section_path=(self.section,),
            assignments=merge_assignments(*self.units),
            deadlines=tuple(self.deadlines),
            span=self.span,
        )


class ShiliLayout:
    name = "shili"
    aliases: tuple[str, ...] = ("示例县", "example-county")
    description = "示例县 work lists: （1） measures with 【牵头单位】/【完成时限】 field lines"

    def detect(self, document: Document) -> float:
        """How regularly measures are followed by field lines: the notation's mark.

        Every installed layout's ``detect`` runs on every document, so the
        cheap test comes first: a document with no field line is no Shili
        plan, and its labels are never read."""
        texts = [p.text.strip() for p in document.paragraphs()]
        fields = sum(1 for t in texts if FIELD.match(t))
        if not fields:
            return 0.0
        measures = sum(1 for t in texts if (label := match_label(t)) and label.kind == "arabic_paren")
        if not measures:
            return 0.0
        return min(1.0, fields / (2 * measures))

    def parse(self, document: Document) -> list[Plan]:
        front = _Front()
        sections: list[tuple[Section, list[_Draft]]] = []
        draft: _Draft | None = None
        for p in document.paragraphs():
            text = p.text.strip()
            label = match_label(text)
            field = FIELD.match(text)
            if field and draft is not None:
                draft.read_field(field.group(1), field.group(2), front.year, p.line)
            elif label and label.kind == "cn":
                section = Section(label.text, text[label.end :].strip(), span=Span(p.line, p.line))
                sections.append((section, []))
                draft = None
            elif label and label.kind == "arabic_paren" and sections:
                heading = sections[-1][0].heading
                draft = _Draft(label.text, label.number, text[label.end :].strip(), heading, Span(p.line, p.line))
                sections[-1][1].append(draft)
            elif not sections:
                front.read(p)
            else:
                front.read_closing(p)
        return [
            Plan(
                title=front.title or "",
                issuer=front.issuer,
                doc_number=front.doc_number,
                issue_date=front.issue_date,
                year=front.year,
                recipients=front.recipients,
                preamble=tuple(front.preamble),
                sections=tuple(
                    attrs.evolve(section, children=tuple(d.measure() for d in drafts)) for section, drafts in sections
                ),
                notes=tuple(front.notes),
            )
        ]
