"""The whole plan as an official document in the GB/T 9704-2012 layout.

In the order the standard sets: the 版头 (issuer's letterhead in red, the
document number and a red rule) where the plan has a document number; the
title; 主送 recipients; the preamble and the body, headings styled by level
(``一、`` 黑体, ``（一）`` 楷体_GB2312, ``1.`` bold 仿宋_GB2312); the 附件说明;
the issuer centred over the date; each attachment on a new page — a task table
as a real table on landscape pages — and last the 版记: 抄送 and 印发 lines
between rules.

A measure's heading label (and headline, where it has one) takes its level's
heading font inside an ordinary body paragraph, as official documents set
them.  Where a body measure's units or deadlines are not already written in
its text (a plan imported from a table), they follow it in brackets, so the
document says everything the Plan knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from ...layouts.numbering import match_label
from ...layouts.tasktable import HEADER, format_date
from ...model import Attachment, Measure, Plan, Role, Section
from .gbt9704 import (
    BODY_CHAR,
    CHUHAO,
    FANGSONG,
    HEITI,
    KAITI,
    LANDSCAPE,
    LINE_PITCH,
    PORTRAIT,
    RED,
    SMALL_CHAR,
    PageSetup,
    section_break,
    section_properties,
)
from .ooxml import (
    Body,
    Border,
    ParagraphFormat,
    RunFormat,
    add_paragraph,
    add_run,
    block,
    format_paragraph,
    sub,
)
from .package import WordPackage
from .table import TaskTable, section_rows

HEADING_STYLES = {"cn": "Heading1", "cn_paren": "Heading2", "arabic": "Heading3"}
"""Paragraph style of a section heading by its numbering kind."""

LABEL_FORMATS = {
    "cn": RunFormat(east_asia=HEITI),
    "cn_paren": RunFormat(east_asia=KAITI),
    "arabic": RunFormat(east_asia=FANGSONG, bold=True),
}
"""Run format of a measure's label and headline by its numbering kind."""

ROLE_NAMES = {Role.LEAD: "牵头单位", Role.SUPPORT: "配合单位", Role.RESPONSIBLE: "责任单位"}

THICK = Border(8)
"""版记 rules: the first and last 0.35 mm, the ones between 0.25 mm."""
THIN = Border(5)


def text_width(text: str) -> float:
    """Width of ``text`` in characters: half-width characters count half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


class OfficialDocument:
    """Writes the parts of an official document into a :class:`Body`,
    switching Word sections where the paper turns."""

    def __init__(self, body: Body, package: WordPackage) -> None:
        self.body = body
        self.package = package
        self.page = PORTRAIT

    # -- pages ---------------------------------------------------------------

    def turn_to(self, page: PageSetup) -> None:
        """Start a new Word section (and page) on ``page`` paper."""
        self.body.add(section_break(self.page, self.package.footers))
        self.page = page

    def finish(self) -> None:
        self.body.add(section_properties(None, self.page, self.package.footers))

    # -- paragraphs ----------------------------------------------------------

    def paragraph(
        self,
        style: str,
        text: str = "",
        fmt: ParagraphFormat | None = None,
        runs: Sequence[tuple[str, RunFormat | None]] = (),
    ) -> None:
        """Write a paragraph: ``text`` in the style's font, then ``runs`` in their own."""
        p = add_paragraph(None, style, text)
        for run_text, run_format in runs:
            if run_text:
                add_run(p, run_text, run_format)
        if fmt is not None:
            format_paragraph(p, fmt)
        self.body.add(p)

    def blank(self) -> None:
        self.paragraph("Normal")

    def texts(self, paragraphs: Iterable[str]) -> None:
        for text in paragraphs:
            for line in text.split("\n"):
                if line.strip():
                    self.paragraph("Normal", line)

    # -- the parts of the document ---------------------------------------------

    def letterhead(self, issuer: str, doc_number: str) -> None:
        """版头: the issuer's mark in red, the document number over a red rule."""
        mark = f"{issuer}文件"
        size = min(CHUHAO, int(2 * PORTRAIT.text_width / 20 / max(text_width(mark), 1)))
        self.paragraph(
            "Letterhead",
            fmt=ParagraphFormat(before=LINE_PITCH, after=2 * LINE_PITCH),
            runs=[(mark, RunFormat(size=size))],
        )
        self.paragraph("DocNumber", doc_number, ParagraphFormat(bottom=Border(12, RED), after=2 * LINE_PITCH))

    def title(self, title: str) -> None:
        self.paragraph("Title", title)
        self.blank()

    def recipients(self, names: Sequence[str]) -> None:
        if names:
            self.paragraph("Recipients", "，".join(names) + "：")

    def sections(self, sections: Iterable[Section]) -> None:
        for section in sections:
            self.section(section)

    def section(self, section: Section) -> None:
        if section.heading.strip():
            label = match_label(section.heading)
            style = HEADING_STYLES.get(label.kind if label else "cn", "Normal")
            self.paragraph(style, section.heading)
        self.texts(section.text)
        for child in section.children:
            if isinstance(child, Measure):
                self.measure(child)
            else:
                self.section(child)

    def measure(self, measure: Measure) -> None:
        lines = [line for line in measure.text.split("\n") if line.strip()] or [""]
        label = match_label(measure.label) if measure.label else None
        fmt = LABEL_FORMATS.get(label.kind) if label else None
        head = ""
        if measure.title and lines[0].startswith(measure.title):
            head = lines[0][: len(measure.title)]
            if lines[0][len(head) : len(head) + 1] in ("。", "．", ".", "：", ":"):
                head = lines[0][: len(head) + 1]
        rest = lines[0][len(head) :] + unstated(measure)
        self.paragraph("Normal", runs=[(measure.label + head, fmt), (rest, None)])
        for line in lines[1:]:
            self.paragraph("Normal", line)

    def attachment_note(self, attachments: Sequence[Attachment]) -> None:
        """附件说明: ``附件：1.…`` under the body, numbered where there are several."""
        titles = [a.title for a in attachments if a.title]
        if not titles:
            return
        self.blank()
        label = 3 * BODY_CHAR  # the width of 附件：
        left = 2 * BODY_CHAR + label
        if len(titles) == 1:
            self.paragraph("AttachmentNote", f"附件：{titles[0]}", ParagraphFormat(left=left, hanging=label))
            return
        for i, title in enumerate(titles, start=1):
            if i == 1:
                self.paragraph("AttachmentNote", f"附件：1.{title}", ParagraphFormat(left=left, hanging=label))
            else:
                self.paragraph("AttachmentNote", f"{i}.{title}", ParagraphFormat(left=left))

    def signature(self, issuer: str | None, date: str | None) -> None:
        """The issuer centred over the date, the date four characters in from the right."""
        if not issuer and not date:
            return
        self.blank()
        self.blank()
        date_width = text_width(date or "")
        issuer_width = text_width(issuer or "")
        date_right = 4.0
        if issuer_width > date_width + 4:  # a long name: two characters in, the date centred under it
            issuer_right = 2.0
            date_right = 2.0 + (issuer_width - date_width) / 2
        else:
            issuer_right = 4.0 + (date_width - issuer_width) / 2
        if issuer:
            self.paragraph("Signature", issuer, ParagraphFormat(right=round(issuer_right * BODY_CHAR)))
        if date:
            self.paragraph("IssueDate", date, ParagraphFormat(right=round(date_right * BODY_CHAR)))

    def attachment(self, attachment: Attachment, index: int, count: int) -> None:
        tabular = any(next(s.measures(), None) is not None for s in attachment.sections)
        page = LANDSCAPE if tabular else PORTRAIT
        same_paper = page == self.page
        if not same_paper:
            self.turn_to(page)  # a new section starts a new page
        label = attachment.label.strip() or ("附件" if count == 1 else f"附件{index}")
        self.paragraph("AttachmentLabel", label, ParagraphFormat(page_break_before=same_paper))
        if attachment.title:
            self.paragraph("Title", attachment.title)
        self.blank()
        self.texts(attachment.text)
        if tabular:
            TaskTable(self.page.text_width, HEADER).write(self.body, section_rows(attachment.sections))
            self.paragraph("TableText")
        else:
            self.sections(attachment.sections)

    def colophon(self, cc: Sequence[str], printed_by: str | None, printed_date: str | None) -> None:
        """版记: 抄送 and 印发 lines between rules, on portrait paper."""
        if not cc and not printed_by and not printed_date:
            return
        if self.page != PORTRAIT:
            self.turn_to(PORTRAIT)
        rows: list[tuple[str, str, Border | None, Border]] = []
        dated = bool(printed_by or printed_date)
        if cc:
            rows.append(("CopyTo", "抄送：" + "，".join(cc) + "。", THICK, THIN if dated else THICK))
        if dated:
            rows.append(("PrintedBy", "", None if cc else THICK, THICK))
        tbl = block("tbl")
        tblpr = sub(tbl, "tblPr")
        sub(tblpr, "tblpPr", vertAnchor="margin", horzAnchor="margin", tblpXSpec="center", tblpYSpec="bottom")
        sub(tblpr, "tblW", w=str(PORTRAIT.text_width), type="dxa")
        sub(tblpr, "tblLayout", type="fixed")
        sub(sub(tbl, "tblGrid"), "gridCol", w=str(PORTRAIT.text_width))
        for style, text, top, bottom in rows:
            tc = sub(sub(tbl, "tr"), "tc")
            tcpr = sub(tc, "tcPr")
            sub(tcpr, "tcW", w=str(PORTRAIT.text_width), type="dxa")
            borders = sub(tcpr, "tcBorders")
            for edge, border in (("top", top), ("left", None), ("bottom", bottom), ("right", None)):
                if border is None:
                    sub(borders, edge, val="nil")
                else:
                    sub(borders, edge, val="single", sz=str(border.size), space="0", color=border.color)
            p = add_paragraph(tc, style, text)
            if style == "PrintedBy":
                format_paragraph(p, ParagraphFormat(right_tab=PORTRAIT.text_width - SMALL_CHAR))
                add_run(p, printed_by or "")
                if printed_date:
                    add_run(p, f"\t{printed_date}印发")
        self.body.add(tbl)
        self.blank()


def unstated(measure: Measure) -> str:
    """Units and deadlines of a body measure that its text does not already
    say, as a bracketed note; empty where the text says them all."""
    parts: list[str] = []
    for role, name in ROLE_NAMES.items():
        units = [a.name for a in measure.assignments if a.role is role and a.unit not in measure.text]
        if units:
            parts.append(f"{name}：" + "、".join(units))
    deadlines = [d.text for d in measure.deadlines if d.text not in measure.text]
    if deadlines:
        parts.append("完成时限：" + "；".join(deadlines))
    return f"（{'；'.join(parts)}）" if parts else ""


def write(plan: Plan, stream: BinaryIO, options: dict[str, Any]) -> None:
    """Write ``plan`` as a GB/T 9704-2012 official document."""
    package = WordPackage(plan.title)
    with package.body(stream) as body:
        doc = OfficialDocument(body, package)
        if plan.issuer and plan.doc_number:
            doc.letterhead(plan.issuer, plan.doc_number)
        doc.title(plan.title)
        doc.recipients(plan.recipients)
        doc.texts(plan.preamble)
        doc.sections(plan.sections)
        doc.attachment_note(plan.attachments)
        doc.signature(plan.issuer, format_date(plan.issue_date) if plan.issue_date else None)
        for index, attachment in enumerate(plan.attachments, start=1):
            doc.attachment(attachment, index, len(plan.attachments))
        doc.colophon(plan.cc, plan.printed_by, format_date(plan.printed_date) if plan.printed_date else None)
        doc.finish()


__all__ = ["HEADING_STYLES", "LABEL_FORMATS", "OfficialDocument", "unstated", "write"]
