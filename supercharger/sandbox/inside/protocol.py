"""The messages between the host and the runner, one type each, one JSON object a line.

Host -> runner: a ``RunnerConfig`` line, then one ``Unit`` at a time (the pairs of one code).
Runner -> host: ``Ready`` once it has booted, then per pair of a unit, in order, one
``RawResult``; a ``Tick`` in between says the runner starts over on a pair (the host restarts
its deadline). Every line carries its message's ``kind``. Standard library only: the host
imports this module and the runner's source includes it.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

# A pair that asked for coverage has, in its signed report, either these counts (ints) or the
# error (a list of one text): the code file's statements and branch exits, and how many of each ran.
COVERAGE_FIGURES = ("lines", "lines_covered", "branches", "branches_covered")
COVERAGE_KEYS = ("cov_lines", "cov_lines_covered", "cov_branches", "cov_branches_covered")
COVERAGE_ERROR = "cov_error"


class ProtocolError(ValueError):
    """Raised when a protocol line is not JSON or not one of the messages below."""


def _field(data: dict, name: str, types: type | tuple[type, ...]) -> Any:  # noqa: ANN401
    value = data.get(name)
    if not isinstance(value, types):
        raise ProtocolError(f"{name}: unexpected {type(value).__name__}")
    return value


class Message:
    """Base of the protocol's messages: ``KIND`` names one on the wire."""

    KIND = ""

    def to_json(self) -> str:
        return json.dumps({"kind": self.KIND, **dataclasses.asdict(self)})  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict) -> Message:
        raise NotImplementedError


@dataclasses.dataclass(frozen=True)
class PairLimits:
    """Per-pair limits as the runner applies them (the host's ``Limits``, as plain data)."""

    timeout_s: float
    memory_mb: int
    nproc: int
    fsize_mb: int
    nofile: int
    output_bytes: int

    @classmethod
    def from_dict(cls, data: dict) -> PairLimits:
        names = ("memory_mb", "nproc", "fsize_mb", "nofile", "output_bytes")
        ints = {name: _field(data, name, int) for name in names}
        return cls(timeout_s=float(_field(data, "timeout_s", (int, float))), **ints)


@dataclasses.dataclass(frozen=True)
class RunnerConfig(Message):
    """Host -> runner, first line: where and how to run pairs."""

    KIND = "config"
    root: str  # the scratch root as the runner sees it
    pidns: bool  # alone in its own pid namespace: may sweep with kill(-1)
    limits: PairLimits
    oom_fd: int | None = None  # the sandbox's memory cgroup's memory.events (read-only)
    landlock: bool = False  # scope every pair's process with Landlock
    max_pid: int = 3  # the highest pid the runner may have in its own pid namespace
    coverage: bool = False  # load coverage.py at boot (else when a unit first asks for it)
    paths: tuple[str, ...] = ()  # site dirs of the pairs' package environment (read-only)

    @classmethod
    def from_dict(cls, data: dict) -> RunnerConfig:
        paths = _field({"p": data.get("paths", [])}, "p", list)
        return cls(
            paths=tuple(_field({"path": p}, "path", str) for p in paths),
            root=_field(data, "root", str),
            pidns=_field(data, "pidns", bool),
            limits=PairLimits.from_dict(_field(data, "limits", dict)),
            oom_fd=_field(data, "oom_fd", (int, type(None))),
            landlock=_field(data, "landlock", bool),
            max_pid=_field(data, "max_pid", int),
            coverage=_field({"c": data.get("coverage", False)}, "c", bool),
        )


@dataclasses.dataclass(frozen=True)
class Ready(Message):
    """Runner -> host: booted (pytest imported, warm-up done), ready for units."""

    KIND = "ready"

    @classmethod
    def from_dict(cls, data: dict) -> Ready:
        return cls()


@dataclasses.dataclass(frozen=True)
class UnitPair:
    """One pair of a unit: its id, its test file's text, and whether to measure the code's
    coverage by that test (the figures come back in its signed report)."""

    pair_id: str
    test: str
    coverage: bool = False

    @classmethod
    def from_dict(cls, data: dict) -> UnitPair:
        coverage = _field({"c": data.get("coverage", False)}, "c", bool)
        return cls(_field(data, "pair_id", str), _field(data, "test", str), coverage)


@dataclasses.dataclass(frozen=True)
class Unit(Message):
    """Host -> runner: pairs that share their module name and code, answered in order."""

    KIND = "unit"
    module: str
    code: str
    pairs: tuple[UnitPair, ...]

    @classmethod
    def from_dict(cls, data: dict) -> Unit:
        items = _field(data, "pairs", list)
        pairs = tuple(UnitPair.from_dict(_field({"pair": p}, "pair", dict)) for p in items)
        return cls(_field(data, "module", str), _field(data, "code", str), pairs)


@dataclasses.dataclass(frozen=True)
class Tick(Message):
    """Runner -> host: it starts over on a pair (``why``: "alone", "compiled")."""

    KIND = "tick"
    why: str
    pair_id: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Tick:
        return cls(_field(data, "why", str), _field(data, "pair_id", (str, type(None))))


@dataclasses.dataclass(frozen=True)
class RawResult(Message):
    """Runner -> host: how one pair's run ended; the host makes the verdict of it."""

    KIND = "result"
    pair_id: str
    exit_code: int | None  # None: it did not exit (a signal, or still running when swept)
    signal: int | None
    timed_out: bool  # the wall clock ran out
    report: dict | None  # the counting plugin's signed report, checked; None: none or forged
    # (with a pair's coverage figures, when asked: ``COVERAGE_KEYS``, or ``coverage_error``)
    output: str  # the tail of the pair's output
    duration_s: float
    cgroup_oom: bool | None = None  # the memory cgroup killed a process meanwhile (None: unknown)

    @classmethod
    def from_dict(cls, data: dict) -> RawResult:
        maybe_int = (int, type(None))
        return cls(
            pair_id=_field(data, "pair_id", str),
            exit_code=_field(data, "exit_code", maybe_int),
            signal=_field(data, "signal", maybe_int),
            timed_out=_field(data, "timed_out", bool),
            report=_field(data, "report", (dict, type(None))),
            output=_field(data, "output", str),
            duration_s=float(_field(data, "duration_s", (int, float))),
            cgroup_oom=_field(data, "cgroup_oom", (bool, type(None))),
        )


MESSAGES: dict[str, type[Message]] = {
    m.KIND: m for m in (RunnerConfig, Ready, Unit, Tick, RawResult)
}


def from_json(line: str | bytes) -> Message:
    """The message a protocol line holds; ProtocolError if it is none of them."""
    try:
        data = json.loads(line)
    except ValueError:
        raise ProtocolError("not JSON") from None
    if not isinstance(data, dict) or data.get("kind") not in MESSAGES:
        raise ProtocolError("not a protocol message")
    return MESSAGES[data["kind"]].from_dict(data)
