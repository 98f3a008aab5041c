"""One uid per live sandbox: a host-wide lease on a uid from a fixed range (root workers only).

``RLIMIT_NPROC`` is charged per real uid: on every kernel to all of the uid's processes on the
host, and on Linux >= 5.14 also per user namespace (the pair's limit then counts its own
sandbox, the limit bwrap was started with counts the uid host-wide). Sandboxes that share a uid
share that budget, so a fork bomb in one makes ``fork()`` fail in another. Each runner
therefore runs as a uid of its own, leased for as long as it lives.

A slot is a lock file per uid (``<lock_dir>/<uid>.lock``, root-only) held with ``flock``: it is
unique across threads (each lease opens its own file description) and processes, and the kernel
drops it when the holder closes it or dies. A process forked (without exec) from a holder drops
its copies at once, so it never keeps the parent's slot alive.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import random
import stat
import threading
import time
import weakref
from functools import cache
from pathlib import Path

from supercharger.errors import SandboxError

log = logging.getLogger(__name__)

LOCK_DIR = Path("/run/supercharger/uid-slots")
WAIT_S = 10.0  # how long a runner waits for a free slot before SandboxError
POLL_S = 0.05

_cursor_lock = threading.Lock()
_cursor = random.randrange(1 << 16)  # where this process starts looking (spreads processes)
_held: weakref.WeakSet[UidLease] = weakref.WeakSet()


class UidLease:
    """A uid (and gid) held for one runner until ``release()``, the holder's exit, or GC."""

    def __init__(self, uid: int, gid: int, fd: int) -> None:
        self.uid = uid
        self.gid = gid
        self._fd = fd
        self._lock = threading.Lock()
        _held.add(self)

    @property
    def held(self) -> bool:
        return self._fd >= 0

    def release(self) -> None:
        """Give the slot back (idempotent). Closes our descriptor only: never ``LOCK_UN``, which
        would also drop a lock some other descriptor of the same open file still holds."""
        with self._lock:
            fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)

    def _forget(self) -> None:
        """In a forked child: drop the inherited descriptor; the parent keeps the slot."""
        fd, self._fd = self._fd, -1
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()

    def __repr__(self) -> str:
        return f"UidLease(uid={self.uid}, gid={self.gid}, held={self.held})"


def _after_fork_in_child() -> None:
    global _cursor_lock
    _cursor_lock = threading.Lock()
    for lease in list(_held):
        lease._forget()
        lease._lock = threading.Lock()


os.register_at_fork(after_in_child=_after_fork_in_child)


def lock_dir(path: Path) -> Path:
    """Create ``path`` (0700) or accept it only if we own it and nobody else can write to it."""
    try:
        path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError as e:
        raise SandboxError(f"cannot make the uid slot lock dir {path}: {e.strerror}") from None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        why = "not a directory owned by us and closed to others"
        raise SandboxError(f"refusing uid slot lock dir {path}: {why}")
    return path


def _try(folder: Path, uid: int) -> int | None:
    """The locked descriptor of ``uid``'s lock file, or None if another lease holds it."""
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        fd = os.open(folder / f"{uid}.lock", flags, 0o600)
    except OSError as e:
        raise SandboxError(f"cannot open a uid slot lock in {folder}: {e.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        os.close(fd)
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return None
        raise SandboxError(f"cannot lock a uid slot in {folder}: {e.strerror}") from None
    return fd


def lease(
    base: int,
    slots: int,
    gid: int | None = None,
    folder: Path = LOCK_DIR,
    wait_s: float = WAIT_S,
) -> UidLease:
    """A free uid in ``[base, base + slots)``, locked for the caller; gid = ``gid`` or the uid.
    Slots are tried round-robin from where this process last found one, so a slot just given
    back (its sandbox's last processes may still be dying) is the last to be taken again.
    Waits up to ``wait_s`` for one to come free, then raises SandboxError."""
    global _cursor
    folder = lock_dir(folder)
    _warn_if_taken(base, slots)
    deadline = time.monotonic() + wait_s
    while True:
        with _cursor_lock:
            start = _cursor
        for k in range(slots):
            i = (start + k) % slots
            fd = _try(folder, base + i)
            if fd is not None:
                with _cursor_lock:
                    _cursor = i + 1
                return UidLease(base + i, base + i if gid is None else gid, fd)
        if time.monotonic() >= deadline:
            raise SandboxError(
                f"all {slots} sandbox uid slots ({base}-{base + slots - 1}) are taken "
                f"(locks in {folder}); waited {wait_s:g} s. Raise the bwrap option uid_slots, "
                "or run fewer sandboxes at once on this host (workers x pool processes x "
                "parallel, + 1 standby each)"
            )
        time.sleep(POLL_S)


@cache
def _warn_if_taken(base: int, slots: int) -> None:
    """Log once if a user in /etc/passwd has a uid in the range (its processes would share the
    sandboxes' process budget, and it could signal or trace sandboxed processes)."""
    try:
        lines = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    for line in lines:
        parts = line.split(":")
        if len(parts) > 2 and parts[2].isdigit() and base <= int(parts[2]) < base + slots:
            log.warning(
                "sandbox uid range %d-%d holds user %r (uid %s): pick a range no user has "
                "(bwrap options uid_base, uid_slots)",
                base,
                base + slots - 1,
                parts[0],
                parts[2],
            )
