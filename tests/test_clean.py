"""Cleaning: junk rules, pubdate, ids, HTML, the seed acceptance test and the `clean` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.cli import main
from diplograph.config import CleanConfig
from diplograph.errors import LexiconError
from diplograph.stages.clean import JunkRules, clean_record, clean_text, content_hash, parse_date
from diplograph.types import Document, Quarantined, RawRecord

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
RULES = JunkRules.load()
BODY = (
    "Germany and Poland agreed on Tuesday to expand military cooperation along NATO's eastern flank.\n"
    "The defence ministers met in Warsaw and said talks would continue next month."
)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def clean(text: str, **kw) -> Document | Quarantined:
    return clean_record(RawRecord(source="t.txt", text=text, **kw), CleanConfig(), rules=RULES)


# --- seeds (acceptance) -----------------------------------------------------------------------


def seeds() -> list[dict]:
    gold = SHARED / "gold" / "seeds.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} not found: the shared data folder (../shared beside the repo) is needed for the seed test")
    return [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seeds_clean_to_gold_text() -> None:
    for gold in seeds():
        raw = (SHARED / "corpus" / "seeds" / gold["source"]).read_text(encoding="utf-8")
        doc = clean(raw)
        assert isinstance(doc, Document)
        assert norm(doc.text) == norm(gold["text"]), gold["source"]
        assert len(doc.text) < len(raw) or gold["source"].startswith("000")


def test_seed_001_pubdate_from_text() -> None:
    gold = next(g for g in seeds() if g["source"].startswith("001"))
    doc = clean((SHARED / "corpus" / "seeds" / gold["source"]).read_text(encoding="utf-8"))
    assert doc.pubdate == "2023-12-21" == gold["pubdate"]
    assert "Published: 21 Dec 2023, 02:23 PM IST" in doc.removed and "[ad_1]" in doc.removed


# --- junk rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "[ad_1]", "[ad_2]", "Source link", "Source: PTI", "Read more", "Advertisement", "ADVERTISEMENT",
        "Story continues below advertisement", "Also Read: India, Japan hold maritime talks",
        "ALSO READ | Ministers meet in Tokyo", "Follow us on Twitter and Facebook",
        "Download The Example News App to get Daily Market Updates.", "Get the latest news app now",
        "Subscribe to our newsletter for the latest updates", "Sign up for our daily newsletter.",
        "Share this article", "Share: Facebook | Twitter | WhatsApp", "Click here to read the full story",
        "We use cookies to improve your experience on our site.", "Accept all cookies",
        "(Photo: Reuters)", "Photo: AFP", "Image: File", "By Jane Doe | Updated: Dec 21, 2023, 10:05 IST",
        "Unlock a world of Benefits! From newsletters to stock tracking, it's all here! Login Now!",
        "© 2023 Example Media. All rights reserved.", "(This story has not been edited by our staff)",
    ],
)
def test_junk_line_removed(junk: str) -> None:
    text, removed, _ = RULES.apply(f"{BODY}\n{junk}\n{BODY}")
    assert norm(text) == norm(BODY + "\n" + BODY), junk
    assert removed


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said the source of the leak was still unknown.",
        "Officials told residents to download the government app, the ministry said.",
        "Voters must register by Friday to receive updates on polling stations.",
        "The commission urged diaspora voters to register now.",
        "Related talks between Seoul and Tokyo stalled last year.",
        "Advertisement revenues fell sharply after the sanctions were imposed.",
        "The EU said websites must ask users to accept cookies before tracking them.",
        "Published in 1998, the report found widespread abuses.",
        "Share prices in Moscow fell 5% after the announcement.",
        "Photo identification will be required at the border from May, officials said.",
        "Follow-up talks are planned in Geneva.",
        "Click-through rates are not a foreign-policy metric.",
        "By Friday, the troops had withdrawn | officials confirmed it.",
    ],
)
def test_real_sentences_kept(sentence: str) -> None:
    text, removed, found = RULES.apply(f"{BODY}\n{sentence}")
    assert text.endswith(sentence) and removed == [] and found is None


def test_inline_ad_token_keeps_rest_of_line() -> None:
    text, removed, _ = RULES.apply("Talks resumed [ad_1] in Doha on Monday.")
    assert text == "Talks resumed  in Doha on Monday." and removed == ["[ad_1]"]


def test_text_is_kept_exactly_otherwise() -> None:
    raw = "  Indented first line.\n\n\n\nSecond “quoted” line—with dashes.\r\nThird.\n"
    assert clean_text(raw, rules=RULES) == "Indented first line.\n\nSecond “quoted” line—with dashes.\nThird."


def test_extra_rules_file_extends(tmp_path: Path) -> None:
    extra = tmp_path / "site.yaml"
    extra.write_text("lines:\n  - name: site_footer\n    pattern: 'More from Example Times.*'\n", encoding="utf-8")
    text = f"{BODY}\nMore from Example Times: world news"
    assert RULES.apply(text)[0] == text
    assert JunkRules.load([extra]).apply(text)[0] == BODY


@pytest.mark.parametrize(
    ("content", "message"),
    [("lines: [{name: x}]", "pattern"), ("lines:\n  - {name: x, pattern: '(unclosed'}", "regular expression"),
     ("dates:\n  - {name: d, pattern: 'Posted (.*)'}", "date"), ("stuff: []", "unknown key"), ("- a\n- b", "mapping")],
)
def test_bad_rules_file_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        JunkRules.load([bad])


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("21 Dec 2023, 02:23 PM IST", "2023-12-21"), ("December 21, 2023", "2023-12-21"),
        ("Thursday, Dec. 21, 2023 10:00 a.m. EST", "2023-12-21"), ("2023-12-21T08:53:00+05:30", "2023-12-21"),
        ("2023/12/21", "2023-12-21"), ("1st of March 2022", "2022-03-01"), ("Sept 3, 2019", "2019-09-03"),
        ("31 Feb 2023", None), ("yesterday", None), ("in 1998, the report found", None), ("", None),
    ],
)
def test_parse_date_strict(value: str, expected: str | None) -> None:
    assert parse_date(value, strict=True) == expected


def test_parse_date_loose_finds_a_date_inside() -> None:
    assert parse_date("posted on 2020-05-06 by staff") == "2020-05-06"


def test_pubdate_precedence() -> None:
    text = BODY + "\nPublished: 21 Dec 2023, 02:23 PM IST"
    assert clean(text).pubdate == "2023-12-21"
    assert clean(text, pubdate="2023-12-20").pubdate == "2023-12-20"  # input metadata wins over text
    forced = clean_record(RawRecord(source="t", text=text, pubdate="2023-12-20"), CleanConfig(pubdate="2024-01-01"), rules=RULES)
    assert forced.pubdate == "2024-01-01"
    assert clean(BODY + "\nUpdated: 22 Dec 2023\nPublished: 21 Dec 2023").pubdate == "2023-12-21"  # published wins
    assert clean(BODY).pubdate is None


# --- ids, quarantine, HTML ---------------------------------------------------------------------


def test_doc_id_and_hash() -> None:
    a, b = clean(BODY), clean("  " + BODY.replace(" ", "   ") + "\n[ad_1]\n")
    assert a.doc_id.startswith("sha1:") and len(a.doc_id) == 5 + 16
    assert a.content_hash == content_hash(BODY) and len(a.content_hash) == 40
    assert a.content_hash == b.content_hash and a.doc_id == b.doc_id  # whitespace does not matter
    assert clean(BODY, doc_id="given-7").doc_id == "given-7"
    assert clean(BODY + " More.").doc_id != a.doc_id


def test_quarantine_empty_and_oversized() -> None:
    empty = clean("[ad_1]\nSource link\nAdvertisement\n")
    assert isinstance(empty, Quarantined) and empty.reason == "empty" and "after cleaning" in empty.detail
    big = clean_record(RawRecord(source="t", line=3, text="x" * 101), CleanConfig(), rules=RULES, max_chars=100)
    assert isinstance(big, Quarantined) and (big.reason, big.line) == ("oversized", 3)


HTML = """<!DOCTYPE html><html><head><title>Ministers meet | Example News</title>
<meta property="og:title" content="Ministers meet in Warsaw">
<meta property="article:published_time" content="2024-03-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet in Warsaw</h1>
<p>Germany and Poland agreed on Tuesday to expand military cooperation along the eastern flank of the alliance.</p>
<p>Advertisement</p>
<p>The defence ministers met in Warsaw and said that talks would continue next month in Berlin.</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata() -> None:
    doc = clean_record(RawRecord(source="p.html", html=HTML), CleanConfig(), rules=RULES)
    assert isinstance(doc, Document)
    assert "Germany and Poland agreed" in doc.text and "talks would continue" in doc.text
    assert "Home" not in doc.text and "Advertisement" not in doc.text and "rights reserved" not in doc.text
    assert doc.pubdate == "2024-03-02" and doc.title == "Ministers meet in Warsaw"


def test_html_without_text_is_quarantined() -> None:
    q = clean_record(RawRecord(source="p.html", html="<html><body><script>x()</script></body></html>"), CleanConfig(), rules=RULES)
    assert isinstance(q, Quarantined) and q.reason == "html_no_text"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
       | st.lists(st.sampled_from(["[ad_1]", "Source link", "Published: 21 Dec 2023", "\n", "\r\n", " ", "Talks.", "Share"]),
                  max_size=30).map("".join))
def test_clean_text_never_raises_nor_grows(text: str) -> None:
    out = clean_text(text, rules=RULES)
    assert len(out) <= len(text)


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_clean_prints_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"[ad_1]\n{BODY}\nPublished: 21 Dec 2023, 02:23 PM IST\nSource link", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == BODY + "\n"


def test_cli_clean_json(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"{BODY}\nPublished: 21 Dec 2023, 02:23 PM IST\nSource link", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--json", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["text"] == BODY and data["pubdate"] == "2023-12-21" and data["id"].startswith("sha1:")
    assert data["removed"] == ["Published: 21 Dec 2023, 02:23 PM IST", "Source link"] and data["title"] is None
    forced = CliRunner().invoke(main, ["clean", "--json", "--pubdate", "2020-01-02", str(path)])
    assert json.loads(forced.output)["pubdate"] == "2020-01-02"


def test_cli_clean_stdin_and_quarantine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", "-"], input=f"{BODY}\nAdvertisement\n")
    assert result.exit_code == 0 and result.output == BODY + "\n"
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    mixed = CliRunner().invoke(main, ["clean", str(tmp_path)])
    assert mixed.exit_code == 0 and BODY in mixed.stdout
    assert "quarantined" in mixed.stderr and "bad.txt: binary" in mixed.stderr
    strict = CliRunner().invoke(main, ["clean", "--strict", str(tmp_path)])
    assert strict.exit_code == 1
    only_bad = CliRunner().invoke(main, ["clean", str(tmp_path / "bad.txt")])
    assert only_bad.exit_code == 1 and only_bad.stdout == ""
