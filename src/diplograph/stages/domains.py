"""Domains an event is about (EVENTS.md field ``domains``), from keyword lists in ``lexicons/domains.yaml``.

The file format is documented at the top of ``domains.yaml``. Each domain's keywords become
one case-insensitive regular expression (plus one case-sensitive for ``=ACRONYM`` entries);
``_ignore`` phrases are blanked out of the text first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ..errors import LexiconError

# The controlled vocabulary of shared/spec/domains.txt, in its order.
DOMAIN_VOCABULARY: tuple[str, ...] = (
    "trade", "investment", "finance", "energy", "nuclear", "climate", "technology", "semiconductors",
    "space", "cyber", "defence", "security", "maritime", "connectivity", "supply_chains", "health",
    "food", "mobility", "people", "development", "human_rights", "regional_order",
)
IGNORE_KEY = "_ignore"


def keyword_pattern(keyword: str) -> str:
    """Regex for one keyword: word-bounded, spaces/hyphens free, plural-tolerant last word, ``*`` = prefix."""
    word = keyword.lstrip("=").strip()
    prefix = word.endswith("*")
    parts = [re.escape(p) for p in re.split(r"[\s-]+", word.rstrip("*")) if p]
    body = r"[\s\-]+".join(parts)
    if prefix:
        body += r"\w*"
    elif not keyword.startswith("=") and word[-1:].isalpha():
        body += r"(?:s|es)?"
    return rf"(?<!\w){body}(?!\w)"


def _compile(keywords: Sequence[str], *, exact: bool) -> re.Pattern[str] | None:
    chosen = sorted({k for k in keywords if k.startswith("=") == exact}, key=len, reverse=True)
    if not chosen:
        return None
    return re.compile("|".join(keyword_pattern(k) for k in chosen), 0 if exact else re.IGNORECASE)


def _anchors(keywords: Sequence[str], *, exact: bool) -> frozenset[str]:
    """The first word of each keyword (lower-cased unless exact): every match of the keyword's
    pattern contains it, so a text without any of them cannot match (a cheap test before the regex)."""
    firsts = (re.split(r"[\s-]+", k.lstrip("=").strip().rstrip("*"))[0] for k in keywords if k.startswith("=") == exact)
    return frozenset(w if exact else w.lower() for w in firsts)


@dataclass(frozen=True, slots=True)
class _Rule:
    """One compiled keyword pattern of a domain, with the words one of which its matches contain."""

    pattern: re.Pattern[str]
    anchors: frozenset[str]
    exact: bool

    def found_in(self, text: str, lowered: str) -> bool:
        haystack = text if self.exact else lowered
        return any(a in haystack for a in self.anchors) and self.pattern.search(text) is not None


def _read(path: Path) -> dict[str, list[str]]:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise LexiconError(f"cannot read domain lexicon {path}: {err}") from err
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping 'domain: [keywords]' at the top level")
    out: dict[str, list[str]] = {}
    for domain, words in data.items():
        if domain != IGNORE_KEY and domain not in DOMAIN_VOCABULARY:
            raise LexiconError(f"{path}: unknown domain {domain!r}. Use one of: {', '.join(DOMAIN_VOCABULARY)}")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise LexiconError(f"{path}: domain {domain!r} must be a list of non-empty strings")
        out[str(domain)] = [w.strip() for w in words]
    return out


@dataclass(frozen=True, slots=True)
class DomainLexicon:
    """Compiled keyword patterns per domain; build with :meth:`load` and keep the instance."""

    patterns: Mapping[str, tuple[_Rule, ...]]
    ignore: re.Pattern[str] | None

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> DomainLexicon:
        """The built-in ``domains.yaml`` plus ``extra`` files (same format), keywords added per domain.

        Raises:
            LexiconError: a file is unreadable, or names an unknown domain or a non-string keyword.
        """
        merged: dict[str, list[str]] = {}
        builtin = Path(str(resources.files("diplograph") / "lexicons" / "domains.yaml"))
        for path in (builtin, *map(Path, extra)):
            for domain, words in _read(path).items():
                merged.setdefault(domain, []).extend(words)
        patterns = {}
        for domain in DOMAIN_VOCABULARY:
            words = merged.get(domain, [])
            compiled = tuple(_Rule(p, _anchors(words, exact=exact), exact) for exact in (False, True)
                             if (p := _compile(words, exact=exact)) is not None)
            if compiled:
                patterns[domain] = compiled
        ignore = merged.get(IGNORE_KEY, [])
        return cls(patterns=MappingProxyType(patterns), ignore=_compile(ignore, exact=False) if ignore else None)

    def domains(self, text: str) -> tuple[str, ...]:
        """Domains whose keywords occur in ``text``, in vocabulary order.

        Examples:
            >>> DomainLexicon.load().domains("talks on semiconductors and green hydrogen")
            ('energy', 'semiconductors')
        """
        if self.ignore is not None:
            text = self.ignore.sub(lambda m: " " * len(m[0]), text)
        lowered = text.lower()
        return tuple(d for d, rules in self.patterns.items() if any(r.found_in(text, lowered) for r in rules))
