"""What every deploy file must agree with: the CLI's commands and options, the settings'
variables and the queue names of supercharger/constants.py."""

from __future__ import annotations

from typing import Any

import typer

from supercharger import constants
from supercharger.cli.main import app
from supercharger.settings import Settings

ROLES = ("llm", "sandbox", "control")  # the roles `supercharger worker` serves


def cli_errors(argv: list[str]) -> list[str]:
    """Why ``supercharger ARGV`` would not parse (empty: it would): an unknown command, an
    unknown option, a role that is not one, an option without its value."""
    group: Any = typer.main.get_command(app)
    command = group.commands.get(argv[0]) if argv else None
    if command is None:
        return [f"no command {argv[:1]} (known: {sorted(group.commands)})"]
    if hasattr(command, "commands"):  # a group: `sandbox run`
        return cli_errors_in(command, argv[1:])
    params, why = _parse(command, argv)
    if why:
        return [why]
    role = params.get("role")
    if argv[0] == "worker" and role not in constants.ROLE_QUEUE:
        return [f"{argv}: role {role!r} is not one of {sorted(constants.ROLE_QUEUE)}"]
    return []


def cli_errors_in(group: Any, argv: list[str]) -> list[str]:
    """``cli_errors`` for a sub-command group (``sandbox run``)."""
    sub = group.commands.get(argv[0]) if argv else None
    if sub is None:
        return [f"no sub-command {argv[:1]} of {group.name}"]
    return [why] if (why := _parse(sub, argv)[1]) else []


def _parse(command: Any, argv: list[str]) -> tuple[dict[str, Any], str | None]:
    """The command's parameters as click parses ``argv[1:]``, or why it cannot."""
    try:
        ctx = command.make_context(argv[0], list(argv[1:]), resilient_parsing=False)
    except Exception as e:  # noqa: BLE001  (typer's vendored click: UsageError and kin)
        return {}, f"{argv}: {getattr(e, 'format_message', e.__str__)()}"
    return dict(ctx.params), None


def env_errors(names: list[str]) -> list[str]:
    """The SUPERCHARGER_* names that set no field of the one settings object."""
    prefix = "SUPERCHARGER_"
    bad = []
    for name in names:
        if not name.startswith(prefix):
            continue
        field = name[len(prefix) :].split("__", 1)[0].lower()
        if field not in Settings.model_fields:
            bad.append(name)
    return bad


def role_of(argv: list[str]) -> str | None:
    """The role a ``worker ROLE ...`` command line serves, else None."""
    return argv[1] if len(argv) > 1 and argv[0] == "worker" else None
