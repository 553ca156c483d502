"""diplograph eval: the section-7 metric, checked on its own and against shared/tools/score.py."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.eval import (
    EvalError, dates_agree, error_records, evaluate, events_from_rows, load_gold, load_pred, plover_event,
)

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SCORER = SHARED / "tools" / "score.py"
GOLD_DIR = SHARED / "gold"


def ev(etype: str, actor: str, recipient: str | None, status: str | None = "asserted", doc_id: str = "d1",
       **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"doc_id": doc_id, "event": etype, "actor": {"code": actor},
                           "recipient": {"code": recipient} if recipient else None, **fields}
    if status is not None:
        out["status"] = status
    return out


def doc(doc_id: str, *events: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": doc_id, "text": "", "pubdate": "2024-03-15", "source": "test",
            "events": [{**e, "doc_id": doc_id} for e in events]}


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def score_both(tmp_path: Path, gold_rows: list[dict], pred_rows: list[dict], *flags: str) -> tuple[dict, dict]:
    """(our figures, score.py's figures) on the same two files."""
    if not SCORER.exists():
        pytest.skip(f"reference scorer not found at {SCORER} (../shared is absent)")
    gold = write_jsonl(tmp_path / "gold.jsonl", gold_rows)
    pred = write_jsonl(tmp_path / "pred.jsonl", pred_rows)
    out = tmp_path / "reference.json"
    subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json", str(out), "--bootstrap", "0",
                    *flags], check=True, capture_output=True)
    view = flags[flags.index("--view") + 1] if "--view" in flags else "event"
    ours = evaluate(load_gold(gold), load_pred(pred), view=view).to_dict()  # type: ignore[arg-type]
    return ours, json.loads(out.read_text())


FIGURE_KEYS = ("documents", "gold_events", "pred_events", "ignored_pred_events", "ignored_pred_documents",
               "dropped_by_view", "levels", "on_type_pair_matches")


def assert_same_figures(ours: dict, ref: dict) -> None:
    for key in FIGURE_KEYS:
        assert ours[key] == ref[key], key


# ---------------------------------------------------------------- synthetic cases vs the reference

MEET = dict(date="2024-03-14", mode="visit", location={"country": "KEN"}, domains=["trade", "energy"])

SYNTHETIC: dict[str, tuple[list[dict], list[dict], tuple[str, ...]]] = {
    "swapped_direction": (
        [doc("d1", ev("CONSULT", "KEN", "TZA", **MEET))],
        [ev("CONSULT", "TZA", "KEN", **MEET)], ()),
    "missing_recipient_in_pred": (
        [doc("d1", ev("REQUEST", "FRA", "MLI"), ev("PROTEST", "MLI", None))],
        [ev("REQUEST", "FRA", None), ev("PROTEST", "MLI", None)], ()),
    "status_mismatch": (
        [doc("d1", ev("SUPPORT", "CHL", "IGO:CPTPP", "considered"), ev("AID", "NOR", "SOM", None))],
        [ev("SUPPORT", "CHL", "IGO:CPTPP", "intended"), ev("AID", "NOR", "SOM", "asserted")], ()),
    "duplicates_in_pred": (
        [doc("d1", ev("ASSAULT", "MMR", "MMR", mode="aerial", date="2024-03"))],
        [ev("ASSAULT", "MMR", "MMR", mode="aerial", date="2024-03-02"),
         ev("ASSAULT", "MMR", "MMR", mode="aerial", date="2024-03"),
         ev("ASSAULT", "MMR", "MMR", mode="drone", date="2024-03")], ()),
    "docs_only_in_gold_or_pred": (
        [doc("d1", ev("AGREE", "PER", "ECU")), doc("d2", ev("SANCTION", "USA", "VEN", mode="discontinue")),
         doc("d3")],
        [ev("AGREE", "PER", "ECU"), ev("AGREE", "PER", "ECU", doc_id="zz"), ev("COERCE", "VEN", None, doc_id="d3")],
        ()),
    "tie_break_prefers_direction_then_status_then_date": (
        [doc("d1", ev("THREATEN", "IRN", "ISR", "asserted", date="2024-03-12", mode="violence"),
             ev("THREATEN", "ISR", "IRN", "intended", date="2024-03"))],
        [ev("THREATEN", "ISR", "IRN", "asserted", date="2024-03-12"),
         ev("THREATEN", "IRN", "ISR", "intended", date="2024-02", mode="violence")], ()),
    "dates_at_gold_granularity": (
        [doc("d1", ev("COOPERATE", "JPN", "PHL", date="2024-Q1"), ev("AID", "JPN", "PHL", date="2024"),
             ev("CONSULT", "JPN", "PHL", date="2024-03-11"), ev("MOBILIZE", "CHN", "PHL", date="2024-02"))],
        [ev("COOPERATE", "JPN", "PHL", date="2024-02-20"), ev("AID", "JPN", "PHL", date="2024-Q3"),
         ev("CONSULT", "JPN", "PHL", date="2024-03"), ev("MOBILIZE", "CHN", "PHL", date=None)], ()),
    "domains_jaccard_and_case": (
        [doc("d1", ev("COOPERATE", "KOR", "POL", domains=["Defence", "trade", "energy"]),
             ev("AGREE", "KOR", "POL", domains=[]))],
        [ev("COOPERATE", "POL", "KOR", domains=["defence ", "technology"]),
         ev("AGREE", "KOR", "POL", domains=["trade"])], ()),
    "lower_case_codes_and_blank_mode": (
        [doc("d1", ev("RETREAT", "RUS", "UKR", mode="withdraw", location={"country": "ukr"}))],
        [ev("retreat", "rus", "ukr", mode=" Withdraw ", location={"country": "UKR"})], ()),
    "plover_view_statuses": (
        [doc("d1", ev("CONSULT", "BRA", "ARG", "intended"), ev("SANCTION", "USA", "IRN", "intended"),
             ev("AID", "DEU", "UKR", "negated"), ev("SUPPORT", "MEX", "IGO:OAS", "considered"),
             ev("ACCUSE", "IND", "PAK", "intended"), ev("AGREE", "EGY", "ETH", "hypothetical"),
             ev("PROTEST", "KEN", "KEN", "intended"))],
        [ev("AGREE", "BRA", "ARG", "intended"), ev("THREATEN", "USA", "IRN"), ev("REJECT", "DEU", "UKR"),
         ev("SUPPORT", "MEX", "IGO:OAS", "considered"), ev("AGREE", "EGY", "ETH", "asserted")],
        ("--view", "plover")),
    "plover_view_explicit_key": (
        [doc("d1", {**ev("CONSULT", "BRA", "ARG", "intended"), "plover_event": None},
             {**ev("AID", "DEU", "UKR", "negated"), "plover_event": "AID"})],
        [ev("AGREE", "BRA", "ARG"), ev("AID", "DEU", "UKR")], ("--view", "plover")),
    "single_event_gold_lines": (
        [{**ev("ACCUSE", "CHN", "PHL", doc_id=None), "id": "s-1"}, ev("ACCUSE", "PHL", "CHN", doc_id="s-2")],
        [ev("ACCUSE", "CHN", "PHL", doc_id="s-1"), ev("ACCUSE", "CHN", "PHL", doc_id="s-2")], ()),
}


@pytest.mark.parametrize("case", sorted(SYNTHETIC))
def test_synthetic_case_matches_reference_scorer(tmp_path: Path, case: str) -> None:
    gold_rows, pred_rows, flags = SYNTHETIC[case]
    ours, ref = score_both(tmp_path, gold_rows, pred_rows, *flags)
    assert_same_figures(ours, ref)


# ---------------------------------------------------------------- behaviour, independent of the reference


def figures(gold_docs: list[dict], pred_events: list[dict], **options: Any) -> dict:
    gold = {d["doc_id"]: d["events"] for d in gold_docs}
    pred: dict[str, list[dict]] = {}
    for e in pred_events:
        pred.setdefault(e["doc_id"], []).append(e)
    return evaluate(gold, pred, **options).to_dict()


def test_swapped_direction_matches_pair_but_scores_direction_zero() -> None:
    gold, pred, _ = SYNTHETIC["swapped_direction"]
    f = figures(gold, pred)
    assert f["levels"]["type_pair"]["tp"] == 1
    assert f["on_type_pair_matches"]["direction"] == {"score": 0.0, "n": 1}
    assert f["on_type_pair_matches"]["domains_jaccard"] == {"score": 1.0, "n": 1}


def test_missing_recipient_matches_only_missing_recipient() -> None:
    gold, pred, _ = SYNTHETIC["missing_recipient_in_pred"]
    levels = figures(gold, pred)["levels"]
    assert levels["type"]["tp"] == 2
    assert (levels["type_pair"]["tp"], levels["type_pair"]["fp"], levels["type_pair"]["fn"]) == (1, 1, 1)


def test_duplicate_predictions_count_as_false_positives_and_best_pair_wins() -> None:
    gold, pred, _ = SYNTHETIC["duplicates_in_pred"]
    f = figures(gold, pred)
    assert f["levels"]["type_pair"]["fp"] == 2
    assert f["levels"]["type_pair"]["precision"] == pytest.approx(0.3333)
    assert f["on_type_pair_matches"]["date"]["score"] == 1.0  # the exact-date duplicate was chosen
    assert f["on_type_pair_matches"]["mode"]["score"] == 1.0


def test_status_level_and_null_status_reads_asserted() -> None:
    gold, pred, _ = SYNTHETIC["status_mismatch"]
    levels = figures(gold, pred)["levels"]
    assert levels["type_pair"]["tp"] == 2
    assert levels["type_pair_status"]["tp"] == 1


def test_predictions_for_unknown_documents_are_ignored_and_gold_only_docs_are_missed() -> None:
    gold, pred, _ = SYNTHETIC["docs_only_in_gold_or_pred"]
    f = figures(gold, pred)
    assert (f["ignored_pred_documents"], f["ignored_pred_events"]) == (1, 1)
    assert f["levels"]["type_pair"]["fn"] == 1  # d2 has no prediction
    assert f["levels"]["type_pair"]["fp"] == 1  # d3's prediction
    assert f["documents"] == 3


def test_plover_view_derives_types_from_status() -> None:
    assert [plover_event("CONSULT", "intended"), plover_event("COERCE", "intended"), plover_event("AID", "negated"),
            plover_event("SUPPORT", "considered"), plover_event("ACCUSE", "intended"),
            plover_event("AGREE", "hypothetical"), plover_event("ASSAULT", "asserted")] == \
        ["AGREE", "THREATEN", "REJECT", None, None, None, "ASSAULT"]
    gold, pred, _ = SYNTHETIC["plover_view_statuses"]
    f = figures(gold, pred, view="plover")
    assert f["dropped_by_view"] == {"gold": 4, "pred": 1}
    assert f["levels"]["type_pair_status"]["tp"] == 3  # kept events count as asserted on both sides


def test_dates_compare_at_gold_granularity() -> None:
    assert dates_agree("2024-Q1", "2024-03-31") and dates_agree("2024-Q1", "2024-Q1")
    assert not dates_agree("2024-Q2", "2024-03-31") and not dates_agree("2024-03", "2024-Q1")
    assert dates_agree("2024", "2024-Q4") and not dates_agree("2024", "2023-12-31")
    assert not dates_agree("2024-03-11", "2024-03") and dates_agree(None, None)


def test_error_records_list_false_negatives_positives_and_mismatches() -> None:
    gold = {"d1": [ev("AGREE", "PER", "ECU", date="2024-03-01"), ev("AID", "USA", "HTI")]}
    pred = {"d1": [ev("AGREE", "ECU", "PER", date="2024-03-01"), ev("AID", "CAN", "HTI")], "x": [ev("AID", "A", "B")]}
    records = error_records(gold, pred)
    kinds = sorted((r["kind"], r.get("event", {}).get("actor", {}).get("code")) for r in records)
    assert kinds == [("fn", "USA"), ("fp", "CAN"), ("mismatch", None)]
    mismatch = next(r for r in records if r["kind"] == "mismatch")
    assert mismatch["wrong"] == ["direction"]


def test_bootstrap_interval_is_seeded_and_brackets_the_f1() -> None:
    gold = {f"d{i}": [ev("CONSULT", "KEN", "UGA")] * (1 + i % 3) for i in range(30)}
    pred = {f"d{i}": [ev("CONSULT", "KEN", "UGA")] * (i % 4) for i in range(30)}
    a = evaluate(gold, pred, bootstrap=300, seed=7).levels["type_pair"]
    b = evaluate(gold, pred, bootstrap=300, seed=7).levels["type_pair"]
    assert a.ci == b.ci and a.ci is not None
    assert a.ci[0] < a.f1 < a.ci[1]


def test_bootstrap_interval_matches_reference_scorer(tmp_path: Path) -> None:
    if not SCORER.exists():
        pytest.skip(f"reference scorer not found at {SCORER} (../shared is absent)")
    gold_rows = [doc(f"d{i}", *[ev("CONSULT", "KEN", "UGA")] * (1 + i % 3)) for i in range(25)]
    pred_rows = [ev("CONSULT", "KEN", "UGA", doc_id=f"d{i}") for i in range(25) for _ in range(i % 4)]
    gold, pred = write_jsonl(tmp_path / "g.jsonl", gold_rows), write_jsonl(tmp_path / "p.jsonl", pred_rows)
    out = tmp_path / "ref.json"
    subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json", str(out), "--bootstrap", "200",
                    "--seed", "3"], check=True, capture_output=True)
    ours = evaluate(load_gold(gold), load_pred(pred), bootstrap=200, seed=3).to_dict()
    ref = json.loads(out.read_text())
    assert {k: v["f1_ci95"] for k, v in ours["levels"].items()} == {k: v["f1_ci95"] for k, v in ref["levels"].items()}


def test_malformed_input_raises_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="status"):
        evaluate({"d": [ev("AID", "A", "B", "maybe")]}, {})
    with pytest.raises(EvalError, match="date"):
        evaluate({"d": [ev("AID", "A", "B", date="March 2024")]}, {})
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a", "events": []}\n[1, 2]\n')
    with pytest.raises(EvalError, match="bad.jsonl:2"):
        load_gold(bad)


def test_store_rows_become_events() -> None:
    rows = [{"id": "e1", "doc_id": "d1", "event": "AID", "status": "intended", "actor_code": "JPN",
             "recipient_code": None, "mode": None, "date": "2024-03", "location_country": "PHL",
             "domains": ["health"], "plover_event": None}]
    (event,) = events_from_rows(rows)["d1"]
    assert event["recipient"] is None and event["location"] == {"country": "PHL"}
    assert "plover_event" not in event  # null column: derived by the plover view
    report = evaluate({"d1": [ev("AGREE", "JPN", None)]}, events_from_rows(rows), view="plover")
    assert report.levels["type_pair"].tp == 1


# ---------------------------------------------------------------- CLI


def test_cli_prints_table_writes_errors_and_gates_on_min_f1(tmp_path: Path) -> None:
    gold_rows, pred_rows, _ = SYNTHETIC["missing_recipient_in_pred"]
    gold, pred = write_jsonl(tmp_path / "g.jsonl", gold_rows), write_jsonl(tmp_path / "p.jsonl", pred_rows)
    errors = tmp_path / "errors.jsonl"
    runner = CliRunner()
    ok = runner.invoke(main, ["eval", "--gold", str(gold), "--pred", str(pred), "--bootstrap", "0",
                              "--errors", str(errors), "--min-f1", "0.5"])
    assert ok.exit_code == 0, ok.output
    assert "(b) type+pair" in ok.output and "0.500" in ok.output
    assert {json.loads(line)["kind"] for line in errors.read_text().splitlines()} == {"fn", "fp"}
    low = runner.invoke(main, ["eval", "--gold", str(gold), "--pred", str(pred), "--bootstrap", "0",
                               "--min-f1", "0.6"])
    assert low.exit_code == 1
    both = runner.invoke(main, ["eval", "--gold", str(gold)])
    assert both.exit_code == 2


def test_cli_json_matches_reference_scorer(tmp_path: Path) -> None:
    gold_rows, pred_rows, flags = SYNTHETIC["plover_view_statuses"]
    _, ref = score_both(tmp_path, gold_rows, pred_rows, *flags)
    result = CliRunner().invoke(main, ["eval", "--gold", str(tmp_path / "gold.jsonl"), "--pred",
                                       str(tmp_path / "pred.jsonl"), "--view", "plover", "--bootstrap", "0", "--json"])
    assert result.exit_code == 0, result.output
    assert_same_figures(json.loads(result.output), ref)


def test_cli_reads_predictions_from_store(tmp_path: Path) -> None:
    store_mod = pytest.importorskip("diplograph.store", reason="diplograph.store is not written yet")
    gold_rows, pred_rows, _ = SYNTHETIC["status_mismatch"]
    from diplograph.types import Event

    db = tmp_path / "t.duckdb"
    with store_mod.Store(db) as store:
        store.write_events([Event.from_dict({**e, "id": f"p{i}"}) for i, e in enumerate(pred_rows)])
    gold = write_jsonl(tmp_path / "g.jsonl", gold_rows)
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--db", str(db), "--bootstrap", "0", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["levels"]["type_pair"]["tp"] == 2
    assert figures["levels"]["type_pair_status"]["tp"] == 1  # statuses read back from the store


# ---------------------------------------------------------------- real gold vs perturbed copies


def perturb(gold_docs: list[dict]) -> list[dict]:
    """Predictions from gold with a deterministic share of events dropped, altered or duplicated."""
    preds: list[dict] = []
    k = 0
    for d in gold_docs:
        for event in d["events"]:
            e, k = copy.deepcopy(event), k + 1
            rule = k % 10
            if rule == 0:
                continue  # dropped
            if rule == 1:
                e["actor"], e["recipient"] = e.get("recipient") or {"code": "XXX"}, e["actor"]
            elif rule == 2:
                e["status"] = "asserted" if e.get("status") != "asserted" else "intended"
            elif rule == 3:
                e["event"] = "ACCUSE" if e["event"] != "ACCUSE" else "REJECT"
            elif rule == 4:
                e["date"] = (e.get("date") or "2001")[:4]
                e["mode"] = None
            elif rule == 5:
                e["recipient"] = None
            elif rule == 6:
                e["domains"] = (e.get("domains") or [])[:1] + ["health"]
                e["location"] = {"country": "ATA"}
            elif rule == 7:
                preds.append({**copy.deepcopy(e), "doc_id": d["doc_id"]})  # duplicate
            preds.append({**e, "doc_id": d["doc_id"]})
    preds.append({"doc_id": "not-in-gold", "event": "AID", "actor": {"code": "USA"}, "recipient": None})
    return preds


@pytest.mark.parametrize("name", ["seeds.jsonl", "dev_sentences.jsonl", "dev_ir.jsonl"])
@pytest.mark.parametrize("view", ["event", "plover"])
def test_real_gold_against_perturbed_copy_matches_reference(tmp_path: Path, name: str, view: str) -> None:
    path = GOLD_DIR / name
    if not path.exists():
        pytest.skip(f"gold file {path} not found (../shared is absent)")
    gold_docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours, ref = score_both(tmp_path, gold_docs, perturb(gold_docs), "--view", view)
    assert_same_figures(ours, ref)
    assert 0 < ours["levels"]["type_pair"]["f1"] < 1
