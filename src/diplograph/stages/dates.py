"""Find date expressions in a clause and resolve them against the publication date.

Values follow EVENTS.md section 6: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn`` or ``YYYY``.
Each rule below is a regular expression plus a resolver; every match becomes a
:class:`DateMention` with character offsets into the text. Overlapping matches keep the
longest (then the earliest).

Conventions (decided here, checked against the dev gold):

* Weekdays: the latest such day on or before ``pubdate``; with ``future=True`` the earliest
  on or after it (the gold dates an intended "Tuesday" in a Tuesday story to that day).
  "last Friday" is strictly before, "next Friday" strictly after the pubdate.
* Months without a year: the latest such month on or before the pubdate's month (future:
  the earliest on or after it); "last March" is strictly before; month + day likewise.
* "last week" / "next week": the month holding most of that week (its Thursday);
  "this week", "this month", "earlier/later this month" -> the pubdate's month;
  "last/next month" -> the month before/after; "the weekend" -> month of its Saturday.
* "last year" / "the previous year" -> pubdate year - 1; "this year" -> year; "next year" -> + 1.
* "N days ago" -> that day; "N weeks ago" / "N months ago" -> that month; "N years ago" -> year.
  "N days earlier/before" count back from ``anchor`` (default: the pubdate); "N days
  later/after" and "the following day" need an ``anchor`` (a day already established in
  the story), else "N days after" gives the pubdate's month and "the following day" nothing.
* Quarters -> ``YYYY-Qn``; halves ("first half of 2024") -> the year.
* Bare years 1900-2099 are dates ("the 2019 East Asia summit"), unless they are counts,
  money, resolutions or times ("$2015", "Resolution 2231", "some 2000 troops", "2015 GMT").
  "since 2015" -> "2015". Decades ("the 1990s"), "recent years", "World War II" -> nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None, "some": None,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}

# Month names must be capitalised; "May" and "March" alone are too often a verb or a name.
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH = rf"(?P<month>{_FULL_MONTH}|{_ABBR_MONTH})"
_SAFE_MONTH = r"(?P<month>January|February|April|June|July|August|September|October|November|December)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_COUNT = r"(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_REL_YEAR = r"(?P<rel>this|last|next|the previous|the following|the same)\s+year"
_MONTH_PREFIX = r"(?:(?:early|mid|late|the (?:end|beginning|start|middle) of)[\s-]+)?"
_NOT_AFTER_NUMBER = r"(?<![\w$£€¥#/.,+-])"
_YEAR_BLOCKERS = re.compile(
    r"(?:resolutions?|no\.|number|article|section|paragraph|chapter|page|flight|route|vision|agenda|"
    r"about|around|nearly|almost|over|than|some|approximately|roughly|least|total of|only|just|another|"
    r"additional|extra|estimated|up to|rule|code|model|type|class)\s*$",
    re.IGNORECASE,
)
_YEAR_UNIT_AFTER = re.compile(
    r"\s*(?:s\b|'s\b|km|kilomet|mile|met(?:er|re)s|feet|tonnes|tons|troops|soldiers|people|personnel|"
    r"civilians|refugees|migrants|barrels|mw\b|gw\b|units|members|deaths|dead|killed|hours|gmt|utc|local time|"
    r"%|percent|per cent)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: char offsets into the text, the words, and the resolved value."""

    start: int
    end: int
    text: str
    value: str  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY-Qn" | "YYYY"


@dataclass(frozen=True, slots=True)
class _Ctx:
    pub: date | None
    future: bool
    anchor: date | None


Resolver = Callable[["re.Match[str]", _Ctx], "str | None"]


# ---------------------------------------------------------------- calendar helpers


def _parse_pubdate(pubdate: str | None) -> date | None:
    if not pubdate:
        return None
    try:
        return date.fromisoformat(pubdate[:10])
    except ValueError:
        return None


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _month_of(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _count(token: str) -> int | None:
    token = token.lower()
    return int(token) if token.isdigit() else NUMBERS.get(token)


def _month_year(pub: date, month: int, *, future: bool, strict: bool = False) -> int:
    """Year of the nearest ``month`` on/before (or on/after, when future) the pubdate's month."""
    if future:
        return pub.year if (month > pub.month or (month == pub.month and not strict)) else pub.year + 1
    return pub.year if (month < pub.month or (month == pub.month and not strict)) else pub.year - 1


def _day_near(pub: date, month: int, day: int, *, future: bool) -> date | None:
    """The nearest (month, day) on/before the pubdate, or on/after it when ``future``."""
    cands = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(year, month, day))
        except ValueError:
            continue
    if future:
        return min((c for c in cands if c >= pub), default=None)
    return max((c for c in cands if c <= pub), default=None)


def _weekday_near(pub: date, weekday: int, *, future: bool, strict: bool) -> date:
    if future:
        delta = (weekday - pub.weekday()) % 7
        return pub + timedelta(days=7 if strict and delta == 0 else delta)
    delta = (pub.weekday() - weekday) % 7
    return pub - timedelta(days=7 if strict and delta == 0 else delta)


def _week_month(pub: date, weeks: int) -> str:
    """Month holding most of the week ``weeks`` away from the pubdate's (ISO rule: its Thursday)."""
    thursday = pub - timedelta(days=pub.weekday()) + timedelta(days=7 * weeks + 3)
    return _ym(thursday.year, thursday.month)


def _rel_offset(rel: str | None) -> int:
    rel = (rel or "").lower()
    if rel in {"last", "the previous", "previous", "the preceding", "this past", "the past"}:
        return -1
    if rel in {"next", "the following", "the coming", "this coming", "the next"}:
        return 1
    return 0


# ---------------------------------------------------------------- resolvers (match, ctx) -> value


def _iso(m: re.Match[str], ctx: _Ctx) -> str | None:
    try:
        return date(int(m["year"]), int(m["mon"]), int(m["day"])).isoformat()
    except ValueError:
        return None


def _slash(m: re.Match[str], ctx: _Ctx) -> str | None:
    """dd/mm/yyyy or mm/dd/yyyy only when unambiguous (one part above 12, or both equal)."""
    a, b = int(m["a"]), int(m["b"])
    day, month = (a, b) if a > 12 or a == b else (b, a) if b > 12 else (0, 0)
    try:
        return date(int(m["year"]), month, day).isoformat()
    except ValueError:
        return None


def _full_date(m: re.Match[str], ctx: _Ctx) -> str | None:
    try:
        return date(int(m["year"]), _month_of(m["month"]), int(m["day"])).isoformat()
    except ValueError:
        return None


def _month_day(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None or not 1 <= int(m["day"]) <= 31:
        return None
    month, day = _month_of(m["month"]), int(m["day"])
    past = _day_near(ctx.pub, month, day, future=False)
    ahead = _day_near(ctx.pub, month, day, future=True) if ctx.future else None
    if past and ahead:  # an intended act on a stated day: the nearer one (announcements trail the day)
        return min((past, ahead), key=lambda d: abs((d - ctx.pub).days)).isoformat()  # type: ignore[operator]
    found = ahead or past
    return found.isoformat() if found else None


def _month_with_year(m: re.Match[str], ctx: _Ctx) -> str | None:
    return _ym(int(m["year"]), _month_of(m["month"]))


def _month_rel_year(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    base = ctx.anchor if m["rel"].lower() in {"the following", "the same"} else ctx.pub
    if base is None:
        return None
    return _ym(base.year + _rel_offset(m["rel"]), _month_of(m["month"]))


def _month_rel(m: re.Match[str], ctx: _Ctx) -> str | None:
    """'last March' (strictly before), 'next March' (strictly after), 'this March' (pubdate year)."""
    if ctx.pub is None:
        return None
    month, offset = _month_of(m["month"]), _rel_offset(m["rel"])
    if offset == 0:
        return _ym(ctx.pub.year, month)
    return _ym(_month_year(ctx.pub, month, future=offset > 0, strict=True), month)


def _month_alone(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    month = _month_of(m["month"])
    return _ym(_month_year(ctx.pub, month, future=ctx.future), month)


def _quarter(m: re.Match[str], ctx: _Ctx) -> str | None:
    quarter = ORDINALS.get((m["ord"] or "").lower()) or int(m["q"] or 0)
    if m["year"]:
        return f"{m['year']}-Q{quarter}"
    if ctx.pub is None:
        return None
    return f"{ctx.pub.year + _rel_offset(m['rel'])}-Q{quarter}"


def _year_only(m: re.Match[str], ctx: _Ctx) -> str | None:
    return m["year"]


def _bare_year(m: re.Match[str], ctx: _Ctx) -> str | None:
    """A 4-digit year unless the context says it is a count, an amount, a number or a time."""
    text, year = m.string, int(m["year"])
    before, after = text[max(0, m.start() - 20) : m.start()], text[m.end() : m.end() + 16]
    if _YEAR_BLOCKERS.search(before) or _YEAR_UNIT_AFTER.match(after):
        return None
    prep = re.search(r"(?i:\b(?:in|since|by|until|from|of|during|year|circa|before|after)\s+)$", before)
    if not (1900 <= year <= 2099 or (prep and year >= 1000)):
        return None
    return m["year"]


def _day_word(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    word = re.sub(r"\s+", " ", m[0].lower())
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word.removeprefix("the day before ").removeprefix("the day after "), 0)
    if word.startswith("the day before "):
        offset -= 1
    elif word.startswith("the day after "):
        offset += 1
    return (ctx.pub + timedelta(days=offset)).isoformat()


def _weekday(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    offset = _rel_offset(m["rel"])
    future = offset > 0 or (offset == 0 and ctx.future)
    found = _weekday_near(ctx.pub, WEEKDAYS[m["weekday"].lower()], future=future, strict=offset != 0)
    return found.isoformat()


def _week(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    offset = _rel_offset(m["rel"])
    return _week_month(ctx.pub, offset) if offset else _ym(ctx.pub.year, ctx.pub.month)


def _weekend(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    offset = _rel_offset(m["rel"])
    future = offset > 0 or (offset == 0 and ctx.future)
    saturday = _weekday_near(ctx.pub, 5, future=future, strict=False)
    return _ym(saturday.year, saturday.month)


def _month_word(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    return _ym(*_shift_month(ctx.pub.year, ctx.pub.month, _rel_offset(m["rel"])))


def _year_word(m: re.Match[str], ctx: _Ctx) -> str | None:
    """'last year' -> -1; 'the last/past year' (the past twelve months) -> this year; 'the following year' needs an anchor."""
    rel = m["rel"].lower()
    if rel in {"the following", "the next", "the same"}:
        return str(ctx.anchor.year + (rel != "the same")) if ctx.anchor else None
    if ctx.pub is None:
        return None
    return str(ctx.pub.year + (0 if rel in {"the last", "the past"} else _rel_offset(rel)))


def _year_end(m: re.Match[str], ctx: _Ctx) -> str | None:
    return str(ctx.pub.year) if ctx.pub else None


def _ago(m: re.Match[str], ctx: _Ctx) -> str | None:
    """'N days ago' -> day, 'N weeks/months ago' -> month, 'N years ago' -> year."""
    return _offset_value(ctx.pub, _count(m["count"]), m["unit"].lower().rstrip("s"), -1)


def _offset(m: re.Match[str], ctx: _Ctx) -> str | None:
    """Offsets from the anchor (default: the pubdate, the story's news day).

    "seven days earlier" / "two days later" date the clause's own event (anchor -/+ N);
    "a day after" / "a day before" date the event they introduce ("X, a day after Y" puts
    Y a day before the news: anchor - N; "a day before Y": anchor + N).
    """
    base = ctx.anchor or ctx.pub
    unit = m["unit"].lower().rstrip("s")
    sign = -1 if m["dir"].lower() in {"earlier", "after", "prior"} else 1
    count = _count(m["count"]) if m["count"] else None
    if unit == "hour":
        return base.isoformat() if base else None
    return _offset_value(base, count, unit, sign)


def _offset_value(base: date | None, count: int | None, unit: str, sign: int) -> str | None:
    if base is None:
        return None
    if count is None:  # "a few days ago": only the month is known
        return _ym(base.year, base.month) if unit in {"day", "week"} else None
    if unit == "day":
        return (base + timedelta(days=sign * count)).isoformat()
    if unit == "week":
        day = base + timedelta(days=sign * 7 * count)
        return _ym(day.year, day.month)
    if unit == "month":
        return _ym(*_shift_month(base.year, base.month, sign * count))
    return str(base.year + sign * count)


def _next_day(m: re.Match[str], ctx: _Ctx) -> str | None:
    """'the following day', 'the next morning', 'the day before': relative to the anchor only."""
    if ctx.anchor is None:
        return None
    which = (m["which"] or m["ba"] or "").lower()
    offset = {"following": 1, "next": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(which, 0)
    return (ctx.anchor + timedelta(days=offset)).isoformat()


def _season(m: re.Match[str], ctx: _Ctx) -> str | None:
    if m["year"]:
        return m["year"]
    if ctx.pub is None:
        return None
    offset, end = _rel_offset(m["rel"]), SEASON_END[m["season"].lower()]
    if offset < 0:
        return str(ctx.pub.year if ctx.pub.month > end else ctx.pub.year - 1)
    if offset > 0:
        return str(ctx.pub.year if ctx.pub.month < end - 2 else ctx.pub.year + 1)
    return str(ctx.pub.year)


# ---------------------------------------------------------------- rules: (pattern, resolver)

_PREP = r"in|since|by|until|till|from|during|through|throughout|before|after|of|for|between|and|to|or|earlier in|later in|as early as"
_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(pattern), resolver)
    for pattern, resolver in (
        (r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b", _iso),
        (r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b", _slash),
        (rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", _full_date),
        (rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", _full_date),
        (rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\d|:)", _month_day),
        (rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)", _month_day),
        (rf"\b{_MONTH_PREFIX}{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", _month_with_year),
        (rf"\b{_MONTH_PREFIX}{_MONTH}\s+(?:of\s+)?(?i:{_REL_YEAR})\b", _month_rel_year),
        (rf"(?i:\b(?P<rel>last|next|this past|this coming|this)\s+){_MONTH}(?!\w)", _month_rel),
        (rf"(?i:\b(?:{_PREP}|early|late|mid|in early|in late|in mid|(?:by |before |until )?the (?:end|beginning|start|middle) of|end of|the month of)[\s-]+){_MONTH}(?!\w)(?!\.?\s*\d)", _month_alone),
        (rf"\b{_SAFE_MONTH}\b(?!\s*\d)", _month_alone),
        (rf"(?i:\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?(?:\s+(?:(?:the\s+)?{_YEAR}|(?P<rel>this|last|next|the previous|the following)\s+year))?)(?P<q>)", _quarter),
        (rf"\bQ(?P<q>[1-4])(?:\s+|\s*/\s*|-)?(?:FY)?{_YEAR}\b(?P<ord>)(?P<rel>)", _quarter),
        (rf"\b{_YEAR}[\s-]?Q(?P<q>[1-4])\b(?P<ord>)(?P<rel>)", _quarter),
        (rf"(?i:\b(?:the\s+)?(?:first|second|1st|2nd|latter|early|later)\s+half\s+of\s+(?:the\s+year\s+)?){_YEAR}\b", _year_only),
        (rf"\bH[12]\s+{_YEAR}\b", _year_only),
        (rf"{_NOT_AFTER_NUMBER}\b{_YEAR}\b(?![.,:]\d)(?!-\d{{2}}-)", _bare_year),
        (r"(?i:\b(?:the\s+day\s+(?:before|after)\s+)?(?:today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|overnight)\b)", _day_word),
        (rf"(?:(?i:\b(?P<rel>last|next|this past|this coming|this)\s+))?\b{_WEEKDAY}\b", _weekday),
        (r"(?i:\b(?P<rel>last|next|this|earlier this|later this|the past|the previous|the following|the coming)\s+week\b)", _week),
        (r"(?i:\b(?P<rel>last|next|this|this past|this coming|over the|the past|the coming|the)\s+weekend\b)", _weekend),
        (r"(?i:\b(?P<rel>last|next|this|earlier this|later this|the previous|the following|the coming)\s+month\b)", _month_word),
        (r"(?i:\b(?:(?:earlier|later)\s+)?(?P<rel>this|last|next|the previous|the following|the next|the same|the last|the past|the coming)\s+year\b)", _year_word),
        (r"(?i:\b(?:the\s+)?end\s+of\s+(?:the|this)\s+year\b|\byear[- ]end\b)", _year_end),
        (rf"(?i:\b{_COUNT}\s+{_UNIT}\s+ago\b)", _ago),
        (rf"(?i:\b(?:(?:a\s+few|several|some|{_COUNT})\s+)?(?P<unit>day|week|month|year|hour)s?\s+(?P<dir>earlier|before|later|after|prior)\b)", _offset),
        (r"(?i:\b(?:the\s+)?(?P<which>following|next|previous|same|preceding)\s+(?:day|morning|evening|night|afternoon)\b|\bthe\s+day\s+(?P<ba>before|after)\b)", _next_day),
        (rf"(?i:\b(?P<rel>last|next|this|this past|this coming|the|in|early|late)\s+(?P<season>spring|summer|autumn|fall|winter)\b(?!\s+of\s+(?!\d))(?:\s+(?:of\s+)?{_YEAR})?)", _season),
    )
)


def find_dates(text: str, pubdate: str | None, *, future: bool = False, anchor: str | None = None) -> list[DateMention]:
    """All date expressions of a sentence or clause, resolved against ``pubdate``.

    Args:
        text: the sentence or clause.
        pubdate: publication date ``YYYY-MM-DD``; without it only absolute dates resolve.
        future: the clause is future tense or intended: weekdays and bare months go forward.
        anchor: a day (``YYYY-MM-DD``) the story already established, for "the following day".

    Returns:
        Mentions in text order, with offsets into ``text``; overlapping matches keep the longest.

    Examples:
        >>> [m.value for m in find_dates("Jaishankar said on Wednesday", "2023-12-20")]
        ['2023-12-20']
    """
    ctx = _Ctx(_parse_pubdate(pubdate), future, _parse_pubdate(anchor))
    found: list[tuple[int, int, str | None]] = []
    for pattern, resolver in _RULES:
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), resolver(match, ctx)))
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken: list[tuple[int, int, str | None]] = []
    for start, end, value in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, value))
    return [DateMention(s, e, text[s:e], v) for s, e, v in sorted(taken) if v is not None]




def _specificity(value: str) -> int:
    if len(value) == 10:
        return 0
    if "Q" in value:
        return 2
    return 1 if len(value) == 7 else 3


def resolve_date(text: str, pubdate: str | None, *, future: bool = False, anchor: str | None = None) -> DateMention | None:
    """The single best date of a clause: the most specific mention (day > month > quarter > year),
    the earliest in the text on a tie; None when the clause has no date expression.

    Examples:
        >>> resolve_date("Earlier in December, the US and South Korea agreed", "2023-12-21").value
        '2023-12'
    """
    mentions = find_dates(text, pubdate, future=future, anchor=anchor)
    return min(mentions, key=lambda m: (_specificity(m.value), m.start), default=None)
