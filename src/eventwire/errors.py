"""Errors raised by eventwire, each naming what went wrong and what to do.

Codes (E001...) make messages searchable; the texts say which input and why.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input path or record cannot be read (the batch goes on without it)."""


class UsageError(EventwireError):
    """The command was called with arguments that cannot work (exit status 2)."""


class StoreError(EventwireError):
    """The DuckDB store cannot be opened or written."""
