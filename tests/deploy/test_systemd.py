"""deploy/systemd: one unit per role (llm per GPU set), as systemd-analyze verify reads them
(with the install prefix pointed at this checkout), and each ExecStart, variable and role
checked against the CLI, the settings and the constants."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from supercharger import constants
from tests.deploy.checks import ROLES, cli_errors, env_errors, role_of
from tests.docker_engine import ROOT

UNITS = ROOT / "deploy" / "systemd"
PREFIX = "/opt/supercharger/.venv/bin/supercharger"


def _unit(path: Path) -> dict[str, list[str]]:
    """``Section.Key`` -> every value it is given (systemd allows a key more than once)."""
    out: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        out.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return out


def _argv(unit: dict[str, list[str]], instance: str = "0") -> list[str]:
    [exec_start] = unit["Service.ExecStart"]
    argv = shlex.split(exec_start.replace("%I", instance))
    assert argv[0] == PREFIX, argv
    return argv[1:]


def _units() -> dict[str, dict[str, list[str]]]:
    return {p.name: _unit(p) for p in sorted(UNITS.glob("*.service"))}


def test_one_unit_per_role_llm_per_gpu_set() -> None:
    units = _units()
    roles = {role_of(_argv(u)): name for name, u in units.items()}
    assert set(ROLES) <= set(roles), roles
    assert roles["llm"] == "supercharger-llm@.service"
    assert "--gpus %I" in units["supercharger-llm@.service"]["Service.ExecStart"][0]
    assert any(_argv(u)[0] == "flower" for u in units.values())


@pytest.mark.parametrize("instance", ["0", "2,3"])
def test_commands_parse(instance: str) -> None:
    for name, unit in _units().items():
        argv = _argv(unit, instance)
        assert cli_errors(argv) == [], name
        if role_of(argv):
            assert role_of(argv) in constants.ROLE_QUEUE


def test_settings_and_shutdown() -> None:
    for name, unit in _units().items():
        names = [e.split("=", 1)[0] for e in unit.get("Service.Environment", [])]
        assert env_errors(names) == [], name
        assert "/etc/supercharger/supercharger.env" in unit["Service.EnvironmentFile"], name
        assert unit["Service.User"] == ["supercharger"], name
        if role_of(_argv(unit)):  # a worker finishes its task in hand when stopped
            assert unit["Service.KillSignal"] == ["SIGTERM"], name
            assert unit["Service.TimeoutStopSec"][0].endswith("min"), name
    example = (UNITS / "supercharger.env.example").read_text().splitlines()
    names = [line.lstrip("# ").split("=", 1)[0] for line in example if "=" in line]
    assert names and env_errors(names) == [], names


def test_systemd_analyze_verify(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed")
    exe = ROOT / ".venv" / "bin" / "supercharger"
    assert exe.exists(), exe
    for path in UNITS.glob("*.service"):
        text = path.read_text().replace(PREFIX, str(exe))
        name = path.name.replace("@.", "@0.")  # verify takes an instance of a template
        (tmp_path / name).write_text(text)
        if "@" in path.name:
            (tmp_path / path.name).write_text(text)
    files = [str(p) for p in sorted(tmp_path.glob("*@0.service"))]
    files += [str(p) for p in sorted(tmp_path.glob("*.service")) if "@" not in p.name]
    done = subprocess.run(
        [tool, "verify", "--man=no", *files], capture_output=True, text=True, timeout=60
    )
    # verify only warns (exit 0) about an unknown key or a bad value: both count here
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
