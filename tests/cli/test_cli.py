"""The command line as a user runs it: exit codes, one-line errors, the sandbox matrix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from supercharger.cluster.local import EmbeddedRedis
from supercharger.tasks.store import JobStore


def cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "supercharger", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, env=dict(os.environ, **(env or {})),
    )  # fmt: skip


def test_help_is_fast_and_lists_the_commands(tmp_path: Path) -> None:
    proc = cli(tmp_path, "--help")
    assert proc.returncode == 0
    commands = ("submit", "status", "result", "cancel", "jobs", "worker", "workers", "sandbox")
    for command in (*commands, "eval"):
        assert command in proc.stdout


def test_sandbox_run_prints_a_verdict_per_pair(tmp_path: Path) -> None:
    (tmp_path / "factorial.py").write_text(
        "def factorial(n):\n    return 1 if n < 2 else n * factorial(n - 1)\n"
    )
    (tmp_path / "wrong.py").write_text("def factorial(n):\n    return n\n")
    (tmp_path / "test_a.py").write_text(
        "from factorial import factorial\n\n\ndef test_five():\n    assert factorial(5) == 120\n"
    )
    (tmp_path / "test_exit.py").write_text("import os\n\nos._exit(0)\n")
    proc = cli(tmp_path, "sandbox", "run", "factorial.py", "wrong.py", "--module", "factorial",
               "--tests", "test_a.py", "--tests", "test_exit.py", "--json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    verdicts = {(p["code"], p["test"]): p["status"] for p in json.loads(proc.stdout)["pairs"]}
    assert verdicts == {
        ("factorial.py", "test_a.py"): "passed",
        ("factorial.py", "test_exit.py"): "error",
        ("wrong.py", "test_a.py"): "failed",
        ("wrong.py", "test_exit.py"): "error",
    }


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "f.spec").write_text("def f(x):\n")
    for args, message in [
        (("sandbox", "run", "nope.py", "--tests", "t.py"), "nope.py: cannot read"),
        (("worker", "gpu"), "unknown worker role 'gpu'"),
        (("workers",), "this command needs a cluster"),
        (("submit", "x.spec"), "x.spec: no such file"),
        (("submit", "f.spec", "--threshold", "2"), "--threshold: Input should be less than"),
        (("submit", "f.spec", "--threshold", "abc"), "Invalid value for '--threshold'"),
        (("submit", "f.spec", "--no-such-option"), "No such option: --no-such-option"),
    ]:
        proc = cli(tmp_path, *args)
        assert proc.returncode == 2, args
        assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr


def test_bad_settings_are_one_line_and_exit_2_before_anything_starts(tmp_path: Path) -> None:
    (tmp_path / "f.spec").write_text("def f(x):\n")
    for env, message in [
        ({"SUPERCHARGER_LLM_OPTIONS": "{bad"}, "SUPERCHARGER_LLM_OPTIONS: cannot parse"),
        ({"SUPERCHARGER_SANDBOX_OPTIONS": "[1"}, "SUPERCHARGER_SANDBOX_OPTIONS: cannot parse"),
        ({"SUPERCHARGER_SANDBOX_OPTIONS": '{"bogus": 1}'}, "option bogus"),
        ({"SUPERCHARGER_SANDBOX_BACKEND": "nope"}, "unknown sandbox backend 'nope'"),
        ({"SUPERCHARGER_ROUTED_ROLES": "judge,jduge"}, "SUPERCHARGER_ROUTED_ROLES.1: Input should"),
    ]:
        proc = cli(tmp_path, "submit", "f.spec", env=env)
        assert proc.returncode == 2, (env, proc.stderr)
        assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr
        assert not (tmp_path / "sources").exists()


def test_a_redis_error_mid_command_is_one_line_not_a_traceback(
    tmp_path: Path, redis_server: EmbeddedRedis, store: JobStore
) -> None:
    # a key of the wrong type where a job's state should be (another program sharing the Redis)
    store.r.set("sc:job:clash:meta", "not a hash")
    proc = cli(tmp_path, "status", "clash", env={"SUPERCHARGER_BROKER_URL": redis_server.url})
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Redis failed: WRONGTYPE" in proc.stderr, proc.stderr
