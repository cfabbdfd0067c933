// The live view: the Server-Sent Events stream, the queue and "Yours". Network text only through textContent.
"use strict";

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

