"""What a reader hands to a layout: the file's blocks in order, nothing more.

A reader knows file formats and nothing of plans; a layout knows plans and
nothing of file formats.  The Document between them is deliberately plain —
paragraphs with their source line and tables as rows of cell texts — so that a
plan typed as text, saved as .docx or scraped as HTML reaches a layout in the
same shape and imports to the same Plan.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

import attrs

T = TypeVar("T")
P = ParamSpec("P")
_MISSING: Any = object()


@attrs.frozen
class Paragraph:
    """One paragraph (a line of a text file, a ``<w:p>`` of a Word file).

    ``line`` is its 1-based line (or paragraph) number in the source; ``style``
    the Word style or Markdown heading level where the source has one
    (``Heading 1``, ``h2``), which layouts may use as a hint but never need,
    or :data:`CHROME` for a web page's own furniture (navigation, tools,
    footer), which layouts keep as notes, never as a plan's text.
    """

    text: str
    line: int
    style: str | None = None


CHROME = "chrome"
"""The style of a paragraph a reader knows to be the site's, not the
document's: a web page's navigation, location line, tools and footer."""


@attrs.frozen
class Cell:
    """One cell of a table row, merged cells resolved.

    ``paragraphs`` keeps the cell's paragraphs apart (a task cell may hold two
    tasks); ``merged`` is True where this cell continues a cell merged from the
    row above or the left, so a layout can tell a repeated value from a
    restated one.
    """

    paragraphs: tuple[str, ...]
    merged: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@attrs.frozen
class Row:
    cells: tuple[Cell, ...]
    line: int

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)


@attrs.frozen
class Table:
    rows: tuple[Row, ...]
    line: int


Block = Paragraph | Table


@attrs.frozen
class Document:
    """A file's content as ordered blocks, with where it came from."""

    blocks: tuple[Block, ...]
    path: str | None = None
    format: str | None = None
    digest: str | None = None
    warnings: tuple[str, ...] = ()
    """What the reader had to repair (dropped control characters, a guessed
    encoding); reported by the command line, never fatal."""
    _measured: dict[Hashable, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False, hash=False)

    def __getstate__(self) -> dict[str, Any]:
        """A pickled or copied document leaves its readings behind: they may
        hold anything an analysis returned, and the copy reads afresh."""
        return {f.name: getattr(self, f.name) for f in attrs.fields(Document) if f.init}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_measured", {})

    def measure(self, analysis: Callable[[Document], T]) -> T:
        """``analysis(self)``, computed once for this document.

        Every installed layout's ``detect`` runs on every document, and several
        read the same measurements (how items are numbered, where unit lists
        stand); an analysis asked for through here costs one reading however
        many layouts ask.  The result lives as long as the document does, so
        no reading is ever carried over to another file."""
        return self._kept(analysis, lambda: analysis(self))

    def _kept(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The reading kept under ``key``, computed by ``compute`` the first
        time (for :meth:`measure` and :func:`per_document`)."""
        found = self._measured.get(key, _MISSING)
        if found is _MISSING:
            # Threads reading one document may both compute a reading; the
            # first kept is the one every caller gets.
            found = self._measured.setdefault(key, compute())
        return found  # type: ignore[no-any-return]

    def paragraphs(self) -> Iterator[Paragraph]:
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block

    def tables(self) -> Iterator[Table]:
        for block in self.blocks:
            if isinstance(block, Table):
                yield block

    def text(self) -> str:
        """All text, paragraphs and cells, one line each: what detection reads."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            else:
                for row in block.rows:
                    out.append("\t".join(row.texts))
        return "\n".join(out)


_READING: ContextVar[Document | None] = ContextVar("safetyplan_document_being_read", default=None)


@contextlib.contextmanager
def reading(document: Document) -> Iterator[Document]:
    """Mark ``document`` as the one layouts are reading, for
    :func:`per_document` functions called meanwhile (detection and parsing
    run inside it)."""
    token = _READING.set(document)
    try:
        yield document
    finally:
        _READING.reset(token)


def per_document(function: Callable[P, T]) -> Callable[P, T]:
    """Keep ``function``'s results for the document being read.

    For pure functions of text that several layouts call on the same text —
    detection by each layout, then the parse, read a measure's unit lists
    again and again.  Inside :func:`reading` a call with arguments seen before
    in this document returns the kept result; outside it, or for another
    document, the function runs.  Results must be immutable (tuples, frozen
    classes), since every caller gets the same object."""

    @functools.wraps(function)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> T:
        document = _READING.get()
        if document is None:
            return function(*args, **kwargs)
        key = (function, args, tuple(kwargs.items()))
        return document._kept(key, lambda: function(*args, **kwargs))

    return remembered


__all__ = ["CHROME", "Block", "Cell", "Document", "Paragraph", "Row", "Table", "per_document", "reading"]
