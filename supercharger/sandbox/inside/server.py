"""The runner's protocol server: a pytest plugin whose collection hook serves units."""

from __future__ import annotations

import gc
import os
import traceback
from typing import IO

import pytest

from .counting import OutcomeCounter
from .guard import ForgeryGuard
from .measure import CoverageMeter
from .pipes import REPORT_FD
from .protocol import COVERAGE_ERROR, Message, ProtocolError, Ready, RunnerConfig, Unit, from_json
from .pycs import PycCache
from .scheduling import PAIR_DIR, run_group, run_pair
from .sweep import sandbox_pids, wipe


class ProtocolServer:
    """pytest plugin for the runner's one session: its collection hook serves units until the
    host closes the protocol; in a pair's child it steps aside so pytest collects that pair."""

    def __init__(
        self, cfg: RunnerConfig, counter: OutcomeCounter, proto_in: IO[str], proto_out: IO[str]
    ) -> None:
        self.cfg = cfg
        self.counter = counter
        self.proto_in, self.proto_out = proto_in, proto_out
        self.config = None
        self.session = None
        self.in_pair = False
        self.cache = PycCache()
        self.meter = CoverageMeter()
        self.oom_fd = cfg.oom_fd
        self.base: set[int] = set()  # the sandbox's processes before any pair

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection(self, session) -> bool | None:  # noqa: ANN001
        if self.in_pair:
            return None  # the pair's child: pytest's own collection of the pair's test file
        self.session, self.config = session, session.config
        self.counter.guard = ForgeryGuard(session.config.pluginmanager, globals())
        gc.collect()
        gc.freeze()  # children need not scan (and so copy) the runner's objects
        self.base = sandbox_pids() if self.cfg.pidns else set()
        self.send(Ready())
        for line in self.proto_in:
            unit = from_json(line)
            if not isinstance(unit, Unit):
                raise ProtocolError(f"expected a unit, got {unit.KIND!r}")
            self.serve(unit)
        return True

    def serve(self, unit: Unit) -> None:
        """One unit: pairs with the same code, in one group child where that is possible (more
        than one pair, a pid namespace to sweep in, a module name the runner has not
        imported), else each in a child of its own."""
        module, code, root = unit.module, unit.code, self.cfg.root
        pairs = [
            {"id": p.pair_id, "module": module, "code": code, "test": p.test, "cov": p.coverage}
            for p in unit.pairs
        ]
        if any(p.coverage for p in unit.pairs) and self.meter.load(os.path.join(root, PAIR_DIR)):
            gc.freeze()  # as at the start: children need not scan (and so copy) what it made
        grouped = self.cfg.pidns and not self.meter.shadows(module)
        at = 0
        while at < len(pairs):
            if grouped and len(pairs) - at > 1:
                at = run_group(pairs, at, self)
            else:
                self.send(run_pair(pairs[at], self))
                at += 1
            wipe(root)  # after the answer: the host need not wait for it

    def send(self, message: Message) -> None:
        self.proto_out.write(message.to_json() + "\n")
        self.proto_out.flush()

    def run_one(self, test_file: str, measure: str | None = None) -> None:
        """In a pair's child (or a group child, once per pair): what ``pytest.main`` does once
        its session has started (``_pytest.main.wrap_session``), for this test file only; with
        ``measure`` (the code file's path), its coverage from collection to the last test."""
        session, config = self.session, self.config
        self.in_pair = True
        self.counter.fd = REPORT_FD
        config.args = [test_file]
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.pytest_sessionstart(session)  # restarts its clock; prints nothing with -q
        cov = self.meter.start() if measure is not None else None
        try:
            config.hook.pytest_collection(session=session)
            config.hook.pytest_runtestloop(session=session)
            status = pytest.ExitCode.TESTS_FAILED if session.testsfailed else pytest.ExitCode.OK
        except session.Failed:
            status = pytest.ExitCode.TESTS_FAILED
        except (KeyboardInterrupt, pytest.exit.Exception):
            status = pytest.ExitCode.INTERRUPTED
            config.hook.pytest_keyboard_interrupt(excinfo=pytest.ExceptionInfo.from_current())
        except BaseException:  # whatever the pair raised: shown, never trusted
            status = pytest.ExitCode.INTERNAL_ERROR
            traceback.print_exc()
        if measure is not None:
            try:  # the figures never cost the report, whatever the pair patched
                self.counter.coverage = self.meter.figures(cov, measure)
            except BaseException:  # noqa: BLE001
                self.counter.coverage = {COVERAGE_ERROR: ["coverage failed"]}
        session.exitstatus = status
        config.hook.pytest_sessionfinish(session=session, exitstatus=status)
