"""Hypothesis strategies for arbitrary Plans, shared by every round-trip and fuzz test.

The strategies are derived from the model's own type hints, so a field added
to :mod:`safetyplan.model` is generated (and round-trip tested) the moment it
exists: a ``str | None`` field gets text or None, a ``tuple[X, ...]`` a short
tuple of X, an attrs class is built field by field.  Only the recursive
section tree is spelled out by hand, to keep the trees deep but finite.

Text comes from a strategy the caller picks:

- :func:`xml_text` — any text XML 1.0 can carry (every Unicode scalar value
  except the C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF);
- :func:`unicode_text` — any text at all that UTF-8 can encode (every scalar
  value, controls included: JSON carries them escaped);
- :func:`non_xml_text` — text holding at least one character XML 1.0 cannot
  carry, for testing that writers refuse it clearly.

Usage::

    from strategies import plans, xml_text

    @given(plans())                       # XML-safe text everywhere
    def test_something(plan): ...

    @given(plans(text=unicode_text()))    # anything UTF-8 can hold
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any, Literal

import attrs
from hypothesis import strategies as st

from safetyplan import model
from safetyplan.model import Measure, Plan, Section

NON_XML_CHARACTERS: tuple[str, ...] = (
    *(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"),
    "\ufffe",
    "\uffff",
)
"""Characters that are Unicode scalar values yet not XML 1.0 ``Char``s."""

_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)

_SAMPLES = (
    "一、总体要求",
    "（一）",
    "1.",
    "区应急管理局",
    "2024年6月底前",
    "长期坚持",
    "每季度至少1次",
    "  leading and trailing  ",
    "line one\nline two",
    "tab\tand\r\nCRLF",
    "\u3000全角空格",
    "🚒 emoji",
    "",
)
"""Text shaped like the plans', mixed in so examples are not all noise."""


def xml_text(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Any text XML 1.0 can carry."""
    chars = st.characters(exclude_categories=_SURROGATES, exclude_characters=NON_XML_CHARACTERS)
    return st.one_of(
        st.text(chars, min_size=min_size, max_size=max_size),
        st.sampled_from([s for s in _SAMPLES if min_size <= len(s) <= max_size]),
    )


def unicode_text(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Any text made of Unicode scalar values (no lone surrogates)."""
    chars = st.characters(exclude_categories=_SURROGATES)
    return st.one_of(
        st.text(chars, min_size=min_size, max_size=max_size),
        st.sampled_from([s for s in _SAMPLES if min_size <= len(s) <= max_size]),
    )


def non_xml_text() -> st.SearchStrategy[str]:
    """Text holding at least one character XML 1.0 cannot carry."""
    return st.builds(
        lambda before, bad, after: before + bad + after,
        xml_text(max_size=5),
        st.sampled_from(NON_XML_CHARACTERS),
        xml_text(max_size=5),
    )


Text = st.SearchStrategy[str]


def _for_type(hint: Any, text: Text) -> st.SearchStrategy[Any]:
    """A strategy for a value of the model type ``hint``."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        inner: st.SearchStrategy[Any] = st.one_of([_for_type(a, text) for a in members])
        return st.one_of(st.none(), inner) if len(members) < len(args) else inner
    if origin is tuple:
        return st.lists(_for_type(args[0], text), max_size=3).map(tuple)
    if hint is str:
        return text
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.integers(min_value=0, max_value=500)
    if hint is dt.date:
        return st.dates()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if isinstance(hint, type) and attrs.has(hint):
        return builds(hint, text)
    raise TypeError(f"no strategy for model type {hint!r}")


def builds(cls: type[Any], text: Text, **overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Build ``cls`` with every field drawn from its type hint (or ``overrides``)."""
    hints = typing.get_type_hints(cls, vars(model))
    kwargs = {
        f.name: overrides[f.name] if f.name in overrides else _for_type(hints[f.name], text) for f in attrs.fields(cls)
    }
    return st.builds(cls, **kwargs)


def measures(text: Text | None = None) -> st.SearchStrategy[Measure]:
    """Any Measure."""
    return builds(Measure, text if text is not None else xml_text())


def sections(text: Text | None = None, *, max_leaves: int = 12) -> st.SearchStrategy[Section]:
    """Section trees: sections holding measures and sections, nested a few
    levels deep, empty ones included."""
    text = text if text is not None else xml_text()

    def section(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Section]:
        return builds(Section, text, children=st.lists(children, max_size=4).map(tuple))

    tree = st.recursive(measures(text), section, max_leaves=max_leaves)
    return section(tree)


def plans(text: Text | None = None) -> st.SearchStrategy[Plan]:
    """Any Plan: every field drawn, None and empty values included."""
    text = text if text is not None else xml_text()
    section_tree = sections(text)
    attachment = builds(model.Attachment, text, sections=st.lists(section_tree, max_size=2).map(tuple))
    return builds(
        Plan,
        text,
        sections=st.lists(section_tree, max_size=3).map(tuple),
        attachments=st.lists(attachment, max_size=2).map(tuple),
    )


def deep_section(depth: int) -> Section:
    """A chain of ``depth`` (at least 1) nested sections ending in one measure."""
    node: Section | Measure = Measure(label="1.", number=1, text="最深处")
    for level in range(depth):
        node = Section(label=f"{level}.", title=f"level {level}", children=(node,))
    assert isinstance(node, Section)
    return node


__all__ = [
    "NON_XML_CHARACTERS",
    "builds",
    "deep_section",
    "measures",
    "non_xml_text",
    "plans",
    "sections",
    "unicode_text",
    "xml_text",
]
