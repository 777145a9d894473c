"""The reference pages stay true to the code they describe.

- ``docs/model.md`` has one table per model and document class whose rows
  are exactly the class's attrs fields, in order, each with the type,
  default and XML mapping the code gives it (read from the annotations and
  from :data:`safetyplan.formats.xml.SHAPES`), and lists every enum value;
- every ``xml`` block of the docs is a document the writer produces: it
  validates, and reading and writing it again gives the same text;
- ``docs/cli.md`` names every command and option the parser has and every
  exit code;
- ``console`` blocks are transcripts: each ``$ safetyplan …`` line is run
  (in a scratch copy of ``examples/``, one per page) and its output — stdout
  and stderr as a terminal shows them — must match the lines under it, where
  a line ``…`` stands for any number of lines; ``$ echo $?`` shows the last
  exit code and ``$ ls DIR`` the folder's sorted contents.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import io
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from safetyplan import cli, document, model
from safetyplan.formats import xml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^(#{2,4}) (.+?)\s*$", re.MULTILINE)


def fenced(page: Path, language: str) -> list[str]:
    return [m.group(2) for m in FENCE.finditer(page.read_text(encoding="utf-8")) if m.group(1) == language]


def attrs_classes(module: Any) -> list[type[Any]]:
    return [c for c in (getattr(module, n) for n in module.__all__) if isinstance(c, type) and attrs.has(c)]


# -- the model page ------------------------------------------------------------


def _without_fences(text: str) -> str:
    return FENCE.sub("", text)


def page_sections(page: Path) -> dict[str, str]:
    """Each ``###`` heading's name and the text under it, up to the next heading."""
    text = _without_fences(page.read_text(encoding="utf-8"))
    heads = list(HEADING.finditer(text))
    return {
        m.group(2): text[m.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        for i, m in enumerate(heads)
        if len(m.group(1)) == 3
    }


def split_row(line: str) -> list[str]:
    """A Markdown table row's cells; a ``|`` inside backticks is text, not a separator."""
    cells, cell, in_code = [], "", False
    for char in line.strip().strip("|"):
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            cells.append(cell.strip())
            cell = ""
        else:
            cell += char
    cells.append(cell.strip())
    return cells


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the first table in ``text``."""
    rows = [split_row(line) for line in text.splitlines() if line.startswith("|")]
    return rows[2:]


def type_text(annotation: object) -> str:
    """A field's annotation as the page writes it: ``date`` for ``_dt.date``,
    ``A | B`` for ``Union[A, B]``, no quotes."""
    text = str(annotation).replace("_dt.", "").replace("'", "").replace('"', "")
    return re.sub(r"Union\[([^\[\]]*)\]", lambda m: m.group(1).replace(", ", " | "), text)


def default_text(field: attrs.Attribute[Any]) -> str:
    default = field.default
    if default is attrs.NOTHING:
        return "required"
    factory = getattr(default, "factory", None)  # an attrs.Factory
    if isinstance(factory, type):
        return f"`{factory.__name__}()`"
    if isinstance(default, enum.Enum):
        return f"`{type(default).__name__}.{default.name}`"
    return f"`{default!r}`"


def xml_text(shape: xml.Field) -> str:
    """Where a field goes in XML, in the words of the model page's XML column."""
    match shape:
        case xml.Attr(name=name):
            return f"`@{name}`"
        case xml.Child(name=name):
            return f"`<{name}>`"
        case xml.Content():
            return "element text"
        case xml.Repeated(tag=tag):
            return f"`<{tag}>` ×n"
        case xml.Headings(name=name):
            return f"`<{name}>` holding `<heading>` ×n"
        case xml.Node(name=name, tag=tag):
            return f"`<{tag or name}>`"
        case xml.Nodes(tags=tags):
            return " / ".join(f"`<{t}>`" for t in tags) + " ×n"
    raise AssertionError(f"no wording for {shape!r}")


MODEL_CLASSES = attrs_classes(model)
DOCUMENT_CLASSES = attrs_classes(document)


def test_every_class_of_the_model_and_of_documents_is_covered() -> None:
    assert {"Plan", "Measure", "TextRange"} <= {c.__name__ for c in MODEL_CLASSES}
    assert {"Document", "Paragraph", "Table", "Row", "Cell"} <= {c.__name__ for c in DOCUMENT_CLASSES}
    assert set(xml.SHAPES) == set(MODEL_CLASSES), "SHAPES and the model disagree; the page follows both"


@pytest.mark.parametrize("cls", MODEL_CLASSES + DOCUMENT_CLASSES, ids=lambda c: c.__name__)
def test_model_page_table_matches_the_class(cls: type[Any]) -> None:
    sections = page_sections(DOCS / "model.md")
    assert cls.__name__ in sections, f"model.md has no '### {cls.__name__}' heading"
    rows = table_rows(sections[cls.__name__])
    assert rows and rows[0][0].startswith("`"), f"model.md: no field table under ### {cls.__name__}"
    fields = [f for f in attrs.fields(cls) if f.init]  # memos a class keeps for itself are no fields
    documented = [row[0].strip("`") for row in rows]
    assert documented == [f.name for f in fields], f"model.md, {cls.__name__}: fields are {[f.name for f in fields]}"
    shapes = {shape.name: shape for shape in xml.SHAPES.get(cls, ())}
    for field, (_name, type_, default, where, meaning) in zip(fields, rows, strict=True):
        at = f"model.md, {cls.__name__}.{field.name}"
        assert type_ == f"`{type_text(field.type)}`", f"{at}: type is `{type_text(field.type)}`"
        assert default == default_text(field), f"{at}: default is {default_text(field)}"
        expected = xml_text(shapes[field.name]) if cls in xml.SHAPES else "—"
        assert where == expected, f"{at}: XML is {expected}"
        assert meaning, f"{at}: say what the field means"


@pytest.mark.parametrize("cls", [model.Role, model.Part], ids=lambda c: c.__name__)
def test_model_page_lists_every_enum_value(cls: type[enum.StrEnum]) -> None:
    rows = table_rows(page_sections(DOCS / "model.md")[cls.__name__])
    assert [row[0].strip("`") for row in rows] == [member.value for member in cls]


def test_documents_heading_has_the_anchor_the_plugin_guide_links_to() -> None:
    assert "model.md#documents" in (DOCS / "plugin-guide.md").read_text(encoding="utf-8")
    assert re.search(r"^## Documents$", (DOCS / "model.md").read_text(encoding="utf-8"), re.MULTILINE)


# -- XML examples --------------------------------------------------------------


XML_BLOCKS = [(page, block) for page in PAGES for block in fenced(page, "xml")]


@pytest.mark.parametrize("page, block", XML_BLOCKS, ids=[f"{p.name}-{i}" for i, (p, _) in enumerate(XML_BLOCKS)])
def test_xml_examples_are_what_the_writer_writes(page: Path, block: str) -> None:
    data = block.encode("utf-8")
    xml.validate(data)
    plans = xml.loads(data)
    single = xml.parse(data).getroot().tag == f"{{{xml.NAMESPACE}}}plan"
    again = xml.dumps(plans[0] if single else plans).decode("utf-8")
    assert again == block, f"{page.name}: rewrite the example with the writer"


def test_xml_page_shows_a_written_example() -> None:
    assert fenced(DOCS / "xml.md", "xml"), "xml.md should show a document the writer produced"


# -- the command-line page -----------------------------------------------------


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if action.option_strings and not isinstance(action, argparse._HelpAction):
            yield from action.option_strings
        elif not action.option_strings and action.metavar and not isinstance(action, argparse._SubParsersAction):
            yield str(action.metavar)


def code_words(text: str) -> set[str]:
    """Every word of every code span outside fenced blocks: ``-o DIR`` gives ``-o`` and ``DIR``."""
    spans = re.findall(r"`([^`\n]+)`", _without_fences(text))
    return {word.strip(",[]") for span in spans for word in span.split()}


def test_cli_page_documents_every_command_and_option() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    missing = [option for option in _options(parser) if option not in code_words(text)]
    for name, sub in _subparsers(parser).items():
        heading = re.search(rf"^## {name}$", text, re.MULTILINE)
        if not heading:
            missing.append(f"## {name}")
            continue
        section = text[heading.end() :].split("\n## ", 1)[0]
        missing += [f"{option} under {name}" for option in _options(sub) if option not in code_words(section)]
    assert not missing, f"cli.md does not document: {', '.join(missing)}"


def test_cli_page_lists_every_exit_code() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    codes = {v for k, v in vars(cli).items() if k.startswith("EXIT_") and isinstance(v, int)}
    rows = table_rows(text.split("## Exit codes", 1)[1])
    assert {int(row[0].strip("`")) for row in rows} == codes


# -- transcripts ---------------------------------------------------------------


TRANSCRIPT_PAGES = [page for page in PAGES if fenced(page, "console")]


def run_command(command: str, last_code: int) -> tuple[list[str], int]:
    """Run one transcript command in the current folder: its output lines and exit code."""
    argv = shlex.split(command)
    if argv == ["echo", "$?"]:
        return [str(last_code)], last_code
    if argv[0] == "ls" and len(argv) == 2:
        return sorted(p.name for p in Path(argv[1]).iterdir()), 0
    assert argv[0] == "safetyplan", f"transcripts run safetyplan, echo $? and ls DIR only, not {command!r}"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(argv[1:])
    return out.getvalue().splitlines(), code


def matches(got: list[str], want: list[str]) -> bool:
    """``got`` fits ``want``, where a ``…`` line stands for any number of lines
    and trailing spaces do not count."""
    got = [line.rstrip() for line in got]
    if not want:
        return not got
    if want[0] == "…":
        return any(matches(got[i:], want[1:]) for i in range(len(got) + 1))
    return bool(got) and got[0] == want[0].rstrip() and matches(got[1:], want[1:])


def transcript(block: str) -> Iterator[tuple[str, list[str]]]:
    command: str | None = None
    expected: list[str] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, expected
            command, expected = line[2:], []
        else:
            expected.append(line)
    if command is not None:
        yield command, expected


@pytest.mark.parametrize("page", TRANSCRIPT_PAGES, ids=lambda p: p.name)
def test_console_transcripts_show_real_output(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("*.egg-info"))
    monkeypatch.chdir(tmp_path)
    code = 0
    for n, block in enumerate(fenced(page, "console"), start=1):
        for command, expected in transcript(block):
            got, code = run_command(command, code)
            assert matches(got, expected), f"{page.name}, console block {n}: `{command}` printed\n" + "\n".join(got)
