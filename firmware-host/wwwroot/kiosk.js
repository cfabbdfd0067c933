// The kiosk's touchscreen. Every text that reaches the page (answers, an agent's name and chat) is put in with
// textContent, never innerHTML, so nothing a network peer sends can become markup or script.
"use strict";

const phrases = {
  en: {
    welcome: "Hi! Ask me about paying, instalments, QR and e-wallets, receipts, returns, or an item that won't scan.",
    placeholder: "Type your question…",
    chatPlaceholder: "Write a message for the person helping you…",
    ask: "Ask",
    send: "Send",
    person: "Talk to a person",
    stillStuck: "Still stuck? Talk to a person",
    unsure: "I'm not sure I understood that, and I don't want to guess. Try other words, or talk to a person.",
    callingTitle: "Calling a person…",
    saved: "Your request is saved and will be sent as soon as the network is back. Please stay here.",
    sent: "Sent. The next available person will answer you here. Please stay at this kiosk.",
    coming: (name) => `${name} is coming to help you.`,
    comingDetail: "You can already write your question below.",
    chatting: (name) => `You are chatting with ${name}.`,
    waited: (s) => `Waiting ${formatWait(s)}.`,
    place: (n) => `You are number ${n} in the queue.`,
    estimate: (s) => `About ${Math.max(1, Math.round(s / 60))} min.`,
    notice: "Nobody has answered yet. Store staff have been alerted and will come to this kiosk. You can keep waiting, or cancel.",
    notSaved: "This kiosk's storage is full, so your request could not be saved. We are sending it over the network now. If nobody comes, please ask at the service desk.",
    cancel: "Cancel",
    ended: {
      resolved: (name) => `${name ?? "The person"} has finished helping you. I'm here if you need anything else.`,
      cancelled: () => "Call cancelled. I'm here if you need anything else.",
      expired: () => "Sorry, nobody could take your call. Please ask at the service desk.",
    },
    error: "Sorry, something went wrong. Please try again, or talk to a person.",
    languageName: "English",
  },
  id: {
    welcome: "Halo! Tanyakan soal pembayaran, cicilan, QRIS dan e-wallet, struk, retur, atau barang yang tidak bisa di-scan.",
    placeholder: "Ketik pertanyaan Anda…",
    chatPlaceholder: "Tulis pesan untuk petugas yang membantu Anda…",
    ask: "Tanya",
    send: "Kirim",
    person: "Bicara dengan petugas",
    stillStuck: "Masih bingung? Bicara dengan petugas",
    unsure: "Maaf, saya kurang yakin maksud Anda, dan saya tidak mau menebak. Coba kata lain, atau bicara dengan petugas.",
    callingTitle: "Memanggil petugas…",
    saved: "Permintaan Anda tersimpan dan akan dikirim begitu jaringan kembali. Mohon tunggu di sini.",
    sent: "Terkirim. Petugas berikutnya akan menjawab Anda di sini. Mohon tunggu di kiosk ini.",
    coming: (name) => `${name} akan membantu Anda.`,
    comingDetail: "Anda sudah bisa menulis pertanyaan di bawah.",
    chatting: (name) => `Anda sedang mengobrol dengan ${name}.`,
    waited: (s) => `Menunggu ${formatWait(s)}.`,
    place: (n) => `Anda nomor ${n} dalam antrean.`,
    estimate: (s) => `Sekitar ${Math.max(1, Math.round(s / 60))} menit.`,
    notice: "Belum ada yang menjawab. Petugas toko sudah diberi tahu dan akan datang ke kiosk ini. Anda bisa tetap menunggu, atau membatalkan.",
    notSaved: "Penyimpanan kiosk ini penuh, jadi permintaan Anda tidak bisa disimpan. Kami sedang mengirimnya lewat jaringan. Jika tidak ada yang datang, silakan ke meja layanan.",
    cancel: "Batal",
    ended: {
      resolved: (name) => `${name ?? "Petugas"} sudah selesai membantu Anda. Saya siap membantu jika ada hal lain.`,
      cancelled: () => "Panggilan dibatalkan. Saya siap membantu jika ada hal lain.",
      expired: () => "Maaf, belum ada petugas yang bisa menjawab. Silakan ke meja layanan.",
    },
    error: "Maaf, terjadi kesalahan. Silakan coba lagi, atau bicara dengan petugas.",
    languageName: "Indonesia",
  },
};

const state = { setup: null, language: "en", idleTimer: null, waitTimer: null, help: null, shownChat: new Set(), shownEnded: null };
const $ = (id) => document.getElementById(id);
const t = () => phrases[state.language] ?? phrases.en;

function formatWait(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
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

function bubble(kind, text, testId, who) {
  const div = document.createElement("div");
  div.className = `bubble ${kind}`;
  div.dataset.testid = testId;
  // Arabic or Hebrew runs right to left; the direction comes from the message, not from the agent's name.
  div.dir = "auto";
  if (who) {
    const name = document.createElement("span");
    name.className = "who";
    name.dir = "auto";
    name.textContent = who;
    div.appendChild(name);
  }
  div.appendChild(document.createTextNode(text));
  $("conversation").appendChild(div);
  div.scrollIntoView({ block: "end" });
  return div;
}

function personButton(parent, label, reason) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "inline-person";
  button.dataset.testid = reason === "low_confidence" ? "unsure-person" : "offer-person";
  button.textContent = label;
  button.addEventListener("click", () => callPerson(reason));
  parent.appendChild(button);
}

function showReply(reply) {
  if (reply.kind === "not_sure") {
    personButton(bubble("assistant unsure", t().unsure, "message-unsure"), t().person, "low_confidence");
    return;
  }
  const div = bubble("assistant", reply.text, "message-assistant");
  if (reply.offerPerson) personButton(div, t().stillStuck, reply.offerPerson);
}

// The help call, as the server says it is: banner, light of hope (waited, place, estimate), chat lines, and the end.
function showState(screen) {
  const help = screen.help;
  state.help = help;
  const banner = $("calling");
  banner.hidden = !help;
  clearInterval(state.waitTimer);
  if (help) {
    const p = t();
    const agent = help.agentName;
    banner.classList.toggle("connected", help.state === "assigned" || help.state === "connected");
    // The disk refused the call: say so plainly, whatever the state; it clears when the kiosk could save it after all.
    $("calling-error").hidden = help.saved !== false;
    $("calling-error").textContent = help.saved === false ? p.notSaved : "";
    if (help.state === "open") {
      $("calling-title").textContent = p.callingTitle;
      $("calling-detail").textContent = help.delivered ? p.sent : help.saved === false ? "" : p.saved;
      const queue = [];
      if (help.queuePosition) queue.push(p.place(help.queuePosition));
      if (help.estimateSeconds != null) queue.push(p.estimate(help.estimateSeconds));
      $("queue-info").textContent = queue.join(" ");
      $("calling-notice").hidden = !help.notice;
      $("calling-notice").textContent = help.notice ? p.notice : "";
      updateWaited();
      state.waitTimer = setInterval(updateWaited, 1000);
    } else {
      $("calling-title").textContent = help.state === "connected" ? p.chatting(agent) : p.coming(agent);
      $("calling-detail").textContent = help.state === "connected" ? "" : p.comingDetail;
      $("calling-waited").textContent = "";
      $("queue-info").textContent = "";
      $("calling-notice").hidden = true;
    }
    for (const line of help.chat) {
      if (state.shownChat.has(line.id)) continue;
      state.shownChat.add(line.id);
      if (line.from === "agent") bubble("agent", line.text, "message-agent", line.agent?.name);
      else bubble("shopper", line.text, "message-shopper");
    }
  }
  const ended = screen.lastEnded;
  if (ended && state.shownEnded !== ended.requestId && !help) {
    state.shownEnded = ended.requestId;
    const say = t().ended[ended.state];
    if (say) bubble("ended", say(ended.agentName), "message-ended");
  }
  setInputMode();
}

function updateWaited() {
  if (!state.help) return;
  const seconds = Math.max(0, Math.round((Date.now() - new Date(state.help.since).getTime()) / 1000));
  $("calling-waited").textContent = t().waited(seconds);
}

function setInputMode() {
  const chatting = !!state.help;
  $("question").placeholder = chatting ? t().chatPlaceholder : t().placeholder;
  $("ask-button").textContent = chatting ? t().send : t().ask;
  $("quick").hidden = chatting;
}

function setLanguage(language, tellServer = true) {
  state.language = language;
  document.documentElement.lang = language;
  const p = t();
  $("welcome").textContent = p.welcome;
  $("person-button").textContent = p.person;
  $("cancel-call").textContent = p.cancel;
  for (const button of $("languages").children) {
    button.setAttribute("aria-pressed", String(button.dataset.language === language));
  }
  for (const button of $("quick").children) {
    button.textContent = button.quickLabels[language] ?? button.quickLabels.en;
  }
  setInputMode();
  if (state.help) showState({ help: state.help, lastEnded: null });
  if (tellServer) api("/api/language", { language }).catch(() => {});
}

async function ask(text) {
  if (state.help) {
    // A person is being called: what the shopper types goes to them. The line appears when the server has saved it.
    try {
      showState(await api("/api/help/chat", { text }));
    } catch {
      bubble("assistant", t().error, "message-error");
    }
    return;
  }
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

async function callPerson(reason) {
  try {
    showState(await api("/api/help", { reason }));
  } catch {
    bubble("assistant", t().error, "message-error");
  }
}

async function cancelCall() {
  showState(await api("/api/help/cancel", {}));
}

function clearScreen() {
  for (const node of [...$("conversation").children]) {
    if (node.id !== "welcome") node.remove();
  }
  $("question").value = "";
  state.shownChat.clear();
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
  showState(screen);
}

function listen() {
  // Server-sent events: a claim, a chat line or delivery shows up without polling. EventSource reconnects by itself.
  const events = new EventSource("/api/events");
  events.addEventListener("state", (event) => showState(JSON.parse(event.data)));
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
  $("person-button").addEventListener("click", () => callPerson("screen"));
  $("cancel-call").addEventListener("click", () => cancelCall());
  for (const kind of ["pointerdown", "keydown"]) document.addEventListener(kind, touched, { passive: true });
  touched();
  document.body.dataset.ready = "true";
}

start();
