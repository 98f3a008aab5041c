"""The one settings object; every value can be set with a ``SUPERCHARGER_*`` variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    SerializeAsAny,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from supercharger.errors import ConfigError, UnknownBackendError, one_line

LLMRole = Literal["code", "test", "repair", "score", "judge"]  # constants.LLM_ROLES
# A backend's options: the model its backend registers (checked when the settings are read).
BackendOptions = SerializeAsAny[BaseModel]


def _default_data_dir() -> Path:
    return Path.home() / ".cache" / "supercharger"


class Settings(BaseSettings):
    """What a job, a worker and the CLI may be told; see the README's configuration table."""

    model_config = SettingsConfigDict(
        env_prefix="SUPERCHARGER_", extra="ignore", env_nested_delimiter="__"
    )

    broker_url: str | None = Field(
        None,
        description="Redis URL of a cluster; unset = embedded Redis + local workers",
    )
    llm_backend: str = Field("transformers", description="LLM backend name")
    model: str = Field("bundled", description="model id, folder or .gguf file; 'bundled' = SmolLM2")
    llm_options: BackendOptions = Field(
        description="the LLM backend's options: JSON, or one SUPERCHARGER_LLM_OPTIONS__<NAME> each"
    )
    threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="judge score needed to stop; unset = the model's default"
    )
    max_candidates: int = Field(48, ge=1, description="budget: code (and test) candidates per job")
    seed: int | None = Field(None, description="sampling seed: same seed, same candidates")
    stop_rule: Literal["evidence", "judge"] = Field(
        "evidence",
        description="evidence: a judged pair ends a job only with strong tests behind it; "
        "judge: any judged passing pair whose test is not blind (to compare the two)",
    )
    budget_seconds: float = Field(900.0, gt=0, description="budget: wall seconds per job")
    batch_size: int = Field(8, ge=1, le=64, description="candidates per generation call")
    max_new_tokens: int = Field(256, ge=16, description="token limit of one reply")
    temperature: float = Field(0.7, ge=0.0, description="sampling temperature")
    top_p: float = Field(0.95, gt=0.0, le=1.0, description="nucleus sampling")
    judge_top: int = Field(3, ge=1, description="passing pairs judged per ranking change")
    score_codes: bool = Field(
        False, description="the model scores each code (a ranking tie-break that costs LLM time)"
    )
    sandbox_backend: str = Field("bwrap", description="sandbox backend: bwrap | docker | process")
    sandbox_options: BackendOptions = Field(
        description="the sandbox backend's options (docs/sandbox.md): JSON, or one "
        "SUPERCHARGER_SANDBOX_OPTIONS__<NAME> each"
    )
    sandbox_timeout: float = Field(10.0, gt=0, description="wall seconds per code x test pair")
    sandbox_memory_mb: int = Field(1024, ge=64, description="address-space limit per pair")
    sandbox_env_dir: Path | None = Field(
        None,
        description="where this node keeps the specs' package environments (readable by the "
        "sandbox uid); unset = /var/tmp/supercharger-sandbox-<uid>/envs",
    )
    sandbox_wheelhouse: Path | None = Field(
        None,
        description="build environments only from this folder of wheels (pip --no-index): "
        "for clusters without internet; unset = the package index pip is set up for",
    )
    sandbox_python: Path | None = Field(
        None, description="interpreter inside the sandbox; unset = this one, or a provisioned copy"
    )
    output_dir: Path = Field(Path("sources"), description="where results are written")
    data_dir: Path = Field(default_factory=_default_data_dir, description="caches, embedded Redis")
    sandbox_concurrency: int = Field(0, ge=0, description="local sandbox processes; 0 = cores")
    llm_concurrency: int = Field(
        0,
        ge=0,
        description="tasks an llm worker runs at once (`worker llm --concurrency`); 0 = enough "
        "to fill its batch (batch_rows / batch_size) where the backend batches, else 1",
    )
    flower_basic_auth: str | None = Field(None, description="user:password for Flower")
    routed_roles: Annotated[list[LLMRole], NoDecode] = Field(
        default_factory=list,
        description="LLM roles (code, test, repair, score, judge) sent to a queue of their own, "
        "llm.<role>, served by `supercharger worker llm --roles`: comma-separated or JSON",
    )
    celery_config: Path | None = Field(
        None, description="operator's Celery settings file; unset = the shipped celeryconfig.py"
    )

    @model_validator(mode="before")
    @classmethod
    def _backend_options(cls, data: Any) -> Any:
        """Each backend's options as the model its backend registers, checked now: the backend
        name picks the model. Raises a one-line ConfigError (UnknownBackendError for a name)."""
        if not isinstance(data, dict):
            return data
        from supercharger import llm, sandbox

        data = dict(data)
        for kind, registry in (("llm", llm), ("sandbox", sandbox)):
            name = data.get(f"{kind}_backend", cls.model_fields[f"{kind}_backend"].default)
            try:
                options = registry.parse_options(name, data.get(f"{kind}_options"))
            except UnknownBackendError as e:
                raise UnknownBackendError(f"SUPERCHARGER_{kind.upper()}_BACKEND: {e}") from None
            except ConfigError as e:
                raise ConfigError(f"SUPERCHARGER_{kind.upper()}_OPTIONS: {e}") from None
            data[f"{kind}_options"] = options
        return data

    @field_validator("routed_roles", mode="before")
    @classmethod
    def _role_list(cls, v: Any) -> Any:
        """``judge,score`` or ``["judge", "score"]``; an empty string routes nothing."""
        if isinstance(v, str):
            text = v.strip()
            if text.startswith("["):
                import json

                try:
                    return json.loads(text)
                except ValueError:
                    raise ValueError("not a JSON list") from None
            return [part.strip() for part in text.split(",") if part.strip()]
        return v

    @field_validator("threshold")
    @classmethod
    def _finite(cls, v: float | None) -> float | None:
        if v is not None and v != v:  # NaN
            raise ValueError("must be a number")
        return v

    def judge_threshold(self) -> tuple[float | None, str]:
        """The threshold in force and where it came from: the one set; else this model's
        calibration (``supercharger eval --calibrate``), which may say the judge cannot reach
        its target precision (None: the judge never ends a job); else the model's default."""
        if self.threshold is not None:
            return self.threshold, "set (SUPERCHARGER_THRESHOLD or --threshold)"
        from supercharger.calibration import calibrated, calibration_path, model_key

        entry = calibrated(self)
        if entry is not None:
            where = f"calibrated: {calibration_path(self)} [{model_key(self)}]"
            threshold = entry.get("threshold")
            if isinstance(threshold, int | float):
                return float(threshold), where
            return None, f"{where}: the judge is off ({entry.get('reason', 'no threshold')})"
        from supercharger.llm.bundled import default_threshold

        return default_threshold(self.llm_backend, self.model), "the model's default"

    def environment_store(self) -> Any:
        """This node's package environments (``supercharger.sandbox.environments``)."""
        from supercharger.sandbox.environments import EnvironmentStore, default_root

        return EnvironmentStore(self.sandbox_env_dir or default_root(), self.sandbox_wheelhouse)

    def sandbox_kwargs(self) -> dict[str, Any]:
        """Keyword options for ``sandbox.get_backend``: the interpreter setting, then the
        options that were set."""
        python = {"python": str(self.sandbox_python)} if self.sandbox_python else {}
        return python | self.sandbox_options.model_dump(exclude_unset=True)


def _first_line(e: BaseException) -> str:
    """pydantic-settings says ``error parsing value for field "x" from source ...``: name the
    variable the user set instead."""
    text = (str(e).strip().splitlines() or [type(e).__name__])[0]
    if '"' in text:
        field = text.split('"')[1]
        return f"SUPERCHARGER_{field.upper()}: cannot parse its value"
    return text


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    try:
        return Settings()
    except SettingsError as e:  # a JSON-valued variable that is not JSON
        raise ConfigError(f"{_first_line(e)} (expected JSON)") from None
    except ValidationError as e:
        raise ConfigError(one_line(e, _variable)) from None


def _variable(field: str) -> str:
    """The environment variable that sets ``field``."""
    return f"SUPERCHARGER_{field.upper()}" if field else "settings"
