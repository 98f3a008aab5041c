"""The typed error tree. User errors become one clear line and a non-zero exit at the CLI."""

from __future__ import annotations


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


class JobNotFoundError(UserError):
    """Raised when a job id is not known to the broker's job store."""


class BrokerError(SuperchargerError):
    """Raised when the Redis broker cannot be reached or the embedded one cannot start."""


class WorkerError(SuperchargerError):
    """Raised when local workers cannot be started or die before they are ready."""


class ModelError(SuperchargerError):
    """Raised when a model cannot be found, loaded or asked."""


class SandboxError(SuperchargerError):
    """Raised when the sandbox itself cannot run (not when generated code fails its tests)."""


class RunnerSourceError(SandboxError):
    """Raised when the in-sandbox runner's modules cannot be assembled into one source."""
