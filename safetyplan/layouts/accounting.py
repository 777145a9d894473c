"""Nothing silently dropped: which text of a document no Plan holds.

A layout must put every character of its input somewhere — a metadata
field, the preamble, a section's text, a measure, an attachment, the
reporting requirements or a note.  :func:`unaccounted` checks that from the
outside, for any layout: it collects every string the plans hold and returns
the runs of the document's text (markup removed, whitespace ignored) that
appear in none of them.  Runs of punctuation alone are not reported: a list
split into names (``各乡镇、开发区…，区安委会…：``) keeps the names, not the
commas between them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence

import attrs

from ..document import Document, Paragraph
from ..model import Plan
from .cleaning import is_rule, squeeze, strip_markup

MIN_RUN = 3
"""A piece of text counts as held by the model only in runs of at least
this many characters (or whole, where the piece is shorter), so that
single characters found here and there do not hide a lost line."""


def model_strings(value: object) -> Iterator[str]:
    """Every string inside a model value (attrs classes, tuples), depth first."""
    if isinstance(value, enum.Enum):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from model_strings(item)
    elif attrs.has(type(value)):
        for name in attrs.fields_dict(type(value)):  # type: ignore[arg-type]
            yield from model_strings(getattr(value, name))


def document_pieces(document: Document) -> Iterator[str]:
    """The document's text as a person reads it: each paragraph and each
    paragraph of each table cell, markup removed, rules skipped."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if not is_rule(block.text):
                yield strip_markup(block.text)
        else:
            for row in block.rows:
                for cell in row.cells:
                    if not cell.merged:
                        yield from (strip_markup(p) for p in cell.paragraphs)


def unaccounted(document: Document, plans: Sequence[Plan]) -> list[str]:
    """Runs of the document's non-whitespace text that appear in no string
    of ``plans``, in document order; empty when nothing was dropped."""
    haystack = "\x00".join(squeeze(s) for plan in plans for s in model_strings(plan))
    missing: list[str] = []
    for piece in document_pieces(document):
        text = squeeze(piece)
        if not text or text in haystack:
            continue
        missing.extend(run for run in _uncovered(text, haystack) if any(ch.isalnum() for ch in run))
    return missing


def _uncovered(text: str, haystack: str) -> list[str]:
    """Cover ``text`` greedily with the longest pieces found in
    ``haystack``; return what is not covered.  A piece counts where it has
    :data:`MIN_RUN` characters, or stands next to one that has (a label
    ``1.`` before its measure's text)."""
    chunks: list[tuple[str, bool]] = []  # (text, found in haystack)
    i = 0
    while i < len(text):
        length = 0
        while i + length < len(text) and text[i : i + length + 1] in haystack:
            length += 1
        if length:
            chunks.append((text[i : i + length], True))
            i += length
        else:
            chunks.append((text[i], False))
            i += 1
    long_enough = [found and len(chunk) >= min(MIN_RUN, len(text)) for chunk, found in chunks]
    runs: list[str] = []
    gap: list[str] = []
    for k, (chunk, found) in enumerate(chunks):
        near = (k > 0 and long_enough[k - 1]) or (k + 1 < len(chunks) and long_enough[k + 1])
        if long_enough[k] or (found and near):
            if gap:
                runs.append("".join(gap))
                gap = []
        else:
            gap.append(chunk)
    if gap:
        runs.append("".join(gap))
    return runs


__all__ = ["MIN_RUN", "document_pieces", "model_strings", "unaccounted"]
