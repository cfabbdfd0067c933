// Ready-made replies: defaults per language, edited by each agent and kept on this device (per agent id).
// One tap sends the reply in the shopper's language.
"use strict";

const defaultReplies = {
  en: [
    "Hello, I'm here to help. One moment please.",
    "Could you tell me what the screen shows?",
    "Please try tapping the card on the reader again.",
    "A member of staff is on the way to you.",
    "Thank you for waiting. Is there anything else?",
  ],
  id: [
    "Halo, saya siap membantu. Mohon tunggu sebentar.",
    "Boleh diberi tahu apa yang tampil di layar?",
    "Silakan tempelkan kartu ke mesin sekali lagi.",
    "Petugas toko sedang menuju ke tempat Anda.",
    "Terima kasih sudah menunggu. Ada lagi yang bisa dibantu?",
  ],
};

function repliesKey() { return `ka.desk.replies.${desk.me?.id ?? ""}`; }

function loadReplies() {
  try {
    const saved = JSON.parse(localStorage.getItem(repliesKey()) ?? "null");
    if (saved && Array.isArray(saved.en) && Array.isArray(saved.id)) return saved;
  } catch { /* a damaged entry: the defaults */ }
  return defaultReplies;
}

function repliesFor(language) {
  const all = loadReplies();
  return all[language] ?? all.en;
}

function renderReplies(language, onPick) {
  const box = $("replies");
  box.replaceChildren(...repliesFor(language).map((text) => {
    const button = el("button", null, text, "reply");
    button.type = "button";
    button.lang = language;
    button.addEventListener("click", () => onPick(text));
    return button;
  }));
}

function openRepliesEditor() {
  const all = loadReplies();
  $("replies-en").value = all.en.join("\n");
  $("replies-id").value = all.id.join("\n");
  $("replies-dialog").showModal();
  $("replies-en").focus();
}

const lines = (text) => text.split("\n").map((t) => t.trim()).filter((t) => t.length > 0).slice(0, 20).map((t) => t.slice(0, 500));

$("edit-replies").addEventListener("click", openRepliesEditor);
$("replies-form").addEventListener("submit", (e) => {
  e.preventDefault();
  localStorage.setItem(repliesKey(), JSON.stringify({ en: lines($("replies-en").value), id: lines($("replies-id").value) }));
  $("replies-dialog").close();
  if (desk.detail) renderDetail();
});
$("replies-reset").addEventListener("click", () => {
  $("replies-en").value = defaultReplies.en.join("\n");
  $("replies-id").value = defaultReplies.id.join("\n");
});
$("replies-cancel").addEventListener("click", () => $("replies-dialog").close());
// A closed dialog (Save, Cancel or Escape) gives focus back to what opened it.
$("replies-dialog").addEventListener("close", () => $("edit-replies").focus());
