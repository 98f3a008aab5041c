"""Job state in Redis: atomic per-field updates, one hash per kind of record, an event stream.

Layout (``sc:job:<id>:<part>``): ``meta`` (hash: spec, config, status...), ``cands`` (hash: id ->
candidate JSON), ``pairs`` (hash: "code|test" -> verdict JSON), ``judged`` (hash: pair -> score
JSON), ``scores`` (hash: code id -> the model's code score JSON), ``mutation`` (hash: pair ->
how many of the code's mutants its test killed, JSON), ``sent`` (hash: dispatch key -> task id),
``gendone`` (set of finished generation keys), ``stats`` (hash of counters), ``done`` (string,
set once by the finisher), ``events`` (stream), ``calls`` (hash: step -> the LLM call: prompt,
replies, tokens, seconds). ``sc:active`` is the set of running jobs.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import redis

from supercharger.constants import ACTIVE_JOBS, ADVANCED, JOBS_INDEX, WORKERS_KEY, job_key
from supercharger.errors import JobNotFoundError
from supercharger.records import Candidate, JobConfig, JobStatus, Pair
from supercharger.sandbox.base import Status
from supercharger.spec import Spec
from supercharger.tasks.stepkey import StepKey, encode_pair, parse, parse_pair

PARTS = (
    "meta", "cands", "pairs", "judged", "scores", "mutation", "sent", "gendone", "running",
    "stats", "done", "events", "calls",
)  # fmt: skip
EVENTS_MAXLEN = 20000
# KEYS: the workers hash; ARGV: worker name, heartbeat JSON, its "seen". Writes the heartbeat
# unless the stored one was seen later.
_PUT_NEWER_BEAT = """
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old and tonumber(cjson.decode(old)['seen']) > tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
"""
# KEYS: the pairs hash, the stats hash; ARGV: field, verdict, field, verdict... Sets each
# verdict the pair has none of yet and counts those in ``pairs_run``, in one atomic step.
_PUT_PAIRS_ONCE = """
local new = {}
for i = 1, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then new[#new + 1] = ARGV[i] end
end
if #new > 0 then redis.call('HINCRBYFLOAT', KEYS[2], 'pairs_run', #new) end
return new
"""
# KEYS: the job's done marker, its meta hash; ARGV: status, field, value, field, value...
# Sets the marker and the final record in one atomic step, once: whoever sees the marker
# (``is_done``) reads the final status and delivery, never the running record.
_FINISH_ONCE = """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
redis.call('HSET', KEYS[2], unpack(ARGV, 2))
return 1
"""
FINISHED_TTL = 7 * 24 * 3600


def new_job_id() -> str:
    return uuid.uuid4().hex[:12]


class JobStore:
    """Everything a task, the coordinator or the CLI reads or writes about jobs."""

    def __init__(self, client: redis.Redis) -> None:
        self.r = client

    # ---- creation and metadata ------------------------------------------------------------
    def create(self, job_id: str, spec: Spec, config: JobConfig) -> None:
        now = time.time()
        meta = {
            "id": job_id,
            "spec": spec.model_dump_json(),
            "config": config.to_json(),
            "status": JobStatus.RUNNING.value,
            "created": repr(now),
        }
        pipe = self.r.pipeline()
        pipe.hset(job_key(job_id, "meta"), mapping=meta)
        pipe.zadd(JOBS_INDEX, {job_id: now})
        pipe.sadd(ACTIVE_JOBS, job_id)
        pipe.hset(ADVANCED, job_id, repr(now))  # its first advance is on its way: the sweep
        pipe.execute()  # starts it only if that is lost (many jobs at once: it would race it)
        self.emit(job_id, "created")

    def meta(self, job_id: str) -> dict[str, Any]:
        """The job's meta: ``spec`` (a Spec), ``config`` (a JobConfig), ``status`` (a
        JobStatus), ``created``; once finished ``finished``, ``finish``, ``best`` and
        ``delivered``."""
        raw = self.r.hgetall(job_key(job_id, "meta"))
        if not raw:
            raise JobNotFoundError(f"no job {job_id!r} on this broker")
        out: dict[str, Any] = dict(raw)
        out["spec"] = Spec.model_validate_json(out["spec"])
        out["config"] = JobConfig.from_json(out["config"])
        out["status"] = JobStatus(out["status"])
        for k in ("best", "finish", "delivered"):
            if k in out:
                out[k] = json.loads(out[k])
        out["created"] = float(out["created"])
        if "finished" in out:
            out["finished"] = float(out["finished"])
        return out

    def exists(self, job_id: str) -> bool:
        return bool(self.r.exists(job_key(job_id, "meta")))

    def job_ids(self, limit: int = 50) -> list[str]:
        return list(self.r.zrevrange(JOBS_INDEX, 0, limit - 1))

    def forget_active(self, job_id: str) -> None:
        self.r.srem(ACTIVE_JOBS, job_id)
        self.r.hdel(ADVANCED, job_id)

    def mark_advanced(self, job_id: str) -> None:
        """The coordinator has just advanced the job (the sweep may leave it alone a while)."""
        self.r.hset(ADVANCED, job_id, repr(time.time()))

    def last_advanced(self, job_ids: list[str]) -> dict[str, float]:
        """When each of ``job_ids`` was last advanced (0.0: never), in one round trip."""
        stamps = self.r.hmget(ADVANCED, job_ids) if job_ids else []
        return {j: float(t or 0.0) for j, t in zip(job_ids, stamps, strict=True)}

    def active_jobs(self) -> list[str]:
        """Jobs created and not yet finished (what the control workers' sweeper advances)."""
        return sorted(self.r.smembers(ACTIVE_JOBS))

    # ---- candidates, pairs, judgements ----------------------------------------------------
    def put_candidates(self, job_id: str, cands: list[Candidate]) -> None:
        if cands:
            mapping = {c.id: c.to_json() for c in cands}
            self.r.hset(job_key(job_id, "cands"), mapping=mapping)

    def candidates(self, job_id: str) -> dict[str, Candidate]:
        """Every candidate of the job, in the order they were made (``seq``)."""
        raw = self.r.hgetall(job_key(job_id, "cands"))
        cands = [Candidate.from_json(v) for v in raw.values()]
        return {c.id: c for c in sorted(cands, key=lambda c: c.seq)}

    def candidate(self, job_id: str, cid: str) -> Candidate:
        raw = self.r.hget(job_key(job_id, "cands"), cid)
        if raw is None:
            raise KeyError(cid)
        return Candidate.from_json(raw)

    def put_pair(self, job_id: str, code: str, test: str, result: dict[str, Any]) -> None:
        self.r.hset(job_key(job_id, "pairs"), encode_pair((code, test)), json.dumps(result))

    def put_pairs_once(
        self, job_id: str, code: str, records: dict[str, dict[str, Any]]
    ) -> list[str]:
        """Record each test's verdict with ``code`` unless the pair has one already (a step
        sent again because its worker looked dead, and both ran it), and count only those in
        the ``pairs_run`` stat; the tests recorded now."""
        if not records:
            return []
        args = [a for t, r in records.items() for a in (encode_pair((code, t)), json.dumps(r))]
        keys = [job_key(job_id, "pairs"), job_key(job_id, "stats")]
        new = self.r.register_script(_PUT_PAIRS_ONCE)(keys=keys, args=args)
        return [parse_pair(field)[1] for field in new]

    def pairs(self, job_id: str) -> dict[Pair, dict[str, Any]]:
        """Each pair's verdict record; its ``status`` is a sandbox ``Status``."""
        raw = self.r.hgetall(job_key(job_id, "pairs"))
        records = {parse_pair(k): json.loads(v) for k, v in raw.items()}
        return {p: r | {"status": Status(r["status"])} for p, r in records.items()}

    def put_judged(self, job_id: str, code: str, test: str, verdict: dict[str, Any]) -> None:
        self.r.hset(job_key(job_id, "judged"), encode_pair((code, test)), json.dumps(verdict))

    def judged(self, job_id: str) -> dict[Pair, dict[str, Any]]:
        raw = self.r.hgetall(job_key(job_id, "judged"))
        return {parse_pair(k): json.loads(v) for k, v in raw.items()}

    def put_scores(self, job_id: str, scores: dict[str, dict[str, Any]]) -> None:
        if scores:
            mapping = {c: json.dumps(v) for c, v in scores.items()}
            self.r.hset(job_key(job_id, "scores"), mapping=mapping)

    def scores(self, job_id: str) -> dict[str, dict[str, Any]]:
        raw = self.r.hgetall(job_key(job_id, "scores"))
        return {c: json.loads(v) for c, v in raw.items()}

    def put_mutation(self, job_id: str, results: dict[Pair, dict[str, Any]]) -> None:
        """Per pair, ``{"killed": k, "mutants": n}``: of the code's ``n`` mutants, the ``k`` its
        test failed (``n`` is 0 when the code has none, or the step failed)."""
        if results:
            mapping = {encode_pair(p): json.dumps(v) for p, v in results.items()}
            self.r.hset(job_key(job_id, "mutation"), mapping=mapping)

    def mutation(self, job_id: str) -> dict[Pair, dict[str, Any]]:
        raw = self.r.hgetall(job_key(job_id, "mutation"))
        return {parse_pair(k): json.loads(v) for k, v in raw.items()}

    def put_call(self, job_id: str, step: StepKey, record: dict[str, Any]) -> None:
        """One LLM call: its prompt, what came back, tokens and seconds (for the report)."""
        self.r.hset(job_key(job_id, "calls"), step.encode(), json.dumps(record))

    def calls(self, job_id: str) -> dict[StepKey, dict[str, Any]]:
        raw = self.r.hgetall(job_key(job_id, "calls"))
        return {parse(k): json.loads(v) for k, v in raw.items()}

    # ---- dispatch bookkeeping ---------------------------------------------------------------
    def mark_sent(self, job_id: str, keys: dict[StepKey, str]) -> None:
        """Each step and the id of the task sent to do it."""
        if keys:
            mapping = {k.encode(): tid for k, tid in keys.items()}
            self.r.hset(job_key(job_id, "sent"), mapping=mapping)

    def sent(self, job_id: str) -> dict[StepKey, str]:
        return {parse(k): tid for k, tid in self.r.hgetall(job_key(job_id, "sent")).items()}

    def mark_running(self, job_id: str, keys: list[StepKey], worker: str) -> None:
        mapping = {k.encode(): worker for k in keys}
        self.r.hset(job_key(job_id, "running"), mapping=mapping)

    def clear_running(self, job_id: str, keys: list[StepKey]) -> None:
        if keys:
            self.r.hdel(job_key(job_id, "running"), *(k.encode() for k in keys))

    def running(self, job_id: str) -> dict[StepKey, str]:
        """Steps being run now, and the worker running each."""
        raw = self.r.hgetall(job_key(job_id, "running"))
        return {parse(k): worker for k, worker in raw.items()}

    def mark_gen_done(self, job_id: str, key: StepKey) -> None:
        self.r.sadd(job_key(job_id, "gendone"), key.encode())

    def gen_done(self, job_id: str) -> set[StepKey]:
        return {parse(k) for k in self.r.smembers(job_key(job_id, "gendone"))}

    def add_stats(self, job_id: str, **amounts: float) -> None:
        pipe = self.r.pipeline()
        for name, amount in amounts.items():
            pipe.hincrbyfloat(job_key(job_id, "stats"), name, amount)
        pipe.execute()

    def stats(self, job_id: str) -> dict[str, float]:
        return {k: float(v) for k, v in self.r.hgetall(job_key(job_id, "stats")).items()}

    def set_waiting(self, job_id: str, note: str) -> None:
        """What the job waits for that nothing serves (empty: nothing); an event when it
        changes, so that the submitting client says it."""
        key = job_key(job_id, "meta")
        if (self.r.hget(key, "waiting") or "") != note:
            self.r.hset(key, "waiting", note)
            self.emit(job_id, "waiting", message=note)

    # ---- finishing --------------------------------------------------------------------------
    def is_done(self, job_id: str) -> bool:
        return bool(self.r.exists(job_key(job_id, "done")))

    def request_cancel(self, job_id: str) -> None:
        self.r.hset(job_key(job_id, "meta"), "cancel", "1")

    def finish(
        self,
        job_id: str,
        status: JobStatus,
        reason: str,
        best: Pair | None,
        code: str | None = None,
    ) -> bool:
        """Record the end of a job once, with its best pair and the code it delivers (the best
        pair's, or an unverified one); False when another finisher was first."""
        finish = {"status": status.value, "reason": reason}
        record = {
            "status": status.value,
            "finish": json.dumps(finish),
            "best": json.dumps(best),
            "delivered": json.dumps(code or (best[0] if best else None)),
            "finished": repr(time.time()),
        }
        fields = [x for item in record.items() for x in item]
        keys = [job_key(job_id, "done"), job_key(job_id, "meta")]
        if not self.r.register_script(_FINISH_ONCE)(keys=keys, args=[status.value, *fields]):
            return False
        self.emit(job_id, "finished", status=status.value, reason=reason)
        self.forget_active(job_id)
        for part in PARTS:
            self.r.expire(job_key(job_id, part), FINISHED_TTL)
        return True

    # ---- events -------------------------------------------------------------------------------
    def emit(self, job_id: str, event: str, **data: Any) -> None:
        fields = {"type": event, "t": repr(time.time()), "data": json.dumps(data)}
        self.r.xadd(job_key(job_id, "events"), fields, maxlen=EVENTS_MAXLEN, approximate=True)

    def events(
        self, job_id: str, after: str = "0", block_ms: int = 1000
    ) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Events after id ``after``, waiting up to ``block_ms`` for the first."""
        reply = self.r.xread({job_key(job_id, "events"): after}, block=block_ms, count=500)
        for _stream, entries in reply or []:
            for eid, fields in entries:
                yield eid, fields["type"], json.loads(fields.get("data", "{}"))

    def events_of(
        self, after: dict[str, str], block_ms: int = 1000
    ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """``(job, event id, type, data)`` of several jobs, each after its own id in ``after``,
        in one read that waits up to ``block_ms`` for the first."""
        streams = {job_key(job_id, "events"): job_id for job_id in after}
        reply = self.r.xread(
            {key: after[job_id] for key, job_id in streams.items()}, block=block_ms, count=500
        )
        for stream, entries in reply or []:
            for eid, fields in entries:
                data = json.loads(fields.get("data", "{}"))
                yield streams[stream], eid, fields["type"], data

    # ---- workers -------------------------------------------------------------------------------
    def register_worker(self, name: str, queues: list[str], **info: Any) -> None:
        """A worker's heartbeat: its queues, when it was seen, and what else it tells
        (``worker_hooks.heartbeat``: roles, model, devices, load)."""
        self._put_beat(name, info | {"queues": queues, "seen": time.time()})

    def touch_worker(self, name: str, queue: str) -> None:
        """A worker that starts a step from ``queue`` is alive: its heartbeat's time is now
        (the rest of the heartbeat kept). Its heartbeat thread may be stuck on a connection
        that died while its node was cut off, or not have run yet on a worker just started;
        its steps must not be sent again meanwhile. The time is taken once the read is
        answered: a read held up on such a connection must not date the beat back to when it
        was sent."""
        raw = self.r.hget(WORKERS_KEY, name)
        beat = json.loads(raw) if raw else {"queues": [queue]}
        self._put_beat(name, beat | {"seen": time.time()})

    def _put_beat(self, name: str, beat: dict[str, Any]) -> None:
        """Write a heartbeat unless the stored one is newer: a beat held up on a connection
        that died while its node was cut off arrives after the node's next step has touched
        it, and must not make the worker look dead again."""
        self.r.register_script(_PUT_NEWER_BEAT)(
            keys=[WORKERS_KEY], args=[name, json.dumps(beat), repr(beat["seen"])]
        )

    def unregister_worker(self, name: str) -> None:
        self.r.hdel(WORKERS_KEY, name)

    def workers(self, max_age: float = 60.0) -> dict[str, list[str]]:
        """Workers that reported in the last ``max_age`` seconds, with their queues."""
        return {name: info["queues"] for name, info in self.heartbeats(max_age).items()}

    def heartbeats(self, max_age: float = 60.0) -> dict[str, dict[str, Any]]:
        """The last heartbeat of each worker seen in the last ``max_age`` seconds."""
        now = time.time()
        out = {}
        for name, raw in self.r.hgetall(WORKERS_KEY).items():
            info = json.loads(raw)
            if now - info["seen"] <= max_age:
                out[name] = info
        return out
