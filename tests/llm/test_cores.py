"""The model's CPU threads follow the load of the other processes (``supercharger.llm.cores``):
the policy on a scripted clock and CPU times, /proc read while a real process spins, and the
bundled model's decoding thread under such a process."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable

import pytest

from supercharger.llm import Prompt, Sampling
from supercharger.llm.cores import WINDOW_S, Governor, cpu_seconds
from supercharger.llm.hf import TransformersBackend

COUNT = Prompt(kind="code", messages=[{"role": "user", "content": "Count from 1 to 100."}])


class Machine:
    """A scripted clock and CPU times: ``run(seconds, others, own)`` passes time with the other
    processes and this one keeping that many cores busy."""

    def __init__(self) -> None:
        self.now = self.busy = self.own = 0.0

    def run(self, seconds: float, others: float, own: float) -> None:
        self.now += seconds
        self.busy += (others + own) * seconds
        self.own += own * seconds


def governed(cores: int) -> tuple[Machine, Governor, list[int]]:
    machine, set_to = Machine(), []
    governor = Governor(range(cores), set_to.append, clock=lambda: machine.now,
                        sample=lambda: (machine.busy, machine.own))  # fmt: skip
    return machine, governor, set_to


def test_a_core_kept_busy_by_another_process_takes_a_thread_away_until_it_is_free() -> None:
    machine, governor, set_to = governed(cores=2)
    governor.tick()  # the first look only takes the readings
    machine.run(WINDOW_S, others=0.0, own=2.0)
    governor.tick()
    assert set_to == [] and governor.threads == 2  # a quiet machine: every core
    machine.run(WINDOW_S, others=1.0, own=1.0)  # a pytest run or a build beside the model
    governor.tick()
    assert set_to == [1] and governor.threads == 1
    machine.run(WINDOW_S / 2, others=0.0, own=1.0)
    governor.tick()  # within the window: no new look
    assert set_to == [1]
    machine.run(WINDOW_S, others=0.0, own=1.0)
    governor.tick()  # the other process is gone
    assert set_to == [1, 2] and governor.threads == 2 and governor.changes == 2


def test_threads_never_drop_below_one_and_a_little_load_takes_none() -> None:
    machine, governor, set_to = governed(cores=4)
    governor.tick()
    machine.run(WINDOW_S, others=0.4, own=4.0)  # under half a core: keep all four
    governor.tick()
    assert set_to == []
    machine.run(WINDOW_S, others=2.6, own=1.4)  # about three cores
    governor.tick()
    assert set_to == [1]
    machine.run(WINDOW_S, others=8.0, own=0.5)  # more than every core
    governor.tick()
    assert set_to == [1] and governor.threads == 1


def test_where_the_load_cannot_be_read_the_threads_stay_and_nothing_raises() -> None:
    machine, set_to = Machine(), []

    def no_proc() -> tuple[float, float]:
        raise FileNotFoundError("/proc/stat")

    governor = Governor(range(2), set_to.append, clock=lambda: machine.now, sample=no_proc)
    for _ in range(3):
        governor.tick()  # on the batcher's thread: an exception there would stop every call
        machine.run(WINDOW_S, others=1.0, own=1.0)
    assert set_to == [] and governor.threads == 2 and governor.sample is None


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_cpu_seconds_counts_another_process_s_busy_core_and_not_this_one_s_sleep() -> None:
    cpus = sorted(os.sched_getaffinity(0))
    busy, own = cpu_seconds(cpus)
    started = time.monotonic()
    spinner = multiprocessing.Process(target=_spin, args=(1.5,))
    spinner.start()
    spinner.join()
    wall = time.monotonic() - started
    busy_after, own_after = cpu_seconds(cpus)
    others = (busy_after - busy) - (own_after - own)
    assert own_after - own < 0.5  # this process slept
    assert 1.0 <= others <= wall * len(cpus) + 0.2  # the spinner kept about a core busy


@pytest.mark.timeout(600)
def test_the_bundled_model_s_steps_give_up_a_thread_while_a_process_spins_beside_them(
    bundled: TransformersBackend,
) -> None:
    import torch

    governor = bundled.governor
    assert governor is not None and governor.most == len(os.sched_getaffinity(0))
    if governor.most < 2:
        pytest.skip("one core: no thread to give up")
    counting = Sampling(n=1, max_new_tokens=40, temperature=0.0)

    def decode_until(done: Callable[[int], bool]) -> None:
        deadline = time.monotonic() + 240
        while not done(governor.threads):
            assert time.monotonic() < deadline, governor.threads
            bundled.generate(COUNT, counting)
        assert bundled.on_model(torch.get_num_threads) == governor.threads  # the decoding thread's

    spinner = multiprocessing.Process(target=_spin, args=(600,), daemon=True)
    spinner.start()
    try:
        decode_until(lambda threads: threads < governor.most)
    finally:
        spinner.kill()
        spinner.join()
    decode_until(lambda threads: threads == governor.most)  # the core is free again
