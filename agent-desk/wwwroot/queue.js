// The live view: the Server-Sent Events stream, the queue, "Yours" and the agent's day. Network text only through
// textContent. Signed-in store staff get their own view (staff.js) and admins a link to the accounts page (admin.js).
"use strict";

// ---- live view ----

const seen = { open: null, urgent: new Set() };

async function showDesk(agent) {
  desk.me = agent;
  $("signin").hidden = true;
  $("signout").hidden = false;
  $("me").textContent = agent.name;
  showAlertControls();
  if (agent.role === "staff") { showStaff(agent); return; }
  $("desk").hidden = false;
  $("admin-link").hidden = agent.role !== "admin";
  const outcomes = await (await fetch("/api/outcomes", { credentials: "same-origin" })).json();
  const select = $("outcome");
  select.replaceChildren(el("option", null, "Choose an outcome…"));
  select.firstChild.value = "";
  for (const code of outcomes) {
    const option = el("option", null, outcomeLabels[code] ?? code);
    option.value = code;
    select.appendChild(option);
  }
  seen.open = null;
  seen.urgent.clear();
  startEvents();
  if (!desk.ticker) desk.ticker = setInterval(tick, 1000);
  document.body.dataset.ready = "true";
}

function startEvents() {
  if (desk.events) desk.events.close();
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

// Also the way out of every signed-in view (account.js calls it on sign-out).
function stopEvents() {
  if (desk.events) desk.events.close();
  desk.events = null;
  stopStaffEvents();
  $("staff-view").hidden = true;
  $("admin-view").hidden = true;
  $("admin-link").hidden = true;
  $("mute").hidden = true;
  $("enable-alerts").hidden = true;
  $("alert-banner").hidden = true;
  setTitleCount(0);
}

function showConnection(ok) {
  const badge = $("connection");
  badge.hidden = false;
  badge.classList.toggle("ok", ok);
  const agents = desk.view?.agentsOnline ?? 0;
  badge.textContent = ok ? `Live · ${agents} ${agents === 1 ? "agent" : "agents"} online` : "Reconnecting…";
}

function where(r) { return `${r.site} · ${r.kiosk}`; }

/** New and newly urgent requests call the agent; the first view after loading only sets what is known. */
function noticeChanges(waiting) {
  const openKeys = new Set(waiting.map(keyOf));
  if (seen.open !== null) {
    const fresh = waiting.filter((r) => !seen.open.has(keyOf(r)));
    const urgentNow = waiting.filter((r) => r.urgent && !seen.urgent.has(keyOf(r)));
    if (urgentNow.length > 0) {
      const r = urgentNow[0];
      callAttention(`Urgent: ${where(r)} has waited ${waited(r)} · ${languages[r.language] ?? r.language}`, true, keyOf(r));
    } else if (fresh.length > 0) {
      const r = fresh[0];
      const more = fresh.length > 1 ? ` and ${fresh.length - 1} more` : "";
      callAttention(`New request: ${where(r)} · ${reasons[r.reason] ?? r.reason} · ${languages[r.language] ?? r.language}${more}`, false, keyOf(r));
    }
  }
  seen.open = openKeys;
  seen.urgent = new Set(waiting.filter((r) => r.urgent).map(keyOf));
}

function renderView() {
  const view = desk.view;
  showConnection(view.brokerConnected);
  const waiting = view.requests.filter((r) => r.state === "open");
  // Urgent first, then oldest first (the desk sends them oldest first).
  waiting.sort((a, b) => Number(b.urgent) - Number(a.urgent));
  const mine = view.requests.filter((r) => r.agent?.id === desk.me.id && (r.state === "assigned" || r.state === "connected"));
  noticeChanges(waiting);
  setTitleCount(waiting.length);
  if (waiting.length === 0) $("alert-banner").hidden = true; // nothing left to call the agent about
  $("queue").replaceChildren(...waiting.map((r) => queueItem(r, "queue-item")));
  $("mine").replaceChildren(...mine.map((r) => queueItem(r, "mine-item")));
  $("queue-empty").hidden = waiting.length > 0;
  $("mine-empty").hidden = mine.length > 0;
  $("queue-count").textContent = waiting.length ? `(${waiting.length})` : "";
  renderDay();

  if (desk.open) {
    const current = view.requests.find((r) => keyOf(r) === desk.open);
    if (!current) {
      showGone(view.finished.find((r) => keyOf(r) === desk.open));
    } else if (!desk.detail || current.revision !== desk.detail.request.revision || current.chatLines !== desk.detail.chat.length) {
      loadDetail(current);
    } else {
      desk.detail.request = { ...desk.detail.request, ...current };
      renderSide();
    }
  }
}

/** What this agent finished today, with the shoppers' ratings. */
function renderDay() {
  const today = new Date().toDateString();
  const done = (desk.view.finished ?? []).filter((r) => r.agent?.id === desk.me.id && r.state === "resolved" && new Date(r.finishedAt).toDateString() === today);
  const rated = done.filter((r) => r.rating);
  const counts = [3, 2, 1].map((s) => [s, rated.filter((r) => r.rating === s).length]).filter(([, n]) => n > 0);
  $("day").textContent = done.length === 0 ? "Nothing finished yet today."
    : `${done.length} helped today` + (counts.length ? ` · ratings: ${counts.map(([s, n]) => `${n} ${ratingLabels[s].toLowerCase()}`).join(", ")}` : " · no ratings yet");
  $("day-list").replaceChildren(...done.slice(0, 10).map((r) => {
    const li = el("li", null, null, "day-item");
    li.append(el("span", "where", `${where(r)} · ${outcomeLabels[r.outcome] ?? r.outcome ?? "Resolved"}`), " ",
      el("span", "meta", r.rating ? `Rated: ${ratingLabels[r.rating]}` : "Not rated", "day-rating"), timeEl(r.finishedAt));
    return li;
  }));
}

function queueItem(r, testId) {
  const li = el("li");
  const button = el("button", r.urgent ? "urgent" : null, null, testId);
  button.type = "button";
  button.dataset.requestId = r.requestId;
  button.dataset.kiosk = r.kiosk;
  button.dataset.site = r.site;
  if (keyOf(r) === desk.open) button.setAttribute("aria-current", "true");
  const place = el("span", "where", where(r), "queue-where");
  if (r.urgent) place.appendChild(el("span", "badge", "Urgent", "queue-urgent"));
  if (!r.kioskOnline) place.appendChild(el("span", "badge", "Kiosk offline"));
  button.append(
    place,
    el("span", "waited", waited(r), "queue-waited"),
    el("span", "reason", reasons[r.reason] ?? r.reason, "queue-reason"),
    el("span", "language", languages[r.language] ?? r.language, "queue-language"));
  button.addEventListener("click", () => openRequest(r));
  li.appendChild(button);
  return li;
}

function tick() {
  staffTick();
  if (!desk.view || $("desk").hidden) return;
  for (const node of document.querySelectorAll("[data-testid=queue-waited]")) {
    const button = node.closest("button");
    const r = desk.view.requests.find((x) => x.requestId === button.dataset.requestId && x.kiosk === button.dataset.kiosk && x.site === button.dataset.site);
    if (r) node.textContent = waited(r);
  }
  if (desk.detail) renderTyping();
}
