"""One thread that owns the model and decodes the requests of many callers together.

An llm worker runs several tasks at once (threads). Each generation task hands its request to
the process's ``Batcher`` and waits; the batcher's thread admits waiting requests between
decode steps while the batch has room (``pick``: the caller served least recently first, so no
job starves), steps every row of every admitted request together, and hands each request its
own rows when its last row ends. Anything else that uses the model (a judge's yes/no score)
runs on the same thread between two steps (``call``), so the model is never used by two
threads at once. The backend loads its model there too: torch's CPU threads (GNU OpenMP) form
one pool per thread that uses them, and once a process holds more of them than cores libgomp
cuts their spin before sleeping to almost nothing, which made every step ~1.4x slower on 2 cores
when the model was loaded on one thread and used on another.

Which job a request belongs to comes from ``owned_by`` (a context variable the task sets).
No torch here: the engine (``continuous.ContinuousBatch``) is made by the backend.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

current_owner: ContextVar[str] = ContextVar("supercharger_llm_owner", default="")


@contextmanager
def owned_by(owner: str) -> Iterator[None]:
    """Requests made inside belong to ``owner`` (a job id) for the batcher's fairness."""
    token = current_owner.set(owner)
    try:
        yield
    finally:
        current_owner.reset(token)


class Engine(Protocol):
    """A batch that requests join (``admit``) and that decodes one step at a time."""

    @property
    def rows(self) -> int: ...

    def admit(self, request: Any) -> Any: ...

    def step(self) -> list[Any]: ...


@dataclass(eq=False)
class Ask:
    """A waiting request (``rows`` rows) or a call to run between steps (``rows`` 0)."""

    owner: str
    rows: int
    seq: int
    payload: Any
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None


def pick(
    waiting: Sequence[Ask], room: int, last_served: Mapping[str, int], empty: bool
) -> list[Ask]:
    """The waiting requests that join the batch now, in order.

    Round robin over owners: the owner served least recently (never: first) goes first, and
    within an owner its oldest request. Requests join while their rows fit in ``room``; the
    first that does not fit stops the round (a smaller one behind it does not overtake it, so
    a large request is not starved), except that an empty batch takes one of any size.
    """
    served = dict(last_served)
    left = list(waiting)
    chosen: list[Ask] = []
    tick = max(served.values(), default=0)
    while left:
        nxt = min(left, key=lambda a: (served.get(a.owner, -1), a.seq))
        fits = nxt.rows <= room or (empty and not chosen)
        if not fits:
            break
        chosen.append(nxt)
        left.remove(nxt)
        room -= nxt.rows
        tick += 1
        served[nxt.owner] = tick
    return chosen


class Batcher:
    """Runs ``make_engine()``'s batch on its own thread; ``generate`` and ``call`` block."""

    def __init__(
        self,
        make_engine: Callable[[], Engine],
        max_rows: int,
        between: Callable[[], None] | None = None,
    ) -> None:
        self.make_engine, self.max_rows = make_engine, max_rows
        self.between = between  # run before each step (the backend's thread governor)
        self.engine: Engine | None = None
        self.waiting: list[Ask] = []
        self.calls: list[Ask] = []
        self.inflight: dict[Any, Ask] = {}
        self.last_served: dict[str, int] = {}
        self.admitted: list[tuple[str, int]] = []  # (owner, rows) in admission order
        self.cond = threading.Condition()
        self.seq = itertools.count()
        self.tick = itertools.count(1)
        self.thread: threading.Thread | None = None

    # -- callers -------------------------------------------------------------------------
    def generate(self, request: Any, rows: int) -> Any:
        """Decode ``request`` (``rows`` rows) in the shared batch; returns the engine's entry."""
        return self._wait(Ask(current_owner.get(), rows, next(self.seq), request), self.waiting)

    def call(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` on the batcher's thread between two decode steps; returns its result."""
        if threading.current_thread() is self.thread:
            return fn()
        return self._wait(Ask(current_owner.get(), 0, next(self.seq), fn), self.calls)

    def _wait(self, ask: Ask, queue: list[Ask]) -> Any:
        with self.cond:
            self._start()
            queue.append(ask)
            self.cond.notify()
        ask.done.wait()
        if ask.error is not None:
            raise ask.error
        return ask.result

    def _start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._serve, name="sc-batcher", daemon=True)
            self.thread.start()

    # -- the batcher's thread ------------------------------------------------------------
    def _serve(self) -> None:
        while True:
            calls, joining = self._next()
            for ask in calls:
                self._run(ask, ask.payload)
            if self.between is not None:
                self.between()
            for ask in joining:
                self._admit(ask)
            self._step()

    def _next(self) -> tuple[list[Ask], list[Ask]]:
        with self.cond:
            while not self.waiting and not self.calls and not self.inflight:
                self.cond.wait()
            calls, self.calls = self.calls, []
            rows = self.engine.rows if self.engine is not None else 0
            joining = pick(self.waiting, self.max_rows - rows, self.last_served, rows == 0)
            for ask in joining:
                self.waiting.remove(ask)
                self.last_served[ask.owner] = next(self.tick)
            return calls, joining

    def _run(self, ask: Ask, fn: Callable[[], Any]) -> None:
        try:
            ask.result = fn()
        except BaseException as e:  # noqa: BLE001 - handed to the waiting caller
            ask.error = e
        ask.done.set()

    def _admit(self, ask: Ask) -> None:
        try:
            if self.engine is None:
                self.engine = self.make_engine()
            entry = self.engine.admit(ask.payload)
        except BaseException as e:  # noqa: BLE001 - handed to the waiting caller
            ask.error = e
            ask.done.set()
            return
        self.inflight[entry] = ask
        self.admitted.append((ask.owner, ask.rows))

    def _step(self) -> None:
        if self.engine is None or not self.inflight:
            return
        try:
            finished = self.engine.step()
        except BaseException as e:  # noqa: BLE001 - every request in the batch fails with it
            for ask in self.inflight.values():
                ask.error = e
                ask.done.set()
            self.inflight.clear()
            self.engine = None
            return
        for entry in finished:
            ask = self.inflight.pop(entry)
            ask.result = entry
            ask.done.set()
