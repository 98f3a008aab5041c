"""`submit` from start to files: embedded cluster if needed, live progress, outputs, exit code."""

from __future__ import annotations

import json
import signal
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.syntax import Syntax

from supercharger.records import JobStatus
from supercharger.settings import Settings
from supercharger.spec import Spec
from supercharger.tasks import client
from supercharger.tasks.store import JobStore

DEADLINE_GRACE_S = 30.0


def _start_local(stack: ExitStack, settings: Settings, console: Console) -> tuple[str, Any]:
    from supercharger.cluster.local import LocalCluster

    log_dir = settings.data_dir / "logs" / time.strftime("%Y%m%d-%H%M%S")
    cluster = LocalCluster(
        log_dir=log_dir,
        sandbox_concurrency=settings.sandbox_concurrency,
        on_status=lambda msg: console.print(f"[dim]{msg}...[/dim]"),
    )
    stack.enter_context(cluster)
    return cluster.broker_url, cluster.check_alive


def _follow(store: JobStore, job_id: str, settings: Settings, console: Console, check: Any) -> Any:
    deadline = settings.budget_seconds + DEADLINE_GRACE_S
    if console.is_terminal:
        with Live(console=console, refresh_per_second=4, transient=False) as live:
            return client.follow(store, job_id, lambda p: live.update(p.line()), deadline, check)
    state = {"line": "", "t": 0.0}

    def plain(p: client.Progress) -> None:  # logs and CI: a line when something changed, <= 1/5s
        line = p.line().rsplit("|", 1)[0]
        if line != state["line"] and time.monotonic() - state["t"] >= 5:
            console.print(p.line(), highlight=False)
            state.update(line=line, t=time.monotonic())

    return client.follow(store, job_id, plain, deadline, check)


def _show(console: Console, report: dict[str, Any]) -> None:
    paths = report["paths"]
    for key in ("code", "test"):
        if key in paths:
            console.rule(paths[key])
            console.print(Syntax(Path(paths[key]).read_text(), "python", line_numbers=False))
    delivered = report["delivered"]
    if delivered and not delivered["verified"]:
        console.print(
            f"[yellow]unverified[/yellow]: {paths['code']} is the top-ranked code "
            f"({delivered['code']}), which passed no test",
            highlight=False,
        )
    score = "-" if report["score"] is None else f"{report['score']:.2f}"
    threshold = "off" if report["threshold"] is None else report["threshold"]
    t = report["timings"]
    console.print(
        f"[bold]{report['status']}[/bold]: {report['reason']} | judge score {score} "
        f"(threshold {threshold}) | wall {t['wall_seconds']:.1f}s, "
        f"LLM {t['llm_seconds']:.1f}s | report {paths['report']}",
        highlight=False,
    )


def summary(report: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "job",
        "function",
        "status",
        "reason",
        "score",
        "threshold",
        "threshold_source",
        "best",
        "delivered",
        "paths",
    )
    return {k: report[k] for k in keys} | {"timings": report["timings"], "tokens": report["tokens"]}


def _sigterm_as_interrupt() -> None:
    """A `kill` of submit cleans up like Ctrl-C: cancel the job, stop what it started."""

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def _check_sandbox_settings(settings: Settings) -> None:
    """A sandbox backend that cannot be built fails here, in one line, not in every pair later.
    Its name and options were checked with the settings; building it checks the rest (the
    docker backend refuses root) and starts nothing."""
    from supercharger.sandbox import get_backend

    get_backend(settings.sandbox_backend, **settings.sandbox_kwargs())


def check_requirements(spec: Spec, settings: Settings, console: Console) -> None:
    """The spec's package environment, built on this node now (or found in its cache): bad
    requirements end the command in one line (RequirementsError) before any model time."""
    if spec.requirements:
        env = settings.environment_store().get(spec.requirements)
        console.print(f"[dim]environment ready: {env.describe()}[/dim]", highlight=False)


def run_submit(spec: Spec, settings: Settings, as_json: bool, detach: bool) -> int:
    """Run one job to its end and write its files; 0 when a judged pair passed, 1 otherwise."""
    from supercharger.tasks.report import write_outputs

    _sigterm_as_interrupt()
    _check_sandbox_settings(settings)
    console = Console(stderr=True, quiet=as_json)
    check_requirements(spec, settings, console)
    with ExitStack() as stack:
        check: Any = lambda: None  # noqa: E731
        broker_url = settings.broker_url
        if not broker_url:
            broker_url, check = _start_local(stack, settings, console)
        store = client.connect(broker_url)
        job_id = client.submit(store, spec, settings)
        if detach:
            print(json.dumps({"job": job_id}) if as_json else job_id)
            return 0
        console.print(f"job {job_id}: {spec.name} from {spec.source}")
        try:
            prog = _follow(store, job_id, settings, console, check)
        except KeyboardInterrupt:
            client.cancel(store, job_id)
            raise
        for err in dict.fromkeys(prog.errors[:20]):  # the distinct first ones
            console.print(f"[yellow]step failed[/yellow] {err}", highlight=False)
        report = write_outputs(store, job_id, settings.output_dir)
    if as_json:
        print(json.dumps(summary(report)))
    else:
        _show(console, report)
    return 0 if report["status"] == JobStatus.PASSED else 1
