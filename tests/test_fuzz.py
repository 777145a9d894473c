"""Fuzzing: every reader and layout returns Plans or raises SafetyPlanError.

The inputs are the corpus plans mutated the way real files go wrong (lines
deleted, duplicated, swapped and joined, brackets and numbering injected,
re-encoded, cut off), generated Word packages, HTML pages and XML documents,
and Documents built from the plans' notation.  Layouts are called directly,
not through the registry, so that an exception the registry would wrap as a
PluginError is seen for the bug it is.  Each call runs under an alarm: a call
still running after it is a hang.

``SAFETYPLAN_FUZZ_SCALE`` multiplies every example count (default 1: about
2,200 examples, under two minutes on two cores).
"""

from __future__ import annotations

import codecs
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyplan.document import Cell, Document, Paragraph, Row, Table
from safetyplan.errors import SafetyPlanError
from safetyplan.hookspecs import Layout
from safetyplan.model import Plan
from safetyplan.readers.docx import DocxReader
from safetyplan.readers.html import HtmlReader
from safetyplan.readers.text import TextReader
from safetyplan.registry import get_registry

sys.path.insert(0, str(Path(__file__).parent))
from hostile import W_NS, document_xml, docx_bytes

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
SCALE = float(os.environ.get("SAFETYPLAN_FUZZ_SCALE", "1"))
HANG_SECONDS = 20
T = TypeVar("T")


def fuzz(examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang()


def bounded(what: str, call: Callable[[], T]) -> T | None:
    """``call()``, or None where it raised SafetyPlanError; a hang or any
    other exception fails the example."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        return call()
    except SafetyPlanError:
        return None
    except _Hang:
        raise AssertionError(f"{what}: still running after {HANG_SECONDS} s") from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


LAYOUTS: dict[str, Layout] = {reg.obj.name: reg.obj for reg in get_registry().layouts}
READERS = {reg.obj.name: reg.obj for reg in get_registry().readers}


def run_layouts(document: Document) -> None:
    """Every layout's detect and parse on ``document``: a score in range and
    a list of Plans, or a SafetyPlanError."""
    for name, layout in LAYOUTS.items():
        score = bounded(f"{name}.detect", lambda layout=layout: layout.detect(document))  # type: ignore[misc]
        if score is not None:
            assert 0.0 <= float(score) <= 1.0, f"{name}.detect gave {score!r}"
        plans = bounded(f"{name}.parse", lambda layout=layout: layout.parse(document))  # type: ignore[misc]
        if plans is not None:
            assert all(isinstance(p, Plan) for p in plans), f"{name}.parse returned {plans!r}"


# -- the corpus, mutated -------------------------------------------------------------


def _corpus() -> dict[str, list[str]]:
    if not CORPUS.exists():
        return {}
    return {p.name: p.read_text(encoding="utf-8").split("\n") for p in sorted(CORPUS.glob("*.txt"))}


CORPUS_LINES = _corpus()
INJECTED = ["（", "）", "(", ")", "〔", "〕", "【", "】", "《", "》", "、", "，", "：", "；", "。", "\t", "<p>", "</p>",
            "一、", "（一）", "（二十三）", "1.", "1．", "12、", "(3)", "（4）", "十一、", "第一条", "附件", "#", "**",
            "（责任单位：", "区应急管理局、", "牵头单位：", "配合单位：", "2022年9月底前", "长期坚持", "每季度",
            "\u3000", "\x00", "\x07", "\ufeff"]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]


@st.composite
def mutated_plans(draw: st.DrawFn) -> tuple[str, str, str]:
    """A window of a corpus plan after a few mutations; returns the text,
    an encoding and a line end."""
    name = draw(st.sampled_from(sorted(CORPUS_LINES)))
    lines = CORPUS_LINES[name]
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    window = list(lines[start : start + draw(st.integers(1, 40))])
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "join", "inject", "truncate-line"]))
        if not window:
            break
        i = draw(st.integers(0, len(window) - 1))
        if kind == "delete":
            del window[i]
        elif kind == "duplicate":
            window.insert(i, window[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(window) - 1))
            window[i], window[j] = window[j], window[i]
        elif kind == "join" and i + 1 < len(window):
            window[i : i + 2] = [window[i] + window[i + 1]]
        elif kind == "inject":
            at = draw(st.integers(0, len(window[i])))
            window[i] = window[i][:at] + draw(st.sampled_from(INJECTED)) + window[i][at:]
        elif kind == "truncate-line":
            window[i] = window[i][: draw(st.integers(0, len(window[i])))]
    text = "\n".join(window)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]  # a plan cut off halfway
    return text, draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from(["\n", "\r\n", "\r"]))


@pytest.mark.skipif(not CORPUS_LINES, reason="the shared corpus is not available")
@fuzz(400)
@given(mutated_plans())
def test_mutated_corpus_plans(case: tuple[str, str, str]) -> None:
    text, encoding, newline = case
    data = text.replace("\n", newline).encode(encoding)
    reader = TextReader()
    document = bounded("text reader", lambda: reader.read(data, path="plan.txt"))
    plain = bounded("text reader", lambda: reader.read(text.encode("utf-8"), path="plan.txt"))
    assert (document is None) == (plain is None), "the encoding changed whether the file reads"
    if document is None or plain is None:
        return
    assert isinstance(document, Document) and isinstance(plain, Document)
    assert document.blocks == plain.blocks, f"{encoding} with {newline!r} read differently from UTF-8"
    run_layouts(document)


# -- generated Word packages -----------------------------------------------------------

TEXT_ALPHABET = list(
    "一二三四五六七八九十（）()、．.，。：；0123456789 \u3000安全生产责任单位区应急管理局完成时限年月底前&<>"
)
texts = st.text(alphabet=st.sampled_from(TEXT_ALPHABET), max_size=16)
VALS = st.sampled_from(["0", "1", "2", "3", "8", "9", "-1", "abc", "", "99999999999999", "restart", "continue"])


@st.composite
def runs(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Runs of one paragraph as XML, and the lines a person sees in them."""
    xml: list[str] = []
    lines = [""]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["t", "t", "t", "tab", "br", "hidden", "del", "ins"]))
        text = draw(texts)
        if kind == "t":
            xml.append(f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
            lines[-1] += text
        elif kind == "tab":
            xml.append("<w:r><w:tab/></w:r>")
            lines[-1] += " "
        elif kind == "br":
            xml.append("<w:r><w:br/></w:r>")
            lines.append("")
        elif kind == "hidden":
            xml.append(f'<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
        elif kind == "del":
            xml.append(f'<w:del w:id="1" w:author="a"><w:r><w:delText>{escape(text)}</w:delText></w:r></w:del>')
        else:
            xml.append(
                f'<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:ins>'
            )
            lines[-1] += text
    return "".join(xml), lines


@st.composite
def word_paragraphs(draw: st.DrawFn) -> tuple[str, list[str]]:
    body, lines = draw(runs())
    props = ""
    if draw(st.booleans()):
        props += f'<w:pStyle w:val="{escape(draw(VALS))}"/>'
    if draw(st.booleans()):
        props += f'<w:numPr><w:ilvl w:val="{draw(VALS)}"/><w:numId w:val="{draw(VALS)}"/></w:numPr>'
    return f"<w:p><w:pPr>{props}</w:pPr>{body}</w:p>", lines


@st.composite
def word_tables(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A table with random spans and merges; the lines of the cells that are
    not merge continuations (those show the cell above instead)."""
    rows: list[str] = []
    seen: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        cells: list[str] = []
        before = draw(st.sampled_from(["", '<w:trPr><w:gridBefore w:val="1"/></w:trPr>']))
        for _ in range(draw(st.integers(1, 4))):
            props = ""
            if draw(st.booleans()):
                props += f'<w:gridSpan w:val="{draw(VALS)}"/>'
            merge = draw(st.sampled_from([None, None, "restart", "continue", ""]))
            if merge is not None:
                props += "<w:vMerge/>" if merge == "" else f'<w:vMerge w:val="{merge}"/>'
            content: list[str] = []
            for _ in range(draw(st.integers(0, 2))):
                xml, lines = draw(word_paragraphs())
                content.append(xml)
                if merge not in ("continue", ""):
                    seen.extend(lines)
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(content) or '<w:p/>'}</w:tc>")
        rows.append(f"<w:tr>{before}{''.join(cells)}</w:tr>")
    return f"<w:tbl>{''.join(rows)}</w:tbl>", seen


NUM_FORMATS = st.sampled_from(["decimal", "chineseCounting", "upperLetter", "lowerRoman", "bullet", "none", "bogus",
                               "decimalEnclosedCircle", "ideographTraditional", "decimalFullWidth"])  # fmt: skip


LEVEL_TEXTS = st.text(st.sampled_from(list("%123456789、（）.")), max_size=8)


@st.composite
def numbering_parts(draw: st.DrawFn) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{draw(VALS)}"><w:start w:val="{draw(VALS)}"/><w:numFmt w:val="{draw(NUM_FORMATS)}"/>'
        f'<w:lvlText w:val="{escape(draw(LEVEL_TEXTS))}"/>'
        f'<w:lvlRestart w:val="{draw(VALS)}"/></w:lvl>'
        for _ in range(draw(st.integers(0, 4)))
    )
    nums = "".join(
        f'<w:num w:numId="{draw(VALS)}"><w:abstractNumId w:val="{draw(VALS)}"/>'
        f'<w:lvlOverride w:ilvl="{draw(VALS)}"><w:startOverride w:val="{draw(VALS)}"/></w:lvlOverride></w:num>'
        for _ in range(draw(st.integers(0, 3)))
    )
    return f'<w:abstractNum w:abstractNumId="{draw(VALS)}">{levels}</w:abstractNum>{nums}'


@st.composite
def style_parts(draw: st.DrawFn) -> str:
    return "".join(
        f'<w:style w:type="paragraph" w:styleId="{escape(draw(VALS))}"><w:name w:val="{escape(draw(texts))}"/>'
        f'<w:basedOn w:val="{escape(draw(VALS))}"/>'
        f'<w:pPr><w:numPr><w:numId w:val="{draw(VALS)}"/></w:numPr></w:pPr></w:style>'
        for _ in range(draw(st.integers(0, 4)))
    )


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@st.composite
def word_packages(draw: st.DrawFn) -> tuple[bytes, list[str], bool]:
    """A .docx, the lines a person sees in it, and whether it was damaged."""
    body: list[str] = []
    visible: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        xml, lines = draw(st.one_of(word_paragraphs(), word_tables()))
        if draw(st.integers(0, 5)) == 0:
            xml = f"<w:sdt><w:sdtContent>{xml}</w:sdtContent></w:sdt>"
        body.append(xml)
        visible.extend(lines)
    members: dict[str, bytes | str] = {"word/document.xml": document_xml("".join(body))}
    rels: list[str] = []
    for kind, part in (("styles", style_parts()), ("numbering", numbering_parts())):
        if draw(st.booleans()):
            members[f"word/{kind}.xml"] = f'<w:{kind} xmlns:w="{W_NS}">{draw(part)}</w:{kind}>'
            rels.append(f'<Relationship Id="r{kind}" Type="{REL}{kind}" Target="{kind}.xml"/>')
    if rels:
        members["word/_rels/document.xml.rels"] = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>"
        )
    data = docx_bytes(members)
    damage = draw(st.sampled_from(["none", "none", "none", "truncate", "flip", "splice"]))
    if damage == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    elif damage == "splice":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=32)) + data[at:]
    return data, visible, damage != "none"


@fuzz(350)
@given(word_packages())
def test_generated_word_packages(case: tuple[bytes, list[str], bool]) -> None:
    data, visible, damaged = case
    document = bounded("docx reader", lambda: DocxReader().read(data, path="plan.docx"))
    if document is None:
        assert damaged or not any(line.strip() for line in visible), "an intact package with text was refused"
        return
    assert isinstance(document, Document)
    if not damaged:
        everything = document.text()
        for line in visible:
            assert line.strip() in everything, f"{line.strip()!r} is missing from the read document"
    run_layouts(document)


# -- generated HTML -----------------------------------------------------------------

HTML_TAGS = ["p", "div", "span", "b", "br", "h1", "h3", "li", "ul", "table", "tbody", "tr", "td", "th", "pre",
             "a", "font", "script", "style", "caption", "center"]  # fmt: skip
HIDDEN = {"script", "style"}


def _html_tree(children: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[Any]:
    return st.tuples(
        st.sampled_from(HTML_TAGS),
        st.sampled_from(["", ' rowspan="2"', ' colspan="3"', ' rowspan="0"', ' colspan="x"', ' rowspan="99999"']),
        children,
    )


html_nodes = st.recursive(texts, lambda inner: _html_tree(st.lists(inner, max_size=4)), max_leaves=20)


def render_html(node: Any, hidden: bool = False) -> tuple[str, list[str]]:
    """Markup for a generated tree and the texts a browser would show."""
    if isinstance(node, str):
        return escape(node), [] if hidden else [node]
    tag, attrs, children = node
    hidden = hidden or tag in HIDDEN
    parts = [render_html(child, hidden) for child in children]
    markup = "".join(m for m, _ in parts)
    shown = [t for _, ts in parts for t in ts]
    if tag == "br":
        return "<br>" + markup, shown
    return f"<{tag}{attrs}>{markup}</{tag}>", shown


@fuzz(300)
@given(st.lists(html_nodes, min_size=1, max_size=5), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_generated_html(nodes: list[Any], encoding: str) -> None:
    rendered = [render_html(node) for node in nodes]
    markup = "".join(m for m, _ in rendered)
    data = markup.encode(encoding)
    document = bounded("html reader", lambda: HtmlReader().read(data, path="page.html"))
    shown = "".join(t for _, ts in rendered for t in ts)
    squeezed = "".join(shown.split())
    if document is None:
        assert not squeezed, "a page with visible text was refused"
        return
    assert isinstance(document, Document)
    everything = "".join(document.text().split())
    for _, ts in rendered:
        for text in ts:
            assert "".join(text.split()) in everything, f"{text!r} is missing from the read page"
    run_layouts(document)


# -- XML ------------------------------------------------------------------------------

PLAN_NS = "urn:safetyplan:plan:1.0"
XML_NAMES = st.sampled_from(["plan", "plans", "title", "section", "measure", "text", "label", "unit", "deadline",
                             "assignment", "x", "w:document", "w:body", "w:p", "w:t"])  # fmt: skip


def _xml_tree(children: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[Any]:
    return st.tuples(XML_NAMES, st.sampled_from(["", ' version="1.0"', ' role="lead"', ' n="-1"']), children)


xml_nodes = st.recursive(texts, lambda inner: _xml_tree(st.lists(inner, max_size=4)), max_leaves=25)


def render_xml(node: Any) -> str:
    if isinstance(node, str):
        return escape(node)
    tag, attrs, children = node
    return f"<{tag}{attrs}>{''.join(render_xml(c) for c in children)}</{tag}>"


SNIPPETS = [b"<!DOCTYPE x>", b"&lol;", b"]]>", b"<![CDATA[", b"</plan>", b"<plan>", b"\x00", b"\xff\xfe", b"&#0;",
            b'<?xml version="1.0" encoding="gbk"?>', b"<!--", "（一）".encode(), b'xmlns="urn:other"']  # fmt: skip


@st.composite
def xml_documents(draw: st.DrawFn) -> bytes:
    root = draw(_xml_tree(st.lists(xml_nodes, max_size=5)))
    tag, attrs, children = root
    namespaces = f' xmlns="{PLAN_NS}" xmlns:w="{W_NS}"' if draw(st.booleans()) else f' xmlns:w="{W_NS}"'
    data = f'<?xml version="1.0" encoding="UTF-8"?><{tag}{attrs}{namespaces}>'
    data += "".join(render_xml(c) for c in children) + f"</{tag}>"
    raw = data.encode("utf-8")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(raw)))
        kind = draw(st.sampled_from(["insert", "delete", "truncate"]))
        if kind == "insert":
            raw = raw[:at] + draw(st.sampled_from(SNIPPETS)) + raw[at:]
        elif kind == "delete":
            raw = raw[:at] + raw[at + draw(st.integers(1, 20)) :]
        else:
            raw = raw[:at]
    return raw


@fuzz(350)
@given(xml_documents())
def test_generated_xml_through_every_reader(data: bytes) -> None:
    for name, reader in READERS.items():
        result = bounded(f"{name} reader", lambda reader=reader: reader.read(data, path="plan.xml"))  # type: ignore[misc]
        if isinstance(result, tuple):
            assert all(isinstance(p, Plan) for p in result)
        elif result is not None:
            assert isinstance(result, Document), f"{name} reader returned {type(result).__name__}"


def _valid_plan_xml() -> Iterator[bytes]:
    """Real documents of the safetyplan XML format, to mutate."""
    try:
        from strategies import plans

        from safetyplan.formats.xml import dumps
    except ImportError:
        return
    for plan in _examples(plans(), 4):
        try:
            yield dumps(plan)
        except SafetyPlanError:
            continue


def _examples(strategy: st.SearchStrategy[T], count: int) -> list[T]:
    found: list[T] = []

    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(value: T) -> None:
        found.append(value)

    collect()
    return found[:count]


VALID_XML = list(_valid_plan_xml())


@pytest.mark.skipif(not VALID_XML or "xml" not in READERS, reason="safetyplan XML is not readable here")
@fuzz(250)
@given(st.sampled_from(VALID_XML or [b""]), st.data())
def test_mutated_plan_xml(document: bytes, data: st.DataObject) -> None:
    raw = document
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw)))
        kind = data.draw(st.sampled_from(["insert", "delete", "duplicate", "truncate"]))
        if kind == "insert":
            raw = raw[:at] + data.draw(st.sampled_from(SNIPPETS)) + raw[at:]
        elif kind == "delete":
            raw = raw[:at] + raw[at + data.draw(st.integers(1, 40)) :]
        elif kind == "duplicate":
            raw = raw[:at] + raw[at : at + data.draw(st.integers(1, 80))] + raw[at:]
        else:
            raw = raw[:at]
    reader = READERS["xml"]
    result = bounded("xml reader", lambda: reader.read(raw, path="plan.xml"))
    if result is not None:
        assert isinstance(result, tuple) and all(isinstance(p, Plan) for p in result)


# -- Documents in the plans' notation, straight to the layouts ------------------------

LABELS = st.sampled_from(["", "一、", "二、", "十五、", "（一）", "（十二）", "(三)", "1.", "2．", "3、", "（4）", "(5)",
                          "第一条", "附件1", "## ", "**", "一是", "二要"])  # fmt: skip
UNITS = st.sampled_from(["区应急管理局", "各级党（工）委", "市住建局", "经发局", "区消防救援大队", "各镇（街道）"])
DEADLINES = st.sampled_from(["", "2022年9月底前完成", "长期坚持", "每季度", "12月31日前", "2023年上半年"])


@st.composite
def notation_lines(draw: st.DrawFn) -> str:
    line = draw(LABELS) + draw(texts)
    if draw(st.booleans()):
        role = draw(st.sampled_from(["责任单位", "牵头单位", "配合单位", "责任部门"]))
        sep = draw(st.sampled_from(["、", "，", ","]))
        units = sep.join(draw(st.lists(UNITS, min_size=1, max_size=4)))
        line += draw(st.sampled_from(["（{}：{}）", "({}:{})", "{}：{}", "（{}：{}"])).format(role, units)
    return line + draw(DEADLINES)


@st.composite
def notation_tables(draw: st.DrawFn) -> Table:
    header = draw(st.permutations(["序号", "重点任务", "责任单位", "完成时限", "牵头单位", "配合单位"]))
    width = draw(st.integers(1, len(header)))
    rows = [Row(tuple(Cell((h,)) for h in header[:width]), 1)]
    for i in range(draw(st.integers(0, 6))):
        cells = tuple(
            Cell(tuple(draw(st.lists(notation_lines(), min_size=1, max_size=2))), merged=draw(st.booleans()))
            for _ in range(draw(st.integers(1, width + 1)))
        )
        rows.append(Row(cells, i + 2))
    return Table(tuple(rows), 1)


@st.composite
def notation_documents(draw: st.DrawFn) -> Document:
    blocks: list[Paragraph | Table] = []
    for line in range(1, draw(st.integers(1, 25)) + 1):
        if draw(st.integers(0, 8)) == 0:
            blocks.append(draw(notation_tables()))
        else:
            blocks.append(Paragraph(draw(notation_lines()), line, draw(st.sampled_from([None, "Heading 1", "h2"]))))
    return Document(tuple(blocks), path="plan.txt", format="text/utf-8")


@fuzz(350)
@given(notation_documents())
def test_layouts_on_documents_in_the_plans_notation(document: Document) -> None:
    run_layouts(document)


# -- bytes of every kind to every reader ---------------------------------------------

MAGIC = [b"", b"PK\x03\x04", b"<?xml", b"<html>", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\xd0\xcf\x11\xe0", b"{"]


@fuzz(250)
@given(st.sampled_from(MAGIC), st.binary(max_size=600))
def test_random_bytes_through_every_reader(prefix: bytes, body: bytes) -> None:
    data = prefix + body
    for name, reader in READERS.items():
        result = bounded(f"{name} reader", lambda r=reader, n=name: r.read(data, path=f"x.{n}"))  # type: ignore[misc]
        assert result is None or isinstance(result, (Document, tuple))


# -- what the fuzzers found, kept as regressions ------------------------------------

TASK_HEADER = Row(tuple(Cell((h,)) for h in ("序号", "重点任务", "责任单位", "完成时限", "牵头单位", "配合单位")), 1)


def test_regression_a_task_row_shorter_than_its_header() -> None:
    """The task-table layout indexed a column the row did not have."""
    short = Row((Cell(("2022年9月底前完成",)),), 2)
    run_layouts(Document((Paragraph("", 1), Table((TASK_HEADER, short), 1)), path="plan.docx"))


def test_regression_a_task_number_of_a_hundred_thousand_digits() -> None:
    """A number cell of 100,000 digits exceeded Python's limit on int()."""
    row = Row(tuple(Cell(("1" * 100_000,)) for _ in range(4)), 2)
    run_layouts(Document((Paragraph("重点任务分工表", 1), Table((TASK_HEADER, row), 2)), path="plan.docx"))
