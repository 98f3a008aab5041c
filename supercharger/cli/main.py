"""Command line: submit | up | down | status | result | cancel | jobs | worker | workers | eval |
sandbox.

Heavy imports (Celery, torch) happen inside commands so ``supercharger --help`` stays fast.
Every user error is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import typer
from pydantic import ValidationError

from supercharger.errors import BrokerError, ConfigError, SuperchargerError, UserError, one_line

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Generate a function and its pytest tests with a local LLM; keep the pair that passes.",
)
sandbox_app = typer.Typer(no_args_is_help=True, help="Run code x test matrices in the sandbox.")
app.add_typer(sandbox_app, name="sandbox")

EXIT_NO_PASS = 1


def _settings(**overrides: Any) -> Any:
    from supercharger.settings import Settings, get_settings

    base = get_settings()
    given = {k: v for k, v in overrides.items() if v is not None}
    if not given:
        return _with_up_cluster(base)
    try:  # only what was set, so that another backend's name meets no other's options
        settings = Settings.model_validate(base.model_dump(exclude_unset=True) | given)
    except ValidationError as e:
        raise ConfigError(one_line(e, _flag)) from None
    return _with_up_cluster(settings)


def _with_up_cluster(settings: Any) -> Any:
    """A configured broker wins; else the cluster `supercharger up` started, if one runs."""
    if settings.broker_url:
        return settings
    from supercharger.cluster.state import live_state

    state = live_state(settings.data_dir)
    if state is None:
        return settings
    return settings.model_copy(update={"broker_url": state.broker_url})


def _flag(field: str) -> str:
    """The command-line option that sets ``field``."""
    return "--" + field.replace("_", "-") if field else "option"


def _store(settings: Any) -> Any:
    from supercharger.tasks.redisconn import check_reachable, get_redis
    from supercharger.tasks.store import JobStore

    if not settings.broker_url:
        raise UserError("this command needs a cluster: set SUPERCHARGER_BROKER_URL")
    client = get_redis(settings.broker_url)
    check_reachable(client, settings.broker_url)
    return JobStore(client)


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


@app.command()
def submit(
    spec_files: list[Path] = typer.Argument(
        ..., help="spec files (a comment and a function signature each), or folders of *.spec"
    ),
    as_json: bool = typer.Option(False, "--json", help="print one JSON summary, no progress"),
    detach: bool = typer.Option(False, "--detach", help="enqueue, print the job id, return"),
    threshold: float | None = typer.Option(None, help="judge score needed to stop [0..1]"),
    max_candidates: int | None = typer.Option(None, help="code (and test) candidates budget"),
    budget_seconds: float | None = typer.Option(None, help="wall-clock budget in seconds"),
    output_dir: Path | None = typer.Option(None, help="where results go (default sources/)"),
) -> None:
    """Generate code and tests for each spec until a judged pair passes or the budget ends.

    Several specs (or a folder) run at once on one cluster; exit 0 only when every job passed.
    """
    from supercharger.cli.submit_many import load_specs

    specs = load_specs(spec_files)  # bad input fails here, before anything starts
    settings = _settings(
        threshold=threshold,
        max_candidates=max_candidates,
        budget_seconds=budget_seconds,
        output_dir=output_dir,
    )
    if detach and not settings.broker_url:
        raise UserError(
            "--detach needs a cluster (SUPERCHARGER_BROKER_URL); the embedded one "
            "stops when submit returns"
        )
    if len(spec_files) == 1 and not spec_files[0].is_dir():
        from supercharger.cli.submit import run_submit

        raise typer.Exit(run_submit(specs[0], settings, as_json=as_json, detach=detach))
    from supercharger.cli.submit_many import run_many

    raise typer.Exit(run_many(specs, settings, as_json=as_json, detach=detach))


@app.command()
def up(
    flower: bool = typer.Option(False, "--flower", help="also start Flower (basic auth)"),
    flower_port: int = typer.Option(5555, help="Flower's port on 127.0.0.1"),
) -> None:
    """Start a local cluster that stays up (Redis, workers); later commands find it."""
    from supercharger.cli.submit import _sigterm_as_interrupt
    from supercharger.cluster.warm import up as start
    from supercharger.settings import get_settings

    _sigterm_as_interrupt()
    state = start(get_settings(), flower_port if flower else 0, lambda m: _err(f"{m}..."))
    typer.echo(f"cluster up: socket {state.socket}, logs {state.log_dir}")
    if state.flower_url:
        typer.echo(f"flower: {state.flower_url}")


@app.command()
def down() -> None:
    """Stop the cluster `supercharger up` started; nothing of it is left running."""
    from supercharger.cluster.warm import down as stop
    from supercharger.settings import get_settings

    typer.echo(stop(get_settings().data_dir))


@app.command()
def status(job_id: str, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show a job's state and counters."""
    from supercharger.tasks.report import build_report

    report = build_report(_store(_settings()), job_id)
    keys = ("job", "function", "status", "reason", "waiting", "best", "score")
    summary = {k: report[k] for k in keys}
    from supercharger.records import CandidateKind
    from supercharger.sandbox.base import Status

    stubs = {c["id"] for c in report["candidates"] if c["kind"] == CandidateKind.STUB}
    matrix = [m for m in report["matrix"] if m["code"] not in stubs]
    summary["candidates"] = len(report["candidates"]) - len(stubs)
    summary["pairs_run"] = len(matrix)
    summary["pairs_passed"] = sum(1 for m in matrix if m["status"] == Status.PASSED)
    summary["blind_tests"] = len(report["blind_tests"])
    summary["examples"] = report["examples"]
    summary["timings"] = report["timings"]
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        for k, v in summary.items():
            typer.echo(f"{k:>13}: {v}")


@app.command()
def result(
    job_id: str,
    output_dir: Path | None = typer.Option(None, help="where results go (default sources/)"),
) -> None:
    """Write a job's files (best pair, candidates, report.json) and print where they are."""
    from supercharger.tasks.report import write_outputs

    settings = _settings(output_dir=output_dir)
    report = write_outputs(_store(settings), job_id, settings.output_dir)
    typer.echo(json.dumps({"status": report["status"], "paths": report["paths"]}))


@app.command()
def cancel(job_id: str) -> None:
    """Stop a running job; its outstanding tasks are revoked."""
    from supercharger.tasks.client import cancel as cancel_job

    cancel_job(_store(_settings()), job_id)
    typer.echo(f"cancel requested for {job_id}")


@app.command()
def jobs(limit: int = typer.Option(20, help="how many, newest first")) -> None:
    """List recent jobs on the cluster."""
    store = _store(_settings())
    for jid in store.job_ids(limit):
        meta = store.meta(jid)
        typer.echo(f"{jid}  {meta['status'].value:<10} {meta['spec'].name}")


@app.command()
def worker(
    role: str = typer.Argument(..., help="llm | sandbox | control"),
    concurrency: int | None = typer.Option(None, help="processes (sandbox) or threads"),
    name: str | None = typer.Option(None, help="worker name (default role@host)"),
    gpus: str | None = typer.Option(None, help="GPUs this llm worker uses, e.g. 0,1"),
    roles: str | None = typer.Option(
        None, help="llm: only these routed roles, e.g. judge,score (SUPERCHARGER_ROUTED_ROLES)"
    ),
    loglevel: str = typer.Option("warning", help="Celery log level"),
) -> None:
    """Start one Celery worker serving ROLE's queue against SUPERCHARGER_BROKER_URL."""
    from supercharger.cluster.launch import run_worker

    run_worker(role, concurrency, name, gpus, loglevel, roles)


@app.command()
def workers(as_json: bool = typer.Option(False, "--json", help="one JSON object")) -> None:
    """List live workers: roles, queues, model, devices and load (from their heartbeats)."""
    from supercharger.cli.workers import show_workers

    show_workers(_store(_settings()), as_json)


@app.command()
def flower(
    port: int = typer.Option(5555, help="port to listen on"),
    address: str = typer.Option("127.0.0.1", help="address to bind"),
) -> None:
    """Start Flower on the cluster's broker (needs SUPERCHARGER_FLOWER_BASIC_AUTH=user:pass)."""
    from supercharger.cluster.launch import run_flower

    run_flower(port=port, address=address)


@app.command("eval")
def eval_(
    target: str = typer.Argument(..., help="'humaneval' or a folder of NAME.spec + test_NAME.py"),
    problems: str | None = typer.Option(None, help="HumanEval problems, e.g. 0-163 or 2,13,20-25"),
    budget_seconds: float | None = typer.Option(None, help="wall-clock budget per job"),
    jobs: int = typer.Option(2, help="jobs running at once on the cluster"),
    as_json: bool = typer.Option(False, "--json", help="print eval.json's object last on stdout"),
    out: Path = typer.Option(Path("eval"), help="where eval.json, eval.png, samples.jsonl go"),
    calibrate: bool = typer.Option(False, "--calibrate", help="store the judge threshold found"),
    target_precision: float = typer.Option(0.9, help="for --calibrate"),
    min_pairs: int = typer.Option(20, help="for --calibrate: judged pairs above it"),
    draws: int = typer.Option(1, help="run each problem this many times, seeds seed, seed+1..."),
) -> None:
    """Run every problem through the pipeline and grade its code on tests it never saw."""
    from supercharger.eval.evaluate import EvalOptions, run_eval

    opts = EvalOptions(jobs, out, as_json, calibrate, target_precision, min_pairs, draws)
    raise typer.Exit(run_eval(target, problems, _settings(budget_seconds=budget_seconds), opts))


@sandbox_app.command("run")
def sandbox_run(
    code_files: list[Path] = typer.Argument(..., help="code files"),
    tests: list[Path] = typer.Option(..., "--tests", help="test files (repeat the option)"),
    module: str | None = typer.Option(None, help="module the tests import (default: code stem)"),
    backend: str | None = typer.Option(None, help="sandbox backend (default from settings)"),
    timeout: float | None = typer.Option(None, help="wall seconds per pair"),
    requires: str | None = typer.Option(
        None, "--requires", help='packages the code may use, e.g. "sortedcontainers>=2, numpy"'
    ),
    as_json: bool = typer.Option(False, "--json", help="one JSON object with every verdict"),
) -> None:
    """Run every CODE x TEST pair in the sandbox and print the matrix."""
    from supercharger.cli.sandbox import run_matrix

    settings = _settings(sandbox_backend=backend, sandbox_timeout=timeout)
    ok = run_matrix(code_files, tests, module, settings, as_json, requires or "")
    raise typer.Exit(0 if ok else 1)


# typer may bundle its own copy of click: its exceptions are then not click's
_EXITS = (click.exceptions.Exit, typer.Exit)
_USAGE_ERRORS = (click.ClickException, getattr(typer, "TyperException", click.ClickException))
_ABORTS = (click.Abort, typer.Abort, KeyboardInterrupt)


def main() -> None:
    """Entry point: one clear line and a non-zero exit for every expected failure."""
    try:
        code = app(standalone_mode=False)  # click returns a command's exit code here
        sys.exit(code if isinstance(code, int) else 0)
    except _EXITS as e:
        sys.exit(e.exit_code)
    except _USAGE_ERRORS as e:  # a bad option or argument: click's message, on one line
        _err(f"supercharger: error: {e.format_message()}".replace("\n", " "))
        sys.exit(getattr(e, "exit_code", 2))
    except _ABORTS:
        _err("supercharger: interrupted")
        sys.exit(130)
    except SuperchargerError as e:
        _err(f"supercharger: error: {e}")
        sys.exit(e.exit_code)
    except Exception as e:
        # Redis failing in the middle of a command (a job's embedded Redis stops once the
        # job ends): redis-py's errors are not imported here, so that --help stays fast.
        if not type(e).__module__.startswith("redis."):
            raise
        _err(f"supercharger: error: Redis failed: {e}")
        sys.exit(BrokerError.exit_code)
