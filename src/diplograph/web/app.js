// diplograph dashboard: vanilla JS over the REST API, Plotly served by the app (no CDN).
// Every piece of data reaches the page through textContent or Plotly traces, never as HTML markup.
"use strict";

const EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const STATUSES = ["asserted", "intended", "considered", "negated", "hypothetical"];
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QUAD_COLORS = { 1: "#74c476", 2: "#238b45", 3: "#fd8d3c", 4: "#cb181d" };
const PAGE = 100;

const S = { a: null, b: null, view: "dyad", cursor: null, shown: 0, selected: null, netPick: null };
const $ = (id) => document.getElementById(id);

// ------------------------------------------------------------------ helpers

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "text") node.textContent = v;
    else if (k === "className") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function showMessage(text) {
  const m = $("message");
  m.textContent = text || "";
  m.hidden = !text;
}

async function api(path, params) {
  const qs = params ? "?" + params.toString() : "";
  const headers = {};
  const token = sessionStorage.getItem("diplograph-token");
  if (token) headers.Authorization = "Bearer " + token;
  const resp = await fetch(path + qs, { headers });
  if (resp.status === 401) {
    const t = window.prompt("This server needs a read token:");
    if (t) { sessionStorage.setItem("diplograph-token", t); return api(path, params); }
  }
  const body = await resp.json().catch(() => ({ ok: false, error: resp.statusText }));
  if (!resp.ok || body.ok === false) throw new Error(body.error || ("HTTP " + resp.status));
  return body;
}

function checked(id) {
  return [...$(id).querySelectorAll("input:checked")].map((i) => i.value);
}

function filterParams(extra) {
  const p = new URLSearchParams();
  if ($("f-since").value) p.set("since", $("f-since").value);
  if ($("f-until").value) p.set("until", $("f-until").value);
  for (const [id, key] of [["f-event", "event"], ["f-status", "status"], ["f-quad", "quad_class"], ["f-domain", "domain"]]) {
    for (const v of checked(id)) p.append(key, v);
  }
  for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined) p.set(k, v);
  return p;
}

function fillOptions(id, values, labels) {
  const box = $(id).querySelector(".options");
  box.replaceChildren(...values.map((v) =>
    el("label", {}, el("input", { type: "checkbox", value: String(v), name: id }), labels ? labels[v] || v : v)));
  box.addEventListener("change", () => updateSummary(id));
}

function updateSummary(id) {
  const n = checked(id).length;
  const base = $(id).querySelector("summary").dataset.base || $(id).querySelector("summary").textContent;
  $(id).querySelector("summary").dataset.base = base;
  $(id).querySelector("summary").textContent = n ? `${base} (${n})` : base;
}

function plotOrEmpty(id, traces, layout, onClick) {
  const div = $(id);
  if (!window.Plotly) { div.replaceChildren(el("p", { className: "empty", text: "Plotly not available." })); return; }
  if (!traces.length) { window.Plotly.purge(div); div.replaceChildren(el("p", { className: "empty", text: "No events for these filters." })); return; }
  div.replaceChildren();
  const base = { margin: { l: 50, r: 50, t: 36, b: 50 }, font: { size: 12 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff" };
  window.Plotly.newPlot(div, traces, { ...base, ...layout }, { displaylogo: false, responsive: true });
  if (onClick) div.on("plotly_click", onClick);
}

// ------------------------------------------------------------------ country-pair view

async function loadPair() {
  if (!S.a || !S.b) return;
  $("pair-a").value = S.a; $("pair-b").value = S.b;
  const [tl] = await Promise.all([
    api(`/dyads/${encodeURIComponent(S.a)}/${encodeURIComponent(S.b)}/timeline`, filterParams({ freq: "month" })),
    loadEvents(true),
  ]);
  drawTimeline(tl.timeline);
}

function quadCount(row, q) {
  for (const k of [`quad${q}`, `q${q}`, `quad_${q}`, `n_quad${q}`]) if (k in row) return Number(row[k]) || 0;
  return 0;
}

function drawTimeline(rows) {
  const x = rows.map((r) => String(r.period));
  const bars = [1, 2, 3, 4].map((q) => ({
    type: "bar", name: QUADS[q], x, y: rows.map((r) => quadCount(r, q)), marker: { color: QUAD_COLORS[q] },
  }));
  const line = { type: "scatter", mode: "lines+markers", name: "mean Goldstein", x, yaxis: "y2",
    y: rows.map((r) => r.mean_goldstein), line: { color: "#1f5fbf", width: 2 } };
  plotOrEmpty("plot-timeline", rows.length ? [...bars, line] : [], {
    title: { text: `${S.a} – ${S.b}: events per month`, font: { size: 14 } }, barmode: "stack",
    yaxis: { title: "events" }, yaxis2: { title: "Goldstein", overlaying: "y", side: "right", range: [-10, 10], dtick: 5, zeroline: false, showgrid: false },
    legend: { orientation: "h", y: -0.2 },
  });
  const totals = [1, 2, 3, 4].map((q) => rows.reduce((s, r) => s + quadCount(r, q), 0));
  plotOrEmpty("plot-quad", rows.length ? [{ type: "bar", orientation: "h", y: [1, 2, 3, 4].map((q) => QUADS[q]), x: totals,
    text: totals.map(String), textposition: "auto", marker: { color: [1, 2, 3, 4].map((q) => QUAD_COLORS[q]) } }] : [], {
    title: { text: "Events by quad class", font: { size: 14 } }, margin: { l: 140, r: 20, t: 36, b: 40 },
    yaxis: { autorange: "reversed" }, xaxis: { title: "events" },
  });
}

async function loadEvents(reset) {
  if (reset) { S.cursor = null; S.shown = 0; $("events-table").tBodies[0].replaceChildren(); }
  const params = filterParams({ dyad: `${S.a},${S.b}`, limit: PAGE, cursor: S.cursor });
  const page = await api("/events", params);
  const body = $("events-table").tBodies[0];
  for (const ev of page.events) body.append(eventRow(ev));
  S.shown += page.events.length;
  S.cursor = page.next_cursor;
  $("more").hidden = !S.cursor;
  $("events-count").textContent = `${S.shown} event${S.shown === 1 ? "" : "s"} shown${S.cursor ? " (more available)" : ""}`;
  $("pair-summary").textContent = "";
}

function eventRow(ev) {
  const q = ev.quad_class;
  const tr = el("tr", { "data-id": ev.id },
    el("td", { text: ev.date || "" }), el("td", { text: ev.actor_code || "" }),
    el("td", { text: ev.event || "", className: q ? "q" + q : "" }), el("td", { text: ev.recipient_code || "" }),
    el("td", { text: ev.status || "" }), el("td", { text: q ? String(q) : "" }),
    el("td", { text: ev.goldstein === null || ev.goldstein === undefined ? "" : String(ev.goldstein) }),
    el("td", { text: (ev.domains || []).join(", ") }),
    el("td", { className: "evidence-cell", text: ev.evidence_text || "" }));
  tr.addEventListener("click", () => showEvidence(ev.id, tr));
  return tr;
}

// ------------------------------------------------------------------ evidence panel

async function showEvidence(id, row) {
  document.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
  if (row) row.classList.add("selected");
  try {
    const { event } = await api(`/events/${encodeURIComponent(id)}`);
    S.selected = event;
    const rec = event.recipient ? event.recipient.code : "—";
    $("evidence-event").textContent = `${event.actor.code} ${event.event} ${rec} · ${event.status}` +
      (event.date ? ` · ${event.date}` : "") + (event.mode ? ` · ${event.mode}` : "");
    const sources = event.sources && event.sources.length ? event.sources : [event.doc_id];
    $("evidence-sources").replaceChildren(el("span", { className: "muted", text: `Sources (${sources.length}):` }),
      ...sources.map((docId) => el("button", { type: "button", "data-doc": docId, text: docId,
        onclick: () => showSource(docId) })));
    renderDocument(event.document, event.evidence);
  } catch (err) { showMessage(String(err.message || err)); }
}

async function showSource(docId) {
  const ev = S.selected;
  if (!ev) return;
  if (ev.document && docId === ev.document.doc_id) { renderDocument(ev.document, ev.evidence); return; }
  const { document: doc } = await api(`/documents/${encodeURIComponent(docId)}`);
  const at = doc.text.indexOf(ev.evidence.text);  // other reports: find the same sentence if present
  renderDocument(doc, at >= 0 ? { text: ev.evidence.text, start: at, end: at + ev.evidence.text.length } : null);
}

function safeUrl(url) {
  try { const u = new URL(url); return ["http:", "https:"].includes(u.protocol) ? u.href : null; } catch { return null; }
}

function renderDocument(doc, evidence) {
  $("evidence-title").textContent = doc.title || doc.doc_id;
  const link = safeUrl(doc.url);
  $("evidence-meta").replaceChildren(`${doc.doc_id}${doc.pubdate ? " · " + doc.pubdate : ""}`,
    ...(link ? [" · ", el("a", { href: link, target: "_blank", rel: "noopener noreferrer", text: link })] : []));
  document.querySelectorAll("#evidence-sources button").forEach((b) =>
    b.classList.toggle("current", b.dataset.doc === doc.doc_id));
  const text = doc.text || "";
  let { start, end } = evidence || { start: -1, end: -1 };
  if (evidence && text.slice(start, end) !== evidence.text) {  // offsets stale: fall back to the sentence text
    start = text.indexOf(evidence.text); end = start + evidence.text.length;
  }
  const article = $("article");
  if (!evidence || start < 0) { article.replaceChildren(text); return; }
  const mark = el("mark", { id: "evidence-mark", text: text.slice(start, end) });
  article.replaceChildren(text.slice(0, start), mark, text.slice(end));
  mark.scrollIntoView({ block: "nearest" });
}

// ------------------------------------------------------------------ network and matrix views

async function loadNetwork() {
  const net = await api("/network", filterParams());
  const pos = Object.fromEntries(net.nodes.map((n) => [String(n.id ?? n.code), n]));
  const traces = [];
  for (const coop of [true, false]) {
    for (const [lo, hi, width] of [[0, 3, 1], [3, 10, 3], [10, Infinity, 6]]) {
      const xs = [], ys = [];
      for (const e of net.edges) {
        const isCoop = (e.cooperation || 0) >= (e.conflict || 0);
        if (isCoop !== coop || e.n_events < lo || e.n_events >= hi || !pos[e.source] || !pos[e.target]) continue;
        xs.push(pos[e.source].x, pos[e.target].x, null); ys.push(pos[e.source].y, pos[e.target].y, null);
      }
      if (xs.length) traces.push({ type: "scatter", mode: "lines", x: xs, y: ys, hoverinfo: "skip", showlegend: false,
        line: { width, color: coop ? "rgba(35,139,69,.55)" : "rgba(203,24,29,.6)" } });
    }
  }
  traces.push({ type: "scatter", mode: "markers", name: "pairs", showlegend: false, marker: { size: 9, opacity: 0 },
    x: net.edges.map((e) => (pos[e.source]?.x + pos[e.target]?.x) / 2), y: net.edges.map((e) => (pos[e.source]?.y + pos[e.target]?.y) / 2),
    customdata: net.edges.map((e) => [e.source, e.target]),
    text: net.edges.map((e) => `${e.source} – ${e.target}: ${e.n_events} events (coop ${e.cooperation || 0}, conflict ${e.conflict || 0}), mean Goldstein ${fmt(e.mean_goldstein)}`),
    hoverinfo: "text" });
  const ids = Object.keys(pos);
  traces.push({ type: "scatter", mode: "markers+text", name: "states", showlegend: false, x: ids.map((i) => pos[i].x), y: ids.map((i) => pos[i].y),
    text: ids, textposition: "top center", customdata: ids.map((i) => [i]), hoverinfo: "text",
    marker: { size: ids.map((i) => 10 + 3 * Math.sqrt(pos[i].n_events || 1)), color: "#1f5fbf", line: { color: "#fff", width: 1 } } });
  const axis = { visible: false, zeroline: false, showgrid: false };
  plotOrEmpty("plot-network", net.nodes.length ? traces : [], { xaxis: axis, yaxis: axis, hovermode: "closest", title: { text: "Network of states", font: { size: 14 } } },
    (ev) => {
      const cd = ev.points[0].customdata;
      if (!cd) return;
      if (cd.length === 2) { openPair(cd[0], cd[1]); return; }
      if (!S.netPick || S.netPick === cd[0]) { S.netPick = cd[0]; showMessage(`Picked ${cd[0]}; click a second state.`); return; }
      const a = S.netPick; S.netPick = null; showMessage(""); openPair(a, cd[0]);
    });
}

function fmt(x) { return x === null || x === undefined ? "n/a" : Number(x).toFixed(2); }

function splitDyad(dyad) {
  if (Array.isArray(dyad)) return dyad;
  const parts = String(dyad).split(/\s*[|,–—\/]\s*|\s+-\s+|-(?=[A-Z]{2,}|IGO:)/);
  return parts.length === 2 ? parts : null;
}

async function loadMatrix() {
  const { cells } = await api("/matrix", filterParams());
  const totals = {};
  for (const c of cells) totals[c.dyad] = (totals[c.dyad] || 0) + c.n_events;
  const dyads = Object.keys(totals).sort((x, y) => totals[y] - totals[x]).slice(0, 40);
  const domains = [...new Set(cells.map((c) => c.domain))].sort();
  const z = domains.map((d) => dyads.map((y) => { const c = cells.find((k) => k.dyad === y && k.domain === d); return c ? c.n_events : 0; }));
  plotOrEmpty("plot-matrix", cells.length ? [{ type: "heatmap", x: dyads, y: domains, z, colorscale: [[0, "#f4f7fb"], [0.001, "#dbe7f5"], [1, "#0b3d91"]],
    texttemplate: "%{z}", hovertemplate: "%{x} · %{y}: %{z} events<extra></extra>" }] : [],
  { xaxis: { tickangle: -45, type: "category" }, yaxis: { type: "category", autorange: "reversed" }, margin: { l: 110, r: 30, t: 36, b: 110 },
    title: { text: "Domain × country pair", font: { size: 14 } } },
  (ev) => {
    const pair = splitDyad(ev.points[0].x);
    if (!pair) return;
    setChecked("f-domain", [ev.points[0].y]);
    openPair(pair[0], pair[1]);
  });
}

function setChecked(id, values) {
  $(id).querySelectorAll("input").forEach((i) => { i.checked = values.includes(i.value); });
  updateSummary(id);
}

// ------------------------------------------------------------------ navigation

function openPair(a, b) {
  for (const code of [a, b]) {
    for (const sel of [$("pair-a"), $("pair-b")]) {
      if (![...sel.options].some((o) => o.value === code)) sel.append(el("option", { value: code, text: code }));
    }
  }
  S.a = a; S.b = b;
  switchView("dyad");
}

function switchView(view) {
  S.view = view;
  document.querySelectorAll(".tabs button").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.view === view)));
  for (const v of ["dyad", "network", "matrix"]) $("view-" + v).hidden = v !== view;
  $("evidence").hidden = view !== "dyad";  // a fixed column beside the pair view: plots never need a refit
  refresh();
}

async function refresh() {
  showMessage("");
  try {
    if (S.view === "dyad") await loadPair();
    else if (S.view === "network") await loadNetwork();
    else await loadMatrix();
    document.body.dataset.ready = S.view;
  } catch (err) { showMessage(String(err.message || err)); }
}

async function init() {
  fillOptions("f-event", EVENT_TYPES);
  fillOptions("f-status", STATUSES);
  fillOptions("f-quad", [1, 2, 3, 4], QUADS);
  try {
    const [{ stats }, { actors }, { cells }, net] = await Promise.all([api("/stats"), api("/actors"), api("/matrix"), api("/network")]);
    $("stats").textContent = statsLine(stats);
    const domains = [...new Set(cells.map((c) => c.domain))].sort();
    fillOptions("f-domain", domains);
    const codes = actors.map((a) => a.code ?? a.actor_code ?? a.id).filter(Boolean);
    for (const sel of [$("pair-a"), $("pair-b")]) sel.replaceChildren(...codes.map((c) => el("option", { value: c, text: c })));
    const top = [...net.edges].sort((x, y) => y.n_events - x.n_events)[0];
    if (top) { S.a = top.source; S.b = top.target; } else if (codes.length > 1) { S.a = codes[0]; S.b = codes[1]; }
  } catch (err) { showMessage(String(err.message || err)); return; }
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); document.querySelectorAll("details.multi").forEach((d) => d.open = false); refresh(); });
  $("reset-filters").addEventListener("click", () => { $("filters").reset(); ["f-event", "f-status", "f-quad", "f-domain"].forEach(updateSummary); refresh(); });
  $("pair-a").addEventListener("change", () => { S.a = $("pair-a").value; refresh(); });
  $("pair-b").addEventListener("change", () => { S.b = $("pair-b").value; refresh(); });
  $("swap").addEventListener("click", () => { [S.a, S.b] = [S.b, S.a]; refresh(); });
  $("more").addEventListener("click", () => loadEvents(false).catch((e) => showMessage(String(e.message || e))));
  document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => switchView(b.dataset.view)));
  await refresh();
}

function statsLine(s) {
  const parts = [];
  for (const [k, label] of [["events", "events"], ["documents", "documents"]]) {
    if (s[k] !== undefined && s[k] !== null) parts.push(`${s[k]} ${label}`);
  }
  const [from, to] = s.date_range || [];
  if (from || to) parts.push(`${from || "?"} → ${to || "?"}`);
  return parts.join(" · ");
}

document.addEventListener("DOMContentLoaded", init);
