"""The ``docker`` backend: the same warm runner, in a locked-down container per batch.

The image is made here, with no registry: the provisioned sandbox interpreter (a venv of the
system python with pytest, see ``interpreter.py``), the stdlib and the shared libraries they load
are packed into a tarball and ``docker import``-ed. Each batch (or shard) runs in a fresh
container: no network, read-only root, a tmpfs work dir, memory/pids/CPU limits, every
capability dropped, no-new-privileges, a non-root uid and ``--init`` (reaps orphans), optionally
under another runtime (gVisor's ``runsc``). The runner talks over the attached stdin/stdout of
``docker run -i`` (the CLI is the only attach client that gives plain pipes); the image, the
engine checks and the clean-up go through the docker SDK.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tarfile
import threading
import uuid
import weakref
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from supercharger.errors import SandboxError
from supercharger.sandbox.assembly import runner_source
from supercharger.sandbox.base import Limits, PairResult, PairSpec
from supercharger.sandbox.bwrap import SANDBOX_ENV
from supercharger.sandbox.environments import ENV_MOUNT, Environment
from supercharger.sandbox.interpreter import provision_python
from supercharger.sandbox.session import Launch, run_sharded

IMAGE_REPO = "supercharger-sandbox"


class DockerOptions(BaseModel):
    """Options of the ``docker`` backend."""

    model_config = ConfigDict(extra="forbid")

    base_url: str | None = Field(None, description="engine address; default: DOCKER_HOST/socket")
    docker_cli: str = Field("docker", description="docker CLI used to attach to the runner")
    image: str | None = Field(None, description="image with the sandbox python; default: built")
    runtime: str | None = Field(None, description="OCI runtime, e.g. runsc (gVisor)")
    user: str = Field("65534:65534", description="uid:gid inside the container (never root)")
    cpus: float = Field(1.0, gt=0, description="CPUs per container")
    memory_headroom_mb: int = Field(256, ge=0, description="container memory above memory_mb")
    tmpfs_mb: int = Field(256, ge=16, description="size of the container's /tmp")
    provision_dir: Path = Field(
        Path("/var/tmp/supercharger-sandbox-docker"), description="where the image's venv is made"
    )
    base_python: str = Field("/usr/bin/python3", description="python the image's venv is made from")
    parallel: int = Field(1, ge=1, le=64, description="containers per batch, side by side")
    group_by_code: bool = Field(
        True,
        description="run the pairs of one code in one forked child, each from a restored state"
        " (False: one fork per pair)",
    )


class DockerBackend:
    """One fresh container per batch (or shard) running the warm runner."""

    name = "docker"

    def __init__(self, options: DockerOptions) -> None:
        if options.user.split(":")[0] in ("0", "root"):
            raise SandboxError("the docker backend never runs the sandbox as root")
        self.options = options
        self._lock = threading.Lock()
        self._client: Any = None
        self._image: str | None = None
        self._python: str | None = None
        self._names: set[str] = set()
        weakref.finalize(self, _remove_all, self._names, self._client_or_none)

    def _client_or_none(self) -> Any:
        return self._client

    def prepare(self, limits: Limits | None = None, env: Environment | None = None) -> None:
        """Reach the engine and find or build the image now (else on the first batch).
        ``limits`` and ``env`` are accepted for the same call as the bwrap backend; containers
        start per batch, so there is nothing to boot ahead."""
        with self._lock:
            if self._image is not None:
                return
            try:
                import docker
            except ImportError:
                raise SandboxError(
                    "the docker backend needs the docker SDK (pip install docker)"
                ) from None
            try:
                if self.options.base_url:
                    self._client = docker.DockerClient(base_url=self.options.base_url)
                else:
                    self._client = docker.from_env()
                self._client.ping()
            except Exception as e:  # noqa: BLE001  (the SDK raises many kinds)
                raise SandboxError(f"no docker engine reachable: {e}") from None
            if shutil.which(self.options.docker_cli) is None:
                raise SandboxError(f"docker CLI {self.options.docker_cli!r} not found")
            self._image, self._python = self._ensure_image()

    def run_batch(
        self, pairs: list[PairSpec], limits: Limits, env: Environment | None = None
    ) -> list[PairResult]:
        """The image's python holds the standard library and pytest only, so a pair sees
        ``env``'s packages (mounted read-only) and no others either way."""
        if not pairs:
            return []
        self.prepare()

        o = self.options
        return run_sharded(
            partial(self._launch, limits, env), pairs, limits, o.parallel, o.group_by_code
        )

    def close(self) -> None:
        _remove_all(self._names, self._client)

    # -- the container -------------------------------------------------------------------------

    def _launch(self, limits: Limits, env: Environment | None = None) -> Launch:
        assert self._image is not None and self._python is not None
        name = f"supercharger-{uuid.uuid4().hex[:12]}"
        self._names.add(name)
        argv = [self.options.docker_cli]
        if self.options.base_url:
            argv += ["-H", self.options.base_url]
        argv += ["run", "-i", "--rm", "--name", name, *self._run_flags(limits)]
        site = env.site if env is not None else None
        if site is not None:
            argv.append(f"--mount=type=bind,source={site},target={ENV_MOUNT},readonly")
        argv += [self._image, self._python, "-I", "-B", "-c", runner_source()]
        return Launch(
            argv=argv,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent"},
            root="/tmp",
            pidns=True,
            on_close=lambda: self._remove(name),
            # docker-init is pid 1, the runner ~6
            options={"landlock": True, "max_pid": 64, "paths": (ENV_MOUNT,) if site else ()},
        )

    def _run_flags(self, limits: Limits) -> list[str]:
        o = self.options
        mem = limits.memory_mb + o.memory_headroom_mb
        flags = [
            "--network=none",
            "--read-only",
            f"--tmpfs=/tmp:rw,nosuid,nodev,size={o.tmpfs_mb}m,mode=1777",
            f"--memory={mem}m",
            f"--memory-swap={mem}m",
            f"--pids-limit={limits.nproc + 16}",
            f"--cpus={o.cpus}",
            "--cap-drop=ALL",
            "--security-opt=no-new-privileges",
            f"--user={o.user}",
            "--init",
            "--ipc=private",
            f"--ulimit=nofile={max(limits.nofile, 256)}",
            f"--ulimit=fsize={limits.fsize_mb * 1024 * 1024}",
            "--ulimit=core=0",
            "--workdir=/tmp",
            "--log-driver=none",
        ]
        if o.runtime:
            flags.append(f"--runtime={o.runtime}")
        for key, value in SANDBOX_ENV.items():
            flags.append(f"--env={key}={value}")
        return flags

    def _remove(self, name: str) -> None:
        self._names.discard(name)
        _remove_one(self._client, name)

    # -- the image -----------------------------------------------------------------------------

    def _ensure_image(self) -> tuple[str, str]:
        python = provision_python(self.options.provision_dir, self.options.base_python)
        if self.options.image:
            return self.options.image, python
        files = image_files(python)
        digest = hashlib.sha256(
            "\n".join(
                f"{p}:{os.lstat(p).st_size}:{os.lstat(p).st_mtime_ns}" for p in files
            ).encode()
        ).hexdigest()[:12]
        tag = f"{IMAGE_REPO}:{digest}"
        try:
            self._client.images.get(tag)
        except Exception:  # noqa: BLE001  (ImageNotFound, or the engine's own words)
            data = rootfs_tar(files)
            try:
                self._client.api.import_image_from_data(data, repository=IMAGE_REPO, tag=digest)
                self._client.images.get(tag)
            except Exception as e:  # noqa: BLE001
                raise SandboxError(f"cannot import the sandbox image: {e}") from None
        return tag, python


def _remove_one(client: Any, name: str) -> None:
    if client is None:
        return
    try:
        client.containers.get(name).remove(force=True)
    except Exception:  # noqa: BLE001, S110  (already gone: --rm)
        pass


def _remove_all(names: set[str], client: Any) -> None:
    for name in list(names):
        _remove_one(client() if callable(client) else client, name)
    names.clear()


LDD_LINE = re.compile(r"(?:=>\s*)?(/\S+)\s+\(0x")


def _shared_libs(paths: list[str]) -> set[str]:
    libs: set[str] = set()
    for chunk in range(0, len(paths), 64):
        done = subprocess.run(
            ["ldd", *paths[chunk : chunk + 64]], capture_output=True, text=True, check=False
        )
        libs.update(m.group(1) for m in LDD_LINE.finditer(done.stdout))
    return libs


def image_files(python: str) -> list[str]:
    """Every file the image needs: the venv, the base interpreter, its stdlib, their libraries."""
    venv = Path(python).parent.parent
    cfg = dict(
        line.split(" = ", 1)
        for line in (venv / "pyvenv.cfg").read_text().splitlines()
        if " = " in line
    )
    real = os.path.realpath(python)
    version = Path(real).name  # python3.11
    stdlib = f"/usr/lib/{version}"
    files = [str(p) for p in venv.rglob("*") if not p.is_dir()]
    files += [python, real, os.path.join(cfg.get("home", "/usr/bin"), "python3")]
    for root, _dirs, names in os.walk(stdlib):
        if "site-packages" in root or "dist-packages" in root or "__pycache__" in root:
            continue
        if "/test" in root[len(stdlib) :] or "/idlelib" in root or "/tkinter" in root:
            continue
        files += [os.path.join(root, n) for n in names]
    sos = [f for f in files if f.endswith(".so") or f == real]
    files += sorted(_shared_libs(sos))
    return sorted(set(files))


def rootfs_tar(files: list[str]) -> bytes:
    """A root filesystem tarball: the files (world-readable), their parent dirs and every
    symlink on their way (/lib -> usr/lib ...) with its target, plus an empty /tmp."""
    buf = io.BytesIO()
    seen: set[str] = set()
    with tarfile.open(fileobj=buf, mode="w") as tar:

        def entry(path: str) -> None:  # ``path``: no symlink above it
            if path in seen:
                return
            seen.add(path)
            info = tar.gettarinfo(path, arcname=path.lstrip("/"))
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            if info.isfile():
                info.mode = 0o755 if os.access(path, os.X_OK) else 0o644
                with open(path, "rb") as f:
                    tar.addfile(info, f)
                return
            if info.isdir():
                info.mode = 0o755
            tar.addfile(info)

        def add(path: str) -> None:
            cur = "/"
            for part in Path(path).parts[1:]:
                nxt = os.path.join(cur, part)
                entry(nxt)
                if os.path.islink(nxt):
                    target = os.path.normpath(os.path.join(cur, os.readlink(nxt)))
                    if target not in seen:
                        add(target)
                    cur = os.path.realpath(nxt)
                else:
                    cur = nxt

        for f in files:
            add(f)
        tmp = tarfile.TarInfo("tmp")
        tmp.type, tmp.mode = tarfile.DIRTYPE, 0o1777
        tar.addfile(tmp)
    return buf.getvalue()
