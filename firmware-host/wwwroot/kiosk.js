// The kiosk's touchscreen. Every text that reaches the page (answers, and later an agent's chat) is put in
// with textContent, never innerHTML, so nothing a network peer sends can become markup or script.
"use strict";

const phrases = {
  en: {
    welcome: "Hi! Ask me about paying, instalments, QR and e-wallets, receipts, returns, or an item that won't scan.",
    placeholder: "Type your question…",
    ask: "Ask",
    person: "Talk to a person",
    unsure: "I'm not sure I understood that, and I don't want to guess. Try other words, or talk to a person.",
    callingTitle: "Calling a person…",
    callingDetail: "Please stay at this kiosk. Someone will come to help you.",
    waited: (s) => `Waiting ${formatWait(s)}`,
    cancel: "Cancel",
    error: "Sorry, something went wrong. Please try again, or talk to a person.",
    languageName: "English",
  },
  id: {
    welcome: "Halo! Tanyakan soal pembayaran, cicilan, QRIS dan e-wallet, struk, retur, atau barang yang tidak bisa di-scan.",
    placeholder: "Ketik pertanyaan Anda…",
    ask: "Tanya",
    person: "Bicara dengan petugas",
    unsure: "Maaf, saya kurang yakin maksud Anda, dan saya tidak mau menebak. Coba kata lain, atau bicara dengan petugas.",
    callingTitle: "Memanggil petugas…",
    callingDetail: "Mohon tunggu di kiosk ini. Petugas akan datang membantu Anda.",
    waited: (s) => `Menunggu ${formatWait(s)}`,
    cancel: "Batal",
    error: "Maaf, terjadi kesalahan. Silakan coba lagi, atau bicara dengan petugas.",
    languageName: "Indonesia",
  },
};

const state = { setup: null, language: "en", idleTimer: null, waitTimer: null, helpSince: null };
const $ = (id) => document.getElementById(id);
const t = () => phrases[state.language] ?? phrases.en;

function formatWait(seconds) {
  const m = Math.floor(seconds / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return `${m}:${s}`;
}

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function bubble(kind, text, testId) {
  const div = document.createElement("div");
  div.className = `bubble ${kind}`;
  div.textContent = text;
  div.dataset.testid = testId;
  $("conversation").appendChild(div);
  div.scrollIntoView({ block: "end" });
  return div;
}

function showReply(reply) {
  if (reply.kind === "not_sure") {
    const div = bubble("assistant unsure", t().unsure, "message-unsure");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "inline-person";
    button.dataset.testid = "unsure-person";
    button.textContent = t().person;
    button.addEventListener("click", () => callPerson());
    div.appendChild(button);
  } else {
    bubble("assistant", reply.text, "message-assistant");
  }
  showConversationState(reply.conversation);
}

function showConversationState(conversation) {
  const calling = conversation.help === "calling";
  $("calling").hidden = !calling;
  state.helpSince = calling ? new Date(conversation.helpSince) : null;
  clearInterval(state.waitTimer);
  if (calling) {
    updateWaited();
    state.waitTimer = setInterval(updateWaited, 1000);
  }
}

function updateWaited() {
  if (!state.helpSince) return;
  const seconds = Math.max(0, Math.round((Date.now() - state.helpSince.getTime()) / 1000));
  $("calling-waited").textContent = t().waited(seconds);
}

function setLanguage(language, tellServer = true) {
  state.language = language;
  document.documentElement.lang = language;
  const p = t();
  $("welcome").textContent = p.welcome;
  $("question").placeholder = p.placeholder;
  $("ask-button").textContent = p.ask;
  $("person-button").textContent = p.person;
  $("calling-title").textContent = p.callingTitle;
  $("calling-detail").textContent = p.callingDetail;
  $("cancel-call").textContent = p.cancel;
  for (const button of $("languages").children) {
    button.setAttribute("aria-pressed", String(button.dataset.language === language));
  }
  for (const button of $("quick").children) {
    button.textContent = button.quickLabels[language] ?? button.quickLabels.en;
  }
  updateWaited();
  if (tellServer) api("/api/language", { language }).catch(() => {});
}

async function ask(text) {
  bubble("shopper", text, "message-shopper");
  try {
    showReply(await api("/api/ask", { text, language: state.language }));
  } catch {
    bubble("assistant", t().error, "message-error");
  }
}

async function askQuick(intent, label) {
  bubble("shopper", label, "message-shopper");
  try {
    showReply(await api("/api/quick", { intent, language: state.language }));
  } catch {
    bubble("assistant", t().error, "message-error");
  }
}

async function callPerson() {
  try {
    showConversationState(await api("/api/help", {}));
  } catch {
    bubble("assistant", t().error, "message-error");
  }
}

async function cancelCall() {
  showConversationState(await api("/api/help/cancel", {}));
}

function clearScreen() {
  for (const node of [...$("conversation").children]) {
    if (node.id !== "welcome") node.remove();
  }
  $("question").value = "";
  setLanguage(state.setup.defaultLanguage, false);
}

// After a quiet spell the next shopper must not see this one's questions. While a person is on the way, keep them.
function touched() {
  clearTimeout(state.idleTimer);
  state.idleTimer = setTimeout(async () => {
    if (state.helpSince) { touched(); return; }
    await api("/api/reset", {}).catch(() => {});
    clearScreen();
  }, state.setup.idleTimeoutSeconds * 1000);
}

function restore(conversation) {
  for (const entry of conversation.transcript) {
    if (entry.speaker === "shopper") bubble("shopper", entry.text, "message-shopper");
    else if (entry.intent === "oos") showReply({ kind: "not_sure", conversation });
    else bubble("assistant", entry.text, "message-assistant");
  }
  showConversationState(conversation);
}

async function start() {
  state.setup = await api("/api/screen");
  $("store-name").textContent = state.setup.storeName;
  for (const language of state.setup.languages) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.language = language;
    button.dataset.testid = `lang-${language}`;
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
  const conversation = await api("/api/conversation");
  setLanguage(conversation.language ?? state.setup.defaultLanguage, false);
  restore(conversation);

  $("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("question").value.trim();
    if (!text) return;
    $("question").value = "";
    ask(text);
  });
  $("person-button").addEventListener("click", () => callPerson());
  $("cancel-call").addEventListener("click", () => cancelCall());
  for (const kind of ["pointerdown", "keydown"]) document.addEventListener(kind, touched, { passive: true });
  touched();
  document.body.dataset.ready = "true";
}

start();
