"""Flower against the same broker: it starts only with basic auth and shows our workers and
tasks by their names. Real Redis, real workers (fake LLM backend, a scripted stand-in), real
Flower process."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("flower")

from supercharger.cluster.local import EmbeddedRedis, LocalCluster  # noqa: E402
from supercharger.settings import Settings  # noqa: E402
from supercharger.spec import parse_spec  # noqa: E402
from supercharger.tasks import client  # noqa: E402
from supercharger.tasks.client import connect  # noqa: E402

SPEC = parse_spec("# factorial of a non-negative integer\ndef factorial(n):\n", "factorial.spec")
RIGHT = " return 1 if n < 2 else n * factorial(n - 1)\n```"
TEST_OK = (
    "five():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
    "    assert factorial(3) == 6\n```"
)
AUTH = "admin:s3cret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, auth: str | None = AUTH) -> tuple[int, str]:
    req = urllib.request.Request(url)
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, ""


def _flower(url: str, port: int, log: Path, auth: str | None) -> subprocess.Popen[bytes]:
    env = dict(os.environ, SUPERCHARGER_BROKER_URL=url)
    env.pop("SUPERCHARGER_FLOWER_BASIC_AUTH", None)
    if auth:
        env["SUPERCHARGER_FLOWER_BASIC_AUTH"] = auth
    cmd = [sys.executable, "-m", "supercharger", "flower", "--port", str(port)]
    return subprocess.Popen(cmd, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


def test_flower_refuses_to_start_without_basic_auth(
    redis_server: EmbeddedRedis, tmp_path: Path
) -> None:
    proc = _flower(redis_server.url, _free_port(), tmp_path / "flower.log", auth=None)
    assert proc.wait(30) != 0
    assert "SUPERCHARGER_FLOWER_BASIC_AUTH" in (tmp_path / "flower.log").read_text()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    """A Redis of this test's own: what earlier tests left in the session's server (messages
    of their jobs, workers of theirs) must not take this job's tasks out of Flower's view."""
    server = EmbeddedRedis(tmp_path / "redis")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.timeout(300)
def test_flower_shows_the_workers_and_the_tasks_by_name(
    own_redis: EmbeddedRedis, tmp_path: Path
) -> None:
    redis_server = own_redis
    env = {
        "SUPERCHARGER_LLM_BACKEND": "fake",
        "SUPERCHARGER_LLM_OPTIONS": json.dumps(
            {"code_replies": [RIGHT], "test_replies": [TEST_OK], "judge_score": 0.9}
        ),
    }
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with LocalCluster(log_dir=tmp_path, env=env, broker_url=redis_server.url):
        flower = _flower(redis_server.url, port, tmp_path / "flower.log", auth=AUTH)
        try:
            deadline = time.monotonic() + 60
            workers: dict = {}
            while time.monotonic() < deadline and len(workers) < 3:
                assert flower.poll() is None, (tmp_path / "flower.log").read_text()[-2000:]
                try:
                    code, body = _get(f"{base}/api/workers?refresh=1")
                    workers = json.loads(body) if code == 200 else {}
                except (OSError, ValueError):
                    pass
                time.sleep(0.5)
            assert len(workers) >= 3, workers  # llm, sandbox, control
            assert _get(f"{base}/api/workers", auth=None)[0] == 401
            assert _get(f"{base}/api/workers", auth="admin:wrong")[0] == 401

            store = connect(redis_server.url)
            settings = Settings(broker_url=redis_server.url, max_candidates=2, batch_size=2)
            job = client.submit(store, SPEC, settings)
            assert client.follow(store, job, lambda _p: None, deadline_s=150).status == "passed"
            names: set[str] = set()
            deadline = time.monotonic() + 30
            want = {"sc.generate", "sc.run_pairs", "sc.judge", "sc.advance"}
            while time.monotonic() < deadline and not want <= names:
                code, body = _get(f"{base}/api/tasks?limit=500")
                if code == 200:
                    names = {t.get("name") for t in json.loads(body).values()}
                time.sleep(0.5)
            assert want <= names, names
        finally:
            flower.terminate()
            flower.wait(10)
