// The store-staff view (role staff): only their own site's alerts, phone first, and "I'm on my way".
// The site comes from the account on the server; the page never chooses it. Network text only through textContent.
"use strict";

const staffSeen = { ids: null };

function showStaff(member) {
  $("desk").hidden = true;
  $("staff-view").hidden = false;
  $("staff-site").textContent = member.site ? `Store ${member.site}` : "";
  staffSeen.ids = null;
  startStaffEvents();
  if (!desk.ticker) desk.ticker = setInterval(tick, 1000);
  $("staff-heading").focus();
  document.body.dataset.ready = "true";
}

function startStaffEvents() {
  stopStaffEvents();
  const events = new EventSource("/api/staff/events");
  desk.staffEvents = events;
  events.addEventListener("staff", (e) => {
    const view = JSON.parse(e.data);
    desk.clockOffset = Date.parse(view.now) - Date.now();
    desk.staffView = view;
    showStaffConnection(view.brokerConnected);
    renderStaff();
  });
  events.addEventListener("error", async () => {
    if (events.readyState === EventSource.CLOSED) {
      const status = await (await fetch("/account/status", { credentials: "same-origin" })).json();
      if (!status.signedIn) showSignIn(status);
      else setTimeout(startStaffEvents, 2000);
    }
    showStaffConnection(false);
  });
}

function stopStaffEvents() {
  if (desk.staffEvents) desk.staffEvents.close();
  desk.staffEvents = null;
}

function showStaffConnection(ok) {
  const badge = $("connection");
  badge.hidden = false;
  badge.classList.toggle("ok", ok);
  badge.textContent = ok ? "Live" : "Reconnecting…";
}

function alertKey(a) { return `${a.site}/${a.kiosk}/${a.requestId}`; }

function staffWaited(a) {
  const now = Date.now() + desk.clockOffset;
  const seconds = Math.max(0, a.waitedSeconds + Math.floor((now - Date.parse(a.at)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function renderStaff() {
  const view = desk.staffView;
  const alerts = view.alerts;
  const waiting = alerts.filter((a) => !a.ack && a.state !== null && a.state !== undefined);
  if (staffSeen.ids !== null) {
    const fresh = alerts.filter((a) => !staffSeen.ids.has(alertKey(a)) && !a.ack);
    if (fresh.length > 0) {
      const a = fresh[0];
      callAttention(`A shopper needs you at ${a.kiosk}: ${reasons[a.reason] ?? a.reason}`, true, alertKey(a));
    }
  }
  staffSeen.ids = new Set(alerts.map(alertKey));
  setTitleCount(waiting.length);
  if (waiting.length === 0) $("alert-banner").hidden = true; // everyone is answered
  $("staff-empty").hidden = alerts.length > 0;
  $("staff-alerts").replaceChildren(...alerts.map(staffCard));
}

function staffCard(a) {
  const li = el("li", a.ack ? "alert acked" : "alert", null, "staff-alert");
  li.dataset.kiosk = a.kiosk;
  li.dataset.requestId = a.requestId;
  li.appendChild(el("h2", null, `Kiosk ${a.kiosk}`, "staff-kiosk"));
  const language = a.language ? ` · speaks ${languages[a.language] ?? a.language}` : "";
  li.appendChild(el("p", "meta", `${reasons[a.reason] ?? a.reason}${language}`, "staff-reason"));
  li.appendChild(el("p", "meta", a.state ? `Waiting ${staffWaited(a)}` : "This call has ended.", "staff-waited"));
  if (a.shopperSaid.length > 0) {
    li.appendChild(el("p", "who", "The shopper wrote:"));
    for (const line of a.shopperSaid) li.appendChild(el("blockquote", "said", line, "staff-said"));
  }
  if (a.ack) {
    const mine = a.ack.staff.id === desk.me.id;
    li.appendChild(el("p", "going", `${mine ? "You are" : `${a.ack.staff.name} is`} on the way (since ${clockTime(a.ack.at)})`, "staff-acked"));
  } else if (a.state) {
    const button = el("button", "primary", "I'm on my way", "staff-ack");
    button.type = "button";
    button.setAttribute("aria-label", `I'm on my way to kiosk ${a.kiosk}`);
    button.addEventListener("click", () => acknowledge(a, button, li));
    li.appendChild(button);
  }
  const error = el("p", "error", "", "staff-error");
  error.setAttribute("role", "alert");
  li.appendChild(error);
  return li;
}

async function acknowledge(a, button, card) {
  button.disabled = true;
  const url = `/api/staff/alerts/${encodeURIComponent(a.site)}/${encodeURIComponent(a.kiosk)}/${encodeURIComponent(a.requestId)}/ack`;
  const result = await post(url);
  if (!result.ok) {
    button.disabled = false;
    card.querySelector("[data-testid=staff-error]").textContent = problemText(result, "That did not reach the kiosk. Try again.");
  }
  // On success the stream brings the new state: "You are on the way".
}

function staffTick() {
  if (!desk.staffView || $("staff-view").hidden) return;
  for (const node of document.querySelectorAll("[data-testid=staff-waited]")) {
    const card = node.closest("li");
    const a = desk.staffView.alerts.find((x) => x.kiosk === card.dataset.kiosk && x.requestId === card.dataset.requestId);
    if (a?.state) node.textContent = `Waiting ${staffWaited(a)}`;
  }
}
