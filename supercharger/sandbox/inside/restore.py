"""Putting a group child's interpreter back, after each pair, as it was right after the fork."""

from __future__ import annotations

import builtins
import collections
import gc
import importlib
import logging
import os
import resource
import signal
import sys
import warnings
from typing import TYPE_CHECKING

from .hardening import PAIR_RLIMITS

if TYPE_CHECKING:
    from .server import ProtocolServer

CONTAINERS = {dict, list, set, collections.deque, collections.defaultdict, collections.OrderedDict}


def copied(value: object, depth: int = 4) -> object:
    """A copy of the containers in ``value`` (dicts, lists, sets, deques, ``depth`` levels
    down); whatever else they hold is shared."""
    kind = type(value)
    if depth == 0 or kind not in CONTAINERS:
        return value
    if kind is list:
        return [copied(v, depth - 1) if type(v) in CONTAINERS else v for v in value]  # type: ignore[attr-defined]
    if kind is set:
        return set(value)  # type: ignore[call-overload]
    if kind is collections.deque:
        return collections.deque(value, value.maxlen)  # type: ignore[attr-defined]
    out = value.copy()  # type: ignore[attr-defined]
    for k, v in out.items():
        if type(v) in CONTAINERS:
            out[k] = copied(v, depth - 1)
    return out


def put_back(target: dict, saved: dict, depth: int = 0) -> None:
    """Make ``target`` hold exactly ``saved`` again (in place), with fresh copies of the
    containers in it ``depth`` levels down (``copied``)."""
    for key in [k for k in target if k not in saved]:
        del target[key]
    for key, value in saved.items():
        if depth and type(value) in CONTAINERS:
            target[key] = copied(value, depth)
        elif target.get(key, target) is not value:
            target[key] = value


class InterpreterSnapshot:
    """The group child's state before its first pair, which every pair starts from again: the
    pytest session's objects, ``sys`` (modules, import path and hooks, attributes, trace and
    profile functions, limits), builtins, environment, umask, signal handlers, mask and timers,
    warnings filters, logging, the random generator, the source-line caches. What is not put
    back (what a pair changed inside modules the runner had imported, in classes, in the
    interpreter) is listed in docs/sandbox.md; ``spoilt`` tells the runner to retire the child
    after a pair that left what it can see but not put back."""

    def __init__(self, server: ProtocolServer) -> None:
        config, session = server.config, server.session
        self.pm = config.pluginmanager
        self.counter = server.counter
        objects: list = [session, config, config.option]
        objects += [getattr(s, "_storage", None) for s in (config.stash, session.stash)]
        objects += [getattr(session, n, None) for n in ("_setupstate", "_fixturemanager")]
        objects.append(getattr(config, "_tmp_path_factory", None))
        objects.append(self.pm.get_plugin("terminalreporter"))
        objects.append(getattr(self.pm, "rewrite_hook", None))  # pytest's import hook
        # caches keyed by file name: the pair dir's files have the same names in every pair
        linecache, inspect = sys.modules.get("linecache"), sys.modules.get("inspect")
        objects.append(getattr(linecache, "cache", None))
        objects += [getattr(inspect, n, None) for n in ("modulesbyfile", "_filesbymodname")]
        dicts = [o if isinstance(o, dict) else getattr(o, "__dict__", None) for o in objects]
        saved = [(d, copied(d)) for d in dicts if isinstance(d, dict)]
        self.dicts = [(d, copy) for d, copy in saved if isinstance(copy, dict)]  # all of them
        self.sys = dict(vars(sys))  # hooks, sys.last_* (a failure's traceback), std streams
        self.trace = sys.gettrace(), sys.getprofile()
        self.switch = sys.getswitchinterval()
        digits = getattr(sys, "get_int_max_str_digits", None)
        self.digits = digits() if digits is not None else None
        self.sigmask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        self.modules = dict(sys.modules)
        self.path = list(sys.path)
        self.meta_path = list(sys.meta_path)
        self.path_hooks = list(sys.path_hooks)
        self.importers = dict(sys.path_importer_cache)
        self.builtins = dict(builtins.__dict__)
        self.environ = dict(os.environ)
        self.umask = os.umask(0o077)
        os.umask(self.umask)
        self.recursion = sys.getrecursionlimit()
        self.signals = {}
        for sig in signal.valid_signals():
            try:
                handler = signal.getsignal(sig)
            except (ValueError, OSError):
                continue
            if handler is not None:
                self.signals[sig] = handler
        self.warnings = list(warnings.filters)
        root = logging.getLogger()
        self.logging = (root.level, list(root.handlers), logging.root.manager.disable)
        self.loggers = dict(logging.root.manager.loggerDict)
        self.gc = gc.isenabled()
        self.limits = {r: resource.getrlimit(r) for r in PAIR_RLIMITS}
        self.plugins = self.plugin_ids()
        self.fds = len(os.listdir("/proc/self/fd"))

    def plugin_ids(self) -> list[tuple[str, int]]:
        return [(name, id(plugin)) for name, plugin in self.pm.list_name_plugin()]

    def restore(self) -> None:
        put_back(vars(sys), self.sys)  # type: ignore[arg-type]
        sys.settrace(self.trace[0])
        sys.setprofile(self.trace[1])
        sys.setswitchinterval(self.switch)
        if self.digits is not None:
            sys.set_int_max_str_digits(self.digits)
        put_back(sys.modules, self.modules)
        sys.path[:] = self.path
        sys.meta_path[:] = self.meta_path
        sys.path_hooks[:] = self.path_hooks
        put_back(sys.path_importer_cache, self.importers)
        importlib.invalidate_caches()  # the pair dir's listing is a new one
        put_back(builtins.__dict__, self.builtins)
        if dict(os.environ) != self.environ:
            os.environ.clear()
            os.environ.update(self.environ)
        os.umask(self.umask)
        sys.setrecursionlimit(self.recursion)
        signal.pthread_sigmask(signal.SIG_SETMASK, self.sigmask)
        signal.alarm(0)
        for timer in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
            signal.setitimer(timer, 0)
        for sig, handler in self.signals.items():
            if signal.getsignal(sig) is not handler:
                try:
                    signal.signal(sig, handler)
                except (ValueError, OSError, TypeError):
                    pass
        warnings.filters[:] = self.warnings
        mutated = getattr(warnings, "_filters_mutated", None)
        if mutated is not None:
            mutated()
        root = logging.getLogger()
        root.setLevel(self.logging[0])
        root.handlers[:] = self.logging[1]
        logging.disable(self.logging[2])
        put_back(logging.root.manager.loggerDict, self.loggers)
        if self.gc:
            gc.enable()
        random = sys.modules.get("random")
        if random is not None:
            random.seed()  # type: ignore[attr-defined]
        for target, saved in self.dicts:
            put_back(target, saved, 3)

    def spoilt(self) -> bool:
        """Whether the pair left what no restore undoes: a thread, lower rlimits, a plugin, open
        files (an fd limit the next pair would hit)."""
        try:
            if len(os.listdir("/proc/self/task")) != 1:
                return True
            if len(os.listdir("/proc/self/fd")) > self.fds:
                return True
        except OSError:
            return True
        if any(resource.getrlimit(r) != v for r, v in self.limits.items()):
            return True
        if self.counter.tampered:  # pytest's own code patched: not put back
            return True
        return self.plugin_ids() != self.plugins
