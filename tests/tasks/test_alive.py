"""A worker that starts a step counts as alive even when its heartbeat thread is stuck (on a
connection that died while the node was cut off) or has not run yet (a worker just started):
its running steps are not sent again."""

from __future__ import annotations

import json
import socket
import time

import pytest

from supercharger.constants import WORKERS_KEY
from supercharger.tasks.coordinator import ALIVE_S
from supercharger.tasks.redisconn import STALL_MS, get_redis
from supercharger.tasks.store import JobStore


def test_a_worker_that_starts_a_step_is_alive_again(store: JobStore) -> None:
    name = "sandbox@cut-off-test"
    stale = {"queues": ["sandbox"], "seen": time.time() - 3 * ALIVE_S, "load": 1}
    store.r.hset(WORKERS_KEY, name, json.dumps(stale))
    try:
        assert name not in store.workers(max_age=ALIVE_S)  # taken for dead
        store.touch_worker(name, "sandbox")
        assert store.workers(max_age=ALIVE_S)[name] == ["sandbox"]
        assert json.loads(store.r.hget(WORKERS_KEY, name))["load"] == 1  # the rest is kept
    finally:
        store.unregister_worker(name)


def test_a_worker_whose_first_step_comes_before_its_heartbeat_is_alive(store: JobStore) -> None:
    name = "llm@just-started-test"
    try:
        store.touch_worker(name, "llm")
        assert store.workers(max_age=ALIVE_S)[name] == ["llm"]
    finally:
        store.unregister_worker(name)


def test_a_heartbeat_held_up_by_the_network_does_not_make_a_worker_dead(store: JobStore) -> None:
    """A node cut off mid-beat sends that beat when it is back, after its next step touched it:
    the older beat lands last and must not turn the worker dead again."""
    name = "sandbox@held-up-beat-test"
    try:
        store.touch_worker(name, "sandbox")
        store.register_worker(name, ["sandbox"], load=2)  # a fresh beat is written
        assert json.loads(store.r.hget(WORKERS_KEY, name))["load"] == 2
        late = time.time()
        store.touch_worker(name, "sandbox")
        time.sleep(0.01)
        store._put_beat(name, {"queues": ["sandbox"], "seen": late - 3 * ALIVE_S, "load": 3})
        assert store.workers(max_age=ALIVE_S)[name] == ["sandbox"]
        assert json.loads(store.r.hget(WORKERS_KEY, name))["load"] == 2  # the late beat is dropped
    finally:
        store.unregister_worker(name)


def test_a_touch_held_up_on_its_read_is_dated_when_answered(
    store: JobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step started while its node was cut off touches the worker once the network is back:
    the beat's time is when the read was answered, not when it was sent (else the worker looks
    dead the moment it is back, and the step it just started is sent again)."""
    name = "sandbox@held-up-read-test"
    real = store.r.hget
    answered: list[float] = []

    def held_up(*args: object) -> object:
        time.sleep(0.3)  # the read waits for the network to come back
        value = real(*args)
        answered.append(time.time())
        return value

    monkeypatch.setattr(store.r, "hget", held_up)
    try:
        store.touch_worker(name, "sandbox")
        monkeypatch.undo()
        assert json.loads(store.r.hget(WORKERS_KEY, name))["seen"] >= answered[0]
    finally:
        store.unregister_worker(name)


def test_a_tcp_connection_to_redis_gives_up_on_a_silent_peer() -> None:
    """TCP connections to Redis carry keepalive and a limit on unacknowledged data, so a command
    sent while the node is cut off fails and is retried on a new connection; a unix socket
    takes no TCP options."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        url = f"redis://127.0.0.1:{server.getsockname()[1]}/0"
        conn = get_redis(url).connection_pool.make_connection()
        sock = conn._connect()  # the socket only, before any command
        try:
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
            limit = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT)
            assert limit == STALL_MS
        finally:
            sock.close()
    kwargs = get_redis("redis+socket:///nowhere/redis.sock").connection_pool.connection_kwargs
    assert "socket_keepalive" not in kwargs
