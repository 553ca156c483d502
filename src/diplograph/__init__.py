"""diplograph: evidence-linked political event data from international news."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def open(path: str | Path = "diplograph.duckdb", *, read_only: bool = False) -> Store:  # noqa: A001
    """Open (or create) a diplograph database and return its :class:`~diplograph.store.Store`.

    Args:
        path (str | Path): the DuckDB file, or ``":memory:"``. Defaults to ``./diplograph.duckdb``.
        read_only (bool): open without write access. Defaults to False.

    Returns:
        Store: query it with ``.events(actor=..., dyad=(a, b), since=...)`` (an Arrow table:
        ``.to_pandas()``, ``polars.from_arrow``), ``.dyad_timeline``, ``.country_month_panel``, ...

    Examples:
        >>> import diplograph
        >>> with diplograph.open(":memory:") as db:
        ...     db.events(actor="KOR").num_rows
        0
    """
    from .store import Store

    return Store(path, read_only=read_only)


def __getattr__(name: str) -> Any:
    if name == "Store":  # imported lazily: ``import diplograph`` stays light
        from .store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
