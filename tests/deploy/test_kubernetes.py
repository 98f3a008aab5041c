"""deploy/kubernetes: every manifest parses, hangs together (selectors, secret keys, services,
KEDA targets) and agrees with the CLI, the settings and the queue names of constants.py."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from supercharger import constants
from tests.deploy.checks import ROLES, cli_errors, env_errors, role_of
from tests.docker_engine import ROOT

K8S = ROOT / "deploy" / "kubernetes"


def _docs(name: str) -> list[dict[str, Any]]:
    docs = [d for d in yaml.safe_load_all((K8S / name).read_text()) if d]
    for d in docs:
        assert {"apiVersion", "kind", "metadata"} <= set(d), (name, d)
        assert d["metadata"]["name"], (name, d)
    return docs


@pytest.fixture(scope="module")
def objects() -> dict[tuple[str, str], dict[str, Any]]:
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted(p.name for p in K8S.glob("*.yaml") if p.name not in
                                    ("kustomization.yaml", "secret.example.yaml"))  # fmt: skip
    out = {}
    for name in listed:
        for d in _docs(name):
            key = (d["kind"], d["metadata"]["name"])
            assert key not in out, key
            out[key] = d
    return out


def _deployments(objects: dict) -> dict[str, dict[str, Any]]:
    return {n: d for (k, n), d in objects.items() if k == "Deployment"}


def _container(d: dict[str, Any]) -> dict[str, Any]:
    [c] = d["spec"]["template"]["spec"]["containers"]
    return c


def _secret_keys() -> set[str]:
    [secret] = _docs("secret.example.yaml")
    return set(secret["stringData"])


def test_a_deployment_per_role(objects: dict) -> None:
    deps = _deployments(objects)
    roles = {role_of(_container(d)["args"]): n for n, d in deps.items()}
    assert set(ROLES) <= set(roles), roles
    for d in deps.values():
        labels = d["spec"]["template"]["metadata"]["labels"]
        assert d["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_llm_requests_gpus_and_numbers_them_from_0(objects: dict) -> None:
    deps = _deployments(objects)
    for d in deps.values():
        c = _container(d)
        gpus = c["resources"].get("limits", {}).get("nvidia.com/gpu")
        if role_of(c["args"]) == "llm":
            inside = c["args"][c["args"].index("--gpus") + 1].split(",")
            assert gpus == len(inside) and inside == [str(i) for i in range(gpus)], c
        else:
            assert gpus is None, d["metadata"]["name"]


def test_sandbox_may_run_bubblewrap(objects: dict) -> None:
    sandbox = objects[("Deployment", "supercharger-sandbox")]["spec"]["template"]
    assert sandbox["spec"]["securityContext"]["seccompProfile"] == {"type": "Unconfined"}
    sec = _container({"spec": {"template": sandbox}})["securityContext"]
    assert sec["procMount"] == "Unmasked" and sec["capabilities"] == {"drop": ["ALL"]}


def test_commands_env_and_secrets(objects: dict) -> None:
    keys = _secret_keys()
    assert env_errors(sorted(keys)) == []
    assert "SUPERCHARGER_BROKER_URL" in keys
    for name, d in _deployments(objects).items():
        c = _container(d)
        assert c["image"] == "supercharger", name  # kustomization.yaml sets the tag
        assert cli_errors(c["args"]) == [], name
        assert env_errors([e["name"] for e in c.get("env", [])]) == [], name
        assert c["envFrom"] == [{"secretRef": {"name": "supercharger"}}], name
        if c["args"][0] == "flower":
            assert "SUPERCHARGER_FLOWER_BASIC_AUTH" in keys


def test_redis_has_password_and_append_only_file(objects: dict) -> None:
    redis = objects[("StatefulSet", "redis")]
    c = _container(redis)
    cmd = c["command"]
    assert cmd[cmd.index("--appendonly") + 1] == "yes"
    assert cmd[cmd.index("--requirepass") + 1] == "$(REDIS_PASSWORD)"
    refs = {e["name"]: e["valueFrom"]["secretKeyRef"] for e in c["env"]}
    assert refs["REDIS_PASSWORD"] == {"name": "supercharger", "key": "REDIS_PASSWORD"}
    assert "REDIS_PASSWORD" in _secret_keys()
    assert c["volumeMounts"] == [{"name": "data", "mountPath": "/data"}]
    [claim] = redis["spec"]["volumeClaimTemplates"]
    assert claim["metadata"]["name"] == "data"
    [secret] = _docs("secret.example.yaml")
    host = urlsplit(secret["stringData"]["SUPERCHARGER_BROKER_URL"]).hostname
    assert ("Service", host) in objects


def test_keda_scales_each_worker_on_its_own_queue(objects: dict) -> None:
    deps = _deployments(objects)
    scaled = {n: d for (k, n), d in objects.items() if k == "ScaledObject"}
    assert scaled
    auths = {n for (k, n) in objects if k == "TriggerAuthentication"}
    for name, so in scaled.items():
        assert so["apiVersion"] == "keda.sh/v1alpha1"
        target = deps[so["spec"]["scaleTargetRef"]["name"]]
        role = role_of(_container(target)["args"])
        [trigger] = so["spec"]["triggers"]
        meta = trigger["metadata"]
        assert trigger["type"] == "redis", name
        assert meta["listName"] == constants.ROLE_QUEUE[role], name
        assert meta["listName"] in constants.QUEUES
        assert int(meta["listLength"]) >= 1 and meta["databaseIndex"] == "0"
        assert ("Service", meta["address"].split(":")[0]) in objects
        assert trigger["authenticationRef"]["name"] in auths
        assert 1 <= so["spec"]["minReplicaCount"] <= so["spec"]["maxReplicaCount"]
    scaled_roles = {role_of(_container(deps[s["spec"]["scaleTargetRef"]["name"]])["args"])
                    for s in scaled.values()}  # fmt: skip
    assert scaled_roles == {"llm", "sandbox"}


def test_kustomize_builds() -> None:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed")
    done = subprocess.run(
        [kubectl, "kustomize", str(K8S)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    built = [d for d in yaml.safe_load_all(done.stdout) if d]
    assert {d["metadata"].get("namespace") for d in built if d["kind"] != "Namespace"} == {
        "supercharger"
    }
    images = {c["image"] for d in built if d["kind"] == "Deployment"
              for c in d["spec"]["template"]["spec"]["containers"]}  # fmt: skip
    assert images == {"supercharger:0.1.0"}
