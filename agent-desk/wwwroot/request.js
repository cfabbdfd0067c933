// One request: transcript, chat (with times, typing both ways, ready-made replies), how it ended, and the agent's
// actions. Network text only through textContent.
"use strict";

// ---- one request ----

const TYPING_SHOWN_MS = 6000;
const TYPING_SENT_EVERY_MS = 3000;
const typingSent = { at: 0 };

function openRequest(r) {
  desk.open = keyOf(r);
  desk.opener = { site: r.site, kiosk: r.kiosk, requestId: r.requestId };
  desk.detail = null;
  desk.ended = null;
  $("desk").classList.add("has-open");
  $("request-placeholder").hidden = true;
  $("request-body").hidden = false;
  $("action-error").textContent = "";
  $("taken-by").hidden = true;
  $("transcript").replaceChildren();
  $("chat").replaceChildren();
  $("chat-view").hidden = true;
  $("request-title").textContent = where(r);
  for (const b of document.querySelectorAll("#queue button, #mine button")) {
    if (b.dataset.requestId === r.requestId && b.dataset.kiosk === r.kiosk && b.dataset.site === r.site) b.setAttribute("aria-current", "true");
    else b.removeAttribute("aria-current");
  }
  // Focus follows what opened: the request's heading, so a screen reader reads where it is and Tab goes on from there.
  $("request-title").focus();
  loadDetail(r);
}

function closeRequest() {
  const opener = desk.opener;
  desk.open = null;
  desk.detail = null;
  desk.ended = null;
  $("desk").classList.remove("has-open");
  $("request-body").hidden = true;
  $("request-placeholder").hidden = false;
  for (const b of document.querySelectorAll("#queue button[aria-current], #mine button[aria-current]")) b.removeAttribute("aria-current");
  // Back to what opened it, or to the queue's heading when that request has left the queue.
  const back = opener && [...document.querySelectorAll("#queue button, #mine button")]
    .find((b) => b.dataset.requestId === opener.requestId && b.dataset.kiosk === opener.kiosk && b.dataset.site === opener.site);
  (back ?? $("queue-heading")).focus();
}

$("back").addEventListener("click", closeRequest);
document.addEventListener("keydown", (e) => {
  if (e.key !== "Escape" || !desk.open || $("replies-dialog").open) return;
  if (document.activeElement === $("chat-input") && $("chat-input").value) return; // Escape in a half-typed line is not "leave"
  e.preventDefault();
  closeRequest();
});

async function loadDetail(r) {
  const key = keyOf(r);
  const response = await fetch(path(r), { credentials: "same-origin" });
  if (desk.open !== key) return;
  if (!response.ok) { showGone(desk.view?.finished?.find((f) => keyOf(f) === key)); return; }
  desk.detail = await response.json();
  renderDetail();
}

/**
 * The request left the kiosk's retained state. The pane stays: it says how the request ended (from the desk's
 * list of finished requests) and keeps the chat for reading.
 */
function showGone(finished) {
  desk.ended = finished ?? desk.ended ?? { state: "gone" };
  if (desk.detail && finished) desk.detail.request = { ...desk.detail.request, ...finished };
  if (desk.detail) { renderDetail(); return; }
  $("request-state").textContent = finished ? (states[finished.state] ?? finished.state) : "This request has finished.";
  $("claim").hidden = true;
  $("chat-view").hidden = true;
}

function isActive(r) { return r.state === "assigned" || r.state === "connected"; }

function endedText(r) {
  if (r.state === "gone") return "This request has finished.";
  if (r.state === "resolved") return `Resolved${r.outcome ? ` · ${outcomeLabels[r.outcome] ?? r.outcome}` : ""}`;
  return states[r.state] ?? r.state;
}

function renderDetail() {
  const { request: r, transcript, chat } = desk.detail;
  const ended = desk.ended !== null || !(r.state === "open" || isActive(r));
  $("request-meta").textContent = `${languages[r.language] ?? r.language} · ${reasons[r.reason] ?? r.reason} · waiting since ${clockTime(r.createdAt)}`;
  $("request-state").textContent = ended ? endedText(desk.ended?.state === "gone" ? desk.ended : r) : states[r.state] ?? r.state;
  $("request-state").classList.toggle("ended", ended);

  const mine = r.agent?.id === desk.me.id;
  const takenBy = r.agent && !mine && !ended ? r.agent.name : null;
  $("taken-by").hidden = !takenBy;
  $("taken-by").textContent = takenBy ? `Taken by ${takenBy}` : "";
  $("claim").hidden = ended || r.state !== "open";
  // An ended chat stays for reading (a shopper who cancelled mid-sentence must not take the agent's context away).
  $("chat-view").hidden = !((mine && isActive(r) && !ended) || (ended && chat.length > 0));
  $("chat-controls").hidden = ended || !(mine && isActive(r));

  renderTransaction(desk.detail.transaction ?? null);
  $("transcript").replaceChildren(...transcript.map((line) => {
    const li = el("li", line.speaker, null, "transcript-line");
    li.appendChild(el("span", "who", line.speaker === "shopper" ? "Shopper" : "Assistant"));
    li.appendChild(el("span", null, line.text, "transcript-text"));
    if (line.speaker === "assistant" && line.intent) {
      const confidence = typeof line.confidence === "number" ? ` · confidence ${Math.round(line.confidence * 100)}%` : "";
      li.appendChild(el("span", "intent", `${line.intent === "oos" ? "not sure (oos)" : line.intent}${confidence}`, "transcript-intent"));
    }
    if (line.at) li.appendChild(timeEl(line.at));
    return li;
  }));
  if (transcript.length === 0) $("transcript").appendChild(el("li", null, "Nothing was said before the call."));

  // Lines already shown stay as they are and new ones are appended: the chat is a live log, and replacing it
  // would make a screen reader read the whole conversation again at every line.
  const list = $("chat");
  const sorted = [...chat].sort((a, b) => a.sequence - b.sequence);
  const shown = [...list.children].map((li) => li.dataset.sequence);
  const prefixKept = shown.every((seq, i) => sorted[i] && String(sorted[i].sequence) === seq);
  if (!prefixKept) list.replaceChildren();
  const from = prefixKept ? shown.length : 0;
  for (const m of sorted.slice(from)) list.appendChild(chatLine(m));
  if (sorted.length > from && list.lastChild) list.lastChild.scrollIntoView({ block: "nearest" });

  renderReplies(r.language, (text) => sendChat(text));
  renderSide();

  if (ended) return;
  if (r.state === "open") desk.connected.delete(desk.open); // released: a later claim connects again
  // Opening the chat of a request the kiosk assigned to me tells the shopper the agent is here.
  if (mine && r.state === "assigned" && !desk.connected.has(desk.open)) {
    desk.connected.add(desk.open);
    act("connect");
  }
}

function chatLine(m) {
  const li = el("li", m.from, null, "chat-message");
  li.dataset.from = m.from;
  li.dataset.sequence = String(m.sequence);
  li.appendChild(el("span", "who", m.from === "agent" ? (m.agent?.name ?? "Agent") : "Shopper"));
  li.appendChild(el("span", null, m.text, "chat-text"));
  const when = timeEl(m.at);
  when.dataset.testid = "chat-time";
  li.appendChild(when);
  return li;
}

/** Store staff and rating lines, and the typing hint: they change without a new revision of the request. */
function renderSide() {
  const r = desk.detail?.request;
  if (!r) return;
  const staff = $("staff-status");
  if (r.staffAck) {
    staff.textContent = `${r.staffAck.staff.name} from the store is walking over (since ${clockTime(r.staffAck.at)})`;
  } else if (r.staffAlertedAt) {
    staff.textContent = `Store staff alerted at ${clockTime(r.staffAlertedAt)}; no one has answered yet`;
  }
  staff.hidden = !(r.staffAck || r.staffAlertedAt);
  $("request-rating").hidden = !r.rating;
  $("request-rating").textContent = r.rating ? `Shopper's rating: ${ratingLabels[r.rating]}` : "";
  renderTyping();
}

function renderTyping() {
  const r = desk.detail?.request;
  const live = desk.view?.requests.find((x) => keyOf(x) === desk.open);
  const at = live?.shopperTypingAt ? Date.parse(live.shopperTypingAt) : 0;
  const now = Date.now() + desk.clockOffset;
  // Shown for 6 s after the kiosk's last hint, and not once the shopper's line has arrived.
  const lastShopperLine = Math.max(0, ...(desk.detail?.chat ?? []).filter((m) => m.from === "shopper").map((m) => Date.parse(m.at)));
  const typing = !!r && !desk.ended && at > 0 && now - at < TYPING_SHOWN_MS && lastShopperLine < at;
  $("typing").hidden = !typing;
}

async function act(action, body) {
  const r = desk.detail?.request;
  if (!r) return null;
  if (action !== "typing") $("action-error").textContent = "";
  const result = await post(`${path(r)}/${action}`, body);
  if (action === "typing") return result; // a hint: a refusal says nothing the agent needs
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

async function sendChat(text) {
  const result = await act("chat", { text });
  typingSent.at = 0; // the next keystroke may say "typing" again at once
  return result;
}

$("chat-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = $("chat-input").value.trim();
  if (!text) return;
  const result = await sendChat(text);
  // The line appears when the kiosk's numbered copy comes back, like everyone else's.
  if (result?.ok) $("chat-input").value = "";
});

// The shopper sees "Ana is typing…": at most one hint per 3 s, and never any of the text.
$("chat-input").addEventListener("input", () => {
  const r = desk.detail?.request;
  if (!r || desk.ended || !isActive(r) || r.agent?.id !== desk.me.id || !$("chat-input").value.trim()) return;
  const now = Date.now();
  if (now - typingSent.at < TYPING_SENT_EVERY_MS) return;
  typingSent.at = now;
  act("typing");
});

$("resolve").addEventListener("click", async () => {
  const outcome = $("outcome").value;
  if (!outcome) { $("action-error").textContent = "Choose an outcome first."; return; }
  await act("resolve", { outcome });
});

$("release").addEventListener("click", () => act("release"));

// What the checkout reported, above the transcript, so the agent knows what happened without asking:
// "Card declined twice (insufficient funds) · total Rp 245.000 · 3 items · lane kiosk-1".
const posReasons = { "51": "insufficient funds", "54": "expired card", "55": "wrong PIN", "75": "PIN tries exceeded", "91": "issuer unavailable" };
const posEvents = {
  "transaction.started": "transaction started", "transaction.completed": "transaction completed", "transaction.cancelled": "transaction cancelled",
  "item.scanned": "item scanned", "item.not_found": "barcode not in catalogue", "bagging.unexpected_item": "unexpected item in bagging area",
  "weight.mismatch": "weight mismatch", "age_check.required": "age check needed", "payment.declined": "card declined",
  "payment.timeout": "payment timed out", "coupon.rejected": "coupon rejected", "lane.locked": "lane locked",
};
const times = ["", "", "twice", "three times"];

function money(amount, currency) {
  return currency === "IDR" ? `Rp ${Number(amount).toLocaleString("id-ID")}` : `${currency} ${Number(amount).toLocaleString("en-US")}`;
}

function renderTransaction(tx) {
  $("transaction").hidden = !tx;
  if (!tx) return;
  const declined = tx.events.filter((e) => e.type === "payment.declined");
  const parts = [];
  if (declined.length > 0) {
    const codes = [...new Set(declined.map((e) => posReasons[e.reasonCode] ?? (e.reasonCode ? `code ${e.reasonCode}` : null)).filter(Boolean))];
    parts.push(`Card declined${declined.length > 1 ? ` ${times[declined.length] ?? `${declined.length} times`}` : ""}${codes.length ? ` (${codes.join(", ")})` : ""}`);
  } else if (tx.events.length > 0) {
    const last = tx.events[tx.events.length - 1];
    parts.push(posEvents[last.type] ?? last.type);
  }
  parts.push(`total ${money(tx.total, tx.currency)}`);
  parts.push(`${tx.itemCount} item${tx.itemCount === 1 ? "" : "s"}`);
  parts.push(`lane ${tx.lane}`);
  const summary = parts.join(" · ");
  $("transaction-summary").textContent = summary.charAt(0).toUpperCase() + summary.slice(1);
  $("transaction-events").replaceChildren(...tx.events.slice().reverse().map((e) => {
    const li = el("li", null, `${posEvents[e.type] ?? e.type}${e.reasonCode ? ` · code ${e.reasonCode}${posReasons[e.reasonCode] ? ` (${posReasons[e.reasonCode]})` : ""}` : ""}`, "transaction-event");
    li.appendChild(timeEl(e.at));
    return li;
  }));
}
