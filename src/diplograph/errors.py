"""Exceptions raised by the library. Only the CLI and the REST API turn them into exit codes / HTTP bodies."""

from __future__ import annotations


class DiplographError(Exception):
    """Base class of every error diplograph raises on purpose."""


class ConfigError(DiplographError):
    """A configuration value or file is wrong; the message says which and how to fix it."""


class LexiconError(DiplographError):
    """A lexicon file is malformed; the message names file, line and the fix."""


class StoreError(DiplographError):
    """The database cannot be opened, read or written."""


class InputError(DiplographError):
    """An input cannot be read at all (not a per-document problem: those are quarantined)."""
