"""What confines a pair's process from inside: rlimits and Landlock scoping."""

from __future__ import annotations

import ctypes
import math
import os
import resource

from .protocol import PairLimits

PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38
LANDLOCK_CREATE_RULESET, LANDLOCK_RESTRICT_SELF = 444, 446  # same numbers on every arch
LANDLOCK_SCOPE_ABSTRACT_UNIX, LANDLOCK_SCOPE_SIGNAL = 1, 2
LIBC = ctypes.CDLL(None, use_errno=True)
PAIR_RLIMITS = (  # what ``set_limits`` lowers (a group child checks none was lowered again)
    resource.RLIMIT_AS,
    resource.RLIMIT_FSIZE,
    resource.RLIMIT_NOFILE,
    resource.RLIMIT_NPROC,
    resource.RLIMIT_CORE,
    resource.RLIMIT_CPU,
)


def landlock_abi() -> int:
    return LIBC.syscall(LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))


def landlock_scope() -> bool:
    """Landlock (ABI >= 6): this process and its children can no longer signal, nor connect to
    abstract unix sockets of, anything outside their own domain: the runner, bwrap's init.
    False where the kernel lacks it (then
    ``kill(getppid())`` reaches the runner, which the host survives by restarting it)."""
    libc = LIBC
    if landlock_abi() < 6:
        return False
    attr = (ctypes.c_uint64 * 3)(0, 0, LANDLOCK_SCOPE_SIGNAL | LANDLOCK_SCOPE_ABSTRACT_UNIX)
    fd = libc.syscall(
        LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(24), ctypes.c_uint32(0)
    )
    if fd < 0:
        return False
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    ok = libc.syscall(LANDLOCK_RESTRICT_SELF, ctypes.c_int(fd), ctypes.c_uint32(0)) == 0
    os.close(fd)
    return ok


def set_limits(limits: PairLimits) -> None:
    """Lower this process's rlimits (soft == hard, so the code cannot raise them again)."""
    mb = 1024 * 1024
    cpu = math.ceil(limits.timeout_s) + 1
    for res, value in (
        (resource.RLIMIT_AS, limits.memory_mb * mb),
        (resource.RLIMIT_FSIZE, limits.fsize_mb * mb),
        (resource.RLIMIT_NOFILE, limits.nofile),
        (resource.RLIMIT_NPROC, limits.nproc),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(res, (value, value))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
