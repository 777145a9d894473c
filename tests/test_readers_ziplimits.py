"""Zip packages and XML parts are read without trusting them: sizes, entry
counts, names and declarations are checked before they can cost anything."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from safetyplan.errors import UnreadableFileError, UnsafeFileError
from safetyplan.readers.safexml import PROLOG_WINDOW, parse_xml
from safetyplan.readers.ziplimits import SafeZip, ZipLimits, resolve_target


def package(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo("placeholder")
            info.filename = name
            info.compress_type = compression
            zf.writestr(info, data)
    return buf.getvalue()


def test_members_are_read_by_exact_name() -> None:
    archive = SafeZip(package({"word/document.xml": b"<x/>", "a": b"1"}))
    assert archive.read("word/document.xml") == b"<x/>"
    assert "a" in archive and "b" not in archive
    with pytest.raises(UnreadableFileError, match="no b"):
        archive.read("b")


def test_a_member_declaring_too_much_is_refused_before_reading() -> None:
    archive = SafeZip(package({"big": b"x" * 5000}), limits=ZipLimits(max_member_bytes=4000))
    with pytest.raises(UnsafeFileError, match="declares 5,000 bytes"):
        archive.read("big")


def test_a_member_inflating_too_far_is_refused() -> None:
    limits = ZipLimits(max_ratio=50, ratio_floor=1000)
    archive = SafeZip(package({"bomb": b"\0" * 100_000}), limits=limits)
    with pytest.raises(UnsafeFileError, match="fold"):
        archive.read("bomb")
    compressible_but_small = SafeZip(package({"small": b"\0" * 900}), limits=limits)
    assert compressible_but_small.read("small") == b"\0" * 900


def test_inflated_bytes_are_counted_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """A decompressor that yields more than the directory declared is cut
    off at the limit, not after it."""
    archive = SafeZip(package({"liar": b"x" * 100}), limits=ZipLimits(max_member_bytes=10_000))
    served = 0

    def endless(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        nonlocal served
        served += 4096
        return b"x" * 4096

    monkeypatch.setattr(zipfile.ZipExtFile, "read", endless)
    with pytest.raises(UnsafeFileError, match="inflates past"):
        archive.read("liar")
    assert served <= 10_000 + 4096


def test_the_total_read_from_one_package_is_bounded() -> None:
    archive = SafeZip(package({"a": b"1" * 600, "b": b"2" * 600}), limits=ZipLimits(max_total_bytes=1000))
    archive.read("a")
    with pytest.raises(UnsafeFileError):
        archive.read("b")


def test_too_many_entries_are_refused_before_listing_them() -> None:
    data = package({f"f{i}": b"" for i in range(50)})
    with pytest.raises(UnsafeFileError, match="more than 20 entries"):
        SafeZip(data, limits=ZipLimits(max_entries=20))
    assert len(SafeZip(data, limits=ZipLimits(max_entries=50)).names()) == 50


@pytest.mark.parametrize("name", ["../evil.xml", "word/../../evil.xml", "/etc/passwd", "word\\document.xml", "C:x"])
def test_entry_names_that_leave_the_archive_are_refused(name: str) -> None:
    with pytest.raises(UnsafeFileError, match="outside the archive"):
        SafeZip(package({"word/document.xml": b"<x/>", name: b"x"}))


def test_a_name_given_twice_is_refused() -> None:
    buf = io.BytesIO()
    with pytest.warns(UserWarning), zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", b"<a/>")
        zf.writestr("word/document.xml", b"<b/>")
    with pytest.raises(UnsafeFileError, match="twice"):
        SafeZip(buf.getvalue())


def test_damaged_data_is_unreadable_not_a_crash() -> None:
    data = bytearray(package({"doc": b"hello world " * 200}))
    start = data.find(b"doc") + 3
    data[start : start + 20] = bytes(20)
    with pytest.raises(UnreadableFileError, match="damaged"):
        SafeZip(bytes(data)).read("doc")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a .docx"),
        (b"PK\x03\x04 cut", "damaged or truncated"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "encrypted"),
    ],
)
def test_what_is_not_a_package_says_so(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        SafeZip(data)


def test_encrypted_members_are_unreadable() -> None:
    data = bytearray(package({"doc": b"x"}, zipfile.ZIP_STORED))
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        data[at + flag_at] |= 1
    with pytest.raises(UnreadableFileError, match="encrypted"):
        SafeZip(bytes(data)).read("doc")


@pytest.mark.parametrize(
    ("base", "target", "member"),
    [
        ("word", "styles.xml", "word/styles.xml"),
        ("word", "/word/styles.xml", "word/styles.xml"),
        ("word", "../customXml/item1.xml", "customXml/item1.xml"),
        ("", "word/document.xml", "word/document.xml"),
        ("word", "../../etc/passwd", None),
        ("", "http://example.com/x.xml", None),
        ("word", "file:///etc/passwd", None),
    ],
)
def test_relationship_targets_stay_inside_the_package(base: str, target: str, member: str | None) -> None:
    assert resolve_target(base, target) == member


# -- XML -------------------------------------------------------------------------

XXE = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'


@pytest.mark.parametrize(
    "data",
    [
        XXE.encode(),
        b'<?xml version="1.0"?>\n' + XXE.encode(),
        b"<!-- c --><?pi x?>\n" + XXE.encode(),
        b"<!doctype x><x/>",
        codecs.BOM_UTF8 + XXE.encode(),
        XXE.encode("utf-16"),
        XXE.encode("utf-16-be"),
        XXE.encode("utf-32"),
        b"<!ENTITY e 'x'><x/>",
    ],
    ids=["plain", "declared", "after-comment", "lowercase", "utf8-bom", "utf16", "utf16be", "utf32", "bare-entity"],
)
def test_declarations_are_refused_in_any_encoding(data: bytes) -> None:
    with pytest.raises(UnsafeFileError):
        parse_xml(data, path="x.xml", part="word/document.xml")


def test_a_prolog_longer_than_the_window_is_refused() -> None:
    data = b"<!--" + b"-" * 10 + b" " * PROLOG_WINDOW + b"-->" + XXE.encode()
    with pytest.raises(UnsafeFileError, match="prolog"):
        parse_xml(data)


def test_well_formed_xml_parses_with_comments_and_predefined_entities() -> None:
    root = parse_xml(b'<?xml version="1.0" encoding="UTF-8"?><!-- hi --><a>&amp;&#x4e00;<b/></a>')
    assert root.tag == "a" and root.text == "&一"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<a><b></a>", "malformed XML"),
        (b"<a>&undefined;</a>", "malformed XML"),
        (b"<a>" * 1000 + b"</a>" * 1000, "malformed XML"),
        (b"", "malformed XML"),
    ],
)
def test_bad_xml_is_unreadable(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        parse_xml(data, path="x.xml")
