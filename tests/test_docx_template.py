"""Clerk templates: the examples render, the context is documented, bad templates fail clearly."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from wordplans import official_plan

import safetyplan
from safetyplan.errors import UnsafeFileError
from safetyplan.writers.docx import TemplateError
from safetyplan.writers.docx.context import template_context

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "examples" / "templates"
DOCS = ROOT / "docs" / "templates.md"


def fill(template: Path, tmp_path: Path, plan: safetyplan.Plan | None = None) -> docx.document.Document:
    out = safetyplan.dump(plan or official_plan(), tmp_path / "filled.docx", kind="template", template=template)
    return docx.Document(str(out))


def all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def make_template(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_there_are_at_least_two_example_templates() -> None:
    assert len(sorted(TEMPLATES.glob("*.docx"))) >= 2


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.docx")), ids=lambda p: p.name)
def test_example_template_renders_every_tag(template: Path, tmp_path: Path) -> None:
    filled = all_text(fill(template, tmp_path))
    assert "{{" not in filled and "{%" not in filled
    assert "通化市" in filled


def test_task_table_template_has_one_row_per_measure(tmp_path: Path) -> None:
    table = fill(TEMPLATES / "task-table.docx", tmp_path).tables[0]
    plan = official_plan()
    assert len(table.rows) == 1 + len(list(plan.measures()))
    first = [c.text for c in table.rows[1].cells]
    assert first == [
        "1",
        "（一）压实责任",
        next(plan.measures()).text,
        "市应急局",
        "市公安局、市住建局",
        "2022年6月底前",
    ]


def test_notice_template_lists_what_falls_due_when(tmp_path: Path) -> None:
    lines = [p.text for p in fill(TEMPLATES / "notice.docx", tmp_path).paragraphs]
    assert "2022年6月30日前：第1项。" in lines
    assert "2022年9月30日前：第3项、第5项。" in lines
    assert "长期坚持或未定日期：第2项。" in lines


def test_unit_letters_template_gives_every_unit_its_list(tmp_path: Path) -> None:
    document = fill(TEMPLATES / "unit-letters.docx", tmp_path)
    titles = [p.text for p in document.paragraphs if p.text.endswith("责任清单")]
    assert titles[:2] == ["市应急局责任清单", "市公安局责任清单"]
    assert len(document.tables) == len(titles) == 7


def test_build_script_makes_the_committed_templates(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_templates", TEMPLATES / "build_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(tmp_path / "built")
    assert sorted(p.name for p in built) == sorted(p.name for p in TEMPLATES.glob("*.docx"))
    for path in built:
        with zipfile.ZipFile(path) as new, zipfile.ZipFile(TEMPLATES / path.name) as old:
            assert new.read("word/document.xml") == old.read("word/document.xml"), path.name


def test_plan_text_is_escaped_not_markup(tmp_path: Path) -> None:
    plan = attrs.evolve(official_plan(), title="A<b>&amp;</b> & {{ x }}")
    template = make_template(tmp_path / "t.docx", "{{ plan.title }}")
    assert fill(template, tmp_path, plan).paragraphs[0].text == "A<b>&amp;</b> & {{ x }}"


def test_multi_line_values_become_line_breaks(tmp_path: Path) -> None:
    plan = attrs.evolve(official_plan(), title="第一行\n第二行")
    template = make_template(tmp_path / "t.docx", "{{ plan.title }}")
    assert fill(template, tmp_path, plan).paragraphs[0].text == "第一行\n第二行"


def test_context_holds_plain_values_only() -> None:
    def check(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                check(v)
        elif isinstance(value, list):
            for v in value:
                check(v)
        else:
            assert isinstance(value, str | int | bool), type(value)

    check(template_context(official_plan()))


def _keys(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, v in value.items():
            out.add(key)
            _keys(v, out)
    elif isinstance(value, list):
        for v in value:
            _keys(v, out)
    return out


def test_every_context_name_is_documented() -> None:
    documented = set(re.findall(r"`([a-z_]+)`", DOCS.read_text(encoding="utf-8")))
    missing = _keys(template_context(official_plan()), set()) - documented
    assert not missing, f"docs/templates.md does not describe {sorted(missing)}"


@pytest.mark.parametrize(
    ("paragraphs", "message"),
    [
        (["{{ plan.titel }}"], "name the plan does not provide"),
        (["{% for m in measures %}{{ m.text }}"], "template tag error"),
        (["{{ plan.title "], "template tag error"),
        (["{{ plan.title | nosuchfilter }}"], "template tag error"),
    ],
)
def test_broken_templates_are_clear_errors(paragraphs: list[str], message: str, tmp_path: Path) -> None:
    template = make_template(tmp_path / "bad.docx", *paragraphs)
    target = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match=message):
        safetyplan.dump(official_plan(), target, kind="template", template=template)
    assert not target.exists()


def test_missing_or_non_word_templates(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="needs a template"):
        safetyplan.dump(official_plan(), tmp_path / "o.docx", kind="template")
    with pytest.raises(TemplateError, match="template not found"):
        safetyplan.dump(official_plan(), tmp_path / "o.docx", kind="template", template=tmp_path / "none.docx")
    text = tmp_path / "t.docx"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"not a usable \.docx"):
        safetyplan.dump(official_plan(), tmp_path / "o.docx", kind="template", template=text)
    other_zip = tmp_path / "z.docx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(TemplateError, match="not a Word document"):
        safetyplan.dump(official_plan(), tmp_path / "o.docx", kind="template", template=other_zip)


def test_zip_bomb_template_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (2 * 1024 * 1024) + b"/>")
    with pytest.raises(UnsafeFileError):
        safetyplan.dump(official_plan(), tmp_path / "o.docx", kind="template", template=bomb)
