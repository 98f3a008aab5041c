"""Settings read from the environment: backend options are typed and checked at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from supercharger.errors import ConfigError, UnknownBackendError
from supercharger.llm.options import FakeOptions, OpenAIOptions, TransformersOptions
from supercharger.settings import Settings, get_settings


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A clean SUPERCHARGER_* environment; get_settings reads it afresh."""
    for name in list(os.environ):
        if name.startswith("SUPERCHARGER_"):
            monkeypatch.delenv(name)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_default_options_are_the_default_backends_models(env: pytest.MonkeyPatch) -> None:
    s = Settings()
    assert isinstance(s.llm_options, TransformersOptions)
    assert type(s.sandbox_options).__name__ == "BwrapOptions"
    assert s.sandbox_kwargs() == {}


def test_json_and_nested_variables_merge(env: pytest.MonkeyPatch) -> None:
    env.setenv("SUPERCHARGER_SANDBOX_OPTIONS", '{"parallel": 2}')
    env.setenv("SUPERCHARGER_SANDBOX_OPTIONS__CGROUPS", "false")
    env.setenv("SUPERCHARGER_SANDBOX_PYTHON", "/usr/bin/python3")
    env.setenv("SUPERCHARGER_LLM_OPTIONS__THREADS", "2")
    env.setenv("SUPERCHARGER_LLM_OPTIONS__MAX_MEMORY__CPU", "30GiB")
    s = Settings()
    assert s.sandbox_options.parallel == 2 and s.sandbox_options.cgroups is False
    assert s.sandbox_kwargs() == {"python": "/usr/bin/python3", "parallel": 2, "cgroups": False}
    assert s.llm_options.threads == 2 and s.llm_options.max_memory == {"cpu": "30GiB"}


def test_the_backend_name_picks_the_options_model(env: pytest.MonkeyPatch) -> None:
    fake = Settings(llm_backend="fake", llm_options={"judge_score": 0.5})
    assert isinstance(fake.llm_options, FakeOptions) and fake.llm_options.judge_score == 0.5
    env.setenv("SUPERCHARGER_LLM_BACKEND", "openai")
    env.setenv("SUPERCHARGER_LLM_OPTIONS__BASE_URL", "http://127.0.0.1:8000")
    env.setenv("SUPERCHARGER_LLM_OPTIONS__API_KEY", "123")  # stays a string
    s = Settings()
    assert isinstance(s.llm_options, OpenAIOptions) and s.llm_options.api_key == "123"


@pytest.mark.parametrize(
    ("variables", "error", "message"),
    [
        ({"SUPERCHARGER_LLM_BACKEND": "llama"}, UnknownBackendError,
         "SUPERCHARGER_LLM_BACKEND: unknown LLM backend 'llama'; known backends: fake, openai"),
        ({"SUPERCHARGER_SANDBOX_BACKEND": "vm"}, UnknownBackendError,
         "unknown sandbox backend 'vm'; known: bwrap, docker, process"),
        ({"SUPERCHARGER_SANDBOX_OPTIONS__BOGUS": "1"}, ConfigError,
         "SUPERCHARGER_SANDBOX_OPTIONS: sandbox backend 'bwrap' option bogus: unknown (known: "),
        ({"SUPERCHARGER_LLM_OPTIONS": '{"quantization": "3bit"}'}, ConfigError,
         "SUPERCHARGER_LLM_OPTIONS: transformers backend option quantization: Input should be"),
        ({"SUPERCHARGER_LLM_OPTIONS": "{bad"}, ConfigError,
         "SUPERCHARGER_LLM_OPTIONS: cannot parse its value (expected JSON)"),
        ({"SUPERCHARGER_BATCH_SIZE": "0"}, ConfigError,
         "SUPERCHARGER_BATCH_SIZE: Input should be greater than or equal to 1"),
    ],
)  # fmt: skip
def test_a_bad_setting_is_one_line_at_start_up(
    env: pytest.MonkeyPatch, variables: dict[str, str], error: type, message: str
) -> None:
    for name, value in variables.items():
        env.setenv(name, value)
    with pytest.raises(error) as e:
        get_settings()
    assert message in str(e.value) and "\n" not in str(e.value)


def test_validating_options_imports_no_backend() -> None:
    code = (
        "import sys; from supercharger.settings import Settings; "
        "Settings(llm_backend='openai', llm_options={'base_url': 'http://h:1'}); "
        "print(sorted(m for m in ('torch', 'transformers', 'openai', 'supercharger.llm.hf') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_llm_worker_runs_as_many_tasks_as_fill_its_batch(env: pytest.MonkeyPatch) -> None:
    from supercharger.cluster.launch import llm_concurrency

    assert llm_concurrency(Settings()) == 2  # 16 rows, 8 a call
    assert llm_concurrency(Settings(batch_size=2)) == 8
    assert llm_concurrency(Settings(batch_size=5)) == 4  # rounded up: the batch is full
    assert llm_concurrency(Settings(llm_options={"batch_rows": 0})) == 1  # no shared batch
    assert llm_concurrency(Settings(llm_backend="fake")) == 1  # a stand-in for one GPU call
    assert llm_concurrency(Settings(llm_backend="fake", llm_concurrency=3)) == 3
