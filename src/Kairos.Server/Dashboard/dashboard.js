// Kairos dashboard: polls the service's JSON API once a second and redraws. No dependencies.
"use strict";
const $ = id => document.getElementById(id);
const history = [];
const fmt = (x, d = 2) => x === null || x === undefined ? "–" : Number(x).toFixed(d);
const esc = s => String(s ?? "").replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
const params = new URLSearchParams(location.search);
$("user").value = params.get("user") || "";
if (params.get("policy")) $("policy").value = params.get("policy");

async function json(url) {
  const r = await fetch(url, { cache: "no-store" });
  return r.ok ? r.json() : null;
}

function rows(table, items, cells) {
  table.querySelector("tbody").innerHTML = items.map(i => "<tr>" + cells(i).map(c => `<td${typeof c === "number" ? ' class="num"' : ""}>${esc(c)}</td>`).join("") + "</tr>").join("");
}

function sparkline(svg, values) {
  const w = 400, h = 80, max = Math.max(1, ...values);
  const pts = values.map((v, i) => `${(i / Math.max(1, values.length - 1)) * w},${h - 4 - (v / max) * (h - 14)}`).join(" ");
  svg.innerHTML = `<polyline fill="none" stroke="#2456c8" stroke-width="2" points="${pts}"/><text x="4" y="12" font-size="11" fill="#667">max ${fmt(max, 1)}/s</text>`;
}

async function refreshStats() {
  const s = await json("/v1/stats");
  if (!s) return;
  $("rate").textContent = fmt(s.requests.perSecond, 1);
  $("p50").textContent = fmt(s.requests.p50Ms, 3);
  $("p90").textContent = fmt(s.requests.p90Ms, 3);
  $("p99").textContent = fmt(s.requests.p99Ms, 3);
  $("users").textContent = s.usersInMemory;
  $("total").textContent = s.requests.total;
  history.push(s.requests.perSecond);
  if (history.length > 120) history.shift();
  sparkline($("rate-chart"), history);
  rows($("policies"), s.policies, p => [p.name, p.kind, p.version]);
  $("single").hidden = !!s.cluster;
  $("cluster").hidden = !s.cluster;
  if (s.cluster) rows($("cluster"), s.cluster, m => [m.address + (m.isSelf ? " (this)" : ""), m.status]);
  rows($("actions"), s.recentActions, a => [a.cursor, a.policy, a.user, a.time, a.mark, a.id]);
  $("no-actions").hidden = s.recentActions.length > 0;
  $("recent").innerHTML = s.recentUsers.map(u => `<a data-user="${esc(u)}">${esc(u)}</a>`).join("");
  if (!$("user").value && s.recentUsers.length) $("user").value = s.recentUsers[0];
}

$("recent").addEventListener("click", e => {
  if (e.target.dataset.user) { $("user").value = e.target.dataset.user; refreshTimeline(); }
});

function drawTimeline(t) {
  const svg = $("timeline"), W = 900, H = 220, L = 50, R = 20, top = 16, base = 150;
  const times = t.records.map(r => r.time);
  if (t.next.time !== null) times.push(t.next.time);
  (t.intensity || []).forEach(p => times.push(p.time));
  let t0 = Math.min(...times), t1 = Math.max(...times);
  if (!(t1 > t0)) t1 = t0 + 1;
  const x = v => L + (v - t0) / (t1 - t0) * (W - L - R);
  const lmax = Math.max(1e-12, ...(t.intensity || []).map(p => p.intensity));
  const y = v => base - v / lmax * (base - top);
  let g = `<line x1="${L}" y1="${base}" x2="${W - R}" y2="${base}" stroke="#99a"/>`;
  g += `<text x="${L}" y="${H - 4}" font-size="11" fill="#667">${fmt(t0, 3)}</text><text x="${W - R}" y="${H - 4}" font-size="11" fill="#667" text-anchor="end">${fmt(t1, 3)}</text>`;
  if (t.intensity) {
    g += `<polyline class="intensity" fill="none" stroke="#d2691e" stroke-width="2" points="${t.intensity.map(p => `${x(p.time)},${y(p.intensity)}`).join(" ")}"/>`;
    g += `<text class="intensity-max" x="4" y="${top + 4}" font-size="11" fill="#d2691e">λ ${fmt(lmax, 3)}</text>`;
  }
  const colour = { feedback: "#2e8b57", action: "#c0392b", opportunity: "#2456c8" };
  for (const r of t.records) {
    const acted = r.kind === "opportunity" && r.propensity !== null && r.mark > 0;
    const row = r.kind === "feedback" ? 170 : r.kind === "action" || acted ? 190 : 205;
    g += `<circle class="event ${r.kind}" cx="${x(r.time)}" cy="${row}" r="4" fill="${acted ? colour.action : colour[r.kind] || "#555"}"><title>${esc(r.kind)} #${r.seq} at ${r.time}</title></circle>`;
  }
  g += `<text x="4" y="174" font-size="11" fill="${colour.feedback}">feedback</text><text x="4" y="194" font-size="11" fill="${colour.action}">actions</text><text x="4" y="209" font-size="11" fill="${colour.opportunity}">opport.</text>`;
  if (t.next.time !== null)
    g += `<line id="next-action" x1="${x(t.next.time)}" y1="${top}" x2="${x(t.next.time)}" y2="${base + 50}" stroke="#c0392b" stroke-dasharray="4 3"/><text x="${x(t.next.time) + 4}" y="${top + 10}" font-size="11" fill="#c0392b">next action (mark ${t.next.mark})</text>`;
  svg.innerHTML = g;
}

async function refreshTimeline() {
  const user = $("user").value.trim(), policy = $("policy").value.trim() || "default";
  if (!user) return;
  const path = policy === "default" ? `/v1/users/${encodeURIComponent(user)}/timeline` : `/v1/policies/${encodeURIComponent(policy)}/users/${encodeURIComponent(user)}/timeline`;
  const t = await json(path);
  if (!t) { $("summary").textContent = `no events for user ${user} under policy ${policy}`; $("timeline").innerHTML = ""; rows($("records"), [], () => []); return; }
  $("summary").textContent = `user ${t.user}: ${t.events} events, last at ${fmt(t.lastTime, 3)}; next action ` +
    (t.next.time === null ? "none planned" : `at ${fmt(t.next.time, 3)} (mark ${t.next.mark})` +
    (t.lastTime !== null && t.next.time < t.lastTime ? ", overdue" : "")) + `; policy ${t.policy} version ${t.policyVersion}`;
  drawTimeline(t);
  rows($("records"), t.records.slice(-25).reverse(), r => [r.seq, r.time, r.kind, r.mark, r.value ?? "", r.propensity ?? "", r.id ?? ""]);
}

async function refreshReport() {
  const info = await json("/v1/reports/latest");
  const frame = $("report");
  if (!info) { $("report-info").textContent = "no evaluation report (start the server with --reports DIR)"; frame.hidden = true; return; }
  $("report-info").textContent = `${info.name}, written ${info.modified}`;
  if (frame.dataset.modified !== info.modified) { frame.src = info.url + "?t=" + encodeURIComponent(info.modified); frame.dataset.modified = info.modified; }
  frame.hidden = false;
}

async function tick() {
  try {
    await Promise.all([refreshStats(), refreshReport()]);
    await refreshTimeline();
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    $("updated").textContent = "update failed: " + e;
  }
}
tick();
setInterval(tick, Math.max(100, Number(params.get("interval")) || 1000));   // ?interval=MS (default one second)
