// Offline API reference: renders /openapi.json (no CDN, no innerHTML), with a "try it" form for GET routes.
"use strict";

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function schemaText(s) {
  if (!s) return "";
  if (s.anyOf) return s.anyOf.map(schemaText).filter((t) => t !== "null").join(" | ");
  if (s.$ref) return s.$ref.split("/").pop();
  let t = s.type === "array" ? `${schemaText(s.items)}[]` : s.type || "";
  if (s.enum) t += ` (${s.enum.join(", ")})`;
  if (s.pattern) t += ` /${s.pattern}/`;
  if (s.minimum !== undefined || s.maximum !== undefined) t += ` [${s.minimum ?? ""}..${s.maximum ?? ""}]`;
  return t;
}

function operation(path, method, op) {
  const params = op.parameters || [];
  const inputs = {};
  const out = el("pre", { class: "docs-out" });
  const rows = params.map((p) => {
    inputs[p.name] = el("input", { name: p.name, placeholder: p.in });
    return el("tr", {}, el("td", {}, el("code", { text: p.name })), el("td", { text: p.in + (p.required ? ", required" : "") }),
      el("td", { text: schemaText(p.schema) }), el("td", { text: p.description || p.schema?.description || "" }),
      method === "get" ? el("td", {}, inputs[p.name]) : el("td"));
  });
  const section = el("section", { class: "docs-op" },
    el("h2", {}, el("span", { class: "docs-method", text: method.toUpperCase() }), " ", el("code", { text: path })),
    el("p", { text: op.description || op.summary || "" }));
  if (rows.length) section.append(el("table", { class: "events" }, el("thead", {}, el("tr", {},
    ...["name", "in", "type", "description", method === "get" ? "try" : ""].map((h) => el("th", { text: h })))), el("tbody", {}, ...rows)));
  if (op.requestBody) {
    const schema = Object.values(op.requestBody.content || {})[0]?.schema;
    section.append(el("p", {}, "Body (JSON): ", el("code", { text: schemaText(schema) })));
  }
  if (method === "get") {
    section.append(el("button", { type: "button", text: "Try it", onclick: async () => {
      let url = path;
      const qs = new URLSearchParams();
      for (const p of params) {
        const v = inputs[p.name].value;
        if (!v) continue;
        if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(v)); else qs.append(p.name, v);
      }
      const resp = await fetch(url + (qs.toString() ? "?" + qs : ""));
      out.textContent = `HTTP ${resp.status}\n` + (await resp.text()).slice(0, 20000);
    } }), out);
  }
  return section;
}

async function init() {
  const spec = await (await fetch("/openapi.json")).json();
  const box = document.getElementById("api-docs");
  box.replaceChildren(el("p", { text: spec.info.description || "" }),
    el("p", {}, "Write endpoints need ", el("code", { text: "Authorization: Bearer <token>" }),
      " (the server's --token / DIPLOGRAPH_TOKEN); without a configured token they answer 403."));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) box.append(operation(path, method, op));
  }
}

document.addEventListener("DOMContentLoaded", init);
