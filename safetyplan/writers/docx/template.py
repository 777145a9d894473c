"""Clerk templates: any .docx with docxtpl/Jinja tags, filled with the plan.

An office's own letterhead, table layout and wording stay the office's: the
clerk writes ``{{ plan.title }}`` where the title goes and
``{%tr for m in measures %}`` … ``{%tr endfor %}`` around a table row, and
safetyplan fills it with the context of :mod:`.context`.

Templates come from people, so they are handled as untrusted input: the zip
is checked for bombs before python-docx opens it, Jinja runs sandboxed with
autoescaping (a plan's ``<`` or ``&`` cannot break the XML), and a name the
context does not define is an error rather than an empty space — a misspelt
``{{ plan.titel }}`` is reported, not printed blank.  Every failure is a
:class:`~safetyplan.writers.docx.TemplateError` saying what to fix.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO

from ...errors import SafetyPlanError, UnsafeFileError
from ...model import Plan
from . import TemplateError, unwritable_text
from .context import template_context

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


def _load(path: Path) -> bytes:
    from ...readers.ziplimits import SafeZip

    try:
        size = path.stat().st_size
    except OSError:
        raise TemplateError("template not found", path=str(path), hint="check the --template path") from None
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"template is {size:,} bytes, over the {MAX_TEMPLATE_BYTES:,}-byte limit", path=str(path))
    data = path.read_bytes()
    try:
        archive = SafeZip(data, path=str(path))
        for name in archive.names():
            archive.read(name)
    except UnsafeFileError:
        raise
    except SafetyPlanError as exc:
        raise TemplateError(f"template is not a usable .docx: {exc.message}", path=str(path), hint=exc.hint) from None
    if "word/document.xml" not in archive:
        raise TemplateError("template is a zip file but not a Word document", path=str(path))
    return data


def _where(exc: Exception) -> str:
    """The template text around a Jinja error, as docxtpl records it."""
    lines = [line.strip() for line in getattr(exc, "docx_context", ()) if line.strip()]
    return f" near “{' '.join(lines)[:80]}”" if lines else ""


def write(plan: Plan, stream: BinaryIO, options: dict[str, Any]) -> None:
    """Fill the template at ``options["template"]`` with ``plan``."""
    import jinja2
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment
    from lxml import etree

    if not options.get("template"):
        raise TemplateError(
            "the template writer needs a template", hint="pass template=PATH (on the command line --template FILE.docx)"
        )
    path = Path(options["template"])
    data = _load(path)
    environment = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    try:
        document = DocxTemplate(io.BytesIO(data))
        document.render(template_context(plan), jinja_env=environment, autoescape=True)
        document.save(stream)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template tag error: {exc.message}{_where(exc)}",
            path=str(path),
            hint="check that every {% … %} is closed and every {{ … }} is complete",
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"template uses a name the plan does not provide: {exc.message}",
            path=str(path),
            hint="the names are listed in docs/templates.md",
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template could not be filled: {exc}", path=str(path)) from None
    except (etree.XMLSyntaxError, ValueError, KeyError) as exc:
        if unwritable_text(plan) is not None:
            raise  # a plan Word cannot store: reported as such by the writer

        raise TemplateError(
            f"the filled template is not a valid Word document ({type(exc).__name__}: {exc})",
            path=str(path),
            hint="put {%p %}, {%tr %} and {%tc %} tags in paragraphs, rows and cells of their own",
        ) from None


__all__ = ["MAX_TEMPLATE_BYTES", "write"]
