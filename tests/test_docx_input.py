"""A plan saved as Word imports to the same Plan as its text.

Each corpus document is rendered to .docx from its text blocks (styled
headings, paragraphs cut into runs, the task table as a Word table with merged
part cells) and both files are loaded with layout detection.  Only what
differs by nature is set aside: where a plan was read from, and source
spans (lines in one, paragraph numbers in the other).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.oxml.ns import qn
from docx_render import heading_level, render_docx

import safetyplan
from safetyplan.document import Document, Paragraph
from safetyplan.model import Plan, Span

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DOCUMENTS = ("xinjian", "tonghua", "shuangqiao", "changzhou")


def text_document(name: str) -> Document:
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.fail(f"corpus document missing: {path}")
    document = safetyplan.read_document(path)
    assert isinstance(document, Document)
    return document


def comparable(plan: Plan) -> dict[str, Any]:
    """A plan's content: metadata, sections, attachments, phases and
    reporting, with source spans removed; not its source or notes."""

    def strip(value: Any) -> Any:
        if isinstance(value, Span):
            return None
        if isinstance(value, tuple):
            return tuple(strip(v) for v in value)
        if attrs.has(type(value)):
            return attrs.evolve(value, **{f.name: strip(getattr(value, f.name)) for f in attrs.fields(type(value))})
        return value

    return {
        field.name: strip(getattr(plan, field.name))
        for field in attrs.fields(Plan)
        if field.name not in ("source", "notes")
    }


@pytest.mark.parametrize("name", DOCUMENTS)
def test_word_rendering_imports_like_the_text(name: str, tmp_path: Path) -> None:
    text_path = CORPUS / f"{name}.txt"
    word_path = render_docx(text_document(name), tmp_path / f"{name}.docx")
    from_text = safetyplan.load(text_path)
    from_word = safetyplan.load(word_path)
    assert from_word.region == from_text.region == name
    word, text = comparable(from_word), comparable(from_text)
    for field in text:
        assert word[field] == text[field], f"{name}: {field} differs"


# --- the rendering itself -------------------------------------------------------


def test_the_rendering_keeps_every_paragraph_and_styles_headings(tmp_path: Path) -> None:
    source = text_document("xinjian")
    word = docx.Document(str(render_docx(source, tmp_path / "xinjian.docx")))
    paragraphs = [p for p in word.paragraphs]
    blocks = [b for b in source.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == len(blocks)
    for i, (block, paragraph) in enumerate(zip(blocks, paragraphs, strict=True)):
        level, text = heading_level(block, blocks[i + 1] if i + 1 < len(blocks) else None)
        assert paragraph.text == text.strip().replace("**", ""), block.line
        assert paragraph.style is not None
        assert paragraph.style.name == (f"Heading {level}" if level else "Normal"), block.line
    assert any(len(p.runs) > 1 for p in paragraphs)
    assert any(r.bold for p in paragraphs for r in p.runs)


def test_the_task_table_becomes_word_tables_with_merged_part_cells(tmp_path: Path) -> None:
    source = text_document("tonghua")
    word = docx.Document(str(render_docx(source, tmp_path / "tonghua.docx")))
    tables = list(source.tables())
    assert len(word.tables) == len(tables)
    first = word.tables[0]
    # row 0 repeats as header; the part cell of row 1 spans rows 1-3
    header = first.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert first.cell(1, 0)._tc is first.cell(3, 0)._tc
    assert first.cell(2, 0).text == "一、严格落实党委安全生产责任"
    # a task cell holding two <p> fragments keeps them as two paragraphs
    cells = [c for t in word.tables for row in t.rows for c in row.cells]
    assert any(len(c.paragraphs) == 2 and c.paragraphs[1].text.startswith("27 ") for c in cells)
