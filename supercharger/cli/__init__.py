"""The command line: ``supercharger submit | status | result | cancel | jobs | worker | flower |
sandbox run``, the live view of ``submit`` and the sandbox command."""

from supercharger.cli.main import app, main

__all__ = ["app", "main"]
