"""`supercharger eval DIR` end to end: a real Redis, real Celery workers with the `fake` LLM
backend (a scripted stand-in, not a model), the real bubblewrap sandbox. The hidden tests carry
a marker that must appear nowhere the pipeline can see: not in Redis, not in any prompt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from supercharger.cluster.local import EmbeddedRedis, LocalCluster
from supercharger.eval.figures import ProblemRecord, figures
from supercharger.tasks.redisconn import get_redis

MARKER = "HIDDEN-MARKER-5e0c7b21"
# continuations after the code prefill, cycled over every job's code prompts (4 per batch)
CODES = [
    " return n\n```",  # wrong for both
    " return 1 if n < 2 else n * factorial(n - 1)\n```",  # factorial
    " return n * 2\n```",  # double
    " return n + n if n > 1 else n\n```",  # double, right on the pipeline's test only
]
TESTS = [
    "five():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
    "    assert factorial(3) == 6\n```",
    "three():\n    assert double(3) == 6\n    assert double(4) == 8\n"
    "    assert double(6) == 12\n```",
]
SPECS = {
    "factorial": "# factorial of a non-negative integer\ndef factorial(n):\n",
    "double": "# twice the integer n\ndef double(n):\n",
}
HIDDEN = {
    "factorial": "assert factorial(6) == 720, 'M'\n    assert factorial(1) == 1",
    "double": "assert double(-2) == -4, 'M'\n    assert double(0) == 0",
}
FAKE_ENV = {
    "SUPERCHARGER_LLM_BACKEND": "fake",
    "SUPERCHARGER_LLM_OPTIONS": json.dumps(
        {"code_replies": CODES, "test_replies": TESTS, "judge_score": 0.9, "score": 0.8}
    ),
    "SUPERCHARGER_BATCH_SIZE": "4",
    "SUPERCHARGER_MAX_CANDIDATES": "8",
}


@pytest.fixture
def workers(redis_server: EmbeddedRedis, tmp_path: Path) -> Iterator[str]:
    logs = tmp_path / "logs"
    with LocalCluster(log_dir=logs, env=FAKE_ENV, broker_url=redis_server.url,
                      sandbox_concurrency=2):  # fmt: skip
        yield redis_server.url


def _folder(root: Path) -> Path:
    folder = root / "specs"
    folder.mkdir()
    for name, spec in SPECS.items():
        (folder / f"{name}.spec").write_text(spec)
        marked = HIDDEN[name].replace("'M'", repr(MARKER))
        (folder / f"test_{name}.py").write_text(
            f"# {MARKER}\nfrom {name} import {name}\n\n\ndef test_hidden():\n    {marked}\n"
        )
    return folder


def _everything(client: redis.Redis) -> Iterator[str]:
    """Every key and every value in the Redis server, whatever its type."""
    for key in client.scan_iter(count=1000):
        yield key
        kind = client.type(key)
        if kind == "string":
            yield str(client.get(key))
        elif kind == "hash":
            yield from (f"{k}={v}" for k, v in client.hgetall(key).items())
        elif kind in ("set",):
            yield from client.smembers(key)
        elif kind == "zset":
            yield from client.zrange(key, 0, -1)
        elif kind == "list":
            yield from client.lrange(key, 0, -1)
        elif kind == "stream":
            yield from (json.dumps(fields) for _id, fields in client.xrange(key))


def test_eval_dir_grades_every_code_and_hides_the_tests(workers: str, tmp_path: Path) -> None:
    folder, out = _folder(tmp_path), tmp_path / "out"
    env = dict(os.environ, **FAKE_ENV, SUPERCHARGER_BROKER_URL=workers,
               SUPERCHARGER_DATA_DIR=str(tmp_path / "data"))  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-m", "supercharger", "eval", str(folder), "--out", str(out), "--json",
         "--jobs", "2", "--budget-seconds", "60", "--calibrate", "--min-pairs", "1"],
        capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads(proc.stdout.strip().splitlines()[-1])
    assert doc == json.loads((out / "eval.json").read_text())
    rows = {r["name"]: r for r in doc["rows"]}
    assert set(rows) == {"factorial", "double"} and doc["problems"] == 2

    # every code candidate was graded, and the hidden tests tell right code from wrong
    for row in rows.values():
        assert row["oracle"]
        assert 0 < row["codes_passed"] < row["codes"], row
        assert row["tokens"] > 0 and row["seconds"] > 0
    # the fake's replies come in a fixed order: the first code is wrong for both. The
    # pipeline's one test for double (its checks all above 2) passes the right double and a
    # wrong one that returns n itself below 2: they return different values on an edge input
    # derived from the test's (double(1)), so the test does not decide between them and no
    # pair is evidence; the job ends with its candidates (or, on a busy machine, its seconds)
    # spent and delivers its top-ranked code, the older right one, unverified by a judge
    assert rows["factorial"]["status"] == "passed"
    assert rows["double"]["status"] in ("exhausted", "budget")
    reports = [json.loads(p.read_text()) for p in (out / "jobs").rglob("report.json")]
    (double,) = [r for r in reports if r["job"] == rows["double"]["job"]]
    assert "its tests do not decide between" in double["reason"], double["reason"]
    assert rows["factorial"]["delivered_passed"] and rows["double"]["delivered_passed"]
    assert doc["oracle_pass_at_k"] == 1.0 and doc["first_candidate_pass_at_1"] == 0.0
    assert doc["judge_precision"] == 1.0 and doc["selection_ratio"] == 1.0
    records = [ProblemRecord(**{k: v for k, v in r.items() if k != "delivered_code"})
               for r in doc["rows"]]  # fmt: skip
    assert {k: doc[k] for k in figures(records)} == figures(records)
    assert len(doc["judged_pairs"]) == sum(len(r["judged"]) for r in doc["rows"]) > 0
    assert (out / "eval.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (out / "samples.jsonl").exists()  # a folder's specs have no HumanEval prompt
    cal = json.loads((tmp_path / "data" / "calibration.json").read_text())
    assert set(cal) == {"fake:bundled"} and cal["fake:bundled"] == {
        k: v for k, v in doc["calibration"].items() if k != "file"
    }

    # the hidden tests never reached the pipeline: not in Redis (job state, prompts, calls,
    # queues), not in anything the jobs wrote
    seen = [str(v) for v in _everything(get_redis(workers))]
    assert any("twice the integer n" in v for v in seen)  # the scan does see job state
    assert not [v for v in seen if MARKER in v]
    for path in (out / "jobs").rglob("*"):
        if path.is_file():
            assert MARKER not in path.read_text(errors="replace"), path
    calls = list((out / "jobs").rglob("calls.jsonl"))
    assert len(calls) == 2 and all(c.read_text().strip() for c in calls)


def test_eval_dir_without_a_broker_runs_on_one_embedded_cluster(tmp_path: Path) -> None:
    folder, out, data = _folder(tmp_path), tmp_path / "out", tmp_path / "data"
    env = dict(os.environ, **FAKE_ENV, SUPERCHARGER_DATA_DIR=str(data))
    env.pop("SUPERCHARGER_BROKER_URL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "supercharger", "eval", str(folder), "--out", str(out), "--json",
         "--jobs", "2", "--budget-seconds", "60"],
        capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads(proc.stdout.strip().splitlines()[-1])
    assert doc["problems"] == 2 and doc["oracle_pass_at_k"] == 1.0
    (logs,) = (data / "logs").iterdir()  # one cluster for both jobs
    assert sorted(p.name for p in logs.glob("worker-*.log")) == [
        "worker-control.log",
        "worker-llm.log",
        "worker-sandbox.log",
    ]
    assert "calibration" not in doc and not (data / "calibration.json").exists()
