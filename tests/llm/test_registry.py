"""The backend registry and option validation (no model loaded)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from supercharger.errors import ConfigError, ModelError, UnknownBackendError
from supercharger.llm import BACKENDS, get_backend


def test_unknown_backend_lists_known_names() -> None:
    with pytest.raises(UnknownBackendError) as e:
        get_backend("nope")
    for name in BACKENDS:
        assert name in str(e.value)


def test_unknown_backend_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        get_backend("llama")


@pytest.mark.parametrize(
    ("name", "options", "where"),
    [
        ("transformers", {"quantization": "3bit"}, "quantization"),
        ("transformers", {"colour": "red"}, "colour"),
        ("fake", {"judge_score": 2.0}, "judge_score"),
        ("fake", {"code_replies": []}, "code_replies"),
    ],
)
def test_bad_option_is_one_clear_line(name: str, options: dict, where: str) -> None:
    with pytest.raises(ConfigError) as e:
        get_backend(name, options=options)
    message = str(e.value)
    assert where in message and name in message
    assert "\n" not in message


def test_missing_gguf_is_a_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="not found"):
        get_backend("transformers", str(tmp_path / "nothing.gguf"))


def test_missing_folder_is_a_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="not found"):
        get_backend("transformers", str(tmp_path / "no" / "such" / "model"))


def test_broken_folder_is_a_model_error(tmp_path) -> None:
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ModelError):
        get_backend("transformers", str(tmp_path))


def test_import_does_not_load_torch() -> None:
    code = "import sys, supercharger.llm, supercharger.llm.prompts; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
