"""How a table of field shapes becomes one write and one read function per class.

:data:`safetyplan.formats.xml.SHAPES` declares, field by field, how each model
class maps to XML.  Walking that table for every object (looking up each
field's kind, converter and element name, formatting tag names) costs far more
than the XML work itself, so :func:`compile_codecs` turns it, once, into plain
Python functions — ``write_Measure``, ``read_Measure``, … — in which every
field is a few lines with its names and converters already in place, as attrs
does for ``__init__``.  :attr:`Codecs.source` holds the generated code.

Writing produces the text lxml's serialiser would (``pretty_print``: two-space
indents up to libxml2's 30 levels, an element holding only text on one line, an
empty one closed with ``/>``), escaping as libxml2 escapes.  A value is escaped
only where it holds a character that needs it, which a few ``in`` tests decide;
numbers, dates and enumerations never do.  The text is encoded, and searched
for characters XML 1.0 cannot hold, a block at a time (:func:`flush`), not
value by value.

Reading takes a parsed, schema-valid element: each attribute is fetched by
name, each child element is visited once and dispatched on its tag, and the
object is built with one call.  Comments and processing instructions are
expected to have been dropped by the parser.
"""

from __future__ import annotations

import datetime as dt
import enum
import linecache
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs

from ..errors import OutputError

# -- scalar values ---------------------------------------------------------------


@attrs.frozen
class Scalar:
    """How one kind of scalar value is written as XML text and read back.

    ``load`` may assume the schema has checked the lexical form; ``escapes``
    says whether written values may hold characters XML must escape (only
    free text can)."""

    dump: Callable[[Any], str]
    load: Callable[[str], Any]
    escapes: bool = False


def _load_bool(text: str) -> bool:
    return text.strip() in ("true", "1")


TEXT: Final = Scalar(str, str, escapes=True)
INTEGER: Final = Scalar(str, int)  # int() takes the surrounding whitespace XML allows
BOOLEAN: Final = Scalar(lambda v: "true" if v else "false", _load_bool)
DATE: Final = Scalar(dt.date.isoformat, lambda s: dt.date.fromisoformat(s.strip()))


def enumeration(cls: type[enum.Enum]) -> Scalar:
    """An enumeration written as its member's value (looked up in dicts both
    ways: an Enum's call and its ``value`` property are slow)."""
    texts = {member: str(member.value) for member in cls}
    return Scalar(texts.__getitem__, {text: member for member, text in texts.items()}.__getitem__)


# -- escaping and refusing ---------------------------------------------------------

TEXT_ESCAPES: Final = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
ATTRIBUTE_ESCAPES: Final = (*TEXT_ESCAPES, ('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))
"""What must be escaped where, written as libxml2 writes it (line ends and
tabs in attribute values too, which a parser would otherwise read as spaces)."""


def escape_text(value: str) -> str:
    for char, entity in TEXT_ESCAPES:
        value = value.replace(char, entity)
    return value


def escape_attribute(value: str) -> str:
    for char, entity in ATTRIBUTE_ESCAPES:
        value = value.replace(char, entity)
    return value


NON_XML_CHAR: Final = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 cannot hold: C0 controls other than tab, LF and CR,
lone surrogates, U+FFFE and U+FFFF."""


class Unwritable(Exception):
    """Raised by a write function for an object of a type the format has no
    element for, and by :func:`flush` for text XML 1.0 cannot hold;
    :func:`refusal` says which and where."""


# -- written text, a block at a time ------------------------------------------------

BLOCK: Final = 4096
"""How many written pieces (a tag with its text) :func:`flush` encodes and
searches at a time: few enough to stay in the processor's cache from being
written to being encoded, so that a large plan costs no more per element than
a small one."""

_CONTROL_BYTES: Final = tuple(bytes([c]) for c in range(0x20) if chr(c) not in "\t\n\r")
"""C0 controls XML 1.0 cannot hold, as UTF-8 writes them (never inside
another character's bytes)."""


def flush(out: list[str], blocks: list[bytes]) -> None:
    """Move the pieces written to ``out`` into ``blocks`` as UTF-8.

    This is where written text is checked, a block at a time rather than value
    by value: encoding refuses lone surrogates (UnicodeEncodeError), and a C0
    control other than tab, LF and CR, U+FFFE or U+FFFF raises Unwritable."""
    text = "".join(out)
    out.clear()
    data = text.encode()
    if "\ufffe" in text or "\uffff" in text or any(c in data for c in _CONTROL_BYTES):
        raise Unwritable
    blocks.append(data)


def _text_refusal(text: str, where: str) -> OutputError | None:
    bad = NON_XML_CHAR.search(text)
    if bad is None:
        return None
    return OutputError(
        f"cannot write XML: {where} holds U+{ord(bad.group()):04X}, a character XML 1.0 cannot carry",
        hint="remove control characters from the text, or write JSON, which carries them",
    )


def _texts_refusal(texts: Iterable[str], where: str) -> OutputError | None:
    return next((e for i, t in enumerate(texts) if (e := _text_refusal(t, f"{where}[{i}]"))), None)


# -- generating source -----------------------------------------------------------


class _Source:
    """The generated module under construction: its lines, and the values
    its code refers to by name (converters, defaults, classes)."""

    def __init__(self, namespace: str, leaves: Mapping[type[Any], tuple[Attr, ...]]) -> None:
        self.lines: list[str] = []
        self.values: dict[str, Any] = {}
        self.ns = "{" + namespace + "}"
        self.leaves = leaves
        """Classes held only in attributes (a span, a text range), which are
        written and read in place rather than by a function of their own."""

    def nested(self, emit: Callable[[], None]) -> list[str]:
        """The lines ``emit`` emits, kept apart."""
        outer, self.lines = self.lines, []
        try:
            emit()
            return self.lines
        finally:
            self.lines = outer

    def value(self, name: str, value: Any) -> str:
        """Bind ``value`` to ``name`` in the generated module."""
        assert self.values.get(name, value) is value, name
        self.values[name] = value
        return name

    def emit(self, indent: int, *lines: str) -> None:
        self.lines.extend("    " * indent + line if line else "" for line in lines)

    def escaped(self, indent: int, var: str, *, attribute: bool) -> None:
        """Lines escaping ``var`` where it holds a character that needs it."""
        chars = ATTRIBUTE_ESCAPES if attribute else TEXT_ESCAPES
        test = " or ".join(f"{char!r} in {var}" for char, _ in chars)
        how = "escape_attribute" if attribute else "escape_text"
        self.emit(indent, f"if {test}:", f"    {var} = {how}({var})")

    def text_of(self, depth: int, var: str, scalar: Scalar, name: str, *, attribute: bool = False) -> str:
        """Lines turning the value in ``var`` into XML text; the expression
        holding it.  ``name`` names the converter (class and field)."""
        if scalar.escapes:
            self.escaped(depth, var, attribute=attribute)
            return var
        if scalar.dump is str:  # an f-string formats a number as str() does
            return var
        return f"{self.value(f'dump_{name}', scalar.dump)}({var})"


def _fstring(*parts: str) -> str:
    """Source of an f-string joining literal text and ``{expressions}``."""
    return "f" + repr("".join(parts))


# -- how fields map to XML -------------------------------------------------------


@attrs.frozen
class Attr:
    """A scalar field as an attribute; None leaves the attribute out."""

    name: str
    scalar: Scalar = TEXT

    def write(self, src: _Source, owner: str, depth: int, obj: str, start: str) -> None:
        """Lines adding the attribute of ``obj`` to the start tag in ``start``."""
        src.emit(depth, f"a = {obj}.{self.name}", "if a is not None:")
        text = src.text_of(depth + 1, "a", self.scalar, f"{owner}_{self.name}", attribute=True)
        src.emit(depth + 1, f"{start} = " + _fstring("{", start, "} ", self.name, '="{', text, '}"'))

    def read(self, src: _Source, owner: str, depth: int, target: str, default: str) -> None:
        """Lines reading the attribute (with ``get``) into ``target``."""
        src.emit(depth, f"a = get({self.name.encode()!r})")  # lxml takes a bytes name with less work
        if self.scalar is TEXT:
            src.emit(depth, f"{target} = a" if default == "None" else f"{target} = {default} if a is None else a")
        else:
            load = src.value(f"load_{owner}_{self.name}", self.scalar.load)
            src.emit(depth, f"{target} = {default} if a is None else {load}(a)")

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return None if value is None else _text_refusal(self.scalar.dump(value), where)


@attrs.frozen
class Child:
    """A scalar field as a child element's text; None leaves the element out."""

    name: str
    scalar: Scalar = TEXT

    def present(self) -> str:
        return f"obj.{self.name} is not None"

    def write(self, src: _Source, owner: str, d: int) -> None:
        src.emit(d, f"v = obj.{self.name}", "if v is not None:")
        text = src.text_of(d + 1, "v", self.scalar, f"{owner}_{self.name}")
        src.emit(d + 1, "out.append(" + _fstring("{inner}<", self.name, ">{", text, "}</", self.name, ">\n") + ")")

    def child_tags(self) -> dict[str, str]:
        return {self.name: self.name}

    def take(self, src: _Source, owner: str, tag: str) -> list[str]:
        if self.scalar is TEXT:
            return [f"f_{self.name} = c.text or ''"]
        load = src.value(f"load_{owner}_{self.name}", self.scalar.load)
        return [f"f_{self.name} = {load}(c.text or '')"]

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return None if value is None else _text_refusal(self.scalar.dump(value), where)


@attrs.frozen
class Content:
    """A text field as the element's own text (its class has no child elements)."""

    name: str

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return _text_refusal(value, where)


@attrs.frozen
class Repeated:
    """A tuple of strings as one ``tag`` element per item."""

    name: str
    tag: str

    def present(self) -> str:
        return f"obj.{self.name}"

    def write(self, src: _Source, owner: str, d: int) -> None:
        src.emit(d, f"for v in obj.{self.name}:")
        src.escaped(d + 1, "v", attribute=False)
        src.emit(d + 1, "out.append(" + _fstring("{inner}<", self.tag, ">{v}</", self.tag, ">\n") + ")")

    def child_tags(self) -> dict[str, str]:
        return {self.tag: self.name}

    def take(self, src: _Source, owner: str, tag: str) -> list[str]:
        return [f"f_{self.name}.append(c.text or '')"]

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return _texts_refusal(value, where)


@attrs.frozen
class Headings:
    """A tuple of strings inside a wrapper element, one ``<heading>`` each.

    Where the field may be None the wrapper is written even for an empty
    tuple, so None (no wrapper) and ``()`` (empty wrapper) stay apart."""

    name: str
    optional: bool = False

    def present(self) -> str:
        return f"obj.{self.name} is not None" if self.optional else f"obj.{self.name}"

    def write(self, src: _Source, owner: str, d: int) -> None:
        name = self.name
        src.emit(d, f"v = obj.{name}")
        if self.optional:
            src.emit(d, "if v is not None and not v:", "    out.append(" + _fstring("{inner}<", name, "/>\n") + ")")
        src.emit(d, "if v:", "    out.append(" + _fstring("{inner}<", name, ">\n") + ")")
        src.emit(d + 1, "deeper = INDENT[level + 2]", "for h in v:")
        src.escaped(d + 2, "h", attribute=False)
        src.emit(d + 2, "out.append(" + _fstring("{deeper}<heading>{h}</heading>\n") + ")")
        src.emit(d + 1, "out.append(" + _fstring("{inner}</", name, ">\n") + ")")

    def child_tags(self) -> dict[str, str]:
        return {self.name: self.name}

    def take(self, src: _Source, owner: str, tag: str) -> list[str]:
        heading = repr(src.ns + "heading")
        return [f"f_{self.name} = tuple([h.text or '' for h in c.iterchildren({heading})])"]

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return None if value is None else _texts_refusal(value, where)


@attrs.frozen
class Node:
    """An optional model object as a child element."""

    name: str
    cls: type[Any]
    tag: str | None = None

    def present(self) -> str:
        return f"obj.{self.name} is not None"

    def write(self, src: _Source, owner: str, d: int) -> None:
        cls = src.value(self.cls.__name__, self.cls)
        tag = self.tag or self.name
        src.emit(d, f"v = obj.{self.name}", "if v is not None:")
        src.emit(d + 1, f"if type(v) is not {cls}:", "    raise Unwritable")
        leaf = src.leaves.get(self.cls)
        if leaf is None:
            src.emit(d + 1, f"write_{cls}(v, out, blocks, level + 1, {tag!r})")
            return
        # an element holding only attributes (a span, a text range) is written in place
        src.emit(d + 1, "s = " + _fstring("{inner}<", tag))
        for field in leaf:
            field.write(src, cls, d + 1, "v", "s")
        src.emit(d + 1, "out.append(s + '/>\\n')")

    def child_tags(self) -> dict[str, str]:
        return {self.tag or self.name: self.name}

    def take(self, src: _Source, owner: str, tag: str) -> list[str]:
        cls = self.cls.__name__
        leaf = src.leaves.get(self.cls)
        if leaf is None:
            return [f"f_{self.name} = read_{cls}(c)"]
        # an element holding only attributes is read in place
        lines = src.nested(lambda: _attributes_read(src, self.cls, leaf, 0, "x_"))
        arguments = ", ".join(f"x_{f.name}" for f in attrs.fields(self.cls))
        return ["get = c.get", *lines, f"f_{self.name} = {src.value(cls, self.cls)}({arguments})"]

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return None if value is None else refusal(value, where, shapes)


@attrs.frozen
class Nodes:
    """A tuple of model objects as repeated child elements, in order; ``tags``
    maps each element name to its class (several for a mixed tuple such as a
    section's children)."""

    name: str
    tags: Mapping[str, type[Any]]

    def present(self) -> str:
        return f"obj.{self.name}"

    def write(self, src: _Source, owner: str, d: int) -> None:
        src.emit(d, f"for v in obj.{self.name}:", "    cls = type(v)")
        for i, (tag, model) in enumerate(self.tags.items()):
            cls = src.value(model.__name__, model)
            src.emit(
                d + 1, f"{'el' if i else ''}if cls is {cls}:", f"    write_{cls}(v, out, blocks, level + 1, {tag!r})"
            )
        src.emit(d + 1, "else:", "    raise Unwritable")
        src.emit(d + 1, "if len(out) > BLOCK:", "    flush(out, blocks)")

    def child_tags(self) -> dict[str, str]:
        return dict.fromkeys(self.tags, self.name)

    def take(self, src: _Source, owner: str, tag: str) -> list[str]:
        return [f"f_{self.name}.append(read_{self.tags[tag].__name__}(c))"]

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        for i, item in enumerate(value):
            if type(item) not in self.tags.values():
                expected = " or ".join(cls.__name__ for cls in self.tags.values())
                return OutputError(f"cannot write XML: {where}[{i}] is a {type(item).__name__}, not a {expected}")
            if error := refusal(item, f"{where}[{i}]", shapes):
                return error
        return None


Field = Attr | Child | Content | Repeated | Headings | Node | Nodes
Shapes = Mapping[type[Any], tuple[Field, ...]]


# -- one write and one read function per class -------------------------------------


def _default(src: _Source, model: type[Any], field: str) -> str:
    """The expression giving ``field``'s value where its element or attribute
    is left out: the model's default, or None for a field that has none
    (``Measure.number``; the schema makes sure every other one is there)."""
    value = attrs.fields_dict(model)[field].default
    if value is attrs.NOTHING or value is None:
        return "None"
    if isinstance(value, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class at run time
        return f"{src.value(f'factory_{model.__name__}_{field}', value.factory)}()"
    return src.value(f"default_{model.__name__}_{field}", value)


def _attributes_read(src: _Source, model: type[Any], fields: Iterable[Field], depth: int, prefix: str) -> None:
    for field in fields:
        if isinstance(field, Attr):
            field.read(src, model.__name__, depth, prefix + field.name, _default(src, model, field.name))


def _writer(src: _Source, model: type[Any], fields: tuple[Field, ...]) -> None:
    """``write_X(obj, out, blocks, level, tag, declare="")``: append ``obj``
    to the list ``out`` as a ``tag`` element at depth ``level``; between the
    items of a tuple, :func:`flush` moves ``out`` into ``blocks`` once it holds
    :data:`BLOCK` pieces."""
    owner = model.__name__
    src.emit(0, f"def write_{owner}(obj, out, blocks, level, tag, declare=''):")
    src.emit(1, "indent = INDENT[level]", "start = " + _fstring("{indent}<{tag}{declare}"))
    for field in fields:
        if isinstance(field, Attr):
            field.write(src, owner, 1, "obj", "start")
    content = [f for f in fields if isinstance(f, Content)]
    children = [f for f in fields if not isinstance(f, Attr | Content)]
    assert not (content and children), f"{owner}: text content beside child elements"
    if content:
        src.emit(1, f"v = obj.{content[0].name}")
        src.escaped(1, "v", attribute=False)
        src.emit(1, "out.append(" + _fstring("{start}>{v}</{tag}>\n") + ")")
    elif not children:
        src.emit(1, "out.append(start + '/>\\n')")
    else:  # an element with nothing inside closes itself
        src.emit(1, f"if {' or '.join(f.present() for f in children)}:")
        src.emit(2, "out.append(start + '>\\n')", "inner = INDENT[level + 1]")
        for field in children:
            field.write(src, owner, 2)
        src.emit(2, "out.append(" + _fstring("{indent}</{tag}>\n") + ")")
        src.emit(1, "else:", "    out.append(start + '/>\\n')")
    src.emit(0, "", "")


def _reader(src: _Source, model: type[Any], fields: tuple[Field, ...]) -> None:
    """``read_X(elem)``: the object a schema-valid element holds; a value
    left out takes the model's default."""
    owner = model.__name__
    src.emit(0, f"def read_{owner}(e):")
    if any(isinstance(f, Attr) for f in fields):
        src.emit(1, "get = e.get")
        _attributes_read(src, model, fields, 1, "f_")
    takes: dict[str, list[str]] = {}
    for field in fields:
        if isinstance(field, Content):
            src.emit(1, f"f_{field.name} = e.text or ''")
        elif isinstance(field, Repeated | Nodes):
            src.emit(1, f"f_{field.name} = []")
        elif not isinstance(field, Attr):
            src.emit(1, f"f_{field.name} = {_default(src, model, field.name)}")
        if not isinstance(field, Attr | Content):
            for tag in field.child_tags():
                assert tag not in takes, f"{owner}: two fields read <{tag}>"
                takes[tag] = field.take(src, owner, tag)
    if takes:
        src.emit(1, "for c in e:", "    t = c.tag")
        for i, (tag, take) in enumerate(takes.items()):
            src.emit(2, f"{'el' if i else ''}if t == {src.ns + tag!r}:")
            src.emit(3, *take)
    collected = {f.name for f in fields if isinstance(f, Repeated | Nodes)}
    order = attrs.fields(model)  # positional: a call with keywords would build a dict for every object
    assert not any(f.kw_only for f in order), owner
    arguments = ", ".join(f"tuple(f_{f.name})" if f.name in collected else f"f_{f.name}" for f in order)
    src.emit(1, f"return {src.value(owner, model)}({arguments})", "", "")


@attrs.frozen
class Codecs:
    """The generated functions: ``write[cls](obj, out, blocks, level, tag,
    declare="")`` writes ``obj``'s element, its lines appended to ``out`` and
    moved into ``blocks`` as they pile up (see :func:`flush`);
    ``read[cls](elem)`` builds the object."""

    write: Mapping[type[Any], Callable[..., None]]
    read: Mapping[type[Any], Callable[[Any], Any]]
    source: str


def compile_codecs(shapes: Shapes, namespace: str, indent: tuple[str, ...]) -> Codecs:
    """One write and one read function for each class of ``shapes``, for
    elements in ``namespace`` indented by ``indent[level]``."""
    attributes = {m: tuple(f for f in fs if isinstance(f, Attr)) for m, fs in shapes.items()}
    src = _Source(namespace, {m: fs for m, fs in attributes.items() if len(fs) == len(shapes[m])})
    for model, fields in shapes.items():
        _writer(src, model, fields)
        _reader(src, model, fields)
    source = "\n".join(src.lines)
    filename = "<safetyplan.formats.xmlcodec generated>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)  # for tracebacks
    scope: dict[str, Any] = {
        **src.values,
        "INDENT": indent,
        "escape_text": escape_text,
        "escape_attribute": escape_attribute,
        "Unwritable": Unwritable,
        "BLOCK": BLOCK,
        "flush": flush,
    }
    exec(compile(source, filename, "exec"), scope)  # our own code, generated from SHAPES
    return Codecs(
        write={model: scope[f"write_{model.__name__}"] for model in shapes},
        read={model: scope[f"read_{model.__name__}"] for model in shapes},
        source=source,
    )


def refusal(obj: Any, where: str, shapes: Shapes) -> OutputError | None:
    """Why ``obj`` cannot be written, naming the first field at fault; None
    where it can.  Only run once writing has failed, so the write functions
    never format a field's path."""
    for field in shapes[type(obj)]:
        if error := field.refusal(getattr(obj, field.name), f"{where}.{field.name}", shapes):
            return error
    return None


__all__ = [
    "ATTRIBUTE_ESCAPES",
    "BLOCK",
    "BOOLEAN",
    "DATE",
    "INTEGER",
    "NON_XML_CHAR",
    "TEXT",
    "TEXT_ESCAPES",
    "Attr",
    "Child",
    "Codecs",
    "Content",
    "Field",
    "Headings",
    "Node",
    "Nodes",
    "Repeated",
    "Scalar",
    "Shapes",
    "Unwritable",
    "compile_codecs",
    "enumeration",
    "escape_attribute",
    "escape_text",
    "flush",
    "refusal",
]
