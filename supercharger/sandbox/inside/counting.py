"""The counting pytest plugin: counts a pair's outcomes and writes its signed report."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from .signing import WRITE_FIXED, sign

if TYPE_CHECKING:
    from .guard import ForgeryGuard


class OutcomeCounter:
    """pytest plugin: counts outcomes via hooks and writes them once, at the end of the session
    (a group child's pair: keeps the signed report for its end-of-pair line)."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd  # None in the runner: only a pair's child reports
        self.key = b""  # the pair's report key, set in the child
        self.keep = False  # group child: keep the report in ``signed`` instead of writing it
        self.guard: ForgeryGuard | None = None  # taken in the warm session, before any pair
        self.reset()

    def reset(self) -> None:
        self.counts = {"collected": 0, "passed": 0, "failed": 0, "errors": 0, "skipped": 0}
        self.oom = False
        self.signed = b""
        self.raised: set[str] = set()  # tests whose call raised (they cannot have passed)
        self.forged = 0
        self.tampered: list[str] = []  # what the guard found changed (checked on a pass)
        self.coverage: dict = {}  # the pair's coverage figures, when it asked (``measure``)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):  # noqa: ANN001, ANN201
        """Sees the test function raise, whatever the report made of it later says."""
        try:
            return (yield)
        except BaseException:
            self.raised.add(item.nodeid)
            raise

    def pytest_collectreport(self, report) -> None:  # noqa: ANN001
        if report.failed:
            self.counts["errors"] += 1

    def pytest_collection_finish(self, session) -> None:  # noqa: ANN001
        self.counts["collected"] = len(session.items)

    def pytest_runtest_logreport(self, report) -> None:  # noqa: ANN001
        if report.when == "call":
            if report.passed and report.nodeid in self.raised:
                self.forged += 1  # a test that raised reported as passed
                self.counts["errors"] += 1
            elif report.passed and not hasattr(report, "wasxfail"):
                self.counts["passed"] += 1
            elif report.failed:
                self.counts["failed"] += 1
            else:
                self.counts["skipped"] += 1
        elif report.failed:
            self.counts["errors"] += 1
        elif report.skipped:
            self.counts["skipped"] += 1

    def pytest_exception_interact(self, node, call, report) -> None:  # noqa: ANN001
        if call.excinfo is not None and call.excinfo.errisinstance(MemoryError):
            self.oom = True

    def pytest_sessionfinish(self, session, exitstatus) -> None:  # noqa: ANN001
        if self.fd is None:
            return
        data = dict(self.counts, oom=self.oom, exitstatus=int(exitstatus))
        data.update(self.coverage)  # plain counts or one text, checked by ``CoverageMeter``
        counts = self.counts
        passing = counts["collected"] > 0 and counts["passed"] == counts["collected"]
        # Only a pass can be forged; the check reads ~1000 objects, which in a forked child
        # copies their pages (reference counts), so a pair that fails is not checked.
        if passing and self.guard is not None:
            self.tampered = self.guard.changed()
        if self.forged:
            self.tampered.append("a test that raised was reported as passed")
        if self.tampered:
            data["tampered"] = self.tampered[:8]
        if self.keep:
            self.signed = sign(data, self.key)
            return
        WRITE_FIXED(self.fd, sign(data, self.key))
        os.close(self.fd)
