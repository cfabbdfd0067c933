// The kiosk's touchscreen. Every text that reaches the page (answers, an agent's name and chat) is put in with
// textContent, never innerHTML, so nothing a network peer sends can become markup or script.
"use strict";

const textSizeKey = "kiosk.textSize";
const typingEverySeconds = 3;

const state = {
  setup: null,
  language: "en",
  online: true,
  idleTimer: null,
  tickTimer: null,
  help: null,
  shownChat: new Set(),
  shownNotes: new Set(),
  shownEnded: null,
  endedNode: null,
  withAgent: null, // { requestId, name } while an agent has the call: a later "open" for the same call is a release
  released: null,
  estimateSeen: { key: null, at: 0 },
  overdue: null, // the call whose estimate ran out and was extended
  typingSentAt: 0,
  version: 0, // the newest screen state shown (the server numbers them)
  notice: null, // the checkout's message on screen (POS event), until dismissed or the transaction ends
};
const $ = (id) => document.getElementById(id);
const t = () => phrases[state.language] ?? phrases.en;

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
}

// The newest line is always in view: the conversation scrolls inside itself, the page never does.
function scrollToNewest() {
  const log = $("conversation");
  log.scrollTop = log.scrollHeight;
}

// A line in the conversation. Text given as a function of the phrases is the kiosk's own and follows a language switch.
function bubble(kind, text, testId, options = {}) {
  const div = document.createElement("div");
  div.className = `bubble ${kind}`;
  div.dataset.testid = testId;
  // Arabic or Hebrew runs right to left; the direction comes from the message, not from the agent's name.
  div.dir = "auto";
  let body = div;
  if (options.initials) {
    div.appendChild(avatar(options.initials, "agent-avatar"));
    body = document.createElement("div");
    body.className = "bubble-body";
    div.appendChild(body);
  }
  if (options.who) {
    const name = document.createElement("span");
    name.className = "who";
    name.dir = "auto";
    name.textContent = options.who;
    body.appendChild(name);
  }
  const words = document.createElement("span");
  words.className = "words";
  body.appendChild(words);
  if (typeof text === "function") {
    div.render = () => { words.textContent = text(t()); };
    div.render();
  } else {
    words.textContent = text;
  }
  $("conversation").appendChild(div);
  scrollToNewest();
  return div;
}

function personButton(parent, label, reason) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "inline-person";
  button.dataset.testid = reason === "low_confidence" ? "unsure-person" : "offer-person";
  button.labelOf = label;
  button.textContent = label(t());
  button.addEventListener("click", () => callPerson(reason));
  parent.appendChild(button);
  const render = parent.render;
  parent.render = () => { render?.(); button.textContent = label(t()); };
  scrollToNewest();
}

function showReply(reply) {
  if (reply.kind === "not_sure") {
    personButton(bubble("assistant unsure", (p) => p.unsure, "message-unsure"), (p) => p.person, "low_confidence");
    return;
  }
  const div = bubble("assistant", reply.text, "message-assistant");
  if (reply.offerPerson) personButton(div, (p) => p.stillStuck, reply.offerPerson);
}

// A note in the conversation, once per call and event (joined, released, staff walking over, the notice).
function note(key, text, testId) {
  if (state.shownNotes.has(key)) return;
  state.shownNotes.add(key);
  bubble("assistant note", text, testId);
}

function trackCall(help) {
  const name = help.agent?.name ?? help.agentName;
  if ((help.state === "assigned" || help.state === "connected") && name) {
    state.withAgent = { requestId: help.requestId, name };
    state.released = null;
    note(`joined:${help.requestId}:${name}`, (p) => p.joined(name), "message-joined");
  } else if (help.state === "open") {
    // The server says so (help.released); a kiosk without that field still saw the agent go.
    const fromServer = help.released ? { agentName: help.released.agentName, at: help.released.at } : null;
    const seen = state.withAgent?.requestId === help.requestId ? { agentName: state.withAgent.name, at: "seen" } : null;
    const released = fromServer ?? seen ?? (state.released?.requestId === help.requestId ? state.released : null);
    state.released = released ? { ...released, requestId: help.requestId } : null;
    state.withAgent = null;
    if (state.released) {
      const who = state.released.agentName;
      note(`released:${help.requestId}:${who}:${state.released.at}`, (p) => p.released(who), "message-released");
    }
  }
  if (help.staff?.name) {
    const staffName = help.staff.name;
    note(`staff:${help.requestId}:${staffName}`, (p) => p.staff(staffName), "message-staff");
  }
  // The bar may clamp its words on a small screen: what matters is also said once in the conversation.
  if (help.state === "open" && help.delivered && help.agentsOnline === 0 && help.staffCalled !== false && !help.staff) {
    note(`no-agents:${help.requestId}`, (p) => p.noAgents, "message-no-agents");
  }
  if (help.notice && help.state === "open" && !help.staff) {
    note(`notice:${help.requestId}`, (p) => p.notice, "message-notice");
  }
  const key = `${help.requestId}:${help.estimateSeconds}:${help.estimateAt}`;
  if (state.estimateSeen.key !== key) {
    // A new estimate for the same call while the last one had (nearly) run out: the wait is longer than expected.
    const last = state.estimateSeen;
    if (help.state === "open" && last.requestId === help.requestId && last.seconds != null && help.estimateSeconds != null) {
      const lastAt = last.estimateAt ? new Date(last.estimateAt).getTime() : last.at;
      if (last.seconds - (Date.now() - lastAt) / 1000 < 20) state.overdue = help.requestId;
    }
    state.estimateSeen = { key, at: Date.now(), requestId: help.requestId, seconds: help.estimateSeconds, estimateAt: help.estimateAt };
  }
  if (help.state !== "open") state.overdue = null;
}

function renderCall() {
  const help = state.help;
  if (!help) return;
  const p = t();
  const words = describeCall(help, { online: state.online, released: state.released, estimateSeenAt: state.estimateSeen.at, overdue: state.overdue }, p, Date.now());
  $("calling").classList.toggle("connected", words.connected);
  setText("calling-title", words.title);
  setText("calling-detail", words.detail);
  setText("calling-notice", words.notice);
  $("calling-notice").hidden = !words.notice;
  setText("calling-waited", words.waited);
  setText("queue-info", words.queue);
  $("calling-meta").hidden = !words.waited && !words.queue && !words.notice;
  $("calling-avatar").hidden = !words.initials;
  $("calling-pulse").hidden = !!words.initials;
  setText("calling-avatar", words.initials ?? "");
  // The disk refused the call: say so plainly, whatever the state; it clears when the kiosk could save it after all.
  $("calling-error").hidden = help.saved !== false;
  setText("calling-error", help.saved === false ? p.notSaved : "");
  const typing = help.agentTyping && words.connected ? p.typing(help.agent?.name ?? help.agentName) : "";
  setText("typing", typing);
  $("typing").classList.toggle("on", !!typing);
}

// Only touch the text when it changes, so a polite live region is not re-announced every second.
function setText(id, text) {
  const node = $(id);
  if (node.textContent !== text) node.textContent = text;
}

// The help call, as the server says it is: the call bar, its chat lines, and how the last one ended.
function showState(screen) {
  // An answer to a tap can arrive after the event stream has shown something newer: never step back to it.
  if (typeof screen.version === "number") {
    if (screen.version < state.version) return;
    state.version = screen.version;
  }
  const help = screen.help ?? null;
  const wasActive = !!state.help;
  state.help = help;
  if (screen.online !== undefined) state.online = screen.online;
  $("calling").hidden = !help;
  $("typing").hidden = !help;
  clearInterval(state.tickTimer);
  if (help) {
    trackCall(help);
    for (const line of help.chat ?? []) {
      if (state.shownChat.has(line.id)) continue;
      state.shownChat.add(line.id);
      if (line.from === "agent") {
        const name = line.agent?.name ?? help.agentName ?? "";
        bubble("agent", line.text, "message-agent", { who: name, initials: initialsOf(name) });
      } else {
        bubble("shopper", line.text, "message-shopper");
      }
    }
    renderCall();
    state.tickTimer = setInterval(renderCall, 1000);
  } else {
    setText("typing", "");
    state.withAgent = null;
    state.released = null;
  }
  showEnded(screen.lastEnded, help);
  if (screen.conversation) showNotice(screen.conversation.checkout?.notice ?? null);
  setInputMode();
  if (wasActive && !help && document.activeElement === document.body) $("question").focus();
}

// The checkout's message, in the shopper's current language. A call in progress always wins the place: the message
// waits hidden until the call ends (or goes, when the transaction does).
function showNotice(notice) {
  if (notice && notice.id !== state.notice?.id) touched();
  state.notice = notice;
  renderNotice();
}

function renderNotice() {
  const notice = state.notice;
  const box = $("pos-notice");
  box.hidden = !notice || !!state.help;
  box.dataset.notice = notice?.id ?? ""; // which event's message this is (tests and the benchmark wait on it)
  if (!notice) return;
  const p = t();
  box.setAttribute("aria-label", p.posRegion);
  setText("pos-message", notice.message[state.language] ?? notice.message.en ?? "");
  $("pos-person").hidden = notice.action !== "offer_person";
  setText("pos-person", p.person);
  setText("pos-dismiss", p.posDismiss);
}

async function dismissNotice() {
  const id = state.notice?.id;
  if (!id) return;
  state.notice = null;
  renderNotice();
  $("question").focus();
  await api("/api/pos/dismiss", { id }).then(showState).catch(() => {});
}

function showEnded(ended, help) {
  if (!ended || help || state.shownEnded === ended.requestId) {
    if (ended && state.endedNode && state.shownEnded === ended.requestId) updateRating(ended);
    return;
  }
  state.shownEnded = ended.requestId;
  const say = phrases.en.ended[ended.state] ? ended.state : null;
  if (!say) return;
  const node = bubble("ended", (p) => p.ended[say](ended.agentName), "message-ended");
  state.endedNode = node;
  if (ended.state === "resolved" && ended.ratable !== false && ended.rating == null) addRating(node, ended);
}

// One tap, optional: three faces after a resolved call. The score goes to the desk and the fleet through the kiosk.
function addRating(node, ended) {
  const box = document.createElement("div");
  box.className = "rating";
  box.dataset.testid = "rating";
  const question = document.createElement("p");
  question.className = "rating-question";
  question.id = `rate-${ended.requestId}`;
  box.appendChild(question);
  const row = document.createElement("div");
  row.className = "rating-faces";
  row.setAttribute("role", "group");
  row.setAttribute("aria-labelledby", question.id);
  const labels = [];
  for (const score of [1, 2, 3]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `rate rate-${score}`;
    button.dataset.testid = `rate-${score}`;
    button.appendChild(face(score));
    const label = document.createElement("span");
    labels.push(label);
    button.appendChild(label);
    button.addEventListener("click", () => rate(ended.requestId, score, box));
    row.appendChild(button);
  }
  box.appendChild(row);
  node.appendChild(box);
  const render = node.render;
  node.render = () => {
    render();
    question.textContent = t().rateQuestion;
    labels.forEach((label, i) => { label.textContent = t().rates[i]; });
    const thanks = box.querySelector(".rated");
    if (thanks) thanks.textContent = t().rated;
  };
  node.render();
  scrollToNewest();
}

async function rate(requestId, score, box) {
  for (const button of box.querySelectorAll("button")) button.disabled = true;
  try {
    const screen = await api("/api/help/rating", { requestId, score });
    if (screen) showState(screen);
  } catch {
    // Not recorded: say nothing untrue, just put the faces away.
    box.remove();
    $("question").focus();
    return;
  }
  box.replaceChildren();
  const thanks = document.createElement("p");
  thanks.className = "rated";
  thanks.dataset.testid = "rated";
  thanks.tabIndex = -1;
  thanks.textContent = t().rated;
  box.appendChild(thanks);
  thanks.focus();
  scrollToNewest();
}

// Rated elsewhere (another page on this kiosk) or no longer ratable: the faces go; a thank-you already shown stays.
function updateRating(ended) {
  if (ended.rating != null || ended.ratable === false) {
    const box = state.endedNode?.querySelector(".rating");
    if (box && box.querySelector(".rating-faces") && !box.querySelector("button:disabled")) box.remove();
  }
}

function setInputMode() {
  const p = t();
  const calling = !!state.help;
  $("question").placeholder = calling ? p.chatPlaceholder : p.placeholder;
  $("question-label").textContent = calling ? p.chatLabel : p.questionLabel;
  $("ask-button").textContent = calling ? p.send : p.ask;
  // During a call the call bar has its own controls; the quick questions and the person button give way.
  $("quick-wrap").hidden = calling;
  $("person-button").hidden = calling;
  document.body.classList.toggle("in-call", calling);
  updateQuickMore();
}

function setLanguage(language, tellServer = true) {
  state.language = language;
  document.documentElement.lang = language;
  const p = t();
  $("welcome").textContent = p.welcome;
  $("person-button").textContent = p.person;
  $("cancel-call").textContent = p.cancel;
  $("quick").setAttribute("aria-label", p.quickLabel);
  $("text-size").setAttribute("aria-label", p.textSize);
  $("conversation").setAttribute("aria-label", p.conversation);
  $("calling").setAttribute("aria-label", p.callRegion);
  // The name starts with what the button shows ("A+"), then says it in words.
  for (const button of $("text-size").children) button.setAttribute("aria-label", `${button.textContent.trim()} (${p.textSizes[Number(button.dataset.size)]})`);
  for (const button of $("languages").children) {
    button.setAttribute("aria-pressed", String(button.dataset.language === language));
  }
  for (const button of $("quick").children) {
    button.textContent = button.quickLabels[language] ?? button.quickLabels.en;
  }
  for (const node of $("conversation").children) node.render?.();
  setInputMode();
  renderCall();
  renderNotice();
  if (tellServer) api("/api/language", { language }).catch(() => {});
}

function setTextSize(size) {
  const value = [0, 1, 2].includes(size) ? size : 0;
  document.documentElement.dataset.textSize = String(value);
  for (const button of $("text-size").children) button.setAttribute("aria-pressed", String(Number(button.dataset.size) === value));
  if (value === 0) sessionStorage.removeItem(textSizeKey);
  else sessionStorage.setItem(textSizeKey, String(value));
  requestAnimationFrame(() => { scrollToNewest(); updateQuickMore(); });
}

async function ask(text) {
  if (state.help) {
    // A person is being called: what the shopper types goes to them. The line appears when the server has saved it.
    try {
      showState(await api("/api/help/chat", { text }));
    } catch {
      bubble("assistant", (p) => p.error, "message-error");
    }
    return;
  }
  bubble("shopper", text, "message-shopper");
  try {
    showReply(await api("/api/ask", { text, language: state.language }));
  } catch {
    bubble("assistant", (p) => p.error, "message-error");
  }
}

async function askQuick(intent, label) {
  bubble("shopper", label, "message-shopper");
  try {
    showReply(await api("/api/quick", { intent, language: state.language }));
  } catch {
    bubble("assistant", (p) => p.error, "message-error");
  }
}

async function callPerson(reason) {
  try {
    showState(await api("/api/help", { reason }));
    // The button that opened the call is gone: the shopper can write to the person at once.
    $("question").focus();
  } catch {
    bubble("assistant", (p) => p.error, "message-error");
  }
}

async function cancelCall() {
  try {
    showState(await api("/api/help/cancel", {}));
  } catch {
    bubble("assistant", (p) => p.error, "message-error");
  }
  $("question").focus();
}

// The shopper is writing to the person: say so (never what), at most once every few seconds.
function shopperTyping() {
  if (!state.help || !$("question").value) return;
  const now = Date.now();
  if (now - state.typingSentAt < typingEverySeconds * 1000) return;
  state.typingSentAt = now;
  api("/api/help/typing", {}).catch(() => {});
}

function clearScreen() {
  for (const node of [...$("conversation").children]) {
    if (node.id !== "welcome") node.remove();
  }
  $("question").value = "";
  state.shownChat.clear();
  state.shownNotes.clear();
  state.endedNode = null; // the last call's end stays shown-once (shownEnded): the next shopper must not see it
  setTextSize(0);
  setLanguage(state.setup.defaultLanguage, false);
}

// After a quiet spell the next shopper must not see this one's questions. While a person is on the way, keep them.
function touched() {
  clearTimeout(state.idleTimer);
  state.idleTimer = setTimeout(async () => {
    if (state.help) { touched(); return; }
    await api("/api/reset", {}).catch(() => {});
    clearScreen();
  }, state.setup.idleTimeoutSeconds * 1000);
}

function restore(screen) {
  for (const entry of screen.conversation.transcript) {
    if (entry.speaker === "shopper") bubble("shopper", entry.text, "message-shopper");
    else if (entry.intent === "oos") showReply({ kind: "not_sure" });
    else bubble("assistant", entry.text, "message-assistant");
  }
  // An end older than the idle timeout belongs to an earlier shopper.
  const ended = screen.lastEnded;
  if (ended?.at && Date.now() - new Date(ended.at).getTime() > state.setup.idleTimeoutSeconds * 1000) {
    state.shownEnded = ended.requestId;
  }
  showState(screen);
}

function listen() {
  // Server-sent events: a claim, a chat line or delivery shows up without polling. EventSource reconnects by itself.
  const events = new EventSource("/api/events");
  // The kiosk numbers states from 1 again after a restart: a (re)connected stream starts the count afresh.
  events.addEventListener("open", () => { state.version = 0; });
  events.addEventListener("state", (event) => showState(JSON.parse(event.data)));
}

// The quick questions scroll sideways when they do not fit: a fade and an arrow say there is more.
function updateQuickMore() {
  const row = $("quick");
  const more = row.scrollWidth - row.clientWidth - row.scrollLeft > 4;
  $("quick-wrap").classList.toggle("has-more", more);
}

async function start() {
  state.setup = await api("/api/screen");
  $("store-name").textContent = state.setup.storeName;
  for (const language of state.setup.languages) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.language = language;
    button.dataset.testid = `lang-${language}`;
    button.lang = language;
    button.textContent = (phrases[language] ?? { languageName: language }).languageName;
    button.addEventListener("click", () => setLanguage(language));
    $("languages").appendChild(button);
  }
  for (const quick of state.setup.quickQuestions) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.testid = `quick-${quick.intent}`;
    button.quickLabels = quick.label;
    button.addEventListener("click", () => askQuick(quick.intent, button.textContent));
    $("quick").appendChild(button);
  }
  for (const button of $("text-size").children) {
    button.addEventListener("click", () => setTextSize(Number(button.dataset.size)));
  }
  setTextSize(Number(sessionStorage.getItem(textSizeKey) ?? 0));
  const screen = await api("/api/state");
  setLanguage(screen.conversation.language ?? state.setup.defaultLanguage, false);
  restore(screen);
  listen();

  $("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("question").value.trim();
    if (!text) return;
    $("question").value = "";
    ask(text);
  });
  $("question").addEventListener("input", shopperTyping);
  $("person-button").addEventListener("click", () => callPerson("screen"));
  $("cancel-call").addEventListener("click", () => cancelCall());
  $("pos-person").addEventListener("click", () => callPerson("screen"));
  $("pos-dismiss").addEventListener("click", () => dismissNotice());
  $("quick").addEventListener("scroll", updateQuickMore, { passive: true });
  $("quick-more").addEventListener("click", () => $("quick").scrollBy({ left: $("quick").clientWidth * 0.7, behavior: "smooth" }));
  new ResizeObserver(() => { scrollToNewest(); updateQuickMore(); }).observe($("conversation"));
  document.addEventListener("keydown", (event) => {
    // Escape stops calling, as the "Stop calling" button does.
    if (event.key === "Escape" && state.help) cancelCall();
  });
  for (const kind of ["pointerdown", "keydown"]) document.addEventListener(kind, touched, { passive: true });
  touched();
  document.body.dataset.ready = "true";
}

start();
