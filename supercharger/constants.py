"""Queue names, roles, task names and the Redis key layout: the one place they are spelled."""

from __future__ import annotations

LLM_QUEUE = "llm"
SANDBOX_QUEUE = "sandbox"
CONTROL_QUEUE = "control"
QUEUES = (LLM_QUEUE, SANDBOX_QUEUE, CONTROL_QUEUE)

# A worker's role names the queue it serves.
ROLE_QUEUE = {"llm": LLM_QUEUE, "sandbox": SANDBOX_QUEUE, "control": CONTROL_QUEUE}
ROLES = tuple(ROLE_QUEUE)

# Every task by name, and the queue it goes to (celeryconfig's task_routes are built from it).
TASK_GENERATE = "sc.generate"
TASK_IMPROVE = "sc.improve"
TASK_JUDGE = "sc.judge"
TASK_SCORE = "sc.score"
TASK_RUN_PAIRS = "sc.run_pairs"
TASK_MUTATE = "sc.mutate"
TASK_ADVANCE = "sc.advance"
TASK_PING = "sc.ping"
TASK_QUEUE = {
    TASK_GENERATE: LLM_QUEUE,
    TASK_IMPROVE: LLM_QUEUE,
    TASK_JUDGE: LLM_QUEUE,
    TASK_SCORE: LLM_QUEUE,
    TASK_RUN_PAIRS: SANDBOX_QUEUE,
    TASK_MUTATE: SANDBOX_QUEUE,
    TASK_ADVANCE: CONTROL_QUEUE,
    TASK_PING: CONTROL_QUEUE,
}

KEY_PREFIX = "sc"


def job_key(job_id: str, part: str = "") -> str:
    """Redis key of a job, or of one part of it (``meta``, ``cands``, ``events``...)."""
    return f"{KEY_PREFIX}:job:{job_id}" + (f":{part}" if part else "")


def lock_key(job_id: str) -> str:
    """Redis key of the lock the coordinator holds while it advances a job."""
    return f"{KEY_PREFIX}:lock:{job_id}"


JOBS_INDEX = f"{KEY_PREFIX}:jobs"
WORKERS_KEY = f"{KEY_PREFIX}:workers"
ACTIVE_JOBS = f"{KEY_PREFIX}:active"  # set of jobs still running
