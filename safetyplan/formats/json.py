"""safetyplan JSON: the model as plain JSON objects, for web applications.

A file is an envelope naming the format version and holding one plan or a
list of them::

    {"safetyplan": "1.0", "plan": {...}}
    {"safetyplan": "1.0", "plans": [{...}, {...}]}

A plan object has one key per model field, named as in :mod:`safetyplan.model`
and always present: None is ``null``, tuples are arrays, dates are
``"YYYY-MM-DD"`` strings, enums their string value (``"lead"``).  A section's
``children`` mix sections and measures, so each child carries ``"type":
"section"`` or ``"type": "measure"``.  Text is UTF-8 and may hold any
Unicode scalar value (control characters are escaped by JSON itself); text
with a lone surrogate cannot be encoded and is refused by the writer.

The codec follows the model's type hints, so a field added to the model is
written and read without a change here.  Reading is strict — unknown keys,
wrong types and malformed dates are errors naming the offending key — so a
file that reads gives exactly the Plan that was written.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import types
import typing
from collections.abc import Iterable
from typing import Any, Final

import attrs

from .. import model
from ..errors import OutputError, UnreadableFileError
from ..model import Plan, Section
from . import MAX_SECTION_DEPTH, check_depth

VERSION: Final = "1.0"
FORMAT_KEY: Final = "safetyplan"
TYPE_KEY: Final = "type"
"""Names the class of an object inside an array that mixes classes."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Invalid(Exception):
    """A value that does not fit the model; ``where`` is its JSON path."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved type hints of a model class, cached: they drive the codec."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(model))
    return _HINTS[cls]


def _members(hint: Any) -> tuple[list[Any], bool]:
    """The non-None members of a union hint, and whether None is allowed."""
    args = typing.get_args(hint)
    return [a for a in args if a is not type(None)], type(None) in args


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


# -- writing ---------------------------------------------------------------------


def _encode(value: Any, hint: Any, where: str) -> Any:
    if value is None:
        return None
    if _is_union(hint):
        members, _ = _members(hint)
        if len(members) == 1:
            return _encode(value, members[0], where)
        encoded = _encode(value, type(value), where)
        return {TYPE_KEY: type(value).__name__.lower(), **encoded}
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return [_encode(v, item, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise OutputError(
                f"cannot write JSON: {where} holds a lone surrogate, which UTF-8 cannot encode",
                hint="the text was decoded wrongly; re-read the source with the right encoding",
            )
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if attrs.has(type(value)):
        hints = _hints(type(value))
        return {
            f.name: _encode(getattr(value, f.name), hints[f.name], f"{where}.{f.name}")
            for f in attrs.fields(type(value))
        }
    return value


def to_dict(plan: Plan) -> dict[str, Any]:
    """``plan`` as a JSON-ready dict (no envelope)."""
    check_depth(plan, "JSON")
    encoded = _encode(plan, Plan, "plan")
    assert isinstance(encoded, dict)
    return encoded


def dumps(plans: Plan | Iterable[Plan]) -> bytes:
    """One plan, or several, as a UTF-8 JSON document with the envelope."""
    document: dict[str, Any] = {FORMAT_KEY: VERSION}
    if isinstance(plans, Plan):
        document["plan"] = to_dict(plans)
    else:
        document["plans"] = [to_dict(p) for p in plans]
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


# -- reading ---------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _decode(value: Any, hint: Any, where: str, depth: int) -> Any:
    if _is_union(hint):
        members, nullable = _members(hint)
        if value is None:
            if nullable:
                return None
            raise _Invalid(where, "must not be null")
        if len(members) == 1:
            return _decode(value, members[0], where, depth)
        return _decode_tagged(value, members, where, depth)
    if value is None:
        raise _Invalid(where, "must not be null")
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, list):
            raise _Invalid(where, f"expected an array, got {_type_name(value)}")
        item = typing.get_args(hint)[0]
        return tuple(_decode(v, item, f"{where}[{i}]", depth) for i, v in enumerate(value))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in hint)
            raise _Invalid(where, f"{value!r} is not one of {allowed}") from None
    if hint is str:
        if not isinstance(value, str):
            raise _Invalid(where, f"expected a string, got {_type_name(value)}")
        if _SURROGATE.search(value):
            raise _Invalid(where, "text holds a lone surrogate")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise _Invalid(where, f"expected true or false, got {_type_name(value)}")
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _Invalid(where, f"expected an integer, got {_type_name(value)}")
        return value
    if hint is dt.date:
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise _Invalid(where, f'expected a date as "YYYY-MM-DD", got {value!r:.40}')
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise _Invalid(where, str(exc)) from None
    if isinstance(hint, type) and attrs.has(hint):
        return _decode_object(value, hint, where, depth)
    raise TypeError(f"the JSON codec has no rule for model type {hint!r}")


def _decode_tagged(value: Any, members: list[Any], where: str, depth: int) -> Any:
    if not isinstance(value, dict):
        raise _Invalid(where, f"expected an object, got {_type_name(value)}")
    by_tag = {cls.__name__.lower(): cls for cls in members}
    tag = value.get(TYPE_KEY)
    if tag not in by_tag:
        allowed = " or ".join(f'"{t}"' for t in by_tag)
        raise _Invalid(where, f'"{TYPE_KEY}" must be {allowed}, got {tag!r:.40}')
    rest = {k: v for k, v in value.items() if k != TYPE_KEY}
    return _decode_object(rest, by_tag[tag], where, depth)


def _decode_object(value: Any, cls: type[Any], where: str, depth: int) -> Any:
    if not isinstance(value, dict):
        raise _Invalid(where, f"expected an object, got {_type_name(value)}")
    if cls is Section:
        depth += 1
        if depth > MAX_SECTION_DEPTH:
            raise _Invalid(where, f"sections nest more than {MAX_SECTION_DEPTH} levels deep")
    hints = _hints(cls)
    fields = attrs.fields_dict(cls)
    unknown = [k for k in value if k not in fields]
    if unknown:
        raise _Invalid(where, f"unknown key {unknown[0]!r:.60} for a {cls.__name__}")
    kwargs = {}
    for name, field in fields.items():
        if name in value:
            kwargs[name] = _decode(value[name], hints[name], f"{where}.{name}", depth)
        elif field.default is attrs.NOTHING:
            raise _Invalid(where, f"missing key {name!r} of a {cls.__name__}")
    return cls(**kwargs)


def from_dict(data: Any, *, where: str = "plan") -> Plan:
    """The Plan a JSON plan object holds (no envelope); UnreadableFileError
    names the first key that does not fit the model."""
    try:
        plan = _decode_object(data, Plan, where, 0)
    except _Invalid as exc:
        raise UnreadableFileError(f"not a safetyplan plan: {exc}") from None
    assert isinstance(plan, Plan)
    return plan


def loads(data: bytes, *, path: str | None = None) -> tuple[Plan, ...]:
    """Every plan in a safetyplan JSON document, in order."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(f"JSON is not UTF-8: {exc.reason} at byte {exc.start}", path=path) from None
    except json.JSONDecodeError as exc:
        raise UnreadableFileError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    except RecursionError:
        raise UnreadableFileError("JSON nests too deeply to be a plan", path=path) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise UnreadableFileError(f"not valid JSON: {exc}", path=path) from None
    if not isinstance(document, dict) or FORMAT_KEY not in document:
        raise UnreadableFileError(
            f'not safetyplan JSON: expected an object with a "{FORMAT_KEY}" version key',
            path=path,
            hint=f'safetyplan JSON looks like {{"{FORMAT_KEY}": "{VERSION}", "plan": {{...}}}}',
        )
    version = document[FORMAT_KEY]
    if not isinstance(version, str) or version.split(".")[0] != VERSION.split(".")[0]:
        raise UnreadableFileError(
            f"safetyplan JSON version {version!r:.20} is not readable by this release, which reads version {VERSION}",
            path=path,
        )
    extra = set(document) - {FORMAT_KEY, "plan", "plans"}
    if extra or ("plan" in document) == ("plans" in document):
        raise UnreadableFileError(
            'not safetyplan JSON: the envelope holds "plan" (one) or "plans" (an array) and nothing else',
            path=path,
        )
    try:
        if "plan" in document:
            return (_decode_object(document["plan"], Plan, "plan", 0),)
        plans = document["plans"]
        if not isinstance(plans, list):
            raise _Invalid("plans", f"expected an array, got {_type_name(plans)}")
        return tuple(_decode_object(p, Plan, f"plans[{i}]", 0) for i, p in enumerate(plans))
    except _Invalid as exc:
        raise UnreadableFileError(f"not a safetyplan plan: {exc}", path=path) from None


def sniff(head: bytes) -> bool:
    """True where the first bytes look like a JSON object."""
    text = head.decode("utf-8-sig", errors="ignore").lstrip()
    return text.startswith("{")


__all__ = ["VERSION", "dumps", "from_dict", "loads", "sniff", "to_dict"]
