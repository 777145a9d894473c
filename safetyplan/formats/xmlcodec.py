"""How a table of field shapes becomes one write and one read function per class.

:data:`safetyplan.formats.xml.SHAPES` declares, field by field, how each model
class maps to XML.  Walking that table for every object (looking up each
field's kind, converter and element name, formatting tag names) costs far more
than the XML work itself, so :func:`compile_codecs` turns it, once, into plain
Python functions — ``write_Measure``, ``read_Measure``, … — in which every
field is a few lines with its names and converters already in place, as attrs
does for ``__init__``.  :attr:`Codecs.source` holds the generated code.
A class that never holds its own kind (every one but a section) is written and
read in place, inside the code for the object holding it, so a measure's
assignments, dates and span cost no function calls.

Writing produces the text lxml's serialiser would (``pretty_print``: two-space
indents up to libxml2's 30 levels, an element holding only text on one line, an
empty one closed with ``/>``), escaping as libxml2 escapes.  A value is escaped
only where it holds a character that needs it, which a few ``in`` tests decide
(or, for an attribute of letters and digits, one ``isalnum``); numbers, dates
and enumerations never do.  The text is encoded, and searched
for characters XML 1.0 cannot hold, a block at a time (:func:`flush`), not
value by value.

Reading takes a parsed, schema-valid element: each attribute is fetched by
name, an element's children are fetched in one call (a slice) and each is
visited once and dispatched on its tag, and the object is built by setting
its slots (see :meth:`_Source.construct`).  Comments and processing
instructions are expected to have been dropped by the parser.
"""

from __future__ import annotations

import datetime as dt
import enum
import linecache
import operator
import re
import types
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

_CONTROL_BYTES: Final = tuple(c for c in range(0x20) if chr(c) not in "\t\n\r")
"""C0 controls XML 1.0 cannot hold, as the byte values UTF-8 writes them as
(never inside another character's bytes); an int is looked for in bytes
without the buffer set-up a one-byte bytes needle costs."""


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


def _held(fields: Iterable[Field]) -> set[type[Any]]:
    """The classes of the objects ``fields`` hold as elements."""
    held: set[type[Any]] = set()
    for field in fields:
        if isinstance(field, Node):
            held.add(field.cls)
        elif isinstance(field, Nodes):
            held.update(field.tags.values())
    return held


def _in_place(shapes: Shapes) -> frozenset[type[Any]]:
    """The classes that never hold an object of their own class, however deep."""
    in_place = set()
    for cls in shapes:
        seen: set[type[Any]] = set()
        todo = [cls]
        while todo:
            for held in _held(shapes[todo.pop()]) - seen:
                seen.add(held)
                todo.append(held)
        if cls not in seen:
            in_place.add(cls)
    return frozenset(in_place)


class _Source:
    """The generated module under construction: its lines, and the values
    its code refers to by name (converters, defaults, classes)."""

    def __init__(self, namespace: str, shapes: Shapes) -> None:
        self.lines: list[str] = []
        self.values: dict[str, Any] = {}
        self.ns = "{" + namespace + "}"
        self.shapes = shapes
        self.in_place = _in_place(shapes)
        """Classes written and read in place, inside the code for the object
        holding them (an assignment inside its measure's), rather than by a
        call to their own function: every class but a section, which can
        hold sections to any depth."""

    def value(self, name: str, value: Any) -> str:
        """Bind ``value`` to ``name`` in the generated module."""
        assert self.values.get(name, value) is value, name
        self.values[name] = value
        return name

    def cls(self, model: type[Any]) -> str:
        return self.value(model.__name__, model)

    def construct(self, d: int, model: type[Any], values: Mapping[str, str], var: str) -> str:
        """Lines building a ``model`` from the expressions in ``values`` (by
        field name); the expression that is the object.

        Where ``model.__init__`` would only store its arguments (see
        :func:`_stores_only`), the object is made and its slots are set
        directly, at half the cost of the call; otherwise the class is called,
        positionally (keywords would build a dict for every object)."""
        order = attrs.fields(model)
        if not _stores_only(model):
            assert not any(f.kw_only for f in order), model
            return f"{self.cls(model)}({', '.join(values[f.name] for f in order)})"
        self.emit(d, f"{var} = new({self.cls(model)})")
        for field in order:
            slot = f"set_{model.__name__}_{field.name}"
            if slot not in self.values:
                self.value(slot, _slot(model, field.name).__set__)
            self.emit(d, f"{slot}({var}, {values[field.name]})")
        return var

    def emit(self, indent: int, *lines: str) -> None:
        self.lines.extend("    " * indent + line if line else "" for line in lines)

    def escaped(self, indent: int, var: str, *, attribute: bool) -> None:
        """Lines escaping ``var`` where it holds a character that needs it.

        An attribute value that is all letters and digits (a unit's name)
        needs no ``in`` test at all: ``isalnum`` answers for the whole value."""
        chars = ATTRIBUTE_ESCAPES if attribute else TEXT_ESCAPES
        test = " or ".join(f"{char!r} in {var}" for char, _ in chars)
        if attribute:
            test = f"not {var}.isalnum() and ({test})"
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


def _slot(model: type[Any], name: str) -> Any:
    """The class attribute ``name`` of ``model`` (a slot's descriptor), found
    as attribute look-up would find it, without calling it."""
    return next((vars(c)[name] for c in model.__mro__ if name in vars(c)), None)


def _stores_only(model: type[Any]) -> bool:
    """Whether ``model`` is an attrs class whose ``__init__`` (the one attrs
    wrote) does nothing but store each argument in the field's slot: no
    validator, converter or hook runs, no slot beyond the fields (a cached
    hash) needs a value, and ``__new__`` is object's."""
    if not attrs.has(model) or model.__new__ is not object.__new__:
        return False
    if hasattr(model, "__attrs_pre_init__") or hasattr(model, "__attrs_post_init__"):
        return False
    code = getattr(model.__init__, "__code__", None)
    if code is None or not code.co_filename.startswith("<attrs generated"):
        return False
    fields = attrs.fields(model)
    if any(not f.init or f.validator is not None or f.converter is not None for f in fields):
        return False
    slots = {s for c in model.__mro__[:-1] for s in vars(c).get("__slots__", ("__dict__",))} - {"__weakref__"}
    if slots != {f.name for f in fields}:
        return False
    return all(isinstance(_slot(model, f.name), types.MemberDescriptorType) for f in fields)


def _fstring(*parts: str) -> str:
    """Source of an f-string joining literal text and ``{expressions}``."""
    return "f" + repr("".join(parts))


def _level(k: int) -> str:
    """The element depth ``k`` levels below the one a write function was given."""
    return f"level + {k}" if k else "level"


# -- how fields map to XML -------------------------------------------------------
#
# The generated code names what belongs to the element k levels below the
# function's own: ``o{k}`` the object written, ``i{k}`` its indent, ``c{k}`` and
# ``t{k}`` a child element being read and its tag, ``f{k}_name`` a field read.


@attrs.frozen
class Attr:
    """A scalar field as an attribute; None leaves the attribute out."""

    name: str
    scalar: Scalar = TEXT

    def fragment(self, src: _Source, owner: str, d: int, obj: str, var: str) -> None:
        """Lines setting ``var`` to the attribute as the start tag holds it
        (`` name="value"``), or to nothing where the value is None."""
        src.emit(d, f"a = {obj}.{self.name}")
        if self.scalar.escapes:
            src.emit(d, "if a is None:", f"    {var} = ''", "else:")
            text = src.text_of(d + 1, "a", self.scalar, f"{owner}_{self.name}", attribute=True)
            src.emit(d + 1, f"{var} = " + _fstring(" ", self.name, '="{', text, '}"'))
        else:
            text = src.text_of(d, "a", self.scalar, f"{owner}_{self.name}", attribute=True)
            src.emit(d, f"{var} = '' if a is None else " + _fstring(" ", self.name, '="{', text, '}"'))

    def read(self, src: _Source, owner: str, d: int, elem: str, target: str, default: str) -> None:
        """Lines reading the attribute of ``elem`` into ``target``."""
        get = f"{elem}.get({self.name.encode()!r})"  # lxml takes a bytes name with less work
        if self.scalar is TEXT and default == "None":
            src.emit(d, f"{target} = {get}")
            return
        src.emit(d, f"a = {get}")
        if self.scalar is TEXT:
            src.emit(d, f"{target} = {default} if a is None else a")
        else:
            load = src.value(f"load_{owner}_{self.name}", self.scalar.load)
            src.emit(d, f"{target} = {default} if a is None else {load}(a)")

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return None if value is None else _text_refusal(self.scalar.dump(value), where)


@attrs.frozen
class Child:
    """A scalar field as a child element's text; None leaves the element out."""

    name: str
    scalar: Scalar = TEXT

    def present(self, obj: str) -> str:
        return f"{obj}.{self.name} is not None"

    def write(self, src: _Source, owner: str, d: int, k: int, obj: str) -> None:
        """Lines writing the field of ``obj`` as an element ``k`` levels down."""
        src.emit(d, f"v = {obj}.{self.name}", "if v is not None:")
        text = src.text_of(d + 1, "v", self.scalar, f"{owner}_{self.name}")
        src.emit(d + 1, "out.append(" + _fstring(f"{{i{k}}}<", self.name, ">{", text, "}</", self.name, ">\n") + ")")

    def child_tags(self) -> dict[str, str]:
        return {self.name: self.name}

    def take(self, src: _Source, owner: str, d: int, k: int) -> None:
        """Lines reading the field from the child element ``c{k}``."""
        if self.scalar is TEXT:
            src.emit(d, f"f{k}_{self.name} = c{k}.text or ''")
        else:
            load = src.value(f"load_{owner}_{self.name}", self.scalar.load)
            src.emit(d, f"f{k}_{self.name} = {load}(c{k}.text or '')")

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

    def present(self, obj: str) -> str:
        return f"{obj}.{self.name}"

    def write(self, src: _Source, owner: str, d: int, k: int, obj: str) -> None:
        src.emit(d, f"for v in {obj}.{self.name}:")
        src.escaped(d + 1, "v", attribute=False)
        src.emit(d + 1, "out.append(" + _fstring(f"{{i{k}}}<", self.tag, ">{v}</", self.tag, ">\n") + ")")

    def child_tags(self) -> dict[str, str]:
        return {self.tag: self.name}

    def take(self, src: _Source, owner: str, d: int, k: int) -> None:
        src.emit(d, f"f{k}_{self.name}.append(c{k}.text or '')")

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return _texts_refusal(value, where)


@attrs.frozen
class Headings:
    """A tuple of strings inside a wrapper element, one ``<heading>`` each.

    Where the field may be None the wrapper is written even for an empty
    tuple, so None (no wrapper) and ``()`` (empty wrapper) stay apart."""

    name: str
    optional: bool = False

    def present(self, obj: str) -> str:
        return f"{obj}.{self.name} is not None" if self.optional else f"{obj}.{self.name}"

    def write(self, src: _Source, owner: str, d: int, k: int, obj: str) -> None:
        name = self.name
        src.emit(d, f"v = {obj}.{name}")
        if self.optional:
            src.emit(d, "if v is not None and not v:", "    out.append(" + _fstring(f"{{i{k}}}<", name, "/>\n") + ")")
        src.emit(d, "if v:", "    out.append(" + _fstring(f"{{i{k}}}<", name, ">\n") + ")")
        src.emit(d + 1, f"i{k + 1} = INDENT[{_level(k + 1)}]", "for h in v:")
        src.escaped(d + 2, "h", attribute=False)
        src.emit(d + 2, "out.append(" + _fstring(f"{{i{k + 1}}}<heading>{{h}}</heading>\n") + ")")
        src.emit(d + 1, "out.append(" + _fstring(f"{{i{k}}}</", name, ">\n") + ")")

    def child_tags(self) -> dict[str, str]:
        return {self.name: self.name}

    def take(self, src: _Source, owner: str, d: int, k: int) -> None:
        """Lines reading the headings' texts, in C (an empty heading's text is
        None): a schema-valid wrapper holds nothing but headings."""
        target = f"f{k}_{self.name}"
        src.emit(
            d,
            f"{target} = tuple(map(TEXT_OF, c{k}[:]))",
            f"if None in {target}:",
            f"    {target} = tuple([h or '' for h in {target}])",
        )

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return None if value is None else _texts_refusal(value, where)


def _write_held(src: _Source, model: type[Any], d: int, k: int, var: str, tag: str) -> None:
    """Lines writing the object in ``var``, of class ``model``, as a ``tag``
    element ``k`` levels down: in place, or by a call."""
    if model in src.in_place:
        _write_element(src, model, d, k, var, tag)
    else:
        src.emit(d, f"write_{src.cls(model)}({var}, out, blocks, {_level(k)}, {tag!r})")


def _read_held(src: _Source, model: type[Any], d: int, k: int) -> str:
    """Lines reading the object the child element ``c{k}`` holds; the
    expression that is the object."""
    if model in src.in_place:
        return _read_element(src, model, d, k + 1, f"c{k}")
    return f"read_{src.cls(model)}(c{k})"


@attrs.frozen
class Node:
    """An optional model object as a child element."""

    name: str
    cls: type[Any]
    tag: str | None = None

    def present(self, obj: str) -> str:
        return f"{obj}.{self.name} is not None"

    def write(self, src: _Source, owner: str, d: int, k: int, obj: str) -> None:
        src.emit(d, f"o{k} = {obj}.{self.name}", f"if o{k} is not None:")
        src.emit(d + 1, f"if type(o{k}) is not {src.cls(self.cls)}:", "    raise Unwritable")
        _write_held(src, self.cls, d + 1, k, f"o{k}", self.tag or self.name)

    def child_tags(self) -> dict[str, str]:
        return {self.tag or self.name: self.name}

    def take(self, src: _Source, owner: str, d: int, k: int) -> None:
        src.emit(d, f"f{k}_{self.name} = {_read_held(src, self.cls, d, k)}")

    def refusal(self, value: Any, where: str, shapes: Shapes) -> OutputError | None:
        return None if value is None else refusal(value, where, shapes)


@attrs.frozen
class Nodes:
    """A tuple of model objects as repeated child elements, in order; ``tags``
    maps each element name to its class (several for a mixed tuple such as a
    section's children)."""

    name: str
    tags: Mapping[str, type[Any]]

    def present(self, obj: str) -> str:
        return f"{obj}.{self.name}"

    def write(self, src: _Source, owner: str, d: int, k: int, obj: str) -> None:
        """Lines writing each item; after an item that holds lists of its
        own, :func:`flush` moves ``out`` into ``blocks`` once it holds
        :data:`BLOCK` pieces."""
        item = f"o{k}"
        src.emit(d, f"for {item} in {obj}.{self.name}:")
        if len(self.tags) == 1:
            [(tag, model)] = self.tags.items()
            src.emit(d + 1, f"if type({item}) is not {src.cls(model)}:", "    raise Unwritable")
            _write_held(src, model, d + 1, k, item, tag)
        else:
            src.emit(d + 1, f"cls = type({item})")
            for i, (tag, model) in enumerate(self.tags.items()):
                src.emit(d + 1, f"{'el' if i else ''}if cls is {src.cls(model)}:")
                _write_held(src, model, d + 2, k, item, tag)
            src.emit(d + 1, "else:", "    raise Unwritable")
        if any(m not in src.in_place or any(isinstance(f, Nodes) for f in src.shapes[m]) for m in self.tags.values()):
            src.emit(d + 1, "if len(out) > BLOCK:", "    flush(out, blocks)")

    def child_tags(self) -> dict[str, str]:
        return dict.fromkeys(self.tags, self.name)

    def take(self, src: _Source, owner: str, d: int, k: int, tag: str) -> None:
        src.emit(d, f"f{k}_{self.name}.append({_read_held(src, self.tags[tag], d, k)})")

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


def _write_element(src: _Source, model: type[Any], d: int, k: int, obj: str, tag: str | None) -> None:
    """Lines appending the object in ``obj`` to ``out`` as a ``tag`` element
    ``k`` levels below ``level``; a ``tag`` of None is the write function's
    own element, named by its ``tag`` and ``declare`` arguments."""
    owner = model.__name__
    fields = src.shapes[model]
    name = "{tag}{declare}" if tag is None else tag
    if tag is None:  # an element written in place has the indent its holder set for its children
        src.emit(d, f"i{k} = INDENT[{_level(k)}]")
    start = [f"{{i{k}}}<{name}"]
    for field in fields:
        if isinstance(field, Attr):
            var = f"x{k}_{field.name}"
            field.fragment(src, owner, d, obj, var)
            start.append(f"{{{var}}}")
    end = f"{{i{k}}}</{'{tag}' if tag is None else tag}>\n"
    content = [f for f in fields if isinstance(f, Content)]
    children = [f for f in fields if not isinstance(f, Attr | Content)]
    assert not (content and children), f"{owner}: text content beside child elements"
    if content:
        src.emit(d, f"v = {obj}.{content[0].name}")
        src.escaped(d, "v", attribute=False)
        src.emit(d, "out.append(" + _fstring(*start, ">{v}", end.removeprefix(f"{{i{k}}}")) + ")")
    elif not children:
        src.emit(d, "out.append(" + _fstring(*start, "/>\n") + ")")
    else:  # an element with nothing inside closes itself
        src.emit(d, f"if {' or '.join(f.present(obj) for f in children)}:")
        src.emit(d + 1, "out.append(" + _fstring(*start, ">\n") + ")", f"i{k + 1} = INDENT[{_level(k + 1)}]")
        for field in children:
            field.write(src, owner, d + 1, k + 1, obj)
        src.emit(d + 1, "out.append(" + _fstring(end) + ")")
        src.emit(d, "else:", "    out.append(" + _fstring(*start, "/>\n") + ")")


def _read_element(src: _Source, model: type[Any], d: int, k: int, elem: str) -> str:
    """Lines reading the object a schema-valid element, in ``elem``, holds
    into ``f{k}_…``; the expression building it.  A value left out takes
    the model's default."""
    owner = model.__name__
    fields = src.shapes[model]
    takes: dict[str, Child | Repeated | Headings | Node | Nodes] = {}
    for field in fields:
        target = f"f{k}_{field.name}"
        if isinstance(field, Attr):
            field.read(src, owner, d, elem, target, _default(src, model, field.name))
        elif isinstance(field, Content):
            src.emit(d, f"{target} = {elem}.text or ''")
        elif isinstance(field, Repeated | Nodes):
            src.emit(d, f"{target} = []")
        else:
            src.emit(d, f"{target} = {_default(src, model, field.name)}")
        if not isinstance(field, Attr | Content):
            for tag in field.child_tags():
                assert tag not in takes, f"{owner}: two fields read <{tag}>"
                takes[tag] = field
    if takes:
        src.emit(d, f"for c{k} in {elem}[:]:", f"    t{k} = c{k}.tag")  # a slice makes the proxies in one call
        for i, (tag, field) in enumerate(takes.items()):
            src.emit(d + 1, f"{'el' if i else ''}if t{k} == {src.ns + tag!r}:")
            if isinstance(field, Nodes):
                field.take(src, owner, d + 2, k, tag)
            else:
                field.take(src, owner, d + 2, k)
    collected = {f.name for f in fields if isinstance(f, Repeated | Nodes)}
    values = {f.name: f"tuple(f{k}_{f.name})" if f.name in collected else f"f{k}_{f.name}" for f in fields}
    return src.construct(d, model, values, f"n{k}")


def _writer(src: _Source, model: type[Any]) -> None:
    """``write_X(obj, out, blocks, level, tag, declare="")``: append ``obj``
    to the list ``out`` as a ``tag`` element at depth ``level``."""
    src.emit(0, f"def write_{model.__name__}(o0, out, blocks, level, tag, declare=''):")
    _write_element(src, model, 1, 0, "o0", None)
    src.emit(0, "", "")


def _reader(src: _Source, model: type[Any]) -> None:
    """``read_X(elem)``: the object a schema-valid element holds."""
    src.emit(0, f"def read_{model.__name__}(e):")
    src.emit(1, f"return {_read_element(src, model, 1, 0, 'e')}", "", "")


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
    src = _Source(namespace, shapes)
    for model in shapes:
        _writer(src, model)
        _reader(src, model)
    source = "\n".join(src.lines)
    filename = "<safetyplan.formats.xmlcodec generated>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)  # for tracebacks
    scope: dict[str, Any] = {
        **src.values,
        "INDENT": indent,
        "TEXT_OF": operator.attrgetter("text"),
        "new": object.__new__,
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
