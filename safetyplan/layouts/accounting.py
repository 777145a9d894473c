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
import re
from collections.abc import Iterator, Sequence

import attrs

from ..document import Document, Paragraph
from ..model import Plan
from .cleaning import is_rule, squeeze, strip_markup
from .units import is_marker

_WORD_SPLIT = re.compile(r"[^\w]+")

SHORT = 12
"""Strings up to this long (labels, names) lend their words to the check."""

CONTEXT = 40
"""Characters of the neighbouring pieces read around a piece."""

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
    strings = {squeeze(s) for plan in plans for s in model_strings(plan)}
    haystack = "\x00".join(sorted(strings))
    # The words of short strings (labels ``一、``, unit names) count alone.
    words_held = strings | {w for s in strings if len(s) <= SHORT for w in _WORD_SPLIT.split(s) if w}
    pieces = [squeeze(p) for p in document_pieces(document)]
    missing: list[str] = []
    for k, text in enumerate(pieces):
        if not text or text in haystack:
            continue
        # A hard line break may cut a name in two: read the piece with the
        # ends of its neighbours around it.
        before = pieces[k - 1][-CONTEXT:] if k else ""
        after = pieces[k + 1][:CONTEXT] if k + 1 < len(pieces) else ""
        for run in _uncovered(before + text + after, haystack, len(before), len(before) + len(text)):
            # Short names of a list (``公安、商务``) count where the model
            # holds each of them as a string of its own; the list's closing
            # ``等`` (``…应急等部门``) and its markers and role phrases
            # (``牵头单位：``, ``…牵头，…配合``), which Roles hold, are notation.
            words = [w.removesuffix("等") for w in _WORD_SPLIT.split(run) if w]
            if any(w not in words_held and not is_marker(w) and any(ch.isalnum() for ch in w) for w in words):
                missing.append(run)
    return missing


def _uncovered(text: str, haystack: str, lo: int = 0, hi: int | None = None) -> list[str]:
    """The runs of ``text[lo:hi]`` that no piece of ``haystack`` covers.

    A character is covered by any run of at least :data:`MIN_RUN` characters
    (or all of ``text``, where it is shorter) found in ``haystack``.  A short
    run left between covered ones counts where it is found too (a label
    ``1.`` before its measure's text).  Each start extends the run found so
    far, so a piece costs a number of searches linear in its length."""
    n = len(text)
    need = min(MIN_RUN, n)
    covered = [False] * n
    reach = 0
    for i in range(n):
        length = max(0, reach - i)
        while i + length < n and text[i : i + length + 1] in haystack:
            length += 1
        if length >= need:
            for k in range(max(i, reach), i + length):
                covered[k] = True
            reach = max(reach, i + length)
    runs: list[str] = []
    hi = n if hi is None else hi
    i = lo
    while i < hi:
        if covered[i]:
            i += 1
            continue
        j = i
        while j < hi and not covered[j]:
            j += 1
        run = text[i:j]
        touches = (i > 0 and covered[i - 1]) or (j < n and covered[j])
        if not (touches and run in haystack):
            runs.append(run)
        i = j
    return runs


__all__ = ["CONTEXT", "MIN_RUN", "SHORT", "document_pieces", "model_strings", "unaccounted"]
