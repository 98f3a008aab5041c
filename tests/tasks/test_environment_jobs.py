"""Two jobs whose specs need different packages, at the same time on one node (a real Redis,
real `celery worker` processes, the real bwrap sandbox, the `fake` LLM backend: a scripted
stand-in, not a model): each job's pairs see its own package and not the other's."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from supercharger.cluster.local import EmbeddedRedis, LocalCluster
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import client
from supercharger.tasks.client import connect
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

pytestmark = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)

SORTED = parse_spec("# sorted copy\nfrom sortedcontainers import SortedList\ndef f(xs):\n", "a")
PACKED = parse_spec("# sorted copy\nimport msgpack\ndef f(xs):\n", "b")
CODE = " return sorted(xs)\n```"  # after the code prefill; the spec's import goes above it
TEST = (  # one test for both jobs: it passes only where exactly one of the two is importable
    "sorts():\n    import importlib.util as u\n    assert f([2, 1]) == [1, 2]\n"
    "    assert (u.find_spec('sortedcontainers') is None) != (u.find_spec('msgpack') is None)\n"
    "```"
)


@pytest.fixture
def env_dir() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="sc-envs-", dir="/var/tmp"))  # the sandbox uid reads it
    os.chmod(root, 0o755)
    yield root / "envs"
    shutil.rmtree(root, ignore_errors=True)


def test_two_jobs_with_different_requirements_at_once(
    redis_server: EmbeddedRedis, tmp_path: Path, env_dir: Path
) -> None:
    fake = {"code_replies": [CODE], "test_replies": [TEST], "judge_score": 0.9, "score": 0.8}
    env = {
        "SUPERCHARGER_LLM_BACKEND": "fake",
        "SUPERCHARGER_LLM_OPTIONS": json.dumps(fake),
        "SUPERCHARGER_SANDBOX_ENV_DIR": str(env_dir),
    }
    url = redis_server.url
    settings = Settings(
        broker_url=url, sandbox_env_dir=env_dir, max_candidates=4, batch_size=2, stop_rule="judge"
    )
    with LocalCluster(log_dir=tmp_path, env=env, broker_url=url, sandbox_concurrency=2):
        store = connect(url)
        jobs = {spec.name + spec.source: client.submit(store, spec, settings)
                for spec in (SORTED, PACKED)}  # fmt: skip
        progress = {
            name: client.follow(store, job, lambda _p: None, deadline_s=240)
            for name, job in jobs.items()
        }
    for name, job in jobs.items():
        assert progress[name].status == "passed", (name, progress[name].reason)
        pairs = store.pairs(job)
        code = next(c for c in store.candidates(job) if c.startswith("c"))
        assert store.candidate(job, code).text.startswith(
            "from sortedcontainers" if name == "fa" else "import msgpack"
        )
        assert any(r["status"] == "passed" for r in pairs.values())
    # built once each, at submit, and shared by the workers of the node
    assert len([p for p in env_dir.iterdir() if not p.name.startswith(".")]) == 2
