"""The typed error tree. User errors become one clear line and a non-zero exit at the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound="BaseModel")


class SuperchargerError(Exception):
    """Raised when supercharger itself cannot go on; the base of every error below."""

    exit_code = 1


class UserError(SuperchargerError):
    """Raised when the user's input or configuration is wrong; exits 2."""

    exit_code = 2


class SpecError(UserError):
    """Raised when a spec file cannot be read or does not hold exactly one function signature."""


class ConfigError(UserError):
    """Raised when a setting or backend option is invalid or unknown."""


class UnknownBackendError(ConfigError):
    """Raised when a backend name is not registered; the message lists the known ones."""


class RequirementsError(UserError):
    """Raised when a spec's requirements cannot be parsed, resolved or built into an environment."""


class JobNotFoundError(UserError):
    """Raised when a job id is not known to the broker's job store."""


class BrokerError(SuperchargerError):
    """Raised when the Redis broker cannot be reached or the embedded one cannot start."""


class ClusterStateError(SuperchargerError):
    """Raised when `up` finds its cluster already up, or `down` finds none up."""


class WorkerError(SuperchargerError):
    """Raised when local workers cannot be started or die before they are ready."""


class ModelError(SuperchargerError):
    """Raised when a model cannot be found, loaded or asked."""


class SandboxError(SuperchargerError):
    """Raised when the sandbox itself cannot run (not when generated code fails its tests)."""


class RunnerSourceError(SandboxError):
    """Raised when the in-sandbox runner's modules cannot be assembled into one source."""


def one_line(
    error: ValidationError, name: Callable[[str], str] = str, known: Iterable[str] | None = None
) -> str:
    """The first problem in ``error`` as ``<name>: <what is wrong>``, for a ConfigError.

    ``name`` spells the location as the user wrote it (a variable, a flag, an option): it gets
    ``a.b`` for a nested location and ``""`` for the whole model. An unknown field is said so,
    listing the ``known`` ones.
    """
    first = error.errors()[0]
    where = name(".".join(str(part) for part in first["loc"]))
    if first["type"] == "extra_forbidden" and known is not None:
        return f"{where}: unknown (known: {', '.join(sorted(known))})"
    return f"{where}: {first['msg'].removeprefix('Value error, ')}"


def validated(model: type[M], data: Any, what: str) -> M:
    """``data`` (a mapping, None or already a ``model``) as ``model``; a one-line ConfigError
    naming ``what`` and the option otherwise."""
    from pydantic import ValidationError

    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data or {})
    except ValidationError as e:

        def name(option: str) -> str:
            return f"{what} option {option}" if option else f"{what} options"

        raise ConfigError(one_line(e, name, known=model.model_fields)) from None
