"""A docker engine for the tests: the one at DOCKER_HOST, else a private dockerd started with
scripts/dockerd.sh (root, Debian's docker.io: own data dir, socket and network namespace).
Where neither can be had the tests that need it skip, except in CI (CI=true), where they fail:
a skipped check in CI is a missing one."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERD = ROOT / "scripts" / "dockerd.sh"


def unavailable(why: str) -> None:
    """Skip with ``why``; in CI fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs a docker engine: {why}", pytrace=False)
    pytest.skip(why)


def ping(url: str) -> str | None:
    """None if the engine at ``url`` answers, else why not."""
    try:
        import docker
    except ImportError:
        return "the docker SDK is not installed"
    try:
        client = docker.DockerClient(base_url=url)
        client.ping()
        client.close()
    except Exception as e:  # noqa: BLE001  (the SDK raises many kinds)
        return f"{url}: {e}"
    return None


@contextmanager
def engine() -> Iterator[str]:
    """The engine's address for the length of the block."""
    if os.environ.get("DOCKER_HOST"):
        url = os.environ["DOCKER_HOST"]
        why = ping(url)
        if why:
            unavailable(f"DOCKER_HOST set but unusable: {why}")
        yield url
        return
    if shutil.which("dockerd") is None or os.geteuid() != 0:
        unavailable("no docker engine: DOCKER_HOST unset and no dockerd to start as root")
    env = dict(
        os.environ,
        SC_DOCKERD_DIR=f"/var/tmp/supercharger-test-dockerd-{os.getpid()}",
        SC_DOCKERD_NETNS=f"supercharger-test-docker-{os.getpid()}",
    )
    started = subprocess.run(
        [str(DOCKERD), "start"], env=env, capture_output=True, text=True, timeout=120
    )
    try:
        if started.returncode != 0:
            unavailable(f"dockerd did not start: {started.stderr.strip()[-400:]}")
        yield started.stdout.strip()
    finally:
        subprocess.run([str(DOCKERD), "stop"], env=env, capture_output=True, timeout=120)
