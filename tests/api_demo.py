"""A small hand-made demo database for the API and dashboard tests (no coder needed).

Sentences are written for these tests. One article carries hostile markup in its title and text
(``<script>`` and ``<img onerror>``) to check that the dashboard escapes everything.
"""

from __future__ import annotations

from diplograph.types import Document, Entity, Event, Evidence, Location

QUAD = {"CONSULT": (1, 1.0), "AGREE": (1, 3.0), "SUPPORT": (1, 3.4), "COOPERATE": (2, 6.0), "AID": (2, 7.4),
        "REQUEST": (3, -0.1), "ACCUSE": (3, -2.0), "THREATEN": (3, -4.4), "SANCTION": (4, -4.5),
        "PROTEST": (4, -6.5), "ASSAULT": (4, -9.0)}
HOSTILE_TITLE = 'Seoul talks <script>window.__pwned = "title"</script><img src=x onerror="window.__pwned=\'title-img\'">'
HOSTILE_SENTENCE = ('Japan and South Korea held talks in Seoul <img src=x onerror="window.__pwned=\'img\'"> '
                    'on export controls <script>window.__pwned = "script"</script> on Tuesday.')

# (month, actor, event, recipient, status, domains, sentence)
STORIES: list[tuple[str, str, str, str, str, tuple[str, ...], str]] = [
    ("2023-01-12", "IND", "CONSULT", "KOR", "asserted", ("trade",),
     "Indian External Affairs Minister met his South Korean counterpart in Seoul to review trade ties."),
    ("2023-02-08", "KOR", "AGREE", "IND", "asserted", ("semiconductors", "technology"),
     "South Korea and India agreed to set up a working group on semiconductor supply chains."),
    ("2023-03-21", "IND", "COOPERATE", "KOR", "asserted", ("defence",),
     "The Indian and South Korean navies held a joint exercise off the coast of Chennai."),
    ("2023-05-02", "KOR", "SUPPORT", "IND", "asserted", ("climate",),
     "South Korea endorsed India's bid to host the next solar alliance assembly."),
    ("2023-06-15", "IND", "REQUEST", "KOR", "asserted", ("trade",),
     "New Delhi urged Seoul to ease tariffs on Indian steel exports."),
    ("2023-08-30", "KOR", "CONSULT", "IND", "intended", ("investment",),
     "South Korea's trade minister will visit New Delhi next month to discuss investment."),
    ("2023-09-14", "IND", "AGREE", "KOR", "asserted", ("trade", "investment"),
     "India and South Korea agreed to upgrade their economic partnership agreement."),
    ("2023-11-03", "KOR", "AID", "IND", "asserted", ("health",),
     "South Korea delivered medical supplies to India after the floods."),
    ("2024-01-19", "IND", "ACCUSE", "KOR", "asserted", ("trade",),
     "India accused South Korea of dumping petrochemicals on its market."),
    ("2024-02-27", "KOR", "CONSULT", "IND", "asserted", ("space",),
     "Officials from Seoul and New Delhi met to discuss satellite launches."),
    ("2023-04-11", "USA", "ACCUSE", "CHN", "asserted", ("cyber",),
     "Washington accused Beijing of a cyber attack on its power grid."),
    ("2023-07-07", "USA", "SANCTION", "CHN", "asserted", ("semiconductors",),
     "The United States imposed export controls on Chinese chip makers."),
    ("2023-10-22", "CHN", "THREATEN", "USA", "asserted", ("trade",),
     "China threatened to retaliate against new American tariffs."),
    ("2024-03-05", "CHN", "CONSULT", "USA", "asserted", ("trade",),
     "Chinese and American trade envoys held talks in Geneva."),
    ("2023-09-01", "PRK", "THREATEN", "KOR", "asserted", ("security",),
     "North Korea warned South Korea of an overwhelming response to the drills."),
    ("2024-01-06", "PRK", "ASSAULT", "KOR", "asserted", ("security",),
     "North Korean artillery fired shells near a South Korean border island."),
    ("2023-12-12", "IND", "CONSULT", "IGO:UN", "asserted", ("development",),
     "India's envoy met the UN Secretary-General to discuss development financing."),
]


def _event(i: int, doc: Document, sentence: str, story: tuple, **extra: object) -> Event:
    day, actor, event, recipient, status, domains, _ = story
    quad, goldstein = QUAD[event]
    start = doc.text.index(sentence)
    return Event(
        id=f"ev{i:03d}", doc_id=doc.doc_id, event=event, status=status,  # type: ignore[arg-type]
        actor=Entity(actor, "GOV", actor), recipient=Entity(recipient, "GOV", recipient),
        evidence=Evidence(sentence, start, start + len(sentence)), date=day, domains=domains,
        quad_class=quad, goldstein=goldstein, plover_event=event, **extra,  # type: ignore[arg-type]
    )


def demo_records() -> tuple[list[Document], list[Event]]:
    """Documents and events of the demo database (17 stories + 1 hostile article + 1 second source)."""
    docs, events = [], []
    for i, story in enumerate(STORIES):
        sentence = story[-1]
        text = f"Dateline, {story[0]}.\n\n{sentence} Officials gave no further details.\n\nMore to follow."
        doc = Document(doc_id=f"demo-{i:02d}", text=text, pubdate=story[0], title=f"Demo story {i}: {story[1]} and {story[3]}",
                       url=f"https://example.org/demo/{i}", source="demo.jsonl")
        docs.append(doc)
        sources = (doc.doc_id, "demo-second-source") if i == 6 else ()
        events.append(_event(i, doc, sentence, story, sources=sources,
                             location=Location("Seoul", "KOR", 37.57, 126.98) if i == 0 else None))
    second = docs[6].text.split("\n\n")[1]
    docs.append(Document(doc_id="demo-second-source", text=f"Another report.\n\n{second}", pubdate="2023-09-15",
                         title="Second report of the partnership upgrade", url="javascript:alert(1)", source="other.jsonl"))
    hostile = Document(doc_id="demo-hostile", title=HOSTILE_TITLE, pubdate="2024-02-20", source="demo.jsonl",
                       url="https://example.org/hostile", text=f"<b>Lead</b> paragraph.\n\n{HOSTILE_SENTENCE}\n\nEnd.")
    docs.append(hostile)
    events.append(_event(99, hostile, HOSTILE_SENTENCE,
                         ("2024-02-20", "JPN", "CONSULT", "KOR", "asserted", ("trade",), HOSTILE_SENTENCE)))
    return docs, events


def build_demo_store(path: str = ":memory:"):  # type: ignore[no-untyped-def]
    """A Store holding the demo records."""
    from diplograph.store import Store

    store = Store(path)
    docs, events = demo_records()
    store.write_documents(docs)
    store.write_events(events)
    return store
