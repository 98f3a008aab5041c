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
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

log = logging.getLogger(__name__)
current_owner: ContextVar[str] = ContextVar("supercharger_llm_owner", default="")
current_cancel: ContextVar[Callable[[], bool] | None] = ContextVar(
    "supercharger_llm_cancel", default=None
)
CANCEL_CHECK_S = 0.5  # how often the batcher asks whether its requests are still wanted


class Cancelled(Exception):  # noqa: N818 - what the caller is told, not an error of its own
    """The request's owner no longer wants it (its job ended): it left the batch unfinished."""


@contextmanager
def owned_by(owner: str, cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
    """Requests made inside belong to ``owner`` (a job id) for the batcher's fairness; with
    ``cancelled``, the batcher drops them (waiting or decoding) once it returns True, and their
    callers get ``Cancelled``: the rows of a job that ended free the batch for other jobs."""
    token = current_owner.set(owner)
    check = current_cancel.set(cancelled)
    try:
        yield
    finally:
        current_cancel.reset(check)
        current_owner.reset(token)


class Engine(Protocol):
    """A batch that requests join (``admit``) and that decodes one step at a time."""

    @property
    def rows(self) -> int: ...

    def admit(self, request: Any) -> Any: ...

    def step(self) -> list[Any]: ...

    def cancel(self, entry: Any) -> None: ...


@dataclass(eq=False)
class Ask:
    """A waiting request (``rows`` rows) or a call to run between steps (``rows`` 0)."""

    owner: str
    rows: int
    seq: int
    payload: Any
    cancelled: Callable[[], bool] | None = None
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
        self.checked = 0.0  # when the requests were last asked whether they are still wanted
        self.cancelled: list[tuple[str, int]] = []  # (owner, rows) dropped, in order

    # -- callers -------------------------------------------------------------------------
    def generate(self, request: Any, rows: int) -> Any:
        """Decode ``request`` (``rows`` rows) in the shared batch; returns the engine's entry.
        Raises ``Cancelled`` where its owner's ``cancelled`` (``owned_by``) said so first."""
        ask = Ask(current_owner.get(), rows, next(self.seq), request, current_cancel.get())
        return self._wait(ask, self.waiting)

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
            self._drop_unwanted()
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

    def _drop_unwanted(self) -> None:
        """At most every ``CANCEL_CHECK_S``: the requests whose owner no longer wants them
        leave (waiting ones are never admitted, decoding ones leave the batch at once) and
        their callers get ``Cancelled``. A check that fails counts as still wanted."""
        now = time.monotonic()
        if now - self.checked < CANCEL_CHECK_S:
            return
        self.checked = now
        with self.cond:
            waiting = list(self.waiting)
        waiting = [a for a in waiting if _unwanted(a)]  # not under the lock: Redis answers
        with self.cond:
            for ask in waiting:
                self.waiting.remove(ask)
        decoding = [(e, a) for e, a in self.inflight.items() if _unwanted(a)]
        for entry, _ in decoding:
            del self.inflight[entry]
            if self.engine is not None:
                self.engine.cancel(entry)
        for ask in waiting + [a for _, a in decoding]:
            self._cancel(ask)

    def _cancel(self, ask: Ask) -> None:
        self.cancelled.append((ask.owner, ask.rows))
        ask.error = Cancelled(f"the request of {ask.owner or 'a caller'} is no longer wanted")
        ask.done.set()

    def _run(self, ask: Ask, fn: Callable[[], Any]) -> None:
        try:
            ask.result = fn()
        except BaseException as e:  # noqa: BLE001 - handed to the waiting caller
            ask.error = e
        ask.done.set()

    def _admit(self, ask: Ask) -> None:
        if _unwanted(ask):  # asked again as it joins: the sweep may be half a second old
            self._cancel(ask)
            return
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


def _unwanted(ask: Ask) -> bool:
    if ask.cancelled is None:
        return False
    try:
        return bool(ask.cancelled())
    except Exception:  # noqa: BLE001 - a failed check (Redis away) keeps the request
        log.warning("could not check whether a request of %s is still wanted", ask.owner)
        return False
