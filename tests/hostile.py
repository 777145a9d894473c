"""Makes a folder of hostile and broken input files, one of each kind.

Every file here must be refused by ``safetyplan.load`` and ``safetyplan
convert`` with one clear SafetyPlanError — never another exception, never a
hang, never unbounded memory, never a read outside the file.  ``build``
writes them and says which error each must end in; the files are made from
scratch (nothing is downloaded) and the large ones are built by streaming, so
building the whole folder takes a second or two and little memory.

    python tests/hostile.py OUTDIR      # write the folder for a manual run
"""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from safetyplan.errors import SafetyPlanError, UnreadableFileError, UnsafeFileError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLAN_NS = "urn:safetyplan:plan:1.0"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)

BILLION_LAUGHS_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
XXE_DTD = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


class Hostile(NamedTuple):
    """One hostile file: where it is, the error it must end in, and why."""

    path: Path
    expected: type[SafetyPlanError]
    why: str


def document_xml(body: str, prolog: str = "") -> str:
    """A WordprocessingML main part around ``body`` (``<w:p>`` … markup)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


def paragraph_xml(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx_bytes(parts: dict[str, bytes | str], *, base: bool = True) -> bytes:
    """A zip package with ``parts``; ``base`` adds the content types and the
    package relationships a Word file has."""
    members: dict[str, bytes | str] = {}
    if base:
        members["[Content_Types].xml"] = CONTENT_TYPES
        members["_rels/.rels"] = PACKAGE_RELS
    members.update(parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def plain_docx(text: str = "一、总体要求") -> bytes:
    return docx_bytes({"word/document.xml": document_xml(paragraph_xml(text))})


def _streamed_member_docx(target: Path, name: str, size: int, chunk: bytes = b" " * 65536) -> None:
    """A package whose member ``name`` inflates to ``size`` bytes, written by
    streaming so building it costs no memory."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="' + W_NS.encode() + b'"><w:body>')
            written = 0
            while written < size:
                member.write(chunk)
                written += len(chunk)
            member.write(b"</w:body></w:document>")


def _lying_sizes_docx(inflated: int) -> bytes:
    """A member that declares 100 bytes and inflates to ``inflated``: the
    directory and the local header both lie, only the stream tells the truth."""
    payload = document_xml(paragraph_xml("x") * (inflated // 60)).encode()
    good = docx_bytes({"word/document.xml": payload})
    data = bytearray(good)
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(sig, start)) >= 0:
            name_len_at = 26 if sig == b"PK\x03\x04" else 28
            name_len = struct.unpack_from("<H", data, at + name_len_at)[0]
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at : name_at + name_len]) == b"word/document.xml":
                struct.pack_into("<I", data, at + offset, 100)
            start = at + 4
    return bytes(data)


def _many_entries_docx(count: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", document_xml(paragraph_xml("x")))
        for i in range(count):
            zf.writestr(f"x/{i}", b"")
    return buf.getvalue()


def _raw_names_docx(names: list[str]) -> bytes:
    """A package holding members under exactly these names (zipfile keeps
    them as given, duplicates and ``..`` steps included)."""
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        for name in names:
            info = zipfile.ZipInfo("placeholder")
            info.filename = name
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, document_xml(paragraph_xml("一、总体要求")))
    return buf.getvalue()


def _nested_tables(depth: int) -> str:
    return "<w:tbl><w:tr><w:tc>" * depth + paragraph_xml("x") + "</w:tc></w:tr></w:tbl>" * depth


class Spec(NamedTuple):
    """How to make one hostile file."""

    name: str
    make: Callable[[Path], None]
    expected: type[SafetyPlanError]
    why: str


def _specs() -> list[Spec]:
    specs: list[Spec] = []

    def add(name: str, data: Callable[[], bytes | str], expected: type[SafetyPlanError], why: str) -> None:
        def make(path: Path) -> None:
            content = data()
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

        specs.append(Spec(name, make, expected, why))

    def special(name: str, make: Callable[[Path], None], expected: type[SafetyPlanError], why: str) -> None:
        specs.append(Spec(name, make, expected, why))

    plan_root = f'<plan xmlns="{PLAN_NS}" version="1.0"><title>&lol9;</title></plan>'
    # XML with declarations that expand or fetch.
    add(
        "billion_laughs.xml",
        lambda: f'<?xml version="1.0"?>{BILLION_LAUGHS_DTD}{plan_root}',
        UnsafeFileError,
        "entities expanding to 10^9 bytes",
    )
    add(
        "xxe_local_file.xml",
        lambda: f'<?xml version="1.0"?>{XXE_DTD}<plan xmlns="{PLAN_NS}"><title>&xxe;</title></plan>',
        UnsafeFileError,
        "external entity reading /etc/passwd",
    )
    add(
        "xxe_external_dtd.xml",
        lambda: f'<?xml version="1.0"?><!DOCTYPE plan SYSTEM "http://127.0.0.1:9/evil.dtd"><plan xmlns="{PLAN_NS}"/>',
        UnsafeFileError,
        "external DTD fetched over the network",
    )
    add(
        "xxe_parameter_entity.xml",
        lambda: (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
            f'<plan xmlns="{PLAN_NS}"/>'
        ),
        UnsafeFileError,
        "parameter entity reading /etc/passwd",
    )
    add(
        "billion_laughs_utf16.xml",
        lambda: ('<?xml version="1.0" encoding="UTF-16"?>' + BILLION_LAUGHS_DTD + plan_root).encode("utf-16"),
        UnsafeFileError,
        "entity expansion hidden behind UTF-16",
    )
    add(
        "doctype_after_comment.xml",
        lambda: f'<!-- a comment first -->{XXE_DTD}<plan xmlns="{PLAN_NS}">&xxe;</plan>',
        UnsafeFileError,
        "DOCTYPE behind a comment",
    )
    add("deep.xml", lambda: "<a>" * 100_000 + "</a>" * 100_000, SafetyPlanError, "100,000 nested elements")
    add("not_xml.xml", lambda: b"\x00\x01\x02 not xml at all \xff\xfe", SafetyPlanError, "binary data as XML")
    # Word packages that attack through their XML.
    add(
        "docx_billion_laughs.docx",
        lambda: docx_bytes({"word/document.xml": document_xml(paragraph_xml("&lol9;"), BILLION_LAUGHS_DTD)}),
        UnsafeFileError,
        "billion laughs inside word/document.xml",
    )
    add(
        "docx_xxe.docx",
        lambda: docx_bytes({"word/document.xml": document_xml(paragraph_xml("&xxe;"), XXE_DTD)}),
        UnsafeFileError,
        "XXE inside word/document.xml",
    )
    add(
        "docx_xxe_styles.docx",
        lambda: docx_bytes(
            {
                "word/document.xml": document_xml(paragraph_xml("一、总体要求")),
                "word/_rels/document.xml.rels": PACKAGE_RELS.replace("officeDocument", "styles").replace(
                    "word/document.xml", "styles.xml"
                ),
                "word/styles.xml": f'<?xml version="1.0"?>{XXE_DTD}<w:styles xmlns:w="{W_NS}">&xxe;</w:styles>',
            }
        ),
        UnsafeFileError,
        "XXE inside word/styles.xml",
    )
    add(
        "docx_xxe_rels.docx",
        lambda: docx_bytes(
            {
                "word/document.xml": document_xml(paragraph_xml("一、总体要求")),
                "_rels/.rels": PACKAGE_RELS.replace("?>", "?>" + XXE_DTD, 1),
            }
        ),
        UnsafeFileError,
        "XXE inside the package relationships",
    )
    add(
        "docx_deep_tables.docx",
        lambda: docx_bytes({"word/document.xml": document_xml(_nested_tables(400))}),
        SafetyPlanError,
        "tables nested 400 deep",
    )
    # Word packages that are not what they claim.
    add("not_a_zip.docx", lambda: "一、总体要求\n（一）加强领导。\n", UnreadableFileError, "text with a .docx suffix")
    add("truncated.docx", lambda: plain_docx("一、总体要求" * 200)[:300], UnreadableFileError, "package cut off")
    add(
        "no_document.docx",
        lambda: docx_bytes({"word/other.xml": "<x/>"}),
        UnreadableFileError,
        "package without word/document.xml",
    )
    add("empty_zip.docx", lambda: docx_bytes({}, base=False), UnreadableFileError, "empty zip archive")
    add(
        "encrypted.docx",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096),
        UnreadableFileError,
        "password-protected Word file (OLE container)",
    )
    add(
        "outside_target.docx",
        lambda: docx_bytes(
            {"word/x.xml": "<x/>", "_rels/.rels": PACKAGE_RELS.replace("word/document.xml", "../../../../etc/passwd")}
        ),
        UnreadableFileError,
        "main part pointing outside the package",
    )
    add(
        "not_wordml.docx",
        lambda: docx_bytes({"word/document.xml": "<html><body>hello</body></html>"}),
        UnreadableFileError,
        "main part that is not WordprocessingML",
    )
    special(
        "zip_bomb_declared.docx",
        lambda p: _streamed_member_docx(p, "word/document.xml", 100 * 1024 * 1024),
        UnsafeFileError,
        "member declaring 100 MB",
    )
    special(
        "zip_bomb_ratio.docx",
        lambda p: _streamed_member_docx(p, "word/document.xml", 24 * 1024 * 1024),
        UnsafeFileError,
        "member inflating 1000-fold",
    )
    add(
        "zip_bomb_lying.docx",
        lambda: _lying_sizes_docx(2 * 1024 * 1024),
        SafetyPlanError,
        "member declaring 100 bytes that inflates to 2 MB",
    )
    add("many_entries.docx", lambda: _many_entries_docx(20_000), UnsafeFileError, "20,000 archive entries")
    add(
        "path_traversal.docx",
        lambda: _raw_names_docx(["word/document.xml", "../../evil.xml"]),
        UnsafeFileError,
        "entry named ../../evil.xml",
    )
    add(
        "absolute_path.docx",
        lambda: _raw_names_docx(["word/document.xml", "/etc/passwd"]),
        UnsafeFileError,
        "entry named /etc/passwd",
    )
    add(
        "duplicate_entry.docx",
        lambda: _raw_names_docx(["word/document.xml", "word/document.xml"]),
        UnsafeFileError,
        "word/document.xml twice",
    )
    # HTML.
    add("deep.html", lambda: "<div>" * 100_000 + "x", UnsafeFileError, "100,000 nested elements")
    add(
        "html_billion_laughs.html",
        lambda: f"{BILLION_LAUGHS_DTD}<html><body><p>&lol9;</p></body></html>",
        SafetyPlanError,
        "entity declarations in an HTML page",
    )
    add("binary.html", lambda: random.Random(7).randbytes(64 * 1024), UnreadableFileError, "random bytes as HTML")
    # Text.
    add("empty.txt", lambda: b"", UnreadableFileError, "empty file")
    add("blank.txt", lambda: b" \r\n\t\n   \n", UnreadableFileError, "only whitespace")
    add("random_bytes.txt", lambda: random.Random(3).randbytes(256 * 1024), UnreadableFileError, "random bytes as text")
    add(
        "png.txt",
        lambda: b"\x89PNG\r\n\x1a\n" + random.Random(4).randbytes(4096),
        UnreadableFileError,
        "PNG image as text",
    )
    add("docx_as_text.txt", lambda: plain_docx(), UnreadableFileError, ".docx renamed .txt")
    add("bad_bom.txt", lambda: b"\xff\xfe" + b"\x00\xd8" * 10, UnreadableFileError, "UTF-16 BOM with broken surrogates")
    add("long_line.txt", lambda: "（" * 2_000_000, SafetyPlanError, "one line of two million brackets")
    special(
        "oversized.txt",
        lambda p: _sparse(p, 60 * 1024 * 1024),
        UnsafeFileError,
        "60 MB file over the 50 MB limit (sparse)",
    )
    special(
        "oversized.docx", lambda p: _sparse(p, 60 * 1024 * 1024), UnsafeFileError, "60 MB .docx over the limit (sparse)"
    )
    if hasattr(os, "mkfifo"):
        special("fifo.txt", lambda p: os.mkfifo(p), UnreadableFileError, "named pipe that would block a read")
    if Path("/dev/zero").exists():
        special("dev_zero.txt", lambda p: p.symlink_to("/dev/zero"), UnreadableFileError, "link to an endless device")
    return specs


SPECS = _specs()
NAMES = [spec.name for spec in SPECS]


def build(folder: Path, names: list[str] | None = None) -> list[Hostile]:
    """Write the hostile files (all, or those named) into ``folder`` and list them."""
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Hostile] = []
    for spec in SPECS:
        if names is None or spec.name in names:
            path = folder / spec.name
            if not path.exists() and not path.is_symlink():
                spec.make(path)
            made.append(Hostile(path, spec.expected, spec.why))
    return made


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as fh:
        fh.truncate(size)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    for item in build(out):
        print(f"{item.path.name:32} {item.expected.__name__:22} {item.why}")
