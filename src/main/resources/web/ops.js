// The operators' page: everything it shows comes from the JSON API (/api/ops/v1). An account with the write role may
// also act (retry a parked flow): each action is a POST carrying the X-Chorus-Action header, audited by the engine.
// Text from outside (file names, invoice numbers) is always set as text, never as HTML.
"use strict";

const API = "/api/ops/v1";
const SVG = "http://www.w3.org/2000/svg";
const PAGE_SIZE = 20;
let page = 0;
// Who the operator is, as the engine knows them (/me): the actions are offered to a writer only.
let me = { login: null, role: null, mayAct: false };

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function row(cells) {
  const tr = document.createElement("tr");
  cells.forEach(c => tr.appendChild(c instanceof Node ? c : el("td", c)));
  return tr;
}

function td(text, className) {
  return el("td", text, className);
}

// Times in the operator's time zone, as the browser knows it; the engine's UTC instant on hover (tdWhen).
function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const two = n => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " + two(d.getHours()) + ":"
    + two(d.getMinutes()) + ":" + two(d.getSeconds());
}

function tdWhen(iso, suffix, className) {
  const cell = td(iso ? when(iso) + (suffix || "") : "-", className);
  if (iso) cell.title = iso + " (UTC)";
  return cell;
}

// Each code with its meaning, the whole flow's first, then its invoices': why, without opening the flow.
function reasonsCell(f) {
  const cell = td("", "reasons");
  const all = f.reasons.concat(f.invoiceReasons || []);
  if (all.length === 0) {
    cell.textContent = f.problem || "";
    return cell;
  }
  all.forEach(r => {
    const line = el("div", "");
    line.appendChild(el("span", r.code, "code"));
    line.appendChild(document.createTextNode(" " + (r.label || "")));
    line.title = r.code + " " + (r.label || "");
    cell.appendChild(line);
  });
  return cell;
}

async function get(path) {
  const response = await fetch(path, { headers: { "Accept": "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.status);
  return body;
}

function filters() {
  const params = new URLSearchParams();
  for (const id of ["partner", "outcome", "from", "to"]) {
    const value = document.getElementById("f-" + id).value.trim();
    if (value) params.set(id, value);
  }
  return params;
}

// The filters as last applied: a refresh keeps them, whatever is being typed meanwhile.
let applied = new URLSearchParams();

async function loadFlows() {
  const params = new URLSearchParams(applied);
  params.set("page", page);
  params.set("size", PAGE_SIZE);
  const tbody = document.querySelector("#flows tbody");
  try {
    const answer = await get(API + "/flows?" + params);
    tbody.replaceChildren();
    answer.flows.forEach(f => {
      const tr = row([
        td(f.flowId, "code"), td(f.partner), td(f.fileName),
        td(f.status || "-", "status-" + f.status), td(f.state, "state-" + f.state),
        td(f.delivered + "/" + f.invoices), tdWhen(f.receivedAt), td(f.node || "", "code"),
        reasonsCell(f)]);
      tr.className = "flow";
      tr.dataset.flow = f.flowId;
      tr.addEventListener("click", () => loadDetail(f.flowId));
      tbody.appendChild(tr);
    });
    if (answer.flows.length === 0) tbody.appendChild(row([td("no flow")]));
    const last = Math.max(0, Math.ceil(answer.total / PAGE_SIZE) - 1);
    document.getElementById("page-info").textContent =
      "page " + (page + 1) + " of " + (last + 1) + " (" + answer.total + " flows)";
    document.getElementById("prev").disabled = page === 0;
    document.getElementById("next").disabled = page >= last;
  } catch (e) {
    tbody.replaceChildren(row([td("cannot list the flows: " + e.message, "error")]));
  }
}

async function loadDetail(flowId) {
  const section = document.getElementById("detail");
  const answer = await get(API + "/flows/" + encodeURIComponent(flowId));
  const f = answer.flow;
  document.getElementById("detail-id").textContent = f.flowId;
  section.dataset.flow = f.flowId;
  const dl = document.getElementById("detail-flow");
  dl.replaceChildren();
  const facts = [["Partner", f.partner], ["File", f.fileName], ["Size", f.sizeBytes + " bytes"], ["SHA-256", f.sha256],
    ["Status", f.status || "-"], ["State", f.state], ["Received", when(f.receivedAt)], ["Finished", when(f.finishedAt)],
    ["Original kept as", f.keptAs], ["Decided by node", f.node || ""]];
  f.reasons.forEach(r => facts.push(["Rejected", r.code + " " + (r.label || "")]));
  if (f.problem) facts.push(["Problem", f.problem]);
  facts.forEach(([name, value]) => { dl.appendChild(el("dt", name)); dl.appendChild(el("dd", value)); });
  const tbody = document.querySelector("#detail-invoices tbody");
  tbody.replaceChildren();
  answer.invoices.forEach(i => {
    const outcome = i.delivered ? "delivered"
      : "rejected: " + i.reasons.map(r => r.code + " " + (r.label || "")).join("; ");
    tbody.appendChild(row([td(i.position), td(i.invoiceId, "code"), td(i.number), td(i.recipient), td(i.serviceCode),
      td(i.engagement), td(framework(i)), td(outcome, i.delivered ? "status-92" : "status-93"), td(i.outbox || "", "code")]));
  });
  section.hidden = false;
  section.scrollIntoView();
}

/**
 * An invoice's framework, with its market, the party that answers it first and the statement it answers when it has
 * them: "A9, market M-1, first to 7328...", "A15, market M-2, first to 2175..., answers AAA001-...-0001".
 */
function framework(i) {
  return [i.framework, i.market ? "market " + i.market : null, i.validator ? "first to " + i.validator : null,
    i.answers ? "answers " + i.answers : null].filter(part => part).join(", ");
}

function svg(tag, attributes, text) {
  const e = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// A bar per reason code, drawn in SVG: the page needs nothing from outside the engine.
function drawChart(id, answer) {
  const chart = document.getElementById(id);
  chart.replaceChildren();
  // The codes drawn, each with its meaning, under the chart.
  const legend = document.getElementById(id + "-legend");
  legend.replaceChildren(...answer.codes.map(c => {
    const item = el("li", "");
    item.appendChild(el("span", c.code, "code"));
    item.appendChild(document.createTextNode(" " + (c.label || "") + ": " + c.count));
    return item;
  }));
  const width = 480, height = 220, left = 40, bottom = 30, top = 20;
  chart.setAttribute("viewBox", "0 0 " + width + " " + height);
  chart.dataset.total = answer.total;
  if (answer.codes.length === 0) {
    chart.appendChild(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, "no rejection"));
    return;
  }
  const max = Math.max(...answer.codes.map(c => c.count));
  const slot = (width - left - 10) / answer.codes.length;
  const bar = Math.min(40, slot * 0.7);
  chart.appendChild(svg("line", { x1: left, y1: height - bottom, x2: width - 5, y2: height - bottom, stroke: "#999" }));
  chart.appendChild(svg("text", { x: left - 6, y: top + 4, "text-anchor": "end" }, String(max)));
  chart.appendChild(svg("text", { x: left - 6, y: height - bottom, "text-anchor": "end" }, "0"));
  answer.codes.forEach((c, n) => {
    const h = (height - bottom - top) * c.count / max;
    const x = left + n * slot + (slot - bar) / 2;
    const rect = svg("rect", { x: x, y: height - bottom - h, width: bar, height: h, class: "bar", "data-code": c.code });
    rect.appendChild(svg("title", {}, c.code + " " + (c.label || "") + ": " + c.count));
    chart.appendChild(rect);
    chart.appendChild(svg("text", { x: x + bar / 2, y: height - bottom - h - 4, "text-anchor": "middle" }, String(c.count)));
    chart.appendChild(svg("text", { x: x + bar / 2, y: height - bottom + 14, "text-anchor": "middle", class: "code" }, c.code));
  });
}

// The hours' axis: a label every 6 hours over a day, every day over a week, in the operator's time zone.
function hourAxis(chart, hours, x, y, week) {
  hours.forEach((h, n) => {
    const d = new Date(h.hour);
    if (week ? d.getHours() === 0 : d.getHours() % 6 === 0) {
      const label = week ? when(h.hour).substring(5, 10) : String(d.getHours()).padStart(2, "0") + ":00";
      chart.appendChild(svg("text", { x: x(n), y: y, "text-anchor": "middle", class: "axis" }, label));
    }
  });
}

function drawTrends(answer) {
  const week = answer.period === "week";
  const width = 480, height = 220, left = 40, bottom = 30, top = 20;
  const slot = (width - left - 10) / answer.hours.length;
  const x = n => left + n * slot + slot / 2;
  const flows = document.getElementById("chart-flows");
  flows.replaceChildren();
  flows.setAttribute("viewBox", "0 0 " + width + " " + height);
  const total = h => h.flows["92"] + h.flows["96"] + h.flows["93"];
  const max = Math.max(1, ...answer.hours.map(total));
  flows.appendChild(svg("text", { x: left - 6, y: top + 4, "text-anchor": "end" }, String(max)));
  flows.appendChild(svg("line", { x1: left, y1: height - bottom, x2: width - 5, y2: height - bottom, stroke: "#999" }));
  answer.hours.forEach((h, n) => {
    let base = height - bottom;
    for (const status of ["92", "96", "93"]) {
      const part = (height - bottom - top) * h.flows[status] / max;
      if (part > 0) {
        const rect = svg("rect", { x: x(n) - slot * 0.4, y: base - part, width: slot * 0.8, height: part, class: "s" + status,
          "data-hour": h.hour, "data-status": status });
        rect.appendChild(svg("title", {}, when(h.hour) + ": " + h.flows[status] + " flow(s) " + status + "; invoices "
          + h.delivered + " delivered, " + h.rejected + " rejected"));
        flows.appendChild(rect);
        base -= part;
      }
    }
  });
  hourAxis(flows, answer.hours, x, height - bottom + 14, week);
  const durations = document.getElementById("chart-durations");
  durations.replaceChildren();
  durations.setAttribute("viewBox", "0 0 " + width + " " + height);
  const longest = Math.max(0.001, ...answer.hours.map(h => h.p95 || 0));
  durations.appendChild(svg("text", { x: left - 6, y: top + 4, "text-anchor": "end" }, longest.toFixed(longest < 10 ? 2 : 0)));
  durations.appendChild(svg("line", { x1: left, y1: height - bottom, x2: width - 5, y2: height - bottom, stroke: "#999" }));
  for (const p of ["p50", "p95"]) {
    const points = answer.hours.map((h, n) => h[p] === null ? null : x(n) + "," + (height - bottom - (height - bottom - top) * h[p] / longest))
      .filter(point => point !== null);
    if (points.length > 0) durations.appendChild(svg("polyline", { points: points.join(" "), class: "line " + p, fill: "none" }));
  }
  hourAxis(durations, answer.hours, x, height - bottom + 14, week);
  document.getElementById("trend-note").textContent = answer.p50 === null ? "" : " Over the period: p50 " + answer.p50
    + " s, p95 " + answer.p95 + " s.";
}

async function loadTrends() {
  const period = document.querySelector("input[name=trend-period]:checked").value;
  try {
    drawTrends(await get(API + "/trends?period=" + period));
  } catch (e) {
    document.getElementById("chart-flows").replaceChildren(svg("text", { x: 10, y: 20, class: "empty" }, e.message));
  }
}

async function loadRejections() {
  for (const period of ["day", "week"]) {
    try {
      drawChart("chart-" + period, await get(API + "/rejections?period=" + period));
    } catch (e) {
      document.getElementById("chart-" + period).replaceChildren(svg("text", { x: 10, y: 20, class: "empty" }, e.message));
    }
  }
}

async function loadFar37() {
  const tbody = document.querySelector("#far37 tbody");
  const answer = await get(API + "/far37/subscribers");
  tbody.replaceChildren();
  answer.subscribers.forEach(s => tbody.appendChild(row([td(s.code), td(s.lastSequence === null ? "none yet" : s.lastSequence),
    tdWhen(s.lastPublished), tdWhen(s.lastFull), tdWhen(s.nextFull), tdWhen(s.nextDelta), td(s.folder, "code")])));
  if (answer.subscribers.length === 0) tbody.appendChild(row([td("no subscriber (chorus.far37.subscribers)")]));
}

// The works documents waiting for an answer: a draft past its MOE's delay is late (the parties' to chase, not the engine's).
async function loadWorks() {
  const tbody = document.querySelector("#works tbody");
  const answer = await get(API + "/works");
  const late = answer.late;
  document.getElementById("works-note").textContent = "The MOE has " + answer.moeDelayDays + " days to answer a draft. "
    + (late === 0 ? "None is late." : late + " draft" + (late === 1 ? " is" : "s are") + " late.");
  tbody.replaceChildren();
  answer.documents.forEach(w => {
    const tr = row([td(w.invoiceId, "code"), td(w.framework), td(w.number), td(w.market, "code"),
      td(w.waitingFor + " " + w.validator, "code"), tdWhen(w.since),
      tdWhen(w.deadline, w.late ? " (late)" : "", w.late ? "error" : "")]);
    tbody.appendChild(tr);
  });
  if (answer.documents.length === 0) tbody.appendChild(row([td("no works document waiting")]));
}

// What needs an operator now, most urgent first, each with what to do: what one paged at night reads first.
async function loadAttention() {
  const list = document.getElementById("attention");
  try {
    const answer = await get(API + "/attention");
    list.replaceChildren(...answer.items.map(i => {
      const item = el("li", "", "attention-" + i.kind);
      item.appendChild(el("strong", i.what));
      if (i.since) item.appendChild(el("span", " since " + when(i.since), "note"));
      item.appendChild(el("div", i.todo));
      if (i.kind === "parked" && i.flowId && me.mayAct) {
        const retry = el("button", "Retry", "action");
        retry.type = "button";
        retry.dataset.flow = i.flowId;
        retry.addEventListener("click", () => retryParked(i.flowId, retry));
        item.appendChild(retry);
      }
      return item;
    }));
    if (answer.items.length === 0) list.appendChild(el("li", "Nothing needs attention.", "quiet"));
    if (answer.count > answer.items.length) list.appendChild(el("li", "and " + (answer.count - answer.items.length) + " more"));
  } catch (e) {
    list.replaceChildren(el("li", "cannot tell what needs attention: " + e.message, "error"));
  }
}

// The one action: the parked flow goes back into in/ through the engine, which records who asked.
async function retryParked(flowId, button) {
  const said = document.getElementById("action-result");
  button.disabled = true;
  try {
    const response = await fetch(API + "/parked-flows/" + encodeURIComponent(flowId) + "/retry",
      { method: "POST", headers: { "Accept": "application/json", "X-Chorus-Action": "retry" } });
    const body = await response.json();
    said.textContent = response.ok ? "Flow " + flowId + " moved back into " + body.movedTo + ": the engine takes it again."
      : "Retry of " + flowId + " refused: " + body.error;
    said.className = response.ok ? "done" : "error";
  } catch (e) {
    said.textContent = "Retry of " + flowId + " failed: " + e.message;
    said.className = "error";
  }
  loadAttention();
  loadActions();
  loadHealth();
}

// What operators did from the page, newest first, as the ledger keeps it.
async function loadActions() {
  const tbody = document.querySelector("#actions tbody");
  try {
    const answer = await get(API + "/actions");
    tbody.replaceChildren();
    answer.actions.forEach(a => tbody.appendChild(row([tdWhen(a.at), td(a.account), td(a.client, "code"), td(a.action),
      td(a.target, "code"), td(a.outcome, a.outcome === "DONE" ? "" : "error"), td(a.detail || "", "code")])));
    if (answer.actions.length === 0) tbody.appendChild(row([td("no action yet")]));
  } catch (e) {
    tbody.replaceChildren(row([td("cannot list the actions: " + e.message, "error")]));
  }
}

// Camel's own view of the routes (its management beans): a route that fails or holds exchanges shows here first.
async function loadCamel() {
  const tbody = document.querySelector("#camel tbody");
  try {
    const answer = await get(API + "/camel/routes");
    tbody.replaceChildren();
    answer.routes.forEach(r => {
      const tr = row([td(r.routeId, "code"), td(r.from, "code"), td(r.state, r.state === "Started" ? "" : "error"),
        td(r.exchangesTotal), td(r.exchangesFailed, r.exchangesFailed > 0 ? "error" : ""), td(r.failuresHandled),
        td(r.exchangesInflight), td(r.meanProcessingMillis), tdWhen(r.lastFailureAt), td(r.lastError || "", "code")]);
      tbody.appendChild(tr);
    });
    const inflight = answer.inflight.map(x => x.exchangeId + " (" + x.fromRouteId + " at " + (x.nodeId || "-") + ", "
      + Math.round(x.elapsedMillis / 1000) + " s)").join(", ");
    document.getElementById("camel-inflight").textContent = answer.inflightTotal + " exchange(s) in flight"
      + (inflight ? ", longest first: " + inflight : "") + ".";
  } catch (e) {
    tbody.replaceChildren(row([td("cannot read Camel's routes: " + e.message, "error")]));
  }
}

async function loadMe() {
  try {
    me = await get(API + "/me");
  } catch (e) {
    me = { login: null, role: null, mayAct: false };
  }
  document.getElementById("me").textContent = me.login === null ? "no account: read-only"
    : me.login + (me.mayAct ? ": may retry parked flows" : ": read-only");
}

// PDF invoices deposited over the API as drafts: waiting for their client's submission, never delivered by themselves.
async function loadDrafts() {
  const tbody = document.querySelector("#drafts tbody");
  const answer = await get(API + "/pdf-drafts");
  document.getElementById("drafts-note").textContent = "A draft waits " + answer.lifetimeHours + " hours for its submission,"
    + " then is deleted. " + answer.waiting + " waiting, " + answer.submitted + " submitted.";
  tbody.replaceChildren();
  answer.drafts.forEach(d => tbody.appendChild(row([td(d.partner, "code"), td(d.fileName), td(d.draftId, "code"),
    td(d.complete ? "complete" : "missing or doubtful: " + d.missing.join(", "), d.complete ? "" : "error"),
    tdWhen(d.createdAt), tdWhen(d.expiresAt), td(d.flowId === null ? "not submitted" : d.flowId, "code")])));
  if (answer.drafts.length === 0) tbody.appendChild(row([td("no PDF draft")]));
}

async function searchDirectory(event) {
  event.preventDefault();
  const tbody = document.querySelector("#structures tbody");
  try {
    const answer = await get(API + "/directory/structures?q=" + encodeURIComponent(document.getElementById("d-q").value));
    tbody.replaceChildren();
    answer.structures.forEach(s => tbody.appendChild(row([td(s.identifier, "code"), td(s.name), td(s.active ? "yes" : "no"),
      td(s.serviceCodeRequired ? "required" : ""), td(s.engagementRequired ? "required" : ""), tdWhen(s.lastModified),
      td(s.lastRequest === null ? "" : (s.lastRequest.action === "ACTIVATE" ? "activated" : "deactivated") + " on "
        + when(s.lastRequest.at) + " at the request of " + s.lastRequest.requestedBy + ": " + s.lastRequest.reason
        + (s.lastRequest.sirene === null ? "" : " (SIRENE: " + s.lastRequest.sirene.toLowerCase() + ")"))])));
    if (answer.structures.length === 0) tbody.appendChild(row([td("no structure")]));
  } catch (e) {
    tbody.replaceChildren(row([td(e.message, "error")]));
  }
}

// Which node answers; in cluster mode the flows above are the whole cluster's (one ledger), the nodes below each one.
async function loadNode() {
  const header = document.getElementById("node");
  const tbody = document.querySelector("#nodes tbody");
  try {
    const answer = await get(API + "/node");
    const alive = answer.nodes.filter(n => n.alive).length;
    header.textContent = "node " + answer.nodeId
      + (answer.mode === "cluster" ? ", cluster of " + alive + " live node" + (alive === 1 ? "" : "s") : "");
    tbody.replaceChildren();
    answer.nodes.forEach(n => {
      const tr = row([td(n.nodeId, "code"), tdWhen(n.startedAt), tdWhen(n.leaseUntil),
        td(n.alive ? "yes" : "no: its flows are taken over", n.alive ? "" : "error"), td(n.claims === null ? "-" : n.claims)]);
      if (n.nodeId === answer.nodeId) tr.className = "self";
      tbody.appendChild(tr);
    });
    const flows = answer.flows.map(f => f.flowId + " since " + when(f.since)).join(", ");
    document.getElementById("at-work").textContent = "This node works on " + answer.flowsInProgress + " flow(s) now"
      + (flows ? ": " + flows : "") + ".";
  } catch (e) {
    header.textContent = "node unknown";
    tbody.replaceChildren(row([td("cannot list the nodes: " + e.message, "error")]));
  }
}

/** A health check's message as Camel's JSON gives it, its slashes escaped twice ("failed\\/"): as it was written. */
function message(text) {
  return text.replaceAll("\\/", "/");
}

// Readiness, and when it is down, which checks are and why: what an operator paged at night looks for first.
async function loadHealth() {
  const badge = document.getElementById("health");
  try {
    const response = await fetch("/observe/health/ready");
    let down = [];
    if (!response.ok) {
      try {
        down = ((await response.json()).checks || []).filter(c => c.status !== "UP");
      } catch (e) {
        // not the health JSON (a proxy's page): the badge says where to look
      }
    }
    badge.textContent = response.ok ? "ready" : "not ready: " + (down.length === 0 ? "see /observe/health"
      : down.map(c => c.name + (c.message ? " (" + message(c.message) + ")" : "")).join("; "));
    badge.className = "badge " + (response.ok ? "up" : "down");
  } catch (e) {
    badge.textContent = "health unknown";
  }
}

// Everything but the directory search again, every REFRESH seconds (?refresh=N, at least 2; 30 by default): the
// filters, the page of flows and an open detail stay as the operator left them.
const REFRESH = Math.max(2, Number(new URLSearchParams(location.search).get("refresh")) || 30);

function refresh() {
  loadAttention();
  loadHealth();
  loadNode();
  loadFlows();
  loadRejections();
  loadTrends();
  loadWorks();
  loadDrafts();
  loadFar37();
  loadActions();
  loadCamel();
  const detail = document.getElementById("detail");
  if (!detail.hidden && detail.dataset.flow) loadDetail(detail.dataset.flow);
  document.getElementById("refreshed").textContent = "times in " + Intl.DateTimeFormat().resolvedOptions().timeZone
    + " (UTC on hover); refreshed at " + when(new Date().toISOString()) + ", every " + REFRESH + " s";
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("filters").addEventListener("submit", e => { e.preventDefault(); applied = filters(); page = 0; loadFlows(); });
  document.getElementById("f-clear").addEventListener("click", () => {
    document.getElementById("filters").reset(); applied = filters(); page = 0; loadFlows();
  });
  document.getElementById("prev").addEventListener("click", () => { page = Math.max(0, page - 1); loadFlows(); });
  document.getElementById("next").addEventListener("click", () => { page++; loadFlows(); });
  document.getElementById("detail-close").addEventListener("click", () => { document.getElementById("detail").hidden = true; });
  document.getElementById("directory-search").addEventListener("submit", searchDirectory);
  document.querySelectorAll("input[name=trend-period]").forEach(radio => radio.addEventListener("change", loadTrends));
  loadMe().then(refresh);
  setInterval(refresh, REFRESH * 1000);
});
