"""safetyplan XML: the model as XML in the namespace ``urn:safetyplan:plan:1.0``.

The schema ships inside the package (``safetyplan/schema/safetyplan-1.0.xsd``,
see :func:`schema_path`) and documents the format.  A document's root is one
``<plan>`` or a ``<plans>`` element holding several; every model field has a
place, so ``loads(dumps(plan)) == (plan,)``.

How each class maps to XML is declared once, in :data:`SHAPES`: one entry per
field, saying whether it becomes an attribute, a child element, repeated
elements or nested objects.  Adding a field to the model means adding its
entry there and its declaration to the schema; the tests fail until both are
done.

Text XML 1.0 cannot hold — C0 control characters other than tab, LF and CR,
lone surrogates, U+FFFE and U+FFFF — is refused by the writer with an
:class:`~safetyplan.errors.OutputError` naming the field, rather than dropped
or escaped in a way other consumers of the format would not understand.

Reading is defensive: a document with a DOCTYPE is refused before its
declarations are parsed (no entity expansion, no external references), the
parser never touches the network or loads a DTD, every document is validated
against the schema before it is turned into Plans, and sections may nest at
most :data:`~safetyplan.formats.MAX_SECTION_DEPTH` levels.

Validation stays on every read although it is about a tenth of a round trip's
time: it is what lets reading trust each value's form and guarantees that a
Plan never comes from a document the schema rejects, with the schema's own
message and line where one is rejected.

:data:`SHAPES` is compiled once into a write and a read function per class
(:mod:`.xmlcodec`): writing produces the bytes lxml would serialise without
building a tree, reading visits each element once.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Final, cast

from lxml import etree

from ..errors import InvalidXMLError, OutputError, UnreadableFileError, UnsafeFileError
from ..model import (
    Assignment,
    Attachment,
    Deadline,
    Measure,
    Note,
    Part,
    Phase,
    Plan,
    Report,
    Role,
    Section,
    Source,
    Span,
    TextRange,
)
from ..readers.safexml import prolog_declares
from . import MAX_SECTION_DEPTH, check_depth, cyclic_gc_paused, section_depth
from .xmlcodec import (
    BOOLEAN,
    DATE,
    INTEGER,
    Attr,
    Child,
    Content,
    Headings,
    Node,
    Nodes,
    Repeated,
    Shapes,
    Unwritable,
    compile_codecs,
    enumeration,
    flush,
    refusal,
)

VERSION: Final = "1.0"
NAMESPACE: Final = f"urn:safetyplan:plan:{VERSION}"
NAMESPACE_PREFIX: Final = "urn:safetyplan:plan:"
"""Every version's namespace starts with this; :func:`sniff` looks for it."""
SCHEMA_FILE: Final = f"safetyplan-{VERSION}.xsd"

_NS: Final = "{" + NAMESPACE + "}"


def _q(tag: str) -> str:
    return _NS + tag


# -- how each class maps to XML --------------------------------------------------

ROLE: Final = enumeration(Role)
PART: Final = enumeration(Part)

SHAPES: Final[Shapes] = {
    Plan: (
        Child("title"),
        Child("region"),
        Child("issuer"),
        Child("doc_number"),
        Child("issue_date", DATE),
        Child("year", INTEGER),
        Repeated("recipients", "recipient"),
        Repeated("cc", "cc"),
        Child("printed_by"),
        Child("printed_date", DATE),
        Repeated("preamble", "preamble"),
        Nodes("sections", {"section": Section}),
        Nodes("attachments", {"attachment": Attachment}),
        Nodes("reporting", {"report": Report}),
        Nodes("phases", {"phase": Phase}),
        Nodes("notes", {"note": Note}),
        Node("source", Source),
    ),
    Section: (
        Attr("label"),
        Child("title"),
        Repeated("text", "p"),
        Node("span", Span),
        Nodes("children", {"section": Section, "measure": Measure}),
    ),
    Measure: (
        Attr("label"),
        Attr("number", INTEGER),
        Attr("part", PART),
        Child("title"),
        Child("text"),
        Headings("section_path"),
        Nodes("assignments", {"assignment": Assignment}),
        Nodes("deadlines", {"deadline": Deadline}),
        Nodes("recurring", {"recurring": Deadline}),
        Node("span", Span),
        Headings("implements", optional=True),
    ),
    Assignment: (
        Attr("unit"),
        Attr("role", ROLE),
        Attr("canonical"),
        Node("applies_to", TextRange),
    ),
    TextRange: (Attr("start", INTEGER), Attr("end", INTEGER)),
    Deadline: (
        Content("text"),
        Attr("due", DATE),
        Attr("ongoing", BOOLEAN),
        Attr("recurrence"),
    ),
    Span: (Attr("start", INTEGER), Attr("end", INTEGER), Attr("row", INTEGER)),
    Attachment: (
        Attr("label"),
        Child("title"),
        Repeated("text", "p"),
        Node("span", Span),
        Nodes("sections", {"section": Section}),
    ),
    Report: (Child("text"), Child("what"), Child("to"), Node("due", Deadline)),
    Phase: (Attr("label"), Attr("start", DATE), Attr("end", DATE), Child("title"), Child("window")),
    Note: (Attr("kind"), Child("text"), Node("span", Span)),
    Source: (Attr("path"), Attr("format"), Attr("digest"), Attr("index", INTEGER)),
}
"""Every model class's XML form, one entry per field, in the schema's order
(attributes first, then child elements as the schema's sequence has them)."""

_INDENT: Final = tuple("  " * min(level, 30) for level in range(MAX_SECTION_DEPTH + 8))
"""The indent of each element depth, as libxml2 writes it (at most 30 levels;
a plan's deepest element stands a few levels below its deepest section)."""

_CODECS: Final = compile_codecs(SHAPES, NAMESPACE, _INDENT)


# -- writing ---------------------------------------------------------------------

_DECLARATION: Final = "<?xml version='1.0' encoding='UTF-8'?>\n"
_XMLNS: Final = f' xmlns="{NAMESPACE}"'


def _document(plans: list[Plan], *, several: bool) -> bytes:
    """A ``<plans>`` document holding ``plans``, or (not ``several``) the one
    plan's ``<plan>`` document: the bytes lxml would serialise (UTF-8,
    indented; indentation never touches text content).

    Text XML 1.0 cannot hold is looked for in the written text, not value by
    value; only a document holding some is walked again to name the field at
    fault."""
    for plan in plans:
        check_depth(plan, "XML")
    write = _CODECS.write[Plan]
    out: list[str] = [_DECLARATION]
    blocks: list[bytes] = []
    try:
        if not several:
            write(plans[0], out, blocks, 0, "plan", _XMLNS)
        elif plans:
            out.append(f"<plans{_XMLNS}>\n")
            for plan in plans:
                write(plan, out, blocks, 1, "plan")
            out.append("</plans>\n")
        else:
            out.append(f"<plans{_XMLNS}/>\n")
        flush(out, blocks)
    except (Unwritable, UnicodeEncodeError) as exc:
        raise _refused(plans, several, exc) from None
    return blocks[0] if len(blocks) == 1 else b"".join(blocks)


def _refused(plans: list[Plan], several: bool, exc: Exception | None) -> Exception:
    """The error naming the first field that cannot be written."""
    for i, plan in enumerate(plans):
        if error := refusal(plan, f"plans[{i}]" if several else "plan", SHAPES):
            return error
    return exc or OutputError("cannot write XML: text XML 1.0 cannot carry")


def dumps(plans: Plan | Iterable[Plan]) -> bytes:
    """One plan as a ``<plan>`` document, several as a ``<plans>`` document
    (UTF-8, indented; indentation never touches text content)."""
    if isinstance(plans, Plan):
        return _document([plans], several=False)
    return _document(list(plans), several=True)


def to_element(plan: Plan) -> etree._Element:
    """``plan`` as a ``<plan>`` element (raises OutputError for text XML cannot hold)."""
    return parse(dumps(plan)).getroot()


# -- reading ---------------------------------------------------------------------


def schema_path() -> Path:
    """Where the installed schema file is (inside the package)."""
    return Path(str(resources.files("safetyplan.schema") / SCHEMA_FILE))


@functools.cache
def schema() -> etree.XMLSchema:
    """The shipped schema, parsed once."""
    with resources.as_file(resources.files("safetyplan.schema") / SCHEMA_FILE) as path:
        return etree.XMLSchema(etree.parse(str(path), _safe_parser()))


def _safe_parser(**kw: Any) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        **kw,
    )


class _Parsers(threading.local):
    """The two parsers documents are read with, one pair per thread: a parser
    keeps its libxml2 context from one document to the next, which a new
    parser for every document would set up again, and lxml parsers are best
    not shared between threads."""

    def __init__(self) -> None:
        options = {"remove_comments": True, "remove_pis": True, "collect_ids": False}
        self.keeping_blanks = _safe_parser(**options)
        self.dropping_blanks = _safe_parser(**options, remove_blank_text=True)


_PARSERS: Final = _Parsers()


class _RefuseDoctype:
    """Parser target that stops at a DOCTYPE, before its declarations are read."""

    def doctype(self, name: str | None, pubid: str | None, system: str | None) -> None:
        raise _DoctypeFound

    def close(self) -> None:
        return None


class _DoctypeFound(Exception):
    pass


_UTF8_DECLARATION: Final = re.compile(
    rb"<\?xml\s+version\s*=\s*(['\"])1\.0\1(?:\s+encoding\s*=\s*(['\"])(?i:utf-8)\2)?"
    rb"(?:\s+standalone\s*=\s*(['\"])(?:yes|no)\3)?\s*\?>"
)
"""An XML declaration that leaves the document in UTF-8 (safetyplan's own,
``<?xml version='1.0' encoding='UTF-8'?>``, or one naming no encoding)."""


_CR, _BANG, _QUESTION = b"\r!?"
"""The single bytes :func:`_markup_is_layout` looks for first, as ints (found
without the buffer set-up a bytes needle costs)."""


def _markup_is_layout(data: bytes) -> bool:
    """Whether every run of whitespace between two tags in ``data`` is layout
    that libxml2 may drop (``remove_blank_text``) without changing what the
    document holds.

    libxml2 drops a whitespace-only run that is not an element's whole text
    and stands before a tag or a carriage return.  In a safetyplan document
    text never stands beside child elements, so such a run is indentation
    between elements, which the schema ignores, unless it stands before a
    comment, CDATA section or processing instruction inside an element's
    text, or before a carriage return.  So the answer is yes for a UTF-8
    document (where those marks are single bytes) holding none of them; it
    is found with a few byte searches, far cheaper than the nodes saved."""
    start = 3 if data.startswith(codecs.BOM_UTF8) else 0
    if data.startswith(b"<?", start):
        declaration = _UTF8_DECLARATION.match(data, start)
        if declaration is None:
            return False
        start = declaration.end()
    elif data[start : start + 1] != b"<" or b"\0" in data[start : start + 4]:
        return False  # not markup first, or UTF-16/32 without a byte-order mark
    if _CR in data or (_BANG in data and data.find(b"<!", start) >= 0):
        return False
    return data.find(_QUESTION, start) < 0 or data.find(b"<?", start) < 0


def parse(data: bytes, *, path: str | None = None) -> etree._ElementTree:
    """Parse ``data`` safely: DOCTYPEs refused, nothing fetched, nothing expanded.

    A DOCTYPE is refused before its declarations are parsed: a look at the
    prolog finds it, and where the look cannot read the head (an encoding it
    does not know) a first pass of the parser that builds nothing stops at
    it.  Raises UnsafeFileError for a DOCTYPE and UnreadableFileError for XML
    that is not well-formed."""
    return _parse(data, path=path, layout=False)


def _parse(data: bytes, *, path: str | None, layout: bool) -> etree._ElementTree:
    """:func:`parse`; with ``layout``, whitespace between elements is left out
    of the tree where :func:`_markup_is_layout` says it is only layout (fewer
    nodes to build, validate, visit and free)."""
    try:
        declares = prolog_declares(data, path=path)
        if declares:
            raise _DoctypeFound
        if declares is None:
            etree.fromstring(data, _safe_parser(target=_RefuseDoctype()))
        parsers = _PARSERS
        parser = parsers.dropping_blanks if layout and _markup_is_layout(data) else parsers.keeping_blanks
        root = etree.fromstring(data, parser)
    except _DoctypeFound:
        raise UnsafeFileError(
            "XML with a DOCTYPE refused: safetyplan XML has none, and DTDs can declare entities "
            "that expand without bound or read other files",
            path=path,
            hint="remove the <!DOCTYPE …> declaration",
        ) from None
    except etree.XMLSyntaxError as exc:
        message = exc.msg.split(", line ")[0] if exc.msg else "not well-formed"
        raise UnreadableFileError(f"not well-formed XML: {message}", path=path, line=exc.lineno or None) from None
    return root.getroottree()


def _line(elem: etree._Element) -> int | None:
    line = elem.sourceline
    return line if isinstance(line, int) else None


def _check_root(root: etree._Element, path: str | None) -> None:
    tag = etree.QName(root)
    if tag.namespace == NAMESPACE and tag.localname in ("plan", "plans"):
        return
    if tag.namespace and tag.namespace.startswith(NAMESPACE_PREFIX):
        version = tag.namespace[len(NAMESPACE_PREFIX) :]
        raise InvalidXMLError(
            f"safetyplan XML version {version} is not readable by this release, which reads version {VERSION}",
            path=path,
            line=_line(root),
            hint="upgrade safetyplan",
        )
    raise InvalidXMLError(
        f"not safetyplan XML: root element <{tag.localname}> in namespace {tag.namespace or '(none)'}",
        path=path,
        line=_line(root),
        hint=f"expected <plan> or <plans> in namespace {NAMESPACE}",
    )


def _check_schema(tree: etree._ElementTree, path: str | None) -> None:
    try:
        schema().assertValid(tree)
    except etree.DocumentInvalid as exc:
        error = next(iter(cast(Iterable[Any], exc.error_log)), None)  # the stubs leave _ErrorLog bare
        message = (error.message if error else str(exc)).replace(_NS, "")
        raise InvalidXMLError(
            f"does not match the safetyplan {VERSION} schema: {message}",
            path=path,
            line=error.line if error else None,
        ) from None


_TOO_DEEP: Final = etree.XPath(
    "descendant::sp:section" + "/sp:section" * MAX_SECTION_DEPTH, namespaces={"sp": NAMESPACE}, smart_strings=False
)
"""Every section with :data:`~safetyplan.formats.MAX_SECTION_DEPTH` sections
above it, in document order (in a schema-valid document a section's parent
section is its parent element)."""


def _nest_too_deeply(plans: Iterable[Plan]) -> bool:
    """Whether sections nest too deeply in ``plans`` (read from a document:
    the Plans say so without another walk over the tree)."""
    return any(
        section_depth(sections) > MAX_SECTION_DEPTH
        for plan in plans
        for sections in (plan.sections, *(a.sections for a in plan.attachments))
    )


def _refuse_deep_sections(root: etree._Element, path: str | None) -> None:
    """Raise InvalidXMLError, with its line, for the first section nested
    too deeply under ``root``, if there is one."""
    too_deep = cast(list[etree._Element], _TOO_DEEP(root))
    if too_deep:
        raise InvalidXMLError(
            f"sections nest more than {MAX_SECTION_DEPTH} levels deep",
            path=path,
            line=_line(too_deep[0]),
        )


def _checked_tree(data: bytes, path: str | None) -> etree._Element:
    root = _parse(data, path=path, layout=True).getroot()
    _check_root(root, path)
    _check_schema(root.getroottree(), path)
    return root


def _read_plan(elem: etree._Element) -> Plan:
    """The Plan a schema-valid ``<plan>`` element, parsed without comments
    and processing instructions, holds."""
    plan = _CODECS.read[Plan](elem)
    assert isinstance(plan, Plan)
    return plan


def from_element(elem: etree._Element) -> Plan:
    """The Plan a schema-valid ``<plan>`` element holds.

    Comments and processing instructions are skipped as :func:`loads` skips
    them: an element holding any is read from a copy parsed without them."""
    if next(elem.iter(etree.Comment, etree.ProcessingInstruction), None) is not None:
        elem = etree.fromstring(etree.tostring(elem, with_tail=False), _PARSERS.keeping_blanks)
    return _read_plan(elem)


def loads(data: bytes, *, path: str | None = None) -> tuple[Plan, ...]:
    """Every plan in a safetyplan XML document, in order.

    Raises UnsafeFileError, UnreadableFileError or InvalidXMLError (with the
    line and the schema's message) for documents it will not read."""
    root = _checked_tree(data, path)
    elements = [root] if root.tag == _q("plan") else list(root.iterchildren(_q("plan")))
    plans: list[Plan] = []
    with cyclic_gc_paused():
        for elem in elements:
            try:
                plans.append(_read_plan(elem))
            except ValueError as exc:  # values the schema's types allow but Python's do not
                _refuse_deep_sections(root, path)  # which has always been reported first
                raise InvalidXMLError(f"value out of range: {exc}", path=path, line=_line(elem)) from None
    if _nest_too_deeply(plans):
        _refuse_deep_sections(root, path)
    return tuple(plans)


def validate(source: bytes | str | os.PathLike[str]) -> None:
    """Check that ``source`` (a file path, or the document's bytes) is safetyplan
    XML that reads into Plans; raise the reason if it is not.

    Raises UnsafeFileError (DOCTYPE, oversized file), UnreadableFileError (not
    well-formed, missing file) or InvalidXMLError (line and schema message)."""
    if isinstance(source, bytes):
        loads(source)
        return
    from ..api import read_bytes

    loads(read_bytes(source), path=str(source))


def sniff(head: bytes) -> bool:
    """True where the first bytes of a file look like safetyplan XML (of any
    version): XML whose head mentions the safetyplan namespace."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom) :].decode(codec, errors="ignore")
            break
    else:
        text = head.decode("utf-8", errors="ignore")
    return text.lstrip().startswith("<") and NAMESPACE_PREFIX in text


__all__ = [
    "NAMESPACE",
    "SHAPES",
    "VERSION",
    "dumps",
    "from_element",
    "loads",
    "parse",
    "schema",
    "schema_path",
    "sniff",
    "to_element",
    "validate",
]
