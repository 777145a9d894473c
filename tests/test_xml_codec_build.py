"""The XML codec builds objects by setting their slots only where the class's
``__init__`` would do nothing else; a class whose ``__init__`` checks,
converts or runs a hook is called, so reading never skips it."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from lxml import etree

from safetyplan.formats import xml as sxml
from safetyplan.formats import xmlcodec
from safetyplan.formats.xmlcodec import INTEGER, Attr, Nodes

NS = "urn:example:codec"
INDENT = tuple("  " * level for level in range(8))

calls: list[str] = []


@attrs.frozen
class Plain:
    start: int
    end: int = 0


def _positive(instance: Any, attribute: Any, value: int) -> None:
    calls.append("validator")
    if value < 0:
        raise ValueError("negative")


@attrs.frozen
class Checked:
    start: int = attrs.field(validator=_positive)


@attrs.frozen
class Converted:
    start: int = attrs.field(converter=lambda v: v * 2)


@attrs.frozen
class Hooked:
    start: int

    def __attrs_post_init__(self) -> None:
        calls.append("post_init")


@attrs.frozen(cache_hash=True, eq=True)
class Cached:
    start: int


@attrs.define
class Mutable:
    start: int


class Handwritten:
    __slots__ = ("start",)

    def __init__(self, start: int) -> None:
        self.start = start


@attrs.frozen
class Holder:
    items: tuple[Any, ...] = ()


def _read(cls: type[Any], start: int) -> Any:
    """``cls`` read back from ``<holder><item start="…"/></holder>`` by a codec compiled for it."""
    shapes = {Holder: (Nodes("items", {"item": cls}),), cls: (Attr("start", INTEGER),)}
    codecs = xmlcodec.compile_codecs(shapes, NS, INDENT)
    holder = etree.fromstring(f'<holder xmlns="{NS}"><item start="{start}"/></holder>')
    [item] = codecs.read[Holder](holder).items
    return item


def test_the_model_classes_are_built_by_setting_their_slots() -> None:
    assert all(xmlcodec._stores_only(cls) for cls in sxml.SHAPES)
    assert "new(Measure)" in sxml._CODECS.source


def test_a_class_that_is_not_attrs_is_never_built_by_its_slots() -> None:
    assert not xmlcodec._stores_only(Handwritten)


def test_a_mutable_class_that_only_stores_is_built_by_its_slots() -> None:
    assert xmlcodec._stores_only(Mutable)
    assert _read(Mutable, 3) == Mutable(3)


def test_a_plain_frozen_class_is_built_equal_to_calling_it() -> None:
    shapes = {Holder: (Nodes("items", {"item": Plain}),), Plain: (Attr("start", INTEGER), Attr("end", INTEGER))}
    codecs = xmlcodec.compile_codecs(shapes, NS, INDENT)
    holder = etree.fromstring(f'<holder xmlns="{NS}"><item start="3" end="4"/></holder>')
    [item] = codecs.read[Holder](holder).items
    assert item == Plain(3, 4)
    assert hash(item) == hash(Plain(3, 4))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.start = 5  # type: ignore[misc]


@pytest.mark.parametrize("cls", [Checked, Converted, Hooked, Cached])
def test_a_class_whose_init_does_more_than_store_is_called(cls: type[Any]) -> None:
    assert not xmlcodec._stores_only(cls)
    calls.clear()
    item = _read(cls, 3)
    assert type(item) is cls
    assert item == cls(3)
    expected = {Checked: ["validator"], Hooked: ["post_init"]}.get(cls, [])
    assert calls[: len(expected)] == expected


def test_a_validator_still_refuses_what_it_refuses() -> None:
    with pytest.raises(ValueError, match="negative"):
        _read(Checked, -1)
