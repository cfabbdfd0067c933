// The agent desk page. Every text from the network (transcripts, chat, names, ids) is put in with textContent,
// never innerHTML, so nothing a kiosk or another agent sends can become markup or script.
"use strict";

const reasons = {
  button: "Pressed the help button",
  screen: "Tapped “Talk to a person”",
  low_confidence: "Assistant was not sure",
  repeated: "Asked the same thing again",
  explicit: "Asked for a person",
};
const languages = { en: "English", id: "Indonesian" };
const outcomeLabels = {
  answered: "Answered the question",
  staff_sent: "Sent store staff",
  payment_fixed: "Payment fixed",
  referred_to_desk: "Sent to the service desk",
  no_response: "Shopper did not respond",
  other: "Other",
};
const states = {
  open: "Waiting for an agent",
  assigned: "Claimed",
  connected: "In chat",
  resolved: "Resolved",
  cancelled: "Cancelled by the shopper",
  expired: "Expired: sent to store staff",
};

const desk = { me: null, view: null, clockOffset: 0, open: null, detail: null, events: null, connected: new Set(), ticker: null };
const $ = (id) => document.getElementById(id);
const keyOf = (r) => `${r.site}/${r.kiosk}/${r.requestId}`;
const path = (r) => `/api/requests/${encodeURIComponent(r.site)}/${encodeURIComponent(r.kiosk)}/${encodeURIComponent(r.requestId)}`;

function el(tag, className, text, testId) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  if (testId) node.dataset.testid = testId;
  return node;
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
    credentials: "same-origin",
  });
  let data = null;
  try { data = await response.json(); } catch { /* no body */ }
  return { ok: response.ok, status: response.status, data };
}

function problemText(result, fallback) {
  return result.data?.detail ?? result.data?.problem ?? result.data?.title ?? fallback;
}

function waited(request) {
  const now = Date.now() + desk.clockOffset;
  const seconds = Math.max(0, Math.floor((now - Date.parse(request.createdAt)) / 1000));
  const m = Math.floor(seconds / 60);
  return `${m}:${String(seconds % 60).padStart(2, "0")}`;
}

// ---- sign-in ----

async function start() {
  const status = await (await fetch("/account/status", { credentials: "same-origin" })).json();
  if (status.signedIn) {
    showDesk(status.agent);
  } else {
    showSignIn(status);
  }
}

function showSignIn(status) {
  stopEvents();
  desk.me = null;
  $("desk").hidden = true;
  $("signout").hidden = true;
  $("connection").hidden = true;
  $("me").textContent = "";
  $("signin").hidden = false;
  $("setup-form").hidden = !(status && status.setupAllowed);
  document.body.dataset.ready = "true";
}

$("signin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("signin-error").textContent = "";
  const result = await post("/account/signin", { id: $("signin-id").value.trim(), password: $("signin-password").value });
  $("signin-password").value = "";
  if (result.ok) showDesk(result.data);
  else $("signin-error").textContent = problemText(result, "Could not sign in.");
});

$("setup-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("setup-error").textContent = "";
  const result = await post("/account/setup", { id: $("setup-id").value.trim(), name: $("setup-name").value.trim(), password: $("setup-password").value });
  $("setup-password").value = "";
  if (result.ok) showDesk(result.data);
  else $("setup-error").textContent = problemText(result, "Could not create the account.");
});

$("signout").addEventListener("click", async () => {
  await post("/account/signout");
  showSignIn(null);
  start();
});

// ---- live view ----

async function showDesk(agent) {
  desk.me = agent;
  $("signin").hidden = true;
  $("desk").hidden = false;
  $("signout").hidden = false;
  $("me").textContent = agent.name;
  const outcomes = await (await fetch("/api/outcomes", { credentials: "same-origin" })).json();
  const select = $("outcome");
  select.replaceChildren(el("option", null, "Choose an outcome…"));
  select.firstChild.value = "";
  for (const code of outcomes) {
    const option = el("option", null, outcomeLabels[code] ?? code);
    option.value = code;
    select.appendChild(option);
  }
  startEvents();
  if (!desk.ticker) desk.ticker = setInterval(tick, 1000);
  document.body.dataset.ready = "true";
}

function startEvents() {
  stopEvents();
  const events = new EventSource("/api/events");
  desk.events = events;
  events.addEventListener("desk", (e) => {
    const view = JSON.parse(e.data);
    desk.clockOffset = Date.parse(view.now) - Date.now();
    desk.view = view;
    renderView();
  });
  events.addEventListener("error", async () => {
    if (events.readyState === EventSource.CLOSED) {
      // The stream was refused (signed out, or the session ran out): back to sign-in.
      const status = await (await fetch("/account/status", { credentials: "same-origin" })).json();
      if (!status.signedIn) showSignIn(status);
      else setTimeout(startEvents, 2000);
    }
    showConnection(false);
  });
}

function stopEvents() {
  if (desk.events) desk.events.close();
  desk.events = null;
}

function showConnection(ok) {
  const badge = $("connection");
  badge.hidden = false;
  badge.classList.toggle("ok", ok);
  const agents = desk.view?.agentsOnline ?? 0;
  badge.textContent = ok ? `Live · ${agents} ${agents === 1 ? "agent" : "agents"} online` : "Reconnecting…";
}

function renderView() {
  const view = desk.view;
  showConnection(view.brokerConnected);
  const waiting = view.requests.filter((r) => r.state === "open");
  const mine = view.requests.filter((r) => r.agent?.id === desk.me.id && (r.state === "assigned" || r.state === "connected"));
  $("queue").replaceChildren(...waiting.map((r) => queueItem(r, "queue-item")));
  $("mine").replaceChildren(...mine.map((r) => queueItem(r, "mine-item")));
  $("queue-empty").hidden = waiting.length > 0;
  $("mine-empty").hidden = mine.length > 0;
  $("queue-count").textContent = waiting.length ? `(${waiting.length})` : "";

  if (desk.open) {
    const current = view.requests.find((r) => keyOf(r) === desk.open);
    if (!current) {
      showGone();
    } else if (!desk.detail || current.revision !== desk.detail.request.revision || current.chatLines !== desk.detail.chat.length) {
      loadDetail(current);
    }
  }
}

function queueItem(r, testId) {
  const li = el("li");
  const button = el("button", r.urgent ? "urgent" : null, null, testId);
  button.type = "button";
  button.dataset.requestId = r.requestId;
  button.dataset.kiosk = r.kiosk;
  button.dataset.site = r.site;
  const where = el("span", "where", `${r.site} · ${r.kiosk}`, "queue-where");
  if (r.urgent) where.appendChild(el("span", "badge", "Urgent", "queue-urgent"));
  if (!r.kioskOnline) where.appendChild(el("span", "badge", "Kiosk offline"));
  button.append(
    where,
    el("span", "waited", waited(r), "queue-waited"),
    el("span", "reason", reasons[r.reason] ?? r.reason, "queue-reason"),
    el("span", "language", languages[r.language] ?? r.language, "queue-language"));
  button.addEventListener("click", () => openRequest(r));
  li.appendChild(button);
  return li;
}

function tick() {
  if (!desk.view) return;
  for (const node of document.querySelectorAll("[data-testid=queue-waited]")) {
    const button = node.closest("button");
    const r = desk.view.requests.find((x) => x.requestId === button.dataset.requestId && x.kiosk === button.dataset.kiosk && x.site === button.dataset.site);
    if (r) node.textContent = waited(r);
  }
}

// ---- one request ----

function openRequest(r) {
  desk.open = keyOf(r);
  desk.detail = null;
  $("queue-view").hidden = true;
  $("request-view").hidden = false;
  $("action-error").textContent = "";
  $("taken-by").hidden = true;
  $("transcript").replaceChildren();
  $("chat").replaceChildren();
  $("request-title").textContent = `${r.site} · ${r.kiosk}`;
  loadDetail(r);
}

$("back").addEventListener("click", () => {
  desk.open = null;
  desk.detail = null;
  $("request-view").hidden = true;
  $("queue-view").hidden = false;
});

async function loadDetail(r) {
  const key = keyOf(r);
  const response = await fetch(path(r), { credentials: "same-origin" });
  if (desk.open !== key) return;
  if (!response.ok) { showGone(); return; }
  desk.detail = await response.json();
  renderDetail();
}

function showGone() {
  $("request-state").textContent = "This request has finished.";
  $("claim").hidden = true;
  $("chat-view").hidden = true;
}

function renderDetail() {
  const { request: r, transcript, chat } = desk.detail;
  $("request-meta").textContent = `${languages[r.language] ?? r.language} · ${reasons[r.reason] ?? r.reason} · waiting since ${new Date(r.createdAt).toLocaleTimeString()}`;
  $("request-state").textContent = states[r.state] ?? r.state;

  const mine = r.agent?.id === desk.me.id;
  const active = r.state === "assigned" || r.state === "connected";
  const takenBy = r.agent && !mine ? r.agent.name : null;
  $("taken-by").hidden = !takenBy;
  $("taken-by").textContent = takenBy ? `Taken by ${takenBy}` : "";
  $("claim").hidden = r.state !== "open";
  $("chat-view").hidden = !(mine && active);

  $("transcript").replaceChildren(...transcript.map((line) => {
    const li = el("li", line.speaker, null, "transcript-line");
    li.appendChild(el("span", "who", line.speaker === "shopper" ? "Shopper" : "Assistant"));
    li.appendChild(el("span", null, line.text, "transcript-text"));
    if (line.speaker === "assistant" && line.intent) {
      const confidence = typeof line.confidence === "number" ? ` · confidence ${Math.round(line.confidence * 100)}%` : "";
      li.appendChild(el("span", "intent", `${line.intent === "oos" ? "not sure (oos)" : line.intent}${confidence}`, "transcript-intent"));
    }
    return li;
  }));
  if (transcript.length === 0) $("transcript").appendChild(el("li", null, "Nothing was said before the call."));

  const known = $("chat").children.length;
  $("chat").replaceChildren(...[...chat].sort((a, b) => a.sequence - b.sequence).map((m) => {
    const li = el("li", m.from, null, "chat-message");
    li.dataset.from = m.from;
    li.dataset.sequence = String(m.sequence);
    li.appendChild(el("span", "who", m.from === "agent" ? (m.agent?.name ?? "Agent") : "Shopper"));
    li.appendChild(el("span", null, m.text, "chat-text"));
    return li;
  }));
  if (chat.length > known && $("chat").lastChild) $("chat").lastChild.scrollIntoView({ block: "end" });

  if (r.state === "open") desk.connected.delete(desk.open); // released: a later claim connects again
  // Opening the chat of a request the kiosk assigned to me tells the shopper the agent is here.
  if (mine && r.state === "assigned" && !desk.connected.has(desk.open)) {
    desk.connected.add(desk.open);
    act("connect");
  }
}

async function act(action, body) {
  const r = desk.detail?.request;
  if (!r) return null;
  $("action-error").textContent = "";
  const result = await post(`${path(r)}/${action}`, body);
  if (result.status === 409 && result.data?.takenBy) {
    $("taken-by").textContent = `Taken by ${result.data.takenBy}`;
    $("taken-by").hidden = false;
    $("claim").hidden = true;
  } else if (!result.ok) {
    $("action-error").textContent = problemText(result, "That did not work. Try again.");
  }
  return result;
}

$("claim").addEventListener("click", async () => {
  $("claim").disabled = true;
  const result = await act("claim");
  $("claim").disabled = false;
  if (result?.ok) $("request-state").textContent = "Claim sent… waiting for the kiosk";
});

$("chat-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = $("chat-input").value.trim();
  if (!text) return;
  const result = await act("chat", { text });
  // The line appears when the kiosk's numbered copy comes back, like everyone else's.
  if (result?.ok) $("chat-input").value = "";
});

$("resolve").addEventListener("click", async () => {
  const outcome = $("outcome").value;
  if (!outcome) { $("action-error").textContent = "Choose an outcome first."; return; }
  await act("resolve", { outcome });
});

$("release").addEventListener("click", () => act("release"));

start();
