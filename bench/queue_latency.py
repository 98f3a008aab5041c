"""Celery round trip and fan-in latency on the embedded Redis, with a real `celery worker`.

Round trip: send `sc.ping` (a task that pushes to a Redis list), wait for the push; N times.
Fan-in: send 64 pings at once, wait for all 64 pushes. Last line: one JSON object.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from supercharger.cluster.local import EmbeddedRedis, LocalCluster
from supercharger.tasks.client import connect

ROUND_TRIPS = 200
FAN = 64


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        redis = EmbeddedRedis(Path(tmp))
        redis.start()
        try:
            with LocalCluster(Path(tmp), roles=("control",), broker_url=redis.url):
                from supercharger.tasks.celery_tasks import ping

                store = connect(redis.url)
                trips = []
                for _ in range(ROUND_TRIPS):
                    key = f"sc:bench:{uuid.uuid4().hex}"
                    t0 = time.perf_counter()
                    ping.delay(key)
                    store.r.blpop([key], timeout=10)
                    trips.append(time.perf_counter() - t0)
                fans = []
                for _ in range(5):
                    key = f"sc:bench:{uuid.uuid4().hex}"
                    t0 = time.perf_counter()
                    for _ in range(FAN):
                        ping.delay(key)
                    while store.r.llen(key) < FAN:
                        time.sleep(0.0005)
                    fans.append(time.perf_counter() - t0)
        finally:
            redis.stop()
    trips.sort()
    print(
        json.dumps(
            {
                "round_trip_median_ms": round(statistics.median(trips) * 1000, 2),
                "round_trip_p99_ms": round(trips[int(len(trips) * 0.99) - 1] * 1000, 2),
                "fan_in_64_median_ms": round(statistics.median(fans) * 1000, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
