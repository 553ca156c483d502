"""Cross-document merging: reports of one real-world event in several articles become one event.

EVENTS.md section 1: an event's ``doc_id`` is its first report and ``sources`` lists every
document that reports it. This stage decides when two coded events are the same event
(:func:`event_key`) and folds later reports into the first one (:func:`merge_reports`).

The identity rule
    Two events from **different documents** are one event when their keys are equal:

    1. **Day-precise dates** (``YYYY-MM-DD``) between two different parties: same ``event``
       type, same ``status``, same actor and recipient codes, same day. The pair is
       **unordered** for the mutual types ``CONSULT``, ``AGREE`` and ``COOPERATE`` (one
       article writes "India and Korea met", another "Korea and India met": the coder's
       direction follows word order, not the act) and **ordered** for every other type, where
       direction is the content (who accused, who attacked, who sanctioned, who gave aid).
       Sectors, mode, place, domains and wording may differ between reports; one day, one
       pair, one type and one status are specific enough that two reports almost always
       describe the same act.
    2. **Coarse or no date** (``YYYY-MM``, ``YYYY-Qn``, ``YYYY``, anything unparseable, or
       none), **no recipient**, or a **domestic** event (actor code = recipient code): the
       date strings must be equal **and everything else coded must match exactly**: type,
       status, the ordered pair with both sectors, mode, location name and country, and the
       set of domains. A month or a year holds many distinct acts between the same pair
       ("India and Korea cooperated in 2023"), so the date alone is no evidence of identity;
       only a report identical in every coded field is taken as the same act. The same holds
       for a pair that is half empty or one state twice: "USA ACCUSE USA on 2016-09-02" is any
       domestic dispute of that day (on the VOA sample the day rule joined Republicans
       criticising the president with an FBI release). A coarse date never matches a
       day-precise one (``2024-03`` is not ``2024-03-05``).

    Never merged: different types, different statuses (an intended visit and the visit done
    are two events), events of the **same** document (the event coder already merged what one
    article restates; what it kept apart stays apart), and events without an actor code.

What is not compared: the evidence text, ``date_text``, ``group`` and the derived fields
(``plover_event``, ``quad_class``, ``cameo``, ``goldstein`` follow from type and status).

The canonical event is the first report stored: it keeps its id, ``doc_id`` and evidence; the
later documents are appended to its ``sources`` (each document once, in order of arrival).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import NamedTuple

from ..types import Event

#: Types whose actor/recipient order carries no meaning: both sides do the act together.
MUTUAL_TYPES: frozenset[str] = frozenset({"CONSULT", "AGREE", "COOPERATE"})

EventKey = tuple[str | None, ...]

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Link(NamedTuple):
    """A report folded into an earlier event: the canonical event, the new source, the report."""

    canonical_id: str
    doc_id: str
    report: Event


def is_day(date: str | None) -> bool:
    """True for a valid calendar day ``YYYY-MM-DD`` (the only precision merged on the date alone).

    Examples:
        >>> is_day("2024-03-05"), is_day("2024-03"), is_day("2023-02-30"), is_day(None)
        (True, False, False, False)
    """
    if date is None or not _DAY.fullmatch(date):
        return False
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return False
    return True


def event_key(event: Event) -> EventKey | None:
    """The identity of the real-world event a report describes, or None if it cannot be merged.

    Args:
        event (Event): a coded event.

    Returns:
        A tuple of strings/None; equal keys mean the same event (the rule is in the module
        docstring). None when the event has no type or no actor code.

    Examples:
        >>> from diplograph.types import Entity, Evidence
        >>> e = Event("e1", "d1", "CONSULT", "asserted", Entity("KOR"), Evidence("", 0, 0),
        ...           recipient=Entity("IND"), date="2024-03-05")
        >>> event_key(e) == event_key(replace(e, actor=Entity("IND"), recipient=Entity("KOR")))
        True
    """
    actor = event.actor.code if event.actor else None
    if not event.event or not actor:
        return None
    recipient = event.recipient.code if event.recipient else None
    if is_day(event.date) and recipient is not None and recipient != actor:
        first, second = actor, recipient
        if event.event in MUTUAL_TYPES:
            first, second = sorted((actor, recipient))
        return ("day", event.event, event.status, first, second, event.date)
    loc = event.location
    return (
        "coarse", event.event, event.status,
        actor, event.actor.sector,
        recipient, event.recipient.sector if event.recipient else None,
        event.mode, event.date,
        loc.name if loc else None, loc.country if loc else None,
        _DOMAIN_SEP.join(sorted(set(event.domains))),
    )


_FIELD_SEP, _DOMAIN_SEP, _NULL = "\x1f", "\x1e", "\x00"


def key_digest(key: EventKey | None) -> str | None:
    """A fixed-length text form of a key (sha256 hex) for storing and indexing; None stays None.

    The store computes the same digest in SQL for databases written before merging existed
    (``store._RESOLVE_KEY_SQL``); both join the fields with U+001F and write None as U+0000.
    """
    if key is None:
        return None
    text = _FIELD_SEP.join(_NULL if v is None else v for v in key)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def merge_reports(
    events: Iterable[Event], existing: Mapping[EventKey, Event]
) -> tuple[list[Event], list[Link]]:
    """Fold reports of already-known events into them; keep the rest as new events.

    Args:
        events (Iterable[Event]): incoming events, in the order their documents arrived.
        existing (Mapping[EventKey, Event]): the stored canonical event of each key (only the
            keys of ``events`` are needed); its ``sources`` say which documents it already has.

    Returns:
        ``(new, links)``. ``new``: the events to store as events of their own, each with
        ``sources`` filled (its own document first, then documents of the same batch that
        report it). ``links``: one per merged report (to an existing or a new event), only
        for documents the canonical event did not list yet, each document once.

    Examples:
        >>> from diplograph.types import Entity, Evidence
        >>> a = Event("a", "d1", "CONSULT", "asserted", Entity("KOR"), Evidence("", 0, 0),
        ...           recipient=Entity("IND"), date="2024-03-05")
        >>> new, links = merge_reports([a, replace(a, id="b", doc_id="d2")], {})
        >>> [(e.id, e.sources) for e in new], [(k.canonical_id, k.doc_id) for k in links]
        ([('a', ('d1', 'd2'))], [('a', 'd2')])
    """
    canon: dict[EventKey, Event] = dict(existing)
    new: dict[str, Event] = {}  # canonical events created in this batch, by id
    links: list[Link] = []
    for ev in events:
        key = event_key(ev)
        target = canon.get(key) if key is not None else None
        if target is None or target.doc_id == ev.doc_id or target.id == ev.id:
            ev = ev if ev.sources else replace(ev, sources=(ev.doc_id,))
            new.setdefault(ev.id, ev)
            if key is not None and key not in canon:
                canon[key] = ev
            continue
        sources = target.sources or (target.doc_id,)
        added = [d for d in dict.fromkeys((ev.doc_id, *ev.sources)) if d not in sources]
        if not added:
            continue  # every document of this report is already counted for the event
        links.extend(Link(target.id, doc_id, ev) for doc_id in added)
        canon[key] = updated = replace(target, sources=(*sources, *added))
        if target.id in new:
            new[target.id] = updated
    return list(new.values()), links
