"""The sandbox's memory cgroup's OOM-kill count, read before and after every pair."""

from __future__ import annotations

import os


def cgroup_oom_kills(fd: int | None) -> int | None:
    """The sandbox's memory cgroup's OOM-kill count (an fd the host passed in), if it has one."""
    if fd is None:
        return None
    try:
        text = os.pread(fd, 4096, 0)
    except OSError:
        return None
    for line in text.split(b"\n"):
        key, _, value = line.partition(b" ")
        if key == b"oom_kill" and value.isdigit():
            return int(value)
    return None


def oom_since(fd: int | None, before: int | None) -> bool | None:
    after = cgroup_oom_kills(fd)
    return None if before is None or after is None else after > before
