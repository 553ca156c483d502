"""Cleaning: raw records -> Documents with clean text, a normalised pubdate and a stable id.

1. HTML goes through trafilatura (no network, with metadata) and htmldate (``extensive_search`` off).
2. Plain text (and trafilatura's output) goes through the junk rules (``lexicons/junk.yaml`` plus the
   user's files): whole junk lines and delimited junk tokens are removed, nothing else is touched,
   so evidence offsets point into text that reads exactly like the article.
3. Publication date: ``CleanConfig.pubdate``, else the input's metadata, else a date line of the text.
4. ``doc_id`` is the id the input gave, else ``sha1:`` + 16 hex digits of the normalised text.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from ..config import CleanConfig
from ..errors import LexiconError
from ..types import Document, Quarantined, RawRecord

log = logging.getLogger(__name__)

BUILTIN_RULES = Path(__file__).resolve().parent.parent / "lexicons" / "junk.yaml"
DEFAULT_MAX_LEN = 300  # a `lines` rule never removes a line longer than this unless it says otherwise
MAX_TEXT_CHARS = 5_000_000  # texts longer than this are quarantined as oversized

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?)?"
_TZ = r"(?:\s*\(?(?:[A-Z]{2,5}|(?:GMT|UTC)\s*[+-]?\d{0,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|Z)\)?)?"
_DATE_FORMS = (
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>\d{4})",
    _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})",
)
_STRICT_DATES = tuple(re.compile(_WEEKDAY + f + _TIME + _TZ, re.I) for f in _DATE_FORMS)
_LOOSE_DATES = tuple(re.compile(r"\b" + f, re.I) for f in _DATE_FORMS)
_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_BLANK_RUNS = re.compile(r"\n{3,}")


def parse_date(value: str | None, *, strict: bool = False) -> str | None:
    """Normalise a date string to ``YYYY-MM-DD``; None when it is not a (plausible) date.

    Args:
        value: "2023-12-21", "21 Dec 2023, 02:23 PM IST", "Thursday, December 21, 2023", ...
        strict: the whole string must be a date (with optional weekday, time and time zone);
            otherwise the first date found anywhere in it is used.

    Examples:
        >>> parse_date("21 Dec 2023, 02:23 PM IST", strict=True)
        '2023-12-21'
        >>> parse_date("in 1998, the report found", strict=True) is None
        True
    """
    if not value:
        return None
    value = value.strip()
    for pattern in _STRICT_DATES if strict else _LOOSE_DATES:
        m = pattern.fullmatch(value) if strict else pattern.search(value)
        if m is None:
            continue
        groups = m.groupdict()
        month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mon"].lower().rstrip(".")]
        try:
            return date(int(groups["y"]), month, int(groups["d"])).isoformat()
        except ValueError:
            return None
    return None


def normalise_ws(text: str) -> str:
    """Collapse every whitespace run to one space and strip: the form hashes and comparisons use."""
    return _WS.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """sha1 hex digest of the whitespace-normalised text."""
    return hashlib.sha1(normalise_ws(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class _LineRule:
    name: str
    pattern: re.Pattern[str]
    max_len: int = DEFAULT_MAX_LEN
    kind: str = ""  # for date rules: "published" or "updated"


@dataclass(frozen=True, slots=True)
class JunkRules:
    """Compiled junk rules (see the format at the top of ``lexicons/junk.yaml``)."""

    tokens: tuple[_LineRule, ...]
    lines: tuple[_LineRule, ...]
    dates: tuple[_LineRule, ...]
    protect: tuple[re.Pattern[str], ...]

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> JunkRules:
        """The built-in rules followed by each file in ``extra``.

        Raises:
            LexiconError: a file cannot be read, is not a mapping, or has a bad rule.
        """
        parts: dict[str, list] = {"tokens": [], "lines": [], "dates": [], "protect": []}
        for path in (BUILTIN_RULES, *map(Path, extra)):
            for key, rules in _read_rules(path).items():
                parts[key].extend(rules)
        return cls(
            tokens=tuple(parts["tokens"]),
            lines=tuple(parts["lines"]),
            dates=tuple(parts["dates"]),
            protect=tuple(parts["protect"]),
        )

    def apply(self, text: str) -> tuple[str, list[str], str | None]:
        """Remove junk from ``text``.

        Returns:
            The cleaned text, the removed lines/tokens (in order), and the pubdate found in a date
            line (``YYYY-MM-DD``) or None.
        """
        text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        removed: list[str] = []
        found: dict[str, str] = {}
        kept: list[str] = []
        for line in text.split("\n"):
            line = line.rstrip()
            stripped = self._strip_tokens(line, removed)
            if stripped != line and not stripped.strip():
                continue
            if stripped.strip() and self._is_junk(stripped.strip(), removed, found):
                continue
            kept.append(stripped)
        cleaned = _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip()
        return cleaned, removed, found.get("published") or found.get("updated")

    def _strip_tokens(self, line: str, removed: list[str]) -> str:
        for rule in self.tokens:
            if rule.pattern.search(line):
                removed.extend(m.group(0) for m in rule.pattern.finditer(line))
                line = rule.pattern.sub("", line)
        return line.rstrip() if line.strip() else ""

    def _is_junk(self, line: str, removed: list[str], found: dict[str, str]) -> bool:
        for rule in self.dates:
            m = rule.pattern.fullmatch(line) if len(line) <= rule.max_len else None
            day = parse_date(m.group("date"), strict=True) if m else None
            if day:
                found.setdefault(rule.kind, day)
                removed.append(line)
                return True
        if any(p.fullmatch(line) for p in self.protect):
            return False
        for rule in self.lines:
            if len(line) <= rule.max_len and rule.pattern.fullmatch(line):
                removed.append(line)
                return True
        return False


def _read_rules(path: Path) -> dict[str, list]:
    """Parse one rules file into compiled rules, naming the file and rule in every error."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise LexiconError(f"cannot read junk rules {path}: {err}") from err
    if not isinstance(data, dict):
        raise LexiconError(f"junk rules {path}: expected a mapping with keys tokens/lines/dates/protect")
    unknown = set(data) - {"tokens", "lines", "dates", "protect"}
    if unknown:
        raise LexiconError(f"junk rules {path}: unknown key(s) {sorted(unknown)}; use tokens, lines, dates, protect")
    out: dict[str, list] = {"protect": [_compile(path, "protect", p) for p in data.get("protect") or []]}
    for key in ("tokens", "lines", "dates"):
        out[key] = []
        for i, entry in enumerate(data.get(key) or []):
            if not isinstance(entry, dict) or "pattern" not in entry:
                raise LexiconError(f"junk rules {path}: {key}[{i}] needs a 'pattern' (and a 'name')")
            name = str(entry.get("name", f"{key}[{i}]"))
            pattern = _compile(path, name, entry["pattern"])
            if key == "dates" and "date" not in pattern.groupindex:
                raise LexiconError(f"junk rules {path}: date rule {name!r} needs a named group (?P<date>...)")
            kind = str(entry.get("kind", "published"))
            out[key].append(_LineRule(name, pattern, int(entry.get("max_len", DEFAULT_MAX_LEN)), kind))
    return out


def _compile(path: Path, name: str, pattern: object) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern), re.I)
    except re.error as err:
        raise LexiconError(f"junk rules {path}: rule {name!r} has a bad regular expression: {err}") from err


def clean_text(text: str, *, rules: JunkRules | None = None) -> str:
    """The cleaned text alone (junk lines and tokens removed)."""
    return (rules or JunkRules.load()).apply(text)[0]


def clean_record(
    raw: RawRecord,
    config: CleanConfig,
    *,
    rules: JunkRules | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> Document | Quarantined:
    """Turn one raw record into a Document, or quarantine it (empty after cleaning, oversized, no text)."""
    rules = rules or JunkRules.load(config.junk_rules)
    where = raw.source + (f":{raw.line}" if raw.line is not None else "")
    title, url, meta_date = raw.title, raw.url, parse_date(raw.pubdate)
    if raw.html is not None and not raw.text:
        if len(raw.html) > max_chars * 4:
            return _quarantine(raw, "oversized", f"{len(raw.html):,} characters of HTML")
        extracted = extract_html(raw.html, url=raw.url)
        if extracted is None:
            return _quarantine(raw, "html_no_text", "no main text found in the HTML")
        body, html_title, html_date, html_url = extracted
        title, url, meta_date = title or html_title, url or html_url, meta_date or html_date
    else:
        body = raw.text or ""
    if len(body) > max_chars:
        return _quarantine(raw, "oversized", f"{len(body):,} characters > {max_chars:,}")
    cleaned, removed, text_date = rules.apply(body)
    if not cleaned:
        return _quarantine(raw, "empty", "no text left after cleaning" if body.strip() else "no text")
    digest = content_hash(cleaned)
    return Document(
        doc_id=raw.doc_id or f"sha1:{digest[:16]}",
        text=cleaned,
        pubdate=parse_date(config.pubdate) or meta_date or text_date,
        title=title.strip() if title else None,
        url=url,
        source=where,
        content_hash=digest,
        removed=tuple(removed),
    )


def _quarantine(raw: RawRecord, reason: str, detail: str) -> Quarantined:
    return Quarantined(source=raw.source, reason=reason, detail=detail, line=raw.line, doc_id=raw.doc_id)  # type: ignore[arg-type]


def extract_html(html: str, *, url: str | None = None) -> tuple[str, str | None, str | None, str | None] | None:
    """Main text, title, date (YYYY-MM-DD) and URL of an HTML page, offline; None when there is no text."""
    import htmldate
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # trafilatura raises assorted lxml/parser errors on broken markup
        log.debug("trafilatura failed: %s", err)
        result = None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        return None
    found = getattr(result, "date", None)
    if not found:
        try:
            found = htmldate.find_date(html, extensive_search=False, original_date=True)
        except Exception as err:  # noqa: BLE001 - a date is optional; never fail the document for it
            log.debug("htmldate failed: %s", err)
    return text, getattr(result, "title", None), parse_date(found), getattr(result, "url", None) or url
