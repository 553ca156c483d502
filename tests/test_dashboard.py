"""The dashboard end to end in a real browser: Playwright driving Debian's chromium (headless).

A real uvicorn server on 127.0.0.1 (free port, background thread) serves the demo database.
Screenshots go to the pytest tmp dir; set DIPLOGRAPH_SCREENSHOTS=docs/screenshots to refresh
the README images.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_demo import HOSTILE_SENTENCE, build_demo_store

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
WAIT_MS = 20_000  # upper bound of every wait; the usual case is well under a second
ROWS = "#events-table tbody tr"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    from diplograph.api import create_app

    store = build_demo_store()
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(store=store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn test server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (make browser) to run the dashboard tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu",
                                                              "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    pg.errors, pg.requests, pg.dialogs = [], [], []
    pg.on("pageerror", lambda err: pg.errors.append(str(err)))
    pg.on("request", lambda req: pg.requests.append(req.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready=dyad]")
    yield pg
    context.close()


def _save(pg, tmp_path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    pg.screenshot(path=str(out))
    target = os.environ.get("DIPLOGRAPH_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(target) / name)
    return out


def _wait_rows(pg, n: int) -> None:  # type: ignore[no-untyped-def]
    pg.wait_for_function("n => document.querySelectorAll('#events-table tbody tr').length === n", arg=n)


def _check(pg, group: str, value: str) -> None:  # type: ignore[no-untyped-def]
    pg.click(f"#{group} summary")
    pg.check(f"#{group} input[value='{value}']")


def test_pair_view_filters_and_evidence(page, server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 1. the busiest pair opens first, with its plots and all its events
    assert page.input_value("#pair-a") == "IND" and page.input_value("#pair-b") == "KOR"
    _wait_rows(page, 10)
    page.wait_for_selector("#plot-timeline .main-svg")
    page.wait_for_selector("#plot-quad .main-svg")
    assert "IND – KOR" in page.text_content("#plot-timeline")
    _save(page, tmp_path, "dashboard-dyad.png")

    # 2. filters: status, then event types, then a date range
    _check(page, "f-status", "intended")
    page.click("#apply")
    _wait_rows(page, 1)
    assert page.text_content(f"{ROWS} td:nth-child(5)") == "intended"
    page.click("#reset-filters")
    _wait_rows(page, 10)
    _check(page, "f-event", "ACCUSE")
    page.check("#f-event input[value='REQUEST']")
    page.click("#apply")
    _wait_rows(page, 2)
    assert sorted(page.locator(f"{ROWS} td:nth-child(3)").all_text_contents()) == ["ACCUSE", "REQUEST"]
    page.click("#reset-filters")
    _wait_rows(page, 10)
    page.fill("#f-since", "2023-06-01")
    page.fill("#f-until", "2023-12-31")
    page.click("#apply")
    _wait_rows(page, 4)
    assert page.locator(f"{ROWS} td:first-child").all_text_contents() == ["2023-06-15", "2023-08-30", "2023-09-14", "2023-11-03"]

    # 3. click an event: its sentence is highlighted in the cleaned article, with all its sources
    page.click(f"{ROWS}[data-id='ev006']")
    mark = page.wait_for_selector("#article mark#evidence-mark")
    sentence = "India and South Korea agreed to upgrade their economic partnership agreement."
    assert mark.text_content() == sentence
    assert page.text_content("#article").startswith("Dateline, 2023-09-14.")
    assert page.locator("#evidence-sources button").all_text_contents() == ["demo-06", "demo-second-source"]
    assert page.evaluate("getComputedStyle(document.querySelector('#evidence-mark')).backgroundColor") != "rgba(0, 0, 0, 0)"
    _save(page, tmp_path, "dashboard-evidence.png")

    # 4. the second report: same sentence found and highlighted; its javascript: URL is not a link
    page.click("#evidence-sources button[data-doc='demo-second-source']")
    page.wait_for_function("() => document.querySelector('#evidence-title').textContent.startsWith('Second report')")
    assert page.text_content("#article mark") == sentence
    assert page.locator("#evidence-meta a").count() == 0
    assert not page.errors and all(url.startswith(server) for url in page.requests)


def test_hostile_article_is_escaped(page, server) -> None:  # type: ignore[no-untyped-def]
    page.select_option("#pair-a", "JPN")
    page.select_option("#pair-b", "KOR")
    _wait_rows(page, 1)
    page.click(ROWS)
    mark = page.wait_for_selector("#article mark#evidence-mark")
    assert mark.text_content() == HOSTILE_SENTENCE  # the markup is shown as text...
    assert "<script>" in page.text_content("#evidence-title")
    assert page.text_content("#article").startswith("<b>Lead</b> paragraph.")
    for selector in ("#evidence img", "#evidence script", "#evidence b", "#events-table img", "#events-table script"):
        assert page.locator(selector).count() == 0, selector  # ...and never becomes elements
    assert page.evaluate("window.__pwned") is None
    assert not page.dialogs and not page.errors


def test_network_and_matrix_views(page, server) -> None:  # type: ignore[no-untyped-def]
    page.click(".tabs button[data-view=network]")
    page.wait_for_selector("body[data-ready=network]")
    labels = page.locator("#plot-network text").all_text_contents()
    assert {"IND", "KOR", "CHN", "USA", "PRK", "IGO:UN"} <= set(labels)
    page.click(".tabs button[data-view=matrix]")
    page.wait_for_selector("body[data-ready=matrix]")
    page.wait_for_selector("#plot-matrix .main-svg")
    ticks = set(page.locator("#plot-matrix .xtick text").all_text_contents())
    assert {"IND-KOR", "CHN-USA", "KOR-PRK"} <= ticks
    # a quad-class filter reaches the network: only conflict edges remain, IGO:UN drops out
    _check(page, "f-quad", "4")
    page.click("#f-quad summary")  # close the drop-down again
    page.click(".tabs button[data-view=network]")
    page.wait_for_selector("body[data-ready=network]")
    page.wait_for_function("() => !Array.from(document.querySelectorAll('#plot-network text')).some(t => t.textContent === 'IGO:UN')")
    assert {"CHN", "USA", "PRK", "KOR"} <= set(page.locator("#plot-network text").all_text_contents())
    assert not page.errors and all(url.startswith(server) for url in page.requests)


def test_api_docs_page_renders_offline(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/docs")
    page.wait_for_selector(".docs-op")
    paths = page.locator(".docs-op h2 code").all_text_contents()
    assert {"/events", "/events/{event_id}", "/dyads/{a}/{b}/timeline", "/documents"} <= set(paths)
    assert not page.errors and all(url.startswith(server) for url in page.requests)
