"""The policy's last view of a job as JSON (``view.json`` beside ``report.json``).

It holds what ranked the codes: what every code returned on each probed input, which of the
tests' asserts it held, which pairs passed, the judge's scores and the mutants killed. A user
reads it to see why a code was chosen; ``view_from_json`` gives back a :class:`JobView` on
which ``policy.rank_codes`` (or a variant of it) runs again without the model or a sandbox.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from supercharger.policy import Budget, JobView, Kills
from supercharger.records import Pair

PAIR_SEP = " x "  # pair keys as "code x test" (ids hold no spaces)
_PAIR_DICTS = ("results", "judged", "mutation")
_PAIR_SETS = ("pair_inflight", "judge_inflight", "mutate_inflight")
_SETS = ("examples_failed", "improved", "score_inflight", "copies", "unread")


def view_to_json(view: JobView) -> dict[str, Any]:
    """``view`` as plain JSON data (sets as sorted lists, pairs as "code x test")."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(view):
        value = getattr(view, f.name)
        if f.name == "budget":
            value = dataclasses.asdict(value)
        elif f.name in _PAIR_DICTS:
            value = {_key(p): _kills_json(v) for p, v in value.items()}
        elif f.name in _PAIR_SETS:
            value = sorted(_key(p) for p in value)
        elif f.name in _SETS:
            value = sorted(value)
        elif f.name in ("checks", "keys", "outcomes", "assembled"):
            value = {t: None if v is None else sorted(v) for t, v in value.items()}
        out[f.name] = value
    return out


def view_from_json(data: dict[str, Any]) -> JobView:
    """The :class:`JobView` that ``view_to_json`` wrote; unknown keys are ignored, missing ones
    take their defaults."""
    known = {f.name for f in dataclasses.fields(JobView)}
    args: dict[str, Any] = {k: v for k, v in data.items() if k in known}
    args["budget"] = Budget(**data["budget"])
    for name in _PAIR_DICTS:
        if name in args:
            args[name] = {_pair(k): v for k, v in args[name].items()}
    if "mutation" in args:
        args["mutation"] = {p: Kills(v["killed"], v["mutants"], frozenset(v["ids"]))
                            for p, v in args["mutation"].items()}  # fmt: skip
    for name in _PAIR_SETS:
        if name in args:
            args[name] = {_pair(k) for k in args[name]}
    for name in _SETS:
        if name in args:
            args[name] = set(args[name])
    for name in ("checks", "keys", "outcomes", "assembled"):
        if name in args:
            args[name] = {t: None if v is None else frozenset(v) for t, v in args[name].items()}
    return JobView(**args)


def _key(pair: Pair) -> str:
    return PAIR_SEP.join(pair)


def _pair(key: str) -> Pair:
    code, test = key.split(PAIR_SEP)
    return code, test


def _kills_json(value: Any) -> Any:
    if isinstance(value, Kills):
        return {"killed": value.killed, "mutants": value.mutants, "ids": sorted(value.ids)}
    return value
