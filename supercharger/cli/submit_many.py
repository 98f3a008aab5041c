"""``submit a.spec b.spec ...`` / ``submit DIR``: every job at once on one cluster, one live
line per job, each job's files written as it finishes; exit 0 only when every job passed."""

from __future__ import annotations

import json
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.text import Text

from supercharger.errors import SpecError
from supercharger.records import JobStatus
from supercharger.settings import Settings
from supercharger.spec import Spec, load_spec
from supercharger.tasks import client
from supercharger.tasks.store import JobStore

DEADLINE_GRACE_S = 30.0
PLAIN_EVERY_S = 5.0  # logs and CI: a job's changed line at most this often


def spec_files(paths: list[Path]) -> list[Path]:
    """The spec files named: a folder stands for every ``*.spec`` in it (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.spec") if p.is_file())
            if not found:
                raise SpecError(f"{path}: no *.spec files in this folder")
            files += found
        else:
            files.append(path)
    return files


def load_specs(paths: list[Path]) -> list[Spec]:
    """Every spec parsed before anything starts; two specs of one function are refused (their
    files would land in the same folder)."""
    specs = [load_spec(p) for p in spec_files(paths)]
    seen: dict[str, str] = {}
    for spec in specs:
        if spec.name in seen:
            raise SpecError(
                f"{spec.source}: function {spec.name} is also written by {seen[spec.name]}"
            )
        seen[spec.name] = spec.source
    return specs


@dataclass
class JobLine:
    """One job followed on the screen."""

    spec: Spec
    job_id: str
    prog: client.Progress
    last: str = "0"
    cancelled: bool = False
    report: dict[str, Any] | None = None
    shown: str = ""
    shown_at: float = field(default=0.0)

    def text(self, width: int) -> str:
        if self.report is not None:
            r = self.report
            where = r["paths"].get("code", r["paths"]["folder"])
            return f"{self.spec.name:<{width}} {r['status']}: {r['reason']} | {where}"
        return f"{self.spec.name:<{width}} {self.prog.line()}"


class Fleet:
    """Jobs submitted together and followed with one read of all their event streams."""

    def __init__(self, store: JobStore, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self.jobs: list[JobLine] = []

    def submit(self, specs: list[Spec]) -> None:
        for spec in specs:
            job_id = client.submit(self.store, spec, self.settings)
            prog = client.Progress(started=self.store.meta(job_id)["created"])
            self.jobs.append(JobLine(spec, job_id, prog))

    def running(self) -> list[JobLine]:
        return [j for j in self.jobs if j.report is None]

    def step(self, block_ms: int = 500) -> None:
        """Fold new events in, enforce deadlines, write out the jobs that finished."""
        from supercharger.tasks.report import write_outputs

        by_id = {j.job_id: j for j in self.running()}
        for job_id, eid, kind, data in self.store.events_of(
            {j: line.last for j, line in by_id.items()}, block_ms
        ):
            by_id[job_id].last = eid
            by_id[job_id].prog.apply(kind, data)
        deadline = self.settings.budget_seconds + DEADLINE_GRACE_S
        for line in by_id.values():
            if line.prog.status is not JobStatus.RUNNING:
                line.report = write_outputs(self.store, line.job_id, self.settings.output_dir)
            else:
                line.cancelled = client.enforce_deadline(
                    self.store, line.job_id, line.prog, deadline, line.cancelled
                )

    def cancel_running(self) -> None:
        for line in self.running():
            client.cancel(self.store, line.job_id)

    def lines(self) -> list[str]:
        width = max(len(j.spec.name) for j in self.jobs)
        return [j.text(width) for j in self.jobs]


def _follow(fleet: Fleet, console: Console, check: Any) -> None:
    if console.is_terminal:
        with Live(console=console, refresh_per_second=4, transient=False) as live:
            while fleet.running():
                fleet.step()
                live.update(Group(*(Text(s) for s in fleet.lines())))
                check()
        return
    while fleet.running():  # logs and CI: a job's line when it changed, at most every 5 s
        fleet.step()
        for job, text in zip(fleet.jobs, fleet.lines(), strict=True):
            changed = text.rsplit("|", 1)[0] != job.shown
            due = job.report is not None or time.monotonic() - job.shown_at >= PLAIN_EVERY_S
            if changed and due:
                console.print(text, highlight=False, soft_wrap=True)
                job.shown, job.shown_at = text.rsplit("|", 1)[0], time.monotonic()
        check()


def _summary(fleet: Fleet) -> dict[str, Any]:
    from supercharger.cli.submit import summary

    reports = [j.report for j in fleet.jobs if j.report is not None]
    passed = sum(1 for r in reports if r["status"] == JobStatus.PASSED)
    return {"jobs": [summary(r) for r in reports], "passed": passed, "total": len(fleet.jobs)}


def run_many(specs: list[Spec], settings: Settings, as_json: bool, detach: bool) -> int:
    """Run every spec's job at once; 0 when every job passed, 1 otherwise."""
    from supercharger.cli.submit import (
        _check_sandbox_settings,
        _sigterm_as_interrupt,
        _start_local,
    )

    _sigterm_as_interrupt()
    _check_sandbox_settings(settings)
    console = Console(stderr=True, quiet=as_json)
    with ExitStack() as stack:
        check: Any = lambda: None  # noqa: E731
        broker_url = settings.broker_url
        if not broker_url:
            broker_url, check = _start_local(stack, settings, console)
        fleet = Fleet(client.connect(broker_url), settings)
        try:
            fleet.submit(specs)
            if detach:
                ids = [{"spec": j.spec.source, "job": j.job_id} for j in fleet.jobs]
                print(json.dumps({"jobs": ids}) if as_json else "\n".join(i["job"] for i in ids))
                return 0
            console.print(f"{len(specs)} jobs on one cluster", highlight=False)
            _follow(fleet, console, check)
        except KeyboardInterrupt:
            fleet.cancel_running()
            raise
    doc = _summary(fleet)
    if as_json:
        print(json.dumps(doc))
    else:
        console.print(f"[bold]{doc['passed']} of {doc['total']} jobs passed[/bold]")
    return 0 if doc["passed"] == doc["total"] else 1
