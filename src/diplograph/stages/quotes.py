"""First-person pronouns inside quotations stand for the quote's speaker.

“We will advance our partnership with India,” reads Korea's strategy -> "We" = KOR. The speaker
is the first resolved mention right after the closing quote (the attribution), or the last one
before the opening quote when an attribution verb or a colon introduces it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import Mention, ParsedDoc

FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "ours"})
QUOTE_RE = re.compile(r"“[^”]{3,}”|\"[^\"]{3,}\"")
ATTRIBUTION_WINDOW = 120  # chars after a closing quote where the attribution ("..., X said") is looked for
INTRO_RE = re.compile(r"(said|says|told|stated|added|wrote|declared|tweeted|announced)[^.]{0,40}[:,]?\s*$|:\s*$")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (curly or straight double quotes)."""
    return [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]


def _speaker(text: str, start: int, end: int, mentions: Sequence[Mention]) -> Mention | None:
    resolved = [m for m in mentions if m.code and "|" not in m.code and m.kind != "pronoun"]
    after = [m for m in resolved if end <= m.start <= end + ATTRIBUTION_WINDOW and "\n" not in text[end:m.start]]
    if after:
        return after[0]
    before = [m for m in resolved if m.end <= start and start - m.end <= ATTRIBUTION_WINDOW]
    if before and INTRO_RE.search(text[before[-1].end:start]):
        return before[-1]
    return None


def speaker_mentions(pdoc: ParsedDoc, mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions for first-person pronouns inside quotations, resolved to the quote's speaker."""
    text = pdoc.doc.text
    taken = {(m.sent, m.tok_start) for m in mentions}
    out: list[Mention] = []
    for start, end in quote_spans(text):
        speaker = _speaker(text, start, end, mentions)
        if speaker is None:
            continue
        for sent in pdoc.sentences:
            if sent.end <= start or sent.start >= end:
                continue
            for tok in sent.tokens:
                if start < tok.idx < end and tok.text.lower() in FIRST_PERSON and (sent.index, tok.i) not in taken:
                    out.append(Mention(
                        doc_id=pdoc.doc.doc_id, sent=sent.index, start=tok.idx, end=tok.end, text=tok.text,
                        code=speaker.code, sector=speaker.sector, kind="pronoun", rule="context:quote-speaker",
                        by_context=True, tok_start=tok.i, tok_end=tok.i + 1, office=speaker.office,
                    ))
    return out
