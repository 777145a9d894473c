"""Parsing XML that may have been written to attack the reader.

An XML file can declare entities that expand a few hundred bytes into
gigabytes (billion laughs) or pull in a local file or a URL (XXE).  Plans and
Word documents never need a document type declaration, so one is refused
outright: first by looking at the prolog before parsing, then — for encodings
the look cannot see through — by checking the parsed tree.  The parser itself
is configured never to load a DTD, resolve an entity or touch the network, and
keeps libxml2's default limits on depth and text size.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING, Literal

from ..errors import UnreadableFileError, UnsafeFileError

if TYPE_CHECKING:  # lxml is imported when a document is parsed, keeping start-up light
    from lxml import etree

PROLOG_WINDOW = 256 * 1024
"""How far into a file the root element must begin; a genuine prolog (an XML
declaration, a comment or two) is a few hundred bytes."""

PROLOG_WINDOW_FIRST = 512
"""How much of a file is decoded for the first look at its prolog (an XML
declaration and the root element's start take well under a hundred bytes);
only where the root element does not begin within it is the whole window
read."""


def make_parser() -> etree.XMLParser:
    """A parser that loads no DTD, resolves no entity and opens no URL."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        collect_ids=False,
    )


def parse_xml(data: bytes, *, path: str | None = None, part: str | None = None) -> etree._Element:
    """The root element of ``data``; refuses a DOCTYPE, reports bad XML.

    ``part`` names the member of a package being parsed (``word/document.xml``)
    so that the message says where the problem is.
    """
    from lxml import etree

    where = f" in {part}" if part else ""
    refuse_doctype(data, path=path, part=part)
    try:
        root = etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableFileError(
            f"malformed XML{where}: {_first_line(str(exc))}", path=path, line=exc.lineno or None
        ) from None
    except (ValueError, LookupError) as exc:
        raise UnreadableFileError(f"unreadable XML{where}: {_first_line(str(exc))}", path=path) from None
    if root is None:
        raise UnreadableFileError(f"empty XML{where}", path=path)
    docinfo = root.getroottree().docinfo
    if getattr(docinfo, "doctype", "") or getattr(docinfo, "internalDTD", None) is not None:
        raise _doctype_error(path, part)
    return root


def refuse_doctype(data: bytes, *, path: str | None = None, part: str | None = None) -> None:
    """Raise UnsafeFileError where the prolog holds a declaration (``<!…``
    other than a comment) before the root element."""
    if prolog_declares(data, path=path, part=part):
        raise _doctype_error(path, part)


def prolog_declares(data: bytes, *, path: str | None = None, part: str | None = None) -> bool | None:
    """Whether the prolog of ``data`` holds a declaration (``<!…`` other than
    a comment) before the root element: True, False where the root
    element's ``<`` comes first, None where the look cannot tell (the head is
    not markup in an encoding it reads, or the data ends inside the prolog).

    Raises UnsafeFileError for a prolog running past :data:`PROLOG_WINDOW`."""
    for window in (PROLOG_WINDOW_FIRST, PROLOG_WINDOW):
        head = data[:window]
        found = _scan_prolog(_decode_head(head))
        if found != "open":
            return found
        if len(data) <= len(head):
            return None  # the data ends inside the prolog: the parser reports it
    raise UnsafeFileError(
        f"XML prolog{' in ' + part if part else ''} runs past {PROLOG_WINDOW:,} bytes",
        path=path,
        hint="not a genuine document",
    )


def _scan_prolog(text: str) -> bool | Literal["open"] | None:
    """:func:`prolog_declares` for the decoded head ``text``, or ``"open"``
    where the head ends before the prolog does."""
    i, n = 0, len(text)
    if text.startswith("\ufeff"):
        i = 1
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        close = "?>"
        if text.startswith("<?", i):
            end = text.find(close, i + 2)
        elif text.startswith("<!--", i):
            close = "-->"
            end = text.find(close, i + 4)
        elif text.startswith("<!", i):
            return True
        elif i < n:
            return False if text[i] == "<" else None  # the root element begins, or not markup at all
        else:
            return "open"
        if end < 0:
            return "open"
        i = end + len(close)


def _decode_head(head: bytes) -> str:
    """The head decoded well enough to read its markup, whatever the
    encoding family (XML 1.0 appendix F)."""
    if head.startswith((codecs.BOM_UTF32_LE, b"<\x00\x00\x00")):
        encoding = "utf-32-le"
    elif head.startswith((codecs.BOM_UTF32_BE, b"\x00\x00\x00<")):
        encoding = "utf-32-be"
    elif head.startswith((codecs.BOM_UTF16_LE, b"<\x00")):
        encoding = "utf-16-le"
    elif head.startswith((codecs.BOM_UTF16_BE, b"\x00<")):
        encoding = "utf-16-be"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8"
    else:
        encoding = "latin-1"  # every ASCII-compatible encoding reads its markup the same
    return head.decode(encoding, errors="replace")


def _doctype_error(path: str | None, part: str | None) -> UnsafeFileError:
    where = f" in {part}" if part else ""
    return UnsafeFileError(
        f"XML{where} has a document type declaration (DOCTYPE); refused because entities and "
        "external references can exhaust memory or read local files",
        path=path,
        hint="remove the DOCTYPE",
    )


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:200]


__all__ = ["PROLOG_WINDOW", "make_parser", "parse_xml", "prolog_declares", "refuse_doctype"]
