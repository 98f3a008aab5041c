"""The forgery guard: what a pair could patch to forge its own verdict, noted in the warm
session before any pair's code runs, and compared at the end of a pair that would pass."""

from __future__ import annotations

import importlib
import sys

# What a pair could patch to forge its own verdict (see ``ForgeryGuard``): pytest's running and
# reporting code, pluggy's hook calls, the builtins ``OutcomeCounter`` counts with. (What writes and
# signs the report uses nothing a pair can patch: see ``sign``.)
GUARDED_MODULES = (
    "_pytest.runner",
    "_pytest.reports",
    "_pytest.python",
    "_pytest.main",
    "_pytest.nodes",
    "_pytest.skipping",
    "_pytest.outcomes",
    "_pytest.unittest",
    "pluggy._callers",
    "pluggy._hooks",
    "pluggy._manager",
    "pluggy._result",
)
GUARDED_NAMES = {
    "builtins": (
        "bool",
        "bytes",
        "dict",
        "getattr",
        "hasattr",
        "int",
        "isinstance",
        "len",
        "str",
        "type",
    ),
}


class ForgeryGuard:
    """Forgery check: a pair that patches pytest or pluggy (a report's outcome, ``runtest``,
    ``CallInfo``, a function's ``__code__``, an extra hook implementation or plugin) could make
    a failing test pass. Taken in the warm session, before any pair's code runs: the functions,
    classes, methods and code objects of ``GUARDED_MODULES`` (and ``GUARDED_NAMES``), the
    runner's own code, the registered plugins and each hook's implementations. ``changed``
    names what is no longer the same object; such a pair's verdict is ERROR. Code that finds and
    rewrites this guard itself is not stopped (see docs/sandbox.md, "In-process forgery")."""

    def __init__(self, pm, extra: dict) -> None:  # noqa: ANN001
        self.pm = pm
        self.entries: list[tuple[dict, str, object]] = []  # (namespace, name, what it held)
        self.codes: list[tuple[object, object]] = []  # (function, the code object it ran)
        for modname in GUARDED_MODULES:
            try:
                module = sys.modules.get(modname) or importlib.import_module(modname)
            except ImportError:  # e.g. no _hashlib (no OpenSSL): nothing of it to patch
                continue
            self._namespace(vars(module), modname)
        for modname, names in GUARDED_NAMES.items():
            space = vars(sys.modules[modname])
            for name in names:
                if name in space:
                    self._add(space, name, space[name])
        self._namespace(extra, extra.get("__name__", "__main__"))
        self.plugins = self._plugins()
        self.hooks = self._hooks()
        self.inner = getattr(pm, "_inner_hookexec", None)

    def _namespace(self, space: dict, modname: str) -> None:
        """Every callable a module (or the runner) holds, and the members of its own classes."""
        for name, value in list(space.items()):
            if not callable(value):
                continue
            self._add(space, name, value)
            if isinstance(value, type) and value.__module__ == modname:
                for attr, member in list(vars(value).items()):
                    if callable(member) or isinstance(
                        member, (classmethod, staticmethod, property)
                    ):
                        self._add(vars(value), attr, member)

    def _add(self, space: dict, name: str, value: object) -> None:
        self.entries.append((space, name, value))
        if isinstance(value, property):
            parts: tuple = (value.fget, value.fset, value.fdel)
        else:
            parts = (getattr(value, "__func__", value),)
        for part in parts:
            code = getattr(part, "__code__", None)
            if code is not None:
                self.codes.append((part, code))

    def _plugins(self) -> list[int]:
        return [id(plugin) for plugin in self.pm.get_plugins()]

    def _hooks(self) -> dict[str, list[int]]:
        return {
            name: [id(impl) for impl in caller.get_hookimpls()]
            for name, caller in vars(self.pm.hook).items()
            if hasattr(caller, "get_hookimpls")
        }

    def changed(self) -> list[str]:
        """What a pair changed of what it could forge a verdict with (empty: nothing)."""
        out = [name for space, name, value in self.entries if space.get(name) is not value]
        out += [getattr(f, "__qualname__", "?") for f, code in self.codes if f.__code__ is not code]
        if self._plugins() != self.plugins:
            out.append("plugins")
        if self._hooks() != self.hooks:
            out.append("hook implementations")
        if getattr(self.pm, "_inner_hookexec", None) is not self.inner:
            out.append("_inner_hookexec")
        return out
