"""transformers backend: a local causal LM (GGUF file, folder or cached hub id), loaded once.

torch and transformers are imported lazily here only, so ``import supercharger.llm`` stays fast.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from supercharger.errors import ModelError
from supercharger.llm.base import Completion, Prompt, Sampling, Verdict
from supercharger.llm.bundled import bundled_gguf
from supercharger.llm.options import validate_options
from supercharger.llm.text import NO_WORDS, YES_WORDS, cut_at_stop, keep_head_and_tail, plain_chat

if TYPE_CHECKING:
    import torch


class TransformersOptions(BaseModel):
    """Options of the transformers backend."""

    model_config = ConfigDict(extra="forbid")

    quantization: Literal["none", "8bit", "4bit"] = "none"
    device_map: str | dict[str, Any] | None = Field(
        None, description="accelerate device map; unset = 'auto' on CUDA, else cpu"
    )
    max_memory: dict[int | str, str] | None = Field(
        None, description="per device memory cap, e.g. {0: '20GiB', 'cpu': '30GiB'}"
    )
    dtype: Literal["auto", "float32", "float16", "bfloat16"] = Field(
        "auto", description="auto = float32 on CPU, bfloat16 on CUDA"
    )
    max_context_tokens: int | None = Field(
        None, ge=32, description="context window; unset = the model's max_position_embeddings"
    )
    threads: int | None = Field(None, ge=1, description="torch CPU threads; unset = usable cores")


class ModelSource(BaseModel):
    """Where to load from: a folder or hub id, plus the GGUF file name inside it (if any)."""

    location: str
    gguf_file: str | None = None


def resolve_model(model: str) -> ModelSource:
    """'bundled', a .gguf path, a local folder, or a hub id (loaded offline from the cache)."""
    if model == "bundled":
        path = bundled_gguf()
        return ModelSource(location=str(path.parent), gguf_file=path.name)
    path = Path(model).expanduser()
    if model.endswith(".gguf"):
        if not path.is_file():
            raise ModelError(f"model file not found: {model}")
        return ModelSource(location=str(path.parent), gguf_file=path.name)
    if path.is_dir():
        return ModelSource(location=str(path))
    if model.startswith((".", "/", "~")) or model.count("/") > 1:
        raise ModelError(f"model folder not found: {model}")
    return ModelSource(location=model)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class TransformersBackend:
    """A causal LM held in memory; ``generate`` batches n samples in one call."""

    name = "transformers"

    def __init__(self, model: str, options: TransformersOptions, cache_dir: Path) -> None:
        self.options = options
        self.source = resolve_model(model)
        self.cache_dir = cache_dir
        started = time.perf_counter()
        self.model, self.tokenizer = _load(self.source, options, cache_dir)
        self.load_seconds = time.perf_counter() - started
        self.context = options.max_context_tokens or int(
            getattr(self.model.config, "max_position_embeddings", 2048) or 2048
        )
        self.eos_ids = _eos_ids(self.model, self.tokenizer)
        self.yes_ids = _single_token_ids(self.tokenizer, YES_WORDS)
        self.no_ids = _single_token_ids(self.tokenizer, NO_WORDS)

    # -- prompt --------------------------------------------------------------------------
    def render(self, prompt: Prompt) -> str:
        """The prompt as the model sees it: chat template + generation prompt + prefill."""
        if getattr(self.tokenizer, "chat_template", None):
            text = self.tokenizer.apply_chat_template(
                prompt.messages, tokenize=False, add_generation_prompt=True
            )
        else:
            text = plain_chat(prompt.messages)
        return text + prompt.prefill

    def encode(self, prompt: Prompt, room: int) -> torch.Tensor:
        """Token ids of the rendered prompt, trimmed to leave ``room`` tokens of context."""
        return self.encode_text(self.render(prompt), room)

    def encode_text(self, text: str, room: int) -> torch.Tensor:
        """Token ids of an already rendered text, trimmed to leave ``room`` tokens of context."""
        import torch

        ids = self.tokenizer(text, add_special_tokens=False)["input_ids"]
        limit = max(self.context - room, 16)
        ids = keep_head_and_tail(list(ids), limit)
        return torch.tensor([ids], dtype=torch.long, device=self.model.device)

    # -- the protocol --------------------------------------------------------------------
    def generate(self, prompt: Prompt, sampling: Sampling) -> Completion:
        return self.generate_text(self.render(prompt), sampling)

    def yes_probability(self, prompt: Prompt) -> Verdict:
        started = time.perf_counter()
        input_ids = self.encode(prompt, room=1)
        probs = self._next_token_probs(input_ids)
        p_yes = float(probs[self.yes_ids].sum())
        p_no = float(probs[self.no_ids].sum())
        score = p_yes / (p_yes + p_no) if p_yes + p_no > 0 else 0.5
        return Verdict(
            score=min(max(score, 0.0), 1.0),
            prompt_tokens=int(input_ids.shape[1]),
            seconds=time.perf_counter() - started,
        )

    # -- text level (also what an OpenAI-compatible server needs) ------------------------
    def generate_text(self, text: str, sampling: Sampling) -> Completion:
        """n continuations of an already rendered text, in one batched generation."""
        import torch

        started = time.perf_counter()
        max_new = min(sampling.max_new_tokens, max(self.context - 16, 1))
        input_ids = self.encode_text(text, room=max_new)
        if sampling.seed is not None:
            torch.manual_seed(sampling.seed)
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=input_ids,
                attention_mask=torch.ones_like(input_ids),
                **self._generate_kwargs(sampling, max_new),
            )
        new = out[:, input_ids.shape[1] :].tolist()
        finished = [self._finish(row, sampling.stop) for row in new]
        texts, useful = zip(*finished, strict=True)
        ended = [n < len(row) or len(t) < len(self.tokenizer.decode(row, skip_special_tokens=True))
                 for (t, n), row in zip(finished, new, strict=True)]  # fmt: skip
        return Completion(
            texts=list(texts),
            ended=ended,
            prompt_tokens=int(input_ids.shape[1]),
            completion_tokens=sum(useful),
            seconds=time.perf_counter() - started,
        )

    def top_logprobs(self, text: str, k: int) -> tuple[list[tuple[str, float]], int]:
        """The ``k`` likeliest next tokens after ``text`` (decoded, natural-log probability),
        most likely first, and the number of prompt tokens."""
        import torch

        input_ids = self.encode_text(text, room=1)
        probs = self._next_token_probs(input_ids)
        values, ids = torch.topk(probs, k)
        top = [
            (self.tokenizer.decode([int(i)]), float(torch.log(v)))
            for v, i in zip(values, ids, strict=True)
        ]
        return top, int(input_ids.shape[1])

    def _next_token_probs(self, input_ids: torch.Tensor) -> torch.Tensor:
        import torch

        with torch.inference_mode():
            logits = self.model(input_ids=input_ids).logits[0, -1].double()
        return torch.softmax(logits, dim=-1)

    # -- helpers -------------------------------------------------------------------------
    def _generate_kwargs(self, sampling: Sampling, max_new: int) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "max_new_tokens": max_new,
            "num_return_sequences": sampling.n,
            "pad_token_id": self.eos_ids[0],
            "eos_token_id": self.eos_ids,
        }
        if sampling.temperature > 0:
            kwargs.update(do_sample=True, temperature=sampling.temperature, top_p=sampling.top_p)
        else:
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        if sampling.stop:
            kwargs.update(stop_strings=sampling.stop, tokenizer=self.tokenizer)
        return kwargs

    def _finish(self, row: list[int], stop: list[str]) -> tuple[str, int]:
        """One sequence's text (cut at EOS and the first stop) and its useful token count."""
        end = next((i for i, t in enumerate(row) if t in self.eos_ids), len(row))
        text = self.tokenizer.decode(row[:end], skip_special_tokens=True)
        cut = cut_at_stop(text, stop)
        if len(cut) < len(text):
            end = _tokens_until_stop(self.tokenizer, row[:end], stop)
        return cut, end


def _tokens_until_stop(tokenizer: Any, row: list[int], stop: list[str]) -> int:
    """The number of leading tokens whose text first contains a stop sequence."""
    for i in range(1, len(row) + 1):
        if cut_at_stop(tokenizer.decode(row[:i]), stop) != tokenizer.decode(row[:i]):
            return i
    return len(row)


def _eos_ids(model: Any, tokenizer: Any) -> list[int]:
    ids = model.generation_config.eos_token_id
    ids = list(ids) if isinstance(ids, (list, tuple)) else [ids] if ids is not None else []
    if tokenizer.eos_token_id is not None and tokenizer.eos_token_id not in ids:
        ids.append(tokenizer.eos_token_id)
    if not ids:
        raise ModelError("model has no end-of-sequence token")
    return ids


def _single_token_ids(tokenizer: Any, words: tuple[str, ...]) -> list[int]:
    """Ids of every variant (with and without a leading space) that is a single token."""
    ids: set[int] = set()
    for word in words:
        for variant in (word, " " + word):
            tokens = tokenizer.encode(variant, add_special_tokens=False)
            if len(tokens) == 1:
                ids.add(tokens[0])
    if not ids:
        raise ModelError(f"tokenizer has no single-token form of {words[0]!r}")
    return sorted(ids)


# -- loading -------------------------------------------------------------------------------
def _load(source: ModelSource, options: TransformersOptions, cache_dir: Path) -> tuple[Any, Any]:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    import transformers

    transformers.utils.logging.disable_progress_bar()
    torch.set_num_threads(options.threads or usable_cores())
    if options.quantization != "none":
        # bitsandbytes logs a line per 8-bit matmul on float32 inputs (CPU); that is expected.
        logging.getLogger("bitsandbytes.autograd._functions").setLevel(logging.ERROR)
        if source.gguf_file:
            source = _dequantized(source, cache_dir)
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(
            source.location, gguf_file=source.gguf_file, local_files_only=True
        )
        model = transformers.AutoModelForCausalLM.from_pretrained(
            source.location,
            gguf_file=source.gguf_file,
            local_files_only=True,
            **_model_kwargs(options),
        )
    except (OSError, ValueError, RuntimeError, ImportError) as e:
        raise ModelError(f"cannot load model {source.location}: {_first_line(e)}") from e
    model.eval()
    return model, tokenizer


def _model_kwargs(options: TransformersOptions) -> dict[str, Any]:
    import torch

    cuda = torch.cuda.is_available()
    kwargs: dict[str, Any] = {"dtype": _dtype(options.dtype, cuda)}
    device_map = options.device_map or ("auto" if cuda else None)
    if device_map is not None:
        kwargs["device_map"] = device_map
    if options.max_memory:
        kwargs["max_memory"] = options.max_memory
    if options.quantization != "none":
        kwargs["quantization_config"] = _bnb_config(options.quantization)
    return kwargs


def _dtype(name: str, cuda: bool) -> Any:
    import torch

    if name == "auto":
        return torch.bfloat16 if cuda else torch.float32
    return getattr(torch, name)


def _bnb_config(quantization: str) -> Any:
    from transformers import BitsAndBytesConfig

    if quantization == "8bit":
        return BitsAndBytesConfig(load_in_8bit=True)
    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4")


def _dequantized(source: ModelSource, cache_dir: Path) -> ModelSource:
    """A safetensors copy of a GGUF model under ``cache_dir``, made once (bitsandbytes needs it)."""
    gguf = Path(source.location) / str(source.gguf_file)
    stat = gguf.stat()
    key = hashlib.sha256(f"{gguf.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
    folder = cache_dir / "dequantized" / f"{gguf.stem}-{key[:12]}"
    if not (folder / "config.json").is_file():
        _save_dequantized(source, folder)
    return ModelSource(location=str(folder))


def _save_dequantized(source: ModelSource, folder: Path) -> None:
    """Dequantize the GGUF into ``folder`` (float32 safetensors + tokenizer), atomically.

    Written to a temporary sibling folder, then renamed: a reader never sees half a folder,
    and of two processes converting at once the first rename wins.
    """
    import transformers

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}-{time.monotonic_ns()}")
    try:
        kw: dict[str, Any] = {"gguf_file": source.gguf_file, "local_files_only": True}
        tokenizer = transformers.AutoTokenizer.from_pretrained(source.location, **kw)
        model = _dense_from_gguf(source, kw)
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
    except (OSError, ValueError, RuntimeError, ImportError) as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ModelError(f"cannot dequantize {source.gguf_file}: {_first_line(e)}") from e
    try:
        tmp.rename(folder)
    except OSError:  # another process finished first
        shutil.rmtree(tmp, ignore_errors=True)


def _dense_from_gguf(source: ModelSource, kw: dict[str, Any]) -> Any:
    """The GGUF model with every weight unpacked to float32, detached from the GGUF quantizer.

    A model still attached to its GGUF quantizer refuses ``save_pretrained``.
    """
    import torch
    import transformers

    gguf_config = getattr(transformers, "GgufConfig", None)
    if gguf_config is not None:
        kw = {**kw, "quantization_config": gguf_config(dequantize=True)}
    model = transformers.AutoModelForCausalLM.from_pretrained(
        source.location, dtype=torch.float32, **kw
    )
    model.hf_quantizer = None
    if getattr(model.config, "quantization_config", None) is not None:
        del model.config.quantization_config
    return model


def _first_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


def create(
    model: str, options: dict[str, Any] | None, cache_dir: Path | None
) -> TransformersBackend:
    """The registry's factory."""
    opts = validate_options("transformers", TransformersOptions, options)
    cache = cache_dir or Path.home() / ".cache" / "supercharger"
    return TransformersBackend(model, opts, cache)
