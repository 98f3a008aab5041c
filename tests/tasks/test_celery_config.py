"""Celery's configuration: package defaults, the operator's file by path, CELERY_<NAME>."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from supercharger.errors import ConfigError
from supercharger.settings import Settings
from supercharger.tasks import celery_config, celery_defaults

PROBE = (
    "import json; from supercharger.tasks.app import app; c = app.conf; "
    "print(json.dumps([c.task_serializer, c.worker_prefetch_multiplier, c.task_acks_late]))"
)


def test_a_stray_celeryconfig_on_sys_path_changes_nothing_and_variables_apply(
    tmp_path: Path,
) -> None:
    (tmp_path / "celeryconfig.py").write_text(
        "task_serializer = 'pickle'\nworker_prefetch_multiplier = 99\ntask_acks_late = False\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "SUPERCHARGER_"))}
    env |= {"PYTHONPATH": str(tmp_path), "CELERY_WORKER_PREFETCH_MULTIPLIER": "4"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == ["json", 4, True]


def test_the_shipped_file_lists_every_default_commented_out() -> None:
    text = celery_config.SHIPPED.read_text()
    commented = re.findall(r"^# ([a-z_]+) = ", text, flags=re.MULTILINE)
    assert commented == list(celery_config.celery_settings(vars(celery_defaults)))
    assert celery_config.operator_settings(None) == {}  # nothing set until a line is uncommented


def test_layers_in_order(tmp_path: Path) -> None:
    ops = tmp_path / "ops.py"
    ops.write_text("import os\ntask_time_limit = 60\nworker_concurrency = 3\n")
    settings = Settings(broker_url="redis://cluster:6379/0", celery_config=ops)
    env = {"CELERY_TASK_TIME_LIMIT": "90", "CELERY_WORKER_CONCURRENCY": "x", "CELERY_NOPE": "1"}
    config = celery_config.load(settings, env)
    assert config["broker_url"] == "redis://cluster:6379/0"  # the settings' broker
    assert config["task_serializer"] == "json"  # a package default
    assert config["task_time_limit"] == 90 and config["worker_concurrency"] == "x"
    assert "nope" not in config and "os" not in config


def test_a_missing_or_broken_operator_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SUPERCHARGER_CELERY_CONFIG: .*no such file"):
        celery_config.load(Settings(celery_config=tmp_path / "nope.py"), {})
    broken = tmp_path / "broken.py"
    broken.write_text("task_time_limit = \n")
    with pytest.raises(ConfigError, match="broken.py: SyntaxError") as e:
        celery_config.load(Settings(celery_config=broken), {})
    assert "\n" not in str(e.value)
