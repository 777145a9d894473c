"""Build the example clerk templates in this folder.

    python examples/templates/build_templates.py [OUTPUT_DIR]

Each template is an ordinary Word file holding docxtpl/Jinja tags; a clerk
copies one, changes the wording and layout in Word, and fills it with

    safetyplan convert plan.txt --to docx --kind template --template my.docx -o out/

The files are made with python-docx here so that what they contain is
reviewable as code; the committed .docx files are this script's output.  The
names they use are documented in docs/templates.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, cast

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table

HERE = Path(__file__).resolve().parent


def _font(style: ParagraphStyle, east_asia: str, size: float, *, bold: bool = False) -> None:
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.name = "Times New Roman"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def _document(*, landscape: bool = False) -> WordDocument:
    """A blank document on the GB/T 9704 page with 仿宋_GB2312 三号 body text."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    normal = doc.styles["Normal"]
    _font(normal, "仿宋_GB2312", 16)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    title = doc.styles.add_style("公文标题", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    _font(title, "方正小标宋简体", 22)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(35)
    heading = doc.styles.add_style("附件标识", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = normal
    _font(heading, "黑体", 16)
    return doc


def _indented(doc: WordDocument, text: str) -> None:
    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(32)


def _cell_text(table: Table, row: int, texts: list[str], size: float = 12) -> None:
    for cell, text in zip(table.rows[row].cells, texts, strict=True):
        p = cell.paragraphs[0]
        p.text = text
        p.paragraph_format.line_spacing = Pt(18)
        for run in p.runs:
            run.font.size = Pt(size)


def _widths(table: Table, millimetres: list[int]) -> None:
    """Fixed column widths, set on the grid and on every cell as Word expects."""
    table.autofit = False
    for column, width in zip(table.columns, millimetres, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def task_table() -> WordDocument:
    """An office's own task table: one row per measure, with its section."""
    doc = _document(landscape=True)
    doc.add_paragraph("附件", style="附件标识")
    doc.add_paragraph("{{ plan.title }}任务清单", style="公文标题")
    p = doc.add_paragraph("（{{ plan.issuer }}　{{ plan.doc_number }}）")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = doc.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_text(table, 0, ["序号", "所属部分", "工作任务", "牵头单位", "配合及责任单位", "完成时限"])
    _cell_text(
        table,
        1,
        ["{%tr for m in measures %}", "", "", "", "", ""],
    )
    _cell_text(
        table,
        2,
        [
            "{{ m.index }}",
            "{{ m.section }}",
            "{{ m.text }}",
            "{{ m.lead_text }}",
            "{{ m.support_text }}{% if m.support_text and m.responsible_text %}、{% endif %}{{ m.responsible_text }}",
            "{{ m.deadline_text }}",
        ],
    )
    _cell_text(table, 3, ["{%tr endfor %}", "", "", "", "", ""])
    _widths(table, [14, 40, 85, 30, 32, 24])
    doc.add_paragraph("共{{ measures|length }}项任务，涉及{{ units|length }}个单位。")
    return doc


def notice() -> WordDocument:
    """A covering notice (印发通知) that lists what falls due when."""
    doc = _document()
    doc.add_paragraph("关于印发《{{ plan.title }}》的通知", style="公文标题")
    doc.add_paragraph("")
    doc.add_paragraph("{{ plan.recipients_text }}{% if plan.recipients_text %}：{% endif %}")
    _indented(
        doc,
        "现将《{{ plan.title }}》印发给你们，请结合实际认真贯彻落实。"
        "方案共{{ measures|length }}项任务，涉及{{ units|length }}个单位，各时间节点如下：",
    )
    doc.add_paragraph("{%p for d in deadlines %}")
    _indented(
        doc,
        "{{ d.due }}前：{% for m in d.measures %}第{{ m.index }}项{% if not loop.last %}、{% endif %}{% endfor %}。",
    )
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if undated %}")
    _indented(
        doc,
        "长期坚持或未定日期：{% for m in undated %}第{{ m.index }}项{% if not loop.last %}、{% endif %}{% endfor %}。",
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("")
    p = doc.add_paragraph("{{ plan.issuer }}")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = doc.add_paragraph("{{ plan.issue_date }}")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return doc


def unit_letters() -> WordDocument:
    """One responsibility list per unit, each starting on a new page."""
    doc = _document()
    doc.add_paragraph("{%p for u in units %}")
    doc.add_paragraph("{{ u.name }}责任清单", style="公文标题")
    _indented(
        doc,
        "根据《{{ plan.title }}》，你单位共承担{{ u.count }}项任务"
        "（牵头{{ u.lead_count }}项、配合{{ u.support_count }}项、负责{{ u.responsible_count }}项），"
        "请按时限要求推进落实。",
    )
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    _cell_text(table, 0, ["序号", "任务", "职责", "完成时限"])
    _cell_text(
        table,
        1,
        ["{%tr for d in u.duties %}", "", "", ""],
    )
    _cell_text(table, 2, ["{{ loop.index }}", "{{ d.text }}", "{{ d.role_name }}", "{{ d.deadline_text }}"])
    _cell_text(table, 3, ["{%tr endfor %}", "", "", ""])
    _widths(table, [14, 92, 18, 32])
    doc.add_paragraph("{%p if not loop.last %}")
    cast(Any, doc).add_page_break()
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    return doc


TEMPLATES = {"task-table.docx": task_table, "notice.docx": notice, "unit-letters.docx": unit_letters}


def build(directory: Path) -> list[Path]:
    """Write every template into ``directory``; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in TEMPLATES.items():
        path = directory / name
        make().save(str(path))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
