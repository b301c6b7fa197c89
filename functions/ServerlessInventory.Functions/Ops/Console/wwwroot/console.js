// The ops console: calls the product's own API (same origin) and renders the answers. No framework, no build step.
// Every value from the API is written with textContent, never as HTML.
"use strict";

const KEY_STORAGE = "serverless-inventory.ops-key";
const HEALTH_REFRESH_MS = 5000;
const LEDGER_PAGE_SIZE = 20;
const OPS_PAGE_SIZE = 100;

// ---- the API ----

class ApiError extends Error {
  constructor(method, path, status, problem) {
    const title = problem && problem.title ? String(problem.title) : "";
    const detail = problem && problem.detail ? String(problem.detail) : "";
    const what = title && detail ? `${title}${/[.!?]$/.test(title) ? "" : ":"} ${detail}` : title || detail || "no details";
    super(`${method} ${path} failed (${status}): ${what}`);
    this.status = status;
  }
}

function opsKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

// In Azure the page is opened with the admin key as ?code=; it is kept for this tab and sent as a header from then on.
function adoptKeyFromAddress() {
  const code = new URLSearchParams(location.search).get("code");
  if (code) {
    sessionStorage.setItem(KEY_STORAGE, code);
  }
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  const key = opsKey();
  if (key) {
    headers["x-functions-key"] = key;
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
  } catch (failure) {
    throw new ApiError(method, path, "no answer", { detail: String(failure.message || failure) });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { detail: text.slice(0, 300) };
  }
  if (response.status === 401) {
    byId("key-form").hidden = false;
  }
  if (!response.ok) {
    throw new ApiError(method, path, response.status, data);
  }
  return data;
}

const enc = encodeURIComponent;

// ---- small DOM helpers ----

function byId(id) {
  return document.getElementById(id);
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function fillRows(table, rows, emptyText) {
  const body = table.tBodies[0];
  body.replaceChildren();
  if (rows.length === 0) {
    const columns = table.tHead.rows[0].cells.length;
    body.append(el("tr", {}, el("td", { class: "empty", colspan: columns }, emptyText)));
    return;
  }
  body.append(...rows);
}

function num(value) {
  return el("td", { class: "num" }, value === null || value === undefined ? "–" : String(value));
}

function time(value) {
  if (!value) return "–";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

function seconds(value) {
  if (value === null || value === undefined) return "–";
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  if (value < 120) return `${value.toFixed(1)} s`;
  return `${Math.round(value / 60)} min`;
}

function payload(summary, value) {
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return el("details", {}, el("summary", {}, summary), el("pre", {}, text));
}

function showError(error) {
  const box = byId("message");
  box.className = "";
  box.textContent = error instanceof ApiError ? error.message : `Unexpected error: ${error && error.message ? error.message : error}`;
  box.hidden = false;
}

function showInfo(text) {
  const box = byId("message");
  box.className = "info";
  box.textContent = text;
  box.hidden = false;
}

function clearMessage() {
  byId("message").hidden = true;
}

// Runs an action, showing its failure instead of losing it; the button is disabled while it runs.
async function guarded(action, button) {
  if (button) button.disabled = true;
  try {
    clearMessage();
    await action();
  } catch (error) {
    showError(error);
  } finally {
    if (button) button.disabled = false;
  }
}

// ---- tabs ----

const views = { stock: null, drift: loadDrift, stuck: loadStuck, health: startHealth };
let current = "stock";

function selectTab(name, focus) {
  for (const view of Object.keys(views)) {
    const tab = byId(`tab-${view}`);
    const selected = view === name;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(`view-${view}`).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  current = name;
  if (name !== "health") stopHealth();
  if (views[name]) guarded(views[name]);
}

function wireTabs() {
  const names = Object.keys(views);
  for (const name of names) {
    const tab = byId(`tab-${name}`);
    tab.addEventListener("click", () => selectTab(name, false));
    tab.addEventListener("keydown", (event) => {
      const at = names.indexOf(name);
      const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: names.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      selectTab(names[(next + names.length) % names.length], true);
    });
  }
}

// ---- Stock ----

const ledger = { sku: null, pages: [null], at: 0 };

async function findStock(event) {
  event.preventDefault();
  const button = event.submitter;
  await guarded(async () => {
    const asked = byId("stock-sku").value.trim();
    const channel = byId("stock-channel").value.trim();
    let sku = asked;
    const mapping = byId("stock-mapping");
    mapping.hidden = true;
    if (channel) {
      const found = await api("GET", `/api/ops/channels/${enc(channel)}/skus/${enc(asked)}`);
      sku = found.sku;
      mapping.textContent = found.mapped
        ? `${channel} sells ${found.channelSku} as ${found.unitFactor} unit(s) of ${found.sku}.`
        : `${channel} has no mapping for ${found.channelSku}: it is the master SKU itself.`;
      mapping.hidden = false;
    }
    await showStock(sku);
  }, button);
}

async function showStock(sku) {
  const [inventory, pushes] = await Promise.all([
    api("GET", `/api/inventory/${enc(sku)}`),
    api("GET", `/api/ops/skus/${enc(sku)}/pushes`),
  ]);
  byId("stock-title").textContent = inventory.sku;
  fillRows(byId("stock-locations"), inventory.locations.map((p) => el("tr", { "data-location": p.location },
    el("th", { scope: "row" }, p.location), num(p.onHand), num(p.unsellable), num(p.committed), num(p.reserved),
    num(p.safetyStock), num(p.incoming), num(p.availableToSell))), "No position yet: nothing was applied to this SKU.");
  const pushed = new Map(pushes.channels.map((c) => [c.channel, c]));
  const channels = [...new Set([...inventory.channels.map((c) => c.channel), ...pushed.keys()])];
  const available = new Map(inventory.channels.map((c) => [c.channel, c.available]));
  fillRows(byId("stock-channels"), channels.map((channel) => {
    const push = pushed.get(channel);
    const state = !push || push.version === null ? el("td", {}, "never pushed")
      : push.owed ? el("td", { class: "owed" }, "owed")
      : el("td", { class: "acked" }, "acknowledged");
    return el("tr", { "data-channel": channel },
      el("th", { scope: "row" }, channel), num(available.get(channel)), num(push && push.available),
      num(push && push.version), state, el("td", {}, time(push && push.updatedAt)));
  }), "No channel is configured.");
  ledger.sku = inventory.sku;
  ledger.pages = [null];
  ledger.at = 0;
  await showLedgerPage();
  byId("stock-result").hidden = false;
}

function effectText(effect) {
  const parts = ["onHand", "unsellable", "committed", "incoming"]
    .filter((name) => effect[name] !== 0)
    .map((name) => `${name} ${effect[name] > 0 ? "+" : ""}${effect[name]}`);
  return `${effect.location}: ${parts.length ? parts.join(", ") : "no change"}`;
}

async function showLedgerPage() {
  byId("ledger-newest").disabled = true;
  byId("ledger-older").disabled = true;
  const continuation = ledger.pages[ledger.at];
  const page = await api("GET", `/api/inventory/${enc(ledger.sku)}/ledger?pageSize=${LEDGER_PAGE_SIZE}` + (continuation ? `&continuation=${enc(continuation)}` : ""));
  ledger.pages[ledger.at + 1] = page.continuation;
  fillRows(byId("stock-ledger"), page.items.map((entry) => el("tr", { "data-version": entry.version },
    num(entry.version), el("td", {}, time(entry.appliedAt)),
    el("td", {}, payload(`${entry.event.type} · ${entry.event.source} · ${entry.event.id}`, entry.event)),
    el("td", { class: "wrap" }, entry.effects.length ? entry.effects.map(effectText).join("; ") : "none"),
    el("td", { class: "wrap" }, entry.flags.map((flag) => el("span", { class: "flag" }, flag)),
      entry.oversold ? el("span", { class: "flag" }, `oversold by ${entry.oversold}`) : null))), "The ledger is empty.");
  byId("ledger-newest").disabled = ledger.at === 0;
  byId("ledger-older").disabled = !page.continuation;
}

// ---- Drift ----

function causes(byCause) {
  return Object.entries(byCause || {}).filter(([, count]) => count > 0).map(([cause, count]) => `${cause} ${count}`).join(", ") || "–";
}

async function loadDrift() {
  const channel = byId("drift-channel").value.trim();
  const [runs, review] = await Promise.all([
    api("GET", `/api/ops/reconciliation/runs?pageSize=${OPS_PAGE_SIZE}` + (channel ? `&channel=${enc(channel)}` : "")),
    api("GET", "/api/ops/reconciliation/review"),
  ]);
  fillRows(byId("drift-runs"), runs.items.map((run) => el("tr", { "data-run": run.runId },
    el("td", {}, el("button", { type: "button", onclick: (e) => guarded(() => showRun(run.runId), e.currentTarget) }, run.runId)),
    el("td", {}, run.channel), el("td", {}, run.status), el("td", {}, time(run.startedAt)),
    num(run.skusCompared), num(run.inAgreement), num(run.inFlight), num(run.discrepancies),
    el("td", {}, causes(run.byCause)), num(run.autoCorrected), num(run.raisedForReview), num(run.varianceUnits))),
  "No reconciliation run yet.");
  const open = review.items.filter((item) => !item.discrepancy.review);
  fillRows(byId("drift-review"), open.map((item) => {
    const d = item.discrepancy;
    const resolve = (resolution) => (e) => guarded(async () => {
      const resolvedBy = byId("drift-resolver").value.trim() || "ops-console";
      await api("POST", `/api/ops/reconciliation/review/${enc(item.runId)}/${enc(d.sku)}`, { resolution, resolvedBy });
      showInfo(`${d.sku} on ${item.channel}: ${resolution.replace("_", " ")} recorded.`);
      await loadDrift();
    }, e.currentTarget);
    return el("tr", { "data-sku": d.sku, "data-run": item.runId },
      el("th", { scope: "row" }, d.sku), el("td", {}, item.channel), el("td", {}, d.location || "pooled"),
      num(d.masterValue), num(d.channelValue), el("td", {}, d.likelyCause), el("td", {}, item.runId),
      el("td", {},
        el("button", { type: "button", onclick: resolve("accept_master"), "aria-label": `Accept master for ${d.sku} on ${item.channel}` }, "Accept master"), " ",
        el("button", { type: "button", onclick: resolve("accept_channel"), "aria-label": `Accept channel for ${d.sku} on ${item.channel}` }, "Accept channel")));
  }), "Nothing waits for review.");
}

async function showRun(runId) {
  const report = await api("GET", `/api/ops/reconciliation/runs/${enc(runId)}?pageSize=${OPS_PAGE_SIZE}`);
  byId("drift-run-title").textContent = `Run ${report.run.runId} (${report.run.channel}, ${report.run.status})`;
  fillRows(byId("drift-discrepancies"), report.discrepancies.map((d) => el("tr", {},
    el("th", { scope: "row" }, d.sku), el("td", {}, d.location || "pooled"), num(d.masterValue), num(d.channelValue),
    num(d.difference), el("td", {}, d.likelyCause), el("td", {}, d.action),
    el("td", {}, d.review ? `${d.review.resolution} by ${d.review.resolvedBy}` : "–"))), "No discrepancy: the channel agrees.");
  byId("drift-run").hidden = false;
}

async function startRun(event) {
  await guarded(async () => {
    const channel = byId("drift-channel").value.trim();
    const started = await api("POST", "/api/ops/reconciliation/runs", channel ? { channel } : {});
    showInfo(`Started ${started.runs.map((r) => r.runId).join(", ") || "no run"}.`);
    await loadDrift();
  }, event.currentTarget);
}

// ---- Stuck ----

const stuck = { parked: [], parkedNext: null, dead: [], deadNext: null };

async function loadStuck() {
  const [parked, dead] = await Promise.all([
    api("GET", `/api/ops/parked?pageSize=${OPS_PAGE_SIZE}`),
    api("GET", `/api/ops/deadletters?pageSize=${OPS_PAGE_SIZE}`),
  ]);
  stuck.parked = parked.items;
  stuck.parkedNext = parked.continuation;
  stuck.dead = dead.items;
  stuck.deadNext = dead.continuation;
  renderStuck();
}

async function loadMore(kind, event) {
  await guarded(async () => {
    const path = kind === "parked" ? "/api/ops/parked" : "/api/ops/deadletters";
    const page = await api("GET", `${path}?pageSize=${OPS_PAGE_SIZE}&continuation=${enc(stuck[`${kind}Next`])}`);
    stuck[kind] = stuck[kind].concat(page.items);
    stuck[`${kind}Next`] = page.continuation;
    renderStuck();
  }, event.currentTarget);
}

// A dead letter's channel is the source of the event it carries, when its body can be read.
function deadLetterChannel(letter) {
  try {
    return JSON.parse(letter.body).source || "";
  } catch {
    return "";
  }
}

function renderStuck() {
  const channelFilter = byId("stuck-channel");
  const chosen = channelFilter.value;
  const channels = [...new Set([...stuck.parked.map((p) => p.channel), ...stuck.dead.map(deadLetterChannel)].filter(Boolean))].sort();
  channelFilter.replaceChildren(el("option", { value: "" }, "all"), ...channels.map((c) => el("option", { value: c }, c)));
  channelFilter.value = channels.includes(chosen) ? chosen : "";
  const channel = channelFilter.value;
  const reason = byId("stuck-reason").value.trim().toLowerCase();
  const keep = (itemChannel, itemReason) => (!channel || itemChannel === channel) && (!reason || itemReason.toLowerCase().includes(reason));

  const parked = stuck.parked.filter((p) => keep(p.channel, `${p.field} ${p.reason}`));
  byId("parked-count").textContent = `${parked.length} shown of ${stuck.parked.length} loaded${stuck.parkedNext ? ", more to load" : ""}`;
  fillRows(byId("stuck-parked"), parked.map((p) => el("tr", { "data-id": p.id },
    el("td", {}, time(p.parkedAt)), el("td", {}, p.channel), el("td", {}, p.eventId || "–"), el("td", {}, p.field),
    el("td", { class: "wrap" }, p.reason), el("td", {}, payload("payload", p.payload)),
    el("td", {}, el("button", { type: "button", "aria-label": `Replay parked event ${p.eventId || p.id}`, onclick: (e) => replay("parked", p.id, e) }, "Replay")))),
  stuck.parked.length ? "No parked event matches the filters." : "No parked event.");
  byId("parked-more").hidden = !stuck.parkedNext;

  const dead = stuck.dead.filter((d) => keep(deadLetterChannel(d), `${d.reason} ${d.description || ""}`));
  byId("dead-count").textContent = `${dead.length} shown of ${stuck.dead.length} loaded${stuck.deadNext ? ", more to load" : ""}`;
  fillRows(byId("stuck-dead"), dead.map((d) => el("tr", { "data-id": d.messageId },
    el("td", {}, time(d.deadLetteredAt)), el("td", {}, d.sku || "–"), el("td", {}, d.messageId),
    el("td", { class: "wrap" }, [d.reason, d.description].filter(Boolean).join(": ")), num(d.deliveryCount),
    el("td", {}, payload("body", d.body)),
    el("td", {}, el("button", { type: "button", "aria-label": `Replay dead letter ${d.messageId}`, onclick: (e) => replay("deadletters", d.messageId, e) }, "Replay")))),
  stuck.dead.length ? "No dead letter matches the filters." : "No dead letter.");
  byId("dead-more").hidden = !stuck.deadNext;
}

async function replay(kind, id, event) {
  await guarded(async () => {
    await api("POST", `/api/ops/${kind}/${enc(id)}/replay`);
    showInfo(`Replayed ${id}.`);
    await loadStuck();
  }, event.currentTarget);
}

// ---- Health ----

let healthTimer = null;

function startHealth() {
  stopHealth();
  healthTimer = setInterval(() => refreshHealth().catch(showError), HEALTH_REFRESH_MS);
  return refreshHealth();
}

function stopHealth() {
  if (healthTimer !== null) clearInterval(healthTimer);
  healthTimer = null;
}

function card(title, figure, section, ...lines) {
  return el("div", { class: "card" }, el("h3", {}, title), el("div", { class: "figure" }, figure),
    ...lines.map((line) => el("p", {}, line)), el("p", {}, `${section.source}, ${time(section.at)}`));
}

// The Service Bus topic cannot tell its oldest message's age: null means not measured, not zero.
function measured(value) {
  return value === null || value === undefined ? "not measured" : seconds(value);
}

// The report reads at most Health:MaxOwedRead owed pushes per channel; past that the count is a floor.
function owedCell(channel) {
  const cell = num(channel.pushesOwed);
  if (channel.pushesOwedCapped) {
    cell.textContent = `${channel.pushesOwed}+`;
    cell.title = "more are owed than the report reads";
  }
  return cell;
}

function reconciliation(run) {
  if (!run) return "–";
  const figures = `${run.discrepancies} discrepancies, ${run.reviewOpen} to review`;
  return run.status === "running" ? `running since ${time(run.at)}: ${figures} so far` : `${time(run.at)}: ${figures}`;
}

function counts(window) {
  return `${window.accepted} accepted, ${window.duplicate} duplicate, ${window.parked} parked`;
}

async function refreshHealth() {
  const status = byId("health-status");
  let health;
  let history;
  try {
    [health, history] = await Promise.all([api("GET", "/api/ops/health"), api("GET", "/api/ops/health/history")]);
  } catch (error) {
    if (error.status === 404) {
      stopHealth();
      byId("health-body").hidden = true;
      status.textContent = "Health is not available on this deployment: GET /api/ops/health answered 404.";
      return;
    }
    throw error;
  }
  status.textContent = `As of ${time(health.at)}, refreshed every ${HEALTH_REFRESH_MS / 1000} s.`;
  const owed = health.channels.reduce((sum, c) => sum + c.pushesOwed, 0);
  const owedAnyCapped = health.channels.some((c) => c.pushesOwedCapped);
  byId("health-cards").replaceChildren(
    card("Apply lag p50 / p99", `${seconds(health.apply.lagP50Seconds)} / ${seconds(health.apply.lagP99Seconds)}`, health.apply, `${health.apply.samples} samples`),
    card("Topic pending", String(health.topic.pending), health.topic, `oldest ${measured(health.topic.oldestPendingAgeSeconds)}, ${health.topic.deadLettered} dead-lettered`),
    card("Pushes owed", owedAnyCapped ? `${owed}+` : String(owed), health.channels[0] || { source: "no channel", at: health.at }, `over ${health.channels.length} channel(s)`),
    card("Parked", String(health.parked.count), health.parked),
    card("Dead letters", String(health.deadLetters.count), health.deadLetters),
    card("Webhooks, 5 min", String(health.webhooks.last5Minutes.accepted), health.webhooks, counts(health.webhooks.last5Minutes), `60 min: ${counts(health.webhooks.last60Minutes)}`));
  fillRows(byId("health-channels"), health.channels.map((c) => el("tr", { "data-channel": c.channel },
    el("th", { scope: "row" }, c.channel), owedCell(c), el("td", {}, seconds(c.oldestOwedAgeSeconds)),
    el("td", { class: c.circuit === "closed" ? "acked" : "owed" }, c.circuit),
    el("td", {}, c.lastAcknowledged ? `${c.lastAcknowledged.sku} v${c.lastAcknowledged.version} ${time(c.lastAcknowledged.at)}` : "–"),
    el("td", { class: "wrap" }, c.lastFailed ? `${c.lastFailed.sku} v${c.lastFailed.version} ${time(c.lastFailed.at)}${c.lastFailed.reason ? `: ${c.lastFailed.reason}` : ""}` : "–"),
    el("td", {}, reconciliation(c.lastReconciliation)),
    el("td", {}, `${c.source}, ${time(c.at)}`))), "No channel.");
  const samples = history.samples || [];
  byId("health-charts").replaceChildren(
    chart("Apply lag p99 (s)", samples, (s) => s.applyLagP99Seconds),
    chart("Pushes owed", samples, (s) => s.pushesOwed),
    chart("Webhooks per minute", samples, (s) => s.webhooksPerMinute));
  byId("health-body").hidden = false;
}

// A line over the samples, scaled to the largest value; the caption states the last value and the scale.
function chart(title, samples, value) {
  const ns = "http://www.w3.org/2000/svg";
  const width = 300;
  const height = 80;
  const values = samples.map(value).map((v) => (typeof v === "number" ? v : 0));
  const top = Math.max(...values, 0) || 1;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${title}: ${values.length} samples, last ${values.length ? values[values.length - 1] : "none"}, max ${top}`);
  const base = document.createElementNS(ns, "line");
  for (const [name, v] of Object.entries({ x1: 0, y1: height - 1, x2: width, y2: height - 1 })) base.setAttribute(name, v);
  svg.append(base);
  if (values.length > 0) {
    const step = values.length > 1 ? width / (values.length - 1) : 0;
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / top) * (height - 6)).toFixed(1)}`).join(" "));
    svg.append(line);
  }
  // Lag samples are fractions of a second with many digits; three significant ones are what a reader can use.
  const figure = (v) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));
  const last = values.length ? figure(values[values.length - 1]) : "–";
  return el("figure", {}, el("figcaption", {}, `${title}: now ${last}, max ${values.length ? figure(Math.max(...values)) : "–"}`), svg);
}

// ---- start ----

function start() {
  adoptKeyFromAddress();
  wireTabs();
  byId("stock-form").addEventListener("submit", findStock);
  // The page decides whether these are enabled (first page, last page), so guarded() is not given them to re-enable.
  byId("ledger-newest").addEventListener("click", () => guarded(() => { ledger.at = 0; return showLedgerPage(); }));
  byId("ledger-older").addEventListener("click", () => guarded(() => { ledger.at += 1; return showLedgerPage(); }));
  byId("drift-form").addEventListener("submit", (e) => { e.preventDefault(); guarded(loadDrift, e.submitter); });
  byId("drift-start").addEventListener("click", startRun);
  byId("drift-resolver").value = sessionStorage.getItem("serverless-inventory.resolver") || "";
  byId("drift-resolver").addEventListener("change", (e) => sessionStorage.setItem("serverless-inventory.resolver", e.target.value.trim()));
  byId("stuck-channel").addEventListener("change", renderStuck);
  byId("stuck-reason").addEventListener("input", renderStuck);
  byId("stuck-reload").addEventListener("click", (e) => guarded(loadStuck, e.currentTarget));
  byId("parked-more").addEventListener("click", (e) => loadMore("parked", e));
  byId("dead-more").addEventListener("click", (e) => loadMore("dead", e));
  byId("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, byId("key-input").value);
    byId("key-input").value = "";
    byId("key-form").hidden = true;
    showInfo("Key saved for this tab.");
    if (views[current]) guarded(views[current]);
  });
}

document.addEventListener("DOMContentLoaded", start);
