"""Queue names, roles, task names and the Redis key layout: the one place they are spelled."""

from __future__ import annotations

LLM_QUEUE = "llm"
SANDBOX_QUEUE = "sandbox"
CONTROL_QUEUE = "control"
QUEUES = (LLM_QUEUE, SANDBOX_QUEUE, CONTROL_QUEUE)

# A worker's role names the queue it serves.
ROLE_QUEUE = {"llm": LLM_QUEUE, "sandbox": SANDBOX_QUEUE, "control": CONTROL_QUEUE}
ROLES = tuple(ROLE_QUEUE)

# What the model is asked to do in a job. Each LLM role goes to ``llm`` unless the settings
# route it to a queue of its own (``SUPERCHARGER_ROUTED_ROLES``): then ``llm.<role>``, served
# by ``supercharger worker llm --roles <role>,...`` (another model, or a hosted one).
CODE_ROLE = "code"
TEST_ROLE = "test"
REPAIR_ROLE = "repair"  # improve: a failing code repaired with its pytest output
SCORE_ROLE = "score"
JUDGE_ROLE = "judge"
LLM_ROLES = (CODE_ROLE, TEST_ROLE, REPAIR_ROLE, SCORE_ROLE, JUDGE_ROLE)


def role_queue(role: str, routed: tuple[str, ...] | list[str] | frozenset[str]) -> str:
    """The queue of LLM role ``role``: its own when ``routed`` names it, else ``llm``."""
    return f"{LLM_QUEUE}.{role}" if role in routed else LLM_QUEUE


def served_roles(queues: list[str], routed: tuple[str, ...] | list[str]) -> list[str]:
    """What a worker consuming ``queues`` serves: LLM roles (``llm`` serves each role not
    routed elsewhere), ``sandbox``, ``control``."""
    roles: list[str] = []
    for queue in queues:
        if queue == LLM_QUEUE:
            roles += [role for role in LLM_ROLES if role not in routed]
        elif is_llm_queue(queue):
            roles.append(queue.removeprefix(LLM_QUEUE + "."))
        else:
            roles.append(queue)
    return roles


def is_llm_queue(queue: str) -> bool:
    """True for ``llm`` and every routed ``llm.<role>`` queue."""
    return queue == LLM_QUEUE or queue.startswith(LLM_QUEUE + ".")


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
WORKERS_KEY = f"{KEY_PREFIX}:workers"  # hash: worker name -> heartbeat JSON
ACTIVE_JOBS = f"{KEY_PREFIX}:active"  # set of jobs still running
ADVANCED = f"{KEY_PREFIX}:advanced"  # hash: running job -> when the coordinator last advanced it
