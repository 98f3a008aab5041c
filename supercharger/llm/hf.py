"""transformers backend: a local causal LM (GGUF file, folder or cached hub id), loaded once.

torch and transformers are imported lazily here only, so ``import supercharger.llm`` stays fast.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from supercharger.errors import ModelError
from supercharger.llm.base import Completion, Prompt, Sampling, Verdict
from supercharger.llm.batcher import Batcher
from supercharger.llm.bundled import bundled_gguf
from supercharger.llm.cores import Governor
from supercharger.llm.options import TransformersOptions
from supercharger.llm.text import NO_WORDS, YES_WORDS, cut_at_stop, keep_head_and_tail, plain_chat

if TYPE_CHECKING:
    import torch

    from supercharger.llm import decode

log = logging.getLogger(__name__)


def shorten_openmp_spin() -> None:
    """Set ``GOMP_SPINCOUNT=10000`` for this process unless torch is loaded or the user chose.

    torch's CPU threads (GNU OpenMP) spin ~300k rounds at every barrier before sleeping. Measured
    on 2 cores (bench/llm_contention.py): with one other busy process, 5 generation calls took
    78-212 s instead of 13 s; a 10k spin costs nothing on a quiet machine and cuts that 2-5x.
    libgomp reads it when it loads, i.e. at torch's import: called before the first one.
    """
    if "torch" not in sys.modules and "OMP_WAIT_POLICY" not in os.environ:
        os.environ.setdefault("GOMP_SPINCOUNT", "10000")


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


def _governor() -> Governor:
    """A ``Governor`` of torch's threads over the cores this process may use (made on the
    thread that runs the model: the thread count it sets is that thread's)."""
    import torch

    cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(usable_cores())
    return Governor(cpus, torch.set_num_threads)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class TransformersBackend:
    """A causal LM held in memory; ``generate`` batches n samples in one call."""

    name = "transformers"

    def __init__(self, model: str, options: TransformersOptions, cache_dir: Path) -> None:
        shorten_openmp_spin()  # before anything here imports torch
        if options.quantization == "auto":
            options = options.model_copy(update={"quantization": _default_quantization()})
        self.options = options
        self.source = resolve_model(model)
        self.cache_dir = cache_dir
        # One thread owns the model and batches concurrent callers (batch_rows > 0). It also
        # loads the model: see ``Batcher`` on why every torch op of the process runs there.
        self.batcher: Batcher | None = None
        self.governor: Governor | None = None  # the model's CPU threads, once loaded on a CPU
        if options.batch_rows:
            self.batcher = Batcher(self._continuous_batch, options.batch_rows, self._between)
        started = time.perf_counter()
        self.model, self.tokenizer = self.on_model(lambda: _load(self.source, options, cache_dir))
        cpu = self.model.device.type == "cpu"
        if self.batcher is not None and cpu and options.threads is None and options.follow_load:
            self.governor = self.on_model(_governor)
        self.load_seconds = time.perf_counter() - started
        self.context = options.max_context_tokens or int(
            getattr(self.model.config, "max_position_embeddings", 2048) or 2048
        )
        self.eos_ids = _eos_ids(self.model, self.tokenizer)
        self.yes_ids = _single_token_ids(self.tokenizer, YES_WORDS)
        self.no_ids = _single_token_ids(self.tokenizer, NO_WORDS)
        self.own_loop: bool | None = None  # decode.supports(model), asked on first use
        self.shared: bool | None = None  # decode.enable_shared(...), asked on first own-loop use

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

        ids = self.token_ids(text, room)
        return torch.tensor([ids], dtype=torch.long, device=self.model.device)

    def token_ids(self, text: str, room: int) -> list[int]:
        ids = self.tokenizer(text, add_special_tokens=False)["input_ids"]
        return keep_head_and_tail(list(ids), max(self.context - room, 16))

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

    def generate_many(self, prompts: list[Prompt], sampling: Sampling) -> list[Completion]:
        """``sampling.n`` replies to each prompt, all prompts sharing one batch."""
        return self.generate_texts([self.render(p) for p in prompts], sampling)

    # -- text level (also what an OpenAI-compatible server needs) ------------------------
    def generate_text(self, text: str, sampling: Sampling) -> Completion:
        """n continuations of an already rendered text, in one batched generation."""
        return self.generate_texts([text], sampling)[0]

    def generate_texts(self, texts: list[str], sampling: Sampling) -> list[Completion]:
        """n continuations of each rendered text, all rows in one batch.

        Each row leaves the batch when it ends (EOS or a stop), so finished rows stop costing.
        ``seconds`` of the shared call is split over the texts by the tokens each put through.
        """
        from supercharger.llm import decode

        if not texts:
            return []
        started = time.perf_counter()
        max_new = min(sampling.max_new_tokens, max(self.context - 16, 1))
        prompts = [self.token_ids(text, room=max_new) for text in texts]
        request = decode.Request(
            prompts=prompts,
            n=sampling.n,
            max_new_tokens=max_new,
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            stop=sampling.stop,
            eos_ids=self.eos_ids,
            seed=sampling.seed,
            draft_tokens=self.options.draft_tokens,
            draft_rows=self.options.draft_rows,
            cycle_stop=self.options.cycle_stop,
        )
        if self.own_loop is None or (self.own_loop and self.shared is None):  # once
            self.on_model(lambda: self._choose_loop(max(prompts, key=len)))
        shared_rows = 0
        if self.own_loop and self.shared and self.batcher is not None:
            entry = self.batcher.generate(request, len(prompts) * request.n)
            rows, shared_rows = entry.rows, entry.most_rows
        elif self.own_loop:
            shared = bool(self.shared)
            rows = self.on_model(
                lambda: decode.generate(self.model, self.tokenizer, request, shared)
            )
        else:
            rows = self.on_model(
                lambda: [row for i in range(len(prompts)) for row in self._hf_rows(request, i)]
            )
        done = self._completions(request, rows, time.perf_counter() - started)
        for c in done:
            c.batch_rows = shared_rows or len(rows)
        return done

    def on_model(self, fn: Callable[[], Any]) -> Any:
        """``fn()`` on the batcher's thread (between decode steps) where there is one: the
        model is used by one thread at a time, the one that loaded it. Code that runs the model
        directly (a bench) goes through here too: torch on a second thread slows every step
        (see ``Batcher``)."""
        return fn() if self.batcher is None else self.batcher.call(fn)

    def _between(self) -> None:
        """Between two decode steps, on the batcher's thread."""
        if self.governor is not None:
            self.governor.tick()

    def _choose_loop(self, probe: list[int]) -> None:
        """On first use: the own loop or model.generate, and shared-prompt attention."""
        from supercharger.llm import decode

        if self.own_loop is None:
            self.own_loop = self._wants_own_loop() and decode.supports(self.model)
        if self.own_loop and self.shared is None:
            self.shared = self.options.shared_attention and decode.enable_shared(
                self.model, self.tokenizer, probe
            )
            log.info("shared-prompt attention: %s", "on" if self.shared else "off")

    def _continuous_batch(self) -> Any:
        from supercharger.llm.continuous import ContinuousBatch

        return ContinuousBatch(self.model, self.tokenizer)

    def _wants_own_loop(self) -> bool:
        """Measured (bench/llm_gpu.py, one H200, n=16): on CUDA in bf16 a step costs about the
        same for 1 or 16 rows, so dropping finished rows saves little and model.generate's
        lower per-step overhead wins (6.0-8.0x vs 2.0-4.4x); with bitsandbytes 8-bit the int8
        matmuls grow with the rows and the own loop wins (3.6-4.7x vs 3.0-4.0x); on CPU the own
        loop wins by far (4.2-4.9x vs 1.1-1.3x)."""
        if self.options.decoder != "auto":
            return self.options.decoder == "own"
        on_gpu = getattr(self.model.device, "type", "cpu") == "cuda"
        return not on_gpu or self.options.quantization != "none"

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

        def probs() -> torch.Tensor:
            with torch.inference_mode():
                logits = self.model(input_ids=input_ids).logits[0, -1].double()
            return torch.softmax(logits, dim=-1)

        return self.on_model(probs)

    # -- helpers -------------------------------------------------------------------------
    def _completions(
        self, request: decode.Request, rows: list[decode.Row], seconds: float
    ) -> list[Completion]:
        """One Completion per prompt; texts cut at the first stop, counts up to each end."""
        done: list[Completion] = []
        for i, ids in enumerate(request.prompts):
            mine = rows[i * request.n : (i + 1) * request.n]
            texts = [self.tokenizer.decode(r.tokens, skip_special_tokens=True) for r in mine]
            cut = [cut_at_stop(t, request.stop) for t in texts]
            done.append(
                Completion(
                    texts=cut,
                    ended=[
                        r.ended or len(c) < len(t) for r, c, t in zip(mine, cut, texts, strict=True)
                    ],
                    prompt_tokens=len(ids),
                    completion_tokens=sum(len(r.tokens) for r in mine),
                    row_tokens=[len(r.tokens) for r in mine],
                    draft_tokens=sum(min(r.drafted, len(r.tokens)) for r in mine),
                    cycled=[r.cycled for r in mine],
                    tokens_saved=sum(
                        request.max_new_tokens - len(r.tokens) for r in mine if r.cycled
                    ),
                )
            )
        work = [c.prompt_tokens + c.completion_tokens for c in done]
        for c, w in zip(done, work, strict=True):
            c.seconds = seconds * w / max(sum(work), 1)
        return done

    def _hf_rows(self, request: decode.Request, index: int) -> list[decode.Row]:
        """Rows of one prompt from ``model.generate`` (models whose cache the own loop can't
        hold, e.g. sliding-window layers): finished rows keep costing until the longest ends."""
        import torch

        from supercharger.llm import decode

        input_ids = torch.tensor([request.prompts[index]], device=self.model.device)
        if request.seed is not None:
            torch.manual_seed(request.seed)
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=input_ids,
                attention_mask=torch.ones_like(input_ids),
                **self._generate_kwargs(request),
            )
        rows = []
        for tokens in out[:, input_ids.shape[1] :].tolist() * (request.n // len(out)):
            end = next((i for i, t in enumerate(tokens) if t in self.eos_ids), len(tokens))
            row = decode.Row(prompt=index, tokens=tokens[:end], ended=end < len(tokens))
            text = self.tokenizer.decode(row.tokens, skip_special_tokens=True)
            if cut_at_stop(text, request.stop) != text:
                row.tokens = row.tokens[
                    : tokens_until_stop(self.tokenizer, row.tokens, request.stop)
                ]
                row.ended = True
            rows.append(row)
        return rows

    def _generate_kwargs(self, request: decode.Request) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "max_new_tokens": request.max_new_tokens,
            # greedy rows are all the same, and generate refuses n > 1 for them
            "num_return_sequences": request.n if request.temperature > 0 else 1,
            "pad_token_id": self.eos_ids[0],
            "eos_token_id": self.eos_ids,
        }
        if request.temperature > 0:
            kwargs.update(do_sample=True, temperature=request.temperature, top_p=request.top_p)
        else:
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        if request.stop:
            kwargs.update(stop_strings=request.stop, tokenizer=self.tokenizer)
        return kwargs


def tokens_until_stop(tokenizer: Any, row: list[int], stop: list[str]) -> int:
    """The number of leading tokens whose text first contains a stop sequence."""
    for i in range(1, len(row) + 1):
        text = tokenizer.decode(row[:i], skip_special_tokens=True)
        if cut_at_stop(text, stop) != text:
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
def _default_quantization() -> str:
    import torch

    return "8bit" if torch.cuda.is_available() else "none"


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
            source = dequantized(source, cache_dir)
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(
            source.location, gguf_file=source.gguf_file, local_files_only=True
        )
        model = transformers.AutoModelForCausalLM.from_pretrained(
            source.location,
            gguf_file=source.gguf_file,
            local_files_only=True,
            **_model_kwargs(options, gguf=bool(source.gguf_file)),
        )
    except (OSError, ValueError, RuntimeError, ImportError) as e:
        raise ModelError(f"cannot load model {source.location}: {_first_line(e)}") from e
    model.eval()
    if _wants_packing(model, options):
        from supercharger.llm import packed

        log.info("oneDNN packed weights: %d linear layers", packed.pack_linears(model))
    return model, tokenizer


def _wants_packing(model: Any, options: TransformersOptions) -> bool:
    """Measured on the bundled model: a bfloat16 ``nn.Linear`` re-lays its weight at every call,
    so a one-row step's matmuls cost ~2x float32's (2 cores with AMX); a float32 one does the
    same for every call of more than one row (2 cores without AVX-512). Packed once, they hardly
    grow with the rows (see ``packed.py``; AVX-512 BF16 in ``cpu_has_bf16``)."""
    from supercharger.llm import packed

    if options.packed_weights is False:
        return False
    on_cpu = getattr(model.device, "type", "cpu") == "cpu"
    # available() is False for a dtype packing does not cover
    fits = on_cpu and options.quantization == "none" and packed.available(model.dtype)
    if options.packed_weights and not fits:
        log.warning(
            "packed_weights needs an unquantized bfloat16 or float32 model on CPU; not packing"
        )
    return fits


def _model_kwargs(options: TransformersOptions, gguf: bool = False) -> dict[str, Any]:
    import torch
    import transformers

    cuda = torch.cuda.is_available()
    # use_kernels=False: transformers would otherwise swap layers for kernels it fetches from the
    # Hub on CUDA, and a node that is offline (as workers are: local files only) fails its load
    kwargs: dict[str, Any] = {"dtype": torch_dtype(options, cuda), "use_kernels": False}
    gguf_config = getattr(transformers, "GgufConfig", None)
    if gguf and kwargs["dtype"] != torch.float32 and gguf_config is not None:
        # Plain layers in that dtype (which packed_weights can pack), not GGUF kernels that
        # compute in float32 and cast every matmul's input and output.
        kwargs["quantization_config"] = gguf_config(dequantize=True)
    device_map = options.device_map or ("auto" if cuda else None)
    if device_map is not None:
        kwargs["device_map"] = device_map
    if options.max_memory:
        kwargs["max_memory"] = options.max_memory
    if options.quantization != "none":
        kwargs["quantization_config"] = _bnb_config(options.quantization)
    return kwargs


def torch_dtype(options: TransformersOptions, cuda: bool) -> Any:
    """auto: bfloat16 on CUDA; on CPU bfloat16 where the CPU multiplies bfloat16 in hardware
    (AMX or AVX-512 BF16) and its packed matmuls run (unquantized, see ``_wants_packing``), else
    float32."""
    import torch

    if options.dtype != "auto":
        return getattr(torch, options.dtype)
    if cuda:
        return torch.bfloat16
    from supercharger.llm import packed

    packable = options.quantization in ("auto", "none") and options.packed_weights is not False
    bf16 = packable and packed.available(torch.bfloat16) and cpu_has_bf16()
    return torch.bfloat16 if bf16 else torch.float32


BF16_FLAGS = ("amx_bf16", "avx512_bf16")


def cpu_has_bf16() -> bool:
    """Whether the CPU multiplies bfloat16 in hardware: AMX tiles or AVX-512 BF16 dot products
    (Linux: the ``amx_bf16`` or ``avx512_bf16`` flag in /proc/cpuinfo). Measured on the bundled
    model, 2 cores of an AMD EPYC with AVX-512 BF16 and no AMX (``bench/llm_step.py``): packed
    bfloat16 steps cost 17.5 ms for one row and 28.5 ms for sixteen, float32 30.2 and 71.5 ms."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(
        line.startswith("flags") and set(BF16_FLAGS) & set(line.split(":", 1)[-1].split())
        for line in text.splitlines()
    )


def _bnb_config(quantization: str) -> Any:
    from transformers import BitsAndBytesConfig

    if quantization == "8bit":
        return BitsAndBytesConfig(load_in_8bit=True)
    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4")


def dequantized(source: ModelSource, cache_dir: Path) -> ModelSource:
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


def create(model: str, options: TransformersOptions, cache_dir: Path | None) -> TransformersBackend:
    """The registry's factory (``options`` already validated)."""
    cache = cache_dir or Path.home() / ".cache" / "supercharger"
    return TransformersBackend(model, options, cache)
