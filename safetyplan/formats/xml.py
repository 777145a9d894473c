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
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final, cast

import attrs
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
from . import MAX_SECTION_DEPTH, check_depth

VERSION: Final = "1.0"
NAMESPACE: Final = f"urn:safetyplan:plan:{VERSION}"
NAMESPACE_PREFIX: Final = "urn:safetyplan:plan:"
"""Every version's namespace starts with this; :func:`sniff` looks for it."""
SCHEMA_FILE: Final = f"safetyplan-{VERSION}.xsd"

_NS: Final = "{" + NAMESPACE + "}"
_NON_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_NSMAP: Final[dict[Any, str]] = {None: NAMESPACE}
"""Declares the namespace as the default one, so elements carry no prefix."""


def _q(tag: str) -> str:
    return _NS + tag


# -- scalar values ---------------------------------------------------------------


@attrs.frozen
class Scalar:
    """How one kind of scalar value is written as XML text and read back.

    ``load`` may assume the schema has checked the lexical form."""

    dump: Callable[[Any], str]
    load: Callable[[str], Any]


def _load_bool(text: str) -> bool:
    return text.strip() in ("true", "1")


def _enum(cls: type[enum.Enum]) -> Scalar:
    return Scalar(lambda v: str(v.value), cls)


TEXT = Scalar(str, str)
INTEGER = Scalar(str, lambda s: int(s.strip()))
BOOLEAN = Scalar(lambda v: "true" if v else "false", _load_bool)
DATE = Scalar(dt.date.isoformat, lambda s: dt.date.fromisoformat(s.strip()))
ROLE = _enum(Role)
PART = _enum(Part)


def _checked(text: str, where: str) -> str:
    """``text`` if XML 1.0 can hold it, else a clear error naming the field."""
    bad = _NON_XML_CHAR.search(text)
    if bad:
        char = bad.group()
        raise OutputError(
            f"cannot write XML: {where} holds U+{ord(char):04X}, a character XML 1.0 cannot carry",
            hint="remove control characters from the text, or write JSON, which carries them",
        )
    return text


def _text_of(elem: etree._Element) -> str:
    """An element's text, joined around any comments or processing
    instructions another tool put inside it."""
    if len(elem):
        return "".join(t for t in elem.itertext() if isinstance(t, str))
    return elem.text or ""


_ABSENT: Final = object()
"""What a field's ``get`` returns when the element holds no value for it, so
the model's default applies."""


# -- how fields map to XML -------------------------------------------------------


@attrs.frozen
class Attr:
    """A scalar field as an attribute; None leaves the attribute out."""

    name: str
    scalar: Scalar = TEXT

    def put(self, elem: etree._Element, value: Any, where: str) -> None:
        if value is not None:
            elem.set(self.name, _checked(self.scalar.dump(value), where))

    def get(self, elem: etree._Element) -> Any:
        text = elem.get(self.name)
        return _ABSENT if text is None else self.scalar.load(text)


@attrs.frozen
class Child:
    """A scalar field as a child element's text; None leaves the element out."""

    name: str
    scalar: Scalar = TEXT

    def put(self, elem: etree._Element, value: Any, where: str) -> None:
        if value is not None:
            etree.SubElement(elem, _q(self.name)).text = _checked(self.scalar.dump(value), where)

    def get(self, elem: etree._Element) -> Any:
        child = elem.find(_q(self.name))
        return _ABSENT if child is None else self.scalar.load(_text_of(child))


@attrs.frozen
class Content:
    """A text field as the element's own text."""

    name: str

    def put(self, elem: etree._Element, value: Any, where: str) -> None:
        elem.text = _checked(value, where)

    def get(self, elem: etree._Element) -> Any:
        return _text_of(elem)


@attrs.frozen
class Repeated:
    """A tuple of strings as one ``tag`` element per item."""

    name: str
    tag: str

    def put(self, elem: etree._Element, value: Any, where: str) -> None:
        for i, item in enumerate(value):
            etree.SubElement(elem, _q(self.tag)).text = _checked(item, f"{where}[{i}]")

    def get(self, elem: etree._Element) -> Any:
        return tuple(_text_of(child) for child in elem.iterchildren(_q(self.tag)))


@attrs.frozen
class Headings:
    """A tuple of strings inside a wrapper element, one ``<heading>`` each.

    Where the field may be None the wrapper is written even for an empty
    tuple, so None (no wrapper) and ``()`` (empty wrapper) stay apart."""

    name: str
    optional: bool = False

    def put(self, elem: etree._Element, value: Any, where: str) -> None:
        if value is None or (not value and not self.optional):
            return
        wrapper = etree.SubElement(elem, _q(self.name))
        Repeated(self.name, "heading").put(wrapper, value, where)

    def get(self, elem: etree._Element) -> Any:
        wrapper = elem.find(_q(self.name))
        if wrapper is None:
            return None if self.optional else _ABSENT
        return Repeated(self.name, "heading").get(wrapper)


@attrs.frozen
class Node:
    """An optional model object as a child element."""

    name: str
    cls: type[Any]
    tag: str | None = None

    def put(self, elem: etree._Element, value: Any, where: str) -> None:
        if value is not None:
            _encode(value, etree.SubElement(elem, _q(self.tag or self.name)), where)

    def get(self, elem: etree._Element) -> Any:
        child = elem.find(_q(self.tag or self.name))
        return _ABSENT if child is None else _decode(self.cls, child)


@attrs.frozen
class Nodes:
    """A tuple of model objects as repeated child elements, in order; ``tags``
    maps each element name to its class (several for a mixed tuple such as a
    section's children)."""

    name: str
    tags: Mapping[str, type[Any]]

    def put(self, elem: etree._Element, value: Any, where: str) -> None:
        tag_of = {cls: tag for tag, cls in self.tags.items()}
        for i, item in enumerate(value):
            tag = tag_of.get(type(item))
            if tag is None:
                expected = " or ".join(cls.__name__ for cls in tag_of)
                raise OutputError(f"cannot write XML: {where}[{i}] is a {type(item).__name__}, not a {expected}")
            _encode(item, etree.SubElement(elem, _q(tag)), f"{where}[{i}]")

    def get(self, elem: etree._Element) -> Any:
        by_tag = {_q(t): cls for t, cls in self.tags.items()}
        return tuple(_decode(by_tag[str(child.tag)], child) for child in elem.iterchildren(*by_tag))


Field = Attr | Child | Content | Repeated | Headings | Node | Nodes

SHAPES: Final[Mapping[type[Any], tuple[Field, ...]]] = {
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


def _encode(obj: Any, elem: etree._Element, where: str) -> None:
    for field in SHAPES[type(obj)]:
        field.put(elem, getattr(obj, field.name), f"{where}.{field.name}")


def _decode(cls: type[Any], elem: etree._Element) -> Any:
    """Build ``cls`` from ``elem``.  A value left out takes the model's
    default, or is None for a field that has no default (``Measure.number``);
    the schema has already made sure every field that cannot be None is there."""
    kwargs = {}
    defaults = attrs.fields_dict(cls)
    for field in SHAPES[cls]:
        value = field.get(elem)
        if value is not _ABSENT:
            kwargs[field.name] = value
        elif defaults[field.name].default is attrs.NOTHING:
            kwargs[field.name] = None
    return cls(**kwargs)


# -- writing ---------------------------------------------------------------------


def _fill(elem: etree._Element, plan: Plan, where: str) -> etree._Element:
    check_depth(plan, "XML")
    _encode(plan, elem, where)
    return elem


def to_element(plan: Plan) -> etree._Element:
    """``plan`` as a ``<plan>`` element (raises OutputError for text XML cannot hold)."""
    return _fill(etree.Element(_q("plan"), nsmap=_NSMAP), plan, "plan")


def dumps(plans: Plan | Iterable[Plan]) -> bytes:
    """One plan as a ``<plan>`` document, several as a ``<plans>`` document
    (UTF-8, indented; indentation never touches text content)."""
    if isinstance(plans, Plan):
        root = to_element(plans)
    else:
        root = etree.Element(_q("plans"), nsmap=_NSMAP)
        for i, plan in enumerate(plans):
            _fill(etree.SubElement(root, _q("plan")), plan, f"plans[{i}]")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


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


class _RefuseDoctype:
    """Parser target that stops at a DOCTYPE, before its declarations are read."""

    def doctype(self, name: str | None, pubid: str | None, system: str | None) -> None:
        raise _DoctypeFound

    def close(self) -> None:
        return None


class _DoctypeFound(Exception):
    pass


def parse(data: bytes, *, path: str | None = None) -> etree._ElementTree:
    """Parse ``data`` safely: DOCTYPEs refused, nothing fetched, nothing expanded.

    Raises UnsafeFileError for a DOCTYPE and UnreadableFileError for XML that
    is not well-formed."""
    try:
        # First pass: only looks for a DOCTYPE, so entity declarations are
        # never parsed, let alone expanded.
        etree.fromstring(data, _safe_parser(target=_RefuseDoctype()))
        return etree.fromstring(data, _safe_parser()).getroottree()
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


def _check_nesting(root: etree._Element, path: str | None) -> None:
    depth = 0
    for event, elem in etree.iterwalk(root, events=("start", "end"), tag=_q("section")):
        depth += 1 if event == "start" else -1
        if depth > MAX_SECTION_DEPTH:
            raise InvalidXMLError(
                f"sections nest more than {MAX_SECTION_DEPTH} levels deep",
                path=path,
                line=_line(elem),
            )


def _checked_tree(data: bytes, path: str | None) -> etree._Element:
    root = parse(data, path=path).getroot()
    _check_root(root, path)
    _check_schema(root.getroottree(), path)
    _check_nesting(root, path)
    return root


def from_element(elem: etree._Element) -> Plan:
    """The Plan a schema-valid ``<plan>`` element holds."""
    plan = _decode(Plan, elem)
    assert isinstance(plan, Plan)
    return plan


def loads(data: bytes, *, path: str | None = None) -> tuple[Plan, ...]:
    """Every plan in a safetyplan XML document, in order.

    Raises UnsafeFileError, UnreadableFileError or InvalidXMLError (with the
    line and the schema's message) for documents it will not read."""
    root = _checked_tree(data, path)
    elements = [root] if root.tag == _q("plan") else list(root.iterchildren(_q("plan")))
    plans: list[Plan] = []
    for elem in elements:
        try:
            plans.append(from_element(elem))
        except ValueError as exc:  # values the schema's types allow but Python's do not
            raise InvalidXMLError(f"value out of range: {exc}", path=path, line=_line(elem)) from None
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
