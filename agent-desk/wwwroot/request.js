// One request: transcript, chat and the agent's actions. Network text only through textContent.
"use strict";

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

