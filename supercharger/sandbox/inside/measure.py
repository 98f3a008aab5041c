"""Line and branch coverage of a pair's code file by its test file (coverage.py), for a pair that
asks: measured in the pair's own process, from before its collection (the code module's import
counts) to the end of its tests, with no data file; the counts go into the pair's signed report.

Advisory: the measured code runs in the process that measures it, so it can stop the tracer,
patch coverage.py or change what it recorded. Whatever it does, the figures are checked to be
plain counts before they are signed, and a failure here costs the figures, never the report.
"""

from __future__ import annotations

import os
import sys
import warnings

from .protocol import COVERAGE_ERROR, COVERAGE_KEYS

# as they were at the runner's start: a pair may replace the builtins or ``sys.settrace``; the
# texts of ``COVERAGE_ERROR`` keep to what a report's names may hold (``signing._SAFE``)
_TYPE, _INT, _SETTRACE = type, int, sys.settrace
FIGURE_MAX = 1 << 30
WARM_CODE = "def f(x):\n    if x:\n        return 1\n    return 2\n\nf(1)\n"
WARM_FIGURES = (5, 4, 2, 1)  # what coverage.py must find of WARM_CODE to be used at all


class CoverageMeter:
    """coverage.py for the pairs that ask. The runner imports it when the first unit that asks
    comes (or at boot, ``RunnerConfig.coverage``; a runner whose pairs never ask never imports
    it), makes ONE measurement object for every file of the pair dir and checks it on a small
    file of its own, so that a pair's child, forked afterwards, only starts and stops it
    (making one costs ~3 ms) and imports nothing of coverage.py itself (a group child would drop
    such imports after every pair). Only the code file's figures are reported."""

    def __init__(self) -> None:
        self.cov = None  # the coverage.Coverage, once made
        self.error = ""  # why coverage cannot be measured by this runner
        self.added: frozenset[str] = frozenset()  # the modules loading it imported
        self.popped: dict = {}  # of those, what ``unshadow`` took out of ``sys.modules``

    def shadows(self, module: str) -> bool:
        """Whether the runner has imported a module of that name, not counting what only
        coverage.py needed (``sqlite3``, ``pickle``, ``coverage``: a pair's code may have such a
        name, and its verdict must not depend on whether coverage.py was loaded)."""
        return module in sys.modules and module not in self.added

    def unshadow(self, module: str) -> None:
        """In a pair's process, before its code runs: forget what only coverage.py imported
        under the code module's name, so that the pair imports its own file, as it would in a
        runner that never loaded coverage.py (coverage.py keeps its own references)."""
        for name in [n for n in self.added if n == module or n.startswith(module + ".")]:
            if name in sys.modules:
                self.popped[name] = sys.modules.pop(name)

    def load(self, pair_dir: str) -> bool:
        """In the runner: import coverage.py and check it on a file of its own in ``pair_dir``.
        Returns whether it did anything now (it does so once)."""
        if self.cov is not None or self.error:
            return False
        before = set(sys.modules)
        try:
            self._load(pair_dir)
        finally:
            self.added = frozenset(set(sys.modules) - before)
        return True

    def _load(self, pair_dir: str) -> None:
        try:
            import coverage
        except ImportError as e:
            self.error = f"coverage unavailable, coverage.py cannot be imported ({e})"
            return
        made = not os.path.isdir(pair_dir)
        path = os.path.join(pair_dir, "sc_cov_warm.py")
        try:
            os.makedirs(pair_dir, 0o700, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(WARM_CODE)
            self.cov = coverage.Coverage(
                data_file=None,  # in memory only: nothing is written anywhere
                config_file=False,  # no .coveragerc, setup.cfg or pyproject.toml is read
                branch=True,
                include=[os.path.join(pair_dir, "*")],
                messages=False,
            )
            began = self.start()
            try:
                exec(compile(WARM_CODE, path, "exec"), {"__name__": "sc_cov_warm"})
            finally:
                figures = self.figures(began, path)
            if figures != dict(zip(COVERAGE_KEYS, WARM_FIGURES, strict=True)):
                self.cov = None
                why = figures.get(COVERAGE_ERROR, ["wrong figures on a known file"])[0]
                self.error = f"coverage unavailable, {why}"
            else:
                _decide_ahead(self.cov)
        except Exception as e:  # noqa: BLE001
            self.cov = None
            self.error = f"coverage unavailable, {type(e).__name__} ({e})"
        finally:
            for undo in (lambda: os.unlink(path), lambda: made and os.rmdir(pair_dir)):
                try:
                    undo()
                except OSError:
                    pass

    def start(self) -> object:
        """In a pair's process: start measuring. Returns what ``figures`` takes: the running
        measurement, or the text of why there is none."""
        if self.cov is None:
            return self.error or "coverage unavailable"
        try:
            self.cov.start()  # type: ignore[attr-defined]
        except Exception as e:  # noqa: BLE001
            return f"coverage failed to start ({type(e).__name__})"
        return self.cov

    def figures(self, cov: object, path: str) -> dict:
        """Stop measuring; the figures of ``path`` (the code file) for the report
        (``COVERAGE_KEYS``), or ``COVERAGE_ERROR`` with why there are none. The measurement
        is emptied for the next pair."""
        if isinstance(cov, str):
            return {COVERAGE_ERROR: [cov]}
        theirs: dict = {}
        try:
            theirs = {name: sys.modules.get(name) for name in self.popped}
            sys.modules.update(self.popped)  # coverage.py's own, for its imports as it reports
            cov.stop()  # type: ignore[attr-defined]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "no data was collected" and the like
                _, statements, _, missing, _ = cov.analysis2(path)  # type: ignore[attr-defined]
                exits = list(cov.branch_stats(path).values())  # type: ignore[attr-defined]
            figures = (
                len(statements),
                len(statements) - len(missing),
                sum(total for total, _ in exits),
                sum(taken for _, taken in exits),
            )
        except BaseException as e:  # noqa: BLE001 - whatever a pair made of coverage.py
            return {COVERAGE_ERROR: [f"coverage failed ({_TYPE(e).__name__})"]}
        finally:
            _stop_tracing(cov)
            _put_back(theirs)
        if not all(_TYPE(n) is _INT and 0 <= n < FIGURE_MAX for n in figures):
            return {COVERAGE_ERROR: ["coverage figures garbled"]}
        lines, lines_covered, branches, branches_covered = figures
        if lines_covered > lines or branches_covered > branches:
            return {COVERAGE_ERROR: ["coverage figures garbled"]}
        return dict(zip(COVERAGE_KEYS, figures, strict=True))


def _decide_ahead(cov: object) -> None:
    """Speed only: decide now, in the runner, for every module it has imported, that its file
    is not measured, so that a pair's child (forked from here) does not decide again for every
    file of pytest it meets (~30 us each). Uses coverage.py's internals; without them (another
    version), the children decide as they go."""
    try:
        cache = cov._collector.should_trace_cache  # type: ignore[attr-defined]
        decide = cov._should_trace  # type: ignore[attr-defined]
        for module in list(sys.modules.values()):
            path = getattr(module, "__file__", None)
            if isinstance(path, str) and path.endswith(".py") and path not in cache:
                cache[path] = decide(path, None)
    except Exception:  # noqa: BLE001, S110
        pass


def _stop_tracing(cov: object) -> None:
    """Leave no tracer, no coverage.py stack and no data behind, however the pair left them (a
    group child's next pair starts the same measurement again)."""
    try:
        _SETTRACE(None)
        threading = sys.modules.get("threading")
        if threading is not None:
            threading.settrace(None)
        collector = sys.modules.get("coverage.collector")
        if collector is not None:
            del collector.Collector._collectors[:]
        del _TYPE(cov)._instances[:]
    except BaseException:  # noqa: BLE001, S110
        pass
    try:
        cov.get_data().erase()  # type: ignore[attr-defined]
    except BaseException:  # noqa: BLE001, S110
        pass


def _put_back(modules: dict) -> None:
    """The pair's own entries of ``sys.modules`` again (None: it had none)."""
    try:
        for name, module in modules.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    except BaseException:  # noqa: BLE001, S110
        pass
