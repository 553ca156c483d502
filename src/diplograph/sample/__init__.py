"""The bundled sample: international-relations news articles (VOA public domain, Wikinews CC BY 2.5).

See ``README.md`` next to this file for provenance and licences; ``scripts/build_sample.py`` rebuilds it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["sample_path"]


def sample_path() -> Path:
    """Path of the bundled sample, ``articles.jsonl`` (fields id, title, text, date, url, source, licence)."""
    return Path(__file__).resolve().parent / "articles.jsonl"
