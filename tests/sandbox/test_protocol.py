"""The host <-> runner messages: one type each, through JSON and back unchanged; a line that is
none of them is a ProtocolError (the host takes its runner for lost)."""

from __future__ import annotations

import pytest

from supercharger.sandbox.base import Limits
from supercharger.sandbox.inside.protocol import (
    Message,
    PairLimits,
    ProtocolError,
    RawResult,
    Ready,
    RunnerConfig,
    Tick,
    Unit,
    UnitPair,
    from_json,
)

MESSAGES: list[Message] = [
    RunnerConfig(root="/tmp", pidns=True, limits=PairLimits(**Limits().model_dump())),
    RunnerConfig(
        root="/s",
        pidns=False,
        limits=PairLimits(2.5, 256, 8, 4, 32, 1024),
        oom_fd=7,
        landlock=True,
        max_pid=64,
    ),
    RunnerConfig(root="/s", pidns=False, limits=PairLimits(1.0, 64, 1, 1, 16, 256), coverage=True),
    Ready(),
    Unit("inc", "def inc(x):\n    return x + 1\n", (UnitPair("p1", "t1"), UnitPair("p2", "t2"))),
    Unit("m", "", ()),
    Unit("m", "x = 1\n", (UnitPair("p1", "t1", True), UnitPair("p2", "t2", False))),
    Tick("compiled"),
    Tick("alone", "p2"),
    RawResult("p1", 0, None, False, {"collected": 1, "passed": 1}, "out\u00e9", 0.25, None),
    RawResult("p2", None, 9, True, None, "", 1, True),
    RawResult("p3", 0, None, False, {"collected": 1, "cov_lines": 2, "cov_error": ["x"]}, "", 0),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_a_message_comes_back_unchanged(message: Message) -> None:
    line = message.to_json()
    assert "\n" not in line
    again = from_json(line)
    assert type(again) is type(message)
    assert again == message
    assert from_json(line.encode()) == message


def test_the_host_limits_are_the_runner_limits() -> None:
    assert PairLimits(**Limits().model_dump()).timeout_s == Limits().timeout_s


@pytest.mark.parametrize(
    "line",
    [
        "",
        "not json",
        "[1, 2]",
        '{"ready": 1}',
        '{"kind": "nope"}',
        '{"kind": "tick"}',
        '{"kind": "unit", "module": "m", "code": "", "pairs": [1]}',
        '{"kind": "unit", "module": "m", "code": "", "pairs": [{"pair_id": "p"}]}',
        '{"kind": "result", "pair_id": "p", "exit_code": "0", "signal": null, "timed_out": false,'
        ' "report": null, "output": "", "duration_s": 0, "cgroup_oom": null}',
        '{"kind": "config", "root": "/", "pidns": true, "limits": {}, "oom_fd": null,'
        ' "landlock": false, "max_pid": 3}',
    ],
)
def test_a_line_that_is_no_message_is_refused(line: str) -> None:
    with pytest.raises(ProtocolError):
        from_json(line)
