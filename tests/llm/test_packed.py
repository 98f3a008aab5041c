"""oneDNN packed matmuls (``supercharger.llm.packed``) and when the backend uses them."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import torch

from supercharger.llm import Sampling, get_backend, packed
from supercharger.llm.hf import TransformersBackend, TransformersOptions, cpu_has_bf16, torch_dtype
from supercharger.llm.prompts import code_prompt

# Packing needs oneDNN and a CPU its path for the dtype runs on; the rest of the file runs anywhere.
needs_packing = pytest.mark.skipif(
    not packed.available(), reason="this torch or CPU cannot pack bfloat16 weights"
)
DTYPES = [
    pytest.param(torch.bfloat16, marks=needs_packing, id="bfloat16"),
    pytest.param(
        torch.float32,
        marks=pytest.mark.skipif(
            not packed.available(torch.float32), reason="this torch cannot pack float32 weights"
        ),
        id="float32",
    ),
]

FACTORIAL = code_prompt(
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):",
    "factorial",
)


def _linear(bias: bool, dtype: torch.dtype = torch.bfloat16) -> torch.nn.Linear:
    torch.manual_seed(0)
    return torch.nn.Linear(576, 1536, bias=bias).to(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("bias", [False, True])
def test_a_packed_linear_gives_the_linear_s_result(bias: bool, dtype: torch.dtype) -> None:
    linear = _linear(bias, dtype)
    layer = packed.PackedLinear(linear)
    for shape in [(1, 576), (16, 576), (3, 1, 576), (2, 7, 576)]:
        x = torch.randn(shape).to(dtype)
        with torch.inference_mode():
            got, want = layer(x), linear(x)
        assert got.shape == want.shape and got.dtype == dtype
        if dtype == torch.bfloat16:
            assert torch.equal(got, want)
        else:  # float32 sums in another order than the plain GEMM: the last bits differ
            assert torch.allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("dtype", DTYPES)
def test_a_packed_row_does_not_depend_on_the_rest_of_the_batch(dtype: torch.dtype) -> None:
    layer = packed.PackedLinear(_linear(bias=False, dtype=dtype))
    x = torch.randn(16, 576).to(dtype)
    with torch.inference_mode():
        whole = layer(x)
        for rows in (1, 2, 3, 5, 8, 15):
            assert torch.equal(layer(x[:rows]), whole[:rows])
        assert torch.equal(layer(x[7:8]), whole[7:8])
        # a prefill's many rows too
        many = torch.randn(300, 576).to(dtype)
        assert torch.equal(layer(many[:1]), layer(many)[:1])


@pytest.mark.skipif(
    not (packed.available() or packed.available(torch.float32)),
    reason="this torch or CPU packs no weights",
)
def test_only_plain_cpu_linears_in_a_packed_dtype_are_packed() -> None:
    class Quantized(torch.nn.Linear):  # stands for bitsandbytes' Linear8bitLt
        pass

    model = torch.nn.Sequential(
        torch.nn.Linear(8, 8).to(torch.bfloat16),
        torch.nn.Sequential(torch.nn.Linear(8, 8).to(torch.bfloat16), torch.nn.ReLU()),
        torch.nn.Linear(8, 8).to(torch.float16),
        Quantized(8, 8).to(torch.bfloat16),
        torch.nn.Linear(8, 8),  # float32
    )
    bf16, fp32 = packed.available(torch.bfloat16), packed.available(torch.float32)
    assert packed.pack_linears(model) == 2 * bf16 + fp32
    assert isinstance(model[0], packed.PackedLinear) is bf16
    assert isinstance(model[1][0], packed.PackedLinear) is bf16
    assert type(model[2]) is torch.nn.Linear and type(model[3]) is Quantized
    assert isinstance(model[4], packed.PackedLinear) is fp32
    with torch.inference_mode():
        assert model[:2](torch.randn(2, 8).to(torch.bfloat16)).shape == (2, 8)
        assert model[4](torch.randn(2, 8)).shape == (2, 8)
    assert packed.pack_linears(model) == 0  # nothing left to pack


@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float32, torch.float16])
def test_available_says_whether_this_cpu_can_pack(dtype: torch.dtype) -> None:
    try:
        packed.PackedLinear(_linear(bias=True, dtype=dtype))(torch.ones(2, 576, dtype=dtype))
    except (RuntimeError, AttributeError):
        packs = False
    else:
        packs = dtype in packed.DTYPES
    assert packed.available(dtype) is packs


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
    else:
        assert bundled.model.dtype == torch.float32
    if packed.available(bundled.model.dtype):
        assert isinstance(bundled.model.lm_head, packed.PackedLinear)
        assert len(layers) == 1 + 7 * bundled.model.config.num_hidden_layers
    else:
        assert not layers


@pytest.mark.parametrize(
    ("options", "warns"),
    [
        ({"dtype": "float16", "packed_weights": True}, True),
        ({"dtype": "float32", "packed_weights": False}, False),
    ],
    ids=["float16-asked", "float32-off"],
)
def test_unpacked_models_load_and_generate(
    options: dict[str, object], warns: bool, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A dtype packing does not cover, or packing turned off: plain layers that still load and
    generate; asking to pack what cannot be packed gets a warning."""
    with caplog.at_level(logging.WARNING, logger="supercharger.llm.hf"):
        backend = get_backend("transformers", options=options, cache_dir=tmp_path)
    assert isinstance(backend, TransformersBackend)
    assert str(backend.model.dtype) == f"torch.{options['dtype']}"
    assert not any(isinstance(m, packed.PackedLinear) for m in backend.model.modules())
    assert ("packed_weights needs" in caplog.text) is warns
    got = backend.generate(FACTORIAL, Sampling(n=2, max_new_tokens=12, temperature=0.0))
    assert got.texts[0] == got.texts[1] and got.completion_tokens > 0
