"""Finds every reader, layout and writer and answers "which one for this?".

The core registers its own readers and writers the way pytest registers its
built-in plugins: a list of module names, imported and registered in order.
Regional layouts come only from the ``safetyplan`` entry-point group, so the
ones shipped with safetyplan are found exactly as a third-party region's
package would be; the core itself names no region (its one built-in layout
reads back the task tables safetyplan writes).  Each registered object keeps the plugin and distribution it
came from, for ``safetyplan plugins`` and for error messages.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import attrs
import pluggy

from .errors import PluginError, SafetyPlanError, UnknownFormatError, UnknownRegionError
from .hookspecs import PROJECT, HookSpecs, Layout, Reader, Writer

BUILTIN_PLUGINS: tuple[str, ...] = (
    "safetyplan.readers.text",
    "safetyplan.readers.html",
    "safetyplan.readers.docx",
    "safetyplan.readers.xml",
    "safetyplan.readers.json",
    "safetyplan.writers.xml",
    "safetyplan.writers.json",
    "safetyplan.writers.docx",
    "safetyplan.layouts.units",
    "safetyplan.layouts.tasktable",
)
"""Core modules registered as plugins, in order.  A module missing here is
simply skipped, so the list can name modules that later releases add."""

T = TypeVar("T")
R = TypeVar("R")


@attrs.frozen
class Registered(Generic[T]):
    """A reader, layout or writer with the plugin and distribution it came from."""

    obj: T
    plugin: str
    distribution: str
    version: str

    def call(self, what: str, fn: Callable[[], R]) -> R:
        """Run ``fn``; re-raise anything that is not a SafetyPlanError as a
        PluginError naming this plugin, so a broken third-party layout is
        reported as such and never as a crash of safetyplan."""
        try:
            return fn()
        except SafetyPlanError:
            raise
        except RecursionError as exc:
            raise PluginError(
                f"{what} in plugin {self.plugin!r} ({self.distribution} {self.version}) recursed too deeply",
                plugin=self.plugin,
                distribution=self.distribution,
            ) from exc
        except MemoryError as exc:
            raise PluginError(
                f"{what} in plugin {self.plugin!r} ({self.distribution} {self.version}) ran out of memory",
                plugin=self.plugin,
                distribution=self.distribution,
            ) from exc
        except Exception as exc:
            raise PluginError(
                f"{what} in plugin {self.plugin!r} ({self.distribution} {self.version}) failed: "
                f"{type(exc).__name__}: {exc}",
                plugin=self.plugin,
                distribution=self.distribution,
                hint="report this to the plugin's authors; run with --debug for the traceback",
            ) from exc


class Registry:
    """All installed plugins, loaded once per process (see :func:`get_registry`)."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self.readers: list[Registered[Reader]] = self._collect("safetyplan_readers")
        self.layouts: list[Registered[Layout]] = self._collect("safetyplan_layouts")
        self.writers: list[Registered[Writer]] = self._collect("safetyplan_writers")
        self._unit_aliases: tuple[tuple[str, str], ...] | None = None

    def _origin(self, plugin: object) -> tuple[str, str, str]:
        name = self.pm.get_name(plugin) or repr(plugin)
        for plug, dist in self.pm.list_plugin_distinfo():
            if plug is plugin:
                return name, dist.metadata["name"], dist.version
        return name, PROJECT, _own_version()

    def _collect(self, hook_name: str, check: Callable[[Any], Any] | None = None) -> list[Registered[T]]:
        """Every object the plugins' ``hook_name`` implementations return,
        each passed through ``check`` (which raises on a malformed one); a
        plugin that fails either way is a PluginError naming it."""
        out: list[Registered[T]] = []
        hook = getattr(self.pm.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):  # pluggy's call order: the latest registered first
            name, dist, version = self._origin(impl.plugin)
            entry = Registered[object](None, name, dist, version)
            items = entry.call(
                f"{hook_name}()",
                lambda impl=impl: [check(item) if check else item for item in impl.function() or ()],  # type: ignore[misc]
            )
            out.extend(Registered(obj, name, dist, version) for obj in items)
        return out

    # -- lookups -------------------------------------------------------------

    def layout(self, region: str) -> Registered[Layout]:
        """The layout answering to ``region`` (its name or an alias)."""
        key = region.strip().lower()
        for reg in self.layouts:
            names = {reg.obj.name.lower(), *(a.lower() for a in reg.obj.aliases)}
            if key in names:
                return reg
        known = ", ".join(sorted(self.region_names()))
        raise UnknownRegionError(
            f"no layout for region {region!r}",
            hint=f"installed: {known}" if known else "no layouts are installed",
        )

    def region_names(self) -> list[str]:
        names: list[str] = []
        for reg in self.layouts:
            names.append(reg.obj.name)
            names.extend(reg.obj.aliases)
        return names

    def reader_for(self, suffix: str, head: bytes, *, path: str | None = None) -> Registered[Reader]:
        """The reader for a file suffix; among several, the first that sniffs
        the content as its own, else the first registered."""
        suffix = suffix.lower()
        candidates = [r for r in self.readers if suffix in r.obj.suffixes]
        if not candidates:
            known = " ".join(sorted({s for r in self.readers for s in r.obj.suffixes}))
            raise UnknownFormatError(
                f"no reader for files ending in {suffix or '(no suffix)'!r}",
                path=path,
                hint=f"readable: {known}",
            )
        for reg in candidates:
            if reg.call("sniff", lambda reg=reg: reg.obj.sniff(head)):  # type: ignore[misc]
                return reg
        return candidates[0]

    def writer_for(self, fmt: str, kind: str | None = None) -> Registered[Writer]:
        """The writer for a format (``xml``, ``docx``) and optional kind."""
        fmt = fmt.lower().lstrip(".")
        of_format = [w for w in self.writers if w.obj.format == fmt]
        if not of_format:
            known = ", ".join(sorted({w.obj.format for w in self.writers}))
            raise UnknownFormatError(f"no writer for format {fmt!r}", hint=f"formats: {known}")
        if kind is None:
            for w in of_format:
                if w.obj.default or w.obj.kind is None:
                    return w
            return of_format[0]
        for w in of_format:
            if w.obj.kind == kind:
                return w
        kinds = ", ".join(sorted(str(w.obj.kind) for w in of_format))
        raise UnknownFormatError(f"no {fmt} writer of kind {kind!r}", hint=f"kinds: {kinds}")

    def unit_aliases(self) -> tuple[tuple[str, str], ...]:
        """Every ``(abbreviation, full form)`` the plugins declare, the latest
        registered plugin's first (so where two declare one abbreviation, a
        region's own reading wins over the built-in one): collected once,
        since grouping by unit asks for them once per unit name, and only
        when first asked for, so that a broken alias plugin fails grouping
        by unit and nothing else."""
        if self._unit_aliases is None:
            pairs: list[Registered[tuple[str, str]]] = self._collect("safetyplan_unit_aliases", _alias_pair)
            self._unit_aliases = tuple(p.obj for p in pairs)
        return self._unit_aliases


def _alias_pair(item: object) -> tuple[str, str]:
    """``item`` as an ``(abbreviation, full form)`` pair of names."""
    if isinstance(item, tuple | list) and len(item) == 2 and all(isinstance(name, str) for name in item):
        return (item[0], item[1])
    raise TypeError(f"a unit alias is a pair of names (abbreviation, full form), not {item!r:.80}")


def _own_version() -> str:
    try:
        return importlib.metadata.version(PROJECT)
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


def make_plugin_manager(extra: Iterable[object] = (), *, entry_points: bool = True) -> pluggy.PluginManager:
    """A plugin manager with the core plugins, the entry-point plugins and
    ``extra`` (objects or modules; tests use this to register a layout
    without installing a package)."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(HookSpecs)
    for modname in BUILTIN_PLUGINS:
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name == modname:
                continue
            raise
        pm.register(module, name=modname)
    if entry_points:
        try:
            pm.load_setuptools_entrypoints(PROJECT)
        except Exception as exc:
            raise _entry_point_failure(exc) from exc
    for plugin in extra:
        pm.register(plugin)
    return pm


def _entry_point_failure(exc: Exception) -> PluginError:
    """Name the installed plugin that failed to import, so a broken region
    package is reported as itself and never as a crash of safetyplan."""
    for ep in importlib.metadata.entry_points(group=PROJECT):
        try:
            ep.load()
        except Exception as failure:
            dist = ep.dist.metadata["name"] if ep.dist else "unknown distribution"
            version = ep.dist.version if ep.dist else "?"
            return PluginError(
                f"plugin {ep.name!r} ({dist} {version}) failed to load: {type(failure).__name__}: {failure}",
                plugin=ep.name,
                distribution=dist,
                hint="reinstall or uninstall that package; run with --debug for the traceback",
            )
    return PluginError(f"a plugin failed to load: {type(exc).__name__}: {exc}", plugin="?")


@functools.cache
def get_registry() -> Registry:
    """The process-wide registry, built on first use."""
    return Registry(make_plugin_manager())


__all__ = ["BUILTIN_PLUGINS", "Registered", "Registry", "get_registry", "make_plugin_manager"]
