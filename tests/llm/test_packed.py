"""oneDNN packed bfloat16 matmuls (``supercharger.llm.packed``) and when the backend uses them."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import torch

from supercharger.llm import Sampling, get_backend, packed
from supercharger.llm.hf import TransformersBackend, TransformersOptions, cpu_has_bf16, torch_dtype
from supercharger.llm.prompts import code_prompt

# Packing needs oneDNN and a CPU its bfloat16 path runs on; the rest of the file runs anywhere.
needs_packing = pytest.mark.skipif(
    not packed.available(), reason="this torch or CPU cannot pack bfloat16 weights"
)

FACTORIAL = code_prompt(
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):",
    "factorial",
)


def _linear(bias: bool, dtype: torch.dtype = torch.bfloat16) -> torch.nn.Linear:
    torch.manual_seed(0)
    return torch.nn.Linear(576, 1536, bias=bias).to(dtype)


@needs_packing
@pytest.mark.parametrize("bias", [False, True])
def test_a_packed_linear_gives_the_linear_s_result(bias: bool) -> None:
    linear = _linear(bias)
    layer = packed.PackedLinear(linear)
    for shape in [(1, 576), (16, 576), (3, 1, 576), (2, 7, 576)]:
        x = torch.randn(shape).to(torch.bfloat16)
        with torch.inference_mode():
            got, want = layer(x), linear(x)
        assert got.shape == want.shape and got.dtype == torch.bfloat16
        assert torch.equal(got, want)


@needs_packing
def test_a_packed_row_does_not_depend_on_the_rest_of_the_batch() -> None:
    layer = packed.PackedLinear(_linear(bias=False))
    x = torch.randn(16, 576).to(torch.bfloat16)
    with torch.inference_mode():
        whole = layer(x)
        for rows in (1, 2, 3, 5, 8, 15):
            assert torch.equal(layer(x[:rows]), whole[:rows])
        assert torch.equal(layer(x[7:8]), whole[7:8])


@needs_packing
def test_only_plain_bfloat16_cpu_linears_are_packed() -> None:
    class Quantized(torch.nn.Linear):  # stands for bitsandbytes' Linear8bitLt
        pass

    model = torch.nn.Sequential(
        torch.nn.Linear(8, 8).to(torch.bfloat16),
        torch.nn.Sequential(torch.nn.Linear(8, 8).to(torch.bfloat16), torch.nn.ReLU()),
        torch.nn.Linear(8, 8),  # float32
        Quantized(8, 8).to(torch.bfloat16),
    )
    assert packed.pack_linears(model) == 2
    assert isinstance(model[0], packed.PackedLinear)
    assert isinstance(model[1][0], packed.PackedLinear)
    assert type(model[2]) is torch.nn.Linear and type(model[3]) is Quantized
    with torch.inference_mode():
        assert model[:2](torch.randn(2, 8).to(torch.bfloat16)).shape == (2, 8)
    assert packed.pack_linears(model) == 0  # nothing left to pack


def test_available_says_whether_this_cpu_can_pack() -> None:
    try:
        packed.PackedLinear(_linear(bias=True))
    except (RuntimeError, AttributeError):
        packs = False
    else:
        packs = True
    assert packed.available() is packs


def test_auto_dtype_on_cpu() -> None:
    hardware = torch.bfloat16 if cpu_has_bf16() and packed.available() else torch.float32
    assert torch_dtype(TransformersOptions(), cuda=False) == hardware
    assert torch_dtype(TransformersOptions(packed_weights=False), cuda=False) == torch.float32
    assert torch_dtype(TransformersOptions(quantization="8bit"), cuda=False) == torch.float32
    assert torch_dtype(TransformersOptions(dtype="float32"), cuda=False) == torch.float32
    assert torch_dtype(TransformersOptions(), cuda=True) == torch.bfloat16


def test_the_bundled_model_is_packed_where_the_cpu_has_bf16(bundled: TransformersBackend) -> None:
    layers = [m for m in bundled.model.modules() if isinstance(m, packed.PackedLinear)]
    if cpu_has_bf16() and packed.available():
        assert bundled.model.dtype == torch.bfloat16
        assert isinstance(bundled.model.lm_head, packed.PackedLinear)
        assert len(layers) == 1 + 7 * bundled.model.config.num_hidden_layers
    else:
        assert bundled.model.dtype == torch.float32 and not layers


def test_float32_is_not_packed_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The unpacked float32 path still loads and generates; asking to pack it gets a warning."""
    with caplog.at_level(logging.WARNING, logger="supercharger.llm.hf"):
        backend = get_backend(
            "transformers",
            options={"dtype": "float32", "packed_weights": True},
            cache_dir=tmp_path,
        )
    assert isinstance(backend, TransformersBackend)
    assert backend.model.dtype == torch.float32
    assert not any(isinstance(m, packed.PackedLinear) for m in backend.model.modules())
    assert "packed_weights needs" in caplog.text
    got = backend.generate(FACTORIAL, Sampling(n=2, max_new_tokens=12, temperature=0.0))
    assert got.texts[0] == got.texts[1] and got.completion_tokens > 0
