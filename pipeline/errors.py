"""Errors a person makes (a path that does not exist, an unknown dataset, bad SQL): the CLI
prints the message on one line and exits 2, without a traceback unless --debug."""
from __future__ import annotations


class CommandError(Exception):
    """What is wrong and how to fix it, in one line."""
