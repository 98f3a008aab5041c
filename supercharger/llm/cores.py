"""The model's CPU threads follow what the rest of the machine keeps busy.

torch runs each step on one thread per core (GNU OpenMP), and every operator ends at a barrier
where the threads wait for each other. When another process keeps one of those cores busy, the
thread that shares it runs only part of the time and the others wait at every barrier: on 2
cores, one busy process beside the model made generation several times slower than its fair
share (``bench/llm_contention.py``), and in a local cluster the sandbox worker's pytest runs
are such processes. So, between two decode steps, ``Governor.tick`` measures over the last
``WINDOW_S`` how many of this process's cores the other processes kept busy and gives the model
one thread fewer for each: a thread that has a core to itself does not hold the others up.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable

log = logging.getLogger(__name__)

WINDOW_S = 1.0  # how often the threads are reconsidered, over the time since the last look


def cpu_seconds(cpus: Iterable[int]) -> tuple[float, float]:
    """Busy seconds of ``cpus`` since boot (``/proc/stat``: every state but idle and iowait;
    guest time is already in user time) and this process's CPU seconds (all its threads)."""
    wanted = {f"cpu{c}" for c in cpus}
    busy = 0
    with open("/proc/stat") as f:
        for line in f:
            name, _, rest = line.partition(" ")
            if name in wanted:
                ticks = [int(v) for v in rest.split()[:8]]
                idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
                busy += sum(ticks) - idle
    return busy / os.sysconf("SC_CLK_TCK"), time.process_time()


class Governor:
    """Sets the model's thread count (``set_threads``) to this process's cores less the cores
    the other processes kept busy over the last window (at least one)."""

    def __init__(
        self,
        cpus: Iterable[int],
        set_threads: Callable[[int], None],
        clock: Callable[[], float] = time.monotonic,
        sample: Callable[[], tuple[float, float]] | None = None,
    ) -> None:
        self.cpus = sorted(cpus)
        self.most = self.threads = max(1, len(self.cpus))
        self.set_threads, self.clock = set_threads, clock
        self.sample: Callable[[], tuple[float, float]] | None = sample or (
            lambda: cpu_seconds(self.cpus)
        )
        self.last: tuple[float, float, float] | None = None  # (when, busy, own)
        self.changes = 0  # how often the thread count changed (for tests and benches)

    def tick(self) -> None:
        """Between two steps: look again once a window has passed since the last look. It
        never raises (it runs on the batcher's thread): where the load cannot be read, the
        thread count stays as it is."""
        now = self.clock()
        if self.sample is None or (self.last is not None and now - self.last[0] < WINDOW_S):
            return
        try:
            busy, own = self.sample()
        except (OSError, ValueError):  # no /proc (not Linux) or an odd line: stop looking
            log.info("model threads stay at %d: cannot read the machine's load", self.threads)
            self.sample = None
            return
        if self.last is not None:
            when, busy_before, own_before = self.last
            others = max(0.0, (busy - busy_before) - (own - own_before)) / (now - when)
            want = max(1, self.most - int(others + 0.5))
            if want != self.threads:
                log.info("model threads %d -> %d (others kept %.1f cores busy)",
                         self.threads, want, others)  # fmt: skip
                self.set_threads(want)
                self.threads = want
                self.changes += 1
        self.last = (now, busy, own)
