"""Queue names, task names and Redis key layout: the one place they are spelled."""

from __future__ import annotations

LLM_QUEUE = "llm"
SANDBOX_QUEUE = "sandbox"
CONTROL_QUEUE = "control"
QUEUES = (LLM_QUEUE, SANDBOX_QUEUE, CONTROL_QUEUE)

KEY_PREFIX = "sc"


def job_key(job_id: str, part: str = "") -> str:
    """Redis key of a job, or of one part of it (``meta``, ``cands``, ``events``...)."""
    return f"{KEY_PREFIX}:job:{job_id}" + (f":{part}" if part else "")


JOBS_INDEX = f"{KEY_PREFIX}:jobs"
WORKERS_KEY = f"{KEY_PREFIX}:workers"
ACTIVE_JOBS = f"{KEY_PREFIX}:active"  # set of jobs still running
