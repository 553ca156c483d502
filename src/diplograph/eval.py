"""Score predicted events against gold events (``shared/spec/EVENTS.md`` sections 5, 7 and 8).

The figures are the ones the reference scorer ``shared/tools/score.py`` reports, computed by our
own code so that ``diplograph eval`` needs nothing outside the package:

1. Per document, gold and predicted events are paired one-to-one, greedily, best pair first.
   A pair is a candidate at a level when it agrees on what the level requires:
   (a) ``type``; (b) ``type`` + unordered actor/recipient ``pair``; (c) (b) + ``status``.
   Among candidates, pairs agreeing on more of direction, status, date, mode, location country
   and domains (in that order of importance) are taken first; ties go to the earlier gold event,
   then the earlier prediction. The order decides which events pair up, never how many.
2. Precision, recall and F1 are micro-averaged over all gold documents. Predictions for doc_ids
   absent from the gold file are ignored (and counted as such).
3. On level-(b) matches: direction and status always; mode, date (at the gold event's
   granularity), location country and domains (Jaccard) only where the gold event has them.
4. ``view="plover"`` scores ``plover_event`` (taken when the key is present, null meaning "no
   PLOVER event", else derived as section 5 says); kept events then count as asserted.
5. Optional 95% percentile intervals of F1 from resampling documents with replacement.

A missing or null ``status`` reads as ``asserted``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import DiplographError

View = Literal["event", "plover"]
Level = Literal["type", "type_pair", "type_pair_status"]
Aspect = Literal["type", "pair", "direction", "status", "date", "mode", "country", "domains"]

LEVELS: tuple[Level, ...] = ("type", "type_pair", "type_pair_status")
LEVEL_LABELS: dict[str, str] = {
    "type": "(a) type", "type_pair": "(b) type+pair", "type_pair_status": "(c) type+pair+status",
}
# What a gold/pred pair must agree on to be a candidate at each level.
REQUIRED: dict[str, frozenset[str]] = {
    "type": frozenset({"type"}),
    "type_pair": frozenset({"type", "pair"}),
    "type_pair_status": frozenset({"type", "pair", "status"}),
}
# Order in which agreement ranks candidate pairs (most important first).
RANKING: tuple[Aspect, ...] = ("type", "pair", "direction", "status", "date", "mode", "country", "domains")
ATTRIBUTES: tuple[str, ...] = ("direction", "status", "mode", "date", "location_country", "domains_jaccard")

STATUSES = frozenset({"asserted", "intended", "considered", "negated", "hypothetical"})
COOPERATIVE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
MATERIAL_CONFLICT_TYPES = frozenset({"COERCE", "ASSAULT", "SANCTION", "MOBILIZE"})
_DATE = re.compile(r"(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>0[1-9]|1[0-2])(?:-(?P<day>\d\d))?)?")


class EvalError(DiplographError):
    """A gold or prediction file cannot be scored; the message names the file and line."""


# --------------------------------------------------------------------------- loading


def _read_jsonl(path: str | Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``("file:line", object)`` for each non-blank line of a JSONL file."""
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    raise EvalError(f"{where}: invalid JSON ({err.msg} at column {err.colno})") from None
                if not isinstance(obj, dict):
                    raise EvalError(f"{where}: expected a JSON object, got {type(obj).__name__}")
                yield where, obj
    except UnicodeDecodeError:
        raise EvalError(f"{path}: not UTF-8 text") from None
    except OSError as err:
        raise EvalError(f"{path}: cannot read ({err.strerror})") from None


def _group(lines: Iterable[tuple[str, dict[str, Any]]], id_keys: tuple[str, ...]) -> dict[str, list[dict]]:
    """Events grouped by document id, in file order; a repeated doc_id adds to its document."""
    docs: dict[str, list[dict]] = {}
    for where, obj in lines:
        if "events" in obj:
            keys, events = ("doc_id",), obj["events"]
            if not isinstance(events, list):
                raise EvalError(f'{where}: "events" must be a list')
        else:
            keys, events = id_keys, [obj]
        doc_id = next((obj[k] for k in keys if obj.get(k) is not None), None)
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
            raise EvalError(f"{where}: no {' or '.join(repr(k) for k in keys)} (string or integer)")
        docs.setdefault(str(doc_id), []).extend(events)
    return docs


def load_gold(path: str | Path) -> dict[str, list[dict]]:
    """Read a gold file: document lines with ``events``, or single events (doc_id, else id).

    Args:
        path: JSONL file in the format of EVENTS.md section 8.

    Returns:
        ``{doc_id: [event dict, ...]}``; documents without events are kept (empty list).

    Raises:
        EvalError: the file is unreadable or a line is not a JSON object with an id.
    """
    return _group(_read_jsonl(path), ("doc_id", "id"))


def load_pred(path: str | Path) -> dict[str, list[dict]]:
    """Read predictions: one event per line with ``doc_id`` (document lines are accepted too)."""
    return _group(_read_jsonl(path), ("doc_id",))


# --------------------------------------------------------------------------- normalising


@dataclass(frozen=True, slots=True)
class _Scored:
    """One event reduced to what the metric compares; ``raw`` is the event as read."""

    type: str
    actor: str | None
    recipient: str | None
    status: str
    mode: str | None
    date: str | None
    country: str | None
    domains: frozenset[str] | None
    raw: Mapping[str, Any] = field(compare=False)

    @property
    def pair(self) -> frozenset[str | None]:
        return frozenset((self.actor, self.recipient))


def _field(obj: Mapping[str, Any], key: str, kind: type, what: str) -> Any:
    value = obj.get(key)
    if value is not None and not isinstance(value, kind):
        raise EvalError(f"{what}: {key!r} must be {kind.__name__} or null, got {value!r}")
    return value


def _word(obj: Mapping[str, Any], key: str, what: str, *, upper: bool = True) -> str | None:
    """A stripped string field in upper (or lower) case; None when absent, null or blank."""
    value = (_field(obj, key, str, what) or "").strip()
    if not value:
        return None
    return value.upper() if upper else value.lower()


def plover_event(event: str, status: str) -> str | None:
    """The PLOVER-convention type of an event (EVENTS.md section 5), None when there is none.

    Examples:
        >>> plover_event("CONSULT", "intended"), plover_event("SANCTION", "intended")
        ('AGREE', 'THREATEN')
        >>> plover_event("AID", "negated"), plover_event("AID", "considered")
        ('REJECT', None)
    """
    if status == "asserted":
        return event
    if status == "negated":
        return "REJECT"
    if status == "intended":
        if event in COOPERATIVE_TYPES:
            return "AGREE"
        if event in MATERIAL_CONFLICT_TYPES:
            return "THREATEN"
    return None


def _type_and_status(raw: Mapping[str, Any], view: View, what: str) -> tuple[str | None, str]:
    etype = _word(raw, "event", what)
    if etype is None:
        raise EvalError(f'{what}: event without an "event" type')
    status = _word(raw, "status", what, upper=False) or "asserted"
    if status not in STATUSES:
        raise EvalError(f"{what}: status {status!r} is not one of {', '.join(sorted(STATUSES))}")
    if view == "event":
        return etype, status
    if "plover_event" in raw:
        return _word(raw, "plover_event", what), "asserted"
    return plover_event(etype, status), "asserted"


def _normalise(raw: Any, view: View, what: str, *, code_prefix_only: bool) -> _Scored | None:
    """Validate one raw event and reduce it; None when the PLOVER view has no type for it."""
    if not isinstance(raw, dict):
        raise EvalError(f"{what}: an event must be a JSON object")
    etype, status = _type_and_status(raw, view, what)
    if etype is None:
        return None
    date = _word(raw, "date", what)
    if date is not None and not _DATE.fullmatch(date):
        raise EvalError(f"{what}: date {date!r} is not YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD")
    domains = _field(raw, "domains", list, what)
    if domains is not None and not all(isinstance(d, str) for d in domains):
        raise EvalError(f'{what}: "domains" must be a list of strings')
    actor, recipient = (_word(_field(raw, k, dict, what) or {}, "code", what) for k in ("actor", "recipient"))
    if code_prefix_only:
        actor, recipient = (c[:3] if c else c for c in (actor, recipient))
    if view == "plover" and "plover_event" not in raw:
        raw = {**raw, "plover_event": etype}
    return _Scored(
        type=etype, actor=actor, recipient=recipient, status=status,
        mode=_word(raw, "mode", what, upper=False), date=date,
        country=_word(_field(raw, "location", dict, what) or {}, "country", what),
        domains=None if domains is None else frozenset(d.strip().lower() for d in domains),
        raw=raw,
    )


def _normalise_docs(
    docs: Mapping[str, Sequence[Any]], view: View, side: str, *, code_prefix_only: bool
) -> tuple[dict[str, list[_Scored]], int]:
    """Every document's events reduced, and how many the view dropped."""
    out: dict[str, list[_Scored]] = {}
    dropped = 0
    for doc_id, events in docs.items():
        kept = [
            _normalise(raw, view, f"{side} {doc_id} event {n}", code_prefix_only=code_prefix_only)
            for n, raw in enumerate(events, 1)
        ]
        out[doc_id] = [e for e in kept if e is not None]
        dropped += len(kept) - len(out[doc_id])
    return out, dropped


# --------------------------------------------------------------------------- matching


def dates_agree(gold: str | None, pred: str | None) -> bool:
    """Whether ``pred`` gives the gold date at the gold's granularity.

    Examples:
        >>> dates_agree("2023-12", "2023-12-20"), dates_agree("2024-Q1", "2024-02")
        (True, True)
        >>> dates_agree("2023-12-20", "2023-12"), dates_agree(None, "2023")
        (False, False)
    """
    if gold is None or pred is None:
        return gold is pred
    g, p = _DATE.fullmatch(gold), _DATE.fullmatch(pred)
    if g is None or p is None or g["year"] != p["year"]:
        return False
    if g["quarter"]:
        if p["quarter"]:
            return p["quarter"] == g["quarter"]
        return p["month"] is not None and (int(p["month"]) - 1) // 3 + 1 == int(g["quarter"])
    if g["month"] is None:
        return True
    return p["month"] == g["month"] and (g["day"] is None or p["day"] == g["day"])


def _agreement(g: _Scored, p: _Scored) -> dict[str, bool]:
    return {
        "type": g.type == p.type,
        "pair": g.pair == p.pair,
        "direction": g.actor == p.actor,
        "status": g.status == p.status,
        "date": dates_agree(g.date, p.date),
        "mode": g.mode == p.mode,
        "country": g.country == p.country,
        "domains": (g.domains or frozenset()) == (p.domains or frozenset()),
    }


def match_events(gold: Sequence[_Scored], pred: Sequence[_Scored], level: Level) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one matching at ``level``: ``[(gold index, pred index), ...]``."""
    required = REQUIRED[level]
    ranked: list[tuple[tuple[int, ...], int, int]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            agree = _agreement(g, p)
            if all(agree[a] for a in required):
                misses = tuple(0 if agree[a] else 1 for a in RANKING if a not in required)
                ranked.append((misses, i, j))
    ranked.sort()
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in ranked:
        if i in taken_gold or j in taken_pred:
            continue
        taken_gold.add(i)
        taken_pred.add(j)
        pairs.append((i, j))
    return pairs


def _attribute_scores(g: _Scored, p: _Scored) -> dict[str, float]:
    """Scores in [0, 1] of one level-(b) match, on the attributes the gold event has."""
    scores = {"direction": float(g.actor == p.actor), "status": float(g.status == p.status)}
    if g.mode:
        scores["mode"] = float(g.mode == p.mode)
    if g.date:
        scores["date"] = float(dates_agree(g.date, p.date))
    if g.country:
        scores["location_country"] = float(g.country == p.country)
    if g.domains:
        theirs = p.domains or frozenset()
        scores["domains_jaccard"] = len(g.domains & theirs) / len(g.domains | theirs)
    return scores


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class LevelScore:
    """Precision, recall and F1 of one level, with counts and the F1 95% interval (or None)."""

    p: float
    r: float
    f1: float
    tp: int
    fp: int
    fn: int
    ci: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class AttributeScore:
    """Mean score of one attribute over the level-(b) matches where gold has it (None if n == 0)."""

    accuracy: float | None
    n: int


@dataclass(frozen=True, slots=True)
class EvalReport:
    """All figures of one evaluation; ``to_dict`` uses the JSON keys of ``score.py --json``."""

    view: View
    documents: int
    gold_events: int
    pred_events: int
    ignored_pred_events: int
    ignored_pred_documents: int
    dropped_by_view: dict[str, int]
    levels: dict[str, LevelScore]
    attributes: dict[str, AttributeScore]
    bootstrap: int = 0
    seed: int = 0
    code_prefix_only: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict."""
        return {
            "view": self.view,
            "code_prefix_only": self.code_prefix_only,
            "documents": self.documents,
            "gold_events": self.gold_events,
            "pred_events": self.pred_events,
            "ignored_pred_events": self.ignored_pred_events,
            "ignored_pred_documents": self.ignored_pred_documents,
            "dropped_by_view": dict(self.dropped_by_view),
            "levels": {
                name: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.p, "recall": s.r, "f1": s.f1,
                       "f1_ci95": list(s.ci) if s.ci else None}
                for name, s in self.levels.items()
            },
            "on_type_pair_matches": {
                name: {"score": a.accuracy, "n": a.n} for name, a in self.attributes.items()
            },
            "bootstrap": {"resamples": self.bootstrap, "seed": self.seed},
        }

    def format_table(self) -> str:
        """The figures as a plain-text table for people."""
        lines = [f"{self.documents} gold documents, {self.gold_events} gold events, "
                 f"{self.pred_events} predicted events scored (view: {self.view})"]
        if self.ignored_pred_documents:
            lines.append(f"ignored: {self.ignored_pred_events} predicted events for "
                         f"{self.ignored_pred_documents} doc_ids not in gold")
        if self.view == "plover":
            lines.append(f"no PLOVER type, dropped: {self.dropped_by_view['gold']} gold, "
                         f"{self.dropped_by_view['pred']} predicted events")
        lines += ["", f"{'level':<22}{'P':>7}{'R':>7}{'F1':>7}  {'F1 95% CI':<16}{'TP':>6}{'FP':>6}{'FN':>6}"]
        for name, s in self.levels.items():
            ci = f"[{s.ci[0]:.3f}, {s.ci[1]:.3f}]" if s.ci else "-"
            lines.append(f"{LEVEL_LABELS[name]:<22}{s.p:>7.3f}{s.r:>7.3f}{s.f1:>7.3f}  {ci:<16}"
                         f"{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        lines += ["", f"{'on (b) matches':<22}{'score':>7}{'n':>7}"]
        for name, a in self.attributes.items():
            shown = "-" if a.accuracy is None else f"{a.accuracy:.3f}"
            lines.append(f"{name:<22}{shown:>7}{a.n:>7}")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _DocResult:
    """Counts and matches of one gold document."""

    gold: int
    pred: int
    matched: dict[str, list[tuple[int, int]]]

    def tp(self, level: str) -> int:
        return len(self.matched[level])


def _score_doc(gold: Sequence[_Scored], pred: Sequence[_Scored]) -> _DocResult:
    return _DocResult(len(gold), len(pred), {level: match_events(gold, pred, level) for level in LEVELS})


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _bootstrap(results: Sequence[_DocResult], resamples: int, seed: int) -> dict[str, tuple[float, float]]:
    """95% percentile interval of each level's micro F1 over documents drawn with replacement."""
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {level: [] for level in LEVELS}
    for _ in range(resamples):
        drawn = rng.choices(results, k=len(results))
        events = sum(d.gold + d.pred for d in drawn)
        for level in LEVELS:
            samples[level].append(_ratio(2 * sum(d.tp(level) for d in drawn), events))
    lo, hi = round(0.025 * (resamples - 1)), round(0.975 * (resamples - 1))
    intervals = {}
    for level, values in samples.items():
        values.sort()
        intervals[level] = (round(values[lo], 4), round(values[hi], 4))
    return intervals


def _level_scores(results: Sequence[_DocResult], intervals: Mapping[str, tuple[float, float]]) -> dict[str, LevelScore]:
    n_gold = sum(d.gold for d in results)
    n_pred = sum(d.pred for d in results)
    out = {}
    for level in LEVELS:
        tp = sum(d.tp(level) for d in results)
        out[level] = LevelScore(
            p=round(_ratio(tp, n_pred), 4), r=round(_ratio(tp, n_gold), 4),
            f1=round(_ratio(2 * tp, n_gold + n_pred), 4),
            tp=tp, fp=n_pred - tp, fn=n_gold - tp, ci=intervals.get(level),
        )
    return out


def _attribute_totals(
    gold: Mapping[str, Sequence[_Scored]], pred: Mapping[str, Sequence[_Scored]], results: Mapping[str, _DocResult]
) -> dict[str, AttributeScore]:
    sums = dict.fromkeys(ATTRIBUTES, 0.0)
    counts = dict.fromkeys(ATTRIBUTES, 0)
    for doc_id, result in results.items():
        for i, j in result.matched["type_pair"]:
            for name, value in _attribute_scores(gold[doc_id][i], pred[doc_id][j]).items():
                sums[name] += value
                counts[name] += 1
    return {
        name: AttributeScore(round(sums[name] / counts[name], 4) if counts[name] else None, counts[name])
        for name in ATTRIBUTES
    }


def evaluate(
    gold: Mapping[str, Sequence[dict]],
    pred: Mapping[str, Sequence[dict]],
    *,
    view: View = "event",
    bootstrap: int = 0,
    seed: int = 0,
    code_prefix_only: bool = False,
) -> EvalReport:
    """Score predictions against gold as EVENTS.md section 7 defines.

    Args:
        gold: ``{doc_id: [event dict, ...]}`` as :func:`load_gold` returns.
        pred: ``{doc_id: [event dict, ...]}`` as :func:`load_pred` returns.
        view: ``"event"`` scores ``event``; ``"plover"`` scores ``plover_event`` (section 5).
        bootstrap: resamples of documents for 95% F1 intervals; 0 computes none.
        seed: random seed of the bootstrap.
        code_prefix_only: compare only the first 3 characters of actor and recipient codes.

    Returns:
        The EvalReport.

    Raises:
        EvalError: an event is malformed (no type, unknown status, bad date, wrong JSON types).

    Examples:
        >>> g = {"d1": [{"event": "CONSULT", "actor": {"code": "IND"}, "recipient": {"code": "KOR"}}]}
        >>> p = {"d1": [{"event": "CONSULT", "actor": {"code": "KOR"}, "recipient": {"code": "IND"}}]}
        >>> report = evaluate(g, p)
        >>> report.levels["type_pair"].f1, report.attributes["direction"].accuracy
        (1.0, 0.0)
    """
    if bootstrap < 0:
        raise EvalError(f"bootstrap must be 0 or more, got {bootstrap}")
    g_docs, g_dropped = _normalise_docs(gold, view, "gold", code_prefix_only=code_prefix_only)
    p_docs, p_dropped = _normalise_docs(pred, view, "pred", code_prefix_only=code_prefix_only)
    results = {doc_id: _score_doc(events, p_docs.get(doc_id, [])) for doc_id, events in g_docs.items()}
    ordered = list(results.values())
    unknown = [doc_id for doc_id in p_docs if doc_id not in g_docs]
    intervals = _bootstrap(ordered, bootstrap, seed) if bootstrap else {}
    return EvalReport(
        view=view, documents=len(g_docs),
        gold_events=sum(d.gold for d in ordered), pred_events=sum(d.pred for d in ordered),
        ignored_pred_events=sum(len(p_docs[d]) for d in unknown), ignored_pred_documents=len(unknown),
        dropped_by_view={"gold": g_dropped, "pred": p_dropped},
        levels=_level_scores(ordered, intervals),
        attributes=_attribute_totals(g_docs, p_docs, results),
        bootstrap=bootstrap, seed=seed, code_prefix_only=code_prefix_only,
    )


def error_records(
    gold: Mapping[str, Sequence[dict]],
    pred: Mapping[str, Sequence[dict]],
    *,
    view: View = "event",
    levels: Sequence[Level] = ("type_pair",),
    mismatches: bool = True,
    code_prefix_only: bool = False,
) -> list[dict[str, Any]]:
    """False negatives and positives per level, for error analysis.

    Args:
        gold: gold events by document.
        pred: predicted events by document (doc_ids absent from gold are ignored, as in scoring).
        view: as for :func:`evaluate`.
        levels: levels whose unmatched events are listed.
        mismatches: also list level-(b) matches that disagree on an attribute
            (``kind: "mismatch"``, with ``wrong``, ``gold`` and ``pred``).
        code_prefix_only: as for :func:`evaluate`.

    Returns:
        Records ``{"doc_id", "kind": "fn"|"fp"|"mismatch", "level", "event"}`` in document order.
    """
    g_docs, _ = _normalise_docs(gold, view, "gold", code_prefix_only=code_prefix_only)
    p_docs, _ = _normalise_docs(pred, view, "pred", code_prefix_only=code_prefix_only)
    records: list[dict[str, Any]] = []
    for doc_id, g_events in g_docs.items():
        p_events = p_docs.get(doc_id, [])
        for level in levels:
            pairs = match_events(g_events, p_events, level)
            hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
            records += [{"doc_id": doc_id, "kind": "fn", "level": level, "event": dict(e.raw)}
                        for i, e in enumerate(g_events) if i not in hit_g]
            records += [{"doc_id": doc_id, "kind": "fp", "level": level, "event": dict(e.raw)}
                        for j, e in enumerate(p_events) if j not in hit_p]
        if mismatches:
            records += _mismatch_records(doc_id, g_events, p_events)
    return records


def _mismatch_records(doc_id: str, gold: Sequence[_Scored], pred: Sequence[_Scored]) -> list[dict[str, Any]]:
    out = []
    for i, j in match_events(gold, pred, "type_pair"):
        wrong = [name for name, score in _attribute_scores(gold[i], pred[j]).items() if score < 1]
        if wrong:
            out.append({"doc_id": doc_id, "kind": "mismatch", "level": "type_pair", "wrong": wrong,
                        "gold": dict(gold[i].raw), "pred": dict(pred[j].raw)})
    return out


def events_from_rows(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[dict]]:
    """Group flattened store rows (``actor_code``, ``recipient_code``, ``location_country``, ...) into events."""
    docs: dict[str, list[dict]] = {}
    for row in rows:
        recipient = row.get("recipient_code")
        country = row.get("location_country")
        event = {
            "id": row.get("id"), "doc_id": row.get("doc_id"), "event": row.get("event"),
            "status": row.get("status"), "actor": {"code": row.get("actor_code")},
            "recipient": {"code": recipient} if recipient else None, "mode": row.get("mode"),
            "date": row.get("date"), "location": {"country": country} if country else None,
            "domains": list(row.get("domains") or []),
        }
        if row.get("plover_event"):  # a null column means "not stored": derive it
            event["plover_event"] = row["plover_event"]
        docs.setdefault(str(row.get("doc_id")), []).append(event)
    return docs
