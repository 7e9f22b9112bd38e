// switchemu trainer's console. Plain JavaScript, no library: the
// emulator keeps every screen on the server (internal/vt) and sends it
// as text over Server-Sent Events; the buttons call the control API.
"use strict";

const $ = (sel) => document.querySelector(sel);

const state = {
  devices: [],        // /console/overview
  labs: null,         // null: not loaded; []: the emulator has none
  labStatus: {},      // device -> [{lab, title, passed, total, done, checks}]
  selected: "",       // device name
  viewer: null,       // EventSource of the live view or replay
  tab: "config",
};

// --- HTTP ---------------------------------------------------------------

async function call(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  const text = await r.text();
  let data = text;
  if ((r.headers.get("Content-Type") || "").startsWith("application/json") && text) {
    data = JSON.parse(text);
  }
  if (!r.ok) {
    const err = new Error((data && data.error) || (r.status + " " + r.statusText));
    err.status = r.status;
    throw err;
  }
  return data;
}

const dev = (name) => "/api/v1/devices/" + encodeURIComponent(name);
const cdev = (name) => "/console/devices/" + encodeURIComponent(name);

// --- small DOM helpers -------------------------------------------------

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const kid of kids) {
    if (kid === null || kid === undefined) continue;
    e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return e;
}

function clock(t) {
  if (!t) return "";
  const d = new Date(t);
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function ago(t) {
  if (!t) return "";
  const s = Math.max(0, Math.round((Date.now() - new Date(t).getTime()) / 1000));
  if (s < 60) return s + "s";
  if (s < 3600) return Math.floor(s / 60) + "m";
  return Math.floor(s / 3600) + "h" + String(Math.floor((s % 3600) / 60)).padStart(2, "0");
}

function message(text, error) {
  const m = $("#detail-msg");
  m.textContent = text;
  m.classList.toggle("error", !!error);
}

function setStatus(text, cls) {
  const s = $("#status");
  s.textContent = text;
  s.className = "status " + (cls || "");
}

// --- the overview -----------------------------------------------------

async function loadOverview() {
  try {
    const data = await call("GET", "/console/overview");
    state.devices = data.devices;
    renderOverview();
    if (state.selected) renderSessions();
  } catch (e) {
    setStatus("overview: " + e.message, "bad");
  }
}

function labCell(name) {
  const labs = state.labStatus[name];
  if (!labs || labs.length === 0) return el("td", { class: "muted", text: state.labs && state.labs.length ? "—" : "" });
  const td = el("td");
  for (const l of labs) {
    const cls = l.passed === l.total && l.total > 0 ? "pass" : "fail";
    td.append(el("div", { title: l.title || l.lab }, l.lab + " ", el("span", { class: cls + " lab-score", text: l.passed + "/" + l.total })));
  }
  return td;
}

function renderOverview() {
  const tbody = $("#overview tbody");
  const filter = $("#filter").value.trim().toLowerCase();
  tbody.replaceChildren();
  let shown = 0;
  for (const d of state.devices) {
    const users = d.live.map((s) => s.user || "(no user)");
    if (filter && !d.name.toLowerCase().includes(filter) && !users.some((u) => u.toLowerCase().includes(filter))) continue;
    shown++;
    const last = d.live.filter((s) => s.last_command).sort((a, b) => (a.last_command_at < b.last_command_at ? 1 : -1))[0];
    const who = el("td");
    const since = el("td");
    for (const s of d.live) {
      who.append(el("div", {}, s.user || "(no user)", el("span", { class: "muted", text: " vty" + s.line + " " + s.protocol })));
      since.append(el("div", { title: s.since, text: clock(s.since) + " (" + ago(s.since) + ")" }));
    }
    if (d.live.length === 0) who.append(el("span", { class: "muted", text: "nobody" }));
    const tr = el("tr", { "data-device": d.name, onclick: () => select(d.name) },
      el("td", { class: "mono", text: d.name }),
      el("td", {}, el("span", { class: "badge " + d.state, text: d.state })),
      who, since,
      el("td", { class: "cmd", title: last ? last.last_command_at : "", text: last ? last.last_command : "" }),
      labCell(d.name));
    if (d.name === state.selected) tr.classList.add("selected");
    tbody.append(tr);
  }
  $("#fleet-count").textContent = "(" + shown + " of " + state.devices.length + ")";
}

// --- labs (another part of the emulator; absent: "no labs") ----------

async function loadLabs() {
  try {
    const data = await call("GET", "/api/v1/labs");
    state.labs = data.labs || [];
  } catch (e) {
    state.labs = [];
    $("#labs-note").textContent = e.status === 404 ? "No labs: this emulator has no lab checks loaded." : "Labs: " + e.message;
    return;
  }
  if (state.labs.length === 0) {
    $("#labs-note").textContent = "No labs loaded.";
    return;
  }
  $("#labs-note").textContent = "Labs: " + state.labs.map((l) => l.name + (l.title ? " (" + l.title + ")" : "")).join(", ");
  await Promise.all(state.labs.map((l) => loadLabStatus(l.name)));
}

async function loadLabStatus(lab) {
  try {
    const st = await call("GET", "/api/v1/labs/" + encodeURIComponent(lab) + "/status");
    for (const d of st.devices || []) {
      const list = (state.labStatus[d.device] || []).filter((x) => x.lab !== st.lab);
      list.push({ lab: st.lab, title: st.title, passed: d.passed, total: d.total, done: d.done, checks: d.checks || [] });
      state.labStatus[d.device] = list;
    }
  } catch (e) {
    $("#labs-note").textContent = "Lab " + lab + ": " + e.message;
  }
  renderOverview();
  if (state.selected) renderLab();
}

function labEvent(ev) {
  const list = state.labStatus[ev.device] || [];
  const cur = list.find((x) => x.lab === ev.lab);
  if (cur) {
    cur.passed = ev.passed;
    cur.total = ev.total;
  } else {
    list.push({ lab: ev.lab, passed: ev.passed, total: ev.total, checks: [] });
  }
  state.labStatus[ev.device] = list;
  renderOverview();
  later("lab:" + ev.lab, () => loadLabStatus(ev.lab), 300);
}

function renderLab() {
  const box = $("#lab-checks");
  box.replaceChildren();
  const labs = state.labStatus[state.selected] || [];
  if (labs.length === 0) {
    box.append(el("p", { class: "muted", text: state.labs && state.labs.length ? "This device is in no lab." : "No labs." }));
    return;
  }
  for (const l of labs) {
    box.append(el("h4", {}, (l.title || l.lab) + " ", el("span", { class: l.passed === l.total ? "pass" : "fail", text: l.passed + "/" + l.total })));
    const ul = el("ul", { class: "checks" });
    for (const c of l.checks || []) {
      ul.append(el("li", {}, el("span", { class: c.pass ? "pass" : "fail", text: c.pass ? "✔ " : "✘ " }), c.description || c.id,
        c.detail ? el("span", { class: "muted", text: " — " + c.detail }) : null));
    }
    box.append(ul);
  }
}

// --- a device ---------------------------------------------------------

function device(name) {
  return state.devices.find((d) => d.name === name);
}

function select(name) {
  if (state.selected !== name) closeViewer();
  state.selected = name;
  $("#detail").hidden = false;
  $("#detail-name").textContent = name;
  message("");
  renderOverview();
  renderSessions();
  renderLab();
  loadTab();
}

function renderSessions() {
  const d = device(state.selected);
  if (!d) return;
  const st = $("#detail-state");
  st.textContent = d.state;
  st.className = "badge " + d.state;
  $("#rec-toggle").checked = !!d.recording;
  const tbody = $("#sessions tbody");
  tbody.replaceChildren();
  if (d.live.length === 0) {
    tbody.append(el("tr", {}, el("td", { colSpan: 6, class: "muted", text: "Nobody is logged in." })));
  }
  for (const s of d.live) {
    tbody.append(el("tr", { "data-session": s.id },
      el("td", { text: "vty" + s.line }),
      el("td", { text: s.user || "(no user)" }),
      el("td", { text: s.remote + " " + s.protocol }),
      el("td", { text: clock(s.since) }),
      el("td", { class: "cmd", text: s.last_command || "" }),
      el("td", {},
        el("button", { class: "watch", text: "Watch", onclick: () => watch(s) }), " ",
        el("button", { class: "danger end", text: "End", onclick: () => endSession(s) }))));
  }
}

async function action(what, fn) {
  message(what + "…");
  try {
    const res = await fn();
    message(what + ": done.");
    loadOverview();
    loadTab();
    return res;
  } catch (e) {
    message(what + ": " + e.message, true);
  }
}

function reset() {
  const name = state.selected;
  if (!confirm("Reset " + name + " to its factory configuration? Its sessions end and its saved configuration is removed.")) return;
  closeViewer();
  action("Reset " + name, () => call("POST", dev(name) + "/reset"));
}

function reboot() {
  const name = state.selected;
  if (!confirm("Reboot " + name + "? Its sessions end; it comes back with its saved configuration.")) return;
  closeViewer();
  action("Reboot " + name, () => call("POST", dev(name) + "/reboot"));
}

function endSession(s) {
  if (!confirm("End " + (s.user || "the session") + "'s session on vty" + s.line + "?")) return;
  action("End vty" + s.line, () => call("DELETE", dev(state.selected) + "/sessions/" + s.line));
}

function setRecording() {
  const on = $("#rec-toggle").checked;
  action(on ? "Record new sessions" : "Stop recording new sessions", () => call("PUT", dev(state.selected) + "/recording", { enabled: on }));
}

// --- tabs -------------------------------------------------------------

function showTab(tab) {
  state.tab = tab;
  for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("on", b.dataset.tab === tab);
  for (const t of document.querySelectorAll(".tab")) t.hidden = t.id !== "tab-" + tab;
  loadTab();
}

function loadTab() {
  if (!state.selected) return;
  ({ config: loadConfig, log: loadLog, ports: loadPorts, recordings: loadRecordings, lab: renderLab })[state.tab]();
}

async function loadConfig() {
  const name = state.selected;
  const view = $("#config-view").value;
  const pre = $("#config");
  try {
    if (view === "running") {
      pre.replaceChildren(await call("GET", dev(name) + "/config"));
      return;
    }
    const d = await call("GET", cdev(name) + "/diff?against=" + view);
    if (name !== state.selected) return;
    pre.replaceChildren();
    if (d.same) {
      pre.append(el("span", { class: "gap", text: "The running configuration is the " + view + " configuration." }));
      return;
    }
    for (const l of d.lines) {
      const cls = { "+": "add", "-": "del", "~": "gap" }[l.op] || "";
      pre.append(el("span", { class: cls }, l.op === "~" ? "… " + l.text + " unchanged …" : l.op + " " + l.text), l.op === " " ? "\n" : "");
    }
  } catch (e) {
    pre.replaceChildren(el("span", { class: "gap", text: e.message }));
  }
}

async function loadLog() {
  const pre = $("#logbuffer");
  try {
    const d = await call("GET", dev(state.selected) + "/logbuffer");
    pre.textContent = d.entries.length ? d.entries.map((e) => e.message).join("\n") : "(the log buffer is empty)";
  } catch (e) {
    pre.textContent = e.message;
  }
}

async function loadPorts() {
  const tbody = $("#ports tbody");
  try {
    const d = await call("GET", cdev(state.selected) + "/ports");
    tbody.replaceChildren();
    for (const p of d.ports) {
      const link = p.up ? "up" : p.shutdown ? "down (shutdown)" : "down";
      tbody.append(el("tr", { "data-port": p.name },
        el("td", { class: "mono", text: p.name }),
        el("td", {}, el("span", { class: "badge " + (p.up ? "up" : "down"), text: link })),
        el("td", { text: (p.cable || "") + (p.pulled ? " (pulled)" : "") }),
        el("td", {}, p.pulled
          ? el("button", { text: "Plug in", onclick: () => action("Plug " + p.name, () => call("PUT", dev(state.selected) + "/interfaces/" + encodeURIComponent(p.name) + "/link", { up: true })) })
          : el("button", { class: "danger", text: "Pull cable", onclick: () => action("Pull " + p.name, () => call("PUT", dev(state.selected) + "/interfaces/" + encodeURIComponent(p.name) + "/link", { up: false })) }))));
    }
  } catch (e) {
    tbody.replaceChildren(el("tr", {}, el("td", { colSpan: 4, text: e.message })));
  }
}

async function loadRecordings() {
  const tbody = $("#recordings tbody");
  try {
    const d = await call("GET", dev(state.selected) + "/recordings");
    tbody.replaceChildren();
    if (d.recordings.length === 0) {
      tbody.append(el("tr", {}, el("td", { colSpan: 5, class: "muted", text: "No recordings. Tick “record new sessions” to record the next ones." })));
    }
    for (const r of d.recordings.slice().reverse()) {
      tbody.append(el("tr", { "data-recording": r.id },
        el("td", { text: new Date(r.started).toLocaleString() }),
        el("td", { text: "vty" + r.line }),
        el("td", { text: r.user }),
        el("td", { text: r.duration.toFixed(1) + "s" }),
        el("td", {}, el("button", { class: "replay", text: "Replay", onclick: () => replay(r) }))));
    }
  } catch (e) {
    tbody.replaceChildren(el("tr", {}, el("td", { colSpan: 5, text: e.message })));
  }
}

// --- the screen: live view and replay ---------------------------------

function closeViewer() {
  if (state.viewer) state.viewer.close();
  state.viewer = null;
  $("#viewer").hidden = true;
}

function openViewer(kind, url, title) {
  closeViewer();
  $("#viewer").hidden = false;
  $("#viewer-kind").textContent = kind;
  $("#viewer-title").textContent = title;
  const st = $("#viewer-state");
  st.textContent = "connecting";
  st.className = "badge";
  $("#screen").replaceChildren();
  const es = new EventSource(url);
  state.viewer = es;
  es.addEventListener("screen", (m) => {
    const f = JSON.parse(m.data);
    drawScreen(f);
    if (kind === "Replay") {
      st.textContent = f.time.toFixed(1) + " / " + f.duration.toFixed(1) + "s";
    } else {
      st.textContent = f.dropped ? "live (" + f.dropped + " bytes not shown)" : "live";
    }
    st.className = "badge live";
    if (f.title) $("#viewer-title").textContent = f.title;
  });
  es.addEventListener("end", (m) => {
    es.close();
    st.textContent = kind === "Replay" ? "replayed" : "session ended";
    st.className = "badge ended";
  });
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) return;
    es.close();
    if (st.className.indexOf("ended") < 0) {
      st.textContent = "disconnected";
      st.className = "badge ended";
    }
  };
}

function watch(s) {
  openViewer("Live", cdev(state.selected) + "/sessions/" + encodeURIComponent(s.id) + "/screen",
    (s.user || "(no user)") + " on vty" + s.line);
}

function replay(r) {
  const speed = $("#replay-speed").value;
  openViewer("Replay", cdev(state.selected) + "/recordings/" + encodeURIComponent(r.id) + "/replay?speed=" + speed, r.id);
}

// drawScreen shows a frame's rows with the cursor as a highlighted cell.
function drawScreen(f) {
  const pre = $("#screen");
  const kids = [];
  const col = Math.min(f.col, f.width - 1);
  for (let i = 0; i < f.rows.length; i++) {
    const row = f.rows[i];
    if (i === f.row) {
      const chars = Array.from(row);
      while (chars.length <= col) chars.push(" ");
      kids.push(chars.slice(0, col).join(""), el("span", { class: "cursor", text: chars[col] }), chars.slice(col + 1).join(""));
    } else {
      kids.push(row);
    }
    if (i < f.rows.length - 1) kids.push("\n");
  }
  pre.replaceChildren(...kids);
  pre.dataset.text = f.rows.join("\n");
}

// --- events -----------------------------------------------------------

const timers = {};
function later(key, fn, ms) {
  clearTimeout(timers[key]);
  timers[key] = setTimeout(fn, ms);
}

function listen() {
  const es = new EventSource("/api/v1/events");
  es.onopen = () => setStatus("live", "ok");
  es.onerror = () => setStatus("reconnecting…", "bad");
  const refresh = (m) => {
    const ev = JSON.parse(m.data);
    later("overview", loadOverview, 200);
    if (ev.device === state.selected) later("tab", loadTab, 300);
  };
  for (const type of ["login", "logout", "command", "config-changed", "save", "reboot", "boot", "link", "transfer"]) {
    es.addEventListener(type, refresh);
  }
  es.addEventListener("lab", (m) => labEvent(JSON.parse(m.data)));
}

// --- start ------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  $("#btn-reset").addEventListener("click", reset);
  $("#btn-reboot").addEventListener("click", reboot);
  $("#rec-toggle").addEventListener("change", setRecording);
  $("#viewer-close").addEventListener("click", closeViewer);
  $("#config-view").addEventListener("change", loadConfig);
  $("#config-refresh").addEventListener("click", loadConfig);
  $("#log-refresh").addEventListener("click", loadLog);
  $("#filter").addEventListener("input", renderOverview);
  for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  listen();
  loadOverview();
  loadLabs();
  setInterval(loadOverview, 5000);
});
