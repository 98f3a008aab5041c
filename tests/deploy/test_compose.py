"""compose.yaml as Docker Compose v2 reads it: it is accepted, Redis keeps a password and an
append-only file, Flower has basic auth, each llm service holds its own GPU set, and every
command, variable and role agrees with the CLI, the settings and the constants."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deploy.checks import cli_errors, env_errors, role_of
from tests.deploy.compose import SECRETS, compose_env, config, services


@pytest.fixture(scope="module")
def svc() -> dict[str, Any]:
    return services()


def _llm(svc: dict[str, Any]) -> dict[str, Any]:
    return {n: s for n, s in svc.items() if role_of(s.get("command") or []) == "llm"}


def _gpu_ids(service: dict[str, Any]) -> list[str]:
    devices = service["deploy"]["resources"]["reservations"]["devices"]
    assert all(d["driver"] == "nvidia" and "gpu" in d["capabilities"] for d in devices)
    assert all("count" not in d or d["count"] in (None, 0) for d in devices), devices
    return [i for d in devices for i in d["device_ids"]]


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_refused_without_each_secret(missing: str) -> None:
    env = compose_env(**{k: v for k, v in SECRETS.items() if k != missing})
    done = config(env)
    assert done.returncode != 0 and missing in done.stderr, done.stderr


def test_redis_has_password_and_append_only_file(svc: dict[str, Any]) -> None:
    cmd = svc["redis"]["command"]
    assert cmd[0] == "redis-server"
    assert cmd[cmd.index("--appendonly") + 1] == "yes"
    assert cmd[cmd.index("--requirepass") + 1] == SECRETS["REDIS_PASSWORD"]
    assert [v["target"] for v in svc["redis"]["volumes"]] == ["/data"]
    assert all(p["host_ip"] == "127.0.0.1" for p in svc["redis"]["ports"]), svc["redis"]["ports"]


def test_every_worker_uses_the_password(svc: dict[str, Any]) -> None:
    url = f"redis://:{SECRETS['REDIS_PASSWORD']}@redis:6379/0"
    workers = [n for n in svc if n != "redis"]
    assert workers
    for name in workers:
        assert svc[name]["environment"]["SUPERCHARGER_BROKER_URL"] == url, name
        assert svc[name]["depends_on"]["redis"]["condition"] == "service_healthy", name


def test_flower_has_basic_auth_and_stays_local(svc: dict[str, Any]) -> None:
    flower = svc["flower"]
    assert flower["command"][0] == "flower"
    assert flower["environment"]["SUPERCHARGER_FLOWER_BASIC_AUTH"] == SECRETS["FLOWER_AUTH"]
    assert all(p["host_ip"] == "127.0.0.1" for p in flower["ports"]), flower["ports"]


def test_sandbox_may_run_bubblewrap(svc: dict[str, Any]) -> None:
    """bwrap needs user namespaces (seccomp) and a fresh /proc (docker's masked paths)."""
    opts = set(svc["sandbox"]["security_opt"])
    assert {"seccomp=unconfined", "systempaths=unconfined"} <= opts, opts
    assert not svc["sandbox"].get("cap_add") and not svc["sandbox"].get("privileged")


def test_one_llm_service_per_gpu_set(svc: dict[str, Any]) -> None:
    llm = _llm(svc)
    assert len(llm) >= 3, sorted(llm)
    taken: list[str] = []
    for name, s in llm.items():
        ids = _gpu_ids(s)
        cmd = s["command"]
        inside = cmd[cmd.index("--gpus") + 1].split(",")
        # the container sees its set numbered from 0
        assert inside == [str(i) for i in range(len(ids))], (name, ids, inside)
        taken += ids
    assert len(taken) == len(set(taken)), f"a GPU in two sets: {taken}"
    assert sorted(set(taken)) == ["0", "1", "2", "3"]


def test_llm_worker_names_differ(svc: dict[str, Any]) -> None:
    names = [s["command"][s["command"].index("--name") + 1] for s in _llm(svc).values()]
    assert len(set(names)) == len(names) and all(n.endswith("@%h") for n in names), names


def test_default_profile_is_one_gpu_box() -> None:
    plain = services(profiles="")
    assert sorted(_llm(plain)) == ["llm"] and _gpu_ids(plain["llm"]) == ["0"]
    assert {"redis", "control", "sandbox", "flower"} <= set(plain)


def test_commands_variables_and_roles_agree(svc: dict[str, Any]) -> None:
    roles = set()
    for name, s in svc.items():
        if name == "redis":
            continue
        assert s["image"] == "supercharger", name
        assert cli_errors(s["command"]) == [], name
        assert env_errors(list(s["environment"])) == [], name
        roles.add(role_of(s["command"]))
    assert roles == {"llm", "sandbox", "control", None}  # None: flower
